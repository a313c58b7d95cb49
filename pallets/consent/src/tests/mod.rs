//! Tests of the consent pallet, by call: `grant`, `revoke` and `remove` here, the others in a
//! file each; the helpers they share are here.

mod accessions;
mod approve;
mod datasets;
mod erasure;
mod inspect;
mod record_access;

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

const DOCUMENT: H256 = H256::repeat_byte(0xdc);
const CANCER: DiseaseCode = DiseaseCode(4992);

/// Runs `test` on a fresh mock chain, then checks the consents' invariants.
pub(super) fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		assert_eq!(Consent::check_consents(), Ok(()));
		assert_eq!(Consent::check_accessions(), Ok(()));
	});
}

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

/// The deposit of a consent of `subject` on `terms` naming an account as grantee: two items (the
/// record and the grantee's index entry) and the bytes of the record at its largest, of its
/// entries in the subject's and the grantee's indexes, and of the grantee as a recipient.
pub(super) fn expected_deposit(subject: u64, terms: &ConsentTermsOf<Test>) -> u64 {
	use codec::MaxEncodedLen;
	// Each listed approver is an account (9 bytes), the committee one byte.
	let ethics = terms.purpose.modifiers.requires_ethics_approval();
	let approvers = terms.approvers.len().saturating_mul(9).saturating_add(usize::from(ethics));
	let record: usize = [
		(subject, terms).encoded_size(),
		ConsentStatus::<u64>::max_encoded_len(),
		3, // three lists' length prefixes
		approvers,
		8,  // granted at
		4,  // accesses
		32, // access log
		<Test as Config>::Consideration::max_encoded_len(),
	]
	.into_iter()
	.sum();
	let subject_index = 8;
	let grantee_index = 16 + 8 + 8 + 8;
	let recipient = 8;
	let bytes = [record, subject_index, grantee_index, recipient].into_iter().sum();
	DepositPrice::convert(Footprint::from_parts(2, bytes))
}

/// The consents in `grantee`'s index, by id.
pub(super) fn grantee_index(grantee: u64) -> Vec<ConsentId> {
	let mut ids = ConsentsByGrantee::<Test>::iter_key_prefix(grantee).collect::<Vec<_>>();
	ids.sort();
	ids
}

/// The genome anchor of `subject`, for tests with many subjects.
fn genome_of(subject: u64) -> DatasetId {
	H256::from(polkadot_sdk::sp_io::hashing::blake2_256(&subject.encode()))
}

/// The variants of `dataset`.
fn scope_over(dataset: DatasetId) -> Scope {
	Scope { data: DataScope::Dataset(dataset), categories: categories(&[DataCategory::Variants]) }
}

use polkadot_sdk::{frame_support::traits::ConstU32, sp_runtime::DispatchResult};

// --- grant ---

#[test]
fn grant_holds_a_deposit_indexes_the_consent_and_activates_it() {
	run(|| {
		let id = grant(terms());
		assert_eq!(id, 0);
		assert_eq!(NextConsentId::<Test>::get(), 1);
		let deposit = expected_deposit(SUBJECT, &terms());
		assert!(deposit > 100);
		assert_eq!(held(SUBJECT), deposit);
		assert_eq!(Balances::balance(&SUBJECT), INITIAL_BALANCE - deposit);
		// And the fee of the tombstone an erasure of it would leave.
		assert_eq!(MapTombstones::paid_by(&SUBJECT), 1);
		assert_eq!(ConsentsBySubject::<Test>::get(SUBJECT).into_inner(), vec![id]);
		assert_eq!(grantee_index(RESEARCHER), vec![id]);
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
	run(|| {
		let id =
			grant(ConsentTermsOf::<Test> { grantee: Grantee::AnyAccreditedResearcher, ..terms() });
		assert_eq!(ConsentsBySubject::<Test>::get(SUBJECT).into_inner(), vec![id]);
		assert!(grantee_index(RESEARCHER).is_empty());
	});
}

#[test]
fn grant_refuses_invalid_terms() {
	run(|| {
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
	run(|| {
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
fn grant_refuses_when_the_subjects_index_is_full() {
	run(|| {
		for _ in 0..4 {
			grant(terms());
		}
		assert_noop!(
			Consent::grant(
				RuntimeOrigin::signed(SUBJECT),
				ConsentTermsOf::<Test> { grantee: Grantee::Account(GUARDIAN), ..terms() }
			),
			Error::<Test>::TooManyConsents
		);
	});
}

/// Nobody can lock a researcher out by naming it in many consents: a grantee's index has no
/// bound (each entry is paid for by its consent's deposit), and the grantee reads it by pages.
#[test]
fn consents_from_many_subjects_never_fill_a_grantees_index() {
	run(|| {
		let subjects = 1_000..1_250u64;
		for subject in subjects.clone() {
			<Balances as polkadot_sdk::frame_support::traits::fungible::Mutate<u64>>::set_balance(
				&subject,
				INITIAL_BALANCE,
			);
			MapDatasets::insert(genome_of(subject), subject, Some(CUSTODIAN));
			for _ in 0..4 {
				let terms =
					ConsentTermsOf::<Test> { scope: scope_over(genome_of(subject)), ..terms() };
				assert_ok!(Consent::grant(RuntimeOrigin::signed(subject), terms));
			}
		}
		// The subject's own consent to the researcher still goes through.
		let own = grant(terms());
		let index = grantee_index(RESEARCHER);
		assert_eq!(index.len(), 1_001);
		assert!(index.contains(&own));

		// Read by pages, every consent once.
		let mut read = Vec::new();
		let mut after = None;
		loop {
			let page = Consent::consents_to(&RESEARCHER, after, 300);
			assert!(page.len() <= crate::MAX_CONSENTS_PAGE as usize);
			let Some(last) = page.last() else { break };
			after = Some(last.id);
			read.extend(page.iter().map(|view| view.id));
		}
		read.sort();
		let mut all = index;
		all.sort();
		assert_eq!(read, all);
		assert!(Consent::consents_to(&OTHER, None, 10).is_empty());
	});
}
#[test]
fn grant_without_funds_for_the_deposit_changes_nothing() {
	run(|| {
		MapDatasets::insert(DATASET, PAUPER, Some(CUSTODIAN));
		assert_noop!(
			Consent::grant(RuntimeOrigin::signed(PAUPER), terms()),
			DispatchError::Token(TokenError::FundsUnavailable)
		);
		assert_eq!(NextConsentId::<Test>::get(), 0);
	});
}

#[test]
fn calls_need_a_signed_origin() {
	run(|| {
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
	run(|| {
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
	run(|| {
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
	run(|| {
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
	run(|| {
		let id = grant(irb_terms_approved_by_guardian());
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(SUBJECT), id));
		assert_eq!(state(id), ConsentState::Revoked);
		assert_noop!(
			Consent::approve(RuntimeOrigin::signed(GUARDIAN), id),
			Error::<Test>::NotPendingApproval
		);
	});
}

// --- remove ---

#[test]
fn remove_returns_the_deposit_and_empties_the_indexes() {
	run(|| {
		let id = grant(terms());
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(SUBJECT), id));
		// Anyone may clean up; the deposit goes back to the subject.
		assert_ok!(Consent::remove(RuntimeOrigin::signed(OTHER), id));
		assert!(!Consents::<Test>::contains_key(id));
		assert!(!ConsentsBySubject::<Test>::contains_key(SUBJECT));
		assert!(grantee_index(RESEARCHER).is_empty());
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
	run(|| {
		let first = grant(terms());
		let second = grant(terms());
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(SUBJECT), first));
		assert_ok!(Consent::remove(RuntimeOrigin::signed(SUBJECT), first));
		assert_eq!(ConsentsBySubject::<Test>::get(SUBJECT).into_inner(), vec![second]);
		assert_eq!(grantee_index(RESEARCHER), vec![second]);
		assert_eq!(held(SUBJECT), expected_deposit(SUBJECT, &terms()));
	});
}

#[test]
fn an_expired_consent_can_be_removed_but_not_one_in_force() {
	run(|| {
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
