use super::xcm_config::{
	LocationToAccountId, UniversalLocation, XcmConfig, XcmOriginToLocation, XcmRouter, XcmWeigher,
};
use super::StorageDeposit;
use crate::{
	AccountId, Balances, Runtime, RuntimeCall, RuntimeEvent, RuntimeHoldReason, RuntimeOrigin,
};
use polkadot_sdk::{
	frame_support::{
		parameter_types,
		traits::{fungible::HoldConsideration, ConstU32, Contains, Nothing},
	},
	frame_system::EnsureRoot,
	staging_xcm::latest::{Asset, Location},
	staging_xcm_executor::XcmExecutor,
	*,
};

parameter_types! {
	pub const AuthorizeAliasHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::PolkadotXcm(pallet_xcm::HoldReason::AuthorizeAlias);
}

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
	/// Measured in this runtime (`make weights`): `send`, reserve transfers of GENE, claims and
	/// the version and alias calls; the calls it does not offer (teleports, `execute`) weigh
	/// more than a block.
	type WeightInfo = crate::weights::pallet_xcm::WeightInfo<Runtime>;
	type AdminOrigin = EnsureRoot<AccountId>;
	type MaxRemoteLockConsumers = ConstU32<0>;
	type RemoteLockConsumerIdentifier = ();
	/// No alias acts here (`Aliasers = Nothing`), but an account may still store its list of
	/// authorised aliasers: it holds a deposit for it, like any other record.
	type AuthorizedAliasConsideration =
		HoldConsideration<AccountId, Balances, AuthorizeAliasHoldReason, StorageDeposit>;
}
