//! GA4GH Data Use Ontology (DUO) purpose codes and the rule that matches a requested use of data
//! against the purpose a data subject consented to.
//!
//! A consent carries a [`DuoPurpose`]: one [`DuoPermission`] (what kind of use is allowed) and a
//! set of [`DuoModifiers`] (conditions on that use). A custodian that releases data states the
//! [`RequestedUse`]: its purpose and the facts and commitments of the requester that the modifiers
//! ask about. [`permits`] decides, and when it refuses it says which condition failed.
//!
//! ## The permission hierarchy
//!
//! ```text
//! NRES (DUO:0000004) ─ any use, clinical care included
//!  └ GRU (DUO:0000042) ─ any research
//!     ├ HMB (DUO:0000006) ─ health, medical or biomedical research
//!     │  └ DS(d) (DUO:0000007) ─ research on disease d only
//!     └ POA (DUO:0000011) ─ population origins or ancestry research
//! ```
//!
//! A consent permits a requested purpose at or below it: GRU permits HMB, DS and POA requests; HMB
//! permits DS requests of any disease but not POA; DS(d) permits only DS(d). Diseases are compared
//! by their exact MONDO id: the chain knows no ontology, so a consent for cancer does not
//! cover a request that names a subtype of cancer — the request must name the consented disease.
//!
//! ## Modifiers
//!
//! | code | DUO id | a request is refused when |
//! | --- | --- | --- |
//! | NCU | DUO:0000046 | it is commercial |
//! | NPU | DUO:0000045 | the requester is a for-profit organisation |
//! | NPUNCU | DUO:0000018 | it is commercial or the requester is for-profit |
//! | IRB | DUO:0000021 | it carries no ethics approval (the consent itself also needs the ethics committee's approval) |
//! | GSO | DUO:0000016 | it is not a genetic study |
//! | NPOA | DUO:0000044 | its purpose includes population origins or ancestry research: POA, and also GRU and NRES, which cover it |
//! | PUB | DUO:0000019 | the requester does not commit to publish |
//! | COL | DUO:0000020 | the requester does not commit to collaborate with the study's investigators |
//! | RTN | DUO:0000029 | the requester does not commit to return derived data to the resource |
//! | GS(r) | DUO:0000022 | its region is not one of the consent's GS regions |
//! | MOR | DUO:0000024 | the requester does not accept the publication moratorium |
//! | PS(p) | DUO:0000027 | it is not for project p |
//! | RS(t) | DUO:0000012 | it is not research of type t (several RS modifiers allow any of their types) |
//! | NMDS | DUO:0000015 | it is methods development research (software, algorithms) |
//! | CC | DUO:0000043 | — (CC *allows* clinical care; without it or NRES, a clinical-care request is refused) |
//! | TS | DUO:0000025 | — (the consent must have an end of validity; checked when it is granted) |
//! | US | DUO:0000026 | — (the consent must name one grantee account; checked when it is granted) |
//! | IS | DUO:0000028 | — (as US: the grantee account is the institution) |

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{
	sp_core::{ConstU32, H256},
	sp_runtime::BoundedVec,
};
use scale_info::TypeInfo;

/// A disease, as the number of its MONDO ontology id: `MONDO:0004992` (cancer) is
/// `DiseaseCode(4992)`.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct DiseaseCode(pub u32);

/// A region, as an upper-case ISO 3166-1 alpha-2 code: `*b"FR"`, or `*b"EU"` for the European
/// Union (an exceptionally reserved ISO code).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct RegionCode(pub [u8; 2]);

impl RegionCode {
	/// Whether this is two upper-case ASCII letters.
	pub fn is_well_formed(&self) -> bool {
		self.0.iter().all(u8::is_ascii_uppercase)
	}
}

/// A project, as the hash of its registered identifier (a study id, a grant number): no name or
/// personal data goes on chain.
pub type ProjectId = H256;

/// A type of research, as the hash of its ontology term (for example the BLAKE2-256 of an EFO or
/// OBI term id such as `OBI:0000070`): DUO names no list of research types, so the consent and the
/// request must name the same term.
pub type ResearchTypeId = H256;

/// What kind of use a consent allows: the DUO data use permission.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum DuoPermission {
	/// NRES, DUO:0000004: no restriction on use.
	NoRestriction,
	/// GRU, DUO:0000042: general research use, for any research purpose.
	GeneralResearchUse,
	/// HMB, DUO:0000006: health, medical or biomedical research; not population origins or
	/// ancestry research.
	HealthMedicalBiomedical,
	/// DS, DUO:0000007: research on the given disease only.
	DiseaseSpecific(DiseaseCode),
	/// POA, DUO:0000011: population origins or ancestry research only.
	PopulationOriginsAncestry,
}

impl DuoPermission {
	/// Whether a consent with this permission allows a use whose purpose is `requested`.
	pub fn covers(&self, requested: &DuoPermission) -> bool {
		use DuoPermission::*;
		match (self, requested) {
			(NoRestriction, _) => true,
			(GeneralResearchUse, requested) => *requested != NoRestriction,
			(HealthMedicalBiomedical, HealthMedicalBiomedical | DiseaseSpecific(_)) => true,
			(DiseaseSpecific(consented), DiseaseSpecific(requested)) => consented == requested,
			(PopulationOriginsAncestry, PopulationOriginsAncestry) => true,
			_ => false,
		}
	}

	/// Whether a use with this purpose may be population origins or ancestry research: POA
	/// itself, and GRU and NRES, which cover it. This is what NPOA refuses.
	pub fn includes_ancestry_research(&self) -> bool {
		self.covers(&DuoPermission::PopulationOriginsAncestry)
	}
}

/// A condition on the use of data: a DUO data use modifier.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum DuoModifier {
	/// NCU, DUO:0000046: non-commercial use only.
	NonCommercialUse,
	/// NPU, DUO:0000045: use by not-for-profit organisations only.
	NotForProfitUse,
	/// NPUNCU, DUO:0000018: not-for-profit, non-commercial use only.
	NotForProfitNonCommercialUse,
	/// IRB, DUO:0000021: ethics approval required, of the consent (by the ethics committee) and of
	/// each use.
	EthicsApprovalRequired,
	/// GSO, DUO:0000016: genetic studies only.
	GeneticStudiesOnly,
	/// NPOA, DUO:0000044: population origins or ancestry research prohibited.
	NoPopulationOriginsAncestry,
	/// PUB, DUO:0000019: the requester agrees to make results public.
	PublicationRequired,
	/// COL, DUO:0000020: the requester must collaborate with the primary study investigators.
	CollaborationRequired,
	/// RTN, DUO:0000029: derived or enriched data must be returned to the resource.
	ReturnToResource,
	/// GS, DUO:0000022: use only within the given region; several GS modifiers allow any of their
	/// regions.
	GeographicalRestriction(RegionCode),
	/// MOR, DUO:0000024: the requester agrees not to publish before the moratorium ends.
	PublicationMoratorium,
	/// TS, DUO:0000025: use is limited in time; the consent must have an end of validity.
	TimeLimit,
	/// US, DUO:0000026: use by the named user only; the consent must name one grantee account.
	UserSpecific,
	/// PS, DUO:0000027: use for the given project only.
	ProjectSpecific(ProjectId),
	/// IS, DUO:0000028: use by the named institution only; the consent must name its account.
	InstitutionSpecific,
	/// CC, DUO:0000043: use for clinical care is allowed as well.
	ClinicalCare,
	/// RS, DUO:0000012: use for research of the given type only; several RS modifiers allow any
	/// of their types.
	ResearchSpecific(ResearchTypeId),
	/// NMDS, DUO:0000015: no methods development research (software, algorithms).
	NoGeneralMethodsResearch,
}

/// At most this many modifiers qualify one purpose; DUO has 18 kinds, and GS and RS may each
/// appear with a few values.
pub const MAX_DUO_MODIFIERS: u32 = 18;

/// The modifiers of a purpose: each one at most once.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Default,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct DuoModifiers(pub BoundedVec<DuoModifier, ConstU32<MAX_DUO_MODIFIERS>>);

impl DuoModifiers {
	/// Whether the modifiers are `modifier` or include it.
	pub fn contains(&self, modifier: &DuoModifier) -> bool {
		self.0.contains(modifier)
	}

	/// Whether every modifier appears once and every region code is well formed.
	pub fn is_well_formed(&self) -> bool {
		self.0.iter().enumerate().all(|(index, modifier)| {
			let region_ok = match modifier {
				DuoModifier::GeographicalRestriction(region) => region.is_well_formed(),
				_ => true,
			};
			region_ok && !self.0.iter().skip(index.saturating_add(1)).any(|other| other == modifier)
		})
	}

	/// Whether a use needs the ethics committee to approve the consent first (IRB).
	pub fn requires_ethics_approval(&self) -> bool {
		self.contains(&DuoModifier::EthicsApprovalRequired)
	}

	/// Whether the consent must name one grantee account (US, IS).
	pub fn requires_named_grantee(&self) -> bool {
		self.contains(&DuoModifier::UserSpecific)
			|| self.contains(&DuoModifier::InstitutionSpecific)
	}

	/// Whether the consent must end at a known time (TS).
	pub fn requires_end_of_validity(&self) -> bool {
		self.contains(&DuoModifier::TimeLimit)
	}
}

impl TryFrom<alloc::vec::Vec<DuoModifier>> for DuoModifiers {
	type Error = ();

	/// Accepts a list of distinct, well-formed modifiers of at most [`MAX_DUO_MODIFIERS`].
	fn try_from(modifiers: alloc::vec::Vec<DuoModifier>) -> Result<Self, ()> {
		let modifiers = DuoModifiers(BoundedVec::try_from(modifiers).map_err(|_| ())?);
		modifiers.is_well_formed().then_some(modifiers).ok_or(())
	}
}

/// The purpose a consent allows: a permission qualified by modifiers.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct DuoPurpose {
	/// What kind of use is allowed.
	pub permission: DuoPermission,
	/// The conditions on that use.
	pub modifiers: DuoModifiers,
}

impl DuoPurpose {
	/// A purpose without modifiers.
	pub fn new(permission: DuoPermission) -> Self {
		Self { permission, modifiers: DuoModifiers::default() }
	}
}

/// A use of data as a custodian states it when it releases the data: the purpose of the use and
/// the facts and commitments of the requester that DUO modifiers ask about.
///
/// In JSON (a custodian's gateway takes it so), the facts and commitments a requester does not
/// state are `false` or absent.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct RequestedUse {
	/// The purpose of the use; [`DuoPermission::NoRestriction`] asks for unrestricted use.
	pub purpose: DuoPermission,
	/// The use is commercial (refused by NCU and NPUNCU).
	#[serde(default)]
	pub commercial: bool,
	/// The requester is a for-profit organisation (refused by NPU and NPUNCU).
	#[serde(default)]
	pub for_profit: bool,
	/// The use is clinical care rather than research (needs CC or NRES).
	#[serde(default)]
	pub clinical_care: bool,
	/// The use is a genetic study (required by GSO).
	#[serde(default)]
	pub genetic_study: bool,
	/// An ethics committee approved the use (required by IRB).
	#[serde(default)]
	pub ethics_approval: bool,
	/// Where the data will be used (required by GS).
	#[serde(default)]
	pub region: Option<RegionCode>,
	/// The project the data is for (required by PS).
	#[serde(default)]
	pub project: Option<ProjectId>,
	/// The requester commits to publish results (required by PUB).
	#[serde(default)]
	pub will_publish: bool,
	/// The requester commits to collaborate with the study's investigators (required by COL).
	#[serde(default)]
	pub will_collaborate: bool,
	/// The requester commits to return derived data to the resource (required by RTN).
	#[serde(default)]
	pub will_return_data: bool,
	/// The requester accepts the publication moratorium (required by MOR).
	#[serde(default)]
	pub accepts_moratorium: bool,
	/// The type of research the data is for (required by RS).
	#[serde(default)]
	pub research_type: Option<ResearchTypeId>,
	/// The use develops methods: software, algorithms (refused by NMDS).
	#[serde(default)]
	pub methods_research: bool,
}

impl RequestedUse {
	/// A non-commercial research use by a not-for-profit requester for `purpose`, without
	/// ethics approval, region, project or commitments.
	pub fn research(purpose: DuoPermission) -> Self {
		Self {
			purpose,
			commercial: false,
			for_profit: false,
			clinical_care: false,
			genetic_study: false,
			ethics_approval: false,
			region: None,
			project: None,
			will_publish: false,
			will_collaborate: false,
			will_return_data: false,
			accepts_moratorium: false,
			research_type: None,
			methods_research: false,
		}
	}
}

/// Why a consented purpose does not permit a requested use.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum UseRefusal {
	/// The requested purpose is not at or below the consented permission.
	PurposeNotCovered,
	/// Clinical care was requested without CC or NRES.
	ClinicalCareNotPermitted,
	/// Commercial use under NCU or NPUNCU.
	CommercialUse,
	/// A for-profit requester under NPU or NPUNCU.
	ForProfitRequester,
	/// IRB, and the use carries no ethics approval.
	EthicsApprovalMissing,
	/// GSO, and the use is not a genetic study.
	NotAGeneticStudy,
	/// NPOA, and the use's purpose includes population origins or ancestry research.
	AncestryResearchExcluded,
	/// PUB, and the requester does not commit to publish.
	PublicationNotCommitted,
	/// COL, and the requester does not commit to collaborate.
	CollaborationNotCommitted,
	/// RTN, and the requester does not commit to return derived data.
	ReturnNotCommitted,
	/// MOR, and the requester does not accept the moratorium.
	MoratoriumNotAccepted,
	/// GS, and the use is in no consented region (or states none).
	OutsideRegion,
	/// PS, and the use is not for the consented project.
	OtherProject,
	/// RS, and the use is not research of a consented type (or states none).
	OtherResearchType,
	/// NMDS, and the use is methods development research.
	MethodsResearchExcluded,
}

/// Whether a consent for `consented` permits `requested`; if not, the first condition that fails.
///
/// The permission is checked first, then each modifier in the consent's order. TS, US and IS
/// constrain the consent record (its end and its grantee), not single uses, and never refuse here.
pub fn permits(consented: &DuoPurpose, requested: &RequestedUse) -> Result<(), UseRefusal> {
	use DuoModifier::*;
	if !consented.permission.covers(&requested.purpose) {
		return Err(UseRefusal::PurposeNotCovered);
	}
	if requested.clinical_care
		&& consented.permission != DuoPermission::NoRestriction
		&& !consented.modifiers.contains(&ClinicalCare)
	{
		return Err(UseRefusal::ClinicalCareNotPermitted);
	}
	let regions = consented.modifiers.0.iter().filter_map(|modifier| match modifier {
		GeographicalRestriction(region) => Some(region),
		_ => None,
	});
	if !any_allows(regions, requested.region.as_ref()) {
		return Err(UseRefusal::OutsideRegion);
	}
	let research_types = consented.modifiers.0.iter().filter_map(|modifier| match modifier {
		ResearchSpecific(research_type) => Some(research_type),
		_ => None,
	});
	if !any_allows(research_types, requested.research_type.as_ref()) {
		return Err(UseRefusal::OtherResearchType);
	}
	for modifier in consented.modifiers.0.iter() {
		let refusal = match modifier {
			NonCommercialUse if requested.commercial => UseRefusal::CommercialUse,
			NotForProfitUse if requested.for_profit => UseRefusal::ForProfitRequester,
			NotForProfitNonCommercialUse if requested.commercial => UseRefusal::CommercialUse,
			NotForProfitNonCommercialUse if requested.for_profit => UseRefusal::ForProfitRequester,
			EthicsApprovalRequired if !requested.ethics_approval => {
				UseRefusal::EthicsApprovalMissing
			}
			GeneticStudiesOnly if !requested.genetic_study => UseRefusal::NotAGeneticStudy,
			NoPopulationOriginsAncestry if requested.purpose.includes_ancestry_research() => {
				UseRefusal::AncestryResearchExcluded
			}
			NoGeneralMethodsResearch if requested.methods_research => {
				UseRefusal::MethodsResearchExcluded
			}
			PublicationRequired if !requested.will_publish => UseRefusal::PublicationNotCommitted,
			CollaborationRequired if !requested.will_collaborate => {
				UseRefusal::CollaborationNotCommitted
			}
			ReturnToResource if !requested.will_return_data => UseRefusal::ReturnNotCommitted,
			PublicationMoratorium if !requested.accepts_moratorium => {
				UseRefusal::MoratoriumNotAccepted
			}
			ProjectSpecific(project) if requested.project.as_ref() != Some(project) => {
				UseRefusal::OtherProject
			}
			_ => continue,
		};
		return Err(refusal);
	}
	Ok(())
}

/// Whether a restriction that lists `allowed` values (GS regions, RS research types) lets a use
/// that states `requested` through: a restriction listing nothing allows every use, one listing
/// values allows a use that states one of them.
fn any_allows<'a, V: PartialEq + 'a>(
	mut allowed: impl Iterator<Item = &'a V>,
	requested: Option<&V>,
) -> bool {
	match allowed.next() {
		None => true,
		Some(first) => {
			let matches = |value: &V| requested == Some(value);
			matches(first) || allowed.any(matches)
		}
	}
}

#[cfg(test)]
mod tests {
	use super::{DuoModifier::*, DuoPermission::*, *};

	const CANCER: DiseaseCode = DiseaseCode(4992);
	const DIABETES: DiseaseCode = DiseaseCode(5015);
	const FR: RegionCode = RegionCode(*b"FR");
	const DE: RegionCode = RegionCode(*b"DE");

	fn purpose(permission: DuoPermission, modifiers: &[DuoModifier]) -> DuoPurpose {
		DuoPurpose {
			permission,
			modifiers: DuoModifiers::try_from(modifiers.to_vec()).expect("valid modifiers"),
		}
	}

	fn research(purpose: DuoPermission) -> RequestedUse {
		RequestedUse::research(purpose)
	}

	#[test]
	fn the_permission_hierarchy() {
		let all = [
			NoRestriction,
			GeneralResearchUse,
			HealthMedicalBiomedical,
			DiseaseSpecific(CANCER),
			DiseaseSpecific(DIABETES),
			PopulationOriginsAncestry,
		];
		// (consented, requested, permitted), every pair.
		let expected = |consented: &DuoPermission, requested: &DuoPermission| match consented {
			NoRestriction => true,
			GeneralResearchUse => *requested != NoRestriction,
			HealthMedicalBiomedical => {
				matches!(requested, HealthMedicalBiomedical | DiseaseSpecific(_))
			}
			DiseaseSpecific(d) => *requested == DiseaseSpecific(*d),
			PopulationOriginsAncestry => *requested == PopulationOriginsAncestry,
		};
		for consented in &all {
			for requested in &all {
				let result = permits(&purpose(*consented, &[]), &research(*requested));
				let want = if expected(consented, requested) {
					Ok(())
				} else {
					Err(UseRefusal::PurposeNotCovered)
				};
				assert_eq!(result, want, "{consented:?} for a {requested:?} request");
			}
		}
	}

	#[test]
	fn named_examples() {
		// GRU permits an HMB request; HMB permits a DS request.
		assert_eq!(
			permits(&purpose(GeneralResearchUse, &[]), &research(HealthMedicalBiomedical)),
			Ok(())
		);
		assert_eq!(
			permits(&purpose(HealthMedicalBiomedical, &[]), &research(DiseaseSpecific(CANCER))),
			Ok(())
		);
		// DS(cancer) does not permit DS(diabetes); HMB does not permit ancestry research.
		assert_eq!(
			permits(&purpose(DiseaseSpecific(CANCER), &[]), &research(DiseaseSpecific(DIABETES))),
			Err(UseRefusal::PurposeNotCovered)
		);
		assert_eq!(
			permits(&purpose(HealthMedicalBiomedical, &[]), &research(PopulationOriginsAncestry)),
			Err(UseRefusal::PurposeNotCovered)
		);
		// Only NRES permits a request for unrestricted use.
		assert_eq!(
			permits(&purpose(GeneralResearchUse, &[]), &research(NoRestriction)),
			Err(UseRefusal::PurposeNotCovered)
		);
	}

	/// One row per modifier: a request that fails it, and the same request fixed.
	#[test]
	fn each_modifier_refuses_what_it_forbids() {
		type Fix = fn(&mut RequestedUse);
		const PROJECT: ProjectId = ProjectId::repeat_byte(7);
		const GWAS: ResearchTypeId = ResearchTypeId::repeat_byte(9);
		let rows: [(DuoModifier, Fix, Fix, UseRefusal); 15] = [
			(
				NonCommercialUse,
				|u| u.commercial = true,
				|u| u.commercial = false,
				UseRefusal::CommercialUse,
			),
			(
				NotForProfitUse,
				|u| u.for_profit = true,
				|u| u.for_profit = false,
				UseRefusal::ForProfitRequester,
			),
			(
				NotForProfitNonCommercialUse,
				|u| u.commercial = true,
				|u| u.commercial = false,
				UseRefusal::CommercialUse,
			),
			(
				NotForProfitNonCommercialUse,
				|u| u.for_profit = true,
				|u| u.for_profit = false,
				UseRefusal::ForProfitRequester,
			),
			(
				EthicsApprovalRequired,
				|u| u.ethics_approval = false,
				|u| u.ethics_approval = true,
				UseRefusal::EthicsApprovalMissing,
			),
			(
				GeneticStudiesOnly,
				|u| u.genetic_study = false,
				|u| u.genetic_study = true,
				UseRefusal::NotAGeneticStudy,
			),
			(
				NoPopulationOriginsAncestry,
				|u| u.purpose = PopulationOriginsAncestry,
				|u| u.purpose = HealthMedicalBiomedical,
				UseRefusal::AncestryResearchExcluded,
			),
			(
				PublicationRequired,
				|u| u.will_publish = false,
				|u| u.will_publish = true,
				UseRefusal::PublicationNotCommitted,
			),
			(
				CollaborationRequired,
				|u| u.will_collaborate = false,
				|u| u.will_collaborate = true,
				UseRefusal::CollaborationNotCommitted,
			),
			(
				ReturnToResource,
				|u| u.will_return_data = false,
				|u| u.will_return_data = true,
				UseRefusal::ReturnNotCommitted,
			),
			(
				PublicationMoratorium,
				|u| u.accepts_moratorium = false,
				|u| u.accepts_moratorium = true,
				UseRefusal::MoratoriumNotAccepted,
			),
			(
				GeographicalRestriction(FR),
				|u| u.region = Some(DE),
				|u| u.region = Some(FR),
				UseRefusal::OutsideRegion,
			),
			(
				ProjectSpecific(PROJECT),
				|u| u.project = None,
				|u| u.project = Some(PROJECT),
				UseRefusal::OtherProject,
			),
			(
				ResearchSpecific(GWAS),
				|u| u.research_type = None,
				|u| u.research_type = Some(GWAS),
				UseRefusal::OtherResearchType,
			),
			(
				NoGeneralMethodsResearch,
				|u| u.methods_research = true,
				|u| u.methods_research = false,
				UseRefusal::MethodsResearchExcluded,
			),
		];
		for (modifier, break_it, fix_it, refusal) in rows {
			let consent = purpose(GeneralResearchUse, &[modifier]);
			let mut request = research(HealthMedicalBiomedical);
			break_it(&mut request);
			assert_eq!(permits(&consent, &request), Err(refusal), "{modifier:?}");
			fix_it(&mut request);
			assert_eq!(permits(&consent, &request), Ok(()), "{modifier:?} satisfied");
		}
	}

	/// NPOA forbids ancestry research under any name: POA asks for it, and GRU and NRES requests
	/// include it. Health research of any kind stays permitted.
	#[test]
	fn npoa_refuses_every_purpose_that_includes_ancestry_research() {
		let consent = purpose(NoRestriction, &[NoPopulationOriginsAncestry]);
		for (requested, want) in [
			(NoRestriction, Err(UseRefusal::AncestryResearchExcluded)),
			(GeneralResearchUse, Err(UseRefusal::AncestryResearchExcluded)),
			(PopulationOriginsAncestry, Err(UseRefusal::AncestryResearchExcluded)),
			(HealthMedicalBiomedical, Ok(())),
			(DiseaseSpecific(CANCER), Ok(())),
		] {
			assert_eq!(permits(&consent, &research(requested)), want, "{requested:?}");
		}
		// The same requests without NPOA: only the hierarchy decides.
		for requested in [NoRestriction, GeneralResearchUse, PopulationOriginsAncestry] {
			assert_eq!(permits(&purpose(NoRestriction, &[]), &research(requested)), Ok(()));
		}
	}

	#[test]
	fn research_specific_allows_only_its_research_types() {
		let (gwas, pharmacogenomics) =
			(ResearchTypeId::repeat_byte(1), ResearchTypeId::repeat_byte(2));
		let consent = purpose(
			GeneralResearchUse,
			&[ResearchSpecific(gwas), ResearchSpecific(pharmacogenomics)],
		);
		let mut request = research(HealthMedicalBiomedical);
		for (research_type, want) in [
			(Some(gwas), Ok(())),
			(Some(pharmacogenomics), Ok(())),
			(Some(ResearchTypeId::repeat_byte(3)), Err(UseRefusal::OtherResearchType)),
			(None, Err(UseRefusal::OtherResearchType)),
		] {
			request.research_type = research_type;
			assert_eq!(permits(&consent, &request), want, "{research_type:?}");
		}
		// Without RS, a stated research type restricts nothing.
		assert_eq!(permits(&purpose(GeneralResearchUse, &[]), &request), Ok(()));
	}

	#[test]
	fn nmds_refuses_methods_research_only() {
		let consent = purpose(HealthMedicalBiomedical, &[NoGeneralMethodsResearch]);
		let mut methods = research(DiseaseSpecific(CANCER));
		methods.methods_research = true;
		assert_eq!(permits(&consent, &methods), Err(UseRefusal::MethodsResearchExcluded));
		assert_eq!(permits(&consent, &research(DiseaseSpecific(CANCER))), Ok(()));
		// Without NMDS, methods research is one research use among others.
		assert_eq!(permits(&purpose(HealthMedicalBiomedical, &[]), &methods), Ok(()));
	}

	#[test]
	fn record_level_modifiers_never_refuse_a_use() {
		let consent = purpose(GeneralResearchUse, &[TimeLimit, UserSpecific, InstitutionSpecific]);
		assert_eq!(permits(&consent, &research(DiseaseSpecific(CANCER))), Ok(()));
		assert!(consent.modifiers.requires_end_of_validity());
		assert!(consent.modifiers.requires_named_grantee());
		assert!(!consent.modifiers.requires_ethics_approval());
		assert!(purpose(GeneralResearchUse, &[EthicsApprovalRequired])
			.modifiers
			.requires_ethics_approval());
	}

	#[test]
	fn clinical_care_needs_cc_or_nres() {
		let mut care = research(HealthMedicalBiomedical);
		care.clinical_care = true;
		assert_eq!(
			permits(&purpose(HealthMedicalBiomedical, &[]), &care),
			Err(UseRefusal::ClinicalCareNotPermitted)
		);
		assert_eq!(permits(&purpose(HealthMedicalBiomedical, &[ClinicalCare]), &care), Ok(()));
		assert_eq!(permits(&purpose(NoRestriction, &[]), &care), Ok(()));
		// CC widens the use to care; it does not widen the research purpose.
		let mut ancestry_care = research(PopulationOriginsAncestry);
		ancestry_care.clinical_care = true;
		assert_eq!(
			permits(&purpose(HealthMedicalBiomedical, &[ClinicalCare]), &ancestry_care),
			Err(UseRefusal::PurposeNotCovered)
		);
	}

	#[test]
	fn several_regions_allow_any_of_them() {
		let consent = purpose(
			GeneralResearchUse,
			&[GeographicalRestriction(FR), GeographicalRestriction(DE)],
		);
		let mut request = research(GeneralResearchUse);
		for (region, want) in [
			(Some(FR), Ok(())),
			(Some(DE), Ok(())),
			(Some(RegionCode(*b"US")), Err(UseRefusal::OutsideRegion)),
			(None, Err(UseRefusal::OutsideRegion)),
		] {
			request.region = region;
			assert_eq!(permits(&consent, &request), want, "{region:?}");
		}
	}

	#[test]
	fn the_first_failing_condition_is_reported() {
		let consent = purpose(HealthMedicalBiomedical, &[NonCommercialUse, EthicsApprovalRequired]);
		let mut request = research(PopulationOriginsAncestry);
		request.commercial = true;
		assert_eq!(permits(&consent, &request), Err(UseRefusal::PurposeNotCovered));
		request.purpose = HealthMedicalBiomedical;
		assert_eq!(permits(&consent, &request), Err(UseRefusal::CommercialUse));
		request.commercial = false;
		assert_eq!(permits(&consent, &request), Err(UseRefusal::EthicsApprovalMissing));
		request.ethics_approval = true;
		assert_eq!(permits(&consent, &request), Ok(()));
	}

	#[test]
	fn modifiers_are_distinct_and_well_formed() {
		assert!(DuoModifiers::try_from(vec![NonCommercialUse, NonCommercialUse]).is_err());
		assert!(DuoModifiers::try_from(vec![GeographicalRestriction(RegionCode(*b"fr"))]).is_err());
		assert!(DuoModifiers::try_from(vec![
			GeographicalRestriction(FR),
			GeographicalRestriction(DE)
		])
		.is_ok());
		assert!(DuoModifiers::try_from(vec![ClinicalCare; MAX_DUO_MODIFIERS as usize + 1]).is_err());
		// A decoded value bypasses try_from; is_well_formed catches it.
		let decoded = DuoModifiers(BoundedVec::truncate_from(vec![TimeLimit, TimeLimit]));
		assert!(!decoded.is_well_formed());
	}
}
