use crate::{Balance, Balances, Runtime, RuntimeCall, RuntimeEvent, System};
use genochain_primitives::currency::deposit;
use polkadot_sdk::{
	frame_support::{parameter_types, traits::ConstU32},
	*,
};

parameter_types! {
	/// One storage item (the pending multisig) of 88 bytes, plus 32 bytes per signatory.
	pub const DepositBase: Balance = deposit(1, 88);
	pub const DepositFactor: Balance = deposit(0, 32);
}

impl pallet_multisig::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type DepositBase = DepositBase;
	type DepositFactor = DepositFactor;
	type MaxSignatories = ConstU32<100>;
	type WeightInfo = pallet_multisig::weights::SubstrateWeight<Runtime>;
	type BlockNumberProvider = System;
}
