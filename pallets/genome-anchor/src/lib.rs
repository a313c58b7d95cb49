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
//! - An **anchor** ([`Anchor`]), keyed by its id [`anchor_id`]`(subject, root)`: the subject,
//!   the fingerprint root, leaf count, assembly, scheme, optionally the accredited custodian
//!   keeping the encrypted file and that file's digest, the lab attestation (which lab, when),
//!   the batch it was claimed from, and its version links. Its subject holds a deposit for it
//!   ([`HoldReason::AnchorDeposit`]). The id binds the root to the account that signed the call,
//!   so a copied call signed by someone else makes another anchor and never takes this one; an
//!   id that was erased (it has a tombstone) cannot be anchored again.
//! - A **batch** ([`BatchRecord`]), keyed by its batch root: one root over the anchor ids of many
//!   samples (each bound to its subject's account), committed by an accredited lab in one
//!   extrinsic, with its sample count and assembly. The lab holds a deposit for it
//!   ([`HoldReason::BatchDeposit`]).
//!
//! Creating either also pays the storage fund ([`Config::TombstoneFund`]) for the tombstone its
//! erasure would leave: a fee, spent, where the deposit comes back.
//!
//! ## Trust
//!
//! The chain checks that an anchor's subject signed it and that proofs lead to its root. It
//! cannot check that the root was computed from the subject's own genome: an anchor nobody
//! attested is *self-asserted*. An attestation is an accredited lab's word that the fingerprint
//! is of a sample it sequenced for this subject; the lab can withdraw it, and so can governance
//! ([`Config::AttestationAuthority`]), for example once the lab is found unreliable.
//! [`Pallet::provenance`] and [`Pallet::verdict`] (the runtime API's `provenance` and
//! `verify_variant`, and through [`AnchorInspect`] the XCM verifier's verdicts) state
//! `SelfAsserted` or `Attested { lab, at, standing }`, with the lab's accreditation as it stands
//! now, so a lab suspended or revoked since shows as such.
//!
//! ## State machine of an anchor
//!
//! ```text
//!   anchor ─────────────┐                  attest
//!   claim_from_batch ───┴─▶ Current ◀─────────────────▶ Current, attested
//!   (attested by the batch's lab)     withdraw_attestation
//!                              │
//!                              │ supersede(new root)        ┌─▶ new anchor: Current,
//!                              └──────────▶ Superseded ─────┘   previous = this one
//!   remove (subject, any state) ──▶ (gone, deposit returned)
//!   erasure (redaction pallet)  ──▶ (gone, deposit returned, tombstone: never anchored again)
//! ```
//!
//! A superseded anchor can no longer be attested, superseded or proven against; it stays until
//! its subject removes it. Version links may name an anchor that has since been removed.
//!
//! ## Calls
//!
//! - `anchor(root, leaf_count, assembly, scheme, custodian, file_digest)`: by the subject; the
//!   anchor's id is [`anchor_id`]`(signer, root)`, returned in [`Event::Anchored`].
//! - `attest(anchor)`: by an accredited lab, when no lab attests the anchor: "this fingerprint is
//!   of a sample we sequenced for this subject". Recorded with the block.
//! - `withdraw_attestation(anchor)`: by the attesting lab, or by [`Config::AttestationAuthority`];
//!   the anchor is self-asserted again.
//! - `anchor_batch(batch_root, sample_count, assembly, scheme)`: by an accredited lab.
//! - `claim_from_batch(batch, sample_root, leaf_count, proof, custodian, file_digest)`: by the
//!   subject, who proves that the anchor id of their account and `sample_root` is in the batch;
//!   the new anchor is attested by the batch's lab and takes the batch's assembly and scheme.
//!   The same call signed by any other account names another anchor id, which the batch does not
//!   hold, and fails with `BatchProofRootMismatch`.
//! - `supersede(anchor, root, …)`: by the subject; the new version points back to the old.
//! - `prove_variant(anchor, proof)`: by anyone; checks an inclusion or absence proof against the
//!   current anchor. Signed by the subject (or their `Consent` proxy), it emits
//!   [`Event::VariantProven`] with the fact; signed by anyone else, [`Event::VariantChecked`]
//!   with only the fact's hash, so that a fact about a genome enters the chain's events only
//!   when its subject publishes it. (The call itself carries the proof, and the blocks keep it:
//!   a check meant for one party uses the runtime API, which puts nothing on chain.) Its weight grows with the
//!   depth of the proof's paths and the allele bases in it; an absence proof, which carries two
//!   paths, has its own benchmark.
//! - `remove(anchor)`: by the subject; `remove_batch(batch)`: by the lab. Both return the
//!   deposit. Anchors claimed from a batch stay when the batch goes.
//!
//! Erasure: through [`genochain_primitives::redaction::Redactable`] the redaction pallet removes
//! an anchor or a batch (or every anchor of a subject, a bounded number per call) whoever owns it,
//! returns the deposit, names the anchor's custodian as holding data to delete, and emits
//! `AnchorErased` / `BatchErased`, which name no account.
//!
//! The runtime API `AnchorApi` (crate `pallet-genome-anchor-runtime-api`) lists a subject's
//! anchors and checks proofs for free; other pallets use [`AnchorInspect`].
//!
//! ## Weights
//!
//! Generated by `make weights` from `benchmarking.rs`, each call in its worst case. The proof
//! checks are measured over the depth of the proof's paths (0–32 levels) and the bases of its
//! alleles, with proofs of any depth built from arbitrary sibling hashes; an absence proof, which
//! carries two paths, has its own benchmark. `claim_from_batch` is measured over the depth of the
//! batch proof. `make weights` prints the reference figures next to a balance transfer.
//!
//! [`Anchor`]: genochain_primitives::anchor::Anchor
//! [`anchor_id`]: genochain_primitives::anchor::anchor_id
//! [`AnchorInspect`]: genochain_primitives::traits::AnchorInspect

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod dispatchable_impls;
mod inspect;
#[cfg(test)]
mod mock;
mod redaction;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

// `supersede` lists a fingerprint's fields one by one, as wallets submit them: its call's
// generated constructor takes eight arguments.
#[allow(clippy::too_many_arguments)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::boxed::Box;
	use genochain_primitives::{
		anchor::{AnchorId, BatchId, FileDigest, FingerprintRoot},
		fingerprint::{Assembly, BatchProof, ProvenFact, Scheme, VariantProof},
		traits::{Accreditation, TombstoneFund, TombstoneInspect},
	};
	use polkadot_sdk::{
		frame_support::{
			pallet_prelude::*,
			traits::{Consideration, Footprint},
		},
		frame_system::pallet_prelude::*,
		sp_core::H256,
	};

	/// The layout of the pallet's storage: 0, as it launched. A change to the layout raises it
	/// and ships with a migration from the version before (see `pallet-registry`'s migrations).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
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
		/// Which anchors were erased: their ids are never anchored again.
		type Tombstones: TombstoneInspect<Self::AccountId, BlockNumberFor<Self>>;
		/// Where the creator of an anchor or a batch pays for the tombstone it may leave.
		type TombstoneFund: TombstoneFund<Self::AccountId>;
		/// Who may withdraw any lab's attestation (governance), besides the lab itself.
		type AttestationAuthority: EnsureOrigin<Self::RuntimeOrigin>;
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

	/// Anchors by id ([`anchor_id`](genochain_primitives::anchor::anchor_id) of the subject and
	/// the fingerprint root).
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
		/// `subject` anchored fingerprint `root` of `leaf_count` variants as anchor `anchor`.
		Anchored {
			anchor: AnchorId,
			root: FingerprintRoot,
			subject: T::AccountId,
			leaf_count: u32,
			assembly: Assembly,
		},
		/// `lab` attested anchor `anchor`.
		Attested { anchor: AnchorId, lab: T::AccountId },
		/// The attestation of anchor `anchor` by `lab` was withdrawn, by the lab itself or by
		/// governance (`by_governance`); the anchor is self-asserted again.
		AttestationWithdrawn { anchor: AnchorId, lab: T::AccountId, by_governance: bool },
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
		/// The anchor's subject `prover` (or their proxy) published that the genome of anchor
		/// `anchor` has `fact`.
		VariantProven { anchor: AnchorId, prover: T::AccountId, fact: ProvenFact },
		/// `checker`, who is not the anchor's subject, had a proof about the genome of anchor
		/// `anchor` checked. The event keeps the fact's hash (BLAKE2b-256 of its SCALE encoding),
		/// which whoever holds the fact can match; the fact in clear is published only by the
		/// subject.
		VariantChecked { anchor: AnchorId, checker: T::AccountId, fact_hash: H256 },
		/// `subject` removed anchor `anchor`; its deposit was returned.
		AnchorRemoved { anchor: AnchorId, subject: T::AccountId },
		/// Anchor `anchor` was erased by a redaction; its deposit went back to the subject, who
		/// is not named again.
		AnchorErased { anchor: AnchorId },
		/// Batch `batch` was erased by a redaction; its deposit went back to the lab.
		BatchErased { batch: BatchId },
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
		/// This root is anchored already by the same subject.
		AnchorExists,
		/// This anchor was erased; its tombstone keeps it from being anchored again.
		AnchorErased,
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
		/// The anchor carries no attestation to withdraw.
		NotAttested,
		/// Only the lab that attested the anchor, or governance, may withdraw the attestation.
		NotTheAttestingLab,
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
		/// The anchor id of the caller and the sample root, with the proof, does not lead to the
		/// batch root: a wrong proof, or a sample the lab committed for another account.
		BatchProofRootMismatch,
		// --- prove_variant: why the variant proof fails ---
		/// A leaf index of the proof is not below the anchor's leaf count.
		ProofIndexOutOfRange,
		/// A path of the proof has more or fewer sibling hashes than the leaf's path in the tree.
		ProofWrongSiblingCount,
		/// A proven leaf does not lead to the anchor's root.
		ProofRootMismatch,
		/// A variant of the proof is not canonical (chromosome, position or alleles), or, in v2,
		/// not in minimal representation.
		ProofNotCanonical,
		/// The two leaves of an absence proof are not adjacent.
		ProofNotAdjacent,
		/// The leaves of an absence proof do not bracket the variant (or it is one of them).
		ProofNotBracketing,
		/// An edge absence proof is not about the first (last) leaf.
		ProofNotAtEdge,
		/// The proof was made for the other fingerprint scheme than the anchor's.
		ProofSchemeMismatch,
		/// A v2 proof's variant lies beyond the last position v2 covers.
		ProofBeyondWindows,
		/// The window key of a v2 absence proof does not lead to the window root it states.
		ProofWindowMismatch,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(
			_block: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::check_anchors().map_err(Into::into)
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Anchors the caller's fingerprint `root` of `leaf_count` variants on `assembly`,
		/// optionally naming the custodian of the encrypted file and its digest. Holds a deposit.
		/// The anchor's id binds `root` to the caller.
		#[pallet::call_index(0)]
		pub fn anchor(
			origin: OriginFor<T>,
			root: FingerprintRoot,
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
		/// proven by `proof` (of the anchor id of the caller and `sample_root`); the anchor is
		/// attested by the batch's lab. Holds a deposit.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::claim_from_batch(proof.siblings.len() as u32))]
		pub fn claim_from_batch(
			origin: OriginFor<T>,
			batch: BatchId,
			sample_root: FingerprintRoot,
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

		/// Replaces the caller's anchor `anchor` by a new version with fingerprint `root`. Holds
		/// a deposit for the new version; the old one stays, superseded, until removed.
		#[pallet::call_index(4)]
		pub fn supersede(
			origin: OriginFor<T>,
			anchor: AnchorId,
			root: FingerprintRoot,
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
			// Boxed so that this call does not set the size of every runtime call; it encodes
			// exactly as the proof itself.
			proof: Box<VariantProof>,
		) -> DispatchResult {
			let prover = ensure_signed(origin)?;
			Self::do_prove_variant(prover, anchor, *proof)
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

		/// Withdraws the attestation of anchor `anchor`: as governance when the origin is
		/// [`Config::AttestationAuthority`], otherwise as the attesting lab.
		#[pallet::call_index(8)]
		pub fn withdraw_attestation(origin: OriginFor<T>, anchor: AnchorId) -> DispatchResult {
			let withdrawer = match T::AttestationAuthority::try_origin(origin) {
				Ok(_) => None,
				Err(origin) => Some(ensure_signed(origin)?),
			};
			Self::do_withdraw_attestation(withdrawer, anchor)
		}
	}
}
