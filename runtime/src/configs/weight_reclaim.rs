use crate::Runtime;
use polkadot_sdk::*;

impl cumulus_pallet_weight_reclaim::Config for Runtime {
	type WeightInfo = cumulus_pallet_weight_reclaim::weights::SubstrateWeight<Runtime>;
}
