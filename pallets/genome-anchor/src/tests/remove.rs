//! `remove`: by the subject only, with the deposit back.

use super::*;
use crate::{Anchors, AnchorsBySubject, Error, Event};
use polkadot_sdk::frame_support::{assert_noop, assert_ok};

#[test]
fn removal_returns_the_deposit_to_the_subject_only() {
	run(|| {
		let fingerprint = genome(1);
		let id = id_of(SUBJECT, &fingerprint);
		assert_noop!(
			GenomeAnchor::remove(RuntimeOrigin::signed(SUBJECT), id),
			Error::<Test>::AnchorNotFound
		);
		assert_ok!(anchor(SUBJECT, &fingerprint));
		assert_noop!(
			GenomeAnchor::remove(RuntimeOrigin::signed(OTHER), id),
			Error::<Test>::NotTheSubject
		);
		assert_ok!(GenomeAnchor::remove(RuntimeOrigin::signed(SUBJECT), id));
		assert_eq!(held(SUBJECT), 0);
		assert_eq!(Balances::free_balance(SUBJECT), INITIAL_BALANCE);
		assert!(Anchors::<Test>::get(id).is_none());
		assert!(!AnchorsBySubject::<Test>::contains_key(SUBJECT), "an empty index is removed");
		assert_eq!(last_event(), Event::AnchorRemoved { anchor: id, subject: SUBJECT }.into());
		// Removed (not erased), the root may be anchored again by its subject.
		assert_ok!(anchor(SUBJECT, &fingerprint));
	});
}
