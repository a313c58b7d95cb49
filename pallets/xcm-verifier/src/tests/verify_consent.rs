//! `verify` of a consent: the one found, or the closest refusal, and its weight.

use super::*;

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
			VersionedVerifyResponse::V3(VerifyResponse {
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
fn a_consent_request_is_refunded_for_the_consents_the_subject_does_not_have() {
	use crate::WeightInfo;
	new_test_ext().execute_with(|| {
		let dataset = H256::repeat_byte(5);
		let request = Box::new(VersionedVerifyRequest::V3(consent_request(dataset)));
		let charged = XcmVerifier::verify_weight(&request, None);
		let info = XcmVerifier::verify(RuntimeOrigin::signed(ASKER.into()), 1, CALLBACK, request)
			.expect("answered");
		// The subject has one consent.
		assert_eq!(info.actual_weight, Some(<() as WeightInfo>::verify_consent(1)));
		assert!(info.actual_weight.expect("refunded").all_lt(charged));
	});
}
