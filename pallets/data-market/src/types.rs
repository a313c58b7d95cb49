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
	sp_runtime::traits::{CheckedMul, Saturating},
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
pub struct EnrolmentRecord<BlockNumber> {
	/// The genome enrolled.
	pub anchor: AnchorId,
	/// The consent the enrolment created: grantee the researcher, purpose the study's.
	pub consent: ConsentId,
	/// Where it stands.
	pub status: EnrolmentStatus<BlockNumber>,
	/// The contributor asked for erasure while this delivery was owed: it is still paid or
	/// refunded as usual, and then leaves no trace of them (no earnings entry).
	pub erasure_requested: bool,
}

/// A delivery waiting for its dispute window to pass, in the order deliveries were confirmed.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct QueuedPayout<AccountId, BlockNumber> {
	/// The study.
	pub study: StudyId,
	/// Who delivered.
	pub contributor: AccountId,
	/// The first block at which it is paid. An entry whose enrolment no longer shows this
	/// delivery (disputed, settled) is dropped when reached.
	pub payable_at: BlockNumber,
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
	/// The delivery was good: the contributor is paid now.
	PayContributor,
	/// The delivery was not what the study asked for: the slot goes back to the researcher and
	/// the consent is revoked.
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
