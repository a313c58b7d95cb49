//! Submitting transactions signed ahead and following them into blocks.
//!
//! The submitter sends each transaction to the node's pool (`author_submitExtrinsic`) at the
//! pace asked for, and notes when the pool took or refused it. The follower reads every new best
//! block from the one before the first submission on, finds the load's transactions among its
//! extrinsics by hash, reads from the block's events whether each call succeeded, and marks them
//! finalized when the node finalizes their block (a block that left the best chain gives its
//! transactions back to the pool's count). The run ends when every transaction is refused,
//! failed or finalized, or at its time limit; whatever is then still pending was lost.
//!
//! A node that goes away during a run (it crashed, or was killed) is waited for until the time
//! limit. When it answers again, the run checks that it kept the last block it had finalized
//! and that block's state, reads the blocks from where the node's chain now stands, and submits
//! again every transaction not yet seen in a block: the node's pool does not outlive it. A
//! transaction the node still has is refused as known (already imported, or outdated when its
//! block is ahead of the follower), which changes nothing.

use crate::{
	chain::{Block, HeaderJson, Node, Refusal, Signed},
	LoadError,
};
use genochain_primitives::Hash as H256;
use polkadot_sdk::sp_weights::Weight;
use std::{
	collections::{BTreeMap, HashMap},
	sync::Arc,
	time::{Duration, Instant},
};
use tokio::sync::{mpsc, Semaphore};

/// A transaction of a load run: what it calls, signed.
#[derive(Clone)]
pub struct Prepared {
	/// The call it makes, for the report (`Consent.grant`).
	pub call: &'static str,
	pub signed: Signed,
}

/// How fast transactions are submitted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Pace {
	/// This many a second, each at its time.
	Rate(f64),
	/// As fast as the pool takes them: the next goes as soon as fewer than `in_flight` wait
	/// for the node's answer.
	AsAccepted { in_flight: usize },
}

/// What became of one transaction; times are from the start of the run.
#[derive(Clone, Debug, Default)]
pub struct Record {
	pub call: &'static str,
	pub submitted: Option<Duration>,
	/// When the pool took it, or why it did not.
	pub pooled: Option<Result<Duration, Refusal>>,
	/// When its block was seen, and the block's number.
	pub included: Option<(Duration, u64)>,
	pub finalized: Option<Duration>,
	/// `Pallet.Error` if the call was dispatched and failed.
	pub failure: Option<String>,
	/// The events the call emitted, when the run keeps them.
	pub events: Vec<(String, String, Vec<u8>)>,
	/// The node's answers to its submissions: more than one when the node went away before
	/// the transaction was in a block.
	pub submissions: u32,
}

impl Record {
	/// Whether nothing more will happen to it: refused by the pool, or finalized. A transaction
	/// whose submission went unanswered may still be in the pool, and is followed on.
	fn settled(&self) -> bool {
		matches!(self.pooled, Some(Err(Refusal::Refused { .. }))) || self.finalized.is_some()
	}

	/// Takes the node's answer to a submission made at `submitted`; whether the answer settles
	/// the transaction as refused. An answer never undoes what is known: a refusal after the
	/// pool took the transaction, or after it was seen in a block, is the node telling it has
	/// it; so is a refusal as known when the transaction is submitted again.
	fn answered(&mut self, submitted: Duration, pooled: Result<Duration, Refusal>) -> bool {
		self.submitted.get_or_insert(submitted);
		self.submissions = self.submissions.saturating_add(1);
		let taken = matches!(self.pooled, Some(Ok(_))) || self.included.is_some();
		match pooled {
			Ok(at) => {
				if !taken {
					self.pooled = Some(Ok(at));
				}
				false
			}
			Err(_) if taken => false,
			Err(refusal) if refusal.already_known() && self.submissions > 1 => false,
			Err(unanswered @ Refusal::Unanswered(_)) => {
				self.pooled = Some(Err(unanswered));
				false
			}
			Err(refused) => {
				self.pooled = Some(Err(refused));
				true
			}
		}
	}

	/// Forgets the block it was seen in, which left the chain.
	fn back_to_waiting(&mut self) {
		self.included = None;
		self.failure = None;
		self.events.clear();
	}
}

/// A time the node went away during a run and came back.
#[derive(Clone, Debug)]
pub struct Outage {
	/// When the node stopped answering, and when it answered again, from the start of the run.
	pub lost: Duration,
	pub back: Duration,
	/// The last block the run had seen finalized, which the node still had, with its state.
	pub kept: u64,
	/// Blocks the run had read that were no longer in the node's chain.
	pub dropped_blocks: usize,
	/// Transactions submitted again: those not yet seen in a block.
	pub resubmitted: usize,
}

/// One block seen during a run.
#[derive(Clone, Debug)]
pub struct BlockRecord {
	pub number: u64,
	/// When it was seen, from the start of the run.
	pub seen: Duration,
	/// Its extrinsics, inherents included.
	pub extrinsics: usize,
	/// The load's transactions in it.
	pub ours: usize,
	pub weight: Weight,
}

/// What a run did.
pub struct Run {
	pub records: Vec<Record>,
	pub blocks: Vec<BlockRecord>,
	/// From the first submission to the end of the run.
	pub elapsed: Duration,
	/// Whether the run stopped at its time limit with transactions unsettled.
	pub timed_out: bool,
	/// Times the node went away and came back.
	pub outages: Vec<Outage>,
}

/// Submits `transactions` at `pace` and follows them until each is settled or `limit` passes.
/// With `keep_events`, each record keeps the events its call emitted (for setups that read the
/// ids the chain gave).
pub async fn run(
	node: &Node,
	transactions: Vec<Prepared>,
	pace: Pace,
	limit: Duration,
	keep_events: bool,
) -> Result<Run, LoadError> {
	// Following before the first submission, so that no block holding one goes unseen.
	let mut heads = Heads::follow(node).await?;

	let records: Vec<Record> =
		transactions.iter().map(|tx| Record { call: tx.call, ..Record::default() }).collect();
	let hashes: Vec<H256> = transactions.iter().map(|tx| tx.signed.hash).collect();
	let pending: HashMap<H256, usize> =
		hashes.iter().enumerate().map(|(index, hash)| (*hash, index)).collect();
	if pending.len() != transactions.len() {
		return Err(LoadError::Usage("two of the transactions are the same".into()));
	}
	let transactions = Arc::new(transactions);
	let started = Instant::now();
	let mut follower = Follower {
		node,
		started,
		keep_events,
		last_read: node.best_number().await?,
		last_finalized: node.finalized_head().await?,
		records,
		hashes,
		pending,
		blocks: Vec::new(),
		unfinalized: BTreeMap::new(),
	};

	let deadline = tokio::time::Instant::from_std(started)
		.checked_add(limit)
		.unwrap_or_else(tokio::time::Instant::now);
	let all: Vec<usize> = (0..transactions.len()).collect();
	let mut submitter = Submitter::start(node, &transactions, all, pace, started);
	let mut outages = Vec::new();
	let mut timed_out = false;
	loop {
		if !submitter.running && follower.records.iter().all(Record::settled) {
			break;
		}
		let step: Result<(), LoadError> = tokio::select! {
			answer = submitter.answers.recv(), if submitter.running => {
				match answer {
					Some(Answer { index, submitted, pooled }) => follower.answered(index, submitted, pooled),
					None => submitter.running = false,
				}
				Ok(())
			},
			head = heads.best.next() => match head_number(node, head, "new") {
				Ok(number) => follower.read_up_to(number).await,
				Err(e) => Err(e),
			},
			head = heads.finalized.next() => match head_number(node, head, "finalized") {
				// A finalized block may be announced before it is announced as the best.
				Ok(number) => match follower.read_up_to(number).await {
					Ok(()) => follower.finalize_up_to(number).await,
					Err(e) => Err(e),
				},
				Err(e) => Err(e),
			},
			_ = tokio::time::sleep_until(deadline) => {
				timed_out = true;
				break;
			},
		};
		let Err(problem) = step else { continue };
		// An answer the node gave and this tool cannot read ends the run; a node that no
		// longer answers is waited for.
		if node.best_number().await.is_ok() {
			return Err(problem);
		}
		let lost = started.elapsed();
		submitter.stop();
		let Some(resumed) = wait_for(node, deadline).await else {
			timed_out = true;
			break;
		};
		heads = resumed;
		let dropped_blocks = follower.resume().await?;
		let waiting = follower.waiting();
		let resubmitted = waiting.len();
		submitter = Submitter::start(node, &transactions, waiting, pace, started);
		outages.push(Outage {
			lost,
			back: started.elapsed(),
			kept: follower.last_finalized.0,
			dropped_blocks,
			resubmitted,
		});
	}
	submitter.stop();
	Ok(Run {
		records: follower.records,
		blocks: follower.blocks,
		elapsed: started.elapsed(),
		timed_out,
		outages,
	})
}

/// The node's new best and finalized heads, as they come.
struct Heads {
	best: subxt::rpcs::client::RpcSubscription<HeaderJson>,
	finalized: subxt::rpcs::client::RpcSubscription<HeaderJson>,
}

impl Heads {
	async fn follow(node: &Node) -> Result<Self, LoadError> {
		Ok(Heads { best: node.follow(false).await?, finalized: node.follow(true).await? })
	}
}

/// Connects to the node again until it answers, or `deadline`; its heads.
async fn wait_for(node: &Node, deadline: tokio::time::Instant) -> Option<Heads> {
	loop {
		let attempt = async {
			node.reconnect().await?;
			Heads::follow(node).await
		};
		if let Ok(Ok(heads)) = tokio::time::timeout_at(deadline, attempt).await {
			return Some(heads);
		}
		if tokio::time::Instant::now().checked_add(RECONNECT_PAUSE)? >= deadline {
			return None;
		}
		tokio::time::sleep(RECONNECT_PAUSE).await;
	}
}

/// How long to wait between two attempts to reach a node that went away.
const RECONNECT_PAUSE: Duration = Duration::from_millis(500);

/// The number of a head a subscription sent.
fn head_number(
	node: &Node,
	head: Option<Result<HeaderJson, subxt::rpcs::Error>>,
	which: &str,
) -> Result<u64, LoadError> {
	head.ok_or_else(|| node.failed(format!("stopped sending its {which} blocks")))?
		.map_err(|e| node.failed(format!("its {which} blocks: {e}")))?
		.number()
		.ok_or_else(|| node.failed("sent a block number that is not hex"))
}

/// The blocks of a run as they come, and what they did to its transactions.
struct Follower<'a> {
	node: &'a Node,
	started: Instant,
	keep_events: bool,
	/// The last block read.
	last_read: u64,
	/// The latest finalized block seen: its number and hash.
	last_finalized: (u64, H256),
	records: Vec<Record>,
	/// The transactions' hashes, in their order.
	hashes: Vec<H256>,
	/// The transactions not refused by the pool, by hash.
	pending: HashMap<H256, usize>,
	blocks: Vec<BlockRecord>,
	/// Blocks read and not yet finalized: number → (hash, the load's transactions in it).
	unfinalized: BTreeMap<u64, (H256, Vec<usize>)>,
}

impl Follower<'_> {
	/// Takes the pool's answer to the submission of transaction `index`.
	fn answered(&mut self, index: usize, submitted: Duration, pooled: Result<Duration, Refusal>) {
		let Some(record) = self.records.get_mut(index) else { return };
		if record.answered(submitted, pooled) {
			if let Some(hash) = self.hashes.get(index) {
				self.pending.remove(hash);
			}
		}
	}

	/// The transactions not settled and not seen in a block, in their order.
	fn waiting(&self) -> Vec<usize> {
		self.records
			.iter()
			.enumerate()
			.filter(|(_, record)| !record.settled() && record.included.is_none())
			.map(|(index, _)| index)
			.collect()
	}

	/// After the node came back: checks that it kept the last block the run saw finalized, with
	/// its state, and rewinds to where its best chain now stands; the blocks read that it no
	/// longer has.
	async fn resume(&mut self) -> Result<usize, LoadError> {
		let (number, hash) = self.last_finalized;
		if self.node.block_hash(number).await? != Some(hash) {
			return Err(self.node.failed(format!(
				"came back without block {number} ({hash:?}), which it had finalized"
			)));
		}
		if self.node.stored_number(hash).await? != Some(number) {
			return Err(self
				.node
				.failed(format!("came back with finalized block {number} but not its state")));
		}
		let best = self.node.best_number().await?;
		let mut dropped = 0usize;
		let mut rewind_to = self.last_read.min(best);
		let heights: Vec<(u64, H256)> =
			self.unfinalized.iter().map(|(height, (hash, _))| (*height, *hash)).collect();
		for (height, hash) in heights {
			if height <= best && self.node.block_hash(height).await? == Some(hash) {
				continue;
			}
			let Some((_, ours)) = self.unfinalized.remove(&height) else { continue };
			for index in ours {
				if let Some(record) = self.records.get_mut(index) {
					record.back_to_waiting();
				}
			}
			dropped = dropped.saturating_add(1);
			rewind_to = rewind_to.min(height.saturating_sub(1));
		}
		self.last_read = rewind_to;
		Ok(dropped)
	}

	/// Reads the best chain's blocks after the last read, up to `number`.
	async fn read_up_to(&mut self, number: u64) -> Result<(), LoadError> {
		while self.last_read < number {
			let next = self.last_read.saturating_add(1);
			let Some(hash) = self.node.block_hash(next).await? else { break };
			let block = self.node.block(next, hash).await?;
			let seen = self.started.elapsed();
			let ours = self.take_ours(&block, seen).await?;
			self.blocks.push(BlockRecord {
				number: block.number,
				seen,
				extrinsics: block.extrinsics.len(),
				ours: ours.len(),
				weight: block.weight,
			});
			self.unfinalized.insert(block.number, (block.hash, ours));
			self.last_read = next;
		}
		Ok(())
	}

	/// Marks the transactions of the blocks up to `number` finalized, or gives them back to the
	/// pool's count if their block left the chain.
	async fn finalize_up_to(&mut self, number: u64) -> Result<(), LoadError> {
		let now = self.started.elapsed();
		let heights: Vec<u64> = self.unfinalized.range(..=number).map(|(n, _)| *n).collect();
		for height in heights {
			let Some((hash, _)) = self.unfinalized.get(&height) else { continue };
			let hash = *hash;
			// Asked before the block is taken from the unfinalized: a node that goes away now
			// leaves it there, for the run to finalize or give back once the node is back.
			let kept = self.node.block_hash(height).await? == Some(hash);
			let Some((_, ours)) = self.unfinalized.remove(&height) else { continue };
			if kept && height > self.last_finalized.0 {
				self.last_finalized = (height, hash);
			}
			for index in ours {
				let Some(record) = self.records.get_mut(index) else { continue };
				if kept {
					record.finalized = Some(now);
				} else {
					record.back_to_waiting();
				}
			}
		}
		Ok(())
	}

	/// Marks the load's transactions in `block` included, with their outcomes; their indices.
	async fn take_ours(&mut self, block: &Block, seen: Duration) -> Result<Vec<usize>, LoadError> {
		let mut ours = Vec::new();
		let mut positions = Vec::new();
		for (position, hash) in block.extrinsics.iter().enumerate() {
			if let Some(index) = self.pending.get(hash) {
				ours.push(*index);
				positions.push(u32::try_from(position).unwrap_or(u32::MAX));
			}
		}
		if ours.is_empty() {
			return Ok(ours);
		}
		let outcomes =
			self.node.outcomes(block.number, block.hash, &positions, self.keep_events).await?;
		for (index, outcome) in ours.iter().zip(outcomes) {
			if let Some(record) = self.records.get_mut(*index) {
				record.included = Some((seen, block.number));
				// A transaction can be seen in a block before the pool's answer arrives, or
				// after the node's answer was lost.
				if !matches!(record.pooled, Some(Ok(_))) {
					record.pooled = Some(Ok(seen));
				}
				record.failure = outcome.failure;
				record.events = outcome.events;
			}
		}
		Ok(ours)
	}
}

struct Answer {
	index: usize,
	submitted: Duration,
	pooled: Result<Duration, Refusal>,
}

/// Submits transactions at a pace; the node's answers come on `answers`.
struct Submitter {
	task: tokio::task::JoinHandle<()>,
	answers: mpsc::UnboundedReceiver<Answer>,
	/// Until every answer came.
	running: bool,
}

impl Submitter {
	/// Submits `transactions[indices]` in that order at `pace`, timed from `started`.
	fn start(
		node: &Node,
		transactions: &Arc<Vec<Prepared>>,
		indices: Vec<usize>,
		pace: Pace,
		started: Instant,
	) -> Self {
		let (sender, answers) = mpsc::unbounded_channel();
		let task = tokio::spawn(submit_all(
			node.clone(),
			transactions.clone(),
			indices,
			pace,
			started,
			sender,
		));
		Submitter { task, answers, running: true }
	}

	/// Stops submitting; answers still on their way are dropped.
	fn stop(&mut self) {
		self.task.abort();
		self.answers.close();
		self.running = false;
	}
}

/// Submits `transactions[indices]` at `pace`, sending the pool's answers to `answers`. The
/// `n`-th transaction is due `n / rate` seconds after `started`: one submitted again after an
/// outage goes at once.
async fn submit_all(
	node: Node,
	transactions: Arc<Vec<Prepared>>,
	indices: Vec<usize>,
	pace: Pace,
	started: Instant,
	answers: mpsc::UnboundedSender<Answer>,
) {
	let in_flight = match pace {
		Pace::AsAccepted { in_flight } => in_flight.max(1),
		// At a fixed rate, the node's answers do not hold the next submission back (within
		// reason: a node that stops answering stops the run at its limit).
		Pace::Rate(_) => 4096,
	};
	let permits = Arc::new(Semaphore::new(in_flight));
	let mut tasks = tokio::task::JoinSet::new();
	for index in indices {
		if let Pace::Rate(per_second) = pace {
			let due = Duration::from_secs_f64(index as f64 / per_second.max(f64::MIN_POSITIVE));
			if let Some(sleep) = due.checked_sub(started.elapsed()) {
				tokio::time::sleep(sleep).await;
			}
		}
		let Ok(permit) = permits.clone().acquire_owned().await else { return };
		let (node, answers, transactions) = (node.clone(), answers.clone(), transactions.clone());
		tasks.spawn(async move {
			let Some(transaction) = transactions.get(index) else { return };
			let submitted = started.elapsed();
			let pooled = node.submit(&transaction.signed.bytes).await.map(|()| started.elapsed());
			drop(permit);
			let _ = answers.send(Answer { index, submitted, pooled });
		});
	}
	// Dropping the set (when this task is aborted) aborts the submissions still waiting.
	while tasks.join_next().await.is_some() {}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn refused(code: i32, reason: &str) -> Result<Duration, Refusal> {
		Err(Refusal::Refused { code, reason: reason.into() })
	}

	fn at(seconds: u64) -> Duration {
		Duration::from_secs(seconds)
	}

	#[test]
	fn a_refusal_settles_a_transaction_the_node_never_took() {
		let mut record = Record::default();
		assert!(record
			.answered(at(1), refused(1010, "Invalid Transaction: Inability to pay some fees")));
		assert!(record.settled());
		assert_eq!(record.submitted, Some(at(1)));
	}

	#[test]
	fn an_unanswered_submission_is_followed_on() {
		let mut record = Record::default();
		assert!(!record.answered(at(1), Err(Refusal::Unanswered("connection closed".into()))));
		assert!(!record.settled(), "it may be in the pool");
		// Submitted again once the node is back: taken.
		assert!(!record.answered(at(9), Ok(at(10))));
		assert_eq!(record.pooled, Some(Ok(at(10))));
		assert_eq!(record.submitted, Some(at(1)), "latency counts from the first submission");
		assert_eq!(record.submissions, 2);
	}

	#[test]
	fn the_node_saying_it_has_a_transaction_changes_nothing() {
		// Taken, then the node restarted: submitted again, it is already in a block ahead of
		// the follower ("outdated"), or back in the pool ("already imported").
		for answer in [
			refused(1010, "Invalid Transaction: Transaction is outdated"),
			refused(1013, "Transaction Already Imported: 0x12"),
			refused(1012, "Transaction is temporarily banned"),
			refused(1010, "Invalid Transaction: Inability to pay some fees"),
			Err(Refusal::Unanswered("no answer within 30 s".into())),
		] {
			let mut record = Record::default();
			assert!(!record.answered(at(1), Ok(at(1))));
			assert!(!record.answered(at(5), answer.clone()), "{answer:?}");
			assert_eq!(record.pooled, Some(Ok(at(1))), "{answer:?}");
			assert!(!record.settled());
		}
		// Unanswered first, then known on the resubmission: still waiting to be seen.
		let mut record = Record::default();
		record.answered(at(1), Err(Refusal::Unanswered("connection closed".into())));
		assert!(
			!record.answered(at(5), refused(1010, "Invalid Transaction: Transaction is outdated"))
		);
		assert!(!record.settled());
		// On a first submission, "outdated" is a refusal: another transaction took the nonce.
		let mut record = Record::default();
		assert!(
			record.answered(at(1), refused(1010, "Invalid Transaction: Transaction is outdated"))
		);
	}

	#[test]
	fn a_transaction_seen_in_a_block_is_not_undone_by_a_late_answer() {
		let mut record = Record { included: Some((at(2), 7)), ..Record::default() };
		assert!(
			!record.answered(at(1), refused(1010, "Invalid Transaction: Transaction is outdated"))
		);
		assert_eq!(record.included, Some((at(2), 7)));
	}
}
