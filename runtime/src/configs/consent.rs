use super::collective::EthicsCommitteeInstance;
use crate::{
	AccountId, Balance, Balances, GenomeAnchor, Redaction, Registry, Runtime, RuntimeHoldReason,
};
use genochain_primitives::currency::deposit;
use polkadot_sdk::{
	frame_support::{
		parameter_types,
		traits::{fungible::HoldConsideration, ConstU32, LinearStoragePrice},
	},
	*,
};

parameter_types! {
	pub const ConsentDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Consent(pallet_consent::HoldReason::ConsentDeposit);
	pub const ConsentDepositBase: Balance = deposit(1, 0);
	pub const ConsentDepositPerByte: Balance = deposit(0, 1);
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
	/// The subject holds one item plus the record's bytes, as every other deposit on Genochain.
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		ConsentDepositReason,
		LinearStoragePrice<ConsentDepositBase, ConsentDepositPerByte, Balance>,
	>;
	/// The custodian holds the same price for an accession: it is a record of the subject's.
	type AccessionConsideration = HoldConsideration<
		AccountId,
		Balances,
		AccessionDepositReason,
		LinearStoragePrice<ConsentDepositBase, ConsentDepositPerByte, Balance>,
	>;
	type Accreditation = Registry;
	type Anchors = GenomeAnchor;
	type Tombstones = Redaction;
	/// Not root: sudo on a dev chain cannot stand in for the ethics committee.
	type EthicsOrigin = EthicsCommitteeMajority;
	type MaxConsentsPerSubject = ConstU32<128>;
	/// Datasets of one subject besides their genome anchors: hospital and biobank records.
	type MaxAccessionsPerSubject = ConstU32<64>;
	type MaxRecipientsPerSubject = MaxRecipientsPerSubject;
	type WeightInfo = pallet_consent::weights::SubstrateWeight<Runtime>;
}
