use super::xcm_config::XcmConfig;
use crate::{Runtime, RuntimeEvent};
use polkadot_sdk::{staging_xcm_executor::XcmExecutor, *};

impl cumulus_pallet_xcm::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type XcmExecutor = XcmExecutor<XcmConfig>;
}
