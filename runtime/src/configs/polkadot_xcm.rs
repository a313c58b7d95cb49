use super::xcm_config::{
	LocationToAccountId, UniversalLocation, XcmConfig, XcmOriginToLocation, XcmRouter, XcmWeigher,
};
use crate::{AccountId, Balances, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin};
use polkadot_sdk::{
	frame_support::traits::{ConstU32, Contains, Nothing},
	frame_system::EnsureRoot,
	staging_xcm::latest::{Asset, Location},
	staging_xcm_executor::XcmExecutor,
	*,
};

/// Lets users reserve-transfer GENE to siblings but never to the relay chain, which holds no GENE
/// and would strand the funds.
pub struct NotToRelayChain;
impl Contains<(Location, alloc::vec::Vec<Asset>)> for NotToRelayChain {
	fn contains((destination, _assets): &(Location, alloc::vec::Vec<Asset>)) -> bool {
		*destination != Location::parent()
	}
}

impl pallet_xcm::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Signed accounts may send XCM (paying delivery) as their `AccountId32` location.
	type SendXcmOrigin = XcmOriginToLocation;
	type XcmRouter = XcmRouter;
	/// Arbitrary local XCM execution is not offered to users.
	type ExecuteXcmOrigin = XcmOriginToLocation;
	type XcmExecuteFilter = Nothing;
	type XcmExecutor = XcmExecutor<XcmConfig>;
	type XcmTeleportFilter = Nothing;
	type XcmReserveTransferFilter = NotToRelayChain;
	type Weigher = XcmWeigher;
	type UniversalLocation = UniversalLocation;
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeCall = RuntimeCall;
	const VERSION_DISCOVERY_QUEUE_SIZE: u32 = 100;
	type AdvertisedXcmVersion = pallet_xcm::CurrentXcmVersion;
	type Currency = Balances;
	type CurrencyMatcher = ();
	type TrustedLockers = ();
	type SovereignAccountOf = LocationToAccountId;
	type MaxLockers = ConstU32<8>;
	// pallet-xcm ships no benchmarked weights for a parachain of this shape, and its benchmarks do
	// not run in this runtime yet: its calls (reserve transfers of GENE) are weighed with its test
	// weights. The XCM verifier's own calls and answers are benchmarked (pallet-xcm-verifier).
	type WeightInfo = pallet_xcm::TestWeightInfo;
	type AdminOrigin = EnsureRoot<AccountId>;
	type MaxRemoteLockConsumers = ConstU32<0>;
	type RemoteLockConsumerIdentifier = ();
	/// Alias authorization is not offered, so it needs no deposit.
	type AuthorizedAliasConsideration = ();
}
