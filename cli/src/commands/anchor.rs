//! `genochain anchor`: anchors the fingerprint of an index on Genochain, signed by the subject,
//! and waits for finality.

use super::{block_on, print_json};
use clap::Args;
use genochain_cli::{chain, error::Result, index, proof};
use serde::Serialize;
use std::path::PathBuf;

#[derive(Args)]
pub struct AnchorArgs {
	/// The index written by `genochain fingerprint`.
	index: PathBuf,
	/// The node to submit to.
	#[arg(long, default_value = "ws://127.0.0.1:9944")]
	node: String,
	/// The subject's secret URI: //Alice on a dev chain, a 12 or 24-word phrase (with optional
	/// //derivation), or a 0x seed. Prefer the environment variable, which other users of
	/// the machine cannot see.
	#[arg(long, env = "GENOCHAIN_SURI", hide_env_values = true)]
	suri: String,
	/// The accredited custodian keeping the encrypted genome file (SS58 address).
	#[arg(long)]
	custodian: Option<String>,
	/// The digest (e.g. SHA-256) of the encrypted file the custodian keeps, 32 bytes in hex.
	#[arg(long)]
	file_digest: Option<String>,
	/// The id of the subject's anchor this fingerprint replaces (`GenomeAnchor.supersede`), e.g.
	/// the v1 anchor of a genome `genochain migrate-index` made a v2 index of.
	#[arg(long)]
	supersedes: Option<String>,
	/// Print the result as JSON.
	#[arg(long)]
	json: bool,
}

pub fn run(args: AnchorArgs) -> Result<()> {
	let AnchorArgs { index, node, suri, custodian, file_digest, supersedes, json } = args;
	let signer = chain::signer(&suri)?;
	let custodian = custodian.map(|text| chain::parse_account(&text, "--custodian")).transpose()?;
	let file_digest =
		file_digest.map(|text| proof::parse_hash(&text, "--file-digest")).transpose()?;
	let supersedes = supersedes.map(|text| proof::parse_hash(&text, "--supersedes")).transpose()?;
	let loaded = index::read(&index)?;
	let header = loaded.header;
	let anchored = block_on(async {
		let node = chain::Node::connect(&node).await?;
		node.anchor(&signer, &header, custodian, file_digest, supersedes).await
	})?;
	let report = AnchorReport {
		anchor: format!("{:?}", anchored.id),
		supersedes: supersedes.map(|id| format!("{id:?}")),
		root: format!("{:?}", header.root),
		subject: anchored.subject.to_string(),
		leaf_count: anchored.anchor.leaf_count,
		assembly: anchored.anchor.assembly.name(),
		custodian: anchored.anchor.custodian.as_ref().map(chain::show_account),
		block_number: anchored.block_number,
		block_hash: format!("{:?}", anchored.block_hash),
	};
	if json {
		print_json(&report)
	} else {
		println!("anchored    {}", report.anchor);
		if let Some(replaced) = &report.supersedes {
			println!("supersedes  {replaced}");
		}
		println!("root        {}", report.root);
		println!("subject     {}", report.subject);
		println!("leaves      {}", report.leaf_count);
		println!("assembly    {}", report.assembly);
		if let Some(custodian) = &report.custodian {
			println!("custodian   {custodian}");
		}
		println!("block       #{} {} (finalized)", report.block_number, report.block_hash);
		Ok(())
	}
}

/// What `anchor` reports.
#[derive(Serialize)]
struct AnchorReport {
	/// The anchor's id, which consents, studies and proofs on chain name.
	anchor: String,
	/// The anchor it replaced, if any.
	supersedes: Option<String>,
	root: String,
	subject: String,
	leaf_count: u32,
	assembly: &'static str,
	custodian: Option<String>,
	block_number: u64,
	block_hash: String,
}
