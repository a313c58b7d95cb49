//! Reading anchors: the proof check shared by `prove_variant`, the runtime API and other pallets.

use crate::{Anchors, AnchorsBySubject, Config, Error, Pallet};
use alloc::vec::Vec;
use genochain_primitives::{
	anchor::{Anchor, AnchorId, AnchorProofRefusal},
	fingerprint::{verify, ProofError, ProvenFact, VariantProof},
	traits::AnchorInspect,
};
use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;

impl<T: Config> Pallet<T> {
	/// What `proof` establishes about the genome of the current anchor `root`.
	pub fn verify(root: &AnchorId, proof: &VariantProof) -> Result<ProvenFact, AnchorProofRefusal> {
		let anchor = Anchors::<T>::get(root).ok_or(AnchorProofRefusal::UnknownAnchor)?.anchor;
		if anchor.superseded_by.is_some() {
			return Err(AnchorProofRefusal::Superseded);
		}
		verify(anchor.scheme, root, anchor.leaf_count, proof).map_err(AnchorProofRefusal::Proof)
	}

	/// The anchor with root `root`.
	pub fn anchor_info(root: &AnchorId) -> Option<Anchor<T::AccountId, BlockNumberFor<T>>> {
		Anchors::<T>::get(root).map(|record| record.anchor)
	}

	/// Every anchor of `subject`, oldest first, with its root.
	pub fn anchors_of(
		subject: &T::AccountId,
	) -> Vec<(AnchorId, Anchor<T::AccountId, BlockNumberFor<T>>)> {
		AnchorsBySubject::<T>::get(subject)
			.into_iter()
			.filter_map(|root| Self::anchor_info(&root).map(|anchor| (root, anchor)))
			.collect()
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
			},
		}
	}
}

impl<T: Config> AnchorInspect<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn anchor(anchor: &AnchorId) -> Option<Anchor<T::AccountId, BlockNumberFor<T>>> {
		Self::anchor_info(anchor)
	}

	fn verify_variant(
		anchor: &AnchorId,
		proof: &VariantProof,
	) -> Result<ProvenFact, AnchorProofRefusal> {
		Self::verify(anchor, proof)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn anchor_for_benchmark(
		subject: &T::AccountId,
		assembly: genochain_primitives::fingerprint::Assembly,
		custodian: &T::AccountId,
	) -> AnchorId {
		use codec::Encode;
		// A root no other anchor has: the hash of the subject and the subject's anchor count.
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
		if let Err(error) = Self::do_anchor(subject.clone(), new, None, None) {
			panic!("the benchmark anchor of a funded subject is created: {error:?}");
		}
		root
	}
}
