//! Reading the market: the views the runtime API serves, and the escrow invariant `try_state` and
//! the tests check.

use crate::{
	BalanceOf, Config, Earned, Enrolments, EnrolmentsOf, NextStudyId, Pallet, Studies,
	StudyRecordOf,
};
use alloc::vec::Vec;
use genochain_primitives::market::{
	Earnings, EnrolmentStatus, EnrolmentView, StudyId, StudyPage, StudyView,
};
use polkadot_sdk::{
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::traits::Saturating,
};

/// A study as apps see it, for runtime `T`.
pub type StudyViewOf<T> =
	StudyView<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;
/// A page of open studies, for runtime `T`.
pub type StudyPageOf<T> =
	StudyPage<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// Open studies in one page of [`Pallet::open_studies`] at most.
pub const MAX_STUDIES_PAGE: u32 = 256;
/// Study ids one call of [`Pallet::open_studies`] looks at, at most: what bounds its work
/// however many studies exist, and however many ids were freed by studies settled since.
pub const MAX_STUDY_IDS_LOOKED_AT: u32 = 1024;

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

	/// The studies a contributor can enrol in now with ids after `after` (from the first
	/// without), by id: at most `limit` of them (at least one, at most [`MAX_STUDIES_PAGE`]),
	/// among [`MAX_STUDY_IDS_LOOKED_AT`] ids at most. `next` says where the following page
	/// starts.
	pub fn open_studies(after: Option<StudyId>, limit: u32) -> StudyPageOf<T> {
		let now = frame_system::Pallet::<T>::block_number();
		let end = NextStudyId::<T>::get();
		let limit = limit.clamp(1, MAX_STUDIES_PAGE) as usize;
		let mut id = match after {
			Some(after) => after.saturating_add(1),
			None => 0,
		};
		let mut studies = Vec::new();
		let mut looked_at = 0u32;
		while id < end && looked_at < MAX_STUDY_IDS_LOOKED_AT && studies.len() < limit {
			if let Some(study) = Studies::<T>::get(id) {
				if study.enrols_at(now) && study.free_slots() > 0 {
					studies.push(Self::view(id, study));
				}
			}
			looked_at = looked_at.saturating_add(1);
			id = id.saturating_add(1);
		}
		// `id` is past the last id looked at; below `end`, ids are left for the next page.
		let next = if id < end { id.checked_sub(1) } else { None };
		StudyPage { studies, next }
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
	/// studies still owe, and the bonds of their disputes; each study's counters match its
	/// enrolments; every delivery waiting for payout or a decision is queued, once, where it
	/// falls due; every enrolment has its note of taking part.
	pub fn check_escrow() -> Result<(), &'static str> {
		use crate::{HoldReason, Participants, PayoutQueue};
		use alloc::collections::btree_map::BTreeMap;
		use polkadot_sdk::{
			frame_support::{ensure, traits::fungible::InspectHold},
			sp_runtime::traits::Zero,
		};

		let mut owed_by_researcher = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut bonds_by_researcher = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		for (id, study) in Studies::<T>::iter() {
			ensure!(study.enrolled <= study.owed_slots, "more enrolments than owed slots");
			ensure!(
				study.owed_slots <= study.terms.max_contributors,
				"more owed slots than contributors"
			);
			let mut enrolments = 0usize;
			for (_, enrolment) in Enrolments::<T>::iter_prefix(id) {
				enrolments = enrolments.saturating_add(1);
				bonds_by_researcher
					.entry(study.researcher.clone())
					.or_default()
					.saturating_accrue(enrolment.bond);
			}
			ensure!(enrolments == study.enrolled as usize, "enrolment count is off");
			if study.status == genochain_primitives::market::StudyStatus::Closed {
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
		for (researcher, bonds) in bonds_by_researcher {
			let held = T::Currency::balance_on_hold(&HoldReason::DisputeBond.into(), &researcher);
			ensure!(held == bonds, "held bonds differ from the bonds of disputes");
		}

		for (study_id, contributor, enrolment) in Enrolments::<T>::iter() {
			ensure!(Studies::<T>::contains_key(study_id), "an enrolment outlived its study");
			ensure!(
				EnrolmentsOf::<T>::get(&contributor).contains(&study_id),
				"an enrolment is missing from its contributor's index"
			);
			ensure!(
				Participants::<T>::contains_key(&contributor, study_id),
				"an enrolment has no note of taking part"
			);
			let falls_due = match enrolment.status {
				EnrolmentStatus::Enrolled => None,
				EnrolmentStatus::Delivered { payable_at } => Some(payable_at),
				EnrolmentStatus::Disputed { decide_by, .. } => Some(decide_by),
			};
			let disputed = matches!(enrolment.status, EnrolmentStatus::Disputed { .. });
			ensure!(disputed != enrolment.bond.is_zero(), "a bond without a dispute, or none");
			match (falls_due, enrolment.payout) {
				(None, None) => {}
				(Some(falls_due), Some(key)) => {
					ensure!(key.due::<BlockNumberFor<T>>() >= falls_due, "queued before due");
					let entry = PayoutQueue::<T>::get(key).ok_or("a payout is not queued")?;
					ensure!(
						entry.study == study_id && entry.contributor == contributor,
						"a queued payout names another enrolment"
					);
				}
				_ => return Err("a payout is queued for nothing, or not queued"),
			}
		}
		for (key, entry) in PayoutQueue::<T>::iter() {
			let enrolment = Enrolments::<T>::get(entry.study, &entry.contributor)
				.ok_or("a queued payout outlived its enrolment")?;
			ensure!(enrolment.payout == Some(key), "a queued payout its enrolment disowns");
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
