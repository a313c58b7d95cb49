//! Moving a study's escrow: paying a contributor, refunding or releasing slots to the researcher,
//! and the queue of deliveries `on_idle` pays when their dispute window has passed.

use crate::{
	Config, Earned, EnrolmentRecord, Enrolments, EnrolmentsOf, Event, HoldReason, Pallet,
	PayoutQueue, PayoutQueueBounds, RefundReason, Studies, StudyRecordOf, WeightInfo,
};
use genochain_primitives::{
	consent::ConsentState,
	market::{EnrolmentStatus, StudyId, StudyStatus},
	storage::without,
	traits::ConsentManage,
};
use polkadot_sdk::{
	frame_support::{
		defensive,
		storage::with_storage_layer,
		traits::{
			fungible::MutateHold,
			tokens::{Fortitude, Precision, Restriction},
			Consideration, Get,
		},
		weights::Weight,
	},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::{
		traits::{CheckedAdd, Zero},
		ArithmeticError, DispatchError, DispatchResult,
	},
};

impl<T: Config> Pallet<T> {
	/// Pays `contributor`'s reward and the fee from the study's hold and ends the enrolment and its
	/// consent.
	pub(crate) fn pay(
		study_id: StudyId,
		study: &mut StudyRecordOf<T>,
		contributor: &T::AccountId,
		enrolment: &EnrolmentRecord<BlockNumberFor<T>>,
	) -> DispatchResult {
		let budget = HoldReason::StudyBudget.into();
		let reward = study.terms.reward;
		let fee = study.fee_per_contributor;
		T::Currency::transfer_on_hold(
			&budget,
			&study.researcher,
			contributor,
			reward,
			Precision::Exact,
			Restriction::Free,
			Fortitude::Polite,
		)?;
		if !fee.is_zero() {
			T::Currency::transfer_on_hold(
				&budget,
				&study.researcher,
				&T::Treasury::get(),
				fee,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Polite,
			)?;
		}
		if !enrolment.erasure_requested {
			Earned::<T>::try_mutate(contributor, |earned| {
				let total = earned.unwrap_or_default().checked_add(&reward);
				*earned = Some(total.ok_or(ArithmeticError::Overflow)?);
				Ok::<_, DispatchError>(())
			})?;
		}
		study.owed_slots = study.owed_slots.saturating_sub(1);
		Self::end_consent(contributor, enrolment)?;
		Self::end_enrolment(study_id, study, contributor);
		Self::deposit_event(Event::ContributorPaid {
			study_id,
			contributor: contributor.clone(),
			reward,
			fee,
		});
		Ok(())
	}

	/// Gives `contributor`'s slot back to the researcher unpaid and ends the enrolment and its
	/// consent.
	pub(crate) fn refund(
		study_id: StudyId,
		study: &mut StudyRecordOf<T>,
		contributor: &T::AccountId,
		enrolment: &EnrolmentRecord<BlockNumberFor<T>>,
		reason: RefundReason,
	) -> DispatchResult {
		let refund = Self::release(study, 1)?;
		Self::end_consent(contributor, enrolment)?;
		Self::end_enrolment(study_id, study, contributor);
		Self::deposit_event(Event::EnrolmentRefunded {
			study_id,
			contributor: contributor.clone(),
			refund,
			reason,
		});
		Ok(())
	}

	/// Releases `slots` owed slots of the study to its researcher; returns the amount.
	pub(crate) fn release(
		study: &mut StudyRecordOf<T>,
		slots: u32,
	) -> Result<crate::BalanceOf<T>, DispatchError> {
		let amount = study.cost_of(slots).ok_or(ArithmeticError::Overflow)?;
		if !amount.is_zero() {
			T::Currency::release(
				&HoldReason::StudyBudget.into(),
				&study.researcher,
				amount,
				Precision::Exact,
			)?;
		}
		study.owed_slots = study.owed_slots.saturating_sub(slots);
		Ok(amount)
	}

	/// Removes `contributor`'s enrolment in the study and its index entry.
	pub(crate) fn end_enrolment(
		study_id: StudyId,
		study: &mut StudyRecordOf<T>,
		contributor: &T::AccountId,
	) {
		Enrolments::<T>::remove(study_id, contributor);
		EnrolmentsOf::<T>::mutate_exists(contributor, without(study_id));
		study.enrolled = study.enrolled.saturating_sub(1);
	}

	/// Ends the enrolment's consent for good once the study is done with the contributor (paid,
	/// refunded or withdrawn): revoked, removed from its subject's and the researcher's indexes,
	/// its deposit returned to the contributor.
	pub(crate) fn end_consent(
		contributor: &T::AccountId,
		enrolment: &EnrolmentRecord<BlockNumberFor<T>>,
	) -> DispatchResult {
		T::Consents::end_for(contributor, enrolment.consent)
	}

	/// Revokes the enrolment's consent unless the contributor revoked it already or it is gone.
	pub(crate) fn revoke_consent(
		contributor: &T::AccountId,
		enrolment: &EnrolmentRecord<BlockNumberFor<T>>,
	) -> DispatchResult {
		match T::Consents::state(enrolment.consent) {
			None | Some(ConsentState::Revoked) => Ok(()),
			Some(_) => T::Consents::revoke_for(contributor, enrolment.consent),
		}
	}

	/// Writes the study back, or removes it and returns its deposit once it is closed and its
	/// last enrolment settled.
	pub(crate) fn store(study_id: StudyId, study: StudyRecordOf<T>) -> DispatchResult {
		if study.status == StudyStatus::Closed && study.enrolled == 0 {
			Studies::<T>::remove(study_id);
			study.deposit.drop(&study.researcher)?;
			Self::deposit_event(Event::StudyRemoved { study_id });
		} else {
			Studies::<T>::insert(study_id, study);
		}
		Ok(())
	}

	/// Pays the queued deliveries whose dispute window has passed, oldest first, as many as fit
	/// in `limit` and [`Config::MaxPayoutsPerBlock`]; returns the weight used.
	///
	/// The queue is in the order deliveries were confirmed, which is the order they fall due
	/// while the dispute window stays the same: the first entry not due ends the round. Entries
	/// whose delivery was disputed or settled meanwhile are dropped on the way.
	pub(crate) fn settle_due_payouts(limit: Weight) -> Weight {
		if !limit.all_gte(T::WeightInfo::on_idle_payouts(0)) {
			return Weight::zero();
		}
		let now = frame_system::Pallet::<T>::block_number();
		let (first, tail) = PayoutQueueBounds::<T>::get();
		let mut head = first;
		let mut taken = 0u32;
		while head < tail
			&& taken < T::MaxPayoutsPerBlock::get()
			&& limit.all_gte(T::WeightInfo::on_idle_payouts(taken.saturating_add(1)))
		{
			let Some(entry) = PayoutQueue::<T>::get(head) else {
				defensive!("the payout queue has no gaps between its bounds");
				head = head.saturating_add(1);
				continue;
			};
			let current =
				Enrolments::<T>::get(entry.study, &entry.contributor).filter(|enrolment| {
					enrolment.status == EnrolmentStatus::Delivered { payable_at: entry.payable_at }
				});
			if current.is_some() && entry.payable_at > now {
				break;
			}
			PayoutQueue::<T>::remove(head);
			head = head.saturating_add(1);
			taken = taken.saturating_add(1);
			if let Some(enrolment) = current {
				let paid = with_storage_layer(|| {
					let mut study =
						Studies::<T>::get(entry.study).ok_or(DispatchError::CannotLookup)?;
					Self::pay(entry.study, &mut study, &entry.contributor, &enrolment)?;
					Self::store(entry.study, study)
				});
				if let Err(error) = paid {
					// The enrolment stays delivered: `settle` can still pay it.
					defensive!("a due payout failed", error);
				}
			}
		}
		if head != first {
			PayoutQueueBounds::<T>::put((head, tail));
		}
		T::WeightInfo::on_idle_payouts(taken)
	}
}
