//! The traits through which pallets see each other. No pallet depends on another pallet's crate;
//! the runtime wires an implementation of each trait into the pallets that use it.

use crate::{
	anchor::{Anchor, AnchorId, AnchorProofRefusal, Provenance, VariantVerdict},
	consent::{
		AccessRefusal, ConsentId, ConsentState, ConsentTerms, DataCategory, DatasetId,
		DatasetKeeping, Role, Standing,
	},
	duo::RequestedUse,
	fingerprint::VariantProof,
	redaction::{RecordRef, Tombstone},
};
use polkadot_sdk::sp_runtime::{DispatchError, DispatchResult};

/// The accreditation of organisations (implemented by pallet-registry).
pub trait Accreditation<AccountId> {
	/// Whether `who` is accredited, not suspended, and holds `role`.
	fn has_role(who: &AccountId, role: Role) -> bool;

	/// Where `who`'s accreditation for `role` stands now.
	fn standing(who: &AccountId, role: Role) -> Standing;

	/// Suspends `who`'s accreditation, as governance does: the redaction pallet suspends a party
	/// that never confirmed an erasure, when the ethics committee decides so.
	fn suspend(who: &AccountId) -> DispatchResult;

	/// Accredits `who` with `role`, so that benchmarks of other pallets can set up their actors.
	#[cfg(feature = "runtime-benchmarks")]
	fn accredit_for_benchmark(who: &AccountId, role: Role);
}

/// Whether a use of data is covered by a consent now (implemented by pallet-consent).
pub trait ConsentInspect<AccountId> {
	/// Whether consent `consent_id` lets `accessor` use `category` data of `dataset` for
	/// `requested` at the current block; if not, why.
	fn check_access(
		consent_id: ConsentId,
		accessor: &AccountId,
		dataset: &DatasetId,
		category: DataCategory,
		requested: &RequestedUse,
	) -> Result<(), AccessRefusal>;

	/// Whether one of `subject`'s consents lets `accessor` use `category` data of `dataset` for
	/// `requested` now, released by `custodian` if one is named: the first that does, or why none
	/// does (the refusal of the consent that came closest; `NotTheDatasetsCustodian` if the
	/// custodian does not keep the dataset).
	fn find_consent(
		accessor: &AccountId,
		subject: &AccountId,
		dataset: &DatasetId,
		category: DataCategory,
		requested: &RequestedUse,
		custodian: Option<&AccountId>,
	) -> Result<ConsentId, AccessRefusal>;

	/// How many consents `subject` has: what [`Self::find_consent`] looks through at most.
	fn consent_count(subject: &AccountId) -> u32;
}

/// Consents created and revoked for a subject by another pallet (the market enrols a contributor
/// in a study by creating the matching consent, and revokes it on withdrawal).
pub trait ConsentManage<AccountId, BlockNumber> {
	/// Creates a consent of `subject` on `terms`, exactly as if the subject had granted it: the
	/// subject pays the deposit and the same checks apply.
	fn grant_for(
		subject: &AccountId,
		terms: ConsentTerms<AccountId, BlockNumber>,
	) -> Result<ConsentId, DispatchError>;

	/// Revokes consent `consent_id` of `subject`.
	fn revoke_for(subject: &AccountId, consent_id: ConsentId) -> DispatchResult;

	/// Ends consent `consent_id` of `subject` for good: revokes it unless it was revoked, then
	/// removes it from state and its indexes and returns its deposit (a study's consent once the
	/// study paid, refunded or released the contributor). A consent already gone is left so.
	fn end_for(subject: &AccountId, consent_id: ConsentId) -> DispatchResult;

	/// Where consent `consent_id` stands now, if it still exists.
	fn state(consent_id: ConsentId) -> Option<ConsentState>;

	/// Notes that `subject`'s data was released to `recipient` (a delivery to a study's
	/// researcher), so that the subject's erasure asks `recipient` to delete it; fails when the
	/// subject's data went to as many recipients as can be asked.
	fn note_recipient(subject: &AccountId, recipient: &AccountId) -> DispatchResult;
}

/// Genome anchors and the facts proven against them (implemented by pallet-genome-anchor).
pub trait AnchorInspect<AccountId, BlockNumber> {
	/// The anchor with root `anchor`, if there is one.
	fn anchor(anchor: &AnchorId) -> Option<Anchor<AccountId, BlockNumber>>;

	/// What `proof` establishes about the genome of the current (not superseded) anchor `anchor`,
	/// whose genome it is and who vouches for it.
	fn verify_variant(
		anchor: &AnchorId,
		proof: &VariantProof,
	) -> Result<VariantVerdict<AccountId, BlockNumber>, AnchorProofRefusal>;

	/// Who vouches for `anchor`'s fingerprint: the lab that attested it and where that lab stands
	/// now, or no one.
	fn provenance(anchor: &Anchor<AccountId, BlockNumber>) -> Provenance<AccountId, BlockNumber>;

	/// Anchors a genome of `subject` on `assembly` kept by `custodian`, attested by a lab
	/// accredited for the purpose (the most a check of its provenance reads), so that benchmarks
	/// of other pallets can set up their actors; the subject must be able to pay the deposit and
	/// the tombstone's fee.
	#[cfg(feature = "runtime-benchmarks")]
	fn anchor_for_benchmark(
		subject: &AccountId,
		assembly: crate::fingerprint::Assembly,
		custodian: &AccountId,
	) -> AnchorId;
}

/// Whose a dataset is and who keeps it (pallet-genome-anchor for anchors; pallet-consent adds
/// the accessions custodians register).
pub trait DatasetInspect<AccountId> {
	/// The subject and custodian of `dataset`, if it exists.
	fn dataset(dataset: &DatasetId) -> Option<DatasetKeeping<AccountId>>;
}

/// The tombstones left by erasures (implemented by pallet-redaction).
pub trait TombstoneInspect<AccountId, BlockNumber> {
	/// `record`'s tombstone, if it was erased.
	fn tombstone(record: &RecordRef<AccountId>) -> Option<Tombstone<BlockNumber>>;
}

/// The fund that pays for the state erasures leave behind: each tombstone, which stays, and each
/// erasure case while it is open (implemented by pallet-redaction).
///
/// Erasure is free for the subject, who gets every deposit back. What erasure leaves is paid
/// instead when a record that may be erased is created: its creator pays the fee of one
/// tombstone into the fund, whether or not the record is ever erased, as it pays a transaction
/// fee. So creating and erasing records in a loop pays, each round, for the tombstones it leaves.
pub trait TombstoneFund<AccountId> {
	/// Has `payer` pay into the fund for the tombstones of `records` records it creates.
	fn pay_for(payer: &AccountId, records: u32) -> DispatchResult;

	/// Gives `payer` what it needs to pay for `records` records, so that benchmarks of the
	/// pallets creating records can set up their actors.
	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_successful(payer: &AccountId, records: u32);
}
