//! The study and enrolment records, and what disputes and refunds are about.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use genochain_primitives::{
	anchor::AnchorId,
	consent::ConsentId,
	market::{EnrolmentStatus, StudyId, StudyStatus, StudyTerms},
};
use polkadot_sdk::{
	frame_support::traits::fungible,
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::traits::{CheckedMul, Saturating, UniqueSaturatedFrom, UniqueSaturatedInto},
};
use scale_info::TypeInfo;

/// An amount of the currency the market escrows.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// Study terms of runtime `T`.
pub type StudyTermsOf<T> = StudyTerms<BalanceOf<T>, BlockNumberFor<T>>;

/// A study on chain.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct StudyRecord<AccountId, Balance, BlockNumber, Ticket> {
	/// Who runs and pays for it.
	pub researcher: AccountId,
	/// What it offers and asks for.
	pub terms: StudyTerms<Balance, BlockNumber>,
	/// Whether it takes contributors.
	pub status: StudyStatus,
	/// The last block at which deliveries may be confirmed: the enrolment deadline plus the
	/// delivery window. Contributors' consents end here.
	pub delivery_deadline: BlockNumber,
	/// The market's fee on each reward, fixed when the study opened.
	pub fee_per_contributor: Balance,
	/// Slots whose reward and fee are still held: free slots and live enrolments.
	pub owed_slots: u32,
	/// Live enrolments: enrolled, delivered or disputed, not yet paid or refunded.
	pub enrolled: u32,
	/// The researcher's deposit for the record and its enrolment slots.
	pub deposit: Ticket,
}

impl<AccountId, Balance, BlockNumber, Ticket> StudyRecord<AccountId, Balance, BlockNumber, Ticket>
where
	Balance: Copy + Saturating + CheckedMul + From<u32>,
{
	/// What one slot holds: the reward and the fee.
	pub fn slot_cost(&self) -> Balance {
		self.terms.reward.saturating_add(self.fee_per_contributor)
	}

	/// What `slots` slots hold, if it fits in a balance (checked when the study is created for
	/// every slot count up to the maximum).
	pub fn cost_of(&self, slots: u32) -> Option<Balance> {
		self.slot_cost().checked_mul(&Balance::from(slots))
	}

	/// Slots a contributor can take now.
	pub fn free_slots(&self) -> u32 {
		self.owed_slots.saturating_sub(self.enrolled)
	}

	/// Whether the study may take contributors at block `now`: open, its enrolment deadline not
	/// passed (whether a slot is free aside).
	pub fn enrols_at(&self, now: BlockNumber) -> bool
	where
		BlockNumber: PartialOrd,
	{
		self.status == StudyStatus::Open && now <= self.terms.enrolment_deadline
	}
}

/// A study record of runtime `T`.
pub type StudyRecordOf<T> = StudyRecord<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberFor<T>,
	<T as Config>::StudyDeposit,
>;

/// A contributor's enrolment in a study.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct EnrolmentRecord<BlockNumber, Balance> {
	/// The genome enrolled.
	pub anchor: AnchorId,
	/// The consent the enrolment created: grantee the researcher, purpose the study's.
	pub consent: ConsentId,
	/// Where it stands.
	pub status: EnrolmentStatus<BlockNumber>,
	/// The contributor asked for erasure while this delivery was owed: it is still paid or
	/// refunded as usual, and then leaves no trace of them (no earnings entry).
	pub erasure_requested: bool,
	/// Where the payout waits in [`PayoutQueue`](crate::PayoutQueue), once delivered: at the
	/// end of the dispute window, or of the committee's time to decide a dispute.
	pub payout: Option<PayoutKey>,
	/// The researcher's dispute bond held over this delivery; zero unless disputed.
	pub bond: Balance,
}

/// An enrolment record of runtime `T`.
pub type EnrolmentRecordOf<T> = EnrolmentRecord<BlockNumberFor<T>, BalanceOf<T>>;

/// Where a payout waits in the queue: the block it falls due at, then the order it was queued
/// in. Both are stored big-endian and the queue's keys are not hashed, so the queue iterates in
/// the order payouts fall due whatever the dispute window was when each was queued. The keys are
/// computed by the chain (a block number and a counter), never chosen by a caller, so leaving
/// them unhashed cannot unbalance the trie.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug,
)]
pub struct PayoutKey {
	due: [u8; 8],
	order: [u8; 8],
}

impl PayoutKey {
	/// The key of the `order`th payout queued, due at block `due`.
	pub fn new<BlockNumber: UniqueSaturatedInto<u64>>(due: BlockNumber, order: u64) -> Self {
		Self { due: due.unique_saturated_into().to_be_bytes(), order: order.to_be_bytes() }
	}

	/// Whether the payout is due at block `now`.
	pub fn is_due_at<BlockNumber: UniqueSaturatedInto<u64>>(&self, now: BlockNumber) -> bool {
		u64::from_be_bytes(self.due) <= now.unique_saturated_into()
	}

	/// The block the payout falls due at.
	pub fn due<BlockNumber: UniqueSaturatedFrom<u64>>(&self) -> BlockNumber {
		BlockNumber::unique_saturated_from(u64::from_be_bytes(self.due))
	}
}

/// A payout waiting in the queue: whose enrolment in which study.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct QueuedPayout<AccountId> {
	/// The study.
	pub study: StudyId,
	/// Who delivered.
	pub contributor: AccountId,
}

/// How the ethics committee resolves a disputed delivery.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum DisputeVerdict {
	/// The delivery was good: the contributor is paid now and receives the researcher's bond.
	PayContributor,
	/// The delivery was not what the study asked for: the slot and the bond go back to the
	/// researcher and the consent ends.
	RefundResearcher,
}

/// Why an enrolment's slot went back to the researcher unpaid.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum RefundReason {
	/// The ethics committee upheld the researcher's dispute.
	DisputeUpheld,
	/// The delivery deadline passed without a delivery.
	NotDelivered,
	/// Governance closed the study before the data was delivered.
	StudyCancelled,
}
