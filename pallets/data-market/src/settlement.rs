//! Moving a study's escrow: paying a contributor, refunding or releasing slots to the researcher,
//! and the queue of deliveries `on_idle` pays when their dispute window has passed.

use crate::{
	Config, DisputeWindow, Earned, EnrolmentRecordOf, Enrolments, EnrolmentsOf, Event, HoldReason,
	Pallet, PayoutKey, PayoutQueue, PayoutsQueued, QueuedPayout, RefundReason, Studies,
	StudyRecordOf, WeightInfo,
};
use alloc::vec::Vec;
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
		traits::{CheckedAdd, Saturating, Zero},
		ArithmeticError, DispatchError, DispatchResult,
	},
};

impl<T: Config> Pallet<T> {
	/// Pays `contributor`'s reward and the fee from the study's hold, and the researcher's bond
	/// if the delivery was disputed, and ends the enrolment and its consent.
	pub(crate) fn pay(
		study_id: StudyId,
		study: &mut StudyRecordOf<T>,
		contributor: &T::AccountId,
		enrolment: &EnrolmentRecordOf<T>,
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
		if !enrolment.bond.is_zero() {
			T::Currency::transfer_on_hold(
				&HoldReason::DisputeBond.into(),
				&study.researcher,
				contributor,
				enrolment.bond,
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
		Self::end_enrolment(study_id, study, contributor, enrolment);
		Self::deposit_event(Event::ContributorPaid {
			study_id,
			contributor: contributor.clone(),
			reward,
			fee,
		});
		Ok(())
	}

	/// Pays a delivery whose dispute window passed, or whose dispute the committee did not
	/// decide in time.
	pub(crate) fn pay_due(
		study_id: StudyId,
		study: &mut StudyRecordOf<T>,
		contributor: &T::AccountId,
		enrolment: &EnrolmentRecordOf<T>,
	) -> DispatchResult {
		if matches!(enrolment.status, EnrolmentStatus::Disputed { .. }) {
			Self::deposit_event(Event::DisputeLapsed {
				study_id,
				contributor: contributor.clone(),
				bond: enrolment.bond,
			});
		}
		Self::pay(study_id, study, contributor, enrolment)
	}

	/// Gives `contributor`'s slot, and the researcher's bond if the delivery was disputed, back to
	/// the researcher unpaid and ends the enrolment and its consent.
	pub(crate) fn refund(
		study_id: StudyId,
		study: &mut StudyRecordOf<T>,
		contributor: &T::AccountId,
		enrolment: &EnrolmentRecordOf<T>,
		reason: RefundReason,
	) -> DispatchResult {
		let refund = Self::release(study, 1)?;
		if !enrolment.bond.is_zero() {
			T::Currency::release(
				&HoldReason::DisputeBond.into(),
				&study.researcher,
				enrolment.bond,
				Precision::Exact,
			)?;
		}
		Self::end_consent(contributor, enrolment)?;
		Self::end_enrolment(study_id, study, contributor, enrolment);
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

	/// Removes `contributor`'s enrolment in the study, its index entry and its queued payout.
	/// The note that the contributor took part stays (see [`Participants`](crate::Participants)).
	pub(crate) fn end_enrolment(
		study_id: StudyId,
		study: &mut StudyRecordOf<T>,
		contributor: &T::AccountId,
		enrolment: &EnrolmentRecordOf<T>,
	) {
		if let Some(key) = enrolment.payout {
			PayoutQueue::<T>::remove(key);
		}
		Enrolments::<T>::remove(study_id, contributor);
		EnrolmentsOf::<T>::mutate_exists(contributor, without(study_id));
		study.enrolled = study.enrolled.saturating_sub(1);
	}

	/// Ends the enrolment's consent for good once the study is done with the contributor (paid,
	/// refunded or withdrawn): revoked, removed from its subject's and the researcher's indexes,
	/// its deposit returned to the contributor.
	pub(crate) fn end_consent(
		contributor: &T::AccountId,
		enrolment: &EnrolmentRecordOf<T>,
	) -> DispatchResult {
		T::Consents::end_for(contributor, enrolment.consent)
	}

	/// Revokes the enrolment's consent unless the contributor revoked it already or it is gone.
	pub(crate) fn revoke_consent(
		contributor: &T::AccountId,
		enrolment: &EnrolmentRecordOf<T>,
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

	/// Queues the enrolment's payout to fall due at block `due`, in place of its earlier entry.
	pub(crate) fn queue_payout(
		study_id: StudyId,
		contributor: &T::AccountId,
		enrolment: &mut EnrolmentRecordOf<T>,
		due: BlockNumberFor<T>,
	) -> DispatchResult {
		let order = PayoutsQueued::<T>::get();
		PayoutsQueued::<T>::put(order.checked_add(1).ok_or(ArithmeticError::Overflow)?);
		if let Some(earlier) = enrolment.payout.take() {
			PayoutQueue::<T>::remove(earlier);
		}
		let key = PayoutKey::new(due, order);
		PayoutQueue::<T>::insert(
			key,
			QueuedPayout { study: study_id, contributor: contributor.clone() },
		);
		enrolment.payout = Some(key);
		Ok(())
	}

	/// Pays the queued payouts that are due (deliveries whose dispute window passed, disputes the
	/// committee did not decide in time), earliest due first, as many as fit in `limit` and
	/// [`Config::MaxPayoutsPerBlock`]; returns the weight used.
	///
	/// The queue is ordered by due block, so a payout is found when due however the dispute
	/// window changed since the payouts before it were queued. A payout that fails (its consent
	/// cannot be ended, a transfer is refused) stays payable: nothing of it changes but its place
	/// in the queue, a dispute window later, and `settle` can pay it meanwhile.
	pub(crate) fn settle_due_payouts(limit: Weight) -> Weight {
		if !limit.all_gte(T::WeightInfo::on_idle_payouts(0)) {
			return Weight::zero();
		}
		let mut most = 0u32;
		while most < T::MaxPayoutsPerBlock::get()
			&& limit.all_gte(T::WeightInfo::on_idle_payouts(most.saturating_add(1)))
		{
			most = most.saturating_add(1);
		}
		let now = frame_system::Pallet::<T>::block_number();
		let due: Vec<_> = PayoutQueue::<T>::iter()
			.take_while(|(key, _)| key.is_due_at(now))
			.take(most as usize)
			.collect();
		let taken = u32::try_from(due.len()).unwrap_or(most);
		for (key, entry) in due {
			let Some(mut enrolment) = Enrolments::<T>::get(entry.study, &entry.contributor)
				.filter(|enrolment| enrolment.payout == Some(key))
			else {
				defensive!("a queued payout outlived its enrolment");
				PayoutQueue::<T>::remove(key);
				continue;
			};
			let paid = with_storage_layer(|| {
				let mut study =
					Studies::<T>::get(entry.study).ok_or(DispatchError::CannotLookup)?;
				Self::pay_due(entry.study, &mut study, &entry.contributor, &enrolment)?;
				Self::store(entry.study, study)
			});
			if let Err(error) = paid {
				let retry_at = now.saturating_add(DisputeWindow::<T>::get());
				let requeued =
					Self::queue_payout(entry.study, &entry.contributor, &mut enrolment, retry_at);
				if requeued.is_ok() {
					Enrolments::<T>::insert(entry.study, &entry.contributor, enrolment);
				}
				Self::deposit_event(Event::PayoutDeferred {
					study_id: entry.study,
					contributor: entry.contributor,
					error,
					retry_at,
				});
			}
		}
		T::WeightInfo::on_idle_payouts(taken)
	}
}
