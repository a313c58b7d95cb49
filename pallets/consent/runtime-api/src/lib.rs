//! The runtime API through which wallets, custodians' gateways and apps ask pallet-consent,
//! without a transaction, whether an access would be allowed and what a subject consented to.

#![cfg_attr(not(feature = "std"), no_std)]
// The client side of `check_release` takes its six arguments and the block to ask at, and more.
#![allow(clippy::too_many_arguments)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
use genochain_primitives::{
	consent::{
		AccessRefusal, ConsentId, ConsentView, DataCategory, DatasetId, DatasetKeeping, Role,
		Standing,
	},
	duo::RequestedUse,
	redaction::Lookup,
};

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// Consent checks and listings.
	///
	/// Version 2 adds what a custodian's gateway asks before it stores or releases data:
	/// [`Self::dataset`], [`Self::check_release`] and [`Self::standing`].
	#[api_version(2)]
	pub trait ConsentApi<AccountId, BlockNumber>
	where
		AccountId: Codec,
		BlockNumber: Codec,
	{
		/// Whether one of `subject`'s consents lets `accessor` use `category` data of `dataset`
		/// for `requested` now: the consent that allows it, or why none does (the refusal of the
		/// consent that came closest). Before any consent: `UnknownDataset` when no anchor and no
		/// confirmed accession has id `dataset`, `DatasetNotOfSubject` when it is another
		/// subject's, `Redacted` when it was erased.
		fn check_access(
			accessor: AccountId,
			subject: AccountId,
			dataset: DatasetId,
			category: DataCategory,
			requested: RequestedUse,
		) -> Result<ConsentId, AccessRefusal>;

		/// Every consent of `subject`, oldest first.
		fn consents_of(subject: AccountId) -> Vec<ConsentView<AccountId, BlockNumber>>;

		/// A page of the consents naming `grantee`: at most `limit` (and at most 256), after
		/// consent `after` when given. Ask again after the last one returned for the next page;
		/// an empty page is the end.
		fn consents_to(
			grantee: AccountId,
			after: Option<ConsentId>,
			limit: u32,
		) -> Vec<ConsentView<AccountId, BlockNumber>>;

		/// Consent `consent` as of now; `Redacted` with its tombstone if it was erased.
		fn consent(consent: ConsentId) -> Lookup<ConsentView<AccountId, BlockNumber>, BlockNumber>;

		/// Whose `dataset` is and which custodian keeps it: a genome anchor, else a confirmed
		/// accession; `UnknownDataset` or `Redacted` otherwise.
		#[api_version(2)]
		fn dataset(dataset: DatasetId) -> Result<DatasetKeeping<AccountId>, AccessRefusal>;

		/// [`Self::check_access`] for a release by `custodian`: also refused with
		/// `NotTheDatasetsCustodian` unless `custodian` keeps the dataset. What
		/// `Consent.record_access` by `custodian` would check at this block.
		#[api_version(2)]
		fn check_release(
			custodian: AccountId,
			accessor: AccountId,
			subject: AccountId,
			dataset: DatasetId,
			category: DataCategory,
			requested: RequestedUse,
		) -> Result<ConsentId, AccessRefusal>;

		/// Where `account`'s accreditation for `role` stands now.
		#[api_version(2)]
		fn standing(account: AccountId, role: Role) -> Standing;
	}
}
