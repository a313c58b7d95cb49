//! Accessions: a custodian registers one for a subject with a deposit, the subject confirms it,
//! and either removes it; until confirmed no consent may name it.

use super::*;

/// A hospital's accession of the subject's clinical records.
const RECORDS: DatasetId = H256::repeat_byte(0xa1);

fn register(custodian: u64, dataset: DatasetId, subject: u64) -> DispatchResult {
	Consent::register_accession(RuntimeOrigin::signed(custodian), dataset, subject)
}

fn accession_deposit(custodian: u64) -> u64 {
	Balances::balance_on_hold(&AccessionHoldReason::get(), &custodian)
}

fn over_records() -> ConsentTermsOf<Test> {
	let mut terms = terms();
	terms.scope = Scope {
		data: DataScope::Dataset(RECORDS),
		categories: categories(&[DataCategory::Clinical]),
	};
	terms
}

fn clinical_access(custodian: u64, consent_id: ConsentId) -> DispatchResult {
	Consent::record_access(
		RuntimeOrigin::signed(custodian),
		consent_id,
		RESEARCHER,
		RECORDS,
		DataCategory::Clinical,
		hmb_use(),
	)
}

#[test]
fn a_confirmed_accession_is_a_dataset_of_its_subject_kept_by_its_custodian() {
	run(|| {
		assert_ok!(register(HOSPITAL, RECORDS, SUBJECT));
		let deposit =
			DepositPrice::convert(Footprint::from_encodable((&RECORDS, &SUBJECT, &HOSPITAL)));
		assert_eq!(accession_deposit(HOSPITAL), deposit);
		assert_eq!(MapTombstones::paid_by(&HOSPITAL), 1, "the fee of its tombstone");
		assert_eq!(AccessionsBySubject::<Test>::get(SUBJECT).into_inner(), vec![RECORDS]);
		assert_eq!(
			events().pop(),
			Some(Event::AccessionRegistered {
				dataset: RECORDS,
				subject: SUBJECT,
				custodian: HOSPITAL
			})
		);
		// Not the subject's until confirmed.
		assert_noop!(
			Consent::grant(RuntimeOrigin::signed(SUBJECT), over_records()),
			Error::<Test>::UnknownDataset
		);
		assert_eq!(Consent::dataset(&RECORDS), Err(AccessRefusal::UnknownDataset));

		assert_ok!(Consent::confirm_accession(RuntimeOrigin::signed(SUBJECT), RECORDS));
		assert_eq!(
			events().pop(),
			Some(Event::AccessionConfirmed { dataset: RECORDS, subject: SUBJECT })
		);
		let id = grant(over_records());
		assert_ok!(clinical_access(HOSPITAL, id));
		// The genome's custodian does not keep the hospital's records.
		assert_noop!(clinical_access(CUSTODIAN, id), Error::<Test>::NotTheDatasetsCustodian);
	});
}

#[test]
fn register_accession_refusals() {
	run(|| {
		assert_noop!(register(RESEARCHER, RECORDS, SUBJECT), Error::<Test>::NotACustodian);
		// A genome anchor's id, or another accession's, is taken.
		assert_noop!(register(HOSPITAL, DATASET, SUBJECT), Error::<Test>::DatasetTaken);
		assert_ok!(register(HOSPITAL, RECORDS, SUBJECT));
		assert_noop!(register(CUSTODIAN, RECORDS, OTHER), Error::<Test>::DatasetTaken);
		// The subject's index holds three.
		for byte in [0xa2, 0xa3] {
			assert_ok!(register(HOSPITAL, H256::repeat_byte(byte), SUBJECT));
		}
		assert_noop!(
			register(HOSPITAL, H256::repeat_byte(0xa4), SUBJECT),
			Error::<Test>::TooManyAccessions
		);
		// A custodian without funds for the deposit.
		MapAccreditation::set(PAUPER, Role::Custodian, true);
		assert_noop!(
			register(PAUPER, H256::repeat_byte(0xa5), OTHER),
			DispatchError::Token(TokenError::FundsUnavailable)
		);
		assert_noop!(
			Consent::register_accession(RuntimeOrigin::none(), RECORDS, SUBJECT),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn confirm_accession_refusals() {
	run(|| {
		let confirm = |who: u64| Consent::confirm_accession(RuntimeOrigin::signed(who), RECORDS);
		assert_noop!(confirm(SUBJECT), Error::<Test>::AccessionNotFound);
		assert_ok!(register(HOSPITAL, RECORDS, SUBJECT));
		// Neither another subject nor the custodian confirms for the subject.
		assert_noop!(confirm(OTHER), Error::<Test>::NotTheSubject);
		assert_noop!(confirm(HOSPITAL), Error::<Test>::NotTheSubject);
		assert_ok!(confirm(SUBJECT));
		assert_noop!(confirm(SUBJECT), Error::<Test>::AccessionAlreadyConfirmed);
	});
}

#[test]
fn the_subject_or_the_custodian_removes_an_accession_and_its_consents_cover_nothing() {
	run(|| {
		let remove = |who: u64, dataset: DatasetId| {
			Consent::remove_accession(RuntimeOrigin::signed(who), dataset)
		};
		assert_noop!(remove(SUBJECT, RECORDS), Error::<Test>::AccessionNotFound);
		assert_ok!(register(HOSPITAL, RECORDS, SUBJECT));
		assert_ok!(Consent::confirm_accession(RuntimeOrigin::signed(SUBJECT), RECORDS));
		let id = grant(over_records());
		assert_noop!(remove(OTHER, RECORDS), Error::<Test>::NotSubjectOrCustodian);
		assert_noop!(remove(CUSTODIAN, RECORDS), Error::<Test>::NotSubjectOrCustodian);

		// The subject refuses it: the deposit goes back to the custodian.
		assert_ok!(remove(SUBJECT, RECORDS));
		assert_eq!(events().pop(), Some(Event::AccessionRemoved { dataset: RECORDS, by: SUBJECT }));
		assert_eq!(accession_deposit(HOSPITAL), 0);
		assert!(!AccessionsBySubject::<Test>::contains_key(SUBJECT));
		assert_noop!(clinical_access(HOSPITAL, id), Error::<Test>::UnknownDataset);

		// The custodian may remove one it no longer keeps, confirmed or not.
		assert_ok!(register(HOSPITAL, RECORDS, SUBJECT));
		assert_ok!(remove(HOSPITAL, RECORDS));
		assert_eq!(accession_deposit(HOSPITAL), 0);
	});
}
