//! The network definitions.
//!
//! `local`: a rococo-local relay chain with two validators (`alice`, `bob`) and Genochain, para
//! 2000, with two collators (`collator-1`, `collator-2`), from `chain-specs/local.json`.
//!
//! `xcm`: the same, plus the consumer parachain (para 2001, one collator, `consumer-1`), and para
//! 2001 on Genochain's verifier allowlist from genesis. Once it runs, [`open_hrmp_channels`] opens
//! HRMP channels 2000 → 2001 and 2001 → 2000 through the relay chain's sudo. (Channels preopened
//! in the relay chain's genesis leave notifications in the parachains' downward queues that their
//! first block cannot match — `DMQ head mismatch`, polkadot-sdk#1616 — so no block is ever built.)
//!
//! `consortium`: the rehearsal of docs/OPERATORS.md. The same relay chain, and Genochain from the
//! raw spec that `genochain-node consortium-spec` builds from `chain-specs/consortium.example.toml`
//! (no sudo; the file's Council, Ethics Committee, organisations, endowments and collators),
//! collated by `collator-1` and `collator-2`, the file's collators.
//!
//! Zombienet writes each node's keys from its name (`collator-1` holds `//Collator-1`) into its
//! keystore. From a plain spec (`local`, `xcm`) it also sets the collators as Aura authorities and
//! invulnerables in the parachains' genesis; a raw spec (`consortium`) it leaves as it is, so the
//! consortium file's session keys must be those the collators hold.

use crate::{chain, repo_root, Binaries};
use anyhow::{anyhow, ensure, Result};
use std::{path::Path, time::Duration};
use zombienet_sdk::{
	subxt::dynamic::{tx, At, Value},
	LocalFileSystem, Network, NetworkConfig, NetworkConfigBuilder,
};

/// Genochain's para id.
pub const GENOCHAIN_PARA_ID: u32 = 2000;
/// The consumer's para id.
pub const CONSUMER_PARA_ID: u32 = 2001;
/// The relay chain's validators.
pub const VALIDATORS: [&str; 2] = ["alice", "bob"];
/// Genochain's collators.
pub const COLLATORS: [&str; 2] = ["collator-1", "collator-2"];
/// The consumer's collator.
pub const CONSUMER_COLLATOR: &str = "consumer-1";

/// The parachain nodes of the `xcm` network log what their XCM executors, barriers and queues do,
/// so a message that went missing can be followed in the logs.
const XCM_LOG: &str = "-lxcm=debug";

/// HRMP channel limits, within rococo-local's (8 messages of up to 1 MiB): 8 messages of up to
/// 100 KiB, for queries and answers of at most 8.5 KiB.
const HRMP_MAX_CAPACITY: u32 = 8;
const HRMP_MAX_MESSAGE_SIZE: u32 = 100 * 1024;
/// The `xcm` network's channels, sender → recipient.
const HRMP_CHANNELS: [(u32, u32); 2] =
	[(GENOCHAIN_PARA_ID, CONSUMER_PARA_ID), (CONSUMER_PARA_ID, GENOCHAIN_PARA_ID)];

/// How long zombienet may take to start every node (debug builds start slowly).
const SPAWN_TIMEOUT_SECS: u32 = 600;

/// Which network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
	/// The relay chain and Genochain.
	Local,
	/// The relay chain, Genochain and the consumer.
	Xcm,
	/// The relay chain and the example consortium's Genochain.
	Consortium,
}

/// The consortium file the `consortium` network runs: the template of docs/OPERATORS.md, whose
/// collators are `collator-1` and `collator-2` with their development keys.
pub const CONSORTIUM_FILE: &str = "chain-specs/consortium.example.toml";

impl std::str::FromStr for Kind {
	type Err = anyhow::Error;

	fn from_str(name: &str) -> Result<Self> {
		match name {
			"local" => Ok(Kind::Local),
			"xcm" => Ok(Kind::Xcm),
			"consortium" => Ok(Kind::Consortium),
			other => Err(anyhow!(
				"no network `{other}`: the networks are `local`, `xcm` and `consortium`"
			)),
		}
	}
}

/// The definition of network `kind`, run under `base_dir`; `xcm` writes the consumer's chain
/// spec there.
pub fn config(kind: Kind, binaries: &Binaries, base_dir: &Path) -> Result<NetworkConfig> {
	let polkadot = path_str(&binaries.polkadot)?;
	let node = path_str(&binaries.node)?;
	let genochain_spec = match kind {
		Kind::Local | Kind::Xcm => repo_root().join("chain-specs/local.json"),
		Kind::Consortium => {
			crate::consortium_chain_spec(binaries, &repo_root().join(CONSORTIUM_FILE), base_dir)?
		}
	};
	let genochain_spec = path_str(&genochain_spec)?;
	let consumer_spec = base_dir.join("consumer-local.json");
	if kind == Kind::Xcm {
		crate::consumer_chain_spec(binaries, &consumer_spec)?;
	}
	let consumer_spec = path_str(&consumer_spec)?;
	let base_dir = path_str(base_dir)?;
	let network = NetworkConfigBuilder::new()
		.with_relaychain(|relay| {
			relay
				.with_chain("rococo-local")
				.with_default_command(polkadot.as_str())
				.with_validator(|node| node.with_name(VALIDATORS[0]))
				.with_validator(|node| node.with_name(VALIDATORS[1]))
		})
		.with_parachain(|para| {
			let para = para
				.with_id(GENOCHAIN_PARA_ID)
				.cumulus_based(true)
				.with_chain_spec_path(genochain_spec.as_str())
				.with_default_command(node.as_str());
			let para = match kind {
				Kind::Local | Kind::Consortium => para,
				Kind::Xcm => para
					.with_genesis_overrides(serde_json::json!({
						"xcmVerifier": { "allowedSiblings": [CONSUMER_PARA_ID] }
					}))
					.with_default_args(vec![XCM_LOG.into()]),
			};
			para.with_collator(|collator| collator.with_name(COLLATORS[0]))
				.with_collator(|collator| collator.with_name(COLLATORS[1]))
		});
	let network = match kind {
		Kind::Local | Kind::Consortium => network,
		Kind::Xcm => network.with_parachain(|para| {
			para.with_id(CONSUMER_PARA_ID)
				.cumulus_based(true)
				.with_chain_spec_path(consumer_spec.as_str())
				.with_default_command(node.as_str())
				.with_default_args(vec![XCM_LOG.into()])
				.with_collator(|collator| collator.with_name(CONSUMER_COLLATOR))
		}),
	};
	network
		.with_global_settings(|settings| {
			settings
				.with_base_dir(base_dir.as_str())
				.with_network_spawn_timeout(SPAWN_TIMEOUT_SECS)
				.with_node_spawn_timeout(SPAWN_TIMEOUT_SECS)
				// zombienet's own watch ends the whole test process when a node's metrics are
				// slow for 5 s (a loaded 2-core machine) or a node is down (failover kills one on
				// purpose); `TestNetwork` stops the nodes itself.
				.with_tear_down_on_failure(false)
		})
		.build()
		.map_err(|errors| {
			let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
			anyhow!("the {kind:?} network definition is invalid: {}", errors.join("; "))
		})
}

fn path_str(path: &Path) -> Result<String> {
	path.to_str()
		.map(str::to_owned)
		.ok_or_else(|| anyhow!("{} is not a UTF-8 path", path.display()))
}

/// Opens the `xcm` network's HRMP channels as the relay chain's sudo (Alice on rococo-local):
/// `hrmp.forceOpenHrmpChannel` both ways and `hrmp.forceProcessHrmpOpen`, in one batch, so they
/// open at once rather than at the next session (an hour away). Returns once the consumer's
/// collator sees its channel to Genochain.
pub async fn open_hrmp_channels(network: &Network<LocalFileSystem>) -> Result<()> {
	let relay = chain::client(network.get_node(VALIDATORS[0])?).await?;
	let mut calls: Vec<Value> = HRMP_CHANNELS
		.iter()
		.map(|(sender, recipient)| {
			tx(
				"Hrmp",
				"force_open_hrmp_channel",
				vec![
					Value::u128((*sender).into()),
					Value::u128((*recipient).into()),
					Value::u128(HRMP_MAX_CAPACITY.into()),
					Value::u128(HRMP_MAX_MESSAGE_SIZE.into()),
				],
			)
			.into_value()
		})
		.collect();
	let channels = u128::try_from(HRMP_CHANNELS.len())?;
	calls.push(tx("Hrmp", "force_process_hrmp_open", vec![Value::u128(channels)]).into_value());
	let batch = tx("Utility", "batch_all", vec![Value::unnamed_composite(calls)]);
	let sudo = tx("Sudo", "sudo", vec![batch.into_value()]);
	let sudid =
		chain::submit(&relay, &sudo, &chain::account("//Alice")?, "opening the HRMP channels")
			.await?
			.event("opening the HRMP channels", "Sudo", "Sudid")?;
	let result = sudid.at("sudo_result").ok_or_else(|| anyhow!("no result in {sudid}"))?;
	ensure!(chain::variant(result)?.0 == "Ok", "opening the HRMP channels failed: {sudid}");

	let consumer = chain::client(network.get_node(CONSUMER_COLLATOR)?).await?;
	chain::within(Duration::from_secs(180), "the consumer to see its channel to Genochain", async {
		loop {
			let state = chain::storage(
				&consumer,
				None,
				"ParachainSystem",
				"RelevantMessagingState",
				vec![],
			)
			.await?;
			let egress = state.as_ref().and_then(|state| state.at("egress_channels"));
			if egress.is_some_and(|channels| channels.at(0).is_some()) {
				return Ok(());
			}
			tokio::time::sleep(Duration::from_secs(2)).await;
		}
	})
	.await
}
