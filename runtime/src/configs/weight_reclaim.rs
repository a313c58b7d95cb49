use crate::Runtime;
use polkadot_sdk::*;

impl cumulus_pallet_weight_reclaim::Config for Runtime {
	/// The pallet's benchmarked weights (its `SubstrateWeight` is not exported; `()` carries the
	/// same figures).
	type WeightInfo = ();
}
