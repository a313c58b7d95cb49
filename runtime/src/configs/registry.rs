use super::collective::RootOrCouncilTwoThirds;
use crate::Runtime;

impl pallet_registry::Config for Runtime {
	/// The Council accredits organisations by a two-thirds motion; root (sudo) on dev chains.
	type AccreditOrigin = RootOrCouncilTwoThirds;
	type WeightInfo = pallet_registry::weights::SubstrateWeight<Runtime>;
}
