use super::*;
use genochain_primitives::consent::ConsentId;
use polkadot_sdk::sp_runtime::BoundedVec;

pub(crate) const SUBJECT: AccountId = [1; 32];
pub(crate) const RESEARCHER: AccountId = [2; 32];
pub(crate) const APPROVER: AccountId = [3; 32];

pub(crate) fn clock() -> BlockClock {
	// Block 1000 at 2026-12-05T00:00:00Z, 6-second blocks.
	BlockClock { block: 1000, unix_millis: 1_796_428_800_000, block_millis: 6000 }
}

pub(crate) fn terms(grantee: Grantee<AccountId>, data: DataScope, purpose: DuoPurpose) -> Terms {
	Terms {
		grantee,
		scope: Scope {
			data,
			categories: [DataCategory::Variants, DataCategory::Phenotype]
				.into_iter()
				.collect::<std::collections::BTreeSet<_>>()
				.try_into()
				.expect("two categories"),
		},
		purpose,
		valid_from: 1000,
		valid_until: Some(1_000_000),
		document_hash: H256::repeat_byte(0xdc),
		approvers: BoundedVec::default(),
		approval_threshold: 0,
	}
}

pub(crate) fn view(id: ConsentId, terms: Terms, state: ConsentState) -> ChainConsent {
	ChainConsent {
		id,
		subject: SUBJECT,
		terms,
		state,
		pending_approvals: Vec::new(),
		approved_by: Vec::new(),
		rejected_by: Vec::new(),
		accesses: 0,
		access_log: H256::zero(),
	}
}

/// An active consent letting the researcher use all the subject's data for HMB research, as FHIR.
pub(crate) fn researchers_consent() -> Value {
	consent_to_fhir(
		&view(
			1,
			terms(
				Grantee::Account(RESEARCHER),
				DataScope::AllData,
				purpose(DuoPermission::HealthMedicalBiomedical, vec![]),
			),
			ConsentState::Active,
		),
		&clock(),
	)
}

pub(crate) fn purpose(permission: DuoPermission, modifiers: Vec<DuoModifier>) -> DuoPurpose {
	DuoPurpose { permission, modifiers: modifiers.try_into().expect("well-formed modifiers") }
}

/// Consent terms of every shape: each grantee kind, all data or one dataset, every DUO
/// parameter, approvers, open-ended.
pub(crate) fn every_shape() -> Vec<Terms> {
	vec![
		terms(
			Grantee::Account(RESEARCHER),
			DataScope::AllData,
			purpose(DuoPermission::HealthMedicalBiomedical, vec![DuoModifier::NonCommercialUse]),
		),
		terms(
			Grantee::AnyAccreditedResearcher,
			DataScope::Dataset(H256::repeat_byte(0xd5)),
			purpose(
				DuoPermission::DiseaseSpecific(DiseaseCode(4992)),
				vec![
					DuoModifier::GeographicalRestriction(RegionCode(*b"DE")),
					DuoModifier::ProjectSpecific(H256::repeat_byte(0x70)),
					DuoModifier::ResearchSpecific(H256::repeat_byte(0x71)),
					DuoModifier::EthicsApprovalRequired,
					DuoModifier::TimeLimit,
				],
			),
		),
		Terms {
			approvers: vec![APPROVER].try_into().expect("one approver"),
			approval_threshold: 1,
			valid_until: None,
			..terms(
				Grantee::Account(RESEARCHER),
				DataScope::AllData,
				purpose(
					DuoPermission::GeneralResearchUse,
					vec![DuoModifier::NoPopulationOriginsAncestry],
				),
			)
		},
		terms(
			Grantee::AnyAccreditedResearcher,
			DataScope::AllData,
			purpose(DuoPermission::PopulationOriginsAncestry, vec![DuoModifier::NonCommercialUse]),
		),
	]
}

#[test]
fn consents_of_every_shape_round_trip() {
	let cases = every_shape();
	for (id, terms) in cases.into_iter().enumerate() {
		let resource =
			consent_to_fhir(&view(id as u64, terms.clone(), ConsentState::Active), &clock());
		assert_eq!(resource["resourceType"], "Consent");
		assert_eq!(resource["identifier"][0]["value"], id.to_string());
		assert_eq!(terms_from_fhir(&resource, None), Ok(terms), "{resource:#}");
	}
}

#[test]
fn duo_codes_subject_and_period_read_as_fhir_expects() {
	let resource = consent_to_fhir(
		&view(
			7,
			terms(
				Grantee::Account(RESEARCHER),
				DataScope::Dataset(H256::repeat_byte(0xd5)),
				purpose(
					DuoPermission::DiseaseSpecific(DiseaseCode(4992)),
					vec![DuoModifier::NonCommercialUse],
				),
			),
			ConsentState::Active,
		),
		&clock(),
	);
	let codings = &resource["provision"][0]["purpose"];
	assert_eq!(codings[0]["system"], DUO_SYSTEM);
	assert_eq!(codings[0]["code"], "DUO:0000007");
	assert_eq!(codings[1], json!({ "system": MONDO_SYSTEM, "code": "MONDO:0004992" }));
	assert_eq!(codings[2]["code"], "DUO:0000046");
	assert_eq!(resource["subject"]["identifier"]["value"], ss58(&SUBJECT));
	assert_eq!(resource["provision"][0]["period"]["start"], "2026-12-05T00:00:00Z");
	assert_eq!(resource["provision"][0]["period"]["end"], clock().time_of(1_000_000));
	assert_eq!(resource["status"], "active");
	for (state, status) in [
		(ConsentState::PendingApproval, "draft"),
		(ConsentState::NotYetValid, "active"),
		(ConsentState::Expired, "inactive"),
		(ConsentState::Revoked, "inactive"),
	] {
		let mut consent = view(
			1,
			terms(
				Grantee::AnyAccreditedResearcher,
				DataScope::AllData,
				purpose(DuoPermission::GeneralResearchUse, vec![]),
			),
			state,
		);
		consent.approved_by = vec![Approver::EthicsCommittee];
		let resource = consent_to_fhir(&consent, &clock());
		assert_eq!(resource["status"], status);
		assert_eq!(resource["verification"][0]["verifiedBy"]["display"], "the Ethics Committee");
	}
}

#[test]
fn a_period_without_blocks_is_converted_with_the_chains_clock() {
	let consent = view(
		1,
		terms(
			Grantee::Account(RESEARCHER),
			DataScope::AllData,
			purpose(DuoPermission::HealthMedicalBiomedical, vec![]),
		),
		ConsentState::Active,
	);
	let mut resource = consent_to_fhir(&consent, &clock());
	resource["extension"]
		.as_array_mut()
		.expect("extensions")
		.retain(|e| e["url"] != BLOCKS_EXTENSION);
	resource["provision"][0]["period"] =
		json!({ "start": "2026-12-05T00:01:00Z", "end": "2027-06-01" });
	let terms = terms_from_fhir(&resource, Some(&clock())).expect("maps with a clock");
	assert_eq!(terms.valid_from, 1010);
	// 178 days after the clock's block, at 6 s a block.
	assert_eq!(terms.valid_until, Some(1000 + 178 * 14_400));
	assert_eq!(
		terms_from_fhir(&resource, None).map_err(|e| e.field),
		Err("provision[0].period.start".to_string())
	);
}

#[test]
fn what_cannot_be_mapped_is_refused_naming_the_field() {
	let base = researchers_consent();
	let refused = |edit: &dyn Fn(&mut Value)| {
		let mut resource = base.clone();
		edit(&mut resource);
		terms_from_fhir(&resource, Some(&clock())).map(|_| ()).map_err(|e| e.field)
	};
	assert_eq!(refused(&|_| {}), Ok(()));
	assert_eq!(refused(&|r| r["resourceType"] = json!("Patient")), Err("resourceType".into()));
	assert_eq!(refused(&|r| r["status"] = json!("inactive")), Err("status".into()));
	assert_eq!(refused(&|r| r["decision"] = json!("deny")), Err("decision".into()));
	assert_eq!(refused(&|r| r["provision"] = json!([])), Err("provision".into()));
	assert_eq!(
		refused(&|r| r["provision"][0]["provision"] = json!([{}])),
		Err("provision[0].provision".into())
	);
	assert_eq!(
		refused(&|r| r["provision"][0]["purpose"] =
			json!([{ "system": "http://snomed.info/sct", "code": "1" }])),
		Err("provision[0].purpose".into())
	);
	assert_eq!(
		refused(&|r| r["provision"][0]["purpose"] =
			json!([{ "system": DUO_SYSTEM, "code": "DUO:0000007" }])),
		Err("provision[0].purpose".into()),
		"DS without its MONDO disease"
	);
	assert_eq!(
		refused(&|r| r["provision"][0]["purpose"] =
			json!([{ "system": DUO_SYSTEM, "code": "DUO:0000046" }])),
		Err("provision[0].purpose".into()),
		"a modifier without a permission"
	);
	assert_eq!(
		refused(&|r| r["provision"][0]["data"] = json!([{}, {}])),
		Err("provision[0].data".into())
	);
	assert_eq!(
		refused(&|r| r["provision"][0]["code"] = json!([])),
		Err("provision[0].code".into())
	);
	assert_eq!(
		refused(&|r| {
			r["provision"][0]["actor"] = json!([]);
			r["grantee"] = json!([{ "reference": "Organization/1" }]);
		}),
		Err("grantee".into())
	);
	assert_eq!(
		refused(&|r| r["extension"]
			.as_array_mut()
			.expect("extensions")
			.retain(|e| e["url"] != DOCUMENT_HASH_EXTENSION)),
		Err("extension[consent-document-hash]".into())
	);
}

#[test]
fn the_clock_turns_times_into_the_first_block_at_or_after_them() {
	let clock = clock();
	assert_eq!(clock.time_of(1000), "2026-12-05T00:00:00Z");
	assert_eq!(clock.time_of(1010), "2026-12-05T00:01:00Z");
	assert_eq!(clock.block_at("2026-12-05T00:01:00Z"), Some(1010));
	assert_eq!(clock.block_at("2026-12-05T00:01:01Z"), Some(1011));
	assert_eq!(clock.block_at("2026-12-04T23:59:54Z"), Some(999));
	assert_eq!(clock.block_at("1970-01-01T00:00:00Z"), None);
	assert_eq!(clock.block_at("not a time"), None);
}

#[test]
fn the_clock_is_read_off_two_blocks() {
	let clock = BlockClock::from_samples((900, 1_796_428_200_000), (1000, 1_796_428_800_000));
	assert_eq!(
		clock,
		BlockClock { block: 1000, unix_millis: 1_796_428_800_000, block_millis: 6000 }
	);
	// Dev chains make a block every 3 s: the clock follows the chain, not the target.
	assert_eq!(BlockClock::from_samples((1, 0), (101, 300_000)).block_millis, 3000);
	// A chain with one block has no pace yet.
	assert_eq!(BlockClock::from_samples((1, 5), (1, 5)).block_millis, TARGET_BLOCK_MILLIS);
}
