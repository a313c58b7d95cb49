//! Erasure through `Redactable`: consents and accessions go whatever their state, their deposits
//! return, and the custodians that keep the data are named.

use super::*;
use genochain_primitives::redaction::{RecordRef, Redactable, RedactionError};

#[test]
fn erase_removes_a_live_consent_and_returns_its_deposit() {
	run(|| {
		let consent_id = grant(terms());
		assert!(held(SUBJECT) > 0);
		let erasure =
			<Consent as Redactable<u64>>::erase(&RecordRef::Consent(consent_id)).expect("erased");
		assert_eq!(erasure.records, vec![RecordRef::Consent(consent_id)]);
		assert!(erasure.custodians.is_empty());
		assert!(!erasure.incomplete);
		assert!(Consents::<Test>::get(consent_id).is_none());
		assert!(!ConsentsBySubject::<Test>::contains_key(SUBJECT));
		assert!(grantee_index(RESEARCHER).is_empty());
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
	run(|| {
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
	run(|| {
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

#[test]
fn erase_removes_an_accession_and_names_its_custodian() {
	run(|| {
		let records = H256::repeat_byte(0xa1);
		assert_ok!(Consent::register_accession(RuntimeOrigin::signed(HOSPITAL), records, SUBJECT));
		let erasure =
			<Consent as Redactable<u64>>::erase(&RecordRef::Accession(records)).expect("erased");
		assert_eq!(erasure.records, vec![RecordRef::Accession(records)]);
		assert_eq!(erasure.custodians, vec![HOSPITAL]);
		assert!(!Accessions::<Test>::contains_key(records));
		assert!(!AccessionsBySubject::<Test>::contains_key(SUBJECT));
		assert_eq!(Balances::balance_on_hold(&AccessionHoldReason::get(), &HOSPITAL), 0);
		assert_eq!(
			System::events().pop().map(|record| record.event),
			Some(Event::AccessionErased { dataset: records }.into())
		);
		assert_eq!(
			<Consent as Redactable<u64>>::erase(&RecordRef::Accession(records)),
			Err(RedactionError::NotFound)
		);
		assert!(<Consent as Redactable<u64>>::owns(
			genochain_primitives::redaction::RecordKind::Accession
		));
	});
}

#[test]
fn erase_subject_takes_the_consents_then_the_accessions_within_its_limit() {
	run(|| {
		let consent = grant(terms());
		let (first, second) = (H256::repeat_byte(0xa1), H256::repeat_byte(0xa2));
		for (custodian, records) in [(HOSPITAL, first), (CUSTODIAN, second)] {
			assert_ok!(Consent::register_accession(
				RuntimeOrigin::signed(custodian),
				records,
				SUBJECT
			));
		}
		let erased = <Consent as Redactable<u64>>::erase_subject(&SUBJECT, 2).expect("erased");
		assert_eq!(erased.records, vec![RecordRef::Consent(consent), RecordRef::Accession(first)]);
		assert_eq!(erased.custodians, vec![HOSPITAL]);
		assert!(erased.incomplete);
		let rest = <Consent as Redactable<u64>>::erase_subject(&SUBJECT, 2).expect("erased");
		assert_eq!(rest.records, vec![RecordRef::Accession(second)]);
		assert_eq!(rest.custodians, vec![CUSTODIAN]);
		assert!(!rest.incomplete);
		assert_eq!(Accessions::<Test>::iter().count(), 0);
	});
}

#[test]
fn erasure_names_every_recipient_of_the_subjects_data() {
	run(|| {
		let id = grant(terms());
		assert_ok!(access(id, hmb_use()));
		// Erasing one consent names the recipients and keeps them for the subject's erasure.
		let erasure = <Consent as Redactable<u64>>::erase(&RecordRef::Consent(id)).expect("erased");
		assert_eq!(erasure.recipients, vec![RESEARCHER]);
		assert_eq!(Recipients::<Test>::get(SUBJECT).into_inner(), vec![RESEARCHER]);
		// The subject's erasure names them once, then forgets them.
		let erasure = <Consent as Redactable<u64>>::erase_subject(&SUBJECT, 4).expect("erased");
		assert_eq!(erasure.recipients, vec![RESEARCHER]);
		assert!(erasure.records.is_empty());
		assert!(!Recipients::<Test>::contains_key(SUBJECT));
	});
}
