//! `close_study` by the researcher and by governance.

use super::*;

#[test]
fn the_researcher_closes_after_the_deadline_and_enrolled_contributors_keep_their_chance() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		let id = create(4);
		enrol(id, CONTRIBUTOR);
		enrol(id, OTHER_CONTRIBUTOR);
		System::set_block_number(DEADLINE + 1);
		let balance = Balances::balance(&RESEARCHER);
		assert_ok!(DataMarket::close_study(RuntimeOrigin::signed(RESEARCHER), id));
		assert_eq!(Balances::balance(&RESEARCHER), balance + 2 * SLOT);
		assert_eq!(
			last_event(),
			Event::StudyClosed { study_id: id, released: 2 * SLOT, cancelled: false }.into()
		);
		// Delivery is still possible until the delivery deadline.
		deliver(id, CONTRIBUTOR);
		run_to(DEADLINE + 1 + DISPUTE_WINDOW);
		assert_eq!(Earned::<Test>::get(CONTRIBUTOR), Some(REWARD));
		System::set_block_number(DEADLINE + DELIVERY_WINDOW + 1);
		assert_ok!(DataMarket::settle(RuntimeOrigin::signed(RESEARCHER), id, OTHER_CONTRIBUTOR));
		assert!(!Studies::<Test>::contains_key(id));
		assert_eq!((budget_held(RESEARCHER), deposit_held(RESEARCHER)), (0, 0));
		assert_escrow(issuance);
	});
}

#[test]
fn governance_cancels_at_any_time_and_delivered_data_is_still_paid() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		let id = create(5);
		enrol(id, CONTRIBUTOR);
		enrol(id, OTHER_CONTRIBUTOR);
		deliver(id, OTHER_CONTRIBUTOR);
		let consent = consent_of(id, CONTRIBUTOR);
		let balance = Balances::balance(&RESEARCHER);
		assert_ok!(DataMarket::close_study(RuntimeOrigin::root(), id));
		// Three free slots and the undelivered enrolment.
		assert_eq!(Balances::balance(&RESEARCHER), balance + 4 * SLOT);
		assert_eq!(MapConsents::<Test>::state(consent), None, "the consent ended");
		assert!(System::events().iter().any(|record| record.event
			== Event::EnrolmentRefunded {
				study_id: id,
				contributor: CONTRIBUTOR,
				refund: SLOT,
				reason: RefundReason::StudyCancelled,
			}
			.into()));
		run_to(1 + DISPUTE_WINDOW);
		assert_eq!(Earned::<Test>::get(OTHER_CONTRIBUTOR), Some(REWARD));
		assert!(!Studies::<Test>::contains_key(id));
		assert_escrow(issuance);
	});
}

#[test]
fn closing_an_empty_study_removes_it_and_returns_everything() {
	new_test_ext().execute_with(|| {
		let free = Balances::balance(&RESEARCHER);
		let id = create(3);
		System::set_block_number(DEADLINE + 1);
		assert_ok!(DataMarket::close_study(RuntimeOrigin::signed(RESEARCHER), id));
		assert!(!Studies::<Test>::contains_key(id));
		assert_eq!(Balances::balance(&RESEARCHER), free);
		assert_eq!(last_event(), Event::StudyRemoved { study_id: id }.into());
	});
}

#[test]
fn close_study_refuses_early_foreign_and_repeated_closes() {
	new_test_ext().execute_with(|| {
		let id = create(2);
		enrol(id, CONTRIBUTOR);
		assert_noop!(
			DataMarket::close_study(RuntimeOrigin::signed(RESEARCHER), 9),
			Error::<Test>::StudyNotFound
		);
		assert_noop!(
			DataMarket::close_study(RuntimeOrigin::signed(RESEARCHER), id),
			Error::<Test>::DeadlineNotPassed
		);
		System::set_block_number(DEADLINE + 1);
		assert_noop!(
			DataMarket::close_study(RuntimeOrigin::signed(CONTRIBUTOR), id),
			Error::<Test>::NotTheResearcher
		);
		assert_ok!(DataMarket::close_study(RuntimeOrigin::signed(RESEARCHER), id));
		assert_noop!(
			DataMarket::close_study(RuntimeOrigin::root(), id),
			Error::<Test>::StudyClosed
		);
	});
}
