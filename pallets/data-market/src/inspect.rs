//! Reading the market: the views the runtime API serves, and the escrow invariant `try_state` and
//! the tests check.

use crate::{BalanceOf, Config, Earned, Enrolments, EnrolmentsOf, Pallet, Studies, StudyRecordOf};
use alloc::vec::Vec;
use genochain_primitives::market::{
	Earnings, EnrolmentStatus, EnrolmentView, StudyId, StudyStatus, StudyView,
};
use polkadot_sdk::{
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::traits::Saturating,
};

/// A study as apps see it, for runtime `T`.
pub type StudyViewOf<T> =
	StudyView<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

impl<T: Config> Pallet<T> {
	fn view(id: StudyId, study: StudyRecordOf<T>) -> StudyViewOf<T> {
		StudyView {
			id,
			free_slots: study.free_slots(),
			held: study.cost_of(study.owed_slots).unwrap_or_default(),
			researcher: study.researcher,
			terms: study.terms,
			status: study.status,
			delivery_deadline: study.delivery_deadline,
			enrolled: study.enrolled,
			fee_per_contributor: study.fee_per_contributor,
		}
	}

	/// Study `id`, if it still exists.
	pub fn study(id: StudyId) -> Option<StudyViewOf<T>> {
		Studies::<T>::get(id).map(|study| Self::view(id, study))
	}

	/// `contributor`'s enrolment in study `study`, if it is kept.
	pub fn enrolment(
		study: StudyId,
		contributor: &T::AccountId,
	) -> Option<EnrolmentView<BlockNumberFor<T>>> {
		Enrolments::<T>::get(study, contributor).map(|enrolment| EnrolmentView {
			study,
			anchor: enrolment.anchor,
			consent: enrolment.consent,
			status: enrolment.status,
		})
	}

	/// Every study a contributor can enrol in now, by id.
	pub fn open_studies() -> Vec<StudyViewOf<T>> {
		let now = frame_system::Pallet::<T>::block_number();
		let mut open: Vec<_> = Studies::<T>::iter()
			.filter(|(_, study)| {
				study.status == StudyStatus::Open
					&& now <= study.terms.enrolment_deadline
					&& study.free_slots() > 0
			})
			.map(|(id, study)| Self::view(id, study))
			.collect();
		open.sort_by_key(|study| study.id);
		open
	}

	/// What `contributor` has been paid and may still earn.
	pub fn earnings(contributor: &T::AccountId) -> Earnings<BalanceOf<T>, BlockNumberFor<T>> {
		let mut earnings = Earnings {
			paid: Earned::<T>::get(contributor).unwrap_or_default(),
			pending: Default::default(),
			enrolled: Default::default(),
			enrolments: Vec::new(),
		};
		for study_id in EnrolmentsOf::<T>::get(contributor) {
			let (Some(study), Some(enrolment)) =
				(Studies::<T>::get(study_id), Enrolments::<T>::get(study_id, contributor))
			else {
				continue;
			};
			let reward = study.terms.reward;
			match enrolment.status {
				EnrolmentStatus::Enrolled => earnings.enrolled.saturating_accrue(reward),
				EnrolmentStatus::Delivered { .. } | EnrolmentStatus::Disputed { .. } => {
					earnings.pending.saturating_accrue(reward)
				}
			}
			earnings.enrolments.push(EnrolmentView {
				study: study_id,
				anchor: enrolment.anchor,
				consent: enrolment.consent,
				status: enrolment.status,
			});
		}
		earnings
	}
}

#[cfg(any(feature = "try-runtime", feature = "std"))]
impl<T: Config> Pallet<T> {
	/// The escrow invariant: each researcher has on hold exactly the rewards and fees their
	/// studies still owe; each study's counters match its enrolments; every delivery waiting
	/// for payout is queued.
	pub fn check_escrow() -> Result<(), &'static str> {
		use crate::{HoldReason, PayoutQueue};
		use alloc::collections::{btree_map::BTreeMap, btree_set::BTreeSet};
		use polkadot_sdk::frame_support::{ensure, traits::fungible::InspectHold};

		let mut owed_by_researcher = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		for (id, study) in Studies::<T>::iter() {
			ensure!(study.enrolled <= study.owed_slots, "more enrolments than owed slots");
			ensure!(
				study.owed_slots <= study.terms.max_contributors,
				"more owed slots than contributors"
			);
			let enrolments = Enrolments::<T>::iter_prefix(id).count();
			ensure!(enrolments == study.enrolled as usize, "enrolment count is off");
			if study.status == StudyStatus::Closed {
				ensure!(study.free_slots() == 0, "a closed study holds free slots");
				ensure!(study.enrolled > 0, "a settled closed study was not removed");
			}
			let owed = study.cost_of(study.owed_slots).ok_or("owed budget overflows")?;
			owed_by_researcher.entry(study.researcher).or_default().saturating_accrue(owed);
		}
		for (researcher, owed) in owed_by_researcher {
			let held = T::Currency::balance_on_hold(&HoldReason::StudyBudget.into(), &researcher);
			ensure!(held == owed, "held budget differs from rewards and fees owed");
		}

		let queued: BTreeSet<_> = PayoutQueue::<T>::iter_values()
			.map(|entry| (entry.study, entry.contributor, entry.payable_at))
			.collect();
		for (study_id, contributor, enrolment) in Enrolments::<T>::iter() {
			ensure!(Studies::<T>::contains_key(study_id), "an enrolment outlived its study");
			ensure!(
				EnrolmentsOf::<T>::get(&contributor).contains(&study_id),
				"an enrolment is missing from its contributor's index"
			);
			if let EnrolmentStatus::Delivered { payable_at } = enrolment.status {
				ensure!(
					queued.contains(&(study_id, contributor, payable_at)),
					"a delivery is not queued for payout"
				);
			}
		}
		for (contributor, studies) in EnrolmentsOf::<T>::iter() {
			for study_id in studies {
				ensure!(
					Enrolments::<T>::contains_key(study_id, &contributor),
					"an index entry without enrolment"
				);
			}
		}
		Ok(())
	}
}
