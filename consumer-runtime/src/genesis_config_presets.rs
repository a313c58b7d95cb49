//! The consumer's genesis presets: `local_testnet` (Alice and Bob collate, as the zombienet `xcm`
//! network's para 2001) and `development` (Alice alone). Both endow the well-known development
//! accounts and use para id [`PARA_ID`](crate::PARA_ID).

use crate::{
	AccountId, AuraConfig, AuraId, Balance, BalancesConfig, ParachainInfoConfig, PolkadotXcmConfig,
	RuntimeGenesisConfig, PARA_ID, UNIT,
};
use alloc::{vec, vec::Vec};
use polkadot_sdk::{
	frame_support::build_struct_json_patch,
	sp_genesis_builder::{self, PresetId},
	sp_keyring::Sr25519Keyring,
	staging_xcm,
};

/// What each development account starts with.
pub const DEV_ENDOWMENT: Balance = 1_000_000 * UNIT;

fn genesis(authorities: &[Sr25519Keyring]) -> serde_json::Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: Sr25519Keyring::well_known()
				.map(|keyring| (keyring.to_account_id(), DEV_ENDOWMENT))
				.collect::<Vec<(AccountId, Balance)>>(),
		},
		parachain_info: ParachainInfoConfig { parachain_id: PARA_ID.into() },
		aura: AuraConfig {
			authorities: authorities
				.iter()
				.map(|keyring| AuraId::from(keyring.public()))
				.collect::<Vec<_>>(),
		},
		polkadot_xcm: PolkadotXcmConfig {
			safe_xcm_version: Some(staging_xcm::prelude::XCM_VERSION)
		},
	})
}

/// The JSON patch of the preset `id`, or `None` for an unknown id.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	use Sr25519Keyring::{Alice, Bob};
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => genesis(&[Alice]),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => genesis(&[Alice, Bob]),
		_ => return None,
	};
	serde_json::to_vec(&patch).ok()
}

/// The ids of all presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}

/// The state of a chain started from preset `id`, as the node builds it: for the runtime's tests
/// and the XCM simulator, which run the runtime natively.
#[cfg(feature = "std")]
pub fn preset_storage(id: &PresetId) -> Result<polkadot_sdk::sp_runtime::Storage, String> {
	let preset = get_preset(id).ok_or_else(|| format!("no preset {id:?}"))?;
	genochain_primitives::genesis::storage_from_preset::<RuntimeGenesisConfig>(&preset)
}
