//! The state of a fresh `--dev` chain, for the runtime's tests.

use crate::{genesis_config_presets::get_preset, RuntimeGenesisConfig, System};
use polkadot_sdk::{
	frame_support::genesis_builder_helper::build_state, sp_genesis_builder::DEV_RUNTIME_PRESET,
	sp_io::TestExternalities,
};

/// Writes `patch` over `base`, key by key, as the node applies a preset to the default genesis.
fn apply_patch(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				apply_patch(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		}
		(base, patch) => *base = patch,
	}
}

/// The state of a fresh `--dev` chain.
pub fn dev_chain() -> TestExternalities {
	let mut ext = TestExternalities::default();
	ext.execute_with(|| {
		let preset = get_preset(&DEV_RUNTIME_PRESET.into()).expect("the development preset");
		let mut genesis = serde_json::to_value(RuntimeGenesisConfig::default())
			.expect("the default genesis is JSON");
		apply_patch(&mut genesis, serde_json::from_slice(&preset).expect("the preset is JSON"));
		build_state::<RuntimeGenesisConfig>(genesis.to_string().into_bytes())
			.expect("the development genesis builds");
		System::set_block_number(1);
	});
	ext
}
