//! Talking to a Genochain node over its RPC endpoint (subxt): anchoring a fingerprint and reading
//! an anchor back to check proofs against it.
//!
//! Calls and runtime-API arguments are SCALE-encoded from the same `genochain-primitives` types
//! the runtime uses, and checked against the node's metadata before anything is signed, so a node
//! that is not Genochain, or runs an incompatible version, is refused with a message rather than
//! sent a transaction it would misread.

use crate::{
	error::{Error, Result},
	index::IndexHeader,
};
use codec::{Decode, Encode};
use genochain_client::AtBlock;
use genochain_fhir::{BlockClock, ChainConsent, Terms};
use genochain_primitives::{
	anchor::{anchor_id, Anchor, AnchorId, AnchorProofRefusal, FileDigest, VariantVerdict},
	consent::ConsentId,
	fingerprint::VariantProof,
	redaction::Lookup,
	Hash as H256,
};
use std::{future::Future, str::FromStr, time::Duration};
use subxt::{
	config::DefaultExtrinsicParamsBuilder,
	rpcs::{rpc_params, RpcClient},
	utils::AccountId32,
	OnlineClient, PolkadotConfig,
};
use subxt_signer::{sr25519::Keypair, SecretUri};

/// Genochain's account, address and signature types are those of Polkadot.
type Client = OnlineClient<PolkadotConfig>;

/// An anchor as the runtime API returns it.
pub type ChainAnchor = Anchor<AccountId, u32>;

/// What the runtime API finds for an anchor id: the anchor, its tombstone, or nothing.
pub type AnchorLookup = Lookup<ChainAnchor, u32>;

/// Account ids as they appear in Genochain's SCALE encoding.
pub type AccountId = [u8; 32];

/// The pallet the CLI talks to.
const PALLET: &str = "GenomeAnchor";

/// How long to wait for the node to answer a connection or a query (not a transaction, which
/// waits for its block).
const ANSWER_TIMEOUT: Duration = Duration::from_secs(30);

/// How long to wait for a transaction to be finalized.
const FINALITY_TIMEOUT: Duration = Duration::from_secs(300);

/// A connection to a node.
pub struct Node {
	url: String,
	rpc: RpcClient,
	client: Client,
}

/// What `anchor` did.
pub struct Anchored {
	/// The account that signed: the anchor's subject.
	pub subject: AccountId32,
	/// The anchor's id: bound to the subject and the fingerprint root.
	pub id: AnchorId,
	/// The finalized block that holds the anchor.
	pub block_hash: H256,
	pub block_number: u64,
	/// The anchor as the chain now states it.
	pub anchor: ChainAnchor,
}

/// A proof as the chain sees it at one block.
pub struct ChainVerdict {
	/// The anchor the proof names, or its tombstone if it was erased.
	pub anchor: AnchorLookup,
	/// What the runtime makes of the proof: the fact, whose genome, who vouches for it.
	pub verdict: std::result::Result<VariantVerdict<AccountId, u32>, AnchorProofRefusal>,
	/// The finalized block both were read at.
	pub block_number: u64,
}

/// A consent as the chain states it at one finalized block, with the chain's clock there.
pub struct ConsentReading {
	pub consent: Lookup<ChainConsent, u32>,
	pub clock: BlockClock,
}

/// The signer's key, from a secret URI (`//Alice`, a mnemonic with optional `//derivation`, or a
/// 0x-prefixed 32-byte seed).
pub fn signer(suri: &str) -> Result<Keypair> {
	let usage = |problem: String| {
		// Never echo the URI: it is a secret.
		Error::Usage(format!(
			"--suri: {problem}; give a secret URI such as //Alice (dev chains), a 12 or 24-word \
			 phrase, or a 0x-prefixed 32-byte seed"
		))
	};
	let uri = SecretUri::from_str(suri).map_err(|e| usage(e.to_string()))?;
	Keypair::from_uri(&uri).map_err(|e| usage(e.to_string()))
}

/// An SS58 address, as given to `--custodian`.
pub fn parse_account(text: &str, what: &str) -> Result<AccountId> {
	AccountId32::from_str(text)
		.map(|account| account.0)
		.map_err(|e| Error::Usage(format!("{what} {text}: not an SS58 address ({e})")))
}

/// An account as an SS58 address (generic Substrate prefix 42, as Polkadot.js shows by default).
pub fn show_account(account: &AccountId) -> String {
	AccountId32(*account).to_string()
}

impl Node {
	/// Connects to the node at `url` and checks that it runs Genochain's anchoring pallet.
	pub async fn connect(url: &str) -> Result<Self> {
		let unreachable = |problem: &str| Error::node(url, problem);
		if !["ws://", "wss://", "http://", "https://"].iter().any(|scheme| url.starts_with(scheme))
		{
			return Err(unreachable(
				"not a node address: write ws://127.0.0.1:9944 (this machine) or wss://HOST",
			));
		}
		let rpc =
			within(ANSWER_TIMEOUT, url, RpcClient::from_url(url)).await?.map_err(|e| match e {
				subxt::rpcs::Error::InsecureUrl(_) => unreachable(
					"ws:// and http:// are only used for a node on this machine; use wss:// for a \
				 remote node",
				),
				e => unreachable("cannot connect").because(e),
			})?;
		let client = within(ANSWER_TIMEOUT, url, Client::from_rpc_client(rpc.clone()))
			.await?
			.map_err(|e| unreachable("cannot read the chain").because(e))?;
		let node = Node { url: url.into(), rpc, client };
		let at = node.latest().await?;
		if at.metadata_ref().pallet_by_name(PALLET).is_none() {
			return Err(node.error(format!(
				"this node does not run Genochain: its runtime has no {PALLET} pallet"
			)));
		}
		Ok(node)
	}

	fn error(&self, problem: impl std::fmt::Display) -> Error {
		Error::node(&self.url, problem)
	}

	async fn latest(&self) -> Result<AtBlock> {
		within(ANSWER_TIMEOUT, &self.url, self.client.at_current_block())
			.await?
			.map_err(|e| self.error("cannot read its latest finalized block").because(e))
	}

	/// Submits `GenomeAnchor.anchor` for the fingerprint in `header` (or `GenomeAnchor.supersede`
	/// of the anchor `supersedes`), signed by `signer`, waits until it is finalized and reads the
	/// anchor back.
	pub async fn anchor(
		&self,
		signer: &Keypair,
		header: &IndexHeader,
		custodian: Option<AccountId>,
		file_digest: Option<FileDigest>,
		supersedes: Option<AnchorId>,
	) -> Result<Anchored> {
		let at = self.latest().await?;
		let subject: AccountId32 = signer.public_key().to_account_id();
		// The call, encoded from the runtime's own argument types and decoded against the
		// node's metadata, which proves that the node reads it the same way.
		let anchor = (
			header.root,
			header.leaf_count,
			header.assembly,
			header.scheme,
			custodian,
			file_digest,
		);
		let call_data = match supersedes {
			Some(previous) => {
				genochain_client::encode_call(&at, PALLET, "supersede", (previous, anchor))
			}
			None => genochain_client::encode_call(&at, PALLET, "anchor", anchor),
		}
		.map_err(|e| self.error("cannot make the call").because(e))?;
		let call = at
			.transactions()
			.from_call_data_bytes(&call_data)
			.map_err(|e| self.error("cannot read the call").because(e))?;

		// The next nonce counting the subject's transactions still in the pool or in blocks not
		// yet finalized, which the finalized state used for everything else does not know.
		let nonce: u64 = within(
			ANSWER_TIMEOUT,
			&self.url,
			self.rpc.request("system_accountNextIndex", rpc_params![subject.to_string()]),
		)
		.await?
		.map_err(|e| self.error(format!("cannot read the nonce of {subject}")).because(e))?;
		let params = DefaultExtrinsicParamsBuilder::new().nonce(nonce).build();
		let mut transactions = at.transactions();
		let progress = within(
			ANSWER_TIMEOUT,
			&self.url,
			transactions.sign_and_submit_then_watch(&call, signer, params),
		)
		.await?
		.map_err(|e| self.error(format!("refused the transaction from {subject}")).because(e))?;
		let in_block =
			within(FINALITY_TIMEOUT, &self.url, progress.wait_for_finalized()).await?.map_err(
				|e| self.error(format!("did not take the transaction from {subject}")).because(e),
			)?;
		within(ANSWER_TIMEOUT, &self.url, in_block.wait_for_success())
			.await?
			.map_err(|e| self.error("the anchor was not made").because(e))?;

		let block_hash = in_block.block_hash();
		let at = within(ANSWER_TIMEOUT, &self.url, self.client.at_block(block_hash))
			.await?
			.map_err(|e| self.error(format!("cannot read block {block_hash:?}")).because(e))?;
		let id = anchor_id(&subject.0, &header.root);
		let Lookup::Found(anchor) = self.anchor_at(&at, &id).await? else {
			return Err(self.error(format!(
				"block {block_hash:?} finalized the transaction but holds no anchor"
			)));
		};
		Ok(Anchored {
			subject,
			id,
			block_hash: H256::from(block_hash.0),
			block_number: at.block_number(),
			anchor,
		})
	}

	/// What the chain says of `proof` against anchor `id` at its latest finalized block: the
	/// anchor, if any, and the chain's own verdict (`AnchorApi::verify_variant`, the check
	/// `prove_variant` makes), both read at that one block.
	pub async fn check(&self, id: &AnchorId, proof: &VariantProof) -> Result<ChainVerdict> {
		let at = self.latest().await?;
		Ok(ChainVerdict {
			anchor: self.anchor_at(&at, id).await?,
			verdict: self.call(&at, "AnchorApi_verify_variant", (id, proof).encode()).await?,
			block_number: at.block_number(),
		})
	}

	/// Consent `id` at the latest finalized block (`ConsentApi.consent`), and the chain's clock
	/// there to turn its block numbers into times.
	pub async fn consent(&self, id: ConsentId) -> Result<ConsentReading> {
		let at = self.latest().await?;
		Ok(ConsentReading {
			consent: self.call(&at, "ConsentApi_consent", id.encode()).await?,
			clock: self.clock(&at).await?,
		})
	}

	/// The chain's clock at `at`: its time there and its pace over the blocks before.
	async fn clock(&self, at: &AtBlock) -> Result<BlockClock> {
		let latest = u32::try_from(at.block_number())
			.map_err(|_| self.error("its block numbers exceed Genochain's"))?;
		within(ANSWER_TIMEOUT, &self.url, genochain_fhir::chain::read_clock(&self.client, latest))
			.await?
			.map_err(|e| self.error("cannot read the chain's clock").because(e))
	}

	/// The clock at the latest finalized block, to turn FHIR times into block numbers.
	pub async fn latest_clock(&self) -> Result<BlockClock> {
		let at = self.latest().await?;
		self.clock(&at).await
	}

	/// `Consent.grant(terms)` as call data, checked against the node's metadata: what Polkadot.js
	/// Apps takes under Developer › Extrinsics › Decode, to be signed by the subject.
	pub async fn grant_call(&self, terms: &Terms) -> Result<Vec<u8>> {
		let at = self.latest().await?;
		genochain_client::encode_call(&at, "Consent", "grant", terms)
			.map_err(|e| self.error("cannot make the call").because(e))
	}

	async fn anchor_at(&self, at: &AtBlock, id: &AnchorId) -> Result<AnchorLookup> {
		self.call(at, "AnchorApi_anchor", id.encode()).await
	}

	/// Calls a runtime API function and decodes its answer as `R`.
	async fn call<R: Decode>(&self, at: &AtBlock, function: &str, arguments: Vec<u8>) -> Result<R> {
		let bytes = within(
			ANSWER_TIMEOUT,
			&self.url,
			at.runtime_apis().call_raw(function, Some(&arguments)),
		)
		.await?
		.map_err(|e| self.error(format!("{function} failed")).because(e))?;
		R::decode(&mut bytes.as_slice()).map_err(|e| {
			self.error(format!("answered {function} in a form this genochain cannot read"))
				.because(e)
		})
	}
}

/// Runs `future`, or fails naming the node if it does not answer within `limit`.
async fn within<F: Future>(limit: Duration, url: &str, future: F) -> Result<F::Output> {
	tokio::time::timeout(limit, future)
		.await
		.map_err(|_| Error::node(url, format!("did not answer within {} s", limit.as_secs())))
}
