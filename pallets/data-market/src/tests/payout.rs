//! Payouts: `on_idle` paying due deliveries from the queue.

use super::*;

#[test]
fn a_delivery_is_paid_when_its_dispute_window_passes() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		let id = create(2);
		enrol(id, CONTRIBUTOR);
		deliver(id, CONTRIBUTOR);
		let consent = consent_of(id, CONTRIBUTOR);
		let contributor = Balances::balance(&CONTRIBUTOR);
		let treasury = Balances::balance(&TREASURY);
		run_to(1 + DISPUTE_WINDOW - 1);
		assert_eq!(Balances::balance(&CONTRIBUTOR), contributor);
		assert_eq!(MapConsents::<Test>::state(consent), Some(ConsentState::Active));
		run_to(1 + DISPUTE_WINDOW);
		// Paid, the study is done with the contributor: its consent ends.
		assert_eq!(MapConsents::<Test>::state(consent), None);
		assert_eq!(Balances::balance(&CONTRIBUTOR), contributor + REWARD);
		assert_eq!(Balances::balance(&TREASURY), treasury + FEE);
		assert_eq!(budget_held(RESEARCHER), SLOT);
		assert_eq!(Earned::<Test>::get(CONTRIBUTOR), Some(REWARD));
		assert!(Enrolments::<Test>::get(id, CONTRIBUTOR).is_none());
		assert!(queue().is_empty());
		let study = Studies::<Test>::get(id).expect("still open");
		assert_eq!((study.owed_slots, study.enrolled), (1, 0));
		assert!(System::events().iter().any(|record| record.event
			== Event::ContributorPaid {
				study_id: id,
				contributor: CONTRIBUTOR,
				reward: REWARD,
				fee: FEE
			}
			.into()));
		assert_escrow(issuance);
	});
}

#[test]
fn on_idle_pays_a_bounded_number_in_queue_order_within_its_weight() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		let ids: Vec<_> = (0..3).map(|_| create(2)).collect();
		for &id in &ids {
			for who in [CONTRIBUTOR, OTHER_CONTRIBUTOR] {
				enrol(id, who);
				deliver(id, who);
			}
		}
		System::set_block_number(1 + DISPUTE_WINDOW);
		// Not even room to look at the queue.
		assert_eq!(DataMarket::on_idle(6, Weight::from_parts(0, 0)), Weight::zero());
		// Room for two payouts (1 + 2 × 10).
		assert_eq!(DataMarket::on_idle(6, Weight::from_parts(25, 0)), Weight::from_parts(21, 0));
		assert_eq!(EnrolmentsOf::<Test>::get(CONTRIBUTOR).len(), 2);
		// At most MaxPayoutsPerBlock (4) however much room there is.
		assert_eq!(DataMarket::on_idle(6, Weight::MAX), Weight::from_parts(41, 0));
		assert_eq!(Studies::<Test>::get(ids[2]).expect("open").enrolled, 0);
		assert_eq!(Earned::<Test>::get(CONTRIBUTOR), Some(3 * REWARD));
		assert_eq!(Earned::<Test>::get(OTHER_CONTRIBUTOR), Some(3 * REWARD));
		// An empty queue costs only the look.
		assert_eq!(DataMarket::on_idle(6, Weight::MAX), Weight::from_parts(1, 0));
		assert_escrow(issuance);
	});
}

/// After governance shortens the window, deliveries confirmed later fall due before earlier
/// ones: `on_idle` pays each when due, not in the order they were confirmed.
#[test]
fn a_shorter_dispute_window_does_not_hold_later_payouts_behind_earlier_ones() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		let id = create(2);
		enrol(id, CONTRIBUTOR);
		deliver(id, CONTRIBUTOR);
		assert_ok!(DataMarket::set_dispute_window(RuntimeOrigin::root(), 1));
		System::set_block_number(2);
		enrol(id, OTHER_CONTRIBUTOR);
		deliver(id, OTHER_CONTRIBUTOR);
		assert_eq!(
			queue(),
			vec![(3, id, OTHER_CONTRIBUTOR), (1 + DISPUTE_WINDOW, id, CONTRIBUTOR)]
		);
		run_to(3);
		assert_eq!(Earned::<Test>::get(OTHER_CONTRIBUTOR), Some(REWARD));
		assert_eq!(Earned::<Test>::get(CONTRIBUTOR), None);
		run_to(1 + DISPUTE_WINDOW);
		assert_eq!(Earned::<Test>::get(CONTRIBUTOR), Some(REWARD));
		assert_escrow(issuance);
	});
}

/// A payout that fails is not dropped: the enrolment stays delivered and payable, the escrow
/// intact, and the queue tries it again a window later.
#[test]
fn a_failed_payout_stays_payable_and_is_tried_again() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		let id = create(2);
		for who in [CONTRIBUTOR, OTHER_CONTRIBUTOR] {
			enrol(id, who);
		}
		deliver(id, CONTRIBUTOR);
		System::set_block_number(2);
		deliver(id, OTHER_CONTRIBUTOR);
		MapConsents::<Test>::refuse_ends(true);
		let due = 1 + DISPUTE_WINDOW;
		run_to(due);
		assert_eq!(Earned::<Test>::get(CONTRIBUTOR), None);
		assert_eq!(
			Enrolments::<Test>::get(id, CONTRIBUTOR).expect("still enrolled").status,
			EnrolmentStatus::Delivered { payable_at: due }
		);
		let retry_at = due + DISPUTE_WINDOW;
		// (A `DispatchError::Other`'s text is not kept in the event.)
		assert!(System::events().iter().any(|record| matches!(
			record.event,
			RuntimeEvent::DataMarket(Event::PayoutDeferred {
				study_id,
				contributor: CONTRIBUTOR,
				error: DispatchError::Other(_),
				retry_at: at,
			}) if study_id == id && at == retry_at
		)));
		assert_eq!(queue(), vec![(due + 1, id, OTHER_CONTRIBUTOR), (retry_at, id, CONTRIBUTOR)]);
		assert_escrow(issuance);
		MapConsents::<Test>::refuse_ends(false);
		// The next payout is not held behind it, and `settle` pays it before the retry.
		run_to(due + 1);
		assert_eq!(Earned::<Test>::get(OTHER_CONTRIBUTOR), Some(REWARD));
		assert_ok!(DataMarket::settle(RuntimeOrigin::signed(CUSTODIAN), id, CONTRIBUTOR));
		assert_eq!(Earned::<Test>::get(CONTRIBUTOR), Some(REWARD));
		assert!(queue().is_empty());
		assert_escrow(issuance);
	});
}

#[test]
fn on_idle_stops_at_the_first_payout_not_due_and_requeues_disputes_at_their_deadline() {
	new_test_ext().execute_with(|| {
		let id = create(3);
		for who in [CONTRIBUTOR, OTHER_CONTRIBUTOR] {
			enrol(id, who);
			deliver(id, who);
		}
		System::set_block_number(2);
		enrol(id, THIRD_CONTRIBUTOR);
		deliver(id, THIRD_CONTRIBUTOR);
		dispute(id, CONTRIBUTOR, H256::repeat_byte(1));
		run_to(1 + DISPUTE_WINDOW);
		// The disputed delivery waits for the committee's deadline, the next one is paid, the
		// third is not yet due.
		assert_eq!(Earned::<Test>::get(OTHER_CONTRIBUTOR), Some(REWARD));
		assert_eq!(Earned::<Test>::get(THIRD_CONTRIBUTOR), None);
		assert_eq!(
			queue(),
			vec![
				(2 + DISPUTE_WINDOW, id, THIRD_CONTRIBUTOR),
				(2 + DISPUTE_DEADLINE, id, CONTRIBUTOR)
			]
		);
		run_to(2 + DISPUTE_WINDOW);
		assert_eq!(Earned::<Test>::get(THIRD_CONTRIBUTOR), Some(REWARD));
		assert!(matches!(
			Enrolments::<Test>::get(id, CONTRIBUTOR).expect("disputed").status,
			EnrolmentStatus::Disputed { .. }
		));
		assert_eq!(DataMarket::check_escrow(), Ok(()));
	});
}
