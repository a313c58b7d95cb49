//! Evaluating a request against the state now, through the owning pallets' traits.

use crate::{Config, Pallet, WeightInfo};
use genochain_primitives::{
	anchor::AnchorProofRefusal,
	redaction::RecordRef,
	traits::{AnchorInspect, ConsentInspect, TombstoneInspect},
	verification::{Fact, Refusal, RequestKind, VerifyRequest, VersionedVerifyRequest},
};
use polkadot_sdk::{
	frame_support::{traits::Get, weights::Weight},
	frame_system::pallet_prelude::BlockNumberFor,
};

impl<T: Config> Pallet<T> {
	/// What `request` finds true now, or why it does not hold.
	///
	/// A redacted record answers with its tombstone, whichever the request: the anchor of an
	/// anchor or variant request, the dataset of a consent request, the record of a redaction
	/// request.
	pub fn evaluate(
		request: &VerifyRequest<T::AccountId>,
	) -> Result<Fact, Refusal<BlockNumberFor<T>>> {
		match request {
			VerifyRequest::AnchorExists { root } => {
				Self::not_redacted(&RecordRef::Anchor(*root))?;
				let anchor = T::Anchors::anchor(root)
					.ok_or(Refusal::Anchor(AnchorProofRefusal::UnknownAnchor))?;
				if anchor.superseded_by.is_some() {
					return Err(Refusal::Anchor(AnchorProofRefusal::Superseded));
				}
				Ok(Fact::AnchorCurrent)
			}
			VerifyRequest::Variant { root, proof } => {
				Self::not_redacted(&RecordRef::Anchor(*root))?;
				T::Anchors::verify_variant(root, proof).map(Fact::Variant).map_err(Refusal::Anchor)
			}
			VerifyRequest::Consent { grantee, subject, dataset, category, requested } => {
				Self::not_redacted(&RecordRef::Anchor(*dataset))?;
				T::Consents::find_consent(grantee, subject, dataset, *category, requested)
					.map(Fact::ConsentAllows)
					.map_err(Refusal::Access)
			}
			VerifyRequest::NotRedacted { record } => {
				Self::not_redacted(record)?;
				Ok(Fact::NotRedacted)
			}
		}
	}

	fn not_redacted(record: &RecordRef<T::AccountId>) -> Result<(), Refusal<BlockNumberFor<T>>> {
		match T::Tombstones::tombstone(record) {
			Some(tombstone) => Err(Refusal::Redacted(tombstone)),
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
		let VersionedVerifyRequest::V1(request) = request;
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
