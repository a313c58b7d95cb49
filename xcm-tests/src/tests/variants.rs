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
	assert!(matches!(included, v1::VariantProof::Included(_)));
	let answer = answer_to(on(VariantProof::V1(included.clone()))).0;
	assert_eq!(answer, about_bob(ProvenFact::Carries(carried)));

	let absent = variant(2_500, "T").key;
	let proof = VariantProof::V1(genome.prove(&absent).expect("a proof"));
	assert_eq!(answer_to(on(proof)).0, about_bob(ProvenFact::DoesNotCarry(absent)));

	// Claiming homozygosity the sample does not have: the proof no longer leads to the root.
	let v1::VariantProof::Included(mut forged) = included else { unreachable!() };
	forged.variant.zygosity = Zygosity::Homozygous;
	assert_eq!(
		answer_to(on(VariantProof::V1(v1::VariantProof::Included(forged)))).0,
		Err(Refusal::Anchor(AnchorProofRefusal::Proof(ProofError::RootMismatch)))
	);
}

#[test]
fn a_scheme_v2_proof_answers_over_xcm_and_a_v1_proof_against_it_is_refused() {
	Network::reset();
	let windows = Windows::new(&bobs_secret());
	let genome = FingerprintV2::new(&windows, &bobs_variants()).expect("a valid genome");
	let anchor = anchor_bobs(genome.root(), genome.leaf_count(), Scheme::V2);
	// The asking chain acts on lab-attested genomes only.
	let at = attest(anchor);
	let provenance = Provenance::Attested { lab: lab(), at, standing: Standing::Accredited };
	let on = |proof: VariantProof| VerifyRequest::Variant {
		anchor,
		proof: Box::new(proof),
		require: ProvenanceRequirement::Any,
	};
	let about_bob = |fact| {
		Ok(Fact::Variant(VariantVerdict {
			fact,
			subject: subject(),
			provenance: provenance.clone(),
		}))
	};
	let carried = variant(2_000, "G");
	let included = VariantProof::V2(genome.prove(&carried.key).expect("a proof"));
	assert_eq!(answer_to(on(included)).0, about_bob(ProvenFact::Carries(carried.clone())));
	let absent = variant(2_500, "T").key;
	let proof = VariantProof::V2(genome.prove(&absent).expect("a proof"));
	assert_eq!(answer_to(on(proof)).0, about_bob(ProvenFact::DoesNotCarry(absent)));
	// A v1 proof of the same genome does not hold against its v2 root.
	let v1_proof = VariantProof::V1(self::genome().prove(&carried.key).expect("a proof"));
	assert_eq!(
		answer_to(on(v1_proof)).0,
		Err(Refusal::Anchor(AnchorProofRefusal::Proof(ProofError::SchemeMismatch)))
	);
}
