//! Submitting transactions signed ahead and following them into blocks.
//!
//! The submitter sends each transaction to the node's pool (`author_submitExtrinsic`) at the
//! pace asked for, and notes when the pool took or refused it. The follower reads every new best
//! block from the one before the first submission on, finds the load's transactions among its
//! extrinsics by hash, reads from the block's events whether each call succeeded, and marks them
//! finalized when the node finalizes their block (a block that left the best chain gives its
//! transactions back to the pool's count). The run ends when every transaction is refused,
//! failed or finalized, or at its time limit; whatever is then still pending was lost.

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
}

impl Record {
	/// Whether nothing more will happen to it.
	fn settled(&self) -> bool {
		matches!(self.pooled, Some(Err(_))) || self.finalized.is_some()
	}
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
	let mut best = node.follow(false).await?;
	let mut finalized = node.follow(true).await?;

	let records: Vec<Record> =
		transactions.iter().map(|tx| Record { call: tx.call, ..Record::default() }).collect();
	let hashes: Vec<H256> = transactions.iter().map(|tx| tx.signed.hash).collect();
	let pending: HashMap<H256, usize> =
		hashes.iter().enumerate().map(|(index, hash)| (*hash, index)).collect();
	if pending.len() != transactions.len() {
		return Err(LoadError::Usage("two of the transactions are the same".into()));
	}
	let started = Instant::now();
	let mut follower = Follower {
		node,
		started,
		keep_events,
		last_read: node.best_number().await?,
		records,
		pending,
		blocks: Vec::new(),
		unfinalized: BTreeMap::new(),
	};

	let deadline = tokio::time::Instant::from_std(started)
		.checked_add(limit)
		.unwrap_or_else(tokio::time::Instant::now);
	let (answers, mut answered) = mpsc::unbounded_channel();
	let submitter = tokio::spawn(submit_all(node.clone(), transactions, pace, started, answers));

	let mut submitting = true;
	let mut timed_out = false;
	loop {
		if !submitting && follower.records.iter().all(Record::settled) {
			break;
		}
		tokio::select! {
			answer = answered.recv(), if submitting => match answer {
				Some(Answer { index, submitted, pooled }) => {
					if let Some(record) = follower.records.get_mut(index) {
						record.submitted = Some(submitted);
						if let Err(refusal) = &pooled {
							if let Some(hash) = hashes.get(index) {
								follower.pending.remove(hash);
							}
							record.pooled = Some(Err(refusal.clone()));
						} else if record.pooled.is_none() {
							record.pooled = Some(pooled);
						}
					}
				},
				None => submitting = false,
			},
			head = best.next() => {
				let number = head_number(node, head, "new")?;
				follower.read_up_to(number).await?;
			},
			head = finalized.next() => {
				let number = head_number(node, head, "finalized")?;
				// A finalized block may be announced before it is announced as the best.
				follower.read_up_to(number).await?;
				follower.finalize_up_to(number).await?;
			},
			_ = tokio::time::sleep_until(deadline) => {
				timed_out = true;
				break;
			},
		}
	}
	submitter.abort();
	Ok(Run {
		records: follower.records,
		blocks: follower.blocks,
		elapsed: started.elapsed(),
		timed_out,
	})
}

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
	records: Vec<Record>,
	/// The transactions not refused by the pool, by hash.
	pending: HashMap<H256, usize>,
	blocks: Vec<BlockRecord>,
	/// Blocks read and not yet finalized: number → (hash, the load's transactions in it).
	unfinalized: BTreeMap<u64, (H256, Vec<usize>)>,
}

impl Follower<'_> {
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
			let Some((hash, ours)) = self.unfinalized.remove(&height) else { continue };
			let kept = self.node.block_hash(height).await? == Some(hash);
			for index in ours {
				let Some(record) = self.records.get_mut(index) else { continue };
				if kept {
					record.finalized = Some(now);
				} else {
					record.included = None;
					record.failure = None;
					record.events.clear();
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
				// A transaction can be seen in a block before the pool's answer arrives.
				if record.pooled.is_none() {
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

/// Submits each transaction at `pace`, sending the pool's answers to `answers`.
async fn submit_all(
	node: Node,
	transactions: Vec<Prepared>,
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
	let mut tasks = Vec::with_capacity(transactions.len());
	for (index, transaction) in transactions.into_iter().enumerate() {
		if let Pace::Rate(per_second) = pace {
			let due = Duration::from_secs_f64(index as f64 / per_second.max(f64::MIN_POSITIVE));
			if let Some(sleep) = due.checked_sub(started.elapsed()) {
				tokio::time::sleep(sleep).await;
			}
		}
		let Ok(permit) = permits.clone().acquire_owned().await else { return };
		let (node, answers) = (node.clone(), answers.clone());
		tasks.push(tokio::spawn(async move {
			let submitted = started.elapsed();
			let pooled = node.submit(&transaction.signed.bytes).await.map(|()| started.elapsed());
			drop(permit);
			let _ = answers.send(Answer { index, submitted, pooled });
		}));
	}
	for task in tasks {
		let _ = task.await;
	}
}
