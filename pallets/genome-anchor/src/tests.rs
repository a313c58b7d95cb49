// Test arithmetic on small known values; an overflow would be a test bug and panics loudly.
#![allow(clippy::arithmetic_side_effects)]

use crate::{mock::*, proof_bases, proof_depth, Anchors, AnchorsBySubject, Batches, Error, Event};
use genochain_primitives::{
	anchor::{AnchorId, AnchorProofRefusal},
	consent::Role,
	fingerprint::{
		parse_allele, AbsenceProof, Assembly, Batch, BatchProof, Chromosome, Fingerprint,
		ProofError, ProvenFact, Scheme, Secret, Variant, VariantKey, VariantProof, Zygosity,
	},
	traits::AnchorInspect,
};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold},
	sp_core::H256,
	sp_runtime::{BoundedVec, TokenError},
};

fn key(chromosome: u8, position: u32, reference: &str, alternate: &str) -> VariantKey {
	VariantKey {
		chromosome: Chromosome::from_number(chromosome).expect("1-25"),
		position,
		reference: parse_allele(reference.as_bytes()).expect("nucleotides"),
		alternate: parse_allele(alternate.as_bytes()).expect("nucleotides"),
	}
}

fn variant(chromosome: u8, position: u32, alternate: &str) -> Variant {
	Variant { key: key(chromosome, position, "A", alternate), zygosity: Zygosity::Heterozygous }
}

/// A small genome fingerprinted under a secret made of `seed`.
fn genome(seed: u8) -> Fingerprint {
	let variants = (1..=20).map(|i| variant(1 + i % 3, 1_000 * u32::from(i), "G")).collect();
	Fingerprint::new(Scheme::V1, &Secret([seed; 32]), variants).expect("valid variants")
}

fn anchor(
	who: u64,
	fingerprint: &Fingerprint,
) -> Result<(), polkadot_sdk::sp_runtime::DispatchError> {
	GenomeAnchor::anchor(
		RuntimeOrigin::signed(who),
		fingerprint.root(),
		fingerprint.leaf_count(),
		Assembly::GRCh38,
		Scheme::V1,
		Some(CUSTODIAN),
		Some(H256::repeat_byte(0xf1)),
	)
}

fn held(who: u64) -> u64 {
	Balances::total_balance_on_hold(&who)
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

#[test]
fn anchoring_holds_a_deposit_and_lists_the_anchor() {
	new_test_ext().execute_with(|| {
		let fingerprint = genome(1);
		assert_ok!(anchor(SUBJECT, &fingerprint));
		let root = fingerprint.root();
		let stored = Anchors::<Test>::get(root).expect("stored");
		assert_eq!(stored.anchor.subject, SUBJECT);
		assert_eq!(stored.anchor.leaf_count, 20);
		assert_eq!(stored.anchor.custodian, Some(CUSTODIAN));
		assert_eq!(stored.anchor.attested_by, None);
		assert_eq!(stored.anchor.anchored_at, 1);
		assert!(held(SUBJECT) > 100, "an item and its bytes");
		assert_eq!(AnchorsBySubject::<Test>::get(SUBJECT).into_inner(), vec![root]);
		assert_eq!(
			last_event(),
			Event::Anchored {
				anchor: root,
				subject: SUBJECT,
				leaf_count: 20,
				assembly: Assembly::GRCh38
			}
			.into()
		);
		assert_eq!(GenomeAnchor::anchors_of(&SUBJECT), vec![(root, stored.anchor.clone())]);
		assert_eq!(<GenomeAnchor as AnchorInspect<u64, u64>>::anchor(&root), Some(stored.anchor));
	});
}

#[test]
fn anchoring_refuses_empty_duplicate_unaccredited_custodian_and_full_index() {
	new_test_ext().execute_with(|| {
		let fingerprint = genome(1);
		let root = fingerprint.root();
		let anchor_with = |who, leaf_count, custodian| {
			GenomeAnchor::anchor(
				RuntimeOrigin::signed(who),
				root,
				leaf_count,
				Assembly::GRCh38,
				Scheme::V1,
				custodian,
				None,
			)
		};
		assert_noop!(anchor_with(SUBJECT, 0, None), Error::<Test>::NoVariants);
		assert_noop!(anchor_with(SUBJECT, 20, Some(OTHER)), Error::<Test>::NotACustodian);
		assert_noop!(anchor_with(PAUPER, 20, None), TokenError::FundsUnavailable);
		assert_ok!(anchor_with(SUBJECT, 20, None));
		assert_noop!(anchor_with(OTHER, 20, None), Error::<Test>::AnchorExists);

		// The mock allows three anchors a subject.
		assert_ok!(anchor(SUBJECT, &genome(2)));
		assert_ok!(anchor(SUBJECT, &genome(3)));
		assert_noop!(anchor(SUBJECT, &genome(4)), Error::<Test>::TooManyAnchors);
	});
}

#[test]
fn a_lab_attests_once() {
	new_test_ext().execute_with(|| {
		let root = genome(1).root();
		assert_noop!(
			GenomeAnchor::attest(RuntimeOrigin::signed(LAB), root),
			Error::<Test>::AnchorNotFound
		);
		assert_ok!(anchor(SUBJECT, &genome(1)));
		assert_noop!(
			GenomeAnchor::attest(RuntimeOrigin::signed(OTHER), root),
			Error::<Test>::NotALab
		);
		MapAccreditation::set(LAB, Role::Lab, false);
		assert_noop!(
			GenomeAnchor::attest(RuntimeOrigin::signed(LAB), root),
			Error::<Test>::NotALab
		);
		MapAccreditation::set(LAB, Role::Lab, true);

		assert_ok!(GenomeAnchor::attest(RuntimeOrigin::signed(LAB), root));
		assert_eq!(Anchors::<Test>::get(root).expect("stored").anchor.attested_by, Some(LAB));
		assert_eq!(last_event(), Event::Attested { anchor: root, lab: LAB }.into());
		assert_noop!(
			GenomeAnchor::attest(RuntimeOrigin::signed(LAB), root),
			Error::<Test>::AlreadyAttested
		);
	});
}

/// A lab batch over the roots of genomes 1..=5, committed by LAB.
fn commit_batch() -> (Batch, Vec<Fingerprint>) {
	let genomes: Vec<_> = (1..=5).map(genome).collect();
	let roots: Vec<H256> = genomes.iter().map(Fingerprint::root).collect();
	let batch = Batch::new(Scheme::V1, &roots).expect("not empty");
	assert_ok!(GenomeAnchor::anchor_batch(
		RuntimeOrigin::signed(LAB),
		batch.root(),
		5,
		Assembly::T2tChm13,
		Scheme::V1
	));
	(batch, genomes)
}

#[test]
fn a_lab_commits_a_batch_with_a_deposit() {
	new_test_ext().execute_with(|| {
		let (batch, _) = commit_batch();
		let stored = Batches::<Test>::get(batch.root()).expect("stored");
		assert_eq!(
			(stored.lab, stored.sample_count, stored.assembly),
			(LAB, 5, Assembly::T2tChm13)
		);
		assert!(held(LAB) > 0);
		assert_eq!(
			last_event(),
			Event::BatchAnchored {
				batch: batch.root(),
				lab: LAB,
				sample_count: 5,
				assembly: Assembly::T2tChm13
			}
			.into()
		);
		let commit = |who, root, count| {
			GenomeAnchor::anchor_batch(
				RuntimeOrigin::signed(who),
				root,
				count,
				Assembly::GRCh38,
				Scheme::V1,
			)
		};
		assert_noop!(commit(OTHER, H256::repeat_byte(1), 5), Error::<Test>::NotALab);
		assert_noop!(commit(LAB, H256::repeat_byte(1), 0), Error::<Test>::NoSamples);
		assert_noop!(commit(LAB, batch.root(), 5), Error::<Test>::BatchExists);
	});
}

#[test]
fn a_subject_claims_their_sample_from_a_batch() {
	new_test_ext().execute_with(|| {
		let (batch, genomes) = commit_batch();
		let mine = &genomes[3];
		let claim = |who, sample: H256, proof: BatchProof, custodian| {
			GenomeAnchor::claim_from_batch(
				RuntimeOrigin::signed(who),
				batch.root(),
				sample,
				20,
				proof,
				custodian,
				None,
			)
		};
		let proof = batch.prove(3).expect("in range");

		assert_noop!(
			GenomeAnchor::claim_from_batch(
				RuntimeOrigin::signed(SUBJECT),
				H256::repeat_byte(9),
				mine.root(),
				20,
				proof.clone(),
				None,
				None
			),
			Error::<Test>::BatchNotFound
		);
		let mut out_of_range = proof.clone();
		out_of_range.sample_index = 5;
		assert_noop!(
			claim(SUBJECT, mine.root(), out_of_range, None),
			Error::<Test>::BatchProofIndexOutOfRange
		);
		let mut short = proof.clone();
		short.siblings.pop();
		assert_noop!(
			claim(SUBJECT, mine.root(), short, None),
			Error::<Test>::BatchProofWrongSiblingCount
		);
		assert_noop!(
			claim(SUBJECT, genome(9).root(), proof.clone(), None),
			Error::<Test>::BatchProofRootMismatch
		);
		assert_noop!(
			claim(SUBJECT, mine.root(), proof.clone(), Some(OTHER)),
			Error::<Test>::NotACustodian
		);

		assert_ok!(claim(SUBJECT, mine.root(), proof.clone(), Some(CUSTODIAN)));
		let anchor = Anchors::<Test>::get(mine.root()).expect("claimed").anchor;
		assert_eq!(anchor.subject, SUBJECT);
		assert_eq!(anchor.attested_by, Some(LAB));
		assert_eq!(anchor.batch, Some(batch.root()));
		assert_eq!(anchor.assembly, Assembly::T2tChm13, "the batch's assembly");
		assert_eq!(
			last_event(),
			Event::ClaimedFromBatch {
				anchor: mine.root(),
				subject: SUBJECT,
				batch: batch.root(),
				lab: LAB
			}
			.into()
		);
		assert_noop!(claim(OTHER, mine.root(), proof, None), Error::<Test>::AnchorExists);
	});
}

#[test]
fn superseding_links_the_versions() {
	new_test_ext().execute_with(|| {
		let (old, new) = (genome(1), genome(2));
		assert_ok!(anchor(SUBJECT, &old));
		let supersede = |who, previous: AnchorId, root: AnchorId| {
			GenomeAnchor::supersede(
				RuntimeOrigin::signed(who),
				previous,
				root,
				20,
				Assembly::GRCh38,
				Scheme::V1,
				None,
				None,
			)
		};
		assert_noop!(
			supersede(SUBJECT, new.root(), genome(3).root()),
			Error::<Test>::AnchorNotFound
		);
		assert_noop!(supersede(OTHER, old.root(), new.root()), Error::<Test>::NotTheSubject);
		assert_noop!(supersede(SUBJECT, old.root(), old.root()), Error::<Test>::AnchorExists);

		assert_ok!(supersede(SUBJECT, old.root(), new.root()));
		let old_anchor = Anchors::<Test>::get(old.root()).expect("kept").anchor;
		let new_anchor = Anchors::<Test>::get(new.root()).expect("stored").anchor;
		assert_eq!(old_anchor.superseded_by, Some(new.root()));
		assert_eq!(new_anchor.previous, Some(old.root()));
		assert_eq!(
			last_event(),
			Event::Superseded { previous: old.root(), anchor: new.root(), subject: SUBJECT }.into()
		);

		assert_noop!(
			supersede(SUBJECT, old.root(), genome(3).root()),
			Error::<Test>::AnchorSuperseded
		);
		assert_noop!(
			GenomeAnchor::attest(RuntimeOrigin::signed(LAB), old.root()),
			Error::<Test>::AnchorSuperseded
		);
		// The old version can still be removed; the new one keeps its link.
		assert_ok!(GenomeAnchor::remove(RuntimeOrigin::signed(SUBJECT), old.root()));
		assert_eq!(
			Anchors::<Test>::get(new.root()).expect("kept").anchor.previous,
			Some(old.root())
		);
	});
}

fn prove(
	proof: VariantProof,
	root: AnchorId,
) -> Result<(), polkadot_sdk::sp_runtime::DispatchError> {
	GenomeAnchor::prove_variant(RuntimeOrigin::signed(OTHER), root, Box::new(proof))
}

#[test]
fn proven_variants_are_emitted() {
	new_test_ext().execute_with(|| {
		let fingerprint = genome(1);
		assert_ok!(anchor(SUBJECT, &fingerprint));
		let root = fingerprint.root();
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
	new_test_ext().execute_with(|| {
		let fingerprint = genome(1);
		let root = fingerprint.root();
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
			GenomeAnchor::verify_variant(&newer.root(), &VariantProof::Included(leaf(0))),
			Err(AnchorProofRefusal::Proof(ProofError::RootMismatch))
		);
	});
}

#[test]
fn removal_returns_the_deposit_to_the_subject_only() {
	new_test_ext().execute_with(|| {
		let fingerprint = genome(1);
		let root = fingerprint.root();
		assert_noop!(
			GenomeAnchor::remove(RuntimeOrigin::signed(SUBJECT), root),
			Error::<Test>::AnchorNotFound
		);
		assert_ok!(anchor(SUBJECT, &fingerprint));
		assert_noop!(
			GenomeAnchor::remove(RuntimeOrigin::signed(OTHER), root),
			Error::<Test>::NotTheSubject
		);
		assert_ok!(GenomeAnchor::remove(RuntimeOrigin::signed(SUBJECT), root));
		assert_eq!(held(SUBJECT), 0);
		assert_eq!(Balances::free_balance(SUBJECT), INITIAL_BALANCE);
		assert!(Anchors::<Test>::get(root).is_none());
		assert!(!AnchorsBySubject::<Test>::contains_key(SUBJECT), "an empty index is removed");
		assert_eq!(last_event(), Event::AnchorRemoved { anchor: root, subject: SUBJECT }.into());
		// The root may be anchored again, by its subject.
		assert_ok!(anchor(SUBJECT, &fingerprint));
	});
}

#[test]
fn a_lab_removes_its_batch_and_claimed_anchors_stay() {
	new_test_ext().execute_with(|| {
		let (batch, genomes) = commit_batch();
		assert_ok!(GenomeAnchor::claim_from_batch(
			RuntimeOrigin::signed(SUBJECT),
			batch.root(),
			genomes[0].root(),
			20,
			batch.prove(0).expect("in range"),
			None,
			None
		));
		assert_noop!(
			GenomeAnchor::remove_batch(RuntimeOrigin::signed(OTHER), batch.root()),
			Error::<Test>::NotTheLab
		);
		assert_ok!(GenomeAnchor::remove_batch(RuntimeOrigin::signed(LAB), batch.root()));
		assert_eq!(held(LAB), 0);
		assert_eq!(last_event(), Event::BatchRemoved { batch: batch.root(), lab: LAB }.into());
		assert!(Anchors::<Test>::contains_key(genomes[0].root()));
		assert_noop!(
			GenomeAnchor::remove_batch(RuntimeOrigin::signed(LAB), batch.root()),
			Error::<Test>::BatchNotFound
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

// --- erasure (Redactable) ---

mod erasure {
	use super::*;
	use genochain_primitives::redaction::{
		Erasure, RecordKind, RecordRef, Redactable, RedactionError,
	};

	fn erase(record: RecordRef<u64>) -> Result<Erasure<u64>, RedactionError> {
		<GenomeAnchor as Redactable<u64>>::erase(&record)
	}

	#[test]
	fn erase_removes_an_anchor_and_names_its_custodian() {
		new_test_ext().execute_with(|| {
			let genome = genome(1);
			assert_ok!(anchor(SUBJECT, &genome));
			let erasure = erase(RecordRef::Anchor(genome.root())).expect("erased");
			assert_eq!(erasure.records, vec![RecordRef::Anchor(genome.root())]);
			assert_eq!(erasure.custodians, vec![CUSTODIAN]);
			assert!(Anchors::<Test>::get(genome.root()).is_none());
			assert!(!AnchorsBySubject::<Test>::contains_key(SUBJECT));
			assert_eq!(held(SUBJECT), 0);
			assert_eq!(last_event(), Event::AnchorErased { anchor: genome.root() }.into());
			assert_eq!(erase(RecordRef::Anchor(genome.root())), Err(RedactionError::NotFound));
		});
	}

	#[test]
	fn erase_removes_a_batch_and_returns_the_labs_deposit() {
		new_test_ext().execute_with(|| {
			let (batch, _) = commit_batch();
			let erasure = erase(RecordRef::Batch(batch.root())).expect("erased");
			assert_eq!(erasure.records, vec![RecordRef::Batch(batch.root())]);
			assert!(erasure.custodians.is_empty());
			assert!(Batches::<Test>::get(batch.root()).is_none());
			assert_eq!(held(LAB), 0);
			assert_eq!(last_event(), Event::BatchErased { batch: batch.root() }.into());
			assert_eq!(erase(RecordRef::Batch(batch.root())), Err(RedactionError::NotFound));
		});
	}

	#[test]
	fn erase_refuses_other_kinds() {
		new_test_ext().execute_with(|| {
			assert_eq!(erase(RecordRef::Consent(0)), Err(RedactionError::NotOwned));
			assert!(<GenomeAnchor as Redactable<u64>>::owns(RecordKind::Anchor));
			assert!(<GenomeAnchor as Redactable<u64>>::owns(RecordKind::Batch));
			assert!(!<GenomeAnchor as Redactable<u64>>::owns(RecordKind::Enrolment));
		});
	}

	#[test]
	fn erase_subject_works_within_its_limit_and_says_what_is_left() {
		new_test_ext().execute_with(|| {
			let genomes: Vec<_> = (1..=3).map(genome).collect();
			for genome in &genomes {
				assert_ok!(anchor(SUBJECT, genome));
			}
			let erase_subject = |limit| {
				<GenomeAnchor as Redactable<u64>>::erase_subject(&SUBJECT, limit).expect("erased")
			};
			let first = erase_subject(2);
			assert_eq!(
				first.records,
				vec![RecordRef::Anchor(genomes[0].root()), RecordRef::Anchor(genomes[1].root())]
			);
			// The same custodian keeps both: listed once.
			assert_eq!(first.custodians, vec![CUSTODIAN]);
			assert!(first.incomplete);
			let rest = erase_subject(2);
			assert_eq!(rest.records, vec![RecordRef::Anchor(genomes[2].root())]);
			assert!(!rest.incomplete);
			assert_eq!(Anchors::<Test>::iter().count(), 0);
			assert_eq!(held(SUBJECT), 0);
			assert_eq!(erase_subject(2), Erasure::none());
		});
	}
}
