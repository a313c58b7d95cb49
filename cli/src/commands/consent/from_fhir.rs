//! `genochain consent from-fhir FILE`: the `Consent.grant` terms a FHIR R5 Consent states, as
//! readable JSON and as SCALE; with `--node`, times become block numbers on that chain's clock and
//! the output carries the `Consent.grant` call, checked against the node, for the subject to sign
//! (Polkadot.js Apps: Developer › Extrinsics › Decode).

use crate::commands::{block_on, print_json};
use clap::Args;
use codec::Encode;
use genochain_cli::{
	chain::Node,
	error::{Error, Location, Result},
};
use genochain_fhir::{terms_from_fhir, AccountId, Terms, ACCOUNT_SYSTEM};
use genochain_primitives::consent::{ConsentTerms, Grantee};
use serde::Serialize;
use std::path::PathBuf;
use subxt::utils::AccountId32;

#[derive(Args)]
pub struct FromFhirArgs {
	/// The FHIR R5 Consent, as JSON.
	file: PathBuf,
	/// A node of the chain the consent is for: converts FHIR times to its block numbers and adds
	/// the Consent.grant call. Without it, the consent must state its validity in blocks (the
	/// consent-blocks extension, as `to-fhir` writes).
	#[arg(long)]
	node: Option<String>,
}

/// What `from-fhir` prints.
#[derive(Serialize)]
struct Granting {
	/// The subject the resource names, who must sign the grant; none if it names nobody on chain.
	subject: Option<String>,
	terms: ConsentTerms<AccountId32, u32>,
	/// The terms, SCALE-encoded.
	terms_scale: String,
	/// `Consent.grant(terms)` call data (with `--node`).
	#[serde(skip_serializing_if = "Option::is_none")]
	grant_call: Option<String>,
}

pub fn run(args: FromFhirArgs) -> Result<()> {
	let path = &args.file;
	let text = std::fs::read_to_string(path)
		.map_err(|e| Error::file(path, "cannot read it").because(e))?;
	let resource: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
		Error::at(Location::Line(path.display().to_string(), e.line() as u64), "not JSON")
			.because(e)
	})?;
	// One runtime for the whole conversation with the node: its connection lives on it.
	let (terms, grant_call) = block_on(async {
		let node = match args.node.as_deref() {
			Some(url) => Some(Node::connect(url).await?),
			None => None,
		};
		let clock = match &node {
			Some(node) => Some(node.latest_clock().await?),
			None => None,
		};
		let terms = terms_from_fhir(&resource, clock.as_ref())
			.map_err(|refusal| Error::file(path, format!("cannot be granted: {refusal}")))?;
		let grant_call = match &node {
			Some(node) => Some(format!("0x{}", hex::encode(node.grant_call(&terms).await?))),
			None => None,
		};
		Ok((terms, grant_call))
	})?;
	let subject = match &resource["subject"]["identifier"] {
		identifier if identifier["system"] == ACCOUNT_SYSTEM => {
			identifier["value"].as_str().map(str::to_string)
		}
		_ => None,
	};
	print_json(&Granting {
		subject,
		terms_scale: format!("0x{}", hex::encode(terms.encode())),
		terms: readable(terms)?,
		grant_call,
	})
}

/// The terms with accounts as SS58 addresses.
fn readable(terms: Terms) -> Result<ConsentTerms<AccountId32, u32>> {
	let account = |id: AccountId| AccountId32(id);
	Ok(ConsentTerms {
		grantee: match terms.grantee {
			Grantee::Account(id) => Grantee::Account(account(id)),
			Grantee::AnyAccreditedResearcher => Grantee::AnyAccreditedResearcher,
		},
		approvers: terms
			.approvers
			.into_iter()
			.map(account)
			.collect::<Vec<_>>()
			.try_into()
			.map_err(|_| Error::Usage("more approvers than a consent has".into()))?,
		scope: terms.scope,
		purpose: terms.purpose,
		valid_from: terms.valid_from,
		valid_until: terms.valid_until,
		document_hash: terms.document_hash,
		approval_threshold: terms.approval_threshold,
	})
}
