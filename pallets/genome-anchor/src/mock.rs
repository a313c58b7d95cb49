//! A runtime with System, Balances and the anchor pallet; accreditation and tombstones are maps
//! the tests set, and root stands for governance.

use crate as pallet_genome_anchor;
use genochain_primitives::consent::Role;
pub use genochain_test_utils::{MapAccreditation, MapTombstones};
use polkadot_sdk::{
	frame_support::{
		derive_impl, parameter_types,
		traits::{fungible::HoldConsideration, ConstU32, ConstU64, LinearStoragePrice},
	},
	frame_system::{self, EnsureRoot},
	pallet_balances,
	sp_io::TestExternalities,
	sp_runtime::BuildStorage,
};

type Block = frame_system::mocking::MockBlock<Test>;

#[polkadot_sdk::frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeTask,
		RuntimeHoldReason,
		RuntimeFreezeReason
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type GenomeAnchor = pallet_genome_anchor;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type BlockHashCount = ConstU64<250>;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

/// The deposit for a record: 100 per item and 1 per byte.
pub type DepositPrice = LinearStoragePrice<ConstU64<100>, ConstU64<1>, u64>;

parameter_types! {
	pub const AnchorHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::GenomeAnchor(pallet_genome_anchor::HoldReason::AnchorDeposit);
	pub const BatchHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::GenomeAnchor(pallet_genome_anchor::HoldReason::BatchDeposit);
}

impl pallet_genome_anchor::Config for Test {
	type RuntimeHoldReason = RuntimeHoldReason;
	type AnchorConsideration = HoldConsideration<u64, Balances, AnchorHoldReason, DepositPrice>;
	type BatchConsideration = HoldConsideration<u64, Balances, BatchHoldReason, DepositPrice>;
	type Accreditation = MapAccreditation;
	type Tombstones = MapTombstones;
	type TombstoneFund = MapTombstones;
	type AttestationAuthority = EnsureRoot<u64>;
	type MaxAnchorsPerSubject = ConstU32<3>;
	type WeightInfo = ();
}

pub const SUBJECT: u64 = 1;
pub const LAB: u64 = 2;
/// Another accredited lab.
pub const OTHER_LAB: u64 = 6;
pub const CUSTODIAN: u64 = 3;
pub const OTHER: u64 = 4;
/// Has no funds for a deposit.
pub const PAUPER: u64 = 5;
pub const INITIAL_BALANCE: u64 = 1_000_000;

pub fn new_test_ext() -> TestExternalities {
	let storage = RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig {
			balances: [SUBJECT, LAB, CUSTODIAN, OTHER, OTHER_LAB]
				.into_iter()
				.map(|who| (who, INITIAL_BALANCE))
				.collect(),
			..Default::default()
		},
		..Default::default()
	}
	.build_storage()
	.expect("the genesis of the mock builds");
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		MapAccreditation::set(LAB, Role::Lab, true);
		MapAccreditation::set(OTHER_LAB, Role::Lab, true);
		MapAccreditation::set(CUSTODIAN, Role::Custodian, true);
	});
	ext
}
