//! Reading anchors: the proof check shared by `prove_variant`, the runtime API and other pallets.

use crate::{AnchorOf, Anchors, AnchorsBySubject, Config, Error, Pallet};
use alloc::vec::Vec;
use genochain_primitives::{
	anchor::{AnchorId, AnchorProofRefusal, Attestation, Provenance, VariantVerdict},
	consent::{DatasetId, DatasetKeeping, Role},
	fingerprint::{verify, ProofError, ProvenFact, VariantProof},
	traits::{Accreditation, AnchorInspect, DatasetInspect},
};
use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;

impl<T: Config> Pallet<T> {
	/// What `proof` establishes about the genome of the current anchor `id`.
	pub fn verify(id: &AnchorId, proof: &VariantProof) -> Result<ProvenFact, AnchorProofRefusal> {
		Self::verify_current(id, proof).map(|(fact, _)| fact)
	}

	/// [`Self::verify`], with the anchor it read.
	pub(crate) fn verify_current(
		id: &AnchorId,
		proof: &VariantProof,
	) -> Result<(ProvenFact, AnchorOf<T>), AnchorProofRefusal> {
		let anchor = Anchors::<T>::get(id).ok_or(AnchorProofRefusal::UnknownAnchor)?.anchor;
		if anchor.superseded_by.is_some() {
			return Err(AnchorProofRefusal::Superseded);
		}
		let fact = verify(anchor.scheme, &anchor.root, anchor.leaf_count, proof)
			.map_err(AnchorProofRefusal::Proof)?;
		Ok((fact, anchor))
	}

	/// Who vouches for `anchor`'s fingerprint, and where that lab stands now.
	pub fn provenance(anchor: &AnchorOf<T>) -> Provenance<T::AccountId, BlockNumberFor<T>> {
		match &anchor.attestation {
			Some(Attestation { lab, at }) => Provenance::Attested {
				lab: lab.clone(),
				at: *at,
				standing: T::Accreditation::standing(lab, Role::Lab),
			},
			None => Provenance::SelfAsserted,
		}
	}

	/// [`Self::verify`], with whose genome it is and who vouches for it.
	pub fn verdict(
		id: &AnchorId,
		proof: &VariantProof,
	) -> Result<VariantVerdict<T::AccountId, BlockNumberFor<T>>, AnchorProofRefusal> {
		let (fact, anchor) = Self::verify_current(id, proof)?;
		Ok(VariantVerdict { fact, provenance: Self::provenance(&anchor), subject: anchor.subject })
	}

	/// The anchor with id `id`.
	pub fn anchor_info(id: &AnchorId) -> Option<AnchorOf<T>> {
		Anchors::<T>::get(id).map(|record| record.anchor)
	}

	/// Every anchor of `subject`, oldest first, with its id.
	pub fn anchors_of(subject: &T::AccountId) -> Vec<(AnchorId, AnchorOf<T>)> {
		AnchorsBySubject::<T>::get(subject)
			.into_iter()
			.filter_map(|id| Self::anchor_info(&id).map(|anchor| (id, anchor)))
			.collect()
	}

	/// The anchors' invariants: each is listed once in its subject's index under the id of its
	/// subject and root, and each index lists only anchors of its subject; a superseded anchor
	/// names a newer version of the same subject, or one since removed.
	pub fn check_anchors() -> Result<(), &'static str> {
		use genochain_primitives::anchor::anchor_id;
		use polkadot_sdk::frame_support::ensure;
		let mut indexed = 0usize;
		for (subject, ids) in AnchorsBySubject::<T>::iter() {
			ensure!(!ids.is_empty(), "an empty index is kept");
			for (position, id) in ids.iter().enumerate() {
				let anchor = Self::anchor_info(id).ok_or("an index names a missing anchor")?;
				ensure!(anchor.subject == subject, "an index names another subject's anchor");
				ensure!(!ids[..position].contains(id), "an index names an anchor twice");
			}
			indexed = indexed.saturating_add(ids.len());
		}
		for (id, record) in Anchors::<T>::iter() {
			let anchor = record.anchor;
			ensure!(anchor_id(&anchor.subject, &anchor.root) == id, "an anchor under a foreign id");
			if let Some(newer) = anchor.superseded_by.and_then(|newer| Self::anchor_info(&newer)) {
				ensure!(newer.subject == anchor.subject, "a version of another subject");
			}
		}
		ensure!(indexed == Anchors::<T>::iter_keys().count(), "an anchor is not indexed");
		Ok(())
	}
}

impl<T: Config> From<AnchorProofRefusal> for Error<T> {
	fn from(refusal: AnchorProofRefusal) -> Self {
		match refusal {
			// The runtime answers `Redacted` from a tombstone: to the pallet the anchor is gone.
			AnchorProofRefusal::UnknownAnchor | AnchorProofRefusal::Redacted => {
				Error::AnchorNotFound
			}
			AnchorProofRefusal::Superseded => Error::AnchorSuperseded,
			AnchorProofRefusal::Proof(error) => match error {
				// Every stored anchor has leaves, so an empty one is only out of range.
				ProofError::Empty | ProofError::IndexOutOfRange => Error::ProofIndexOutOfRange,
				ProofError::WrongSiblingCount => Error::ProofWrongSiblingCount,
				ProofError::RootMismatch => Error::ProofRootMismatch,
				ProofError::NotCanonical(_) => Error::ProofNotCanonical,
				ProofError::NotAdjacent => Error::ProofNotAdjacent,
				ProofError::NotBracketing => Error::ProofNotBracketing,
				ProofError::NotAtEdge => Error::ProofNotAtEdge,
				ProofError::SchemeMismatch => Error::ProofSchemeMismatch,
				ProofError::BeyondWindows => Error::ProofBeyondWindows,
				ProofError::WindowMismatch => Error::ProofWindowMismatch,
			},
		}
	}
}

impl<T: Config> AnchorInspect<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn anchor(anchor: &AnchorId) -> Option<AnchorOf<T>> {
		Self::anchor_info(anchor)
	}

	fn verify_variant(
		anchor: &AnchorId,
		proof: &VariantProof,
	) -> Result<VariantVerdict<T::AccountId, BlockNumberFor<T>>, AnchorProofRefusal> {
		Self::verdict(anchor, proof)
	}

	fn provenance(anchor: &AnchorOf<T>) -> Provenance<T::AccountId, BlockNumberFor<T>> {
		Self::provenance(anchor)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn anchor_for_benchmark(
		subject: &T::AccountId,
		assembly: genochain_primitives::fingerprint::Assembly,
		custodian: &T::AccountId,
	) -> AnchorId {
		use codec::{Decode, Encode};
		// A root the subject has not anchored: the hash of the subject and its anchor count.
		let count = AnchorsBySubject::<T>::decode_len(subject).unwrap_or_default() as u32;
		let root = polkadot_sdk::sp_io::hashing::blake2_256(&(subject, count).encode()).into();
		let new = crate::NewAnchor {
			root,
			leaf_count: 1,
			assembly,
			scheme: Default::default(),
			custodian: Some(custodian.clone()),
			file_digest: None,
		};
		let id = match Self::do_anchor(subject.clone(), new, None, None) {
			Ok(id) => id,
			Err(error) => panic!("the benchmark anchor of a funded subject is created: {error:?}"),
		};
		// Attested by an accredited lab: the most a check of its provenance reads.
		let lab =
			T::AccountId::decode(&mut polkadot_sdk::sp_runtime::traits::TrailingZeroInput::new(
				b"genochain/benchmark-lab",
			))
			.unwrap_or_else(|_| subject.clone());
		T::Accreditation::accredit_for_benchmark(&lab, Role::Lab);
		if let Err(error) = Self::do_attest(lab, id) {
			panic!("the benchmark anchor is attested: {error:?}");
		}
		id
	}
}

/// A genome anchor is a dataset of its subject, kept by its custodian; superseded versions stay
/// theirs until removed.
impl<T: Config> DatasetInspect<T::AccountId> for Pallet<T> {
	fn dataset(dataset: &DatasetId) -> Option<DatasetKeeping<T::AccountId>> {
		Anchors::<T>::get(dataset).map(|record| DatasetKeeping {
			subject: record.anchor.subject,
			custodian: record.anchor.custodian,
		})
	}
}
