//! `genochain-fuzz-replay [--calls] DIR|FILE…`: runs inputs (a corpus, or a crash) through the
//! runtime harness and prints what they did: blocks, calls, how many succeeded, and the call
//! slowest against its declared weight; with `--calls`, every call dispatched, how often it
//! succeeded and its time against its weight (the median and the largest). A broken invariant panics, naming the
//! block; `GENOCHAIN_FUZZ_TRACE=1` prints each call, its sender and outcome, and each block's
//! events. Built in release (`make fuzz-weights`), its times compare with the weights.

// Sums of counts over a corpus, far from any bound.
#![allow(clippy::arithmetic_side_effects)]

use std::path::PathBuf;

fn main() {
	let mut args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
	let by_call = args.first().is_some_and(|arg| arg == "--calls");
	if by_call {
		args.remove(0);
	}
	let paths: Vec<PathBuf> = args.into_iter().map(PathBuf::from).collect();
	if paths.is_empty() {
		eprintln!("usage: genochain-fuzz-replay [--calls] DIR|FILE…");
		std::process::exit(2);
	}
	let mut inputs = Vec::new();
	for path in paths {
		match std::fs::read_dir(&path) {
			Ok(entries) => inputs.extend(entries.filter_map(Result::ok).map(|e| e.path())),
			Err(_) => inputs.push(path),
		}
	}
	inputs.sort();
	let genesis = genochain_fuzz::dev_genesis();
	let (mut blocks, mut calls, mut succeeded, mut xcm, mut xcm_succeeded) =
		(0u64, 0u64, 0u64, 0u64, 0u64);
	let mut worst: Option<(String, f64, PathBuf)> = None;
	let mut tally = genochain_fuzz::Tally::new();
	let started = std::time::Instant::now();
	for input in &inputs {
		let data = match std::fs::read(input) {
			Ok(data) => data,
			// A running fuzzer replaces inputs of its corpus by shorter ones.
			Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
			Err(e) => panic!("{}: {e}", input.display()),
		};
		let report = genochain_fuzz::run_tallied(&genesis, &data, by_call.then_some(&mut tally));
		blocks += u64::from(report.blocks);
		calls += u64::from(report.calls);
		succeeded += u64::from(report.succeeded);
		xcm += u64::from(report.xcm_processed);
		xcm_succeeded += u64::from(report.xcm_succeeded);
		if let Some((name, ratio)) = report.worst_weight_ratio {
			if worst.as_ref().is_none_or(|(_, w, _)| ratio > *w) {
				worst = Some((name, ratio, input.clone()));
			}
		}
	}
	println!(
		"{} inputs in {:.1} s: {blocks} blocks, {calls} calls ({succeeded} succeeded), {xcm} XCM \
		 messages processed ({xcm_succeeded} whole), every invariant held",
		inputs.len(),
		started.elapsed().as_secs_f64()
	);
	if let Some((name, ratio, input)) = worst {
		println!(
			"slowest against its weight: {name} at {ratio:.3} × its declared time ({})",
			input.display()
		);
	}
	if by_call {
		println!(
			"{:<44} {:>10} {:>10} {:>13} {:>13}",
			"call", "dispatched", "succeeded", "time/weight", "(largest)"
		);
		for (call, stats) in &tally {
			let (median, worst) = stats.median_and_worst_ratio();
			println!(
				"{call:<44} {:>10} {:>10} {median:>13.3} {worst:>13.3}",
				stats.dispatched, stats.succeeded
			);
		}
	}
}
