//! A relay chain that carries the parachains' messages and executes none of its own.

use polkadot_sdk::{
	frame_support::{derive_impl, parameter_types, traits::Nothing, weights::Weight},
	frame_system, pallet_balances, pallet_message_queue,
	sp_runtime::AccountId32,
	staging_xcm::latest::prelude::*,
	staging_xcm_builder::{FixedWeightBounds, FrameTransactionalProcessor, ProcessXcmMessage},
	staging_xcm_executor::XcmExecutor,
	xcm_simulator::{
		AggregateMessageOrigin, ProcessMessage, ProcessMessageError, UmpQueueId, WeightMeter,
	},
};

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
	pub type MessageQueue = pallet_message_queue;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type AccountId = AccountId32;
	type Lookup = polkadot_sdk::sp_runtime::traits::IdentityLookup<AccountId32>;
	type AccountData = pallet_balances::AccountData<u128>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Runtime {
	type Balance = u128;
	type AccountStore = System;
}

parameter_types! {
	pub UniversalLocation: InteriorLocation = Here;
	pub const UnitWeightCost: Weight = Weight::from_parts(1_000, 1_000);
	pub const MaxInstructions: u32 = 100;
	pub const MaxAssetsIntoHolding: u32 = 4;
}

pub struct XcmConfig;
impl polkadot_sdk::staging_xcm_executor::Config for XcmConfig {
	type RuntimeCall = RuntimeCall;
	type XcmSender = ();
	type XcmEventEmitter = ();
	type AssetTransactor = ();
	type OriginConverter = ();
	type IsReserve = ();
	type IsTeleporter = ();
	type UniversalLocation = UniversalLocation;
	/// Nothing the parachains send executes here; the tests send the relay chain nothing.
	type Barrier = ();
	type Weigher = FixedWeightBounds<UnitWeightCost, RuntimeCall, MaxInstructions>;
	type Trader = ();
	type ResponseHandler = ();
	type AssetTrap = ();
	type AssetLocker = ();
	type AssetExchanger = ();
	type SubscriptionService = ();
	type PalletInstancesInfo = ();
	type MaxAssetsIntoHolding = MaxAssetsIntoHolding;
	type FeeManager = ();
	type MessageExporter = ();
	type UniversalAliases = Nothing;
	type CallDispatcher = RuntimeCall;
	type SafeCallFilter = Nothing;
	type Aliasers = Nothing;
	type TransactionalProcessor = FrameTransactionalProcessor;
	type HrmpNewChannelOpenRequestHandler = ();
	type HrmpChannelAcceptedHandler = ();
	type HrmpChannelClosingHandler = ();
	type XcmRecorder = ();
}

parameter_types! {
	pub const ServiceWeight: Weight = Weight::from_parts(1_000_000_000, 1_000_000);
}

/// Executes upward messages as from the parachain that sent them.
pub struct UpwardMessages;
impl ProcessMessage for UpwardMessages {
	type Origin = AggregateMessageOrigin;

	fn process_message(
		message: &[u8],
		origin: Self::Origin,
		meter: &mut WeightMeter,
		id: &mut [u8; 32],
	) -> Result<bool, ProcessMessageError> {
		let AggregateMessageOrigin::Ump(UmpQueueId::Para(para)) = origin;
		ProcessXcmMessage::<Junction, XcmExecutor<XcmConfig>, RuntimeCall>::process_message(
			message,
			Parachain(para.into()),
			meter,
			id,
		)
	}
}

impl pallet_message_queue::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Size = u32;
	type HeapSize = polkadot_sdk::frame_support::traits::ConstU32<65_536>;
	type MaxStale = polkadot_sdk::frame_support::traits::ConstU32<16>;
	type ServiceWeight = ServiceWeight;
	type IdleMaxServiceWeight = ();
	type MessageProcessor = UpwardMessages;
	type QueueChangeHandler = ();
	type WeightInfo = ();
	type QueuePausedQuery = ();
}
