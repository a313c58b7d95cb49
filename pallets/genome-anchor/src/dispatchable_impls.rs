//! What the calls do, once their origin is known.

use crate::{
	AnchorRecord, AnchorRecordOf, Anchors, AnchorsBySubject, BatchRecord, Batches, Config, Error,
	Event, NewAnchor, Pallet,
};
use codec::Encode;
use genochain_primitives::{
	anchor::{anchor_id, Anchor, AnchorId, Attestation, BatchId, FileDigest, FingerprintRoot},
	consent::Role,
	fingerprint::{verify_batch_inclusion, Assembly, BatchProof, ProofError, Scheme, VariantProof},
	redaction::RecordRef,
	storage::without,
	traits::{Accreditation, TombstoneFund, TombstoneInspect},
};
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{Consideration, Footprint},
	},
	frame_system,
	sp_core::H256,
	sp_io::hashing::blake2_256,
	sp_runtime::{DispatchError, DispatchResult},
};

/// Where an anchor comes from, besides the subject's own statement.
pub(crate) struct Provenance<AccountId> {
	/// The lab whose batch the anchor was claimed from.
	lab: AccountId,
	/// That batch.
	batch: BatchId,
}

impl<T: Config> Pallet<T> {
	/// Creates the anchor of `subject` and `new.root`, optionally as the next version of
	/// `previous` or from a lab batch, and returns its id. The caller has checked `previous` and
	/// the batch.
	pub(crate) fn do_anchor(
		subject: T::AccountId,
		new: NewAnchor<T::AccountId>,
		previous: Option<AnchorId>,
		provenance: Option<Provenance<T::AccountId>>,
	) -> Result<AnchorId, DispatchError> {
		ensure!(new.leaf_count > 0, Error::<T>::NoVariants);
		let id = anchor_id(&subject, &new.root);
		ensure!(!Anchors::<T>::contains_key(id), Error::<T>::AnchorExists);
		ensure!(
			T::Tombstones::tombstone(&RecordRef::Anchor(id)).is_none(),
			Error::<T>::AnchorErased
		);
		if let Some(custodian) = &new.custodian {
			ensure!(
				T::Accreditation::has_role(custodian, Role::Custodian),
				Error::<T>::NotACustodian
			);
		}
		AnchorsBySubject::<T>::try_mutate(&subject, |ids| ids.try_push(id))
			.map_err(|_| Error::<T>::TooManyAnchors)?;
		let now = frame_system::Pallet::<T>::block_number();
		let (attestation, batch) = match provenance {
			Some(Provenance { lab, batch }) => (Some(Attestation { lab, at: now }), Some(batch)),
			None => (None, None),
		};
		let anchor = Anchor {
			subject,
			root: new.root,
			leaf_count: new.leaf_count,
			assembly: new.assembly,
			scheme: new.scheme,
			custodian: new.custodian,
			file_digest: new.file_digest,
			attestation,
			batch,
			previous,
			superseded_by: None,
			anchored_at: now,
		};
		T::TombstoneFund::pay_for(&anchor.subject, 1)?;
		let deposit =
			T::AnchorConsideration::new(&anchor.subject, Footprint::from_encodable(&anchor))?;
		Self::deposit_event(Event::Anchored {
			anchor: id,
			root: anchor.root,
			subject: anchor.subject.clone(),
			leaf_count: anchor.leaf_count,
			assembly: anchor.assembly,
		});
		Anchors::<T>::insert(id, AnchorRecord { anchor, deposit });
		Ok(id)
	}

	pub(crate) fn do_attest(lab: T::AccountId, id: AnchorId) -> DispatchResult {
		ensure!(T::Accreditation::has_role(&lab, Role::Lab), Error::<T>::NotALab);
		let at = frame_system::Pallet::<T>::block_number();
		Anchors::<T>::try_mutate(id, |record| {
			let anchor = &mut record.as_mut().ok_or(Error::<T>::AnchorNotFound)?.anchor;
			ensure!(anchor.superseded_by.is_none(), Error::<T>::AnchorSuperseded);
			ensure!(anchor.attestation.is_none(), Error::<T>::AlreadyAttested);
			anchor.attestation = Some(Attestation { lab: lab.clone(), at });
			Ok::<_, Error<T>>(())
		})?;
		Self::deposit_event(Event::Attested { anchor: id, lab });
		Ok(())
	}

	/// Withdraws the attestation of anchor `id`, as the attesting lab (`withdrawer`) or, when
	/// `withdrawer` is `None`, as governance.
	pub(crate) fn do_withdraw_attestation(
		withdrawer: Option<T::AccountId>,
		id: AnchorId,
	) -> DispatchResult {
		let lab = Anchors::<T>::try_mutate(id, |record| {
			let anchor = &mut record.as_mut().ok_or(Error::<T>::AnchorNotFound)?.anchor;
			let attestation = anchor.attestation.as_ref().ok_or(Error::<T>::NotAttested)?;
			if let Some(withdrawer) = &withdrawer {
				ensure!(attestation.lab == *withdrawer, Error::<T>::NotTheAttestingLab);
			}
			let lab = attestation.lab.clone();
			anchor.attestation = None;
			Ok::<_, Error<T>>(lab)
		})?;
		Self::deposit_event(Event::AttestationWithdrawn {
			anchor: id,
			lab,
			by_governance: withdrawer.is_none(),
		});
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
		T::TombstoneFund::pay_for(&lab, 1)?;
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
		sample_root: FingerprintRoot,
		leaf_count: u32,
		proof: BatchProof,
		custodian: Option<T::AccountId>,
		file_digest: Option<FileDigest>,
	) -> DispatchResult {
		let record = Batches::<T>::get(batch).ok_or(Error::<T>::BatchNotFound)?;
		// The lab committed anchor ids: only the account it committed the sample for finds it.
		let id = anchor_id(&subject, &sample_root);
		verify_batch_inclusion(record.scheme, &batch, record.sample_count, &id, &proof).map_err(
			|error| match error {
				ProofError::IndexOutOfRange | ProofError::Empty => {
					Error::<T>::BatchProofIndexOutOfRange
				}
				ProofError::WrongSiblingCount => Error::<T>::BatchProofWrongSiblingCount,
				_ => Error::<T>::BatchProofRootMismatch,
			},
		)?;
		let new = NewAnchor {
			root: sample_root,
			leaf_count,
			assembly: record.assembly,
			scheme: record.scheme,
			custodian,
			file_digest,
		};
		let lab = record.lab;
		let id = Self::do_anchor(
			subject.clone(),
			new,
			None,
			Some(Provenance { lab: lab.clone(), batch }),
		)?;
		Self::deposit_event(Event::ClaimedFromBatch { anchor: id, subject, batch, lab });
		Ok(())
	}

	pub(crate) fn do_supersede(
		subject: T::AccountId,
		previous: AnchorId,
		new: NewAnchor<T::AccountId>,
	) -> DispatchResult {
		let id = anchor_id(&subject, &new.root);
		Anchors::<T>::try_mutate(previous, |record| {
			let anchor = &mut record.as_mut().ok_or(Error::<T>::AnchorNotFound)?.anchor;
			ensure!(anchor.subject == subject, Error::<T>::NotTheSubject);
			ensure!(anchor.superseded_by.is_none(), Error::<T>::AnchorSuperseded);
			anchor.superseded_by = Some(id);
			Ok::<_, Error<T>>(())
		})?;
		// Within the same transaction: if the new version is refused, the link above is undone.
		Self::do_anchor(subject.clone(), new, Some(previous), None)?;
		Self::deposit_event(Event::Superseded { previous, anchor: id, subject });
		Ok(())
	}

	pub(crate) fn do_prove_variant(
		prover: T::AccountId,
		anchor: AnchorId,
		proof: VariantProof,
	) -> DispatchResult {
		let (fact, checked) = Self::verify_current(&anchor, &proof).map_err(Error::<T>::from)?;
		// A fact about someone's genome goes into the chain's events only when they publish it.
		if prover == checked.subject {
			Self::deposit_event(Event::VariantProven { anchor, prover, fact });
		} else {
			let fact_hash = H256(blake2_256(&fact.encode()));
			Self::deposit_event(Event::VariantChecked { anchor, checker: prover, fact_hash });
		}
		Ok(())
	}

	pub(crate) fn do_remove(subject: &T::AccountId, id: AnchorId) -> DispatchResult {
		let record = Anchors::<T>::get(id).ok_or(Error::<T>::AnchorNotFound)?;
		ensure!(record.anchor.subject == *subject, Error::<T>::NotTheSubject);
		Self::take_out_anchor(id, record)?;
		Self::deposit_event(Event::AnchorRemoved { anchor: id, subject: subject.clone() });
		Ok(())
	}

	/// Removes anchor `id` from state and its subject's index, and returns its deposit.
	pub(crate) fn take_out_anchor(id: AnchorId, record: AnchorRecordOf<T>) -> DispatchResult {
		AnchorsBySubject::<T>::mutate_exists(&record.anchor.subject, without(id));
		Anchors::<T>::remove(id);
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
