//! A runtime's genesis state built natively from one of its presets, as the node builds it (the
//! runtime's default genesis with the preset's JSON patch written over it, key by key): for the
//! runtimes' tests and the XCM simulator, which run runtimes natively. Off chain only (std).

use alloc::{format, string::String};
use polkadot_sdk::sp_runtime::{BuildStorage, Storage};
use serde::{de::DeserializeOwned, Serialize};

/// The storage of a chain whose genesis is `Genesis::default()` patched with `preset` (a preset's
/// JSON, as the runtime's `get_preset` returns it).
pub fn storage_from_preset<Genesis>(preset: &[u8]) -> Result<Storage, String>
where
	Genesis: Default + Serialize + DeserializeOwned + BuildStorage,
{
	let patch = serde_json::from_slice(preset).map_err(|e| format!("the preset: {e}"))?;
	let mut genesis = serde_json::to_value(Genesis::default())
		.map_err(|e| format!("the default genesis: {e}"))?;
	apply_patch(&mut genesis, patch);
	serde_json::from_value::<Genesis>(genesis)
		.map_err(|e| format!("the patched genesis: {e}"))?
		.build_storage()
}

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

#[cfg(test)]
mod tests {
	use super::apply_patch;
	use serde_json::json;

	#[test]
	fn a_patch_overwrites_key_by_key_and_adds_what_is_missing() {
		let mut genesis =
			json!({ "balances": { "balances": [], "devAccounts": null }, "sudo": {} });
		apply_patch(
			&mut genesis,
			json!({ "balances": { "balances": [["5Grw", 1]] }, "parachainInfo": { "id": 7 } }),
		);
		assert_eq!(
			genesis,
			json!({
				"balances": { "balances": [["5Grw", 1]], "devAccounts": null },
				"sudo": {},
				"parachainInfo": { "id": 7 }
			})
		);
	}
}
