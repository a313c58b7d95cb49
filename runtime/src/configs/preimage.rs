//! Preimages: the calls behind the hashes the Council whitelists, stored so that voters can read
//! them on chain. A preimage the whitelist asks for (a whitelisted hash) is stored free; any other
//! pays the storage deposit every record on Genochain pays.

use super::{collective::RootOrCouncilTwoThirds, StorageDeposit};
use crate::{AccountId, Balances, Runtime, RuntimeEvent, RuntimeHoldReason};
use polkadot_sdk::{
	frame_support::{parameter_types, traits::fungible::HoldConsideration},
	*,
};

parameter_types! {
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
}

impl pallet_preimage::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_preimage::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	/// Requesting or dropping someone else's preimage.
	type ManagerOrigin = RootOrCouncilTwoThirds;
	type Consideration = HoldConsideration<AccountId, Balances, PreimageHoldReason, StorageDeposit>;
}
