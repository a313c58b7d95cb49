//! A consortium's chain spec from one reviewed file: `genochain-node consortium-spec`.
//!
//! The founding members agree on one TOML file (`chain-specs/consortium.example.toml` is the
//! template; docs/OPERATORS.md walks through it): the chain's name and id, its para id and relay
//! chain, the Council and the Ethics Committee, the accredited organisations with their roles,
//! the collators with their Aura session keys, and the endowments. There is no sudo: the file
//! has no field for one, and a `sudo` in it is refused.
//!
//! [`validate`] checks the file and names every problem at once (unknown role, duplicate member,
//! collator without a session key, endowment below the existential deposit, a development key on
//! a live chain, …); [`chain_spec`] builds the spec from the runtime in this binary, through the
//! same genesis builder as the presets; [`command`] runs the genesis in the runtime, so that what
//! the runtime would refuse is refused here too, and writes the plain spec, for review, and the
//! raw spec, which collators and the relay chain's registration use, both or neither.

pub mod command;
mod file;
mod validate;

#[cfg(test)]
mod tests;

pub use file::parse;
pub use validate::{format_gene, validate, Consortium, Limits};

use crate::chain_spec::{properties, runtime_wasm};
use genochain_runtime::genesis_config_presets::{genesis, Genesis};
use polkadot_sdk::polkadot_omni_node_lib::chain_spec::{Extensions, GenericChainSpec};

/// Reads and checks a consortium file's text.
pub fn read(text: &str) -> Result<Consortium, String> {
	let file = parse(text)?;
	validate(file, &Limits::of_runtime()).map_err(|problems| problems.to_string())
}

/// The chain spec of `consortium`, on the runtime embedded in this binary.
pub fn chain_spec(consortium: &Consortium) -> Result<GenericChainSpec, String> {
	let patch = genesis(Genesis {
		collators: consortium.collators.clone(),
		endowed: consortium.endowments.clone(),
		sudo: None,
		council: consortium.council.clone(),
		ethics_committee: consortium.ethics_committee.clone(),
		organisations: consortium.organisations.clone(),
		studies: Vec::new(),
		dispute_window: None,
		para_id: consortium.para_id.into(),
	});
	Ok(GenericChainSpec::builder(
		runtime_wasm()?,
		Extensions::new(consortium.relay_chain.clone(), consortium.para_id),
	)
	.with_name(&consortium.name)
	.with_id(&consortium.id)
	.with_chain_type(consortium.chain_type.clone())
	.with_protocol_id(&consortium.protocol_id)
	.with_boot_nodes(consortium.boot_nodes.clone())
	.with_genesis_config_patch(patch)
	.with_properties(properties())
	.build())
}
