//! Erasure through `Redactable`: the redaction pallet removes anchors and batches.

use super::*;
use crate::{Anchors, AnchorsBySubject, Batches, Event};
use genochain_primitives::redaction::{Erasure, RecordKind, RecordRef, Redactable, RedactionError};
use polkadot_sdk::frame_support::assert_ok;

fn erase(record: RecordRef<u64>) -> Result<Erasure<u64>, RedactionError> {
	<GenomeAnchor as Redactable<u64>>::erase(&record)
}

#[test]
fn erase_removes_an_anchor_and_names_its_custodian() {
	run(|| {
		let genome = genome(1);
		let id = id_of(SUBJECT, &genome);
		assert_ok!(anchor(SUBJECT, &genome));
		let erasure = erase(RecordRef::Anchor(id)).expect("erased");
		assert_eq!(erasure.records, vec![RecordRef::Anchor(id)]);
		assert_eq!(erasure.custodians, vec![CUSTODIAN]);
		assert!(Anchors::<Test>::get(id).is_none());
		assert!(!AnchorsBySubject::<Test>::contains_key(SUBJECT));
		assert_eq!(held(SUBJECT), 0);
		assert_eq!(last_event(), Event::AnchorErased { anchor: id }.into());
		assert_eq!(erase(RecordRef::Anchor(id)), Err(RedactionError::NotFound));
	});
}

#[test]
fn erase_removes_a_batch_and_returns_the_labs_deposit() {
	run(|| {
		let batch = H256::repeat_byte(0xba);
		assert_ok!(GenomeAnchor::anchor_batch(
			RuntimeOrigin::signed(LAB),
			batch,
			5,
			Assembly::GRCh38,
			Scheme::V1
		));
		let erasure = erase(RecordRef::Batch(batch)).expect("erased");
		assert_eq!(erasure.records, vec![RecordRef::Batch(batch)]);
		assert!(erasure.custodians.is_empty());
		assert!(Batches::<Test>::get(batch).is_none());
		assert_eq!(held(LAB), 0);
		assert_eq!(last_event(), Event::BatchErased { batch }.into());
		assert_eq!(erase(RecordRef::Batch(batch)), Err(RedactionError::NotFound));
	});
}

#[test]
fn erase_refuses_other_kinds() {
	run(|| {
		assert_eq!(erase(RecordRef::Consent(0)), Err(RedactionError::NotOwned));
		assert!(<GenomeAnchor as Redactable<u64>>::owns(RecordKind::Anchor));
		assert!(<GenomeAnchor as Redactable<u64>>::owns(RecordKind::Batch));
		assert!(!<GenomeAnchor as Redactable<u64>>::owns(RecordKind::Enrolment));
	});
}

#[test]
fn erase_subject_works_within_its_limit_and_says_what_is_left() {
	run(|| {
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
			vec![
				RecordRef::Anchor(id_of(SUBJECT, &genomes[0])),
				RecordRef::Anchor(id_of(SUBJECT, &genomes[1]))
			]
		);
		// The same custodian keeps both: listed once.
		assert_eq!(first.custodians, vec![CUSTODIAN]);
		assert!(first.incomplete);
		let rest = erase_subject(2);
		assert_eq!(rest.records, vec![RecordRef::Anchor(id_of(SUBJECT, &genomes[2]))]);
		assert!(!rest.incomplete);
		assert_eq!(Anchors::<Test>::iter().count(), 0);
		assert_eq!(held(SUBJECT), 0);
		assert_eq!(erase_subject(2), Erasure::none());
	});
}
