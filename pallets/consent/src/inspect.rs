//! Reading consents: the state of a consent at a block, the access check, and the traits and
//! runtime-API helpers built on them.

use crate::{
	Config, ConsentRecordOf, ConsentStatus, ConsentTermsOf, Consents, ConsentsBySubject, Error,
	Pallet,
};
use alloc::vec::Vec;
use genochain_primitives::{
	consent::{
		AccessRefusal, Approver, ConsentId, ConsentState, ConsentView, DataCategory, DatasetId,
		Grantee, Role,
	},
	duo::{permits, RequestedUse, UseRefusal},
	traits::{Accreditation, ConsentInspect, ConsentManage},
};
use polkadot_sdk::{
	frame_support::ensure,
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::{DispatchError, DispatchResult},
};

/// The most consents one page of [`Pallet::consents_to`] holds.
pub const MAX_CONSENTS_PAGE: u32 = 256;

impl<T: Config> Pallet<T> {
	/// Where `record` stands at block `now`.
	pub fn state_at(record: &ConsentRecordOf<T>, now: BlockNumberFor<T>) -> ConsentState {
		match record.status {
			ConsentStatus::PendingApproval => ConsentState::PendingApproval,
			ConsentStatus::Revoked { .. } => ConsentState::Revoked,
			ConsentStatus::Approved if now < record.terms.valid_from => ConsentState::NotYetValid,
			ConsentStatus::Approved
				if record.terms.valid_until.is_some_and(|until| now > until) =>
			{
				ConsentState::Expired
			}
			ConsentStatus::Approved => ConsentState::Active,
		}
	}

	/// Whether `record` lets `accessor` use `category` data of `dataset` for `requested` at
	/// block `now`. Checked in this order: the grantee, the scope, the state, the purpose. The
	/// caller checks first that `dataset` is the record's subject's ([`Self::dataset_of`]).
	pub(crate) fn check(
		record: &ConsentRecordOf<T>,
		accessor: &T::AccountId,
		dataset: &DatasetId,
		category: DataCategory,
		requested: &RequestedUse,
		now: BlockNumberFor<T>,
	) -> Result<(), AccessRefusal> {
		match &record.terms.grantee {
			Grantee::Account(grantee) => ensure!(grantee == accessor, AccessRefusal::NotTheGrantee),
			Grantee::AnyAccreditedResearcher => ensure!(
				T::Accreditation::has_role(accessor, Role::Researcher),
				AccessRefusal::NotAnAccreditedResearcher
			),
		}
		record.terms.scope.covers(dataset, &category)?;
		match Self::state_at(record, now) {
			ConsentState::Active => {}
			ConsentState::PendingApproval => return Err(AccessRefusal::NotYetApproved),
			ConsentState::NotYetValid => return Err(AccessRefusal::NotYetValid),
			ConsentState::Expired => return Err(AccessRefusal::Expired),
			ConsentState::Revoked => return Err(AccessRefusal::Revoked),
		}
		permits(&record.terms.purpose, requested).map_err(AccessRefusal::UseNotPermitted)
	}

	/// Whether one of `subject`'s consents lets `accessor` make this access now, released by
	/// `custodian` if one is named: the first consent that does, or the refusal of the consent
	/// that came closest (see [`Self::check`] for the order). A dataset not of the subject, or not
	/// kept by the custodian, is refused before any consent is looked at.
	pub fn find_consent(
		accessor: &T::AccountId,
		subject: &T::AccountId,
		dataset: &DatasetId,
		category: DataCategory,
		requested: &RequestedUse,
		custodian: Option<&T::AccountId>,
	) -> Result<ConsentId, AccessRefusal> {
		Self::dataset_kept_by(subject, dataset, custodian)?;
		let now = frame_system::Pallet::<T>::block_number();
		let mut closest = AccessRefusal::ConsentNotFound;
		for consent_id in ConsentsBySubject::<T>::get(subject) {
			let Some(record) = Consents::<T>::get(consent_id) else { continue };
			match Self::check(&record, accessor, dataset, category, requested, now) {
				Ok(()) => return Ok(consent_id),
				Err(refusal) if progress(&refusal) > progress(&closest) => closest = refusal,
				Err(_) => {}
			}
		}
		Err(closest)
	}

	/// Consent `id` as of now, if it is kept.
	pub fn consent(id: ConsentId) -> Option<ConsentView<T::AccountId, BlockNumberFor<T>>> {
		let now = frame_system::Pallet::<T>::block_number();
		Consents::<T>::get(id).map(|record| Self::view(id, record, now))
	}

	/// At most `limit` (and at most [`MAX_CONSENTS_PAGE`]) of the consents naming `grantee`, as
	/// of now, after consent `after` when given: a page of a grantee's consents, which may be
	/// many. The order is the index's, not the ids'; ask again after the last one for the next
	/// page.
	pub fn consents_to(
		grantee: &T::AccountId,
		after: Option<ConsentId>,
		limit: u32,
	) -> Vec<ConsentView<T::AccountId, BlockNumberFor<T>>> {
		use crate::ConsentsByGrantee;
		let now = frame_system::Pallet::<T>::block_number();
		let ids = match after {
			Some(after) => ConsentsByGrantee::<T>::iter_key_prefix_from(
				grantee,
				ConsentsByGrantee::<T>::hashed_key_for(grantee, after),
			),
			None => ConsentsByGrantee::<T>::iter_key_prefix(grantee),
		};
		ids.take(limit.min(MAX_CONSENTS_PAGE) as usize)
			.filter_map(|id| Consents::<T>::get(id).map(|record| Self::view(id, record, now)))
			.collect()
	}

	/// Every consent of `subject`, oldest first, as of now.
	pub fn consents_of(
		subject: &T::AccountId,
	) -> Vec<ConsentView<T::AccountId, BlockNumberFor<T>>> {
		let now = frame_system::Pallet::<T>::block_number();
		ConsentsBySubject::<T>::get(subject)
			.into_iter()
			.filter_map(|id| Consents::<T>::get(id).map(|record| Self::view(id, record, now)))
			.collect()
	}

	fn view(
		id: ConsentId,
		record: ConsentRecordOf<T>,
		now: BlockNumberFor<T>,
	) -> ConsentView<T::AccountId, BlockNumberFor<T>> {
		ConsentView {
			id,
			state: Self::state_at(&record, now),
			subject: record.subject,
			terms: record.terms,
			pending_approvals: record.pending_approvals.into_inner(),
			approved_by: record.approved_by.into_inner(),
			rejected_by: record.rejected_by.into_inner(),
			accesses: record.accesses,
			access_log: record.access_log,
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The consents' invariants: each is listed once in its subject's index and, when it names a
	/// grantee account, in that grantee's; indexes list only kept consents of theirs; ids are
	/// below the next id; every approver has answered at most once and is one the terms ask for;
	/// an approved consent has the approvals its terms need, a pending one can still get them.
	pub fn check_consents() -> Result<(), &'static str> {
		use crate::{ConsentsByGrantee, NextConsentId};
		let next = NextConsentId::<T>::get();
		let mut by_subject = 0usize;
		for (subject, ids) in ConsentsBySubject::<T>::iter() {
			ensure!(!ids.is_empty(), "an empty subject index is kept");
			for (position, id) in ids.iter().enumerate() {
				let record =
					Consents::<T>::get(id).ok_or("a subject index names a missing consent")?;
				ensure!(record.subject == subject, "a subject index names another's consent");
				ensure!(!ids[..position].contains(id), "a subject index names a consent twice");
			}
			by_subject = by_subject.saturating_add(ids.len());
		}
		for (grantee, id, ()) in ConsentsByGrantee::<T>::iter() {
			let record = Consents::<T>::get(id).ok_or("a grantee index names a missing consent")?;
			ensure!(
				record.terms.grantee == Grantee::Account(grantee),
				"a grantee index names a consent of another grantee"
			);
		}
		let mut kept = 0usize;
		for (id, record) in Consents::<T>::iter() {
			kept = kept.saturating_add(1);
			ensure!(id < next, "a consent id at or above the next id");
			if let Grantee::Account(grantee) = &record.terms.grantee {
				ensure!(
					ConsentsByGrantee::<T>::contains_key(grantee, id),
					"a consent is missing from its grantee's index"
				);
			}
			let answers = record
				.pending_approvals
				.iter()
				.chain(record.approved_by.iter())
				.chain(record.rejected_by.iter())
				.collect::<Vec<_>>();
			for (position, approver) in answers.iter().enumerate() {
				ensure!(!answers[..position].contains(approver), "an approver answers twice");
				let asked = match approver {
					Approver::Account(account) => record.terms.approvers.contains(account),
					Approver::EthicsCommittee => {
						record.terms.purpose.modifiers.requires_ethics_approval()
					}
				};
				ensure!(asked, "an approver the terms do not ask for");
			}
			match record.status {
				ConsentStatus::Approved => {
					ensure!(record.approvals_met(), "approved without the approvals it needs");
					ensure!(record.pending_approvals.is_empty(), "approved and still waiting");
				}
				ConsentStatus::PendingApproval => {
					ensure!(!record.approvals_met(), "pending with every approval it needs");
					ensure!(!record.approvals_unreachable(), "pending and out of reach");
				}
				ConsentStatus::Revoked { .. } => {}
			}
		}
		ensure!(by_subject == kept, "a consent is missing from its subject's index");
		Ok(())
	}
}

/// How far a consent got through [`Pallet::check`] before it refused: a refusal of a later check
/// says more about why the access is not covered.
fn progress(refusal: &AccessRefusal) -> u8 {
	match refusal {
		AccessRefusal::ConsentNotFound
		| AccessRefusal::Redacted
		| AccessRefusal::UnknownDataset
		| AccessRefusal::DatasetNotOfSubject
		| AccessRefusal::NotTheDatasetsCustodian => 0,
		AccessRefusal::NotTheGrantee | AccessRefusal::NotAnAccreditedResearcher => 1,
		AccessRefusal::DatasetNotCovered => 2,
		AccessRefusal::CategoryNotCovered => 3,
		AccessRefusal::NotYetApproved
		| AccessRefusal::NotYetValid
		| AccessRefusal::Expired
		| AccessRefusal::Revoked => 4,
		AccessRefusal::UseNotPermitted(_) => 5,
	}
}

impl<T: Config> From<AccessRefusal> for Error<T> {
	fn from(refusal: AccessRefusal) -> Self {
		match refusal {
			AccessRefusal::ConsentNotFound => Error::ConsentNotFound,
			// Here only a dataset's tombstone answers `Redacted`.
			AccessRefusal::Redacted => Error::DatasetErased,
			AccessRefusal::UnknownDataset => Error::UnknownDataset,
			AccessRefusal::DatasetNotOfSubject => Error::DatasetNotOfSubject,
			AccessRefusal::NotTheDatasetsCustodian => Error::NotTheDatasetsCustodian,
			AccessRefusal::NotYetApproved => Error::ConsentPendingApproval,
			AccessRefusal::NotYetValid => Error::ConsentNotYetValid,
			AccessRefusal::Expired => Error::ConsentExpired,
			AccessRefusal::Revoked => Error::ConsentRevoked,
			AccessRefusal::NotTheGrantee => Error::AccessorNotGrantee,
			AccessRefusal::NotAnAccreditedResearcher => Error::AccessorNotAccreditedResearcher,
			AccessRefusal::DatasetNotCovered => Error::DatasetNotCovered,
			AccessRefusal::CategoryNotCovered => Error::CategoryNotCovered,
			AccessRefusal::UseNotPermitted(refusal) => match refusal {
				UseRefusal::PurposeNotCovered => Error::PurposeNotPermitted,
				UseRefusal::ClinicalCareNotPermitted => Error::ClinicalCareNotPermitted,
				UseRefusal::CommercialUse => Error::CommercialUseNotPermitted,
				UseRefusal::ForProfitRequester => Error::ForProfitRequesterNotPermitted,
				UseRefusal::EthicsApprovalMissing => Error::EthicsApprovalMissing,
				UseRefusal::NotAGeneticStudy => Error::NotAGeneticStudy,
				UseRefusal::AncestryResearchExcluded => Error::AncestryResearchExcluded,
				UseRefusal::PublicationNotCommitted => Error::PublicationNotCommitted,
				UseRefusal::CollaborationNotCommitted => Error::CollaborationNotCommitted,
				UseRefusal::ReturnNotCommitted => Error::ReturnNotCommitted,
				UseRefusal::MoratoriumNotAccepted => Error::MoratoriumNotAccepted,
				UseRefusal::OutsideRegion => Error::OutsideConsentedRegion,
				UseRefusal::OtherProject => Error::OtherProject,
				UseRefusal::OtherResearchType => Error::OtherResearchType,
				UseRefusal::MethodsResearchExcluded => Error::MethodsResearchExcluded,
			},
		}
	}
}

impl<T: Config> ConsentInspect<T::AccountId> for Pallet<T> {
	fn check_access(
		consent_id: ConsentId,
		accessor: &T::AccountId,
		dataset: &DatasetId,
		category: DataCategory,
		requested: &RequestedUse,
	) -> Result<(), AccessRefusal> {
		let record = Consents::<T>::get(consent_id).ok_or(AccessRefusal::ConsentNotFound)?;
		Self::dataset_of(&record.subject, dataset)?;
		let now = frame_system::Pallet::<T>::block_number();
		Self::check(&record, accessor, dataset, category, requested, now)
	}

	fn find_consent(
		accessor: &T::AccountId,
		subject: &T::AccountId,
		dataset: &DatasetId,
		category: DataCategory,
		requested: &RequestedUse,
		custodian: Option<&T::AccountId>,
	) -> Result<ConsentId, AccessRefusal> {
		Pallet::<T>::find_consent(accessor, subject, dataset, category, requested, custodian)
	}

	fn consent_count(subject: &T::AccountId) -> u32 {
		let count = ConsentsBySubject::<T>::decode_len(subject).unwrap_or_default();
		u32::try_from(count).unwrap_or(u32::MAX)
	}
}

impl<T: Config> ConsentManage<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn grant_for(
		subject: &T::AccountId,
		terms: ConsentTermsOf<T>,
	) -> Result<ConsentId, DispatchError> {
		Self::do_grant(subject.clone(), terms)
	}

	fn revoke_for(subject: &T::AccountId, consent_id: ConsentId) -> DispatchResult {
		Self::do_revoke(subject, consent_id)
	}

	fn end_for(subject: &T::AccountId, consent_id: ConsentId) -> DispatchResult {
		let Some(record) = Consents::<T>::get(consent_id) else { return Ok(()) };
		let now = frame_system::Pallet::<T>::block_number();
		if !matches!(Self::state_at(&record, now), ConsentState::Revoked | ConsentState::Expired) {
			Self::do_revoke(subject, consent_id)?;
		}
		Self::do_remove(consent_id)
	}

	fn state(consent_id: ConsentId) -> Option<ConsentState> {
		let now = frame_system::Pallet::<T>::block_number();
		Consents::<T>::get(consent_id).map(|record| Self::state_at(&record, now))
	}

	fn note_recipient(subject: &T::AccountId, recipient: &T::AccountId) -> DispatchResult {
		Self::add_recipient(subject, recipient).map_err(Into::into)
	}
}
