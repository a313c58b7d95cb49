//! The node a load runs against, over its RPC endpoint: calls encoded from the runtime's own
//! argument types (`genochain-primitives`) and checked against the node's metadata, transactions
//! signed ahead, and what the blocks say of them.
//!
//! Only nodes on this machine are loaded: a load run fills the pool and the blocks of the node it
//! talks to, which is nothing to do to someone else's node.

use crate::LoadError;
use codec::{Decode, Encode};
use genochain_primitives::{Balance, Hash as H256};
use polkadot_sdk::{sp_crypto_hashing::blake2_256, sp_runtime::DispatchError, sp_weights::Weight};
use std::{
	future::Future,
	str::FromStr,
	sync::{Arc, RwLock},
	time::Duration,
};
use subxt::{
	config::DefaultExtrinsicParamsBuilder,
	events::Phase,
	rpcs::{rpc_params, RpcClient},
	OnlineClient, PolkadotConfig,
};
use subxt_signer::{sr25519::Keypair, SecretUri};

pub use genochain_client::{AtBlock, EncodedCall};

type Client = OnlineClient<PolkadotConfig>;
/// Account ids as Genochain encodes them.
pub type AccountId = [u8; 32];

/// How long to wait for the node to answer a request.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(30);

/// A key from a secret URI: `//Alice`, `//Custodian` (the development phrase's), a phrase with
/// its derivation, or a 0x-prefixed seed.
pub fn key(suri: &str) -> Result<Keypair, LoadError> {
	let uri = SecretUri::from_str(suri)
		.map_err(|e| LoadError::Usage(format!("not a secret URI ({e}); give e.g. //Alice")))?;
	Keypair::from_uri(&uri)
		.map_err(|e| LoadError::Usage(format!("cannot derive a key from a secret URI: {e}")))
}

/// The account of `key`.
pub fn account(key: &Keypair) -> AccountId {
	key.public_key().0
}

/// A transaction signed ahead of its submission.
#[derive(Clone)]
pub struct Signed {
	/// The transaction as submitted.
	pub bytes: Vec<u8>,
	/// Its hash, as the node and the block's extrinsics name it.
	pub hash: H256,
}

/// What one block holds, as a load run reads it.
pub struct Block {
	pub number: u64,
	pub hash: H256,
	/// The hashes of its extrinsics, in their order (inherents first).
	pub extrinsics: Vec<H256>,
	/// The weight its extrinsics and hooks took (every dispatch class).
	pub weight: Weight,
}

/// What a block's events say of one of its extrinsics.
#[derive(Default)]
pub struct Outcome {
	/// `Pallet.Error` when the call was dispatched and failed; `None` when it succeeded.
	pub failure: Option<String>,
	/// The events it emitted: (pallet, event, SCALE-encoded fields).
	pub events: Vec<(String, String, Vec<u8>)>,
}

/// The block limits of the runtime, from its metadata (`System.BlockWeights`).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
	/// What the extrinsics of the normal class may take in one block.
	pub normal: Weight,
	/// The whole block's.
	pub block: Weight,
}

/// A connection to a node on this machine. Its clones share one connection, which
/// [`Node::reconnect`] replaces for all of them when the node went away and came back.
#[derive(Clone)]
pub struct Node {
	url: String,
	connection: Arc<RwLock<Connection>>,
}

#[derive(Clone)]
struct Connection {
	rpc: RpcClient,
	client: Client,
}

impl Connection {
	async fn open(url: &str) -> Result<Self, LoadError> {
		let failed = |problem: String| LoadError::Node { url: url.into(), problem };
		let rpc = within(url, RpcClient::from_insecure_url(url))
			.await?
			.map_err(|e| failed(format!("cannot connect: {e}")))?;
		let client = within(url, Client::from_rpc_client(rpc.clone()))
			.await?
			.map_err(|e| failed(format!("cannot read the chain: {e}")))?;
		Ok(Connection { rpc, client })
	}
}

impl Node {
	/// Connects to the node at `url`, which must be on this machine, and checks that it runs
	/// Genochain.
	pub async fn connect(url: &str) -> Result<Self, LoadError> {
		check_local(url)?;
		let connection = Connection::open(url).await?;
		let node = Node { url: url.into(), connection: Arc::new(RwLock::new(connection)) };
		let at = node.finalized().await?;
		for pallet in ["Consent", "GenomeAnchor", "DataMarket", "Registry"] {
			if at.metadata_ref().pallet_by_name(pallet).is_none() {
				return Err(node.failed(format!(
					"this node does not run Genochain: its runtime has no {pallet} pallet"
				)));
			}
		}
		Ok(node)
	}

	/// Connects again to the same address, for every clone of this node: after the node
	/// restarted, the old connection only fails.
	pub async fn reconnect(&self) -> Result<(), LoadError> {
		let connection = Connection::open(&self.url).await?;
		// A writer that panicked left a whole connection behind: it is replaced all the same.
		*self.connection.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = connection;
		Ok(())
	}

	fn rpc(&self) -> RpcClient {
		self.connection.read().unwrap_or_else(|poisoned| poisoned.into_inner()).rpc.clone()
	}

	fn client(&self) -> Client {
		self.connection.read().unwrap_or_else(|poisoned| poisoned.into_inner()).client.clone()
	}

	/// The node's address.
	pub fn url(&self) -> &str {
		&self.url
	}

	/// An error naming the node.
	pub fn failed(&self, problem: impl Into<String>) -> LoadError {
		LoadError::Node { url: self.url.clone(), problem: problem.into() }
	}

	/// The chain at its latest finalized block.
	pub async fn finalized(&self) -> Result<AtBlock, LoadError> {
		within(&self.url, self.client().at_current_block())
			.await?
			.map_err(|e| self.failed(format!("cannot read its latest finalized block: {e}")))
	}

	/// The encoded call `pallet.call(arguments)`, checked against the runtime's metadata.
	pub fn call(
		&self,
		at: &AtBlock,
		pallet: &str,
		call: &str,
		arguments: impl Encode,
	) -> Result<Vec<u8>, LoadError> {
		genochain_client::encode_call(at, pallet, call, arguments)
			.map_err(|e| self.failed(e.to_string()))
	}

	/// `call` signed by `signer` with `nonce`, immortal: a transaction signed ahead stays valid
	/// however long it waits for its turn.
	pub fn sign(
		&self,
		at: &AtBlock,
		call: &[u8],
		signer: &Keypair,
		nonce: u64,
	) -> Result<Signed, LoadError> {
		let transactions = at.transactions();
		let payload = transactions
			.from_call_data_bytes(call)
			.map_err(|e| self.failed(format!("cannot read a call: {e}")))?;
		let params = DefaultExtrinsicParamsBuilder::new().nonce(nonce).immortal().build();
		let signed = transactions
			.create_signable_offline(&payload, params)
			.and_then(|mut signable| signable.sign(signer))
			.map_err(|e| self.failed(format!("cannot sign a transaction: {e}")))?;
		let bytes = signed.into_encoded();
		Ok(Signed { hash: H256::from(blake2_256(&bytes)), bytes })
	}

	/// The next nonce of `account`, counting its transactions in the pool.
	pub async fn next_nonce(&self, account: &AccountId) -> Result<u64, LoadError> {
		let address = subxt::utils::AccountId32(*account).to_string();
		within(
			&self.url,
			self.rpc().request("system_accountNextIndex", rpc_params![address.clone()]),
		)
		.await?
		.map_err(|e| self.failed(format!("cannot read the nonce of {address}: {e}")))
	}

	/// A constant of the runtime, decoded as `T`.
	pub fn constant<T: Decode>(
		&self,
		at: &AtBlock,
		pallet: &str,
		name: &str,
	) -> Result<T, LoadError> {
		let value = at
			.metadata_ref()
			.pallet_by_name(pallet)
			.and_then(|p| p.constant_by_name(name))
			.map(|constant| constant.value().to_vec())
			.ok_or_else(|| self.failed(format!("its runtime has no constant {pallet}.{name}")))?;
		T::decode(&mut value.as_slice())
			.map_err(|e| self.failed(format!("its {pallet}.{name} reads otherwise: {e}")))
	}

	/// The runtime's block limits.
	pub fn limits(&self, at: &AtBlock) -> Result<Limits, LoadError> {
		let weights: BlockWeights = self.constant(at, "System", "BlockWeights")?;
		Ok(Limits {
			normal: weights.normal.max_total.unwrap_or(weights.max_block),
			block: weights.max_block,
		})
	}

	/// Submits a signed transaction to the node's pool: `Ok` once the pool took it, `Err` with
	/// the node's reason when it refused it.
	pub async fn submit(&self, transaction: &[u8]) -> Result<(), Refusal> {
		let hex = format!("0x{}", hex::encode(transaction));
		match tokio::time::timeout(
			ANSWER_TIMEOUT,
			self.rpc().request::<serde_json::Value>("author_submitExtrinsic", rpc_params![hex]),
		)
		.await
		{
			Ok(Ok(_)) => Ok(()),
			Ok(Err(subxt::rpcs::Error::User(refusal))) => Err(Refusal::Refused {
				code: refusal.code,
				reason: refusal
					.data
					.map(|data| format!("{}: {}", refusal.message, data.get().trim_matches('"')))
					.unwrap_or(refusal.message),
			}),
			Ok(Err(e)) => Err(Refusal::Unanswered(e.to_string())),
			Err(_) => {
				Err(Refusal::Unanswered(format!("no answer within {} s", ANSWER_TIMEOUT.as_secs())))
			}
		}
	}

	/// The number of the node's best block.
	pub async fn best_number(&self) -> Result<u64, LoadError> {
		let header: HeaderJson =
			within(&self.url, self.rpc().request("chain_getHeader", rpc_params![]))
				.await?
				.map_err(|e| self.failed(format!("cannot read its best block: {e}")))?;
		header.number().ok_or_else(|| self.failed("sent a block number that is not hex"))
	}

	/// The node's latest finalized block: its number and hash.
	pub async fn finalized_head(&self) -> Result<(u64, H256), LoadError> {
		let hash: H256 =
			within(&self.url, self.rpc().request("chain_getFinalizedHead", rpc_params![]))
				.await?
				.map_err(|e| self.failed(format!("cannot read its finalized head: {e}")))?;
		let header: HeaderJson =
			within(&self.url, self.rpc().request("chain_getHeader", rpc_params![hash]))
				.await?
				.map_err(|e| self.failed(format!("cannot read its finalized head: {e}")))?;
		let number =
			header.number().ok_or_else(|| self.failed("sent a block number that is not hex"))?;
		Ok((number, hash))
	}

	/// The hash of block `number` of the best chain, if the node has it.
	pub async fn block_hash(&self, number: u64) -> Result<Option<H256>, LoadError> {
		within(&self.url, self.rpc().request("chain_getBlockHash", rpc_params![number]))
			.await?
			.map_err(|e| self.failed(format!("cannot read the hash of block {number}: {e}")))
	}

	/// Block `hash`: its extrinsics' hashes and the weight it took.
	pub async fn block(&self, number: u64, hash: H256) -> Result<Block, LoadError> {
		let reply: SignedBlockJson =
			within(&self.url, self.rpc().request("chain_getBlock", rpc_params![hash]))
				.await?
				.map_err(|e| self.failed(format!("cannot read block {number}: {e}")))?;
		let extrinsics = reply
			.block
			.extrinsics
			.iter()
			.map(|extrinsic| {
				hex::decode(extrinsic.trim_start_matches("0x"))
					.map(|bytes| H256::from(blake2_256(&bytes)))
					.map_err(|e| self.failed(format!("block {number} holds unreadable hex: {e}")))
			})
			.collect::<Result<_, _>>()?;
		let weight = match self.system_value::<(Weight, Weight, Weight)>("BlockWeight", hash).await
		{
			Ok(Some((normal, operational, mandatory))) => {
				normal.saturating_add(operational).saturating_add(mandatory)
			}
			Ok(None) => Weight::zero(),
			Err(e) => return Err(self.failed(format!("block {number}: its weight: {e}"))),
		};
		Ok(Block { number, hash, extrinsics, weight })
	}

	/// The number block `hash` stores as its own (`System.Number`), if the node still has that
	/// block's state: after a restart, whether its state came back with it.
	pub async fn stored_number(&self, hash: H256) -> Result<Option<u64>, LoadError> {
		Ok(self.system_value::<u32>("Number", hash).await?.map(u64::from))
	}

	/// The value `System.item` holds in the state of block `hash`.
	async fn system_value<T: Decode>(
		&self,
		item: &str,
		hash: H256,
	) -> Result<Option<T>, LoadError> {
		self.stored(&format!("System.{item}"), storage_key("System", item), Some(hash)).await
	}

	/// The value under `key` (hex) in the state of block `hash`, or of the best block; `what`
	/// names it in errors.
	async fn stored<T: Decode>(
		&self,
		what: &str,
		key: String,
		hash: Option<H256>,
	) -> Result<Option<T>, LoadError> {
		let value: Option<String> =
			within(&self.url, self.rpc().request("state_getStorage", rpc_params![key, hash]))
				.await?
				.map_err(|e| self.failed(format!("cannot read {what}: {e}")))?;
		let Some(value) = value else { return Ok(None) };
		let bytes = hex::decode(value.trim_start_matches("0x"))
			.map_err(|e| self.failed(format!("{what}: unreadable hex: {e}")))?;
		T::decode(&mut bytes.as_slice())
			.map(Some)
			.map_err(|e| self.failed(format!("{what} reads otherwise: {e}")))
	}

	/// The free balance of `account` at the best block (nothing for an account never funded).
	pub async fn free_balance(&self, account: &AccountId) -> Result<Balance, LoadError> {
		use polkadot_sdk::sp_crypto_hashing::blake2_128;
		// `System.Account` is a Blake2_128Concat map of `AccountInfo { nonce, consumers,
		// providers, sufficients, data: AccountData { free, reserved, frozen, flags } }`.
		let key = format!(
			"{}{}{}",
			storage_key("System", "Account"),
			hex::encode(blake2_128(account)),
			hex::encode(account)
		);
		let what = format!("the account of {}", subxt::utils::AccountId32(*account));
		let info: Option<(u32, u32, u32, u32, Balance)> = self.stored(&what, key, None).await?;
		Ok(info.map(|(_, _, _, _, free)| free).unwrap_or(0))
	}

	/// Calls the runtime API function `method` (`ConsentApi_consents_of`) with SCALE-encoded
	/// `arguments` at the best block: its SCALE-encoded answer.
	pub async fn runtime_call(&self, method: &str, arguments: &[u8]) -> Result<Vec<u8>, LoadError> {
		let arguments = format!("0x{}", hex::encode(arguments));
		let answer: String =
			within(&self.url, self.rpc().request("state_call", rpc_params![method, arguments]))
				.await?
				.map_err(|e| self.failed(format!("{method}: {e}")))?;
		hex::decode(answer.trim_start_matches("0x"))
			.map_err(|e| self.failed(format!("{method}: unreadable hex: {e}")))
	}

	/// What the events of block `hash` say of its extrinsics `wanted` (by index).
	pub async fn outcomes(
		&self,
		number: u64,
		hash: H256,
		wanted: &[u32],
		keep_events: bool,
	) -> Result<Vec<Outcome>, LoadError> {
		let failed =
			|e: String| self.failed(format!("cannot read the events of block {number}: {e}"));
		let at = within(&self.url, self.client().at_block(subxt::utils::H256(hash.0)))
			.await?
			.map_err(|e| failed(e.to_string()))?;
		let events =
			within(&self.url, at.events().fetch()).await?.map_err(|e| failed(e.to_string()))?;
		let mut outcomes: Vec<Outcome> = wanted.iter().map(|_| Outcome::default()).collect();
		for event in events.iter() {
			let event = event.map_err(|e| failed(e.to_string()))?;
			let Phase::ApplyExtrinsic(index) = event.phase() else { continue };
			let Some(position) = wanted.iter().position(|wanted| *wanted == index) else {
				continue;
			};
			let Some(outcome) = outcomes.get_mut(position) else { continue };
			if (event.pallet_name(), event.event_name()) == ("System", "ExtrinsicFailed") {
				let error = DispatchError::decode(&mut event.field_bytes()).map_err(|e| {
					failed(format!("an ExtrinsicFailed event reads otherwise: {e}"))
				})?;
				outcome.failure = Some(genochain_client::error_name(&at, &error));
			} else if keep_events {
				outcome.events.push((
					event.pallet_name().into(),
					event.event_name().into(),
					event.field_bytes().to_vec(),
				));
			}
		}
		Ok(outcomes)
	}

	/// A subscription to the node's new best blocks (`finalized` false) or finalized blocks:
	/// their numbers.
	pub async fn follow(
		&self,
		finalized: bool,
	) -> Result<subxt::rpcs::client::RpcSubscription<HeaderJson>, LoadError> {
		let (subscribe, unsubscribe) = if finalized {
			("chain_subscribeFinalizedHeads", "chain_unsubscribeFinalizedHeads")
		} else {
			("chain_subscribeNewHeads", "chain_unsubscribeNewHeads")
		};
		within(&self.url, self.rpc().subscribe(subscribe, rpc_params![], unsubscribe))
			.await?
			.map_err(|e| self.failed(format!("cannot follow its blocks: {e}")))
	}
}

/// Why the pool did not take a transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
	/// The node refused it: the JSON-RPC error's code (`sc-rpc-api`'s author errors) and its
	/// reason ("Invalid Transaction: Transaction is outdated").
	Refused { code: i32, reason: String },
	/// The node did not answer: whether it took the transaction is unknown.
	Unanswered(String),
}

/// `sc-rpc-api`'s author error codes this tool tells apart.
const POOL_INVALID_TX: i32 = 1010;
const POOL_TEMPORARILY_BANNED: i32 = 1012;
const POOL_ALREADY_IMPORTED: i32 = 1013;

impl Refusal {
	/// Whether the node refused the transaction because it has it already: in its pool, in a
	/// block (its nonce is used: "outdated"), or dropped from its pool a moment ago (banned for
	/// a while). What a resubmission hears for a transaction the node kept.
	pub fn already_known(&self) -> bool {
		match self {
			Refusal::Refused { code: POOL_ALREADY_IMPORTED | POOL_TEMPORARILY_BANNED, .. } => true,
			Refusal::Refused { code: POOL_INVALID_TX, reason } => reason.ends_with("outdated"),
			_ => false,
		}
	}
}

/// A header as the node's subscriptions send it; only its number is read.
#[derive(serde::Deserialize)]
pub struct HeaderJson {
	number: String,
}

impl HeaderJson {
	/// The block's number (hex in JSON).
	pub fn number(&self) -> Option<u64> {
		u64::from_str_radix(self.number.trim_start_matches("0x"), 16).ok()
	}
}

#[derive(serde::Deserialize)]
struct SignedBlockJson {
	block: BlockJson,
}

#[derive(serde::Deserialize)]
struct BlockJson {
	extrinsics: Vec<String>,
}

/// `frame_system::limits::BlockWeights` as SCALE lays it out.
#[derive(Decode)]
struct BlockWeights {
	_base_block: Weight,
	max_block: Weight,
	normal: ClassWeights,
	_operational: ClassWeights,
	_mandatory: ClassWeights,
}

/// `frame_system::limits::WeightsPerClass`.
#[derive(Decode)]
struct ClassWeights {
	_base_extrinsic: Weight,
	_max_extrinsic: Option<Weight>,
	max_total: Option<Weight>,
	_reserved: Option<Weight>,
}

/// The storage key of a plain storage value.
fn storage_key(pallet: &str, item: &str) -> String {
	use polkadot_sdk::sp_crypto_hashing::twox_128;
	format!(
		"0x{}{}",
		hex::encode(twox_128(pallet.as_bytes())),
		hex::encode(twox_128(item.as_bytes()))
	)
}

/// Refuses an address that is not on this machine.
fn check_local(url: &str) -> Result<(), LoadError> {
	let usage = |problem: &str| LoadError::Usage(format!("--node {url}: {problem}"));
	let rest = url
		.strip_prefix("ws://")
		.or_else(|| url.strip_prefix("http://"))
		.ok_or_else(|| usage("give the node's address on this machine, ws://127.0.0.1:PORT"))?;
	let authority = rest.split('/').next().unwrap_or_default();
	let host = match authority.strip_prefix('[') {
		Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
		None => authority.rsplit_once(':').map_or(authority, |(host, _)| host),
	};
	let local = host == "localhost"
		|| host.parse::<std::net::IpAddr>().is_ok_and(|address| address.is_loopback());
	if local {
		Ok(())
	} else {
		Err(usage("a load run only talks to a node on this machine (127.0.0.1, ::1, localhost)"))
	}
}

/// Runs `future`, or fails naming the node if it does not answer in time.
async fn within<F: Future>(url: &str, future: F) -> Result<F::Output, LoadError> {
	tokio::time::timeout(ANSWER_TIMEOUT, future).await.map_err(|_| LoadError::Node {
		url: url.into(),
		problem: format!("did not answer within {} s", ANSWER_TIMEOUT.as_secs()),
	})
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn only_nodes_on_this_machine_are_loaded() {
		for url in
			["ws://127.0.0.1:9944", "ws://localhost:9944", "ws://[::1]:9944", "http://127.0.0.2:1"]
		{
			assert!(check_local(url).is_ok(), "{url}");
		}
		for url in [
			"ws://10.0.0.1:9944",
			"wss://rpc.example.org",
			"ws://example.org:9944",
			"127.0.0.1:9944",
		] {
			let Err(LoadError::Usage(problem)) = check_local(url) else {
				panic!("{url} was taken")
			};
			assert!(problem.contains(url), "{problem}");
		}
	}

	#[test]
	fn block_weight_is_read_at_its_storage_key() {
		// twox_128("System") ++ twox_128("BlockWeight"), as every Substrate chain stores it.
		assert_eq!(
			storage_key("System", "BlockWeight"),
			"0x26aa394eea5630e07c48ae0c9558cef734abf5cb34d6244378cddbf18e849d96"
		);
	}
}
