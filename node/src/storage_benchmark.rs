//! `benchmark storage --mode validate-block` runs a small test runtime's wasm, which the
//! development build leaves out: `make build` and `make test` set
//! `SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD` (about four minutes of a cold build, for a
//! benchmark mode that neither uses; docs/BUILD.md). A node built so says what is missing instead
//! of panicking inside the benchmark.

use std::ffi::OsString;

/// Why the command in `args` (the process's arguments) cannot run in this binary, if it cannot.
pub fn unavailable(args: &[OsString]) -> Option<String> {
	if !is_block_validation(args) || frame_storage_access_test_runtime::WASM_BINARY.is_some() {
		return None;
	}
	Some(
		"this genochain-node was built without the storage-access test runtime that `benchmark \
		 storage --mode validate-block` runs (the development build, `make build`, skips it). \
		 Build the node with `cargo build --release -p genochain-node`, with neither \
		 SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD nor SKIP_WASM_BUILD set, for this mode"
			.to_owned(),
	)
}

/// Whether `args` run the storage benchmark in its block-validation mode.
fn is_block_validation(args: &[OsString]) -> bool {
	let pairs = || args.iter().zip(args.iter().skip(1));
	let storage_benchmark =
		pairs().any(|(command, sub)| command == "benchmark" && sub == "storage");
	let validation_mode = pairs()
		.any(|(flag, value)| flag == "--mode" && value == "validate-block")
		|| args.iter().any(|arg| arg == "--mode=validate-block");
	storage_benchmark && validation_mode
}

#[cfg(test)]
mod tests {
	use super::is_block_validation;
	use std::ffi::OsString;

	fn args(line: &str) -> Vec<OsString> {
		line.split(' ').map(OsString::from).collect()
	}

	#[test]
	fn block_validation_is_recognised_in_both_spellings_of_the_flag() {
		assert!(is_block_validation(&args(
			"genochain-node benchmark storage --mode validate-block"
		)));
		assert!(is_block_validation(&args(
			"genochain-node benchmark storage --mode=validate-block"
		)));
		assert!(is_block_validation(&args(
			"genochain-node benchmark storage --dev --state-version 1 --mode validate-block"
		)));
	}

	#[test]
	fn other_commands_and_modes_are_left_to_the_node() {
		assert!(!is_block_validation(&args("genochain-node benchmark storage --dev")));
		assert!(!is_block_validation(&args(
			"genochain-node benchmark storage --mode import-block"
		)));
		assert!(!is_block_validation(&args(
			"genochain-node benchmark pallet --mode validate-block"
		)));
		assert!(!is_block_validation(&args("genochain-node --dev")));
	}
}
