use super::collective::RootOrCouncilTwoThirds;
use super::PotId;
use crate::{Balances, Runtime, RuntimeEvent, Session};
use polkadot_sdk::{frame_support::traits::ConstU32, *};

impl pallet_collator_selection::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	/// Root or two thirds of the Council manage invulnerables and bonds.
	type UpdateOrigin = RootOrCouncilTwoThirds;
	type PotId = PotId;
	type MaxCandidates = ConstU32<100>;
	type MinEligibleCollators = ConstU32<1>;
	type MaxInvulnerables = ConstU32<20>;
	/// A collator that authored nothing for a whole session is removed.
	type KickThreshold = super::session::Period;
	type ValidatorId = <Self as polkadot_sdk::frame_system::Config>::AccountId;
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	type ValidatorRegistration = Session;
	type WeightInfo = pallet_collator_selection::weights::SubstrateWeight<Runtime>;
}
