//! The emergency brake: more than half of the Council stops every call but the [`AlwaysOpen`]
//! ones for a day at a time, and lifts the stop as easily. Nobody else can enter safe mode: a
//! permissionless entry for a deposit would let anyone halt a medical-data chain.

use super::collective::{RootOrCouncilMajority, RootOrCouncilTwoThirds};
use crate::{time::DAYS, AccountId, Balance, Balances, BlockNumber, Runtime, RuntimeCall};
use crate::{RuntimeEvent, RuntimeHoldReason};
use polkadot_sdk::{
	frame_support::{parameter_types, traits::Contains},
	frame_system::EnsureWithSuccess,
	pallet_tx_pause::RuntimeCallNameOf,
	*,
};

/// Calls neither safe mode nor tx-pause can stop, by pallet and call (`None`: all of the
/// pallet's calls).
///
/// Block production and governance stay open, so that the chain can be repaired (collators
/// and the Council, the whitelist and preimages behind it; Root is never filtered). So do the
/// two calls that take data away from everyone: a data subject can always revoke a consent and
/// ask for erasure.
const ALWAYS_OPEN: &[(&str, Option<&str>)] = &[
	("System", None),
	("ParachainSystem", None),
	("Timestamp", None),
	("Session", None),
	("Council", None),
	("Whitelist", None),
	("Preimage", None),
	("SafeMode", None),
	("TxPause", None),
	("Consent", Some("revoke")),
	("Redaction", Some("erase_me")),
];

fn is_always_open(pallet: &[u8], call: &[u8]) -> bool {
	ALWAYS_OPEN.iter().any(|(open_pallet, open_call)| {
		open_pallet.as_bytes() == pallet
			&& open_call.is_none_or(|open_call| open_call.as_bytes() == call)
	})
}

/// The calls in [`ALWAYS_OPEN`], for safe mode (by call) and tx-pause (by name).
pub struct AlwaysOpen;

impl Contains<RuntimeCall> for AlwaysOpen {
	fn contains(call: &RuntimeCall) -> bool {
		use polkadot_sdk::frame_support::traits::GetCallMetadata;
		let metadata = call.get_call_metadata();
		is_always_open(metadata.pallet_name.as_bytes(), metadata.function_name.as_bytes())
	}
}

impl Contains<RuntimeCallNameOf<Runtime>> for AlwaysOpen {
	fn contains((pallet, call): &RuntimeCallNameOf<Runtime>) -> bool {
		is_always_open(pallet, call)
	}
}

parameter_types! {
	/// Safe mode lasts a day per entry or extension; it ends by itself unless extended.
	pub const SafeModeDuration: BlockNumber = DAYS;
	/// No permissionless entry, extension or deposit release.
	pub const NoDeposit: Option<Balance> = None;
	pub const NoReleaseDelay: Option<BlockNumber> = None;
}

/// The Council's majority, entering or extending safe mode for [`SafeModeDuration`].
pub type ForceSafeModeOrigin =
	EnsureWithSuccess<RootOrCouncilMajority, AccountId, SafeModeDuration>;

impl pallet_safe_mode::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type WhitelistedCalls = AlwaysOpen;
	type EnterDuration = SafeModeDuration;
	type ExtendDuration = SafeModeDuration;
	type EnterDepositAmount = NoDeposit;
	type ExtendDepositAmount = NoDeposit;
	type ForceEnterOrigin = ForceSafeModeOrigin;
	type ForceExtendOrigin = ForceSafeModeOrigin;
	type ForceExitOrigin = RootOrCouncilMajority;
	/// No deposits are taken; kept at the Council's two thirds should that ever change.
	type ForceDepositOrigin = RootOrCouncilTwoThirds;
	type Notify = ();
	type ReleaseDelay = NoReleaseDelay;
	type WeightInfo = pallet_safe_mode::weights::SubstrateWeight<Runtime>;
}
