//! `verify` of any kind: who may ask, the caps on answers, sending and paying for the answer,
//! the redaction request, V1 requests, and the weight of each kind.

use super::*;

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
			v1_verdict(v1::VerifyRequest::Variant { root: anchor, proof: proof_v1() }),
			Ok(v1::Fact::Variant(ProvenFact::Carries(variant())))
		);
		// A V2 request, whose proofs are of scheme v1, is answered in V2.
		let v2_request = genochain_primitives::verification::v2::VerifyRequest::Variant {
			anchor,
			proof: proof_v1(),
			require: ProvenanceRequirement::Any,
		};
		match answer_to(VersionedVerifyRequest::V2(v2_request)) {
			VersionedVerifyResponse::V2(response) => assert!(
				matches!(&response.verdict, Ok(Fact::Variant(verdict)) if verdict.fact == ProvenFact::Carries(variant())),
				"{response:?}"
			),
			other => panic!("a V2 request is answered in V2: {other:?}"),
		}
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
				Box::new(VersionedVerifyRequest::V3(request.clone()))
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
fn each_request_kind_is_weighed_by_its_own_benchmark() {
	use crate::WeightInfo;
	let weight = |request, consents| {
		XcmVerifier::verify_weight(&VersionedVerifyRequest::V3(request), consents)
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
