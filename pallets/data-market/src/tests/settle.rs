//! `settle`: paying a due delivery, refunding a lapsed enrolment.

use super::*;

#[test]
fn settle_pays_a_due_delivery_for_anyone() {
	new_test_ext().execute_with(|| {
		let id = create(1);
		enrol(id, CONTRIBUTOR);
		deliver(id, CONTRIBUTOR);
		let settle = || DataMarket::settle(RuntimeOrigin::signed(CUSTODIAN), id, CONTRIBUTOR);
		assert_noop!(settle(), Error::<Test>::NotYetPayable);
		System::set_block_number(1 + DISPUTE_WINDOW);
		let balance = Balances::balance(&CONTRIBUTOR);
		assert_ok!(settle());
		assert_eq!(Balances::balance(&CONTRIBUTOR), balance + REWARD);
		// Its queue entry went with it: on_idle does not pay twice.
		assert!(queue().is_empty());
		run_to(2 + DISPUTE_WINDOW);
		assert_eq!(Balances::balance(&CONTRIBUTOR), balance + REWARD);
		assert_noop!(settle(), Error::<Test>::NotEnrolled);
	});
}

#[test]
fn settle_refunds_an_enrolment_never_delivered() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		let id = create(1);
		enrol(id, CONTRIBUTOR);
		let consent = consent_of(id, CONTRIBUTOR);
		let settle =
			|| DataMarket::settle(RuntimeOrigin::signed(OTHER_CONTRIBUTOR), id, CONTRIBUTOR);
		System::set_block_number(DEADLINE + DELIVERY_WINDOW);
		assert_noop!(settle(), Error::<Test>::DeliveryStillPossible);
		System::set_block_number(DEADLINE + DELIVERY_WINDOW + 1);
		assert_ok!(settle());
		assert_eq!(budget_held(RESEARCHER), 0);
		assert_eq!(MapConsents::<Test>::state(consent), None, "the consent ended");
		assert_eq!(
			last_event(),
			Event::EnrolmentRefunded {
				study_id: id,
				contributor: CONTRIBUTOR,
				refund: SLOT,
				reason: RefundReason::NotDelivered,
			}
			.into()
		);
		assert_escrow(issuance);
	});
}

#[test]
fn settle_leaves_a_dispute_to_the_committee_until_its_deadline_then_pays() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		let id = create(1);
		enrol(id, CONTRIBUTOR);
		deliver(id, CONTRIBUTOR);
		dispute(id, CONTRIBUTOR, H256::zero());
		let settle = || DataMarket::settle(RuntimeOrigin::signed(CUSTODIAN), id, CONTRIBUTOR);
		System::set_block_number(DISPUTE_DEADLINE);
		assert_noop!(settle(), Error::<Test>::UnderDispute);
		System::set_block_number(1 + DISPUTE_DEADLINE);
		let balance = Balances::balance(&CONTRIBUTOR);
		assert_ok!(settle());
		assert_eq!(Balances::balance(&CONTRIBUTOR), balance + REWARD + BOND);
		assert!(queue().is_empty());
		assert_escrow(issuance);
	});
}
