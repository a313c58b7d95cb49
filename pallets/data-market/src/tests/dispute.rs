//! `dispute` and `resolve_dispute`.

use super::*;

#[test]
fn dispute_holds_the_payout_until_the_committee_decides() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		let id = create(1);
		enrol(id, CONTRIBUTOR);
		deliver(id, CONTRIBUTOR);
		let reason = H256::repeat_byte(0xd);
		assert_ok!(DataMarket::dispute(RuntimeOrigin::signed(RESEARCHER), id, CONTRIBUTOR, reason));
		assert_eq!(
			last_event(),
			Event::DeliveryDisputed { study_id: id, contributor: CONTRIBUTOR, reason }.into()
		);
		run_to(1 + 2 * DISPUTE_WINDOW);
		assert_eq!(Earned::<Test>::get(CONTRIBUTOR), None);
		let balance = Balances::balance(&CONTRIBUTOR);
		assert_ok!(DataMarket::resolve_dispute(
			RuntimeOrigin::signed(ETHICS),
			id,
			CONTRIBUTOR,
			DisputeVerdict::PayContributor
		));
		assert_eq!(Balances::balance(&CONTRIBUTOR), balance + REWARD);
		assert_eq!(budget_held(RESEARCHER), 0);
		assert_escrow(issuance);
	});
}

#[test]
fn an_upheld_dispute_refunds_the_slot_and_ends_the_consent() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		let id = create(2);
		enrol(id, CONTRIBUTOR);
		deliver(id, CONTRIBUTOR);
		let consent = consent_of(id, CONTRIBUTOR);
		dispute(id, CONTRIBUTOR, H256::zero());
		let researcher = Balances::balance(&RESEARCHER);
		let contributor = Balances::balance(&CONTRIBUTOR);
		assert_ok!(DataMarket::resolve_dispute(
			RuntimeOrigin::signed(ETHICS),
			id,
			CONTRIBUTOR,
			DisputeVerdict::RefundResearcher
		));
		assert_eq!(Balances::balance(&RESEARCHER), researcher + SLOT);
		assert_eq!(Balances::balance(&CONTRIBUTOR), contributor);
		assert_eq!(MapConsents::<Test>::state(consent), None, "the consent ended");
		assert_eq!(budget_held(RESEARCHER), SLOT);
		assert_eq!(
			last_event(),
			Event::EnrolmentRefunded {
				study_id: id,
				contributor: CONTRIBUTOR,
				refund: SLOT,
				reason: RefundReason::DisputeUpheld,
			}
			.into()
		);
		// The refunded slot is gone: one free slot is left of two.
		assert_eq!(Studies::<Test>::get(id).expect("open").free_slots(), 1);
		assert_escrow(issuance);
	});
}

#[test]
fn dispute_refuses_others_undelivered_repeated_and_late_disputes() {
	new_test_ext().execute_with(|| {
		let id = create(2);
		let dispute = |who: u64, study, contributor: u64| {
			DataMarket::dispute(RuntimeOrigin::signed(who), study, contributor, H256::zero())
		};
		assert_noop!(dispute(RESEARCHER, 9, CONTRIBUTOR), Error::<Test>::StudyNotFound);
		assert_noop!(dispute(OTHER_CONTRIBUTOR, id, CONTRIBUTOR), Error::<Test>::NotTheResearcher);
		assert_noop!(dispute(RESEARCHER, id, CONTRIBUTOR), Error::<Test>::NotEnrolled);
		enrol(id, CONTRIBUTOR);
		assert_noop!(dispute(RESEARCHER, id, CONTRIBUTOR), Error::<Test>::NotDelivered);
		deliver(id, CONTRIBUTOR);
		assert_ok!(dispute(RESEARCHER, id, CONTRIBUTOR));
		assert_noop!(dispute(RESEARCHER, id, CONTRIBUTOR), Error::<Test>::AlreadyDisputed);
		enrol(id, OTHER_CONTRIBUTOR);
		deliver(id, OTHER_CONTRIBUTOR);
		// Payable at block 6: the window is blocks 1 to 5.
		System::set_block_number(1 + DISPUTE_WINDOW);
		assert_noop!(
			dispute(RESEARCHER, id, OTHER_CONTRIBUTOR),
			Error::<Test>::DisputeWindowClosed
		);
	});
}

#[test]
fn resolve_dispute_needs_the_committee_and_a_dispute() {
	new_test_ext().execute_with(|| {
		let id = create(1);
		let resolve = |origin, contributor: u64| {
			DataMarket::resolve_dispute(origin, id, contributor, DisputeVerdict::PayContributor)
		};
		assert_noop!(
			resolve(RuntimeOrigin::signed(ETHICS), CONTRIBUTOR),
			Error::<Test>::NotEnrolled
		);
		enrol(id, CONTRIBUTOR);
		deliver(id, CONTRIBUTOR);
		assert_noop!(
			resolve(RuntimeOrigin::signed(ETHICS), CONTRIBUTOR),
			Error::<Test>::NotDisputed
		);
		dispute(id, CONTRIBUTOR, H256::zero());
		assert_noop!(resolve(RuntimeOrigin::signed(RESEARCHER), CONTRIBUTOR), BadOrigin);
		assert_noop!(resolve(RuntimeOrigin::root(), CONTRIBUTOR), BadOrigin);
	});
}
