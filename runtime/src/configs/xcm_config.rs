//! How Genochain executes, pays for and routes XCM.
//!
//! The rules: only the relay chain and its executive plurality execute without paying; siblings
//! pay with GENE up front, and no other origin executes. A `Transact` may only ask the XCM
//! verifier, as the sibling itself (see `pallet_xcm_verifier`). Responses to queries this chain sent are let in. GENE is
//! the only asset held here; no asset is teleported, and reserve transfers to the relay chain
//! (which does not know GENE) are refused.
//!
//! Sending is not free: a message to a sibling (XCMP) or to the relay chain (UMP) costs its sender
//! [`BaseDeliveryFee`] plus [`TransactionByteFee`] a byte, times the route's fee factor, which
//! rises by 5 % (and 0.1 % a KiB) for every message sent while the route's queue is congested and
//! falls back as it drains: the SDK's exponential price, as the system parachains charge it. The
//! fees go to the treasury; this chain's root (its governance) and the relay chain and its
//! executive (for the replies they cause) are not charged.

use super::{transaction_payment::TransactionByteFee, TreasuryAccount, WeightToFee};
use crate::{
	AccountId, AllPalletsWithSystem, Balances, ParachainInfo, ParachainSystem, PolkadotXcm,
	Runtime, RuntimeCall, RuntimeOrigin, XcmpQueue,
};
use genochain_primitives::currency::MILLIGENE;
use polkadot_sdk::{
	frame_support::{
		parameter_types,
		traits::{ConstU32, Contains, Equals, Nothing},
	},
	pallet_xcm::XcmPassthrough,
	polkadot_parachain_primitives::primitives::Sibling,
	polkadot_runtime_common::{impls::ToAuthor, xcm_sender::ExponentialPrice},
	staging_xcm::latest::prelude::*,
	staging_xcm_builder::{
		AccountId32Aliases, AllowExplicitUnpaidExecutionFrom, AllowHrmpNotificationsFromRelayChain,
		AllowKnownQueryResponses, AllowSubscriptionsFrom, AllowTopLevelPaidExecutionFrom,
		DenyRecursively, DenyReserveTransferToRelayChain, DenyThenTry, EnsureXcmOrigin,
		FrameTransactionalProcessor, FungibleAdapter, IsConcrete, ParentIsPreset,
		SendXcmFeeToAccount, SiblingParachainConvertsVia, SignedToAccountId32, TakeWeightCredit,
		TrailingSetTopicAsId, UsingComponents, WeightInfoBounds, WithComputedOrigin,
		WithUniqueTopic, XcmFeeManagerFromComponents,
	},
	*,
};

parameter_types! {
	pub const RelayLocation: Location = Location::parent();
	/// This chain itself, as its root origin sends XCM.
	pub const RootLocation: Location = Location::here();
	/// GENE, the native token, as XCM sees it.
	pub const GeneLocation: Location = Location::here();
	/// The relay network is not fixed: the same runtime runs under Polkadot, Kusama, Paseo or a
	/// local relay chain.
	pub const RelayNetwork: Option<NetworkId> = None;
	pub UniversalLocation: InteriorLocation = Parachain(ParachainInfo::parachain_id().into()).into();
	pub const MaxInstructions: u32 = 100;
	pub const MaxAssetsIntoHolding: u32 = 64;
	/// Delivery fees are paid in GENE.
	pub const FeeAssetId: AssetId = AssetId(GeneLocation::get());
	/// The fee for delivering a message on an uncongested route, before its bytes: thirty times
	/// the fee of the smallest extrinsic, the ratio the system parachains use.
	pub const BaseDeliveryFee: u128 = 3 * MILLIGENE;
}

/// The price of a message to a sibling, by the XCMP channel's fee factor.
pub type PriceForSiblingDelivery =
	ExponentialPrice<FeeAssetId, BaseDeliveryFee, TransactionByteFee, XcmpQueue>;

/// The price of a message to the relay chain, by the UMP queue's fee factor.
pub type PriceForParentDelivery =
	ExponentialPrice<FeeAssetId, BaseDeliveryFee, TransactionByteFee, ParachainSystem>;

/// Converts a location into the account that acts for it here.
pub type LocationToAccountId = (
	// The relay chain's sovereign account.
	ParentIsPreset<AccountId>,
	// Sibling parachains' sovereign accounts.
	SiblingParachainConvertsVia<Sibling, AccountId>,
	// Plain 32-byte accounts map onto themselves.
	AccountId32Aliases<RelayNetwork, AccountId>,
);

/// Moves GENE in and out of accounts for XCM.
pub type LocalAssetTransactor = FungibleAdapter<
	Balances,
	IsConcrete<GeneLocation>,
	LocationToAccountId,
	AccountId,
	// GENE is never teleported, so no teleport accounting.
	(),
>;

/// Turns an XCM origin into a dispatch origin for `Transact`: only the `Xcm` origin kind, as the
/// location itself, which is what the XCM verifier answers (and the `SafeCallFilter` admits no
/// other call). No location dispatches as an account or as a native origin.
#[cfg(not(feature = "runtime-benchmarks"))]
pub type XcmOriginToTransactDispatchOrigin = XcmPassthrough<RuntimeOrigin>;
/// The benchmark runtime also dispatches as a sovereign account, the origin kind the `Transact`
/// benchmark of `pallet_xcm_benchmarks` uses: it measures the instruction's own cost.
#[cfg(feature = "runtime-benchmarks")]
pub type XcmOriginToTransactDispatchOrigin = (
	XcmPassthrough<RuntimeOrigin>,
	staging_xcm_builder::SovereignSignedViaLocation<LocationToAccountId, RuntimeOrigin>,
);

/// The only calls a `Transact` may make: asking the XCM verifier. (The benchmark runtime also
/// admits the remark the `Transact` benchmark dispatches.)
pub struct OnlyVerifierCalls;
impl Contains<RuntimeCall> for OnlyVerifierCalls {
	fn contains(call: &RuntimeCall) -> bool {
		#[cfg(feature = "runtime-benchmarks")]
		if matches!(call, RuntimeCall::System(frame_system::Call::remark { .. })) {
			return true;
		}
		matches!(call, RuntimeCall::XcmVerifier(pallet_xcm_verifier::Call::verify { .. }))
	}
}

/// The relay chain and its executive body: the only origins that execute without paying.
pub struct ParentOrParentsExecutivePlurality;
impl Contains<Location> for ParentOrParentsExecutivePlurality {
	fn contains(location: &Location) -> bool {
		matches!(location.unpack(), (1, []) | (1, [Plurality { id: BodyId::Executive, .. }]))
	}
}

/// The relay chain and sibling parachains: who may subscribe to our XCM version.
pub struct ParentOrSiblings;
impl Contains<Location> for ParentOrSiblings {
	fn contains(location: &Location) -> bool {
		matches!(location.unpack(), (1, []) | (1, [Parachain(_)]))
	}
}

/// Which incoming messages are executed at all.
pub type Barrier = TrailingSetTopicAsId<
	DenyThenTry<
		// Reserve transfers of GENE to the relay chain would strand the funds there, also when
		// nested inside another instruction.
		DenyRecursively<DenyReserveTransferToRelayChain>,
		(
			TakeWeightCredit,
			// Answers to queries this chain sent.
			AllowKnownQueryResponses<PolkadotXcm>,
			WithComputedOrigin<
				(
					// The relay chain and siblings execute if the message buys its execution
					// first (a sibling's query to the verifier is paid from its sovereign
					// account).
					AllowTopLevelPaidExecutionFrom<ParentOrSiblings>,
					// Only the relay chain (and its executive) executes unpaid.
					AllowExplicitUnpaidExecutionFrom<ParentOrParentsExecutivePlurality>,
					// XCM version subscriptions from the relay chain and siblings.
					AllowSubscriptionsFrom<ParentOrSiblings>,
					// HRMP channel notifications from the relay chain.
					AllowHrmpNotificationsFromRelayChain,
				),
				UniversalLocation,
				ConstU32<8>,
			>,
		),
	>,
>;

/// Weighs XCM messages, each instruction by its benchmark (`weights::xcm`), at most
/// `MaxInstructions` of them.
pub type XcmWeigher = WeightInfoBounds<
	crate::weights::xcm::GenochainXcmWeight<RuntimeCall>,
	RuntimeCall,
	MaxInstructions,
>;

pub struct XcmConfig;
impl staging_xcm_executor::Config for XcmConfig {
	type RuntimeCall = RuntimeCall;
	type XcmSender = XcmRouter;
	type XcmEventEmitter = PolkadotXcm;
	type AssetTransactor = LocalAssetTransactor;
	type OriginConverter = XcmOriginToTransactDispatchOrigin;
	/// No chain is trusted as a reserve: the only asset Genochain holds is GENE, of which it is the
	/// reserve itself.
	type IsReserve = ();
	/// No teleports.
	type IsTeleporter = ();
	type UniversalLocation = UniversalLocation;
	type Barrier = Barrier;
	type Weigher = XcmWeigher;
	/// Execution is paid in GENE; the fee goes to the block author.
	type Trader =
		UsingComponents<WeightToFee, GeneLocation, AccountId, Balances, ToAuthor<Runtime>>;
	type ResponseHandler = PolkadotXcm;
	type AssetTrap = PolkadotXcm;
	type AssetLocker = ();
	type AssetExchanger = ();
	type SubscriptionService = PolkadotXcm;
	type PalletInstancesInfo = AllPalletsWithSystem;
	type MaxAssetsIntoHolding = MaxAssetsIntoHolding;
	/// Delivery fees charged to senders go to the treasury account. This chain's own root (its
	/// governance) sends without paying, and the relay chain and its executive do not pay for the
	/// messages their own messages make this chain send.
	type FeeManager = XcmFeeManagerFromComponents<
		(Equals<RootLocation>, ParentOrParentsExecutivePlurality),
		SendXcmFeeToAccount<Self::AssetTransactor, TreasuryAccount>,
	>;
	type MessageExporter = ();
	type UniversalAliases = Nothing;
	type CallDispatcher = RuntimeCall;
	type SafeCallFilter = OnlyVerifierCalls;
	type Aliasers = Nothing;
	type TransactionalProcessor = FrameTransactionalProcessor;
	type HrmpNewChannelOpenRequestHandler = ();
	type HrmpChannelAcceptedHandler = ();
	type HrmpChannelClosingHandler = ();
	type XcmRecorder = PolkadotXcm;
}

/// Local signed origins become `AccountId32` locations when they send XCM.
pub type LocalOriginToLocation = SignedToAccountId32<RuntimeOrigin, AccountId, RelayNetwork>;

/// Where outgoing XCM goes: UMP to the relay chain, XCMP (HRMP) to siblings, each at its price.
pub type XcmRouter = WithUniqueTopic<(
	cumulus_primitives_utility::ParentAsUmp<ParachainSystem, PolkadotXcm, PriceForParentDelivery>,
	XcmpQueue,
)>;

pub type XcmOriginToLocation = EnsureXcmOrigin<RuntimeOrigin, LocalOriginToLocation>;
