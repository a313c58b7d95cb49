use super::{
	command::ConsortiumSpecCmd,
	parse, read,
	validate::{format_gene, parse_balance, validate, Consortium, Limits, Problem},
};
use genochain_primitives::currency::{EXISTENTIAL_DEPOSIT, GENE, MILLIGENE};
use polkadot_sdk::sp_keyring::Sr25519Keyring;

/// The template operators start from, which the zombienet rehearsal runs.
const EXAMPLE: &str = include_str!("../../../chain-specs/consortium.example.toml");

const ALICE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
const BOB: &str = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
const COLLATOR_1: &str = "5HpkSdSWmexHdAt6v598tFiryA1nBoZAnGfjndauy9hmQBKF";
const COLLATOR_2: &str = "5DoemFnEJwWtNy8QX4hEH2GVoW4Gowdi1hfDAFdi22nBvaMZ";

/// The example with `from` replaced by `to`, which must occur in it exactly `count` times.
fn edited(edits: &[(&str, &str, usize)]) -> String {
	let mut text = EXAMPLE.to_owned();
	for (from, to, count) in edits {
		assert_eq!(text.matches(from).count(), *count, "`{from}` in the example");
		text = text.replace(from, to);
	}
	text
}

fn problems(text: &str) -> Vec<Problem> {
	problems_within(text, &Limits::of_runtime())
}

fn problems_within(text: &str, limits: &Limits) -> Vec<Problem> {
	let file = parse(text).expect("the file parses");
	validate(file, limits).expect_err("the file has problems").0
}

fn valid(text: &str) -> Consortium {
	read(text).unwrap_or_else(|error| panic!("the file is valid: {error}"))
}

#[test]
fn the_example_is_a_valid_rehearsal_without_warnings() {
	let consortium = valid(EXAMPLE);
	assert_eq!(consortium.para_id, 2000);
	assert_eq!(consortium.relay_chain, "rococo-local");
	assert_eq!(consortium.protocol_id, "genochain");
	assert_eq!(consortium.council.len(), 3);
	assert_eq!(consortium.ethics_committee.len(), 3);
	assert_eq!(consortium.organisations.len(), 3);
	assert_eq!(consortium.collators.len(), 2);
	assert_eq!(consortium.endowments.len(), 9);
	assert_eq!(consortium.total_endowment, 373_000 * GENE);
	assert_eq!(consortium.warnings, Vec::<String>::new());
}

/// The example's spec, built through the runtime wasm as a starting node builds it.
#[test]
fn the_example_builds_the_genesis_it_describes() {
	use genochain_primitives::{consent::Role, traits::Accreditation};
	use genochain_runtime::{
		configs::{CouncilInstance, EthicsCommitteeInstance},
		AccountId, DataMarket, Registry, Runtime,
	};
	use polkadot_sdk::{sp_core::crypto::Ss58Codec, sp_runtime::BuildStorage, *};

	let account = |ss58: &str| AccountId::from_ss58check(ss58).expect("an SS58 address");
	let sorted = |keyrings: &[Sr25519Keyring]| {
		let mut accounts: Vec<AccountId> = keyrings.iter().map(|k| k.to_account_id()).collect();
		accounts.sort();
		accounts
	};
	let spec = super::chain_spec(&valid(EXAMPLE)).expect("the runtime wasm is embedded");
	assert_eq!(spec.id(), "genochain_consortium_rehearsal");
	let storage = spec.build_storage().expect("the runtime builds the genesis");
	sp_io::TestExternalities::new(storage).execute_with(|| {
		use Sr25519Keyring::*;
		assert_eq!(staging_parachain_info::Pallet::<Runtime>::parachain_id(), 2000.into());
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		assert_eq!(
			pallet_collective::Members::<Runtime, CouncilInstance>::get(),
			sorted(&[Alice, Bob, Charlie])
		);
		assert_eq!(
			pallet_collective::Members::<Runtime, EthicsCommitteeInstance>::get(),
			sorted(&[Dave, Eve, Ferdie])
		);
		let mut collators = vec![account(COLLATOR_1), account(COLLATOR_2)];
		collators.sort();
		assert_eq!(pallet_collator_selection::Invulnerables::<Runtime>::get().to_vec(), collators);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 2);
		for (organisation, role) in [
			("5DMG9tEgPqsfJjigUg2PY4G7qeCZZzwRhWMii9mMgNWpKm2d", Role::Lab),
			("5DUCiGuA43seCcwAG9M5J3LrMMof2fjJagwXek4ateweRmtB", Role::Custodian),
			("5CmLBQGhRWACWGaP54tFNfRtzi2SVG1HFqZ3d5KLXRdsDYfr", Role::Researcher),
		] {
			assert!(Registry::has_role(&account(organisation), role), "{role:?}");
		}
		// The endowments, and the existential deposit the data market mints for its treasury.
		assert_eq!(
			pallet_balances::Pallet::<Runtime>::total_issuance(),
			373_000 * GENE + EXISTENTIAL_DEPOSIT
		);
		assert_eq!(
			pallet_balances::Pallet::<Runtime>::free_balance(Alice.to_account_id()),
			100_000 * GENE
		);
		assert!(DataMarket::open_studies(None, u32::MAX).studies.is_empty());
	});
}

#[test]
fn an_unknown_role_is_named() {
	let text = edited(&[(r#"roles = ["lab"]"#, r#"roles = ["sequencer"]"#, 1)]);
	assert_eq!(
		problems(&text),
		vec![Problem::UnknownRole {
			organisation: "Sequencing lab".into(),
			role: "sequencer".into()
		}]
	);
}

#[test]
fn an_organisation_needs_a_role_and_each_role_once() {
	let text = edited(&[
		(r#"roles = ["lab"]"#, "roles = []", 1),
		(r#"roles = ["custodian"]"#, r#"roles = ["custodian", "custodian"]"#, 1),
	]);
	assert_eq!(
		problems(&text),
		vec![
			Problem::NoRole { organisation: "Sequencing lab".into() },
			Problem::DuplicateRole {
				organisation: "Hospital data custodian".into(),
				role: "custodian".into()
			},
		]
	);
}

#[test]
fn a_duplicate_member_names_both_entries() {
	// Bob's Council seat and his endowment both become Alice's.
	let text = edited(&[(BOB, ALICE, 2)]);
	let alice = Sr25519Keyring::Alice.to_account_id().to_string();
	let duplicate = |body, second: &str| Problem::DuplicateMember {
		body,
		account: alice.clone(),
		names: ("Founding hospital A".into(), second.into()),
	};
	assert_eq!(
		problems(&text),
		vec![
			duplicate("council", "Founding hospital B"),
			duplicate("endowments", "Founding hospital B"),
		]
	);
}

#[test]
fn the_councils_committees_and_collators_cannot_be_empty() {
	let text = r#"
		[chain]
		name = "Empty"
		id = "empty"
		para_id = 2000
		relay_chain = "paseo"
	"#;
	assert_eq!(
		problems(text),
		vec![
			Problem::EmptyBody { body: "council" },
			Problem::EmptyBody { body: "ethics committee" },
			Problem::EmptyBody { body: "collators" },
		]
	);
}

#[test]
fn a_body_larger_than_the_runtime_allows_is_refused() {
	let limits = Limits { council: 2, ethics_committee: 3, collators: 1 };
	assert_eq!(
		problems_within(EXAMPLE, &limits),
		vec![
			Problem::TooManyMembers { body: "council", count: 3, max: 2 },
			Problem::TooManyMembers { body: "collators", count: 2, max: 1 },
		]
	);
	// The runtime's own limits.
	let runtime = Limits::of_runtime();
	assert_eq!((runtime.council, runtime.ethics_committee, runtime.collators), (100, 50, 20));
}

#[test]
fn a_collator_without_a_session_key_is_refused() {
	let line = format!("aura = \"{COLLATOR_2}\"      # //Collator-2\n");
	let text = edited(&[(&line, "", 1)]);
	assert_eq!(
		problems(&text),
		vec![Problem::MissingCollatorKey { collator: "collator-2".into() }]
	);
}

#[test]
fn two_collators_cannot_share_a_session_key() {
	let from = format!("aura = \"{COLLATOR_2}\"");
	let to = format!("aura = \"{COLLATOR_1}\"");
	let text = edited(&[(&from, &to, 1)]);
	assert_eq!(
		problems(&text),
		vec![Problem::DuplicateSessionKey {
			key: COLLATOR_1.into(),
			collators: ("collator-1".into(), "collator-2".into())
		}]
	);
}

#[test]
fn an_endowment_below_the_existential_deposit_is_refused() {
	let text = edited(&[(r#"balance = "50000 GENE""#, r#"balance = "0.0005 GENE""#, 1)]);
	assert_eq!(
		problems(&text),
		vec![Problem::EndowmentBelowExistentialDeposit {
			endowment: "University research group".into(),
			balance: "0.0005 GENE".into()
		}]
	);
	// Exactly the existential deposit is kept.
	let text = edited(&[(r#"balance = "50000 GENE""#, r#"balance = "0.001 GENE""#, 1)]);
	assert_eq!(valid(&text).endowments[8].1, EXISTENTIAL_DEPOSIT);
}

#[test]
fn a_balance_needs_a_unit_and_a_number() {
	for (balance, reason) in [
		("100", "no unit; write `GENE` or `planck` after the amount"),
		("100 DOT", "unknown unit `DOT`"),
		("1.0000000000001 GENE", "more than 12 decimals"),
		("one GENE", "`one` is not a whole number"),
		("-5 GENE", "`-5` is not a whole number"),
		("1e3 planck", "`1e3` is not a whole number"),
		("340282366920938463463374607431768211456 planck", "too large for a balance"),
		("340282366920938463463374607431768211455 GENE", "too large for a balance"),
	] {
		let to = format!("balance = \"{balance}\"");
		let text = edited(&[(r#"balance = "50000 GENE""#, &to, 1)]);
		assert_eq!(
			problems(&text),
			vec![Problem::InvalidBalance {
				endowment: "University research group".into(),
				value: balance.into(),
				reason: reason.into()
			}],
			"{balance}"
		);
	}
}

#[test]
fn endowments_that_overflow_a_balance_are_refused() {
	let huge = format!("balance = \"{} planck\"", u128::MAX / 2);
	let text = edited(&[(r#"balance = "100000 GENE""#, &huge, 3)]);
	assert_eq!(problems(&text), vec![Problem::TotalIssuanceOverflow]);
}

#[test]
fn balances_read_and_print_in_gene() {
	assert_eq!(parse_balance("1 GENE"), Ok(GENE));
	assert_eq!(parse_balance("0.001 GENE"), Ok(MILLIGENE));
	assert_eq!(parse_balance("2.5 GENE"), Ok(5 * GENE / 2));
	assert_eq!(parse_balance("000000000001 planck"), Ok(1));
	assert_eq!(parse_balance(" 7 planck "), Ok(7));
	assert_eq!(format_gene(5 * GENE / 2), "2.5 GENE");
	assert_eq!(format_gene(MILLIGENE), "0.001 GENE");
	assert_eq!(format_gene(1), "0.000000000001 GENE");
	assert_eq!(format_gene(373_000 * GENE), "373000 GENE");
}

#[test]
fn the_chain_section_is_checked() {
	let text = edited(&[
		(r#"id = "genochain_consortium_rehearsal""#, r#"id = "Genochain Consortium""#, 1),
		(r#"chain_type = "local""#, r#"chain_type = "testnet""#, 1),
		("para_id = 2000 ", "para_id = 1000 ", 1),
		(r#"relay_chain = "rococo-local""#, r#"relay_chain = " ""#, 1),
		("# boot_nodes", "boot_nodes", 1),
	]);
	let problems = problems(&text);
	assert_eq!(problems.len(), 5, "{problems:?}");
	assert_eq!(problems[0], Problem::UnknownChainType { value: "testnet".into() });
	assert_eq!(problems[1], Problem::InvalidChainId { id: "Genochain Consortium".into() });
	assert_eq!(problems[2], Problem::ReservedParaId { para_id: 1000 });
	assert_eq!(problems[3], Problem::MissingRelayChain);
	assert!(
		matches!(&problems[4], Problem::InvalidBootNode { value, .. } if value.contains("12D3KooW…")),
		"{problems:?}"
	);
	// Whether development keys are allowed depends on the chain type, which is unknown.
	assert!(problems.iter().all(|p| !matches!(p, Problem::DevelopmentKey { .. })));
}

#[test]
fn a_live_chain_refuses_development_keys() {
	let text = edited(&[(r#"chain_type = "local""#, r#"chain_type = "live""#, 1)]);
	let problems = problems(&text);
	// Every account and key of the example: 3 + 3 + 3, 2 collators with their keys, 9 endowments.
	assert_eq!(problems.len(), 22, "{problems:?}");
	assert!(problems.iter().all(|p| matches!(p, Problem::DevelopmentKey { .. })));
	assert_eq!(
		problems[0],
		Problem::DevelopmentKey {
			field: "council[0] `Founding hospital A`.account".into(),
			derivation: "//Alice".into()
		}
	);
	assert!(problems.contains(&Problem::DevelopmentKey {
		field: "collator[1] `collator-2`.aura".into(),
		derivation: "//Collator-2".into()
	}));
	// Without `chain_type`, a chain is live.
	let text =
		edited(&[("chain_type = \"local\"               # \"live\" for the real chain\n", "", 1)]);
	assert_eq!(read(&text).expect_err("development keys").lines().count(), 23);
}

#[test]
fn accounts_and_keys_must_be_ss58_or_32_bytes_of_hex() {
	let alice_hex = format!("0x{}", hex_of(&Sr25519Keyring::Alice.public().0));
	// The same account in hex is still Alice: a duplicate of her Council seat.
	let text = edited(&[(BOB, &alice_hex, 2)]);
	assert!(matches!(&problems(&text)[0], Problem::DuplicateMember { body: "council", .. }));
	let bad_checksum = format!("{}X", &ALICE[..ALICE.len() - 1]);
	for (value, reason) in [
		(bad_checksum.as_str(), "Invalid checksum"),
		("0x1234", "2 bytes instead of 32"),
		("0xzz", "invalid hex character: z, at 2"),
		("bob", "Length is bad"),
	] {
		let to = format!("account = \"{value}\"   # //Bob");
		let text = edited(&[(&format!("account = \"{BOB}\"   # //Bob"), &to, 1)]);
		assert_eq!(
			problems(&text),
			vec![Problem::InvalidAccount {
				field: "council[1] `Founding hospital B`.account".into(),
				value: value.into(),
				reason: reason.into()
			}],
			"{value}"
		);
	}
}

fn hex_of(bytes: &[u8]) -> String {
	bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[test]
fn a_sudo_key_and_unknown_fields_are_refused() {
	let sudo = format!("sudo = \"{ALICE}\"\n{EXAMPLE}");
	let error = parse(&sudo).expect_err("sudo is refused");
	assert!(error.contains("a consortium chain has no sudo key"), "{error}");
	let typo = edited(&[("[[collator]]", "[[colator]]", 2)]);
	let error = parse(&typo).expect_err("an unknown table is refused");
	assert!(error.contains("unknown field `colator`"), "{error}");
	let error = parse("[chain]\nname = 3").expect_err("a wrong type is refused");
	assert!(error.contains("line 2"), "{error}");
}

#[test]
fn every_problem_is_named_at_once() {
	let line = format!("aura = \"{COLLATOR_2}\"      # //Collator-2\n");
	let text = edited(&[
		(r#"roles = ["lab"]"#, r#"roles = ["sequencer"]"#, 1),
		(&line, "", 1),
		(r#"balance = "50000 GENE""#, r#"balance = "0 GENE""#, 1),
	]);
	let error = read(&text).expect_err("three problems");
	assert!(
		error.starts_with("3 problems:\n  - organisation `Sequencing lab`: unknown role"),
		"{error}"
	);
	assert!(error.contains("\n  - collator `collator-2`: no `aura` session key"), "{error}");
	assert!(error.contains("0 GENE is below the existential deposit of 0.001 GENE"), "{error}");
}

#[test]
fn members_without_an_endowment_are_warned_about() {
	let text = edited(&[(
		"[[endowment]]\nname = \"Lay member\"\naccount = \"5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL\"\nbalance = \"1000 GENE\"\n",
		"",
		1,
	)]);
	assert_eq!(
		valid(&text).warnings,
		vec![format!(
			"Ethics Committee member {} has no endowment: it cannot pay fees until someone sends it GENE",
			Sr25519Keyring::Ferdie.to_account_id()
		)]
	);
}

/// A scratch directory of this test's own.
fn scratch(name: &str) -> std::path::PathBuf {
	let directory =
		std::env::temp_dir().join(format!("genochain-consortium-{name}-{}", std::process::id()));
	let _ = std::fs::remove_dir_all(&directory);
	std::fs::create_dir_all(&directory).expect("a scratch directory");
	directory
}

#[test]
fn the_command_writes_the_plain_and_the_raw_spec() {
	let directory = scratch("writes");
	let file = directory.join("consortium.toml");
	std::fs::write(&file, EXAMPLE).expect("the file is written");
	ConsortiumSpecCmd { file, output_dir: directory.clone() }
		.execute()
		.expect("the command succeeds");
	let read_json = |name: &str| -> serde_json::Value {
		let text = std::fs::read_to_string(directory.join(name)).expect("the spec was written");
		serde_json::from_str(&text).expect("the spec is JSON")
	};
	let plain = read_json("genochain_consortium_rehearsal.json");
	assert_eq!(plain["para_id"], 2000);
	assert_eq!(plain["relay_chain"], "rococo-local");
	assert_eq!(plain["chainType"], "Local");
	assert_eq!(plain["bootNodes"], serde_json::json!([]));
	let patch = &plain["genesis"]["runtimeGenesis"]["patch"];
	assert_eq!(patch["parachainInfo"]["parachainId"], 2000);
	assert!(patch.get("sudo").is_none() || patch["sudo"]["key"].is_null(), "{patch}");
	let raw = read_json("genochain_consortium_rehearsal-raw.json");
	assert!(raw["genesis"]["raw"]["top"].as_object().is_some_and(|top| top.len() > 10));
	// Nothing but the two specs and the input.
	let mut names: Vec<String> = std::fs::read_dir(&directory)
		.expect("the directory lists")
		.map(|entry| entry.expect("an entry").file_name().to_string_lossy().into_owned())
		.collect();
	names.sort();
	assert_eq!(
		names,
		[
			"consortium.toml",
			"genochain_consortium_rehearsal-raw.json",
			"genochain_consortium_rehearsal.json"
		]
	);
	let _ = std::fs::remove_dir_all(&directory);
}

#[test]
fn a_refused_file_writes_nothing_and_leaves_earlier_specs_alone() {
	let directory = scratch("refused");
	let file = directory.join("consortium.toml");
	let text = edited(&[(r#"roles = ["lab"]"#, r#"roles = ["sequencer"]"#, 1)]);
	std::fs::write(&file, text).expect("the file is written");
	let earlier = directory.join("genochain_consortium_rehearsal.json");
	std::fs::write(&earlier, "the reviewed spec").expect("an earlier spec");
	let error = ConsortiumSpecCmd { file: file.clone(), output_dir: directory.clone() }
		.execute()
		.expect_err("the file is refused");
	assert!(error.starts_with(&format!("{}: 1 problem:", file.display())), "{error}");
	assert!(error.contains("unknown role `sequencer`"), "{error}");
	assert_eq!(std::fs::read_to_string(&earlier).expect("still there"), "the reviewed spec");
	assert_eq!(std::fs::read_dir(&directory).expect("the directory lists").count(), 2);

	let missing = directory.join("missing.toml");
	let error = ConsortiumSpecCmd { file: missing.clone(), output_dir: directory.clone() }
		.execute()
		.expect_err("a missing file is an error");
	assert!(
		error.starts_with(&format!("cannot read the consortium file {}", missing.display())),
		"{error}"
	);
	// An output directory that does not exist: nothing is written anywhere.
	std::fs::write(&file, EXAMPLE).expect("the file is written");
	let nowhere = directory.join("no-such-directory");
	let error = ConsortiumSpecCmd { file, output_dir: nowhere.clone() }
		.execute()
		.expect_err("the directory is missing");
	assert!(error.starts_with(&format!("cannot write {}", nowhere.display())), "{error}");
	assert_eq!(std::fs::read_dir(&directory).expect("the directory lists").count(), 2);
	let _ = std::fs::remove_dir_all(&directory);
}
