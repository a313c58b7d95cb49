//! Naming any record on Genochain, and the trait through which the redaction pallet erases the
//! records every other pallet owns.
//!
//! A pallet that keeps records of data subjects implements [`Redactable`] for the kinds of
//! [`RecordRef`] it owns. Erasing removes the record from state, returns its deposit and reports
//! what was removed and which custodians keep off-chain data of it, so the caller can charge the
//! work and ask those custodians to confirm the deletion. The runtime joins the pallets into one
//! implementation with a tuple: each request goes to the pallet that owns its kind.

use crate::{
	anchor::{AnchorId, BatchId},
	consent::{ConsentId, DatasetId},
	market::StudyId,
};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::sp_runtime::{DispatchError, Weight};
use scale_info::TypeInfo;

/// Identifies an erasure case: the custodians' confirmations of one erasure.
pub type CaseId = u64;

/// Identifies a request to redact a record of someone else.
pub type RequestId = u64;

/// Any record a redaction can remove.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
)]
pub enum RecordRef<AccountId> {
	/// A consent (pallet-consent).
	Consent(ConsentId),
	/// A genome anchor, by its root (pallet-genome-anchor).
	Anchor(AnchorId),
	/// A lab batch, by its batch root (pallet-genome-anchor).
	Batch(BatchId),
	/// A study (pallet-data-market).
	Study(StudyId),
	/// A contributor's enrolment in a study (pallet-data-market).
	Enrolment {
		/// The study.
		study: StudyId,
		/// The contributor.
		contributor: AccountId,
	},
	/// The total a contributor has been paid by studies (pallet-data-market).
	Earnings(AccountId),
	/// An accession a custodian registered for a subject, by its dataset id (pallet-consent).
	Accession(DatasetId),
}

/// The kind of a record, as a tombstone remembers it: never its content.
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
	serde::Serialize,
	serde::Deserialize,
)]
pub enum RecordKind {
	/// A consent.
	Consent,
	/// A genome anchor.
	Anchor,
	/// A lab batch.
	Batch,
	/// A study.
	Study,
	/// An enrolment in a study.
	Enrolment,
	/// A contributor's earnings total.
	Earnings,
	/// A custodian's accession.
	Accession,
}

impl RecordKind {
	/// Every kind.
	pub const ALL: [RecordKind; 7] = [
		RecordKind::Consent,
		RecordKind::Anchor,
		RecordKind::Batch,
		RecordKind::Study,
		RecordKind::Enrolment,
		RecordKind::Earnings,
		RecordKind::Accession,
	];
}

impl<AccountId> RecordRef<AccountId> {
	/// The record's kind.
	pub fn kind(&self) -> RecordKind {
		match self {
			RecordRef::Consent(_) => RecordKind::Consent,
			RecordRef::Anchor(_) => RecordKind::Anchor,
			RecordRef::Batch(_) => RecordKind::Batch,
			RecordRef::Study(_) => RecordKind::Study,
			RecordRef::Enrolment { .. } => RecordKind::Enrolment,
			RecordRef::Earnings(_) => RecordKind::Earnings,
			RecordRef::Accession(_) => RecordKind::Accession,
		}
	}
}

/// What an erasure removed.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Erasure<AccountId> {
	/// The records removed from state, their deposits returned.
	pub records: Vec<RecordRef<AccountId>>,
	/// Records kept because money is still owed on them (a delivery waiting for its payout or
	/// the committee's verdict): they go, and leave nothing of the subject, once settled.
	pub retained: Vec<RecordRef<AccountId>>,
	/// The custodians that keep off-chain data of the removed records and must delete it.
	pub custodians: Vec<AccountId>,
	/// The accessors that received the subject's data under a recorded access and must delete
	/// their copies.
	pub recipients: Vec<AccountId>,
	/// Whether records of the subject remain that did not fit in the limit of the call.
	pub incomplete: bool,
}

impl<AccountId: PartialEq> Erasure<AccountId> {
	/// Nothing removed, nothing left.
	pub fn none() -> Self {
		Self {
			records: Vec::new(),
			retained: Vec::new(),
			custodians: Vec::new(),
			recipients: Vec::new(),
			incomplete: false,
		}
	}

	/// Adds what `other` removed; custodians and recipients are listed once.
	pub fn merge(&mut self, other: Erasure<AccountId>) {
		self.records.extend(other.records);
		self.retained.extend(other.retained);
		add_once(&mut self.custodians, other.custodians);
		add_once(&mut self.recipients, other.recipients);
		self.incomplete |= other.incomplete;
	}
}

/// Appends each of `accounts` to `list` unless it is there already.
pub fn add_once<AccountId: PartialEq>(
	list: &mut Vec<AccountId>,
	accounts: impl IntoIterator<Item = AccountId>,
) {
	for account in accounts {
		if !list.contains(&account) {
			list.push(account);
		}
	}
}

/// Why a record is gone, kept in its place when it is erased: never its content.
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
pub struct Tombstone<BlockNumber> {
	/// What kind of record it was.
	pub kind: RecordKind,
	/// The block that erased it.
	pub erased_at: BlockNumber,
	/// The erasure case of the custodians' confirmations.
	pub case: CaseId,
	/// The committee-approved request that erased it; `None` when its subject erased it.
	pub request: Option<RequestId>,
}

/// What a query for one record finds.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	Clone,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum Lookup<T, BlockNumber> {
	/// The record as it stands.
	Found(T),
	/// The record was erased; its tombstone says when and why.
	Redacted(Tombstone<BlockNumber>),
	/// No such record was ever kept, or it ended the ordinary way (expired, settled, removed).
	NotFound,
}

/// An erasure case as apps see it: which custodians have confirmed deleting their off-chain
/// copies and which have not yet.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	Clone,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct ErasureCaseView<AccountId, BlockNumber> {
	/// The case.
	pub case: CaseId,
	/// The block of the erasure.
	pub opened_at: BlockNumber,
	/// The committee-approved request behind it; `None` for a subject's own erasure.
	pub request: Option<RequestId>,
	/// Custodians that confirmed the deletion.
	pub confirmed: Vec<AccountId>,
	/// Custodians yet to confirm.
	pub pending: Vec<AccountId>,
	/// Recipients of the data (accessors under recorded accesses) that confirmed the deletion.
	pub confirmed_recipients: Vec<AccountId>,
	/// Recipients yet to confirm.
	pub pending_recipients: Vec<AccountId>,
	/// The last block for confirmations.
	pub deadline: BlockNumber,
	/// Custodians and recipients yet to confirm after the deadline: overdue.
	pub overdue: Vec<AccountId>,
}

/// Why a record could not be erased.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RedactionError {
	/// No record of this kind has this reference (never existed, or already removed).
	NotFound,
	/// No pallet here owns records of this kind.
	NotOwned,
	/// Erasing failed for another reason (a deposit could not be returned).
	Failed(DispatchError),
}

impl From<DispatchError> for RedactionError {
	fn from(error: DispatchError) -> Self {
		RedactionError::Failed(error)
	}
}

/// Records a pallet owns and the redaction pallet may remove.
pub trait Redactable<AccountId> {
	/// Whether records of `kind` belong here.
	fn owns(kind: RecordKind) -> bool;

	/// Whether `record` is in state.
	fn contains(record: &RecordRef<AccountId>) -> bool;

	/// Removes `record` from state and returns its deposit, whoever it belongs to.
	fn erase(record: &RecordRef<AccountId>) -> Result<Erasure<AccountId>, RedactionError>;

	/// Removes at most `limit` records of `subject`, oldest first; says whether more may remain
	/// (a limit used up exactly may report it when nothing is left: the next call then erases
	/// nothing and says so).
	fn erase_subject(subject: &AccountId, limit: u32) -> Result<Erasure<AccountId>, DispatchError>;

	/// The most [`Self::erase`] of a record of `kind` may weigh.
	fn erase_weight(kind: RecordKind) -> Weight;

	/// The most [`Self::erase_subject`] with `limit` may weigh.
	fn erase_subject_weight(limit: u32) -> Weight;
}

/// Several pallets' records as one: a record goes to the first pallet that owns its kind, and a
/// subject's records are erased pallet by pallet, in order, within one limit.
#[impl_trait_for_tuples::impl_for_tuples(1, 8)]
impl<AccountId: PartialEq> Redactable<AccountId> for Tuple {
	fn owns(kind: RecordKind) -> bool {
		for_tuples!( #( if Tuple::owns(kind) { return true; } )* );
		false
	}

	fn contains(record: &RecordRef<AccountId>) -> bool {
		let kind = record.kind();
		for_tuples!( #( if Tuple::owns(kind) { return Tuple::contains(record); } )* );
		false
	}

	fn erase(record: &RecordRef<AccountId>) -> Result<Erasure<AccountId>, RedactionError> {
		let kind = record.kind();
		for_tuples!( #( if Tuple::owns(kind) { return Tuple::erase(record); } )* );
		Err(RedactionError::NotOwned)
	}

	fn erase_subject(subject: &AccountId, limit: u32) -> Result<Erasure<AccountId>, DispatchError> {
		let mut erasure = Erasure::none();
		for_tuples!( #(
			let left = limit.saturating_sub(erasure.records.len() as u32);
			if left == 0 {
				erasure.incomplete = true;
				return Ok(erasure);
			}
			erasure.merge(Tuple::erase_subject(subject, left)?);
		)* );
		Ok(erasure)
	}

	fn erase_weight(kind: RecordKind) -> Weight {
		for_tuples!( #( if Tuple::owns(kind) { return Tuple::erase_weight(kind); } )* );
		Weight::zero()
	}

	fn erase_subject_weight(limit: u32) -> Weight {
		let mut weight = Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(Tuple::erase_subject_weight(limit)); )* );
		weight
	}
}

#[cfg(test)]
mod tests {
	#![allow(clippy::arithmetic_side_effects)]
	use super::*;
	use core::cell::Cell;

	std::thread_local! {
		static CONSENTS_LEFT: Cell<u32> = const { Cell::new(0) };
		static ANCHORS_LEFT: Cell<u32> = const { Cell::new(0) };
	}

	/// A pallet owning consents: the subject has `CONSENTS_LEFT` of them.
	struct Consents;
	/// A pallet owning anchors, kept by custodian 9: the subject has `ANCHORS_LEFT` of them.
	struct Anchors;

	fn erase_some(
		left: &'static std::thread::LocalKey<Cell<u32>>,
		limit: u32,
		record: fn(u32) -> RecordRef<u64>,
		custodians: Vec<u64>,
	) -> Erasure<u64> {
		let count = left.with(Cell::get);
		let erased = count.min(limit);
		left.with(|cell| cell.set(count - erased));
		Erasure {
			records: (0..erased).map(record).collect(),
			custodians: if erased > 0 { custodians } else { vec![] },
			incomplete: count > limit,
			..Erasure::none()
		}
	}

	impl Redactable<u64> for Consents {
		fn owns(kind: RecordKind) -> bool {
			kind == RecordKind::Consent
		}
		fn contains(_: &RecordRef<u64>) -> bool {
			true
		}
		fn erase_weight(_: RecordKind) -> Weight {
			Weight::from_parts(1, 0)
		}
		fn erase_subject_weight(limit: u32) -> Weight {
			Weight::from_parts(10 * limit as u64, 0)
		}
		fn erase(record: &RecordRef<u64>) -> Result<Erasure<u64>, RedactionError> {
			Ok(Erasure { records: vec![record.clone()], ..Erasure::none() })
		}
		fn erase_subject(_: &u64, limit: u32) -> Result<Erasure<u64>, DispatchError> {
			Ok(erase_some(&CONSENTS_LEFT, limit, |i| RecordRef::Consent(i.into()), vec![]))
		}
	}

	impl Redactable<u64> for Anchors {
		fn owns(kind: RecordKind) -> bool {
			kind == RecordKind::Anchor
		}
		fn contains(_: &RecordRef<u64>) -> bool {
			true
		}
		fn erase_weight(_: RecordKind) -> Weight {
			Weight::from_parts(2, 0)
		}
		fn erase_subject_weight(limit: u32) -> Weight {
			Weight::from_parts(20 * limit as u64, 0)
		}
		fn erase(record: &RecordRef<u64>) -> Result<Erasure<u64>, RedactionError> {
			Ok(Erasure { records: vec![record.clone()], custodians: vec![9], ..Erasure::none() })
		}
		fn erase_subject(_: &u64, limit: u32) -> Result<Erasure<u64>, DispatchError> {
			Ok(erase_some(
				&ANCHORS_LEFT,
				limit,
				|i| RecordRef::Anchor(polkadot_sdk::sp_core::H256::repeat_byte(i as u8)),
				vec![9],
			))
		}
	}

	type Both = (Consents, Anchors);

	#[test]
	fn a_record_goes_to_the_pallet_that_owns_its_kind() {
		assert!(Both::owns(RecordKind::Consent) && Both::owns(RecordKind::Anchor));
		assert!(!Both::owns(RecordKind::Study));
		let anchor = RecordRef::Anchor(Default::default());
		assert_eq!(Both::erase(&anchor).map(|erasure| erasure.custodians), Ok(vec![9]));
		assert_eq!(Both::erase(&RecordRef::Study(1)), Err(RedactionError::NotOwned));
		assert!(Both::contains(&anchor) && !Both::contains(&RecordRef::Study(1)));
	}

	#[test]
	fn weights_come_from_the_owner_and_a_subject_costs_every_pallet() {
		assert_eq!(Both::erase_weight(RecordKind::Anchor), Weight::from_parts(2, 0));
		assert_eq!(Both::erase_weight(RecordKind::Study), Weight::zero());
		assert_eq!(Both::erase_subject_weight(3), Weight::from_parts(30 + 60, 0));
	}

	#[test]
	fn a_subject_is_erased_pallet_by_pallet_within_one_limit() {
		CONSENTS_LEFT.with(|left| left.set(2));
		ANCHORS_LEFT.with(|left| left.set(3));
		let first = Both::erase_subject(&1, 4).expect("erased");
		assert_eq!(first.records.len(), 4);
		assert_eq!(first.records[..2], [RecordRef::Consent(0), RecordRef::Consent(1)]);
		assert_eq!(first.custodians, vec![9]);
		assert!(first.incomplete);
		let rest = Both::erase_subject(&1, 4).expect("erased");
		assert_eq!(rest.records.len(), 1);
		assert!(!rest.incomplete);
		assert_eq!(Both::erase_subject(&1, 4), Ok(Erasure::none()));
	}

	#[test]
	fn a_limit_used_up_before_the_last_pallet_reports_the_erasure_incomplete() {
		CONSENTS_LEFT.with(|left| left.set(2));
		ANCHORS_LEFT.with(|left| left.set(0));
		// The anchors' pallet is not asked: it may hold more.
		let erasure = Both::erase_subject(&1, 2).expect("erased");
		assert_eq!(erasure.records.len(), 2);
		assert!(erasure.incomplete);
		assert_eq!(Both::erase_subject(&1, 2), Ok(Erasure::none()));
	}
}
