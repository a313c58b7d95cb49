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

/// Some of a consent's approvers: its approver accounts and perhaps the ethics committee.
pub type Approvers<AccountId> = BoundedVec<Approver<AccountId>, ConstU32<{ MAX_APPROVERS + 1 }>>;

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
	/// Approvers who have not answered; emptied once the consent is approved.
	pub pending_approvals: Approvers<AccountId>,
	/// Approvers who approved.
	pub approved_by: Approvers<AccountId>,
	/// Approvers who refused (while the others can still approve it).
	pub rejected_by: Approvers<AccountId>,
	/// When it was granted.
	pub granted_at: BlockNumber,
	/// How many accesses were recorded under it.
	pub accesses: u32,
	/// `blake2_256(previous ‖ access)` over every recorded access; zero before the first.
	pub access_log: H256,
	/// The subject's deposit for this record.
	pub deposit: Ticket,
}

impl<AccountId: PartialEq, BlockNumber, Ticket> ConsentRecord<AccountId, BlockNumber, Ticket> {
	/// Whether the approvals given meet the terms: the ethics committee's, when IRB requires it,
	/// and at least the threshold of the listed accounts.
	pub fn approvals_met(&self) -> bool {
		let committee_approved = !self.terms.purpose.modifiers.requires_ethics_approval()
			|| self.approved_by.contains(&Approver::EthicsCommittee);
		committee_approved && accounts_in(&self.approved_by) >= self.terms.approval_threshold
	}

	/// Whether the refusals make approval impossible: the ethics committee refused when IRB
	/// requires it, or too few accounts are left to reach the threshold.
	pub fn approvals_unreachable(&self) -> bool {
		let committee_refused = self.terms.purpose.modifiers.requires_ethics_approval()
			&& self.rejected_by.contains(&Approver::EthicsCommittee);
		let accounts = u32::try_from(self.terms.approvers.len()).unwrap_or(u32::MAX);
		committee_refused
			|| accounts.saturating_sub(accounts_in(&self.rejected_by))
				< self.terms.approval_threshold
	}
}

/// How many of `approvers` are accounts (not the ethics committee).
fn accounts_in<AccountId>(approvers: &Approvers<AccountId>) -> u32 {
	let accounts = approvers.iter().filter(|a| matches!(a, Approver::Account(_))).count();
	u32::try_from(accounts).unwrap_or(u32::MAX)
}

/// An accession: a dataset a custodian keeps for a subject, other than a genome anchor.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct Accession<AccountId, Ticket> {
	/// Whose data.
	pub subject: AccountId,
	/// Who keeps it, registered it and pays its deposit.
	pub custodian: AccountId,
	/// Whether the subject confirmed it as theirs; until then no consent may name it.
	pub confirmed: bool,
	/// The custodian's deposit.
	pub deposit: Ticket,
}

/// An accession of runtime `T`.
pub type AccessionOf<T> = Accession<
	<T as polkadot_sdk::frame_system::Config>::AccountId,
	<T as Config>::AccessionConsideration,
>;

/// A consent record of runtime `T`.
pub type ConsentRecordOf<T> = ConsentRecord<
	<T as polkadot_sdk::frame_system::Config>::AccountId,
	BlockNumberFor<T>,
	<T as Config>::Consideration,
>;

/// Consent terms of runtime `T`.
pub type ConsentTermsOf<T> =
	ConsentTerms<<T as polkadot_sdk::frame_system::Config>::AccountId, BlockNumberFor<T>>;
