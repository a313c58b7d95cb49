//! Genome anchors as other pallets, runtime APIs and off-chain tools see them.
//!
//! An anchor is one sample's fingerprint root on chain (see [`crate::fingerprint`]): the root,
//! its leaf count, assembly and scheme, and who stands behind it. It is identified by its root,
//! which also serves as the [`DatasetId`](crate::consent::DatasetId) of the genome in consents.

use crate::fingerprint::{Assembly, ProofError, Scheme};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::sp_core::H256;
use scale_info::TypeInfo;

/// Identifies an anchor: its fingerprint root.
pub type AnchorId = H256;

/// Identifies a lab batch: its batch root.
pub type BatchId = H256;

/// The digest of the encrypted genome file the custodian keeps (for example its SHA-256), so the
/// file delivered later can be matched against the anchor.
pub type FileDigest = H256;

/// An anchor's public facts.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Anchor<AccountId, BlockNumber> {
	/// Whose genome: the account that anchored or claimed it.
	pub subject: AccountId,
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
	/// The accredited lab that attested the fingerprint, directly or through its batch.
	pub attested_by: Option<AccountId>,
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
