use super::collective::EthicsCommitteeInstance;
use super::StorageDeposit;
use crate::{AccountId, Balances, GenomeAnchor, Redaction, Registry, Runtime, RuntimeHoldReason};
use polkadot_sdk::{
	frame_support::{
		parameter_types,
		traits::{fungible::HoldConsideration, ConstU32},
	},
	*,
};

parameter_types! {
	pub const ConsentDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Consent(pallet_consent::HoldReason::ConsentDeposit);
	/// Researchers, labs and hospitals one subject's data may go to: each is asked to delete it
	/// when the subject's data is erased, so an erasure case lists them all.
	pub const MaxRecipientsPerSubject: u32 = 64;
	pub const AccessionDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Consent(pallet_consent::HoldReason::AccessionDeposit);
}

/// The ethics committee acting as a body: a motion passed by more than half of its members.
pub type EthicsCommitteeMajority =
	pallet_collective::EnsureProportionMoreThan<AccountId, EthicsCommitteeInstance, 1, 2>;

impl pallet_consent::Config for Runtime {
	type RuntimeHoldReason = RuntimeHoldReason;
	/// The subject holds, as for every other deposit on Genochain, the consent's whole footprint:
	/// its record, its index entries (one a storage item of its own) and a recipient entry.
	type Consideration =
		HoldConsideration<AccountId, Balances, ConsentDepositReason, StorageDeposit>;
	/// The custodian holds the same price for an accession: it is a record of the subject's.
	type AccessionConsideration =
		HoldConsideration<AccountId, Balances, AccessionDepositReason, StorageDeposit>;
	type Accreditation = Registry;
	type Anchors = GenomeAnchor;
	type Tombstones = Redaction;
	/// Records pay for their tombstones into the storage fund when created.
	type TombstoneFund = Redaction;
	/// Not root: sudo on a dev chain cannot stand in for the ethics committee.
	type EthicsOrigin = EthicsCommitteeMajority;
	type MaxConsentsPerSubject = ConstU32<128>;
	/// Datasets of one subject besides their genome anchors: hospital and biobank records.
	type MaxAccessionsPerSubject = ConstU32<64>;
	type MaxRecipientsPerSubject = MaxRecipientsPerSubject;
	type WeightInfo = pallet_consent::weights::SubstrateWeight<Runtime>;
}
