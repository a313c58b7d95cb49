//! Every genesis preset of Genochain, in one place.
//!
//! - `development`: the `--dev` chain. Alice is the single collator and sudo.
//! - `local_testnet`: a relay-chain test network; Alice and Bob collate.
//! - `production`: what a consortium launches — no sudo key: the Council governs, reaching Root
//!   through the whitelist (docs/GOVERNANCE.md). No study is open from genesis and deliveries
//!   wait the runtime's full dispute window. Development keys stand in for the consortium's.
//!
//! All three endow the well-known development accounts, seat Alice, Bob and Charlie on the Council
//! and Dave, Eve and Ferdie on the Ethics Committee, and use para id 2000. They accredit three
//! development organisations, endowed too, whose keys derive from the development phrase like
//! Alice's: `//Lab` (a lab), `//Custodian` (a custodian) and `//Researcher` (a researcher). The
//! researcher runs one open study from genesis ([`dev_study`]), and deliveries are paid
//! [`DEV_DISPUTE_WINDOW`] blocks after they are confirmed instead of two days, so journeys can be
//! tried end to end in a minute (not in `production`). The committed specs in `chain-specs/` are generated from these
//! presets; a test fails when they drift apart.

use crate::{
	AccountId, AuraId, BalancesConfig, BlockNumber, CollatorSelectionConfig, CouncilConfig,
	DataMarketConfig, EthicsCommitteeConfig, ParachainInfoConfig, PolkadotXcmConfig,
	RegistryConfig, RuntimeGenesisConfig, SessionConfig, SessionKeys, SudoConfig,
};
use alloc::{vec, vec::Vec};
use genochain_primitives::{
	anchor::ProvenanceRequirement,
	consent::{DataCategory, Role},
	currency::{EXISTENTIAL_DEPOSIT, GENE},
	duo::{DuoPermission, DuoPurpose},
	fingerprint::Assembly,
	market::StudyTerms,
	Balance,
};
use hex_literal::hex;
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

/// `//Lab` of the development phrase: the development lab.
pub const DEV_LAB: [u8; 32] =
	hex!("38dce175c8bbf93d1baf145f4f9ddc3f0011d720c04421a9e3b5ed5c49122d73");
/// `//Custodian` of the development phrase: the development custodian.
pub const DEV_CUSTODIAN: [u8; 32] =
	hex!("3e2803666ca12b0ae71c9c832c7f104bd57d28c8f42e5bc914d5c667072fd20d");
/// `//Researcher` of the development phrase: the development researcher.
pub const DEV_RESEARCHER: [u8; 32] =
	hex!("1efc171aa7bbee2e52e2d8597f91ee18146ae1179ec1c001e63281c5e1e2a47e");

/// The development organisations and their roles.
fn dev_organisations() -> Vec<(AccountId, Vec<Role>)> {
	vec![
		(DEV_LAB.into(), vec![Role::Lab]),
		(DEV_CUSTODIAN.into(), vec![Role::Custodian]),
		(DEV_RESEARCHER.into(), vec![Role::Researcher]),
	]
}

/// Blocks between a confirmed delivery and its payout on development chains.
pub const DEV_DISPUTE_WINDOW: BlockNumber = 3;

/// The development researcher's study, open from genesis: health research on GRCh38 variants,
/// 10 GENE for each of up to 100 contributors, enrolment open for about a month of blocks.
pub fn dev_study() -> StudyTerms<Balance, BlockNumber> {
	StudyTerms {
		purpose: DuoPurpose::new(DuoPermission::HealthMedicalBiomedical),
		categories: [DataCategory::Variants]
			.into_iter()
			.collect::<alloc::collections::BTreeSet<_>>()
			.try_into()
			.unwrap_or_default(),
		assembly: Assembly::GRCh38,
		reward: 10 * GENE,
		max_contributors: 100,
		enrolment_deadline: 30 * crate::time::DAYS,
		delivery_window: 7 * crate::time::DAYS,
		// blake2_256("Genochain development study protocol v1"): the protocol stays off chain.
		protocol: hex!("7cf4d77d14b287791d2d9c7caf45806e592c893c37524f3e6be0e477d3be30d8").into(),
		// Development genomes are self-asserted unless //Lab attests them.
		provenance: ProvenanceRequirement::Any,
	}
}

/// XCM version assumed for chains whose version is not yet known.
const SAFE_XCM_VERSION: u32 = staging_xcm::prelude::XCM_VERSION;

/// What a chain's genesis sets, for the presets here and for the consortium specs the node builds
/// from an operator's file (`genochain-node consortium-spec`).
pub struct Genesis {
	/// The collators, invulnerable from the first block, with their Aura session keys.
	pub collators: Vec<(AccountId, AuraId)>,
	/// The accounts endowed at genesis and their free balances.
	pub endowed: Vec<(AccountId, Balance)>,
	/// `None` on a production chain.
	pub sudo: Option<AccountId>,
	/// The Council's members.
	pub council: Vec<AccountId>,
	/// The Ethics Committee's members.
	pub ethics_committee: Vec<AccountId>,
	/// The accredited organisations and their roles.
	pub organisations: Vec<(AccountId, Vec<Role>)>,
	/// Studies open from genesis, by researcher.
	pub studies: Vec<(AccountId, StudyTerms<Balance, BlockNumber>)>,
	/// `None` keeps the runtime's default.
	pub dispute_window: Option<BlockNumber>,
	/// The para id the chain registers under on its relay chain.
	pub para_id: ParaId,
}

/// The genesis config patch of `genesis`, over the runtime's defaults.
pub fn genesis(genesis: Genesis) -> serde_json::Value {
	let Genesis {
		collators,
		endowed,
		sudo,
		council,
		ethics_committee,
		organisations,
		studies,
		dispute_window,
		para_id,
	} = genesis;
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances: endowed },
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
		sudo: SudoConfig { key: sudo },
		council: CouncilConfig { members: council },
		ethics_committee: EthicsCommitteeConfig { members: ethics_committee },
		registry: RegistryConfig { organisations },
		data_market: DataMarketConfig { dispute_window, studies },
	})
}

fn collator(keyring: Sr25519Keyring) -> (AccountId, AuraId) {
	(keyring.to_account_id(), keyring.public().into())
}

fn accounts(keyrings: &[Sr25519Keyring]) -> Vec<AccountId> {
	keyrings.iter().map(|keyring| keyring.to_account_id()).collect()
}

/// The development accounts in their seats; `development` names what only a development chain
/// has (sudo, the open study, the short dispute window).
fn preset(collators: Vec<(AccountId, AuraId)>, development: bool) -> serde_json::Value {
	use Sr25519Keyring::*;
	let organisations = dev_organisations();
	genesis(Genesis {
		collators,
		endowed: Sr25519Keyring::well_known()
			.map(|keyring| keyring.to_account_id())
			.chain(organisations.iter().map(|(account, _)| account.clone()))
			.map(|account| (account, DEV_ENDOWMENT))
			.collect(),
		sudo: development.then(|| Alice.to_account_id()),
		council: accounts(&[Alice, Bob, Charlie]),
		ethics_committee: accounts(&[Dave, Eve, Ferdie]),
		organisations,
		studies: if development { vec![(DEV_RESEARCHER.into(), dev_study())] } else { vec![] },
		dispute_window: development.then_some(DEV_DISPUTE_WINDOW),
		para_id: PARA_ID.into(),
	})
}

/// The id of the preset without sudo.
pub const PRODUCTION_PRESET: &str = "production";

/// The JSON patch of the preset `id`, or `None` for an unknown id.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	use Sr25519Keyring::{Alice, Bob};
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => preset(vec![collator(Alice)], true),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => {
			preset(vec![collator(Alice), collator(Bob)], true)
		}
		PRODUCTION_PRESET => preset(vec![collator(Alice), collator(Bob)], false),
		_ => return None,
	};
	serde_json::to_vec(&patch).ok()
}

/// The ids of all presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
		PresetId::from(PRODUCTION_PRESET),
	]
}

/// The state of a chain started from preset `id`, as the node builds it: for the runtime's tests
/// and the XCM simulator, which run the runtime natively.
#[cfg(feature = "std")]
pub fn preset_storage(id: &PresetId) -> Result<polkadot_sdk::sp_runtime::Storage, String> {
	let preset = get_preset(id).ok_or_else(|| format!("no preset {id:?}"))?;
	genochain_primitives::genesis::storage_from_preset::<RuntimeGenesisConfig>(&preset)
}
