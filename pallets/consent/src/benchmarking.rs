//! Benchmarks of every call, each in its most expensive case: the largest consent record (every
//! kind of DUO modifier, the most approvers), full indexes, and accreditation lookups.

use crate::*;
use alloc::{vec, vec::Vec};
use genochain_primitives::{
	consent::{
		Approver, ConsentId, DataCategory, DataScope, DatasetId, Grantee, Role, Scope,
		MAX_APPROVERS,
	},
	duo::{
		DiseaseCode, DuoModifier, DuoModifiers, DuoPermission, DuoPurpose, ProjectId, RegionCode,
		RequestedUse, ResearchTypeId,
	},
	redaction::Redactable,
	traits::{Accreditation, TombstoneFund},
};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::{
		traits::{Consideration, EnsureOrigin, Footprint, Get},
		BoundedVec,
	},
	frame_system::{self, RawOrigin},
	sp_core::H256,
};

/// An accession of the subject: no anchor has this id, in the mock or the runtime.
const DATASET: DatasetId = H256::repeat_byte(0xac);
const PROJECT: ProjectId = H256::repeat_byte(0x77);
const REGION: RegionCode = RegionCode(*b"FR");
const RESEARCH_TYPE: ResearchTypeId = H256::repeat_byte(0x7e);

/// The largest terms: every kind of modifier and the most approvers. With `named_grantee` the
/// grantee is an account (and US and IS apply), otherwise any accredited researcher.
fn largest_terms<T: Config>(named_grantee: bool) -> ConsentTermsOf<T> {
	use DuoModifier::*;
	let mut modifiers = vec![
		NonCommercialUse,
		NotForProfitUse,
		NotForProfitNonCommercialUse,
		EthicsApprovalRequired,
		GeneticStudiesOnly,
		NoPopulationOriginsAncestry,
		PublicationRequired,
		CollaborationRequired,
		ReturnToResource,
		GeographicalRestriction(REGION),
		PublicationMoratorium,
		TimeLimit,
		ProjectSpecific(PROJECT),
		ClinicalCare,
		ResearchSpecific(RESEARCH_TYPE),
		NoGeneralMethodsResearch,
	];
	let grantee = if named_grantee {
		modifiers.extend([UserSpecific, InstitutionSpecific]);
		Grantee::Account(account("grantee", 0, 0))
	} else {
		Grantee::AnyAccreditedResearcher
	};
	let approvers = (0..MAX_APPROVERS).map(|i| account("approver", i, 0)).collect::<Vec<_>>();
	ConsentTermsOf::<T> {
		grantee,
		scope: Scope {
			data: DataScope::Dataset(DATASET),
			categories: [DataCategory::Variants, DataCategory::Clinical]
				.into_iter()
				.collect::<alloc::collections::BTreeSet<_>>()
				.try_into()
				.unwrap_or_default(),
		},
		purpose: DuoPurpose {
			permission: DuoPermission::DiseaseSpecific(DiseaseCode(4992)),
			modifiers: DuoModifiers(BoundedVec::truncate_from(modifiers)),
		},
		valid_from: 0u32.into(),
		valid_until: Some(u32::MAX.into()),
		document_hash: H256::repeat_byte(0xdc),
		approval_threshold: MAX_APPROVERS,
		approvers: BoundedVec::truncate_from(approvers),
	}
}

/// A use that the largest terms permit.
fn permitted_use() -> RequestedUse {
	RequestedUse {
		purpose: DuoPermission::DiseaseSpecific(DiseaseCode(4992)),
		commercial: false,
		for_profit: false,
		clinical_care: true,
		genetic_study: true,
		ethics_approval: true,
		region: Some(REGION),
		project: Some(PROJECT),
		will_publish: true,
		will_collaborate: true,
		will_return_data: true,
		accepts_moratorium: true,
		research_type: Some(RESEARCH_TYPE),
		methods_research: false,
	}
}

/// The subject of the largest terms, funded for their deposit, with [`DATASET`] a confirmed
/// accession of theirs kept by the custodian: the costlier of the two kinds of dataset to look up.
fn funded_subject<T: Config>(terms: &ConsentTermsOf<T>) -> Result<T::AccountId, BenchmarkError> {
	let subject: T::AccountId = account("subject", 0, 0);
	fund_for_grant::<T>(&subject, terms);
	if !Accessions::<T>::contains_key(DATASET) {
		Pallet::<T>::do_register_accession(custodian::<T>(0), DATASET, subject.clone())?;
		Pallet::<T>::do_confirm_accession(subject.clone(), DATASET)?;
	}
	Ok(subject)
}

/// Gives `subject` what a grant on `terms` costs: the deposit and the tombstone's fee.
fn fund_for_grant<T: Config>(subject: &T::AccountId, terms: &ConsentTermsOf<T>) {
	let ethics =
		terms.purpose.modifiers.requires_ethics_approval().then_some(Approver::EthicsCommittee);
	let approvers = terms.approvers.iter().cloned().map(Approver::Account).chain(ethics);
	let pending = Approvers::<T::AccountId>::truncate_from(approvers.collect());
	T::Consideration::ensure_successful(subject, Pallet::<T>::footprint(subject, terms, &pending));
	T::TombstoneFund::ensure_successful(subject, 1);
}

/// Custodian `index`, accredited and funded for an accession's deposit.
fn custodian<T: Config>(index: u32) -> T::AccountId {
	let custodian: T::AccountId = account("custodian", index, 0);
	T::Accreditation::accredit_for_benchmark(&custodian, Role::Custodian);
	let subject: T::AccountId = account("subject", 0, 0);
	T::AccessionConsideration::ensure_successful(
		&custodian,
		Footprint::from_encodable((&DATASET, &subject, &custodian)),
	);
	T::TombstoneFund::ensure_successful(&custodian, 1);
	custodian
}

/// The `i`th of a series of accession ids, `series` telling series apart.
fn accession_id(series: u8, i: u32) -> H256 {
	let mut id = [series; 32];
	id[28..].copy_from_slice(&i.to_be_bytes());
	H256(id)
}

/// Fills `subject`'s accession index with `room` places left.
fn fill_accessions<T: Config>(subject: &T::AccountId, room: u32) {
	let others = (0..T::MaxAccessionsPerSubject::get().saturating_sub(room))
		.map(|i| accession_id(0xa1, i))
		.collect::<Vec<_>>();
	AccessionsBySubject::<T>::insert(subject, BoundedVec::truncate_from(others));
}

/// Fills the subject's index with `room` places left. (A grantee's index has no bound.)
fn fill_indexes<T: Config>(subject: &T::AccountId, room: u32) {
	let other_ids = (0..T::MaxConsentsPerSubject::get().saturating_sub(room))
		.map(|i| ConsentId::from(i).saturating_add(1 << 40))
		.collect::<Vec<_>>();
	ConsentsBySubject::<T>::insert(subject, BoundedVec::truncate_from(other_ids));
}

/// Grants the largest consent and gives every approval, the ethics committee's last unless
/// `leave_ethics_pending`.
fn approved_consent<T: Config>(
	named_grantee: bool,
	leave_ethics_pending: bool,
) -> Result<(T::AccountId, ConsentId), BenchmarkError> {
	let terms = largest_terms::<T>(named_grantee);
	let subject = funded_subject::<T>(&terms)?;
	fill_indexes::<T>(&subject, 1);
	let approvers = terms.approvers.clone();
	let consent_id = Pallet::<T>::do_grant(subject.clone(), terms)?;
	for approver in approvers {
		Pallet::<T>::do_approve(consent_id, Approver::Account(approver))?;
	}
	if !leave_ethics_pending {
		Pallet::<T>::do_approve(consent_id, Approver::EthicsCommittee)?;
	}
	Ok((subject, consent_id))
}

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(<T as frame_system::Config>::RuntimeEvent::from(
		event,
	));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn grant() -> Result<(), BenchmarkError> {
		let terms = largest_terms::<T>(true);
		let subject = funded_subject::<T>(&terms)?;
		fill_indexes::<T>(&subject, 1);
		let consent_id = NextConsentId::<T>::get();
		let grantee = terms.grantee.clone();

		#[extrinsic_call]
		_(RawOrigin::Signed(subject.clone()), terms);

		assert_last_event::<T>(Event::ConsentGranted { consent_id, subject, grantee });
		Ok(())
	}

	#[benchmark]
	fn approve() -> Result<(), BenchmarkError> {
		let (_, consent_id) = approved_consent::<T>(true, true)?;
		let ethics =
			T::EthicsOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(ethics as T::RuntimeOrigin, consent_id);

		assert_last_event::<T>(Event::ConsentActivated { consent_id });
		Ok(())
	}

	/// The refusal that ends the consent: it is removed with its indexes and its deposit.
	#[benchmark]
	fn reject() -> Result<(), BenchmarkError> {
		let terms = largest_terms::<T>(true);
		let subject = funded_subject::<T>(&terms)?;
		fill_indexes::<T>(&subject, 1);
		let approver = terms
			.approvers
			.first()
			.cloned()
			.ok_or(BenchmarkError::Stop("the terms list approvers"))?;
		let consent_id = Pallet::<T>::do_grant(subject.clone(), terms)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(approver), consent_id);

		assert_last_event::<T>(Event::ConsentRejected { consent_id, subject });
		Ok(())
	}

	#[benchmark]
	fn revoke() -> Result<(), BenchmarkError> {
		let (subject, consent_id) = approved_consent::<T>(true, false)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(subject.clone()), consent_id);

		assert_last_event::<T>(Event::ConsentRevoked { consent_id, subject });
		Ok(())
	}

	#[benchmark]
	fn record_access() -> Result<(), BenchmarkError> {
		// Any accredited researcher: the check reads the accessor's accreditation too.
		let (subject, consent_id) = approved_consent::<T>(false, false)?;
		// The custodian that keeps the subject's dataset.
		let custodian: T::AccountId = account("custodian", 0, 0);
		let accessor: T::AccountId = account("researcher", 0, 0);
		T::Accreditation::accredit_for_benchmark(&accessor, Role::Researcher);
		// A new recipient, checked against a list one place from full.
		let others = (1..T::MaxRecipientsPerSubject::get())
			.map(|i| account::<T::AccountId>("recipient", i, 0))
			.collect::<Vec<_>>();
		Recipients::<T>::insert(&subject, BoundedVec::truncate_from(others));

		#[extrinsic_call]
		_(
			RawOrigin::Signed(custodian),
			consent_id,
			accessor,
			DATASET,
			DataCategory::Variants,
			permitted_use(),
		);

		let record = Consents::<T>::get(consent_id).ok_or(BenchmarkError::Stop("recorded"))?;
		assert_eq!(record.accesses, 1);
		Ok(())
	}

	#[benchmark]
	fn remove() -> Result<(), BenchmarkError> {
		let (subject, consent_id) = approved_consent::<T>(true, false)?;
		Pallet::<T>::do_revoke(&subject, consent_id)?;
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), consent_id);

		assert_last_event::<T>(Event::ConsentRemoved { consent_id, subject });
		Ok(())
	}

	/// Erasing all `n` consents of a subject, each the largest and naming its own grantee, whose
	/// index is full.
	#[benchmark]
	fn erase_consents(
		n: Linear<1, { T::MaxConsentsPerSubject::get() }>,
	) -> Result<(), BenchmarkError> {
		let terms = largest_terms::<T>(true);
		let subject = funded_subject::<T>(&terms)?;
		for i in 0..n {
			let grantee = account("grantee", i, 0);
			let terms = ConsentTermsOf::<T> { grantee: Grantee::Account(grantee), ..terms.clone() };
			fund_for_grant::<T>(&subject, &terms);
			Pallet::<T>::do_grant(subject.clone(), terms)?;
		}

		let erased;
		#[block]
		{
			erased = <Pallet<T> as Redactable<T::AccountId>>::erase_subject(&subject, n)?;
		}

		assert_eq!(erased.records.len(), n as usize);
		assert!(ConsentsBySubject::<T>::get(&subject).is_empty());
		Ok(())
	}

	/// With the subject's index one place from full.
	#[benchmark]
	fn register_accession() {
		let subject: T::AccountId = account("subject", 0, 0);
		let custodian = custodian::<T>(0);
		fill_accessions::<T>(&subject, 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(custodian.clone()), DATASET, subject.clone());

		assert_last_event::<T>(Event::AccessionRegistered { dataset: DATASET, subject, custodian });
	}

	#[benchmark]
	fn confirm_accession() -> Result<(), BenchmarkError> {
		let subject: T::AccountId = account("subject", 0, 0);
		Pallet::<T>::do_register_accession(custodian::<T>(0), DATASET, subject.clone())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(subject.clone()), DATASET);

		assert_last_event::<T>(Event::AccessionConfirmed { dataset: DATASET, subject });
		Ok(())
	}

	/// From a full index.
	#[benchmark]
	fn remove_accession() -> Result<(), BenchmarkError> {
		let subject: T::AccountId = account("subject", 0, 0);
		fill_accessions::<T>(&subject, 1);
		Pallet::<T>::do_register_accession(custodian::<T>(0), DATASET, subject.clone())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(subject.clone()), DATASET);

		assert_last_event::<T>(Event::AccessionRemoved { dataset: DATASET, by: subject });
		Ok(())
	}

	/// Erasing all `n` accessions of a subject (who has no consents), each of another custodian.
	#[benchmark]
	fn erase_accessions(
		n: Linear<1, { T::MaxAccessionsPerSubject::get() }>,
	) -> Result<(), BenchmarkError> {
		let subject: T::AccountId = account("subject", 0, 0);
		for i in 0..n {
			let dataset = accession_id(0xe5, i);
			Pallet::<T>::do_register_accession(custodian::<T>(i), dataset, subject.clone())?;
		}

		let erased;
		#[block]
		{
			erased = <Pallet<T> as Redactable<T::AccountId>>::erase_subject(&subject, n)?;
		}

		assert_eq!(erased.records.len(), n as usize);
		assert_eq!(erased.custodians.len(), n as usize);
		assert!(AccessionsBySubject::<T>::get(&subject).is_empty());
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
