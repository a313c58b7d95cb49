//! # Genome anchor pallet
//!
//! A contributor's genome reaches the chain only as an *anchor*: the salted Merkle root of its
//! canonical variants (fingerprint scheme v1, [`genochain_primitives::fingerprint`]), the number
//! of variants and the reference assembly. No variant, sample id or name is stored. From the
//! anchor on, single variants can be proven present or absent against it, by the contributor or
//! by anyone they gave a proof to, and the verified fact is emitted for others to rely on.
//!
//! ## Records
//!
//! - An **anchor** ([`Anchor`]), keyed by its root: the subject, leaf count, assembly, scheme,
//!   optionally the accredited custodian keeping the encrypted file and that file's digest, the
//!   lab that attested it, the batch it was claimed from, and its version links. Its subject
//!   holds a deposit for it ([`HoldReason::AnchorDeposit`]). A root can be anchored only once.
//! - A **batch** ([`BatchRecord`]), keyed by its batch root: one root over many per-sample roots,
//!   committed by an accredited lab in one extrinsic, with its sample count and assembly. The lab
//!   holds a deposit for it ([`HoldReason::BatchDeposit`]).
//!
//! ## State machine of an anchor
//!
//! ```text
//!   anchor ─────────────┐
//!   claim_from_batch ───┴─▶ Current ──(attest, once)──▶ Current, attested
//!                              │
//!                              │ supersede(new root)        ┌─▶ new anchor: Current,
//!                              └──────────▶ Superseded ─────┘   previous = this one
//!   remove (subject, any state) ──▶ (gone, deposit returned)
//! ```
//!
//! A superseded anchor can no longer be attested, superseded or proven against; it stays until
//! its subject removes it. Version links may name an anchor that has since been removed.
//!
//! ## Calls
//!
//! - `anchor(root, leaf_count, assembly, scheme, custodian, file_digest)`: by the subject.
//! - `attest(anchor)`: by an accredited lab, once per anchor: "this fingerprint is of a sample
//!   we sequenced".
//! - `anchor_batch(batch_root, sample_count, assembly, scheme)`: by an accredited lab.
//! - `claim_from_batch(batch, sample_root, leaf_count, proof, custodian, file_digest)`: by the
//!   subject, who proves that `sample_root` is in the batch; the new anchor is attested by the
//!   batch's lab and takes the batch's assembly and scheme.
//! - `supersede(anchor, root, …)`: by the subject; the new version points back to the old.
//! - `prove_variant(anchor, proof)`: by anyone; checks an inclusion or absence proof against the
//!   current anchor and emits [`Event::VariantProven`] with the fact. Its weight grows with the
//!   depth of the proof's paths and the allele bases in it; an absence proof, which carries two
//!   paths, has its own benchmark.
//! - `remove(anchor)`: by the subject; `remove_batch(batch)`: by the lab. Both return the
//!   deposit. Anchors claimed from a batch stay when the batch goes.
//!
//! The runtime API `AnchorApi` (crate `pallet-genome-anchor-runtime-api`) lists a subject's
//! anchors and checks proofs for free; other pallets use [`AnchorInspect`].
//!
//! [`Anchor`]: genochain_primitives::anchor::Anchor
//! [`AnchorInspect`]: genochain_primitives::traits::AnchorInspect

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod dispatchable_impls;
mod inspect;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use genochain_primitives::{
		anchor::{AnchorId, BatchId, FileDigest},
		fingerprint::{Assembly, BatchProof, ProvenFact, Scheme, VariantProof},
		traits::Accreditation,
	};
	use polkadot_sdk::{
		frame_support::{
			pallet_prelude::*,
			traits::{Consideration, Footprint},
		},
		frame_system::pallet_prelude::*,
	};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The overarching hold reason, for the anchor and batch deposits.
		type RuntimeHoldReason: From<HoldReason>;
		/// The deposit a subject pays for each anchor, held until the anchor is removed.
		type AnchorConsideration: Consideration<Self::AccountId, Footprint>;
		/// The deposit a lab pays for each batch, held until the batch is removed.
		type BatchConsideration: Consideration<Self::AccountId, Footprint>;
		/// Who is an accredited lab or custodian.
		type Accreditation: Accreditation<Self::AccountId>;
		/// The most anchors one subject may hold (every version until removed).
		#[pallet::constant]
		type MaxAnchorsPerSubject: Get<u32>;
		/// Weights of the calls, measured by the benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for an anchor.
		#[codec(index = 0)]
		AnchorDeposit,
		/// The deposit for a lab batch.
		#[codec(index = 1)]
		BatchDeposit,
	}

	/// Anchors by root.
	#[pallet::storage]
	pub type Anchors<T: Config> = StorageMap<_, Blake2_128Concat, AnchorId, AnchorRecordOf<T>>;

	/// The anchors of each subject, oldest first.
	#[pallet::storage]
	pub type AnchorsBySubject<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<AnchorId, T::MaxAnchorsPerSubject>,
		ValueQuery,
	>;

	/// Lab batches by batch root.
	#[pallet::storage]
	pub type Batches<T: Config> = StorageMap<_, Blake2_128Concat, BatchId, BatchRecordOf<T>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `subject` anchored the fingerprint `anchor` of `leaf_count` variants.
		Anchored { anchor: AnchorId, subject: T::AccountId, leaf_count: u32, assembly: Assembly },
		/// `lab` attested anchor `anchor`.
		Attested { anchor: AnchorId, lab: T::AccountId },
		/// `lab` committed batch `batch` of `sample_count` samples.
		BatchAnchored { batch: BatchId, lab: T::AccountId, sample_count: u32, assembly: Assembly },
		/// `subject` claimed anchor `anchor` from batch `batch` of `lab`.
		ClaimedFromBatch {
			anchor: AnchorId,
			subject: T::AccountId,
			batch: BatchId,
			lab: T::AccountId,
		},
		/// `subject` replaced anchor `previous` by the new version `anchor`.
		Superseded { previous: AnchorId, anchor: AnchorId, subject: T::AccountId },
		/// `prover` showed that the genome of anchor `anchor` has `fact`.
		VariantProven { anchor: AnchorId, prover: T::AccountId, fact: ProvenFact },
		/// `subject` removed anchor `anchor`; its deposit was returned.
		AnchorRemoved { anchor: AnchorId, subject: T::AccountId },
		/// `lab` removed batch `batch`; its deposit was returned.
		BatchRemoved { batch: BatchId, lab: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		// --- anchor, supersede, claim_from_batch, anchor_batch ---
		/// A fingerprint without variants cannot be anchored.
		NoVariants,
		/// A batch without samples cannot be committed.
		NoSamples,
		/// This root is anchored already.
		AnchorExists,
		/// This batch root is committed already.
		BatchExists,
		/// The named custodian is not an accredited, unsuspended custodian.
		NotACustodian,
		/// The subject holds as many anchors as allowed; remove old versions first.
		TooManyAnchors,
		// --- attest, anchor_batch, remove_batch ---
		/// Only an accredited, unsuspended lab may do this.
		NotALab,
		/// The anchor is attested already.
		AlreadyAttested,
		/// Only the lab that committed the batch may remove it.
		NotTheLab,
		// --- finding records, and who may change them ---
		/// No anchor has this root.
		AnchorNotFound,
		/// No batch has this root.
		BatchNotFound,
		/// Only the anchor's subject may do this.
		NotTheSubject,
		/// The anchor was superseded by a newer version.
		AnchorSuperseded,
		// --- claim_from_batch: why the batch proof fails ---
		/// The proof's sample index is not below the batch's sample count.
		BatchProofIndexOutOfRange,
		/// The proof has more or fewer sibling hashes than the sample's path in the batch.
		BatchProofWrongSiblingCount,
		/// The sample root and the proof do not lead to the batch root.
		BatchProofRootMismatch,
		// --- prove_variant: why the variant proof fails ---
		/// A leaf index of the proof is not below the anchor's leaf count.
		ProofIndexOutOfRange,
		/// A path of the proof has more or fewer sibling hashes than the leaf's path in the tree.
		ProofWrongSiblingCount,
		/// A proven leaf does not lead to the anchor's root.
		ProofRootMismatch,
		/// A variant of the proof is not canonical (chromosome, position or alleles).
		ProofNotCanonical,
		/// The two leaves of an absence proof are not adjacent.
		ProofNotAdjacent,
		/// The leaves of an absence proof do not bracket the variant (or it is one of them).
		ProofNotBracketing,
		/// An edge absence proof is not about the first (last) leaf.
		ProofNotAtEdge,
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Anchors the caller's fingerprint `root` of `leaf_count` variants on `assembly`,
		/// optionally naming the custodian of the encrypted file and its digest. Holds a deposit.
		#[pallet::call_index(0)]
		pub fn anchor(
			origin: OriginFor<T>,
			root: AnchorId,
			leaf_count: u32,
			assembly: Assembly,
			scheme: Scheme,
			custodian: Option<T::AccountId>,
			file_digest: Option<FileDigest>,
		) -> DispatchResult {
			let subject = ensure_signed(origin)?;
			let fingerprint =
				NewAnchor { root, leaf_count, assembly, scheme, custodian, file_digest };
			Self::do_anchor(subject, fingerprint, None, None).map(|_| ())
		}

		/// Attests, as the calling lab, that anchor `anchor` is the fingerprint of a sample it
		/// sequenced.
		#[pallet::call_index(1)]
		pub fn attest(origin: OriginFor<T>, anchor: AnchorId) -> DispatchResult {
			let lab = ensure_signed(origin)?;
			Self::do_attest(lab, anchor)
		}

		/// Commits, as the calling lab, `batch_root` over the roots of `sample_count` samples on
		/// `assembly`. Holds a deposit.
		#[pallet::call_index(2)]
		pub fn anchor_batch(
			origin: OriginFor<T>,
			batch_root: BatchId,
			sample_count: u32,
			assembly: Assembly,
			scheme: Scheme,
		) -> DispatchResult {
			let lab = ensure_signed(origin)?;
			Self::do_anchor_batch(lab, batch_root, sample_count, assembly, scheme)
		}

		/// Anchors the caller's `sample_root` of `leaf_count` variants from lab batch `batch`,
		/// proven by `proof`; the anchor is attested by the batch's lab. Holds a deposit.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::claim_from_batch(proof.siblings.len() as u32))]
		pub fn claim_from_batch(
			origin: OriginFor<T>,
			batch: BatchId,
			sample_root: AnchorId,
			leaf_count: u32,
			proof: BatchProof,
			custodian: Option<T::AccountId>,
			file_digest: Option<FileDigest>,
		) -> DispatchResult {
			let subject = ensure_signed(origin)?;
			Self::do_claim_from_batch(
				subject,
				batch,
				sample_root,
				leaf_count,
				proof,
				custodian,
				file_digest,
			)
		}

		/// Replaces the caller's anchor `anchor` by a new version with root `root`. Holds a
		/// deposit for the new version; the old one stays, superseded, until removed.
		#[pallet::call_index(4)]
		pub fn supersede(
			origin: OriginFor<T>,
			anchor: AnchorId,
			root: AnchorId,
			leaf_count: u32,
			assembly: Assembly,
			scheme: Scheme,
			custodian: Option<T::AccountId>,
			file_digest: Option<FileDigest>,
		) -> DispatchResult {
			let subject = ensure_signed(origin)?;
			let fingerprint =
				NewAnchor { root, leaf_count, assembly, scheme, custodian, file_digest };
			Self::do_supersede(subject, anchor, fingerprint)
		}

		/// Checks `proof` against the current anchor `anchor` and emits the proven fact.
		#[pallet::call_index(5)]
		#[pallet::weight(prove_variant_weight::<T>(proof))]
		pub fn prove_variant(
			origin: OriginFor<T>,
			anchor: AnchorId,
			proof: VariantProof,
		) -> DispatchResult {
			let prover = ensure_signed(origin)?;
			Self::do_prove_variant(prover, anchor, proof)
		}

		/// Removes the caller's anchor `anchor` and returns its deposit.
		#[pallet::call_index(6)]
		pub fn remove(origin: OriginFor<T>, anchor: AnchorId) -> DispatchResult {
			let subject = ensure_signed(origin)?;
			Self::do_remove(&subject, anchor)
		}

		/// Removes the calling lab's batch `batch` and returns its deposit. Anchors already
		/// claimed from it stay.
		#[pallet::call_index(7)]
		pub fn remove_batch(origin: OriginFor<T>, batch: BatchId) -> DispatchResult {
			let lab = ensure_signed(origin)?;
			Self::do_remove_batch(&lab, batch)
		}
	}
}
