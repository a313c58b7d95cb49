//! The runtime API through which wallets, verifiers and apps read genome anchors and check variant
//! proofs against them for free, without a transaction.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
use genochain_primitives::{
	anchor::{Anchor, AnchorId, AnchorProofRefusal, Provenance, VariantVerdict},
	fingerprint::VariantProof,
	redaction::Lookup,
};

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// Anchors and proof checks.
	pub trait AnchorApi<AccountId, BlockNumber>
	where
		AccountId: Codec,
		BlockNumber: Codec,
	{
		/// The anchor with root `anchor`; `Redacted` with its tombstone if it was erased.
		fn anchor(anchor: AnchorId) -> Lookup<Anchor<AccountId, BlockNumber>, BlockNumber>;

		/// Every anchor of `subject`, oldest first, with its root.
		fn anchors_of(subject: AccountId) -> Vec<(AnchorId, Anchor<AccountId, BlockNumber>)>;

		/// What `proof` establishes about the genome of the current anchor `anchor`, whose genome
		/// it is and who vouches for it (`Attested { lab, at, standing }` or `SelfAsserted`), or
		/// why it establishes nothing: the same check as the `prove_variant` call, without its
		/// event; `Redacted` if the anchor was erased.
		fn verify_variant(anchor: AnchorId, proof: VariantProof)
			-> Result<VariantVerdict<AccountId, BlockNumber>, AnchorProofRefusal>;

		/// Who vouches for anchor `anchor`'s fingerprint, and where that lab stands now;
		/// `Redacted` if the anchor was erased.
		fn provenance(anchor: AnchorId) -> Lookup<Provenance<AccountId, BlockNumber>, BlockNumber>;
	}
}
