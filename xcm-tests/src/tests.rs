#![allow(clippy::arithmetic_side_effects)]

use crate::network::*;
use genochain_consumer_runtime::{
	configs::{QueryFeeCollector, QUERY_DEPOSIT, QUERY_FEE_CHARGE, QUERY_TIMEOUT},
	Runtime as ConsumerRuntime, RuntimeEvent as ConsumerEvent, RuntimeOrigin as ConsumerOrigin,
};
use genochain_primitives::{
	anchor::{AnchorId, AnchorProofRefusal, Provenance, VariantVerdict},
	consent::{AccessRefusal, ConsentTerms, DataCategory, DataScope, Grantee, Scope, Standing},
	duo::{DuoPermission, DuoPurpose, RequestedUse},
	fingerprint::{
		parse_allele, Assembly, Chromosome, Fingerprint, ProofError, ProvenFact, Scheme, Secret,
		Variant, VariantKey, VariantProof, Zygosity,
	},
	redaction::{RecordKind, RecordRef},
	verification::{
		Callback, Fact, ProvenanceRequirement, QueryId, Refusal, VerifyRequest, VerifyResponse,
		VersionedVerifyRequest, VersionedVerifyResponse,
	},
	AccountId, BlockNumber,
};
use genochain_runtime::{
	configs::{xcm_config::BaseDeliveryFee, TreasuryAccount},
	genesis_config_presets::{DEV_CUSTODIAN, DEV_LAB, DEV_RESEARCHER},
	Balances, Consent, GenomeAnchor, Redaction, RuntimeOrigin as GenochainOrigin, XcmVerifier,
};
use polkadot_sdk::{
	frame_support::{
		assert_ok,
		traits::{fungible::Inspect, Hooks, PalletInfoAccess},
	},
	sp_core::H256,
	sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie},
	staging_xcm::{latest::prelude::*, VersionedLocation, VersionedXcm},
	xcm_simulator::TestExt,
};

type ConsumerMessages = ParachainMessages<ConsumerRuntime>;
type Verdict = Result<Fact<AccountId, BlockNumber>, Refusal<AccountId, BlockNumber>>;

/// Whose genome: Bob on Genochain.
fn subject() -> AccountId {
	Bob.to_account_id()
}

fn researcher() -> AccountId {
	DEV_RESEARCHER.into()
}

/// The development lab (`//Lab`), accredited in Genochain's genesis.
fn lab() -> AccountId {
	DEV_LAB.into()
}

fn genochain_signed(who: Sr25519Keyring) -> GenochainOrigin {
	GenochainOrigin::signed(who.to_account_id())
}

fn variant(position: u32, alternate: &str) -> Variant {
	Variant {
		key: VariantKey {
			chromosome: Chromosome::from_number(7).expect("chromosome 7"),
			position,
			reference: parse_allele(b"C").expect("a base"),
			alternate: parse_allele(alternate.as_bytes()).expect("bases"),
		},
		zygosity: Zygosity::Heterozygous,
	}
}

/// Bob's genome: three variants on chromosome 7.
fn genome() -> Fingerprint {
	let variants = vec![variant(1_000, "T"), variant(2_000, "G"), variant(3_000, "A")];
	Fingerprint::new(Scheme::V1, &Secret([9; 32]), variants).expect("a valid genome")
}

/// Anchors Bob's genome on Genochain, self-asserted: the anchor's id.
fn anchor_genome() -> AnchorId {
	let genome = genome();
	Genochain::execute_with(|| {
		assert_ok!(GenomeAnchor::anchor(
			genochain_signed(Bob),
			genome.root(),
			genome.leaf_count(),
			Assembly::GRCh38,
			Scheme::V1,
			None,
			None
		));
	});
	genochain_primitives::anchor::anchor_id(&subject(), &genome.root())
}

/// The development lab attests `anchor` at Genochain's current block, which is returned.
fn attest(anchor: AnchorId) -> BlockNumber {
	Genochain::execute_with(|| {
		assert_ok!(GenomeAnchor::attest(GenochainOrigin::signed(lab()), anchor));
		genochain_runtime::System::block_number()
	})
}

/// Bob's genome, anchored and attested by the development lab: the anchor's id and the
/// provenance verdicts state.
fn attested_genome() -> (AnchorId, Provenance<AccountId, BlockNumber>) {
	let anchor = anchor_genome();
	let at = attest(anchor);
	(anchor, Provenance::Attested { lab: lab(), at, standing: Standing::Accredited })
}

fn current(provenance: Provenance<AccountId, BlockNumber>) -> Verdict {
	Ok(Fact::AnchorCurrent { subject: subject(), provenance })
}

fn anchor_exists(anchor: AnchorId) -> VerifyRequest<AccountId> {
	VerifyRequest::AnchorExists { anchor, require: ProvenanceRequirement::Any }
}

fn research_use() -> RequestedUse {
	RequestedUse::research(DuoPermission::HealthMedicalBiomedical)
}

/// Bob consents to the development researcher using the variants of `dataset` for health,
/// medical or biomedical research: the consent's id.
fn grant_consent(dataset: AnchorId) -> u64 {
	Genochain::execute_with(|| {
		let terms = ConsentTerms {
			grantee: Grantee::Account(researcher()),
			scope: Scope {
				data: DataScope::Dataset(dataset),
				categories: [DataCategory::Variants]
					.into_iter()
					.collect::<std::collections::BTreeSet<_>>()
					.try_into()
					.expect("one category"),
			},
			purpose: DuoPurpose::new(DuoPermission::HealthMedicalBiomedical),
			valid_from: 0,
			valid_until: None,
			document_hash: H256::repeat_byte(0xdc),
			approvers: Default::default(),
			approval_threshold: 0,
		};
		assert_ok!(Consent::grant(genochain_signed(Bob), terms));
		genochain_runtime::System::events()
			.into_iter()
			.rev()
			.find_map(|record| match record.event {
				genochain_runtime::RuntimeEvent::Consent(
					pallet_consent::Event::ConsentGranted { consent_id, .. },
				) => Some(consent_id),
				_ => None,
			})
			.expect("granted")
	})
}

fn consent_request(dataset: AnchorId) -> VerifyRequest<AccountId> {
	VerifyRequest::Consent {
		grantee: researcher(),
		subject: subject(),
		dataset,
		category: DataCategory::Variants,
		requested: research_use(),
		custodian: None,
	}
}

/// `who` on a chain running the consumer runtime asks Genochain: the query's id.
fn ask_from<Chain: TestExt>(who: Sr25519Keyring, request: VerifyRequest<AccountId>) -> QueryId {
	Chain::execute_with(|| {
		let query_id = pallet_verifier_client::NextQueryId::<ConsumerRuntime>::get();
		assert_ok!(genochain_consumer_runtime::VerifierClient::request_verification(
			ConsumerOrigin::signed(who.to_account_id()),
			Box::new(VersionedLocation::from(GenochainLocation::get())),
			Box::new(VersionedVerifyRequest::V2(request)),
		));
		ConsumerMessages::process_and_send();
		query_id
	})
}

/// Alice on the consumer asks Genochain: the query's id.
fn ask(request: VerifyRequest<AccountId>) -> QueryId {
	ask_from::<Consumer>(Alice, request)
}

/// The consumer's verdict on `query_id`, if it arrived.
fn verdict(query_id: QueryId) -> Option<VerifyResponse<AccountId, BlockNumber>> {
	Consumer::execute_with(|| genochain_consumer_runtime::VerifierClient::verdict(query_id))
}

/// Asks, checks the query took exactly two messages (the query, the answer), and returns the
/// verdict with the Genochain block it held at.
fn answer_to(request: VerifyRequest<AccountId>) -> (Verdict, BlockNumber) {
	take_hops();
	let query_id = ask(request);
	assert_eq!(take_hops(), vec![(CONSUMER, GENOCHAIN), (GENOCHAIN, CONSUMER)]);
	let response = verdict(query_id).expect("answered");
	assert_eq!(response.query_id, query_id);
	(response.verdict, response.at)
}

fn genochain_block(n: BlockNumber) {
	Genochain::execute_with(|| genochain_runtime::System::set_block_number(n));
}

/// Moves the consumer to its block `n`, timing out what expires there.
fn consumer_block(n: BlockNumber) {
	Consumer::execute_with(|| {
		genochain_consumer_runtime::System::set_block_number(n);
		genochain_consumer_runtime::VerifierClient::on_initialize(n);
	});
}

fn consumer_events() -> Vec<ConsumerEvent> {
	Consumer::execute_with(|| {
		genochain_consumer_runtime::System::events()
			.into_iter()
			.map(|record| record.event)
			.collect()
	})
}

/// The consumer's `receive_verdict`, the callback Genochain's answers call.
fn consumer_callback() -> Callback {
	Callback {
		pallet_index: Consumer::execute_with(|| {
			<genochain_consumer_runtime::VerifierClient as PalletInfoAccess>::index() as u8
		}),
		call_index: pallet_verifier_client::RECEIVE_VERDICT_CALL_INDEX,
	}
}

#[test]
fn an_anchor_is_current_until_superseded_or_unknown() {
	Network::reset();
	let (root, attested) = attested_genome();
	assert_eq!(answer_to(anchor_exists(root)).0, current(attested));
	assert_eq!(
		answer_to(anchor_exists(H256::repeat_byte(0xee))).0,
		Err(Refusal::Anchor(AnchorProofRefusal::UnknownAnchor))
	);

	let newer = H256::repeat_byte(0x5e);
	Genochain::execute_with(|| {
		assert_ok!(GenomeAnchor::supersede(
			genochain_signed(Bob),
			root,
			newer,
			genome().leaf_count(),
			Assembly::GRCh38,
			Scheme::V1,
			None,
			None
		));
	});
	assert_eq!(
		answer_to(anchor_exists(root)).0,
		Err(Refusal::Anchor(AnchorProofRefusal::Superseded))
	);
	// The new version is the subject's own, which no lab attested yet.
	let newer = genochain_primitives::anchor::anchor_id(&subject(), &newer);
	assert_eq!(
		answer_to(anchor_exists(newer)).0,
		Err(Refusal::NotAttested(Provenance::SelfAsserted))
	);
	let at = attest(newer);
	let attested = Provenance::Attested { lab: lab(), at, standing: Standing::Accredited };
	assert_eq!(answer_to(anchor_exists(newer)).0, current(attested));
}

/// The consumer requires a lab's attestation of every anchor it asks about (its
/// `RequiredProvenance`), whatever the request asks: a self-asserted genome is refused, an
/// attested one is answered with the lab, and once Genochain's Council suspends the lab, its
/// attestation no longer counts.
#[test]
fn a_chain_requiring_attestation_acts_only_on_genomes_an_accredited_lab_vouches_for() {
	Network::reset();
	let anchor = anchor_genome();
	let genome = genome();
	let proof = Box::new(genome.prove(&variant(2_000, "G").key).expect("a proof"));
	let on_variant = || VerifyRequest::Variant {
		anchor,
		proof: proof.clone(),
		require: ProvenanceRequirement::Any,
	};
	let self_asserted = Err(Refusal::NotAttested(Provenance::SelfAsserted));
	assert_eq!(answer_to(anchor_exists(anchor)).0, self_asserted);
	assert_eq!(answer_to(on_variant()).0, self_asserted);

	let at = attest(anchor);
	let attested = |standing| Provenance::Attested { lab: lab(), at, standing };
	assert_eq!(answer_to(anchor_exists(anchor)).0, current(attested(Standing::Accredited)));
	assert_eq!(
		answer_to(on_variant()).0,
		Ok(Fact::Variant(VariantVerdict {
			fact: ProvenFact::Carries(variant(2_000, "G")),
			subject: subject(),
			provenance: attested(Standing::Accredited),
		}))
	);

	Genochain::execute_with(|| {
		assert_ok!(genochain_runtime::Registry::suspend(GenochainOrigin::root(), lab()));
	});
	assert_eq!(
		answer_to(anchor_exists(anchor)).0,
		Err(Refusal::NotAttested(attested(Standing::Suspended)))
	);
}

#[test]
fn a_variant_proof_answers_carried_or_absent_and_a_forged_proof_is_refused() {
	Network::reset();
	let (anchor, attested) = attested_genome();
	let on = |proof: VariantProof| VerifyRequest::Variant {
		anchor,
		proof: Box::new(proof),
		require: ProvenanceRequirement::Any,
	};
	let about_bob = |fact| {
		Ok(Fact::Variant(VariantVerdict { fact, subject: subject(), provenance: attested.clone() }))
	};
	let genome = genome();
	let carried = variant(2_000, "G");
	let included = genome.prove(&carried.key).expect("a proof");
	assert!(matches!(included, VariantProof::Included(_)));
	assert_eq!(answer_to(on(included.clone())).0, about_bob(ProvenFact::Carries(carried)));

	let absent = variant(2_500, "T").key;
	let proof = genome.prove(&absent).expect("a proof");
	assert_eq!(answer_to(on(proof)).0, about_bob(ProvenFact::DoesNotCarry(absent)));

	// Claiming homozygosity the sample does not have: the proof no longer leads to the root.
	let VariantProof::Included(mut forged) = included else { unreachable!() };
	forged.variant.zygosity = Zygosity::Homozygous;
	assert_eq!(
		answer_to(on(VariantProof::Included(forged))).0,
		Err(Refusal::Anchor(AnchorProofRefusal::Proof(ProofError::RootMismatch)))
	);
}

#[test]
fn a_consent_revoked_between_two_queries_flips_the_verdict_at_a_later_block() {
	Network::reset();
	let dataset = anchor_genome();
	let consent_id = grant_consent(dataset);
	genochain_block(10);
	assert_eq!(answer_to(consent_request(dataset)), (Ok(Fact::ConsentAllows(consent_id)), 10));

	// Another grantee was never covered.
	let mut other = consent_request(dataset);
	if let VerifyRequest::Consent { grantee, .. } = &mut other {
		*grantee = Charlie.to_account_id();
	}
	assert_eq!(answer_to(other).0, Err(Refusal::Access(AccessRefusal::NotTheGrantee)));
	// Bob keeps his genome himself: a custodian asking whether it may release it is refused.
	let mut released = consent_request(dataset);
	if let VerifyRequest::Consent { custodian, .. } = &mut released {
		*custodian = Some(DEV_CUSTODIAN.into());
	}
	assert_eq!(answer_to(released).0, Err(Refusal::Access(AccessRefusal::NotTheDatasetsCustodian)));

	genochain_block(11);
	Genochain::execute_with(|| {
		assert_ok!(Consent::revoke(genochain_signed(Bob), consent_id));
	});
	genochain_block(12);
	assert_eq!(
		answer_to(consent_request(dataset)),
		(Err(Refusal::Access(AccessRefusal::Revoked)), 12)
	);
}

#[test]
fn a_redacted_record_is_answered_with_its_tombstone() {
	Network::reset();
	let dataset = anchor_genome();
	grant_consent(dataset);
	let record = RecordRef::Anchor(dataset);
	assert_eq!(
		answer_to(VerifyRequest::NotRedacted { record: record.clone() }).0,
		Ok(Fact::NotRedacted)
	);

	genochain_block(20);
	Genochain::execute_with(|| {
		assert_ok!(Redaction::erase_me(genochain_signed(Bob)));
	});
	let tombstone = Genochain::execute_with(|| Redaction::tombstone(&record)).expect("erased");
	assert_eq!((tombstone.kind, tombstone.erased_at), (RecordKind::Anchor, 20));

	let redacted = Err(Refusal::Redacted(tombstone));
	assert_eq!(answer_to(VerifyRequest::NotRedacted { record }).0, redacted);
	assert_eq!(answer_to(anchor_exists(dataset)).0, redacted);
	assert_eq!(answer_to(consent_request(dataset)).0, redacted);
}

#[test]
fn every_verdict_is_emitted_and_kept_until_dismissed() {
	Network::reset();
	let (root, attested) = attested_genome();
	genochain_block(7);
	let query_id = ask(anchor_exists(root));
	assert!(consumer_events().contains(&ConsumerEvent::VerifierClient(
		pallet_verifier_client::Event::VerdictReceived {
			query_id,
			requester: Alice.to_account_id(),
			verdict: current(attested),
			at: 7,
		}
	)));
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

/// The GENE a consumer query withdraws on Genochain (the consumer's `QueryFee`).
const GENE_PER_QUERY: u128 = genochain_consumer_runtime::configs::QueryFee::get();

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
				&VersionedVerifyRequest::V2(anchor_exists(root)),
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
