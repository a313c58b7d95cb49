//! The consortium file as written: TOML, read with unknown fields refused so that a misspelt
//! field is an error rather than a default. Values stay strings here; [`super::validate`] reads
//! them and names every problem.

use serde::Deserialize;

/// A consortium's chain, as its founding members review it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsortiumFile {
	pub chain: ChainSection,
	#[serde(default)]
	pub council: Vec<Member>,
	#[serde(default)]
	pub ethics_committee: Vec<Member>,
	#[serde(default)]
	pub organisation: Vec<Organisation>,
	#[serde(default)]
	pub collator: Vec<Collator>,
	#[serde(default)]
	pub endowment: Vec<Endowment>,
}

/// `[chain]`: what names the chain and where it runs.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChainSection {
	/// Shown by wallets and explorers.
	pub name: String,
	/// The chain's id: its directory under each node's base path.
	pub id: String,
	/// `live` (the default) or `local`, a rehearsal, where development keys are allowed.
	#[serde(default)]
	pub chain_type: Option<String>,
	pub para_id: u32,
	/// The relay chain's id, e.g. `paseo` or `rococo-local`.
	pub relay_chain: String,
	/// The peer-to-peer protocol id; `genochain` if absent.
	#[serde(default)]
	pub protocol_id: Option<String>,
	/// Multiaddresses with peer ids (`/dns/…/tcp/30333/p2p/12D3…`) of the consortium's boot nodes.
	#[serde(default)]
	pub boot_nodes: Vec<String>,
}

/// A member of the Council or of the Ethics Committee.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
	/// Who this is, for the reviewers and the error messages; it is not written to the chain.
	pub name: String,
	pub account: String,
}

/// `[[organisation]]`: accredited from the first block.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
	/// For the reviewers and the error messages only.
	pub name: String,
	pub account: String,
	/// `lab`, `custodian`, `researcher`.
	pub roles: Vec<String>,
}

/// `[[collator]]`: an invulnerable collator and its Aura session key.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Collator {
	/// For the reviewers and the error messages only.
	pub name: String,
	pub account: String,
	/// The collator's Aura key (sr25519 public key, SS58 or 0x-hex), held in its keystore.
	#[serde(default)]
	pub aura: Option<String>,
}

/// `[[endowment]]`: a free balance at genesis.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Endowment {
	/// For the reviewers and the error messages only.
	pub name: String,
	pub account: String,
	/// `"<amount> GENE"` (up to 12 decimals) or `"<amount> planck"`.
	pub balance: String,
}

/// Reads `text` as a consortium file. A `sudo` anywhere at the top is refused with its reason
/// rather than as an unknown field.
pub fn parse(text: &str) -> Result<ConsortiumFile, String> {
	let table: toml::Table = toml::from_str(text).map_err(|error| error.to_string())?;
	if table.contains_key("sudo") {
		return Err(
			"`sudo`: a consortium chain has no sudo key; the Council reaches Root through \
		            its whitelist (docs/GOVERNANCE.md)"
				.into(),
		);
	}
	toml::from_str(text).map_err(|error| error.to_string())
}
