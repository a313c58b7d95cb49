//! # Consent pallet
//!
//! A data subject decides who may use their data, for what and until when; custodians record
//! every access against a consent, and the chain refuses the record when no valid consent covers
//! it. Nothing personal is stored: a consent holds account ids, a dataset id (a hash), DUO codes,
//! block numbers and the hash of the signed consent document, which stays off chain.
//!
//! ## A consent
//!
//! [`ConsentTerms`]: the grantee (one account, or any accredited researcher), the scope (one
//! dataset or all the subject's data, and data categories), the purpose (a DUO permission with
//! modifiers, matched by [`genochain_primitives::duo::permits`]), validity from/until (block
//! numbers), the document hash, the accounts whose approval it asks for and how many of them must
//! approve (a threshold M of the N listed). A purpose with IRB also needs the ethics committee's
//! approval, given by a motion of the committee ([`Config::EthicsOrigin`]); it counts besides the
//! threshold and cannot be outvoted.
//!
//! ## Datasets: whose they are and who keeps them
//!
//! A dataset id names either a genome anchor ([`Config::Anchors`]: its subject, and the custodian
//! named when it was anchored) or an accession registered here: a custodian registers the hash
//! of an accession it keeps (a hospital record, a biobank sample) for a subject and pays a
//! deposit; the subject (or a guardian through a consent proxy) confirms it; either removes it.
//! An unconfirmed accession is nobody's yet.
//!
//! ```text
//!   register_accession (custodian) ──▶ Registered ──confirm_accession (subject)──▶ Confirmed
//!            remove_accession (subject or custodian), erasure: either ──▶ (gone, deposit back)
//! ```
//!
//! `grant` refuses to name a dataset that is not the subject's (`DatasetNotOfSubject`,
//! `UnknownDataset`, `DatasetErased`). Every access check, whatever the consent's scope (`AllData`
//! too), first refuses a dataset of another subject, so `record_access`, the `checkAccess`
//! runtime API and the XCM verifier's consent request answer `DatasetNotOfSubject`; and
//! `record_access` is refused to any custodian but the one that keeps the dataset
//! (`NotTheDatasetsCustodian`), as is an XCM consent request naming another custodian. A dataset removed or erased since the consent was granted is no
//! longer covered.
//!
//! ## State machine
//!
//! ```text
//!   grant ──▶ PendingApproval ──(M approvals + committee)──▶ Active ──(valid_until)──▶ Expired
//!   (no approvers needed) ──────────────────────────────────▶   │                      │
//!                  │  │                                          │ revoke               │
//!                  │  └──────────────── revoke ──────────────────┴──▶ Revoked ◀─ revoke ┘
//!                  └─(reject, until M is out of reach or the committee refuses)─▶ (gone)
//!   remove: Revoked or Expired ──▶ (gone, deposit returned)
//! ```
//!
//! Active before `valid_from` reads as `NotYetValid`. Expiry needs no transaction: the state is
//! computed from the current block, and from the block after `valid_until` every access is
//! refused.
//!
//! ## Calls
//!
//! - `grant(terms)`: by the subject, or a proxy of the subject (`ProxyType::Consent` in the
//!   runtime). Holds a deposit for the consent's whole footprint: its record at its largest
//!   (every approver answered, the access log written), its entries in the subject's and the
//!   grantee's indexes (the latter a storage item of its own) and the grantee's place among the
//!   subject's recipients. And pays the storage fund ([`Config::TombstoneFund`]) for the
//!   tombstone an erasure of it would leave; that fee is spent, the deposit comes back.
//! - `approve(consent_id)`: by a listed approver account that has not answered, or by
//!   [`Config::EthicsOrigin`] for the ethics committee's approval. The consent is active once the
//!   threshold of accounts and, with IRB, the committee have approved; approvers who did not
//!   answer are then no longer awaited.
//! - `reject(consent_id)`: the same approvers refuse. The refusal is recorded; once the remaining
//!   accounts can no longer reach the threshold, or the committee refuses an IRB consent, the
//!   consent ends: it is removed and its deposit returns to the subject.
//!
//! `ConsentApproved` and `ApprovalRefused` name each answer; the runtime API's consent view lists
//! who approved, who refused and who is still awaited.
//! - `revoke(consent_id)`: by the subject or its proxy; from then on every access is refused.
//! - `record_access(consent_id, accessor, dataset, category, requested)`: by an accredited
//!   custodian. Refused, with an error that says why, unless the consent is active, covers the
//!   accessor, the dataset and the category, and permits the use. A recorded access extends the
//!   consent's running hash `access_log = blake2_256(previous ‖ access)`, so the log of
//!   `AccessRecorded` events can be checked against the chain: the log is tamper-evident.
//!   The accessor is kept among the subject's recipients ([`Recipients`], bounded, kept after the
//!   consents go, and noted by the market for a study's researcher at delivery): the subject's
//!   erasure asks each of them to delete the data. A release to a new accessor beyond the bound
//!   is refused (`TooManyRecipients`), since the chain could not ask it to delete.
//! - `remove(consent_id)`: by anyone, once the consent is revoked or expired; the deposit goes
//!   back to the subject.
//! - `register_accession(dataset, subject)`: by an accredited custodian, with a deposit and the
//!   fee of its tombstone;
//!   `confirm_accession(dataset)`: by the subject; `remove_accession(dataset)`: by the subject or
//!   the custodian, the deposit going back to the custodian.
//!
//! Erasure: through [`genochain_primitives::redaction::Redactable`] the redaction pallet removes
//! a consent in any state or an accession (or every consent, then every accession, of a subject,
//! a bounded number per call), returns the deposits and emits `ConsentErased` or
//! `AccessionErased`, which name no account; an accession's custodian is named to the redaction
//! pallet as holding data to delete.
//!
//! Every consent is listed in its subject's index and, when it names a grantee account, in the
//! grantee's index. The subject's index is bounded, so a subject can list and erase all their
//! consents. The grantee's is not: anyone may name any account as grantee, and a bound would let
//! a few accounts fill a researcher's index and lock it out of every new consent and study
//! enrolment. Each entry is paid for by its consent's deposit and goes with the consent; the
//! grantee reads its index a page at a time ([`Pallet::consents_to`], the runtime API's
//! `consents_to`).
//!
//! ## Weights
//!
//! Generated by `make weights` from the benchmarks in `benchmarking.rs`, each in its worst case
//! (the largest record, full indexes), run on the compiled runtime (see `weights.rs`).
//! `docs/WEIGHTS.md` lists `grant` and `record_access` next to a balance transfer measured the
//! same way.
//!
//! A grant costs about four transfers, mostly for its writes (the record, both indexes, the
//! deposit hold); recording an access costs about one transfer.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod accessions;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod dispatchable_impls;
mod inspect;
#[cfg(test)]
mod mock;
mod redaction;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

pub use inspect::MAX_CONSENTS_PAGE;
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use genochain_primitives::{
		consent::{Approver, ConsentId, ConsentTerms, DataCategory, DatasetId, Grantee},
		duo::RequestedUse,
		traits::{Accreditation, DatasetInspect, TombstoneFund, TombstoneInspect},
	};
	use polkadot_sdk::{
		frame_support::{
			pallet_prelude::*,
			traits::{Consideration, Footprint},
		},
		frame_system::pallet_prelude::*,
		sp_core::H256,
	};

	/// The layout of the pallet's storage: 0, as it launched. A change to the layout raises it
	/// and ships with a migration from the version before (see `pallet-registry`'s migrations).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The overarching hold reason, for the consent deposit.
		type RuntimeHoldReason: From<HoldReason>;
		/// The deposit a subject pays for each consent record, held until the record is removed.
		type Consideration: Consideration<Self::AccountId, Footprint>;
		/// The deposit a custodian pays for each accession it registers, held until the
		/// accession is removed.
		type AccessionConsideration: Consideration<Self::AccountId, Footprint>;
		/// Who is an accredited custodian or researcher.
		type Accreditation: Accreditation<Self::AccountId>;
		/// The genome anchors: datasets of their subjects, kept by their custodians. Besides
		/// them, a dataset is an accession registered here.
		type Anchors: DatasetInspect<Self::AccountId>;
		/// The tombstones of erased records, so that an access to an erased dataset is refused as
		/// such.
		type Tombstones: TombstoneInspect<Self::AccountId, BlockNumberFor<Self>>;
		/// Where the creator of a consent or an accession pays for the tombstone it may leave.
		type TombstoneFund: TombstoneFund<Self::AccountId>;
		/// The ethics committee acting as a body (a motion of the collective), for consents whose
		/// purpose carries IRB.
		type EthicsOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The most consents one subject may hold (live, revoked or expired until removed).
		#[pallet::constant]
		type MaxConsentsPerSubject: Get<u32>;
		/// The most accessions one subject may have, confirmed or not.
		#[pallet::constant]
		type MaxAccessionsPerSubject: Get<u32>;
		/// The most accessors one subject's data may be released to, all consents together: each
		/// is asked to delete its copies when the subject's data is erased.
		#[pallet::constant]
		type MaxRecipientsPerSubject: Get<u32>;
		/// Weights of the calls, measured by the benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a consent record.
		#[codec(index = 0)]
		ConsentDeposit,
		/// The deposit for an accession, paid by its custodian.
		#[codec(index = 1)]
		AccessionDeposit,
	}

	/// The id the next consent gets.
	#[pallet::storage]
	pub type NextConsentId<T> = StorageValue<_, ConsentId, ValueQuery>;

	/// Consent records by id.
	#[pallet::storage]
	pub type Consents<T: Config> = StorageMap<_, Blake2_128Concat, ConsentId, ConsentRecordOf<T>>;

	/// The consents of each subject, oldest first.
	#[pallet::storage]
	pub type ConsentsBySubject<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<ConsentId, T::MaxConsentsPerSubject>,
		ValueQuery,
	>;

	/// The consents that name each grantee account. Not bounded per grantee, so that nobody can
	/// fill a researcher's index and lock it out of new consents: each entry is paid for by the
	/// deposit of its consent, which the granting subject holds, and goes with the consent. Read a
	/// page at a time (`Pallet::consents_to`).
	#[pallet::storage]
	pub type ConsentsByGrantee<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, ConsentId, ()>;

	/// Accessions: datasets custodians keep for subjects other than genome anchors, by id.
	#[pallet::storage]
	pub type Accessions<T: Config> = StorageMap<_, Blake2_128Concat, DatasetId, AccessionOf<T>>;

	/// The accessions registered for each subject, oldest first.
	#[pallet::storage]
	pub type AccessionsBySubject<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<DatasetId, T::MaxAccessionsPerSubject>,
		ValueQuery,
	>;

	/// Every accessor some of the subject's data was released to under a recorded access, kept
	/// after the consents go: the erasure of the subject's data asks each to delete its copies.
	#[pallet::storage]
	pub type Recipients<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<T::AccountId, T::MaxRecipientsPerSubject>,
		ValueQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `subject` granted consent `consent_id` to `grantee`.
		ConsentGranted {
			consent_id: ConsentId,
			subject: T::AccountId,
			grantee: Grantee<T::AccountId>,
		},
		/// `approver` approved consent `consent_id`.
		ConsentApproved { consent_id: ConsentId, approver: Approver<T::AccountId> },
		/// `approver` refused consent `consent_id`.
		ApprovalRefused { consent_id: ConsentId, approver: Approver<T::AccountId> },
		/// Consent `consent_id` of `subject` can no longer be approved: it was removed and its
		/// deposit returned.
		ConsentRejected { consent_id: ConsentId, subject: T::AccountId },
		/// Consent `consent_id` has every approval it needs and is in force from `valid_from`.
		ConsentActivated { consent_id: ConsentId },
		/// `subject` revoked consent `consent_id`.
		ConsentRevoked { consent_id: ConsentId, subject: T::AccountId },
		/// `custodian` released `category` data of `dataset` to `accessor` under consent
		/// `consent_id`. `access_log` is the consent's running hash after this access.
		AccessRecorded {
			consent_id: ConsentId,
			custodian: T::AccountId,
			accessor: T::AccountId,
			dataset: DatasetId,
			category: DataCategory,
			requested: RequestedUse,
			access_index: u32,
			access_log: H256,
		},
		/// Consent `consent_id` of `subject` was removed and its deposit returned.
		ConsentRemoved { consent_id: ConsentId, subject: T::AccountId },
		/// Consent `consent_id` was erased by a redaction, whatever its state; its deposit went
		/// back to the subject, who is not named again.
		ConsentErased { consent_id: ConsentId },
		/// `custodian` registered accession `dataset` for `subject`, who has yet to confirm it.
		AccessionRegistered { dataset: DatasetId, subject: T::AccountId, custodian: T::AccountId },
		/// `subject` confirmed accession `dataset` as theirs: its consents may now name it.
		AccessionConfirmed { dataset: DatasetId, subject: T::AccountId },
		/// Accession `dataset` was removed by `by`, its subject or custodian; the custodian's
		/// deposit was returned.
		AccessionRemoved { dataset: DatasetId, by: T::AccountId },
		/// Accession `dataset` was erased by a redaction; its custodian's deposit was returned.
		AccessionErased { dataset: DatasetId },
	}

	#[pallet::error]
	pub enum Error<T> {
		// --- grant ---
		/// The consent ends before it begins, or has ended already.
		InvalidPeriod,
		/// The scope lists no data category.
		NoDataCategories,
		/// A modifier appears twice, or a region code is not two upper-case letters.
		MalformedModifiers,
		/// TS (time limit) needs an end of validity.
		TimeLimitWithoutEnd,
		/// US and IS need the consent to name one grantee account.
		NamedGranteeRequired,
		/// An approver is listed twice.
		DuplicateApprover,
		/// The approval threshold is above the number of approvers, or zero while there are
		/// approvers (or not zero without them).
		InvalidApprovalThreshold,
		/// The subject holds as many consents as allowed; remove revoked or expired ones.
		TooManyConsents,
		// --- grant, record_access: whose the dataset is ---
		/// No genome anchor and no confirmed accession has this dataset id.
		UnknownDataset,
		/// The dataset belongs to another subject than the consent's.
		DatasetNotOfSubject,
		/// The dataset was erased.
		DatasetErased,
		// --- approve, revoke, remove ---
		/// No consent has this id.
		ConsentNotFound,
		/// The consent does not wait for approvals.
		NotPendingApproval,
		/// The caller is not among the approvers the consent still waits for.
		NotAnApprover,
		/// Only the consent's subject (or its proxy) may do this.
		NotTheSubject,
		/// The consent is revoked already.
		AlreadyRevoked,
		/// The consent is still pending or in force; revoke it or let it expire first.
		ConsentStillInForce,
		// --- record_access: who records ---
		/// Only an accredited, unsuspended custodian records accesses and registers accessions.
		NotACustodian,
		/// The caller does not keep the dataset: only its custodian records accesses to it.
		NotTheDatasetsCustodian,
		/// The consent's access counter is exhausted.
		AccessLogFull,
		/// The subject's data went to as many accessors as the chain can ask to delete it: a new
		/// accessor is refused.
		TooManyRecipients,
		// --- record_access: why the consent does not cover the access ---
		/// The consent still waits for approvals.
		ConsentPendingApproval,
		/// The consent's validity has not begun.
		ConsentNotYetValid,
		/// The consent has expired.
		ConsentExpired,
		/// The subject revoked the consent.
		ConsentRevoked,
		/// The consent names another grantee.
		AccessorNotGrantee,
		/// The consent is for accredited researchers and the accessor is not one.
		AccessorNotAccreditedResearcher,
		/// The consent covers another dataset.
		DatasetNotCovered,
		/// The consent does not cover this kind of data.
		CategoryNotCovered,
		// --- record_access: why the purpose does not permit the use (DUO) ---
		/// The requested purpose is outside the consented permission.
		PurposeNotPermitted,
		/// Clinical care needs CC or NRES.
		ClinicalCareNotPermitted,
		/// NCU or NPUNCU: no commercial use.
		CommercialUseNotPermitted,
		/// NPU or NPUNCU: no for-profit requesters.
		ForProfitRequesterNotPermitted,
		/// IRB: the use carries no ethics approval.
		EthicsApprovalMissing,
		/// GSO: genetic studies only.
		NotAGeneticStudy,
		/// NPOA: no population origins or ancestry research, nor a purpose that includes it
		/// (GRU, NRES).
		AncestryResearchExcluded,
		/// PUB: the requester must commit to publish.
		PublicationNotCommitted,
		/// COL: the requester must commit to collaborate.
		CollaborationNotCommitted,
		/// RTN: the requester must commit to return derived data.
		ReturnNotCommitted,
		/// MOR: the requester must accept the publication moratorium.
		MoratoriumNotAccepted,
		/// GS: the use is outside the consented regions.
		OutsideConsentedRegion,
		/// PS: the use is for another project.
		OtherProject,
		/// RS: the use is research of another type.
		OtherResearchType,
		/// NMDS: no methods development research.
		MethodsResearchExcluded,
		// --- accessions ---
		/// A genome anchor or another accession has this dataset id already.
		DatasetTaken,
		/// The subject has as many accessions as allowed.
		TooManyAccessions,
		/// No accession has this dataset id.
		AccessionNotFound,
		/// The subject confirmed the accession already.
		AccessionAlreadyConfirmed,
		/// Only the accession's subject or its custodian may remove it.
		NotSubjectOrCustodian,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(
			_block: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::check_consents()?;
			Self::check_accessions().map_err(Into::into)
		}
	}

	impl<T: Config> Pallet<T> {
		/// Who answers for `origin`: the ethics committee for [`Config::EthicsOrigin`], otherwise
		/// the signing account.
		fn approver(origin: OriginFor<T>) -> Result<Approver<T::AccountId>, DispatchError> {
			match T::EthicsOrigin::try_origin(origin) {
				Ok(_) => Ok(Approver::EthicsCommittee),
				Err(origin) => Ok(Approver::Account(ensure_signed(origin)?)),
			}
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Grants a consent on `terms`; the caller is its subject and pays the deposit.
		#[pallet::call_index(0)]
		pub fn grant(
			origin: OriginFor<T>,
			terms: ConsentTerms<T::AccountId, BlockNumberFor<T>>,
		) -> DispatchResult {
			let subject = ensure_signed(origin)?;
			Self::do_grant(subject, terms).map(|_| ())
		}

		/// Approves consent `consent_id`: as the ethics committee when the origin is
		/// [`Config::EthicsOrigin`], otherwise as the signing account.
		#[pallet::call_index(1)]
		pub fn approve(origin: OriginFor<T>, consent_id: ConsentId) -> DispatchResult {
			Self::do_approve(consent_id, Self::approver(origin)?)
		}

		/// Revokes consent `consent_id` of the caller.
		#[pallet::call_index(2)]
		pub fn revoke(origin: OriginFor<T>, consent_id: ConsentId) -> DispatchResult {
			let subject = ensure_signed(origin)?;
			Self::do_revoke(&subject, consent_id)
		}

		/// Records that the calling custodian released `category` data of `dataset` to
		/// `accessor` for `requested`, under consent `consent_id`; refused unless the consent
		/// covers it now.
		#[pallet::call_index(3)]
		pub fn record_access(
			origin: OriginFor<T>,
			consent_id: ConsentId,
			accessor: T::AccountId,
			dataset: DatasetId,
			category: DataCategory,
			requested: RequestedUse,
		) -> DispatchResult {
			let custodian = ensure_signed(origin)?;
			Self::do_record_access(custodian, consent_id, accessor, dataset, category, requested)
		}

		/// Removes a revoked or expired consent and returns its deposit to the subject; anyone
		/// may call it.
		#[pallet::call_index(4)]
		pub fn remove(origin: OriginFor<T>, consent_id: ConsentId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_remove(consent_id)
		}

		/// Refuses consent `consent_id`: as the ethics committee when the origin is
		/// [`Config::EthicsOrigin`], otherwise as the signing approver account. Ends the consent
		/// once it can no longer be approved.
		#[pallet::call_index(5)]
		pub fn reject(origin: OriginFor<T>, consent_id: ConsentId) -> DispatchResult {
			Self::do_reject(consent_id, Self::approver(origin)?)
		}

		/// Registers `dataset`, the hash of an accession the calling custodian keeps, as data of
		/// `subject`; the custodian pays a deposit. No consent may name it until the subject
		/// confirms it.
		#[pallet::call_index(6)]
		pub fn register_accession(
			origin: OriginFor<T>,
			dataset: DatasetId,
			subject: T::AccountId,
		) -> DispatchResult {
			let custodian = ensure_signed(origin)?;
			Self::do_register_accession(custodian, dataset, subject)
		}

		/// Confirms accession `dataset` as the caller's data.
		#[pallet::call_index(7)]
		pub fn confirm_accession(origin: OriginFor<T>, dataset: DatasetId) -> DispatchResult {
			let subject = ensure_signed(origin)?;
			Self::do_confirm_accession(subject, dataset)
		}

		/// Removes accession `dataset`, by its subject or its custodian; the custodian's deposit
		/// returns. Consents that name it no longer cover any access.
		#[pallet::call_index(8)]
		pub fn remove_accession(origin: OriginFor<T>, dataset: DatasetId) -> DispatchResult {
			let by = ensure_signed(origin)?;
			Self::do_remove_accession(by, dataset)
		}
	}
}
