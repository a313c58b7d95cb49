//! `consent from-fhir` on resources written here, and `consent to-fhir` refusing a node it cannot
//! reach; the live round trip through a node is in the e2e gateway journey.

use super::*;
use codec::Encode;
use genochain_fhir::{consent_to_fhir, BlockClock, ChainConsent, Terms};
use genochain_primitives::{
	consent::{ConsentState, DataCategory, DataScope, Grantee, Scope},
	duo::{DuoModifier, DuoPermission, DuoPurpose},
	Hash as H256,
};
use subxt::utils::AccountId32;

const SUBJECT: [u8; 32] = [1; 32];
const RESEARCHER: [u8; 32] = [2; 32];

fn terms() -> Terms {
	Terms {
		grantee: Grantee::Account(RESEARCHER),
		scope: Scope {
			data: DataScope::Dataset(H256::repeat_byte(0xd5)),
			categories: [DataCategory::Variants]
				.into_iter()
				.collect::<std::collections::BTreeSet<_>>()
				.try_into()
				.expect("one category"),
		},
		purpose: DuoPurpose {
			permission: DuoPermission::HealthMedicalBiomedical,
			modifiers: vec![DuoModifier::NonCommercialUse].try_into().expect("one modifier"),
		},
		valid_from: 10,
		valid_until: Some(100_000),
		document_hash: H256::repeat_byte(0xdc),
		approvers: Default::default(),
		approval_threshold: 0,
	}
}

/// `terms` as `to-fhir` would render them, written to `dir/name`.
fn fhir_file(dir: &Path, name: &str, edit: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
	let consent = ChainConsent {
		id: 3,
		subject: SUBJECT,
		terms: terms(),
		state: ConsentState::Active,
		pending_approvals: Vec::new(),
		approved_by: Vec::new(),
		rejected_by: Vec::new(),
		accesses: 0,
		access_log: H256::zero(),
	};
	let clock = BlockClock { block: 1000, unix_millis: 1_796_428_800_000, block_millis: 6000 };
	let mut resource = consent_to_fhir(&consent, &clock);
	edit(&mut resource);
	let file = dir.join(name);
	fs::write(&file, resource.to_string()).expect("written");
	file
}

#[test]
fn from_fhir_prints_the_grant_terms_a_fhir_consent_states() {
	let dir = tempfile::tempdir().expect("temp dir");
	let file = fhir_file(dir.path(), "consent.json", |_| {});
	let granting: serde_json::Value =
		serde_json::from_str(&stdout(&genochain(&["consent", "from-fhir", path(&file)])))
			.expect("JSON");
	assert_eq!(granting["terms_scale"], format!("0x{}", hex::encode(terms().encode())));
	assert_eq!(granting["subject"], AccountId32(SUBJECT).to_string());
	assert_eq!(granting["terms"]["grantee"]["Account"], AccountId32(RESEARCHER).to_string());
	assert_eq!(granting["terms"]["valid_until"], 100_000);
	assert_eq!(granting["terms"]["purpose"]["permission"], "HealthMedicalBiomedical");
	assert!(granting.get("grant_call").is_none(), "no call without a node");
}

#[test]
fn from_fhir_refuses_naming_the_file_and_the_field() {
	let dir = tempfile::tempdir().expect("temp dir");
	let denied = fhir_file(dir.path(), "deny.json", |r| r["decision"] = "deny".into());
	let refused = stderr(&genochain(&["consent", "from-fhir", path(&denied)]));
	assert!(refused.contains("deny.json: cannot be granted: decision: "), "{refused}");

	// Times without the block extension need the chain's clock.
	let timed = fhir_file(dir.path(), "timed.json", |r| {
		r["extension"]
			.as_array_mut()
			.expect("extensions")
			.retain(|e| e["url"] != genochain_fhir::BLOCKS_EXTENSION)
	});
	let refused = stderr(&genochain(&["consent", "from-fhir", path(&timed)]));
	assert!(
		refused.contains("provision[0].period.start: times need the chain's clock"),
		"{refused}"
	);

	let broken = dir.path().join("broken.json");
	fs::write(&broken, "{\n  \"resourceType\": \"Consent\",\n").expect("written");
	let refused = stderr(&genochain(&["consent", "from-fhir", path(&broken)]));
	assert!(refused.contains("broken.json: line 3: not JSON"), "{refused}");

	let missing = dir.path().join("missing.json");
	let refused = stderr(&genochain(&["consent", "from-fhir", path(&missing)]));
	assert!(refused.contains("missing.json: cannot read it"), "{refused}");
}

#[test]
fn to_fhir_names_the_node_it_cannot_reach() {
	let refused = stderr(&genochain(&["consent", "to-fhir", "3", "--node", "ws://127.0.0.1:1"]));
	assert!(refused.contains("the node at ws://127.0.0.1:1: cannot connect"), "{refused}");
	let refused = stderr(&genochain(&["consent", "to-fhir", "three", "--node", "ws://x"]));
	assert!(refused.contains("invalid value 'three'"), "{refused}");
}
