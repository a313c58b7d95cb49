//! `enroll`: the consent it grants and the enrolments it refuses.

use super::*;
use genochain_primitives::{
	anchor::{Attestation, ProvenanceRequirement},
	traits::{Accreditation, AnchorInspect},
};

#[test]
fn enroll_grants_the_studys_consent() {
	new_test_ext().execute_with(|| {
		let id = create(2);
		enrol(id, CONTRIBUTOR);
		let enrolment = Enrolments::<Test>::get(id, CONTRIBUTOR).expect("enrolled");
		assert_eq!(enrolment.anchor, genome_of(CONTRIBUTOR));
		assert_eq!(enrolment.status, EnrolmentStatus::Enrolled);
		let consent = MapConsents::<Test>::get(enrolment.consent).expect("granted");
		assert_eq!(consent.subject, CONTRIBUTOR);
		assert_eq!(consent.terms.grantee, Grantee::Account(RESEARCHER));
		assert_eq!(consent.terms.scope.data, DataScope::Dataset(genome_of(CONTRIBUTOR)));
		assert_eq!(consent.terms.scope.categories, terms(2).categories);
		assert_eq!(consent.terms.purpose, terms(2).purpose);
		assert_eq!(consent.terms.valid_from, 1);
		assert_eq!(consent.terms.valid_until, Some(DEADLINE + DELIVERY_WINDOW));
		assert_eq!(consent.terms.document_hash, terms(2).protocol);
		assert_eq!(EnrolmentsOf::<Test>::get(CONTRIBUTOR).into_inner(), vec![id]);
		assert_eq!(Studies::<Test>::get(id).expect("open").enrolled, 1);
		assert_eq!(
			last_event(),
			Event::ContributorEnrolled {
				study_id: id,
				contributor: CONTRIBUTOR,
				anchor: genome_of(CONTRIBUTOR),
				consent_id: enrolment.consent,
			}
			.into()
		);
		// Nothing moves until delivery, but the fees of the tombstones an erasure may leave: the
		// enrolment's and the earnings total's.
		assert_eq!(MapTombstones::paid_by(&CONTRIBUTOR), 2);
		assert_eq!(budget_held(RESEARCHER), 2 * SLOT);
		assert_eq!(DataMarket::check_escrow(), Ok(()));
	});
}

#[test]
fn enroll_refuses_missing_closed_late_and_full_studies() {
	new_test_ext().execute_with(|| {
		let enroll =
			|study, who: u64| DataMarket::enroll(RuntimeOrigin::signed(who), study, genome_of(who));
		assert_noop!(enroll(7, CONTRIBUTOR), Error::<Test>::StudyNotFound);
		let full = create(1);
		enrol(full, CONTRIBUTOR);
		assert_noop!(enroll(full, OTHER_CONTRIBUTOR), Error::<Test>::StudyFull);
		let closed = create(1);
		assert_ok!(DataMarket::close_study(RuntimeOrigin::root(), closed));
		assert_noop!(enroll(closed, CONTRIBUTOR), Error::<Test>::StudyNotFound);
		let closed_with_enrolment = create(2);
		enrol(closed_with_enrolment, OTHER_CONTRIBUTOR);
		deliver(closed_with_enrolment, OTHER_CONTRIBUTOR);
		assert_ok!(DataMarket::close_study(RuntimeOrigin::root(), closed_with_enrolment));
		assert_noop!(enroll(closed_with_enrolment, CONTRIBUTOR), Error::<Test>::StudyClosed);
		let late = create(1);
		System::set_block_number(DEADLINE + 1);
		assert_noop!(enroll(late, THIRD_CONTRIBUTOR), Error::<Test>::EnrolmentDeadlinePassed);
	});
}

#[test]
fn no_data_goes_to_a_researcher_no_longer_accredited() {
	new_test_ext().execute_with(|| {
		let id = create(2);
		enrol(id, CONTRIBUTOR);
		MapAccreditation::set(RESEARCHER, Role::Researcher, false);
		assert_noop!(
			DataMarket::enroll(
				RuntimeOrigin::signed(OTHER_CONTRIBUTOR),
				id,
				genome_of(OTHER_CONTRIBUTOR)
			),
			Error::<Test>::ResearcherNotAccredited
		);
		assert_noop!(
			DataMarket::confirm_delivery(RuntimeOrigin::signed(CUSTODIAN), id, CONTRIBUTOR),
			Error::<Test>::ResearcherNotAccredited
		);
		// Reinstated, the study goes on.
		MapAccreditation::set(RESEARCHER, Role::Researcher, true);
		deliver(id, CONTRIBUTOR);
	});
}

#[test]
fn enroll_refuses_anchors_that_do_not_fit() {
	new_test_ext().execute_with(|| {
		let id = create(3);
		let enroll = |anchor| DataMarket::enroll(RuntimeOrigin::signed(CONTRIBUTOR), id, anchor);
		assert_noop!(enroll(H256::repeat_byte(9)), Error::<Test>::AnchorNotFound);
		assert_noop!(enroll(genome_of(OTHER_CONTRIBUTOR)), Error::<Test>::NotTheAnchorSubject);
		let old = H256::repeat_byte(1);
		anchor(old, CONTRIBUTOR, Assembly::GRCh38, Some(CUSTODIAN));
		let mut superseded =
			<MapAnchors as genochain_primitives::traits::AnchorInspect<u64, u64>>::anchor(&old)
				.expect("anchored");
		superseded.superseded_by = Some(genome_of(CONTRIBUTOR));
		MapAnchors::insert(old, superseded);
		assert_noop!(enroll(old), Error::<Test>::AnchorSuperseded);
		let grch37 = H256::repeat_byte(2);
		anchor(grch37, CONTRIBUTOR, Assembly::GRCh37, Some(CUSTODIAN));
		assert_noop!(enroll(grch37), Error::<Test>::AssemblyMismatch);
		let unkept = H256::repeat_byte(3);
		anchor(unkept, CONTRIBUTOR, Assembly::GRCh38, None);
		assert_noop!(enroll(unkept), Error::<Test>::AnchorHasNoCustodian);
		enrol(id, CONTRIBUTOR);
		assert_noop!(enroll(genome_of(CONTRIBUTOR)), Error::<Test>::AlreadyEnrolled);
	});
}

#[test]
fn enroll_refuses_past_the_contributors_limit_or_when_consent_fails() {
	new_test_ext().execute_with(|| {
		for _ in 0..3 {
			let id = create(1);
			enrol(id, CONTRIBUTOR);
		}
		let fourth = create(1);
		assert_noop!(
			DataMarket::enroll(RuntimeOrigin::signed(CONTRIBUTOR), fourth, genome_of(CONTRIBUTOR)),
			Error::<Test>::TooManyEnrolments
		);
		MapConsents::<Test>::refuse_grants();
		assert_noop!(
			DataMarket::enroll(
				RuntimeOrigin::signed(OTHER_CONTRIBUTOR),
				fourth,
				genome_of(OTHER_CONTRIBUTOR)
			),
			DispatchError::Other("the mock refuses grants")
		);
	});
}

/// Anchors `root` as a version of `subject`'s genome that replaces `previous`, attested by `lab`
/// if any.
fn new_version(root: H256, subject: u64, previous: H256, lab: Option<u64>) {
	let read = |root| <MapAnchors as AnchorInspect<u64, u64>>::anchor(&root).expect("anchored");
	anchor(root, subject, Assembly::GRCh38, Some(CUSTODIAN));
	let mut genome = read(root);
	genome.previous = Some(previous);
	genome.attestation = lab.map(|lab| Attestation { lab, at: 1 });
	MapAnchors::insert(root, genome);
	let mut replaced = read(previous);
	replaced.superseded_by = Some(root);
	MapAnchors::insert(previous, replaced);
}

/// The abuse: a contributor paid for their genome enrols it again, and is paid from the study's
/// remaining slots. A study takes a contributor once, whatever became of the enrolment and
/// whichever anchor they bring.
#[test]
fn a_contributor_is_paid_once_by_a_study_whatever_they_enrol_again() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		let id = create(3);
		let enroll = |who: u64, genome| DataMarket::enroll(RuntimeOrigin::signed(who), id, genome);

		// After payout: the same anchor, a new version of it, another anchor of theirs.
		enrol(id, CONTRIBUTOR);
		deliver(id, CONTRIBUTOR);
		run_to(1 + DISPUTE_WINDOW);
		assert_eq!(Earned::<Test>::get(CONTRIBUTOR), Some(REWARD));
		assert_noop!(enroll(CONTRIBUTOR, genome_of(CONTRIBUTOR)), Error::<Test>::AlreadyEnrolled);
		let resalted = H256::repeat_byte(0x5a);
		new_version(resalted, CONTRIBUTOR, genome_of(CONTRIBUTOR), None);
		assert_noop!(enroll(CONTRIBUTOR, resalted), Error::<Test>::AlreadyEnrolled);
		let second = H256::repeat_byte(0x5b);
		anchor(second, CONTRIBUTOR, Assembly::GRCh38, Some(CUSTODIAN));
		assert_noop!(enroll(CONTRIBUTOR, second), Error::<Test>::AlreadyEnrolled);

		// After withdrawal: the slot is free again, but not for them.
		enrol(id, OTHER_CONTRIBUTOR);
		assert_ok!(DataMarket::withdraw(RuntimeOrigin::signed(OTHER_CONTRIBUTOR), id));
		assert_noop!(
			enroll(OTHER_CONTRIBUTOR, genome_of(OTHER_CONTRIBUTOR)),
			Error::<Test>::AlreadyEnrolled
		);

		// Through a superseding anchor while enrolled.
		enrol(id, THIRD_CONTRIBUTOR);
		let superseding = H256::repeat_byte(0x5c);
		new_version(superseding, THIRD_CONTRIBUTOR, genome_of(THIRD_CONTRIBUTOR), None);
		assert_noop!(enroll(THIRD_CONTRIBUTOR, superseding), Error::<Test>::AlreadyEnrolled);

		// Each enrolment left its note, with its deposit.
		for who in [CONTRIBUTOR, OTHER_CONTRIBUTOR, THIRD_CONTRIBUTOR] {
			assert!(Participants::<Test>::contains_key(who, id));
			assert_eq!(participation_held(who), PARTICIPATION_DEPOSIT);
		}
		let study = Studies::<Test>::get(id).expect("open");
		assert_eq!((study.owed_slots, study.enrolled, study.free_slots()), (2, 1, 1));
		assert_escrow(issuance);
	});
}

/// Self-asserted anchors cost nothing to make: a study can take only genomes a lab vouches for.
#[test]
fn a_study_requiring_attested_genomes_takes_only_those_of_an_accredited_lab() {
	new_test_ext().execute_with(|| {
		let mut attested_only = terms(3);
		attested_only.provenance = ProvenanceRequirement::Attested;
		assert_ok!(DataMarket::create_study(RuntimeOrigin::signed(RESEARCHER), attested_only));
		let enroll = |who: u64, genome| DataMarket::enroll(RuntimeOrigin::signed(who), 0, genome);
		assert_noop!(enroll(CONTRIBUTOR, genome_of(CONTRIBUTOR)), Error::<Test>::AnchorNotAttested);
		MapAccreditation::set(LAB, Role::Lab, true);
		let attested = H256::repeat_byte(0xa7);
		new_version(attested, CONTRIBUTOR, genome_of(CONTRIBUTOR), Some(LAB));
		assert_ok!(enroll(CONTRIBUTOR, attested));
		// A lab that is suspended, or never was accredited, vouches for nothing.
		let by_stranger = H256::repeat_byte(0xa8);
		new_version(by_stranger, OTHER_CONTRIBUTOR, genome_of(OTHER_CONTRIBUTOR), Some(CUSTODIAN));
		assert_noop!(enroll(OTHER_CONTRIBUTOR, by_stranger), Error::<Test>::AnchorNotAttested);
		let by_suspended = H256::repeat_byte(0xa9);
		new_version(by_suspended, THIRD_CONTRIBUTOR, genome_of(THIRD_CONTRIBUTOR), Some(LAB));
		assert_ok!(<MapAccreditation as Accreditation<u64>>::suspend(&LAB));
		assert_noop!(enroll(THIRD_CONTRIBUTOR, by_suspended), Error::<Test>::AnchorNotAttested);
	});
}
