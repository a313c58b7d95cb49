#![allow(clippy::arithmetic_side_effects)]

use crate::{
	mock::*, Error, Event, Expiries, HoldReason, Queries, QueryState, RECEIVE_VERDICT_CALL_INDEX,
};
use codec::Encode;
use genochain_primitives::{
	anchor::{AnchorId, AnchorProofRefusal, Provenance},
	consent::Standing,
	verification::{
		v1, verify_call, Callback, Fact, ProvenanceRequirement, QueryId, Refusal, RequestKind,
		VerifyRequest, VerifyResponse, VersionedVerifyRequest, VersionedVerifyResponse,
	},
	AccountId as GenochainAccount,
};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		traits::{
			fungible::{Inspect, InspectHold},
			Hooks,
		},
	},
	sp_runtime::DispatchError,
	staging_xcm::{latest::prelude::*, VersionedLocation},
};

const ANCHOR: AnchorId = AnchorId::repeat_byte(1);

fn request_requiring(require: ProvenanceRequirement) -> VerifyRequest<GenochainAccount> {
	VerifyRequest::AnchorExists { anchor: ANCHOR, require }
}

fn request() -> VerifyRequest<GenochainAccount> {
	request_requiring(ProvenanceRequirement::Any)
}

fn ask_in(
	requester: u64,
	verifier: Location,
	request: VersionedVerifyRequest<GenochainAccount>,
) -> Result<(), DispatchError> {
	VerifierClient::request_verification(
		RuntimeOrigin::signed(requester),
		Box::new(VersionedLocation::from(verifier)),
		Box::new(request),
	)
}

fn ask_from(requester: u64, verifier: Location) -> Result<(), DispatchError> {
	ask_in(requester, verifier, VersionedVerifyRequest::V3(request()))
}

fn ask(requester: u64) -> Result<(), DispatchError> {
	ask_from(requester, GenochainLocation::get())
}

type Verdict = Result<Fact<GenochainAccount, u32>, Refusal<GenochainAccount, u32>>;

fn answer(from: u32, query_id: QueryId, verdict: Verdict) -> Result<(), DispatchError> {
	VerifierClient::receive_verdict(
		RuntimeOrigin::signed(from.into()),
		VersionedVerifyResponse::V3(VerifyResponse { query_id, verdict, at: 40 }),
	)
}

/// The anchor's subject, as Genochain names it.
fn subject() -> GenochainAccount {
	GenochainAccount::from([5; 32])
}

/// "The anchor is current", self-asserted by its subject.
fn current() -> Verdict {
	Ok(Fact::AnchorCurrent { subject: subject(), provenance: Provenance::SelfAsserted })
}

/// The request in the call of the query sent `index`th.
fn sent_request(index: usize) -> VersionedVerifyRequest<GenochainAccount> {
	use codec::Decode;
	let (_, message) = &MockRouter::sent()[index];
	let Some(Transact { call, .. }) = message.0.get(2) else {
		panic!("the query's third instruction is its Transact: {message:?}")
	};
	let call = call.encoded().to_vec();
	let (_, _, request): (QueryId, Callback, VersionedVerifyRequest<GenochainAccount>) =
		Decode::decode(&mut &call[2..]).expect("a verify call");
	request
}

fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::QueryDeposit.into(), &who)
}

fn fee_held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::QueryFee.into(), &who)
}

/// What the fee collector received.
fn collected() -> u64 {
	Balances::free_balance(COLLECTOR)
}

fn fee_paid(query_id: QueryId, requester: u64) -> RuntimeEvent {
	Event::QueryFeePaid { query_id, requester, fee: FEE_CHARGE }.into()
}

#[test]
fn a_request_sends_one_paid_query_to_genochain_and_holds_the_deposit() {
	new_test_ext().execute_with(|| {
		assert_ok!(ask(REQUESTER));

		let sent = MockRouter::sent();
		assert_eq!(sent.len(), 1);
		let (destination, message) = &sent[0];
		assert_eq!(destination, &GenochainLocation::get());
		let fees: Asset = (Here, FEE).into();
		let callback = Callback { pallet_index: 7, call_index: RECEIVE_VERDICT_CALL_INDEX };
		let call = verify_call(0, callback, &VersionedVerifyRequest::V3(request()));
		assert_eq!(
			message,
			&Xcm(vec![
				WithdrawAsset(fees.clone().into()),
				BuyExecution { fees, weight_limit: Unlimited },
				Transact {
					origin_kind: OriginKind::Xcm,
					fallback_max_weight: None,
					call: call.into()
				},
				RefundSurplus,
				DepositAsset {
					assets: Wild(AllCounted(1)),
					beneficiary: Location::new(1, [Parachain(THIS_CHAIN)]),
				},
			])
		);

		assert_eq!(held(REQUESTER), DEPOSIT);
		assert_eq!(fee_held(REQUESTER), FEE_CHARGE);
		assert_eq!(collected(), 0, "paid on the verdict or at the timeout");
		let query = Queries::<Test>::get(0).expect("kept");
		assert_eq!(query.fee, FEE_CHARGE);
		assert_eq!(query.state, QueryState::Pending { expires_at: 1 + TIMEOUT });
		assert_eq!(query.kind, RequestKind::AnchorExists);
		assert_eq!(Expiries::<Test>::get(1 + TIMEOUT).into_inner(), vec![0]);
		let message_id = polkadot_sdk::sp_io::hashing::blake2_256(&message.encode());
		System::assert_last_event(
			Event::VerificationRequested {
				query_id: 0,
				requester: REQUESTER,
				verifier: GenochainLocation::get(),
				kind: RequestKind::AnchorExists,
				message_id,
			}
			.into(),
		);

		assert_ok!(ask(OTHER_REQUESTER));
		assert!(Queries::<Test>::contains_key(1), "each query has its own id");
		assert_eq!(VerifierClient::check_queries(), Ok(()));
	});
}

#[test]
fn a_request_that_cannot_go_out_changes_nothing() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ask_from(REQUESTER, Location::new(1, [Parachain(OTHER_CHAIN)])),
			Error::<Test>::UnknownVerifier
		);
		assert_noop!(ask(POOR), Error::<Test>::CannotHoldDeposit);
		assert_noop!(ask(SHORT_OF_FEE), Error::<Test>::CannotHoldFee);
		MockRouter::set(Route::Unroutable);
		assert_noop!(ask(REQUESTER), Error::<Test>::RequestUnroutable);
		MockRouter::set(Route::Undeliverable);
		assert_noop!(ask(REQUESTER), Error::<Test>::RequestNotDelivered);
		MockRouter::set(Route::DeliverAtPrice);
		MockExecutor::set_broke(true);
		assert_noop!(ask(REQUESTER), Error::<Test>::DeliveryFeesNotPaid);
		assert!(MockRouter::sent().is_empty());
		assert_eq!(held(REQUESTER), 0);
		assert_eq!(fee_held(REQUESTER), 0);
	});
}

#[test]
fn the_requester_pays_the_delivery_of_its_query() {
	new_test_ext().execute_with(|| {
		MockRouter::set(Route::DeliverAtPrice);
		assert_ok!(ask(REQUESTER));
		assert_eq!(
			MockExecutor::charged(),
			vec![(
				Location::new(0, [AccountIndex64 { network: None, index: REQUESTER }]),
				(Here, DELIVERY_PRICE).into()
			)]
		);
	});
}

#[test]
fn queries_per_block_are_capped() {
	new_test_ext().execute_with(|| {
		for _ in 0..MAX_QUERIES {
			assert_ok!(ask(REQUESTER));
		}
		assert_noop!(ask(REQUESTER), Error::<Test>::TooManyQueries);
		System::set_block_number(2);
		assert_ok!(ask(REQUESTER));
	});
}

#[test]
fn the_verdict_is_stored_and_emitted_from_the_asked_genochain_only() {
	new_test_ext().execute_with(|| {
		assert_ok!(ask(REQUESTER));
		let refused = Err(Refusal::Anchor(AnchorProofRefusal::Superseded));
		assert_noop!(
			VerifierClient::receive_verdict(
				RuntimeOrigin::signed(REQUESTER),
				VersionedVerifyResponse::V3(VerifyResponse {
					query_id: 0,
					verdict: refused.clone(),
					at: 1
				})
			),
			DispatchError::BadOrigin
		);
		assert_noop!(answer(OTHER_CHAIN, 0, refused.clone()), Error::<Test>::WrongVerifier);
		assert_noop!(answer(GENOCHAIN, 9, refused.clone()), Error::<Test>::UnknownQuery);
		assert_eq!(VerifierClient::verdict(0), None);

		assert_eq!(fee_held(REQUESTER), FEE_CHARGE, "a refused answer settles nothing");

		System::set_block_number(3);
		assert_ok!(answer(GENOCHAIN, 0, refused.clone()));
		System::assert_has_event(
			Event::VerdictReceived { query_id: 0, requester: REQUESTER, held: false, at: 40 }
				.into(),
		);
		// The verdict settles the fee charge: paid to the collector, the deposit still held.
		System::assert_last_event(fee_paid(0, REQUESTER));
		assert_eq!(fee_held(REQUESTER), 0);
		assert_eq!(collected(), FEE_CHARGE);
		assert_eq!(Balances::total_balance(&REQUESTER), 1_000 - FEE_CHARGE);
		assert_eq!(held(REQUESTER), DEPOSIT);
		let response = VerifyResponse { query_id: 0, verdict: refused.clone(), at: 40 };
		assert_eq!(VerifierClient::verdict(0), Some(response.clone()));
		assert_eq!(
			Queries::<Test>::get(0).expect("kept").state,
			QueryState::Answered { response, received_at: 3 }
		);
		assert_noop!(answer(GENOCHAIN, 0, current()), Error::<Test>::AlreadyAnswered);
		assert_eq!(VerifierClient::check_queries(), Ok(()));
	});
}

#[test]
fn unanswered_queries_time_out_and_return_their_deposits() {
	new_test_ext().execute_with(|| {
		assert_ok!(ask(REQUESTER));
		assert_ok!(ask(OTHER_REQUESTER));
		assert_ok!(answer(GENOCHAIN, 1, current()));

		let expiry = 1 + TIMEOUT;
		VerifierClient::on_initialize(expiry - 1);
		assert!(Queries::<Test>::contains_key(0), "not yet");
		System::set_block_number(expiry);
		VerifierClient::on_initialize(expiry);
		assert!(!Queries::<Test>::contains_key(0));
		assert_eq!(held(REQUESTER), 0);
		System::assert_has_event(Event::QueryTimedOut { query_id: 0, requester: REQUESTER }.into());
		// The query took its GENE on Genochain, answered or not: the charge is paid.
		System::assert_last_event(fee_paid(0, REQUESTER));
		assert_eq!(fee_held(REQUESTER), 0);
		assert_eq!(Balances::free_balance(REQUESTER), 1_000 - FEE_CHARGE);
		assert_eq!(collected(), 2 * FEE_CHARGE);
		assert!(!Expiries::<Test>::contains_key(expiry));
		// The answered query stays for its requester to read.
		assert!(VerifierClient::verdict(1).is_some());
		assert_eq!(held(OTHER_REQUESTER), DEPOSIT);
		// An answer after the timeout finds no query.
		assert_noop!(answer(GENOCHAIN, 0, current()), Error::<Test>::UnknownQuery);
		assert_eq!(VerifierClient::check_queries(), Ok(()));
	});
}

#[test]
fn queries_bound_to_go_unanswered_cost_their_requester_not_the_sovereign_account() {
	new_test_ext().execute_with(|| {
		// A requester fires queries Genochain will not answer (its cap on answers reached, say),
		// each taking up to `QueryFee` GENE from the chain's sovereign account there.
		let rounds = 5;
		for round in 0..rounds {
			let now = 1 + round * (TIMEOUT + 1);
			System::set_block_number(now);
			for _ in 0..MAX_QUERIES {
				assert_ok!(ask(REQUESTER));
			}
			System::set_block_number(now + TIMEOUT);
			VerifierClient::on_initialize(now + TIMEOUT);
			assert_eq!(VerifierClient::check_queries(), Ok(()));
		}
		// Every one was paid for: the collector holds the charges to refill the sovereign account.
		let queries = rounds * u64::from(MAX_QUERIES);
		assert_eq!(collected(), queries * FEE_CHARGE);
		assert_eq!(Balances::total_balance(&REQUESTER), 1_000 - queries * FEE_CHARGE);
		assert_eq!(held(REQUESTER) + fee_held(REQUESTER), 0);
	});
}

#[test]
fn the_requester_dismisses_an_answered_query() {
	new_test_ext().execute_with(|| {
		assert_ok!(ask(REQUESTER));
		let dismiss = |who: u64| VerifierClient::dismiss(RuntimeOrigin::signed(who), 0);
		assert_noop!(dismiss(REQUESTER), Error::<Test>::NotAnswered);
		assert_ok!(answer(GENOCHAIN, 0, current()));
		assert_noop!(dismiss(OTHER_REQUESTER), Error::<Test>::NotTheRequester);
		assert_ok!(dismiss(REQUESTER));
		System::assert_last_event(Event::QueryDismissed { query_id: 0 }.into());
		assert_eq!(held(REQUESTER), 0);
		assert_eq!(Balances::free_balance(REQUESTER), 1_000 - FEE_CHARGE, "the fee stays paid");
		assert_noop!(dismiss(REQUESTER), Error::<Test>::UnknownQuery);
		// Its expiry finds nothing to do.
		VerifierClient::on_initialize(1 + TIMEOUT);
		assert_eq!(
			System::events()
				.iter()
				.filter(|r| matches!(
					r.event,
					RuntimeEvent::VerifierClient(Event::QueryTimedOut { .. })
				))
				.count(),
			0
		);
	});
}

#[test]
fn genochain_calls_receive_verdict_through_the_callback() {
	let response = VersionedVerifyResponse::V3(VerifyResponse {
		query_id: 4,
		verdict: Ok(Fact::NotRedacted),
		at: 12,
	});
	let callback = Callback { pallet_index: 7, call_index: RECEIVE_VERDICT_CALL_INDEX };
	assert_eq!(
		callback.call(&response),
		RuntimeCall::VerifierClient(crate::Call::receive_verdict { response: response.clone() })
			.encode()
	);
}

#[test]
fn only_verdicts_admits_receive_verdict_and_nothing_else() {
	use crate::OnlyVerdicts;
	use polkadot_sdk::frame_support::traits::Contains;
	let verdict = RuntimeCall::VerifierClient(crate::Call::receive_verdict {
		response: VersionedVerifyResponse::V3(VerifyResponse {
			query_id: 0,
			verdict: Ok(Fact::NotRedacted),
			at: 1,
		}),
	});
	assert!(OnlyVerdicts::<Test>::contains(&verdict));
	let dismiss = RuntimeCall::VerifierClient(crate::Call::dismiss { query_id: 0 });
	assert!(!OnlyVerdicts::<Test>::contains(&dismiss));
	let remark = RuntimeCall::System(polkadot_sdk::frame_system::Call::remark { remark: vec![] });
	assert!(!OnlyVerdicts::<Test>::contains(&remark));
}

#[test]
fn a_v1_request_goes_out_in_v2_meaning_the_same() {
	new_test_ext().execute_with(|| {
		let v1_request = v1::VerifyRequest::AnchorExists { root: ANCHOR };
		assert_ok!(ask_in(
			REQUESTER,
			GenochainLocation::get(),
			VersionedVerifyRequest::V1(v1_request)
		));
		assert_eq!(sent_request(0), VersionedVerifyRequest::V3(request()));
	});
}

#[test]
fn the_chains_required_provenance_raises_every_anchor_request() {
	new_test_ext().execute_with(|| {
		RequiredProvenance::set(&ProvenanceRequirement::Attested);
		assert_ok!(ask(REQUESTER));
		assert_eq!(
			sent_request(0),
			VersionedVerifyRequest::V3(request_requiring(ProvenanceRequirement::Attested))
		);
		// Genochain refuses a self-asserted anchor, and the refusal names its provenance.
		let refused: Verdict = Err(Refusal::NotAttested(Provenance::SelfAsserted));
		assert_ok!(answer(GENOCHAIN, 0, refused.clone()));
		assert_eq!(VerifierClient::verdict(0).map(|response| response.verdict), Some(refused));

		// A request may require more than the chain does, never less.
		RequiredProvenance::set(&ProvenanceRequirement::Any);
		assert_ok!(ask_in(
			REQUESTER,
			GenochainLocation::get(),
			VersionedVerifyRequest::V3(request_requiring(ProvenanceRequirement::Attested))
		));
		assert_eq!(
			sent_request(1),
			VersionedVerifyRequest::V3(request_requiring(ProvenanceRequirement::Attested))
		);
	});
}

#[test]
fn a_verdict_names_the_subject_and_the_lab_that_vouches() {
	new_test_ext().execute_with(|| {
		assert_ok!(ask(REQUESTER));
		let lab = GenochainAccount::from([7; 32]);
		let attested: Verdict = Ok(Fact::AnchorCurrent {
			subject: subject(),
			provenance: Provenance::Attested { lab, at: 30, standing: Standing::Suspended },
		});
		assert_ok!(answer(GENOCHAIN, 0, attested.clone()));
		assert_eq!(VerifierClient::verdict(0).map(|response| response.verdict), Some(attested));
	});
}

#[test]
fn an_answer_in_v1_is_refused_and_the_query_times_out() {
	new_test_ext().execute_with(|| {
		assert_ok!(ask(REQUESTER));
		assert_noop!(
			VerifierClient::receive_verdict(
				RuntimeOrigin::signed(GENOCHAIN.into()),
				VersionedVerifyResponse::V1(v1::VerifyResponse {
					query_id: 0,
					verdict: Ok(v1::Fact::AnchorCurrent),
					at: 40
				})
			),
			Error::<Test>::UnsupportedVersion
		);
		System::set_block_number(1 + TIMEOUT);
		VerifierClient::on_initialize(1 + TIMEOUT);
		assert!(!Queries::<Test>::contains_key(0));
		assert_eq!(held(REQUESTER), 0);
	});
}
