//! Version 2 of the requests and answers: a verdict about an anchor or a variant names the
//! anchor's subject and who vouches for its fingerprint (an accredited lab's attestation, or no
//! one), the asker may require an attestation, and a consent request may name the custodian that
//! would release the data.

use super::{v1, QueryId, RequestKind};
use crate::{
	anchor::{AnchorId, AnchorProofRefusal, Provenance, VariantVerdict},
	consent::{AccessRefusal, ConsentId, DataCategory, DatasetId},
	duo::RequestedUse,
	fingerprint::v1::VariantProof,
	redaction::{RecordRef, Tombstone},
};
use alloc::boxed::Box;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

pub use crate::anchor::ProvenanceRequirement;

/// A question about Genochain's state now. V2 carries a scheme v1 proof in a variant request;
/// [`v3`](super::v3) is the same with a proof of either scheme.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum VerifyRequest<AccountId, Proof = VariantProof> {
	/// An anchor with this id exists and is current (not superseded, not erased), and its
	/// provenance meets `require`.
	AnchorExists {
		/// The anchor's id.
		anchor: AnchorId,
		/// What the asker requires of its provenance.
		require: ProvenanceRequirement,
	},
	/// The proof establishes a fact (a variant carried, or absent) about the genome of the current
	/// anchor `anchor`, whose provenance meets `require`.
	Variant {
		/// The anchor's id.
		anchor: AnchorId,
		/// An inclusion or absence proof (in V2, of scheme v1 only); boxed, as it is far larger
		/// than the other requests.
		proof: Box<Proof>,
		/// What the asker requires of the anchor's provenance.
		require: ProvenanceRequirement,
	},
	/// One of `subject`'s consents lets `grantee` use `category` data of `dataset` for `requested`
	/// now, and, if `custodian` is named, that custodian keeps the dataset (so it is the one that
	/// may record the access).
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
		/// The custodian that would release the data, if the asker wants it checked.
		custodian: Option<AccountId>,
	},
	/// The record was not redacted.
	NotRedacted {
		/// The record.
		record: RecordRef<AccountId>,
	},
}

impl<AccountId, Proof> VerifyRequest<AccountId, Proof> {
	/// The same request with its proof, if any, turned into another type.
	pub fn map_proof<Other>(
		self,
		into: impl FnOnce(Proof) -> Other,
	) -> VerifyRequest<AccountId, Other> {
		match self {
			Self::AnchorExists { anchor, require } => {
				VerifyRequest::AnchorExists { anchor, require }
			}
			Self::Variant { anchor, proof, require } => {
				VerifyRequest::Variant { anchor, proof: Box::new(into(*proof)), require }
			}
			Self::Consent { grantee, subject, dataset, category, requested, custodian } => {
				VerifyRequest::Consent { grantee, subject, dataset, category, requested, custodian }
			}
			Self::NotRedacted { record } => VerifyRequest::NotRedacted { record },
		}
	}

	/// The request's kind.
	pub fn kind(&self) -> RequestKind {
		match self {
			Self::AnchorExists { .. } => RequestKind::AnchorExists,
			Self::Variant { .. } => RequestKind::Variant,
			Self::Consent { .. } => RequestKind::Consent,
			Self::NotRedacted { .. } => RequestKind::NotRedacted,
		}
	}

	/// Raises the provenance an anchor or variant request requires to at least `floor` (an
	/// asking chain's own rule); other requests are left as they are.
	pub fn require_at_least(&mut self, floor: ProvenanceRequirement) {
		match self {
			Self::AnchorExists { require, .. } | Self::Variant { require, .. } => {
				*require = (*require).max(floor)
			}
			Self::Consent { .. } | Self::NotRedacted { .. } => {}
		}
	}
}

/// A V1 request means the same in V2: no provenance required, no custodian named.
impl<AccountId> From<v1::VerifyRequest<AccountId>> for VerifyRequest<AccountId> {
	fn from(request: v1::VerifyRequest<AccountId>) -> Self {
		match request {
			v1::VerifyRequest::AnchorExists { root } => {
				Self::AnchorExists { anchor: root, require: ProvenanceRequirement::Any }
			}
			v1::VerifyRequest::Variant { root, proof } => {
				Self::Variant { anchor: root, proof, require: ProvenanceRequirement::Any }
			}
			v1::VerifyRequest::Consent { grantee, subject, dataset, category, requested } => {
				Self::Consent { grantee, subject, dataset, category, requested, custodian: None }
			}
			v1::VerifyRequest::NotRedacted { record } => Self::NotRedacted { record },
		}
	}
}

/// What Genochain found true.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum Fact<AccountId, BlockNumber> {
	/// The anchor exists and is current: whose genome it is, and who vouches for it.
	AnchorCurrent {
		/// The anchor's subject.
		subject: AccountId,
		/// The lab that attested the fingerprint and where it stands now, or no one.
		provenance: Provenance<AccountId, BlockNumber>,
	},
	/// What the variant proof establishes, about whose genome, vouched for by whom.
	Variant(VariantVerdict<AccountId, BlockNumber>),
	/// This consent allows the use.
	ConsentAllows(ConsentId),
	/// No tombstone stands for the record.
	NotRedacted,
}

/// Why Genochain did not find the request true.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum Refusal<AccountId, BlockNumber> {
	/// The anchor is missing, superseded, erased, or the proof does not hold.
	Anchor(AnchorProofRefusal),
	/// No consent covers the use, and why (that of the consent that came closest); or the named
	/// custodian does not keep the dataset (`NotTheDatasetsCustodian`).
	Access(AccessRefusal),
	/// The record was redacted: its tombstone.
	Redacted(Tombstone<BlockNumber>),
	/// The request required an attested anchor, and this is its provenance: self-asserted, or
	/// attested by a lab suspended or no longer accredited.
	NotAttested(Provenance<AccountId, BlockNumber>),
}

/// Every V1 refusal is one in V2 too.
impl<AccountId, BlockNumber> From<v1::Refusal<BlockNumber>> for Refusal<AccountId, BlockNumber> {
	fn from(refusal: v1::Refusal<BlockNumber>) -> Self {
		match refusal {
			v1::Refusal::Anchor(refusal) => Self::Anchor(refusal),
			v1::Refusal::Access(refusal) => Self::Access(refusal),
			v1::Refusal::Redacted(tombstone) => Self::Redacted(tombstone),
		}
	}
}

/// The answer to one request.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct VerifyResponse<AccountId, BlockNumber> {
	/// The asking chain's query id.
	pub query_id: QueryId,
	/// True, with what was found, or not, with why.
	pub verdict: Result<Fact<AccountId, BlockNumber>, Refusal<AccountId, BlockNumber>>,
	/// The Genochain block at which the verdict held: how fresh a consent check is.
	pub at: BlockNumber,
}
