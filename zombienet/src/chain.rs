//! Talking to the nodes: heights (from the nodes' metrics), signed calls, events and storage
//! (subxt, dynamic), and killing a node's process.

use anyhow::{anyhow, bail, Context, Result};
use std::{future::Future, path::Path, time::Duration};
use subxt::ext::codec::Decode;
use zombienet_sdk::{
	subxt::{
		self,
		blocks::ExtrinsicEvents,
		dynamic::{At, Value},
		ext::scale_value::{Composite, ValueDef},
		tx::{Payload, TxStatus},
		utils::H256,
		OnlineClient, PolkadotConfig,
	},
	subxt_signer::{sr25519::Keypair, SecretUri},
	NetworkNode,
};

/// A client of one node.
pub type Client = OnlineClient<PolkadotConfig>;
/// A decoded value from the chain (an event's fields, a storage item).
pub type Decoded = Value<u32>;

/// How long a transaction may take to be finalized: finality trails the best block by a few
/// relay chain blocks, and a transaction on a fork that loses goes back to the pool first.
const FINALITY_TIMEOUT: Duration = Duration::from_secs(240);

/// `future`, or an error saying what did not happen within `limit`.
pub async fn within<T>(
	limit: Duration,
	what: impl std::fmt::Display,
	future: impl Future<Output = Result<T>>,
) -> Result<T> {
	tokio::time::timeout(limit, future)
		.await
		.map_err(|_| anyhow!("timed out after {limit:?} waiting for {what}"))?
}

/// The node's `block_height{status="best"}` or `{status="finalized"}` metric.
pub async fn height(node: &NetworkNode, status: Status) -> Result<u64> {
	let value = node
		.reports(status.metric())
		.await
		.with_context(|| format!("reading {}'s {} height", node.name(), status.name()))?;
	Ok(value as u64)
}

/// Waits until `node`'s `status` height reaches `target`.
pub async fn wait_height(
	node: &NetworkNode,
	status: Status,
	target: u64,
	limit: Duration,
) -> Result<u64> {
	let what = format!("{} to reach {} block #{target}", node.name(), status.name());
	within(limit, &what, async {
		loop {
			// A node that is (re)starting has no metrics endpoint for a moment.
			if let Ok(height) = height(node, status).await {
				if height >= target {
					return Ok(height);
				}
			}
			tokio::time::sleep(Duration::from_millis(500)).await;
		}
	})
	.await
}

/// Which of a node's heights.
#[derive(Clone, Copy, Debug)]
pub enum Status {
	/// The best block.
	Best,
	/// The last finalized block.
	Finalized,
}

impl Status {
	fn metric(self) -> &'static str {
		match self {
			Status::Best => "block_height{status=\"best\"}",
			Status::Finalized => "block_height{status=\"finalized\"}",
		}
	}

	fn name(self) -> &'static str {
		match self {
			Status::Best => "best",
			Status::Finalized => "finalized",
		}
	}
}

/// A client of `node`, once its RPC server answers.
pub async fn client(node: &NetworkNode) -> Result<Client> {
	node.wait_client_with_timeout::<PolkadotConfig>(120u64)
		.await
		.with_context(|| format!("connecting to {} at {}", node.name(), node.ws_uri()))
}

/// A development account, from its derivation (`//Alice`, `//Custodian`).
pub fn account(uri: &str) -> Result<Keypair> {
	let secret: SecretUri = uri.parse().map_err(|error| anyhow!("{uri}: {error:?}"))?;
	Keypair::from_uri(&secret).map_err(|error| anyhow!("{uri}: {error}"))
}

/// An account id as a dynamic value.
pub fn account_id(keypair: &Keypair) -> Value {
	Value::from_bytes(keypair.public_key().0)
}

/// A transaction in the block [`submit`] waited for.
pub struct Included {
	/// The block.
	pub block_hash: H256,
	/// The extrinsic's events, or its dispatch error as `Pallet::Error`.
	pub outcome: std::result::Result<ExtrinsicEvents<PolkadotConfig>, String>,
}

impl Included {
	/// The events of a transaction that must have succeeded.
	pub fn events(self, what: &str) -> Result<ExtrinsicEvents<PolkadotConfig>> {
		self.outcome.map_err(|error| anyhow!("{what} failed: {error}"))
	}

	/// The fields of the first `pallet::variant` event of a successful transaction.
	pub fn event(self, what: &str, pallet: &str, variant: &str) -> Result<Decoded> {
		let events = self.events(what)?;
		event_fields(&events, pallet, variant)?
			.ok_or_else(|| anyhow!("{what}: no {pallet}::{variant} event"))
	}
}

/// Signs `call` as `signer`, submits it and waits until it is in a finalized block.
///
/// Both collators author, so forks are normal: a call in a best block may still be retracted with
/// its fork. Every call waits for finality: the next call's nonce is then read from, and the next
/// call itself checked on, a chain that holds it — a grant before an access, an anchor before an
/// enrolment, a query before its verdict.
pub async fn submit<Call: Payload>(
	client: &Client,
	call: &Call,
	signer: &Keypair,
	what: &str,
) -> Result<Included> {
	let mut progress = client
		.tx()
		.sign_and_submit_then_watch_default(call, signer)
		.await
		.with_context(|| format!("submitting {what}"))?;
	let in_block = within(FINALITY_TIMEOUT, format!("{what} to be in a finalized block"), async {
		while let Some(status) = progress.next().await {
			match status.with_context(|| format!("watching {what}"))? {
				TxStatus::InFinalizedBlock(block) => return Ok(block),
				TxStatus::Error { message }
				| TxStatus::Invalid { message }
				| TxStatus::Dropped { message } => bail!("{what} was not included: {message}"),
				_ => {}
			}
		}
		bail!("the node stopped reporting on {what}")
	})
	.await?;
	let block_hash = in_block.block_hash();
	let outcome = match in_block.wait_for_success().await {
		Ok(events) => Ok(events),
		Err(subxt::Error::Runtime(subxt::error::DispatchError::Module(error))) => {
			Err(error.details_string())
		}
		Err(subxt::Error::Runtime(error)) => Err(error.to_string()),
		Err(error) => return Err(anyhow!(error).context(format!("reading {what}'s events"))),
	};
	Ok(Included { block_hash, outcome })
}

/// The header of block `hash`.
async fn header(client: &Client, hash: H256) -> Result<<PolkadotConfig as subxt::Config>::Header> {
	Ok(client.blocks().at(hash).await?.header().clone())
}

/// The fields of the first `pallet::variant` event among `events`.
pub fn event_fields(
	events: &ExtrinsicEvents<PolkadotConfig>,
	pallet: &str,
	variant: &str,
) -> Result<Option<Decoded>> {
	for event in events.iter() {
		let event = event?;
		if event.pallet_name() == pallet && event.variant_name() == variant {
			return Ok(Some(composite(event.field_values()?)));
		}
	}
	Ok(None)
}

/// The fields of every `pallet::variant` event in block `block_hash`.
pub async fn block_events(
	client: &Client,
	block_hash: H256,
	pallet: &str,
	variant: &str,
) -> Result<Vec<Decoded>> {
	let events = client.events().at(block_hash).await?;
	let mut found = Vec::new();
	for event in events.iter() {
		let event = event?;
		if event.pallet_name() == pallet && event.variant_name() == variant {
			found.push(composite(event.field_values()?));
		}
	}
	Ok(found)
}

fn composite(fields: Composite<u32>) -> Decoded {
	Value { value: ValueDef::Composite(fields), context: 0 }
}

/// Field `name` of `value`, as a number.
pub fn number(value: &Decoded, name: &str) -> Result<u128> {
	value
		.at(name)
		.and_then(|field| field.as_u128())
		.ok_or_else(|| anyhow!("no number `{name}` in {value}"))
}

/// The bytes of a decoded byte array or `Vec<u8>` (or a newtype around one, as `AccountId32`).
pub fn bytes(value: &Decoded) -> Result<Vec<u8>> {
	fn collect(value: &Decoded, bytes: &mut Vec<u8>) -> Result<()> {
		use zombienet_sdk::subxt::ext::scale_value::Primitive;
		match &value.value {
			ValueDef::Composite(composite) => {
				for value in composite.values() {
					collect(value, bytes)?;
				}
			}
			ValueDef::Primitive(Primitive::U128(byte)) => bytes.push(u8::try_from(*byte)?),
			other => bail!("not bytes: {other:?}"),
		}
		Ok(())
	}
	let mut bytes = Vec::new();
	collect(value, &mut bytes)?;
	Ok(bytes)
}

/// The bytes of field `name` of `value`.
pub fn field_bytes(value: &Decoded, name: &str) -> Result<Vec<u8>> {
	bytes(value.at(name).ok_or_else(|| anyhow!("no field `{name}` in {value}"))?)
}

/// The name of the enum variant `value` is, and its fields.
pub fn variant(value: &Decoded) -> Result<(&str, &Composite<u32>)> {
	match &value.value {
		ValueDef::Variant(variant) => Ok((variant.name.as_str(), &variant.values)),
		_ => Err(anyhow!("{value} is not an enum variant")),
	}
}

/// Storage item `pallet::item` at `keys`, at block `at` (the best block if `None`).
pub async fn storage(
	client: &Client,
	at: Option<H256>,
	pallet: &str,
	item: &str,
	keys: Vec<Value>,
) -> Result<Option<Decoded>> {
	let query = subxt::dynamic::storage(pallet, item, keys);
	let storage = match at {
		Some(hash) => client.storage().at(hash),
		None => client.storage().at_latest().await?,
	};
	match storage.fetch(&query).await? {
		Some(thunk) => Ok(Some(thunk.to_value()?)),
		None => Ok(None),
	}
}

/// The relay chain block a parachain block was built on (`ParachainSystem` of that block).
pub async fn relay_parent_number(client: &Client, para_block: H256) -> Result<u128> {
	let number =
		storage(client, Some(para_block), "ParachainSystem", "LastRelayChainBlockNumber", vec![])
			.await?
			.ok_or_else(|| anyhow!("no relay parent recorded in block {para_block:?}"))?;
	number.as_u128().ok_or_else(|| anyhow!("relay parent number {number}"))
}

/// The pids of the processes whose command line mentions `path`: the nodes (and PVF workers) of
/// a run, found by their `--base-path` and friends.
pub fn processes_under(path: &Path) -> Vec<(i32, Vec<String>)> {
	let needle = path.to_string_lossy().into_owned();
	let own = std::process::id() as i32;
	let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
	entries
		.filter_map(|entry| {
			let pid: i32 = entry.ok()?.file_name().to_str()?.parse().ok()?;
			let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
			let args: Vec<String> = cmdline
				.split(|byte| *byte == 0)
				.filter(|arg| !arg.is_empty())
				.map(|arg| String::from_utf8_lossy(arg).into_owned())
				.collect();
			(pid != own && args.iter().any(|arg| arg.contains(&needle))).then_some((pid, args))
		})
		.collect()
}

/// SIGKILLs every process under `path` (see [`processes_under`]); returns how many there were.
pub fn kill_processes_under(path: &Path) -> usize {
	let processes = processes_under(path);
	for (pid, _) in &processes {
		let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(*pid), nix::sys::signal::SIGKILL);
	}
	processes.len()
}

/// SIGKILLs node `node`'s own process (not its PVF workers), as a crash or `kill -9` would: the
/// process whose data lives in `<run_dir>/<node>/`.
pub fn kill_node(run_dir: &Path, node: &str) -> Result<i32> {
	let node_dir = run_dir.join(node);
	let program_of = |args: &[String]| args.first().cloned().unwrap_or_default();
	let nodes: Vec<i32> = processes_under(&node_dir)
		.into_iter()
		.filter(|(_, args)| {
			let program = program_of(args);
			program.ends_with("genochain-node") || program.ends_with("/polkadot")
		})
		.map(|(pid, _)| pid)
		.collect();
	let [pid] = nodes[..] else {
		bail!("expected one process of node {node} under {}, found {nodes:?}", node_dir.display())
	};
	nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), nix::sys::signal::SIGKILL)
		.with_context(|| format!("killing {node} (pid {pid})"))?;
	Ok(pid)
}

/// Waits until process `pid` is gone (a killed process may linger for a moment).
pub async fn wait_gone(pid: i32, limit: Duration) -> Result<()> {
	within(limit, format!("process {pid} to exit"), async {
		// A zombie (killed, not yet reaped) counts as gone.
		while std::fs::read_to_string(format!("/proc/{pid}/stat"))
			.map(|stat| !stat.contains(") Z "))
			.unwrap_or(false)
		{
			tokio::time::sleep(Duration::from_millis(100)).await;
		}
		Ok(())
	})
	.await
}

/// The first `pallet::variant` event matching `matches` in the finalized chain after block `after`
/// (the block of the call that causes it), with the block it is in.
///
/// Only finalized blocks are searched: a parachain forks now and then (two collators authoring,
/// or one rebuilding a block whose candidate was not backed in time), and an event seen in a best
/// block may be retracted with its fork and land in a sibling block instead. Each new finalized
/// head is searched with its ancestors not searched yet, down to `after`, since the node reports
/// finalized heads, not every block it finalized.
pub async fn wait_event(
	client: &Client,
	after: H256,
	pallet: &str,
	variant: &str,
	matches: impl Fn(&Decoded) -> bool,
	limit: Duration,
) -> Result<(H256, Decoded)> {
	let after = u64::from(header(client, after).await?.number);
	let mut blocks = client.blocks().subscribe_finalized().await?;
	let mut searched = std::collections::HashSet::new();
	within(limit, format!("a finalized {pallet}::{variant} event"), async {
		while let Some(block) = blocks.next().await {
			let block = block?;
			let (mut hash, mut header) = (block.hash(), block.header().clone());
			while u64::from(header.number) > after && searched.insert(hash) {
				for fields in block_events(client, hash, pallet, variant).await? {
					if matches(&fields) {
						return Ok((hash, fields));
					}
				}
				hash = header.parent_hash;
				header = self::header(client, hash).await?;
			}
		}
		bail!("the node stopped sending finalized blocks")
	})
	.await
}

/// The number of the head of para `para_id` in the relay chain's finalized state: what the relay
/// chain has included of it. (A head is an encoded header: the parent hash, then the compact
/// number.)
pub async fn finalized_para_head(relay: &Client, para_id: u32) -> Result<u64> {
	let finalized = relay.backend().latest_finalized_block_ref().await?.hash();
	let head = storage(relay, Some(finalized), "Paras", "Heads", vec![Value::u128(para_id.into())])
		.await?
		.ok_or_else(|| anyhow!("the relay chain has no head of para {para_id}"))?;
	let bytes = bytes(&head)?;
	let mut number = bytes.get(32..).unwrap_or_default();
	Ok(<subxt::ext::codec::Compact<u32>>::decode(&mut number)?.0.into())
}

/// Waits until new best blocks of `client`'s chain have come from `count` different Aura slots
/// modulo `count`: with `count` authorities taking turns, each of them authored one.
pub async fn wait_aura_authors(client: &Client, count: usize, limit: Duration) -> Result<()> {
	let modulus = u64::try_from(count)?;
	let mut authors = std::collections::BTreeSet::new();
	let mut blocks = client.blocks().subscribe_best().await?;
	within(limit, format!("blocks of {count} collators"), async {
		while authors.len() < count {
			let Some(block) = blocks.next().await else { bail!("no more blocks") };
			let block = block?;
			for log in &block.header().digest.logs {
				if let subxt::config::substrate::DigestItem::PreRuntime(engine, slot) = log {
					if engine == b"aura" {
						let slot = u64::decode(&mut &slot[..])?;
						authors.insert(slot % modulus);
					}
				}
			}
		}
		Ok(())
	})
	.await
}
