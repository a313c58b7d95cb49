#![allow(clippy::arithmetic_side_effects)]
//! The simulator's tests, one file per kind of request and one for a query's life and cost; the
//! helpers they share are here.

mod anchors;
mod consent;
mod queries;
mod redaction;
mod variants;

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
		parse_allele,
		v1::{self, Fingerprint},
		v2::build::{Fingerprint as FingerprintV2, Windows},
		Assembly, Chromosome, ProofError, ProvenFact, Scheme, Secret, Variant, VariantKey,
		VariantProof, Zygosity,
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

/// Bob's variants: three on chromosome 7.
fn bobs_variants() -> Vec<Variant> {
	vec![variant(1_000, "T"), variant(2_000, "G"), variant(3_000, "A")]
}

/// Bob's secret.
fn bobs_secret() -> Secret {
	Secret([9; 32])
}

/// Bob's genome, fingerprinted in scheme v1.
fn genome() -> Fingerprint {
	Fingerprint::new(&bobs_secret(), bobs_variants()).expect("a valid genome")
}

/// Anchors Bob's fingerprint `root` of `leaf_count` leaves in `scheme` on Genochain,
/// self-asserted: the anchor's id.
fn anchor_bobs(root: H256, leaf_count: u32, scheme: Scheme) -> AnchorId {
	Genochain::execute_with(|| {
		assert_ok!(GenomeAnchor::anchor(
			genochain_signed(Bob),
			root,
			leaf_count,
			Assembly::GRCh38,
			scheme,
			None,
			None
		));
	});
	genochain_primitives::anchor::anchor_id(&subject(), &root)
}

/// Anchors Bob's v1 genome on Genochain, self-asserted: the anchor's id.
fn anchor_genome() -> AnchorId {
	let genome = genome();
	anchor_bobs(genome.root(), genome.leaf_count(), Scheme::V1)
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
			Box::new(VersionedVerifyRequest::V3(request)),
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
