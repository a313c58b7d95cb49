//! `confirm_erasure` by the custodians and the recipients of the data, and what follows when one
//! does not confirm by the deadline: `report_overdue` and the committee's `suspend_overdue`.

use super::*;
use genochain_primitives::consent::Role;

fn confirm(who: u64, case: u64) -> polkadot_sdk::sp_runtime::DispatchResult {
	Redaction::confirm_erasure(RuntimeOrigin::signed(who), case)
}

/// The subject erases two anchors, each kept by its own custodian, after RESEARCHER received
/// their data: case 0 waits for both custodians and the researcher.
fn erased_with_a_recipient() {
	MockRecords::add(SUBJECT, anchor(1), Some(CUSTODIAN), false);
	MockRecords::add(SUBJECT, anchor(2), Some(OTHER_CUSTODIAN), false);
	MockRecords::add_recipient(SUBJECT, RESEARCHER);
	assert_ok!(Redaction::erase_me(RuntimeOrigin::signed(SUBJECT)));
}

#[test]
fn custodians_and_recipients_confirm_and_the_case_completes() {
	run(|| {
		erased_with_a_recipient();
		assert_eq!(
			events()[0],
			Event::ErasureCaseOpened {
				case: 0,
				custodians: vec![CUSTODIAN, OTHER_CUSTODIAN],
				recipients: vec![RESEARCHER],
				deadline: 1 + CONFIRMATION_PERIOD,
			}
		);
		assert_noop!(confirm(CUSTODIAN, 1), Error::<Test>::CaseNotFound);
		assert_noop!(confirm(SUBJECT, 0), Error::<Test>::NotACaseParty);
		assert_ok!(confirm(CUSTODIAN, 0));
		assert_ok!(confirm(RESEARCHER, 0));
		let case = Pallet::<Test>::erasure_case(0).expect("open");
		assert_eq!((case.confirmed, case.pending), (vec![CUSTODIAN], vec![OTHER_CUSTODIAN]));
		assert_eq!(
			(case.confirmed_recipients, case.pending_recipients),
			(vec![RESEARCHER], vec![])
		);
		assert!(case.overdue.is_empty(), "the deadline has not passed");
		assert_noop!(confirm(CUSTODIAN, 0), Error::<Test>::AlreadyConfirmed);
		assert_noop!(confirm(RESEARCHER, 0), Error::<Test>::AlreadyConfirmed);
		assert_ok!(confirm(OTHER_CUSTODIAN, 0));
		assert!(!Cases::<Test>::contains_key(0));
		assert_eq!(
			events()[events().len() - 2..],
			[
				Event::ErasureConfirmed { case: 0, party: OTHER_CUSTODIAN },
				Event::ErasureCaseCompleted { case: 0 },
			]
		);
		assert_noop!(confirm(OTHER_CUSTODIAN, 0), Error::<Test>::CaseNotFound);
	});
}

#[test]
fn a_custodian_that_also_received_the_data_confirms_once_for_both() {
	run(|| {
		MockRecords::add(SUBJECT, anchor(1), Some(CUSTODIAN), false);
		MockRecords::add_recipient(SUBJECT, CUSTODIAN);
		assert_ok!(Redaction::erase_me(RuntimeOrigin::signed(SUBJECT)));
		assert_ok!(confirm(CUSTODIAN, 0));
		assert!(!Cases::<Test>::contains_key(0));
	});
}

#[test]
fn an_erasure_of_a_subject_with_only_recipients_left_still_reaches_them() {
	run(|| {
		MockRecords::add_recipient(SUBJECT, RESEARCHER);
		assert_ok!(Redaction::erase_me(RuntimeOrigin::signed(SUBJECT)));
		let case = Pallet::<Test>::erasure_case(0).expect("open");
		assert_eq!(case.pending_recipients, vec![RESEARCHER]);
		// Named once: nothing is left to erase now.
		assert_noop!(
			Redaction::erase_me(RuntimeOrigin::signed(SUBJECT)),
			Error::<Test>::NothingToErase
		);
	});
}

#[test]
fn a_case_naming_more_recipients_than_it_lists_fails_and_changes_nothing() {
	run(|| {
		MockRecords::add(SUBJECT, anchor(1), Some(CUSTODIAN), false);
		for recipient in 10..=(10 + u64::from(MAX_RECIPIENTS)) {
			MockRecords::add_recipient(SUBJECT, recipient);
		}
		assert_noop!(
			Redaction::erase_me(RuntimeOrigin::signed(SUBJECT)),
			Error::<Test>::TooManyRecipients
		);
	});
}

#[test]
fn after_the_deadline_the_parties_yet_to_confirm_are_overdue_and_reported_once() {
	run(|| {
		erased_with_a_recipient();
		assert_ok!(confirm(CUSTODIAN, 0));
		let report = || Redaction::report_overdue(RuntimeOrigin::signed(REQUESTER), 0);
		System::set_block_number(1 + CONFIRMATION_PERIOD);
		assert_noop!(report(), Error::<Test>::NotOverdue);
		assert!(Pallet::<Test>::erasure_case(0).expect("open").overdue.is_empty());

		System::set_block_number(2 + CONFIRMATION_PERIOD);
		let case = Pallet::<Test>::erasure_case(0).expect("open");
		assert_eq!(case.overdue, vec![OTHER_CUSTODIAN, RESEARCHER]);
		assert_eq!(case.deadline, 1 + CONFIRMATION_PERIOD);
		assert_ok!(report());
		assert_eq!(
			events().pop(),
			Some(Event::ErasureOverdue { case: 0, overdue: vec![OTHER_CUSTODIAN, RESEARCHER] })
		);
		assert_noop!(report(), Error::<Test>::OverdueAlreadyReported);
		assert_noop!(
			Redaction::report_overdue(RuntimeOrigin::signed(REQUESTER), 1),
			Error::<Test>::CaseNotFound
		);
		assert_noop!(Redaction::report_overdue(RuntimeOrigin::none(), 0), BadOrigin);
		// A late confirmation still counts.
		assert_ok!(confirm(RESEARCHER, 0));
		assert_eq!(Pallet::<Test>::erasure_case(0).expect("open").overdue, vec![OTHER_CUSTODIAN]);
	});
}

#[test]
fn the_committee_suspends_an_overdue_party_and_only_an_overdue_one() {
	run(|| {
		MapAccreditation::set(RESEARCHER, Role::Researcher, true);
		MapAccreditation::set(CUSTODIAN, Role::Custodian, true);
		erased_with_a_recipient();
		assert_ok!(confirm(CUSTODIAN, 0));
		let suspend =
			|origin: RuntimeOrigin, party: u64| Redaction::suspend_overdue(origin, 0, party);
		let committee = || RuntimeOrigin::signed(ETHICS);
		assert_noop!(suspend(committee(), RESEARCHER), Error::<Test>::NotOverdue);
		System::set_block_number(2 + CONFIRMATION_PERIOD);
		assert_noop!(suspend(RuntimeOrigin::signed(REQUESTER), RESEARCHER), BadOrigin);
		// It confirmed in time, or was never asked.
		assert_noop!(suspend(committee(), CUSTODIAN), Error::<Test>::NotAPendingParty);
		assert_noop!(suspend(committee(), SUBJECT), Error::<Test>::NotAPendingParty);
		assert_noop!(
			Redaction::suspend_overdue(committee(), 1, RESEARCHER),
			Error::<Test>::CaseNotFound
		);

		assert_ok!(suspend(committee(), RESEARCHER));
		assert!(!<MapAccreditation as genochain_primitives::traits::Accreditation<u64>>::has_role(
			&RESEARCHER,
			Role::Researcher
		));
		assert_eq!(
			events().pop(),
			Some(Event::OverduePartySuspended { case: 0, party: RESEARCHER })
		);
		// OTHER_CUSTODIAN is overdue but holds no accreditation here: the registry's refusal
		// is the call's.
		assert_noop!(suspend(committee(), OTHER_CUSTODIAN), DispatchError::Other("not accredited"));
	});
}
