//! Steps that more than one test takes on Genochain, each waited for until it is finalized: the
//! tests' next calls and queries depend on them.

use crate::{
	calls,
	chain::{self, Client},
	Fingerprint,
};
use anyhow::{anyhow, Result};
use std::path::Path;
use zombienet_sdk::subxt_signer::sr25519::Keypair;

/// `subject` grants `grantee` HMB research use of the variants of `dataset`
/// ([`calls::grant_consent`]); returns the consent's id.
pub async fn grant_consent(
	client: &Client,
	subject: &Keypair,
	grantee: &Keypair,
	dataset: [u8; 32],
) -> Result<u128> {
	let call = calls::grant_consent(grantee, dataset);
	let granted = chain::submit(client, &call, subject, "the grant").await?.event(
		"the grant",
		"Consent",
		"ConsentGranted",
	)?;
	chain::number(&granted, "consent_id")
}

/// `contributor` fingerprints the CLI's sample VCF (in `dir`) and anchors the fingerprint, kept by
/// `custodian`; returns the anchor's id, which binds the root to the contributor.
pub async fn anchor_sample(
	client: &Client,
	dir: &Path,
	contributor: &Keypair,
	custodian: &Keypair,
) -> Result<[u8; 32]> {
	let fingerprint = Fingerprint::of_sample(dir)?;
	anchor(client, contributor, fingerprint.root, fingerprint.leaf_count, custodian).await
}

/// `subject` anchors fingerprint `root` of `leaf_count` variants, kept by `custodian`; returns
/// the anchor's id: the dataset the subject's consents name.
pub async fn anchor(
	client: &Client,
	subject: &Keypair,
	root: [u8; 32],
	leaf_count: u32,
	custodian: &Keypair,
) -> Result<[u8; 32]> {
	let call = calls::anchor(root, leaf_count, custodian);
	let anchored = chain::submit(client, &call, subject, "the anchor").await?.event(
		"the anchor",
		"GenomeAnchor",
		"Anchored",
	)?;
	<[u8; 32]>::try_from(chain::field_bytes(&anchored, "anchor")?)
		.map_err(|_| anyhow!("an anchor id is 32 bytes"))
}

/// `lab` attests anchor `anchor` ([`calls::attest`]).
pub async fn attest(client: &Client, lab: &Keypair, anchor: [u8; 32]) -> Result<()> {
	chain::submit(client, &calls::attest(anchor), lab, "the attestation").await?.event(
		"the attestation",
		"GenomeAnchor",
		"Attested",
	)?;
	Ok(())
}
