//! `record_access`: what a consent covers, the running hash over the accesses, and the state
//! machine seen through access attempts.

use super::*;

#[test]
fn record_access_extends_the_running_hash() {
	run(|| {
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
	run(|| {
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
	run(|| {
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
	run(|| {
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
	run(|| {
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
	run(|| {
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
	run(|| {
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

#[test]
fn every_accessor_is_kept_as_a_recipient_and_the_list_is_bounded() {
	run(|| {
		let id =
			grant(ConsentTermsOf::<Test> { grantee: Grantee::AnyAccreditedResearcher, ..terms() });
		let by = |accessor: u64| {
			Consent::record_access(
				RuntimeOrigin::signed(CUSTODIAN),
				id,
				accessor,
				DATASET,
				DataCategory::Variants,
				hmb_use(),
			)
		};
		for researcher in [RESEARCHER, OTHER, NURSE_RESEARCHER] {
			MapAccreditation::set(researcher, Role::Researcher, true);
		}
		assert_ok!(by(RESEARCHER));
		assert_ok!(by(RESEARCHER));
		assert_ok!(by(OTHER));
		assert_eq!(Recipients::<Test>::get(SUBJECT).into_inner(), vec![RESEARCHER, OTHER]);
		// The chain could not ask a third to delete the data: it refuses the release.
		assert_noop!(by(NURSE_RESEARCHER), Error::<Test>::TooManyRecipients);
		// The recipients stay when the consent goes.
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(SUBJECT), id));
		assert_ok!(Consent::remove(RuntimeOrigin::signed(OTHER), id));
		assert_eq!(Recipients::<Test>::get(SUBJECT).into_inner(), vec![RESEARCHER, OTHER]);
	});
}

/// A third accredited researcher.
const NURSE_RESEARCHER: u64 = 9;
