//! The runtime API through which wallets and apps list the studies open for enrolment and show a
//! contributor what they have earned, for free, without a transaction.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use codec::Codec;
use genochain_primitives::{
	market::{Earnings, EnrolmentView, StudyId, StudyPage, StudyView},
	redaction::Lookup,
};

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// Studies and earnings.
	///
	/// Version 2 pages [`Self::open_studies`]: one call's work is bounded however many studies
	/// the chain holds.
	#[api_version(2)]
	pub trait MarketApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// Every study that takes contributors now: open, before its deadline, with a free slot.
		#[changed_in(2)]
		fn open_studies() -> alloc::vec::Vec<StudyView<AccountId, Balance, BlockNumber>>;

		/// The studies that take contributors now (open, before their deadline, with a free
		/// slot) with ids after `after`, by id: at most `limit` (1 to 256), among 1,024 ids at
		/// most. Ask again with `after` set to the page's `next` until it is `None`.
		fn open_studies(after: Option<StudyId>, limit: u32) -> StudyPage<AccountId, Balance, BlockNumber>;

		/// Study `study`, open or closed, if it still exists; `Redacted` if it was erased.
		fn study(study: StudyId) -> Lookup<StudyView<AccountId, Balance, BlockNumber>, BlockNumber>;

		/// `contributor`'s enrolment in `study`; `Redacted` if it was erased.
		fn enrolment(study: StudyId, contributor: AccountId)
			-> Lookup<EnrolmentView<BlockNumber>, BlockNumber>;

		/// What `contributor` has been paid and may still earn.
		fn earnings(contributor: AccountId) -> Earnings<Balance, BlockNumber>;
	}
}
