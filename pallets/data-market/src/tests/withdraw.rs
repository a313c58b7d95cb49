//! `withdraw`: the consent ends, the slot is freed, nothing is paid.

use super::*;

#[test]
fn withdraw_ends_the_consent_frees_the_slot_and_pays_nothing() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		let id = create(1);
		enrol(id, CONTRIBUTOR);
		let consent = consent_of(id, CONTRIBUTOR);
		let balance = Balances::balance(&CONTRIBUTOR);
		assert_ok!(DataMarket::withdraw(RuntimeOrigin::signed(CONTRIBUTOR), id));
		assert_eq!(MapConsents::<Test>::state(consent), None, "the consent ended");
		assert_eq!(Balances::balance(&CONTRIBUTOR), balance);
		assert!(Enrolments::<Test>::get(id, CONTRIBUTOR).is_none());
		assert!(!EnrolmentsOf::<Test>::contains_key(CONTRIBUTOR));
		assert_eq!(
			last_event(),
			Event::ContributorWithdrew { study_id: id, contributor: CONTRIBUTOR }.into()
		);
		// The slot is free again.
		enrol(id, OTHER_CONTRIBUTOR);
		assert_eq!(budget_held(RESEARCHER), SLOT);
		assert_escrow(issuance);
	});
}

#[test]
fn withdraw_from_a_closed_study_releases_the_slot() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		let id = create(3);
		enrol(id, CONTRIBUTOR);
		System::set_block_number(DEADLINE + 1);
		assert_ok!(DataMarket::close_study(RuntimeOrigin::signed(RESEARCHER), id));
		assert_eq!(budget_held(RESEARCHER), SLOT);
		assert_ok!(DataMarket::withdraw(RuntimeOrigin::signed(CONTRIBUTOR), id));
		// The last enrolment of a closed study: the study goes, with its deposit.
		assert_eq!(budget_held(RESEARCHER), 0);
		assert_eq!(deposit_held(RESEARCHER), 0);
		assert!(!Studies::<Test>::contains_key(id));
		assert_eq!(last_event(), Event::StudyRemoved { study_id: id }.into());
		assert_escrow(issuance);
	});
}

#[test]
fn withdraw_tolerates_a_consent_revoked_directly() {
	new_test_ext().execute_with(|| {
		let id = create(1);
		enrol(id, CONTRIBUTOR);
		assert_ok!(MapConsents::<Test>::revoke_for(&CONTRIBUTOR, consent_of(id, CONTRIBUTOR)));
		assert_ok!(DataMarket::withdraw(RuntimeOrigin::signed(CONTRIBUTOR), id));
		assert!(Enrolments::<Test>::get(id, CONTRIBUTOR).is_none());
	});
}

#[test]
fn withdraw_refuses_strangers_and_delivered_enrolments() {
	new_test_ext().execute_with(|| {
		let id = create(1);
		assert_noop!(
			DataMarket::withdraw(RuntimeOrigin::signed(CONTRIBUTOR), id),
			Error::<Test>::NotEnrolled
		);
		enrol(id, CONTRIBUTOR);
		deliver(id, CONTRIBUTOR);
		assert_noop!(
			DataMarket::withdraw(RuntimeOrigin::signed(CONTRIBUTOR), id),
			Error::<Test>::AlreadyDelivered
		);
	});
}
