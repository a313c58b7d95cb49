//! Anchor queries: current, superseded or unknown, and the attestation a consumer requires.

use super::*;

#[test]
fn an_anchor_is_current_until_superseded_or_unknown() {
	Network::reset();
	let (root, attested) = attested_genome();
	assert_eq!(answer_to(anchor_exists(root)).0, current(attested));
	assert_eq!(
		answer_to(anchor_exists(H256::repeat_byte(0xee))).0,
		Err(Refusal::Anchor(AnchorProofRefusal::UnknownAnchor))
	);

	let newer = H256::repeat_byte(0x5e);
	Genochain::execute_with(|| {
		assert_ok!(GenomeAnchor::supersede(
			genochain_signed(Bob),
			root,
			newer,
			genome().leaf_count(),
			Assembly::GRCh38,
			Scheme::V1,
			None,
			None
		));
	});
	assert_eq!(
		answer_to(anchor_exists(root)).0,
		Err(Refusal::Anchor(AnchorProofRefusal::Superseded))
	);
	// The new version is the subject's own, which no lab attested yet.
	let newer = genochain_primitives::anchor::anchor_id(&subject(), &newer);
	assert_eq!(
		answer_to(anchor_exists(newer)).0,
		Err(Refusal::NotAttested(Provenance::SelfAsserted))
	);
	let at = attest(newer);
	let attested = Provenance::Attested { lab: lab(), at, standing: Standing::Accredited };
	assert_eq!(answer_to(anchor_exists(newer)).0, current(attested));
}

/// The consumer requires a lab's attestation of every anchor it asks about (its
/// `RequiredProvenance`), whatever the request asks: a self-asserted genome is refused, an
/// attested one is answered with the lab, and once Genochain's Council suspends the lab, its
/// attestation no longer counts.
#[test]
fn a_chain_requiring_attestation_acts_only_on_genomes_an_accredited_lab_vouches_for() {
	Network::reset();
	let anchor = anchor_genome();
	let genome = genome();
	let proof =
		Box::new(VariantProof::V1(genome.prove(&variant(2_000, "G").key).expect("a proof")));
	let on_variant = || VerifyRequest::Variant {
		anchor,
		proof: proof.clone(),
		require: ProvenanceRequirement::Any,
	};
	let self_asserted = Err(Refusal::NotAttested(Provenance::SelfAsserted));
	assert_eq!(answer_to(anchor_exists(anchor)).0, self_asserted);
	assert_eq!(answer_to(on_variant()).0, self_asserted);

	let at = attest(anchor);
	let attested = |standing| Provenance::Attested { lab: lab(), at, standing };
	assert_eq!(answer_to(anchor_exists(anchor)).0, current(attested(Standing::Accredited)));
	assert_eq!(
		answer_to(on_variant()).0,
		Ok(Fact::Variant(VariantVerdict {
			fact: ProvenFact::Carries(variant(2_000, "G")),
			subject: subject(),
			provenance: attested(Standing::Accredited),
		}))
	);

	Genochain::execute_with(|| {
		assert_ok!(genochain_runtime::Registry::suspend(GenochainOrigin::root(), lab()));
	});
	assert_eq!(
		answer_to(anchor_exists(anchor)).0,
		Err(Refusal::NotAttested(attested(Standing::Suspended)))
	);
}
