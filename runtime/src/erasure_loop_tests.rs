//! The state erasure leaves, and who pays for it: a subject looping anchor → grant → `erase_me`
//! leaves tombstones and erasure cases every round, each paid for by the storage fund out of
//! what the records paid when created; the subject gets every deposit back and pays the fees.

#![allow(clippy::arithmetic_side_effects)]

use crate::{
	configs::TreasuryAccount,
	consent_tests::irb_terms_over,
	dev_chain::{anchored, dev_chain, dev_custodian as custodian, signed},
	Balances, Consent, Redaction, Runtime, RuntimeEvent, System,
};
use codec::Encode;
use genochain_primitives::{
	currency::{deposit, GENE},
	redaction::CaseId,
};
use pallet_redaction::{Cases, Event as RedactionEvent, HoldReason, Tombstones};
use polkadot_sdk::{
	frame_support::{
		assert_ok,
		traits::fungible::{Inspect, InspectHold},
	},
	sp_keyring::Sr25519Keyring::Alice,
};

/// What the storage fund holds for tombstones and open cases.
fn fund_held() -> u128 {
	Balances::balance_on_hold(&HoldReason::ErasureStorage.into(), &TreasuryAccount::get())
}

/// The price, at the chain's deposit rates, of the tombstones and cases in state: one item each
/// and its bytes, key and value (a tombstone's key is the 32-byte hash of the record; a case's
/// key the 8-byte hash and 8-byte id).
fn price_of_what_erasures_left() -> u128 {
	let tombstones: u128 = Tombstones::<Runtime>::iter_values()
		.map(|tombstone| deposit(1, 32 + tombstone.encoded_size() as u32))
		.sum();
	let cases: u128 = Cases::<Runtime>::iter_values()
		.map(|case| deposit(1, 16 + case.encoded_size() as u32))
		.sum();
	tombstones + cases
}

#[test]
fn a_grant_and_erase_loop_pays_every_round_for_the_state_it_leaves() {
	dev_chain().execute_with(|| {
		let bob = Alice.to_account_id();
		let fee = Redaction::fee_per_record();
		// A fifth of a GENE a record: two items of storage and their bytes.
		assert!(fee > 2 * deposit(1, 0) && fee < GENE / 2, "{fee}");
		for round in 0..10u8 {
			let before = Balances::total_balance(&bob);
			let (held_before, priced_before) = (fund_held(), price_of_what_erasures_left());

			let genome = anchored(&bob, 0x40 + round);
			assert_ok!(Consent::grant(signed(&bob), irb_terms_over(genome)));
			assert_ok!(Redaction::erase_me(signed(&bob)));

			// Every deposit came back: the round cost the subject the two records' fees.
			assert_eq!(Balances::total_balance(&bob), before - 2 * fee, "round {round}");
			// It left two tombstones (the anchor's, the consent's) and a case for the
			// custodian; the fund holds at least their price (a tombstone at its largest), out
			// of what the two records paid.
			let grown = price_of_what_erasures_left() - priced_before;
			let held = fund_held() - held_before;
			assert!(grown > 2 * deposit(1, 0), "round {round} left {grown}");
			assert!(held >= grown, "round {round}: {held} held for {grown}");
			assert!(2 * fee >= held, "round {round}: {} paid for {held}", 2 * fee);
		}
		assert_eq!(Tombstones::<Runtime>::iter().count(), 20);
		assert_eq!(Cases::<Runtime>::iter().count(), 10);
		assert!(!System::events().iter().any(|record| matches!(
			record.event,
			RuntimeEvent::Redaction(RedactionEvent::ErasureStorageUnfunded { .. })
		)));

		// As the custodian confirms, each case goes and its deposit goes back to the fund; the
		// tombstones stay, paid for.
		for case in 0..10 as CaseId {
			assert_ok!(Redaction::confirm_erasure(signed(&custodian()), case));
		}
		assert_eq!(Cases::<Runtime>::iter().count(), 0);
		assert!(fund_held() >= price_of_what_erasures_left());
		assert_eq!(fund_held(), Redaction::tombstone_price(20));
	});
}
