use crate::{
	time::HOURS, Balances, BlockNumber, CollatorSelection, Runtime, RuntimeEvent, SessionKeys,
};
use genochain_primitives::{currency::deposit, Balance};
use polkadot_sdk::{frame_support::parameter_types, sp_runtime::traits::OpaqueKeys, *};

parameter_types! {
	/// Collators rotate every six hours.
	pub const Period: BlockNumber = 6 * HOURS;
	pub const Offset: BlockNumber = 0;
	/// Anyone may register session keys, so they are paid for: one item of one 32-byte key.
	pub const SessionKeyDeposit: Balance = deposit(1, 32);
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = <Self as polkadot_sdk::frame_system::Config>::AccountId;
	/// Collators have no stash/controller split: the account is the collator.
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	type ShouldEndSession = pallet_session::PeriodicSessions<Period, Offset>;
	type NextSessionRotation = pallet_session::PeriodicSessions<Period, Offset>;
	type SessionManager = CollatorSelection;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}
