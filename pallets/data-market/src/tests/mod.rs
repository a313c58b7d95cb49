//! Tests of the market pallet, by call: `create_study` here, the others in a file each; the
//! helpers they share are here.

#![allow(clippy::arithmetic_side_effects)]

mod close_study;
mod confirm_delivery;
mod dispute;
mod enroll;
mod erasure;
mod escrow_property;
mod payout;
mod release_participation;
mod set_dispute_window;
mod settle;
mod views;
mod withdraw;

use crate::{
	mock::*, DisputeVerdict, DisputeWindow, Earned, Enrolments, EnrolmentsOf, Error, Event,
	HoldReason, NextStudyId, Participants, PayoutQueue, RefundReason, Studies, MAX_STUDIES_PAGE,
	MAX_STUDY_IDS_LOOKED_AT,
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
			fungible::{Inspect, InspectHold, Mutate},
			BuildGenesisConfig, Hooks,
		},
		weights::Weight,
		BoundedVec,
	},
	frame_system, pallet_balances,
	sp_core::H256,
	sp_runtime::{traits::BadOrigin, BuildStorage, DispatchError, DispatchResult},
};

const SLOT: u64 = REWARD + FEE;

fn budget_held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::StudyBudget.into(), &who)
}

fn bond_held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::DisputeBond.into(), &who)
}

fn participation_held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::Participation.into(), &who)
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

/// The payout queue in the order `on_idle` reads it: due block, study, contributor.
fn queue() -> Vec<(u64, StudyId, u64)> {
	PayoutQueue::<Test>::iter()
		.map(|(key, entry)| (key.due::<u64>(), entry.study, entry.contributor))
		.collect()
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
		assert_eq!(MapTombstones::paid_by(&RESEARCHER), 1, "the fee of its tombstone");
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
