//! Consent queries, and a revocation between two of them.

use super::*;

#[test]
fn a_consent_revoked_between_two_queries_flips_the_verdict_at_a_later_block() {
	Network::reset();
	let dataset = anchor_genome();
	let consent_id = grant_consent(dataset);
	genochain_block(10);
	assert_eq!(answer_to(consent_request(dataset)), (Ok(Fact::ConsentAllows(consent_id)), 10));

	// Another grantee was never covered.
	let mut other = consent_request(dataset);
	if let VerifyRequest::Consent { grantee, .. } = &mut other {
		*grantee = Charlie.to_account_id();
	}
	assert_eq!(answer_to(other).0, Err(Refusal::Access(AccessRefusal::NotTheGrantee)));
	// Bob keeps his genome himself: a custodian asking whether it may release it is refused.
	let mut released = consent_request(dataset);
	if let VerifyRequest::Consent { custodian, .. } = &mut released {
		*custodian = Some(DEV_CUSTODIAN.into());
	}
	assert_eq!(answer_to(released).0, Err(Refusal::Access(AccessRefusal::NotTheDatasetsCustodian)));

	genochain_block(11);
	Genochain::execute_with(|| {
		assert_ok!(Consent::revoke(genochain_signed(Bob), consent_id));
	});
	genochain_block(12);
	assert_eq!(
		answer_to(consent_request(dataset)),
		(Err(Refusal::Access(AccessRefusal::Revoked)), 12)
	);
}
