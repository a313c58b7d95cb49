//! Genome anchors as other pallets, runtime APIs and off-chain tools see them.
//!
//! An anchor is one sample's fingerprint root on chain (see [`crate::fingerprint`]): the root,
//! its leaf count, assembly and scheme, and who stands behind it.
//!
//! ## Anchor ids: a genome belongs to the account that anchored it
//!
//! An anchor is identified by [`anchor_id`]`(subject, root)`, a hash of its subject's account and
//! its fingerprint root, which the chain computes from the signer of the call. Whoever copies a
//! pending `anchor(root, …)` call and signs it with another account makes a different anchor
//! (theirs, self-asserted); the subject's own anchor, the id the lab attests and the consents
//! that name it stay the subject's. A lab batch commits anchor ids, not bare roots, so a copied
//! `claim_from_batch` signed by another account proves nothing and fails. The id also serves as
//! the [`DatasetId`](crate::consent::DatasetId) of the genome in consents.
//!
//! Commit-reveal was the other way to bind a root to its subject: it needs two transactions a
//! block apart, and a reveal left waiting in the pool can still be overtaken by a later commit
//! whose reveal is included first. Binding the id to the signer needs one transaction and holds
//! whatever the order of inclusion.

use crate::{
	consent::Standing,
	fingerprint::{Assembly, ProofError, ProvenFact, Scheme},
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::sp_core::H256;
#[cfg(feature = "std")]
use polkadot_sdk::sp_crypto_hashing::blake2_256;
#[cfg(not(feature = "std"))]
use polkadot_sdk::sp_io::hashing::blake2_256;
use scale_info::TypeInfo;

/// Identifies an anchor: [`anchor_id`] of its subject and fingerprint root.
pub type AnchorId = H256;

/// Identifies a lab batch: its batch root.
pub type BatchId = H256;

/// The salted Merkle root of a genome's canonical variants (see [`crate::fingerprint`]).
pub type FingerprintRoot = H256;

/// Domain separation of anchor ids from every other hash on Genochain.
const ANCHOR_ID_DOMAIN: &[u8; 18] = b"genochain/anchorid";

/// The id of the anchor of fingerprint `root` whose subject is `subject`:
/// `blake2_256("genochain/anchorid" ‖ SCALE(subject) ‖ root)`.
///
/// A lab computes it for each of its customers' samples (their account and sample root) to build
/// a batch; a subject's tools compute it to name their anchor before it is on chain.
pub fn anchor_id<AccountId: Encode>(subject: &AccountId, root: &FingerprintRoot) -> AnchorId {
	let mut input = alloc::vec::Vec::with_capacity(18 + 32 + 32);
	input.extend_from_slice(ANCHOR_ID_DOMAIN);
	subject.encode_to(&mut input);
	input.extend_from_slice(root.as_bytes());
	H256(blake2_256(&input))
}

/// A lab's statement that an anchor is the fingerprint of a sample it sequenced.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Attestation<AccountId, BlockNumber> {
	/// The accredited lab, directly (`attest`) or through the batch the anchor was claimed from.
	pub lab: AccountId,
	/// When it attested.
	pub at: BlockNumber,
}

/// How far a statement about an anchor can be trusted: whether an accredited lab vouches for the
/// fingerprint, and where that lab stands now.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum Provenance<AccountId, BlockNumber> {
	/// No lab attests the fingerprint: its subject made it, from a VCF nobody vouched for.
	SelfAsserted,
	/// `lab` attested it at block `at`; `standing` is the lab's accreditation as a lab now
	/// (a lab suspended or revoked since shows as such).
	Attested { lab: AccountId, at: BlockNumber, standing: Standing },
}

/// What a variant proof establishes, about whose genome, and how far it can be trusted.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct VariantVerdict<AccountId, BlockNumber> {
	/// What the proof establishes.
	pub fact: ProvenFact,
	/// The anchor's subject: whose genome it is.
	pub subject: AccountId,
	/// Who vouches for the fingerprint.
	pub provenance: Provenance<AccountId, BlockNumber>,
}

/// The digest of the encrypted genome file the custodian keeps (for example its SHA-256), so the
/// file delivered later can be matched against the anchor.
pub type FileDigest = H256;

/// How far the fingerprint of an anchor must be vouched for: by an XCM asker about the anchor
/// asked about, by a study about the anchors enrolled in it.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Default,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub enum ProvenanceRequirement {
	/// Any current anchor, self-asserted ones too.
	#[default]
	Any,
	/// An anchor attested by a lab accredited, and not suspended, when the requirement is checked.
	Attested,
}

impl ProvenanceRequirement {
	/// Whether an anchor of this provenance meets the requirement.
	pub fn is_met_by<AccountId, BlockNumber>(
		&self,
		provenance: &Provenance<AccountId, BlockNumber>,
	) -> bool {
		match self {
			Self::Any => true,
			Self::Attested => {
				matches!(provenance, Provenance::Attested { standing: Standing::Accredited, .. })
			}
		}
	}
}

/// An anchor's public facts.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Anchor<AccountId, BlockNumber> {
	/// Whose genome: the account that anchored or claimed it.
	pub subject: AccountId,
	/// The fingerprint root that proofs lead to.
	pub root: FingerprintRoot,
	/// The number of variants committed.
	pub leaf_count: u32,
	/// The reference genome of the positions.
	pub assembly: Assembly,
	/// The fingerprint scheme of the root.
	pub scheme: Scheme,
	/// The accredited custodian that keeps the encrypted data, if any.
	pub custodian: Option<AccountId>,
	/// The digest of the encrypted file, if the subject stated one.
	pub file_digest: Option<FileDigest>,
	/// The lab that attested the fingerprint, directly or through its batch, unless the lab or
	/// governance withdrew the attestation.
	pub attestation: Option<Attestation<AccountId, BlockNumber>>,
	/// The lab batch the anchor was claimed from.
	pub batch: Option<BatchId>,
	/// The version this one replaces. It may since have been removed.
	pub previous: Option<AnchorId>,
	/// The version that replaces this one. It may since have been removed; the anchor stays
	/// superseded.
	pub superseded_by: Option<AnchorId>,
	/// When it was anchored.
	pub anchored_at: BlockNumber,
}

/// Why a variant proof was not accepted against an anchor.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum AnchorProofRefusal {
	/// No anchor has this root.
	UnknownAnchor,
	/// The anchor was superseded by a newer version; prove against that one.
	Superseded,
	/// The proof does not hold.
	Proof(ProofError),
	/// The anchor was erased (its subject's erasure or a committee's redaction).
	Redacted,
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::AccountId;

	#[test]
	fn anchor_ids_bind_the_subject_and_the_root() {
		let (alice, bob) = (AccountId::from([1; 32]), AccountId::from([2; 32]));
		let (root, other_root) = (H256::repeat_byte(7), H256::repeat_byte(8));
		let id = anchor_id(&alice, &root);
		assert_eq!(id, anchor_id(&alice, &root), "deterministic");
		assert_ne!(id, anchor_id(&bob, &root), "another signer, another anchor");
		assert_ne!(id, anchor_id(&alice, &other_root));
		assert_ne!(id, root, "never the bare root");
		// Fixed, so that labs' and wallets' tools can compute it without the chain.
		let mut input = b"genochain/anchorid".to_vec();
		input.extend_from_slice(&[1; 32]);
		input.extend_from_slice(&[7; 32]);
		assert_eq!(id, H256(polkadot_sdk::sp_crypto_hashing::blake2_256(&input)));
	}
}
