use crate::{Runtime, RuntimeCall, RuntimeEvent};
use polkadot_sdk::*;

/// Sudo exists for development and test networks; a production genesis sets no key and the
/// Council governs.
impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}
