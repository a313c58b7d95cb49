//! libFuzzer's runtime target: each input is a chain of blocks of calls ([`genochain_fuzz::run`]),
//! run from the development genesis; a broken invariant or a panic anywhere is a crash.

#![no_main]
// libFuzzer calls into the target through the exported symbols `fuzz_target!` declares.
#![allow(unsafe_code)]

use std::sync::OnceLock;

static GENESIS: OnceLock<genochain_fuzz::Genesis> = OnceLock::new();

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
	let genesis = GENESIS.get_or_init(genochain_fuzz::dev_genesis);
	genochain_fuzz::run(genesis, data);
});
