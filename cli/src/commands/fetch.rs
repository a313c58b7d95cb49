//! `genochain fetch`: a researcher downloads an object from a custodian's gateway under a
//! consent: signs in with their chain key, states the use, and gets the object once the chain has
//! recorded the access; the download is checked against the gateway's SHA-256.

use super::{block_on, print_json};
use clap::Args;
use genochain_cli::{
	chain,
	drs::{self, DrsUri, Gateway},
	error::{Error, Result},
};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use std::{io::IsTerminal, path::PathBuf};

#[derive(Args)]
pub struct FetchArgs {
	/// The object: drs://HOST[:PORT]/ID, as the custodian's gateway names it.
	uri: String,
	/// The researcher's secret URI (//Researcher on a dev chain, a phrase, a 0x seed). Prefer the
	/// environment variable, which other users of the machine cannot see.
	#[arg(long, env = "GENOCHAIN_SURI", hide_env_values = true)]
	suri: String,
	/// The use: a DUO permission (HealthMedicalBiomedical, GeneralResearchUse, …) or a JSON
	/// RequestedUse ({"purpose": …, "commercial": false, "ethics_approval": true, …}).
	#[arg(long = "use", value_name = "USE")]
	requested: String,
	/// Where to write the object (a new file); default: the object id, here.
	#[arg(long, short)]
	output: Option<PathBuf>,
	/// The gateway's base URL, when it is not the one the DRS URI's host resolves to.
	#[arg(long)]
	gateway: Option<String>,
	/// Print the result as JSON.
	#[arg(long)]
	json: bool,
}

#[derive(Serialize)]
struct FetchReport {
	object: String,
	output: String,
	size: u64,
	sha256: String,
	consent_id: u64,
	transaction: String,
	block_number: u64,
}

pub fn run(args: FetchArgs) -> Result<()> {
	let uri: DrsUri = args.uri.parse()?;
	let requested = drs::parse_use(&args.requested)?;
	let signer = chain::signer(&args.suri)?;
	let base = args.gateway.clone().unwrap_or_else(|| uri.base_url());
	let output = args.output.clone().unwrap_or_else(|| PathBuf::from(&uri.id));
	// Before anything is recorded on chain: an access that could not be written is wasted.
	if output.exists() {
		return Err(Error::file(&output, "exists already; choose another --output"));
	}
	let show_progress = !args.json && std::io::stderr().is_terminal();
	let report = block_on(async {
		let gateway = Gateway::sign_in(&base, &signer).await?;
		let object = gateway.object(&uri.id).await?;
		let access = gateway.access(&uri.id, &requested).await?;
		let bar = if show_progress { ProgressBar::new(object.size) } else { ProgressBar::hidden() };
		if let Ok(style) =
			ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {eta}")
		{
			bar.set_style(style);
		}
		let sha256 = gateway.download(&object, &access, &output, |n| bar.set_position(n)).await;
		bar.finish_and_clear();
		Ok(FetchReport {
			object: object.id,
			output: output.display().to_string(),
			size: object.size,
			sha256: sha256?,
			consent_id: access.consent_id,
			transaction: access.transaction,
			block_number: access.block_number,
		})
	})?;
	if args.json {
		return print_json(&report);
	}
	println!("object       {}", report.object);
	println!("written to   {} ({} bytes, SHA-256 checked)", report.output, report.size);
	println!("sha256       {}", report.sha256);
	println!("consent      {}", report.consent_id);
	println!("recorded in  {} (block {})", report.transaction, report.block_number);
	Ok(())
}
