use super::{xcm_config::XcmConfig, RuntimeBlockWeights};
use crate::{Runtime, RuntimeCall, RuntimeEvent, XcmpQueue};
use polkadot_sdk::{
	cumulus_primitives_core::AggregateMessageOrigin,
	frame_support::{parameter_types, traits::ConstU32, weights::Weight},
	parachains_common::message_queue::NarrowOriginToSibling,
	sp_runtime::Perbill,
	staging_xcm_builder::ProcessXcmMessage,
	staging_xcm_executor::XcmExecutor,
	*,
};

parameter_types! {
	/// At most 35% of a block executes queued messages.
	pub MessageQueueServiceWeight: Weight =
		crate::share_of(Perbill::from_percent(35), RuntimeBlockWeights::get().max_block);
}

impl pallet_message_queue::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_message_queue::weights::SubstrateWeight<Runtime>;
	type MessageProcessor =
		ProcessXcmMessage<AggregateMessageOrigin, XcmExecutor<XcmConfig>, RuntimeCall>;
	type Size = u32;
	/// The XCMP queue only handles `Sibling(ParaId)` origins.
	type QueueChangeHandler = NarrowOriginToSibling<XcmpQueue>;
	type QueuePausedQuery = NarrowOriginToSibling<XcmpQueue>;
	type HeapSize = ConstU32<{ 103 * 1024 }>;
	type MaxStale = ConstU32<8>;
	type ServiceWeight = MessageQueueServiceWeight;
	type IdleMaxServiceWeight = MessageQueueServiceWeight;
}
