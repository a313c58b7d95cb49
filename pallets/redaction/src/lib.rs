//! # Redaction pallet
//!
//! Honours the right to erasure on an append-only ledger. Genochain keeps only commitments on
//! chain; when erasure is due this pallet removes even those from state, in every pallet that owns
//! records, through [`Redactable`] ([`Config::Records`]), leaves a [`Tombstone`] in each record's
//! place and asks the custodians that keep the off-chain data to confirm they deleted it.
//!
//! ## A subject's own erasure
//!
//! `erase_me` by a data subject (or their consent proxy) erases at once every consent, anchor and
//! enrolment not yet delivered of theirs, in every pallet, deposits returned, and leaves a
//! tombstone for each. Deliveries already confirmed are money owed to the subject: they are kept
//! and paid (or decided by the committee) as usual, then leave nothing of the subject behind. One
//! call erases at most [`Config::MaxErasuresPerCall`] records; a subject with more calls again.
//! Between calls the records not yet erased stay in state, whole and listed in their indexes:
//! nothing is half-erased or hidden.
//!
//! ## Redaction of others' records
//!
//! ```text
//!   request_redaction ──▶ Submitted ──approve (committee, ⅔)──▶ Approved { enact_at }
//!   (anyone, deposit)        │                                      │
//!                            │ reject (committee): deposit slashed  │ enact (anyone, from enact_at):
//!                            │   to the treasury                    │   record erased, tombstone,
//!                            │ cancel (requester or committee):     │   deposit returned
//!                            │   deposit returned                   │ cancel (committee only):
//!                            ▼                                      ▼   deposit returned
//!                           gone                                   gone
//! ```
//!
//! A request names any record ([`RecordRef`]): a lab's wrongly attested anchor or batch, unlawful
//! content in a hash field of a study, a consent. Several requests for one record may wait, from
//! anyone, each with its deposit: filing first does not keep others from asking. Once approved, a
//! request is the committee's decision: only the committee cancels it, so a record's owner cannot
//! file, wait for the approval and cancel it in the delay to hold the redaction off.
//! [`Config::EnactmentDelay`] blocks pass between approval and enactment, in which the committee
//! can still cancel. Enactment is permissionless; the requester has their deposit to collect. If
//! the record cannot be erased yet (a study still owing deliveries), `enact` fails and changes
//! nothing, and can be retried. A request whose record another request redacted first is enacted
//! as done: its deposit returned, the first redaction's tombstone and case left as they are.
//!
//! ## Tombstones and erasure cases
//!
//! A [`Tombstone`] keeps the record's kind, the block, the erasure case and the request (if any),
//! never content, under the hash of the record's reference; [`Pallet::lookup`] answers "redacted"
//! for such a record where other queries answer "not found". Each erasure opens an erasure case
//! listing everyone who has the data off chain: the custodians that keep the erased records and
//! the recipients the subject's data was released to under recorded accesses (kept by the consent
//! pallet for each subject, after the consents themselves go). Each confirms with
//! `confirm_erasure(case)`, and the case goes, with `ErasureCaseCompleted`, once all have.
//!
//! ```text
//!   erasure ──▶ Open { deadline = now + ConfirmationPeriod } ──(every party confirms)──▶ gone
//!                 │ after the deadline: the parties yet to confirm are overdue
//!                 │   (`redactionApi.erasureCase`), report_overdue (anyone, once): ErasureOverdue
//!                 └─ suspend_overdue(case, party) (committee): the party's accreditation suspended
//! ```
//!
//! The chain cannot see a deletion: a confirmation is the party's word. What it enforces is that
//! nobody is forgotten, that a silence shows after [`Config::ConfirmationPeriod`], and that the
//! committee can act on it; a late confirmation still closes the party's part.
//!
//! ## Who pays for what erasure leaves
//!
//! Erasure is free for the subject and returns every deposit, yet leaves a tombstone per record
//! and a case while it is open. These are paid from the storage fund, [`Config::Treasury`]:
//! every record that may be erased pays into it when created, through [`TombstoneFund`], the
//! price of a tombstone and of a case listing one party ([`Pallet::fee_per_record`]); the fund
//! holds a deposit ([`HoldReason::ErasureStorage`]) for each tombstone for good and for each case
//! until it completes. A subject creating and erasing records in a loop pays, every round, for
//! what the round leaves; one who never erases pays the same fee, as a transaction fee. The
//! erased subject is not charged at erasure: GDPR makes erasure free of charge, and a charge
//! there would weigh on the right itself. Should the fund ever be short, the erasure goes ahead
//! and says so (`ErasureStorageUnfunded`). See `storage_fund.rs`.
//!
//! [`TombstoneFund`]: genochain_primitives::traits::TombstoneFund
//!
//! ## Weights
//!
//! The calls' own work is benchmarked here (`benchmarking.rs`); the erasure in the owning pallets
//! is charged from their benchmarks through [`Redactable::erase_weight`] and
//! [`Redactable::erase_subject_weight`]. `erase_me` is charged for a full call and refunds the
//! rest by the records actually erased.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod dispatchable_impls;
mod inspect;
#[cfg(test)]
mod mock;
mod storage_fund;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use genochain_primitives::{
		redaction::{CaseId, RecordKind, RecordRef, Redactable, RequestId, Tombstone},
		traits::Accreditation,
	};
	use polkadot_sdk::{
		frame_support::{
			pallet_prelude::*,
			traits::{fungible, Footprint},
		},
		frame_system::pallet_prelude::*,
		sp_core::H256,
		sp_runtime::traits::Convert,
	};

	/// The layout of the pallet's storage: 0, as it launched. A change to the layout raises it
	/// and ships with a migration from the version before (see `pallet-registry`'s migrations).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// GENE: request deposits are held in it.
		type Currency: fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ fungible::Mutate<Self::AccountId>;
		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;
		/// Every pallet's records, joined into one.
		type Records: Redactable<Self::AccountId>;
		/// The accreditations the committee suspends when a party never confirms an erasure.
		type Accreditation: Accreditation<Self::AccountId>;
		/// Approves, rejects and cancels redaction requests: two thirds of the ethics committee.
		type CommitteeOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Where the deposits of rejected requests go; and the storage fund: the tombstone fees
		/// records pay when created go to it, and it holds the deposit of each tombstone and of
		/// each open erasure case.
		#[pallet::constant]
		type Treasury: Get<Self::AccountId>;
		/// The price of storage, as every deposit is priced, per item and per byte: what the fund
		/// holds for a tombstone or a case, and so what a record pays towards them when created.
		type StoragePrice: Convert<Footprint, BalanceOf<Self>>;
		/// What a redaction request holds from its requester.
		#[pallet::constant]
		type RequestDeposit: Get<BalanceOf<Self>>;
		/// Blocks between approval and enactment, in which the request can still be cancelled.
		#[pallet::constant]
		type EnactmentDelay: Get<BlockNumberFor<Self>>;
		/// The most records one `erase_me` erases.
		#[pallet::constant]
		type MaxErasuresPerCall: Get<u32>;
		/// The most custodians one erasure case lists; at least [`Config::MaxErasuresPerCall`],
		/// as each erased record has at most one custodian.
		#[pallet::constant]
		type MaxCustodiansPerCase: Get<u32>;
		/// The most recipients of the data one erasure case lists: at least what the consent
		/// pallet keeps for one subject.
		#[pallet::constant]
		type MaxRecipientsPerCase: Get<u32>;
		/// Blocks the custodians and recipients have to confirm an erasure; then they are
		/// overdue.
		#[pallet::constant]
		type ConfirmationPeriod: Get<BlockNumberFor<Self>>;
		/// Creates records for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
		/// Weights of the calls' own work, measured by the benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A redaction request's deposit, returned unless the committee rejects the request.
		#[codec(index = 0)]
		RequestDeposit,
		/// The storage fund's deposit for the tombstones it pays for, which stay, and for the
		/// erasure cases while they are open.
		#[codec(index = 1)]
		ErasureStorage,
	}

	/// The next erasure case's id.
	#[pallet::storage]
	pub type NextCaseId<T> = StorageValue<_, CaseId, ValueQuery>;

	/// Erasure cases some custodian has yet to confirm.
	#[pallet::storage]
	pub type Cases<T: Config> = StorageMap<_, Twox64Concat, CaseId, ErasureCaseOf<T>>;

	/// Tombstones of erased records, by the hash of the record's reference (see
	/// [`Pallet::tombstone_key`]), so no account appears even for an enrolment.
	#[pallet::storage]
	pub type Tombstones<T: Config> = StorageMap<_, Identity, H256, Tombstone<BlockNumberFor<T>>>;

	/// The next request's id.
	#[pallet::storage]
	pub type NextRequestId<T> = StorageValue<_, RequestId, ValueQuery>;

	/// Redaction requests not yet enacted, rejected or cancelled.
	#[pallet::storage]
	pub type Requests<T: Config> = StorageMap<_, Twox64Concat, RequestId, RedactionRequestOf<T>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A subject erased `erased` records of theirs (`retained` deliveries are kept until
		/// paid); `complete` is false if they must call again for the rest. The subject is not
		/// named: the transaction already is theirs.
		SubjectErased { case: CaseId, erased: u32, retained: u32, complete: bool },
		/// Erasure case `case` waits for these custodians and recipients of the data to confirm
		/// their deletion, by block `deadline`.
		ErasureCaseOpened {
			case: CaseId,
			custodians: Vec<T::AccountId>,
			recipients: Vec<T::AccountId>,
			deadline: BlockNumberFor<T>,
		},
		/// `party`, a custodian or recipient, confirmed deleting its off-chain data of case `case`.
		ErasureConfirmed { case: CaseId, party: T::AccountId },
		/// Every custodian and recipient of case `case` has confirmed.
		ErasureCaseCompleted { case: CaseId },
		/// The deadline of case `case` passed and these parties have not confirmed.
		ErasureOverdue { case: CaseId, overdue: Vec<T::AccountId> },
		/// The committee suspended `party`'s accreditation for not confirming case `case`.
		OverduePartySuspended { case: CaseId, party: T::AccountId },
		/// `requester` asked for a record of `kind` to be redacted.
		RedactionRequested { request: RequestId, requester: T::AccountId, kind: RecordKind },
		/// The committee approved `request`; it can be enacted from `enact_at`.
		RedactionApproved { request: RequestId, enact_at: BlockNumberFor<T> },
		/// The committee rejected `request`; `slashed` went to the treasury.
		RedactionRejected { request: RequestId, slashed: BalanceOf<T> },
		/// `request` was withdrawn, by the committee if `by_committee`; its deposit returned.
		RedactionCancelled { request: RequestId, by_committee: bool },
		/// `request` was enacted: its record erased (unless already gone) under case `case`.
		RedactionEnacted { request: RequestId, case: CaseId },
		/// `request` was enacted after another request had redacted its record, under case
		/// `case`: its deposit returned, nothing else done.
		RedactionAlreadyEnacted { request: RequestId, case: CaseId },
		/// The storage fund could not hold `unfunded` of the deposit for what erasure case `case`
		/// left (its tombstones, the case itself); the erasure went ahead all the same.
		ErasureStorageUnfunded { case: CaseId, unfunded: BalanceOf<T> },
	}

	#[pallet::error]
	pub enum Error<T> {
		// --- erase_me ---
		/// The subject has no record left to erase.
		NothingToErase,
		// --- request_redaction ---
		/// No pallet here keeps records of this kind.
		UnknownRecordKind,
		/// No such record.
		RecordNotFound,
		/// The record was already redacted.
		AlreadyRedacted,
		/// The requester cannot pay the request's deposit.
		CannotHoldDeposit,
		// --- approve, reject, cancel, enact ---
		/// No such open request.
		RequestNotFound,
		/// The request is already approved: it can be cancelled or enacted, not decided again.
		AlreadyApproved,
		/// Only the requester or the committee cancels a request.
		NotTheRequester,
		/// The committee approved the request: only the committee cancels it now.
		ApprovedByTheCommittee,
		/// The committee has not approved the request.
		NotApproved,
		/// The enactment delay has not passed yet.
		EnactmentDelayNotPassed,
		// --- confirm_erasure ---
		/// No such open erasure case (never opened, or every custodian confirmed).
		CaseNotFound,
		/// The case does not list this account as a custodian or recipient.
		NotACaseParty,
		/// This custodian already confirmed.
		AlreadyConfirmed,
		// --- erasure ---
		/// The erasure names more custodians than a case can list.
		TooManyCustodians,
		/// The erasure names more recipients than a case can list.
		TooManyRecipients,
		// --- report_overdue, suspend_overdue ---
		/// The case's deadline has not passed.
		NotOverdue,
		/// The case's overdue parties were reported already.
		OverdueAlreadyReported,
		/// The party is not one the case still waits for.
		NotAPendingParty,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(
			_block: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::check_cases_and_requests().map_err(Into::into)
		}

		fn integrity_test() {
			assert!(T::MaxErasuresPerCall::get() > 0, "erase_me must be able to erase something");
			assert!(
				T::MaxCustodiansPerCase::get() >= T::MaxErasuresPerCall::get(),
				"one call's custodians must fit in its case"
			);
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Erases the caller's records in every pallet, at most [`Config::MaxErasuresPerCall`].
		#[pallet::call_index(0)]
		#[pallet::weight(Pallet::<T>::erase_me_weight(T::MaxErasuresPerCall::get()))]
		pub fn erase_me(origin: OriginFor<T>) -> DispatchResultWithPostInfo {
			let subject = ensure_signed(origin)?;
			let erased = Self::do_erase_me(&subject)?;
			Ok(Some(Self::erase_me_weight(erased)).into())
		}

		/// Asks the committee to redact `record`, for the reason whose hash is `reason`; holds
		/// [`Config::RequestDeposit`].
		#[pallet::call_index(1)]
		pub fn request_redaction(
			origin: OriginFor<T>,
			record: RecordRef<T::AccountId>,
			reason: H256,
		) -> DispatchResult {
			let requester = ensure_signed(origin)?;
			Self::do_request_redaction(requester, record, reason)
		}

		/// Approves `request`: it can be enacted after [`Config::EnactmentDelay`].
		#[pallet::call_index(2)]
		pub fn approve(origin: OriginFor<T>, request: RequestId) -> DispatchResult {
			T::CommitteeOrigin::ensure_origin(origin)?;
			Self::do_approve(request)
		}

		/// Rejects `request`: its deposit goes to the treasury.
		#[pallet::call_index(3)]
		pub fn reject(origin: OriginFor<T>, request: RequestId) -> DispatchResult {
			T::CommitteeOrigin::ensure_origin(origin)?;
			Self::do_reject(request)
		}

		/// Withdraws `request`, by its requester before the committee approves it, or by the
		/// committee before enactment; the deposit is returned.
		#[pallet::call_index(4)]
		pub fn cancel(origin: OriginFor<T>, request: RequestId) -> DispatchResult {
			let canceller = match T::CommitteeOrigin::try_origin(origin) {
				Ok(_) => None,
				Err(origin) => Some(ensure_signed(origin)?),
			};
			Self::do_cancel(request, canceller)
		}

		/// Enacts an approved `request` once its delay has passed: anyone may.
		#[pallet::call_index(5)]
		#[pallet::weight(Pallet::<T>::enact_weight(None))]
		pub fn enact(origin: OriginFor<T>, request: RequestId) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let kind = Self::do_enact(request)?;
			Ok(Some(Self::enact_weight(Some(kind))).into())
		}

		/// Confirms, as a custodian or recipient listed in `case`, that its off-chain data is
		/// deleted.
		#[pallet::call_index(6)]
		pub fn confirm_erasure(origin: OriginFor<T>, case: CaseId) -> DispatchResult {
			let party = ensure_signed(origin)?;
			Self::do_confirm_erasure(case, party)
		}

		/// Reports the parties of `case` that have not confirmed by its deadline
		/// (`ErasureOverdue`); anyone may, once.
		#[pallet::call_index(7)]
		pub fn report_overdue(origin: OriginFor<T>, case: CaseId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_report_overdue(case)
		}

		/// Suspends the accreditation of `party`, overdue in `case`: by the committee.
		#[pallet::call_index(8)]
		pub fn suspend_overdue(
			origin: OriginFor<T>,
			case: CaseId,
			party: T::AccountId,
		) -> DispatchResult {
			T::CommitteeOrigin::ensure_origin(origin)?;
			Self::do_suspend_overdue(case, party)
		}
	}
}
