//! Erasure of consents by the redaction pallet.

use crate::{Config, Consents, ConsentsBySubject, Event, Pallet};
use alloc::vec;
use genochain_primitives::{
	consent::ConsentId,
	redaction::{Erasure, RecordKind, RecordRef, Redactable, RedactionError},
};
use polkadot_sdk::sp_runtime::DispatchError;

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
}
