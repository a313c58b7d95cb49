//! Erasure of consents by the redaction pallet.

use crate::{Config, Consents, ConsentsBySubject, Event, Pallet, WeightInfo};
use alloc::vec;
use genochain_primitives::{
	consent::ConsentId,
	redaction::{Erasure, RecordKind, RecordRef, Redactable, RedactionError},
};
use polkadot_sdk::{
	frame_support::{traits::Get, weights::Weight},
	sp_runtime::DispatchError,
};

impl<T: Config> Pallet<T> {
	fn erase_consent(consent_id: ConsentId) -> Result<(), RedactionError> {
		let record = Consents::<T>::get(consent_id).ok_or(RedactionError::NotFound)?;
		Self::take_out(consent_id, record)?;
		Self::deposit_event(Event::ConsentErased { consent_id });
		Ok(())
	}
}

impl<T: Config> Redactable<T::AccountId> for Pallet<T> {
	fn owns(kind: RecordKind) -> bool {
		kind == RecordKind::Consent
	}

	fn contains(record: &RecordRef<T::AccountId>) -> bool {
		matches!(record, RecordRef::Consent(consent_id) if Consents::<T>::contains_key(consent_id))
	}

	fn erase(record: &RecordRef<T::AccountId>) -> Result<Erasure<T::AccountId>, RedactionError> {
		let RecordRef::Consent(consent_id) = record else {
			return Err(RedactionError::NotOwned);
		};
		Self::erase_consent(*consent_id)?;
		Ok(Erasure { records: vec![record.clone()], ..Erasure::none() })
	}

	fn erase_subject(
		subject: &T::AccountId,
		limit: u32,
	) -> Result<Erasure<T::AccountId>, DispatchError> {
		let consents = ConsentsBySubject::<T>::get(subject);
		let mut erasure = Erasure::none();
		erasure.incomplete = consents.len() > limit as usize;
		for consent_id in consents.into_iter().take(limit as usize) {
			match Self::erase_consent(consent_id) {
				Ok(()) => erasure.records.push(RecordRef::Consent(consent_id)),
				// An index entry without its record: nothing to erase.
				Err(RedactionError::NotFound | RedactionError::NotOwned) => {}
				Err(RedactionError::Failed(error)) => return Err(error),
			}
		}
		Ok(erasure)
	}

	fn erase_weight(_: RecordKind) -> Weight {
		T::WeightInfo::erase_consents(1)
	}

	fn erase_subject_weight(limit: u32) -> Weight {
		T::WeightInfo::erase_consents(limit.min(T::MaxConsentsPerSubject::get()))
	}
}
