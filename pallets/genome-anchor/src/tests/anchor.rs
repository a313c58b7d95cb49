//! `anchor`: the id binds the root to the signer; erased ids stay erased.

use super::*;
use crate::{Anchors, AnchorsBySubject, Error, Event};
use genochain_primitives::{
	redaction::{RecordKind, RecordRef, Tombstone},
	traits::AnchorInspect,
};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_runtime::TokenError,
};

#[test]
fn anchoring_holds_a_deposit_and_lists_the_anchor_under_its_id() {
	run(|| {
		let fingerprint = genome(1);
		assert_ok!(anchor(SUBJECT, &fingerprint));
		let id = id_of(SUBJECT, &fingerprint);
		assert!(Anchors::<Test>::get(fingerprint.root()).is_none(), "never under the bare root");
		let stored = Anchors::<Test>::get(id).expect("stored");
		assert_eq!(stored.anchor.subject, SUBJECT);
		assert_eq!(stored.anchor.root, fingerprint.root());
		assert_eq!(stored.anchor.leaf_count, 20);
		assert_eq!(stored.anchor.custodian, Some(CUSTODIAN));
		assert_eq!(stored.anchor.attestation, None);
		assert_eq!(stored.anchor.anchored_at, 1);
		assert!(held(SUBJECT) > 100, "an item and its bytes");
		assert_eq!(MapTombstones::paid_by(&SUBJECT), 1, "the fee of its tombstone");
		assert_eq!(AnchorsBySubject::<Test>::get(SUBJECT).into_inner(), vec![id]);
		assert_eq!(
			last_event(),
			Event::Anchored {
				anchor: id,
				root: fingerprint.root(),
				subject: SUBJECT,
				leaf_count: 20,
				assembly: Assembly::GRCh38
			}
			.into()
		);
		assert_eq!(GenomeAnchor::anchors_of(&SUBJECT), vec![(id, stored.anchor.clone())]);
		assert_eq!(<GenomeAnchor as AnchorInspect<u64, u64>>::anchor(&id), Some(stored.anchor));
	});
}

/// A watcher who copies a pending `anchor` call and signs it first makes an anchor of their own:
/// the subject's anchor is still made, under the subject's id, and stays the subject's.
#[test]
fn a_copied_anchor_call_signed_by_another_account_does_not_take_the_genome() {
	run(|| {
		let fingerprint = genome(1);
		assert_ok!(anchor(OTHER, &fingerprint));
		assert_ok!(anchor(SUBJECT, &fingerprint));
		let (theirs, mine) = (id_of(OTHER, &fingerprint), id_of(SUBJECT, &fingerprint));
		assert_ne!(theirs, mine);
		assert_eq!(Anchors::<Test>::get(mine).expect("mine").anchor.subject, SUBJECT);
		assert_eq!(Anchors::<Test>::get(theirs).expect("theirs").anchor.subject, OTHER);
		// A lab attests the id it computed for its customer; the copy is never that id.
		assert_ok!(GenomeAnchor::attest(RuntimeOrigin::signed(LAB), mine));
		assert_eq!(
			Anchors::<Test>::get(theirs).expect("theirs").anchor.attestation,
			None,
			"the copy stays self-asserted"
		);
	});
}

#[test]
fn anchoring_refuses_empty_duplicate_unaccredited_custodian_and_full_index() {
	run(|| {
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
		assert_noop!(anchor_with(SUBJECT, 20, None), Error::<Test>::AnchorExists);

		// The mock allows three anchors a subject.
		assert_ok!(anchor(SUBJECT, &genome(2)));
		assert_ok!(anchor(SUBJECT, &genome(3)));
		assert_noop!(anchor(SUBJECT, &genome(4)), Error::<Test>::TooManyAnchors);
	});
}

#[test]
fn an_erased_anchor_cannot_be_anchored_again() {
	run(|| {
		let fingerprint = genome(1);
		let id = id_of(SUBJECT, &fingerprint);
		MapTombstones::insert(
			RecordRef::<u64>::Anchor(id),
			Tombstone::<u64> { kind: RecordKind::Anchor, erased_at: 1, case: 0, request: None },
		);
		assert_noop!(anchor(SUBJECT, &fingerprint), Error::<Test>::AnchorErased);
		// Nor as a new version of another anchor of the subject.
		assert_ok!(anchor(SUBJECT, &genome(2)));
		assert_noop!(
			GenomeAnchor::supersede(
				RuntimeOrigin::signed(SUBJECT),
				id_of(SUBJECT, &genome(2)),
				fingerprint.root(),
				20,
				Assembly::GRCh38,
				Scheme::V1,
				None,
				None
			),
			Error::<Test>::AnchorErased
		);
	});
}
