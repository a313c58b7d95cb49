//! The harness's own invariants catch what they are for: a deposit held for a record that is gone
//! (or a record whose deposit was released), and a record still in state after its erasure.

use genochain_fuzz::{check_block, dev_genesis, run};
use genochain_runtime::{Balances, Runtime, RuntimeCall, RuntimeOrigin};
use polkadot_sdk::{
	frame_support::traits::{fungible::MutateHold, tokens::Precision},
	sp_runtime::traits::Dispatchable,
};

fn alice() -> genochain_runtime::AccountId {
	genochain_fuzz::account("//Alice")
}

/// The state after Alice's consent of the seed corpus: an anchor and a consent, with deposits.
fn with_a_consent(check: impl FnOnce()) {
	let genesis = dev_genesis();
	let seed =
		std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/runtime/consent-life.bin"))
			.expect("the seed");
	// The seed's first two calls (anchor, grant) as the harness reads them.
	assert!(run(&genesis, &seed).succeeded >= 2);
	let mut state = genesis.state();
	state.execute_with(|| {
		polkadot_sdk::frame_system::Pallet::<Runtime>::set_block_number(1);
		let mut input = &seed[..];
		for _ in 0..2 {
			input = &input[2..];
			let call: RuntimeCall = codec::Decode::decode(&mut input).expect("a call");
			call.dispatch(RuntimeOrigin::signed(alice())).expect("anchor, then grant");
		}
		check_block(1, 0);
		check();
	});
}

fn fails(check: impl FnOnce() + std::panic::UnwindSafe) -> String {
	let panic = std::panic::catch_unwind(check).expect_err("the check fails");
	panic
		.downcast_ref::<String>()
		.cloned()
		.or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
		.unwrap_or_default()
}

#[test]
fn a_deposit_released_while_its_record_stays_is_caught() {
	with_a_consent(|| {
		let reason = pallet_consent::HoldReason::ConsentDeposit.into();
		let released =
			<Balances as MutateHold<_>>::release_all(&reason, &alice(), Precision::Exact)
				.expect("the consent's deposit");
		assert!(released > 0);
		let message = fails(|| check_block(1, 0));
		assert!(message.contains("has nothing on hold as"), "{message}");
	});
}

#[test]
fn a_deposit_held_for_a_record_that_is_gone_is_caught() {
	with_a_consent(|| {
		pallet_consent::ConsentsBySubject::<Runtime>::remove(alice());
		pallet_consent::Consents::<Runtime>::remove(0);
		let message = fails(|| genochain_fuzz::invariants::check_deposits(1));
		assert!(message.contains("its records' deposits come to 0"), "{message}");
	});
}

#[test]
fn a_record_left_after_its_erasure_is_caught() {
	use genochain_primitives::redaction::{RecordKind, RecordRef, Tombstone};
	with_a_consent(|| {
		let key = pallet_redaction::Pallet::<Runtime>::tombstone_key(&RecordRef::Consent(0));
		pallet_redaction::Tombstones::<Runtime>::insert(
			key,
			Tombstone { kind: RecordKind::Consent, erased_at: 1, case: 0, request: None },
		);
		let message = fails(|| check_block(1, 0));
		assert!(message.contains("yet was erased"), "{message}");
	});
}
