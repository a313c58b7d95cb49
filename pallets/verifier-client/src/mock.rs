//! A runtime with System, Balances and the client, sending through the router and executor of
//! `genochain_test_utils::xcm`. Answers come from signed accounts standing for locations
//! ([`location_of`]); the XCM simulator runs the client against the real Genochain.

use crate as pallet_verifier_client;
use genochain_primitives::verification::ProvenanceRequirement;
pub use genochain_test_utils::xcm::{MockExecutor, MockRouter, Route, DELIVERY_PRICE};
use polkadot_sdk::{
	frame_support::{
		derive_impl, parameter_types,
		traits::{ConstU128, ConstU32, ConstU64, EnsureOrigin, Equals},
	},
	frame_system, pallet_balances,
	sp_io::TestExternalities,
	sp_runtime::{traits::TryConvert, BuildStorage},
	staging_xcm::latest::{prelude::*, InteriorLocation, Location},
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
	#[runtime::pallet_index(7)]
	pub type VerifierClient = pallet_verifier_client;
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
	type ExistentialDeposit = ConstU64<1>;
}

/// Genochain's parachain id.
pub const GENOCHAIN: u32 = 1000;
/// This chain's parachain id.
pub const THIS_CHAIN: u32 = 2000;
/// Another parachain.
pub const OTHER_CHAIN: u32 = 2001;
pub const REQUESTER: u64 = 10_001;
pub const OTHER_REQUESTER: u64 = 10_002;
pub const POOR: u64 = 10_003;
/// Pays the deposit but not the fee charge.
pub const SHORT_OF_FEE: u64 = 10_004;
pub const DEPOSIT: u64 = 100;
/// What a requester pays for a query's GENE.
pub const FEE_CHARGE: u64 = 40;
/// Who receives the fee charges.
pub const COLLECTOR: u64 = 10_100;
pub const FEE: u128 = 5_000;
pub const TIMEOUT: u64 = 10;
pub const MAX_QUERIES: u32 = 2;

parameter_types! {
	pub GenochainLocation: Location = Location::new(1, [Parachain(GENOCHAIN)]);
	pub ThisChain: InteriorLocation = [GlobalConsensus(NetworkId::Polkadot), Parachain(THIS_CHAIN)].into();
	/// What this chain requires of anchors' provenance; tests raise it.
	pub const Collector: u64 = COLLECTOR;
	pub storage RequiredProvenance: ProvenanceRequirement = ProvenanceRequirement::Any;
}

impl pallet_verifier_client::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Verifiers = Equals<GenochainLocation>;
	type VerifierOrigin = EnsureLocation;
	type XcmSender = MockRouter;
	type XcmExecutor = MockExecutor;
	type AccountIdToLocation = AccountToLocation;
	type UniversalLocation = ThisChain;
	type QueryFee = ConstU128<FEE>;
	type RequiredProvenance = RequiredProvenance;
	type QueryDeposit = ConstU64<DEPOSIT>;
	type QueryFeeCharge = ConstU64<FEE_CHARGE>;
	type FeeCollector = Collector;
	type Timeout = ConstU64<TIMEOUT>;
	type MaxQueriesPerBlock = ConstU32<MAX_QUERIES>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockRouter;
	type WeightInfo = ();
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper for MockRouter {
	/// The mock router reaches every location.
	fn prepare_verifier(_: &Location) {}
}

/// The location a signed account below 10 000 stands for: that sibling parachain.
pub fn location_of(account: u64) -> Location {
	Location::new(1, [Parachain(account as u32)])
}

/// The origin of a `Transact` from [`location_of`] a signed account.
pub struct EnsureLocation;
impl EnsureOrigin<RuntimeOrigin> for EnsureLocation {
	type Success = Location;

	fn try_origin(origin: RuntimeOrigin) -> Result<Location, RuntimeOrigin> {
		match origin.clone().into() {
			Ok(frame_system::RawOrigin::Signed(account)) if account < 10_000 => {
				Ok(location_of(account))
			}
			_ => Err(origin),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<RuntimeOrigin, ()> {
		Ok(RuntimeOrigin::signed(GENOCHAIN.into()))
	}
}

/// A local account as a location, for delivery fees.
pub struct AccountToLocation;
impl<'a> TryConvert<&'a u64, Location> for AccountToLocation {
	fn try_convert(account: &'a u64) -> Result<Location, &'a u64> {
		Ok(Location::new(0, [AccountIndex64 { network: None, index: *account }]))
	}
}

/// Externalities at block 1 with the requesters funded (but [`POOR`] below the deposit and
/// [`SHORT_OF_FEE`] below the deposit and the fee charge).
pub fn new_test_ext() -> TestExternalities {
	let storage = RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig {
			balances: vec![
				(REQUESTER, 1_000),
				(OTHER_REQUESTER, 1_000),
				(POOR, DEPOSIT / 2),
				(SHORT_OF_FEE, DEPOSIT + FEE_CHARGE / 2),
			],
			..Default::default()
		},
		..Default::default()
	}
	.build_storage()
	.expect("the mock genesis builds");
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
