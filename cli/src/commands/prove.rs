//! `genochain prove`: the inclusion proof of a variant the fingerprinted sample carries, or the
//! absence proof of one it does not.

use super::write_atomically;
use clap::Args;
use genochain_cli::{
	error::{Error, Result},
	index,
	normalise::{Mode, Normaliser},
	proof,
	reference::Reference,
	secret,
};
use genochain_primitives::fingerprint::{Allele, Scheme, VariantKey};
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
	/// The reference genome (FASTA with its .fai index) to left-align the variant against, as
	/// `genochain fingerprint --reference` left-aligned the genome (scheme v2).
	#[arg(long)]
	reference: Option<PathBuf>,
	/// Write a proof of absence although it shows the variants you carry on either side of the
	/// absent one: scheme v1 proves absence no other way.
	#[arg(long)]
	disclose_neighbours: bool,
}

pub fn run(args: ProveArgs) -> Result<()> {
	let ProveArgs { index, secret, variant, output, reference, disclose_neighbours } = args;
	let asked = proof::parse_variant(&variant)?;
	let secret = secret::read(&secret)?;
	let loaded = index::read(&index)?;
	let key = match (loaded.header.scheme, reference) {
		(Scheme::V1, Some(_)) => {
			return Err(Error::Usage(
				"--reference left-aligns variants of scheme v2; this index is scheme v1".into(),
			))
		}
		(Scheme::V1, None) => asked.clone(),
		(Scheme::V2, None) => asked.trimmed(),
		(Scheme::V2, Some(path)) => {
			let reference = Reference::open(&path)?;
			if let Some(other) = reference.assembly().filter(|a| *a != loaded.header.assembly) {
				return Err(Error::file(
					&path,
					format!(
						"is {}, but the index is on {}",
						other.name(),
						loaded.header.assembly.name()
					),
				));
			}
			let mut normaliser = Normaliser::new(Mode::LeftAligned(Box::new(reference)));
			let written = normaliser.apply(
				asked.chromosome,
				asked.position,
				&asked.reference,
				&asked.alternate,
			)?;
			VariantKey {
				chromosome: asked.chromosome,
				position: written.position,
				reference: Allele::truncate_from(written.reference.into_owned()),
				alternate: Allele::truncate_from(written.alternate.into_owned()),
			}
		}
	};
	if key != asked {
		eprintln!(
			"genochain: note: {} is written {} in the fingerprint's form",
			proof::show_key(&asked),
			proof::show_key(&key)
		);
	}
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
