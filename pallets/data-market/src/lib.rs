//! # Data market pallet
//!
//! Researchers pay contributors for genomic data shared under consent. A study escrows its whole
//! budget when it opens, so contributors know the money is there; a contributor is paid only once
//! their custodian confirms the delivery and the researcher's dispute window has passed, so a
//! researcher cannot take data without paying nor pay for data never delivered. Nothing personal is
//! stored: a study holds its terms (DUO purpose, data categories, assembly, amounts, blocks, the
//! protocol's hash), an enrolment holds an anchor root, a consent id and block numbers.
//!
//! ## A study and its budget
//!
//! `create_study(terms)` by an accredited researcher pays the storage fund
//! ([`Config::TombstoneFund`]) for the study's tombstone and holds
//! `max_contributors × (reward + fee)` from the researcher at once ([`HoldReason::StudyBudget`]), where the fee is
//! [`Config::MarketFee`] of the reward; plus a deposit for the record and its enrolment slots
//! ([`HoldReason::StudyDeposit`]). Each slot's reward and fee stay held until the slot is paid,
//! refunded or released:
//!
//! ```text
//!   held budget of a study = owed_slots × (reward + fee)
//!                          = rewards still owed + its unpaid fee
//! ```
//!
//! `try_state` checks that, per researcher, the sum over their studies equals what is on hold, and
//! the tests check that total issuance never changes: the market only moves held funds.
//!
//! ## An enrolment
//!
//! ```text
//!   enroll ──▶ Enrolled ──confirm_delivery──▶ Delivered ──(dispute window passes)──▶ paid
//!                 │                              │
//!                 │ withdraw: slot free again    │ dispute (researcher, inside the window,
//!                 │ (nothing paid)               ▼          holding a bond)
//!                 │                           Disputed ──resolve_dispute (ethics committee,
//!                 │                              │         before its deadline)──▶
//!                 │                              │           PayContributor: paid + bond
//!                 │                              │           RefundResearcher: slot + bond
//!                 │                              │                             refunded
//!                 │                              └─(deadline passes undecided)──▶ paid + bond
//!                 └─(delivery deadline passes, settle)──▶ slot refunded
//!                 └─(governance closes the study)──────▶ slot refunded
//! ```
//!
//! However the enrolment ends (paid, refunded, withdrawn), its consent ends with it
//! ([`ConsentManage::end_for`](genochain_primitives::traits::ConsentManage::end_for)): revoked,
//! removed from the contributor's and the researcher's consent indexes, its deposit returned to
//! the contributor. No access can be recorded under it any more, and finished studies do not
//! fill the contributor's index.
//!
//! - `enroll(study, anchor)` by the anchor's subject: the study must be open, before its deadline,
//!   with a free slot, its researcher still accredited; the anchor current, on the study's
//!   assembly, kept by a custodian and, if the study's terms say
//!   [`ProvenanceRequirement::Attested`](genochain_primitives::anchor::ProvenanceRequirement),
//!   attested by a lab accredited and unsuspended; and the contributor must never have enrolled in
//!   this study before (see below). It
//!   creates the matching consent through [`Config::Consents`] (grantee the researcher, scope the
//!   anchor and the study's categories, purpose the study's, document the protocol, valid until
//!   the delivery deadline); the contributor pays that consent's deposit and fee as for any
//!   consent, and the fund for two more tombstones (the enrolment's, and the earnings total's).
//! - `withdraw(study)` by the contributor before delivery: ends the consent, frees the slot.
//! - `confirm_delivery(study, contributor)` by the accredited custodian named on the anchor, while
//!   the consent is active, the researcher still accredited and the delivery deadline not passed;
//!   the payout becomes due [`DisputeWindow`] blocks later. The researcher is noted as a recipient
//!   of the contributor's data, so the contributor's erasure asks it to delete the data.
//! - `dispute(study, contributor, reason)` by the researcher before then, holding a bond of
//!   [`Config::DisputeBond`] of the reward (at least the existential deposit,
//!   [`HoldReason::DisputeBond`]). The ethics committee ([`Config::DisputeOrigin`]) resolves it
//!   with `resolve_dispute` within [`Config::DisputeDeadline`] blocks: the winner gets the bond
//!   (returned to the researcher, or paid to the contributor with the reward). Undecided by then,
//!   the contributor is paid and receives the bond, as if the committee had found for them: a
//!   researcher who disputes deliveries to freeze pay loses a fifth of the reward each time (in
//!   the runtime) and freezes it two weeks at most.
//! - Payout: the contributor receives the reward and the treasury ([`Config::Treasury`]) the fee,
//!   both from the researcher's hold. Each delivery waits in [`PayoutQueue`], ordered by the block
//!   it falls due (the end of its dispute window, or of the committee's time to decide), so a
//!   change of the window never holds a payout behind one queued earlier. `on_idle` pays those
//!   due, earliest first, at most [`Config::MaxPayoutsPerBlock`] and only as many as the block's
//!   spare weight allows. A payout that fails there stays payable: nothing of it changes but its
//!   place in the queue, a dispute window later (`PayoutDeferred`). Anyone can also settle one
//!   with `settle`, which also refunds an enrolment whose delivery deadline passed undelivered.
//!
//! ## One payment per genome and study
//!
//! A study takes each contributor once for as long as it may take anyone: [`Participants`] notes
//! every enrolment and stays when it ends, paid, refunded or withdrawn, so neither the same anchor,
//! nor a new version of it, nor another anchor of the same account is enrolled again. The note
//! holds a deposit from the contributor ([`Config::ParticipationDeposit`]); once the study is
//! closed, gone or past its enrolment deadline, anyone may release it with
//! `release_participation` and the deposit goes back. Two accounts of one person are two
//! contributors to the chain: a study that must tell them apart requires attested genomes, which
//! takes a lab's word that it sequenced the sample for that account (a lab attests a sample for
//! its one subject; see `docs/THREAT-MODEL.md`).
//!
//! ## Closing
//!
//! `close_study(study)` by the researcher after the enrolment deadline, or by
//! [`Config::GovernanceOrigin`] at any time, releases the free slots to the researcher. When
//! governance closes a study it is cancelled: enrolments not yet delivered are refunded too and
//! their consents ended. Delivered data is still paid (or disputed) as usual. A closed study's
//! record goes, with its deposit returned, once its last enrolment is settled. No path leaves funds
//! held forever: free slots are released by closing, each enrolment ends paid or refunded.
//!
//! ## Erasure
//!
//! The pallet implements [`Redactable`](genochain_primitives::redaction::Redactable) for the
//! redaction pallet (see `redaction.rs`):
//! - an enrolment not yet delivered is erased like a withdrawal (slot freed or, in a closed
//!   study, released; its consent revoked, and erased with the subject's other consents by the
//!   consent pallet, leaving its tombstone), with `EnrolmentErased`, which names no contributor;
//! - a delivery already confirmed is money owed, and erasure never takes a contributor's
//!   earnings: the enrolment is kept, marked `erasure_requested`, paid after the dispute window or
//!   decided by the committee as usual, and then leaves no earnings entry; the subject's past
//!   earnings (`Earned`) are forgotten at once;
//! - a study is erased like a governance cancel that also removes the record at once
//!   (`StudyErased`), and is refused while any of its deliveries is owed;
//! - the notes that the subject took part in studies are kept while those studies still enrol,
//!   so that an erasure followed by a new enrolment is not paid twice; they are released as usual
//!   afterwards. A note holds the account and a study id, nothing of the data.
//!
//! ## Weights
//!
//! Generated by `make weights` from the benchmarks in `benchmarking.rs`, run on the compiled
//! runtime with the real consent and anchor pallets, each in its worst case (see `weights.rs`).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod dispatchable_impls;
mod inspect;
#[cfg(test)]
mod mock;
mod redaction;
mod settlement;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

pub use inspect::{MAX_STUDIES_PAGE, MAX_STUDY_IDS_LOOKED_AT};

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use genochain_primitives::{
		anchor::AnchorId,
		consent::ConsentId,
		market::{DisputeReason, StudyId},
		traits::{Accreditation, AnchorInspect, ConsentManage, TombstoneFund},
	};
	use polkadot_sdk::{
		frame_support::{
			pallet_prelude::*,
			traits::{fungible, Consideration, Footprint},
			DefaultNoBound,
		},
		frame_system::pallet_prelude::*,
		sp_runtime::{
			traits::{Saturating, Zero},
			Permill,
		},
	};

	/// The layout of the pallet's storage: 0, as it launched. A change to the layout raises it
	/// and ships with a migration from the version before (see `pallet-registry`'s migrations).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// GENE: budgets are held in it and rewards paid in it.
		type Currency: fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ fungible::Mutate<Self::AccountId>;
		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;
		/// The researcher's deposit for a study record and its enrolment slots.
		type StudyDeposit: Consideration<Self::AccountId, Footprint>;
		/// The contributor's deposit for the note that they took part in a study, kept until the
		/// study takes no one any more (see [`Participants`]).
		type ParticipationDeposit: Consideration<Self::AccountId, Footprint>;
		/// Who is an accredited researcher or custodian.
		type Accreditation: Accreditation<Self::AccountId>;
		/// The genome anchors contributors enrol.
		type Anchors: AnchorInspect<Self::AccountId, BlockNumberFor<Self>>;
		/// The consents enrolments create and the end of an enrolment ends.
		type Consents: ConsentManage<Self::AccountId, BlockNumberFor<Self>>;
		/// Where a researcher pays for the tombstone a study may leave, and a contributor for
		/// those of an enrolment and of their earnings total.
		type TombstoneFund: TombstoneFund<Self::AccountId>;
		/// Resolves disputes: the ethics committee acting as a body.
		type DisputeOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Closes any study at any time and sets the dispute window: the consortium's governance.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Where the market's fees go.
		#[pallet::constant]
		type Treasury: Get<Self::AccountId>;
		/// The market's fee, as a share of each reward paid on top of it by the researcher.
		#[pallet::constant]
		type MarketFee: Get<Permill>;
		/// The dispute window until governance sets another (see [`DisputeWindow`]).
		#[pallet::constant]
		type DefaultDisputeWindow: Get<BlockNumberFor<Self>>;
		/// The researcher's bond for disputing a delivery, as a share of its reward (at least
		/// the existential deposit): returned if the committee upholds the dispute, paid to the
		/// contributor otherwise.
		#[pallet::constant]
		type DisputeBond: Get<Permill>;
		/// Blocks the ethics committee has to decide a dispute; undecided by then, the
		/// contributor is paid and receives the bond.
		#[pallet::constant]
		type DisputeDeadline: Get<BlockNumberFor<Self>>;
		/// The most contributors one study may pay.
		#[pallet::constant]
		type MaxContributors: Get<u32>;
		/// The most studies one contributor may be enrolled in at once.
		#[pallet::constant]
		type MaxEnrolmentsPerContributor: Get<u32>;
		/// The most payouts `on_idle` settles in one block.
		#[pallet::constant]
		type MaxPayoutsPerBlock: Get<u32>;
		/// Weights of the calls and of `on_idle`, measured by the benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A study's budget: the rewards and fees of its slots still owed.
		#[codec(index = 0)]
		StudyBudget,
		/// The deposit for a study record.
		#[codec(index = 1)]
		StudyDeposit,
		/// A researcher's bond over a disputed delivery.
		#[codec(index = 2)]
		DisputeBond,
		/// A contributor's deposit for the note that they took part in a study.
		#[codec(index = 3)]
		Participation,
	}

	#[pallet::type_value]
	pub fn DefaultDisputeWindow<T: Config>() -> BlockNumberFor<T> {
		T::DefaultDisputeWindow::get()
	}

	/// Blocks between a confirmed delivery and its payout, in which the researcher may dispute.
	#[pallet::storage]
	pub type DisputeWindow<T: Config> =
		StorageValue<_, BlockNumberFor<T>, ValueQuery, DefaultDisputeWindow<T>>;

	/// The id the next study gets.
	#[pallet::storage]
	pub type NextStudyId<T> = StorageValue<_, StudyId, ValueQuery>;

	/// Studies by id, until closed and settled.
	#[pallet::storage]
	pub type Studies<T: Config> = StorageMap<_, Blake2_128Concat, StudyId, StudyRecordOf<T>>;

	/// Live enrolments: by study, then contributor.
	#[pallet::storage]
	pub type Enrolments<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		StudyId,
		Blake2_128Concat,
		T::AccountId,
		EnrolmentRecordOf<T>,
	>;

	/// Who took part in which study, by contributor: enrolled, whether still or since paid,
	/// refunded or withdrawn. A contributor enrols in a study once, so the same genome is never
	/// paid twice by it. The note stays, with its deposit, while the study may still take
	/// someone; then anyone may release it (`release_participation`).
	#[pallet::storage]
	pub type Participants<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		StudyId,
		T::ParticipationDeposit,
	>;

	/// The studies each contributor is enrolled in, oldest first.
	#[pallet::storage]
	pub type EnrolmentsOf<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<StudyId, T::MaxEnrolmentsPerContributor>,
		ValueQuery,
	>;

	/// What each contributor has been paid by the market in total.
	#[pallet::storage]
	pub type Earned<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, BalanceOf<T>>;

	/// Payouts waiting to fall due, in the order they fall due (see [`PayoutKey`]): confirmed
	/// deliveries at the end of their dispute window, disputes at the committee's deadline.
	/// `on_idle` pays those due; an entry leaves the queue when its enrolment is settled.
	#[pallet::storage]
	pub type PayoutQueue<T: Config> =
		StorageMap<_, Identity, PayoutKey, QueuedPayout<T::AccountId>>;

	/// How many payouts have been queued: the order of the next one.
	#[pallet::storage]
	pub type PayoutsQueued<T> = StorageValue<_, u64, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The dispute window, if not [`Config::DefaultDisputeWindow`] (short on dev chains).
		pub dispute_window: Option<BlockNumberFor<T>>,
		/// Studies open from genesis, each with its researcher, who must be an accredited
		/// researcher able to pay the budget.
		pub studies: Vec<(T::AccountId, StudyTermsOf<T>)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			use fungible::{Inspect, Mutate};
			if let Some(window) = self.dispute_window {
				DisputeWindow::<T>::put(window);
			}
			// Fees below the existential deposit can only be paid to an account that exists.
			let treasury = T::Treasury::get();
			let minimum = T::Currency::minimum_balance();
			let balance = T::Currency::balance(&treasury);
			if balance < minimum {
				if let Err(error) =
					T::Currency::mint_into(&treasury, minimum.saturating_sub(balance))
				{
					panic!("the treasury account cannot be endowed: {error:?}");
				}
			}
			for (researcher, terms) in &self.studies {
				if let Err(error) = Pallet::<T>::do_create_study(researcher.clone(), terms.clone())
				{
					panic!("genesis study of {researcher:?} cannot be created: {error:?}");
				}
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `researcher` opened study `study_id`, holding `budget` for its rewards and fees.
		StudyCreated { study_id: StudyId, researcher: T::AccountId, budget: BalanceOf<T> },
		/// `contributor` enrolled genome `anchor` in study `study_id` under consent `consent_id`.
		ContributorEnrolled {
			study_id: StudyId,
			contributor: T::AccountId,
			anchor: AnchorId,
			consent_id: ConsentId,
		},
		/// `contributor` withdrew from study `study_id` before delivery; the consent is ended.
		ContributorWithdrew { study_id: StudyId, contributor: T::AccountId },
		/// `custodian` delivered `contributor`'s data to study `study_id`; paid from `payable_at`
		/// unless disputed before.
		DeliveryConfirmed {
			study_id: StudyId,
			contributor: T::AccountId,
			custodian: T::AccountId,
			payable_at: BlockNumberFor<T>,
		},
		/// The researcher of study `study_id` disputed `contributor`'s delivery, holding `bond`;
		/// the ethics committee decides by `decide_by`.
		DeliveryDisputed {
			study_id: StudyId,
			contributor: T::AccountId,
			reason: DisputeReason,
			bond: BalanceOf<T>,
			decide_by: BlockNumberFor<T>,
		},
		/// The ethics committee resolved the dispute over `contributor`'s delivery; the bond
		/// went to the winner.
		DisputeResolved { study_id: StudyId, contributor: T::AccountId, verdict: DisputeVerdict },
		/// The ethics committee did not decide the dispute over `contributor`'s delivery in
		/// time: the contributor is paid and received the researcher's `bond`.
		DisputeLapsed { study_id: StudyId, contributor: T::AccountId, bond: BalanceOf<T> },
		/// `on_idle` could not pay `contributor`'s due payout from study `study_id` (`error`):
		/// it stays payable by `settle`, and `on_idle` tries again from block `retry_at`.
		PayoutDeferred {
			study_id: StudyId,
			contributor: T::AccountId,
			error: DispatchError,
			retry_at: BlockNumberFor<T>,
		},
		/// `contributor`'s note of taking part in study `study_id` went, its deposit returned.
		ParticipationReleased { study_id: StudyId, contributor: T::AccountId },
		/// `contributor` received `reward` for study `study_id`; the treasury received `fee`.
		ContributorPaid {
			study_id: StudyId,
			contributor: T::AccountId,
			reward: BalanceOf<T>,
			fee: BalanceOf<T>,
		},
		/// `contributor`'s slot in study `study_id` went back to the researcher unpaid.
		EnrolmentRefunded {
			study_id: StudyId,
			contributor: T::AccountId,
			refund: BalanceOf<T>,
			reason: RefundReason,
		},
		/// Study `study_id` closed; `released` went back to the researcher.
		StudyClosed { study_id: StudyId, released: BalanceOf<T>, cancelled: bool },
		/// Study `study_id` is settled and gone; its deposit went back to the researcher.
		StudyRemoved { study_id: StudyId },
		/// Governance set the dispute window.
		DisputeWindowSet { blocks: BlockNumberFor<T> },
		/// An enrolment in study `study_id` was erased; its contributor is not named.
		EnrolmentErased { study_id: StudyId },
		/// Study `study_id` was erased by redaction, its enrolments refunded, its deposit returned.
		StudyErased { study_id: StudyId },
	}

	#[pallet::error]
	pub enum Error<T> {
		// --- create_study ---
		/// Only an accredited, unsuspended researcher opens studies.
		NotAResearcher,
		/// The study asks for no kind of data.
		NoDataCategories,
		/// The purpose's modifiers repeat, or a region code is malformed.
		MalformedPurpose,
		/// A study pays at least one contributor.
		NoContributors,
		/// More contributors than [`Config::MaxContributors`].
		TooManyContributors,
		/// A reward below the existential deposit could not always be paid out.
		RewardBelowMinimum,
		/// The enrolment deadline has passed already.
		DeadlineInPast,
		/// The budget or the delivery deadline does not fit in its type.
		BudgetOverflow,
		/// The researcher cannot put the whole budget on hold.
		CannotHoldBudget,
		// --- enroll ---
		/// No study has this id.
		StudyNotFound,
		/// The study is closed.
		StudyClosed,
		/// The enrolment deadline has passed.
		EnrolmentDeadlinePassed,
		/// Every slot is taken.
		StudyFull,
		/// The study's researcher is no longer accredited (suspended or revoked): no data goes
		/// to them.
		ResearcherNotAccredited,
		/// No anchor has this root.
		AnchorNotFound,
		/// Only the anchor's subject enrols it.
		NotTheAnchorSubject,
		/// The anchor was superseded; enrol the current version.
		AnchorSuperseded,
		/// The anchor's assembly is not the one the study asks for.
		AssemblyMismatch,
		/// No custodian keeps the anchored data, so nobody could deliver it.
		AnchorHasNoCustodian,
		/// The anchor is not attested by an accredited, unsuspended lab, and the study requires
		/// it.
		AnchorNotAttested,
		/// The contributor is or was enrolled in this study: a study takes a contributor once.
		AlreadyEnrolled,
		/// The contributor is enrolled in as many studies as allowed.
		TooManyEnrolments,
		// --- withdraw, confirm_delivery, dispute, resolve_dispute, settle ---
		/// The contributor is not enrolled in this study.
		NotEnrolled,
		/// The data was delivered already.
		AlreadyDelivered,
		/// Only an accredited, unsuspended custodian confirms deliveries.
		NotACustodian,
		/// Only the custodian named on the enrolled anchor confirms its delivery.
		NotTheCustodian,
		/// The delivery deadline has passed.
		DeliveryDeadlinePassed,
		/// The enrolment's consent is not active (pending approval, revoked or gone).
		ConsentNotActive,
		/// Only the study's researcher does this.
		NotTheResearcher,
		/// The data has not been delivered.
		NotDelivered,
		/// The delivery is disputed already.
		AlreadyDisputed,
		/// The dispute window has passed.
		DisputeWindowClosed,
		/// The delivery is not disputed.
		NotDisputed,
		/// The committee's time to decide the dispute has passed: the contributor is paid.
		DecisionTooLate,
		/// The delivery's dispute window has not passed yet.
		NotYetPayable,
		/// The delivery is disputed and the ethics committee's time to decide has not passed.
		UnderDispute,
		/// The researcher cannot put the dispute bond on hold.
		CannotHoldBond,
		/// The enrolment may still be delivered.
		DeliveryStillPossible,
		// --- close_study, set_dispute_window ---
		/// The researcher closes a study only after its enrolment deadline.
		DeadlineNotPassed,
		/// A dispute window of zero blocks would leave no time to dispute.
		ZeroDisputeWindow,
		// --- release_participation ---
		/// The account has no note of taking part in this study.
		NotAParticipant,
		/// The contributor is still enrolled in the study.
		StillEnrolled,
		/// The study may still take contributors: it is open and its enrolment deadline has
		/// not passed.
		StudyStillEnrolling,
		// --- erasure (pallet-redaction) ---
		/// Deliveries of the study are still owed: it can be erased once they are paid or
		/// refunded.
		StudyOwesDeliveries,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(_block: BlockNumberFor<T>, limit: Weight) -> Weight {
			Self::settle_due_payouts(limit)
		}

		fn integrity_test() {
			assert!(T::MaxContributors::get() > 0, "a study must be able to pay someone");
			assert!(T::MaxPayoutsPerBlock::get() > 0, "on_idle must be able to pay someone");
			assert!(
				!T::DisputeDeadline::get().is_zero(),
				"the committee must have time to decide a dispute"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(
			_block: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::check_escrow().map_err(Into::into)
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Opens a study on `terms`, holding its whole budget from the calling researcher.
		#[pallet::call_index(0)]
		pub fn create_study(origin: OriginFor<T>, terms: StudyTermsOf<T>) -> DispatchResult {
			let researcher = ensure_signed(origin)?;
			Self::do_create_study(researcher, terms).map(|_| ())
		}

		/// Enrols the caller's genome `anchor` in study `study_id`, granting the study's consent.
		#[pallet::call_index(1)]
		pub fn enroll(origin: OriginFor<T>, study_id: StudyId, anchor: AnchorId) -> DispatchResult {
			let contributor = ensure_signed(origin)?;
			Self::do_enroll(study_id, contributor, anchor)
		}

		/// Withdraws the caller from study `study_id` before delivery, ending the consent.
		#[pallet::call_index(2)]
		pub fn withdraw(origin: OriginFor<T>, study_id: StudyId) -> DispatchResult {
			let contributor = ensure_signed(origin)?;
			Self::do_withdraw(study_id, contributor)
		}

		/// Confirms, as the custodian of the enrolled anchor, that `contributor`'s data was
		/// delivered to study `study_id`'s researcher.
		#[pallet::call_index(3)]
		pub fn confirm_delivery(
			origin: OriginFor<T>,
			study_id: StudyId,
			contributor: T::AccountId,
		) -> DispatchResult {
			let custodian = ensure_signed(origin)?;
			Self::do_confirm_delivery(study_id, contributor, custodian)
		}

		/// Disputes, as the study's researcher, `contributor`'s delivery inside its window;
		/// `reason` is the hash of the reason given to the ethics committee.
		#[pallet::call_index(4)]
		pub fn dispute(
			origin: OriginFor<T>,
			study_id: StudyId,
			contributor: T::AccountId,
			reason: DisputeReason,
		) -> DispatchResult {
			let researcher = ensure_signed(origin)?;
			Self::do_dispute(study_id, contributor, researcher, reason)
		}

		/// Resolves the dispute over `contributor`'s delivery: the ethics committee's decision.
		#[pallet::call_index(5)]
		#[pallet::weight(
			T::WeightInfo::resolve_dispute_pay().max(T::WeightInfo::resolve_dispute_refund())
		)]
		pub fn resolve_dispute(
			origin: OriginFor<T>,
			study_id: StudyId,
			contributor: T::AccountId,
			verdict: DisputeVerdict,
		) -> DispatchResult {
			T::DisputeOrigin::ensure_origin(origin)?;
			Self::do_resolve_dispute(study_id, contributor, verdict)
		}

		/// Closes study `study_id`: by its researcher after the enrolment deadline, or by
		/// governance at any time, which also cancels the enrolments not yet delivered.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::close_study(T::MaxContributors::get()))]
		pub fn close_study(origin: OriginFor<T>, study_id: StudyId) -> DispatchResultWithPostInfo {
			let closer = match T::GovernanceOrigin::try_origin(origin) {
				Ok(_) => None,
				Err(origin) => Some(ensure_signed(origin)?),
			};
			let read = Self::do_close_study(study_id, closer)?;
			Ok(Some(T::WeightInfo::close_study(read)).into())
		}

		/// Settles `contributor`'s enrolment in study `study_id` if it is due: pays a delivery
		/// whose dispute window passed or whose dispute the committee did not decide in time, or
		/// refunds one whose delivery deadline passed. Anyone may call it; `on_idle` pays due
		/// deliveries by itself when blocks have room.
		#[pallet::call_index(7)]
		#[pallet::weight(
			T::WeightInfo::settle_payout()
				.max(T::WeightInfo::settle_lapsed())
				.max(T::WeightInfo::settle_undecided_dispute())
		)]
		pub fn settle(
			origin: OriginFor<T>,
			study_id: StudyId,
			contributor: T::AccountId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_settle(study_id, contributor)
		}

		/// Sets the dispute window for deliveries confirmed from now on.
		#[pallet::call_index(8)]
		pub fn set_dispute_window(
			origin: OriginFor<T>,
			blocks: BlockNumberFor<T>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_dispute_window(blocks)
		}

		/// Releases `contributor`'s note of taking part in study `study_id`, returning its
		/// deposit to them, once the study takes no one any more and they are no longer enrolled
		/// in it. Anyone may call it.
		#[pallet::call_index(9)]
		pub fn release_participation(
			origin: OriginFor<T>,
			study_id: StudyId,
			contributor: T::AccountId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_release_participation(study_id, contributor)
		}
	}
}
