//! The figures of a run: a summary per scenario, its seconds and its blocks, and the scenarios
//! side by side with their ratio to transfers.

use crate::{
	chain::{Limits, Refusal},
	engine::{Record, Run},
	scenario::{Measured, Scenario},
};
use std::{collections::BTreeMap, fmt::Write as _, time::Duration};

/// The summary of one run.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
	pub submitted: usize,
	/// Taken into the pool.
	pub pooled: usize,
	/// Refused by the pool, or unanswered, by reason.
	pub refused: BTreeMap<String, usize>,
	pub included: usize,
	/// Included, dispatched and failed, by `Pallet.Error`.
	pub failed: BTreeMap<String, usize>,
	pub finalized: usize,
	/// Taken into the pool and never finalized within the run's time.
	pub lost: usize,
	/// Included transactions a second, from the first submission to the block that held the
	/// last of them.
	pub included_per_second: f64,
	/// The most of the load's transactions in one block.
	pub most_in_a_block: usize,
	/// Blocks that held some of them.
	pub blocks_used: usize,
	/// Submission to inclusion, and to finality: median, 95th percentile, largest.
	pub to_inclusion: Option<[Duration; 3]>,
	pub to_finality: Option<[Duration; 3]>,
}

impl Summary {
	pub fn of(run: &Run) -> Self {
		let records = &run.records;
		let mut refused = BTreeMap::new();
		let mut failed = BTreeMap::new();
		for record in records {
			match &record.pooled {
				Some(Err(Refusal::Refused { reason, .. })) => count(&mut refused, reason.clone()),
				Some(Err(Refusal::Unanswered(reason))) => {
					count(&mut refused, format!("unanswered: {reason}"))
				}
				_ => {}
			}
			if let (Some(_), Some(failure)) = (record.included, &record.failure) {
				count(&mut failed, failure.clone());
			}
		}
		let pooled = records.iter().filter(|r| matches!(r.pooled, Some(Ok(_)))).count();
		let included = records.iter().filter(|r| r.included.is_some()).count();
		let finalized = records.iter().filter(|r| r.finalized.is_some()).count();
		let first_submission = records.iter().filter_map(|r| r.submitted).min();
		let last_inclusion = records.iter().filter_map(|r| r.included.map(|(at, _)| at)).max();
		let included_per_second = match (first_submission, last_inclusion) {
			(Some(first), Some(last)) if last > first => {
				included as f64 / last.saturating_sub(first).as_secs_f64()
			}
			_ => 0.0,
		};
		let ours = run.blocks.iter().filter(|block| block.ours > 0);
		Summary {
			submitted: records.iter().filter(|r| r.submitted.is_some()).count(),
			pooled,
			refused,
			included,
			failed,
			finalized,
			lost: records
				.iter()
				.filter(|r| matches!(r.pooled, Some(Ok(_))) && r.finalized.is_none())
				.count(),
			included_per_second,
			most_in_a_block: run.blocks.iter().map(|block| block.ours).max().unwrap_or(0),
			blocks_used: ours.count(),
			to_inclusion: spread(records, |r| r.included.map(|(at, _)| at)),
			to_finality: spread(records, |r| r.finalized),
		}
	}

	/// Whether every transaction was taken, included, dispatched successfully and finalized.
	pub fn all_made_it(&self) -> bool {
		self.submitted > 0
			&& self.finalized == self.submitted
			&& self.refused.is_empty()
			&& self.failed.is_empty()
	}
}

fn count(counts: &mut BTreeMap<String, usize>, reason: String) {
	let entry = counts.entry(reason).or_insert(0);
	*entry = entry.saturating_add(1);
}

/// The median, 95th percentile and largest of the times from submission to `until`.
fn spread(
	records: &[Record],
	until: impl Fn(&Record) -> Option<Duration>,
) -> Option<[Duration; 3]> {
	let mut waits: Vec<Duration> =
		records.iter().filter_map(|r| Some(until(r)?.saturating_sub(r.submitted?))).collect();
	waits.sort();
	let at = |fraction: f64| {
		let index = ((waits.len() as f64 * fraction).ceil() as usize).saturating_sub(1);
		waits.get(index).copied()
	};
	Some([at(0.5)?, at(0.95)?, waits.last().copied()?])
}

fn seconds(duration: Duration) -> String {
	format!("{:.1} s", duration.as_secs_f64())
}

fn spread_text(spread: Option<[Duration; 3]>) -> String {
	match spread {
		Some([median, p95, max]) => {
			format!("median {}, 95 % {}, max {}", seconds(median), seconds(p95), seconds(max))
		}
		None => "—".into(),
	}
}

fn reasons(counts: &BTreeMap<String, usize>) -> String {
	counts.iter().map(|(reason, n)| format!("{n} × {reason}")).collect::<Vec<_>>().join("; ")
}

/// The report of one scenario: its summary, then its seconds and its blocks.
pub fn scenario(measured: &Measured, limits: &Limits) -> String {
	let run = &measured.run;
	let summary = Summary::of(run);
	let calls: BTreeMap<&str, usize> = run.records.iter().fold(BTreeMap::new(), |mut calls, r| {
		let entry = calls.entry(r.call).or_insert(0);
		*entry = entry.saturating_add(1);
		calls
	});
	let mut out = String::new();
	let _ = writeln!(out, "== {} ({})", measured.scenario.name(), {
		calls.iter().map(|(call, n)| format!("{n} {call}")).collect::<Vec<_>>().join(", ")
	});
	let _ = writeln!(
		out,
		"submitted {}, taken into the pool {}, included {}, finalized {}, lost {}{}",
		summary.submitted,
		summary.pooled,
		summary.included,
		summary.finalized,
		summary.lost,
		if run.timed_out { " (stopped at the time limit)" } else { "" }
	);
	if !summary.refused.is_empty() {
		let _ = writeln!(out, "refused by the pool: {}", reasons(&summary.refused));
	}
	if !summary.failed.is_empty() {
		let _ = writeln!(out, "failed in their block: {}", reasons(&summary.failed));
	}
	for outage in &run.outages {
		let _ = writeln!(
			out,
			"the node went away at {} and answered again at {}: it had kept finalized block {} \
			 with its state; {} blocks read were no longer in its chain; {} transactions \
			 submitted again",
			seconds(outage.lost),
			seconds(outage.back),
			outage.kept,
			outage.dropped_blocks,
			outage.resubmitted
		);
	}
	let _ = writeln!(
		out,
		"{:.1} included a second; at most {} in a block, in {} blocks",
		summary.included_per_second, summary.most_in_a_block, summary.blocks_used
	);
	let _ = writeln!(out, "submission to inclusion: {}", spread_text(summary.to_inclusion));
	let _ = writeln!(out, "submission to finality:  {}", spread_text(summary.to_finality));

	let _ = writeln!(out, "\nsecond  submitted  pooled  refused  included  finalized");
	let last = run.elapsed.as_secs();
	for second in 0..=last {
		let within = |at: Option<Duration>| at.is_some_and(|at| at.as_secs() == second);
		let n = |f: &dyn Fn(&Record) -> bool| run.records.iter().filter(|r| f(r)).count();
		let row = [
			n(&|r| within(r.submitted)),
			n(&|r| within(r.pooled.clone().and_then(|p| p.ok()))),
			n(&|r| matches!(&r.pooled, Some(Err(_))) && within(r.submitted)),
			n(&|r| within(r.included.map(|(at, _)| at))),
			n(&|r| within(r.finalized)),
		];
		if row.iter().any(|n| *n > 0) {
			let _ = writeln!(
				out,
				"{second:>6}  {:>9}  {:>6}  {:>7}  {:>8}  {:>9}",
				row[0], row[1], row[2], row[3], row[4]
			);
		}
	}

	let _ = writeln!(out, "\n block  seen at  extrinsics  ours  weight  proof size");
	for block in &run.blocks {
		let _ = writeln!(
			out,
			"{:>6}  {:>7}  {:>10}  {:>4}  {:>5.1}%  {:>9.1}%",
			block.number,
			seconds(block.seen),
			block.extrinsics,
			block.ours,
			percent(block.weight.ref_time(), limits.normal.ref_time()),
			percent(block.weight.proof_size(), limits.normal.proof_size()),
		);
	}
	out
}

fn percent(part: u64, whole: u64) -> f64 {
	if whole == 0 {
		0.0
	} else {
		part as f64 * 100.0 / whole as f64
	}
}

/// The scenarios side by side, each against transfers when they were measured.
pub fn comparison(measured: &[Measured]) -> String {
	let transfers = measured
		.iter()
		.find(|m| m.scenario == Scenario::Transfers)
		.map(|m| Summary::of(&m.run).included_per_second);
	let mut out = String::new();
	let _ = writeln!(
		out,
		"scenario     included/s  vs transfers  most in a block  to inclusion (median)  lost  failed  refused"
	);
	for m in measured {
		let summary = Summary::of(&m.run);
		let ratio = match transfers {
			Some(base) if base > 0.0 => format!("{:.2}", summary.included_per_second / base),
			_ => "—".into(),
		};
		let median = summary.to_inclusion.map(|[median, _, _]| seconds(median));
		let _ = writeln!(
			out,
			"{:<11}  {:>10.1}  {:>12}  {:>15}  {:>21}  {:>4}  {:>6}  {:>7}",
			m.scenario.name(),
			summary.included_per_second,
			ratio,
			summary.most_in_a_block,
			median.unwrap_or_else(|| "—".into()),
			summary.lost,
			summary.failed.values().sum::<usize>(),
			summary.refused.values().sum::<usize>(),
		);
	}
	out
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests {
	use super::*;
	use crate::engine::BlockRecord;
	use polkadot_sdk::sp_weights::Weight;

	fn at(seconds: f64) -> Duration {
		Duration::from_secs_f64(seconds)
	}

	fn record(submitted: f64, included: Option<(f64, u64)>, finalized: Option<f64>) -> Record {
		Record {
			call: "Balances.transfer_keep_alive",
			submitted: Some(at(submitted)),
			pooled: Some(Ok(at(submitted))),
			included: included.map(|(seen, block)| (at(seen), block)),
			finalized: finalized.map(at),
			..Record::default()
		}
	}

	fn block(number: u64, seen: f64, ours: usize) -> BlockRecord {
		BlockRecord { number, seen: at(seen), extrinsics: ours + 2, ours, weight: Weight::zero() }
	}

	#[test]
	fn a_summary_counts_each_fate_once() {
		let mut refused = record(0.0, None, None);
		refused.pooled = Some(Err(Refusal::Refused {
			code: 1010,
			reason: "Invalid Transaction: outdated".into(),
		}));
		let mut failed = record(0.5, Some((2.0, 5)), Some(2.0));
		failed.failure = Some("Consent.ConsentNotFound".into());
		let run = Run {
			records: vec![
				record(0.0, Some((2.0, 5)), Some(2.0)),
				record(1.0, Some((4.0, 6)), Some(4.0)),
				failed,
				refused,
				// Taken into the pool, never seen in a block.
				record(1.0, None, None),
			],
			blocks: vec![block(5, 2.0, 2), block(6, 4.0, 1)],
			elapsed: at(10.0),
			timed_out: true,
			outages: vec![],
		};
		let summary = Summary::of(&run);
		assert_eq!(summary.submitted, 5);
		assert_eq!(summary.pooled, 4);
		assert_eq!(summary.refused.get("Invalid Transaction: outdated"), Some(&1));
		assert_eq!(summary.included, 3);
		assert_eq!(summary.failed.get("Consent.ConsentNotFound"), Some(&1));
		assert_eq!(summary.finalized, 3);
		assert_eq!(summary.lost, 1);
		assert_eq!(summary.most_in_a_block, 2);
		assert_eq!(summary.blocks_used, 2);
		// Three included from 0 s to 4 s.
		assert!((summary.included_per_second - 0.75).abs() < 1e-9);
		// Waits of 2, 1.5 and 3 s.
		assert_eq!(summary.to_inclusion, Some([at(2.0), at(3.0), at(3.0)]));
		assert!(!summary.all_made_it());
	}

	#[test]
	fn a_run_where_everything_was_finalized_made_it() {
		let run = Run {
			records: vec![record(0.0, Some((1.0, 1)), Some(1.0))],
			blocks: vec![block(1, 1.0, 1)],
			elapsed: at(1.0),
			timed_out: false,
			outages: vec![],
		};
		assert!(Summary::of(&run).all_made_it());
		let empty = Run {
			records: vec![],
			blocks: vec![],
			elapsed: at(0.0),
			timed_out: false,
			outages: vec![],
		};
		assert!(!Summary::of(&empty).all_made_it());
	}
}
