//! `verify` of a variant proof against an anchor.

use super::*;

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
