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
			Event::DeliveryDisputed {
				study_id: id,
				contributor: CONTRIBUTOR,
				reason,
				bond: BOND,
				decide_by: 1 + DISPUTE_DEADLINE
			}
			.into()
		);
		assert_eq!(bond_held(RESEARCHER), BOND);
		run_to(1 + 2 * DISPUTE_WINDOW);
		assert_eq!(Earned::<Test>::get(CONTRIBUTOR), None);
		let balance = Balances::balance(&CONTRIBUTOR);
		assert_ok!(DataMarket::resolve_dispute(
			RuntimeOrigin::signed(ETHICS),
			id,
			CONTRIBUTOR,
			DisputeVerdict::PayContributor
		));
		// The contributor won: paid, with the researcher's bond.
		assert_eq!(Balances::balance(&CONTRIBUTOR), balance + REWARD + BOND);
		assert_eq!((budget_held(RESEARCHER), bond_held(RESEARCHER)), (0, 0));
		assert!(queue().is_empty());
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
		// The researcher won: the slot and the bond come back.
		assert_eq!(Balances::balance(&RESEARCHER), researcher + SLOT + BOND);
		assert_eq!(bond_held(RESEARCHER), 0);
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
fn a_dispute_needs_a_bond_the_researcher_can_hold() {
	new_test_ext().execute_with(|| {
		let id = create(1);
		enrol(id, CONTRIBUTOR);
		deliver(id, CONTRIBUTOR);
		// Everything free but the existential deposit is spent elsewhere.
		Balances::set_balance(&RESEARCHER, EXISTENTIAL_DEPOSIT);
		assert_noop!(
			DataMarket::dispute(RuntimeOrigin::signed(RESEARCHER), id, CONTRIBUTOR, H256::zero()),
			Error::<Test>::CannotHoldBond
		);
	});
}

#[test]
fn the_bond_is_a_share_of_the_reward_and_at_least_the_existential_deposit() {
	new_test_ext().execute_with(|| {
		let mut cheap = terms(1);
		cheap.reward = EXISTENTIAL_DEPOSIT;
		assert_ok!(DataMarket::create_study(RuntimeOrigin::signed(RESEARCHER), cheap));
		enrol(0, CONTRIBUTOR);
		deliver(0, CONTRIBUTOR);
		dispute(0, CONTRIBUTOR, H256::zero());
		// 20% of 10 is 2, below the existential deposit.
		assert_eq!(bond_held(RESEARCHER), EXISTENTIAL_DEPOSIT);
		assert_eq!(Enrolments::<Test>::get(0, CONTRIBUTOR).expect("disputed").bond, 10);
	});
}

/// The abuse: a researcher who has the data disputes every delivery to freeze the contributors'
/// pay. Undecided by the committee's deadline, each contributor is paid, with the bond.
#[test]
fn a_researcher_disputing_every_delivery_pays_everyone_and_loses_the_bonds_at_the_deadline() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		let id = create(3);
		let contributors = [CONTRIBUTOR, OTHER_CONTRIBUTOR, THIRD_CONTRIBUTOR];
		for who in contributors {
			enrol(id, who);
			deliver(id, who);
		}
		System::set_block_number(2);
		for who in contributors {
			dispute(id, who, H256::repeat_byte(0xbd));
		}
		assert_eq!(bond_held(RESEARCHER), 3 * BOND);
		let before: Vec<u64> = contributors.iter().map(Balances::balance).collect();
		let researcher = Balances::total_balance(&RESEARCHER);
		run_to(2 + DISPUTE_DEADLINE - 1);
		assert_eq!(contributors.map(|who| Balances::balance(&who)).to_vec(), before);
		run_to(2 + DISPUTE_DEADLINE);
		for (who, before) in contributors.into_iter().zip(before) {
			assert_eq!(Balances::balance(&who), before + REWARD + BOND);
			assert!(System::events().iter().any(|record| record.event
				== Event::DisputeLapsed { study_id: id, contributor: who, bond: BOND }.into()));
		}
		assert_eq!(Balances::total_balance(&RESEARCHER), researcher - 3 * (SLOT + BOND));
		assert_eq!(bond_held(RESEARCHER), 0);
		assert!(queue().is_empty());
		assert_escrow(issuance);
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
		// Past the deadline the dispute is lost by default.
		System::set_block_number(1 + DISPUTE_DEADLINE);
		assert_noop!(
			resolve(RuntimeOrigin::signed(ETHICS), CONTRIBUTOR),
			Error::<Test>::DecisionTooLate
		);
	});
}
