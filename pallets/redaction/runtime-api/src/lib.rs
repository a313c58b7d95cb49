//! The runtime API through which apps learn whether a record was redacted, and custodians and
//! subjects follow an erasure case, for free, without a transaction.

#![cfg_attr(not(feature = "std"), no_std)]

use codec::Codec;
use genochain_primitives::redaction::{CaseId, ErasureCaseView, RecordRef, Tombstone};

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// Tombstones and erasure cases.
	pub trait RedactionApi<AccountId, BlockNumber>
	where
		AccountId: Codec,
		BlockNumber: Codec,
	{
		/// `record`'s tombstone if it was erased: its kind, when, the case and the request.
		fn tombstone(record: RecordRef<AccountId>) -> Option<Tombstone<BlockNumber>>;

		/// Erasure case `case` while some custodian has yet to confirm it.
		fn erasure_case(case: CaseId) -> Option<ErasureCaseView<AccountId, BlockNumber>>;
	}
}
