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
use genochain_runtime::{AccountId, Runtime, RuntimeCall};
use polkadot_sdk::sp_core::H256;
use polkadot_sdk::staging_xcm::VersionedXcm;

fn account(name: &str) -> AccountId {
	let uri = ORIGINS
		.iter()
		.find(|(origin, _)| *origin == name)
		.map(|(_, uri)| *uri)
		.unwrap_or_else(|| panic!("no origin {name}"));
	genochain_fuzz::account(uri)
}

fn origin(name: &str) -> u8 {
	genochain_fuzz::origin_byte(name).unwrap_or_else(|| panic!("no origin {name}"))
}

/// `DAYS + n` as a step's lapse: `n` days after the call before.
const DAYS: u8 = 200;

/// One input: (how many blocks after the call before, or [`DAYS`] + days; who; what).
fn input(steps: &[(u8, &str, RuntimeCall)]) -> Vec<u8> {
	let mut bytes = Vec::new();
	for (later, who, call) in steps {
		bytes.push(match later.checked_sub(DAYS) {
			Some(days) => genochain_fuzz::lapse_days(days),
			None => genochain_fuzz::lapse(*later),
		});
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
			..terms.clone()
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
	let seeds = seeds
		.into_iter()
		.chain([("guardian", guardian), ("sibling", sibling), ("multisig", multisig())])
		.chain(every_call_journeys(&anchor, &terms));
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

/// A motion of a three-member collective passed by two: proposed (threshold 2) by the first
/// member, voted for by the first and the second, closed by the first. `collective` wraps the
/// collective's calls (`RuntimeCall::Council`, `RuntimeCall::EthicsCommittee`); `index` is its
/// proposal count before the motion.
fn motion<I: 'static>(
	collective: fn(polkadot_sdk::pallet_collective::Call<Runtime, I>) -> RuntimeCall,
	members: [&'static str; 3],
	proposal: RuntimeCall,
	index: u32,
) -> Vec<(u8, &'static str, RuntimeCall)>
where
	Runtime: polkadot_sdk::pallet_collective::Config<I, Proposal = RuntimeCall>,
{
	use polkadot_sdk::{
		frame_support::weights::Weight,
		pallet_collective::Call as Collective,
		sp_runtime::traits::{BlakeTwo256, Hash},
	};
	let length_bound = proposal.encoded_size() as u32;
	let hash = BlakeTwo256::hash_of(&proposal);
	let vote = collective(Collective::vote { proposal: hash, index, approve: true });
	vec![
		(
			0,
			members[0],
			collective(Collective::propose {
				threshold: 2,
				proposal: Box::new(proposal),
				length_bound,
			}),
		),
		(0, members[0], vote.clone()),
		(0, members[1], vote),
		(
			0,
			members[0],
			collective(Collective::close {
				proposal_hash: hash,
				index,
				proposal_weight_bound: Weight::from_parts(1 << 40, 1 << 20),
				length_bound,
			}),
		),
	]
}

/// Journeys that reach every call of Genochain's pallets with arguments that make sense, each
/// governance call through the motion its origin needs: the accreditation registry, consents
/// with approvals and accessions, anchors with attestations, proofs and batches, a study from
/// creation to settlement with a dispute, and redaction by request and by erasure.
fn every_call_journeys(
	anchor: &RuntimeCall,
	terms: &ConsentTerms<AccountId, u32>,
) -> Vec<(&'static str, Vec<u8>)> {
	use genochain_primitives::{
		consent::Role,
		duo::DuoModifier,
		fingerprint::{Batch, VariantProof},
		redaction::RecordRef,
	};
	use pallet_data_market::DisputeVerdict;
	use pallet_genome_anchor::Call as Anchors;
	use pallet_redaction::Call as Redaction;
	const COUNCIL: [&str; 3] = ["Alice", "Bob", "Charlie"];
	let remark = RuntimeCall::System(polkadot_sdk::frame_system::Call::remark { remark: vec![] });
	const ETHICS: [&str; 3] = ["Dave", "Eve", "Ferdie"];
	let (alice, bob, charlie) = (account("Alice"), account("Bob"), account("Charlie"));
	let nobody = account("Nobody");
	let custodian = account("Custodian");
	let roles = |roles: &[Role]| {
		roles.iter().copied().collect::<std::collections::BTreeSet<_>>().try_into().expect("roles")
	};
	let anchor_of = |who: &AccountId| match anchor {
		RuntimeCall::GenomeAnchor(Anchors::anchor { root, .. }) => anchor_id(who, root),
		_ => unreachable!("an anchor call"),
	};
	let registry = [
		vec![
			(
				0,
				"root",
				RuntimeCall::Registry(pallet_registry::Call::accredit {
					organisation: nobody.clone(),
					roles: roles(&[Role::Lab]),
					document_hash: H256::repeat_byte(0x0d),
				}),
			),
			(
				1,
				"root",
				RuntimeCall::Registry(pallet_registry::Call::set_roles {
					organisation: nobody.clone(),
					roles: roles(&[Role::Lab, Role::Custodian]),
				}),
			),
			(
				0,
				"root",
				RuntimeCall::Registry(pallet_registry::Call::suspend {
					organisation: nobody.clone(),
				}),
			),
			(
				1,
				"root",
				RuntimeCall::Registry(pallet_registry::Call::reinstate {
					organisation: nobody.clone(),
				}),
			),
			(
				1,
				"root",
				RuntimeCall::XcmVerifier(pallet_xcm_verifier::Call::allow_sibling {
					sibling: 2002,
				}),
			),
			(
				0,
				"root",
				RuntimeCall::XcmVerifier(pallet_xcm_verifier::Call::disallow_sibling {
					sibling: 2002,
				}),
			),
		],
		motion(
			RuntimeCall::Council,
			COUNCIL,
			RuntimeCall::Registry(pallet_registry::Call::revoke { organisation: nobody }),
			0,
		),
	]
	.concat();

	// A consent that Bob and Charlie are asked to approve (one is enough) and the ethics
	// committee too; an accession the custodian registers, Alice confirms, the custodian removes.
	let mut purpose = terms.purpose.clone();
	purpose.modifiers = vec![DuoModifier::EthicsApprovalRequired].try_into().expect("a modifier");
	let approved = ConsentTerms {
		purpose,
		approvers: vec![bob.clone(), charlie.clone()].try_into().expect("two approvers"),
		approval_threshold: 1,
		..terms.clone()
	};
	let accession = H256::repeat_byte(0xac);
	let consents = [
		vec![
			(0, "Alice", anchor.clone()),
			(0, "Alice", RuntimeCall::Consent(pallet_consent::Call::grant { terms: approved })),
			(1, "Charlie", RuntimeCall::Consent(pallet_consent::Call::reject { consent_id: 0 })),
			(0, "Bob", RuntimeCall::Consent(pallet_consent::Call::approve { consent_id: 0 })),
		],
		motion(
			RuntimeCall::EthicsCommittee,
			ETHICS,
			RuntimeCall::Consent(pallet_consent::Call::approve { consent_id: 0 }),
			0,
		),
		vec![
			(
				1,
				"Custodian",
				RuntimeCall::Consent(pallet_consent::Call::register_accession {
					dataset: accession,
					subject: alice.clone(),
				}),
			),
			(
				1,
				"Alice",
				RuntimeCall::Consent(pallet_consent::Call::confirm_accession {
					dataset: accession,
				}),
			),
			(
				1,
				"Custodian",
				RuntimeCall::Consent(pallet_consent::Call::remove_accession { dataset: accession }),
			),
		],
	]
	.concat();

	// A real scheme-v2 proof (the proof target's seed, written first by scripts/fuzz-seeds.sh)
	// against the root it was made for, anchored by //Alice//stash.
	let proof_seed = std::fs::read(concat!(
		env!("CARGO_MANIFEST_DIR"),
		"/corpus/proof/v2-17-43045712-A-G.scale"
	))
	.expect("the proof seeds are written before the runtime's");
	let leaf_count = u32::from_le_bytes(proof_seed[2..6].try_into().expect("four bytes"));
	let proof_root = H256::from_slice(&proof_seed[6..38]);
	let proof: VariantProof =
		codec::Decode::decode(&mut &proof_seed[38..]).expect("the seed's proof decodes");
	let stash = account("AliceStash");
	let proven = anchor_id(&stash, &proof_root);
	let newer_root = H256::repeat_byte(0x5e);
	// A lab batch commits to the samples' anchor ids (subject and root).
	let sample_roots = [H256::repeat_byte(0xb1), H256::repeat_byte(0xb2)];
	let batch = Batch::new(
		Scheme::V2,
		&[anchor_id(&charlie, &sample_roots[0]), anchor_id(&bob, &sample_roots[1])],
	)
	.expect("a batch");
	let anchors = vec![
		(
			0,
			"AliceStash",
			RuntimeCall::GenomeAnchor(Anchors::anchor {
				root: proof_root,
				leaf_count,
				assembly: Assembly::GRCh38,
				scheme: Scheme::V2,
				custodian: Some(custodian.clone()),
				file_digest: None,
			}),
		),
		(0, "Lab", RuntimeCall::GenomeAnchor(Anchors::attest { anchor: proven })),
		(
			1,
			"Bob",
			RuntimeCall::GenomeAnchor(Anchors::prove_variant {
				anchor: proven,
				proof: Box::new(proof),
			}),
		),
		(0, "Lab", RuntimeCall::GenomeAnchor(Anchors::withdraw_attestation { anchor: proven })),
		(
			1,
			"AliceStash",
			RuntimeCall::GenomeAnchor(Anchors::supersede {
				anchor: proven,
				root: newer_root,
				leaf_count: 10,
				assembly: Assembly::GRCh38,
				scheme: Scheme::V2,
				custodian: None,
				file_digest: None,
			}),
		),
		(
			0,
			"AliceStash",
			RuntimeCall::GenomeAnchor(Anchors::remove { anchor: anchor_id(&stash, &newer_root) }),
		),
		(
			1,
			"Lab",
			RuntimeCall::GenomeAnchor(Anchors::anchor_batch {
				batch_root: batch.root(),
				sample_count: batch.sample_count(),
				assembly: Assembly::GRCh38,
				scheme: Scheme::V2,
			}),
		),
		(
			1,
			"Charlie",
			RuntimeCall::GenomeAnchor(Anchors::claim_from_batch {
				batch: batch.root(),
				sample_root: sample_roots[0],
				leaf_count: 100,
				proof: batch.prove(0).expect("sample 0"),
				custodian: None,
				file_digest: None,
			}),
		),
		(1, "Lab", RuntimeCall::GenomeAnchor(Anchors::remove_batch { batch: batch.root() })),
	];

	// Study 1: Alice is delivered and disputed (the committee pays her), Charlie delivered and
	// settled after the dispute window, Bob enrols and withdraws; then the study closes and
	// Bob's note of taking part is released.
	use pallet_data_market::Call as Market;
	let study = 1;
	let market = [
		motion(
			RuntimeCall::Council,
			COUNCIL,
			RuntimeCall::DataMarket(Market::set_dispute_window { blocks: 20 }),
			0,
		),
		vec![
			(
				1,
				"Researcher",
				RuntimeCall::DataMarket(Market::create_study {
					terms: genochain_runtime::genesis_config_presets::dev_study(),
				}),
			),
			(0, "Alice", anchor.clone()),
			(0, "Bob", anchor.clone()),
			(0, "Charlie", anchor.clone()),
			(
				1,
				"Alice",
				RuntimeCall::DataMarket(Market::enroll {
					study_id: study,
					anchor: anchor_of(&alice),
				}),
			),
			(
				0,
				"Bob",
				RuntimeCall::DataMarket(Market::enroll {
					study_id: study,
					anchor: anchor_of(&bob),
				}),
			),
			(
				0,
				"Charlie",
				RuntimeCall::DataMarket(Market::enroll {
					study_id: study,
					anchor: anchor_of(&charlie),
				}),
			),
			(1, "Bob", RuntimeCall::DataMarket(Market::withdraw { study_id: study })),
			(
				1,
				"Custodian",
				RuntimeCall::DataMarket(Market::confirm_delivery {
					study_id: study,
					contributor: alice.clone(),
				}),
			),
			(
				0,
				"Custodian",
				RuntimeCall::DataMarket(Market::confirm_delivery {
					study_id: study,
					contributor: charlie.clone(),
				}),
			),
			(
				1,
				"Researcher",
				RuntimeCall::DataMarket(Market::dispute {
					study_id: study,
					contributor: alice.clone(),
					reason: H256::repeat_byte(0xd1),
				}),
			),
		],
		motion(
			RuntimeCall::EthicsCommittee,
			ETHICS,
			RuntimeCall::DataMarket(Market::resolve_dispute {
				study_id: study,
				contributor: alice,
				verdict: DisputeVerdict::PayContributor,
			}),
			0,
		),
		vec![
			(
				30,
				"Bob",
				RuntimeCall::DataMarket(Market::settle { study_id: study, contributor: charlie }),
			),
			// Past the enrolment deadline (30 days).
			(DAYS + 8, "Bob", remark.clone()),
			(DAYS + 8, "Bob", remark.clone()),
			(DAYS + 8, "Bob", remark.clone()),
			(
				DAYS + 8,
				"Researcher",
				RuntimeCall::DataMarket(Market::close_study { study_id: study }),
			),
			(
				1,
				"Bob",
				RuntimeCall::DataMarket(Market::release_participation {
					study_id: study,
					contributor: bob.clone(),
				}),
			),
		],
	]
	.concat();

	// Bob asks to redact Alice's anchor, the committee approves, it is enacted after the delay
	// and the custodian confirms; a second request is cancelled, a third rejected. Then Alice's
	// stash erases itself, its custodian stays silent past the confirmation period, is reported
	// and suspended.
	let alices = anchor_of(&account("Alice"));
	let request = |record: RecordRef<AccountId>, byte: u8| {
		RuntimeCall::Redaction(Redaction::request_redaction {
			record,
			reason: H256::repeat_byte(byte),
		})
	};
	let custodian_anchor = RuntimeCall::GenomeAnchor(Anchors::anchor {
		root: H256::repeat_byte(0xe5),
		leaf_count: 50,
		assembly: Assembly::GRCh38,
		scheme: Scheme::V2,
		custodian: Some(custodian.clone()),
		file_digest: None,
	});
	let redaction = [
		vec![(0, "Alice", anchor.clone()), (1, "Bob", request(RecordRef::Anchor(alices), 0x71))],
		motion(
			RuntimeCall::EthicsCommittee,
			ETHICS,
			RuntimeCall::Redaction(Redaction::approve { request: 0 }),
			0,
		),
		vec![
			(DAYS + 3, "Bob", RuntimeCall::Redaction(Redaction::enact { request: 0 })),
			(1, "Custodian", RuntimeCall::Redaction(Redaction::confirm_erasure { case: 0 })),
			// Bob's consent over his own anchor, which Charlie asks to redact twice.
			(0, "Bob", anchor.clone()),
			(
				0,
				"Bob",
				RuntimeCall::Consent(pallet_consent::Call::grant {
					terms: ConsentTerms {
						scope: Scope {
							data: DataScope::Dataset(anchor_of(&bob)),
							..terms.scope.clone()
						},
						valid_until: None,
						..terms.clone()
					},
				}),
			),
			(1, "Charlie", request(RecordRef::Consent(0), 0x72)),
			(0, "Charlie", RuntimeCall::Redaction(Redaction::cancel { request: 1 })),
			(0, "Charlie", request(RecordRef::Consent(0), 0x73)),
		],
		motion(
			RuntimeCall::EthicsCommittee,
			ETHICS,
			RuntimeCall::Redaction(Redaction::reject { request: 2 }),
			1,
		),
		vec![
			(1, "AliceStash", custodian_anchor),
			(1, "AliceStash", RuntimeCall::Redaction(Redaction::erase_me {})),
			// Past the confirmation period (30 days).
			(DAYS + 8, "AliceStash", remark.clone()),
			(DAYS + 8, "AliceStash", remark.clone()),
			(DAYS + 8, "AliceStash", remark.clone()),
			(DAYS + 8, "AliceStash", RuntimeCall::Redaction(Redaction::report_overdue { case: 1 })),
		],
		motion(
			RuntimeCall::EthicsCommittee,
			ETHICS,
			RuntimeCall::Redaction(Redaction::suspend_overdue { case: 1, party: custodian }),
			2,
		),
	]
	.concat();

	vec![
		("registry", input(&registry)),
		("consent-approvals", input(&consents)),
		("anchors-proofs-batches", input(&anchors)),
		("study-dispute-settle", input(&market)),
		("redaction", input(&redaction)),
	]
}

/// Alice's multisig calls: alone with Bob as a co-signatory (threshold 1), then a two-of-two
/// anchor that Bob approves and executes, and one she opens and cancels.
fn multisig() -> Vec<u8> {
	use polkadot_sdk::{
		frame_support::weights::Weight,
		pallet_multisig::{Call as Multisig, Timepoint},
		sp_io::hashing::blake2_256,
	};
	let (alice, bob) = (account("Alice"), account("Bob"));
	let remark = RuntimeCall::System(polkadot_sdk::frame_system::Call::remark { remark: vec![7] });
	// The harness dispatches outside any extrinsic: a multisig's timepoint is its block and 0.
	let at = |height: u32| Timepoint { height, index: 0 };
	let max_weight = Weight::from_parts(1 << 40, 1 << 20);
	input(&[
		(
			0,
			"Alice",
			RuntimeCall::Multisig(Multisig::as_multi_threshold_1 {
				other_signatories: vec![bob.clone()],
				call: Box::new(remark.clone()),
			}),
		),
		(
			0,
			"Alice",
			RuntimeCall::Multisig(Multisig::as_multi {
				threshold: 2,
				other_signatories: vec![bob.clone()],
				maybe_timepoint: None,
				call: Box::new(remark.clone()),
				max_weight,
			}),
		),
		(
			1,
			"Bob",
			RuntimeCall::Multisig(Multisig::as_multi {
				threshold: 2,
				other_signatories: vec![alice.clone()],
				maybe_timepoint: Some(at(1)),
				call: Box::new(remark.clone()),
				max_weight,
			}),
		),
		(
			1,
			"Bob",
			RuntimeCall::Multisig(Multisig::approve_as_multi {
				threshold: 2,
				other_signatories: vec![alice.clone()],
				maybe_timepoint: None,
				call_hash: blake2_256(&remark.encode()),
				max_weight,
			}),
		),
		(
			0,
			"Bob",
			RuntimeCall::Multisig(Multisig::cancel_as_multi {
				threshold: 2,
				other_signatories: vec![alice],
				timepoint: at(3),
				call_hash: blake2_256(&remark.encode()),
			}),
		),
	])
}
