//! Evaluating a request against the state now, through the owning pallets' traits. A request is
//! answered in the version it was asked in: both versions' evaluations share the checks below.

use crate::{Config, Pallet, WeightInfo};
use genochain_primitives::{
	anchor::{Anchor, AnchorId, AnchorProofRefusal, VariantVerdict},
	consent::{ConsentId, DataCategory, DatasetId},
	duo::RequestedUse,
	fingerprint::VariantProof,
	redaction::RecordRef,
	traits::{AnchorInspect, ConsentInspect, TombstoneInspect},
	verification::{v1, Fact, Refusal, RequestKind, VerifyRequest, VersionedVerifyRequest},
};
use polkadot_sdk::{
	frame_support::{traits::Get, weights::Weight},
	frame_system::pallet_prelude::BlockNumberFor,
};

/// A fact of runtime `T`.
type FactOf<T> = Fact<<T as polkadot_sdk::frame_system::Config>::AccountId, BlockNumberFor<T>>;
/// A refusal of runtime `T`.
type RefusalOf<T> =
	Refusal<<T as polkadot_sdk::frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// A refusal both versions can state.
type CommonRefusal<T> = v1::Refusal<BlockNumberFor<T>>;

impl<T: Config> Pallet<T> {
	/// What `request` finds true now, or why it does not hold.
	///
	/// A redacted record answers with its tombstone, whichever the request: the anchor of an
	/// anchor or variant request, the dataset of a consent request, the record of a redaction
	/// request. An anchor or a variant verdict names the anchor's subject and provenance; a
	/// provenance short of what the request requires is refused with `NotAttested`.
	pub fn evaluate(request: &VerifyRequest<T::AccountId>) -> Result<FactOf<T>, RefusalOf<T>> {
		match request {
			VerifyRequest::AnchorExists { anchor, require } => {
				let anchor = Self::current_anchor(anchor)?;
				let provenance = T::Anchors::provenance(&anchor);
				if !require.is_met_by(&provenance) {
					return Err(Refusal::NotAttested(provenance));
				}
				Ok(Fact::AnchorCurrent { subject: anchor.subject, provenance })
			}
			VerifyRequest::Variant { anchor, proof, require } => {
				let verdict = Self::variant(anchor, proof)?;
				if !require.is_met_by(&verdict.provenance) {
					return Err(Refusal::NotAttested(verdict.provenance));
				}
				Ok(Fact::Variant(verdict))
			}
			VerifyRequest::Consent {
				grantee,
				subject,
				dataset,
				category,
				requested,
				custodian,
			} => {
				let custodian = custodian.as_ref();
				Self::consent(grantee, subject, dataset, *category, requested, custodian)
					.map(Fact::ConsentAllows)
					.map_err(Into::into)
			}
			VerifyRequest::NotRedacted { record } => {
				Self::not_redacted(record)?;
				Ok(Fact::NotRedacted)
			}
		}
	}

	/// [`Self::evaluate`] for a V1 request, whose answer names no subject and no provenance.
	pub fn evaluate_v1(
		request: &v1::VerifyRequest<T::AccountId>,
	) -> Result<v1::Fact, CommonRefusal<T>> {
		match request {
			v1::VerifyRequest::AnchorExists { root } => {
				Self::current_anchor(root)?;
				Ok(v1::Fact::AnchorCurrent)
			}
			v1::VerifyRequest::Variant { root, proof } => {
				let proof = VariantProof::V1((**proof).clone());
				Self::variant(root, &proof).map(|verdict| v1::Fact::Variant(verdict.fact))
			}
			v1::VerifyRequest::Consent { grantee, subject, dataset, category, requested } => {
				Self::consent(grantee, subject, dataset, *category, requested, None)
					.map(v1::Fact::ConsentAllows)
			}
			v1::VerifyRequest::NotRedacted { record } => {
				Self::not_redacted(record)?;
				Ok(v1::Fact::NotRedacted)
			}
		}
	}

	/// The anchor `id`, unless it was erased, never existed or was superseded.
	fn current_anchor(
		id: &AnchorId,
	) -> Result<Anchor<T::AccountId, BlockNumberFor<T>>, CommonRefusal<T>> {
		Self::not_redacted(&RecordRef::Anchor(*id))?;
		let anchor =
			T::Anchors::anchor(id).ok_or(v1::Refusal::Anchor(AnchorProofRefusal::UnknownAnchor))?;
		if anchor.superseded_by.is_some() {
			return Err(v1::Refusal::Anchor(AnchorProofRefusal::Superseded));
		}
		Ok(anchor)
	}

	/// What `proof` establishes about the current anchor `id`.
	fn variant(
		id: &AnchorId,
		proof: &VariantProof,
	) -> Result<VariantVerdict<T::AccountId, BlockNumberFor<T>>, CommonRefusal<T>> {
		Self::not_redacted(&RecordRef::Anchor(*id))?;
		T::Anchors::verify_variant(id, proof).map_err(v1::Refusal::Anchor)
	}

	/// The consent of `subject` that lets `grantee` make the use now.
	fn consent(
		grantee: &T::AccountId,
		subject: &T::AccountId,
		dataset: &DatasetId,
		category: DataCategory,
		requested: &RequestedUse,
		custodian: Option<&T::AccountId>,
	) -> Result<ConsentId, CommonRefusal<T>> {
		Self::not_redacted(&RecordRef::Anchor(*dataset))?;
		T::Consents::find_consent(grantee, subject, dataset, category, requested, custodian)
			.map_err(v1::Refusal::Access)
	}

	fn not_redacted(record: &RecordRef<T::AccountId>) -> Result<(), CommonRefusal<T>> {
		match T::Tombstones::tombstone(record) {
			Some(tombstone) => Err(v1::Refusal::Redacted(tombstone)),
			None => Ok(()),
		}
	}

	/// The weight of `verify` for `request`: evaluating it and sending the answer. A consent
	/// request is weighed for `consents` consents of its subject, or for the most a subject may
	/// have.
	pub fn verify_weight(
		request: &VersionedVerifyRequest<T::AccountId>,
		consents: Option<u32>,
	) -> Weight {
		match request.kind() {
			RequestKind::AnchorExists => T::WeightInfo::verify_anchor_exists(),
			RequestKind::Variant => T::WeightInfo::verify_variant(),
			RequestKind::Consent => T::WeightInfo::verify_consent(
				consents.unwrap_or_else(T::MaxConsentsPerSubject::get),
			),
			RequestKind::NotRedacted => T::WeightInfo::verify_not_redacted(),
		}
	}
}
