//! Resolves `--chain`: `dev` and `local` are built from the runtime embedded in this binary and
//! its genesis presets; anything else is read as a chain-spec file.
//!
//! The committed files in `chain-specs/` are exports of exactly these specs
//! (`scripts/chain-specs.sh`), so `--chain dev` and `--chain chain-specs/dev.json` start the same
//! chain.

use genochain_primitives::currency::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL};
use genochain_runtime::genesis_config_presets::PARA_ID;
use polkadot_sdk::{
	polkadot_omni_node_lib::chain_spec::{ChainSpec, Extensions, GenericChainSpec, LoadSpec},
	sc_chain_spec::{ChainType, Properties},
	sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET},
};

/// The relay chain named in our specs' extensions. Collators are given the real relay chain spec
/// after `--`; this name is informational.
const RELAY_CHAIN: &str = "rococo-local";

/// The `--chain` loader of `genochain-node`.
pub struct GenochainSpecLoader;

impl LoadSpec for GenochainSpecLoader {
	fn load_spec(&self, id: &str) -> Result<Box<dyn ChainSpec>, String> {
		Ok(match id {
			"" | "dev" => Box::new(development()?),
			"local" => Box::new(local_testnet()?),
			path => {
				Box::new(GenericChainSpec::from_json_file(path.into()).map_err(|error| {
					format!("`--chain {path}` is neither `dev`, `local` nor a readable chain spec: {error}")
				})?)
			}
		})
	}
}

/// The single-node development chain started by `genochain-node --dev`.
pub fn development() -> Result<GenericChainSpec, String> {
	spec("Genochain Development", "genochain_dev", ChainType::Development, DEV_RUNTIME_PRESET)
}

/// The local test network of a relay chain with two Genochain collators (Alice and Bob).
pub fn local_testnet() -> Result<GenericChainSpec, String> {
	spec(
		"Genochain Local Testnet",
		"genochain_local",
		ChainType::Local,
		LOCAL_TESTNET_RUNTIME_PRESET,
	)
}

/// What wallets show for the chain: GENE, 12 decimals, SS58 format 42.
pub fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

/// The runtime embedded in this binary.
pub fn runtime_wasm() -> Result<&'static [u8], String> {
	genochain_runtime::WASM_BINARY.ok_or_else(|| {
		"this genochain-node was built without the runtime wasm (SKIP_WASM_BUILD was set); \
		 rebuild it without SKIP_WASM_BUILD to build a chain spec"
			.into()
	})
}

fn spec(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<GenericChainSpec, String> {
	Ok(GenericChainSpec::builder(runtime_wasm()?, Extensions::new(RELAY_CHAIN.into(), PARA_ID))
		.with_name(name)
		.with_id(id)
		.with_chain_type(chain_type)
		.with_protocol_id("genochain")
		.with_genesis_config_preset_name(preset)
		.with_properties(properties())
		.build())
}

#[cfg(test)]
mod tests {
	use super::*;
	use polkadot_sdk::{sp_core, sp_io, sp_version};

	#[test]
	fn properties_name_gene_with_twelve_decimals_and_prefix_42() {
		let properties = properties();
		assert_eq!(properties["tokenSymbol"], "GENE");
		assert_eq!(properties["tokenDecimals"], 12);
		assert_eq!(properties["ss58Format"], 42);
	}

	/// Takes the runtime out of a chain spec: the wasm is not byte-reproducible across checkouts
	/// (rustc hashes each crate's absolute path into its symbols, so the same source built in
	/// another checkout gives a different blob; byte-reproducible runtimes need srtool). The spec
	/// without it — every genesis value, the properties, the ids — must match exactly, and the
	/// runtime itself must have the current runtime's interface (see [`runtime_interface`]).
	fn split_code(mut spec: serde_json::Value) -> (serde_json::Value, Vec<u8>) {
		const CODE_KEY: &str = "0x3a636f6465"; // hex of `:code`
		let code = spec
			.pointer_mut("/genesis/runtimeGenesis")
			.and_then(serde_json::Value::as_object_mut)
			.and_then(|genesis| genesis.remove("code"))
			.or_else(|| {
				spec.pointer_mut("/genesis/raw/top")
					.and_then(serde_json::Value::as_object_mut)
					.and_then(|top| top.remove(CODE_KEY))
			})
			.expect("a chain spec carries a runtime");
		let code = code.as_str().and_then(|hex| sp_core::bytes::from_hex(hex).ok());
		(spec, code.expect("the runtime is 0x-hex"))
	}

	/// The version and the metadata of a runtime blob: everything a client or another chain sees
	/// of it (calls, events, errors, storage, constants, runtime APIs, their docs). Unlike the blob,
	/// they do not depend on where it was built.
	fn runtime_interface(code: &[u8]) -> (sp_version::RuntimeVersion, Vec<u8>) {
		use polkadot_sdk::{
			sc_executor::WasmExecutor, sc_executor_common::runtime_blob::RuntimeBlob,
		};
		let blob = RuntimeBlob::uncompress_if_needed(code).expect("a runtime blob");
		let mut version = polkadot_sdk::sc_executor::read_embedded_version(&blob)
			.expect("a readable runtime version")
			.expect("the runtime embeds its version");
		// The order of the runtime APIs in the blob differs from build to build; the set does not.
		let mut apis = version.apis.to_vec();
		apis.sort();
		version.apis = apis.into();
		let metadata = WasmExecutor::<sp_io::SubstrateHostFunctions>::builder()
			.build()
			.uncached_call(
				blob,
				&mut sp_io::TestExternalities::default().ext(),
				true,
				"Metadata_metadata",
				&[],
			)
			.expect("the runtime answers Metadata_metadata");
		(version, metadata)
	}

	/// The committed specs are what the node starts from with `--chain chain-specs/…`; their
	/// genesis must be exactly what the current runtime and presets generate.
	#[test]
	fn committed_chain_specs_match_the_runtime() {
		let directory = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../chain-specs");
		let current = runtime_interface(
			genochain_runtime::WASM_BINARY
				.expect("the runtime wasm is embedded (build without SKIP_WASM_BUILD)"),
		);
		// The four specs usually carry one blob: check each distinct blob once.
		let mut checked_code = Vec::new();
		for (name, spec) in [("dev", development()), ("local", local_testnet())] {
			let spec = spec.expect("the runtime wasm is embedded (build without SKIP_WASM_BUILD)");
			for (file, raw) in [(format!("{name}.json"), false), (format!("{name}-raw.json"), true)]
			{
				let path = directory.join(&file);
				let committed = std::fs::read_to_string(&path)
					.unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
				let (committed, committed_code) = split_code(
					serde_json::from_str(&committed)
						.unwrap_or_else(|error| panic!("{file} is not JSON: {error}")),
				);
				let (generated, _) = split_code(
					serde_json::from_str(&spec.as_json(raw).expect("a built spec serialises"))
						.expect("the generated spec is JSON"),
				);
				let regenerate = "run `make chain-specs` and commit the result";
				// Not assert_eq!: a raw spec's storage is too large for a readable diff.
				assert!(
					committed == generated,
					"chain-specs/{file} no longer matches the runtime's `{name}` preset: {regenerate}"
				);
				if checked_code.contains(&committed_code) {
					continue;
				}
				let (version, metadata) = runtime_interface(&committed_code);
				assert_eq!(
					version, current.0,
					"the runtime in chain-specs/{file} is another version: {regenerate}"
				);
				assert!(
					metadata == current.1,
					"the runtime in chain-specs/{file} has another interface than the current one: {regenerate}"
				);
				checked_code.push(committed_code);
			}
		}
	}

	/// Builds each preset's genesis through the runtime wasm, as a starting node does, and reads
	/// the state it produced.
	#[test]
	fn presets_build_the_genesis_the_network_expects() {
		use genochain_primitives::{consent::Role, traits::Accreditation};
		use genochain_runtime::{
			configs::{CouncilInstance, EthicsCommitteeInstance},
			genesis_config_presets::{DEV_CUSTODIAN, DEV_ENDOWMENT, DEV_LAB, DEV_RESEARCHER},
			AccountId, DataMarket, Redaction, Registry, Runtime,
		};
		use polkadot_sdk::frame_support::traits::fungible::Inspect as _;
		use polkadot_sdk::{
			sp_io::TestExternalities, sp_keyring::Sr25519Keyring, sp_runtime::BuildStorage, *,
		};
		use Sr25519Keyring::*;

		let sorted = |keyrings: &[Sr25519Keyring]| {
			let mut accounts: Vec<AccountId> = keyrings.iter().map(|k| k.to_account_id()).collect();
			accounts.sort();
			accounts
		};
		for (spec, collators) in [(development(), vec![Alice]), (local_testnet(), vec![Alice, Bob])]
		{
			let spec = spec.expect("the runtime wasm is embedded");
			let storage = spec.build_storage().expect("the preset builds a genesis state");
			TestExternalities::new(storage).execute_with(|| {
				let id = spec.id().to_owned();
				assert_eq!(
					staging_parachain_info::Pallet::<Runtime>::parachain_id(),
					PARA_ID.into()
				);
				assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(Alice.to_account_id()), "{id}");
				assert_eq!(
					pallet_collective::Members::<Runtime, CouncilInstance>::get(),
					sorted(&[Alice, Bob, Charlie]),
				);
				assert_eq!(
					pallet_collective::Members::<Runtime, EthicsCommitteeInstance>::get(),
					sorted(&[Dave, Eve, Ferdie]),
				);
				assert_eq!(
					pallet_collator_selection::Invulnerables::<Runtime>::get().to_vec(),
					sorted(&collators),
					"{id}"
				);
				assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), collators.len());
				for account in Sr25519Keyring::well_known() {
					assert_eq!(
						pallet_balances::Pallet::<Runtime>::free_balance(account.to_account_id()),
						DEV_ENDOWMENT,
						"{id}: {account:?}"
					);
				}
				for (organisation, role) in [
					(DEV_LAB, Role::Lab),
					(DEV_CUSTODIAN, Role::Custodian),
					(DEV_RESEARCHER, Role::Researcher),
				] {
					let organisation = AccountId::from(organisation);
					assert!(Registry::has_role(&organisation, role), "{id}: {role:?}");
					// The researcher's genesis study holds part of it, and paid the storage fund
					// for the tombstone it may leave.
					let fee =
						if role == Role::Researcher { Redaction::fee_per_record() } else { 0 };
					assert_eq!(
						pallet_balances::Pallet::<Runtime>::total_balance(&organisation),
						DEV_ENDOWMENT - fee
					);
				}
				let studies = DataMarket::open_studies(None, u32::MAX).studies;
				assert_eq!(studies.len(), 1, "{id}");
				assert_eq!(studies[0].researcher, AccountId::from(DEV_RESEARCHER), "{id}");
			});
		}
	}

	#[test]
	fn an_unreadable_chain_spec_is_named_in_the_error() {
		let error = GenochainSpecLoader.load_spec("/nonexistent/spec.json").err();
		let error = error.expect("a missing file is an error");
		assert!(error.contains("/nonexistent/spec.json"), "{error}");
	}
}
