//! The research data marketplace as the market pallet, its runtime API, other pallets and apps
//! share it: a study's terms, and the views of studies and of a contributor's earnings.

use crate::{
	anchor::{AnchorId, ProvenanceRequirement},
	consent::{ConsentId, DataCategory, DATA_CATEGORIES},
	duo::DuoPurpose,
	fingerprint::Assembly,
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{
	sp_core::{ConstU32, H256},
	sp_runtime::BoundedBTreeSet,
};
use scale_info::TypeInfo;

/// Identifies a study.
pub type StudyId = u32;

/// The hash of a study's protocol document, which stays with the researcher and the ethics
/// committee; contributors' consents point at it.
pub type ProtocolHash = H256;

/// The hash of the reason a researcher gives for disputing a delivery; the reason itself goes to
/// the ethics committee off chain.
pub type DisputeReason = H256;

/// What a researcher offers and asks for when opening a study.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct StudyTerms<Balance, BlockNumber> {
	/// The use the study makes of the data; each contributor's consent carries it.
	pub purpose: DuoPurpose,
	/// The kinds of data each contributor shares; at least one.
	pub categories: BoundedBTreeSet<DataCategory, ConstU32<DATA_CATEGORIES>>,
	/// The reference genome the contributors' anchors must use.
	pub assembly: Assembly,
	/// What each contributor earns for a delivery, in plancks.
	pub reward: Balance,
	/// The most contributors the study pays.
	pub max_contributors: u32,
	/// The last block at which contributors may enrol.
	pub enrolment_deadline: BlockNumber,
	/// Blocks after the enrolment deadline in which custodians may still confirm deliveries;
	/// contributors' consents end with it.
	pub delivery_window: BlockNumber,
	/// The hash of the study protocol; the contributors' consents name it as their document.
	pub protocol: ProtocolHash,
	/// Whether enrolled genomes must be attested by an accredited lab. Self-asserted anchors
	/// cost nothing to make, so a study paying for genomes it cannot otherwise tell apart should
	/// require `Attested`: a lab attests a sample once, for its one subject.
	pub provenance: ProvenanceRequirement,
}

/// Where a contributor's enrolment stands.
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
pub enum EnrolmentStatus<BlockNumber> {
	/// Waiting for the custodian to deliver the data.
	Enrolled,
	/// Delivered; paid from block `payable_at` unless the researcher disputes first.
	Delivered { payable_at: BlockNumber },
	/// The researcher disputed the delivery, holding a bond; the ethics committee decides by
	/// block `decide_by`, after which the contributor is paid and receives the bond.
	Disputed { reason: DisputeReason, decide_by: BlockNumber },
}

/// Whether a study takes contributors.
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
pub enum StudyStatus {
	/// Enrolment is open until the deadline and while slots are free.
	Open,
	/// Closed by the researcher or by governance: no more enrolments, unused slots refunded;
	/// contributors already enrolled are still paid on delivery.
	Closed,
}

/// A study as apps see it (`MarketApi::open_studies`).
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct StudyView<AccountId, Balance, BlockNumber> {
	/// The study's id.
	pub id: StudyId,
	/// Who runs and pays for it.
	pub researcher: AccountId,
	/// What it offers and asks for.
	pub terms: StudyTerms<Balance, BlockNumber>,
	/// Whether it takes contributors.
	pub status: StudyStatus,
	/// The last block at which custodians may confirm deliveries.
	pub delivery_deadline: BlockNumber,
	/// Slots a contributor can still take.
	pub free_slots: u32,
	/// Contributors enrolled and not yet paid or refunded.
	pub enrolled: u32,
	/// The market's fee on each reward, held with the budget.
	pub fee_per_contributor: Balance,
	/// What the researcher still has on hold for the study: rewards and fees still owed.
	pub held: Balance,
}

/// A page of the studies open for enrolment (`MarketApi::open_studies`): a call looks at a
/// bounded run of study ids, however many studies there are.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct StudyPage<AccountId, Balance, BlockNumber> {
	/// The open studies among the ids looked at, by id.
	pub studies: alloc::vec::Vec<StudyView<AccountId, Balance, BlockNumber>>,
	/// The last id looked at, to give as `after` for the next page, when studies with higher
	/// ids were not looked at; `None` at the end.
	pub next: Option<StudyId>,
}

/// One enrolment of a contributor, as their wallet sees it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct EnrolmentView<BlockNumber> {
	/// The study.
	pub study: StudyId,
	/// The genome enrolled.
	pub anchor: AnchorId,
	/// The consent the enrolment created.
	pub consent: ConsentId,
	/// Where it stands.
	pub status: EnrolmentStatus<BlockNumber>,
}

/// What a contributor has earned and may still earn (`MarketApi::earnings`).
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct Earnings<Balance, BlockNumber> {
	/// Rewards paid out so far.
	pub paid: Balance,
	/// Rewards of delivered data, paid when their dispute window passes.
	pub pending: Balance,
	/// Rewards of enrolments still waiting for delivery.
	pub enrolled: Balance,
	/// The enrolments not yet paid, oldest first.
	pub enrolments: alloc::vec::Vec<EnrolmentView<BlockNumber>>,
}
