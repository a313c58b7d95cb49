//! Erasure of anchors and batches by the redaction pallet.

use crate::{Anchors, AnchorsBySubject, Batches, Config, Event, Pallet, WeightInfo};
use alloc::vec;
use genochain_primitives::{
	anchor::AnchorId,
	redaction::{Erasure, RecordKind, RecordRef, Redactable, RedactionError},
};
use polkadot_sdk::{
	frame_support::{
		traits::{Consideration, Get},
		weights::Weight,
	},
	sp_runtime::DispatchError,
};

impl<T: Config> Pallet<T> {
	/// Erases anchor `id`; returns its custodian, who keeps the encrypted data.
	fn erase_anchor(id: AnchorId) -> Result<Option<T::AccountId>, RedactionError> {
		let record = Anchors::<T>::get(id).ok_or(RedactionError::NotFound)?;
		let custodian = record.anchor.custodian.clone();
		Self::take_out_anchor(id, record)?;
		Self::deposit_event(Event::AnchorErased { anchor: id });
		Ok(custodian)
	}
}

impl<T: Config> Redactable<T::AccountId> for Pallet<T> {
	fn owns(kind: RecordKind) -> bool {
		matches!(kind, RecordKind::Anchor | RecordKind::Batch)
	}

	fn contains(record: &RecordRef<T::AccountId>) -> bool {
		match record {
			RecordRef::Anchor(root) => Anchors::<T>::contains_key(root),
			RecordRef::Batch(batch) => Batches::<T>::contains_key(batch),
			_ => false,
		}
	}

	fn erase(record: &RecordRef<T::AccountId>) -> Result<Erasure<T::AccountId>, RedactionError> {
		let custodians = match record {
			RecordRef::Anchor(root) => Self::erase_anchor(*root)?.into_iter().collect(),
			RecordRef::Batch(batch) => {
				let removed = Batches::<T>::take(batch).ok_or(RedactionError::NotFound)?;
				removed.deposit.drop(&removed.lab)?;
				Self::deposit_event(Event::BatchErased { batch: *batch });
				vec![]
			}
			_ => return Err(RedactionError::NotOwned),
		};
		Ok(Erasure { records: vec![record.clone()], custodians, ..Erasure::none() })
	}

	fn erase_subject(
		subject: &T::AccountId,
		limit: u32,
	) -> Result<Erasure<T::AccountId>, DispatchError> {
		let roots = AnchorsBySubject::<T>::get(subject);
		let mut erasure = Erasure::none();
		erasure.incomplete = roots.len() > limit as usize;
		for root in roots.into_iter().take(limit as usize) {
			match Self::erase_anchor(root) {
				Ok(custodian) => erasure.merge(Erasure {
					records: vec![RecordRef::Anchor(root)],
					custodians: custodian.into_iter().collect(),
					..Erasure::none()
				}),
				// An index entry without its record: nothing to erase.
				Err(RedactionError::NotFound | RedactionError::NotOwned) => {}
				Err(RedactionError::Failed(error)) => return Err(error),
			}
		}
		Ok(erasure)
	}

	fn erase_weight(kind: RecordKind) -> Weight {
		match kind {
			// The lab's own removal does the same work.
			RecordKind::Batch => T::WeightInfo::remove_batch(),
			_ => T::WeightInfo::erase_anchors(1),
		}
	}

	fn erase_subject_weight(limit: u32) -> Weight {
		T::WeightInfo::erase_anchors(limit.min(T::MaxAnchorsPerSubject::get()))
	}
}
