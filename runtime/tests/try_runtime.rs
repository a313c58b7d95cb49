//! try-runtime on real state: this runtime upgrades a chain holding the data the e2e journey
//! leaves (consents granted and revoked, anchors proven, a study paid out, an erasure
//! completed), its migrations pass their `pre_upgrade`/`post_upgrade` checks, and every pallet's
//! `try_state` invariants hold before and after.
//!
//! Two states, both snapshots taken by the journey (`e2e/lib/snapshot.js`): every storage pair
//! but the code, at the best block.
//! - `tests/snapshots/spec1-dev-journey.json`, committed: a `--dev` chain of spec version 1 (the
//!   runtime before storage versions), so the migrations of every later version run on it.
//! - the snapshot the journey just took on this source's node, at `$GENOCHAIN_SNAPSHOT` (`make
//!   test` runs the journey first and passes it): no migration is due on it, and the invariants
//!   must hold on everything the journey made.
//!
//! The runtime runs natively with the `try-runtime` feature: `make test` builds it with
//! `SKIP_WASM_BUILD=1 cargo test -p genochain-runtime --features try-runtime --test try_runtime`,
//! which needs no wasm and no try-runtime CLI.

#![cfg(feature = "try-runtime")]

use genochain_runtime::{
	configs::RuntimeBlockWeights, AllPalletsWithSystem, Executive, Runtime, System, VERSION,
};
use polkadot_sdk::{
	frame_support::traits::{
		GetStorageVersion, StorageVersion, TryState, TryStateSelect, UpgradeCheckSelect,
	},
	frame_system,
	sp_core::{bytes::from_hex, storage::Storage},
	sp_io::TestExternalities,
	sp_runtime::traits::Zero,
};
use std::{collections::BTreeMap, path::Path};

/// A snapshot as `e2e/lib/snapshot.js` writes it.
struct Snapshot {
	spec_version: u32,
	block_number: u32,
	state: TestExternalities,
}

fn load(path: &Path) -> Snapshot {
	let text = std::fs::read_to_string(path)
		.unwrap_or_else(|error| panic!("cannot read the snapshot {}: {error}", path.display()));
	let json: serde_json::Value = serde_json::from_str(&text)
		.unwrap_or_else(|error| panic!("{} is not JSON: {error}", path.display()));
	let number = |field: &str| {
		json[field]
			.as_u64()
			.and_then(|n| u32::try_from(n).ok())
			.unwrap_or_else(|| panic!("{} has no {field}", path.display()))
	};
	let hex = |value: &serde_json::Value| {
		value.as_str().and_then(|text| from_hex(text).ok()).unwrap_or_else(|| {
			panic!("{}: a storage key or value is not hex: {value}", path.display())
		})
	};
	let pairs =
		json["pairs"].as_array().unwrap_or_else(|| panic!("{} has no pairs", path.display()));
	let top: BTreeMap<Vec<u8>, Vec<u8>> =
		pairs.iter().map(|pair| (hex(&pair[0]), hex(&pair[1]))).collect();
	assert_eq!(top.len(), pairs.len(), "{}: a key appears twice", path.display());
	Snapshot {
		spec_version: number("specVersion"),
		block_number: number("blockNumber"),
		state: TestExternalities::new(Storage { top, children_default: Default::default() }),
	}
}

/// Upgrades the snapshot's chain to this runtime with every check (`pre_upgrade`,
/// `post_upgrade`, `try_state` of every pallet), as `try-runtime on-runtime-upgrade` would, and
/// checks the invariants again afterwards and that the migrations fit in a block.
fn upgrade(snapshot: &mut Snapshot) {
	let block = snapshot.block_number;
	snapshot.state.execute_with(|| {
		assert!(!System::block_number().is_zero(), "the snapshot holds no chain");
		AllPalletsWithSystem::try_state(block, TryStateSelect::All)
			.unwrap_or_else(|error| panic!("an invariant fails before the upgrade: {error:?}"));
		let weight = Executive::try_runtime_upgrade(UpgradeCheckSelect::All)
			.unwrap_or_else(|error| panic!("the upgrade fails its checks: {error:?}"));
		let max_block = RuntimeBlockWeights::get().max_block;
		assert!(weight.all_lte(max_block), "the migrations weigh {weight}, a block {max_block}");
		AllPalletsWithSystem::try_state(block, TryStateSelect::All)
			.unwrap_or_else(|error| panic!("an invariant fails after the upgrade: {error:?}"));
		let last_upgrade =
			frame_system::LastRuntimeUpgrade::<Runtime>::get().expect("the upgrade is recorded");
		assert_eq!(last_upgrade.spec_version.0, VERSION.spec_version);
	});
}

#[test]
fn a_spec_1_dev_chain_after_the_journey_upgrades_to_this_runtime() {
	let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/spec1-dev-journey.json");
	let mut snapshot = load(&path);
	assert_eq!(snapshot.spec_version, 1);
	snapshot.state.execute_with(|| {
		// Spec 1 declared no storage versions: the registry is at 0, with the zero hash for the
		// documents of the organisations accredited in genesis.
		assert_eq!(pallet_registry::Pallet::<Runtime>::on_chain_storage_version(), 0);
	});
	upgrade(&mut snapshot);
	snapshot.state.execute_with(|| {
		assert_eq!(
			pallet_registry::Pallet::<Runtime>::on_chain_storage_version(),
			StorageVersion::new(1)
		);
		let organisations =
			pallet_registry::Organisations::<Runtime>::iter_values().collect::<Vec<_>>();
		assert_eq!(organisations.len(), 3, "the three development organisations");
		assert!(organisations.iter().all(|organisation| organisation.document_hash.is_none()));
		// Pallets the upgrade adds start at their current storage versions.
		assert_eq!(
			polkadot_sdk::pallet_preimage::Pallet::<Runtime>::on_chain_storage_version(),
			polkadot_sdk::pallet_preimage::Pallet::<Runtime>::in_code_storage_version()
		);
	});
}

/// The snapshot the e2e journey took on this source's node, when `make test` passes it.
#[test]
fn the_chain_the_journey_leaves_upgrades_with_its_invariants_intact() {
	let Some(path) = std::env::var_os("GENOCHAIN_SNAPSHOT") else {
		eprintln!("GENOCHAIN_SNAPSHOT is not set: no fresh snapshot to check (make test sets it)");
		return;
	};
	let mut snapshot = load(Path::new(&path));
	assert_eq!(snapshot.spec_version, VERSION.spec_version, "a snapshot of another runtime");
	upgrade(&mut snapshot);
}
