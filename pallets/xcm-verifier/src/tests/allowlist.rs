//! `allow_sibling` and `disallow_sibling`.

use super::*;

#[test]
fn the_admin_keeps_the_allowlist() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			XcmVerifier::allow_sibling(RuntimeOrigin::signed(ASKER.into()), UNLISTED),
			DispatchError::BadOrigin
		);
		assert_ok!(XcmVerifier::allow_sibling(RuntimeOrigin::signed(ADMIN), UNLISTED));
		System::assert_last_event(Event::SiblingAllowed { sibling: UNLISTED }.into());
		assert_noop!(
			XcmVerifier::allow_sibling(RuntimeOrigin::signed(ADMIN), UNLISTED),
			Error::<Test>::AlreadyAllowed
		);
		assert_ok!(ask(
			UNLISTED.into(),
			1,
			VerifyRequest::NotRedacted { record: RecordRef::Study(1) }
		));

		assert_noop!(
			XcmVerifier::disallow_sibling(RuntimeOrigin::signed(UNLISTED.into()), ASKER),
			DispatchError::BadOrigin
		);
		assert_ok!(XcmVerifier::disallow_sibling(RuntimeOrigin::signed(ADMIN), ASKER));
		System::assert_last_event(Event::SiblingDisallowed { sibling: ASKER }.into());
		assert!(!AllowedSiblings::<Test>::contains_key(ASKER));
		assert_noop!(
			XcmVerifier::disallow_sibling(RuntimeOrigin::signed(ADMIN), ASKER),
			Error::<Test>::NotAllowed
		);
		assert_noop!(
			ask(ASKER.into(), 2, VerifyRequest::NotRedacted { record: RecordRef::Study(1) }),
			Error::<Test>::SiblingNotAllowed
		);
	});
}
