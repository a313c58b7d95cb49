use super::collective::RootOrCouncilTwoThirds;
use super::StorageDeposit;
use crate::{AccountId, Balances, Redaction, Registry, Runtime, RuntimeHoldReason};
use polkadot_sdk::frame_support::{
	parameter_types,
	traits::{fungible::HoldConsideration, ConstU32},
};

parameter_types! {
	pub const AnchorDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::GenomeAnchor(pallet_genome_anchor::HoldReason::AnchorDeposit);
	pub const BatchDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::GenomeAnchor(pallet_genome_anchor::HoldReason::BatchDeposit);
}

impl pallet_genome_anchor::Config for Runtime {
	type RuntimeHoldReason = RuntimeHoldReason;
	/// One item plus the record's bytes, as every other deposit on Genochain.
	type AnchorConsideration =
		HoldConsideration<AccountId, Balances, AnchorDepositReason, StorageDeposit>;
	type BatchConsideration =
		HoldConsideration<AccountId, Balances, BatchDepositReason, StorageDeposit>;
	type Accreditation = Registry;
	type Tombstones = Redaction;
	/// Records pay for their tombstones into the storage fund when created.
	type TombstoneFund = Redaction;
	/// The Council accredits labs, so it also withdraws an attestation it no longer trusts.
	type AttestationAuthority = RootOrCouncilTwoThirds;
	/// Versions of one genome and genomes of one subject (e.g. tumour and germline) together;
	/// old versions can be removed to make room.
	type MaxAnchorsPerSubject = ConstU32<32>;
	type WeightInfo = pallet_genome_anchor::weights::SubstrateWeight<Runtime>;
}
