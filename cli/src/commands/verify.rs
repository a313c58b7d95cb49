//! `genochain verify`: checks a proof offline against a root, or against the subject's anchor on
//! chain, with the chain's own verdict and the lab that vouches for the genome.

use super::{block_on, print_json};
use clap::Args;
use genochain_cli::{
	chain,
	error::{Error, Result},
	proof,
};
use genochain_primitives::{
	anchor::{anchor_id, AnchorId, Provenance},
	consent::Standing,
};
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct VerifyArgs {
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
	/// Print the result as JSON: `"valid": true` with the fact (and the anchor on chain), or,
	/// for a proof that does not hold, `"valid": false` with the reason (exit status 3).
	#[arg(long)]
	json: bool,
}

pub fn run(args: VerifyArgs) -> Result<()> {
	let VerifyArgs { proof: path, root, node, subject, json } = args;
	let text = std::fs::read_to_string(&path)
		.map_err(|e| Error::file(&path, "cannot read the proof").because(e))?;
	let file: proof::ProofFile = serde_json::from_str(&text)
		.map_err(|e| Error::file(&path, "not a proof written by `genochain prove`").because(e))?;
	let root = match &root {
		Some(root) => proof::parse_hash(root, "--root")?,
		None => {
			proof::parse_hash(&file.root, "the proof's root").map_err(|e| Error::file(&path, e))?
		}
	};
	let checked = proof::check(&path, &file, &root).and_then(|fact| {
		let on_chain = match (&node, &subject) {
			(Some(url), Some(subject)) => {
				let subject = chain::parse_account(subject, "--subject")?;
				let id = anchor_id(&subject, &root);
				Some(block_on(verify_on_chain(url, &path, &file, &id, &fact))?)
			}
			_ => None,
		};
		Ok((fact, on_chain))
	});
	let (fact, on_chain) = match checked {
		Ok(valid) => valid,
		Err(error) => {
			if let (true, Error::Invalid { on_chain, problem, .. }) = (json, &error) {
				print_json(&serde_json::json!({
					"valid": false,
					"root": format!("{root:?}"),
					"checked": if *on_chain { "on chain" } else { "offline" },
					"reason": problem,
				}))?;
			}
			return Err(error);
		}
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
	let invalid = |problem: String| Error::invalid(path, true, problem);
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
