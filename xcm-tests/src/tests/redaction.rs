//! A redacted record answered with its tombstone.

use super::*;

#[test]
fn a_redacted_record_is_answered_with_its_tombstone() {
	Network::reset();
	let dataset = anchor_genome();
	grant_consent(dataset);
	let record = RecordRef::Anchor(dataset);
	assert_eq!(
		answer_to(VerifyRequest::NotRedacted { record: record.clone() }).0,
		Ok(Fact::NotRedacted)
	);

	genochain_block(20);
	Genochain::execute_with(|| {
		assert_ok!(Redaction::erase_me(genochain_signed(Bob)));
	});
	let tombstone = Genochain::execute_with(|| Redaction::tombstone(&record)).expect("erased");
	assert_eq!((tombstone.kind, tombstone.erased_at), (RecordKind::Anchor, 20));

	let redacted = Err(Refusal::Redacted(tombstone));
	assert_eq!(answer_to(VerifyRequest::NotRedacted { record }).0, redacted);
	assert_eq!(answer_to(anchor_exists(dataset)).0, redacted);
	assert_eq!(answer_to(consent_request(dataset)).0, redacted);
}
