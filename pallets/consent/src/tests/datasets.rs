//! Whose a dataset is: a consent names only its subject's datasets, covers no dataset of another
//! subject whatever its scope, and only the dataset's custodian records accesses to it.

use super::*;
use genochain_primitives::redaction::{RecordKind, RecordRef, Tombstone};

/// A genome of another subject (OTHER), kept by CUSTODIAN like the subject's own.
const ANOTHER_SUBJECTS_GENOME: DatasetId = H256::repeat_byte(0xe1);
/// A dataset id no anchor and no accession has.
const UNKNOWN_DATASET: DatasetId = H256::repeat_byte(0xe2);

fn another_subjects_genome() {
	MapDatasets::insert(ANOTHER_SUBJECTS_GENOME, OTHER, Some(CUSTODIAN));
}

/// Terms over every dataset of the subject, for any accredited researcher.
fn all_data_terms() -> ConsentTermsOf<Test> {
	ConsentTermsOf::<Test> {
		grantee: Grantee::AnyAccreditedResearcher,
		scope: Scope {
			data: DataScope::AllData,
			categories: categories(&[DataCategory::Variants]),
		},
		..terms()
	}
}

fn access_to(consent_id: ConsentId, custodian: u64, dataset: DatasetId) -> DispatchResult {
	Consent::record_access(
		RuntimeOrigin::signed(custodian),
		consent_id,
		RESEARCHER,
		dataset,
		DataCategory::Variants,
		hmb_use(),
	)
}

fn erase_genome(dataset: DatasetId) {
	MapDatasets::remove::<u64>(dataset);
	MapTombstones::insert(
		RecordRef::<u64>::Anchor(dataset),
		Tombstone { kind: RecordKind::Anchor, erased_at: 2u64, case: 0, request: None },
	);
}

#[test]
fn grant_refuses_a_dataset_of_another_subject() {
	run(|| {
		another_subjects_genome();
		let mut taken = terms();
		taken.scope.data = DataScope::Dataset(ANOTHER_SUBJECTS_GENOME);
		assert_noop!(
			Consent::grant(RuntimeOrigin::signed(SUBJECT), taken),
			Error::<Test>::DatasetNotOfSubject
		);
		let mut unknown = terms();
		unknown.scope.data = DataScope::Dataset(UNKNOWN_DATASET);
		assert_noop!(
			Consent::grant(RuntimeOrigin::signed(SUBJECT), unknown),
			Error::<Test>::UnknownDataset
		);
		// Its own subject may.
		let mut own = terms();
		own.scope.data = DataScope::Dataset(ANOTHER_SUBJECTS_GENOME);
		assert_ok!(Consent::grant(RuntimeOrigin::signed(OTHER), own));
	});
}

#[test]
fn grant_refuses_an_erased_dataset() {
	run(|| {
		erase_genome(OTHER_DATASET);
		let mut erased = terms();
		erased.scope.data = DataScope::Dataset(OTHER_DATASET);
		assert_noop!(
			Consent::grant(RuntimeOrigin::signed(SUBJECT), erased),
			Error::<Test>::DatasetErased
		);
	});
}

#[test]
fn an_all_data_consent_covers_no_dataset_of_another_subject() {
	run(|| {
		another_subjects_genome();
		let id = grant(all_data_terms());
		assert_noop!(
			access_to(id, CUSTODIAN, ANOTHER_SUBJECTS_GENOME),
			Error::<Test>::DatasetNotOfSubject
		);
		assert_noop!(access_to(id, CUSTODIAN, UNKNOWN_DATASET), Error::<Test>::UnknownDataset);
		assert_ok!(access_to(id, CUSTODIAN, DATASET));
		assert_ok!(access_to(id, CUSTODIAN, OTHER_DATASET));
	});
}

#[test]
fn only_the_datasets_custodian_records_accesses_to_it() {
	run(|| {
		let id = grant(all_data_terms());
		// HOSPITAL is an accredited custodian, but not the one that keeps the genome.
		assert_noop!(access_to(id, HOSPITAL, DATASET), Error::<Test>::NotTheDatasetsCustodian);
		// A genome anchored without a custodian has nobody to record accesses to it.
		MapDatasets::insert(OTHER_DATASET, SUBJECT, None::<u64>);
		assert_noop!(
			access_to(id, CUSTODIAN, OTHER_DATASET),
			Error::<Test>::NotTheDatasetsCustodian
		);
		assert_ok!(access_to(id, CUSTODIAN, DATASET));
	});
}

#[test]
fn a_consent_stops_covering_a_dataset_that_is_removed_or_erased() {
	run(|| {
		let id = grant(all_data_terms());
		MapDatasets::remove::<u64>(OTHER_DATASET);
		assert_noop!(access_to(id, CUSTODIAN, OTHER_DATASET), Error::<Test>::UnknownDataset);
		erase_genome(DATASET);
		assert_noop!(access_to(id, CUSTODIAN, DATASET), Error::<Test>::DatasetErased);
	});
}

#[test]
fn find_consent_and_check_access_refuse_a_dataset_of_another_subject() {
	run(|| {
		another_subjects_genome();
		let id = grant(all_data_terms());
		let find = |dataset: DatasetId| {
			Consent::find_consent(
				&RESEARCHER,
				&SUBJECT,
				&dataset,
				DataCategory::Variants,
				&hmb_use(),
				None,
			)
		};
		let check = |dataset: DatasetId| {
			<Consent as ConsentInspect<u64>>::check_access(
				id,
				&RESEARCHER,
				&dataset,
				DataCategory::Variants,
				&hmb_use(),
			)
		};
		assert_eq!(find(DATASET), Ok(id));
		assert_eq!(check(DATASET), Ok(()));
		assert_eq!(find(ANOTHER_SUBJECTS_GENOME), Err(AccessRefusal::DatasetNotOfSubject));
		assert_eq!(check(ANOTHER_SUBJECTS_GENOME), Err(AccessRefusal::DatasetNotOfSubject));
		assert_eq!(find(UNKNOWN_DATASET), Err(AccessRefusal::UnknownDataset));
		assert_eq!(check(UNKNOWN_DATASET), Err(AccessRefusal::UnknownDataset));
		erase_genome(OTHER_DATASET);
		assert_eq!(find(OTHER_DATASET), Err(AccessRefusal::Redacted));
		assert_eq!(check(OTHER_DATASET), Err(AccessRefusal::Redacted));
	});
}

#[test]
fn find_consent_refuses_a_named_custodian_that_does_not_keep_the_dataset() {
	run(|| {
		another_subjects_genome();
		let id = grant(all_data_terms());
		let find = |dataset: DatasetId, custodian: u64| {
			Consent::find_consent(
				&RESEARCHER,
				&SUBJECT,
				&dataset,
				DataCategory::Variants,
				&hmb_use(),
				Some(&custodian),
			)
		};
		assert_eq!(find(DATASET, CUSTODIAN), Ok(id));
		assert_eq!(find(DATASET, HOSPITAL), Err(AccessRefusal::NotTheDatasetsCustodian));
		// Whose the dataset is is checked first, as `record_access` does.
		assert_eq!(
			find(ANOTHER_SUBJECTS_GENOME, HOSPITAL),
			Err(AccessRefusal::DatasetNotOfSubject)
		);
		assert!(matches!(
			Error::<Test>::from(AccessRefusal::NotTheDatasetsCustodian),
			Error::<Test>::NotTheDatasetsCustodian
		));
	});
}
