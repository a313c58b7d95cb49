//! `prove_variant`: proofs lead to the anchor's fingerprint root; each way to fail has its error.

use super::*;
use crate::{proof_bases, proof_depth, Error, Event};
use genochain_primitives::{
	anchor::AnchorProofRefusal,
	fingerprint::{AbsenceProof, ProofError, ProvenFact, VariantProof},
	traits::AnchorInspect,
};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_runtime::BoundedVec,
};

fn prove(proof: VariantProof, id: AnchorId) -> Result<(), DispatchError> {
	GenomeAnchor::prove_variant(RuntimeOrigin::signed(OTHER), id, Box::new(proof))
}

#[test]
fn proven_variants_are_emitted() {
	run(|| {
		let fingerprint = genome(1);
		assert_ok!(anchor(SUBJECT, &fingerprint));
		let root = id_of(SUBJECT, &fingerprint);
		let carried = variant(2, 1_000, "G");
		let included = fingerprint.prove(&carried.key).expect("provable");
		assert!(matches!(included, VariantProof::Included(_)));
		assert_ok!(prove(included, root));
		assert_eq!(
			last_event(),
			Event::VariantProven {
				anchor: root,
				prover: OTHER,
				fact: ProvenFact::Carries(carried)
			}
			.into()
		);

		let absent = key(2, 1_500, "A", "G");
		let proof = fingerprint.prove(&absent).expect("provable");
		assert!(matches!(proof, VariantProof::Absent { proof: AbsenceProof::Between { .. }, .. }));
		assert_eq!(
			GenomeAnchor::verify(&root, &proof),
			Ok(ProvenFact::DoesNotCarry(absent.clone()))
		);
		assert_ok!(prove(proof, root));
		assert_eq!(
			last_event(),
			Event::VariantProven {
				anchor: root,
				prover: OTHER,
				fact: ProvenFact::DoesNotCarry(absent)
			}
			.into()
		);
	});
}

#[test]
fn every_kind_of_bad_proof_has_its_error() {
	run(|| {
		let fingerprint = genome(1);
		let root = id_of(SUBJECT, &fingerprint);
		let leaf = |i| fingerprint.prove_index(i).expect("in range");
		assert_noop!(prove(VariantProof::Included(leaf(0)), root), Error::<Test>::AnchorNotFound);
		assert_ok!(anchor(SUBJECT, &fingerprint));

		let mut out_of_range = leaf(0);
		out_of_range.leaf_index = 20;
		assert_noop!(
			prove(VariantProof::Included(out_of_range), root),
			Error::<Test>::ProofIndexOutOfRange
		);
		let mut short = leaf(0);
		short.siblings.pop();
		assert_noop!(
			prove(VariantProof::Included(short), root),
			Error::<Test>::ProofWrongSiblingCount
		);
		let mut other_zygosity = leaf(0);
		other_zygosity.variant.zygosity = Zygosity::Homozygous;
		assert_noop!(
			prove(VariantProof::Included(other_zygosity), root),
			Error::<Test>::ProofRootMismatch
		);
		let mut lower_case = leaf(0);
		lower_case.variant.key.alternate = BoundedVec::truncate_from(b"g".to_vec());
		assert_noop!(
			prove(VariantProof::Included(lower_case), root),
			Error::<Test>::ProofNotCanonical
		);

		let absent = |key, proof| VariantProof::Absent { key, proof };
		let first = leaf(0).variant.key;
		let after_first = VariantKey { position: first.position + 1, ..first.clone() };
		assert_noop!(
			prove(
				absent(
					after_first.clone(),
					AbsenceProof::Between { left: leaf(0), right: leaf(2) }
				),
				root
			),
			Error::<Test>::ProofNotAdjacent
		);
		assert_noop!(
			prove(
				absent(first.clone(), AbsenceProof::Between { left: leaf(0), right: leaf(1) }),
				root
			),
			Error::<Test>::ProofNotBracketing
		);
		assert_noop!(
			prove(absent(key(1, 1, "A", "G"), AbsenceProof::BeforeFirst(leaf(1))), root),
			Error::<Test>::ProofNotAtEdge
		);

		let newer = genome(2);
		assert_ok!(GenomeAnchor::supersede(
			RuntimeOrigin::signed(SUBJECT),
			root,
			newer.root(),
			20,
			Assembly::GRCh38,
			Scheme::V1,
			None,
			None
		));
		assert_noop!(prove(VariantProof::Included(leaf(0)), root), Error::<Test>::AnchorSuperseded);
		assert_eq!(
			GenomeAnchor::verify_variant(&root, &VariantProof::Included(leaf(0))),
			Err(AnchorProofRefusal::Superseded)
		);
		assert_eq!(
			GenomeAnchor::verify_variant(&H256::zero(), &VariantProof::Included(leaf(0))),
			Err(AnchorProofRefusal::UnknownAnchor)
		);
		assert_eq!(
			GenomeAnchor::verify_variant(&id_of(SUBJECT, &newer), &VariantProof::Included(leaf(0))),
			Err(AnchorProofRefusal::Proof(ProofError::RootMismatch))
		);
	});
}

#[test]
fn proof_measures_count_every_hash_and_base() {
	let fingerprint = genome(1);
	let leaf = |i| fingerprint.prove_index(i).expect("in range");
	let included = VariantProof::Included(leaf(4));
	assert_eq!(proof_depth(&included), leaf(4).siblings.len() as u32);
	assert_eq!(proof_bases(&included), 2);
	let between = VariantProof::Absent {
		key: key(1, 5, "AC", "A"),
		proof: AbsenceProof::Between { left: leaf(0), right: leaf(1) },
	};
	assert_eq!(proof_depth(&between), leaf(0).siblings.len().max(leaf(1).siblings.len()) as u32);
	assert_eq!(proof_bases(&between), 3 + 2 + 2);
}
