//! `genochain fingerprint`: the salted Merkle root of one sample's canonical variants, and the
//! index proofs are made from later.

use super::print_json;
use clap::Args;
use genochain_cli::{
	error::{Error, Result},
	index,
	normalise::{Mode, Normaliser},
	proof,
	reference::Reference,
	scheme, secret, vcf,
};
use genochain_primitives::fingerprint::{Assembly, Scheme};
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
	/// The fingerprint scheme: v2 (leaves keyed by a hash of the variant; proofs show nothing
	/// else) or v1 (leaves in genome order; a proof of absence shows the variants either side).
	#[arg(long, default_value = "v2", value_parser = scheme::parse_scheme)]
	scheme: Scheme,
	/// The reference genome (FASTA with its .fai index), to left-align indels (scheme v2).
	#[arg(long)]
	reference: Option<PathBuf>,
	/// Threads to hash on [default: every core].
	#[arg(long)]
	threads: Option<usize>,
	/// Print the result as JSON.
	#[arg(long)]
	json: bool,
}

pub fn run(args: FingerprintArgs) -> Result<()> {
	let FingerprintArgs {
		input,
		secret,
		sample,
		assembly,
		index,
		scheme,
		reference,
		threads,
		json,
	} = args;
	let secret = secret::read(&secret)?;
	let index = index.unwrap_or_else(|| default_index_path(&input));
	let mode =
		match (scheme, reference) {
			(Scheme::V1, Some(_)) => return Err(Error::Usage(
				"--reference left-aligns variants for scheme v2; scheme v1 commits them as written"
					.into(),
			)),
			(Scheme::V1, None) => Mode::AsWritten,
			(Scheme::V2, None) => Mode::Minimal,
			(Scheme::V2, Some(path)) => Mode::LeftAligned(Box::new(Reference::open(&path)?)),
		};
	let mut normaliser = Normaliser::new(mode);
	let pool = thread_pool(threads)?;
	let progress = progress_bar();
	let options = vcf::Options {
		sample: sample.as_deref(),
		assembly,
		progress: progress.clone(),
		threads: pool.current_num_threads(),
	};
	// The scheme's keys are derived on the pool while this thread reads the file.
	let (genome, keys) = pool.install(|| {
		rayon::join(
			|| vcf::read(&input, &options, &mut normaliser),
			|| scheme::Keys::derive(scheme, &secret),
		)
	});
	let genome = genome?;
	progress.finish_and_clear();

	let variants: Vec<&[u8]> = genome.encoded_variants().collect();
	// The index's variants are written (and synced) while the fingerprint is computed; its
	// header, with the root, comes last.
	let (fingerprinted, unfinished) = std::thread::scope(|scope| {
		let writer = scope.spawn(|| index::Unfinished::write(&index, genome.encoded_variants()));
		let fingerprinted = pool.install(|| keys.fingerprint(&variants, &input));
		let unfinished =
			writer.join().unwrap_or_else(|_| Err(Error::Usage("the index writer stopped".into())));
		(fingerprinted, unfinished)
	});
	let (root, leaf_count) = fingerprinted?;
	let unfinished = unfinished?;
	let header = index::IndexHeader {
		scheme,
		assembly: genome.assembly,
		leaf_count,
		root,
		variant_bytes: unfinished.variant_bytes(),
	};
	unfinished.finish(&header)?;

	let report = FingerprintReport {
		root: format!("{root:?}"),
		leaf_count,
		assembly: genome.assembly.name(),
		scheme: proof::scheme_name(scheme),
		sample: genome.sample,
		index: index.display().to_string(),
		variants_written: normaliser.describe(),
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
		println!("variants    {}", report.variants_written);
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
	/// How the variants were written into the fingerprint.
	variants_written: String,
	records: u64,
	skipped_other_contigs: u64,
}

/// A pool of `threads` threads, or one per core.
pub fn thread_pool(threads: Option<usize>) -> Result<rayon::ThreadPool> {
	if threads == Some(0) {
		return Err(Error::Usage("--threads 0: give at least one thread".into()));
	}
	rayon::ThreadPoolBuilder::new()
		.num_threads(threads.unwrap_or(0))
		.build()
		.map_err(|e| Error::Usage(format!("cannot start {threads:?} threads: {e}")))
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
