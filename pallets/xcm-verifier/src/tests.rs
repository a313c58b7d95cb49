#![allow(clippy::arithmetic_side_effects)]

use crate::{mock::*, AllowedSiblings, AnswersInBlock, Error, Event};
use codec::{Decode, Encode};
use genochain_primitives::{
	anchor::{AnchorId, AnchorProofRefusal, Provenance, VariantVerdict},
	consent::{AccessRefusal, DataCategory, Standing},
	duo::{DuoPermission, RequestedUse},
	fingerprint::{
		Chromosome, InclusionProof, ProofError, ProvenFact, Variant, VariantKey, VariantProof,
		Zygosity,
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

fn proof() -> Box<VariantProof> {
	let proof = InclusionProof {
		variant: variant(),
		leaf_index: 0,
		salt: H256::repeat_byte(9),
		siblings: Default::default(),
	};
	Box::new(VariantProof::Included(proof))
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
	ask_in(from, query_id, VersionedVerifyRequest::V2(request))
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
	match answer_to(VersionedVerifyRequest::V2(request)) {
		VersionedVerifyResponse::V2(response) => response.verdict,
		other => panic!("a V2 request is answered in V2: {other:?}"),
	}
}

fn tombstone() -> Tombstone<u64> {
	Tombstone { kind: RecordKind::Anchor, erased_at: 3, case: 1, request: None }
}

fn attested_by_lab(at: u64, standing: Standing) -> Provenance<u64, u64> {
	Provenance::Attested { lab: LAB, at, standing }
}

#[test]
fn a_current_anchor_is_answered_with_its_subject_and_provenance_at_the_block() {
	new_test_ext().execute_with(|| {
		let anchor = H256::repeat_byte(1);
		MockFacts::anchor(anchor, false, Err(AnchorProofRefusal::UnknownAnchor));
		System::set_block_number(9);
		assert_ok!(ask(ASKER.into(), 77, anchor_exists(anchor, ProvenanceRequirement::Any)));
		let (_, response) = answers().pop().expect("answered");
		let current =
			Fact::AnchorCurrent { subject: SUBJECT, provenance: Provenance::SelfAsserted };
		assert_eq!(
			response,
			VersionedVerifyResponse::V2(VerifyResponse {
				query_id: 77,
				verdict: Ok(current),
				at: 9
			})
		);
		let message_id = polkadot_sdk::sp_io::hashing::blake2_256(
			&MockRouter::sent().pop().expect("sent").1.encode(),
		);
		System::assert_last_event(
			Event::QueryAnswered {
				sibling: ASKER,
				query_id: 77,
				kind: RequestKind::AnchorExists,
				message_id,
			}
			.into(),
		);

		MockFacts::attest(anchor, 4);
		assert_eq!(
			verdict_of(anchor_exists(anchor, ProvenanceRequirement::Any)),
			Ok(Fact::AnchorCurrent {
				subject: SUBJECT,
				provenance: attested_by_lab(4, Standing::Accredited)
			})
		);
	});
}

#[test]
fn anchors_missing_superseded_or_redacted_are_refused_with_the_reason() {
	new_test_ext().execute_with(|| {
		let (missing, old, erased) =
			(H256::repeat_byte(1), H256::repeat_byte(2), H256::repeat_byte(3));
		MockFacts::anchor(old, true, Err(AnchorProofRefusal::UnknownAnchor));
		MockFacts::redact(RecordRef::Anchor(erased), tombstone());
		let any = ProvenanceRequirement::Any;
		assert_eq!(
			verdict_of(anchor_exists(missing, any)),
			Err(Refusal::Anchor(AnchorProofRefusal::UnknownAnchor))
		);
		assert_eq!(
			verdict_of(anchor_exists(old, any)),
			Err(Refusal::Anchor(AnchorProofRefusal::Superseded))
		);
		assert_eq!(verdict_of(anchor_exists(erased, any)), Err(Refusal::Redacted(tombstone())));
		let refusal = Refusal::Redacted(tombstone());
		assert!(System::events().iter().any(|record| record.event
			== Event::QueryRefused {
				sibling: ASKER,
				query_id: 1,
				kind: RequestKind::AnchorExists,
				refusal: refusal.clone(),
				message_id: polkadot_sdk::sp_io::hashing::blake2_256(
					&MockRouter::sent().pop().expect("sent").1.encode()
				),
			}
			.into()));
	});
}

#[test]
fn an_attestation_required_is_met_only_by_a_lab_accredited_now() {
	new_test_ext().execute_with(|| {
		let anchor = H256::repeat_byte(1);
		MockFacts::anchor(anchor, false, Err(AnchorProofRefusal::UnknownAnchor));
		let required = anchor_exists(anchor, ProvenanceRequirement::Attested);
		assert_eq!(
			verdict_of(required.clone()),
			Err(Refusal::NotAttested(Provenance::SelfAsserted))
		);

		MockFacts::attest(anchor, 4);
		let attested = attested_by_lab(4, Standing::Accredited);
		assert_eq!(
			verdict_of(required.clone()),
			Ok(Fact::AnchorCurrent { subject: SUBJECT, provenance: attested })
		);

		// The lab is suspended later: its attestation no longer meets the requirement, and the
		// refusal says why; a request requiring nothing still learns the lab's standing.
		MockFacts::set_lab_standing(Standing::Suspended);
		let suspended = attested_by_lab(4, Standing::Suspended);
		assert_eq!(verdict_of(required.clone()), Err(Refusal::NotAttested(suspended.clone())));
		assert_eq!(
			verdict_of(anchor_exists(anchor, ProvenanceRequirement::Any)),
			Ok(Fact::AnchorCurrent { subject: SUBJECT, provenance: suspended })
		);
		MockFacts::set_lab_standing(Standing::NotAccredited);
		assert_eq!(
			verdict_of(required),
			Err(Refusal::NotAttested(attested_by_lab(4, Standing::NotAccredited)))
		);
	});
}

#[test]
fn a_variant_proof_answers_what_it_proves_about_whose_genome_or_why_not() {
	new_test_ext().execute_with(|| {
		let anchor = H256::repeat_byte(4);
		let request = variant_request(anchor);
		assert_eq!(
			verdict_of(request.clone()),
			Ok(Fact::Variant(VariantVerdict {
				fact: ProvenFact::Carries(variant()),
				subject: SUBJECT,
				provenance: attested_by_lab(2, Standing::Accredited),
			}))
		);

		MockFacts::set_lab_standing(Standing::Suspended);
		assert_eq!(
			verdict_of(request.clone()),
			Err(Refusal::NotAttested(attested_by_lab(2, Standing::Suspended)))
		);
		MockFacts::set_lab_standing(Standing::Accredited);

		MockFacts::anchor(anchor, false, Err(AnchorProofRefusal::Proof(ProofError::RootMismatch)));
		assert_eq!(
			verdict_of(request.clone()),
			Err(Refusal::Anchor(AnchorProofRefusal::Proof(ProofError::RootMismatch)))
		);

		let self_asserted = H256::repeat_byte(5);
		MockFacts::anchor(self_asserted, false, Ok(ProvenFact::Carries(variant())));
		let on =
			|require| VerifyRequest::Variant { anchor: self_asserted, proof: proof(), require };
		assert_eq!(
			verdict_of(on(ProvenanceRequirement::Attested)),
			Err(Refusal::NotAttested(Provenance::SelfAsserted))
		);
		assert_eq!(
			verdict_of(on(ProvenanceRequirement::Any)),
			Ok(Fact::Variant(VariantVerdict {
				fact: ProvenFact::Carries(variant()),
				subject: SUBJECT,
				provenance: Provenance::SelfAsserted,
			}))
		);

		MockFacts::redact(RecordRef::Anchor(anchor), tombstone());
		assert_eq!(verdict_of(request), Err(Refusal::Redacted(tombstone())));
	});
}

#[test]
fn a_consent_answers_the_consent_found_or_the_closest_refusal() {
	new_test_ext().execute_with(|| {
		let dataset = H256::repeat_byte(5);
		let request = consent_request(dataset);
		assert_eq!(verdict_of(request.clone()), Ok(Fact::ConsentAllows(5)));

		MockFacts::consent(GRANTEE, SUBJECT, dataset, Err(AccessRefusal::Revoked));
		System::set_block_number(4);
		assert_ok!(ask(ASKER.into(), 2, request.clone()));
		let (_, response) = answers().pop().expect("answered");
		assert_eq!(
			response,
			VersionedVerifyResponse::V2(VerifyResponse {
				query_id: 2,
				verdict: Err(Refusal::Access(AccessRefusal::Revoked)),
				at: 4
			})
		);

		MockFacts::redact(RecordRef::Anchor(dataset), tombstone());
		assert_eq!(verdict_of(request), Err(Refusal::Redacted(tombstone())));
	});
}

#[test]
fn a_consent_released_by_a_custodian_that_does_not_keep_the_dataset_is_refused() {
	new_test_ext().execute_with(|| {
		let dataset = H256::repeat_byte(5);
		let VerifyRequest::Consent { grantee, subject, category, requested, .. } =
			consent_request(dataset)
		else {
			unreachable!("a consent request")
		};
		let released_by = |custodian| VerifyRequest::Consent {
			grantee,
			subject,
			dataset,
			category,
			requested: requested.clone(),
			custodian,
		};
		assert_eq!(verdict_of(released_by(Some(CUSTODIAN))), Ok(Fact::ConsentAllows(5)));
		assert_eq!(
			verdict_of(released_by(Some(CUSTODIAN + 1))),
			Err(Refusal::Access(AccessRefusal::NotTheDatasetsCustodian))
		);
		// Naming no custodian leaves who releases the data unchecked.
		assert_eq!(verdict_of(released_by(None)), Ok(Fact::ConsentAllows(5)));
	});
}

#[test]
fn a_record_is_not_redacted_until_its_tombstone_stands() {
	new_test_ext().execute_with(|| {
		let record = RecordRef::Enrolment { study: 3, contributor: SUBJECT };
		let request = VerifyRequest::NotRedacted { record: record.clone() };
		assert_eq!(verdict_of(request.clone()), Ok(Fact::NotRedacted));
		let enrolment = Tombstone { kind: RecordKind::Enrolment, ..tombstone() };
		MockFacts::redact(record, enrolment.clone());
		assert_eq!(verdict_of(request), Err(Refusal::Redacted(enrolment)));
	});
}

#[test]
fn a_v1_request_is_answered_in_v1() {
	new_test_ext().execute_with(|| {
		let anchor = H256::repeat_byte(1);
		MockFacts::anchor(anchor, false, Ok(ProvenFact::Carries(variant())));
		let v1_verdict = |request| match answer_to(VersionedVerifyRequest::V1(request)) {
			VersionedVerifyResponse::V1(response) => response.verdict,
			other => panic!("a V1 request is answered in V1: {other:?}"),
		};
		// Neither the subject nor the provenance, which V1 cannot state.
		assert_eq!(
			v1_verdict(v1::VerifyRequest::AnchorExists { root: anchor }),
			Ok(v1::Fact::AnchorCurrent)
		);
		assert_eq!(
			v1_verdict(v1::VerifyRequest::Variant { root: anchor, proof: proof() }),
			Ok(v1::Fact::Variant(ProvenFact::Carries(variant())))
		);
		MockFacts::consent(GRANTEE, SUBJECT, anchor, Err(AccessRefusal::Expired));
		let consent = v1::VerifyRequest::Consent {
			grantee: GRANTEE,
			subject: SUBJECT,
			dataset: anchor,
			category: DataCategory::Variants,
			requested: research(),
		};
		assert_eq!(v1_verdict(consent), Err(v1::Refusal::Access(AccessRefusal::Expired)));
		// The event states the refusal as the latest version does.
		assert!(matches!(
			System::events().last().map(|record| record.event.clone()),
			Some(RuntimeEvent::XcmVerifier(Event::QueryRefused {
				kind: RequestKind::Consent,
				refusal: Refusal::Access(AccessRefusal::Expired),
				..
			}))
		));
		let missing = H256::repeat_byte(2);
		assert_eq!(
			v1_verdict(v1::VerifyRequest::AnchorExists { root: missing }),
			Err(v1::Refusal::Anchor(AnchorProofRefusal::UnknownAnchor))
		);
	});
}

#[test]
fn only_a_sibling_parachain_as_itself_may_ask() {
	new_test_ext().execute_with(|| {
		let request = VerifyRequest::NotRedacted { record: RecordRef::Study(1) };
		assert_noop!(
			XcmVerifier::verify(
				RuntimeOrigin::root(),
				1,
				CALLBACK,
				Box::new(VersionedVerifyRequest::V2(request.clone()))
			),
			DispatchError::BadOrigin
		);
		assert_noop!(ask(RELAY, 1, request.clone()), Error::<Test>::NotASibling);
		assert_noop!(ask(ACCOUNT_ON_ASKER, 1, request.clone()), Error::<Test>::NotASibling);
		assert_noop!(ask(UNLISTED.into(), 1, request), Error::<Test>::SiblingNotAllowed);
		assert!(MockRouter::sent().is_empty());
	});
}

#[test]
fn answers_stop_at_the_block_cap_and_resume_in_the_next_block() {
	new_test_ext().execute_with(|| {
		let request = VerifyRequest::NotRedacted { record: RecordRef::Study(1) };
		for query in 0..MAX_ANSWERS_PER_SIBLING {
			assert_ok!(ask(ASKER.into(), query.into(), request.clone()));
		}
		for query in MAX_ANSWERS_PER_SIBLING..MAX_ANSWERS {
			assert_ok!(ask(OTHER_ASKER.into(), query.into(), request.clone()));
		}
		assert_noop!(
			ask(OTHER_ASKER.into(), 9, request.clone()),
			Error::<Test>::AnswerLimitReached
		);
		assert_eq!(AnswersInBlock::<Test>::get(), (1, MAX_ANSWERS));
		assert_eq!(XcmVerifier::check_answer_counts(), Ok(()));

		System::set_block_number(2);
		assert_ok!(ask(ASKER.into(), 9, request));
		assert_eq!(AnswersInBlock::<Test>::get(), (2, 1));
		assert_eq!(answers().len(), MAX_ANSWERS as usize + 1);
	});
}

/// The abuse: one allowed sibling asks as much as a block answers, so the others' queries fail
/// (and time out) though they pay. Each sibling gets its share of a block's answers at most.
#[test]
fn one_sibling_cannot_take_every_answer_of_a_block() {
	new_test_ext().execute_with(|| {
		let request = VerifyRequest::NotRedacted { record: RecordRef::Study(1) };
		for query in 0..MAX_ANSWERS_PER_SIBLING {
			assert_ok!(ask(ASKER.into(), query.into(), request.clone()));
		}
		assert_noop!(
			ask(ASKER.into(), 9, request.clone()),
			Error::<Test>::SiblingAnswerLimitReached
		);
		assert_eq!(AllowedSiblings::<Test>::get(ASKER), Some((1, MAX_ANSWERS_PER_SIBLING)));
		// The other sibling is still answered in this block.
		assert_ok!(ask(OTHER_ASKER.into(), 1, request.clone()));
		assert_eq!(AllowedSiblings::<Test>::get(OTHER_ASKER), Some((1, 1)));
		assert_eq!(XcmVerifier::check_answer_counts(), Ok(()));
		// A count over the cap, as a bug would leave it, is caught.
		AllowedSiblings::<Test>::insert(ASKER, (1, MAX_ANSWERS_PER_SIBLING + 1));
		assert!(XcmVerifier::check_answer_counts().is_err());
		AllowedSiblings::<Test>::insert(ASKER, (1, MAX_ANSWERS_PER_SIBLING));
		// And the first one again in the next.
		System::set_block_number(2);
		assert_ok!(ask(ASKER.into(), 9, request));
		assert_eq!(AllowedSiblings::<Test>::get(ASKER), Some((2, 1)));
	});
}

#[test]
fn an_answer_that_cannot_be_sent_changes_nothing() {
	new_test_ext().execute_with(|| {
		let request = VerifyRequest::NotRedacted { record: RecordRef::Study(1) };
		MockRouter::set(Route::Unroutable);
		assert_noop!(ask(ASKER.into(), 1, request.clone()), Error::<Test>::AnswerUnroutable);
		MockRouter::set(Route::Undeliverable);
		assert_noop!(ask(ASKER.into(), 1, request.clone()), Error::<Test>::AnswerNotDelivered);
		MockRouter::set(Route::DeliverAtPrice);
		MockExecutor::set_broke(true);
		assert_noop!(ask(ASKER.into(), 1, request), Error::<Test>::DeliveryFeesNotPaid);
		assert!(MockRouter::sent().is_empty());
		assert_eq!(AnswersInBlock::<Test>::get(), (0, 0));
	});
}

#[test]
fn the_asker_pays_the_delivery_of_its_answer() {
	new_test_ext().execute_with(|| {
		MockRouter::set(Route::DeliverAtPrice);
		assert_ok!(ask(
			ASKER.into(),
			1,
			VerifyRequest::NotRedacted { record: RecordRef::Study(1) }
		));
		assert_eq!(
			MockExecutor::charged(),
			vec![(Location::new(1, [Parachain(ASKER)]), (Here, DELIVERY_PRICE).into())]
		);
		assert_eq!(answers().len(), 1);
	});
}

#[test]
fn the_admin_keeps_the_allowlist() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			XcmVerifier::allow_sibling(RuntimeOrigin::signed(ASKER.into()), UNLISTED),
			DispatchError::BadOrigin
		);
		assert_ok!(XcmVerifier::allow_sibling(RuntimeOrigin::signed(ADMIN), UNLISTED));
		System::assert_last_event(Event::SiblingAllowed { sibling: UNLISTED }.into());
		assert_noop!(
			XcmVerifier::allow_sibling(RuntimeOrigin::signed(ADMIN), UNLISTED),
			Error::<Test>::AlreadyAllowed
		);
		assert_ok!(ask(
			UNLISTED.into(),
			1,
			VerifyRequest::NotRedacted { record: RecordRef::Study(1) }
		));

		assert_noop!(
			XcmVerifier::disallow_sibling(RuntimeOrigin::signed(UNLISTED.into()), ASKER),
			DispatchError::BadOrigin
		);
		assert_ok!(XcmVerifier::disallow_sibling(RuntimeOrigin::signed(ADMIN), ASKER));
		System::assert_last_event(Event::SiblingDisallowed { sibling: ASKER }.into());
		assert!(!AllowedSiblings::<Test>::contains_key(ASKER));
		assert_noop!(
			XcmVerifier::disallow_sibling(RuntimeOrigin::signed(ADMIN), ASKER),
			Error::<Test>::NotAllowed
		);
		assert_noop!(
			ask(ASKER.into(), 2, VerifyRequest::NotRedacted { record: RecordRef::Study(1) }),
			Error::<Test>::SiblingNotAllowed
		);
	});
}

#[test]
fn each_request_kind_is_weighed_by_its_own_benchmark() {
	use crate::WeightInfo;
	let weight = |request, consents| {
		XcmVerifier::verify_weight(&VersionedVerifyRequest::V2(request), consents)
	};
	let dataset = H256::repeat_byte(5);
	assert_eq!(
		weight(anchor_exists(dataset, ProvenanceRequirement::Attested), None),
		<() as WeightInfo>::verify_anchor_exists()
	);
	new_test_ext().execute_with(|| {
		assert_eq!(weight(variant_request(dataset), None), <() as WeightInfo>::verify_variant());
		assert_eq!(
			weight(consent_request(dataset), None),
			<() as WeightInfo>::verify_consent(MAX_CONSENTS)
		);
	});
	assert_eq!(
		weight(VerifyRequest::NotRedacted { record: RecordRef::Study(1) }, None),
		<() as WeightInfo>::verify_not_redacted()
	);
	// A V1 request is weighed as the same request in V2.
	assert_eq!(
		XcmVerifier::verify_weight(
			&VersionedVerifyRequest::V1(v1::VerifyRequest::AnchorExists { root: dataset }),
			None
		),
		<() as WeightInfo>::verify_anchor_exists()
	);
}

#[test]
fn a_consent_request_is_refunded_for_the_consents_the_subject_does_not_have() {
	use crate::WeightInfo;
	new_test_ext().execute_with(|| {
		let dataset = H256::repeat_byte(5);
		let request = Box::new(VersionedVerifyRequest::V2(consent_request(dataset)));
		let charged = XcmVerifier::verify_weight(&request, None);
		let info = XcmVerifier::verify(RuntimeOrigin::signed(ASKER.into()), 1, CALLBACK, request)
			.expect("answered");
		// The subject has one consent.
		assert_eq!(info.actual_weight, Some(<() as WeightInfo>::verify_consent(1)));
		assert!(info.actual_weight.expect("refunded").all_lt(charged));
	});
}
