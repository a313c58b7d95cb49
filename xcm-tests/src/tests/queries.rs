//! A query's life and cost: verdicts kept until dismissed, timeouts, who pays, and the messages
//! refused (unpaid, unlisted, forged).

use super::*;

/// Asks, sees the query go out and no answer come back, and times it out.
fn unanswered(request: VerifyRequest<AccountId>) {
	take_hops();
	let query_id = ask(request);
	assert_eq!(take_hops(), vec![(CONSUMER, GENOCHAIN)], "no answer came back");
	assert_eq!(verdict(query_id), None);
	let expiry =
		Consumer::execute_with(genochain_consumer_runtime::System::block_number) + QUERY_TIMEOUT;
	consumer_block(expiry);
	assert!(consumer_events().contains(&ConsumerEvent::VerifierClient(
		pallet_verifier_client::Event::QueryTimedOut { query_id, requester: Alice.to_account_id() }
	)));
	assert!(consumer_events().contains(&ConsumerEvent::VerifierClient(
		pallet_verifier_client::Event::QueryFeePaid {
			query_id,
			requester: Alice.to_account_id(),
			fee: QUERY_FEE_CHARGE
		}
	)));
	Consumer::execute_with(|| {
		assert!(!pallet_verifier_client::Queries::<ConsumerRuntime>::contains_key(query_id))
	});
}

/// The GENE a consumer query withdraws on Genochain (the consumer's `QueryFee`).
const GENE_PER_QUERY: u128 = genochain_consumer_runtime::configs::QueryFee::get();

#[test]
fn every_verdict_is_emitted_and_kept_until_dismissed() {
	Network::reset();
	let (root, attested) = attested_genome();
	genochain_block(7);
	let query_id = ask(anchor_exists(root));
	// The event says that the request held; the verdict stays with the query, for its asker.
	assert!(consumer_events().contains(&ConsumerEvent::VerifierClient(
		pallet_verifier_client::Event::VerdictReceived {
			query_id,
			requester: Alice.to_account_id(),
			held: true,
			at: 7,
		}
	)));
	Consumer::execute_with(|| {
		let verdict = genochain_consumer_runtime::VerifierClient::verdict(query_id);
		assert_eq!(
			verdict.map(|response| (response.verdict, response.at)),
			Some((current(attested), 7))
		);
	});
	Consumer::execute_with(|| {
		use polkadot_sdk::frame_support::traits::fungible::InspectHold;
		let alice = Alice.to_account_id();
		let reason = pallet_verifier_client::HoldReason::QueryDeposit.into();
		let held = || genochain_consumer_runtime::Balances::balance_on_hold(&reason, &alice);
		assert_eq!(held(), QUERY_DEPOSIT);
		assert_ok!(genochain_consumer_runtime::VerifierClient::dismiss(
			ConsumerOrigin::signed(alice.clone()),
			query_id
		));
		assert_eq!(held(), 0);
	});
	// The answered query does not time out.
	consumer_block(1 + QUERY_TIMEOUT);
	assert!(!consumer_events().iter().any(|event| matches!(
		event,
		ConsumerEvent::VerifierClient(pallet_verifier_client::Event::QueryTimedOut { .. })
	)));
}

#[test]
fn a_chain_taken_off_the_allowlist_gets_no_answer_and_its_query_times_out() {
	Network::reset();
	let (root, attested) = attested_genome();
	Genochain::execute_with(|| {
		assert_ok!(XcmVerifier::disallow_sibling(GenochainOrigin::root(), CONSUMER));
	});
	unanswered(anchor_exists(root));
	// Back on the list, it is answered again.
	Genochain::execute_with(|| {
		assert_ok!(XcmVerifier::allow_sibling(GenochainOrigin::root(), CONSUMER));
	});
	assert_eq!(answer_to(anchor_exists(root)).0, current(attested));
}

#[test]
fn the_asker_pays_each_query_and_gets_no_answer_once_its_gene_runs_out() {
	Network::reset();
	let (root, attested) = attested_genome();
	let sovereign = sovereign_on_genochain(CONSUMER);
	let funds = || Genochain::execute_with(|| Balances::balance(&sovereign));
	let treasury = || Genochain::execute_with(|| Balances::balance(&TreasuryAccount::get()));
	let collected = || {
		Consumer::execute_with(|| {
			genochain_consumer_runtime::Balances::balance(&QueryFeeCollector::get())
		})
	};
	let alice = || {
		Consumer::execute_with(|| {
			genochain_consumer_runtime::Balances::total_balance(&Alice.to_account_id())
		})
	};
	let (treasury_before, alice_before) = (treasury(), alice());
	assert_eq!(answer_to(anchor_exists(root)).0, current(attested));
	let cost = SOVEREIGN_FUNDS - funds();
	assert!(cost > 0 && cost < GENE_PER_QUERY, "a query costs {cost}, the unspent fee returned");
	// Part of it is the delivery of the answer, at Genochain's price for messages to siblings,
	// paid to Genochain's treasury.
	let delivery = treasury() - treasury_before;
	assert!(delivery > BaseDeliveryFee::get() && delivery < cost, "{delivery} of {cost}");
	// On the consumer, Alice paid for the query: its fee charge went to the collector that keeps
	// the sovereign account funded.
	assert_eq!(collected(), QUERY_FEE_CHARGE);
	assert_eq!(alice(), alice_before - QUERY_FEE_CHARGE);

	// Down to less than a query may withdraw: the query is not executed.
	let excess = funds() - GENE_PER_QUERY / 2;
	Genochain::execute_with(|| {
		use polkadot_sdk::frame_support::traits::fungible::Mutate;
		assert_ok!(Balances::burn_from(
			&sovereign,
			excess,
			polkadot_sdk::frame_support::traits::tokens::Preservation::Expendable,
			polkadot_sdk::frame_support::traits::tokens::Precision::Exact,
			polkadot_sdk::frame_support::traits::tokens::Fortitude::Force,
		));
	});
	let before = funds();
	unanswered(anchor_exists(root));
	assert_eq!(funds(), before, "nothing was executed, nothing charged");
	// The requester pays all the same: the consumer cannot tell an unanswered query that spent
	// the sovereign account's GENE from one that did not.
	assert_eq!(collected(), 2 * QUERY_FEE_CHARGE);
}

#[test]
fn unpaid_and_unlisted_queries_and_forged_answers_are_refused() {
	Network::reset();
	let (root, _) = attested_genome();

	// A query that does not pay for its execution: Genochain's barrier stops it.
	let unpaid = Xcm::<()>(vec![
		UnpaidExecution { weight_limit: Unlimited, check_origin: None },
		Transact {
			origin_kind: OriginKind::Xcm,
			fallback_max_weight: None,
			call: genochain_primitives::verification::verify_call(
				90,
				consumer_callback(),
				&VersionedVerifyRequest::V3(anchor_exists(root)),
			)
			.into(),
		},
	]);
	take_hops();
	Consumer::execute_with(|| {
		assert_ok!(genochain_consumer_runtime::PolkadotXcm::send(
			ConsumerOrigin::root(),
			Box::new(VersionedLocation::from(GenochainLocation::get())),
			Box::new(VersionedXcm::from(unpaid)),
		));
		ConsumerMessages::process_and_send();
	});
	assert_eq!(take_hops(), vec![(CONSUMER, GENOCHAIN)], "no answer to an unpaid query");
	Genochain::execute_with(|| {
		assert!(genochain_runtime::System::events().iter().any(|record| matches!(
			record.event,
			genochain_runtime::RuntimeEvent::MessageQueue(
				polkadot_sdk::pallet_message_queue::Event::Processed { success: false, .. }
			)
		)));
	});

	// A paid query from a chain not on the allowlist: no answer.
	let query_id = ask_from::<Forger>(Bob, anchor_exists(root));
	assert_eq!(take_hops(), vec![(FORGER, GENOCHAIN)]);
	assert_eq!(
		Forger::execute_with(|| genochain_consumer_runtime::VerifierClient::verdict(query_id)),
		None
	);

	// The forger answers the consumer's pending query itself: the consumer's barrier admits
	// unpaid answers from Genochain only.
	let pending = {
		Genochain::execute_with(|| {
			assert_ok!(XcmVerifier::disallow_sibling(GenochainOrigin::root(), CONSUMER));
		});
		ask(anchor_exists(root))
	};
	let response = VersionedVerifyResponse::V2(VerifyResponse::<AccountId, BlockNumber> {
		query_id: pending,
		verdict: current(Provenance::SelfAsserted),
		at: 1,
	});
	let forged = Xcm::<()>(vec![
		UnpaidExecution { weight_limit: Unlimited, check_origin: None },
		Transact {
			origin_kind: OriginKind::Xcm,
			fallback_max_weight: None,
			call: consumer_callback().call(&response).into(),
		},
	]);
	take_hops();
	Forger::execute_with(|| {
		assert_ok!(genochain_consumer_runtime::PolkadotXcm::send(
			ConsumerOrigin::root(),
			Box::new(VersionedLocation::from(Location::new(1, [Parachain(CONSUMER)]))),
			Box::new(VersionedXcm::from(forged)),
		));
		ConsumerMessages::process_and_send();
	});
	assert_eq!(take_hops(), vec![(FORGER, CONSUMER)]);
	assert_eq!(verdict(pending), None, "the forged answer was not taken");
	assert!(consumer_events().iter().any(|event| matches!(
		event,
		ConsumerEvent::MessageQueue(polkadot_sdk::pallet_message_queue::Event::Processed {
			success: false,
			..
		})
	)));
}
