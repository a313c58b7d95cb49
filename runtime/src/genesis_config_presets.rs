//! Every genesis preset of Genochain, in one place.
//!
//! - `development`: the `--dev` chain. Alice is the single collator and sudo.
//! - `local_testnet`: a relay-chain test network; Alice and Bob collate.
//!
//! Both endow the well-known development accounts, seat Alice, Bob and Charlie on the Council
//! and Dave, Eve and Ferdie on the Ethics Committee, and use para id 2000. The committed specs
//! in `chain-specs/` are generated from these presets; a test fails when they drift apart.

use crate::{
	AccountId, AuraId, BalancesConfig, CollatorSelectionConfig, CouncilConfig,
	EthicsCommitteeConfig, ParachainInfoConfig, PolkadotXcmConfig, RuntimeGenesisConfig,
	SessionConfig, SessionKeys, SudoConfig,
};
use alloc::{vec, vec::Vec};
use genochain_primitives::{
	currency::{EXISTENTIAL_DEPOSIT, GENE},
	Balance,
};
use polkadot_sdk::{
	cumulus_primitives_core::ParaId,
	frame_support::build_struct_json_patch,
	sp_genesis_builder::{self, PresetId},
	sp_keyring::Sr25519Keyring,
	staging_xcm,
};

/// The para id Genochain registers under on test relay chains.
pub const PARA_ID: u32 = 2000;

/// What each development account starts with: a million GENE.
pub const DEV_ENDOWMENT: Balance = 1_000_000 * GENE;

/// The bond a collator candidate must lock.
pub const CANDIDACY_BOND: Balance = 16 * EXISTENTIAL_DEPOSIT;

/// XCM version assumed for chains whose version is not yet known.
const SAFE_XCM_VERSION: u32 = staging_xcm::prelude::XCM_VERSION;

struct Preset {
	collators: Vec<(AccountId, AuraId)>,
	endowed: Vec<AccountId>,
	sudo: AccountId,
	council: Vec<AccountId>,
	ethics_committee: Vec<AccountId>,
	para_id: ParaId,
}

fn genesis(preset: Preset) -> serde_json::Value {
	let Preset { collators, endowed, sudo, council, ethics_committee, para_id } = preset;
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed.into_iter().map(|account| (account, DEV_ENDOWMENT)).collect(),
		},
		parachain_info: ParachainInfoConfig { parachain_id: para_id },
		collator_selection: CollatorSelectionConfig {
			invulnerables: collators.iter().map(|(account, _)| account.clone()).collect(),
			candidacy_bond: CANDIDACY_BOND,
		},
		session: SessionConfig {
			keys: collators
				.into_iter()
				.map(|(account, aura)| (account.clone(), account, SessionKeys { aura }))
				.collect(),
		},
		polkadot_xcm: PolkadotXcmConfig { safe_xcm_version: Some(SAFE_XCM_VERSION) },
		sudo: SudoConfig { key: Some(sudo) },
		council: CouncilConfig { members: council },
		ethics_committee: EthicsCommitteeConfig { members: ethics_committee },
	})
}

fn collator(keyring: Sr25519Keyring) -> (AccountId, AuraId) {
	(keyring.to_account_id(), keyring.public().into())
}

fn accounts(keyrings: &[Sr25519Keyring]) -> Vec<AccountId> {
	keyrings.iter().map(|keyring| keyring.to_account_id()).collect()
}

fn dev_preset(collators: Vec<(AccountId, AuraId)>) -> serde_json::Value {
	use Sr25519Keyring::*;
	genesis(Preset {
		collators,
		endowed: Sr25519Keyring::well_known().map(|keyring| keyring.to_account_id()).collect(),
		sudo: Alice.to_account_id(),
		council: accounts(&[Alice, Bob, Charlie]),
		ethics_committee: accounts(&[Dave, Eve, Ferdie]),
		para_id: PARA_ID.into(),
	})
}

/// The JSON patch of the preset `id`, or `None` for an unknown id.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => dev_preset(vec![collator(Sr25519Keyring::Alice)]),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => {
			dev_preset(vec![collator(Sr25519Keyring::Alice), collator(Sr25519Keyring::Bob)])
		}
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
