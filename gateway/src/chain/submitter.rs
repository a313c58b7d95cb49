//! The one task that signs and submits the custodian's transactions.
//!
//! Every `record_access` and `confirm_erasure` goes through it, so the custodian's nonces come
//! from one sequence however many downloads run at once. Calls that arrive while a transaction is
//! on its way are gathered into the next one: a `Utility.force_batch` of up to [`MAX_BATCH`]
//! calls, which dispatches each call on its own, so one refused call does not undo the others.
//! Each caller learns its own call's outcome from the batch's events (`ItemCompleted` or
//! `ItemFailed`), once the transaction is finalized. A call that fails is reported to its caller
//! and never resubmitted by the gateway.

use super::{AccountId, Chain, ChainError};
use codec::Decode;
use genochain_client::EncodedCall;
use genochain_primitives::Hash as H256;
use polkadot_sdk::sp_runtime::DispatchError;
use std::time::Duration;
use subxt::config::DefaultExtrinsicParamsBuilder;
use subxt_signer::sr25519::Keypair;
use tokio::sync::{mpsc, oneshot};

/// Calls in one batch at most.
pub const MAX_BATCH: usize = 64;
/// How long the first call of a batch waits for others to join it.
const GATHER: Duration = Duration::from_millis(50);
/// How long a transaction may take to be finalized.
const FINALITY_TIMEOUT: Duration = Duration::from_secs(120);
/// Calls waiting for the submitter at most; past it, callers are told the gateway is busy.
const QUEUE: usize = 1024;

/// A call of the custodian that was dispatched successfully.
#[derive(Clone, Debug)]
pub struct Included {
	/// The hash of the transaction that carried it.
	pub tx_hash: H256,
	pub block_hash: H256,
	pub block_number: u64,
	/// The events the call itself emitted: (pallet, event, SCALE-encoded fields).
	pub events: Vec<(String, String, Vec<u8>)>,
}

/// Why a call was not dispatched successfully.
#[derive(Clone, Debug, thiserror::Error)]
pub enum SubmitError {
	/// The runtime dispatched it and refused it: `Pallet.Error`.
	#[error("the chain refused it: {0}")]
	Refused(String),
	/// It may or may not have reached the chain: the gateway does not know and does not retry.
	#[error(transparent)]
	Chain(#[from] ChainError),
	#[error("the gateway has too many transactions waiting")]
	Busy,
}

struct Job {
	call: Vec<u8>,
	reply: oneshot::Sender<Result<Included, SubmitError>>,
}

/// A handle to the submitter task.
#[derive(Clone)]
pub struct Submitter {
	jobs: mpsc::Sender<Job>,
	account: AccountId,
}

impl Submitter {
	/// Starts the submitter for `custodian`'s key on `chain`.
	pub fn start(chain: Chain, custodian: Keypair) -> Self {
		let account = custodian.public_key().0;
		let (jobs, queue) = mpsc::channel(QUEUE);
		tokio::spawn(run(chain, custodian, queue));
		Self { jobs, account }
	}

	/// The custodian's account.
	pub fn account(&self) -> AccountId {
		self.account
	}

	/// Submits `call` (encoded with its pallet and call index) as the custodian and waits until
	/// the transaction that carries it is finalized.
	pub async fn submit(&self, call: Vec<u8>) -> Result<Included, SubmitError> {
		let (reply, answer) = oneshot::channel();
		self.jobs.try_send(Job { call, reply }).map_err(|_| SubmitError::Busy)?;
		answer.await.map_err(|_| {
			SubmitError::Chain(ChainError::Failed {
				url: String::new(),
				problem: "the submitter stopped".into(),
			})
		})?
	}
}

async fn run(chain: Chain, custodian: Keypair, mut queue: mpsc::Receiver<Job>) {
	let account = custodian.public_key().0;
	// The nonce of the next transaction; read again from the node after any failure, as the
	// transaction that failed may or may not have taken its nonce.
	let mut next_nonce: Option<u64> = None;
	while let Some(first) = queue.recv().await {
		let mut batch = vec![first];
		let now = tokio::time::Instant::now();
		let gather_until = now.checked_add(GATHER).unwrap_or(now);
		while batch.len() < MAX_BATCH {
			match tokio::time::timeout_at(gather_until, queue.recv()).await {
				Ok(Some(job)) => batch.push(job),
				Ok(None) | Err(_) => break,
			}
		}
		let calls: Vec<&[u8]> = batch.iter().map(|job| job.call.as_slice()).collect();
		let outcomes =
			match submit_batch(&chain, &custodian, &account, &mut next_nonce, &calls).await {
				Ok(outcomes) => outcomes,
				Err(e) => {
					next_nonce = None;
					vec![Err(e); batch.len()]
				}
			};
		for (job, outcome) in batch.into_iter().zip(outcomes) {
			// A caller that gave up no longer waits for the answer.
			let _ = job.reply.send(outcome);
		}
	}
}

/// Submits `calls` in one `force_batch` and returns each call's outcome.
async fn submit_batch(
	chain: &Chain,
	custodian: &Keypair,
	account: &AccountId,
	next_nonce: &mut Option<u64>,
	calls: &[&[u8]],
) -> Result<Vec<Result<Included, SubmitError>>, SubmitError> {
	let at = chain.finalized().await?;
	let encoded: Vec<EncodedCall> = calls.iter().map(|call| EncodedCall(call.to_vec())).collect();
	let batch = chain.call(&at, "Utility", "force_batch", encoded)?;
	let payload = at
		.transactions()
		.from_call_data_bytes(&batch)
		.map_err(|e| chain.incompatible(format!("cannot read the gateway's batch: {e}")))?;
	let nonce = match *next_nonce {
		Some(nonce) => nonce,
		None => chain.next_nonce(account).await?,
	};
	let params = DefaultExtrinsicParamsBuilder::new().nonce(nonce).build();
	let mut transactions = at.transactions();
	let progress = super::within(
		chain.url(),
		transactions.sign_and_submit_then_watch(&payload, custodian, params),
	)
	.await?
	.map_err(|e| chain.failed(format!("refused the custodian's transaction: {e}")))?;
	*next_nonce = nonce.checked_add(1);
	let tx_hash = H256::from(progress.extrinsic_hash().0);

	let in_block = tokio::time::timeout(FINALITY_TIMEOUT, progress.wait_for_finalized())
		.await
		.map_err(|_| {
			chain.failed(format!(
				"transaction {tx_hash:?} was not finalized within {} s",
				FINALITY_TIMEOUT.as_secs()
			))
		})?
		.map_err(|e| chain.failed(format!("transaction {tx_hash:?} was not finalized: {e}")))?;
	let events = in_block
		.fetch_events()
		.await
		.map_err(|e| chain.failed(format!("cannot read the events of {tx_hash:?}: {e}")))?;
	let block_hash = H256::from(in_block.block_hash().0);
	let at_block = in_block
		.at()
		.await
		.map_err(|e| chain.failed(format!("cannot read block {block_hash:?}: {e}")))?;
	let block_number = at_block.block_number();

	let mut outcomes = Vec::with_capacity(calls.len());
	let mut emitted = Vec::new();
	for event in events.iter() {
		let event =
			event.map_err(|e| chain.failed(format!("cannot read an event of {tx_hash:?}: {e}")))?;
		match (event.pallet_name(), event.event_name()) {
			("Utility", "ItemCompleted") => outcomes.push(Ok(Included {
				tx_hash,
				block_hash,
				block_number,
				events: std::mem::take(&mut emitted),
			})),
			("Utility", "ItemFailed") => {
				emitted.clear();
				let error = DispatchError::decode(&mut event.field_bytes())
					.map_err(|e| chain.incompatible(format!("an ItemFailed event: {e}")))?;
				outcomes.push(Err(SubmitError::Refused(genochain_client::error_name(
					&at_block, &error,
				))));
			}
			("System", "ExtrinsicFailed") => {
				let error = DispatchError::decode(&mut event.field_bytes())
					.map_err(|e| chain.incompatible(format!("an ExtrinsicFailed event: {e}")))?;
				return Err(SubmitError::Refused(genochain_client::error_name(&at_block, &error)));
			}
			(pallet, name) => {
				emitted.push((pallet.into(), name.into(), event.field_bytes().to_vec()))
			}
		}
	}
	if outcomes.len() != calls.len() {
		return Err(SubmitError::Chain(chain.incompatible(format!(
			"transaction {tx_hash:?} reported {} outcomes for {} calls",
			outcomes.len(),
			calls.len()
		))));
	}
	Ok(outcomes)
}
