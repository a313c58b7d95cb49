//! The chain as the gateway sees it: the runtime APIs it asks before storing or releasing data
//! (always at the latest finalized block), and the transactions it submits as the custodian
//! ([`submitter`]).
//!
//! Arguments and answers are SCALE-encoded from the runtime's own types in
//! `genochain-primitives`; the node's metadata is checked for the calls and APIs the gateway
//! needs when it connects, so an incompatible node is refused at start rather than misread later.

pub mod submitter;

use codec::{Decode, Encode};
use genochain_fhir::{BlockClock, ChainConsent};
use genochain_primitives::{
	consent::{AccessRefusal, ConsentId, DataCategory, DatasetId, DatasetKeeping, Role, Standing},
	duo::RequestedUse,
	redaction::Lookup,
	Hash as H256,
};
use std::{future::Future, str::FromStr, time::Duration};
use subxt::{
	rpcs::{rpc_params, RpcClient},
	OnlineClient, PolkadotConfig,
};
use subxt_signer::{sr25519::Keypair, SecretUri};

pub use genochain_client::AtBlock;

type Client = OnlineClient<PolkadotConfig>;
/// Account ids as Genochain encodes them.
pub type AccountId = [u8; 32];

/// How long to wait for the node to answer a query.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(10);

/// The runtime APIs and calls the gateway needs, checked at connection.
const NEEDED_APIS: &[(&str, &str)] = &[
	("ConsentApi", "check_release"),
	("ConsentApi", "consent"),
	("ConsentApi", "dataset"),
	("ConsentApi", "standing"),
];
const NEEDED_CALLS: &[(&str, &str)] =
	&[("Consent", "record_access"), ("Redaction", "confirm_erasure"), ("Utility", "force_batch")];

/// Why the chain could not answer.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ChainError {
	#[error("the node at {url} cannot be reached: {problem}")]
	Unreachable { url: String, problem: String },
	#[error("the node at {url} did not answer within {seconds} s")]
	Timeout { url: String, seconds: u64 },
	#[error("the node at {url} does not run a compatible Genochain: {problem}")]
	Incompatible { url: String, problem: String },
	#[error("the node at {url} failed: {problem}")]
	Failed { url: String, problem: String },
}

/// The custodian's key, from a secret URI (`//Alice` on dev chains, a mnemonic, a 0x seed).
pub fn custodian_key(suri: &str) -> Result<Keypair, String> {
	let uri = SecretUri::from_str(suri.trim()).map_err(|e| e.to_string())?;
	Keypair::from_uri(&uri).map_err(|e| e.to_string())
}

/// A connection to a node.
#[derive(Clone)]
pub struct Chain {
	url: String,
	rpc: RpcClient,
	client: Client,
}

impl Chain {
	/// Connects to the node at `url` and checks it has what the gateway needs.
	pub async fn connect(url: &str) -> Result<Self, ChainError> {
		let unreachable = |problem: String| ChainError::Unreachable { url: url.into(), problem };
		let rpc = within(url, RpcClient::from_insecure_url(url))
			.await?
			.map_err(|e| unreachable(e.to_string()))?;
		let client = within(url, Client::from_rpc_client(rpc.clone()))
			.await?
			.map_err(|e| unreachable(e.to_string()))?;
		let chain = Chain { url: url.into(), rpc, client };
		let at = chain.finalized().await?;
		let metadata = at.metadata_ref();
		for (api, method) in NEEDED_APIS {
			if metadata
				.runtime_api_trait_by_name(api)
				.and_then(|t| t.method_by_name(method))
				.is_none()
			{
				return Err(chain.incompatible(format!("its runtime has no {api}.{method} API")));
			}
		}
		for (pallet, call) in NEEDED_CALLS {
			chain.call_index(&at, pallet, call)?;
		}
		Ok(chain)
	}

	pub fn url(&self) -> &str {
		&self.url
	}

	fn incompatible(&self, problem: String) -> ChainError {
		ChainError::Incompatible { url: self.url.clone(), problem }
	}

	fn failed(&self, problem: String) -> ChainError {
		ChainError::Failed { url: self.url.clone(), problem }
	}

	/// The chain at its latest finalized block.
	pub async fn finalized(&self) -> Result<AtBlock, ChainError> {
		// Once more on a failure: under many concurrent reads the block just named finalized can
		// be unpinned before its header is read, and the next read names a newer one.
		match within(&self.url, self.client.at_current_block()).await? {
			Ok(at) => Ok(at),
			Err(first) => within(&self.url, self.client.at_current_block()).await?.map_err(|e| {
				self.failed(format!("cannot read its latest finalized block: {first}; again: {e}"))
			}),
		}
	}

	/// The chain at block `number`.
	pub async fn at_number(&self, number: u64) -> Result<AtBlock, ChainError> {
		within(&self.url, self.client.at_block(number))
			.await?
			.map_err(|e| self.failed(format!("cannot read block {number}: {e}")))
	}

	/// The (pallet, call) index of `pallet.call` in the runtime at `at`.
	fn call_index(&self, at: &AtBlock, pallet: &str, call: &str) -> Result<[u8; 2], ChainError> {
		genochain_client::call_index(at, pallet, call)
			.ok_or_else(|| self.incompatible(format!("its runtime has no {pallet}.{call} call")))
	}

	/// The encoded call `pallet.call(arguments)`, checked against the runtime's metadata.
	pub fn call(
		&self,
		at: &AtBlock,
		pallet: &str,
		call: &str,
		arguments: impl Encode,
	) -> Result<Vec<u8>, ChainError> {
		genochain_client::encode_call(at, pallet, call, arguments)
			.map_err(|e| self.incompatible(e.to_string()))
	}

	/// Calls a runtime API function at `at` and decodes its answer.
	async fn api<R: Decode>(
		&self,
		at: &AtBlock,
		function: &str,
		arguments: Vec<u8>,
	) -> Result<R, ChainError> {
		let bytes = within(&self.url, at.runtime_apis().call_raw(function, Some(&arguments)))
			.await?
			.map_err(|e| self.failed(format!("{function}: {e}")))?;
		R::decode(&mut bytes.as_slice())
			.map_err(|e| self.incompatible(format!("{function} answered in another form: {e}")))
	}

	/// Whose `dataset` is and who keeps it.
	pub async fn dataset(
		&self,
		at: &AtBlock,
		dataset: &DatasetId,
	) -> Result<Result<DatasetKeeping<AccountId>, AccessRefusal>, ChainError> {
		self.api(at, "ConsentApi_dataset", dataset.encode()).await
	}

	/// Whether `custodian` may release `category` data of `subject`'s `dataset` to `accessor`
	/// for `requested`: what `record_access` would check.
	pub async fn check_release(
		&self,
		at: &AtBlock,
		release: &ReleaseQuestion,
	) -> Result<Result<ConsentId, AccessRefusal>, ChainError> {
		self.api(at, "ConsentApi_check_release", release.encode()).await
	}

	/// Consent `id` as the chain states it.
	pub async fn consent(
		&self,
		at: &AtBlock,
		id: ConsentId,
	) -> Result<Lookup<ChainConsent, u32>, ChainError> {
		self.api(at, "ConsentApi_consent", id.encode()).await
	}

	/// The chain's clock at `at`: its time there and its pace over the blocks before.
	pub async fn clock(&self, at: &AtBlock) -> Result<BlockClock, ChainError> {
		let latest = u32::try_from(at.block_number())
			.map_err(|_| self.incompatible("its block numbers exceed Genochain's".into()))?;
		within(&self.url, genochain_fhir::chain::read_clock(&self.client, latest))
			.await?
			.map_err(|e| self.failed(format!("cannot read the chain's clock: {e}")))
	}

	/// Where `account`'s accreditation for `role` stands.
	pub async fn standing(
		&self,
		at: &AtBlock,
		account: &AccountId,
		role: Role,
	) -> Result<Standing, ChainError> {
		self.api(at, "ConsentApi_standing", (account, role).encode()).await
	}

	/// The next nonce of `account`, counting its transactions in the pool.
	async fn next_nonce(&self, account: &AccountId) -> Result<u64, ChainError> {
		let address = subxt::utils::AccountId32(*account).to_string();
		within(&self.url, self.rpc.request("system_accountNextIndex", rpc_params![address.clone()]))
			.await?
			.map_err(|e| self.failed(format!("cannot read the nonce of {address}: {e}")))
	}
}

/// The arguments of `ConsentApi.check_release`, in its order.
#[derive(Clone, Debug, PartialEq, Eq, Encode)]
pub struct ReleaseQuestion {
	pub custodian: AccountId,
	pub accessor: AccountId,
	pub subject: AccountId,
	pub dataset: DatasetId,
	pub category: DataCategory,
	pub requested: RequestedUse,
}

/// A block hash as the chain's primitives type it.
pub fn block_hash(at: &AtBlock) -> H256 {
	H256::from(at.block_hash().0)
}

/// Runs `future`, or fails naming the node if it does not answer in time.
async fn within<F: Future>(url: &str, future: F) -> Result<F::Output, ChainError> {
	tokio::time::timeout(ANSWER_TIMEOUT, future)
		.await
		.map_err(|_| ChainError::Timeout { url: url.into(), seconds: ANSWER_TIMEOUT.as_secs() })
}
