//! `genochain fingerprint`: the salted Merkle root of one sample's canonical variants, and the
//! index proofs are made from later.

use super::print_json;
use clap::Args;
use genochain_cli::{
	error::{Error, Result},
	index, proof, secret, vcf,
};
use genochain_primitives::fingerprint::{many::GenomeTree, v1::commitment_root, Assembly, Scheme};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use std::{
	io::IsTerminal,
	path::{Path, PathBuf},
};

#[derive(Args)]
pub struct FingerprintArgs {
	/// The VCF or BCF file.
	input: PathBuf,
	/// The file holding your 32-byte secret: 64 hex digits, as `genochain secret new` writes
	/// it, or the 32 raw bytes.
	#[arg(long)]
	secret: PathBuf,
	/// The sample to fingerprint, when the file has several.
	#[arg(long)]
	sample: Option<String>,
	/// The reference assembly (GRCh37, GRCh38, T2T-CHM13), when the header does not say.
	#[arg(long, value_parser = parse_assembly)]
	assembly: Option<Assembly>,
	/// Where to write the index [default: INPUT with .gnx instead of its extensions].
	#[arg(long)]
	index: Option<PathBuf>,
	/// Print the result as JSON.
	#[arg(long)]
	json: bool,
}

pub fn run(args: FingerprintArgs) -> Result<()> {
	let FingerprintArgs { input, secret, sample, assembly, index, json } = args;
	let secret = secret::read(&secret)?;
	let index = index.unwrap_or_else(|| default_index_path(&input));
	let progress = progress_bar();
	let options = vcf::Options { sample: sample.as_deref(), assembly, progress: progress.clone() };
	let genome = vcf::read(&input, &options)?;
	progress.finish_and_clear();

	let scheme = Scheme::V1;
	let mut tree = GenomeTree::new(&secret);
	for encoded in genome.encoded_variants() {
		tree.push(encoded)
			.ok_or_else(|| Error::file(&input, "holds more variants than scheme v1 can count"))?;
	}
	let leaf_count = tree.leaf_count();
	let tree_root = tree.tree_root().ok_or_else(|| Error::file(&input, "has no variants"))?;
	let root = commitment_root(leaf_count, &tree_root);
	let header = index::IndexHeader {
		scheme,
		assembly: genome.assembly,
		leaf_count,
		root,
		variant_bytes: genome.encoded_variants().map(|v| v.len() as u64).sum(),
	};
	index::write(&index, &header, genome.encoded_variants())?;

	let report = FingerprintReport {
		root: format!("{root:?}"),
		leaf_count,
		assembly: genome.assembly.name(),
		scheme: proof::scheme_name(scheme),
		sample: genome.sample,
		index: index.display().to_string(),
		records: genome.records,
		skipped_other_contigs: genome.skipped_other_contigs,
	};
	if json {
		print_json(&report)
	} else {
		println!("root        {}", report.root);
		println!("leaves      {}", report.leaf_count);
		println!("assembly    {}", report.assembly);
		println!("scheme      {}", report.scheme);
		println!("sample      {}", report.sample);
		println!("index       {}", report.index);
		println!(
			"records     {} read, {} on other contigs left out",
			report.records, report.skipped_other_contigs
		);
		Ok(())
	}
}

fn parse_assembly(text: &str) -> std::result::Result<Assembly, String> {
	Assembly::from_name(text).ok_or_else(|| format!("{text} is not GRCh37, GRCh38 or T2T-CHM13"))
}

/// What `fingerprint` reports.
#[derive(Serialize)]
struct FingerprintReport {
	root: String,
	leaf_count: u32,
	assembly: &'static str,
	scheme: &'static str,
	sample: String,
	index: String,
	records: u64,
	skipped_other_contigs: u64,
}

/// `sample.vcf.gz` → `sample.gnx`.
fn default_index_path(input: &Path) -> PathBuf {
	let name = input.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
	let stem = ["vcf.gz", "vcf.bgz", "vcf", "bcf"]
		.iter()
		.find_map(|extension| name.strip_suffix(&format!(".{extension}")))
		.unwrap_or(&name);
	input.with_file_name(format!("{stem}.gnx"))
}

/// A bar on a terminal, nothing otherwise.
fn progress_bar() -> ProgressBar {
	if !std::io::stderr().is_terminal() {
		return ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
	}
	let bar = ProgressBar::new(0);
	if let Ok(style) = ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {eta} left") {
		bar.set_style(style);
	}
	bar
}
