//! The mapping checked against FHIR R5 itself: its JSON schema and its own Consent examples, from
//! HL7's published packages `hl7.fhir.r5.core` and `hl7.fhir.r5.examples` (5.0.0), which
//! `scripts/setup.sh test` unpacks into `$GENOCHAIN_FHIR_R5` (by default
//! `~/.cache/genochain/fhir-r5`). They are HL7's files, not copied into this repository.

use super::*;
use crate::tests::{
	clock, every_shape, purpose, researchers_consent, terms, view, APPROVER, RESEARCHER,
};
use std::{path::PathBuf, sync::OnceLock};

fn r5_dir() -> PathBuf {
	std::env::var_os("GENOCHAIN_FHIR_R5").map(PathBuf::from).unwrap_or_else(|| {
		PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cache/genochain/fhir-r5")
	})
}

fn read_json(path: &std::path::Path) -> Value {
	let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
		panic!(
			"{}: {e}; `scripts/setup.sh test` unpacks HL7's FHIR R5 packages there (or set \
			 GENOCHAIN_FHIR_R5)",
			path.display()
		)
	});
	serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// FHIR R5's JSON schema (draft 6), compiled once for every test here.
fn r5_schema() -> &'static jsonschema::Validator {
	static SCHEMA: OnceLock<jsonschema::Validator> = OnceLock::new();
	SCHEMA.get_or_init(|| {
		let schema = read_json(&r5_dir().join("fhir.schema.json"));
		assert_eq!(schema["id"], "http://hl7.org/fhir/json-schema/5.0", "not FHIR R5's schema");
		let mut schema = schema;
		// HL7's schema fails its own meta-schema in one place: the decimal pattern has a stray `}`
		// (`[0-9]{1,9}}`), which ECMAScript reads as a literal and Rust's regex refuses. Only
		// that typo is corrected, in memory.
		let corrected = correct_decimal_patterns(&mut schema);
		assert!(corrected > 0, "HL7's decimal pattern changed: look again at this correction");
		jsonschema::draft6::new(&schema).expect("FHIR R5's schema compiles")
	})
}

const HL7_DECIMAL_PATTERN: &str =
	r"^-?(0|[1-9][0-9]{0,17})(\.[0-9]{1,17})?([eE][+-]?[0-9]{1,9}})?$";

fn correct_decimal_patterns(schema: &mut Value) -> usize {
	match schema {
		Value::Object(fields) => fields
			.iter_mut()
			.map(|(key, value)| match value {
				Value::String(pattern) if key == "pattern" && pattern == HL7_DECIMAL_PATTERN => {
					*pattern = HL7_DECIMAL_PATTERN.replace("}})", "})");
					1
				}
				_ => correct_decimal_patterns(value),
			})
			.sum(),
		Value::Array(items) => items.iter_mut().map(correct_decimal_patterns).sum(),
		_ => 0,
	}
}

fn assert_valid_r5(resource: &Value, what: &str) {
	let problems: Vec<String> =
		r5_schema().iter_errors(resource).map(|e| format!("{}: {e}", e.instance_path())).collect();
	assert!(
		problems.is_empty(),
		"{what} is not valid FHIR R5:\n{}\n{resource:#}",
		problems.join("\n")
	);
}

/// FHIR's Consent examples, by file name.
fn fhir_examples() -> Vec<(String, Value)> {
	let directory = r5_dir().join("examples");
	let mut examples: Vec<(String, Value)> = std::fs::read_dir(&directory)
		.unwrap_or_else(|e| panic!("{}: {e}", directory.display()))
		.filter_map(Result::ok)
		.map(|entry| entry.path())
		.filter(|path| path.extension().is_some_and(|e| e == "json"))
		.map(|path| {
			let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
			(name, read_json(&path))
		})
		.collect();
	examples.sort_by(|a, b| a.0.cmp(&b.0));
	examples
}

#[test]
fn consents_of_every_shape_are_valid_fhir_r5() {
	let shapes = every_shape();
	let states = [
		ConsentState::PendingApproval,
		ConsentState::NotYetValid,
		ConsentState::Active,
		ConsentState::Expired,
		ConsentState::Revoked,
	];
	for (id, terms) in shapes.into_iter().enumerate() {
		for state in states {
			let mut consent = view(id as u64, terms.clone(), state);
			consent.approved_by = vec![Approver::EthicsCommittee, Approver::Account(APPROVER)];
			let resource = consent_to_fhir(&consent, &clock());
			assert_valid_r5(&resource, &format!("consent {id} {state:?}"));
			assert_eq!(resource["id"], id.to_string(), "read as Consent/{id}");
		}
	}
}

#[test]
fn the_schema_refuses_what_is_not_fhir() {
	// The schema is really applied: a field FHIR's Consent does not have is refused, and so is a
	// purpose that is not a list of codings.
	let mut resource = researchers_consent();
	assert!(r5_schema().is_valid(&resource));
	resource["grantedBy"] = json!("someone");
	assert!(!r5_schema().is_valid(&resource));
	resource.as_object_mut().expect("an object").remove("grantedBy");
	assert!(r5_schema().is_valid(&resource));
	resource["provision"][0]["purpose"] = json!("DUO:0000042");
	assert!(!r5_schema().is_valid(&resource));
}

/// What each of FHIR's own Consent examples lacks for a Genochain consent: all twelve are
/// hospital directives naming `Patient/…` and `Organization/…` resources rather than chain
/// accounts, or deny, or nest provisions.
const EXAMPLE_REFUSALS: &[(&str, &str)] = &[
	("Consent-consent-example-CDA.json", "provision[0].provision"),
	("Consent-consent-example-Emergency.json", "decision"),
	("Consent-consent-example-Out.json", "grantee"),
	("Consent-consent-example-basic.json", "decision"),
	("Consent-consent-example-grantor.json", "decision"),
	("Consent-consent-example-notAuthor.json", "grantee"),
	("Consent-consent-example-notOrg.json", "grantee"),
	("Consent-consent-example-notThem.json", "grantee"),
	("Consent-consent-example-notThis.json", "grantee"),
	("Consent-consent-example-notTime.json", "grantee"),
	("Consent-consent-example-pkb.json", "decision"),
	("Consent-consent-example-smartonfhir.json", "provision[0].provision"),
];

#[test]
fn fhirs_own_examples_are_read_and_refused_naming_the_field() {
	let examples = fhir_examples();
	let names: Vec<&str> = examples.iter().map(|(name, _)| name.as_str()).collect();
	let expected: Vec<&str> = EXAMPLE_REFUSALS.iter().map(|(name, _)| *name).collect();
	assert_eq!(names, expected, "FHIR R5's Consent examples");
	for ((name, example), (_, field)) in examples.iter().zip(EXAMPLE_REFUSALS) {
		assert_valid_r5(example, name);
		match terms_from_fhir(example, Some(&clock())) {
			Err(refusal) => assert_eq!(refusal.field, *field, "{name}: {refusal}"),
			Ok(terms) => panic!("{name} mapped to {terms:?}"),
		}
	}
}

#[test]
fn a_fhir_example_completed_with_genochain_fields_maps_and_round_trips() {
	// FHIR's opt-out example keeps its own fields (text, category, controller, the source
	// document, regulatory basis, meta); Genochain's are added: who, for what, which data, the
	// document's hash.
	let (_, mut example) = fhir_examples()
		.into_iter()
		.find(|(name, _)| name == "Consent-consent-example-Out.json")
		.expect("FHIR's opt-out example");
	let wanted = terms(
		Grantee::Account(RESEARCHER),
		DataScope::Dataset(H256::repeat_byte(0xd5)),
		purpose(
			DuoPermission::DiseaseSpecific(DiseaseCode(4992)),
			vec![DuoModifier::NonCommercialUse],
		),
	);
	let ours = consent_to_fhir(&view(9, wanted.clone(), ConsentState::Active), &clock());
	example["subject"] = ours["subject"].clone();
	example["extension"] = ours["extension"].clone();
	for field in ["actor", "purpose", "code", "data", "period"] {
		example["provision"][0][field] = ours["provision"][0][field].clone();
	}
	assert_valid_r5(&example, "the completed example");

	let mapped = terms_from_fhir(&example, None).expect("the completed example maps");
	assert_eq!(mapped, wanted);
	let back = consent_to_fhir(&view(9, mapped, ConsentState::Active), &clock());
	assert_valid_r5(&back, "the example mapped back");
	assert_eq!(terms_from_fhir(&back, None), Ok(wanted));
}
