//! What the calls do, once their origin is known. `ConsentManage` calls the same functions.

use crate::{
	Approvers, Config, ConsentRecord, ConsentRecordOf, ConsentStatus, ConsentTermsOf, Consents,
	ConsentsByGrantee, ConsentsBySubject, Error, Event, NextConsentId, Pallet, Recipients,
};
use codec::Encode;
use genochain_primitives::{
	consent::{
		Approver, ConsentId, ConsentState, DataCategory, DataScope, DatasetId, Grantee, Role,
	},
	duo::RequestedUse,
	storage::without,
	traits::{Accreditation, TombstoneFund},
};
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{Consideration, Footprint},
	},
	frame_system,
	sp_io::hashing::blake2_256,
	sp_runtime::{ArithmeticError, DispatchError, DispatchResult},
};

impl<T: Config> Pallet<T> {
	/// All the storage a consent of `subject` on `terms` may take while it lasts, as its deposit
	/// is priced: its record at its largest (every approver answered, the access log written),
	/// its entry in the subject's index and in the grantee's, and the grantee's place in the
	/// subject's recipients once an access is recorded.
	pub(crate) fn footprint(
		subject: &T::AccountId,
		terms: &ConsentTermsOf<T>,
		pending_approvals: &Approvers<T::AccountId>,
	) -> Footprint {
		use codec::MaxEncodedLen;
		use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;
		// An approver moves from the pending list to the approved or the refused one: the three
		// lists hold the approvers once, and two more length prefixes.
		let record = (subject, terms)
			.encoded_size()
			.saturating_add(ConsentStatus::<BlockNumberFor<T>>::max_encoded_len())
			.saturating_add(pending_approvals.encoded_size())
			.saturating_add(2)
			.saturating_add(BlockNumberFor::<T>::max_encoded_len())
			.saturating_add(u32::max_encoded_len())
			.saturating_add(polkadot_sdk::sp_core::H256::max_encoded_len())
			.saturating_add(T::Consideration::max_encoded_len());
		let subject_index = ConsentId::max_encoded_len();
		let recipient = T::AccountId::max_encoded_len();
		let (grantee_index, items) = match terms.grantee {
			// Its key: the hashed grantee and consent id.
			Grantee::Account(_) => (
				16usize
					.saturating_add(T::AccountId::max_encoded_len())
					.saturating_add(8)
					.saturating_add(ConsentId::max_encoded_len()),
				2,
			),
			_ => (0, 1),
		};
		let bytes = record
			.saturating_add(subject_index)
			.saturating_add(grantee_index)
			.saturating_add(recipient);
		Footprint::from_parts(items, bytes)
	}

	pub(crate) fn do_grant(
		subject: T::AccountId,
		terms: ConsentTermsOf<T>,
	) -> Result<ConsentId, DispatchError> {
		let now = frame_system::Pallet::<T>::block_number();
		let modifiers = &terms.purpose.modifiers;
		ensure!(
			terms.valid_until.is_none_or(|until| until >= terms.valid_from && until >= now),
			Error::<T>::InvalidPeriod
		);
		ensure!(!terms.scope.categories.is_empty(), Error::<T>::NoDataCategories);
		if let DataScope::Dataset(dataset) = &terms.scope.data {
			Self::dataset_of(&subject, dataset).map_err(Error::<T>::from)?;
		}
		ensure!(modifiers.is_well_formed(), Error::<T>::MalformedModifiers);
		ensure!(
			!modifiers.requires_end_of_validity() || terms.valid_until.is_some(),
			Error::<T>::TimeLimitWithoutEnd
		);
		ensure!(
			!modifiers.requires_named_grantee() || matches!(terms.grantee, Grantee::Account(_)),
			Error::<T>::NamedGranteeRequired
		);

		let accounts = u32::try_from(terms.approvers.len()).unwrap_or(u32::MAX);
		ensure!(
			terms.approval_threshold <= accounts
				&& (accounts == 0) == (terms.approval_threshold == 0),
			Error::<T>::InvalidApprovalThreshold
		);
		let mut pending_approvals = Approvers::<T::AccountId>::new();
		let ethics = modifiers.requires_ethics_approval().then_some(Approver::EthicsCommittee);
		let approvers = terms.approvers.iter().cloned().map(Approver::Account).chain(ethics);
		for approver in approvers {
			ensure!(!pending_approvals.contains(&approver), Error::<T>::DuplicateApprover);
			// The bound is the most approver accounts plus the ethics committee.
			pending_approvals.try_push(approver).map_err(|_| Error::<T>::DuplicateApprover)?;
		}

		let consent_id = NextConsentId::<T>::get();
		NextConsentId::<T>::put(consent_id.checked_add(1).ok_or(ArithmeticError::Overflow)?);
		ConsentsBySubject::<T>::try_mutate(&subject, |ids| ids.try_push(consent_id))
			.map_err(|_| Error::<T>::TooManyConsents)?;
		if let Grantee::Account(grantee) = &terms.grantee {
			ConsentsByGrantee::<T>::insert(grantee, consent_id, ());
		}
		T::TombstoneFund::pay_for(&subject, 1)?;
		let footprint = Self::footprint(&subject, &terms, &pending_approvals);
		let deposit = T::Consideration::new(&subject, footprint)?;

		let approved = pending_approvals.is_empty();
		let grantee = terms.grantee.clone();
		Consents::<T>::insert(
			consent_id,
			ConsentRecord {
				subject: subject.clone(),
				terms,
				status: if approved {
					ConsentStatus::Approved
				} else {
					ConsentStatus::PendingApproval
				},
				pending_approvals,
				approved_by: Default::default(),
				rejected_by: Default::default(),
				granted_at: now,
				accesses: 0,
				access_log: Default::default(),
				deposit,
			},
		);
		Self::deposit_event(Event::ConsentGranted { consent_id, subject, grantee });
		if approved {
			Self::deposit_event(Event::ConsentActivated { consent_id });
		}
		Ok(consent_id)
	}

	pub(crate) fn do_approve(
		consent_id: ConsentId,
		approver: Approver<T::AccountId>,
	) -> DispatchResult {
		let approved = Consents::<T>::try_mutate(consent_id, |record| {
			let record = record.as_mut().ok_or(Error::<T>::ConsentNotFound)?;
			ensure!(
				record.status == ConsentStatus::PendingApproval,
				Error::<T>::NotPendingApproval
			);
			let answered = Self::answer(record, &approver)?;
			// Both lists are bounded like the pending list the answer came from.
			record.approved_by.try_push(answered).map_err(|_| Error::<T>::NotAnApprover)?;
			let approved = record.approvals_met();
			if approved {
				record.status = ConsentStatus::Approved;
				// Those who did not answer are no longer awaited.
				record.pending_approvals.clear();
			}
			Ok::<_, Error<T>>(approved)
		})?;
		Self::deposit_event(Event::ConsentApproved { consent_id, approver });
		if approved {
			Self::deposit_event(Event::ConsentActivated { consent_id });
		}
		Ok(())
	}

	pub(crate) fn do_reject(
		consent_id: ConsentId,
		approver: Approver<T::AccountId>,
	) -> DispatchResult {
		let mut record = Consents::<T>::get(consent_id).ok_or(Error::<T>::ConsentNotFound)?;
		ensure!(record.status == ConsentStatus::PendingApproval, Error::<T>::NotPendingApproval);
		let answered = Self::answer(&mut record, &approver)?;
		record.rejected_by.try_push(answered).map_err(|_| Error::<T>::NotAnApprover)?;
		Self::deposit_event(Event::ApprovalRefused { consent_id, approver });
		if record.approvals_unreachable() {
			let subject = record.subject.clone();
			Self::take_out(consent_id, record)?;
			Self::deposit_event(Event::ConsentRejected { consent_id, subject });
		} else {
			Consents::<T>::insert(consent_id, record);
		}
		Ok(())
	}

	/// Takes `approver` off the approvers `record` still waits for.
	fn answer(
		record: &mut ConsentRecordOf<T>,
		approver: &Approver<T::AccountId>,
	) -> Result<Approver<T::AccountId>, Error<T>> {
		let position = record
			.pending_approvals
			.iter()
			.position(|pending| pending == approver)
			.ok_or(Error::<T>::NotAnApprover)?;
		Ok(record.pending_approvals.remove(position))
	}

	pub(crate) fn do_revoke(subject: &T::AccountId, consent_id: ConsentId) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		Consents::<T>::try_mutate(consent_id, |record| {
			let record = record.as_mut().ok_or(Error::<T>::ConsentNotFound)?;
			ensure!(record.subject == *subject, Error::<T>::NotTheSubject);
			ensure!(
				!matches!(record.status, ConsentStatus::Revoked { .. }),
				Error::<T>::AlreadyRevoked
			);
			record.status = ConsentStatus::Revoked { at: now };
			Ok::<_, Error<T>>(())
		})?;
		Self::deposit_event(Event::ConsentRevoked { consent_id, subject: subject.clone() });
		Ok(())
	}

	pub(crate) fn do_record_access(
		custodian: T::AccountId,
		consent_id: ConsentId,
		accessor: T::AccountId,
		dataset: DatasetId,
		category: DataCategory,
		requested: RequestedUse,
	) -> DispatchResult {
		ensure!(T::Accreditation::has_role(&custodian, Role::Custodian), Error::<T>::NotACustodian);
		let now = frame_system::Pallet::<T>::block_number();
		let (access_index, access_log) = Consents::<T>::try_mutate(consent_id, |record| {
			let record = record.as_mut().ok_or(Error::<T>::ConsentNotFound)?;
			Self::dataset_kept_by(&record.subject, &dataset, Some(&custodian))
				.map_err(Error::<T>::from)?;
			Self::check(record, &accessor, &dataset, category, &requested, now)
				.map_err(Error::<T>::from)?;
			let access_index = record.accesses;
			record.accesses = access_index.checked_add(1).ok_or(Error::<T>::AccessLogFull)?;
			let access = (
				record.access_log,
				access_index,
				now,
				&custodian,
				&accessor,
				dataset,
				category,
				&requested,
			);
			record.access_log = blake2_256(&access.encode()).into();
			Self::add_recipient(&record.subject, &accessor)?;
			Ok::<_, Error<T>>((access_index, record.access_log))
		})?;
		Self::deposit_event(Event::AccessRecorded {
			consent_id,
			custodian,
			accessor,
			dataset,
			category,
			requested,
			access_index,
			access_log,
		});
		Ok(())
	}

	pub(crate) fn do_remove(consent_id: ConsentId) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let record = Consents::<T>::get(consent_id).ok_or(Error::<T>::ConsentNotFound)?;
		ensure!(
			matches!(Self::state_at(&record, now), ConsentState::Revoked | ConsentState::Expired),
			Error::<T>::ConsentStillInForce
		);
		let subject = record.subject.clone();
		Self::take_out(consent_id, record)?;
		Self::deposit_event(Event::ConsentRemoved { consent_id, subject });
		Ok(())
	}

	/// Removes consent `consent_id` from state and its indexes, and returns its deposit.
	pub(crate) fn take_out(consent_id: ConsentId, record: ConsentRecordOf<T>) -> DispatchResult {
		ConsentsBySubject::<T>::mutate_exists(&record.subject, without(consent_id));
		if let Grantee::Account(grantee) = &record.terms.grantee {
			ConsentsByGrantee::<T>::remove(grantee, consent_id);
		}
		Consents::<T>::remove(consent_id);
		record.deposit.drop(&record.subject)
	}

	/// Keeps `recipient` among those `subject`'s data was released to.
	pub(crate) fn add_recipient(
		subject: &T::AccountId,
		recipient: &T::AccountId,
	) -> Result<(), Error<T>> {
		Recipients::<T>::try_mutate(subject, |recipients| {
			if !recipients.contains(recipient) {
				recipients
					.try_push(recipient.clone())
					.map_err(|_| Error::<T>::TooManyRecipients)?;
			}
			Ok(())
		})
	}
}
