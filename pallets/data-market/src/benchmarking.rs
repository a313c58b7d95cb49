//! Benchmarks of every call and of the `on_idle` settlement, each in its most expensive case: the
//! largest study (the longest purpose, every data category, the most slots, attested genomes
//! only), full contributor indexes, disputes with their bonds, and a settlement that also removes
//! its closed study and returns the deposit. In the runtime they run against the real consent and
//! anchor pallets.

use crate::*;
use alloc::vec::Vec;
use genochain_primitives::{
	anchor::ProvenanceRequirement,
	consent::{DataCategory, Role},
	duo::{DuoModifier, DuoModifiers, DuoPermission, DuoPurpose, ProjectId, RegionCode},
	fingerprint::Assembly,
	market::{EnrolmentStatus, StudyId, StudyTerms},
	redaction::{RecordRef, Redactable},
	traits::{Accreditation, AnchorInspect},
};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::{
		traits::{
			fungible::{Inspect, Mutate},
			EnsureOrigin, Get,
		},
		weights::Weight,
		BoundedVec,
	},
	frame_system::{self, pallet_prelude::BlockNumberFor, RawOrigin},
	sp_core::H256,
	sp_runtime::traits::{One, Saturating},
};

/// Enrolment closes this many blocks after the study opens, and delivery as many after that.
const DEADLINE_AFTER: u32 = 10;

fn now<T: Config>() -> BlockNumberFor<T> {
	frame_system::Pallet::<T>::block_number()
}

fn set_block<T: Config>(block: BlockNumberFor<T>) {
	frame_system::Pallet::<T>::set_block_number(block);
}

/// An account with plenty for budgets, deposits and fees.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who = account(name, index, 0);
	let plenty = T::Currency::minimum_balance().saturating_mul(1_000_000_000u32.into());
	T::Currency::set_balance(&who, plenty);
	who
}

fn researcher<T: Config>() -> T::AccountId {
	let researcher = funded::<T>("researcher", 0);
	T::Accreditation::accredit_for_benchmark(&researcher, Role::Researcher);
	researcher
}

fn custodian<T: Config>() -> T::AccountId {
	let custodian: T::AccountId = account("custodian", 0, 0);
	T::Accreditation::accredit_for_benchmark(&custodian, Role::Custodian);
	custodian
}

/// A contributor with a GRCh38 genome kept by the custodian; returns them and the anchor.
fn contributor<T: Config>(index: u32) -> (T::AccountId, genochain_primitives::anchor::AnchorId) {
	let contributor = funded::<T>("contributor", index);
	let anchor =
		T::Anchors::anchor_for_benchmark(&contributor, Assembly::GRCh38, &custodian::<T>());
	(contributor, anchor)
}

/// The largest terms a study can have whose consents need no approval: every modifier but IRB
/// and every data category.
fn largest_terms<T: Config>(slots: u32) -> StudyTermsOf<T> {
	use DuoModifier::*;
	let modifiers = alloc::vec![
		NonCommercialUse,
		NotForProfitUse,
		NotForProfitNonCommercialUse,
		GeneticStudiesOnly,
		NoPopulationOriginsAncestry,
		PublicationRequired,
		CollaborationRequired,
		ReturnToResource,
		GeographicalRestriction(RegionCode(*b"FR")),
		PublicationMoratorium,
		TimeLimit,
		ProjectSpecific(ProjectId::repeat_byte(0x77)),
		UserSpecific,
		InstitutionSpecific,
		ClinicalCare,
		ResearchSpecific(ProjectId::repeat_byte(0x7e)),
		NoGeneralMethodsResearch,
	];
	let categories = [
		DataCategory::Variants,
		DataCategory::SequenceReads,
		DataCategory::Transcriptome,
		DataCategory::Phenotype,
		DataCategory::Clinical,
		DataCategory::Imaging,
	];
	StudyTerms {
		purpose: DuoPurpose {
			permission: DuoPermission::HealthMedicalBiomedical,
			modifiers: DuoModifiers(BoundedVec::truncate_from(modifiers)),
		},
		categories: categories
			.into_iter()
			.collect::<alloc::collections::BTreeSet<_>>()
			.try_into()
			.unwrap_or_default(),
		assembly: Assembly::GRCh38,
		reward: T::Currency::minimum_balance().saturating_mul(10u32.into()),
		max_contributors: slots,
		enrolment_deadline: now::<T>().saturating_add(DEADLINE_AFTER.into()),
		delivery_window: DEADLINE_AFTER.into(),
		protocol: H256::repeat_byte(0x70),
		provenance: ProvenanceRequirement::Attested,
	}
}

fn study<T: Config>(
	researcher: &T::AccountId,
	slots: u32,
) -> Result<(StudyId, StudyTermsOf<T>), BenchmarkError> {
	let terms = largest_terms::<T>(slots);
	let id = Pallet::<T>::do_create_study(researcher.clone(), terms.clone())?;
	Ok((id, terms))
}

/// Enrols contributor `index` in `study` and returns them.
fn enrolled<T: Config>(study: StudyId, index: u32) -> Result<T::AccountId, BenchmarkError> {
	let (contributor, anchor) = contributor::<T>(index);
	Pallet::<T>::do_enroll(study, contributor.clone(), anchor)?;
	Ok(contributor)
}

/// Enrols contributor `index` in `study` and confirms the delivery.
fn delivered<T: Config>(study: StudyId, index: u32) -> Result<T::AccountId, BenchmarkError> {
	let contributor = enrolled::<T>(study, index)?;
	Pallet::<T>::do_confirm_delivery(study, contributor.clone(), custodian::<T>())?;
	Ok(contributor)
}

/// Closes `study` as its researcher just after its deadline, then returns to the current block.
fn close<T: Config>(
	study: StudyId,
	researcher: &T::AccountId,
	terms: &StudyTermsOf<T>,
) -> Result<(), BenchmarkError> {
	let before = now::<T>();
	set_block::<T>(terms.enrolment_deadline.saturating_add(One::one()));
	Pallet::<T>::do_close_study(study, Some(researcher.clone()))?;
	set_block::<T>(before);
	Ok(())
}

/// Fills the contributor's index with other studies' ids, one place left.
fn fill_index<T: Config>(contributor: &T::AccountId) {
	let others: Vec<StudyId> = (0..T::MaxEnrolmentsPerContributor::get().saturating_sub(1))
		.map(|i| StudyId::MAX.saturating_sub(i))
		.collect();
	EnrolmentsOf::<T>::insert(contributor, BoundedVec::truncate_from(others));
}

/// A disputed delivery of a closed study: after the dispute is resolved the study goes.
fn disputed_in_closed_study<T: Config>() -> Result<(StudyId, T::AccountId), BenchmarkError> {
	let researcher = researcher::<T>();
	let (study, terms) = study::<T>(&researcher, 1)?;
	let contributor = delivered::<T>(study, 0)?;
	Pallet::<T>::do_dispute(study, contributor.clone(), researcher.clone(), H256::zero())?;
	close::<T>(study, &researcher, &terms)?;
	Ok((study, contributor))
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_study() -> Result<(), BenchmarkError> {
		let researcher = researcher::<T>();
		let terms = largest_terms::<T>(T::MaxContributors::get());

		#[extrinsic_call]
		_(RawOrigin::Signed(researcher), terms);

		assert!(Studies::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn enroll() -> Result<(), BenchmarkError> {
		let researcher = researcher::<T>();
		let (study, _) = study::<T>(&researcher, T::MaxContributors::get())?;
		let (contributor, anchor) = contributor::<T>(0);
		fill_index::<T>(&contributor);

		#[extrinsic_call]
		_(RawOrigin::Signed(contributor.clone()), study, anchor);

		assert!(Enrolments::<T>::contains_key(study, &contributor));
		Ok(())
	}

	/// From a closed study: the slot is released and the study, now settled, removed.
	#[benchmark]
	fn withdraw() -> Result<(), BenchmarkError> {
		let researcher = researcher::<T>();
		let (study, terms) = study::<T>(&researcher, 1)?;
		let contributor = enrolled::<T>(study, 0)?;
		close::<T>(study, &researcher, &terms)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(contributor), study);

		assert!(!Studies::<T>::contains_key(study));
		Ok(())
	}

	#[benchmark]
	fn confirm_delivery() -> Result<(), BenchmarkError> {
		let researcher = researcher::<T>();
		let (study, _) = study::<T>(&researcher, 1)?;
		let contributor = enrolled::<T>(study, 0)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(custodian::<T>()), study, contributor.clone());

		assert!(matches!(
			Enrolments::<T>::get(study, &contributor).map(|enrolment| enrolment.status),
			Some(EnrolmentStatus::Delivered { .. })
		));
		Ok(())
	}

	#[benchmark]
	fn dispute() -> Result<(), BenchmarkError> {
		let researcher = researcher::<T>();
		let (study, _) = study::<T>(&researcher, 1)?;
		let contributor = delivered::<T>(study, 0)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(researcher), study, contributor.clone(), H256::repeat_byte(0xd));

		assert!(matches!(
			Enrolments::<T>::get(study, &contributor).map(|enrolment| enrolment.status),
			Some(EnrolmentStatus::Disputed { .. })
		));
		Ok(())
	}

	#[benchmark]
	fn resolve_dispute_pay() -> Result<(), BenchmarkError> {
		let (study, contributor) = disputed_in_closed_study::<T>()?;
		let origin =
			T::DisputeOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		resolve_dispute(
			origin as T::RuntimeOrigin,
			study,
			contributor.clone(),
			DisputeVerdict::PayContributor,
		);

		assert!(Earned::<T>::contains_key(&contributor));
		assert!(!Studies::<T>::contains_key(study));
		Ok(())
	}

	#[benchmark]
	fn resolve_dispute_refund() -> Result<(), BenchmarkError> {
		let (study, contributor) = disputed_in_closed_study::<T>()?;
		let origin =
			T::DisputeOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		resolve_dispute(
			origin as T::RuntimeOrigin,
			study,
			contributor.clone(),
			DisputeVerdict::RefundResearcher,
		);

		assert!(!Earned::<T>::contains_key(&contributor));
		assert!(!Studies::<T>::contains_key(study));
		Ok(())
	}

	/// Governance cancels a study with `n` enrolments not yet delivered: each consent revoked,
	/// each slot refunded, and the study removed.
	#[benchmark]
	fn close_study(n: Linear<0, { T::MaxContributors::get() }>) -> Result<(), BenchmarkError> {
		let researcher = researcher::<T>();
		let (study, _) = study::<T>(&researcher, T::MaxContributors::get())?;
		for index in 0..n {
			enrolled::<T>(study, index)?;
		}
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, study);

		assert!(!Studies::<T>::contains_key(study));
		Ok(())
	}

	/// The last delivery of a closed study, paid: a new earner, and the study removed.
	#[benchmark]
	fn settle_payout() -> Result<(), BenchmarkError> {
		let researcher = researcher::<T>();
		let (study, terms) = study::<T>(&researcher, 1)?;
		let contributor = delivered::<T>(study, 0)?;
		close::<T>(study, &researcher, &terms)?;
		set_block::<T>(now::<T>().saturating_add(DisputeWindow::<T>::get()));

		#[extrinsic_call]
		settle(RawOrigin::Signed(researcher), study, contributor.clone());

		assert!(Earned::<T>::contains_key(&contributor));
		assert!(!Studies::<T>::contains_key(study));
		Ok(())
	}

	/// The last delivery of a closed study, disputed and not decided in time: paid with the
	/// bond, and the study removed.
	#[benchmark]
	fn settle_undecided_dispute() -> Result<(), BenchmarkError> {
		let (study, contributor) = disputed_in_closed_study::<T>()?;
		set_block::<T>(now::<T>().saturating_add(T::DisputeDeadline::get()));

		#[extrinsic_call]
		settle(RawOrigin::Signed(contributor.clone()), study, contributor.clone());

		assert!(Earned::<T>::contains_key(&contributor));
		assert!(!Studies::<T>::contains_key(study));
		Ok(())
	}

	/// The last enrolment of a closed study, never delivered: refunded, and the study removed.
	#[benchmark]
	fn settle_lapsed() -> Result<(), BenchmarkError> {
		let researcher = researcher::<T>();
		let (study, terms) = study::<T>(&researcher, 1)?;
		let contributor = enrolled::<T>(study, 0)?;
		close::<T>(study, &researcher, &terms)?;
		let delivery_deadline = terms.enrolment_deadline.saturating_add(terms.delivery_window);
		set_block::<T>(delivery_deadline.saturating_add(One::one()));

		#[extrinsic_call]
		settle(RawOrigin::Signed(researcher), study, contributor);

		assert!(!Studies::<T>::contains_key(study));
		Ok(())
	}

	/// Erasing all `n` enrolments of a contributor, none delivered, each in a closed study: each
	/// consent revoked, each slot released and each study, now settled, removed; and the
	/// contributor's earnings total.
	#[benchmark]
	fn erase_enrolments(
		n: Linear<1, { T::MaxEnrolmentsPerContributor::get() }>,
	) -> Result<(), BenchmarkError> {
		let researcher = researcher::<T>();
		let (contributor, anchor) = contributor::<T>(0);
		for _ in 0..n {
			let (study, terms) = study::<T>(&researcher, 1)?;
			Pallet::<T>::do_enroll(study, contributor.clone(), anchor)?;
			close::<T>(study, &researcher, &terms)?;
		}
		Earned::<T>::insert(&contributor, T::Currency::minimum_balance());

		let erased;
		#[block]
		{
			erased = <Pallet<T> as Redactable<T::AccountId>>::erase_subject(
				&contributor,
				n.saturating_add(1),
			)?;
		}

		assert_eq!(erased.records.len(), (n as usize).saturating_add(1));
		assert!(EnrolmentsOf::<T>::get(&contributor).is_empty());
		assert!(!Earned::<T>::contains_key(&contributor));
		Ok(())
	}

	/// Erasing a study with `n` enrolments not yet delivered: each consent revoked, each slot
	/// refunded, the free slots released and the study removed.
	#[benchmark]
	fn erase_study(n: Linear<0, { T::MaxContributors::get() }>) -> Result<(), BenchmarkError> {
		let researcher = researcher::<T>();
		let (study, _) = study::<T>(&researcher, T::MaxContributors::get())?;
		for index in 0..n {
			enrolled::<T>(study, index)?;
		}

		#[block]
		{
			<Pallet<T> as Redactable<T::AccountId>>::erase(&RecordRef::Study(study))
				.map_err(|_| BenchmarkError::Stop("erased"))?;
		}

		assert!(!Studies::<T>::contains_key(study));
		Ok(())
	}

	#[benchmark]
	fn set_dispute_window() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let blocks = BlockNumberFor::<T>::from(7u32);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, blocks);

		assert_eq!(DisputeWindow::<T>::get(), blocks);
		Ok(())
	}

	/// A contributor who withdrew releases their note of a study whose enrolment deadline passed.
	#[benchmark]
	fn release_participation() -> Result<(), BenchmarkError> {
		let researcher = researcher::<T>();
		let (study, terms) = study::<T>(&researcher, 1)?;
		let contributor = enrolled::<T>(study, 0)?;
		Pallet::<T>::do_withdraw(study, contributor.clone())?;
		set_block::<T>(terms.enrolment_deadline.saturating_add(One::one()));

		#[extrinsic_call]
		_(RawOrigin::Signed(researcher), study, contributor.clone());

		assert!(!Participants::<T>::contains_key(&contributor, study));
		Ok(())
	}

	/// `on_idle` pays `n` due payouts, each a dispute the committee did not decide in time (the
	/// bond moves too) over the last delivery of its closed study, and stops at a payout not yet
	/// due.
	#[benchmark]
	fn on_idle_payouts(
		n: Linear<0, { T::MaxPayoutsPerBlock::get() }>,
	) -> Result<(), BenchmarkError> {
		let researcher = researcher::<T>();
		for index in 0..n {
			let (study, terms) = study::<T>(&researcher, 1)?;
			let contributor = delivered::<T>(study, index)?;
			Pallet::<T>::do_dispute(study, contributor, researcher.clone(), H256::zero())?;
			close::<T>(study, &researcher, &terms)?;
		}
		// The disputes lapse now; a delivery confirmed now is not due before the window passes.
		set_block::<T>(now::<T>().saturating_add(T::DisputeDeadline::get()));
		let (later, _) = study::<T>(&researcher, 1)?;
		delivered::<T>(later, n)?;
		let queued = PayoutQueue::<T>::iter().count();

		#[block]
		{
			Pallet::<T>::settle_due_payouts(Weight::MAX);
		}

		assert_eq!(PayoutQueue::<T>::iter().count(), queued.saturating_sub(n as usize));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
