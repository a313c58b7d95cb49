use super::{
	collective::RootOrCouncilTwoThirds, consent::EthicsCommitteeMajority, StorageDeposit,
	TreasuryAccount,
};
use crate::{
	time::DAYS, AccountId, Balances, BlockNumber, Consent, GenomeAnchor, Redaction, Registry,
	Runtime, RuntimeHoldReason,
};
use polkadot_sdk::{
	frame_support::{
		parameter_types,
		traits::{fungible::HoldConsideration, ConstU32},
	},
	sp_runtime::Permill,
};

parameter_types! {
	pub const StudyDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::DataMarket(pallet_data_market::HoldReason::StudyDeposit);
	pub const ParticipationReason: RuntimeHoldReason =
		RuntimeHoldReason::DataMarket(pallet_data_market::HoldReason::Participation);
	/// The market keeps 5% on top of each reward paid, for the consortium's treasury.
	pub const MarketFee: Permill = Permill::from_percent(5);
	/// Two days for a researcher to check a delivery before it is paid.
	pub const DefaultDisputeWindow: BlockNumber = 2 * DAYS;
	/// A fifth of the reward: disputing every delivery of a study costs a fifth of its budget
	/// again unless the committee agrees.
	pub const DisputeBond: Permill = Permill::from_percent(20);
	/// Two weeks for the ethics committee to hear both sides and decide.
	pub const DisputeDeadline: BlockNumber = 14 * DAYS;
}

impl pallet_data_market::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// One item plus the bytes of the record and all its slots, as every other deposit.
	type StudyDeposit = HoldConsideration<AccountId, Balances, StudyDepositReason, StorageDeposit>;
	/// One item plus the bytes of the note, as every other deposit.
	type ParticipationDeposit =
		HoldConsideration<AccountId, Balances, ParticipationReason, StorageDeposit>;
	type Accreditation = Registry;
	type Anchors = GenomeAnchor;
	type Consents = Consent;
	/// Studies and enrolments pay for their tombstones into the storage fund when created.
	type TombstoneFund = Redaction;
	/// The ethics committee decides disputes, as it approves consents: by a majority motion.
	type DisputeOrigin = EthicsCommitteeMajority;
	type GovernanceOrigin = RootOrCouncilTwoThirds;
	type Treasury = TreasuryAccount;
	type MarketFee = MarketFee;
	type DefaultDisputeWindow = DefaultDisputeWindow;
	type DisputeBond = DisputeBond;
	type DisputeDeadline = DisputeDeadline;
	/// A cancelled study of this size still fits one block (see `close_study` in the weights).
	type MaxContributors = ConstU32<256>;
	type MaxEnrolmentsPerContributor = ConstU32<32>;
	type MaxPayoutsPerBlock = ConstU32<32>;
	type WeightInfo = pallet_data_market::weights::SubstrateWeight<Runtime>;
}
