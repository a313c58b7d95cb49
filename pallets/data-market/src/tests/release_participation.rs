//! `release_participation`: the note that a contributor took part in a study goes, with its
//! deposit, once the study takes no one any more.

use super::*;

fn release(study: StudyId, contributor: u64) -> DispatchResult {
	DataMarket::release_participation(RuntimeOrigin::signed(CUSTODIAN), study, contributor)
}

#[test]
fn a_note_is_released_for_anyone_once_the_study_takes_no_one() {
	new_test_ext().execute_with(|| {
		let id = create(2);
		let free = Balances::balance(&CONTRIBUTOR);
		enrol(id, CONTRIBUTOR);
		assert_eq!(participation_held(CONTRIBUTOR), PARTICIPATION_DEPOSIT);
		assert_noop!(release(id, CONTRIBUTOR), Error::<Test>::StillEnrolled);
		assert_ok!(DataMarket::withdraw(RuntimeOrigin::signed(CONTRIBUTOR), id));
		// Enrolment is open until the deadline: the note keeps them from enrolling again.
		assert_noop!(release(id, CONTRIBUTOR), Error::<Test>::StudyStillEnrolling);
		System::set_block_number(DEADLINE + 1);
		assert_ok!(release(id, CONTRIBUTOR));
		assert!(!Participants::<Test>::contains_key(CONTRIBUTOR, id));
		assert_eq!(participation_held(CONTRIBUTOR), 0);
		assert_eq!(Balances::balance(&CONTRIBUTOR), free);
		assert_eq!(
			last_event(),
			Event::ParticipationReleased { study_id: id, contributor: CONTRIBUTOR }.into()
		);
		assert_noop!(release(id, CONTRIBUTOR), Error::<Test>::NotAParticipant);
	});
}

#[test]
fn a_note_of_a_closed_or_removed_study_is_released_before_its_deadline() {
	new_test_ext().execute_with(|| {
		let closed = create(2);
		enrol(closed, CONTRIBUTOR);
		enrol(closed, OTHER_CONTRIBUTOR);
		deliver(closed, OTHER_CONTRIBUTOR);
		// Governance cancels it: the undelivered enrolment is refunded, the delivered one kept.
		assert_ok!(DataMarket::close_study(RuntimeOrigin::root(), closed));
		assert_ok!(release(closed, CONTRIBUTOR));
		assert_noop!(release(closed, OTHER_CONTRIBUTOR), Error::<Test>::StillEnrolled);
		run_to(1 + DISPUTE_WINDOW);
		assert!(!Studies::<Test>::contains_key(closed), "settled and removed");
		assert_ok!(release(closed, OTHER_CONTRIBUTOR));
		assert_eq!(participation_held(OTHER_CONTRIBUTOR), 0);
		assert_noop!(release(closed, THIRD_CONTRIBUTOR), Error::<Test>::NotAParticipant);
	});
}
