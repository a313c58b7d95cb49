//! `prove_variant`: proofs lead to the anchor's fingerprint root; each way to fail has its error.

use super::*;
use crate::{proof_bases, proof_depth, Error, Event};
use codec::Encode;
use genochain_primitives::{
	anchor::AnchorProofRefusal,
	fingerprint::{v1, v2, ProofError, ProvenFact, VariantProof},
	traits::AnchorInspect,
};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_runtime::BoundedVec,
};

fn prove(proof: VariantProof, id: AnchorId) -> Result<(), DispatchError> {
	prove_as(OTHER, proof, id)
}

fn prove_as(who: u64, proof: VariantProof, id: AnchorId) -> Result<(), DispatchError> {
	GenomeAnchor::prove_variant(RuntimeOrigin::signed(who), id, Box::new(proof))
}

fn included(proof: v1::InclusionProof) -> VariantProof {
	VariantProof::V1(v1::VariantProof::Included(proof))
}

#[test]
fn proven_variants_are_emitted() {
	run(|| {
		let fingerprint = genome(1);
		assert_ok!(anchor(SUBJECT, &fingerprint));
		let root = id_of(SUBJECT, &fingerprint);
		let carried = variant(2, 1_000, "G");
		let included = fingerprint.prove(&carried.key).expect("provable");
		assert!(matches!(included, v1::VariantProof::Included(_)));
		let included = VariantProof::V1(included);
		assert_ok!(prove_as(SUBJECT, included.clone(), root));
		assert_eq!(
			last_event(),
			Event::VariantProven {
				anchor: root,
				prover: SUBJECT,
				fact: ProvenFact::Carries(carried)
			}
			.into()
		);
		// Anybody else gets the proof checked, and only the fact's hash goes into the event.
		assert_ok!(prove(included.clone(), root));
		let fact = ProvenFact::Carries(variant(2, 1_000, "G"));
		let fact_hash = H256(polkadot_sdk::sp_io::hashing::blake2_256(&fact.encode()));
		assert_eq!(
			last_event(),
			Event::VariantChecked { anchor: root, checker: OTHER, fact_hash }.into()
		);

		let absent = key(2, 1_500, "A", "G");
		let proof = fingerprint.prove(&absent).expect("provable");
		assert!(matches!(
			proof,
			v1::VariantProof::Absent { proof: v1::AbsenceProof::Between { .. }, .. }
		));
		let proof = VariantProof::V1(proof);
		assert_eq!(
			GenomeAnchor::verify(&root, &proof),
			Ok(ProvenFact::DoesNotCarry(absent.clone()))
		);
		assert_ok!(prove_as(SUBJECT, proof, root));
		assert_eq!(
			last_event(),
			Event::VariantProven {
				anchor: root,
				prover: SUBJECT,
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
		assert_noop!(prove(included(leaf(0)), root), Error::<Test>::AnchorNotFound);
		assert_ok!(anchor(SUBJECT, &fingerprint));

		let mut out_of_range = leaf(0);
		out_of_range.leaf_index = 20;
		assert_noop!(prove(included(out_of_range), root), Error::<Test>::ProofIndexOutOfRange);
		let mut short = leaf(0);
		short.siblings.pop();
		assert_noop!(prove(included(short), root), Error::<Test>::ProofWrongSiblingCount);
		let mut other_zygosity = leaf(0);
		other_zygosity.variant.zygosity = Zygosity::Homozygous;
		assert_noop!(prove(included(other_zygosity), root), Error::<Test>::ProofRootMismatch);
		let mut lower_case = leaf(0);
		lower_case.variant.key.alternate = BoundedVec::truncate_from(b"g".to_vec());
		assert_noop!(prove(included(lower_case), root), Error::<Test>::ProofNotCanonical);

		let absent = |key, proof| VariantProof::V1(v1::VariantProof::Absent { key, proof });
		let first = leaf(0).variant.key;
		let after_first = VariantKey { position: first.position + 1, ..first.clone() };
		assert_noop!(
			prove(
				absent(
					after_first.clone(),
					v1::AbsenceProof::Between { left: leaf(0), right: leaf(2) }
				),
				root
			),
			Error::<Test>::ProofNotAdjacent
		);
		assert_noop!(
			prove(
				absent(first.clone(), v1::AbsenceProof::Between { left: leaf(0), right: leaf(1) }),
				root
			),
			Error::<Test>::ProofNotBracketing
		);
		assert_noop!(
			prove(absent(key(1, 1, "A", "G"), v1::AbsenceProof::BeforeFirst(leaf(1))), root),
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
		assert_noop!(prove(included(leaf(0)), root), Error::<Test>::AnchorSuperseded);
		assert_eq!(
			GenomeAnchor::verify_variant(&root, &included(leaf(0))),
			Err(AnchorProofRefusal::Superseded)
		);
		assert_eq!(
			GenomeAnchor::verify_variant(&H256::zero(), &included(leaf(0))),
			Err(AnchorProofRefusal::UnknownAnchor)
		);
		assert_eq!(
			GenomeAnchor::verify_variant(&id_of(SUBJECT, &newer), &included(leaf(0))),
			Err(AnchorProofRefusal::Proof(ProofError::RootMismatch))
		);
	});
}

#[test]
fn proof_measures_count_every_hash_and_base() {
	let fingerprint = genome(1);
	let leaf = |i| fingerprint.prove_index(i).expect("in range");
	let included = included(leaf(4));
	assert_eq!(proof_depth(&included), leaf(4).siblings.len() as u32);
	assert_eq!(proof_bases(&included), 2);
	let between = VariantProof::V1(v1::VariantProof::Absent {
		key: key(1, 5, "AC", "A"),
		proof: v1::AbsenceProof::Between { left: leaf(0), right: leaf(1) },
	});
	assert_eq!(proof_depth(&between), leaf(0).siblings.len().max(leaf(1).siblings.len()) as u32);
	assert_eq!(proof_bases(&between), 3 + 2 + 2);
}

/// `who` anchors the v2 `fingerprint`.
fn anchor_v2(who: u64, fingerprint: &FingerprintV2) -> Result<(), DispatchError> {
	GenomeAnchor::anchor(
		RuntimeOrigin::signed(who),
		fingerprint.root(),
		fingerprint.leaf_count(),
		Assembly::GRCh38,
		Scheme::V2,
		None,
		None,
	)
}

#[test]
fn v2_proofs_prove_presence_and_absence() {
	run(|| {
		let fingerprint = genome_v2();
		assert_ok!(anchor_v2(SUBJECT, &fingerprint));
		let id = anchor_id(&SUBJECT, &fingerprint.root());
		let carried = variant(2, 1_000, "G");
		let included = VariantProof::V2(fingerprint.prove(&carried.key).expect("provable"));
		assert_ok!(prove_as(SUBJECT, included, id));
		assert_eq!(
			last_event(),
			Event::VariantProven {
				anchor: id,
				prover: SUBJECT,
				fact: ProvenFact::Carries(carried)
			}
			.into()
		);
		let absent = key(2, 1_500, "A", "G");
		let proof = VariantProof::V2(fingerprint.prove(&absent).expect("provable"));
		assert_ok!(prove_as(SUBJECT, proof, id));
		assert_eq!(
			last_event(),
			Event::VariantProven {
				anchor: id,
				prover: SUBJECT,
				fact: ProvenFact::DoesNotCarry(absent)
			}
			.into()
		);
	});
}

#[test]
fn v2_proofs_have_their_errors() {
	run(|| {
		let v2_genome = genome_v2();
		let v1_genome = genome(1);
		assert_ok!(anchor_v2(SUBJECT, &v2_genome));
		assert_ok!(anchor(SUBJECT, &v1_genome));
		let (v1_id, v2_id) = (id_of(SUBJECT, &v1_genome), anchor_id(&SUBJECT, &v2_genome.root()));
		let carried = variant(2, 1_000, "G");
		let v2_proof = VariantProof::V2(v2_genome.prove(&carried.key).expect("provable"));
		let v1_proof = VariantProof::V1(v1_genome.prove(&carried.key).expect("provable"));
		assert_noop!(prove(v2_proof, v1_id), Error::<Test>::ProofSchemeMismatch);
		assert_noop!(prove(v1_proof, v2_id), Error::<Test>::ProofSchemeMismatch);

		let absent = key(2, 1_500, "A", "G");
		let mut proof = v2_genome.prove(&absent).expect("provable");
		let v2::Claim::Absent { window, .. } = &mut proof.claim else { panic!("absent") };
		window.window_key = H256::repeat_byte(9);
		assert_noop!(prove(VariantProof::V2(proof), v2_id), Error::<Test>::ProofWindowMismatch);

		let mut proof = v2_genome.prove(&absent).expect("provable");
		let v2::Claim::Absent { key, .. } = &mut proof.claim else { panic!("absent") };
		key.position = v2::MAX_POSITION + 1;
		assert_noop!(prove(VariantProof::V2(proof), v2_id), Error::<Test>::ProofBeyondWindows);

		let mut proof = v2_genome.prove(&absent).expect("provable");
		let v2::Claim::Absent { key, .. } = &mut proof.claim else { panic!("absent") };
		*key = super::key(2, 1_500, "AT", "GT");
		assert_noop!(prove(VariantProof::V2(proof), v2_id), Error::<Test>::ProofNotCanonical);
	});
}

#[test]
fn v2_proof_measures_count_the_window_path_and_the_key() {
	let fingerprint = genome_v2();
	let included = fingerprint.prove(&variant(2, 1_000, "G").key).expect("provable");
	let v2::Claim::Included(inclusion) = &included.claim else { panic!("carried") };
	let depth = inclusion.siblings.len() as u32;
	let included = VariantProof::V2(included);
	assert_eq!((proof_depth(&included), proof_bases(&included)), (depth, 2));
	let absent = VariantProof::V2(fingerprint.prove(&key(2, 1_500, "AC", "A")).expect("ok"));
	// The window path (21 levels) is longer than any leaf path of 20 leaves.
	assert_eq!((proof_depth(&absent), proof_bases(&absent)), (21, 3));
}
