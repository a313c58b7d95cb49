//! The consent record.

use crate::Config;
use codec::{Decode, Encode, MaxEncodedLen};
use genochain_primitives::consent::{Approver, ConsentTerms, MAX_APPROVERS};
use polkadot_sdk::{
	frame_system::pallet_prelude::BlockNumberFor,
	sp_core::{ConstU32, H256},
	sp_runtime::BoundedVec,
};
use scale_info::TypeInfo;

/// Approvals a consent still waits for: its approver accounts and perhaps the ethics committee.
pub type PendingApprovals<AccountId> =
	BoundedVec<Approver<AccountId>, ConstU32<{ MAX_APPROVERS + 1 }>>;

/// The lifecycle a consent goes through by transactions; expiry is read from the block number.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub enum ConsentStatus<BlockNumber> {
	/// Some approvals are missing.
	PendingApproval,
	/// Approved: in force between `valid_from` and `valid_until`.
	Approved,
	/// Revoked by the subject at this block.
	Revoked { at: BlockNumber },
}

/// A consent on chain.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct ConsentRecord<AccountId, BlockNumber, Ticket> {
	/// Whose data.
	pub subject: AccountId,
	/// What the subject consented to.
	pub terms: ConsentTerms<AccountId, BlockNumber>,
	/// Where its lifecycle stands.
	pub status: ConsentStatus<BlockNumber>,
	/// Approvals still missing; empty once approved.
	pub pending_approvals: PendingApprovals<AccountId>,
	/// When it was granted.
	pub granted_at: BlockNumber,
	/// How many accesses were recorded under it.
	pub accesses: u32,
	/// `blake2_256(previous ‖ access)` over every recorded access; zero before the first.
	pub access_log: H256,
	/// The subject's deposit for this record.
	pub deposit: Ticket,
}

/// A consent record of runtime `T`.
pub type ConsentRecordOf<T> = ConsentRecord<
	<T as polkadot_sdk::frame_system::Config>::AccountId,
	BlockNumberFor<T>,
	<T as Config>::Consideration,
>;

/// Consent terms of runtime `T`.
pub type ConsentTermsOf<T> =
	ConsentTerms<<T as polkadot_sdk::frame_system::Config>::AccountId, BlockNumberFor<T>>;
