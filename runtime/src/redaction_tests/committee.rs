//! The committee path: a redaction by two-thirds of the Ethics Committee after the delay,
//! cancelled within it, and a request its owner cannot hold off by filing first.

use super::*;

#[test]
fn the_committee_redacts_by_two_thirds_after_the_delay_and_can_cancel_within_it() {
	dev_chain().execute_with(|| {
		let (charlie, bob) = (keyring(Charlie), keyring(Bob));
		let held = || Balances::balance_on_hold(&HoldReason::RequestDeposit.into(), &bob);
		let deposit = crate::configs::redaction::RequestDeposit::get();
		let delay = crate::configs::redaction::EnactmentDelay::get();
		let reason = H256::repeat_byte(0x77);

		// Bob asks for a wrongly attested anchor of Charlie's to be redacted.
		let wrong = anchored(&charlie, 0xe1);
		assert_ok!(Redaction::request_redaction(signed(&bob), RecordRef::Anchor(wrong), reason));
		assert_eq!(held(), deposit);
		let approve = |request| RuntimeCall::Redaction(pallet_redaction::Call::approve { request });
		// One member of three is not two thirds.
		assert_eq!(
			pass_motion!(EthicsCommittee, EthicsCommitteeInstance, Dave, &[Dave], approve(0)),
			Err(DispatchError::BadOrigin)
		);
		assert_noop!(Redaction::approve(signed(&bob), 0), DispatchError::BadOrigin);
		assert_eq!(
			pass_motion!(EthicsCommittee, EthicsCommitteeInstance, Dave, &[Dave, Eve], approve(0)),
			Ok(())
		);
		let enact_at = System::block_number() + delay;
		System::set_block_number(enact_at - 1);
		assert_noop!(
			Redaction::enact(signed(&keyring(Ferdie)), 0),
			pallet_redaction::Error::<Runtime>::EnactmentDelayNotPassed
		);
		System::set_block_number(enact_at);
		assert_ok!(Redaction::enact(signed(&keyring(Ferdie)), 0));
		assert_eq!(held(), 0);
		let tombstone = Redaction::tombstone(&RecordRef::Anchor(wrong)).expect("buried");
		assert_eq!((tombstone.kind, tombstone.request), (RecordKind::Anchor, Some(0)));
		assert!(GenomeAnchor::anchors_of(&charlie).is_empty());
		let case = tombstone.case;
		assert_eq!(Redaction::erasure_case(case).map(|case| case.pending), Some(vec![custodian()]));
		assert_ok!(Redaction::confirm_erasure(signed(&custodian()), case));

		// A second request is approved, and the committee cancels it within the delay.
		let kept = anchored(&charlie, 0xe2);
		assert_ok!(Redaction::request_redaction(signed(&bob), RecordRef::Anchor(kept), reason));
		assert_eq!(
			pass_motion!(EthicsCommittee, EthicsCommitteeInstance, Dave, &[Dave, Eve], approve(1)),
			Ok(())
		);
		let cancel = RuntimeCall::Redaction(pallet_redaction::Call::cancel { request: 1 });
		assert_eq!(
			pass_motion!(EthicsCommittee, EthicsCommitteeInstance, Eve, &[Eve, Ferdie], cancel),
			Ok(())
		);
		assert_eq!(held(), 0);
		System::set_block_number(System::block_number() + delay);
		assert_noop!(
			Redaction::enact(signed(&bob), 1),
			pallet_redaction::Error::<Runtime>::RequestNotFound
		);
		assert_eq!(GenomeAnchor::anchors_of(&charlie).len(), 1);

		// A third is rejected: the deposit goes to the treasury.
		assert_ok!(Redaction::request_redaction(signed(&bob), RecordRef::Anchor(kept), reason));
		let treasury = Balances::free_balance(TreasuryAccount::get());
		let reject = RuntimeCall::Redaction(pallet_redaction::Call::reject { request: 2 });
		assert_eq!(
			pass_motion!(EthicsCommittee, EthicsCommitteeInstance, Dave, &[Dave, Ferdie], reject),
			Ok(())
		);
		assert_eq!(Balances::free_balance(TreasuryAccount::get()), treasury + deposit);
		assert_eq!(held(), 0);
		assert_eq!(GenomeAnchor::anchors_of(&charlie).len(), 1);
	});
}

/// The abuse: Charlie, whose anchor Bob wants redacted, files the request first, waits for the
/// committee's approval, cancels in the delay with the deposit back, and files again, for ever.
/// Approved, the request is the committee's; Bob's waits beside it; the anchor is redacted.
#[test]
fn the_owner_cannot_hold_off_a_redaction_by_filing_first_and_cancelling() {
	dev_chain().execute_with(|| {
		let (charlie, bob) = (keyring(Charlie), keyring(Bob));
		let delay = crate::configs::redaction::EnactmentDelay::get();
		let reason = H256::repeat_byte(0x78);
		let wrong = RecordRef::Anchor(anchored(&charlie, 0xe3));
		assert_ok!(Redaction::request_redaction(signed(&charlie), wrong.clone(), reason));
		assert_ok!(Redaction::request_redaction(signed(&bob), wrong.clone(), reason));
		let approve = |request| RuntimeCall::Redaction(pallet_redaction::Call::approve { request });
		assert_eq!(
			pass_motion!(EthicsCommittee, EthicsCommitteeInstance, Dave, &[Dave, Eve], approve(0)),
			Ok(())
		);
		assert_noop!(
			Redaction::cancel(signed(&charlie), 0),
			pallet_redaction::Error::<Runtime>::ApprovedByTheCommittee
		);
		System::set_block_number(System::block_number() + delay);
		assert_ok!(Redaction::enact(signed(&bob), 0));
		assert!(GenomeAnchor::anchors_of(&charlie).is_empty());
		assert_eq!(Redaction::tombstone(&wrong).map(|tombstone| tombstone.request), Some(Some(0)));
		// Bob's own request has nothing left to do: he takes his deposit back.
		assert_ok!(Redaction::cancel(signed(&bob), 1));
		for who in [&charlie, &bob] {
			assert_eq!(Balances::balance_on_hold(&HoldReason::RequestDeposit.into(), who), 0);
		}
	});
}
