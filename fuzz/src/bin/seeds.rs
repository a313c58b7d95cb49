//! `genochain-fuzz-seeds DIR`: writes the seed corpus, call sequences a user of each kind would
//! make, in the harness's input format, so that the fuzzer starts from the journeys that reach
//! deep into the pallets: a consent's whole life with an access and an erasure, a study from
//! enrolment to settlement, a Council motion, batches and proxies.

use codec::Encode;
use genochain_fuzz::ORIGINS;
use genochain_primitives::{
	anchor::anchor_id,
	consent::{ConsentTerms, DataCategory, DataScope, Grantee, Scope},
	duo::{DuoPermission, DuoPurpose, RequestedUse},
	fingerprint::{Assembly, Scheme},
};
use genochain_runtime::{AccountId, RuntimeCall};
use polkadot_sdk::sp_core::{sr25519, Pair, H256};
use polkadot_sdk::staging_xcm::VersionedXcm;

fn account(name: &str) -> AccountId {
	let uri = ORIGINS
		.iter()
		.find(|(origin, _)| *origin == name)
		.map(|(_, uri)| *uri)
		.unwrap_or_else(|| panic!("no origin {name}"));
	sr25519::Pair::from_string(uri, None).expect("a dev key").public().into()
}

fn origin(name: &str) -> u8 {
	genochain_fuzz::origin_byte(name).unwrap_or_else(|| panic!("no origin {name}"))
}

/// One input: (how many blocks after the call before, who, what).
fn input(steps: &[(u8, &str, RuntimeCall)]) -> Vec<u8> {
	let mut bytes = Vec::new();
	for (blocks_later, who, call) in steps {
		bytes.push(genochain_fuzz::lapse(*blocks_later));
		bytes.push(origin(who));
		call.encode_to(&mut bytes);
	}
	bytes
}

fn main() {
	let dir = std::env::args().nth(1).unwrap_or_else(|| {
		eprintln!("usage: genochain-fuzz-seeds DIR");
		std::process::exit(2)
	});
	std::fs::create_dir_all(&dir).expect("the corpus directory");
	use genochain_runtime::configs::ProxyType;
	use polkadot_sdk::{pallet_balances, pallet_proxy, pallet_utility};

	let alice = account("Alice");
	let root = H256::repeat_byte(0xa1);
	let dataset = anchor_id(&alice, &root);
	let anchor = RuntimeCall::GenomeAnchor(pallet_genome_anchor::Call::anchor {
		root,
		leaf_count: 1000,
		assembly: Assembly::GRCh38,
		scheme: Scheme::V2,
		custodian: Some(account("Custodian")),
		file_digest: None,
	});
	let scope = Scope {
		data: DataScope::Dataset(dataset),
		categories: [DataCategory::Variants]
			.into_iter()
			.collect::<std::collections::BTreeSet<_>>()
			.try_into()
			.expect("one category"),
	};
	let terms = ConsentTerms {
		grantee: Grantee::Account(account("Researcher")),
		scope: scope.clone(),
		purpose: DuoPurpose::new(DuoPermission::HealthMedicalBiomedical),
		valid_from: 0,
		valid_until: Some(50),
		document_hash: H256::repeat_byte(0xdc),
		approvers: Default::default(),
		approval_threshold: 0,
	};
	let grant = RuntimeCall::Consent(pallet_consent::Call::grant { terms: terms.clone() });
	let record = RuntimeCall::Consent(pallet_consent::Call::record_access {
		consent_id: 0,
		accessor: account("Researcher"),
		dataset,
		category: DataCategory::Variants,
		requested: RequestedUse::research(DuoPermission::HealthMedicalBiomedical),
	});

	let seeds: Vec<(&str, Vec<u8>)> = vec![
		(
			"consent-life",
			input(&[
				(0, "Alice", anchor.clone()),
				(0, "Alice", grant.clone()),
				(1, "Custodian", record.clone()),
				(1, "Alice", RuntimeCall::Consent(pallet_consent::Call::revoke { consent_id: 0 })),
				(0, "Custodian", record.clone()),
				(2, "Bob", RuntimeCall::Consent(pallet_consent::Call::remove { consent_id: 0 })),
			]),
		),
		(
			"erasure",
			input(&[
				(0, "Alice", anchor.clone()),
				(0, "Alice", grant.clone()),
				(1, "Alice", RuntimeCall::Redaction(pallet_redaction::Call::erase_me {})),
				(
					1,
					"Custodian",
					RuntimeCall::Redaction(pallet_redaction::Call::confirm_erasure { case: 0 }),
				),
				(3, "Custodian", record.clone()),
			]),
		),
		(
			"study",
			input(&[
				(0, "Alice", anchor.clone()),
				(
					0,
					"Lab",
					RuntimeCall::GenomeAnchor(pallet_genome_anchor::Call::attest {
						anchor: dataset,
					}),
				),
				(
					1,
					"Alice",
					RuntimeCall::DataMarket(pallet_data_market::Call::enroll {
						study_id: 0,
						anchor: dataset,
					}),
				),
				(
					1,
					"Researcher",
					RuntimeCall::DataMarket(pallet_data_market::Call::close_study { study_id: 0 }),
				),
			]),
		),
		(
			"batch-and-proxy",
			input(&[
				(
					0,
					"Alice",
					RuntimeCall::Utility(pallet_utility::Call::batch_all {
						calls: vec![anchor.clone(), grant.clone()],
					}),
				),
				(
					0,
					"Alice",
					RuntimeCall::Proxy(pallet_proxy::Call::add_proxy {
						delegate: account("Bob").into(),
						proxy_type: ProxyType::default(),
						delay: 0,
					}),
				),
				(
					1,
					"Bob",
					RuntimeCall::Proxy(pallet_proxy::Call::proxy {
						real: alice.clone().into(),
						force_proxy_type: None,
						call: Box::new(RuntimeCall::Consent(pallet_consent::Call::revoke {
							consent_id: 0,
						})),
					}),
				),
				(
					0,
					"Nobody",
					RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death {
						dest: alice.clone().into(),
						value: 1,
					}),
				),
				(
					0,
					"root",
					RuntimeCall::Balances(pallet_balances::Call::force_set_balance {
						who: account("Nobody").into(),
						new_free: 10_000_000_000_000,
					}),
				),
			]),
		),
	];
	// The guardian grants and revokes a consent for its ward, over the ward's own anchor.
	let ward = account("AliceStash");
	let ward_dataset = anchor_id(&ward, &root);
	let ward_grant = RuntimeCall::Consent(pallet_consent::Call::grant {
		terms: ConsentTerms {
			scope: Scope { data: DataScope::Dataset(ward_dataset), ..scope },
			..terms
		},
	});
	let guardian = input(&[
		(0, "AliceStash", anchor.clone()),
		(0, "guardian", ward_grant),
		(1, "guardian", RuntimeCall::Consent(pallet_consent::Call::revoke { consent_id: 0 })),
	]);
	// The sibling asks whether Alice's anchor exists, paying from its sovereign account, as
	// pallet-verifier-client asks.
	let mut sibling = input(&[(0, "Alice", anchor.clone())]);
	sibling.push(genochain_fuzz::lapse(1));
	sibling.push(origin("sibling"));
	verify_query(dataset).encode_to(&mut sibling);
	let seeds = seeds.into_iter().chain([("guardian", guardian), ("sibling", sibling)]);
	for (name, bytes) in seeds {
		let path = std::path::Path::new(&dir).join(format!("{name}.bin"));
		std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
		println!("{}", path.display());
	}
}

/// An XCM query from the sibling: is `anchor` current? Paid with one GENE from its sovereign
/// account, the rest returned there; the answer goes to its pallet 60, call 1.
fn verify_query(anchor: genochain_primitives::anchor::AnchorId) -> VersionedXcm<RuntimeCall> {
	use genochain_primitives::verification::{
		Callback, ProvenanceRequirement, VerifyRequest, VersionedVerifyRequest,
	};
	use polkadot_sdk::staging_xcm::latest::prelude::*;
	let query = RuntimeCall::XcmVerifier(pallet_xcm_verifier::Call::verify {
		query_id: 1,
		callback: Callback { pallet_index: 60, call_index: 1 },
		request: Box::new(VersionedVerifyRequest::V3(VerifyRequest::AnchorExists {
			anchor,
			require: ProvenanceRequirement::Any,
		})),
	});
	let fees: Asset = (Location::here(), genochain_primitives::currency::GENE).into();
	let sibling = Location::new(1, [Parachain(genochain_fuzz::SIBLING)]);
	VersionedXcm::from(Xcm(vec![
		WithdrawAsset(fees.clone().into()),
		BuyExecution { fees, weight_limit: Unlimited },
		Transact {
			origin_kind: OriginKind::Xcm,
			fallback_max_weight: None,
			call: query.encode().into(),
		},
		RefundSurplus,
		DepositAsset { assets: Wild(AllCounted(1)), beneficiary: sibling },
	]))
}
