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

/// The kind of a [`VerifyRequest`], as events name it without repeating its content.
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
pub enum RequestKind {
	/// [`VerifyRequest::AnchorExists`].
	AnchorExists,
	/// [`VerifyRequest::Variant`].
	Variant,
	/// [`VerifyRequest::Consent`].
	Consent,
	/// [`VerifyRequest::NotRedacted`].
	NotRedacted,
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
	pub query_id: QueryId,
	/// True, with what was found, or not, with why.
	pub verdict: Result<Fact, Refusal<BlockNumber>>,
	/// The Genochain block at which the verdict held: how fresh a consent check is.
	pub at: BlockNumber,
}

/// Where the asking chain takes the answer: the call Genochain's answer `Transact`s there, whose
/// only argument is the [`VersionedVerifyResponse`] (for `pallet-verifier-client`, its
/// `receive_verdict`). The answer is dispatched with the `Xcm` origin kind, as Genochain's
/// location.
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
pub struct Callback {
	/// The index of the pallet in the asking chain's runtime.
	pub pallet_index: u8,
	/// The index of the call in that pallet.
	pub call_index: u8,
}

impl Callback {
	/// The encoded call carrying `response`.
	pub fn call<BlockNumber: Encode>(
		&self,
		response: &VersionedVerifyResponse<BlockNumber>,
	) -> alloc::vec::Vec<u8> {
		let mut call = alloc::vec![self.pallet_index, self.call_index];
		response.encode_to(&mut call);
		call
	}
}

/// The index of the XCM verifier pallet in Genochain's runtime: part of the interface asking
/// chains encode their `Transact`s against.
pub const VERIFIER_PALLET_INDEX: u8 = 65;

/// The index of `verify` in the XCM verifier pallet.
pub const VERIFY_CALL_INDEX: u8 = 0;

/// The encoded Genochain call `XcmVerifier::verify { query_id, callback, request }`, as an asking
/// chain `Transact`s it.
pub fn verify_call<AccountId: Encode>(
	query_id: QueryId,
	callback: Callback,
	request: &VersionedVerifyRequest<AccountId>,
) -> alloc::vec::Vec<u8> {
	let mut call = alloc::vec![VERIFIER_PALLET_INDEX, VERIFY_CALL_INDEX];
	(query_id, callback, request).encode_to(&mut call);
	call
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

	#[test]
	fn a_callback_call_is_its_indices_then_the_response() {
		let response = VersionedVerifyResponse::V1(VerifyResponse::<BlockNumber> {
			query_id: 3,
			verdict: Ok(Fact::AnchorCurrent),
			at: 12,
		});
		let call = Callback { pallet_index: 51, call_index: 2 }.call(&response);
		assert_eq!(&call[..2], &[51, 2]);
		assert_eq!(
			VersionedVerifyResponse::<BlockNumber>::decode(&mut &call[2..]),
			Ok(response.clone())
		);
		assert_eq!(call.len(), 2 + response.encoded_size());
	}
}
