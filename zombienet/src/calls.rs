//! Genochain's calls and arguments as dynamic values, as a Polkadot.js user would fill them in.

use crate::chain::account_id;
use zombienet_sdk::{
	subxt::{dynamic::Value, tx::DynamicPayload},
	subxt_signer::sr25519::Keypair,
};

/// A use for health, medical or biomedical research, without further commitments
/// (`RequestedUse::research(HealthMedicalBiomedical)`).
pub fn hmb_research() -> Value {
	let no = || Value::bool(false);
	let none = || Value::unnamed_variant("None", []);
	Value::named_composite([
		("purpose", Value::unnamed_variant("HealthMedicalBiomedical", [])),
		("commercial", no()),
		("for_profit", no()),
		("clinical_care", no()),
		("genetic_study", no()),
		("ethics_approval", no()),
		("region", none()),
		("project", none()),
		("will_publish", no()),
		("will_collaborate", no()),
		("will_return_data", no()),
		("accepts_moratorium", no()),
		("research_type", none()),
		("methods_research", no()),
	])
}

/// Variant data.
pub fn variants() -> Value {
	Value::unnamed_variant("Variants", [])
}

/// `Consent::grant`: `grantee` may use the variants of `dataset` for HMB research, from now on,
/// without end, with no approvers.
pub fn grant_consent(grantee: &Keypair, dataset: [u8; 32]) -> DynamicPayload {
	let terms = Value::named_composite([
		("grantee", Value::unnamed_variant("Account", [account_id(grantee)])),
		(
			"scope",
			Value::named_composite([
				("data", Value::unnamed_variant("Dataset", [Value::from_bytes(dataset)])),
				("categories", Value::unnamed_composite([variants()])),
			]),
		),
		(
			"purpose",
			Value::named_composite([
				("permission", Value::unnamed_variant("HealthMedicalBiomedical", [])),
				("modifiers", Value::unnamed_composite([])),
			]),
		),
		("valid_from", Value::u128(0)),
		("valid_until", Value::unnamed_variant("None", [])),
		("document_hash", Value::from_bytes([0xdc; 32])),
		("approvers", Value::unnamed_composite([])),
		("approval_threshold", Value::u128(0)),
	]);
	zombienet_sdk::subxt::dynamic::tx("Consent", "grant", vec![terms])
}

/// `Consent::record_access` of `accessor` to the variants of `dataset`, for HMB research.
pub fn record_access(consent_id: u128, accessor: &Keypair, dataset: [u8; 32]) -> DynamicPayload {
	zombienet_sdk::subxt::dynamic::tx(
		"Consent",
		"record_access",
		vec![
			Value::u128(consent_id),
			account_id(accessor),
			Value::from_bytes(dataset),
			variants(),
			hmb_research(),
		],
	)
}

/// `Consent::revoke`.
pub fn revoke_consent(consent_id: u128) -> DynamicPayload {
	zombienet_sdk::subxt::dynamic::tx("Consent", "revoke", vec![Value::u128(consent_id)])
}

/// `GenomeAnchor::anchor` of a GRCh38 fingerprint (scheme V1) kept by `custodian`.
pub fn anchor(root: [u8; 32], leaf_count: u32, custodian: &Keypair) -> DynamicPayload {
	zombienet_sdk::subxt::dynamic::tx(
		"GenomeAnchor",
		"anchor",
		vec![
			Value::from_bytes(root),
			Value::u128(leaf_count.into()),
			Value::unnamed_variant("GRCh38", []),
			Value::unnamed_variant("V1", []),
			Value::unnamed_variant("Some", [account_id(custodian)]),
			Value::unnamed_variant("None", []),
		],
	)
}

/// `GenomeAnchor::attest` of anchor `anchor`, signed by the lab.
pub fn attest(anchor: [u8; 32]) -> DynamicPayload {
	zombienet_sdk::subxt::dynamic::tx("GenomeAnchor", "attest", vec![Value::from_bytes(anchor)])
}

/// `DataMarket::enroll` of the anchored fingerprint `root` in study `study_id`.
pub fn enroll(study_id: u128, root: [u8; 32]) -> DynamicPayload {
	zombienet_sdk::subxt::dynamic::tx(
		"DataMarket",
		"enroll",
		vec![Value::u128(study_id), Value::from_bytes(root)],
	)
}

/// `DataMarket::confirm_delivery` of `contributor`'s data to study `study_id`, by its custodian.
pub fn confirm_delivery(study_id: u128, contributor: &Keypair) -> DynamicPayload {
	zombienet_sdk::subxt::dynamic::tx(
		"DataMarket",
		"confirm_delivery",
		vec![Value::u128(study_id), account_id(contributor)],
	)
}

/// `Balances::transfer_keep_alive` of `amount` to `dest`.
pub fn transfer(dest: [u8; 32], amount: u128) -> DynamicPayload {
	zombienet_sdk::subxt::dynamic::tx(
		"Balances",
		"transfer_keep_alive",
		vec![Value::unnamed_variant("Id", [Value::from_bytes(dest)]), Value::u128(amount)],
	)
}

/// One GENE.
pub const GENE: u128 = 1_000_000_000_000;
