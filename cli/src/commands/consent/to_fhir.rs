//! `genochain consent to-fhir ID --node URL`: a consent on chain, read at the latest finalized
//! block, as a FHIR R5 Consent: times from the chain's own clock, the exact block numbers in an
//! extension so that `from-fhir` reads the same terms back.

use crate::commands::{block_on, print_json, write_atomically};
use clap::Args;
use genochain_cli::{
	chain::Node,
	error::{Error, Result},
};
use genochain_fhir::consent_to_fhir;
use genochain_primitives::{consent::ConsentId, redaction::Lookup};
use std::path::PathBuf;

#[derive(Args)]
pub struct ToFhirArgs {
	/// The consent's id.
	id: ConsentId,
	/// A node of the chain: ws://127.0.0.1:9944 on this machine, wss://HOST otherwise.
	#[arg(long)]
	node: String,
	/// Write the resource to this file instead of standard output.
	#[arg(long, short)]
	output: Option<PathBuf>,
}

pub fn run(args: ToFhirArgs) -> Result<()> {
	let reading = block_on(async { Node::connect(&args.node).await?.consent(args.id).await })?;
	let consent = match reading.consent {
		Lookup::Found(consent) => consent,
		Lookup::Redacted(tombstone) => {
			return Err(Error::node(
				&args.node,
				format!(
					"consent {} was erased at block {} (erasure case {}): there is nothing left \
					 to render",
					args.id, tombstone.erased_at, tombstone.case
				),
			))
		}
		Lookup::NotFound => {
			return Err(Error::node(&args.node, format!("has no consent {}", args.id)))
		}
	};
	let resource = consent_to_fhir(&consent, &reading.clock);
	match &args.output {
		None => print_json(&resource),
		Some(path) => {
			let text = serde_json::to_vec_pretty(&resource)
				.map_err(|e| Error::Usage(format!("cannot write JSON: {e}")))?;
			write_atomically(path, &text)
		}
	}
}
