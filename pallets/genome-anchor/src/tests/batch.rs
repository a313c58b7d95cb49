//! `anchor_batch`, `claim_from_batch` and `remove_batch`: a lab commits the anchor ids of its
//! customers' samples; each customer, and nobody else, claims theirs.

use super::*;
use crate::{Anchors, Batches, Error, Event};
use genochain_primitives::{
	anchor::Attestation,
	fingerprint::{Batch, BatchProof},
};
use polkadot_sdk::frame_support::{assert_noop, assert_ok};

/// The customers of the lab's batch, in its order: SUBJECT's sample is the fourth.
const CUSTOMERS: [u64; 5] = [10, 11, 12, SUBJECT, 14];

/// A lab batch over the anchor ids of genomes 1..=5 of [`CUSTOMERS`], committed by LAB at
/// block 1 on T2T-CHM13.
fn commit_batch() -> (Batch, Vec<Fingerprint>) {
	let genomes: Vec<_> = (1..=5).map(genome).collect();
	let ids: Vec<H256> =
		CUSTOMERS.iter().zip(&genomes).map(|(who, genome)| id_of(*who, genome)).collect();
	let batch = Batch::new(Scheme::V1, &ids).expect("not empty");
	assert_ok!(GenomeAnchor::anchor_batch(
		RuntimeOrigin::signed(LAB),
		batch.root(),
		5,
		Assembly::T2tChm13,
		Scheme::V1
	));
	(batch, genomes)
}

fn claim(
	who: u64,
	batch: &Batch,
	sample: H256,
	proof: BatchProof,
	custodian: Option<u64>,
) -> Result<(), DispatchError> {
	GenomeAnchor::claim_from_batch(
		RuntimeOrigin::signed(who),
		batch.root(),
		sample,
		20,
		proof,
		custodian,
		None,
	)
}

#[test]
fn a_lab_commits_a_batch_with_a_deposit() {
	run(|| {
		let (batch, _) = commit_batch();
		let stored = Batches::<Test>::get(batch.root()).expect("stored");
		assert_eq!(
			(stored.lab, stored.sample_count, stored.assembly),
			(LAB, 5, Assembly::T2tChm13)
		);
		assert!(held(LAB) > 0);
		assert_eq!(MapTombstones::paid_by(&LAB), 1, "the fee of its tombstone");
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
fn a_subject_claims_their_sample_attested_by_the_lab() {
	run(|| {
		let (batch, genomes) = commit_batch();
		let mine = genomes[3].root();
		let proof = batch.prove(3).expect("in range");

		assert_noop!(
			GenomeAnchor::claim_from_batch(
				RuntimeOrigin::signed(SUBJECT),
				H256::repeat_byte(9),
				mine,
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
			claim(SUBJECT, &batch, mine, out_of_range, None),
			Error::<Test>::BatchProofIndexOutOfRange
		);
		let mut short = proof.clone();
		short.siblings.pop();
		assert_noop!(
			claim(SUBJECT, &batch, mine, short, None),
			Error::<Test>::BatchProofWrongSiblingCount
		);
		assert_noop!(
			claim(SUBJECT, &batch, genome(9).root(), proof.clone(), None),
			Error::<Test>::BatchProofRootMismatch
		);
		assert_noop!(
			claim(SUBJECT, &batch, mine, proof.clone(), Some(OTHER)),
			Error::<Test>::NotACustodian
		);

		System::set_block_number(3);
		assert_ok!(claim(SUBJECT, &batch, mine, proof.clone(), Some(CUSTODIAN)));
		let id = id_of(SUBJECT, &genomes[3]);
		let anchor = Anchors::<Test>::get(id).expect("claimed").anchor;
		assert_eq!(anchor.subject, SUBJECT);
		assert_eq!(anchor.root, mine);
		assert_eq!(anchor.attestation, Some(Attestation { lab: LAB, at: 3 }));
		assert_eq!(anchor.batch, Some(batch.root()));
		assert_eq!(anchor.assembly, Assembly::T2tChm13, "the batch's assembly");
		assert_eq!(
			last_event(),
			Event::ClaimedFromBatch { anchor: id, subject: SUBJECT, batch: batch.root(), lab: LAB }
				.into()
		);
		assert_noop!(claim(SUBJECT, &batch, mine, proof, None), Error::<Test>::AnchorExists);
	});
}

/// A watcher who copies a pending claim, sample root and proof included, and signs it first gets
/// nothing: the batch holds the anchor id of the lab's customer, not of the watcher.
#[test]
fn a_copied_claim_signed_by_another_account_fails() {
	run(|| {
		let (batch, genomes) = commit_batch();
		let (mine, proof) = (genomes[3].root(), batch.prove(3).expect("in range"));
		assert_noop!(
			claim(OTHER, &batch, mine, proof.clone(), None),
			Error::<Test>::BatchProofRootMismatch
		);
		// The customer's own claim still goes through.
		assert_ok!(claim(SUBJECT, &batch, mine, proof, None));
		// Another customer's sample cannot be claimed by SUBJECT either.
		assert_noop!(
			claim(SUBJECT, &batch, genomes[0].root(), batch.prove(0).expect("in range"), None),
			Error::<Test>::BatchProofRootMismatch
		);
	});
}

#[test]
fn a_lab_removes_its_batch_and_claimed_anchors_stay() {
	run(|| {
		let (batch, genomes) = commit_batch();
		let proof = batch.prove(3).expect("in range");
		assert_ok!(claim(SUBJECT, &batch, genomes[3].root(), proof, None));
		assert_noop!(
			GenomeAnchor::remove_batch(RuntimeOrigin::signed(OTHER), batch.root()),
			Error::<Test>::NotTheLab
		);
		assert_ok!(GenomeAnchor::remove_batch(RuntimeOrigin::signed(LAB), batch.root()));
		assert_eq!(held(LAB), 0);
		assert_eq!(last_event(), Event::BatchRemoved { batch: batch.root(), lab: LAB }.into());
		assert!(Anchors::<Test>::contains_key(id_of(SUBJECT, &genomes[3])));
		assert_noop!(
			GenomeAnchor::remove_batch(RuntimeOrigin::signed(LAB), batch.root()),
			Error::<Test>::BatchNotFound
		);
	});
}
