//! `genochain`: the contributor's and the lab's off-chain tool.
//!
//! - `genochain secret new FILE`: a fresh 32-byte fingerprint secret, mode 0600, never
//!   overwriting.
//! - `genochain fingerprint SAMPLE.vcf[.gz]|.bcf --secret FILE`: the salted Merkle root of the
//!   sample's canonical variants (scheme v1), its leaf count and assembly, and an index file from
//!   which proofs are made later.
//! - `genochain prove INDEX --secret FILE --variant 17:43045712:A:G`: the inclusion proof of a
//!   variant, or the absence proof when the sample does not carry it, as JSON.
//! - `genochain verify PROOF --root ROOT`: checks a proof offline; with `--node ws://…`, against
//!   the anchor on chain, which must exist and be current, and with the chain's own verdict.
//! - `genochain anchor INDEX --suri SECRET_URI --node ws://…`: anchors the fingerprint of an index
//!   on Genochain (`GenomeAnchor.anchor`), signed by the subject, and waits for finality.
//!
//! Every input error names the file and the line (or BCF record) and stops before anything is
//! written; outputs are written to a temporary file and renamed into place when complete.

use clap::{Parser, Subcommand};
use genochain_cli::{
	chain,
	error::{Error, Result},
	index, proof, secret, vcf,
};
use genochain_primitives::{
	anchor::{anchor_id, AnchorId, Provenance},
	consent::Standing,
	fingerprint::{commitment_root, many::GenomeTree, Assembly, Scheme},
};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use std::{
	io::{IsTerminal, Write},
	path::{Path, PathBuf},
	process::ExitCode,
};

#[derive(Parser)]
#[command(
	name = "genochain",
	version,
	about = "Genome fingerprints for Genochain: nothing identifying leaves your machine"
)]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Fingerprints one sample of a VCF or BCF file (plain, gzip or bgzip).
	Fingerprint {
		/// The VCF or BCF file.
		input: PathBuf,
		/// The file holding your 32-byte secret (`genochain secret new`).
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
	},
	/// Proves that the fingerprinted sample carries a variant, or does not.
	Prove {
		/// The index written by `genochain fingerprint`.
		index: PathBuf,
		/// The secret the index was made with.
		#[arg(long)]
		secret: PathBuf,
		/// The variant, CHROM:POS:REF:ALT (e.g. 17:43045712:A:G).
		#[arg(long)]
		variant: String,
		/// Write the proof to this file instead of standard output.
		#[arg(long)]
		output: Option<PathBuf>,
	},
	/// Checks a proof against a fingerprint root: offline with --root, or against the anchor on
	/// chain with --node and --subject.
	Verify {
		/// The proof written by `genochain prove`.
		proof: PathBuf,
		/// The root the proof must lead to (the anchor's root) [default with --node: the root
		/// the proof file names].
		#[arg(long, required_unless_present = "node")]
		root: Option<String>,
		/// A Genochain node (ws://127.0.0.1:9944, wss://…): the subject's anchor of the root must
		/// be current there, and the chain checks the proof too.
		#[arg(long, requires = "subject")]
		node: Option<String>,
		/// Whose genome the proof is said to be about (SS58 address): the anchor checked on chain
		/// is this account's anchor of the root, and no one else's.
		#[arg(long, requires = "node")]
		subject: Option<String>,
		/// Print the result as JSON.
		#[arg(long)]
		json: bool,
	},
	/// Anchors the fingerprint of an index on Genochain; the signer becomes its subject and pays
	/// the deposit.
	Anchor {
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
		/// Print the result as JSON.
		#[arg(long)]
		json: bool,
	},
	/// Manages fingerprint secrets.
	Secret {
		#[command(subcommand)]
		command: SecretCommand,
	},
}

#[derive(Subcommand)]
enum SecretCommand {
	/// Writes a fresh secret to FILE (mode 0600); refuses to overwrite an existing file.
	New {
		/// Where to write it.
		file: PathBuf,
	},
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

fn main() -> ExitCode {
	match run(Cli::parse()) {
		Ok(()) => ExitCode::SUCCESS,
		Err(error) => {
			eprintln!("genochain: error: {error}");
			ExitCode::FAILURE
		}
	}
}

fn run(cli: Cli) -> Result<()> {
	match cli.command {
		Command::Fingerprint { input, secret, sample, assembly, index, json } => {
			let secret = secret::read(&secret)?;
			let index = index.unwrap_or_else(|| default_index_path(&input));
			let progress = progress_bar();
			let options =
				vcf::Options { sample: sample.as_deref(), assembly, progress: progress.clone() };
			let genome = vcf::read(&input, &options)?;
			progress.finish_and_clear();

			let scheme = Scheme::V1;
			let mut tree = GenomeTree::new(scheme, &secret);
			for encoded in genome.encoded_variants() {
				tree.push(encoded).ok_or_else(|| {
					Error::file(&input, "holds more variants than scheme v1 can count")
				})?;
			}
			let leaf_count = tree.leaf_count();
			let tree_root =
				tree.tree_root().ok_or_else(|| Error::file(&input, "has no variants"))?;
			let root = commitment_root(scheme, leaf_count, &tree_root);
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
		Command::Prove { index, secret, variant, output } => {
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
		Command::Verify { proof: path, root, node, subject, json } => {
			let text = std::fs::read_to_string(&path)
				.map_err(|e| Error::file(&path, format!("cannot read the proof: {e}")))?;
			let file: proof::ProofFile = serde_json::from_str(&text).map_err(|e| {
				Error::file(&path, format!("not a proof written by `genochain prove`: {e}"))
			})?;
			let root = match &root {
				Some(root) => proof::parse_hash(root, "--root")?,
				None => proof::parse_hash(&file.root, "the proof's root")
					.map_err(|e| Error::file(&path, e))?,
			};
			let fact = proof::check(&path, &file, &root)?;
			let on_chain = match (node, subject) {
				(Some(url), Some(subject)) => {
					let subject = chain::parse_account(&subject, "--subject")?;
					let id = anchor_id(&subject, &root);
					Some(block_on(verify_on_chain(&url, &path, &file, &id, &fact))?)
				}
				_ => None,
			};
			if json {
				let mut report = serde_json::json!({
					"valid": true,
					"root": format!("{root:?}"),
					"fact": proof::show_fact(&fact),
				});
				if let Some(anchor) = &on_chain {
					report["on_chain"] = serde_json::to_value(anchor)
						.map_err(|e| Error::Usage(format!("cannot write JSON: {e}")))?;
				}
				print_json(&report)
			} else {
				match &on_chain {
					Some(anchor) => println!(
						"valid on chain at block #{}: the genome of {} anchored at block #{} \
						 as {} ({}) {}",
						anchor.checked_at_block,
						anchor.subject,
						anchor.anchored_at,
						anchor.anchor,
						match &anchor.attestation {
							Some(attestation) => format!(
								"attested by lab {} at block #{}{}",
								attestation.lab,
								attestation.at,
								match attestation.standing {
									Standing::Accredited => "",
									Standing::Suspended => " (the lab is suspended since)",
									Standing::NotAccredited => " (the lab is no longer accredited)",
								}
							),
							None => "self-asserted: no lab attests it".into(),
						},
						proof::show_fact(&fact)
					),
					None => {
						println!("valid: the genome under {root:?} {}", proof::show_fact(&fact))
					}
				}
				Ok(())
			}
		}
		Command::Anchor { index, node, suri, custodian, file_digest, json } => {
			let signer = chain::signer(&suri)?;
			let custodian =
				custodian.map(|text| chain::parse_account(&text, "--custodian")).transpose()?;
			let file_digest =
				file_digest.map(|text| proof::parse_hash(&text, "--file-digest")).transpose()?;
			let loaded = index::read(&index)?;
			let header = loaded.header;
			let anchored = block_on(async {
				let node = chain::Node::connect(&node).await?;
				node.anchor(&signer, &header, custodian, file_digest).await
			})?;
			let report = AnchorReport {
				anchor: format!("{:?}", anchored.id),
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
		Command::Secret { command: SecretCommand::New { file } } => {
			secret::create(&file)?;
			eprintln!("wrote a new secret to {} (readable by you only); keep a copy, it cannot be recovered", file.display());
			Ok(())
		}
	}
}

/// What `anchor` reports.
#[derive(Serialize)]
struct AnchorReport {
	/// The anchor's id, which consents, studies and proofs on chain name.
	anchor: String,
	root: String,
	subject: String,
	leaf_count: u32,
	assembly: &'static str,
	custodian: Option<String>,
	block_number: u64,
	block_hash: String,
}

/// The anchor a proof was checked against on chain.
#[derive(Serialize)]
struct OnChainAnchor {
	anchor: String,
	subject: String,
	anchored_at: u32,
	/// The lab that vouches for the fingerprint, if any; without one the anchor is self-asserted.
	attestation: Option<AttestationReport>,
	checked_at_block: u64,
}

#[derive(Serialize)]
struct AttestationReport {
	lab: String,
	at: u32,
	/// The lab's accreditation now: a lab suspended or revoked since shows as such.
	standing: Standing,
}

/// Checks the proof in `file` (already verified offline as `fact`) against anchor `id` on the
/// chain at `url`: the anchor must exist, be current and count the proof's leaves, and the
/// chain's own check must reach the same fact.
async fn verify_on_chain(
	url: &str,
	path: &Path,
	file: &proof::ProofFile,
	id: &AnchorId,
	fact: &genochain_primitives::fingerprint::ProvenFact,
) -> Result<OnChainAnchor> {
	let node = chain::Node::connect(url).await?;
	let proof = proof::decode(path, file)?;
	let chain::ChainVerdict { anchor, verdict, block_number: block } =
		node.check(id, &proof).await?;
	let invalid = |problem: String| Error::file(path, format!("INVALID on chain: {problem}"));
	let anchor = match anchor {
		chain::AnchorLookup::Found(anchor) => anchor,
		chain::AnchorLookup::Redacted(tombstone) => {
			return Err(invalid(format!(
				"anchor {id:?} was erased at block #{} (erasure case {}): it no longer stands \
				 for any genome",
				tombstone.erased_at, tombstone.case
			)))
		}
		chain::AnchorLookup::NotFound => {
			return Err(invalid(format!(
				"the subject has no anchor of root {} at block #{block} (anchor id {id:?})",
				file.root
			)))
		}
	};
	if let Some(newer) = anchor.superseded_by {
		return Err(invalid(format!(
			"anchor {id:?} was superseded by {newer:?}; ask for a proof against that one"
		)));
	}
	if anchor.leaf_count != file.leaf_count {
		return Err(invalid(format!(
			"the anchor counts {} variants, the proof {}",
			anchor.leaf_count, file.leaf_count
		)));
	}
	match verdict {
		Ok(chain) if chain.fact == *fact => Ok(OnChainAnchor {
			anchor: format!("{id:?}"),
			subject: chain::show_account(&chain.subject),
			anchored_at: anchor.anchored_at,
			attestation: match chain.provenance {
				Provenance::Attested { lab, at, standing } => {
					Some(AttestationReport { lab: chain::show_account(&lab), at, standing })
				}
				Provenance::SelfAsserted => None,
			},
			checked_at_block: block,
		}),
		Ok(chain) => Err(invalid(format!(
			"the chain reads the proof as \"{}\"",
			proof::show_fact(&chain.fact)
		))),
		Err(refusal) => Err(invalid(format!("the chain refuses the proof: {refusal:?}"))),
	}
}

/// Runs a chain request to completion on a single-threaded runtime.
fn block_on<T>(request: impl std::future::Future<Output = Result<T>>) -> Result<T> {
	tokio::runtime::Builder::new_current_thread()
		.enable_all()
		.build()
		.map_err(|e| Error::Usage(format!("cannot start the network runtime: {e}")))?
		.block_on(request)
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

fn print_json(value: &impl Serialize) -> Result<()> {
	let text = serde_json::to_string_pretty(value)
		.map_err(|e| Error::Usage(format!("cannot write JSON: {e}")))?;
	println!("{text}");
	Ok(())
}

/// Writes `bytes` to `path` through a temporary file renamed into place.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
	let directory = match path.parent() {
		Some(parent) if !parent.as_os_str().is_empty() => parent,
		_ => Path::new("."),
	};
	let failed = |e: std::io::Error| Error::file(path, format!("cannot write: {e}"));
	let mut file = tempfile::NamedTempFile::new_in(directory).map_err(failed)?;
	file.write_all(bytes).map_err(failed)?;
	file.persist(path).map_err(|e| failed(e.error))?;
	Ok(())
}
