use super::xcm_config::{PriceForSiblingDelivery, XcmOriginToTransactDispatchOrigin};
use crate::{AccountId, MessageQueue, ParachainSystem, PolkadotXcm, Runtime, RuntimeEvent};
use polkadot_sdk::{
	cumulus_primitives_core::{AggregateMessageOrigin, ParaId},
	frame_support::traits::{ConstU32, TransformOrigin},
	frame_system::EnsureRoot,
	parachains_common::message_queue::ParaIdToSibling,
	*,
};

impl cumulus_pallet_xcmp_queue::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ChannelInfo = ParachainSystem;
	type VersionWrapper = PolkadotXcm;
	/// Messages from siblings are queued in the message queue and executed from there.
	type XcmpQueue = TransformOrigin<MessageQueue, AggregateMessageOrigin, ParaId, ParaIdToSibling>;
	type MaxInboundSuspended = ConstU32<1_000>;
	type MaxActiveOutboundChannels = ConstU32<128>;
	/// Larger than the 100 KiB HRMP messages most channels allow.
	type MaxPageSize = ConstU32<{ 103 * 1024 }>;
	type ControllerOrigin = EnsureRoot<AccountId>;
	type ControllerOriginConverter = XcmOriginToTransactDispatchOrigin;
	type WeightInfo = cumulus_pallet_xcmp_queue::weights::SubstrateWeight<Runtime>;
	/// The exponential price of `xcm_config`: a congested channel costs more.
	type PriceForSiblingDelivery = PriceForSiblingDelivery;
}
