//! Pausing single calls: more than half of the Council stops one call (or a whole pallet) that
//! misbehaves, and lifts the pause, while the rest of the chain runs on. The calls in
//! [`AlwaysOpen`] cannot be paused.

use super::{collective::RootOrCouncilMajority, safe_mode::AlwaysOpen};
use crate::{Runtime, RuntimeCall, RuntimeEvent};
use polkadot_sdk::{frame_support::traits::ConstU32, *};

impl pallet_tx_pause::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PauseOrigin = RootOrCouncilMajority;
	type UnpauseOrigin = RootOrCouncilMajority;
	type WhitelistedCalls = AlwaysOpen;
	/// Longer than any pallet or call name in the runtime.
	type MaxNameLen = ConstU32<64>;
	type WeightInfo = pallet_tx_pause::weights::SubstrateWeight<Runtime>;
}
