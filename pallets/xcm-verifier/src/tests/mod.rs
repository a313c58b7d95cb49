#![allow(clippy::arithmetic_side_effects)]
//! The pallet's tests, one file per call (`verify` by request kind), and the helpers they share.

mod allowlist;
mod verify;
mod verify_anchor;
mod verify_consent;
mod verify_variant;

use crate::{mock::*, AllowedSiblings, AnswersInBlock, Error, Event};
use codec::{Decode, Encode};
use genochain_primitives::{
	anchor::{AnchorId, AnchorProofRefusal, Provenance, VariantVerdict},
	consent::{AccessRefusal, DataCategory, Standing},
	duo::{DuoPermission, RequestedUse},
	fingerprint::{
		v1::{InclusionProof, VariantProof as ProofV1},
		Chromosome, ProofError, ProvenFact, Variant, VariantKey, VariantProof, Zygosity,
	},
	redaction::{RecordKind, RecordRef, Tombstone},
	verification::{
		v1, Callback, Fact, ProvenanceRequirement, QueryId, Refusal, RequestKind, VerifyRequest,
		VerifyResponse, VersionedVerifyRequest, VersionedVerifyResponse,
	},
};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_core::H256,
	sp_runtime::DispatchError,
	staging_xcm::latest::prelude::*,
};

const CALLBACK: Callback = Callback { pallet_index: 42, call_index: 3 };
const GRANTEE: u64 = 12;

fn variant() -> Variant {
	Variant {
		key: VariantKey {
			chromosome: Chromosome::from_number(7).expect("chromosome 7"),
			position: 117_559_590,
			reference: b"ATCT".to_vec().try_into().expect("short allele"),
			alternate: b"A".to_vec().try_into().expect("short allele"),
		},
		zygosity: Zygosity::Heterozygous,
	}
}

/// A scheme v1 proof of [`variant`], as a V1 or V2 request carries it.
fn proof_v1() -> Box<ProofV1> {
	let proof = InclusionProof {
		variant: variant(),
		leaf_index: 0,
		salt: H256::repeat_byte(9),
		siblings: Default::default(),
	};
	Box::new(ProofV1::Included(proof))
}

/// The same proof as a V3 request carries it.
fn proof() -> Box<VariantProof> {
	Box::new(VariantProof::V1(*proof_v1()))
}

/// A variant request about anchor `anchor`, attested by [`LAB`], requiring an attestation.
pub(crate) fn variant_request(anchor: AnchorId) -> VerifyRequest<u64> {
	MockFacts::anchor(anchor, false, Ok(ProvenFact::Carries(variant())));
	MockFacts::attest(anchor, 2);
	VerifyRequest::Variant { anchor, proof: proof(), require: ProvenanceRequirement::Attested }
}

fn research() -> RequestedUse {
	RequestedUse::research(DuoPermission::HealthMedicalBiomedical)
}

/// A consent request over `dataset`, released by [`CUSTODIAN`].
pub(crate) fn consent_request(dataset: AnchorId) -> VerifyRequest<u64> {
	MockFacts::consent(GRANTEE, SUBJECT, dataset, Ok(5));
	VerifyRequest::Consent {
		grantee: GRANTEE,
		subject: SUBJECT,
		dataset,
		category: DataCategory::Variants,
		requested: research(),
		custodian: Some(CUSTODIAN),
	}
}

fn anchor_exists(anchor: AnchorId, require: ProvenanceRequirement) -> VerifyRequest<u64> {
	VerifyRequest::AnchorExists { anchor, require }
}

fn ask_in(
	from: u64,
	query_id: QueryId,
	request: VersionedVerifyRequest<u64>,
) -> Result<(), DispatchError> {
	XcmVerifier::verify(RuntimeOrigin::signed(from), query_id, CALLBACK, Box::new(request))
		.map(|_| ())
		.map_err(|error| error.error)
}

fn ask(from: u64, query_id: QueryId, request: VerifyRequest<u64>) -> Result<(), DispatchError> {
	ask_in(from, query_id, VersionedVerifyRequest::V3(request))
}

/// The answers sent so far, decoded from their `Transact`s, with their destinations.
fn answers() -> Vec<(Location, VersionedVerifyResponse<u64, u64>)> {
	MockRouter::sent()
		.into_iter()
		.map(|(destination, message)| {
			let [UnpaidExecution { weight_limit: Unlimited, check_origin: None }, Transact { origin_kind: OriginKind::Xcm, call, .. }] =
				&message.0[..]
			else {
				panic!("an answer is an unpaid Transact as Genochain: {message:?}")
			};
			let call = call.encoded().to_vec();
			assert_eq!(&call[..2], &[CALLBACK.pallet_index, CALLBACK.call_index]);
			let response = VersionedVerifyResponse::decode(&mut &call[2..]).expect("a response");
			(destination, response)
		})
		.collect()
}

/// The answer to `request`, asked in a block of its own (so the answer cap does not bite).
fn answer_to(request: VersionedVerifyRequest<u64>) -> VersionedVerifyResponse<u64, u64> {
	System::set_block_number(System::block_number() + 1);
	let before = answers().len();
	assert_ok!(ask_in(ASKER.into(), 1, request));
	let answers = answers();
	assert_eq!(answers.len(), before + 1, "one answer per query");
	let (destination, response) = answers.last().cloned().expect("an answer");
	assert_eq!(destination, Location::new(1, [Parachain(ASKER)]));
	response
}

type Verdict = Result<Fact<u64, u64>, Refusal<u64, u64>>;

/// The verdict on `request`, asked in V2.
fn verdict_of(request: VerifyRequest<u64>) -> Verdict {
	match answer_to(VersionedVerifyRequest::V3(request)) {
		VersionedVerifyResponse::V3(response) => response.verdict,
		other => panic!("a V2 request is answered in V2: {other:?}"),
	}
}

fn tombstone() -> Tombstone<u64> {
	Tombstone { kind: RecordKind::Anchor, erased_at: 3, case: 1, request: None }
}

fn attested_by_lab(at: u64, standing: Standing) -> Provenance<u64, u64> {
	Provenance::Attested { lab: LAB, at, standing }
}
