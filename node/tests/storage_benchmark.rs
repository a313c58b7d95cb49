//! `genochain-node benchmark storage --mode validate-block` from a development build, which leaves
//! out the test runtime that mode runs: a clear refusal, not a panic.

use std::process::Command;

#[test]
fn block_validation_mode_is_refused_by_a_node_built_without_its_runtime() {
	if frame_storage_access_test_runtime::WASM_BINARY.is_some() {
		// Built with the test runtime (not by `make`): the mode runs for real, which takes minutes.
		eprintln!("skipped: this node was built with the storage-access test runtime");
		return;
	}
	let output = Command::new(env!("CARGO_BIN_EXE_genochain-node"))
		.args(["benchmark", "storage", "--dev", "--mode", "validate-block"])
		.output()
		.expect("genochain-node runs");
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert_eq!(output.status.code(), Some(1), "{stderr}");
	assert!(stderr.contains("built without the storage-access test runtime"), "{stderr}");
	assert!(!stderr.contains("panicked"), "{stderr}");
}
