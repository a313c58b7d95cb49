//! The two collectives: the consortium `Council`, which accredits organisations and sets
//! parameters, and the `EthicsCommittee` (a data access committee / IRB), which co-approves
//! consents and votes on redactions.

use super::RuntimeBlockWeights;
use crate::{
	time::DAYS, AccountId, BlockNumber, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin,
};
use polkadot_sdk::{
	frame_support::{
		parameter_types,
		traits::{ConstU32, EitherOfDiverse},
		weights::Weight,
	},
	frame_system::EnsureRoot,
	sp_runtime::Perbill,
	*,
};

pub type CouncilInstance = pallet_collective::Instance1;
pub type EthicsCommitteeInstance = pallet_collective::Instance2;

parameter_types! {
	/// A motion is open for a week.
	pub const MotionDuration: BlockNumber = 7 * DAYS;
	/// A motion may use at most half a block when it is executed.
	pub MaxProposalWeight: Weight =
		crate::share_of(Perbill::from_percent(50), RuntimeBlockWeights::get().max_block);
}

/// Root, or two thirds of the Council.
pub type RootOrCouncilTwoThirds = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilInstance, 2, 3>,
>;

/// Root, or more than half of the Council: the emergency brake, which must be quick to pull.
pub type RootOrCouncilMajority = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionMoreThan<AccountId, CouncilInstance, 1, 2>,
>;

/// Root, or one Council member acting alone (through `Council::execute`).
pub type RootOrCouncilMember = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureMember<AccountId, CouncilInstance>,
>;

impl pallet_collective::Config<CouncilInstance> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = MotionDuration;
	type MaxProposals = ConstU32<100>;
	type MaxMembers = ConstU32<100>;
	/// Members who do not vote follow the prime member.
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	/// Membership changes need root (sudo on dev chains) or two thirds of the Council itself.
	type SetMembersOrigin = RootOrCouncilTwoThirds;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = RootOrCouncilTwoThirds;
	type KillOrigin = RootOrCouncilTwoThirds;
	/// Proposing is open to members only, so no deposit is needed.
	type Consideration = ();
}

impl pallet_collective::Config<EthicsCommitteeInstance> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = MotionDuration;
	type MaxProposals = ConstU32<100>;
	type MaxMembers = ConstU32<50>;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	/// The Council appoints the Ethics Committee.
	type SetMembersOrigin = RootOrCouncilTwoThirds;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = RootOrCouncilTwoThirds;
	type KillOrigin = RootOrCouncilTwoThirds;
	type Consideration = ();
}
