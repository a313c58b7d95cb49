//! `genochain migrate-index`: a scheme v2 index from a scheme v1 index, without the VCF.
//!
//! The v1 index holds the sample's variants as written; they are checked against its root with
//! the secret, written in minimal form (left-aligned with `--reference`) and fingerprinted in v2.
//! Anchoring the new root with `genochain anchor --supersedes <v1 anchor>` replaces the v1 anchor
//! on chain, keeping the consents and studies that name it.

use super::{fingerprint::thread_pool, print_json};
use clap::Args;
use codec::Decode;
use genochain_cli::{
	error::{Error, Result},
	index,
	normalise::{Mode, Normaliser},
	reference::Reference,
	scheme::{self, Keys},
	secret, vcf,
};
use genochain_primitives::fingerprint::{Scheme, Variant};
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct MigrateIndexArgs {
	/// The scheme v1 index written by `genochain fingerprint --scheme v1`.
	index: PathBuf,
	/// The secret file the index was made with; the v2 index is made with the same secret.
	#[arg(long)]
	secret: PathBuf,
	/// The reference genome (FASTA with its .fai index), to left-align indels.
	#[arg(long)]
	reference: Option<PathBuf>,
	/// Where to write the v2 index [default: INDEX with .v2.gnx instead of .gnx].
	#[arg(long)]
	output: Option<PathBuf>,
	/// Threads to hash on [default: every core].
	#[arg(long)]
	threads: Option<usize>,
	/// Print the result as JSON.
	#[arg(long)]
	json: bool,
}

pub fn run(args: MigrateIndexArgs) -> Result<()> {
	let MigrateIndexArgs { index: path, secret, reference, output, threads, json } = args;
	let secret = secret::read(&secret)?;
	let old = index::read(&path)?;
	if old.header.scheme != Scheme::V1 {
		return Err(Error::file(&path, "is already a scheme v2 index"));
	}
	let output = output.unwrap_or_else(|| default_output(&path));
	if output == path {
		return Err(Error::Usage("--output: the v2 index must not replace the v1 index".into()));
	}
	let pool = thread_pool(threads)?;
	let variants = scheme::split_variants(&path, &old.variants)?;
	let (v1_root, _) =
		pool.install(|| Keys::derive(Scheme::V1, &secret).fingerprint(&variants, &path))?;
	if v1_root != old.header.root {
		return Err(Error::Usage(format!(
			"the secret is not the one {} was made with: its leaves lead to another root",
			path.display()
		)));
	}

	let mode = match reference {
		Some(reference) => Mode::LeftAligned(Box::new(Reference::open(&reference)?)),
		None => Mode::Minimal,
	};
	let mut normaliser = Normaliser::new(mode);
	if let Some(other) = normaliser.reference().and_then(|r| r.assembly()) {
		if other != old.header.assembly {
			return Err(Error::Usage(format!(
				"--reference is {}, but the index is on {}",
				other.name(),
				old.header.assembly.name()
			)));
		}
	}
	let mut encoded = Vec::with_capacity(variants.len());
	for bytes in &variants {
		let variant = Variant::decode(&mut &bytes[..])
			.map_err(|e| Error::file(&path, "the index is damaged").because(e))?;
		let key = &variant.key;
		let written =
			normaliser.apply(key.chromosome, key.position, &key.reference, &key.alternate)?;
		let mut bytes = Vec::new();
		vcf::encode_variant(
			&mut bytes,
			key.chromosome,
			written.position,
			&written.reference,
			&written.alternate,
			variant.zygosity,
		);
		encoded.push(bytes);
	}
	let slices: Vec<&[u8]> = encoded.iter().map(Vec::as_slice).collect();
	let (root, leaf_count) =
		pool.install(|| Keys::derive(Scheme::V2, &secret).fingerprint(&slices, &path))?;
	let header = index::IndexHeader {
		scheme: Scheme::V2,
		assembly: old.header.assembly,
		leaf_count,
		root,
		variant_bytes: slices.iter().map(|v| v.len() as u64).sum(),
	};
	index::write(&output, &header, slices.iter().copied())?;

	let report = MigrateReport {
		root: format!("{root:?}"),
		replaces: format!("{:?}", old.header.root),
		leaf_count,
		index: output.display().to_string(),
		variants_written: normaliser.describe(),
	};
	if json {
		print_json(&report)
	} else {
		println!("root        {} (scheme v2)", report.root);
		println!("replaces    {} (scheme v1)", report.replaces);
		println!("leaves      {}", report.leaf_count);
		println!("index       {}", report.index);
		println!("variants    {}", report.variants_written);
		println!("next        genochain anchor {} --supersedes <the v1 anchor's id>", report.index);
		Ok(())
	}
}

/// What `migrate-index` reports.
#[derive(Serialize)]
struct MigrateReport {
	root: String,
	/// The v1 root the new one replaces.
	replaces: String,
	leaf_count: u32,
	index: String,
	variants_written: String,
}

/// `sample.gnx` → `sample.v2.gnx`.
fn default_output(index: &Path) -> PathBuf {
	let name = index.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
	let stem = name.strip_suffix(".gnx").unwrap_or(&name);
	index.with_file_name(format!("{stem}.v2.gnx"))
}
