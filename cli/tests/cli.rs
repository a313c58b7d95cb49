//! The `genochain` binary on the committed fixtures: every command, every refused input with its
//! message, and the runtime accepting what the CLI makes.

use codec::Decode;
use genochain_primitives::fingerprint::{
	parse_allele, Chromosome, Fingerprint, Scheme, Secret, Variant, VariantKey, VariantProof,
	Zygosity,
};
use std::{
	fs,
	os::unix::fs::PermissionsExt,
	path::{Path, PathBuf},
	process::{Command, Output},
};

fn fixture(name: &str) -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn genochain(args: &[&str]) -> Output {
	Command::new(env!("CARGO_BIN_EXE_genochain")).args(args).output().expect("the binary runs")
}

fn stdout(output: &Output) -> String {
	assert!(output.status.success(), "failed: {}", String::from_utf8_lossy(&output.stderr));
	String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
	assert!(!output.status.success(), "succeeded: {}", String::from_utf8_lossy(&output.stdout));
	String::from_utf8_lossy(&output.stderr).into_owned()
}

fn path(p: &Path) -> &str {
	p.to_str().expect("utf-8 paths")
}

/// Fingerprints `input` with the donor's secret into `dir` and returns the JSON report.
fn fingerprint(dir: &Path, input: &Path, extra: &[&str]) -> serde_json::Value {
	let index = dir.join("sample.gnx");
	let secret = fixture("donor.secret");
	let mut args = vec![
		"fingerprint",
		path(input),
		"--secret",
		path(&secret),
		"--index",
		path(&index),
		"--json",
	];
	args.extend_from_slice(extra);
	serde_json::from_str(&stdout(&genochain(&args))).expect("JSON")
}

fn key(chromosome: u8, position: u32, reference: &str, alternate: &str) -> VariantKey {
	VariantKey {
		chromosome: Chromosome::from_number(chromosome).expect("1-25"),
		position,
		reference: parse_allele(reference.as_bytes()).expect("bases"),
		alternate: parse_allele(alternate.as_bytes()).expect("bases"),
	}
}

/// The canonical variants of `sample.vcf`, written out by hand from its records.
fn sample_variants() -> Vec<Variant> {
	use Zygosity::*;
	[
		(key(1, 10_177, "A", "AC"), Heterozygous),
		(key(1, 10_352, "T", "TA"), Homozygous),
		(key(1, 13_116, "T", "G"), Heterozygous),
		(key(1, 14_000, "G", "A"), Heterozygous),
		(key(1, 14_000, "G", "C"), Heterozygous),
		(key(1, 17_000, "A", "T"), Heterozygous),
		(key(1, 17_000, "AT", "A"), Heterozygous),
		(key(2, 500, "C", "T"), Heterozygous),
		(key(2, 900, "G", "A"), Heterozygous),
		(key(17, 43_045_712, "A", "G"), Heterozygous),
		(key(17, 43_045_800, "AT", "A"), Homozygous),
		(key(23, 2_781_479, "G", "A"), Hemizygous),
		(key(24, 2_786_855, "C", "T"), Hemizygous),
		(key(25, 73, "A", "G"), Hemizygous),
	]
	.into_iter()
	.map(|(key, zygosity)| Variant { key, zygosity })
	.collect()
}

fn donor_secret() -> Secret {
	Secret([7; 32])
}

#[test]
fn every_format_and_file_order_gives_the_library_root() {
	let dir = tempfile::tempdir().expect("temp dir");
	let expected = Fingerprint::new(Scheme::V1, &donor_secret(), sample_variants()).expect("valid");
	for input in [
		"sample.vcf",
		"sample.vcf.gz",
		"sample.plain.vcf.gz",
		"sample.bcf",
		"sample_chrM_first.vcf",
	] {
		let report = fingerprint(dir.path(), &fixture(input), &[]);
		assert_eq!(report["root"], format!("{:?}", expected.root()), "{input}");
		assert_eq!(report["leaf_count"], 14, "{input}");
		assert_eq!(report["assembly"], "GRCh38", "{input}");
		assert_eq!(report["sample"], "donor", "{input}");
		assert_eq!(report["skipped_other_contigs"], 2, "{input}");
	}
	let mode = fs::metadata(dir.path().join("sample.gnx")).expect("index").permissions().mode();
	assert_eq!(mode & 0o777, 0o600, "the index holds a genotype");
}

#[test]
fn the_index_defaults_to_the_input_name_and_text_output_is_readable() {
	let dir = tempfile::tempdir().expect("temp dir");
	let input = dir.path().join("donor.vcf.gz");
	fs::copy(fixture("sample.vcf.gz"), &input).expect("copy");
	let text = stdout(&genochain(&[
		"fingerprint",
		path(&input),
		"--secret",
		path(&fixture("donor.secret")),
	]));
	assert!(text.contains("leaves      14"), "{text}");
	assert!(dir.path().join("donor.gnx").exists());
}

#[test]
fn a_multi_sample_file_needs_a_named_sample() {
	let dir = tempfile::tempdir().expect("temp dir");
	let secret = fixture("donor.secret");
	let trio = fixture("trio.vcf");
	let error = stderr(&genochain(&["fingerprint", path(&trio), "--secret", path(&secret)]));
	assert!(
		error.contains(
			"trio.vcf: has 3 samples (mother, father, child); choose one with --sample NAME"
		),
		"{error}"
	);
	let error = stderr(&genochain(&[
		"fingerprint",
		path(&trio),
		"--secret",
		path(&secret),
		"--sample",
		"uncle",
	]));
	assert!(
		error.contains("has no sample named \"uncle\" (samples: mother, father, child)"),
		"{error}"
	);
	let child = fingerprint(dir.path(), &trio, &["--sample", "child"]);
	assert_eq!(child["leaf_count"], 2);
	let mother = fingerprint(dir.path(), &trio, &["--sample", "mother"]);
	assert_eq!(mother["leaf_count"], 1);
}

#[test]
fn the_assembly_comes_from_the_header_or_the_command_line() {
	let dir = tempfile::tempdir().expect("temp dir");
	let secret = fixture("donor.secret");
	let bare = fixture("no_assembly.vcf");
	let error = stderr(&genochain(&["fingerprint", path(&bare), "--secret", path(&secret)]));
	assert!(error.contains("no_assembly.vcf: cannot tell the reference assembly"), "{error}");
	assert_eq!(fingerprint(dir.path(), &bare, &["--assembly", "hg19"])["assembly"], "GRCh37");
	let error = stderr(&genochain(&[
		"fingerprint",
		path(&fixture("sample.vcf")),
		"--secret",
		path(&secret),
		"--assembly",
		"GRCh37",
	]));
	assert!(error.contains("its header describes GRCh38 but --assembly says GRCh37"), "{error}");
}

/// Every bad input stops with its message, names the file and line, and writes no index.
#[test]
fn bad_inputs_are_refused_with_their_line_and_nothing_is_written() {
	let dir = tempfile::tempdir().expect("temp dir");
	let truncated = dir.path().join("truncated.vcf.gz");
	let whole = fs::read(fixture("sample.vcf.gz")).expect("fixture");
	fs::write(&truncated, &whole[..whole.len() - 40]).expect("write");
	let cut_mid_block = dir.path().join("cut.vcf.gz");
	fs::write(&cut_mid_block, &whole[..whole.len() / 2]).expect("write");
	let empty = dir.path().join("empty.vcf");
	fs::write(&empty, b"").expect("write");

	let cases: Vec<(PathBuf, &str)> = vec![
		(fixture("no_header.vcf"), "no_header.vcf: line 1: missing VCF header"),
		(empty, "empty.vcf: is empty: missing VCF header"),
		(fixture("no_samples.vcf"), "no_samples.vcf: has no sample column"),
		(fixture("unsorted.vcf"), "unsorted.vcf: line 19: unsorted: position 10352 comes after 13116 on chromosome 1"),
		(
			fixture("unsorted_chromosomes.vcf"),
			"unsorted_chromosomes.vcf: line 19: unsorted: chromosome 1 appears again after chromosome 2",
		),
		(
			fixture("duplicated.vcf"),
			"duplicated.vcf: line 19: duplicated record: 1:13116:T:G was given before, at line 18",
		),
		(fixture("bad_allele.vcf"), "bad_allele.vcf: line 18: REF allele AXG holds something other than A, C, G, T or N"),
		(fixture("symbolic.vcf"), "symbolic.vcf: line 18: symbolic ALT allele <DEL> cannot be fingerprinted"),
		(fixture("spanning_deletion.vcf"), "spanning_deletion.vcf: line 18: ALT allele * holds something other than A, C, G, T or N"),
		(truncated, "truncated.vcf.gz: truncated bgzip file: the end-of-file block is missing"),
		(cut_mid_block, "cut.vcf.gz: truncated bgzip file"),
		(dir.path().join("missing.vcf"), "missing.vcf: cannot open"),
	];
	let secret = fixture("donor.secret");
	for (input, message) in cases {
		let index = dir.path().join("out.gnx");
		let error = stderr(&genochain(&[
			"fingerprint",
			path(&input),
			"--secret",
			path(&secret),
			"--index",
			path(&index),
		]));
		assert!(error.contains(message), "{}: {error}", input.display());
		assert!(!error.contains("panicked"), "{error}");
		assert!(!index.exists(), "{}: an index was written", input.display());
	}
	let leftovers: Vec<_> = fs::read_dir(dir.path())
		.expect("dir")
		.filter_map(|e| e.ok())
		.map(|e| e.file_name().to_string_lossy().into_owned())
		.filter(|name| name.starts_with(".tmp"))
		.collect();
	assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn a_secret_of_32_raw_bytes_gives_the_root_of_the_same_secret_in_hex() {
	let dir = tempfile::tempdir().expect("temp dir");
	let raw = dir.path().join("raw.secret");
	fs::write(&raw, donor_secret().0).expect("write");
	let sample = fixture("sample.vcf");
	let index = dir.path().join("raw.gnx");
	let with_raw: serde_json::Value = serde_json::from_str(&stdout(&genochain(&[
		"fingerprint",
		path(&sample),
		"--secret",
		path(&raw),
		"--index",
		path(&index),
		"--json",
	])))
	.expect("JSON");
	let with_hex = fingerprint(dir.path(), &sample, &[]);
	assert_eq!(with_raw["root"], with_hex["root"]);
}

#[test]
fn secrets_are_created_once_and_checked_for_length() {
	let dir = tempfile::tempdir().expect("temp dir");
	let secret = dir.path().join("me.secret");
	let created = genochain(&["secret", "new", path(&secret)]);
	assert!(created.status.success());
	let mode = fs::metadata(&secret).expect("written").permissions().mode();
	assert_eq!(mode & 0o777, 0o600);
	let first = fs::read_to_string(&secret).expect("readable");
	assert_eq!(first.trim().len(), 64);
	let error = stderr(&genochain(&["secret", "new", path(&secret)]));
	assert!(error.contains("exists already; a secret is never overwritten"), "{error}");
	assert_eq!(fs::read_to_string(&secret).expect("readable"), first, "untouched");

	let sample = fixture("sample.vcf");
	let error = stderr(&genochain(&[
		"fingerprint",
		path(&sample),
		"--secret",
		path(&fixture("short.secret")),
	]));
	assert!(
		error.contains(
			"short.secret: holds 8 hex digits, not 64; a secret file holds 64 hex digits (as \
			 `genochain secret new` writes them) or the 32 raw bytes"
		),
		"{error}"
	);
	let not_hex = dir.path().join("not-hex.secret");
	fs::write(&not_hex, "zz".repeat(32)).expect("write");
	let error = stderr(&genochain(&["fingerprint", path(&sample), "--secret", path(&not_hex)]));
	assert!(
		error.contains("not-hex.secret: holds 64 bytes that are neither; a secret file holds"),
		"{error}"
	);
}

/// Proves `variant` from the sample's index and returns the proof file's path and JSON.
fn prove(dir: &Path, variant: &str) -> (PathBuf, serde_json::Value) {
	let index = dir.join("sample.gnx");
	let out = dir.join(format!("{}.json", variant.replace(':', "_")));
	let secret = fixture("donor.secret");
	stdout(&genochain(&[
		"prove",
		path(&index),
		"--secret",
		path(&secret),
		"--variant",
		variant,
		"--output",
		path(&out),
	]));
	let json = serde_json::from_str(&fs::read_to_string(&out).expect("written")).expect("JSON");
	(out, json)
}

#[test]
fn proofs_of_presence_and_absence_verify_offline() {
	let dir = tempfile::tempdir().expect("temp dir");
	let report = fingerprint(dir.path(), &fixture("sample.vcf"), &[]);
	let root = report["root"].as_str().expect("root").to_string();

	let (present, json) = prove(dir.path(), "17:43045712:A:G");
	assert_eq!(json["fact"], "carries 17:43045712:A:G heterozygous");
	let (absent, json) = prove(dir.path(), "chr17:43045713:A:G");
	assert_eq!(json["fact"], "does not carry 17:43045713:A:G");
	let (_, json) = prove(dir.path(), "1:1:A:G");
	assert_eq!(json["fact"], "does not carry 1:1:A:G");
	let (_, json) = prove(dir.path(), "MT:16000:A:G");
	assert_eq!(json["fact"], "does not carry MT:16000:A:G");

	for proof in [&present, &absent] {
		let text = stdout(&genochain(&["verify", path(proof), "--root", &root]));
		assert!(text.starts_with("valid: the genome under"), "{text}");
	}
	let other_root = format!("0x{}", "11".repeat(32));
	let error = stderr(&genochain(&["verify", path(&present), "--root", &other_root]));
	assert!(error.contains("INVALID: the proof does not hold"), "{error}");

	// A proof file whose stated fact was edited.
	let mut edited: serde_json::Value =
		serde_json::from_str(&fs::read_to_string(&present).expect("read")).expect("JSON");
	edited["fact"] = "carries 17:43045712:A:G homozygous".into();
	let edited_path = dir.path().join("edited.json");
	fs::write(&edited_path, edited.to_string()).expect("write");
	let error = stderr(&genochain(&["verify", path(&edited_path), "--root", &root]));
	assert!(
		error.contains("INVALID: the proof shows \"carries 17:43045712:A:G heterozygous\""),
		"{error}"
	);

	// A proof whose bytes were tampered with.
	let mut tampered = edited.clone();
	tampered["fact"] = "carries 17:43045712:A:G heterozygous".into();
	let bytes = tampered["proof"].as_str().expect("hex").to_string();
	let flipped =
		format!("{}{}", &bytes[..bytes.len() - 1], if bytes.ends_with('0') { "1" } else { "0" });
	tampered["proof"] = flipped.into();
	fs::write(&edited_path, tampered.to_string()).expect("write");
	let error = stderr(&genochain(&["verify", path(&edited_path), "--root", &root]));
	assert!(error.contains("INVALID"), "{error}");
}

#[test]
fn proving_needs_the_right_secret_and_a_well_formed_variant() {
	let dir = tempfile::tempdir().expect("temp dir");
	fingerprint(dir.path(), &fixture("sample.vcf"), &[]);
	let index = dir.path().join("sample.gnx");
	let other = dir.path().join("other.secret");
	stdout(&genochain(&["secret", "new", path(&other)]));
	let error = stderr(&genochain(&[
		"prove",
		path(&index),
		"--secret",
		path(&other),
		"--variant",
		"17:43045712:A:G",
	]));
	assert!(error.contains("the secret is not the one"), "{error}");
	let secret = fixture("donor.secret");
	for (variant, message) in [
		("17:43045712:A", "expected four fields"),
		("17:43045712:A:Q", "ALT allele Q holds something other than A, C, G, T or N"),
		("GL000192.1:5:A:G", "is not one of chromosomes 1-22, X, Y, MT"),
		("17:0:A:G", "positions start at 1"),
		("17:5:A:A", "ALT equals REF"),
	] {
		let error = stderr(&genochain(&[
			"prove",
			path(&index),
			"--secret",
			path(&secret),
			"--variant",
			variant,
		]));
		assert!(error.contains(message), "{variant}: {error}");
	}
	let error = stderr(&genochain(&[
		"prove",
		path(&fixture("sample.vcf")),
		"--secret",
		path(&secret),
		"--variant",
		"1:1:A:G",
	]));
	assert!(error.contains("is not a genochain index"), "{error}");
	let damaged = dir.path().join("damaged.gnx");
	let bytes = fs::read(&index).expect("index");
	fs::write(&damaged, &bytes[..bytes.len() - 3]).expect("write");
	let error = stderr(&genochain(&[
		"prove",
		path(&damaged),
		"--secret",
		path(&secret),
		"--variant",
		"1:1:A:G",
	]));
	assert!(error.contains("the index is damaged"), "{error}");
}

/// The runtime, built from the same primitives, accepts the CLI's root and proofs and proves the
/// same facts: one implementation, bit for bit.
#[test]
fn the_runtime_accepts_what_the_cli_makes() {
	use genochain_runtime::{GenomeAnchor, RuntimeEvent, RuntimeOrigin, System};
	use polkadot_sdk::{
		frame_support::traits::fungible::Mutate, sp_core::H256, sp_io::TestExternalities,
		sp_runtime::BuildStorage,
	};

	let dir = tempfile::tempdir().expect("temp dir");
	let report = fingerprint(dir.path(), &fixture("sample.bcf"), &[]);
	let root: H256 = report["root"].as_str().expect("root").parse().expect("hex root");
	let proofs: Vec<(VariantProof, String)> = ["17:43045712:A:G", "2:700:A:G", "X:2781479:G:A"]
		.into_iter()
		.map(|variant| {
			let (_, json) = prove(dir.path(), variant);
			let hex = json["proof"].as_str().expect("hex").trim_start_matches("0x").to_string();
			let bytes = hex::decode(hex).expect("hex");
			(
				VariantProof::decode(&mut bytes.as_slice()).expect("a proof"),
				json["fact"].as_str().expect("fact").into(),
			)
		})
		.collect();

	let storage =
		genochain_runtime::RuntimeGenesisConfig::default().build_storage().expect("genesis");
	TestExternalities::new(storage).execute_with(|| {
		System::set_block_number(1);
		let subject = genochain_runtime::AccountId::from([1; 32]);
		<genochain_runtime::Balances as Mutate<_>>::mint_into(
			&subject,
			1_000 * genochain_primitives::currency::GENE,
		)
		.expect("minted");
		GenomeAnchor::anchor(
			RuntimeOrigin::signed(subject.clone()),
			root,
			14,
			genochain_primitives::fingerprint::Assembly::GRCh38,
			Scheme::V1,
			None,
			None,
		)
		.expect("the CLI's root anchors");
		for (proof, fact) in proofs {
			GenomeAnchor::prove_variant(
				RuntimeOrigin::signed(subject.clone()),
				genochain_primitives::anchor::anchor_id(&subject, &root),
				Box::new(proof),
			)
			.expect("the CLI's proof holds on chain");
			let Some(RuntimeEvent::GenomeAnchor(pallet_genome_anchor::Event::VariantProven {
				fact: proven,
				..
			})) = System::events().pop().map(|record| record.event)
			else {
				panic!("no VariantProven event");
			};
			assert_eq!(genochain_cli::proof::show_fact(&proven), fact);
		}
	});
}

#[test]
fn chain_commands_name_the_node_or_key_they_cannot_use() {
	let dir = tempfile::tempdir().expect("temp dir");
	fingerprint(dir.path(), &fixture("sample.vcf"), &[]);
	let index = dir.path().join("sample.gnx");
	let (proof, _) = prove(dir.path(), "17:43045712:A:G");
	let anchor = |extra: &[&str]| {
		let mut args = vec!["anchor", path(&index)];
		args.extend_from_slice(extra);
		stderr(&genochain(&args))
	};

	// Nothing listens on port 1.
	let refused = anchor(&["--suri", "//Alice", "--node", "ws://127.0.0.1:1"]);
	assert!(
		refused.contains("the node at ws://127.0.0.1:1: cannot connect")
			&& refused.contains("Connection refused"),
		"{refused}"
	);
	const ALICE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
	let refused = stderr(&genochain(&[
		"verify",
		path(&proof),
		"--node",
		"ws://127.0.0.1:1",
		"--subject",
		ALICE,
	]));
	assert!(refused.contains("the node at ws://127.0.0.1:1: cannot connect"), "{refused}");
	// On chain, a proof is checked against one subject's anchor: the subject must be named.
	let whose = stderr(&genochain(&["verify", path(&proof), "--node", "ws://127.0.0.1:1"]));
	assert!(whose.contains("--subject"), "{whose}");
	let not_address = stderr(&genochain(&[
		"verify",
		path(&proof),
		"--node",
		"ws://127.0.0.1:1",
		"--subject",
		"Alice",
	]));
	assert!(not_address.contains("--subject Alice: not an SS58 address"), "{not_address}");

	// A key that is not a secret URI is refused before any connection, and never echoed.
	let wrong_key = anchor(&["--suri", "correct horse battery", "--node", "ws://127.0.0.1:1"]);
	assert!(wrong_key.starts_with("genochain: error: --suri: "), "{wrong_key}");
	assert!(!wrong_key.contains("horse"), "the secret URI is echoed: {wrong_key}");
	let from_environment = Command::new(env!("CARGO_BIN_EXE_genochain"))
		.args(["anchor", path(&index), "--node", "ws://127.0.0.1:1"])
		.env("GENOCHAIN_SURI", "0x1234")
		.output()
		.expect("the binary runs");
	let from_environment = stderr(&from_environment);
	assert!(from_environment.contains("--suri: Cannot parse hex string"), "{from_environment}");

	// Plain-text connections leave this machine only by mistake; addresses must be URLs.
	let insecure = anchor(&["--suri", "//Alice", "--node", "ws://node.example.org:9944"]);
	assert!(insecure.contains("use wss:// for a remote node"), "{insecure}");
	let not_url = anchor(&["--suri", "//Alice", "--node", "127.0.0.1:9944"]);
	assert!(not_url.contains("not a node address"), "{not_url}");

	let custodian = anchor(&["--suri", "//Alice", "--custodian", "5Grw"]);
	assert!(custodian.contains("--custodian 5Grw: not an SS58 address"), "{custodian}");
	let digest = anchor(&["--suri", "//Alice", "--file-digest", "0x12"]);
	assert!(digest.contains("--file-digest 0x12: expected 32 bytes"), "{digest}");

	// Offline verification needs the root to check against.
	let no_root = stderr(&genochain(&["verify", path(&proof)]));
	assert!(no_root.contains("--root"), "{no_root}");
}
