//! What the calls do, once their origin is known.

use crate::{
	Config, DisputeVerdict, DisputeWindow, EnrolmentRecord, EnrolmentRecordOf, Enrolments,
	EnrolmentsOf, Error, Event, HoldReason, NextStudyId, Pallet, Participants, QueuedPayout,
	RefundReason, Studies, StudyRecord, StudyRecordOf, StudyTermsOf,
};
use alloc::vec::Vec;
use codec::MaxEncodedLen;
use genochain_primitives::{
	anchor::AnchorId,
	consent::{ConsentState, ConsentTerms, DataScope, Grantee, Role, Scope},
	market::{DisputeReason, EnrolmentStatus, StudyId, StudyStatus},
	traits::{Accreditation, AnchorInspect, ConsentManage, TombstoneFund},
};
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{
			fungible::{Inspect, MutateHold},
			Consideration, Footprint, Get,
		},
	},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::{
		traits::{CheckedAdd, CheckedMul, Zero},
		ArithmeticError, BoundedVec, DispatchError, DispatchResult,
	},
};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_create_study(
		researcher: T::AccountId,
		terms: StudyTermsOf<T>,
	) -> Result<StudyId, DispatchError> {
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(
			T::Accreditation::has_role(&researcher, Role::Researcher),
			Error::<T>::NotAResearcher
		);
		ensure!(!terms.categories.is_empty(), Error::<T>::NoDataCategories);
		ensure!(terms.purpose.modifiers.is_well_formed(), Error::<T>::MalformedPurpose);
		ensure!(terms.max_contributors > 0, Error::<T>::NoContributors);
		ensure!(
			terms.max_contributors <= T::MaxContributors::get(),
			Error::<T>::TooManyContributors
		);
		ensure!(terms.reward >= T::Currency::minimum_balance(), Error::<T>::RewardBelowMinimum);
		ensure!(terms.enrolment_deadline >= now, Error::<T>::DeadlineInPast);
		let delivery_deadline = terms
			.enrolment_deadline
			.checked_add(&terms.delivery_window)
			.ok_or(Error::<T>::BudgetOverflow)?;
		let fee_per_contributor = T::MarketFee::get().mul_floor(terms.reward);
		let budget = terms
			.reward
			.checked_add(&fee_per_contributor)
			.and_then(|slot| slot.checked_mul(&terms.max_contributors.into()))
			.ok_or(Error::<T>::BudgetOverflow)?;

		let study_id = NextStudyId::<T>::get();
		NextStudyId::<T>::put(study_id.checked_add(1).ok_or(ArithmeticError::Overflow)?);
		T::Currency::hold(&HoldReason::StudyBudget.into(), &researcher, budget)
			.map_err(|_| Error::<T>::CannotHoldBudget)?;
		T::TombstoneFund::pay_for(&researcher, 1)?;
		let deposit = T::StudyDeposit::new(&researcher, Self::footprint(terms.max_contributors))?;
		Studies::<T>::insert(
			study_id,
			StudyRecord {
				researcher: researcher.clone(),
				owed_slots: terms.max_contributors,
				terms,
				status: StudyStatus::Open,
				delivery_deadline,
				fee_per_contributor,
				enrolled: 0,
				deposit,
			},
		);
		Self::deposit_event(Event::StudyCreated { study_id, researcher, budget });
		Ok(study_id)
	}

	/// The storage a study with `slots` enrolment slots may take, as one item: its record, and
	/// for each slot an enrolment, a queued payout and an entry in the contributor's index.
	pub(crate) fn footprint(slots: u32) -> Footprint {
		let per_slot = EnrolmentRecordOf::<T>::max_encoded_len()
			.saturating_add(crate::PayoutKey::max_encoded_len())
			.saturating_add(QueuedPayout::<T::AccountId>::max_encoded_len())
			.saturating_add(T::AccountId::max_encoded_len())
			.saturating_add(StudyId::max_encoded_len());
		let bytes = StudyRecordOf::<T>::max_encoded_len()
			.saturating_add(per_slot.saturating_mul(slots as usize));
		Footprint::from_parts(1, bytes)
	}

	pub(crate) fn do_enroll(
		study_id: StudyId,
		contributor: T::AccountId,
		anchor: AnchorId,
	) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let mut study = Studies::<T>::get(study_id).ok_or(Error::<T>::StudyNotFound)?;
		ensure!(study.status == StudyStatus::Open, Error::<T>::StudyClosed);
		ensure!(now <= study.terms.enrolment_deadline, Error::<T>::EnrolmentDeadlinePassed);
		ensure!(study.free_slots() > 0, Error::<T>::StudyFull);
		ensure!(
			T::Accreditation::has_role(&study.researcher, Role::Researcher),
			Error::<T>::ResearcherNotAccredited
		);
		let genome = T::Anchors::anchor(&anchor).ok_or(Error::<T>::AnchorNotFound)?;
		ensure!(genome.subject == contributor, Error::<T>::NotTheAnchorSubject);
		ensure!(genome.superseded_by.is_none(), Error::<T>::AnchorSuperseded);
		ensure!(genome.assembly == study.terms.assembly, Error::<T>::AssemblyMismatch);
		ensure!(genome.custodian.is_some(), Error::<T>::AnchorHasNoCustodian);
		ensure!(
			study.terms.provenance.is_met_by(&T::Anchors::provenance(&genome)),
			Error::<T>::AnchorNotAttested
		);
		// Whatever became of an earlier enrolment, and whichever anchor (a new version, a new
		// salt) the contributor brings now: the study took them once.
		ensure!(
			!Participants::<T>::contains_key(&contributor, study_id),
			Error::<T>::AlreadyEnrolled
		);
		EnrolmentsOf::<T>::try_mutate(&contributor, |studies| studies.try_push(study_id))
			.map_err(|_| Error::<T>::TooManyEnrolments)?;

		let consent_id = T::Consents::grant_for(
			&contributor,
			ConsentTerms {
				grantee: Grantee::Account(study.researcher.clone()),
				scope: Scope {
					data: DataScope::Dataset(anchor),
					categories: study.terms.categories.clone(),
				},
				purpose: study.terms.purpose.clone(),
				valid_from: now,
				valid_until: Some(study.delivery_deadline),
				document_hash: study.terms.protocol,
				approvers: BoundedVec::new(),
				approval_threshold: 0,
			},
		)?;
		// An erasure may leave two tombstones: the enrolment's, and the earnings total's once paid.
		T::TombstoneFund::pay_for(&contributor, 2)?;
		let participation =
			T::ParticipationDeposit::new(&contributor, Self::participation_footprint())?;
		Participants::<T>::insert(&contributor, study_id, participation);
		// Below `owed_slots`, checked above.
		study.enrolled = study.enrolled.saturating_add(1);
		Studies::<T>::insert(study_id, study);
		Enrolments::<T>::insert(
			study_id,
			&contributor,
			EnrolmentRecord {
				anchor,
				consent: consent_id,
				status: EnrolmentStatus::Enrolled,
				erasure_requested: false,
				payout: None,
				bond: Zero::zero(),
			},
		);
		Self::deposit_event(Event::ContributorEnrolled {
			study_id,
			contributor,
			anchor,
			consent_id,
		});
		Ok(())
	}

	pub(crate) fn do_withdraw(study_id: StudyId, contributor: T::AccountId) -> DispatchResult {
		let enrolment =
			Enrolments::<T>::get(study_id, &contributor).ok_or(Error::<T>::NotEnrolled)?;
		ensure!(enrolment.status == EnrolmentStatus::Enrolled, Error::<T>::AlreadyDelivered);
		let mut study = Studies::<T>::get(study_id).ok_or(Error::<T>::StudyNotFound)?;
		Self::end_consent(&contributor, &enrolment)?;
		Self::end_enrolment(study_id, &mut study, &contributor, &enrolment);
		if study.status == StudyStatus::Closed {
			// A closed study takes nobody in the freed slot: it goes back to the researcher.
			Self::release(&mut study, 1)?;
		}
		Self::deposit_event(Event::ContributorWithdrew { study_id, contributor });
		Self::store(study_id, study)
	}

	pub(crate) fn do_confirm_delivery(
		study_id: StudyId,
		contributor: T::AccountId,
		custodian: T::AccountId,
	) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let mut enrolment =
			Enrolments::<T>::get(study_id, &contributor).ok_or(Error::<T>::NotEnrolled)?;
		ensure!(enrolment.status == EnrolmentStatus::Enrolled, Error::<T>::AlreadyDelivered);
		ensure!(T::Accreditation::has_role(&custodian, Role::Custodian), Error::<T>::NotACustodian);
		let genome = T::Anchors::anchor(&enrolment.anchor).ok_or(Error::<T>::AnchorNotFound)?;
		ensure!(genome.custodian.as_ref() == Some(&custodian), Error::<T>::NotTheCustodian);
		let study = Studies::<T>::get(study_id).ok_or(Error::<T>::StudyNotFound)?;
		ensure!(now <= study.delivery_deadline, Error::<T>::DeliveryDeadlinePassed);
		ensure!(
			T::Accreditation::has_role(&study.researcher, Role::Researcher),
			Error::<T>::ResearcherNotAccredited
		);
		ensure!(
			T::Consents::state(enrolment.consent) == Some(ConsentState::Active),
			Error::<T>::ConsentNotActive
		);
		// The researcher now holds the contributor's data: an erasure must reach it.
		T::Consents::note_recipient(&contributor, &study.researcher)?;

		let payable_at =
			now.checked_add(&DisputeWindow::<T>::get()).ok_or(ArithmeticError::Overflow)?;
		Self::queue_payout(study_id, &contributor, &mut enrolment, payable_at)?;
		enrolment.status = EnrolmentStatus::Delivered { payable_at };
		Enrolments::<T>::insert(study_id, &contributor, enrolment);
		Self::deposit_event(Event::DeliveryConfirmed {
			study_id,
			contributor,
			custodian,
			payable_at,
		});
		Ok(())
	}

	pub(crate) fn do_dispute(
		study_id: StudyId,
		contributor: T::AccountId,
		researcher: T::AccountId,
		reason: DisputeReason,
	) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let study = Studies::<T>::get(study_id).ok_or(Error::<T>::StudyNotFound)?;
		ensure!(study.researcher == researcher, Error::<T>::NotTheResearcher);
		let mut enrolment =
			Enrolments::<T>::get(study_id, &contributor).ok_or(Error::<T>::NotEnrolled)?;
		match enrolment.status {
			EnrolmentStatus::Enrolled => return Err(Error::<T>::NotDelivered.into()),
			EnrolmentStatus::Disputed { .. } => return Err(Error::<T>::AlreadyDisputed.into()),
			EnrolmentStatus::Delivered { payable_at } => {
				ensure!(now < payable_at, Error::<T>::DisputeWindowClosed)
			}
		}
		let decide_by =
			now.checked_add(&T::DisputeDeadline::get()).ok_or(ArithmeticError::Overflow)?;
		// A dispute freezes the contributor's pay: the bond makes freezing it cost the researcher
		// when the committee does not side with them.
		let bond =
			T::DisputeBond::get().mul_ceil(study.terms.reward).max(T::Currency::minimum_balance());
		T::Currency::hold(&HoldReason::DisputeBond.into(), &researcher, bond)
			.map_err(|_| Error::<T>::CannotHoldBond)?;
		Self::queue_payout(study_id, &contributor, &mut enrolment, decide_by)?;
		enrolment.status = EnrolmentStatus::Disputed { reason, decide_by };
		enrolment.bond = bond;
		Enrolments::<T>::insert(study_id, &contributor, enrolment);
		Self::deposit_event(Event::DeliveryDisputed {
			study_id,
			contributor,
			reason,
			bond,
			decide_by,
		});
		Ok(())
	}

	pub(crate) fn do_resolve_dispute(
		study_id: StudyId,
		contributor: T::AccountId,
		verdict: DisputeVerdict,
	) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let enrolment =
			Enrolments::<T>::get(study_id, &contributor).ok_or(Error::<T>::NotEnrolled)?;
		let EnrolmentStatus::Disputed { decide_by, .. } = enrolment.status else {
			return Err(Error::<T>::NotDisputed.into());
		};
		// Past its deadline the dispute is lost by default: the contributor is owed the pay.
		ensure!(now < decide_by, Error::<T>::DecisionTooLate);
		let mut study = Studies::<T>::get(study_id).ok_or(Error::<T>::StudyNotFound)?;
		Self::deposit_event(Event::DisputeResolved {
			study_id,
			contributor: contributor.clone(),
			verdict,
		});
		match verdict {
			DisputeVerdict::PayContributor => {
				Self::pay(study_id, &mut study, &contributor, &enrolment)?
			}
			DisputeVerdict::RefundResearcher => Self::refund(
				study_id,
				&mut study,
				&contributor,
				&enrolment,
				RefundReason::DisputeUpheld,
			)?,
		}
		Self::store(study_id, study)
	}

	/// Closes the study; `closer` is its researcher, or `None` for governance, which cancels the
	/// enrolments not yet delivered. Returns how many enrolments it read.
	pub(crate) fn do_close_study(
		study_id: StudyId,
		closer: Option<T::AccountId>,
	) -> Result<u32, DispatchError> {
		let now = frame_system::Pallet::<T>::block_number();
		let mut study = Studies::<T>::get(study_id).ok_or(Error::<T>::StudyNotFound)?;
		ensure!(study.status == StudyStatus::Open, Error::<T>::StudyClosed);
		if let Some(researcher) = &closer {
			ensure!(*researcher == study.researcher, Error::<T>::NotTheResearcher);
			ensure!(now > study.terms.enrolment_deadline, Error::<T>::DeadlineNotPassed);
		}
		study.status = StudyStatus::Closed;
		let free_slots = study.free_slots();
		let released = Self::release(&mut study, free_slots)?;
		let cancelled = closer.is_none();
		Self::deposit_event(Event::StudyClosed { study_id, released, cancelled });

		let mut read = 0u32;
		if cancelled {
			let undelivered: Vec<_> = Enrolments::<T>::iter_prefix(study_id)
				.inspect(|_| read = read.saturating_add(1))
				.filter(|(_, enrolment)| enrolment.status == EnrolmentStatus::Enrolled)
				.collect();
			for (contributor, enrolment) in undelivered {
				let reason = RefundReason::StudyCancelled;
				Self::refund(study_id, &mut study, &contributor, &enrolment, reason)?;
			}
		}
		Self::store(study_id, study)?;
		Ok(read)
	}

	pub(crate) fn do_settle(study_id: StudyId, contributor: T::AccountId) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let enrolment =
			Enrolments::<T>::get(study_id, &contributor).ok_or(Error::<T>::NotEnrolled)?;
		let mut study = Studies::<T>::get(study_id).ok_or(Error::<T>::StudyNotFound)?;
		match enrolment.status {
			EnrolmentStatus::Delivered { payable_at } => {
				ensure!(now >= payable_at, Error::<T>::NotYetPayable);
				Self::pay_due(study_id, &mut study, &contributor, &enrolment)?;
			}
			EnrolmentStatus::Disputed { decide_by, .. } => {
				ensure!(now >= decide_by, Error::<T>::UnderDispute);
				Self::pay_due(study_id, &mut study, &contributor, &enrolment)?;
			}
			EnrolmentStatus::Enrolled => {
				ensure!(now > study.delivery_deadline, Error::<T>::DeliveryStillPossible);
				let reason = RefundReason::NotDelivered;
				Self::refund(study_id, &mut study, &contributor, &enrolment, reason)?;
			}
		}
		Self::store(study_id, study)
	}

	pub(crate) fn do_set_dispute_window(blocks: BlockNumberFor<T>) -> DispatchResult {
		ensure!(!blocks.is_zero(), Error::<T>::ZeroDisputeWindow);
		DisputeWindow::<T>::put(blocks);
		Self::deposit_event(Event::DisputeWindowSet { blocks });
		Ok(())
	}

	pub(crate) fn do_release_participation(
		study_id: StudyId,
		contributor: T::AccountId,
	) -> DispatchResult {
		let participation =
			Participants::<T>::get(&contributor, study_id).ok_or(Error::<T>::NotAParticipant)?;
		ensure!(!Enrolments::<T>::contains_key(study_id, &contributor), Error::<T>::StillEnrolled);
		ensure!(!Self::takes_contributors(study_id), Error::<T>::StudyStillEnrolling);
		Participants::<T>::remove(&contributor, study_id);
		participation.drop(&contributor)?;
		Self::deposit_event(Event::ParticipationReleased { study_id, contributor });
		Ok(())
	}

	/// Whether study `study_id` may still take contributors: it exists, is open and its
	/// enrolment deadline has not passed.
	pub(crate) fn takes_contributors(study_id: StudyId) -> bool {
		let now = frame_system::Pallet::<T>::block_number();
		Studies::<T>::get(study_id).is_some_and(|study| study.enrols_at(now))
	}

	/// The storage a note of taking part in a study takes: its key and its deposit's ticket.
	pub(crate) fn participation_footprint() -> Footprint {
		let bytes = T::AccountId::max_encoded_len()
			.saturating_add(StudyId::max_encoded_len())
			.saturating_add(T::ParticipationDeposit::max_encoded_len());
		Footprint::from_parts(1, bytes)
	}
}
