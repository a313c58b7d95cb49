//! A runtime with System, Balances and the consent pallet. Accreditation, genome anchors (as
//! datasets) and tombstones are plain maps set by the tests; root stands in for the ethics
//! committee. [`DATASET`] is the subject's genome, kept by the custodian.

use crate as pallet_consent;
use genochain_primitives::consent::Role;
pub use genochain_test_utils::{MapAccreditation, MapDatasets, MapTombstones};
use polkadot_sdk::sp_core::H256;
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
	pub type Consent = pallet_consent;
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
	pub const ConsentHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Consent(pallet_consent::HoldReason::ConsentDeposit);
	pub const AccessionHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Consent(pallet_consent::HoldReason::AccessionDeposit);
}

impl pallet_consent::Config for Test {
	type RuntimeHoldReason = RuntimeHoldReason;
	type Consideration = HoldConsideration<u64, Balances, ConsentHoldReason, DepositPrice>;
	type AccessionConsideration =
		HoldConsideration<u64, Balances, AccessionHoldReason, DepositPrice>;
	type Accreditation = MapAccreditation;
	type Anchors = MapDatasets;
	type Tombstones = MapTombstones;
	type TombstoneFund = MapTombstones;
	type EthicsOrigin = EnsureRoot<u64>;
	type MaxConsentsPerSubject = ConstU32<4>;
	type MaxAccessionsPerSubject = ConstU32<3>;
	type MaxRecipientsPerSubject = ConstU32<2>;
	type WeightInfo = ();
}

pub const SUBJECT: u64 = 1;
pub const RESEARCHER: u64 = 2;
pub const CUSTODIAN: u64 = 3;
pub const GUARDIAN: u64 = 4;
pub const OTHER: u64 = 5;
/// Has no funds for a deposit.
pub const PAUPER: u64 = 6;
/// Another accredited custodian, which keeps none of the subject's genomes.
pub const HOSPITAL: u64 = 8;
pub const INITIAL_BALANCE: u64 = 1_000_000;
/// The subject's genome anchor, kept by [`CUSTODIAN`].
pub const DATASET: H256 = H256::repeat_byte(0xd5);
/// Another genome anchor of the subject's, kept by [`CUSTODIAN`].
pub const OTHER_DATASET: H256 = H256::repeat_byte(0xd6);

pub fn new_test_ext() -> TestExternalities {
	let storage = RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig {
			balances: [SUBJECT, RESEARCHER, CUSTODIAN, GUARDIAN, OTHER, HOSPITAL]
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
		MapAccreditation::set(CUSTODIAN, Role::Custodian, true);
		MapAccreditation::set(HOSPITAL, Role::Custodian, true);
		MapAccreditation::set(RESEARCHER, Role::Researcher, true);
		MapDatasets::insert(DATASET, SUBJECT, Some(CUSTODIAN));
		MapDatasets::insert(OTHER_DATASET, SUBJECT, Some(CUSTODIAN));
	});
	ext
}
