//! `genochain`: the contributor's and the lab's off-chain tool.
//!
//! - `genochain secret new FILE`: a fresh 32-byte fingerprint secret, mode 0600, never
//!   overwriting.
//! - `genochain fingerprint SAMPLE.vcf[.gz]|.bcf --secret FILE [--reference FASTA]`: the salted
//!   Merkle root of the sample's canonical variants (scheme v2 unless `--scheme v1`), its leaf
//!   count and assembly, and an index file from which proofs are made later.
//! - `genochain migrate-index INDEX --secret FILE`: a scheme v2 index from a scheme v1 index.
//! - `genochain prove INDEX --secret FILE --variant 17:43045712:A:G`: the inclusion proof of a
//!   variant, or the absence proof when the sample does not carry it, as JSON.
//! - `genochain verify PROOF --root ROOT`: checks a proof offline; with `--node ws://…`, against
//!   the anchor on chain, which must exist and be current, and with the chain's own verdict.
//! - `genochain anchor INDEX --suri SECRET_URI --node ws://…`: anchors the fingerprint of an index
//!   on Genochain (`GenomeAnchor.anchor`, or `GenomeAnchor.supersede` with `--supersedes`),
//!   signed by the subject, and waits for finality.
//! - `genochain fetch drs://HOST/ID --suri SECRET_URI --use HealthMedicalBiomedical`: downloads an
//!   object from a custodian's gateway under a consent: signs in with the researcher's key, states
//!   the use, and writes the object once the chain recorded the access and its SHA-256 matches.
//!
//! - `genochain consent from-fhir FILE [--node ws://…]`: the `Consent.grant` terms an HL7 FHIR R5
//!   Consent states (and, with `--node`, the call for the subject to sign), or a refusal naming
//!   the field that cannot be mapped; `genochain consent to-fhir ID --node ws://…`: a consent on
//!   chain as a FHIR R5 Consent.
//!
//! Every input error names the file and the line (or BCF record) and stops before anything is
//! written; outputs are written to a temporary file and renamed into place when complete.
//!
//! Exit status: 0 done (for `verify`: the proof is valid); 3 `verify` checked the proof and it is
//! invalid (with `--json`, `{"valid": false, …}` on standard output); 4 `fetch` was refused: no
//! consent on chain covers the use, or the account may not sign in; 1 any other error (an
//! unreadable input, an unreachable node or gateway); 2 a command line that clap refuses.

mod commands;

use clap::{Parser, Subcommand};
use commands::{
	anchor::AnchorArgs, consent::ConsentCommand, fetch::FetchArgs, fingerprint::FingerprintArgs,
	migrate_index::MigrateIndexArgs, prove::ProveArgs, secret::SecretCommand, verify::VerifyArgs,
};
use genochain_cli::error::Result;
use std::process::ExitCode;

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
	Fingerprint(FingerprintArgs),
	/// Proves that the fingerprinted sample carries a variant, or does not.
	Prove(ProveArgs),
	/// Checks a proof against a fingerprint root: offline with --root, or against the anchor on
	/// chain with --node and --subject. Exits with 3 when the proof is invalid.
	Verify(VerifyArgs),
	/// Makes a scheme v2 index from a scheme v1 index and the secret, without the VCF.
	MigrateIndex(MigrateIndexArgs),
	/// Anchors the fingerprint of an index on Genochain; the signer becomes its subject and pays
	/// the deposit.
	Anchor(AnchorArgs),
	/// Downloads an object from a custodian's gateway under a consent; exits with 4 when no
	/// consent covers the use.
	Fetch(FetchArgs),
	/// Consents as HL7 FHIR R5 Consent resources: from-fhir gives the terms of Consent.grant,
	/// to-fhir renders a consent on chain.
	Consent {
		#[command(subcommand)]
		command: ConsentCommand,
	},
	/// Manages fingerprint secrets.
	Secret {
		#[command(subcommand)]
		command: SecretCommand,
	},
}

fn main() -> ExitCode {
	match run(Cli::parse()) {
		Ok(()) => ExitCode::SUCCESS,
		Err(error) => {
			eprintln!("genochain: error: {}", error.report());
			ExitCode::from(error.exit_status())
		}
	}
}

fn run(cli: Cli) -> Result<()> {
	match cli.command {
		Command::Fingerprint(args) => commands::fingerprint::run(args),
		Command::Prove(args) => commands::prove::run(args),
		Command::Verify(args) => commands::verify::run(args),
		Command::MigrateIndex(args) => commands::migrate_index::run(args),
		Command::Anchor(args) => commands::anchor::run(args),
		Command::Fetch(args) => commands::fetch::run(args),
		Command::Consent { command } => commands::consent::run(command),
		Command::Secret { command } => commands::secret::run(command),
	}
}
