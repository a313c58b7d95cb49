//! Version 1 of the requests and answers, as the first asking chains encode them. Frozen:
//! Genochain answers a V1 request with a V1 response, which names neither the anchor's subject nor
//! who vouches for it; ask in [V2](super::v2) for those.

use super::RequestKind;
use crate::{
	anchor::{AnchorId, AnchorProofRefusal},
	consent::{AccessRefusal, ConsentId, DataCategory, DatasetId},
	duo::RequestedUse,
	fingerprint::{v1::VariantProof, ProvenFact},
	redaction::{RecordRef, Tombstone},
};
use alloc::boxed::Box;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// A question about Genochain's state now.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum VerifyRequest<AccountId> {
	/// An anchor with this id exists and is current (not superseded, not erased).
	AnchorExists {
		/// The anchor's id.
		root: AnchorId,
	},
	/// The proof establishes a fact (a variant carried, or absent) about the genome of the current
	/// anchor `root`.
	Variant {
		/// The anchor's id.
		root: AnchorId,
		/// An inclusion or absence proof, as `genochain prove` writes it; boxed, as it is far
		/// larger than the other requests.
		proof: Box<VariantProof>,
	},
	/// One of `subject`'s consents lets `grantee` use `category` data of `dataset` for `requested`
	/// now.
	Consent {
		/// Who would use the data.
		grantee: AccountId,
		/// Whose data it is.
		subject: AccountId,
		/// The dataset (an anchor id or an accession).
		dataset: DatasetId,
		/// The kind of data.
		category: DataCategory,
		/// The use, stated as for `consent.recordAccess`.
		requested: RequestedUse,
	},
	/// The record was not redacted.
	NotRedacted {
		/// The record.
		record: RecordRef<AccountId>,
	},
}

impl<AccountId> VerifyRequest<AccountId> {
	/// The request's kind.
	pub fn kind(&self) -> RequestKind {
		match self {
			Self::AnchorExists { .. } => RequestKind::AnchorExists,
			Self::Variant { .. } => RequestKind::Variant,
			Self::Consent { .. } => RequestKind::Consent,
			Self::NotRedacted { .. } => RequestKind::NotRedacted,
		}
	}
}

/// What Genochain found true.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum Fact {
	/// The anchor exists and is current.
	AnchorCurrent,
	/// What the variant proof establishes.
	Variant(ProvenFact),
	/// This consent allows the use.
	ConsentAllows(ConsentId),
	/// No tombstone stands for the record.
	NotRedacted,
}

/// Why Genochain did not find the request true.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum Refusal<BlockNumber> {
	/// The anchor is missing, superseded, erased, or the proof does not hold.
	Anchor(AnchorProofRefusal),
	/// No consent covers the use, and why (that of the consent that came closest).
	Access(AccessRefusal),
	/// The record was redacted: its tombstone.
	Redacted(Tombstone<BlockNumber>),
}

/// The answer to one request.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct VerifyResponse<BlockNumber> {
	/// The asking chain's query id.
	pub query_id: super::QueryId,
	/// True, with what was found, or not, with why.
	pub verdict: Result<Fact, Refusal<BlockNumber>>,
	/// The Genochain block at which the verdict held: how fresh a consent check is.
	pub at: BlockNumber,
}
