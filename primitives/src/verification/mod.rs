//! The wire types of cross-chain verification, shared by Genochain's verifier and the client
//! pallet other chains add: what a sibling chain asks ("is this true now?") and what Genochain
//! answers, with the block at which the answer held.
//!
//! Both travel SCALE-encoded inside XCM `Transact` calls, wrapped in a version so either side can
//! evolve without misreading the other. Every type has a bounded encoding
//! ([`MAX_REQUEST_LEN`], [`MAX_RESPONSE_LEN`]), so an XCM carrying one has a known size and weight.
//!
//! ## Versions
//!
//! Genochain answers a request in the version it was asked in.
//!
//! - [`v1`]: whether an anchor is current, what a variant proof establishes, whether a consent
//!   allows a use, whether a record was redacted.
//! - [`v2`]: the same questions; a verdict about an anchor or a
//!   variant also names the anchor's subject and its [`Provenance`](crate::anchor::Provenance)
//!   (`Attested { lab, at, standing }` or `SelfAsserted`), an anchor or variant request may
//!   require an attestation by a lab accredited now (refused with `NotAttested` otherwise), and a
//!   consent request may name the custodian that would release the data (refused with
//!   `NotTheDatasetsCustodian` if it does not keep the dataset).
//! - [`v3`] (the latest, re-exported here): as V2, but a variant request carries a proof of
//!   either fingerprint scheme (v1 or v2); V2 carries scheme v1 proofs only.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

pub mod v1;
pub mod v2;
pub mod v3;

pub use v3::*;

/// Identifies a question on the asking chain; the answer carries it back.
pub type QueryId = u64;

/// The kind of a request, as events name it without repeating its content.
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
	/// Whether an anchor is current.
	AnchorExists,
	/// What a variant proof establishes.
	Variant,
	/// Whether a consent allows a use.
	Consent,
	/// Whether a record was redacted.
	NotRedacted,
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
	pub fn call<AccountId: Encode, BlockNumber: Encode>(
		&self,
		response: &VersionedVerifyResponse<AccountId, BlockNumber>,
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
	V1(v1::VerifyRequest<AccountId>),
	/// Version 2.
	#[codec(index = 2)]
	V2(v2::VerifyRequest<AccountId>),
	/// Version 3.
	#[codec(index = 3)]
	V3(v3::VerifyRequest<AccountId>),
}

impl<AccountId> VersionedVerifyRequest<AccountId> {
	/// The request's kind.
	pub fn kind(&self) -> RequestKind {
		match self {
			Self::V1(request) => request.kind(),
			Self::V2(request) => request.kind(),
			Self::V3(request) => request.kind(),
		}
	}

	/// The request in the latest version, meaning the same.
	pub fn into_latest(self) -> VerifyRequest<AccountId> {
		match self {
			Self::V1(request) => request.into(),
			Self::V2(request) => request.into(),
			Self::V3(request) => request,
		}
	}
}

/// A response as it travels, in a version both sides name.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum VersionedVerifyResponse<AccountId, BlockNumber> {
	/// Version 1.
	#[codec(index = 1)]
	V1(v1::VerifyResponse<BlockNumber>),
	/// Version 2.
	#[codec(index = 2)]
	V2(v2::VerifyResponse<AccountId, BlockNumber>),
	/// Version 3: the V2 answer, to a V3 request.
	#[codec(index = 3)]
	V3(v3::VerifyResponse<AccountId, BlockNumber>),
}

/// The most bytes a versioned request encodes to, with 32-byte accounts: an absence proof as deep
/// and with alleles as long as the scheme allows (8,332 bytes in V2) dominates.
pub const MAX_REQUEST_LEN: usize = 8_448;

/// The most bytes a versioned response encodes to, with 32-byte accounts and 32-bit block numbers:
/// a proven fact names its variant, whose alleles may be as long as the scheme allows, and in V2
/// the anchor's subject and attesting lab (2,144 bytes).
pub const MAX_RESPONSE_LEN: usize = 2_176;

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{
		anchor::Provenance,
		consent::{DataCategory, Standing},
		duo::{DuoPermission, RequestedUse},
		redaction::{RecordKind, Tombstone},
		AccountId, BlockNumber,
	};
	use alloc::boxed::Box;
	use codec::{Decode, Encode, MaxEncodedLen};
	use polkadot_sdk::sp_core::H256;

	#[test]
	fn encodings_are_bounded() {
		let request = VersionedVerifyRequest::<AccountId>::max_encoded_len();
		let response = VersionedVerifyResponse::<AccountId, BlockNumber>::max_encoded_len();
		assert!(request <= MAX_REQUEST_LEN, "a request may take {request} bytes");
		assert!(response <= MAX_RESPONSE_LEN, "a response may take {response} bytes");
	}

	fn consent_request_v1() -> v1::VerifyRequest<AccountId> {
		v1::VerifyRequest::Consent {
			grantee: AccountId::from([1; 32]),
			subject: AccountId::from([2; 32]),
			dataset: H256::repeat_byte(3),
			category: DataCategory::Variants,
			requested: RequestedUse::research(DuoPermission::HealthMedicalBiomedical),
		}
	}

	#[test]
	fn requests_and_responses_round_trip_under_their_version() {
		let request = VersionedVerifyRequest::V1(consent_request_v1());
		let bytes = request.encode();
		// The version leads, so a chain reading another version fails to decode, not misreads.
		assert_eq!(bytes[0], 1);
		assert_eq!(VersionedVerifyRequest::<AccountId>::decode(&mut &bytes[..]), Ok(request));

		let tombstone =
			Tombstone { kind: RecordKind::Anchor, erased_at: 7, case: 2, request: None };
		let response = VersionedVerifyResponse::<AccountId, BlockNumber>::V1(v1::VerifyResponse {
			query_id: 42,
			verdict: Err(v1::Refusal::Redacted(tombstone)),
			at: 9,
		});
		let bytes = response.encode();
		assert_eq!(bytes[0], 1);
		assert_eq!(
			VersionedVerifyResponse::<AccountId, BlockNumber>::decode(&mut &bytes[..]),
			Ok(response)
		);
		let mut unknown = bytes;
		unknown[0] = 4;
		assert!(
			VersionedVerifyResponse::<AccountId, BlockNumber>::decode(&mut &unknown[..]).is_err()
		);

		let lab = AccountId::from([9; 32]);
		let response = VersionedVerifyResponse::<AccountId, BlockNumber>::V2(VerifyResponse {
			query_id: 43,
			verdict: Err(Refusal::NotAttested(Provenance::Attested {
				lab,
				at: 4,
				standing: Standing::Suspended,
			})),
			at: 10,
		});
		let bytes = response.encode();
		assert_eq!(bytes[0], 2);
		assert_eq!(
			VersionedVerifyResponse::<AccountId, BlockNumber>::decode(&mut &bytes[..]),
			Ok(response)
		);
	}

	#[test]
	fn a_v2_variant_request_means_the_same_in_v3_with_its_v1_proof() {
		let proof = crate::fingerprint::v1::VariantProof::Absent {
			key: crate::fingerprint::VariantKey {
				chromosome: crate::fingerprint::Chromosome::X,
				position: 5,
				reference: crate::fingerprint::Allele::truncate_from(b"A".to_vec()),
				alternate: crate::fingerprint::Allele::truncate_from(b"C".to_vec()),
			},
			proof: crate::fingerprint::v1::AbsenceProof::BeforeFirst(
				crate::fingerprint::v1::InclusionProof {
					variant: crate::fingerprint::Variant {
						key: crate::fingerprint::VariantKey {
							chromosome: crate::fingerprint::Chromosome::X,
							position: 9,
							reference: crate::fingerprint::Allele::truncate_from(b"A".to_vec()),
							alternate: crate::fingerprint::Allele::truncate_from(b"G".to_vec()),
						},
						zygosity: crate::fingerprint::Zygosity::Hemizygous,
					},
					leaf_index: 0,
					salt: H256::repeat_byte(1),
					siblings: Default::default(),
				},
			),
		};
		let anchor = H256::repeat_byte(5);
		let require = ProvenanceRequirement::Attested;
		let v2 = v2::VerifyRequest::<AccountId>::Variant {
			anchor,
			proof: Box::new(proof.clone()),
			require,
		};
		let v3 = VersionedVerifyRequest::V2(v2).into_latest();
		assert_eq!(
			v3,
			VerifyRequest::Variant {
				anchor,
				proof: Box::new(crate::fingerprint::VariantProof::V1(proof)),
				require
			}
		);
		assert_eq!(VersionedVerifyRequest::V3(v3.clone()).encode()[0], 3);
		assert_eq!(VersionedVerifyRequest::V3(v3).kind(), RequestKind::Variant);
	}

	#[test]
	fn a_v1_request_means_the_same_in_v2() {
		let anchor = H256::repeat_byte(5);
		let upgraded = VersionedVerifyRequest::<AccountId>::V1(v1::VerifyRequest::AnchorExists {
			root: anchor,
		})
		.into_latest();
		assert_eq!(
			upgraded,
			VerifyRequest::AnchorExists { anchor, require: ProvenanceRequirement::Any }
		);
		let VerifyRequest::Consent { custodian, grantee, .. } =
			VersionedVerifyRequest::V1(consent_request_v1()).into_latest()
		else {
			panic!("a consent request stays one");
		};
		assert_eq!((custodian, grantee), (None, AccountId::from([1; 32])));
	}

	#[test]
	fn an_asking_chain_raises_the_required_provenance_of_anchor_requests_only() {
		let anchor = H256::repeat_byte(5);
		let mut request = VerifyRequest::<AccountId>::AnchorExists {
			anchor,
			require: ProvenanceRequirement::Any,
		};
		request.require_at_least(ProvenanceRequirement::Attested);
		assert_eq!(
			request,
			VerifyRequest::AnchorExists { anchor, require: ProvenanceRequirement::Attested }
		);
		// A floor never lowers what the request asks.
		request.require_at_least(ProvenanceRequirement::Any);
		assert_eq!(
			request,
			VerifyRequest::AnchorExists { anchor, require: ProvenanceRequirement::Attested }
		);
		let mut consent: VerifyRequest<AccountId> = consent_request_v1().into();
		let before = consent.clone();
		consent.require_at_least(ProvenanceRequirement::Attested);
		assert_eq!(consent, before);
	}

	#[test]
	fn only_a_lab_accredited_now_meets_an_attestation_requirement() {
		let lab = AccountId::from([9; 32]);
		let attested = |standing| Provenance::Attested { lab: lab.clone(), at: 3, standing };
		let required = ProvenanceRequirement::Attested;
		assert!(required.is_met_by(&attested(Standing::Accredited)));
		assert!(!required.is_met_by(&attested(Standing::Suspended)));
		assert!(!required.is_met_by(&attested(Standing::NotAccredited)));
		assert!(!required.is_met_by(&Provenance::<AccountId, BlockNumber>::SelfAsserted));
		assert!(ProvenanceRequirement::Any
			.is_met_by(&Provenance::<AccountId, BlockNumber>::SelfAsserted));
	}

	#[test]
	fn a_callback_call_is_its_indices_then_the_response() {
		let response = VersionedVerifyResponse::<AccountId, BlockNumber>::V2(VerifyResponse {
			query_id: 3,
			verdict: Ok(Fact::AnchorCurrent {
				subject: AccountId::from([2; 32]),
				provenance: Provenance::SelfAsserted,
			}),
			at: 12,
		});
		let call = Callback { pallet_index: 51, call_index: 2 }.call(&response);
		assert_eq!(&call[..2], &[51, 2]);
		assert_eq!(
			VersionedVerifyResponse::<AccountId, BlockNumber>::decode(&mut &call[2..]),
			Ok(response.clone())
		);
		assert_eq!(call.len(), 2 + response.encoded_size());
	}
}
