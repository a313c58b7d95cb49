#![allow(clippy::arithmetic_side_effects)]

use crate::{
	consumer::{self, QUERY_DEPOSIT, TIMEOUT},
	network::*,
};
use genochain_primitives::{
	anchor::{AnchorId, AnchorProofRefusal},
	consent::{AccessRefusal, ConsentTerms, DataCategory, DataScope, Grantee, Scope},
	duo::{DuoPermission, DuoPurpose, RequestedUse},
	fingerprint::{
		parse_allele, Assembly, Chromosome, Fingerprint, ProofError, ProvenFact, Scheme, Secret,
		Variant, VariantKey, VariantProof, Zygosity,
	},
	redaction::{RecordKind, RecordRef},
	verification::{Fact, QueryId, Refusal, VerifyRequest, VerifyResponse, VersionedVerifyRequest},
	AccountId, BlockNumber,
};
use genochain_runtime::{
	genesis_config_presets::DEV_RESEARCHER, Balances, Consent, GenomeAnchor, Redaction,
	RuntimeOrigin as GenochainOrigin, XcmVerifier,
};
use polkadot_sdk::{
	frame_support::{
		assert_ok,
		traits::{fungible::Inspect, Hooks},
	},
	sp_core::H256,
	sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie},
	staging_xcm::{latest::prelude::*, VersionedLocation, VersionedXcm},
	xcm_simulator::TestExt,
};

/// Whose genome: Bob on Genochain.
fn subject() -> AccountId {
	Bob.to_account_id()
}

fn researcher() -> AccountId {
	DEV_RESEARCHER.into()
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

/// Anchors Bob's genome on Genochain: the anchor's id.
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
	}
}

/// Alice on the consumer asks Genochain: the query's id.
fn ask(request: VerifyRequest<AccountId>) -> QueryId {
	Consumer::execute_with(|| {
		let query_id = pallet_verifier_client::NextQueryId::<consumer::Runtime>::get();
		assert_ok!(consumer::VerifierClient::request_verification(
			consumer::RuntimeOrigin::signed(consumer_account(Alice)),
			Box::new(VersionedLocation::from(GenochainLocation::get())),
			Box::new(VersionedVerifyRequest::V1(request)),
		));
		query_id
	})
}

/// The consumer's verdict on `query_id`, if it arrived.
fn verdict(query_id: QueryId) -> Option<VerifyResponse<BlockNumber>> {
	Consumer::execute_with(|| consumer::VerifierClient::verdict(query_id))
}

/// Asks, checks the query took exactly two messages (the query, the answer), and returns the
/// verdict with the Genochain block it held at.
fn answer_to(
	request: VerifyRequest<AccountId>,
) -> (Result<Fact, Refusal<BlockNumber>>, BlockNumber) {
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
fn consumer_block(n: u64) {
	Consumer::execute_with(|| {
		consumer::System::set_block_number(n);
		consumer::VerifierClient::on_initialize(n);
	});
}

fn consumer_events() -> Vec<consumer::RuntimeEvent> {
	Consumer::execute_with(|| {
		consumer::System::events().into_iter().map(|record| record.event).collect()
	})
}

#[test]
fn an_anchor_is_current_until_superseded_or_unknown() {
	Network::reset();
	let root = anchor_genome();
	assert_eq!(answer_to(VerifyRequest::AnchorExists { root }).0, Ok(Fact::AnchorCurrent));
	assert_eq!(
		answer_to(VerifyRequest::AnchorExists { root: H256::repeat_byte(0xee) }).0,
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
		answer_to(VerifyRequest::AnchorExists { root }).0,
		Err(Refusal::Anchor(AnchorProofRefusal::Superseded))
	);
	let newer = genochain_primitives::anchor::anchor_id(&subject(), &newer);
	assert_eq!(answer_to(VerifyRequest::AnchorExists { root: newer }).0, Ok(Fact::AnchorCurrent));
}

#[test]
fn a_variant_proof_answers_carried_or_absent_and_a_forged_proof_is_refused() {
	Network::reset();
	let root = anchor_genome();
	let genome = genome();
	let carried = variant(2_000, "G");
	let included = genome.prove(&carried.key).expect("a proof");
	assert!(matches!(included, VariantProof::Included(_)));
	assert_eq!(
		answer_to(VerifyRequest::Variant { root, proof: Box::new(included.clone()) }).0,
		Ok(Fact::Variant(ProvenFact::Carries(carried)))
	);

	let absent = variant(2_500, "T").key;
	let proof = genome.prove(&absent).expect("a proof");
	assert_eq!(
		answer_to(VerifyRequest::Variant { root, proof: Box::new(proof) }).0,
		Ok(Fact::Variant(ProvenFact::DoesNotCarry(absent)))
	);

	// Claiming homozygosity the sample does not have: the proof no longer leads to the root.
	let VariantProof::Included(mut forged) = included else { unreachable!() };
	forged.variant.zygosity = Zygosity::Homozygous;
	assert_eq!(
		answer_to(VerifyRequest::Variant { root, proof: Box::new(VariantProof::Included(forged)) })
			.0,
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
	assert_eq!(answer_to(VerifyRequest::AnchorExists { root: dataset }).0, redacted);
	assert_eq!(answer_to(consent_request(dataset)).0, redacted);
}

#[test]
fn every_verdict_is_emitted_and_kept_until_dismissed() {
	Network::reset();
	let root = anchor_genome();
	genochain_block(7);
	let query_id = ask(VerifyRequest::AnchorExists { root });
	assert!(consumer_events().contains(&consumer::RuntimeEvent::VerifierClient(
		pallet_verifier_client::Event::VerdictReceived {
			query_id,
			requester: consumer_account(Alice),
			verdict: Ok(Fact::AnchorCurrent),
			at: 7,
		}
	)));
	Consumer::execute_with(|| {
		use polkadot_sdk::frame_support::traits::fungible::InspectHold;
		let alice = consumer_account(Alice);
		let reason = pallet_verifier_client::HoldReason::QueryDeposit.into();
		assert_eq!(consumer::Balances::balance_on_hold(&reason, &alice), QUERY_DEPOSIT);
		assert_ok!(consumer::VerifierClient::dismiss(
			consumer::RuntimeOrigin::signed(alice.clone()),
			query_id
		));
		assert_eq!(consumer::Balances::balance_on_hold(&reason, &alice), 0);
	});
	// The answered query does not time out.
	consumer_block(1 + TIMEOUT);
	assert!(!consumer_events().iter().any(|event| matches!(
		event,
		consumer::RuntimeEvent::VerifierClient(pallet_verifier_client::Event::QueryTimedOut { .. })
	)));
}

/// Asks, sees the query go out and no answer come back, and times it out.
fn unanswered(request: VerifyRequest<AccountId>) {
	take_hops();
	let query_id = ask(request);
	assert_eq!(take_hops(), vec![(CONSUMER, GENOCHAIN)], "no answer came back");
	assert_eq!(verdict(query_id), None);
	let expiry = Consumer::execute_with(consumer::System::block_number) + TIMEOUT;
	consumer_block(expiry);
	assert!(consumer_events().contains(&consumer::RuntimeEvent::VerifierClient(
		pallet_verifier_client::Event::QueryTimedOut {
			query_id,
			requester: consumer_account(Alice)
		}
	)));
	Consumer::execute_with(|| {
		assert!(!pallet_verifier_client::Queries::<consumer::Runtime>::contains_key(query_id))
	});
}

#[test]
fn a_chain_taken_off_the_allowlist_gets_no_answer_and_its_query_times_out() {
	Network::reset();
	let root = anchor_genome();
	Genochain::execute_with(|| {
		assert_ok!(XcmVerifier::disallow_sibling(GenochainOrigin::root(), CONSUMER));
	});
	unanswered(VerifyRequest::AnchorExists { root });
	// Back on the list, it is answered again.
	Genochain::execute_with(|| {
		assert_ok!(XcmVerifier::allow_sibling(GenochainOrigin::root(), CONSUMER));
	});
	assert_eq!(answer_to(VerifyRequest::AnchorExists { root }).0, Ok(Fact::AnchorCurrent));
}

#[test]
fn the_asker_pays_each_query_and_gets_no_answer_once_its_gene_runs_out() {
	Network::reset();
	let root = anchor_genome();
	let sovereign = sovereign_on_genochain(CONSUMER);
	let funds = || Genochain::execute_with(|| Balances::balance(&sovereign));
	assert_eq!(answer_to(VerifyRequest::AnchorExists { root }).0, Ok(Fact::AnchorCurrent));
	let cost = SOVEREIGN_FUNDS - funds();
	assert!(cost > 0 && cost < GENE_PER_QUERY, "a query costs {cost}, the unspent fee returned");

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
	unanswered(VerifyRequest::AnchorExists { root });
	assert_eq!(funds(), before, "nothing was executed, nothing charged");
}

/// The GENE a consumer query withdraws on Genochain ([`consumer`]'s `QueryFee`).
const GENE_PER_QUERY: u128 = genochain_primitives::currency::GENE;

#[test]
fn unpaid_and_unlisted_queries_and_forged_answers_are_refused() {
	Network::reset();
	let root = anchor_genome();

	// A query that does not pay for its execution: Genochain's barrier stops it.
	let unpaid = Xcm::<()>(vec![
		UnpaidExecution { weight_limit: Unlimited, check_origin: None },
		Transact {
			origin_kind: OriginKind::Xcm,
			fallback_max_weight: None,
			call: genochain_primitives::verification::verify_call(
				90,
				genochain_primitives::verification::Callback { pallet_index: 20, call_index: 1 },
				&VersionedVerifyRequest::V1(VerifyRequest::<AccountId>::AnchorExists { root }),
			)
			.into(),
		},
	]);
	take_hops();
	Consumer::execute_with(|| {
		assert_ok!(consumer::PolkadotXcm::send(
			consumer::RuntimeOrigin::root(),
			Box::new(VersionedLocation::from(GenochainLocation::get())),
			Box::new(VersionedXcm::from(unpaid)),
		));
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
	let query_id = Forger::execute_with(|| {
		let query_id = pallet_verifier_client::NextQueryId::<consumer::Runtime>::get();
		assert_ok!(consumer::VerifierClient::request_verification(
			consumer::RuntimeOrigin::signed(consumer_account(Bob)),
			Box::new(VersionedLocation::from(GenochainLocation::get())),
			Box::new(VersionedVerifyRequest::V1(VerifyRequest::AnchorExists { root })),
		));
		query_id
	});
	assert_eq!(take_hops(), vec![(FORGER, GENOCHAIN)]);
	assert_eq!(Forger::execute_with(|| consumer::VerifierClient::verdict(query_id)), None);

	// The forger answers the consumer's pending query itself: the consumer's barrier admits
	// unpaid answers from Genochain only.
	let pending = {
		Genochain::execute_with(|| {
			assert_ok!(XcmVerifier::disallow_sibling(GenochainOrigin::root(), CONSUMER));
		});
		ask(VerifyRequest::AnchorExists { root })
	};
	let forged = Xcm::<()>(vec![
		UnpaidExecution { weight_limit: Unlimited, check_origin: None },
		Transact {
			origin_kind: OriginKind::Xcm,
			fallback_max_weight: None,
			call: genochain_primitives::verification::Callback { pallet_index: 20, call_index: 1 }
				.call(&genochain_primitives::verification::VersionedVerifyResponse::V1(
					VerifyResponse::<BlockNumber> {
						query_id: pending,
						verdict: Ok(Fact::AnchorCurrent),
						at: 1,
					},
				))
				.into(),
		},
	]);
	Forger::execute_with(|| {
		assert_ok!(consumer::PolkadotXcm::send(
			consumer::RuntimeOrigin::root(),
			Box::new(VersionedLocation::from(Location::new(1, [Parachain(CONSUMER)]))),
			Box::new(VersionedXcm::from(forged)),
		));
	});
	assert_eq!(verdict(pending), None, "the forged answer was not taken");
	assert!(consumer_events().iter().any(|event| matches!(
		event,
		consumer::RuntimeEvent::MsgQueue(
			polkadot_sdk::xcm_simulator::mock_message_queue::Event::Fail {
				error: XcmError::Barrier,
				..
			}
		)
	)));
}
