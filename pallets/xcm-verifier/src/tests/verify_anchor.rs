//! `verify` of whether an anchor is current, and of the provenance required of it.

use super::*;

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
			VersionedVerifyResponse::V3(VerifyResponse {
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
