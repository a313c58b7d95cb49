//! The consumer parachain: a chain that adds `pallet-verifier-client` as its documentation says —
//! Genochain's answers dispatch as Genochain's location (`XcmPassthrough`), are admitted unpaid
//! from Genochain only, and may call nothing but `receive_verdict`.

use crate::network::{GenochainLocation, ParachainXcmRouter, CONSUMER};
use genochain_primitives::currency::GENE;
use polkadot_sdk::{
	frame_support::{
		derive_impl, parameter_types,
		traits::{ConstU128, ConstU32, Disabled, Equals, Everything, Nothing},
		weights::Weight,
	},
	frame_system::{self, EnsureRoot},
	pallet_balances, pallet_xcm,
	pallet_xcm::XcmPassthrough,
	sp_runtime::{traits::IdentityLookup, AccountId32},
	staging_xcm::latest::prelude::*,
	staging_xcm_builder::{
		AliasesIntoAccountId32, AllowExplicitUnpaidExecutionFrom, EnsureXcmOrigin,
		FixedWeightBounds, FrameTransactionalProcessor, SignedToAccountId32,
	},
	staging_xcm_executor::XcmExecutor,
	xcm_simulator::mock_message_queue,
};

pub type AccountId = AccountId32;
type Block = frame_system::mocking::MockBlock<Runtime>;

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
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type MsgQueue = mock_message_queue;
	#[runtime::pallet_index(3)]
	pub type PolkadotXcm = pallet_xcm;
	#[runtime::pallet_index(20)]
	pub type VerifierClient = pallet_verifier_client;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<u128>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Runtime {
	type Balance = u128;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

impl mock_message_queue::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type XcmExecutor = XcmExecutor<XcmConfig>;
}

parameter_types! {
	pub UniversalLocation: InteriorLocation = Parachain(CONSUMER).into();
	pub const UnitWeightCost: Weight = Weight::from_parts(1_000_000, 1_000);
	pub const MaxInstructions: u32 = 100;
	pub const MaxAssetsIntoHolding: u32 = 4;
}

pub struct XcmConfig;
impl polkadot_sdk::staging_xcm_executor::Config for XcmConfig {
	type RuntimeCall = RuntimeCall;
	type XcmSender = ParachainXcmRouter<MsgQueue>;
	type XcmEventEmitter = PolkadotXcm;
	type AssetTransactor = ();
	type OriginConverter = XcmPassthrough<RuntimeOrigin>;
	type IsReserve = ();
	type IsTeleporter = ();
	type UniversalLocation = UniversalLocation;
	/// Genochain answers unpaid; nobody else executes anything here.
	type Barrier = AllowExplicitUnpaidExecutionFrom<Equals<GenochainLocation>>;
	type Weigher = FixedWeightBounds<UnitWeightCost, RuntimeCall, MaxInstructions>;
	type Trader = ();
	type ResponseHandler = PolkadotXcm;
	type AssetTrap = PolkadotXcm;
	type AssetLocker = ();
	type AssetExchanger = ();
	type SubscriptionService = PolkadotXcm;
	type PalletInstancesInfo = AllPalletsWithSystem;
	type MaxAssetsIntoHolding = MaxAssetsIntoHolding;
	type FeeManager = ();
	type MessageExporter = ();
	type UniversalAliases = Nothing;
	type CallDispatcher = RuntimeCall;
	/// The only call Genochain's answers make.
	type SafeCallFilter = pallet_verifier_client::OnlyVerdicts<Runtime>;
	type Aliasers = Nothing;
	type TransactionalProcessor = FrameTransactionalProcessor;
	type HrmpNewChannelOpenRequestHandler = ();
	type HrmpChannelAcceptedHandler = ();
	type HrmpChannelClosingHandler = ();
	type XcmRecorder = PolkadotXcm;
}

type LocalOriginToLocation = SignedToAccountId32<RuntimeOrigin, AccountId, ()>;

impl pallet_xcm::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Root sends arbitrary XCM, so the tests can forge messages.
	type SendXcmOrigin = EnsureXcmOrigin<RuntimeOrigin, LocalOriginToLocation>;
	type XcmRouter = ParachainXcmRouter<MsgQueue>;
	type ExecuteXcmOrigin = EnsureXcmOrigin<RuntimeOrigin, LocalOriginToLocation>;
	type XcmExecuteFilter = Nothing;
	type XcmExecutor = XcmExecutor<XcmConfig>;
	type XcmTeleportFilter = Nothing;
	type XcmReserveTransferFilter = Nothing;
	type Weigher = FixedWeightBounds<UnitWeightCost, RuntimeCall, MaxInstructions>;
	type UniversalLocation = UniversalLocation;
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeCall = RuntimeCall;
	const VERSION_DISCOVERY_QUEUE_SIZE: u32 = 100;
	type AdvertisedXcmVersion = pallet_xcm::CurrentXcmVersion;
	type Currency = Balances;
	type CurrencyMatcher = ();
	type TrustedLockers = ();
	type SovereignAccountOf = ();
	type MaxLockers = ConstU32<0>;
	type MaxRemoteLockConsumers = ConstU32<0>;
	type RemoteLockConsumerIdentifier = ();
	type WeightInfo = pallet_xcm::TestWeightInfo;
	type AdminOrigin = EnsureRoot<AccountId>;
	type AuthorizedAliasConsideration = Disabled;
}

/// A query's deposit on the consumer.
pub const QUERY_DEPOSIT: u128 = 1_000;
/// Blocks a query waits for its answer.
pub const TIMEOUT: u64 = 5;

impl pallet_verifier_client::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Verifiers = Equals<GenochainLocation>;
	type VerifierOrigin = pallet_xcm::EnsureXcm<Everything>;
	type XcmSender = ParachainXcmRouter<MsgQueue>;
	type XcmExecutor = XcmExecutor<XcmConfig>;
	type AccountIdToLocation = AliasesIntoAccountId32<(), AccountId>;
	type UniversalLocation = UniversalLocation;
	type QueryFee = ConstU128<GENE>;
	type QueryDeposit = ConstU128<QUERY_DEPOSIT>;
	type Timeout = polkadot_sdk::frame_support::traits::ConstU64<TIMEOUT>;
	type MaxQueriesPerBlock = ConstU32<8>;
	type WeightInfo = ();
}
