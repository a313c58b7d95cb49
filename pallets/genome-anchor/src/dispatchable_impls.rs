//! What the calls do, once their origin is known.

use crate::{
	AnchorRecord, AnchorRecordOf, Anchors, AnchorsBySubject, BatchRecord, Batches, Config, Error,
	Event, NewAnchor, Pallet,
};
use genochain_primitives::{
	anchor::{Anchor, AnchorId, BatchId, FileDigest},
	consent::Role,
	fingerprint::{verify_batch_inclusion, Assembly, BatchProof, ProofError, Scheme, VariantProof},
	storage::without,
	traits::Accreditation,
};
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{Consideration, Footprint},
	},
	frame_system,
	sp_runtime::DispatchResult,
};

/// Where an anchor comes from, besides the subject's own statement.
pub(crate) struct Provenance<AccountId> {
	/// The lab whose batch the anchor was claimed from.
	lab: AccountId,
	/// That batch.
	batch: BatchId,
}

impl<T: Config> Pallet<T> {
	/// Creates an anchor of `subject`, optionally as the next version of `previous` or from a lab
	/// batch. The caller has checked `previous` and the batch.
	pub(crate) fn do_anchor(
		subject: T::AccountId,
		new: NewAnchor<T::AccountId>,
		previous: Option<AnchorId>,
		provenance: Option<Provenance<T::AccountId>>,
	) -> DispatchResult {
		ensure!(new.leaf_count > 0, Error::<T>::NoVariants);
		ensure!(!Anchors::<T>::contains_key(new.root), Error::<T>::AnchorExists);
		if let Some(custodian) = &new.custodian {
			ensure!(
				T::Accreditation::has_role(custodian, Role::Custodian),
				Error::<T>::NotACustodian
			);
		}
		AnchorsBySubject::<T>::try_mutate(&subject, |roots| roots.try_push(new.root))
			.map_err(|_| Error::<T>::TooManyAnchors)?;
		let (attested_by, batch) = match provenance {
			Some(Provenance { lab, batch }) => (Some(lab), Some(batch)),
			None => (None, None),
		};
		let anchor = Anchor {
			subject,
			leaf_count: new.leaf_count,
			assembly: new.assembly,
			scheme: new.scheme,
			custodian: new.custodian,
			file_digest: new.file_digest,
			attested_by,
			batch,
			previous,
			superseded_by: None,
			anchored_at: frame_system::Pallet::<T>::block_number(),
		};
		let deposit =
			T::AnchorConsideration::new(&anchor.subject, Footprint::from_encodable(&anchor))?;
		Self::deposit_event(Event::Anchored {
			anchor: new.root,
			subject: anchor.subject.clone(),
			leaf_count: anchor.leaf_count,
			assembly: anchor.assembly,
		});
		Anchors::<T>::insert(new.root, AnchorRecord { anchor, deposit });
		Ok(())
	}

	pub(crate) fn do_attest(lab: T::AccountId, root: AnchorId) -> DispatchResult {
		ensure!(T::Accreditation::has_role(&lab, Role::Lab), Error::<T>::NotALab);
		Anchors::<T>::try_mutate(root, |record| {
			let anchor = &mut record.as_mut().ok_or(Error::<T>::AnchorNotFound)?.anchor;
			ensure!(anchor.superseded_by.is_none(), Error::<T>::AnchorSuperseded);
			ensure!(anchor.attested_by.is_none(), Error::<T>::AlreadyAttested);
			anchor.attested_by = Some(lab.clone());
			Ok::<_, Error<T>>(())
		})?;
		Self::deposit_event(Event::Attested { anchor: root, lab });
		Ok(())
	}

	pub(crate) fn do_anchor_batch(
		lab: T::AccountId,
		batch: BatchId,
		sample_count: u32,
		assembly: Assembly,
		scheme: Scheme,
	) -> DispatchResult {
		ensure!(T::Accreditation::has_role(&lab, Role::Lab), Error::<T>::NotALab);
		ensure!(sample_count > 0, Error::<T>::NoSamples);
		ensure!(!Batches::<T>::contains_key(batch), Error::<T>::BatchExists);
		let committed_at = frame_system::Pallet::<T>::block_number();
		let deposit = T::BatchConsideration::new(
			&lab,
			Footprint::from_encodable((&lab, sample_count, assembly, scheme, committed_at)),
		)?;
		Batches::<T>::insert(
			batch,
			BatchRecord { lab: lab.clone(), sample_count, assembly, scheme, committed_at, deposit },
		);
		Self::deposit_event(Event::BatchAnchored { batch, lab, sample_count, assembly });
		Ok(())
	}

	pub(crate) fn do_claim_from_batch(
		subject: T::AccountId,
		batch: BatchId,
		sample_root: AnchorId,
		leaf_count: u32,
		proof: BatchProof,
		custodian: Option<T::AccountId>,
		file_digest: Option<FileDigest>,
	) -> DispatchResult {
		let record = Batches::<T>::get(batch).ok_or(Error::<T>::BatchNotFound)?;
		verify_batch_inclusion(record.scheme, &batch, record.sample_count, &sample_root, &proof)
			.map_err(|error| match error {
				ProofError::IndexOutOfRange | ProofError::Empty => {
					Error::<T>::BatchProofIndexOutOfRange
				}
				ProofError::WrongSiblingCount => Error::<T>::BatchProofWrongSiblingCount,
				_ => Error::<T>::BatchProofRootMismatch,
			})?;
		let new = NewAnchor {
			root: sample_root,
			leaf_count,
			assembly: record.assembly,
			scheme: record.scheme,
			custodian,
			file_digest,
		};
		let lab = record.lab;
		Self::do_anchor(subject.clone(), new, None, Some(Provenance { lab: lab.clone(), batch }))?;
		Self::deposit_event(Event::ClaimedFromBatch { anchor: sample_root, subject, batch, lab });
		Ok(())
	}

	pub(crate) fn do_supersede(
		subject: T::AccountId,
		previous: AnchorId,
		new: NewAnchor<T::AccountId>,
	) -> DispatchResult {
		let root = new.root;
		Anchors::<T>::try_mutate(previous, |record| {
			let anchor = &mut record.as_mut().ok_or(Error::<T>::AnchorNotFound)?.anchor;
			ensure!(anchor.subject == subject, Error::<T>::NotTheSubject);
			ensure!(anchor.superseded_by.is_none(), Error::<T>::AnchorSuperseded);
			anchor.superseded_by = Some(root);
			Ok::<_, Error<T>>(())
		})?;
		// Within the same transaction: if the new version is refused, the link above is undone.
		Self::do_anchor(subject.clone(), new, Some(previous), None)?;
		Self::deposit_event(Event::Superseded { previous, anchor: root, subject });
		Ok(())
	}

	pub(crate) fn do_prove_variant(
		prover: T::AccountId,
		anchor: AnchorId,
		proof: VariantProof,
	) -> DispatchResult {
		let fact = Self::verify(&anchor, &proof).map_err(Error::<T>::from)?;
		Self::deposit_event(Event::VariantProven { anchor, prover, fact });
		Ok(())
	}

	pub(crate) fn do_remove(subject: &T::AccountId, root: AnchorId) -> DispatchResult {
		let record = Anchors::<T>::get(root).ok_or(Error::<T>::AnchorNotFound)?;
		ensure!(record.anchor.subject == *subject, Error::<T>::NotTheSubject);
		Self::take_out_anchor(root, record)?;
		Self::deposit_event(Event::AnchorRemoved { anchor: root, subject: subject.clone() });
		Ok(())
	}

	/// Removes anchor `root` from state and its subject's index, and returns its deposit.
	pub(crate) fn take_out_anchor(root: AnchorId, record: AnchorRecordOf<T>) -> DispatchResult {
		AnchorsBySubject::<T>::mutate_exists(&record.anchor.subject, without(root));
		Anchors::<T>::remove(root);
		record.deposit.drop(&record.anchor.subject)
	}

	pub(crate) fn do_remove_batch(lab: &T::AccountId, batch: BatchId) -> DispatchResult {
		let record = Batches::<T>::get(batch).ok_or(Error::<T>::BatchNotFound)?;
		ensure!(record.lab == *lab, Error::<T>::NotTheLab);
		Batches::<T>::remove(batch);
		record.deposit.drop(lab)?;
		Self::deposit_event(Event::BatchRemoved { batch, lab: lab.clone() });
		Ok(())
	}
}
