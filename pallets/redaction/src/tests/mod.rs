//! Every call and every error, over stand-in records: erasure and requests here, confirmations
//! and their deadline in `confirm.rs`.

#![allow(clippy::arithmetic_side_effects)]

mod confirm;
mod storage_fund;

use crate::{
	mock::*, Cases, Error, Event, HoldReason, Pallet, RequestStatus, Requests, Tombstones,
};
use genochain_primitives::redaction::{Lookup, RecordKind, RecordRef, Tombstone};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		traits::{
			fungible::{Inspect, InspectHold},
			Hooks,
		},
	},
	sp_core::H256,
	sp_runtime::{traits::BadOrigin, DispatchError},
};

const REASON: H256 = H256::repeat_byte(0x5e);

/// Runs `test` on a fresh mock chain, then checks the pallet's invariants.
pub(super) fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		assert_eq!(Pallet::<Test>::check_cases_and_requests(), Ok(()));
	});
}

pub(super) fn anchor(byte: u8) -> RecordRef<u64> {
	RecordRef::Anchor(H256::repeat_byte(byte))
}

fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::RequestDeposit.into(), &who)
}

pub(super) fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Redaction(event) => Some(event),
			_ => None,
		})
		.collect()
}

fn state_root() -> Vec<u8> {
	polkadot_sdk::sp_io::storage::root(polkadot_sdk::sp_runtime::StateVersion::V1)
}

/// Files a request for `record` by [`REQUESTER`]; returns its id.
fn request(record: RecordRef<u64>) -> u64 {
	let id = crate::NextRequestId::<Test>::get();
	assert_ok!(Redaction::request_redaction(RuntimeOrigin::signed(REQUESTER), record, REASON));
	id
}

/// Files and approves a request for `record`; returns its id.
fn approved(record: RecordRef<u64>) -> u64 {
	let id = request(record);
	assert_ok!(Redaction::approve(RuntimeOrigin::signed(ETHICS), id));
	id
}

// --- erase_me ---

#[test]
fn erase_me_erases_everything_leaves_tombstones_and_opens_a_case() {
	run(|| {
		let consent = RecordRef::Consent(1);
		MockRecords::add(SUBJECT, consent.clone(), None, false);
		MockRecords::add(SUBJECT, anchor(1), Some(CUSTODIAN), false);
		MockRecords::add(SUBJECT, anchor(2), Some(CUSTODIAN), false);
		assert_ok!(Redaction::erase_me(RuntimeOrigin::signed(SUBJECT)));

		assert!(MockRecords::of(SUBJECT).is_empty());
		for record in [&consent, &anchor(1), &anchor(2)] {
			let tombstone = Pallet::<Test>::tombstone(record).expect("buried");
			assert_eq!(tombstone.kind, record.kind());
			assert_eq!((tombstone.erased_at, tombstone.case, tombstone.request), (1, 0, None));
		}
		// The custodian is listed once, though it keeps both anchors.
		let case = Pallet::<Test>::erasure_case(0).expect("open");
		assert_eq!((case.pending, case.confirmed), (vec![CUSTODIAN], vec![]));
		assert_eq!(
			events(),
			vec![
				Event::ErasureCaseOpened {
					case: 0,
					custodians: vec![CUSTODIAN],
					recipients: vec![],
					deadline: 1 + CONFIRMATION_PERIOD,
				},
				Event::SubjectErased { case: 0, erased: 3, retained: 0, complete: true },
			]
		);
	});
}

#[test]
fn erase_me_without_records_fails() {
	run(|| {
		assert_noop!(
			Redaction::erase_me(RuntimeOrigin::signed(SUBJECT)),
			Error::<Test>::NothingToErase
		);
		assert_noop!(Redaction::erase_me(RuntimeOrigin::none()), BadOrigin);
	});
}

#[test]
fn a_subject_with_more_records_than_one_call_finishes_in_further_calls() {
	run(|| {
		for byte in 1..=5 {
			MockRecords::add(SUBJECT, anchor(byte), None, false);
		}
		assert_ok!(Redaction::erase_me(RuntimeOrigin::signed(SUBJECT)));
		assert_eq!(
			events().last(),
			Some(&Event::SubjectErased { case: 0, erased: 3, retained: 0, complete: false })
		);
		// The rest is still there, whole and indexed.
		assert_eq!(MockRecords::of(SUBJECT), vec![anchor(4), anchor(5)]);
		assert!(Pallet::<Test>::tombstone(&anchor(4)).is_none());
		assert_ok!(Redaction::erase_me(RuntimeOrigin::signed(SUBJECT)));
		assert_eq!(
			events().last(),
			Some(&Event::SubjectErased { case: 1, erased: 2, retained: 0, complete: true })
		);
		assert!(MockRecords::of(SUBJECT).is_empty());
		// No custodian: no case to confirm.
		assert_eq!(Cases::<Test>::iter().count(), 0);
	});
}

#[test]
fn owed_deliveries_are_retained_not_buried() {
	run(|| {
		let owed = RecordRef::Enrolment { study: 1, contributor: SUBJECT };
		MockRecords::add(SUBJECT, owed.clone(), None, true);
		MockRecords::add(SUBJECT, RecordRef::Consent(1), None, false);
		assert_ok!(Redaction::erase_me(RuntimeOrigin::signed(SUBJECT)));
		assert_eq!(
			events().last(),
			Some(&Event::SubjectErased { case: 0, erased: 1, retained: 1, complete: true })
		);
		assert!(Pallet::<Test>::tombstone(&owed).is_none());
		assert!(Pallet::<Test>::tombstone(&RecordRef::Consent(1)).is_some());
	});
}

#[test]
fn an_erasure_naming_more_custodians_than_a_case_holds_fails_whole() {
	run(|| {
		for byte in 1..=2 {
			MockRecords::add(SUBJECT, anchor(byte), Some(u64::from(byte) * 10), false);
			MockRecords::add_custodian(&anchor(byte), u64::from(byte) * 10 + 1);
		}
		let before = state_root();
		assert_noop!(
			Redaction::erase_me(RuntimeOrigin::signed(SUBJECT)),
			Error::<Test>::TooManyCustodians
		);
		assert_eq!(state_root(), before);
	});
}

// --- request_redaction ---

#[test]
fn request_redaction_holds_the_deposit() {
	run(|| {
		MockRecords::add(SUBJECT, anchor(1), Some(CUSTODIAN), false);
		let id = request(anchor(1));
		assert_eq!(held(REQUESTER), DEPOSIT);
		let open = Requests::<Test>::get(id).expect("open");
		assert_eq!(
			(open.requester, open.record.clone(), open.reason),
			(REQUESTER, anchor(1), REASON)
		);
		assert_eq!(open.status, RequestStatus::Submitted);
		assert_eq!(
			events(),
			vec![Event::RedactionRequested {
				request: id,
				requester: REQUESTER,
				kind: RecordKind::Anchor
			}]
		);
	});
}

#[test]
fn request_redaction_refuses_unknown_missing_and_redacted_records() {
	run(|| {
		let ask = |who: u64, record: RecordRef<u64>| {
			Redaction::request_redaction(RuntimeOrigin::signed(who), record, REASON)
		};
		assert_noop!(
			ask(REQUESTER, RecordRef::Batch(H256::zero())),
			Error::<Test>::UnknownRecordKind
		);
		assert_noop!(ask(REQUESTER, anchor(1)), Error::<Test>::RecordNotFound);
		MockRecords::add(SUBJECT, anchor(1), None, false);
		assert_noop!(ask(POOR, anchor(1)), Error::<Test>::CannotHoldDeposit);
		// Several requests for one record may wait, from anyone.
		request(anchor(1));
		assert_ok!(ask(SUBJECT, anchor(1)));
		MockRecords::add(SUBJECT, anchor(2), None, false);
		assert_ok!(Redaction::erase_me(RuntimeOrigin::signed(SUBJECT)));
		assert_noop!(ask(REQUESTER, anchor(2)), Error::<Test>::AlreadyRedacted);
		assert_noop!(
			Redaction::request_redaction(RuntimeOrigin::none(), anchor(2), REASON),
			BadOrigin
		);
	});
}

// --- approve, reject, cancel ---

#[test]
fn approve_needs_the_committee_and_a_submitted_request() {
	run(|| {
		MockRecords::add(SUBJECT, anchor(1), None, false);
		let id = request(anchor(1));
		assert_noop!(Redaction::approve(RuntimeOrigin::signed(REQUESTER), id), BadOrigin);
		assert_noop!(
			Redaction::approve(RuntimeOrigin::signed(ETHICS), id + 1),
			Error::<Test>::RequestNotFound
		);
		assert_ok!(Redaction::approve(RuntimeOrigin::signed(ETHICS), id));
		let enact_at = 1 + DELAY;
		assert_eq!(
			Requests::<Test>::get(id).map(|open| open.status),
			Some(RequestStatus::Approved { enact_at })
		);
		assert_eq!(events().last(), Some(&Event::RedactionApproved { request: id, enact_at }));
		assert_noop!(
			Redaction::approve(RuntimeOrigin::signed(ETHICS), id),
			Error::<Test>::AlreadyApproved
		);
	});
}

#[test]
fn reject_slashes_the_deposit_to_the_treasury() {
	run(|| {
		MockRecords::add(SUBJECT, anchor(1), None, false);
		let id = request(anchor(1));
		let balance = Balances::total_balance(&REQUESTER);
		assert_noop!(Redaction::reject(RuntimeOrigin::signed(REQUESTER), id), BadOrigin);
		assert_ok!(Redaction::reject(RuntimeOrigin::signed(ETHICS), id));
		assert_eq!(Balances::total_balance(&REQUESTER), balance - DEPOSIT);
		assert_eq!(Balances::free_balance(TREASURY), FUND + DEPOSIT);
		assert!(!Requests::<Test>::contains_key(id));
		assert!(MockRecords::contains_record(&anchor(1)));
		assert_eq!(
			events().last(),
			Some(&Event::RedactionRejected { request: id, slashed: DEPOSIT })
		);
		assert_noop!(
			Redaction::reject(RuntimeOrigin::signed(ETHICS), id),
			Error::<Test>::RequestNotFound
		);
		// A rejected record may be asked about again.
		let again = approved(anchor(1));
		assert_noop!(
			Redaction::reject(RuntimeOrigin::signed(ETHICS), again),
			Error::<Test>::AlreadyApproved
		);
	});
}

#[test]
fn the_requester_cancels_until_approval_the_committee_until_enactment() {
	run(|| {
		MockRecords::add(SUBJECT, anchor(1), None, false);
		let id = request(anchor(1));
		assert_noop!(
			Redaction::cancel(RuntimeOrigin::signed(SUBJECT), id),
			Error::<Test>::NotTheRequester
		);
		assert_ok!(Redaction::cancel(RuntimeOrigin::signed(REQUESTER), id));
		assert_eq!(held(REQUESTER), 0);
		assert_eq!(
			events().last(),
			Some(&Event::RedactionCancelled { request: id, by_committee: false })
		);
		assert_noop!(
			Redaction::cancel(RuntimeOrigin::signed(REQUESTER), id),
			Error::<Test>::RequestNotFound
		);

		let id = approved(anchor(1));
		System::set_block_number(DELAY);
		assert_noop!(
			Redaction::cancel(RuntimeOrigin::signed(REQUESTER), id),
			Error::<Test>::ApprovedByTheCommittee
		);
		assert_ok!(Redaction::cancel(RuntimeOrigin::signed(ETHICS), id));
		assert_eq!(held(REQUESTER), 0);
		assert_eq!(
			events().last(),
			Some(&Event::RedactionCancelled { request: id, by_committee: true })
		);
		// Nothing was erased and nothing can be enacted.
		assert!(MockRecords::contains_record(&anchor(1)));
		System::set_block_number(1 + DELAY);
		assert_noop!(
			Redaction::enact(RuntimeOrigin::signed(REQUESTER), id),
			Error::<Test>::RequestNotFound
		);
		assert_noop!(Redaction::cancel(RuntimeOrigin::none(), id), BadOrigin);
	});
}

// --- enact ---

#[test]
fn enact_after_the_delay_erases_buries_and_returns_the_deposit() {
	run(|| {
		MockRecords::add(SUBJECT, anchor(1), Some(CUSTODIAN), false);
		let id = request(anchor(1));
		assert_noop!(
			Redaction::enact(RuntimeOrigin::signed(SUBJECT), id),
			Error::<Test>::NotApproved
		);
		assert_ok!(Redaction::approve(RuntimeOrigin::signed(ETHICS), id));
		System::set_block_number(DELAY);
		assert_noop!(
			Redaction::enact(RuntimeOrigin::signed(SUBJECT), id),
			Error::<Test>::EnactmentDelayNotPassed
		);
		System::set_block_number(1 + DELAY);
		assert_ok!(Redaction::enact(RuntimeOrigin::signed(SUBJECT), id));
		assert!(!MockRecords::contains_record(&anchor(1)));
		assert_eq!(
			Pallet::<Test>::tombstone(&anchor(1)),
			Some(Tombstone {
				kind: RecordKind::Anchor,
				erased_at: 1 + DELAY,
				case: 0,
				request: Some(id)
			})
		);
		assert_eq!(held(REQUESTER), 0);
		assert_eq!(Balances::total_balance(&REQUESTER), INITIAL_BALANCE);
		assert!(!Requests::<Test>::contains_key(id));
		let case = Pallet::<Test>::erasure_case(0).expect("open");
		assert_eq!((case.request, case.pending), (Some(id), vec![CUSTODIAN]));
		assert_eq!(events().last(), Some(&Event::RedactionEnacted { request: id, case: 0 }));
		assert_noop!(
			Redaction::enact(RuntimeOrigin::signed(SUBJECT), id),
			Error::<Test>::RequestNotFound
		);
	});
}

#[test]
fn enact_of_a_record_gone_meanwhile_still_buries_it() {
	run(|| {
		MockRecords::add(SUBJECT, anchor(1), None, false);
		let id = approved(anchor(1));
		// The subject erased it first: the first tombstone stays.
		assert_ok!(Redaction::erase_me(RuntimeOrigin::signed(SUBJECT)));
		System::set_block_number(1 + DELAY);
		assert_ok!(Redaction::enact(RuntimeOrigin::signed(REQUESTER), id));
		assert_eq!(Pallet::<Test>::tombstone(&anchor(1)).map(|t| t.request), Some(None));
		assert_eq!(held(REQUESTER), 0);

		// A record that ended the ordinary way is buried by the enactment.
		MockRecords::add(SUBJECT, anchor(2), None, false);
		let id = approved(anchor(2));
		assert_ok!(Redaction::erase_me(RuntimeOrigin::signed(SUBJECT)));
		Tombstones::<Test>::remove(Pallet::<Test>::tombstone_key(&anchor(2)));
		System::set_block_number(2 + 2 * DELAY);
		assert_ok!(Redaction::enact(RuntimeOrigin::signed(REQUESTER), id));
		assert_eq!(Pallet::<Test>::tombstone(&anchor(2)).map(|t| t.request), Some(Some(id)));
	});
}

#[test]
fn enact_that_cannot_erase_yet_changes_nothing_and_can_be_retried() {
	run(|| {
		let study = RecordRef::Study(1);
		MockRecords::add(REQUESTER, study.clone(), None, true);
		let id = approved(study.clone());
		System::set_block_number(1 + DELAY);
		let before = state_root();
		assert_noop!(
			Redaction::enact(RuntimeOrigin::signed(SUBJECT), id),
			DispatchError::Other("owes deliveries")
		);
		assert_eq!(state_root(), before);
		MockRecords::settle(&study);
		assert_ok!(Redaction::enact(RuntimeOrigin::signed(SUBJECT), id));
		assert_eq!(Pallet::<Test>::tombstone(&study).map(|t| t.kind), Some(RecordKind::Study));
	});
}

// --- queries and configuration ---

#[test]
fn a_lookup_tells_redacted_from_not_found() {
	run(|| {
		MockRecords::add(SUBJECT, anchor(1), None, false);
		assert_eq!(Pallet::<Test>::lookup(&anchor(1), Some(7)), Lookup::Found(7));
		assert_ok!(Redaction::erase_me(RuntimeOrigin::signed(SUBJECT)));
		let tombstone = Pallet::<Test>::tombstone(&anchor(1)).expect("buried");
		assert_eq!(Pallet::<Test>::lookup::<u8>(&anchor(1), None), Lookup::Redacted(tombstone));
		assert_eq!(Pallet::<Test>::lookup::<u8>(&anchor(2), None), Lookup::NotFound);
		// An enrolment's tombstone key does not contain the contributor's account.
		let enrolment = RecordRef::Enrolment { study: 1, contributor: 0x0102_0304_0506_0708 };
		let key = Pallet::<Test>::tombstone_key(&enrolment);
		assert!(!key.as_bytes().windows(8).any(|w| w == 0x0102_0304_0506_0708u64.to_le_bytes()));
	});
}

#[test]
fn the_configuration_is_consistent() {
	run(|| {
		<Redaction as Hooks<u64>>::integrity_test();
	});
}

/// The abuse: a record's owner files a redaction request first, waits for the approval, cancels it
/// in the delay with the deposit back and files again, so the redaction never comes. Approved, a
/// request is the committee's; others' requests wait beside it; the record is redacted.
#[test]
fn filing_first_and_cancelling_after_approval_cannot_hold_a_redaction_off() {
	run(|| {
		MockRecords::add(SUBJECT, anchor(1), Some(CUSTODIAN), false);
		let ask = |who: u64| {
			let id = crate::NextRequestId::<Test>::get();
			assert_ok!(Redaction::request_redaction(RuntimeOrigin::signed(who), anchor(1), REASON));
			id
		};
		let owners = ask(SUBJECT);
		// Filing first does not keep the requester out.
		let others = ask(REQUESTER);
		assert_ok!(Redaction::approve(RuntimeOrigin::signed(ETHICS), owners));
		System::set_block_number(DELAY);
		assert_noop!(
			Redaction::cancel(RuntimeOrigin::signed(SUBJECT), owners),
			Error::<Test>::ApprovedByTheCommittee
		);
		System::set_block_number(1 + DELAY);
		assert_ok!(Redaction::enact(RuntimeOrigin::signed(REQUESTER), owners));
		assert!(!MockRecords::contains_record(&anchor(1)));
		assert_eq!(
			Pallet::<Test>::tombstone(&anchor(1)).map(|tomb| tomb.request),
			Some(Some(owners))
		);

		// The other request, approved too, is enacted as done: its deposit back, the first
		// redaction's tombstone and case untouched.
		assert_ok!(Redaction::approve(RuntimeOrigin::signed(ETHICS), others));
		System::set_block_number(1 + 2 * DELAY);
		assert_ok!(Redaction::enact(RuntimeOrigin::signed(REQUESTER), others));
		assert_eq!(
			events().last(),
			Some(&Event::RedactionAlreadyEnacted { request: others, case: 0 })
		);
		assert_eq!(
			Pallet::<Test>::tombstone(&anchor(1)).map(|tomb| tomb.request),
			Some(Some(owners))
		);
		assert_eq!((held(REQUESTER), held(SUBJECT)), (0, 0));
		assert!(Pallet::<Test>::erasure_case(1).is_none());
	});
}
