use crate::{Aura, Runtime};
use polkadot_sdk::{frame_support::traits::ConstU64, *};

impl pallet_timestamp::Config for Runtime {
	/// Milliseconds since the Unix epoch.
	type Moment = u64;
	/// Aura checks each block's timestamp against its slot.
	type OnTimestampSet = Aura;
	/// Zero: with asynchronous backing the slot, not a minimum period, spaces blocks.
	type MinimumPeriod = ConstU64<0>;
	type WeightInfo = pallet_timestamp::weights::SubstrateWeight<Runtime>;
}
