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
	/// Write a proof of absence although it shows the variants you carry on either side of the
	/// absent one: scheme v1 proves absence no other way.
	#[arg(long)]
	disclose_neighbours: bool,
}

pub fn run(args: ProveArgs) -> Result<()> {
	let ProveArgs { index, secret, variant, output, disclose_neighbours } = args;
	let key = proof::parse_variant(&variant)?;
	let secret = secret::read(&secret)?;
	let loaded = index::read(&index)?;
	let (proof, decoded) = proof::prove(&index, &loaded, &secret, &key)?;
	// A proof goes to others, and maybe on chain for good: it must not show more of the genome
	// than its owner chose to.
	let shown: Vec<String> = proof::disclosed_neighbours(&decoded)
		.into_iter()
		.map(|variant| format!("carries {}", proof::show_variant(variant)))
		.collect();
	if !shown.is_empty() {
		let key = proof::show_key(&key);
		let shown = shown.join(" and ");
		if !disclose_neighbours {
			return Err(Error::Usage(format!(
				"{key} is not in the genome, and its proof of absence (scheme v1) would show \
				 what else it holds: {shown}. Nothing was written; add --disclose-neighbours to \
				 write it all the same"
			)));
		}
		eprintln!("genochain: note: this proof shows, besides the absence of {key}: {shown}");
	}
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
