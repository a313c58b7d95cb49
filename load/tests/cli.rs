//! The command line's refusals. The tool's run against a dev node is the smoke run of
//! `make test` (`--require-all`, beside the e2e tests).

use std::process::Command;

fn load(arguments: &[&str]) -> (i32, String) {
	let output = Command::new(env!("CARGO_BIN_EXE_genochain-load"))
		.args(arguments)
		.output()
		.expect("genochain-load runs");
	(output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn a_node_elsewhere_is_refused() {
	let (code, stderr) = load(&["--node", "ws://192.0.2.7:9944"]);
	assert_eq!(code, 2, "{stderr}");
	assert!(stderr.contains("ws://192.0.2.7:9944") && stderr.contains("this machine"), "{stderr}");
}

#[test]
fn an_unreachable_node_is_named() {
	// A port nothing listens on.
	let port = std::net::TcpListener::bind("127.0.0.1:0")
		.and_then(|listener| listener.local_addr())
		.map(|address| address.port())
		.expect("a free port");
	let url = format!("ws://127.0.0.1:{port}");
	let (code, stderr) = load(&["--node", &url]);
	assert_eq!(code, 1, "{stderr}");
	assert!(stderr.contains(&url) && stderr.contains("cannot connect"), "{stderr}");
}

#[test]
fn a_bad_rate_is_refused() {
	let (code, stderr) = load(&["--rate", "fast"]);
	assert_eq!(code, 2, "{stderr}");
	assert!(stderr.contains("--rate fast"), "{stderr}");
}
