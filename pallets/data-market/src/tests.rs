//! Every call, every error, the payout queue and the escrow invariant under random sequences.

#![allow(clippy::arithmetic_side_effects)]

use crate::{
	mock::*, DisputeVerdict, DisputeWindow, Earned, Enrolments, EnrolmentsOf, Error, Event,
	HoldReason, NextStudyId, PayoutQueue, RefundReason, Studies,
};
use genochain_primitives::{
	consent::Role,
	consent::{ConsentState, DataScope, Grantee},
	duo::{DuoModifier, DuoModifiers},
	fingerprint::Assembly,
	market::{EnrolmentStatus, StudyId, StudyStatus},
	traits::ConsentManage,
};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		traits::{
			fungible::{Inspect, InspectHold},
			BuildGenesisConfig, Hooks,
		},
		weights::Weight,
		BoundedVec,
	},
	frame_system, pallet_balances,
	sp_core::H256,
	sp_runtime::{traits::BadOrigin, BuildStorage, DispatchError},
};

const SLOT: u64 = REWARD + FEE;

fn budget_held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::StudyBudget.into(), &who)
}

fn deposit_held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::StudyDeposit.into(), &who)
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event was emitted").event
}

fn create(slots: u32) -> StudyId {
	let id = NextStudyId::<Test>::get();
	assert_ok!(DataMarket::create_study(RuntimeOrigin::signed(RESEARCHER), terms(slots)));
	id
}

fn enrol(study: StudyId, who: u64) {
	assert_ok!(DataMarket::enroll(RuntimeOrigin::signed(who), study, genome_of(who)));
}

fn deliver(study: StudyId, who: u64) {
	assert_ok!(DataMarket::confirm_delivery(RuntimeOrigin::signed(CUSTODIAN), study, who));
}

fn dispute(study: StudyId, who: u64, reason: H256) {
	assert_ok!(DataMarket::dispute(RuntimeOrigin::signed(RESEARCHER), study, who, reason));
}

fn consent_of(study: StudyId, who: u64) -> u64 {
	Enrolments::<Test>::get(study, who).expect("enrolled").consent
}

/// Moves to block `n` and gives `on_idle` a whole block.
fn run_to(n: u64) {
	System::set_block_number(n);
	DataMarket::on_idle(n, Weight::MAX);
}

/// The escrow invariant and the market's conservation of money, checked at the end of a test.
fn assert_escrow(issuance: u64) {
	assert_eq!(DataMarket::check_escrow(), Ok(()));
	assert_eq!(Balances::total_issuance(), issuance);
}

// --- create_study ---

#[test]
fn create_study_holds_the_whole_budget_and_a_deposit() {
	new_test_ext().execute_with(|| {
		let free = Balances::balance(&RESEARCHER);
		let id = create(3);
		assert_eq!(budget_held(RESEARCHER), 3 * SLOT);
		// The record and its three slots.
		let deposit = 1 + DataMarket::footprint(3).size;
		assert_eq!(deposit_held(RESEARCHER), deposit);
		assert_eq!(Balances::balance(&RESEARCHER), free - 3 * SLOT - deposit);
		let study = Studies::<Test>::get(id).expect("created");
		assert_eq!(study.researcher, RESEARCHER);
		assert_eq!(study.status, StudyStatus::Open);
		assert_eq!(study.delivery_deadline, DEADLINE + DELIVERY_WINDOW);
		assert_eq!(study.fee_per_contributor, FEE);
		assert_eq!((study.owed_slots, study.enrolled), (3, 0));
		assert_eq!(
			last_event(),
			Event::StudyCreated { study_id: id, researcher: RESEARCHER, budget: 3 * SLOT }.into()
		);
		assert_eq!(DataMarket::check_escrow(), Ok(()));
	});
}

#[test]
fn create_study_refuses_bad_terms_and_changes_nothing() {
	new_test_ext().execute_with(|| {
		let signed = || RuntimeOrigin::signed(RESEARCHER);
		assert_noop!(
			DataMarket::create_study(RuntimeOrigin::signed(CONTRIBUTOR), terms(1)),
			Error::<Test>::NotAResearcher
		);
		let mut no_categories = terms(1);
		no_categories.categories = Default::default();
		assert_noop!(
			DataMarket::create_study(signed(), no_categories),
			Error::<Test>::NoDataCategories
		);
		let mut malformed = terms(1);
		malformed.purpose.modifiers = DuoModifiers(BoundedVec::truncate_from(vec![
			DuoModifier::NonCommercialUse,
			DuoModifier::NonCommercialUse,
		]));
		assert_noop!(
			DataMarket::create_study(signed(), malformed),
			Error::<Test>::MalformedPurpose
		);
		assert_noop!(DataMarket::create_study(signed(), terms(0)), Error::<Test>::NoContributors);
		assert_noop!(
			DataMarket::create_study(signed(), terms(11)),
			Error::<Test>::TooManyContributors
		);
		let mut tiny_reward = terms(1);
		tiny_reward.reward = EXISTENTIAL_DEPOSIT - 1;
		assert_noop!(
			DataMarket::create_study(signed(), tiny_reward),
			Error::<Test>::RewardBelowMinimum
		);
		let mut overflowing = terms(10);
		overflowing.reward = u64::MAX / 10;
		assert_noop!(
			DataMarket::create_study(signed(), overflowing),
			Error::<Test>::BudgetOverflow
		);
		let mut endless = terms(1);
		endless.delivery_window = u64::MAX;
		assert_noop!(DataMarket::create_study(signed(), endless), Error::<Test>::BudgetOverflow);
		System::set_block_number(DEADLINE + 1);
		assert_noop!(DataMarket::create_study(signed(), terms(1)), Error::<Test>::DeadlineInPast);
	});
}

#[test]
fn create_study_fails_cleanly_when_the_budget_cannot_be_held() {
	new_test_ext().execute_with(|| {
		// 6 × 1_100 > 6_000.
		assert_noop!(
			DataMarket::create_study(RuntimeOrigin::signed(POOR_RESEARCHER), terms(6)),
			Error::<Test>::CannotHoldBudget
		);
		assert_eq!(budget_held(POOR_RESEARCHER), 0);
		assert_ok!(DataMarket::create_study(RuntimeOrigin::signed(POOR_RESEARCHER), terms(4)));
		assert_eq!(budget_held(POOR_RESEARCHER), 4 * SLOT);
	});
}

// --- enroll ---

#[test]
fn enroll_grants_the_studys_consent() {
	new_test_ext().execute_with(|| {
		let id = create(2);
		enrol(id, CONTRIBUTOR);
		let enrolment = Enrolments::<Test>::get(id, CONTRIBUTOR).expect("enrolled");
		assert_eq!(enrolment.anchor, genome_of(CONTRIBUTOR));
		assert_eq!(enrolment.status, EnrolmentStatus::Enrolled);
		let consent = MapConsents::<Test>::get(enrolment.consent).expect("granted");
		assert_eq!(consent.subject, CONTRIBUTOR);
		assert_eq!(consent.terms.grantee, Grantee::Account(RESEARCHER));
		assert_eq!(consent.terms.scope.data, DataScope::Dataset(genome_of(CONTRIBUTOR)));
		assert_eq!(consent.terms.scope.categories, terms(2).categories);
		assert_eq!(consent.terms.purpose, terms(2).purpose);
		assert_eq!(consent.terms.valid_from, 1);
		assert_eq!(consent.terms.valid_until, Some(DEADLINE + DELIVERY_WINDOW));
		assert_eq!(consent.terms.document_hash, terms(2).protocol);
		assert_eq!(EnrolmentsOf::<Test>::get(CONTRIBUTOR).into_inner(), vec![id]);
		assert_eq!(Studies::<Test>::get(id).expect("open").enrolled, 1);
		assert_eq!(
			last_event(),
			Event::ContributorEnrolled {
				study_id: id,
				contributor: CONTRIBUTOR,
				anchor: genome_of(CONTRIBUTOR),
				consent_id: enrolment.consent,
			}
			.into()
		);
		// Nothing moves until delivery.
		assert_eq!(budget_held(RESEARCHER), 2 * SLOT);
		assert_eq!(DataMarket::check_escrow(), Ok(()));
	});
}

#[test]
fn enroll_refuses_missing_closed_late_and_full_studies() {
	new_test_ext().execute_with(|| {
		let enroll =
			|study, who: u64| DataMarket::enroll(RuntimeOrigin::signed(who), study, genome_of(who));
		assert_noop!(enroll(7, CONTRIBUTOR), Error::<Test>::StudyNotFound);
		let full = create(1);
		enrol(full, CONTRIBUTOR);
		assert_noop!(enroll(full, OTHER_CONTRIBUTOR), Error::<Test>::StudyFull);
		let closed = create(1);
		assert_ok!(DataMarket::close_study(RuntimeOrigin::root(), closed));
		assert_noop!(enroll(closed, CONTRIBUTOR), Error::<Test>::StudyNotFound);
		let closed_with_enrolment = create(2);
		enrol(closed_with_enrolment, OTHER_CONTRIBUTOR);
		deliver(closed_with_enrolment, OTHER_CONTRIBUTOR);
		assert_ok!(DataMarket::close_study(RuntimeOrigin::root(), closed_with_enrolment));
		assert_noop!(enroll(closed_with_enrolment, CONTRIBUTOR), Error::<Test>::StudyClosed);
		let late = create(1);
		System::set_block_number(DEADLINE + 1);
		assert_noop!(enroll(late, THIRD_CONTRIBUTOR), Error::<Test>::EnrolmentDeadlinePassed);
	});
}

#[test]
fn no_data_goes_to_a_researcher_no_longer_accredited() {
	new_test_ext().execute_with(|| {
		let id = create(2);
		enrol(id, CONTRIBUTOR);
		MapAccreditation::set(RESEARCHER, Role::Researcher, false);
		assert_noop!(
			DataMarket::enroll(
				RuntimeOrigin::signed(OTHER_CONTRIBUTOR),
				id,
				genome_of(OTHER_CONTRIBUTOR)
			),
			Error::<Test>::ResearcherNotAccredited
		);
		assert_noop!(
			DataMarket::confirm_delivery(RuntimeOrigin::signed(CUSTODIAN), id, CONTRIBUTOR),
			Error::<Test>::ResearcherNotAccredited
		);
		// Reinstated, the study goes on.
		MapAccreditation::set(RESEARCHER, Role::Researcher, true);
		deliver(id, CONTRIBUTOR);
	});
}

#[test]
fn enroll_refuses_anchors_that_do_not_fit() {
	new_test_ext().execute_with(|| {
		let id = create(3);
		let enroll = |anchor| DataMarket::enroll(RuntimeOrigin::signed(CONTRIBUTOR), id, anchor);
		assert_noop!(enroll(H256::repeat_byte(9)), Error::<Test>::AnchorNotFound);
		assert_noop!(enroll(genome_of(OTHER_CONTRIBUTOR)), Error::<Test>::NotTheAnchorSubject);
		let old = H256::repeat_byte(1);
		anchor(old, CONTRIBUTOR, Assembly::GRCh38, Some(CUSTODIAN));
		let mut superseded =
			<MapAnchors as genochain_primitives::traits::AnchorInspect<u64, u64>>::anchor(&old)
				.expect("anchored");
		superseded.superseded_by = Some(genome_of(CONTRIBUTOR));
		MapAnchors::insert(old, superseded);
		assert_noop!(enroll(old), Error::<Test>::AnchorSuperseded);
		let grch37 = H256::repeat_byte(2);
		anchor(grch37, CONTRIBUTOR, Assembly::GRCh37, Some(CUSTODIAN));
		assert_noop!(enroll(grch37), Error::<Test>::AssemblyMismatch);
		let unkept = H256::repeat_byte(3);
		anchor(unkept, CONTRIBUTOR, Assembly::GRCh38, None);
		assert_noop!(enroll(unkept), Error::<Test>::AnchorHasNoCustodian);
		enrol(id, CONTRIBUTOR);
		assert_noop!(enroll(genome_of(CONTRIBUTOR)), Error::<Test>::AlreadyEnrolled);
	});
}

#[test]
fn enroll_refuses_past_the_contributors_limit_or_when_consent_fails() {
	new_test_ext().execute_with(|| {
		for _ in 0..3 {
			let id = create(1);
			enrol(id, CONTRIBUTOR);
		}
		let fourth = create(1);
		assert_noop!(
			DataMarket::enroll(RuntimeOrigin::signed(CONTRIBUTOR), fourth, genome_of(CONTRIBUTOR)),
			Error::<Test>::TooManyEnrolments
		);
		MapConsents::<Test>::refuse_grants();
		assert_noop!(
			DataMarket::enroll(
				RuntimeOrigin::signed(OTHER_CONTRIBUTOR),
				fourth,
				genome_of(OTHER_CONTRIBUTOR)
			),
			DispatchError::Other("the mock refuses grants")
		);
	});
}

// --- withdraw ---

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

// --- confirm_delivery ---

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
		let queued = PayoutQueue::<Test>::get(0).expect("queued");
		assert_eq!((queued.study, queued.contributor, queued.payable_at), (id, CONTRIBUTOR, 8));
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

// --- payout ---

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
		assert!(PayoutQueue::<Test>::get(0).is_none());
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

#[test]
fn on_idle_stops_at_the_first_payout_not_due_and_drops_stale_entries() {
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
		// The disputed entry is dropped, the next one paid, the third not yet due.
		assert_eq!(Earned::<Test>::get(OTHER_CONTRIBUTOR), Some(REWARD));
		assert_eq!(Earned::<Test>::get(THIRD_CONTRIBUTOR), None);
		assert_eq!(crate::PayoutQueueBounds::<Test>::get(), (2, 3));
		run_to(2 + DISPUTE_WINDOW);
		assert_eq!(Earned::<Test>::get(THIRD_CONTRIBUTOR), Some(REWARD));
		assert!(matches!(
			Enrolments::<Test>::get(id, CONTRIBUTOR).expect("disputed").status,
			EnrolmentStatus::Disputed { .. }
		));
		assert_eq!(DataMarket::check_escrow(), Ok(()));
	});
}

// --- dispute and resolve_dispute ---

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

// --- settle ---

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
		// on_idle later drops the stale queue entry without paying twice.
		run_to(2 + DISPUTE_WINDOW);
		assert_eq!(Balances::balance(&CONTRIBUTOR), balance + REWARD);
		assert_eq!(crate::PayoutQueueBounds::<Test>::get(), (1, 1));
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
fn settle_leaves_a_disputed_delivery_to_the_committee() {
	new_test_ext().execute_with(|| {
		let id = create(1);
		enrol(id, CONTRIBUTOR);
		deliver(id, CONTRIBUTOR);
		dispute(id, CONTRIBUTOR, H256::zero());
		System::set_block_number(100);
		assert_noop!(
			DataMarket::settle(RuntimeOrigin::signed(CONTRIBUTOR), id, CONTRIBUTOR),
			Error::<Test>::UnderDispute
		);
	});
}

// --- close_study ---

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

// --- set_dispute_window ---

#[test]
fn governance_sets_the_dispute_window() {
	new_test_ext().execute_with(|| {
		assert_eq!(DisputeWindow::<Test>::get(), DISPUTE_WINDOW);
		assert_noop!(DataMarket::set_dispute_window(RuntimeOrigin::signed(ETHICS), 9), BadOrigin);
		assert_noop!(
			DataMarket::set_dispute_window(RuntimeOrigin::root(), 0),
			Error::<Test>::ZeroDisputeWindow
		);
		assert_ok!(DataMarket::set_dispute_window(RuntimeOrigin::root(), 9));
		assert_eq!(last_event(), Event::DisputeWindowSet { blocks: 9 }.into());
		let id = create(1);
		enrol(id, CONTRIBUTOR);
		deliver(id, CONTRIBUTOR);
		assert_eq!(
			Enrolments::<Test>::get(id, CONTRIBUTOR).expect("delivered").status,
			EnrolmentStatus::Delivered { payable_at: 10 }
		);
	});
}

// --- views and genesis ---

#[test]
fn views_list_open_studies_and_a_contributors_earnings() {
	new_test_ext().execute_with(|| {
		let paid = create(1);
		let open = create(3);
		let full = create(1);
		enrol(paid, CONTRIBUTOR);
		deliver(paid, CONTRIBUTOR);
		run_to(1 + DISPUTE_WINDOW);
		enrol(open, CONTRIBUTOR);
		deliver(open, CONTRIBUTOR);
		enrol(full, CONTRIBUTOR);
		let ids: Vec<_> = DataMarket::open_studies().into_iter().map(|study| study.id).collect();
		assert_eq!(ids, vec![open]);
		let view = DataMarket::study(open).expect("exists");
		assert_eq!((view.free_slots, view.enrolled, view.held), (2, 1, 3 * SLOT));
		let earnings = DataMarket::earnings(&CONTRIBUTOR);
		assert_eq!((earnings.paid, earnings.pending, earnings.enrolled), (REWARD, REWARD, REWARD));
		assert_eq!(earnings.enrolments.len(), 2);
		assert_eq!(earnings.enrolments[0].study, open);
		System::set_block_number(DEADLINE + 1);
		assert!(DataMarket::open_studies().is_empty());
	});
}

#[test]
fn genesis_opens_studies_and_endows_the_treasury() {
	let mut storage =
		frame_system::GenesisConfig::<Test>::default().build_storage().expect("system genesis");
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(RESEARCHER, INITIAL_BALANCE)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.expect("balances genesis");
	polkadot_sdk::sp_io::TestExternalities::new(storage).execute_with(|| {
		// The registry's genesis accredits the researcher before the market's runs.
		MapAccreditation::set(RESEARCHER, Role::Researcher, true);
		crate::GenesisConfig::<Test> {
			dispute_window: Some(2),
			studies: vec![(RESEARCHER, terms(2))],
		}
		.build();
		assert_eq!(DisputeWindow::<Test>::get(), 2);
		assert_eq!(Balances::balance(&TREASURY), EXISTENTIAL_DEPOSIT);
		assert_eq!(DataMarket::open_studies().len(), 1);
		assert_eq!(budget_held(RESEARCHER), 2 * SLOT);
	});
}

// --- the escrow invariant under random sequences ---

mod escrow_property {
	use super::*;
	use polkadot_sdk::{sp_io, sp_runtime::StateVersion};
	use proptest::prelude::*;

	const CONTRIBUTORS: [u64; 3] = [CONTRIBUTOR, OTHER_CONTRIBUTOR, THIRD_CONTRIBUTOR];

	/// An operation; `pick` chooses among the live enrolments (or a random pair when there are
	/// none), so that sequences reach deliveries, disputes and settlements often.
	#[derive(Clone, Debug)]
	enum Op {
		Create { slots: u32, reward: u64 },
		Enroll { study: u32, who: usize },
		Withdraw { pick: usize },
		Deliver { pick: usize },
		Dispute { pick: usize },
		Resolve { pick: usize, pay: bool },
		Close { study: u32, by_governance: bool },
		Settle { pick: usize },
		Advance { blocks: u64 },
	}

	fn op() -> impl Strategy<Value = Op> {
		let study = 0u32..4;
		let pick = 0usize..12;
		prop_oneof![
			2 => (1u32..4, 10u64..3_000).prop_map(|(slots, reward)| Op::Create { slots, reward }),
			4 => (study.clone(), 0usize..3).prop_map(|(study, who)| Op::Enroll { study, who }),
			1 => pick.clone().prop_map(|pick| Op::Withdraw { pick }),
			3 => pick.clone().prop_map(|pick| Op::Deliver { pick }),
			2 => pick.clone().prop_map(|pick| Op::Dispute { pick }),
			2 => (pick.clone(), any::<bool>()).prop_map(|(pick, pay)| Op::Resolve { pick, pay }),
			1 => (study, any::<bool>())
				.prop_map(|(study, by_governance)| Op::Close { study, by_governance }),
			2 => pick.prop_map(|pick| Op::Settle { pick }),
			2 => (1u64..4).prop_map(|blocks| Op::Advance { blocks }),
		]
	}

	fn enrolment(pick: usize) -> (StudyId, u64) {
		let mut live: Vec<_> = Enrolments::<Test>::iter_keys().collect();
		live.sort();
		live.get(pick % live.len().max(1))
			.copied()
			.unwrap_or((pick as StudyId % 4, CONTRIBUTORS[pick % 3]))
	}

	fn apply(op: &Op) -> polkadot_sdk::sp_runtime::DispatchResult {
		let signed = RuntimeOrigin::signed;
		match *op {
			Op::Create { slots, reward } => {
				let mut terms = terms(slots);
				terms.reward = reward;
				DataMarket::create_study(signed(RESEARCHER), terms)
			}
			Op::Enroll { study, who } => {
				let who = CONTRIBUTORS[who];
				DataMarket::enroll(signed(who), study, genome_of(who))
			}
			Op::Withdraw { pick } => {
				let (study, who) = enrolment(pick);
				DataMarket::withdraw(signed(who), study)
			}
			Op::Deliver { pick } => {
				let (study, who) = enrolment(pick);
				DataMarket::confirm_delivery(signed(CUSTODIAN), study, who)
			}
			Op::Dispute { pick } => {
				let (study, who) = enrolment(pick);
				DataMarket::dispute(signed(RESEARCHER), study, who, H256::repeat_byte(1))
			}
			Op::Resolve { pick, pay } => {
				let (study, who) = enrolment(pick);
				let verdict = if pay {
					DisputeVerdict::PayContributor
				} else {
					DisputeVerdict::RefundResearcher
				};
				DataMarket::resolve_dispute(signed(ETHICS), study, who, verdict)
			}
			Op::Close { study, by_governance } => {
				let origin = if by_governance { RuntimeOrigin::root() } else { signed(RESEARCHER) };
				DataMarket::close_study(origin, study).map(|_| ()).map_err(|error| error.error)
			}
			Op::Settle { pick } => {
				let (study, who) = enrolment(pick);
				DataMarket::settle(signed(CUSTODIAN), study, who)
			}
			Op::Advance { blocks } => {
				run_to(System::block_number() + blocks);
				Ok(())
			}
		}
	}

	/// What everyone but the treasury and the contributors holds, free or held.
	fn researcher_total() -> u64 {
		Balances::total_balance(&RESEARCHER)
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(256))]

		#[test]
		fn escrow_holds_under_any_sequence(ops in prop::collection::vec(op(), 1..60)) {
			new_test_ext().execute_with(|| {
				let issuance = Balances::total_issuance();
				let researcher_before = researcher_total();
				let treasury_before = Balances::balance(&TREASURY);
				let contributors_before: u64 =
					CONTRIBUTORS.iter().map(Balances::total_balance).sum();
				for op in &ops {
					let root = sp_io::storage::root(StateVersion::V1);
					if apply(op).is_err() {
						// A failed call changes nothing.
						prop_assert_eq!(sp_io::storage::root(StateVersion::V1), root, "{:?}", op);
					}
					prop_assert_eq!(DataMarket::check_escrow(), Ok(()), "after {:?}", op);
					prop_assert_eq!(Balances::total_issuance(), issuance);
				}

				// Wind everything down: every path ends with nothing held.
				for study in 0..NextStudyId::<Test>::get() {
					let _ = DataMarket::close_study(RuntimeOrigin::root(), study);
				}
				run_to(System::block_number() + DEADLINE + DELIVERY_WINDOW + DISPUTE_WINDOW);
				for (study, who, enrolment) in Enrolments::<Test>::iter().collect::<Vec<_>>() {
					if matches!(enrolment.status, EnrolmentStatus::Disputed { .. }) {
						prop_assert!(DataMarket::resolve_dispute(
							RuntimeOrigin::signed(ETHICS),
							study,
							who,
							DisputeVerdict::PayContributor,
						)
						.is_ok());
					} else {
						prop_assert!(DataMarket::settle(RuntimeOrigin::signed(RESEARCHER), study, who)
							.is_ok());
					}
				}
				prop_assert_eq!(Studies::<Test>::iter().count(), 0);
				prop_assert_eq!(budget_held(RESEARCHER), 0);
				prop_assert_eq!(deposit_held(RESEARCHER), 0);
				// The researcher paid exactly what the contributors and the treasury received.
				let paid: u64 =
					CONTRIBUTORS.iter().map(|who| Earned::<Test>::get(who).unwrap_or_default()).sum();
				let contributors_after: u64 =
					CONTRIBUTORS.iter().map(Balances::total_balance).sum();
				prop_assert_eq!(contributors_after - contributors_before, paid);
				let fees = Balances::balance(&TREASURY) - treasury_before;
				prop_assert_eq!(researcher_before - researcher_total(), paid + fees);
				prop_assert_eq!(Balances::total_issuance(), issuance);
				Ok(())
			})?;
		}
	}
}

// --- erasure (pallet-redaction) ---

mod erasure {
	use super::*;
	use genochain_primitives::redaction::{Erasure, RecordRef, Redactable, RedactionError};

	fn erase(record: RecordRef<u64>) -> Result<Erasure<u64>, RedactionError> {
		<DataMarket as Redactable<u64>>::erase(&record)
	}

	fn enrolment(study: StudyId, contributor: u64) -> RecordRef<u64> {
		RecordRef::Enrolment { study, contributor }
	}

	#[test]
	fn an_undelivered_enrolment_is_withdrawn_and_removed() {
		new_test_ext().execute_with(|| {
			let issuance = Balances::total_issuance();
			let id = create(2);
			enrol(id, CONTRIBUTOR);
			let consent = consent_of(id, CONTRIBUTOR);
			assert!(<DataMarket as Redactable<u64>>::contains(&enrolment(id, CONTRIBUTOR)));
			let erasure = erase(enrolment(id, CONTRIBUTOR)).expect("erased");
			assert_eq!(erasure.records, vec![enrolment(id, CONTRIBUTOR)]);
			assert!(erasure.retained.is_empty());
			assert!(!Enrolments::<Test>::contains_key(id, CONTRIBUTOR));
			assert!(!EnrolmentsOf::<Test>::contains_key(CONTRIBUTOR));
			// Revoked only: the consent pallet erases it with the subject's other consents, and
			// leaves its tombstone.
			assert_eq!(MapConsents::<Test>::state(consent), Some(ConsentState::Revoked));
			assert_eq!(Studies::<Test>::get(id).expect("open").free_slots(), 2);
			assert_eq!(last_event(), Event::EnrolmentErased { study_id: id }.into());
			assert_eq!(erase(enrolment(id, CONTRIBUTOR)), Err(RedactionError::NotFound));
			assert!(!<DataMarket as Redactable<u64>>::contains(&enrolment(id, CONTRIBUTOR)));
			assert_escrow(issuance);
		});
	}

	#[test]
	fn an_owed_delivery_is_kept_paid_in_full_and_then_leaves_no_trace() {
		new_test_ext().execute_with(|| {
			let issuance = Balances::total_issuance();
			let paid = create(2);
			enrol(paid, CONTRIBUTOR);
			deliver(paid, CONTRIBUTOR);
			run_to(1 + DISPUTE_WINDOW);
			assert_eq!(Earned::<Test>::get(CONTRIBUTOR), Some(REWARD));
			let owed = create(2);
			let disputed = create(2);
			let withdrawn = create(2);
			for study in [owed, disputed, withdrawn] {
				enrol(study, CONTRIBUTOR);
			}
			deliver(owed, CONTRIBUTOR);
			deliver(disputed, CONTRIBUTOR);
			dispute(disputed, CONTRIBUTOR, H256::repeat_byte(1));

			let erasure =
				<DataMarket as Redactable<u64>>::erase_subject(&CONTRIBUTOR, 10).expect("erased");
			assert_eq!(
				erasure.records,
				vec![RecordRef::Earnings(CONTRIBUTOR), enrolment(withdrawn, CONTRIBUTOR)]
			);
			assert_eq!(
				erasure.retained,
				vec![enrolment(owed, CONTRIBUTOR), enrolment(disputed, CONTRIBUTOR)]
			);
			assert!(!erasure.incomplete);
			assert_eq!(Earned::<Test>::get(CONTRIBUTOR), None);
			assert!(Enrolments::<Test>::get(owed, CONTRIBUTOR).expect("kept").erasure_requested);

			// Paid as usual, the researcher's dispute window intact, and forgotten.
			let balance = Balances::balance(&CONTRIBUTOR);
			run_to(2 + 2 * DISPUTE_WINDOW);
			assert_eq!(Balances::balance(&CONTRIBUTOR), balance + REWARD);
			assert_ok!(DataMarket::resolve_dispute(
				RuntimeOrigin::signed(ETHICS),
				disputed,
				CONTRIBUTOR,
				DisputeVerdict::PayContributor
			));
			assert_eq!(Balances::balance(&CONTRIBUTOR), balance + 2 * REWARD);
			assert_eq!(Earned::<Test>::get(CONTRIBUTOR), None);
			assert!(!EnrolmentsOf::<Test>::contains_key(CONTRIBUTOR));
			assert!(Enrolments::<Test>::iter().all(|(_, who, _)| who != CONTRIBUTOR));
			assert_escrow(issuance);
		});
	}

	#[test]
	fn an_earnings_total_is_erased_by_record() {
		new_test_ext().execute_with(|| {
			let id = create(1);
			enrol(id, CONTRIBUTOR);
			deliver(id, CONTRIBUTOR);
			run_to(1 + DISPUTE_WINDOW);
			let earnings = RecordRef::Earnings(CONTRIBUTOR);
			assert!(<DataMarket as Redactable<u64>>::contains(&earnings));
			assert_eq!(
				erase(earnings.clone()).map(|erasure| erasure.records),
				Ok(vec![earnings.clone()])
			);
			assert_eq!(Earned::<Test>::get(CONTRIBUTOR), None);
			assert_eq!(erase(earnings), Err(RedactionError::NotFound));
		});
	}

	#[test]
	fn erase_subject_stops_at_its_limit_and_finishes_later() {
		new_test_ext().execute_with(|| {
			let studies = [create(1), create(1), create(1)];
			for study in studies {
				enrol(study, CONTRIBUTOR);
			}
			let first =
				<DataMarket as Redactable<u64>>::erase_subject(&CONTRIBUTOR, 2).expect("erased");
			assert_eq!(first.records.len(), 2);
			assert!(first.incomplete);
			// What is left stays visible in the index.
			assert_eq!(EnrolmentsOf::<Test>::get(CONTRIBUTOR).into_inner(), vec![studies[2]]);
			let rest =
				<DataMarket as Redactable<u64>>::erase_subject(&CONTRIBUTOR, 2).expect("erased");
			assert_eq!(rest.records, vec![enrolment(studies[2], CONTRIBUTOR)]);
			assert!(!rest.incomplete);
		});
	}

	#[test]
	fn a_study_is_erased_with_its_enrolments_refunded() {
		new_test_ext().execute_with(|| {
			let issuance = Balances::total_issuance();
			let free = Balances::balance(&RESEARCHER);
			let id = create(3);
			enrol(id, CONTRIBUTOR);
			let consent = consent_of(id, CONTRIBUTOR);
			let erasure = erase(RecordRef::Study(id)).expect("erased");
			assert_eq!(erasure.records, vec![RecordRef::Study(id)]);
			assert!(!Studies::<Test>::contains_key(id));
			assert!(!Enrolments::<Test>::contains_key(id, CONTRIBUTOR));
			assert_eq!(MapConsents::<Test>::state(consent), None, "the consent ended");
			assert_eq!(Balances::balance(&RESEARCHER), free);
			assert_eq!(budget_held(RESEARCHER) + deposit_held(RESEARCHER), 0);
			assert_eq!(last_event(), Event::StudyErased { study_id: id }.into());
			assert_eq!(erase(RecordRef::Study(id)), Err(RedactionError::NotFound));
			assert_escrow(issuance);
		});
	}

	#[test]
	fn a_study_owing_a_delivery_is_not_erased() {
		new_test_ext().execute_with(|| {
			let id = create(2);
			enrol(id, CONTRIBUTOR);
			enrol(id, OTHER_CONTRIBUTOR);
			deliver(id, CONTRIBUTOR);
			let before =
				polkadot_sdk::sp_io::storage::root(polkadot_sdk::sp_runtime::StateVersion::V1);
			assert_eq!(
				erase(RecordRef::Study(id)),
				Err(RedactionError::Failed(Error::<Test>::StudyOwesDeliveries.into()))
			);
			assert_eq!(
				polkadot_sdk::sp_io::storage::root(polkadot_sdk::sp_runtime::StateVersion::V1),
				before
			);
			assert_eq!(erase(RecordRef::Consent(1)), Err(RedactionError::NotOwned));
		});
	}
}
