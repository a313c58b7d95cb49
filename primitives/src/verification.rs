//! The wire types of cross-chain verification, shared by Genochain's verifier and the client
//! pallet other chains add: what a sibling chain asks ("is this true now?") and what Genochain
//! answers, with the block at which the answer held.
//!
//! Both travel SCALE-encoded inside XCM `Transact` calls, wrapped in a version so either side can
//! evolve without misreading the other. Every type has a bounded encoding
//! ([`MAX_REQUEST_LEN`], [`MAX_RESPONSE_LEN`]), so an XCM carrying one has a known size and weight.

use crate::{
	anchor::{AnchorId, AnchorProofRefusal},
	consent::{AccessRefusal, ConsentId, DataCategory, DatasetId},
	duo::RequestedUse,
	fingerprint::{ProvenFact, VariantProof},
	redaction::{RecordRef, Tombstone},
};
use alloc::boxed::Box;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Identifies a question on the asking chain; the answer carries it back.
pub type QueryId = u64;

/// A question about Genochain's state now.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum VerifyRequest<AccountId> {
	/// An anchor with this root exists and is current (not superseded, not erased).
	AnchorExists {
		/// The anchor's root.
		root: AnchorId,
	},
	/// The proof establishes a fact (a variant carried, or absent) about the genome of the current
	/// anchor `root`.
	Variant {
		/// The anchor's root.
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
		/// The dataset (an anchor root).
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
	pub query_id: QueryId,
	/// True, with what was found, or not, with why.
	pub verdict: Result<Fact, Refusal<BlockNumber>>,
	/// The Genochain block at which the verdict held: how fresh a consent check is.
	pub at: BlockNumber,
}

/// A request as it travels, in a version both sides name.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum VersionedVerifyRequest<AccountId> {
	/// Version 1.
	#[codec(index = 1)]
	V1(VerifyRequest<AccountId>),
}

/// A response as it travels, in a version both sides name.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum VersionedVerifyResponse<BlockNumber> {
	/// Version 1.
	#[codec(index = 1)]
	V1(VerifyResponse<BlockNumber>),
}

/// The most bytes a versioned request encodes to, with 32-byte accounts: an absence proof as deep
/// and with alleles as long as the scheme allows (8,331 bytes) dominates.
pub const MAX_REQUEST_LEN: usize = 8_448;

/// The most bytes a versioned response encodes to, with 32-bit block numbers: a proven fact names
/// its variant, whose alleles may be as long as the scheme allows (2,074 bytes).
pub const MAX_RESPONSE_LEN: usize = 2_176;

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{
		consent::DataCategory,
		duo::DuoPermission,
		redaction::{RecordKind, Tombstone},
		AccountId, BlockNumber,
	};
	use codec::{Decode, Encode, MaxEncodedLen};
	use polkadot_sdk::sp_core::H256;

	#[test]
	fn encodings_are_bounded() {
		let request = VersionedVerifyRequest::<AccountId>::max_encoded_len();
		let response = VersionedVerifyResponse::<BlockNumber>::max_encoded_len();
		assert!(request <= MAX_REQUEST_LEN, "a request may take {request} bytes");
		assert!(response <= MAX_RESPONSE_LEN, "a response may take {response} bytes");
	}

	#[test]
	fn requests_and_responses_round_trip_under_their_version() {
		let request = VersionedVerifyRequest::V1(VerifyRequest::Consent {
			grantee: AccountId::from([1; 32]),
			subject: AccountId::from([2; 32]),
			dataset: H256::repeat_byte(3),
			category: DataCategory::Variants,
			requested: RequestedUse::research(DuoPermission::HealthMedicalBiomedical),
		});
		let bytes = request.encode();
		// The version leads, so a chain reading another version fails to decode, not misreads.
		assert_eq!(bytes[0], 1);
		assert_eq!(VersionedVerifyRequest::<AccountId>::decode(&mut &bytes[..]), Ok(request));

		let tombstone =
			Tombstone { kind: RecordKind::Anchor, erased_at: 7, case: 2, request: None };
		let response = VersionedVerifyResponse::V1(VerifyResponse::<BlockNumber> {
			query_id: 42,
			verdict: Err(Refusal::Redacted(tombstone)),
			at: 9,
		});
		let bytes = response.encode();
		assert_eq!(bytes[0], 1);
		assert_eq!(VersionedVerifyResponse::<BlockNumber>::decode(&mut &bytes[..]), Ok(response));
		let mut unknown = bytes;
		unknown[0] = 2;
		assert!(VersionedVerifyResponse::<BlockNumber>::decode(&mut &unknown[..]).is_err());
	}
}
