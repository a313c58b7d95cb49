//! Erasure cases and redaction requests.

use crate::Config;
use codec::{Decode, Encode, MaxEncodedLen};
use genochain_primitives::redaction::{RecordRef, RequestId};
use polkadot_sdk::{
	frame_support::{traits::fungible, BoundedVec},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_core::H256,
};
use scale_info::TypeInfo;

/// The balance of [`Config::Currency`].
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// The parties asked to delete their off-chain copies of erased records — the custodians that
/// keep them and the recipients the data was released to — each with whether it has confirmed.
/// Nothing here names the subject.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
#[scale_info(skip_type_params(MaxCustodians, MaxRecipients))]
pub struct ErasureCase<
	AccountId,
	Balance,
	BlockNumber,
	MaxCustodians: polkadot_sdk::frame_support::traits::Get<u32>,
	MaxRecipients: polkadot_sdk::frame_support::traits::Get<u32>,
> {
	/// The block of the erasure.
	pub opened_at: BlockNumber,
	/// The request enacted, or `None` for a subject's own erasure.
	pub request: Option<RequestId>,
	/// Each custodian and whether it confirmed.
	pub custodians: BoundedVec<(AccountId, bool), MaxCustodians>,
	/// Each recipient and whether it confirmed.
	pub recipients: BoundedVec<(AccountId, bool), MaxRecipients>,
	/// The last block for confirmations; after it the parties yet to confirm are overdue.
	pub deadline: BlockNumber,
	/// Whether the overdue parties were reported (`ErasureOverdue`).
	pub overdue_reported: bool,
	/// What the storage fund holds for the case while it is open.
	pub deposit: Balance,
}

impl<AccountId: PartialEq, Balance, BlockNumber, MaxCustodians, MaxRecipients>
	ErasureCase<AccountId, Balance, BlockNumber, MaxCustodians, MaxRecipients>
where
	MaxCustodians: polkadot_sdk::frame_support::traits::Get<u32>,
	MaxRecipients: polkadot_sdk::frame_support::traits::Get<u32>,
{
	/// The custodians and recipients yet to confirm, each once.
	pub fn pending(&self) -> alloc::vec::Vec<AccountId>
	where
		AccountId: Clone,
	{
		let mut pending = alloc::vec::Vec::new();
		genochain_primitives::redaction::add_once(
			&mut pending,
			self.custodians
				.iter()
				.chain(self.recipients.iter())
				.filter(|(_, confirmed)| !*confirmed)
				.map(|(party, _)| party.clone()),
		);
		pending
	}

	/// Whether `party` is listed and has yet to confirm.
	pub fn is_pending(&self, party: &AccountId) -> bool {
		self.custodians
			.iter()
			.chain(self.recipients.iter())
			.any(|(listed, confirmed)| listed == party && !*confirmed)
	}
}

/// An erasure case of runtime `T`.
pub type ErasureCaseOf<T> = ErasureCase<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberFor<T>,
	<T as Config>::MaxCustodiansPerCase,
	<T as Config>::MaxRecipientsPerCase,
>;

/// Where a redaction request stands.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub enum RequestStatus<BlockNumber> {
	/// Waiting for the committee.
	Submitted,
	/// Approved; enactable from `enact_at`.
	Approved {
		/// The first block it may be enacted in.
		enact_at: BlockNumber,
	},
}

/// A request to redact a record of someone else.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct RedactionRequest<AccountId, Balance, BlockNumber> {
	/// Who asked, and holds the deposit.
	pub requester: AccountId,
	/// The record to erase.
	pub record: RecordRef<AccountId>,
	/// The hash of the reason, kept off chain with the evidence.
	pub reason: H256,
	/// The deposit held from the requester.
	pub deposit: Balance,
	/// Where it stands.
	pub status: RequestStatus<BlockNumber>,
}

/// A redaction request of runtime `T`.
pub type RedactionRequestOf<T> =
	RedactionRequest<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

/// Creates records for the benchmarks, which cannot know the runtime's pallets.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Creates record number `index` of `subject`, kept by `custodian`, and returns it.
	fn record(subject: &AccountId, index: u32, custodian: &AccountId) -> RecordRef<AccountId>;

	/// Makes `recipients` accounts recipients of `subject`'s data, as recorded accesses do.
	fn recipients(subject: &AccountId, recipients: &[AccountId]);
}
