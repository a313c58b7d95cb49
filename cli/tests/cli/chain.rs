//! The commands that talk to a node (`anchor`, `verify --node`) refusing what they cannot use.

use super::*;

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
