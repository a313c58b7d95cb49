//! Tests of the consent pallet. Approvals by threshold and refusals are in `approve.rs`; the
//! rest is still here, to be split by call as it is next changed.

mod approve;

use crate::{mock::*, *};
use codec::Encode;
use genochain_primitives::{
	consent::{
		AccessRefusal, Approver, ConsentId, ConsentState, DataCategory, DataScope, DatasetId,
		Grantee, Role, Scope,
	},
	duo::{
		DiseaseCode, DuoModifier, DuoModifiers, DuoPermission, DuoPurpose, RegionCode, RequestedUse,
	},
	traits::{ConsentInspect, ConsentManage},
};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		traits::{
			fungible::{Inspect, InspectHold},
			Footprint,
		},
	},
	sp_core::H256,
	sp_io::hashing::blake2_256,
	sp_runtime::{traits::Convert, BoundedBTreeSet, BoundedVec, DispatchError, TokenError},
};

const DATASET: DatasetId = H256::repeat_byte(0xd5);
const OTHER_DATASET: DatasetId = H256::repeat_byte(0xd6);
const DOCUMENT: H256 = H256::repeat_byte(0xdc);
const CANCER: DiseaseCode = DiseaseCode(4992);

pub(super) fn categories(
	categories: &[DataCategory],
) -> BoundedBTreeSet<DataCategory, ConstU32<6>> {
	categories.iter().copied().collect::<std::collections::BTreeSet<_>>().try_into().expect("fits")
}

pub(super) fn modifiers(modifiers: &[DuoModifier]) -> DuoModifiers {
	DuoModifiers(BoundedVec::truncate_from(modifiers.to_vec()))
}

/// HMB consent to RESEARCHER for the variants of DATASET, from block 1 to 100.
pub(super) fn terms() -> ConsentTermsOf<Test> {
	ConsentTermsOf::<Test> {
		grantee: Grantee::Account(RESEARCHER),
		scope: Scope {
			data: DataScope::Dataset(DATASET),
			categories: categories(&[DataCategory::Variants]),
		},
		purpose: DuoPurpose::new(DuoPermission::HealthMedicalBiomedical),
		valid_from: 1,
		valid_until: Some(100),
		document_hash: DOCUMENT,
		approvers: Default::default(),
		approval_threshold: 0,
	}
}

pub(super) fn hmb_use() -> RequestedUse {
	RequestedUse::research(DuoPermission::HealthMedicalBiomedical)
}

pub(super) fn grant(terms: ConsentTermsOf<Test>) -> ConsentId {
	let id = NextConsentId::<Test>::get();
	assert_ok!(Consent::grant(RuntimeOrigin::signed(SUBJECT), terms));
	id
}

/// CUSTODIAN records RESEARCHER's access to the variants of DATASET for `requested`.
pub(super) fn access(consent_id: ConsentId, requested: RequestedUse) -> DispatchResult {
	Consent::record_access(
		RuntimeOrigin::signed(CUSTODIAN),
		consent_id,
		RESEARCHER,
		DATASET,
		DataCategory::Variants,
		requested,
	)
}

pub(super) fn state(consent_id: ConsentId) -> ConsentState {
	let record = Consents::<Test>::get(consent_id).expect("the consent exists");
	Consent::state_at(&record, System::block_number())
}

pub(super) fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Consent(event) => Some(event),
			_ => None,
		})
		.collect()
}

pub(super) fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&ConsentHoldReason::get(), &who)
}

pub(super) fn expected_deposit(subject: u64, terms: &ConsentTermsOf<Test>) -> u64 {
	DepositPrice::convert(Footprint::from_encodable((subject, terms)))
}

use polkadot_sdk::{frame_support::traits::ConstU32, sp_runtime::DispatchResult};

// --- grant ---

#[test]
fn grant_holds_a_deposit_indexes_the_consent_and_activates_it() {
	new_test_ext().execute_with(|| {
		let id = grant(terms());
		assert_eq!(id, 0);
		assert_eq!(NextConsentId::<Test>::get(), 1);
		let deposit = expected_deposit(SUBJECT, &terms());
		assert!(deposit > 100);
		assert_eq!(held(SUBJECT), deposit);
		assert_eq!(Balances::balance(&SUBJECT), INITIAL_BALANCE - deposit);
		assert_eq!(ConsentsBySubject::<Test>::get(SUBJECT).into_inner(), vec![id]);
		assert_eq!(ConsentsByGrantee::<Test>::get(RESEARCHER).into_inner(), vec![id]);
		let record = Consents::<Test>::get(id).expect("stored");
		assert_eq!(record.subject, SUBJECT);
		assert_eq!(record.terms, terms());
		assert_eq!(record.status, ConsentStatus::Approved);
		assert_eq!((record.granted_at, record.accesses, record.access_log), (1, 0, H256::zero()));
		assert_eq!(state(id), ConsentState::Active);
		assert_eq!(
			events(),
			vec![
				Event::ConsentGranted {
					consent_id: id,
					subject: SUBJECT,
					grantee: Grantee::Account(RESEARCHER)
				},
				Event::ConsentActivated { consent_id: id },
			]
		);
	});
}

#[test]
fn a_consent_for_any_accredited_researcher_is_not_in_a_grantee_index() {
	new_test_ext().execute_with(|| {
		let id =
			grant(ConsentTermsOf::<Test> { grantee: Grantee::AnyAccreditedResearcher, ..terms() });
		assert_eq!(ConsentsBySubject::<Test>::get(SUBJECT).into_inner(), vec![id]);
		assert!(!ConsentsByGrantee::<Test>::contains_key(RESEARCHER));
	});
}

#[test]
fn grant_refuses_invalid_terms() {
	new_test_ext().execute_with(|| {
		System::set_block_number(10);
		let refused = |terms: ConsentTermsOf<Test>, error: Error<Test>| {
			assert_noop!(Consent::grant(RuntimeOrigin::signed(SUBJECT), terms), error);
		};
		refused(
			ConsentTermsOf::<Test> { valid_from: 50, valid_until: Some(49), ..terms() },
			Error::InvalidPeriod,
		);
		refused(
			ConsentTermsOf::<Test> { valid_from: 1, valid_until: Some(9), ..terms() },
			Error::InvalidPeriod,
		);
		let mut no_categories = terms();
		no_categories.scope.categories = categories(&[]);
		refused(no_categories, Error::NoDataCategories);
		let mut twice = terms();
		twice.purpose.modifiers =
			modifiers(&[DuoModifier::NonCommercialUse, DuoModifier::NonCommercialUse]);
		refused(twice, Error::MalformedModifiers);
		let mut bad_region = terms();
		bad_region.purpose.modifiers =
			modifiers(&[DuoModifier::GeographicalRestriction(RegionCode(*b"f1"))]);
		refused(bad_region, Error::MalformedModifiers);
		let mut time_limit = terms();
		time_limit.purpose.modifiers = modifiers(&[DuoModifier::TimeLimit]);
		time_limit.valid_until = None;
		refused(time_limit, Error::TimeLimitWithoutEnd);
		for named in [DuoModifier::UserSpecific, DuoModifier::InstitutionSpecific] {
			let mut anyone = terms();
			anyone.grantee = Grantee::AnyAccreditedResearcher;
			anyone.purpose.modifiers = modifiers(&[named]);
			refused(anyone, Error::NamedGranteeRequired);
		}
		let mut duplicate = terms();
		duplicate.approvers = BoundedVec::truncate_from(vec![GUARDIAN, GUARDIAN]);
		duplicate.approval_threshold = 2;
		refused(duplicate, Error::DuplicateApprover);
		// A threshold above the approvers, zero with approvers, or above zero without them.
		for (approvers, threshold) in [(vec![GUARDIAN], 2), (vec![GUARDIAN], 0), (vec![], 1)] {
			let mut unreachable = terms();
			unreachable.approvers = BoundedVec::truncate_from(approvers);
			unreachable.approval_threshold = threshold;
			refused(unreachable, Error::InvalidApprovalThreshold);
		}
	});
}

#[test]
fn grant_accepts_the_conditions_it_checks_when_met() {
	new_test_ext().execute_with(|| {
		let mut named = terms();
		named.purpose.modifiers = modifiers(&[
			DuoModifier::TimeLimit,
			DuoModifier::UserSpecific,
			DuoModifier::InstitutionSpecific,
		]);
		grant(named);
		// Open-ended consents are fine without TS.
		grant(ConsentTermsOf::<Test> { valid_until: None, ..terms() });
	});
}

#[test]
fn grant_refuses_when_an_index_is_full() {
	new_test_ext().execute_with(|| {
		// The grantee index (3) fills before the subject index (4).
		for _ in 0..3 {
			grant(terms());
		}
		assert_noop!(
			Consent::grant(RuntimeOrigin::signed(SUBJECT), terms()),
			Error::<Test>::GranteeHasTooManyConsents
		);
		grant(ConsentTermsOf::<Test> { grantee: Grantee::Account(OTHER), ..terms() });
		assert_noop!(
			Consent::grant(
				RuntimeOrigin::signed(SUBJECT),
				ConsentTermsOf::<Test> { grantee: Grantee::Account(GUARDIAN), ..terms() }
			),
			Error::<Test>::TooManyConsents
		);
	});
}

#[test]
fn grant_without_funds_for_the_deposit_changes_nothing() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Consent::grant(RuntimeOrigin::signed(PAUPER), terms()),
			DispatchError::Token(TokenError::FundsUnavailable)
		);
		assert_eq!(NextConsentId::<Test>::get(), 0);
	});
}

#[test]
fn calls_need_a_signed_origin() {
	new_test_ext().execute_with(|| {
		let id = grant(terms());
		let none = RuntimeOrigin::none();
		assert_noop!(Consent::grant(none.clone(), terms()), DispatchError::BadOrigin);
		assert_noop!(Consent::approve(none.clone(), id), DispatchError::BadOrigin);
		assert_noop!(Consent::revoke(none.clone(), id), DispatchError::BadOrigin);
		assert_noop!(
			Consent::record_access(
				none.clone(),
				id,
				RESEARCHER,
				DATASET,
				DataCategory::Variants,
				hmb_use()
			),
			DispatchError::BadOrigin
		);
		assert_noop!(Consent::remove(none, id), DispatchError::BadOrigin);
	});
}

// --- approve ---

fn irb_terms_approved_by_guardian() -> ConsentTermsOf<Test> {
	let mut terms = terms();
	terms.purpose.modifiers = modifiers(&[DuoModifier::EthicsApprovalRequired]);
	terms.approvers = BoundedVec::truncate_from(vec![GUARDIAN]);
	terms.approval_threshold = 1;
	terms
}

#[test]
fn irb_requires_the_ethics_committee_and_listed_approvers() {
	new_test_ext().execute_with(|| {
		let id = grant(irb_terms_approved_by_guardian());
		let record = Consents::<Test>::get(id).expect("stored");
		assert_eq!(record.status, ConsentStatus::PendingApproval);
		assert_eq!(
			record.pending_approvals.into_inner(),
			vec![Approver::Account(GUARDIAN), Approver::EthicsCommittee]
		);
		assert_eq!(state(id), ConsentState::PendingApproval);

		assert_ok!(Consent::approve(RuntimeOrigin::signed(GUARDIAN), id));
		assert_eq!(state(id), ConsentState::PendingApproval);
		assert_ok!(Consent::approve(RuntimeOrigin::root(), id));
		assert_eq!(state(id), ConsentState::Active);
		assert_eq!(
			events()[1..].to_vec(),
			vec![
				Event::ConsentApproved { consent_id: id, approver: Approver::Account(GUARDIAN) },
				Event::ConsentApproved { consent_id: id, approver: Approver::EthicsCommittee },
				Event::ConsentActivated { consent_id: id },
			]
		);
	});
}

#[test]
fn approve_refusals() {
	new_test_ext().execute_with(|| {
		let id = grant(irb_terms_approved_by_guardian());
		assert_noop!(
			Consent::approve(RuntimeOrigin::signed(OTHER), id),
			Error::<Test>::NotAnApprover
		);
		// The subject does not approve their own consent unless listed.
		assert_noop!(
			Consent::approve(RuntimeOrigin::signed(SUBJECT), id),
			Error::<Test>::NotAnApprover
		);
		assert_ok!(Consent::approve(RuntimeOrigin::signed(GUARDIAN), id));
		assert_noop!(
			Consent::approve(RuntimeOrigin::signed(GUARDIAN), id),
			Error::<Test>::NotAnApprover
		);
		assert_ok!(Consent::approve(RuntimeOrigin::root(), id));
		assert_noop!(
			Consent::approve(RuntimeOrigin::root(), id),
			Error::<Test>::NotPendingApproval
		);
		assert_noop!(
			Consent::approve(RuntimeOrigin::signed(GUARDIAN), 99),
			Error::<Test>::ConsentNotFound
		);
		// Without IRB the ethics committee has nothing to approve.
		let plain = grant(ConsentTermsOf::<Test> {
			approvers: BoundedVec::truncate_from(vec![GUARDIAN]),
			approval_threshold: 1,
			..terms()
		});
		assert_noop!(Consent::approve(RuntimeOrigin::root(), plain), Error::<Test>::NotAnApprover);
	});
}

// --- revoke ---

#[test]
fn revoke_by_the_subject_only_and_once() {
	new_test_ext().execute_with(|| {
		let id = grant(terms());
		assert_noop!(
			Consent::revoke(RuntimeOrigin::signed(OTHER), id),
			Error::<Test>::NotTheSubject
		);
		assert_noop!(
			Consent::revoke(RuntimeOrigin::signed(RESEARCHER), id),
			Error::<Test>::NotTheSubject
		);
		assert_noop!(
			Consent::revoke(RuntimeOrigin::signed(SUBJECT), 7),
			Error::<Test>::ConsentNotFound
		);
		System::set_block_number(5);
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(SUBJECT), id));
		assert_eq!(
			Consents::<Test>::get(id).map(|r| r.status),
			Some(ConsentStatus::Revoked { at: 5 })
		);
		assert_eq!(
			events().last(),
			Some(&Event::ConsentRevoked { consent_id: id, subject: SUBJECT })
		);
		assert_noop!(
			Consent::revoke(RuntimeOrigin::signed(SUBJECT), id),
			Error::<Test>::AlreadyRevoked
		);
	});
}

#[test]
fn a_pending_consent_can_be_revoked() {
	new_test_ext().execute_with(|| {
		let id = grant(irb_terms_approved_by_guardian());
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(SUBJECT), id));
		assert_eq!(state(id), ConsentState::Revoked);
		assert_noop!(
			Consent::approve(RuntimeOrigin::signed(GUARDIAN), id),
			Error::<Test>::NotPendingApproval
		);
	});
}

// --- record_access ---

#[test]
fn record_access_extends_the_running_hash() {
	new_test_ext().execute_with(|| {
		let id = grant(terms());
		System::set_block_number(3);
		assert_ok!(access(id, hmb_use()));
		assert_ok!(access(id, hmb_use()));
		let record = Consents::<Test>::get(id).expect("stored");
		assert_eq!(record.accesses, 2);
		let mut log = H256::zero();
		for index in 0u32..2 {
			let entry = (
				log,
				index,
				3u64,
				CUSTODIAN,
				RESEARCHER,
				DATASET,
				DataCategory::Variants,
				hmb_use(),
			);
			log = blake2_256(&entry.encode()).into();
		}
		assert_eq!(record.access_log, log);
		assert_eq!(
			events().last(),
			Some(&Event::AccessRecorded {
				consent_id: id,
				custodian: CUSTODIAN,
				accessor: RESEARCHER,
				dataset: DATASET,
				category: DataCategory::Variants,
				requested: hmb_use(),
				access_index: 1,
				access_log: log,
			})
		);
	});
}

#[test]
fn only_accredited_custodians_record_accesses() {
	new_test_ext().execute_with(|| {
		let id = grant(terms());
		let by = |custodian: u64| {
			Consent::record_access(
				RuntimeOrigin::signed(custodian),
				id,
				RESEARCHER,
				DATASET,
				DataCategory::Variants,
				hmb_use(),
			)
		};
		assert_noop!(by(OTHER), Error::<Test>::NotACustodian);
		// A researcher is no custodian.
		assert_noop!(by(RESEARCHER), Error::<Test>::NotACustodian);
		// Suspension or revocation in the registry ends the custodian's role.
		MapAccreditation::set(CUSTODIAN, Role::Custodian, false);
		assert_noop!(by(CUSTODIAN), Error::<Test>::NotACustodian);
		MapAccreditation::set(CUSTODIAN, Role::Custodian, true);
		assert_ok!(by(CUSTODIAN));
	});
}

#[test]
fn record_access_refuses_what_the_consent_does_not_cover() {
	new_test_ext().execute_with(|| {
		let id = grant(terms());
		let refused =
			|accessor: u64, dataset: DatasetId, category: DataCategory, error: Error<Test>| {
				assert_noop!(
					Consent::record_access(
						RuntimeOrigin::signed(CUSTODIAN),
						id,
						accessor,
						dataset,
						category,
						hmb_use()
					),
					error
				);
			};
		refused(OTHER, DATASET, DataCategory::Variants, Error::AccessorNotGrantee);
		refused(RESEARCHER, OTHER_DATASET, DataCategory::Variants, Error::DatasetNotCovered);
		refused(RESEARCHER, DATASET, DataCategory::Clinical, Error::CategoryNotCovered);
		assert_noop!(access(42, hmb_use()), Error::<Test>::ConsentNotFound);

		let open = grant(ConsentTermsOf::<Test> {
			grantee: Grantee::AnyAccreditedResearcher,
			scope: Scope {
				data: DataScope::AllData,
				categories: categories(&[DataCategory::Variants]),
			},
			..terms()
		});
		// Any dataset of the subject; any accredited researcher, and nobody else.
		assert_ok!(Consent::record_access(
			RuntimeOrigin::signed(CUSTODIAN),
			open,
			RESEARCHER,
			OTHER_DATASET,
			DataCategory::Variants,
			hmb_use()
		));
		assert_noop!(
			Consent::record_access(
				RuntimeOrigin::signed(CUSTODIAN),
				open,
				OTHER,
				DATASET,
				DataCategory::Variants,
				hmb_use()
			),
			Error::<Test>::AccessorNotAccreditedResearcher
		);
	});
}

#[test]
fn record_access_refuses_each_use_the_purpose_does_not_permit() {
	new_test_ext().execute_with(|| {
		let project = H256::repeat_byte(0x77);
		type Break = fn(&mut RequestedUse);
		let rows: [(Option<DuoModifier>, Break, Error<Test>); 17] = [
			(
				None,
				|u| u.purpose = DuoPermission::PopulationOriginsAncestry,
				Error::PurposeNotPermitted,
			),
			(None, |u| u.clinical_care = true, Error::ClinicalCareNotPermitted),
			(
				Some(DuoModifier::NonCommercialUse),
				|u| u.commercial = true,
				Error::CommercialUseNotPermitted,
			),
			(
				Some(DuoModifier::NotForProfitUse),
				|u| u.for_profit = true,
				Error::ForProfitRequesterNotPermitted,
			),
			(
				Some(DuoModifier::NotForProfitNonCommercialUse),
				|u| u.for_profit = true,
				Error::ForProfitRequesterNotPermitted,
			),
			(Some(DuoModifier::EthicsApprovalRequired), |_| {}, Error::EthicsApprovalMissing),
			(Some(DuoModifier::GeneticStudiesOnly), |_| {}, Error::NotAGeneticStudy),
			(Some(DuoModifier::PublicationRequired), |_| {}, Error::PublicationNotCommitted),
			(Some(DuoModifier::CollaborationRequired), |_| {}, Error::CollaborationNotCommitted),
			(Some(DuoModifier::ReturnToResource), |_| {}, Error::ReturnNotCommitted),
			(Some(DuoModifier::PublicationMoratorium), |_| {}, Error::MoratoriumNotAccepted),
			(
				Some(DuoModifier::GeographicalRestriction(RegionCode(*b"FR"))),
				|u| u.region = Some(RegionCode(*b"US")),
				Error::OutsideConsentedRegion,
			),
			(Some(DuoModifier::ProjectSpecific(project)), |_| {}, Error::OtherProject),
			(
				Some(DuoModifier::NoPopulationOriginsAncestry),
				|u| u.purpose = DuoPermission::PopulationOriginsAncestry,
				Error::AncestryResearchExcluded,
			),
			// A general research request includes ancestry research, so NPOA refuses it too.
			(
				Some(DuoModifier::NoPopulationOriginsAncestry),
				|u| u.purpose = DuoPermission::GeneralResearchUse,
				Error::AncestryResearchExcluded,
			),
			(
				Some(DuoModifier::ResearchSpecific(H256::repeat_byte(0x9a))),
				|u| u.research_type = Some(H256::repeat_byte(0x9b)),
				Error::OtherResearchType,
			),
			(
				Some(DuoModifier::NoGeneralMethodsResearch),
				|u| u.methods_research = true,
				Error::MethodsResearchExcluded,
			),
		];
		for (modifier, break_use, error) in rows {
			let mut consent_terms = terms();
			consent_terms.grantee = Grantee::Account(RESEARCHER);
			// GRU, so that NPOA is what refuses ancestry research rather than the permission.
			if modifier == Some(DuoModifier::NoPopulationOriginsAncestry) {
				consent_terms.purpose.permission = DuoPermission::GeneralResearchUse;
			}
			consent_terms.purpose.modifiers = modifiers(modifier.as_slice());
			let id = NextConsentId::<Test>::get();
			assert_ok!(Consent::do_grant(SUBJECT, consent_terms));
			if modifier == Some(DuoModifier::EthicsApprovalRequired) {
				assert_ok!(Consent::approve(RuntimeOrigin::root(), id));
			}
			let mut requested = hmb_use();
			break_use(&mut requested);
			assert_noop!(access(id, requested), error);
			assert_ok!(Consent::do_revoke(&SUBJECT, id));
			assert_ok!(Consent::do_remove(id));
		}
	});
}

#[test]
fn a_disease_specific_consent_covers_that_disease_only() {
	new_test_ext().execute_with(|| {
		let mut cancer = terms();
		cancer.purpose = DuoPurpose::new(DuoPermission::DiseaseSpecific(CANCER));
		let id = grant(cancer);
		assert_ok!(access(id, RequestedUse::research(DuoPermission::DiseaseSpecific(CANCER))));
		assert_noop!(
			access(id, RequestedUse::research(DuoPermission::DiseaseSpecific(DiseaseCode(5015)))),
			Error::<Test>::PurposeNotPermitted
		);
	});
}

#[test]
fn the_access_counter_does_not_wrap() {
	new_test_ext().execute_with(|| {
		let id = grant(terms());
		Consents::<Test>::mutate(id, |record| {
			if let Some(record) = record {
				record.accesses = u32::MAX;
			}
		});
		assert_noop!(access(id, hmb_use()), Error::<Test>::AccessLogFull);
	});
}

/// pending → active → expired, and active → revoked, with an access attempt at every stage.
#[test]
fn state_machine_with_access_attempts_at_every_stage() {
	new_test_ext().execute_with(|| {
		let mut consent_terms = irb_terms_approved_by_guardian();
		consent_terms.valid_from = 10;
		consent_terms.valid_until = Some(20);
		let mut approved_use = hmb_use();
		approved_use.ethics_approval = true;
		let id = grant(consent_terms.clone());

		assert_eq!(state(id), ConsentState::PendingApproval);
		assert_noop!(access(id, approved_use.clone()), Error::<Test>::ConsentPendingApproval);
		assert_ok!(Consent::approve(RuntimeOrigin::signed(GUARDIAN), id));
		assert_noop!(access(id, approved_use.clone()), Error::<Test>::ConsentPendingApproval);
		assert_ok!(Consent::approve(RuntimeOrigin::root(), id));

		assert_eq!(state(id), ConsentState::NotYetValid);
		assert_noop!(access(id, approved_use.clone()), Error::<Test>::ConsentNotYetValid);

		System::set_block_number(10);
		assert_eq!(state(id), ConsentState::Active);
		assert_ok!(access(id, approved_use.clone()));
		assert_noop!(access(id, hmb_use()), Error::<Test>::EthicsApprovalMissing);
		System::set_block_number(20);
		assert_ok!(access(id, approved_use.clone()));

		// Expiry needs no transaction.
		System::set_block_number(21);
		assert_eq!(state(id), ConsentState::Expired);
		assert_noop!(access(id, approved_use.clone()), Error::<Test>::ConsentExpired);

		// A second consent, revoked while active.
		let revoked =
			grant(ConsentTermsOf::<Test> { valid_from: 21, valid_until: None, ..terms() });
		assert_ok!(access(revoked, hmb_use()));
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(SUBJECT), revoked));
		assert_eq!(state(revoked), ConsentState::Revoked);
		assert_noop!(access(revoked, hmb_use()), Error::<Test>::ConsentRevoked);
		assert_eq!(Consents::<Test>::get(id).map(|r| r.accesses), Some(2));
	});
}

// --- remove ---

#[test]
fn remove_returns_the_deposit_and_empties_the_indexes() {
	new_test_ext().execute_with(|| {
		let id = grant(terms());
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(SUBJECT), id));
		// Anyone may clean up; the deposit goes back to the subject.
		assert_ok!(Consent::remove(RuntimeOrigin::signed(OTHER), id));
		assert!(!Consents::<Test>::contains_key(id));
		assert!(!ConsentsBySubject::<Test>::contains_key(SUBJECT));
		assert!(!ConsentsByGrantee::<Test>::contains_key(RESEARCHER));
		assert_eq!(held(SUBJECT), 0);
		assert_eq!(Balances::balance(&SUBJECT), INITIAL_BALANCE);
		assert_eq!(
			events().last(),
			Some(&Event::ConsentRemoved { consent_id: id, subject: SUBJECT })
		);
		assert_noop!(
			Consent::remove(RuntimeOrigin::signed(OTHER), id),
			Error::<Test>::ConsentNotFound
		);
	});
}

#[test]
fn remove_keeps_the_other_consents_indexed() {
	new_test_ext().execute_with(|| {
		let first = grant(terms());
		let second = grant(terms());
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(SUBJECT), first));
		assert_ok!(Consent::remove(RuntimeOrigin::signed(SUBJECT), first));
		assert_eq!(ConsentsBySubject::<Test>::get(SUBJECT).into_inner(), vec![second]);
		assert_eq!(ConsentsByGrantee::<Test>::get(RESEARCHER).into_inner(), vec![second]);
		assert_eq!(held(SUBJECT), expected_deposit(SUBJECT, &terms()));
	});
}

#[test]
fn an_expired_consent_can_be_removed_but_not_one_in_force() {
	new_test_ext().execute_with(|| {
		let active = grant(terms());
		let pending = grant(irb_terms_approved_by_guardian());
		let later = grant(ConsentTermsOf::<Test> { valid_from: 50, ..terms() });
		for id in [active, pending, later] {
			assert_noop!(
				Consent::remove(RuntimeOrigin::signed(OTHER), id),
				Error::<Test>::ConsentStillInForce
			);
		}
		System::set_block_number(101);
		assert_ok!(Consent::remove(RuntimeOrigin::signed(OTHER), active));
		// Still pending after its validity: not expired, so the subject revokes it first.
		assert_noop!(
			Consent::remove(RuntimeOrigin::signed(OTHER), pending),
			Error::<Test>::ConsentStillInForce
		);
	});
}

// --- reading: the runtime API helpers and the traits ---

#[test]
fn find_consent_returns_a_covering_consent_or_the_closest_refusal() {
	new_test_ext().execute_with(|| {
		let find = |accessor: u64, category: DataCategory, requested: RequestedUse| {
			Consent::find_consent(&accessor, &SUBJECT, &DATASET, category, &requested)
		};
		assert_eq!(
			find(RESEARCHER, DataCategory::Variants, hmb_use()),
			Err(AccessRefusal::ConsentNotFound)
		);

		let narrow = grant(terms());
		let commercial = RequestedUse { commercial: true, ..hmb_use() };
		assert_eq!(find(RESEARCHER, DataCategory::Variants, hmb_use()), Ok(narrow));
		assert_eq!(
			find(OTHER, DataCategory::Variants, hmb_use()),
			Err(AccessRefusal::NotTheGrantee)
		);
		assert_eq!(
			find(RESEARCHER, DataCategory::Clinical, hmb_use()),
			Err(AccessRefusal::CategoryNotCovered)
		);

		assert_ok!(Consent::revoke(RuntimeOrigin::signed(SUBJECT), narrow));
		assert_eq!(
			find(RESEARCHER, DataCategory::Variants, hmb_use()),
			Err(AccessRefusal::Revoked)
		);

		let mut ncu = terms();
		ncu.purpose.modifiers = modifiers(&[DuoModifier::NonCommercialUse]);
		let ncu = grant(ncu);
		// The NCU consent came further than the revoked one: its refusal is reported.
		assert_eq!(
			find(RESEARCHER, DataCategory::Variants, commercial),
			Err(AccessRefusal::UseNotPermitted(
				genochain_primitives::duo::UseRefusal::CommercialUse
			))
		);
		assert_eq!(find(RESEARCHER, DataCategory::Variants, hmb_use()), Ok(ncu));
	});
}

#[test]
fn consents_of_lists_every_consent_with_its_state() {
	new_test_ext().execute_with(|| {
		let active = grant(terms());
		let pending = grant(irb_terms_approved_by_guardian());
		let listed = Consent::consents_of(&SUBJECT);
		assert_eq!(listed.iter().map(|view| view.id).collect::<Vec<_>>(), vec![active, pending]);
		assert_eq!(listed[0].state, ConsentState::Active);
		assert_eq!(listed[0].terms, terms());
		assert_eq!(listed[1].state, ConsentState::PendingApproval);
		assert_eq!(
			listed[1].pending_approvals,
			vec![Approver::Account(GUARDIAN), Approver::EthicsCommittee]
		);
		assert!(Consent::consents_of(&OTHER).is_empty());
	});
}

#[test]
fn the_traits_act_as_the_calls_do() {
	new_test_ext().execute_with(|| {
		let id = <Consent as ConsentManage<_, _>>::grant_for(&SUBJECT, terms()).expect("granted");
		assert_eq!(held(SUBJECT), expected_deposit(SUBJECT, &terms()));
		let check = || {
			<Consent as ConsentInspect<_>>::check_access(
				id,
				&RESEARCHER,
				&DATASET,
				DataCategory::Variants,
				&hmb_use(),
			)
		};
		assert_eq!(check(), Ok(()));
		assert_noop!(
			<Consent as ConsentManage<_, _>>::revoke_for(&OTHER, id),
			Error::<Test>::NotTheSubject
		);
		assert_ok!(<Consent as ConsentManage<_, _>>::revoke_for(&SUBJECT, id));
		assert_eq!(check(), Err(AccessRefusal::Revoked));
		assert_eq!(
			<Consent as ConsentInspect<_>>::check_access(
				9,
				&RESEARCHER,
				&DATASET,
				DataCategory::Variants,
				&hmb_use()
			),
			Err(AccessRefusal::ConsentNotFound)
		);
	});
}

// --- erasure (Redactable) ---

mod erasure {
	use super::*;
	use genochain_primitives::redaction::{RecordRef, Redactable, RedactionError};

	#[test]
	fn erase_removes_a_live_consent_and_returns_its_deposit() {
		new_test_ext().execute_with(|| {
			let consent_id = grant(terms());
			assert!(held(SUBJECT) > 0);
			let erasure = <Consent as Redactable<u64>>::erase(&RecordRef::Consent(consent_id))
				.expect("erased");
			assert_eq!(erasure.records, vec![RecordRef::Consent(consent_id)]);
			assert!(erasure.custodians.is_empty());
			assert!(!erasure.incomplete);
			assert!(Consents::<Test>::get(consent_id).is_none());
			assert!(!ConsentsBySubject::<Test>::contains_key(SUBJECT));
			assert!(!ConsentsByGrantee::<Test>::contains_key(RESEARCHER));
			assert_eq!(held(SUBJECT), 0);
			assert_eq!(
				System::events().pop().map(|record| record.event),
				Some(Event::ConsentErased { consent_id }.into())
			);
			// Nothing covers an access any more.
			assert_noop!(access(consent_id, hmb_use()), Error::<Test>::ConsentNotFound);
		});
	}

	#[test]
	fn erase_refuses_unknown_consents_and_other_kinds() {
		new_test_ext().execute_with(|| {
			assert_eq!(
				<Consent as Redactable<u64>>::erase(&RecordRef::Consent(7)),
				Err(RedactionError::NotFound)
			);
			assert_eq!(
				<Consent as Redactable<u64>>::erase(&RecordRef::Study(0)),
				Err(RedactionError::NotOwned)
			);
			assert!(<Consent as Redactable<u64>>::owns(
				genochain_primitives::redaction::RecordKind::Consent
			));
			assert!(!<Consent as Redactable<u64>>::owns(
				genochain_primitives::redaction::RecordKind::Anchor
			));
		});
	}

	#[test]
	fn erase_subject_works_within_its_limit_and_says_what_is_left() {
		new_test_ext().execute_with(|| {
			let ids: Vec<_> = (0..3).map(|_| grant(terms())).collect();
			let first = <Consent as Redactable<u64>>::erase_subject(&SUBJECT, 2).expect("erased");
			assert_eq!(first.records, vec![RecordRef::Consent(ids[0]), RecordRef::Consent(ids[1])]);
			assert!(first.incomplete);
			assert_eq!(ConsentsBySubject::<Test>::get(SUBJECT).into_inner(), vec![ids[2]]);
			let rest = <Consent as Redactable<u64>>::erase_subject(&SUBJECT, 2).expect("erased");
			assert_eq!(rest.records, vec![RecordRef::Consent(ids[2])]);
			assert!(!rest.incomplete);
			assert_eq!(Consents::<Test>::iter().count(), 0);
			assert_eq!(held(SUBJECT), 0);
			// A subject with nothing left: nothing to do.
			assert_eq!(
				<Consent as Redactable<u64>>::erase_subject(&SUBJECT, 2).expect("nothing"),
				genochain_primitives::redaction::Erasure::none()
			);
		});
	}
}
