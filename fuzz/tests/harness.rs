//! The harness itself: the committed seed corpus runs with every invariant holding and most of
//! its calls succeeding (so the seeds reach the pallets), and calls that would rewrite the runtime
//! are skipped however deeply they are nested.

use genochain_runtime::RuntimeCall;
use polkadot_sdk::{
	frame_support::traits::Get, frame_system, pallet_collator_selection, pallet_proxy,
	pallet_utility,
};

#[test]
fn the_seed_corpus_runs_and_reaches_the_pallets() {
	let genesis = genochain_fuzz::dev_genesis();
	let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/runtime");
	let mut seeds: Vec<_> = std::fs::read_dir(&corpus)
		.expect("the committed corpus")
		.filter_map(Result::ok)
		.map(|entry| entry.path())
		.collect();
	seeds.sort();
	assert!(seeds.len() >= 6, "{seeds:?}");
	for seed in seeds {
		let report = genochain_fuzz::run(&genesis, &std::fs::read(&seed).expect("a seed"));
		let name = seed.file_name().and_then(|n| n.to_str()).unwrap_or_default();
		match name {
			// The guardian's calls go through its proxy and succeed.
			"guardian.bin" => assert_eq!(report.succeeded, 3, "{name}: {report:?}"),
			// The sibling's query is executed whole by the message queue.
			"sibling.bin" => {
				assert_eq!((report.xcm_processed, report.xcm_succeeded), (1, 1), "{report:?}")
			}
			_ => {
				assert!(report.calls >= 4, "{name}: {report:?}");
				assert!(report.succeeded * 2 > report.calls, "{name}: {report:?}");
			}
		}
	}
}

#[test]
fn calls_that_rewrite_the_runtime_are_skipped_at_any_depth() {
	let set_code = RuntimeCall::System(frame_system::Call::set_code { code: vec![1, 2, 3] });
	let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![1] });
	assert!(!genochain_fuzz::allowed(&set_code, false));
	let force_issuance =
		RuntimeCall::Balances(polkadot_sdk::pallet_balances::Call::force_adjust_total_issuance {
			direction: polkadot_sdk::pallet_balances::AdjustmentDirection::Increase,
			delta: 37,
		});
	assert!(!genochain_fuzz::allowed(&force_issuance, true));
	assert!(genochain_fuzz::allowed(&remark, false));
	let batched = RuntimeCall::Utility(pallet_utility::Call::batch {
		calls: vec![remark.clone(), set_code.clone()],
	});
	assert!(!genochain_fuzz::allowed(&batched, false));
	let proxied = RuntimeCall::Proxy(pallet_proxy::Call::proxy {
		real: polkadot_sdk::sp_runtime::AccountId32::new([1; 32]).into(),
		force_proxy_type: None,
		call: Box::new(batched),
	});
	assert!(!genochain_fuzz::allowed(&proxied, false));
	assert!(genochain_fuzz::allowed(
		&RuntimeCall::Utility(pallet_utility::Call::batch { calls: vec![remark] }),
		false
	));
}

/// Fuzzing finding 3: the runtime's call filter refuses more desired collator candidates than
/// collator selection allows from every origin but root, which bypasses filters; the harness keeps
/// root to the same limit, in batches too.
#[test]
fn root_is_kept_to_the_limits_the_call_filter_sets_for_everyone_else() {
	let limit: u32 =
		<genochain_runtime::Runtime as pallet_collator_selection::Config>::MaxCandidates::get();
	let desired = |max| {
		RuntimeCall::CollatorSelection(pallet_collator_selection::Call::set_desired_candidates {
			max,
		})
	};
	let above = limit.saturating_add(1);
	assert!(genochain_fuzz::allowed(&desired(limit), true));
	assert!(!genochain_fuzz::allowed(&desired(above), true));
	let batched = RuntimeCall::Utility(pallet_utility::Call::batch_all {
		calls: vec![desired(limit), desired(above)],
	});
	assert!(!genochain_fuzz::allowed(&batched, true));
	// Signed origins meet the runtime's filter itself.
	assert!(genochain_fuzz::allowed(&batched, false));
}

#[test]
fn bytes_that_do_not_decode_end_the_input_quietly() {
	let genesis = genochain_fuzz::dev_genesis();
	let report = genochain_fuzz::run(&genesis, &[0, 0, 0xff, 0xff, 0xff]);
	assert_eq!(report.calls, 0);
	assert_eq!(report.blocks, 1);
}

/// The inputs of past findings (`fuzz/regressions/runtime/`, each named after what it found) run
/// with every invariant holding.
#[test]
fn past_findings_no_longer_fail() {
	let genesis = genochain_fuzz::dev_genesis();
	let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("regressions/runtime");
	let Ok(entries) = std::fs::read_dir(&dir) else { return };
	for path in entries.filter_map(Result::ok).map(|entry| entry.path()) {
		eprintln!("{}", path.display());
		genochain_fuzz::run(&genesis, &std::fs::read(&path).expect("a finding"));
	}
}
