//! Datasets and whose they are: genome anchors (through [`Config::Anchors`]) and the accessions
//! custodians register here for subjects who confirm them. A consent may name only a dataset of
//! its subject, and only the dataset's custodian records accesses to it.

use crate::{
	Accession, AccessionOf, Accessions, AccessionsBySubject, Config, Error, Event, Pallet,
};
use genochain_primitives::{
	consent::{AccessRefusal, DatasetId, DatasetKeeping, Role},
	redaction::RecordRef,
	storage::without,
	traits::{Accreditation, DatasetInspect, TombstoneFund, TombstoneInspect},
};
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{Consideration, Footprint},
	},
	sp_runtime::DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Whose `dataset` is and who keeps it: a genome anchor, else a confirmed accession. An
	/// unconfirmed accession is not yet anyone's.
	pub fn dataset(dataset: &DatasetId) -> Result<DatasetKeeping<T::AccountId>, AccessRefusal> {
		if let Some(keeping) = T::Anchors::dataset(dataset) {
			return Ok(keeping);
		}
		match Accessions::<T>::get(dataset) {
			Some(accession) if accession.confirmed => Ok(DatasetKeeping {
				subject: accession.subject,
				custodian: Some(accession.custodian),
			}),
			Some(_) => Err(AccessRefusal::UnknownDataset),
			None if T::Tombstones::tombstone(&RecordRef::Anchor(*dataset)).is_some()
				|| T::Tombstones::tombstone(&RecordRef::Accession(*dataset)).is_some() =>
			{
				Err(AccessRefusal::Redacted)
			}
			None => Err(AccessRefusal::UnknownDataset),
		}
	}

	/// [`Self::dataset`], refused unless it is `subject`'s.
	pub fn dataset_of(
		subject: &T::AccountId,
		dataset: &DatasetId,
	) -> Result<DatasetKeeping<T::AccountId>, AccessRefusal> {
		let keeping = Self::dataset(dataset)?;
		ensure!(keeping.subject == *subject, AccessRefusal::DatasetNotOfSubject);
		Ok(keeping)
	}

	/// [`Self::dataset_of`], refused unless `custodian`, when one is named, keeps it: only the
	/// dataset's custodian releases it.
	pub fn dataset_kept_by(
		subject: &T::AccountId,
		dataset: &DatasetId,
		custodian: Option<&T::AccountId>,
	) -> Result<DatasetKeeping<T::AccountId>, AccessRefusal> {
		let keeping = Self::dataset_of(subject, dataset)?;
		if let Some(custodian) = custodian {
			ensure!(
				keeping.custodian.as_ref() == Some(custodian),
				AccessRefusal::NotTheDatasetsCustodian
			);
		}
		Ok(keeping)
	}

	pub(crate) fn do_register_accession(
		custodian: T::AccountId,
		dataset: DatasetId,
		subject: T::AccountId,
	) -> DispatchResult {
		ensure!(T::Accreditation::has_role(&custodian, Role::Custodian), Error::<T>::NotACustodian);
		ensure!(
			!Accessions::<T>::contains_key(dataset) && T::Anchors::dataset(&dataset).is_none(),
			Error::<T>::DatasetTaken
		);
		AccessionsBySubject::<T>::try_mutate(&subject, |datasets| datasets.try_push(dataset))
			.map_err(|_| Error::<T>::TooManyAccessions)?;
		T::TombstoneFund::pay_for(&custodian, 1)?;
		let deposit = T::AccessionConsideration::new(
			&custodian,
			Footprint::from_encodable((&dataset, &subject, &custodian)),
		)?;
		Accessions::<T>::insert(
			dataset,
			Accession {
				subject: subject.clone(),
				custodian: custodian.clone(),
				confirmed: false,
				deposit,
			},
		);
		Self::deposit_event(Event::AccessionRegistered { dataset, subject, custodian });
		Ok(())
	}

	pub(crate) fn do_confirm_accession(
		subject: T::AccountId,
		dataset: DatasetId,
	) -> DispatchResult {
		Accessions::<T>::try_mutate(dataset, |accession| {
			let accession = accession.as_mut().ok_or(Error::<T>::AccessionNotFound)?;
			ensure!(accession.subject == subject, Error::<T>::NotTheSubject);
			ensure!(!accession.confirmed, Error::<T>::AccessionAlreadyConfirmed);
			accession.confirmed = true;
			Ok::<_, Error<T>>(())
		})?;
		Self::deposit_event(Event::AccessionConfirmed { dataset, subject });
		Ok(())
	}

	pub(crate) fn do_remove_accession(by: T::AccountId, dataset: DatasetId) -> DispatchResult {
		let accession = Accessions::<T>::get(dataset).ok_or(Error::<T>::AccessionNotFound)?;
		ensure!(
			by == accession.subject || by == accession.custodian,
			Error::<T>::NotSubjectOrCustodian
		);
		Self::take_out_accession(dataset, accession)?;
		Self::deposit_event(Event::AccessionRemoved { dataset, by });
		Ok(())
	}

	/// Removes accession `dataset` from state and its subject's index, and returns its deposit.
	pub(crate) fn take_out_accession(
		dataset: DatasetId,
		accession: AccessionOf<T>,
	) -> DispatchResult {
		AccessionsBySubject::<T>::mutate_exists(&accession.subject, without(dataset));
		Accessions::<T>::remove(dataset);
		accession.deposit.drop(&accession.custodian)
	}

	/// The accessions' invariants: each is listed once in its subject's index, and the indexes
	/// list only kept accessions of theirs.
	pub fn check_accessions() -> Result<(), &'static str> {
		let mut indexed = 0usize;
		for (subject, datasets) in AccessionsBySubject::<T>::iter() {
			ensure!(!datasets.is_empty(), "an empty accession index is kept");
			for (position, dataset) in datasets.iter().enumerate() {
				let accession = Accessions::<T>::get(dataset)
					.ok_or("an accession index names a missing accession")?;
				ensure!(accession.subject == subject, "an accession index names another's");
				ensure!(
					!datasets[..position].contains(dataset),
					"an accession index names one twice"
				);
			}
			indexed = indexed.saturating_add(datasets.len());
		}
		ensure!(
			indexed == Accessions::<T>::iter_keys().count(),
			"an accession is missing from its subject's index"
		);
		Ok(())
	}
}
