//! `supersede`: a new version under the subject's id, linked both ways.

use super::*;
use crate::{Anchors, Error, Event};
use polkadot_sdk::frame_support::{assert_noop, assert_ok};

fn supersede(who: u64, previous: AnchorId, root: H256) -> Result<(), DispatchError> {
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
}

#[test]
fn superseding_links_the_versions() {
	run(|| {
		let (old, new) = (genome(1), genome(2));
		let (old_id, new_id) = (id_of(SUBJECT, &old), id_of(SUBJECT, &new));
		assert_ok!(anchor(SUBJECT, &old));
		assert_noop!(supersede(SUBJECT, new_id, genome(3).root()), Error::<Test>::AnchorNotFound);
		assert_noop!(supersede(OTHER, old_id, new.root()), Error::<Test>::NotTheSubject);
		assert_noop!(supersede(SUBJECT, old_id, old.root()), Error::<Test>::AnchorExists);

		assert_ok!(supersede(SUBJECT, old_id, new.root()));
		let old_anchor = Anchors::<Test>::get(old_id).expect("kept").anchor;
		let new_anchor = Anchors::<Test>::get(new_id).expect("stored").anchor;
		assert_eq!(old_anchor.superseded_by, Some(new_id));
		assert_eq!(new_anchor.previous, Some(old_id));
		assert_eq!((new_anchor.subject, new_anchor.root), (SUBJECT, new.root()));
		assert_eq!(
			last_event(),
			Event::Superseded { previous: old_id, anchor: new_id, subject: SUBJECT }.into()
		);

		assert_noop!(supersede(SUBJECT, old_id, genome(3).root()), Error::<Test>::AnchorSuperseded);
		assert_noop!(
			GenomeAnchor::attest(RuntimeOrigin::signed(LAB), old_id),
			Error::<Test>::AnchorSuperseded
		);
		// The old version can still be removed; the new one keeps its link.
		assert_ok!(GenomeAnchor::remove(RuntimeOrigin::signed(SUBJECT), old_id));
		assert_eq!(Anchors::<Test>::get(new_id).expect("kept").anchor.previous, Some(old_id));
	});
}
