//! `genochain-node consortium-spec` as an operator runs it: the binary, its exit status, what it
//! prints and what it leaves on disk; then the relay chain registration's first step on its
//! output.

use std::{
	path::{Path, PathBuf},
	process::{Command, Output},
};

const NODE: &str = env!("CARGO_BIN_EXE_genochain-node");

fn example() -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR")).join("../chain-specs/consortium.example.toml")
}

fn scratch(name: &str) -> PathBuf {
	let directory = std::env::temp_dir()
		.join(format!("genochain-consortium-cli-{name}-{}", std::process::id()));
	let _ = std::fs::remove_dir_all(&directory);
	std::fs::create_dir_all(&directory).expect("a scratch directory");
	directory
}

fn node(args: &[&str]) -> Output {
	Command::new(NODE).args(args).output().expect("genochain-node runs")
}

fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

fn path(path: &Path) -> &str {
	path.to_str().expect("a UTF-8 path")
}

#[test]
fn the_example_becomes_two_specs_and_a_genesis_head() {
	let directory = scratch("example");
	let output = node(&["consortium-spec", path(&example()), "--output-dir", path(&directory)]);
	assert!(output.status.success(), "{}", text(&output.stderr));
	let stdout = text(&output.stdout);
	assert!(
		stdout.starts_with(
			"Genochain Consortium Rehearsal (genochain_consortium_rehearsal), para 2000 on rococo-local\n  \
			 Council: 3 members; Ethics Committee: 3 members; no sudo"
		),
		"{stdout}"
	);
	assert!(stdout.contains("endowments: 9 accounts, 373000 GENE in all"), "{stdout}");
	assert_eq!(text(&output.stderr), "", "no warnings for the example");
	let raw = directory.join("genochain_consortium_rehearsal-raw.json");
	assert!(directory.join("genochain_consortium_rehearsal.json").is_file());

	// What the relay chain registers: the genesis head of the raw spec, the same every time.
	let head = |raw: &Path| {
		let output = node(&["export-genesis-head", "--chain", path(raw)]);
		assert!(output.status.success(), "{}", text(&output.stderr));
		text(&output.stdout)
	};
	let first = head(&raw);
	assert!(first.starts_with("0x") && first.trim().len() > 66, "{first}");
	assert_eq!(head(&raw), first);
	let _ = std::fs::remove_dir_all(&directory);
}

#[test]
fn a_refused_file_exits_with_every_problem_and_writes_nothing() {
	let directory = scratch("refused");
	let file = directory.join("consortium.toml");
	let example = std::fs::read_to_string(example()).expect("the example");
	let edited = example
		.replace(r#"roles = ["lab"]"#, r#"roles = ["sequencer"]"#)
		.replace(r#"balance = "1000 GENE""#, r#"balance = "0.0001 GENE""#);
	std::fs::write(&file, edited).expect("the file is written");
	let output = node(&["consortium-spec", path(&file), "--output-dir", path(&directory)]);
	assert_eq!(output.status.code(), Some(1));
	let stderr = text(&output.stderr);
	assert!(stderr.starts_with(&format!("Error: {}: 4 problems:\n", file.display())), "{stderr}");
	assert!(stderr.contains("unknown role `sequencer`"), "{stderr}");
	assert_eq!(stderr.matches("is below the existential deposit").count(), 3, "{stderr}");
	assert_eq!(text(&output.stdout), "");
	assert_eq!(std::fs::read_dir(&directory).expect("the directory lists").count(), 1);
	let _ = std::fs::remove_dir_all(&directory);
}

#[test]
fn the_command_has_help_and_refuses_a_missing_argument() {
	let help = node(&["consortium-spec", "--help"]);
	assert!(help.status.success());
	assert!(text(&help.stdout).contains("--output-dir"), "{}", text(&help.stdout));
	let missing = node(&["consortium-spec"]);
	assert_eq!(missing.status.code(), Some(2));
	assert!(text(&missing.stderr).contains("<FILE>"), "{}", text(&missing.stderr));
	// The node's own help names the command.
	let node_help = node(&["--help"]);
	assert!(text(&node_help.stdout).contains("consortium-spec <consortium.toml>"));
}
