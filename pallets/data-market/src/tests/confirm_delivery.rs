//! `confirm_delivery`: the dispute window starts and the payout is queued.

use super::*;

#[test]
fn confirm_delivery_starts_the_dispute_window_and_queues_the_payout() {
	new_test_ext().execute_with(|| {
		let id = create(1);
		enrol(id, CONTRIBUTOR);
		System::set_block_number(3);
		deliver(id, CONTRIBUTOR);
		let payable_at = 3 + DISPUTE_WINDOW;
		assert_eq!(
			Enrolments::<Test>::get(id, CONTRIBUTOR).expect("enrolled").status,
			EnrolmentStatus::Delivered { payable_at }
		);
		assert_eq!(queue(), vec![(payable_at, id, CONTRIBUTOR)]);
		// The researcher holds the contributor's data now: an erasure will ask it to delete it.
		assert_eq!(MapConsents::<Test>::recipients(&CONTRIBUTOR), vec![RESEARCHER]);
		assert_eq!(
			last_event(),
			Event::DeliveryConfirmed {
				study_id: id,
				contributor: CONTRIBUTOR,
				custodian: CUSTODIAN,
				payable_at,
			}
			.into()
		);
		assert_eq!(DataMarket::check_escrow(), Ok(()));
	});
}

#[test]
fn confirm_delivery_refuses_the_wrong_custodian_state_or_time() {
	new_test_ext().execute_with(|| {
		let id = create(3);
		let confirm = |who: u64, contributor: u64| {
			DataMarket::confirm_delivery(RuntimeOrigin::signed(who), id, contributor)
		};
		assert_noop!(confirm(CUSTODIAN, CONTRIBUTOR), Error::<Test>::NotEnrolled);
		enrol(id, CONTRIBUTOR);
		assert_noop!(confirm(RESEARCHER, CONTRIBUTOR), Error::<Test>::NotACustodian);
		assert_noop!(confirm(OTHER_CUSTODIAN, CONTRIBUTOR), Error::<Test>::NotTheCustodian);
		assert_ok!(MapConsents::<Test>::revoke_for(&CONTRIBUTOR, consent_of(id, CONTRIBUTOR)));
		assert_noop!(confirm(CUSTODIAN, CONTRIBUTOR), Error::<Test>::ConsentNotActive);

		enrol(id, OTHER_CONTRIBUTOR);
		deliver(id, OTHER_CONTRIBUTOR);
		assert_noop!(confirm(CUSTODIAN, OTHER_CONTRIBUTOR), Error::<Test>::AlreadyDelivered);

		enrol(id, THIRD_CONTRIBUTOR);
		MapAnchors::remove::<u64, u64>(genome_of(THIRD_CONTRIBUTOR));
		assert_noop!(confirm(CUSTODIAN, THIRD_CONTRIBUTOR), Error::<Test>::AnchorNotFound);
		anchor(genome_of(THIRD_CONTRIBUTOR), THIRD_CONTRIBUTOR, Assembly::GRCh38, Some(CUSTODIAN));
		System::set_block_number(DEADLINE + DELIVERY_WINDOW + 1);
		assert_noop!(confirm(CUSTODIAN, THIRD_CONTRIBUTOR), Error::<Test>::DeliveryDeadlinePassed);
	});
}
