use super::collective::RootOrCouncilTwoThirds;
use crate::{AccountId, Balance, Balances, Redaction, Registry, Runtime, RuntimeHoldReason};
use genochain_primitives::currency::deposit;
use polkadot_sdk::frame_support::{
	parameter_types,
	traits::{fungible::HoldConsideration, ConstU32, LinearStoragePrice},
};

parameter_types! {
	pub const AnchorDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::GenomeAnchor(pallet_genome_anchor::HoldReason::AnchorDeposit);
	pub const BatchDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::GenomeAnchor(pallet_genome_anchor::HoldReason::BatchDeposit);
	pub const AnchorDepositBase: Balance = deposit(1, 0);
	pub const AnchorDepositPerByte: Balance = deposit(0, 1);
}

/// One item plus the record's bytes, as every other deposit on Genochain.
type RecordPrice = LinearStoragePrice<AnchorDepositBase, AnchorDepositPerByte, Balance>;

impl pallet_genome_anchor::Config for Runtime {
	type RuntimeHoldReason = RuntimeHoldReason;
	type AnchorConsideration =
		HoldConsideration<AccountId, Balances, AnchorDepositReason, RecordPrice>;
	type BatchConsideration =
		HoldConsideration<AccountId, Balances, BatchDepositReason, RecordPrice>;
	type Accreditation = Registry;
	type Tombstones = Redaction;
	/// The Council accredits labs, so it also withdraws an attestation it no longer trusts.
	type AttestationAuthority = RootOrCouncilTwoThirds;
	/// Versions of one genome and genomes of one subject (e.g. tumour and germline) together;
	/// old versions can be removed to make room.
	type MaxAnchorsPerSubject = ConstU32<32>;
	type WeightInfo = pallet_genome_anchor::weights::SubstrateWeight<Runtime>;
}
