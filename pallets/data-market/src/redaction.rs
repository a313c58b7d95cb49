//! Erasure of studies and enrolments by the redaction pallet.
//!
//! An enrolment not yet delivered is withdrawn: its consent revoked, its slot freed (or released
//! to the researcher if the study is closed). A delivery already confirmed is money owed: erasure
//! never takes a contributor's earnings, so such an enrolment is kept, marked, and paid or refunded
//! as usual; then it leaves nothing of the contributor behind. A contributor's earnings total goes
//! too. A study goes with its enrolments refunded, once it owes no delivery.

use crate::{
	Config, Earned, EnrolmentRecordOf, Enrolments, EnrolmentsOf, Error, Event, Pallet,
	RefundReason, Studies, WeightInfo,
};
use alloc::vec::Vec;
use genochain_primitives::{
	market::{EnrolmentStatus, StudyId, StudyStatus},
	redaction::{Erasure, RecordKind, RecordRef, Redactable, RedactionError},
};
use polkadot_sdk::{
	frame_support::{
		traits::{Consideration, Get},
		weights::Weight,
	},
	sp_runtime::DispatchError,
};

/// What became of an enrolment asked to be erased.
enum EnrolmentErasure {
	/// Withdrawn and removed.
	Erased,
	/// A delivery is owed on it: kept until paid or refunded.
	Retained,
}

impl<T: Config> Pallet<T> {
	fn erase_enrolment(
		study_id: StudyId,
		contributor: &T::AccountId,
		mut enrolment: EnrolmentRecordOf<T>,
	) -> Result<EnrolmentErasure, RedactionError> {
		if enrolment.status != EnrolmentStatus::Enrolled {
			if !enrolment.erasure_requested {
				enrolment.erasure_requested = true;
				Enrolments::<T>::insert(study_id, contributor, enrolment);
			}
			return Ok(EnrolmentErasure::Retained);
		}
		let mut study = Studies::<T>::get(study_id).ok_or(RedactionError::NotFound)?;
		Self::revoke_consent(contributor, &enrolment)?;
		Self::end_enrolment(study_id, &mut study, contributor, &enrolment);
		if study.status == StudyStatus::Closed {
			// A closed study takes nobody in the freed slot: it goes back to the researcher.
			Self::release(&mut study, 1)?;
		}
		Self::deposit_event(Event::EnrolmentErased { study_id });
		Self::store(study_id, study)?;
		Ok(EnrolmentErasure::Erased)
	}

	/// Cancels the study, refunding its enrolments, and removes it with its deposit; refused while
	/// a delivery is owed.
	fn erase_study(study_id: StudyId) -> Result<(), RedactionError> {
		let mut study = Studies::<T>::get(study_id).ok_or(RedactionError::NotFound)?;
		let enrolments: Vec<_> = Enrolments::<T>::iter_prefix(study_id).collect();
		if enrolments.iter().any(|(_, enrolment)| enrolment.status != EnrolmentStatus::Enrolled) {
			return Err(RedactionError::Failed(Error::<T>::StudyOwesDeliveries.into()));
		}
		for (contributor, enrolment) in enrolments {
			let reason = RefundReason::StudyCancelled;
			Self::refund(study_id, &mut study, &contributor, &enrolment, reason)?;
		}
		let free_slots = study.owed_slots;
		Self::release(&mut study, free_slots)?;
		Studies::<T>::remove(study_id);
		study.deposit.drop(&study.researcher)?;
		Self::deposit_event(Event::StudyErased { study_id });
		Ok(())
	}
}

impl<T: Config> Redactable<T::AccountId> for Pallet<T> {
	fn owns(kind: RecordKind) -> bool {
		matches!(kind, RecordKind::Study | RecordKind::Enrolment | RecordKind::Earnings)
	}

	fn contains(record: &RecordRef<T::AccountId>) -> bool {
		match record {
			RecordRef::Study(study_id) => Studies::<T>::contains_key(study_id),
			RecordRef::Enrolment { study, contributor } => {
				Enrolments::<T>::contains_key(study, contributor)
			}
			RecordRef::Earnings(contributor) => Earned::<T>::contains_key(contributor),
			_ => false,
		}
	}

	fn erase(record: &RecordRef<T::AccountId>) -> Result<Erasure<T::AccountId>, RedactionError> {
		let mut erasure = Erasure::none();
		match record {
			RecordRef::Study(study_id) => {
				Self::erase_study(*study_id)?;
				erasure.records.push(record.clone());
			}
			RecordRef::Enrolment { study, contributor } => {
				let enrolment =
					Enrolments::<T>::get(study, contributor).ok_or(RedactionError::NotFound)?;
				match Self::erase_enrolment(*study, contributor, enrolment)? {
					EnrolmentErasure::Erased => erasure.records.push(record.clone()),
					EnrolmentErasure::Retained => erasure.retained.push(record.clone()),
				}
			}
			RecordRef::Earnings(contributor) => {
				Earned::<T>::take(contributor).ok_or(RedactionError::NotFound)?;
				erasure.records.push(record.clone());
			}
			_ => return Err(RedactionError::NotOwned),
		}
		Ok(erasure)
	}

	/// Erases the subject's enrolments not yet delivered and their earnings total, within
	/// `limit`, and marks the delivered enrolments to leave no trace once settled.
	fn erase_subject(
		subject: &T::AccountId,
		limit: u32,
	) -> Result<Erasure<T::AccountId>, DispatchError> {
		let mut erasure = Erasure::none();
		if Earned::<T>::contains_key(subject) {
			if limit == 0 {
				erasure.incomplete = true;
				return Ok(erasure);
			}
			Earned::<T>::remove(subject);
			erasure.records.push(RecordRef::Earnings(subject.clone()));
		}
		for study in EnrolmentsOf::<T>::get(subject) {
			// An index entry without its record: nothing to erase.
			let Some(enrolment) = Enrolments::<T>::get(study, subject) else { continue };
			if enrolment.status == EnrolmentStatus::Enrolled
				&& erasure.records.len() >= limit as usize
			{
				erasure.incomplete = true;
				continue;
			}
			let record = RecordRef::Enrolment { study, contributor: subject.clone() };
			match Self::erase_enrolment(study, subject, enrolment) {
				Ok(EnrolmentErasure::Erased) => erasure.records.push(record),
				Ok(EnrolmentErasure::Retained) => erasure.retained.push(record),
				Err(RedactionError::NotFound | RedactionError::NotOwned) => {}
				Err(RedactionError::Failed(error)) => return Err(error),
			}
		}
		Ok(erasure)
	}

	fn erase_weight(kind: RecordKind) -> Weight {
		match kind {
			RecordKind::Study => T::WeightInfo::erase_study(T::MaxContributors::get()),
			// An enrolment's erasure measured with its contributor's earnings total removed too.
			_ => T::WeightInfo::erase_enrolments(1),
		}
	}

	fn erase_subject_weight(_limit: u32) -> Weight {
		// Every enrolment is read, delivered ones are marked even past the limit.
		T::WeightInfo::erase_enrolments(T::MaxEnrolmentsPerContributor::get())
	}
}
