//! `approve` and `reject`: a threshold of the listed approvers, the ethics committee besides when
//! IRB requires it, and refusals that end a consent once it can no longer be approved.

use super::*;

const NURSE: u64 = 7;

/// Terms asking `threshold` of GUARDIAN, OTHER and NURSE, with IRB when `irb`.
fn terms_asking(threshold: u32, irb: bool) -> ConsentTermsOf<Test> {
	let mut terms = terms();
	terms.approvers = BoundedVec::truncate_from(vec![GUARDIAN, OTHER, NURSE]);
	terms.approval_threshold = threshold;
	if irb {
		terms.purpose.modifiers = modifiers(&[DuoModifier::EthicsApprovalRequired]);
	}
	terms
}

fn approve(who: u64, id: ConsentId) -> DispatchResult {
	Consent::approve(RuntimeOrigin::signed(who), id)
}

fn reject(who: u64, id: ConsentId) -> DispatchResult {
	Consent::reject(RuntimeOrigin::signed(who), id)
}

fn view(id: ConsentId) -> genochain_primitives::consent::ConsentView<u64, u64> {
	Consent::consent(id).expect("kept")
}

#[test]
fn two_of_three_approvers_activate_a_consent_and_the_third_is_no_longer_awaited() {
	run(|| {
		let id = grant(terms_asking(2, false));
		let accounts =
			|list: &[u64]| list.iter().map(|a| Approver::Account(*a)).collect::<Vec<_>>();
		assert_eq!(view(id).pending_approvals, accounts(&[GUARDIAN, OTHER, NURSE]));

		assert_ok!(approve(GUARDIAN, id));
		assert_eq!(state(id), ConsentState::PendingApproval);
		assert_eq!(view(id).approved_by, accounts(&[GUARDIAN]));
		assert_eq!(view(id).pending_approvals, accounts(&[OTHER, NURSE]));

		assert_ok!(approve(NURSE, id));
		assert_eq!(state(id), ConsentState::Active);
		assert_eq!(view(id).approved_by, accounts(&[GUARDIAN, NURSE]));
		assert!(view(id).pending_approvals.is_empty());
		assert_eq!(
			events().last(),
			Some(&Event::ConsentActivated { consent_id: id }),
			"activated by the second approval"
		);
		assert_noop!(approve(OTHER, id), Error::<Test>::NotPendingApproval);
		assert_noop!(reject(OTHER, id), Error::<Test>::NotPendingApproval);
	});
}

#[test]
fn the_ethics_committee_counts_besides_the_threshold() {
	run(|| {
		let id = grant(terms_asking(1, true));
		assert_ok!(approve(GUARDIAN, id));
		assert_eq!(state(id), ConsentState::PendingApproval, "the committee is still awaited");
		assert_eq!(view(id).pending_approvals.last(), Some(&Approver::EthicsCommittee));
		assert_ok!(Consent::approve(RuntimeOrigin::root(), id));
		assert_eq!(state(id), ConsentState::Active);

		// The committee first does not activate it either: the threshold is still missing.
		let id = grant(terms_asking(1, true));
		assert_ok!(Consent::approve(RuntimeOrigin::root(), id));
		assert_eq!(state(id), ConsentState::PendingApproval);
		assert_ok!(approve(OTHER, id));
		assert_eq!(state(id), ConsentState::Active);
	});
}

#[test]
fn refusals_end_a_consent_once_the_threshold_is_out_of_reach() {
	run(|| {
		let consent_terms = terms_asking(2, false);
		let deposit = expected_deposit(SUBJECT, &consent_terms);
		let id = grant(consent_terms);
		assert_eq!(held(SUBJECT), deposit);

		// One refusal of three, two needed: the other two can still approve.
		assert_ok!(reject(GUARDIAN, id));
		assert_eq!(
			events().last(),
			Some(&Event::ApprovalRefused { consent_id: id, approver: Approver::Account(GUARDIAN) })
		);
		assert_eq!(view(id).rejected_by, vec![Approver::Account(GUARDIAN)]);
		assert_eq!(state(id), ConsentState::PendingApproval);
		assert_noop!(approve(GUARDIAN, id), Error::<Test>::NotAnApprover);

		// A second refusal leaves one possible approval of two needed: the consent ends.
		assert_ok!(reject(NURSE, id));
		assert_eq!(
			events()[events().len() - 2..].to_vec(),
			vec![
				Event::ApprovalRefused { consent_id: id, approver: Approver::Account(NURSE) },
				Event::ConsentRejected { consent_id: id, subject: SUBJECT },
			]
		);
		assert!(Consents::<Test>::get(id).is_none());
		assert!(Consent::consents_of(&SUBJECT).is_empty());
		assert_eq!(held(SUBJECT), 0, "the deposit is back");
		assert_noop!(reject(OTHER, id), Error::<Test>::ConsentNotFound);
	});
}

#[test]
fn the_committee_refusing_an_irb_consent_ends_it() {
	run(|| {
		let id = grant(terms_asking(1, true));
		assert_ok!(approve(GUARDIAN, id));
		assert_ok!(Consent::reject(RuntimeOrigin::root(), id));
		assert_eq!(
			events().last(),
			Some(&Event::ConsentRejected { consent_id: id, subject: SUBJECT })
		);
		assert!(Consents::<Test>::get(id).is_none());
		assert_eq!(held(SUBJECT), 0);
	});
}

#[test]
fn reject_refusals() {
	run(|| {
		let id = grant(terms_asking(2, false));
		assert_noop!(reject(SUBJECT, id), Error::<Test>::NotAnApprover);
		assert_noop!(reject(RESEARCHER, id), Error::<Test>::NotAnApprover);
		// Without IRB the committee has nothing to refuse.
		assert_noop!(Consent::reject(RuntimeOrigin::root(), id), Error::<Test>::NotAnApprover);
		assert_noop!(reject(GUARDIAN, 99), Error::<Test>::ConsentNotFound);
		assert_noop!(Consent::reject(RuntimeOrigin::none(), id), DispatchError::BadOrigin);
		assert_ok!(approve(GUARDIAN, id));
		assert_noop!(reject(GUARDIAN, id), Error::<Test>::NotAnApprover);
		// Without approvers there is nothing to refuse.
		let open = grant(terms());
		assert_noop!(reject(GUARDIAN, open), Error::<Test>::NotPendingApproval);
	});
}

/// The deposit covers what the consent takes in state at its largest: every approver answered,
/// an access recorded (the access log written, the accessor a recipient of the subject's data),
/// and its entries in both indexes. Measured from storage, not from the formula.
#[test]
fn the_deposit_covers_the_whole_footprint_measured_in_state() {
	run(|| {
		let id = grant(terms_asking(3, true));
		let deposit = held(SUBJECT);
		assert_eq!(deposit, expected_deposit(SUBJECT, &terms_asking(3, true)));
		for approver in [GUARDIAN, OTHER, NURSE] {
			assert_ok!(approve(approver, id));
		}
		assert_ok!(Consent::approve(RuntimeOrigin::root(), id));
		assert_eq!(state(id), ConsentState::Active);
		let mut irb_use = hmb_use();
		irb_use.ethics_approval = true;
		assert_ok!(access(id, irb_use));
		let record = Consents::<Test>::get(id).expect("kept").encoded_size();
		// The grantee's index entry is all key: the map's prefix (32 bytes) aside.
		let grantee_entry = ConsentsByGrantee::<Test>::hashed_key_for(RESEARCHER, id).len() - 32;
		let subject_entry = ConsentId::default().encoded_size();
		let recipient = Recipients::<Test>::get(SUBJECT).encoded_size() - 1;
		let measured = record + grantee_entry + subject_entry + recipient;
		assert!(
			deposit >= DepositPrice::convert(Footprint::from_parts(2, measured)),
			"{deposit} does not pay for {measured} bytes in 2 items"
		);
	});
}
