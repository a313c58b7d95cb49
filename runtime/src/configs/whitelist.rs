//! The Council's path to Root, now that a production chain has no sudo key.
//!
//! A two-thirds Council motion whitelists the hash of one call (`whitelist_call`); a Council
//! member then dispatches that exact call as Root (`dispatch_whitelisted_call_with_preimage`,
//! through `Council::execute`). What the Council votes on is the hash, which anyone can check
//! against a call built from the source (see docs/GOVERNANCE.md). A member may also dispatch
//! first: the call is deferred, and once the Council whitelists it any account may relay it
//! within a motion's duration.

use super::collective::{MotionDuration, RootOrCouncilMember, RootOrCouncilTwoThirds};
use crate::{Preimage, Runtime, RuntimeCall, RuntimeEvent, System};
use polkadot_sdk::*;

impl pallet_whitelist::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WhitelistOrigin = RootOrCouncilTwoThirds;
	type DispatchWhitelistedOrigin = RootOrCouncilMember;
	type Preimages = Preimage;
	/// A deferred dispatch waits as long as a Council motion is open.
	type DeferredDispatchExpiration = MotionDuration;
	type BlockNumberProvider = System;
	type WeightInfo = pallet_whitelist::weights::SubstrateWeight<Runtime>;
}
