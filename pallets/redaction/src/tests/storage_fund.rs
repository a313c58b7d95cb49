//! The storage fund: a record pays, when created, for the tombstone and the case its erasure may
//! leave; the fund holds a deposit for each tombstone for good and for each case until it
//! completes; an erasure never waits on the fund.

use super::*;
use genochain_primitives::traits::TombstoneFund;
use polkadot_sdk::frame_support::traits::fungible::Mutate;

fn fund_held() -> u64 {
	Balances::balance_on_hold(&HoldReason::ErasureStorage.into(), &TREASURY)
}

fn pay_for(payer: u64, records: u32) -> polkadot_sdk::sp_runtime::DispatchResult {
	<Pallet<Test> as TombstoneFund<u64>>::pay_for(&payer, records)
}

#[test]
fn a_record_pays_for_its_tombstone_into_the_fund_when_created() {
	run(|| {
		let fee = Pallet::<Test>::fee_per_record();
		// Two items (a tombstone, a case) and their bytes.
		assert!(fee > 20);
		assert_ok!(pay_for(SUBJECT, 3));
		assert_eq!(Balances::balance(&SUBJECT), INITIAL_BALANCE - 3 * fee);
		assert_eq!(Balances::balance(&TREASURY), FUND + 3 * fee);
		// A creator who cannot pay creates nothing: the calling pallet fails the call.
		let poor = Balances::balance(&POOR);
		assert!(pay_for(POOR, poor.div_ceil(fee) as u32).is_err());
		assert_eq!(Balances::balance(&POOR), poor);
	});
}

#[test]
fn the_fund_holds_for_each_tombstone_for_good_and_for_a_case_until_it_completes() {
	run(|| {
		MockRecords::add(SUBJECT, anchor(1), Some(CUSTODIAN), false);
		MockRecords::add(SUBJECT, anchor(2), Some(CUSTODIAN), false);
		assert_ok!(Redaction::erase_me(RuntimeOrigin::signed(SUBJECT)));
		let case = Cases::<Test>::get(0).expect("open");
		assert!(case.deposit > 0);
		assert_eq!(fund_held(), Pallet::<Test>::tombstone_price(2) + case.deposit);
		// What the two records paid when created covers all of it.
		assert!(2 * Pallet::<Test>::fee_per_record() >= fund_held());
		assert!(!events()
			.iter()
			.any(|event| matches!(event, Event::ErasureStorageUnfunded { .. })));

		assert_ok!(Redaction::confirm_erasure(RuntimeOrigin::signed(CUSTODIAN), 0));
		assert!(!Cases::<Test>::contains_key(0));
		assert_eq!(fund_held(), Pallet::<Test>::tombstone_price(2));
	});
}

#[test]
fn an_erasure_goes_ahead_when_the_fund_is_short() {
	run(|| {
		Balances::set_balance(&TREASURY, EXISTENTIAL_DEPOSIT);
		MockRecords::add(SUBJECT, anchor(1), Some(CUSTODIAN), false);
		assert_ok!(Redaction::erase_me(RuntimeOrigin::signed(SUBJECT)));
		assert!(!MockRecords::contains_record(&anchor(1)));
		assert!(Tombstones::<Test>::contains_key(Pallet::<Test>::tombstone_key(&anchor(1))));
		let case = Cases::<Test>::get(0).expect("open");
		assert_eq!(case.deposit, 0);
		let unfunded = Pallet::<Test>::tombstone_price(1) + Pallet::<Test>::case_price(&case);
		assert!(events().contains(&Event::ErasureStorageUnfunded { case: 0, unfunded }));
		assert_eq!(fund_held(), 0);
		// The case completes as any other; nothing was held, nothing is released.
		assert_ok!(Redaction::confirm_erasure(RuntimeOrigin::signed(CUSTODIAN), 0));
		assert_eq!(fund_held(), 0);
	});
}
