use crate::{time::SLOT_DURATION, AuraId, Runtime};
use polkadot_sdk::{
	frame_support::traits::{ConstBool, ConstU32, ConstU64},
	*,
};

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<100_000>;
	/// Several blocks may share a slot under asynchronous backing.
	type AllowMultipleBlocksPerSlot = ConstBool<true>;
	type SlotDuration = ConstU64<SLOT_DURATION>;
}
