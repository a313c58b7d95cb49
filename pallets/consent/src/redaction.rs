//! Erasure of consents by the redaction pallet.

use crate::{
	Accessions, AccessionsBySubject, Config, Consents, ConsentsBySubject, Event, Pallet,
	Recipients, WeightInfo,
};
use alloc::vec;
use genochain_primitives::{
	consent::{ConsentId, DatasetId},
	redaction::{add_once, Erasure, RecordKind, RecordRef, Redactable, RedactionError},
};
use polkadot_sdk::{
	frame_support::{traits::Get, weights::Weight},
	sp_runtime::DispatchError,
};

impl<T: Config> Pallet<T> {
	/// Erases consent `consent_id`; returns its subject.
	fn erase_consent(consent_id: ConsentId) -> Result<T::AccountId, RedactionError> {
		let record = Consents::<T>::get(consent_id).ok_or(RedactionError::NotFound)?;
		let subject = record.subject.clone();
		Self::take_out(consent_id, record)?;
		Self::deposit_event(Event::ConsentErased { consent_id });
		Ok(subject)
	}

	/// Erases accession `dataset`: its custodian keeps the data and must delete it.
	fn erase_accession(dataset: DatasetId) -> Result<T::AccountId, RedactionError> {
		let accession = Accessions::<T>::get(dataset).ok_or(RedactionError::NotFound)?;
		let custodian = accession.custodian.clone();
		Self::take_out_accession(dataset, accession)?;
		Self::deposit_event(Event::AccessionErased { dataset });
		Ok(custodian)
	}
}

impl<T: Config> Redactable<T::AccountId> for Pallet<T> {
	fn owns(kind: RecordKind) -> bool {
		matches!(kind, RecordKind::Consent | RecordKind::Accession)
	}

	fn contains(record: &RecordRef<T::AccountId>) -> bool {
		match record {
			RecordRef::Consent(consent_id) => Consents::<T>::contains_key(consent_id),
			RecordRef::Accession(dataset) => Accessions::<T>::contains_key(dataset),
			_ => false,
		}
	}

	fn erase(record: &RecordRef<T::AccountId>) -> Result<Erasure<T::AccountId>, RedactionError> {
		match record {
			// Who received data under this consent is not told apart from who received it under
			// the subject's others: every recipient of the subject's data is asked.
			RecordRef::Consent(consent_id) => {
				let subject = Self::erase_consent(*consent_id)?;
				Ok(Erasure {
					records: vec![record.clone()],
					recipients: Recipients::<T>::get(subject).into_inner(),
					..Erasure::none()
				})
			}
			RecordRef::Accession(dataset) => {
				let custodian = Self::erase_accession(*dataset)?;
				Ok(Erasure {
					records: vec![record.clone()],
					custodians: vec![custodian],
					..Erasure::none()
				})
			}
			_ => Err(RedactionError::NotOwned),
		}
	}

	/// Erases the subject's consents, then their accessions, `limit` records in all, and names
	/// every recipient of their data (those named once are not named again by a later call).
	fn erase_subject(
		subject: &T::AccountId,
		limit: u32,
	) -> Result<Erasure<T::AccountId>, DispatchError> {
		let consents = ConsentsBySubject::<T>::get(subject);
		let accessions = AccessionsBySubject::<T>::get(subject);
		let mut erasure =
			Erasure { recipients: Recipients::<T>::take(subject).into_inner(), ..Erasure::none() };
		erasure.incomplete = consents.len().saturating_add(accessions.len()) > limit as usize;
		let consent_limit = consents.len().min(limit as usize);
		for consent_id in consents.into_iter().take(consent_limit) {
			match Self::erase_consent(consent_id) {
				Ok(_) => erasure.records.push(RecordRef::Consent(consent_id)),
				// An index entry without its record: nothing to erase.
				Err(RedactionError::NotFound | RedactionError::NotOwned) => {}
				Err(RedactionError::Failed(error)) => return Err(error),
			}
		}
		for dataset in accessions.into_iter().take((limit as usize).saturating_sub(consent_limit)) {
			match Self::erase_accession(dataset) {
				Ok(custodian) => {
					erasure.records.push(RecordRef::Accession(dataset));
					add_once(&mut erasure.custodians, [custodian]);
				}
				Err(RedactionError::NotFound | RedactionError::NotOwned) => {}
				Err(RedactionError::Failed(error)) => return Err(error),
			}
		}
		Ok(erasure)
	}

	fn erase_weight(kind: RecordKind) -> Weight {
		match kind {
			RecordKind::Accession => T::WeightInfo::erase_accessions(1),
			_ => T::WeightInfo::erase_consents(1),
		}
	}

	/// Weighed as if every record erased were the costlier kind, up to the most of each.
	fn erase_subject_weight(limit: u32) -> Weight {
		T::WeightInfo::erase_consents(limit.min(T::MaxConsentsPerSubject::get())).saturating_add(
			T::WeightInfo::erase_accessions(limit.min(T::MaxAccessionsPerSubject::get())),
		)
	}
}
