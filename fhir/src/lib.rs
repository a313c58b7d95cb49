//! # genochain-fhir
//!
//! Genochain consents as HL7 FHIR R5 `Consent` resources, and back: what a hospital's systems
//! read and write, mapped to the `consent.grant` terms the chain keeps.
//!
//! | FHIR R5 `Consent` | Genochain |
//! | --- | --- |
//! | `identifier` (`urn:genochain:consent`) | the consent id |
//! | `status` | `draft` pending approval; `active` active or not yet valid; `inactive` expired or revoked |
//! | `subject.identifier` (`urn:genochain:account`, SS58) | the subject |
//! | `grantee[0].identifier` | the grantee: an account, or `urn:genochain:grantee` `any-accredited-researcher` |
//! | `decision` | `permit` (a consent permits; there is no deny) |
//! | `provision[0].purpose` | the DUO permission then its modifiers (`http://purl.obolibrary.org/obo/duo`, `DUO:0000006` …); a parameter follows its code: MONDO for DS, ISO 3166 for GS, `urn:genochain:project` for PS, `urn:genochain:research-type` for RS |
//! | `provision[0].code` | the data categories (`https://genochain.org/fhir/CodeSystem/data-category`) |
//! | `provision[0].data[0].reference.identifier` (`urn:genochain:dataset`) | one dataset; none: all the subject's data |
//! | `provision[0].period` | validity, as times worked out from block numbers ([`BlockClock`]) |
//! | extension `…/consent-blocks` | validity in block numbers, exact: what [`terms_from_fhir`] reads first |
//! | extension `…/consent-document-hash` | the hash of the signed consent form |
//! | extension `…/consent-approval` | approvers (accounts) and how many must approve |
//! | `verification` | approvals given so far (read-only) |
//!
//! [`terms_from_fhir`] refuses, naming the field, whatever it cannot map: a `deny` decision,
//! nested provisions, several datasets, an unknown purpose code, a period that it cannot turn
//! into blocks, a missing document hash.

// An off-chain mapping: its arithmetic converts block numbers and times, far from their bounds.
#![allow(clippy::arithmetic_side_effects)]

use genochain_primitives::{
	consent::{
		Approver, ConsentState, ConsentTerms, ConsentView, DataCategory, DataScope, Grantee, Scope,
		DATA_CATEGORIES, MAX_APPROVERS,
	},
	duo::{DiseaseCode, DuoModifier, DuoModifiers, DuoPermission, DuoPurpose, RegionCode},
	Hash as H256,
};
use polkadot_sdk::sp_core::crypto::{AccountId32, Ss58Codec};
use serde_json::{json, Value};
use std::str::FromStr;

/// Account ids as Genochain encodes them.
pub type AccountId = [u8; 32];
/// A consent as the runtime API returns it.
pub type ChainConsent = ConsentView<AccountId, u32>;
/// Terms as `consent.grant` takes them.
pub type Terms = ConsentTerms<AccountId, u32>;

pub const CONSENT_SYSTEM: &str = "urn:genochain:consent";
pub const ACCOUNT_SYSTEM: &str = "urn:genochain:account";
pub const GRANTEE_SYSTEM: &str = "urn:genochain:grantee";
pub const ANY_ACCREDITED_RESEARCHER: &str = "any-accredited-researcher";
pub const DATASET_SYSTEM: &str = "urn:genochain:dataset";
pub const PROJECT_SYSTEM: &str = "urn:genochain:project";
pub const RESEARCH_TYPE_SYSTEM: &str = "urn:genochain:research-type";
pub const DUO_SYSTEM: &str = "http://purl.obolibrary.org/obo/duo";
pub const MONDO_SYSTEM: &str = "http://purl.obolibrary.org/obo/mondo";
pub const REGION_SYSTEM: &str = "urn:iso:std:iso:3166";
pub const CATEGORY_SYSTEM: &str = "https://genochain.org/fhir/CodeSystem/data-category";
pub const BLOCKS_EXTENSION: &str = "https://genochain.org/fhir/StructureDefinition/consent-blocks";
pub const DOCUMENT_HASH_EXTENSION: &str =
	"https://genochain.org/fhir/StructureDefinition/consent-document-hash";
pub const APPROVAL_EXTENSION: &str =
	"https://genochain.org/fhir/StructureDefinition/consent-approval";

/// Block numbers and times: the chain's block `block` was made at `unix_millis`, and blocks come
/// every `block_millis`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BlockClock {
	pub block: u32,
	pub unix_millis: i64,
	pub block_millis: i64,
}

/// Blocks come every this many milliseconds when a chain is too young to measure it: Genochain's
/// target block time.
pub const TARGET_BLOCK_MILLIS: i64 = 6000;

/// How many blocks back [`BlockClock::read`] measures the chain's pace.
pub const PACE_WINDOW: u32 = 100;

impl BlockClock {
	/// The clock read off two blocks' timestamps, `(block, unix_millis)`: `latest` and one
	/// before it. Blocks seen so far set the pace; with no block before `latest`, the target.
	pub fn from_samples(earlier: (u32, i64), latest: (u32, i64)) -> Self {
		let blocks = i64::from(latest.0.saturating_sub(earlier.0));
		let block_millis = match blocks {
			0 => TARGET_BLOCK_MILLIS,
			_ => ((latest.1 - earlier.1) / blocks).max(1),
		};
		BlockClock { block: latest.0, unix_millis: latest.1, block_millis }
	}

	/// The clock of a chain whose latest block is `latest`, from `timestamp_at(block)`, the
	/// chain's `Timestamp.Now` at a block: the pace over the last [`PACE_WINDOW`] blocks, so it
	/// follows the chain (dev chains make blocks faster than the target).
	pub async fn read<E, F>(latest: u32, mut timestamp_at: impl FnMut(u32) -> F) -> Result<Self, E>
	where
		F: std::future::Future<Output = Result<i64, E>>,
	{
		let latest_millis = timestamp_at(latest).await?;
		// The genesis block has no timestamp: the pace is measured from block 1.
		let earlier = latest.saturating_sub(PACE_WINDOW).max(1).min(latest);
		let earlier_millis =
			if earlier == latest { latest_millis } else { timestamp_at(earlier).await? };
		Ok(Self::from_samples((earlier, earlier_millis), (latest, latest_millis)))
	}

	/// When block `number` was or will be made, in Unix milliseconds.
	pub fn unix_millis_of(&self, number: u32) -> i64 {
		self.unix_millis + (i64::from(number) - i64::from(self.block)) * self.block_millis
	}

	/// When block `number` was or will be made, as an RFC 3339 UTC time.
	pub fn time_of(&self, number: u32) -> String {
		chrono::DateTime::from_timestamp_millis(self.unix_millis_of(number))
			.unwrap_or_default()
			.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
	}

	/// The first block made at or after `time` (RFC 3339), if it can be one.
	pub fn block_at(&self, time: &str) -> Option<u32> {
		let when = chrono::DateTime::parse_from_rfc3339(time)
			.ok()
			.map(|t| t.timestamp_millis())
			.or_else(|| {
				// FHIR's date-only form: midnight UTC.
				chrono::NaiveDate::parse_from_str(time, "%Y-%m-%d")
					.ok()?
					.and_hms_opt(0, 0, 0)
					.map(|t| t.and_utc().timestamp_millis())
			})?;
		let blocks = (when - self.unix_millis).div_euclid(self.block_millis.max(1))
			+ i64::from((when - self.unix_millis).rem_euclid(self.block_millis.max(1)) != 0);
		u32::try_from(i64::from(self.block) + blocks).ok()
	}
}

/// A field of a FHIR Consent that cannot be mapped, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct MappingError {
	pub field: String,
	pub problem: String,
}

fn refuse<T>(field: &str, problem: impl Into<String>) -> Result<T, MappingError> {
	Err(MappingError { field: field.into(), problem: problem.into() })
}

fn ss58(account: &AccountId) -> String {
	AccountId32::new(*account).to_ss58check()
}

fn account_identifier(account: &AccountId) -> Value {
	json!({ "identifier": { "system": ACCOUNT_SYSTEM, "value": ss58(account) } })
}

fn coding(system: &str, code: &str, display: &str) -> Value {
	json!({ "system": system, "code": code, "display": display })
}

/// A DUO permission's code and label.
fn permission_code(permission: &DuoPermission) -> (&'static str, &'static str) {
	match permission {
		DuoPermission::NoRestriction => ("DUO:0000004", "no restriction"),
		DuoPermission::GeneralResearchUse => ("DUO:0000042", "general research use"),
		DuoPermission::HealthMedicalBiomedical => {
			("DUO:0000006", "health or medical or biomedical research")
		}
		DuoPermission::DiseaseSpecific(_) => ("DUO:0000007", "disease specific research"),
		DuoPermission::PopulationOriginsAncestry => {
			("DUO:0000011", "population origins or ancestry research only")
		}
	}
}

/// A DUO modifier's code and label.
fn modifier_code(modifier: &DuoModifier) -> (&'static str, &'static str) {
	use DuoModifier::*;
	match modifier {
		NonCommercialUse => ("DUO:0000046", "non-commercial use only"),
		NotForProfitUse => ("DUO:0000045", "not for profit organisation use only"),
		NotForProfitNonCommercialUse => ("DUO:0000018", "not for profit, non commercial use only"),
		EthicsApprovalRequired => ("DUO:0000021", "ethics approval required"),
		GeneticStudiesOnly => ("DUO:0000016", "genetic studies only"),
		NoPopulationOriginsAncestry => {
			("DUO:0000044", "population origins or ancestry research prohibited")
		}
		PublicationRequired => ("DUO:0000019", "publication required"),
		CollaborationRequired => ("DUO:0000020", "collaboration required"),
		ReturnToResource => ("DUO:0000029", "return to database or resource"),
		GeographicalRestriction(_) => ("DUO:0000022", "geographical restriction"),
		PublicationMoratorium => ("DUO:0000024", "publication moratorium"),
		TimeLimit => ("DUO:0000025", "time limit on use"),
		UserSpecific => ("DUO:0000026", "user specific restriction"),
		ProjectSpecific(_) => ("DUO:0000027", "project specific restriction"),
		InstitutionSpecific => ("DUO:0000028", "institution specific restriction"),
		ClinicalCare => ("DUO:0000043", "clinical care use"),
		ResearchSpecific(_) => ("DUO:0000012", "research specific restrictions"),
		NoGeneralMethodsResearch => ("DUO:0000015", "no general methods research"),
	}
}

/// Every modifier without a parameter, to read codes back.
const PLAIN_MODIFIERS: &[DuoModifier] = &[
	DuoModifier::NonCommercialUse,
	DuoModifier::NotForProfitUse,
	DuoModifier::NotForProfitNonCommercialUse,
	DuoModifier::EthicsApprovalRequired,
	DuoModifier::GeneticStudiesOnly,
	DuoModifier::NoPopulationOriginsAncestry,
	DuoModifier::PublicationRequired,
	DuoModifier::CollaborationRequired,
	DuoModifier::ReturnToResource,
	DuoModifier::PublicationMoratorium,
	DuoModifier::TimeLimit,
	DuoModifier::UserSpecific,
	DuoModifier::InstitutionSpecific,
	DuoModifier::ClinicalCare,
	DuoModifier::NoGeneralMethodsResearch,
];

fn hash_text(hash: &H256) -> String {
	format!("0x{}", hex::encode(hash.as_bytes()))
}

/// The DUO codings of `purpose`, each parameter right after its code.
fn purpose_codings(purpose: &DuoPurpose) -> Vec<Value> {
	let (code, display) = permission_code(&purpose.permission);
	let mut codings = vec![coding(DUO_SYSTEM, code, display)];
	if let DuoPermission::DiseaseSpecific(DiseaseCode(disease)) = purpose.permission {
		codings.push(json!({ "system": MONDO_SYSTEM, "code": format!("MONDO:{disease:07}") }));
	}
	for modifier in purpose.modifiers.0.iter() {
		let (code, display) = modifier_code(modifier);
		codings.push(coding(DUO_SYSTEM, code, display));
		match modifier {
			DuoModifier::GeographicalRestriction(RegionCode(region)) => codings
				.push(json!({ "system": REGION_SYSTEM, "code": String::from_utf8_lossy(region) })),
			DuoModifier::ProjectSpecific(project) => {
				codings.push(json!({ "system": PROJECT_SYSTEM, "code": hash_text(project) }))
			}
			DuoModifier::ResearchSpecific(kind) => {
				codings.push(json!({ "system": RESEARCH_TYPE_SYSTEM, "code": hash_text(kind) }))
			}
			_ => {}
		}
	}
	codings
}

fn grantee_reference(grantee: &Grantee<AccountId>) -> Value {
	match grantee {
		Grantee::Account(account) => account_identifier(account),
		Grantee::AnyAccreditedResearcher => json!({
			"identifier": { "system": GRANTEE_SYSTEM, "value": ANY_ACCREDITED_RESEARCHER },
			"display": "any accredited researcher",
		}),
	}
}

fn approver_identifier(approver: &Approver<AccountId>) -> Value {
	match approver {
		Approver::Account(account) => account_identifier(account),
		Approver::EthicsCommittee => json!({ "display": "the Ethics Committee" }),
	}
}

/// Consent `consent` as a FHIR R5 Consent resource.
pub fn consent_to_fhir(consent: &ChainConsent, clock: &BlockClock) -> Value {
	let terms = &consent.terms;
	let status = match consent.state {
		ConsentState::PendingApproval => "draft",
		ConsentState::NotYetValid | ConsentState::Active => "active",
		ConsentState::Expired | ConsentState::Revoked => "inactive",
	};
	let mut period = json!({ "start": clock.time_of(terms.valid_from) });
	let mut blocks = vec![json!({ "url": "validFrom", "valueUnsignedInt": terms.valid_from })];
	if let Some(until) = terms.valid_until {
		period["end"] = json!(clock.time_of(until));
		blocks.push(json!({ "url": "validUntil", "valueUnsignedInt": until }));
	}
	let mut provision = json!({
		"period": period,
		"actor": [{
			"role": { "coding": [coding(
				"http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
				"IRCP",
				"information recipient",
			)] },
			"reference": grantee_reference(&terms.grantee),
		}],
		"action": [{ "coding": [coding(
			"http://terminology.hl7.org/CodeSystem/consentaction",
			"access",
			"Access",
		)] }],
		"purpose": purpose_codings(&terms.purpose),
		"code": terms.scope.categories.iter().map(|category| json!({
			"coding": [{ "system": CATEGORY_SYSTEM, "code": format!("{category:?}") }],
		})).collect::<Vec<_>>(),
	});
	if let DataScope::Dataset(dataset) = &terms.scope.data {
		provision["data"] = json!([{
			"meaning": "instance",
			"reference": { "identifier": { "system": DATASET_SYSTEM, "value": hash_text(dataset) } },
		}]);
	}
	let mut approval =
		vec![json!({ "url": "threshold", "valueUnsignedInt": terms.approval_threshold })];
	approval.extend(terms.approvers.iter().map(|approver| {
		json!({ "url": "approver", "valueIdentifier": { "system": ACCOUNT_SYSTEM, "value": ss58(approver) } })
	}));
	json!({
		"resourceType": "Consent",
		// The FHIR read URL, `Consent/{id}`, is the chain's own consent id.
		"id": consent.id.to_string(),
		"identifier": [{ "system": CONSENT_SYSTEM, "value": consent.id.to_string() }],
		"status": status,
		"category": [{ "coding": [coding(
			"http://terminology.hl7.org/CodeSystem/consentscope",
			"research",
			"Research",
		)] }],
		"subject": account_identifier(&consent.subject),
		"grantee": [grantee_reference(&terms.grantee)],
		"decision": "permit",
		"provision": [provision],
		"verification": consent.approved_by.iter().map(|approver| json!({
			"verified": true,
			"verifiedBy": approver_identifier(approver),
		})).collect::<Vec<_>>(),
		"extension": [
			{ "url": BLOCKS_EXTENSION, "extension": blocks },
			{ "url": DOCUMENT_HASH_EXTENSION, "valueString": hash_text(&terms.document_hash) },
			{ "url": APPROVAL_EXTENSION, "extension": approval },
		],
	})
}

fn parse_account(text: &str, field: &str) -> Result<AccountId, MappingError> {
	AccountId32::from_ss58check(text)
		.map(Into::into)
		.or_else(|_| refuse(field, format!("{text:?} is not an SS58 address")))
}

fn parse_hash(text: &str, field: &str) -> Result<H256, MappingError> {
	H256::from_str(text.trim_start_matches("0x"))
		.or_else(|_| refuse(field, format!("{text:?} is not 32 bytes in hex")))
}

/// The extensions of `resource` with `url`.
fn extension<'a>(resource: &'a Value, url: &str) -> Option<&'a Value> {
	resource["extension"].as_array()?.iter().find(|e| e["url"] == url)
}

fn sub_extension<'a>(extension: &'a Value, url: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
	extension["extension"].as_array().into_iter().flatten().filter(move |e| e["url"] == url)
}

fn block_number(value: &Value, field: &str) -> Result<u32, MappingError> {
	value["valueUnsignedInt"]
		.as_u64()
		.and_then(|n| u32::try_from(n).ok())
		.map_or_else(|| refuse(field, "not a block number (valueUnsignedInt)"), Ok)
}

/// The DUO purpose in `codings`.
fn purpose_from(codings: &[Value]) -> Result<DuoPurpose, MappingError> {
	const FIELD: &str = "provision[0].purpose";
	let mut permission: Option<DuoPermission> = None;
	let mut modifiers = Vec::new();
	let mut rest = codings.iter().peekable();
	while let Some(coding) = rest.next() {
		if coding["system"] != DUO_SYSTEM {
			return refuse(
				FIELD,
				format!("{} is not a DUO code, nor a parameter after one", coding),
			);
		}
		let code = coding["code"].as_str().unwrap_or_default();
		let parameter = |rest: &mut std::iter::Peekable<std::slice::Iter<'_, Value>>,
		                 system: &str| {
			match rest.next_if(|next| next["system"] == system) {
				Some(next) => Ok(next["code"].as_str().unwrap_or_default().to_string()),
				None => refuse(FIELD, format!("{code} must be followed by a {system} coding")),
			}
		};
		let as_permission = match code {
			"DUO:0000004" => Some(DuoPermission::NoRestriction),
			"DUO:0000042" => Some(DuoPermission::GeneralResearchUse),
			"DUO:0000006" => Some(DuoPermission::HealthMedicalBiomedical),
			"DUO:0000011" => Some(DuoPermission::PopulationOriginsAncestry),
			"DUO:0000007" => {
				let disease = parameter(&mut rest, MONDO_SYSTEM)?;
				let number = disease
					.strip_prefix("MONDO:")
					.and_then(|n| n.parse::<u32>().ok())
					.map_or_else(|| refuse(FIELD, format!("{disease:?} is not a MONDO id")), Ok)?;
				Some(DuoPermission::DiseaseSpecific(DiseaseCode(number)))
			}
			_ => None,
		};
		if let Some(found) = as_permission {
			if permission.replace(found).is_some() {
				return refuse(FIELD, "more than one DUO permission: a consent has one");
			}
			continue;
		}
		let modifier = match code {
			"DUO:0000022" => {
				let region = parameter(&mut rest, REGION_SYSTEM)?;
				let bytes: [u8; 2] = region
					.as_bytes()
					.try_into()
					.or_else(|_| refuse(FIELD, format!("{region:?} is not a two-letter region")))?;
				DuoModifier::GeographicalRestriction(RegionCode(bytes))
			}
			"DUO:0000027" => DuoModifier::ProjectSpecific(parse_hash(
				&parameter(&mut rest, PROJECT_SYSTEM)?,
				FIELD,
			)?),
			"DUO:0000012" => DuoModifier::ResearchSpecific(parse_hash(
				&parameter(&mut rest, RESEARCH_TYPE_SYSTEM)?,
				FIELD,
			)?),
			_ => *PLAIN_MODIFIERS
				.iter()
				.find(|modifier| modifier_code(modifier).0 == code)
				.map_or_else(
					|| refuse(FIELD, format!("{code:?} is not a DUO code Genochain knows")),
					Ok,
				)?,
		};
		modifiers.push(modifier);
	}
	let permission = permission
		.map_or_else(|| refuse(FIELD, "no DUO permission (NRES, GRU, HMB, DS or POA)"), Ok)?;
	let modifiers = DuoModifiers::try_from(modifiers)
		.or_else(|_| refuse(FIELD, "DUO modifiers repeated, malformed or too many"))?;
	Ok(DuoPurpose { permission, modifiers })
}

/// The `consent.grant` terms a FHIR R5 Consent states, or the first field that cannot be mapped.
/// Validity is read from the block extension when present, else from `provision[0].period` with
/// `clock`.
pub fn terms_from_fhir(
	resource: &Value,
	clock: Option<&BlockClock>,
) -> Result<Terms, MappingError> {
	if resource["resourceType"] != "Consent" {
		return refuse("resourceType", "not a Consent");
	}
	match resource["status"].as_str() {
		Some("active" | "draft") => {}
		other => {
			return refuse(
				"status",
				format!("{other:?}: only an active or draft consent can be granted"),
			)
		}
	}
	if resource["decision"].as_str().unwrap_or("permit") != "permit" {
		return refuse(
			"decision",
			"a Genochain consent permits; a deny decision cannot be granted",
		);
	}
	let provisions = resource["provision"].as_array().map(Vec::as_slice).unwrap_or_default();
	let [provision] = provisions else {
		return refuse("provision", "exactly one provision is mapped");
	};
	if provision.get("provision").is_some() {
		return refuse("provision[0].provision", "nested provisions cannot be mapped");
	}

	// Grantee: the provision's recipient, else the consent's grantee.
	let grantee_value = provision["actor"]
		.as_array()
		.and_then(|actors| actors.first())
		.map(|actor| &actor["reference"])
		.or_else(|| resource["grantee"].as_array().and_then(|grantees| grantees.first()))
		.map_or_else(|| refuse("grantee", "no grantee"), Ok)?;
	let identifier = &grantee_value["identifier"];
	let grantee = match (identifier["system"].as_str(), identifier["value"].as_str()) {
		(Some(GRANTEE_SYSTEM), Some(ANY_ACCREDITED_RESEARCHER)) => Grantee::AnyAccreditedResearcher,
		(Some(ACCOUNT_SYSTEM), Some(address)) => {
			Grantee::Account(parse_account(address, "grantee")?)
		}
		_ => {
			return refuse(
				"grantee",
				"name an account (urn:genochain:account) or any-accredited-researcher",
			)
		}
	};

	let data = match provision["data"].as_array().map(Vec::as_slice).unwrap_or_default() {
		[] => DataScope::AllData,
		[one] => {
			let identifier = &one["reference"]["identifier"];
			if identifier["system"] != DATASET_SYSTEM {
				return refuse("provision[0].data", "a dataset is named by urn:genochain:dataset");
			}
			DataScope::Dataset(parse_hash(
				identifier["value"].as_str().unwrap_or_default(),
				"provision[0].data",
			)?)
		}
		_ => return refuse("provision[0].data", "one dataset or none (all the subject's data)"),
	};
	let mut categories = std::collections::BTreeSet::new();
	for code in provision["code"].as_array().into_iter().flatten() {
		for coding in code["coding"].as_array().into_iter().flatten() {
			if coding["system"] != CATEGORY_SYSTEM {
				return refuse(
					"provision[0].code",
					format!("{coding} is not a Genochain data category"),
				);
			}
			let category: DataCategory =
				serde_json::from_value(coding["code"].clone()).or_else(|_| {
					refuse(
						"provision[0].code",
						format!("{} is not a data category", coding["code"]),
					)
				})?;
			categories.insert(category);
		}
	}
	if categories.is_empty() || categories.len() > DATA_CATEGORIES as usize {
		return refuse("provision[0].code", "name the data categories the consent covers");
	}
	let categories =
		categories.try_into().or_else(|_| refuse("provision[0].code", "too many categories"))?;

	let purpose =
		purpose_from(provision["purpose"].as_array().map(Vec::as_slice).unwrap_or_default())?;

	let (valid_from, valid_until) = match extension(resource, BLOCKS_EXTENSION) {
		Some(blocks) => {
			let from = sub_extension(blocks, "validFrom")
				.next()
				.map_or_else(|| refuse("extension[consent-blocks]", "no validFrom"), Ok)?;
			let until = sub_extension(blocks, "validUntil").next();
			(
				block_number(from, "extension[consent-blocks].validFrom")?,
				until
					.map(|u| block_number(u, "extension[consent-blocks].validUntil"))
					.transpose()?,
			)
		}
		None => {
			let period = &provision["period"];
			let convert = |field: &str, time: &str| match clock {
				Some(clock) => clock.block_at(time).map_or_else(
					|| refuse(field, format!("{time:?} is not a time after the chain began")),
					Ok,
				),
				None => refuse(
					field,
					"times need the chain's clock: give --node to convert them to blocks",
				),
			};
			let from = match period["start"].as_str() {
				Some(start) => convert("provision[0].period.start", start)?,
				None => 0,
			};
			let until = period["end"]
				.as_str()
				.map(|end| convert("provision[0].period.end", end))
				.transpose()?;
			(from, until)
		}
	};

	let document_hash = extension(resource, DOCUMENT_HASH_EXTENSION)
		.and_then(|e| e["valueString"].as_str())
		.map_or_else(
			|| {
				refuse(
					"extension[consent-document-hash]",
					"the hash of the signed consent form is required",
				)
			},
			|text| parse_hash(text, "extension[consent-document-hash]"),
		)?;
	let (approvers, approval_threshold) = match extension(resource, APPROVAL_EXTENSION) {
		None => (Vec::new(), 0),
		Some(approval) => {
			let approvers = sub_extension(approval, "approver")
				.map(|a| {
					parse_account(
						a["valueIdentifier"]["value"].as_str().unwrap_or_default(),
						"extension[consent-approval].approver",
					)
				})
				.collect::<Result<Vec<_>, _>>()?;
			let threshold = sub_extension(approval, "threshold")
				.next()
				.map(|t| block_number(t, "extension[consent-approval].threshold"))
				.transpose()?
				.unwrap_or(0);
			(approvers, threshold)
		}
	};
	let approvers = approvers.try_into().or_else(|_| {
		refuse("extension[consent-approval]", format!("at most {MAX_APPROVERS} approvers"))
	})?;

	Ok(Terms {
		grantee,
		scope: Scope { data, categories },
		purpose,
		valid_from,
		valid_until,
		document_hash,
		approvers,
		approval_threshold,
	})
}

#[cfg(feature = "subxt")]
pub mod chain;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod r5_tests;
