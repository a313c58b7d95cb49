//! The consent journey on the development genesis, through the real origins: a guardian acting
//! for a subject through a consent-only proxy, the Ethics Committee approving by motion, the
//! Council suspending a custodian by motion, and the runtime API answers.

#![allow(clippy::arithmetic_side_effects)]

use crate::{
	configs::{CouncilInstance, EthicsCommitteeInstance, ProxyType},
	dev_chain::{
		anchored, dev_chain, dev_custodian as custodian, dev_researcher as researcher, pass_motion,
	},
	genesis_config_presets::{DEV_CUSTODIAN, DEV_LAB, DEV_RESEARCHER},
	AccountId, Consent, Proxy, Registry, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, System,
};
use genochain_primitives::{
	anchor::anchor_id,
	consent::{
		AccessRefusal, Approver, ConsentState, ConsentTerms, DataCategory, DataScope, DatasetId,
		Grantee, Role, Scope,
	},
	duo::{DuoModifier, DuoModifiers, DuoPermission, DuoPurpose, RequestedUse},
	traits::Accreditation,
};
use pallet_consent_runtime_api::runtime_decl_for_consent_api::ConsentApiV2;
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, traits::UnfilteredDispatchable},
	sp_core::{sr25519, Pair, H256},
	sp_io::TestExternalities,
	sp_keyring::Sr25519Keyring::{self, *},
	sp_runtime::{BoundedVec, DispatchError},
	*,
};

/// The fingerprint root of Bob's genome, anchored by [`bobs_chain`] with the development
/// custodian keeping it.
pub(crate) const BOBS_ROOT: H256 = H256::repeat_byte(0xd5);

/// Bob's genome: the dataset his consents name.
pub(crate) fn bobs_genome() -> DatasetId {
	anchor_id(&Bob.to_account_id(), &BOBS_ROOT)
}

/// The development chain with Bob's genome anchored.
fn bobs_chain() -> TestExternalities {
	let mut chain = dev_chain();
	chain.execute_with(|| {
		anchored(&Bob.to_account_id(), BOBS_ROOT[0]);
	});
	chain
}

fn signed(who: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.to_account_id())
}

/// HMB research on the variants of Bob's genome by the development researcher, with IRB.
pub(crate) fn irb_terms() -> ConsentTerms<AccountId, u32> {
	irb_terms_over(bobs_genome())
}

/// HMB research on the variants of `dataset` by the development researcher, with IRB.
pub(crate) fn irb_terms_over(dataset: DatasetId) -> ConsentTerms<AccountId, u32> {
	ConsentTerms {
		grantee: Grantee::Account(researcher()),
		scope: Scope {
			data: DataScope::Dataset(dataset),
			categories: [DataCategory::Variants]
				.into_iter()
				.collect::<std::collections::BTreeSet<_>>()
				.try_into()
				.expect("one category"),
		},
		purpose: DuoPurpose {
			permission: DuoPermission::HealthMedicalBiomedical,
			modifiers: DuoModifiers(BoundedVec::truncate_from(vec![
				DuoModifier::EthicsApprovalRequired,
			])),
		},
		valid_from: 0,
		valid_until: None,
		document_hash: H256::repeat_byte(0xdc),
		approvers: Default::default(),
		approval_threshold: 0,
	}
}

fn approved_use() -> RequestedUse {
	RequestedUse {
		ethics_approval: true,
		..RequestedUse::research(DuoPermission::HealthMedicalBiomedical)
	}
}

fn record_access() -> Result<(), DispatchError> {
	Consent::record_access(
		RuntimeOrigin::signed(custodian()),
		0,
		researcher(),
		bobs_genome(),
		DataCategory::Variants,
		approved_use(),
	)
}

fn proxy_result() -> Option<Result<(), DispatchError>> {
	System::events().into_iter().rev().find_map(|record| match record.event {
		RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result }) => Some(result),
		_ => None,
	})
}

#[test]
fn development_organisations_derive_from_the_development_phrase() {
	for (path, public) in
		[("//Lab", DEV_LAB), ("//Custodian", DEV_CUSTODIAN), ("//Researcher", DEV_RESEARCHER)]
	{
		let pair = sr25519::Pair::from_string(path, None).expect("a dev derivation");
		assert_eq!(pair.public().0, public, "{path}");
	}
	dev_chain().execute_with(|| {
		assert!(Registry::has_role(&DEV_LAB.into(), Role::Lab));
		assert!(Registry::has_role(&custodian(), Role::Custodian));
		assert!(Registry::has_role(&researcher(), Role::Researcher));
		assert!(!Registry::has_role(&researcher(), Role::Custodian));
	});
}

#[test]
fn a_guardian_grants_through_a_consent_proxy_and_nothing_else() {
	bobs_chain().execute_with(|| {
		// Ferdie is the guardian of Bob (the subject).
		assert_ok!(Proxy::add_proxy(
			signed(Bob),
			Ferdie.to_account_id().into(),
			ProxyType::Consent,
			0
		));
		let grant = RuntimeCall::Consent(pallet_consent::Call::grant { terms: irb_terms() });
		assert_ok!(Proxy::proxy(signed(Ferdie), Bob.to_account_id().into(), None, Box::new(grant)));
		assert_eq!(proxy_result(), Some(Ok(())));
		assert_eq!(Consent::consents_of(&Bob.to_account_id()).len(), 1);

		// Not a transfer, not even inside a batch.
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: Ferdie.to_account_id().into(),
			value: 1,
		});
		let call_filtered = Some(Err(frame_system::Error::<Runtime>::CallFiltered.into()));
		assert_ok!(Proxy::proxy(
			signed(Ferdie),
			Bob.to_account_id().into(),
			None,
			Box::new(transfer.clone())
		));
		assert_eq!(proxy_result(), call_filtered);
		let batch = RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: vec![transfer] });
		assert_ok!(Proxy::proxy(signed(Ferdie), Bob.to_account_id().into(), None, Box::new(batch)));
		assert!(matches!(proxy_result(), Some(Err(_))));

		// The guardian revokes for the subject.
		let revoke = RuntimeCall::Consent(pallet_consent::Call::revoke { consent_id: 0 });
		assert_ok!(Proxy::proxy(
			signed(Ferdie),
			Bob.to_account_id().into(),
			None,
			Box::new(revoke)
		));
		assert_eq!(proxy_result(), Some(Ok(())));
		assert_eq!(Consent::consents_of(&Bob.to_account_id())[0].state, ConsentState::Revoked);
	});
}

#[test]
fn the_ethics_committee_approves_by_majority_motion_only() {
	bobs_chain().execute_with(|| {
		assert_ok!(Consent::grant(signed(Bob), irb_terms()));
		assert_eq!(
			record_access(),
			Err(pallet_consent::Error::<Runtime>::ConsentPendingApproval.into())
		);
		let approve = || RuntimeCall::Consent(pallet_consent::Call::approve { consent_id: 0 });

		// Neither sudo, nor a member alone, nor a motion of one member stands for the committee.
		assert_noop!(
			approve().dispatch_bypass_filter(RuntimeOrigin::root()).map_err(|e| e.error),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Consent::approve(signed(Dave), 0),
			pallet_consent::Error::<Runtime>::NotAnApprover
		);
		assert_eq!(
			pass_motion!(EthicsCommittee, EthicsCommitteeInstance, Dave, &[Dave], approve()),
			Err(DispatchError::BadOrigin)
		);

		// Two of three members: a majority.
		assert_eq!(
			pass_motion!(EthicsCommittee, EthicsCommitteeInstance, Dave, &[Dave, Eve], approve()),
			Ok(())
		);
		assert_eq!(Consent::consents_of(&Bob.to_account_id())[0].state, ConsentState::Active);
		assert_ok!(record_access());
		assert_eq!(
			Consent::find_consent(
				&researcher(),
				&Bob.to_account_id(),
				&bobs_genome(),
				DataCategory::Variants,
				&approved_use(),
				None
			),
			Ok(0)
		);
	});
}

#[test]
fn two_of_three_approvers_and_the_committee_activate_and_a_committee_refusal_ends() {
	bobs_chain().execute_with(|| {
		// Bob asks Charlie, Dave and Ferdie, two of whom must approve, and the committee (IRB).
		let mut terms = irb_terms();
		terms.approvers = BoundedVec::truncate_from(vec![
			Charlie.to_account_id(),
			Dave.to_account_id(),
			Ferdie.to_account_id(),
		]);
		terms.approval_threshold = 2;
		assert_ok!(Consent::grant(signed(Bob), terms.clone()));
		assert_ok!(Consent::approve(signed(Charlie), 0));
		assert_ok!(Consent::reject(signed(Dave), 0));
		let view = Consent::consent(0).expect("kept");
		assert_eq!(view.state, ConsentState::PendingApproval);
		assert_eq!(view.approved_by, vec![Approver::Account(Charlie.to_account_id())]);
		assert_eq!(view.rejected_by, vec![Approver::Account(Dave.to_account_id())]);
		assert_eq!(
			view.pending_approvals,
			vec![Approver::Account(Ferdie.to_account_id()), Approver::EthicsCommittee]
		);
		assert_ok!(Consent::approve(signed(Ferdie), 0));
		let approve = RuntimeCall::Consent(pallet_consent::Call::approve { consent_id: 0 });
		assert_eq!(
			pass_motion!(EthicsCommittee, EthicsCommitteeInstance, Dave, &[Dave, Eve], approve),
			Ok(())
		);
		assert_eq!(Consent::consent(0).expect("kept").state, ConsentState::Active);
		assert_ok!(record_access());

		// The same terms again: the committee refuses by majority motion, and the consent ends.
		assert_ok!(Consent::grant(signed(Bob), terms));
		let reject = RuntimeCall::Consent(pallet_consent::Call::reject { consent_id: 1 });
		assert_eq!(
			pass_motion!(EthicsCommittee, EthicsCommitteeInstance, Dave, &[Dave, Eve], reject),
			Ok(())
		);
		assert!(Consent::consent(1).is_none());
		assert!(System::events().iter().any(|record| matches!(
			record.event,
			RuntimeEvent::Consent(pallet_consent::Event::ConsentRejected { consent_id: 1, .. })
		)));
	});
}

/// NPOA refuses every purpose that includes ancestry research; RS allows only its research type;
/// NMDS refuses methods research: each through the custodian's `record_access`.
#[test]
fn duo_npoa_rs_and_nmds_refuse_through_the_runtime() {
	bobs_chain().execute_with(|| {
		let gwas = H256::repeat_byte(0x9a);
		let mut terms = irb_terms();
		terms.purpose = DuoPurpose {
			permission: DuoPermission::NoRestriction,
			modifiers: DuoModifiers(BoundedVec::truncate_from(vec![
				DuoModifier::NoPopulationOriginsAncestry,
				DuoModifier::ResearchSpecific(gwas),
				DuoModifier::NoGeneralMethodsResearch,
			])),
		};
		assert_ok!(Consent::grant(signed(Bob), terms));
		let access = |requested: RequestedUse| {
			Consent::record_access(
				RuntimeOrigin::signed(custodian()),
				0,
				researcher(),
				bobs_genome(),
				DataCategory::Variants,
				requested,
			)
		};
		let gwas_use =
			|purpose| RequestedUse { research_type: Some(gwas), ..RequestedUse::research(purpose) };
		for purpose in [
			DuoPermission::GeneralResearchUse,
			DuoPermission::NoRestriction,
			DuoPermission::PopulationOriginsAncestry,
		] {
			assert_noop!(
				access(gwas_use(purpose)),
				pallet_consent::Error::<Runtime>::AncestryResearchExcluded
			);
		}
		assert_noop!(
			access(RequestedUse::research(DuoPermission::HealthMedicalBiomedical)),
			pallet_consent::Error::<Runtime>::OtherResearchType
		);
		let methods = RequestedUse {
			methods_research: true,
			..gwas_use(DuoPermission::HealthMedicalBiomedical)
		};
		assert_noop!(access(methods), pallet_consent::Error::<Runtime>::MethodsResearchExcluded);
		assert_ok!(access(gwas_use(DuoPermission::HealthMedicalBiomedical)));
	});
}

#[test]
fn the_council_suspends_a_custodian_by_motion() {
	bobs_chain().execute_with(|| {
		let mut terms = irb_terms();
		terms.purpose.modifiers = Default::default();
		assert_ok!(Consent::grant(signed(Bob), terms));
		assert_ok!(record_access());

		let suspend =
			RuntimeCall::Registry(pallet_registry::Call::suspend { organisation: custodian() });
		// One member of three is not two thirds.
		assert_eq!(
			pass_motion!(Council, CouncilInstance, Alice, &[Alice], suspend.clone()),
			Err(DispatchError::BadOrigin)
		);
		assert_eq!(pass_motion!(Council, CouncilInstance, Alice, &[Alice, Bob], suspend), Ok(()));
		assert_eq!(record_access(), Err(pallet_consent::Error::<Runtime>::NotACustodian.into()));
		assert_eq!(
			Consent::find_consent(
				&custodian(),
				&Bob.to_account_id(),
				&bobs_genome(),
				DataCategory::Variants,
				&approved_use(),
				None
			),
			Err(AccessRefusal::NotTheGrantee)
		);
	});
}

/// Accredits `who` as a custodian, as the Council would.
fn accredit_custodian(who: &AccountId) {
	let roles = [Role::Custodian].into_iter().collect::<std::collections::BTreeSet<_>>();
	assert_ok!(Registry::accredit(
		RuntimeOrigin::root(),
		who.clone(),
		roles.try_into().expect("one role"),
		H256::repeat_byte(0xac)
	));
}

/// Bob's consent over all his data covers none of Charlie's: not through the custodian's
/// `record_access`, not through the `checkAccess` runtime API; and only the custodian that keeps
/// a dataset records accesses to it.
#[test]
fn a_consent_of_one_subject_never_covers_another_subjects_genome() {
	bobs_chain().execute_with(|| {
		let charlies_genome = anchored(&Charlie.to_account_id(), 0xc0);
		let mut terms = irb_terms();
		terms.scope.data = DataScope::AllData;
		terms.purpose.modifiers = Default::default();
		assert_ok!(Consent::grant(signed(Bob), terms));
		// Nor can Bob name Charlie's genome in a consent.
		assert_noop!(
			Consent::grant(signed(Bob), irb_terms_over(charlies_genome)),
			pallet_consent::Error::<Runtime>::DatasetNotOfSubject
		);
		let access = |custodian: AccountId, dataset: DatasetId| {
			Consent::record_access(
				RuntimeOrigin::signed(custodian),
				0,
				researcher(),
				dataset,
				DataCategory::Variants,
				approved_use(),
			)
		};
		assert_noop!(
			access(custodian(), charlies_genome),
			pallet_consent::Error::<Runtime>::DatasetNotOfSubject
		);
		let check = |dataset: DatasetId| {
			<Runtime as ConsentApiV2<crate::Block, AccountId, u32>>::check_access(
				researcher(),
				Bob.to_account_id(),
				dataset,
				DataCategory::Variants,
				approved_use(),
			)
		};
		assert_eq!(check(charlies_genome), Err(AccessRefusal::DatasetNotOfSubject));
		assert_eq!(check(bobs_genome()), Ok(0));

		// Another accredited custodian does not keep Bob's genome.
		let hospital = Dave.to_account_id();
		accredit_custodian(&hospital);
		assert_noop!(
			access(hospital, bobs_genome()),
			pallet_consent::Error::<Runtime>::NotTheDatasetsCustodian
		);
		assert_ok!(access(custodian(), bobs_genome()));
	});
}

/// A hospital registers Bob's clinical records as an accession; Bob's guardian confirms it
/// through a consent proxy; Bob's consent over it then lets the hospital, and only it, record
/// accesses; Bob removes it and the hospital's deposit returns.
#[test]
fn an_accession_confirmed_by_a_guardian_is_the_subjects_dataset() {
	bobs_chain().execute_with(|| {
		let records = H256::repeat_byte(0xa1);
		let hospital = Dave.to_account_id();
		accredit_custodian(&hospital);
		assert_ok!(Consent::register_accession(
			RuntimeOrigin::signed(hospital.clone()),
			records,
			Bob.to_account_id()
		));
		let mut terms = irb_terms_over(records);
		terms.purpose.modifiers = Default::default();
		assert_noop!(
			Consent::grant(signed(Bob), terms.clone()),
			pallet_consent::Error::<Runtime>::UnknownDataset
		);
		assert_ok!(Proxy::add_proxy(
			signed(Bob),
			Ferdie.to_account_id().into(),
			ProxyType::Consent,
			0
		));
		let confirm =
			RuntimeCall::Consent(pallet_consent::Call::confirm_accession { dataset: records });
		assert_ok!(Proxy::proxy(
			signed(Ferdie),
			Bob.to_account_id().into(),
			None,
			Box::new(confirm)
		));
		assert_eq!(proxy_result(), Some(Ok(())));
		assert_ok!(Consent::grant(signed(Bob), terms));
		let access = |custodian: AccountId| {
			Consent::record_access(
				RuntimeOrigin::signed(custodian),
				0,
				researcher(),
				records,
				DataCategory::Variants,
				approved_use(),
			)
		};
		assert_noop!(
			access(custodian()),
			pallet_consent::Error::<Runtime>::NotTheDatasetsCustodian
		);
		assert_ok!(access(hospital.clone()));

		assert_ok!(Consent::remove_accession(signed(Bob), records));
		assert_eq!(
			<crate::Balances as frame_support::traits::fungible::InspectHold<_>>::balance_on_hold(
				&crate::RuntimeHoldReason::Consent(pallet_consent::HoldReason::AccessionDeposit),
				&hospital
			),
			0
		);
		assert_noop!(access(hospital), pallet_consent::Error::<Runtime>::UnknownDataset);
	});
}
