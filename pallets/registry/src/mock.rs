//! A runtime with only System and the registry; root accredits.

use crate as pallet_registry;
use polkadot_sdk::{
	frame_support::{derive_impl, traits::ConstU64},
	frame_system::{self, EnsureRoot},
	sp_io::TestExternalities,
	sp_runtime::BuildStorage,
};

type Block = frame_system::mocking::MockBlock<Test>;

#[polkadot_sdk::frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(RuntimeCall, RuntimeEvent, RuntimeError, RuntimeOrigin, RuntimeTask)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Registry = pallet_registry;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type BlockHashCount = ConstU64<250>;
	/// Real database weights, so that the migration's weight is checked against something.
	type DbWeight = polkadot_sdk::frame_support::weights::constants::RocksDbWeight;
}

impl pallet_registry::Config for Test {
	type AccreditOrigin = EnsureRoot<u64>;
	type WeightInfo = ();
}

/// The lab accredited at genesis.
pub const GENESIS_LAB: u64 = 10;

pub fn new_test_ext() -> TestExternalities {
	let storage = RuntimeGenesisConfig {
		registry: pallet_registry::GenesisConfig {
			organisations: vec![(GENESIS_LAB, vec![genochain_primitives::consent::Role::Lab])],
		},
		..Default::default()
	}
	.build_storage()
	.expect("the genesis of the mock builds");
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
