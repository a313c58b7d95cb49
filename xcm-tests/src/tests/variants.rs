//! Variant proofs: carried, absent, forged.

use super::*;

#[test]
fn a_variant_proof_answers_carried_or_absent_and_a_forged_proof_is_refused() {
	Network::reset();
	let (anchor, attested) = attested_genome();
	let on = |proof: VariantProof| VerifyRequest::Variant {
		anchor,
		proof: Box::new(proof),
		require: ProvenanceRequirement::Any,
	};
	let about_bob = |fact| {
		Ok(Fact::Variant(VariantVerdict { fact, subject: subject(), provenance: attested.clone() }))
	};
	let genome = genome();
	let carried = variant(2_000, "G");
	let included = genome.prove(&carried.key).expect("a proof");
	assert!(matches!(included, VariantProof::Included(_)));
	assert_eq!(answer_to(on(included.clone())).0, about_bob(ProvenFact::Carries(carried)));

	let absent = variant(2_500, "T").key;
	let proof = genome.prove(&absent).expect("a proof");
	assert_eq!(answer_to(on(proof)).0, about_bob(ProvenFact::DoesNotCarry(absent)));

	// Claiming homozygosity the sample does not have: the proof no longer leads to the root.
	let VariantProof::Included(mut forged) = included else { unreachable!() };
	forged.variant.zygosity = Zygosity::Homozygous;
	assert_eq!(
		answer_to(on(VariantProof::Included(forged))).0,
		Err(Refusal::Anchor(AnchorProofRefusal::Proof(ProofError::RootMismatch)))
	);
}
