//! Erasure of studies, enrolments and earnings by the redaction pallet.

use super::*;
use genochain_primitives::redaction::{Erasure, RecordRef, Redactable, RedactionError};

fn erase(record: RecordRef<u64>) -> Result<Erasure<u64>, RedactionError> {
	<DataMarket as Redactable<u64>>::erase(&record)
}

fn enrolment(study: StudyId, contributor: u64) -> RecordRef<u64> {
	RecordRef::Enrolment { study, contributor }
}

#[test]
fn an_undelivered_enrolment_is_withdrawn_and_removed() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		let id = create(2);
		enrol(id, CONTRIBUTOR);
		let consent = consent_of(id, CONTRIBUTOR);
		assert!(<DataMarket as Redactable<u64>>::contains(&enrolment(id, CONTRIBUTOR)));
		let erasure = erase(enrolment(id, CONTRIBUTOR)).expect("erased");
		assert_eq!(erasure.records, vec![enrolment(id, CONTRIBUTOR)]);
		assert!(erasure.retained.is_empty());
		assert!(!Enrolments::<Test>::contains_key(id, CONTRIBUTOR));
		assert!(!EnrolmentsOf::<Test>::contains_key(CONTRIBUTOR));
		// Revoked only: the consent pallet erases it with the subject's other consents, and
		// leaves its tombstone.
		assert_eq!(MapConsents::<Test>::state(consent), Some(ConsentState::Revoked));
		assert_eq!(Studies::<Test>::get(id).expect("open").free_slots(), 2);
		assert_eq!(last_event(), Event::EnrolmentErased { study_id: id }.into());
		assert_eq!(erase(enrolment(id, CONTRIBUTOR)), Err(RedactionError::NotFound));
		assert!(!<DataMarket as Redactable<u64>>::contains(&enrolment(id, CONTRIBUTOR)));
		assert_escrow(issuance);
	});
}

#[test]
fn an_owed_delivery_is_kept_paid_in_full_and_then_leaves_no_trace() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		let paid = create(2);
		enrol(paid, CONTRIBUTOR);
		deliver(paid, CONTRIBUTOR);
		run_to(1 + DISPUTE_WINDOW);
		assert_eq!(Earned::<Test>::get(CONTRIBUTOR), Some(REWARD));
		let owed = create(2);
		let disputed = create(2);
		let withdrawn = create(2);
		for study in [owed, disputed, withdrawn] {
			enrol(study, CONTRIBUTOR);
		}
		deliver(owed, CONTRIBUTOR);
		deliver(disputed, CONTRIBUTOR);
		dispute(disputed, CONTRIBUTOR, H256::repeat_byte(1));

		let erasure =
			<DataMarket as Redactable<u64>>::erase_subject(&CONTRIBUTOR, 10).expect("erased");
		assert_eq!(
			erasure.records,
			vec![RecordRef::Earnings(CONTRIBUTOR), enrolment(withdrawn, CONTRIBUTOR)]
		);
		assert_eq!(
			erasure.retained,
			vec![enrolment(owed, CONTRIBUTOR), enrolment(disputed, CONTRIBUTOR)]
		);
		assert!(!erasure.incomplete);
		assert_eq!(Earned::<Test>::get(CONTRIBUTOR), None);
		assert!(Enrolments::<Test>::get(owed, CONTRIBUTOR).expect("kept").erasure_requested);

		// Paid as usual, the researcher's dispute window intact, and forgotten.
		let balance = Balances::balance(&CONTRIBUTOR);
		run_to(2 + 2 * DISPUTE_WINDOW);
		assert_eq!(Balances::balance(&CONTRIBUTOR), balance + REWARD);
		assert_ok!(DataMarket::resolve_dispute(
			RuntimeOrigin::signed(ETHICS),
			disputed,
			CONTRIBUTOR,
			DisputeVerdict::PayContributor
		));
		// With the bond of the dispute the contributor won.
		assert_eq!(Balances::balance(&CONTRIBUTOR), balance + 2 * REWARD + BOND);
		assert_eq!(Earned::<Test>::get(CONTRIBUTOR), None);
		assert!(!EnrolmentsOf::<Test>::contains_key(CONTRIBUTOR));
		assert!(Enrolments::<Test>::iter().all(|(_, who, _)| who != CONTRIBUTOR));
		assert_escrow(issuance);
	});
}

#[test]
fn an_earnings_total_is_erased_by_record() {
	new_test_ext().execute_with(|| {
		let id = create(1);
		enrol(id, CONTRIBUTOR);
		deliver(id, CONTRIBUTOR);
		run_to(1 + DISPUTE_WINDOW);
		let earnings = RecordRef::Earnings(CONTRIBUTOR);
		assert!(<DataMarket as Redactable<u64>>::contains(&earnings));
		assert_eq!(
			erase(earnings.clone()).map(|erasure| erasure.records),
			Ok(vec![earnings.clone()])
		);
		assert_eq!(Earned::<Test>::get(CONTRIBUTOR), None);
		assert_eq!(erase(earnings), Err(RedactionError::NotFound));
	});
}

#[test]
fn erase_subject_stops_at_its_limit_and_finishes_later() {
	new_test_ext().execute_with(|| {
		let studies = [create(1), create(1), create(1)];
		for study in studies {
			enrol(study, CONTRIBUTOR);
		}
		let first =
			<DataMarket as Redactable<u64>>::erase_subject(&CONTRIBUTOR, 2).expect("erased");
		assert_eq!(first.records.len(), 2);
		assert!(first.incomplete);
		// What is left stays visible in the index.
		assert_eq!(EnrolmentsOf::<Test>::get(CONTRIBUTOR).into_inner(), vec![studies[2]]);
		let rest = <DataMarket as Redactable<u64>>::erase_subject(&CONTRIBUTOR, 2).expect("erased");
		assert_eq!(rest.records, vec![enrolment(studies[2], CONTRIBUTOR)]);
		assert!(!rest.incomplete);
	});
}

#[test]
fn a_study_is_erased_with_its_enrolments_refunded() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		let free = Balances::balance(&RESEARCHER);
		let id = create(3);
		enrol(id, CONTRIBUTOR);
		let consent = consent_of(id, CONTRIBUTOR);
		let erasure = erase(RecordRef::Study(id)).expect("erased");
		assert_eq!(erasure.records, vec![RecordRef::Study(id)]);
		assert!(!Studies::<Test>::contains_key(id));
		assert!(!Enrolments::<Test>::contains_key(id, CONTRIBUTOR));
		assert_eq!(MapConsents::<Test>::state(consent), None, "the consent ended");
		assert_eq!(Balances::balance(&RESEARCHER), free);
		assert_eq!(budget_held(RESEARCHER) + deposit_held(RESEARCHER), 0);
		assert_eq!(last_event(), Event::StudyErased { study_id: id }.into());
		assert_eq!(erase(RecordRef::Study(id)), Err(RedactionError::NotFound));
		assert_escrow(issuance);
	});
}

#[test]
fn a_study_owing_a_delivery_is_not_erased() {
	new_test_ext().execute_with(|| {
		let id = create(2);
		enrol(id, CONTRIBUTOR);
		enrol(id, OTHER_CONTRIBUTOR);
		deliver(id, CONTRIBUTOR);
		let before = polkadot_sdk::sp_io::storage::root(polkadot_sdk::sp_runtime::StateVersion::V1);
		assert_eq!(
			erase(RecordRef::Study(id)),
			Err(RedactionError::Failed(Error::<Test>::StudyOwesDeliveries.into()))
		);
		assert_eq!(
			polkadot_sdk::sp_io::storage::root(polkadot_sdk::sp_runtime::StateVersion::V1),
			before
		);
		assert_eq!(erase(RecordRef::Consent(1)), Err(RedactionError::NotOwned));
	});
}
