//! Starts a network and keeps it running until Ctrl-C:
//! `zombienet-up local` or `zombienet-up xcm` (`make zombienet-up NETWORK=…`).
//!
//! Prints each node's RPC endpoint (connect Polkadot.js to a collator's) and where its log is.
//! The network lives in `zombienet/.runs/up-<network>/`; Ctrl-C stops every node and removes it.

use anyhow::Result;
use genochain_zombienet::{networks::Kind, TestNetwork};
use zombienet_sdk::NetworkNode;

#[tokio::main]
async fn main() -> Result<()> {
	let network = std::env::args().nth(1).unwrap_or_else(|| "local".into());
	let kind: Kind = network.parse()?;
	let run = TestNetwork::spawn(&format!("up-{network}"), kind).await?;
	let describe = |node: &NetworkNode| {
		println!(
			"  {:<12} {:<28} log: {}",
			node.name(),
			node.ws_uri(),
			run.dir().join(node.name()).join(format!("{}.log", node.name())).display()
		)
	};
	let relay = run.network().relaychain();
	println!("relay chain {}:", relay.chain());
	relay.nodes().into_iter().for_each(describe);
	for para in run.network().parachains() {
		println!("para {}:", para.para_id());
		para.collators().into_iter().for_each(describe);
	}
	println!("Ctrl-C stops the network.");
	tokio::signal::ctrl_c().await?;
	run.finish(Ok(())).await
}
