//! What the calls do.

use crate::{
	BalanceOf, Cases, Config, ErasureCase, Error, Event, HoldReason, NextCaseId, NextRequestId,
	Pallet, RedactionRequest, RequestStatus, Requests, Tombstones, WeightInfo,
};
use alloc::vec::Vec;
use genochain_primitives::{
	redaction::{
		CaseId, Erasure, RecordKind, RecordRef, Redactable, RedactionError, RequestId, Tombstone,
	},
	traits::Accreditation,
};
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{
			fungible::MutateHold,
			tokens::{Fortitude, Precision, Restriction},
			Get,
		},
		weights::Weight,
		BoundedVec,
	},
	frame_system,
	sp_core::H256,
	sp_runtime::{
		traits::{CheckedAdd, Saturating, Zero},
		ArithmeticError, DispatchError, DispatchResult,
	},
};

impl<T: Config> Pallet<T> {
	/// Erases the subject's records across the pallets; returns how many were erased.
	pub(crate) fn do_erase_me(subject: &T::AccountId) -> Result<u32, DispatchError> {
		let erasure = T::Records::erase_subject(subject, T::MaxErasuresPerCall::get())?;
		ensure!(
			!erasure.records.is_empty()
				|| !erasure.retained.is_empty()
				|| !erasure.recipients.is_empty(),
			Error::<T>::NothingToErase
		);
		let erased = u32::try_from(erasure.records.len()).map_err(|_| ArithmeticError::Overflow)?;
		let retained =
			u32::try_from(erasure.retained.len()).map_err(|_| ArithmeticError::Overflow)?;
		let complete = !erasure.incomplete;
		let case = Self::conclude(erasure, None)?;
		Self::deposit_event(Event::SubjectErased { case, erased, retained, complete });
		Ok(erased)
	}

	pub(crate) fn do_request_redaction(
		requester: T::AccountId,
		record: RecordRef<T::AccountId>,
		reason: H256,
	) -> DispatchResult {
		ensure!(T::Records::owns(record.kind()), Error::<T>::UnknownRecordKind);
		let key = Self::tombstone_key(&record);
		ensure!(!Tombstones::<T>::contains_key(key), Error::<T>::AlreadyRedacted);
		ensure!(T::Records::contains(&record), Error::<T>::RecordNotFound);
		let deposit = T::RequestDeposit::get();
		T::Currency::hold(&HoldReason::RequestDeposit.into(), &requester, deposit)
			.map_err(|_| Error::<T>::CannotHoldDeposit)?;
		let request = NextRequestId::<T>::get();
		NextRequestId::<T>::put(request.checked_add(1).ok_or(ArithmeticError::Overflow)?);
		let kind = record.kind();
		Requests::<T>::insert(
			request,
			RedactionRequest {
				requester: requester.clone(),
				record,
				reason,
				deposit,
				status: RequestStatus::Submitted,
			},
		);
		Self::deposit_event(Event::RedactionRequested { request, requester, kind });
		Ok(())
	}

	pub(crate) fn do_approve(request: RequestId) -> DispatchResult {
		Requests::<T>::try_mutate(request, |maybe| {
			let open = maybe.as_mut().ok_or(Error::<T>::RequestNotFound)?;
			ensure!(open.status == RequestStatus::Submitted, Error::<T>::AlreadyApproved);
			let enact_at = frame_system::Pallet::<T>::block_number()
				.checked_add(&T::EnactmentDelay::get())
				.ok_or(ArithmeticError::Overflow)?;
			open.status = RequestStatus::Approved { enact_at };
			Self::deposit_event(Event::RedactionApproved { request, enact_at });
			Ok(())
		})
	}

	pub(crate) fn do_reject(request: RequestId) -> DispatchResult {
		let open = Requests::<T>::get(request).ok_or(Error::<T>::RequestNotFound)?;
		ensure!(open.status == RequestStatus::Submitted, Error::<T>::AlreadyApproved);
		let slashed = T::Currency::transfer_on_hold(
			&HoldReason::RequestDeposit.into(),
			&open.requester,
			&T::Treasury::get(),
			open.deposit,
			Precision::BestEffort,
			Restriction::Free,
			Fortitude::Force,
		)?;
		Self::close_request(request);
		Self::deposit_event(Event::RedactionRejected { request, slashed });
		Ok(())
	}

	/// Cancels `request`, by its requester (`Some`) or the committee (`None`).
	pub(crate) fn do_cancel(request: RequestId, canceller: Option<T::AccountId>) -> DispatchResult {
		let open = Requests::<T>::get(request).ok_or(Error::<T>::RequestNotFound)?;
		if let Some(canceller) = &canceller {
			ensure!(*canceller == open.requester, Error::<T>::NotTheRequester);
			// Cancelling an approved request and filing again would hold the redaction off for
			// free, one delay at a time.
			ensure!(open.status == RequestStatus::Submitted, Error::<T>::ApprovedByTheCommittee);
		}
		Self::return_deposit(&open.requester, open.deposit)?;
		Self::close_request(request);
		Self::deposit_event(Event::RedactionCancelled {
			request,
			by_committee: canceller.is_none(),
		});
		Ok(())
	}

	/// Enacts `request`; returns the kind of record it erased.
	pub(crate) fn do_enact(request: RequestId) -> Result<RecordKind, DispatchError> {
		let open = Requests::<T>::get(request).ok_or(Error::<T>::RequestNotFound)?;
		let RequestStatus::Approved { enact_at } = open.status else {
			return Err(Error::<T>::NotApproved.into());
		};
		ensure!(
			frame_system::Pallet::<T>::block_number() >= enact_at,
			Error::<T>::EnactmentDelayNotPassed
		);
		if let Some(earlier) = Tombstones::<T>::get(Self::tombstone_key(&open.record)) {
			Self::return_deposit(&open.requester, open.deposit)?;
			Self::close_request(request);
			Self::deposit_event(Event::RedactionAlreadyEnacted { request, case: earlier.case });
			return Ok(open.record.kind());
		}
		let erasure = match T::Records::erase(&open.record) {
			Ok(erasure) => erasure,
			// Gone meanwhile (its subject erased it, or it ended): the committee's decision stands.
			Err(RedactionError::NotFound) => {
				Erasure { records: alloc::vec![open.record.clone()], ..Erasure::none() }
			}
			Err(RedactionError::NotOwned) => return Err(Error::<T>::UnknownRecordKind.into()),
			Err(RedactionError::Failed(error)) => return Err(error),
		};
		let case = Self::conclude(erasure, Some(request))?;
		Self::return_deposit(&open.requester, open.deposit)?;
		Self::close_request(request);
		Self::deposit_event(Event::RedactionEnacted { request, case });
		Ok(open.record.kind())
	}

	/// Marks `party` as confirmed wherever the case lists it: a custodian that also received the
	/// data confirms both at once.
	pub(crate) fn do_confirm_erasure(case: CaseId, party: T::AccountId) -> DispatchResult {
		Cases::<T>::try_mutate_exists(case, |maybe| {
			let open = maybe.as_mut().ok_or(Error::<T>::CaseNotFound)?;
			let mut listed = false;
			let mut answered = false;
			for (_, confirmed) in open
				.custodians
				.iter_mut()
				.chain(open.recipients.iter_mut())
				.filter(|(account, _)| *account == party)
			{
				listed = true;
				answered |= !*confirmed;
				*confirmed = true;
			}
			ensure!(listed, Error::<T>::NotACaseParty);
			ensure!(answered, Error::<T>::AlreadyConfirmed);
			Self::deposit_event(Event::ErasureConfirmed { case, party });
			if open.pending().is_empty() {
				Self::release_on_fund(open.deposit);
				*maybe = None;
				Self::deposit_event(Event::ErasureCaseCompleted { case });
			}
			Ok(())
		})
	}

	pub(crate) fn do_report_overdue(case: CaseId) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let overdue = Cases::<T>::try_mutate(case, |maybe| {
			let open = maybe.as_mut().ok_or(Error::<T>::CaseNotFound)?;
			ensure!(now > open.deadline, Error::<T>::NotOverdue);
			ensure!(!open.overdue_reported, Error::<T>::OverdueAlreadyReported);
			open.overdue_reported = true;
			Ok::<_, Error<T>>(open.pending())
		})?;
		Self::deposit_event(Event::ErasureOverdue { case, overdue });
		Ok(())
	}

	pub(crate) fn do_suspend_overdue(case: CaseId, party: T::AccountId) -> DispatchResult {
		let open = Cases::<T>::get(case).ok_or(Error::<T>::CaseNotFound)?;
		ensure!(frame_system::Pallet::<T>::block_number() > open.deadline, Error::<T>::NotOverdue);
		ensure!(open.is_pending(&party), Error::<T>::NotAPendingParty);
		T::Accreditation::suspend(&party)?;
		Self::deposit_event(Event::OverduePartySuspended { case, party });
		Ok(())
	}

	/// Records an erasure: a tombstone for each erased record and, if custodians keep copies or
	/// recipients received them, an open case for their confirmations. Returns the case.
	fn conclude(
		erasure: Erasure<T::AccountId>,
		request: Option<RequestId>,
	) -> Result<CaseId, DispatchError> {
		let case = NextCaseId::<T>::get();
		NextCaseId::<T>::put(case.checked_add(1).ok_or(ArithmeticError::Overflow)?);
		let now = frame_system::Pallet::<T>::block_number();
		let mut unfunded = BalanceOf::<T>::zero();
		if !erasure.custodians.is_empty() || !erasure.recipients.is_empty() {
			let custodians = BoundedVec::try_from(unconfirmed(&erasure.custodians))
				.map_err(|_| Error::<T>::TooManyCustodians)?;
			let recipients = BoundedVec::try_from(unconfirmed(&erasure.recipients))
				.map_err(|_| Error::<T>::TooManyRecipients)?;
			let deadline =
				now.checked_add(&T::ConfirmationPeriod::get()).ok_or(ArithmeticError::Overflow)?;
			let mut open = ErasureCase {
				opened_at: now,
				request,
				custodians,
				recipients,
				deadline,
				overdue_reported: false,
				deposit: Zero::zero(),
			};
			let price = Self::case_price(&open);
			let short = Self::hold_on_fund(price);
			unfunded.saturating_accrue(short);
			open.deposit = price.saturating_sub(short);
			Cases::<T>::insert(case, open);
			Self::deposit_event(Event::ErasureCaseOpened {
				case,
				custodians: erasure.custodians,
				recipients: erasure.recipients,
				deadline,
			});
		}
		let mut tombstones = 0u32;
		for record in &erasure.records {
			let key = Self::tombstone_key(record);
			if !Tombstones::<T>::contains_key(key) {
				let tombstone = Tombstone { kind: record.kind(), erased_at: now, case, request };
				Tombstones::<T>::insert(key, tombstone);
				tombstones = tombstones.saturating_add(1);
			}
		}
		unfunded.saturating_accrue(Self::hold_on_fund(Self::tombstone_price(tombstones)));
		if !unfunded.is_zero() {
			Self::deposit_event(Event::ErasureStorageUnfunded { case, unfunded });
		}
		Ok(case)
	}

	fn return_deposit(requester: &T::AccountId, deposit: crate::BalanceOf<T>) -> DispatchResult {
		T::Currency::release(
			&HoldReason::RequestDeposit.into(),
			requester,
			deposit,
			Precision::BestEffort,
		)?;
		Ok(())
	}

	fn close_request(request: RequestId) {
		Requests::<T>::remove(request);
	}

	/// `erase_me` erasing `records` records: this pallet's work and the owning pallets'.
	pub(crate) fn erase_me_weight(records: u32) -> Weight {
		T::WeightInfo::erase_me(records).saturating_add(T::Records::erase_subject_weight(records))
	}

	/// `enact` of a record of `kind`, or of the costliest kind when not yet known.
	pub(crate) fn enact_weight(kind: Option<RecordKind>) -> Weight {
		let erase = match kind {
			Some(kind) => T::Records::erase_weight(kind),
			None => RecordKind::ALL
				.into_iter()
				.map(T::Records::erase_weight)
				.fold(Weight::zero(), |heaviest, weight| heaviest.max(weight)),
		};
		T::WeightInfo::enact().saturating_add(erase)
	}
}

/// Each of `parties`, not yet confirmed.
fn unconfirmed<AccountId: Clone>(parties: &[AccountId]) -> Vec<(AccountId, bool)> {
	parties.iter().cloned().map(|party| (party, false)).collect()
}
