//! `genochain prove`: the inclusion proof of a variant the fingerprinted sample carries, or the
//! absence proof of one it does not.

use super::write_atomically;
use clap::Args;
use genochain_cli::{
	error::{Error, Result},
	index, proof, secret,
};
use std::path::PathBuf;

#[derive(Args)]
pub struct ProveArgs {
	/// The index written by `genochain fingerprint`.
	index: PathBuf,
	/// The secret file the index was made with (64 hex digits, or the 32 raw bytes).
	#[arg(long)]
	secret: PathBuf,
	/// The variant, CHROM:POS:REF:ALT (e.g. 17:43045712:A:G).
	#[arg(long)]
	variant: String,
	/// Write the proof to this file instead of standard output.
	#[arg(long)]
	output: Option<PathBuf>,
}

pub fn run(args: ProveArgs) -> Result<()> {
	let ProveArgs { index, secret, variant, output } = args;
	let key = proof::parse_variant(&variant)?;
	let secret = secret::read(&secret)?;
	let loaded = index::read(&index)?;
	let proof = proof::prove(&index, &loaded, &secret, &key)?;
	let text = serde_json::to_string_pretty(&proof)
		.map_err(|e| Error::Usage(format!("cannot write the proof as JSON: {e}")))?;
	match output {
		Some(path) => write_atomically(&path, format!("{text}\n").as_bytes()),
		None => {
			println!("{text}");
			Ok(())
		}
	}
}
