//! The consumer's genesis and its XCM configuration: Genochain's answers, as Genochain sends them
//! (unpaid, `Transact` with the `Xcm` origin kind, a trailing topic), execute here, and nothing
//! else does.

use crate::{
	configs::{QueryFeeCollector, QUERY_DEPOSIT, QUERY_FEE_CHARGE, QUERY_TIMEOUT},
	genesis_config_presets::{self, DEV_ENDOWMENT},
	xcm_config::{GenochainLocation, XcmConfig},
	Balances, Runtime, RuntimeCall, System, VerifierClient, PARA_ID,
};
use codec::Encode;
use genochain_primitives::{
	anchor::Provenance,
	verification::{Callback, Fact, RequestKind, VerifyResponse, VersionedVerifyResponse},
};
use pallet_verifier_client::{HoldReason, Query, QueryState, RECEIVE_VERDICT_CALL_INDEX};
use polkadot_sdk::{
	frame_support::{
		traits::{
			fungible::{Inspect, MutateHold},
			PalletInfoAccess,
		},
		weights::Weight,
	},
	sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET},
	sp_io::TestExternalities,
	sp_keyring::Sr25519Keyring::{self, Alice, Bob},
	staging_xcm::latest::prelude::*,
	staging_xcm_executor::XcmExecutor,
	*,
};

/// The state a node builds from preset `id`, at block 1.
fn preset_state(id: &str) -> TestExternalities {
	let storage =
		genesis_config_presets::preset_storage(&id.into()).expect("the preset's genesis builds");
	let mut state = TestExternalities::new(storage);
	state.execute_with(|| System::set_block_number(1));
	state
}

#[test]
fn presets_register_para_2001_with_their_collators_and_endowed_accounts() {
	for (id, collators) in
		[(DEV_RUNTIME_PRESET, vec![Alice]), (LOCAL_TESTNET_RUNTIME_PRESET, vec![Alice, Bob])]
	{
		preset_state(id).execute_with(|| {
			assert_eq!(staging_parachain_info::Pallet::<Runtime>::parachain_id(), PARA_ID.into());
			let authorities: Vec<_> =
				collators.iter().map(|keyring| crate::AuraId::from(keyring.public())).collect();
			assert_eq!(pallet_aura::Authorities::<Runtime>::get().to_vec(), authorities, "{id}");
			for account in Sr25519Keyring::well_known() {
				assert_eq!(Balances::balance(&account.to_account_id()), DEV_ENDOWMENT, "{id}");
			}
		});
	}
}

/// A query of Bob's, pending as `request_verification` leaves it: deposit and fee charge held.
fn pending_query(query_id: u64) {
	let bob = Bob.to_account_id();
	for (reason, amount) in
		[(HoldReason::QueryDeposit, QUERY_DEPOSIT), (HoldReason::QueryFee, QUERY_FEE_CHARGE)]
	{
		Balances::hold(&reason.into(), &bob, amount).expect("Bob is endowed");
	}
	pallet_verifier_client::Queries::<Runtime>::insert(
		query_id,
		Query {
			requester: bob,
			verifier: GenochainLocation::get(),
			kind: RequestKind::AnchorExists,
			deposit: QUERY_DEPOSIT,
			fee: QUERY_FEE_CHARGE,
			state: QueryState::Pending { expires_at: 1 + QUERY_TIMEOUT },
		},
	);
	pallet_verifier_client::Expiries::<Runtime>::mutate(1 + QUERY_TIMEOUT, |queries| {
		queries.try_push(query_id).expect("a few queries a block")
	});
	pallet_verifier_client::NextQueryId::<Runtime>::put(query_id.saturating_add(1));
}

fn response(
	query_id: u64,
) -> VersionedVerifyResponse<genochain_primitives::AccountId, genochain_primitives::BlockNumber> {
	VersionedVerifyResponse::V3(VerifyResponse {
		query_id,
		verdict: Ok(Fact::AnchorCurrent {
			subject: Alice.to_account_id(),
			provenance: Provenance::SelfAsserted,
		}),
		at: 7,
	})
}

/// An answer as Genochain's verifier sends it, ending with the topic its router adds.
fn answer(call: Vec<u8>) -> Xcm<RuntimeCall> {
	Xcm(vec![
		UnpaidExecution { weight_limit: Unlimited, check_origin: None },
		Transact { origin_kind: OriginKind::Xcm, fallback_max_weight: None, call: call.into() },
		SetTopic([7; 32]),
	])
}

fn verdict_call(query_id: u64) -> Vec<u8> {
	let callback = Callback {
		pallet_index: VerifierClient::index() as u8,
		call_index: RECEIVE_VERDICT_CALL_INDEX,
	};
	callback.call(&response(query_id))
}

fn execute(from: Location, message: Xcm<RuntimeCall>) -> Outcome {
	let mut hash = message.using_encoded(polkadot_sdk::sp_io::hashing::blake2_256);
	XcmExecutor::<XcmConfig>::prepare_and_execute(
		from,
		message,
		&mut hash,
		Weight::from_parts(100_000_000_000, 1024 * 1024),
		Weight::zero(),
	)
}

#[test]
fn genochains_answer_executes_unpaid_and_stores_the_verdict() {
	preset_state(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		pending_query(0);
		let outcome = execute(GenochainLocation::get(), answer(verdict_call(0)));
		assert!(matches!(outcome, Outcome::Complete { .. }), "{outcome:?}");
		let query =
			pallet_verifier_client::Queries::<Runtime>::get(0).expect("kept until dismissed");
		let VersionedVerifyResponse::V3(expected) = response(0) else {
			unreachable!("answers come in V3")
		};
		assert!(
			matches!(query.state, QueryState::Answered { ref response, .. } if *response == expected),
			"{:?}",
			query.state
		);
		// Bob paid for the GENE his query spent on Genochain.
		assert_eq!(Balances::balance(&QueryFeeCollector::get()), QUERY_FEE_CHARGE);
		assert_eq!(VerifierClient::check_queries(), Ok(()));
	});
}

#[test]
fn the_same_answer_from_another_sibling_is_stopped_by_the_barrier() {
	preset_state(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		pending_query(0);
		let forger = Location::new(1, [Parachain(2002)]);
		let outcome = execute(forger, answer(verdict_call(0)));
		assert_eq!(
			outcome,
			Outcome::Incomplete {
				used: outcome.weight_used(),
				error: InstructionError { index: 0, error: XcmError::Barrier },
			}
		);
		let query = pallet_verifier_client::Queries::<Runtime>::get(0).expect("still pending");
		assert!(matches!(query.state, QueryState::Pending { .. }));
	});
}

#[test]
fn genochain_may_call_nothing_but_receive_verdict() {
	preset_state(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death {
			dest: Alice.to_account_id().into(),
			value: 1,
		});
		let outcome = execute(GenochainLocation::get(), answer(transfer.encode()));
		assert_eq!(
			outcome,
			Outcome::Incomplete {
				used: outcome.weight_used(),
				error: InstructionError { index: 1, error: XcmError::NoPermission },
			}
		);
	});
}
