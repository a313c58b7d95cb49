//! What a populated chain costs (`--populate`, issue 28's scale measures): the node's database on
//! disk and its memory, what the runtime API calls that apps make take at that size, and how
//! long the node took to execute the blocks that made the population, early and late in it.
//!
//! The calls are made over RPC (`state_call`), as an app makes them: their times include the RPC
//! round trip on this machine. Each is made [`CALLS`] times in a row; the median and the largest
//! are reported with the answer's size and what it holds.
//!
//! Block execution is read from the node's log: a development node logs the time it took to
//! build each block (`Prepared block for proposing at N (T ms)`), which is executing its
//! extrinsics on the parent's state and computing the new state root, what a node importing the
//! block does again. (Its own blocks it imports without executing them again.) Set against the
//! records each block took, the blocks of the population's first and last quarters say whether a
//! record costs more on a larger state. The node's `benchmark block` command would execute blocks
//! again from the database, but fails on a development chain's blocks here ("Storage root must
//! match that calculated"), so it is not used.

use crate::{
	chain::{AccountId, Node},
	scenario::Populated,
	LoadError,
};
use codec::{Compact, Decode, Encode};
use genochain_primitives::{
	anchor::AnchorId,
	consent::{AccessRefusal, ConsentId, DataCategory},
	duo::{DuoPermission, RequestedUse},
	market::StudyId,
};
use std::{
	collections::BTreeMap,
	fmt::Write as _,
	path::Path,
	time::{Duration, Instant},
};

/// Times each runtime API call is made.
pub const CALLS: usize = 25;

/// One runtime API call at the populated size.
pub struct ApiCall {
	/// As an app names it: `consentApi.consentsOf(first holder)`.
	pub name: String,
	/// What the answer holds, e.g. `128 consents`.
	pub answer: String,
	pub bytes: usize,
	pub median: Duration,
	pub largest: Duration,
}

/// What the populated state costs the node.
pub struct StateCost {
	/// The node's database directory, in bytes.
	pub database: Option<u64>,
	/// The node process's resident memory now, and at most so far.
	pub resident: Option<(u64, u64)>,
	pub calls: Vec<ApiCall>,
}

/// Measures the runtime API calls on `populated`'s records at the node's best block, and what
/// the node takes on this machine: `database` (its `--base-path`) and `process` (its pid).
pub async fn measure(
	node: &Node,
	populated: &Populated,
	database: Option<&Path>,
	process: Option<u32>,
) -> Result<StateCost, LoadError> {
	let holder = populated.first_holder;
	let researcher = populated.researcher;
	let mut calls = vec![
		time(
			node,
			"consentApi.consentsOf(first holder)",
			"ConsentApi_consents_of",
			holder.encode(),
			|answer| count(answer, "consents"),
		)
		.await?,
		time(
			node,
			"consentApi.consentsTo(researcher, null, 256)",
			"ConsentApi_consents_to",
			(researcher, None::<ConsentId>, 256u32).encode(),
			|answer| count(answer, "consents"),
		)
		.await?,
		time(
			node,
			"anchorApi.anchorsOf(first holder)",
			"AnchorApi_anchors_of",
			holder.encode(),
			|answer| count(answer, "anchors"),
		)
		.await?,
		time(
			node,
			"marketApi.openStudies(null, 256)",
			"MarketApi_open_studies",
			(None::<StudyId>, 256u32).encode(),
			|answer| count(answer, "open studies"),
		)
		.await?,
	];
	if let Some(dataset) = populated.first_anchor {
		calls.push(check_access(node, researcher, holder, dataset).await?);
	}
	Ok(StateCost {
		database: database.map(directory_bytes),
		resident: process.and_then(resident_bytes),
		calls,
	})
}

/// `consentApi.checkAccess` of the researcher to the first holder's first anchor, which its
/// consents cover.
async fn check_access(
	node: &Node,
	researcher: AccountId,
	holder: AccountId,
	dataset: AnchorId,
) -> Result<ApiCall, LoadError> {
	let arguments = (
		researcher,
		holder,
		dataset,
		DataCategory::Variants,
		RequestedUse::research(DuoPermission::HealthMedicalBiomedical),
	)
		.encode();
	time(
		node,
		"consentApi.checkAccess(researcher, first holder, its anchor)",
		"ConsentApi_check_access",
		arguments,
		|answer| match Result::<ConsentId, AccessRefusal>::decode(&mut &answer[..]) {
			Ok(Ok(consent)) => format!("allowed by consent {consent}"),
			Ok(Err(refusal)) => format!("refused: {refusal:?}"),
			Err(e) => format!("unreadable: {e}"),
		},
	)
	.await
}

/// Makes the call `CALLS` times; `describe` says what its answer holds.
async fn time(
	node: &Node,
	name: &str,
	method: &str,
	arguments: Vec<u8>,
	describe: impl Fn(&[u8]) -> String,
) -> Result<ApiCall, LoadError> {
	let mut times = Vec::with_capacity(CALLS);
	let mut answer = Vec::new();
	for _ in 0..CALLS {
		let started = Instant::now();
		answer = node.runtime_call(method, &arguments).await?;
		times.push(started.elapsed());
	}
	times.sort();
	Ok(ApiCall {
		name: name.into(),
		answer: describe(&answer),
		bytes: answer.len(),
		median: times.get(times.len().checked_div(2).unwrap_or(0)).copied().unwrap_or_default(),
		largest: times.last().copied().unwrap_or_default(),
	})
}

/// The length of the list an answer starts with.
fn count(answer: &[u8], what: &str) -> String {
	match Compact::<u32>::decode(&mut &answer[..]) {
		Ok(Compact(n)) => format!("{n} {what}"),
		Err(e) => format!("unreadable: {e}"),
	}
}

/// The bytes of the files under `directory`.
pub fn directory_bytes(directory: &Path) -> u64 {
	let Ok(entries) = std::fs::read_dir(directory) else { return 0 };
	entries
		.flatten()
		.map(|entry| match entry.file_type() {
			Ok(kind) if kind.is_dir() => directory_bytes(&entry.path()),
			Ok(kind) if kind.is_file() => entry.metadata().map(|m| m.len()).unwrap_or(0),
			_ => 0,
		})
		.fold(0, u64::saturating_add)
}

/// The resident memory of process `pid` now and its peak (`VmRSS`, `VmHWM`), in bytes; Linux.
pub fn resident_bytes(pid: u32) -> Option<(u64, u64)> {
	let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
	let field = |name: &str| -> Option<u64> {
		let line = status.lines().find(|line| line.starts_with(name))?;
		let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
		kib.checked_mul(1024)
	};
	Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// One of the population's blocks, as the node's log says it built it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Built {
	pub number: u64,
	/// The time the node took to build it.
	pub took: Duration,
	/// The population's records in it.
	pub records: usize,
}

/// The blocks that made the population, with their building times from the node's `log`; a
/// block built twice (the node restarted) counts as last built.
pub fn building_times(log: &str, populated: &Populated) -> Vec<Built> {
	let built: BTreeMap<u64, Duration> = log.lines().filter_map(parse_prepared).collect();
	populated
		.records_in_blocks
		.iter()
		.filter_map(|(number, records)| {
			built.get(number).map(|took| Built { number: *number, took: *took, records: *records })
		})
		.collect()
}

/// Reads `🎁 Prepared block for proposing at 18 (336 ms) hash: …`.
fn parse_prepared(line: &str) -> Option<(u64, Duration)> {
	const MARK: &str = "Prepared block for proposing at ";
	let rest = line.get(line.find(MARK)?.saturating_add(MARK.len())..)?;
	let (number, rest) = rest.split_once(" (")?;
	let (millis, _) = rest.split_once(" ms)")?;
	Some((number.trim().parse().ok()?, Duration::from_millis(millis.trim().parse().ok()?)))
}

/// The building time of a share of the population's blocks: how many, their records and time.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Span {
	pub blocks: usize,
	pub records: usize,
	pub took: Duration,
}

impl Span {
	fn of(blocks: &[Built]) -> Self {
		blocks.iter().fold(Span::default(), |span, block| Span {
			blocks: span.blocks.saturating_add(1),
			records: span.records.saturating_add(block.records),
			took: span.took.saturating_add(block.took),
		})
	}

	/// Microseconds a record.
	pub fn per_record(&self) -> f64 {
		self.took.as_secs_f64() * 1e6 / (self.records.max(1) as f64)
	}
}

/// The first and the last quarter of `blocks` (in block order).
pub fn quarters(blocks: &[Built]) -> (Span, Span) {
	let quarter = blocks.len().div_ceil(4);
	let first = blocks.get(..quarter).unwrap_or_default();
	let last = blocks.get(blocks.len().saturating_sub(quarter)..).unwrap_or_default();
	(Span::of(first), Span::of(last))
}

/// The report of a population and what it costs.
pub fn report(populated: &Populated, cost: &StateCost, built: &[Built]) -> String {
	let mut out = String::new();
	let p = &populated.population;
	let _ = writeln!(
		out,
		"populated: {} anchors, {} consents, {} studies ({} holders) in {:.1} s ({:.1} s making \
		 records, funding left out): {:.1} records a second, blocks #{} to #{}, at most {} \
		 records in one block",
		p.anchors,
		p.consents,
		p.studies,
		populated.holders,
		populated.wall.as_secs_f64(),
		populated.elapsed.as_secs_f64(),
		populated.per_second(),
		populated.blocks.0,
		populated.blocks.1,
		populated.most_in_a_block
	);
	let _ = writeln!(
		out,
		"  what a record took from its holder (deposits, the tombstone fund, fees): an anchor {} \
		 planck, a consent {} planck",
		populated.prices.anchor, populated.prices.consent
	);
	match cost.database {
		Some(bytes) => {
			let _ = writeln!(out, "  the node's database: {:.1} MiB", mib(bytes));
		}
		None => {
			let _ = writeln!(out, "  the node's database: not known (not a node this run started)");
		}
	}
	if let Some((now, peak)) = cost.resident {
		let _ = writeln!(
			out,
			"  the node's resident memory: {:.1} MiB (peak {:.1} MiB)",
			mib(now),
			mib(peak)
		);
	}
	let _ =
		writeln!(out, "  runtime API calls, {CALLS} times each over RPC: median, largest, answer");
	for call in &cost.calls {
		let _ = writeln!(
			out,
			"    {:<66} {:>8.2} ms {:>8.2} ms  {} bytes: {}",
			call.name,
			call.median.as_secs_f64() * 1e3,
			call.largest.as_secs_f64() * 1e3,
			call.bytes,
			call.answer
		);
	}
	if built.is_empty() {
		let _ = writeln!(out, "  block building: not known (not a node this run started)");
	} else {
		let (first, last) = quarters(built);
		let fullest = built.iter().max_by_key(|block| (block.records, block.took));
		let _ = writeln!(
			out,
			"  block building (the node's log), a record: {:.0} µs in the population's first \
			 quarter of blocks ({} blocks, {} records), {:.0} µs in its last ({} blocks, {} records)",
			first.per_record(),
			first.blocks,
			first.records,
			last.per_record(),
			last.blocks,
			last.records
		);
		if let Some(block) = fullest {
			let _ = writeln!(
				out,
				"  the fullest block, #{}: {} records built in {} ms",
				block.number,
				block.records,
				block.took.as_millis()
			);
		}
	}
	out
}

fn mib(bytes: u64) -> f64 {
	bytes as f64 / (1024.0 * 1024.0)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn building_times_are_read_from_the_nodes_log_for_the_populations_blocks() {
		let log = "\
2026-12-06 16:54:36 🎁 Prepared block for proposing at 17 (135 ms) hash: 0x81b2; end: NoMoreTransactions
2026-12-06 16:54:36 🏆 Imported #17 (0x554a…bc2a → 0x81b2…a9ca)
2026-12-06 16:54:38 🎁 Prepared block for proposing at 18 (336 ms) hash: 0x50ed; end: NoMoreTransactions
2026-12-06 16:54:40 🎁 Prepared block for proposing at 20 (722 ms) hash: 0x15bd; end: NoMoreTransactions
2026-12-06 16:54:41 🎁 Prepared block for proposing at 18 (300 ms) hash: 0x50ee; end: NoMoreTransactions";
		let populated = Populated {
			records_in_blocks: [(17, 32), (18, 128), (19, 5), (20, 400)].into_iter().collect(),
			..Populated::default()
		};
		let built = building_times(log, &populated);
		// Block 19 is not in the log; block 18 counts as built last.
		assert_eq!(
			built,
			vec![
				Built { number: 17, took: Duration::from_millis(135), records: 32 },
				Built { number: 18, took: Duration::from_millis(300), records: 128 },
				Built { number: 20, took: Duration::from_millis(722), records: 400 },
			]
		);
		let (first, last) = quarters(&built);
		assert_eq!((first.blocks, first.records), (1, 32));
		assert_eq!((last.blocks, last.records), (1, 400));
		assert!((last.per_record() - 1_805.0).abs() < 1.0, "{}", last.per_record());
		assert_eq!(quarters(&[]), (Span::default(), Span::default()));
	}

	#[test]
	fn a_directorys_bytes_are_its_files_bytes() {
		let directory = tempfile::tempdir().expect("temporary directory");
		std::fs::write(directory.path().join("a"), [0u8; 100]).expect("write");
		std::fs::create_dir(directory.path().join("sub")).expect("mkdir");
		std::fs::write(directory.path().join("sub/b"), [0u8; 23]).expect("write");
		assert_eq!(directory_bytes(directory.path()), 123);
		assert_eq!(directory_bytes(&directory.path().join("none")), 0);
	}

	#[test]
	fn this_process_has_resident_memory() {
		let (now, peak) = resident_bytes(std::process::id()).expect("Linux's /proc");
		assert!(now > 0 && peak >= now);
	}
}
