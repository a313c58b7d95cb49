//! # XCM verifier pallet
//!
//! Answers other parachains' questions about Genochain's state now, over XCM, so that a trial
//! registry, an insurer's or a hospital network's chain can act on an anchor, a variant proof, a
//! consent or a redaction without trusting an off-chain relay. The questions and answers are the
//! wire types of [`genochain_primitives::verification`]; `pallet-verifier-client` is the side the
//! asking chain adds.
//!
//! ## A query
//!
//! ```text
//!  asking chain                               Genochain
//!  ─────────────                              ─────────
//!  WithdrawAsset(GENE) · BuyExecution ──────▶ barrier: paid execution from a sibling
//!  Transact(Xcm origin,                       SafeCallFilter: only `verify`
//!    verify { query_id, callback, request })  origin: exactly a sibling parachain, on the allowlist,
//!  RefundSurplus · DepositAsset                 under this block's answer cap
//!                                             evaluate the request now
//!  callback(VerifyResponse { query_id,  ◀──── UnpaidExecution · Transact(Xcm origin, callback)
//!    verdict, at })
//! ```
//!
//! One message there, one back: `verify` evaluates the request against the state of the block it
//! runs in, through the traits the owning pallets implement ([`Config::Anchors`],
//! [`Config::Consents`], [`Config::Tombstones`]), and sends the verdict (the fact found, or why
//! not) with that block's number to the `callback` the request names. A consent's verdict is only
//! as fresh as that number: a chain that asks again after a revocation gets the refusal, at a later
//! block. A consent request is charged for a subject with every consent slot taken and refunded
//! for the consents the subject actually has.
//!
//! ## Versions, subjects and provenance
//!
//! A request is answered in the version it was asked in
//! ([`v1`](genochain_primitives::verification::v1), [`v2`](genochain_primitives::verification::v2)).
//! In V2 a verdict about an anchor or a variant names the anchor's subject (whose genome it is)
//! and its provenance: `Attested { lab, at, standing }`, the lab's standing being its
//! accreditation now, or `SelfAsserted`. A request requiring an attestation
//! (`ProvenanceRequirement::Attested`) is refused with `NotAttested(provenance)` unless a lab
//! accredited, and not suspended, now attested the anchor. A consent request naming the custodian
//! that would release the data is refused with `Access(NotTheDatasetsCustodian)` if that custodian
//! does not keep the dataset, as `consent.record_access` would refuse it. The events state
//! refusals in the latest version.
//!
//! ## Who may ask, and who pays
//!
//! Only a sibling parachain may call `verify`, as itself (the `Xcm` origin kind, no account
//! below it), and only a sibling that [`Config::AdminOrigin`] put on the allowlist
//! (`allow_sibling`, `disallow_sibling`, or at genesis). The asker pays for the execution of its
//! message in GENE from its sovereign account (the runtime's barrier admits no unpaid message from
//! a sibling), and for the delivery of the answer where the router charges for it. At most
//! [`Config::MaxAnswersPerBlock`] queries are answered in a block, and at most
//! [`Config::MaxAnswersPerSiblingPerBlock`] of one sibling, so that no sibling takes a block's
//! answers from the others; the others fail and can be asked again. A query that fails (not a sibling, not allowed, over the cap, answer undeliverable)
//! changes nothing and gets no answer: the asking chain times it out.
//!
//! The answer is sent as unpaid execution: the asking chain admits Genochain's answers
//! (`AllowExplicitUnpaidExecutionFrom` Genochain) and checks the origin of its callback.
//!
//! ## Events
//!
//! `QueryAnswered` when the request holds, `QueryRefused` with the refusal when it does not, both
//! naming the asker, its query id and the message id of the answer; never the request's content.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod dispatchable_impls;
mod evaluate;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

pub use pallet::*;
pub use weights::WeightInfo;

/// What the runtime provides for the benchmarks: a sibling able to receive answers, its origin,
/// and the costliest request of each kind the runtime can evaluate.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, RuntimeOrigin> {
	/// Prepares sibling `para` to be answered (a channel open to it, its fees payable).
	fn prepare_sibling(para: u32);
	/// The origin of a `Transact` from sibling `para`.
	fn sibling_origin(para: u32) -> RuntimeOrigin;
	/// Whether the current anchor exists: an anchor that does, attested by an accredited lab, the
	/// request requiring that attestation.
	fn anchor_exists() -> genochain_primitives::verification::VerifyRequest<AccountId>;
	/// The variant proof the most costly to check (of the greatest depth and allele lengths), on
	/// an attested anchor, the request requiring that attestation.
	fn variant() -> genochain_primitives::verification::VerifyRequest<AccountId>;
	/// A consent request whose subject has `consents` consents, the last of them the one that
	/// allows the use (so every one is looked at), naming the dataset's custodian.
	fn consent(consents: u32) -> genochain_primitives::verification::VerifyRequest<AccountId>;
	/// Whether the record was redacted.
	fn not_redacted() -> genochain_primitives::verification::VerifyRequest<AccountId>;
}

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::{boxed::Box, vec::Vec};
	use genochain_primitives::{
		traits::{AnchorInspect, ConsentInspect, TombstoneInspect},
		verification::{Callback, QueryId, Refusal, RequestKind, VersionedVerifyRequest},
	};
	use polkadot_sdk::{
		frame_support::pallet_prelude::*,
		frame_system::pallet_prelude::*,
		staging_xcm::latest::{ExecuteXcm, Location, SendXcm, XcmHash},
	};

	/// The layout of the pallet's storage: 0, as it launched. A change to the layout raises it
	/// and ships with a migration from the version before (see `pallet-registry`'s migrations).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The origin of a `Transact` from another chain, as that chain's location (the runtime's
		/// `pallet_xcm::EnsureXcm`). Only a sibling parachain's own location is answered.
		type XcmOrigin: EnsureOrigin<Self::RuntimeOrigin, Success = Location>;

		/// Genome anchors and variant proofs.
		type Anchors: AnchorInspect<Self::AccountId, BlockNumberFor<Self>>;

		/// Consents.
		type Consents: ConsentInspect<Self::AccountId>;

		/// The tombstones of erased records.
		type Tombstones: TombstoneInspect<Self::AccountId, BlockNumberFor<Self>>;

		/// The most consents a subject may have ([`Config::Consents`]' bound): a consent request
		/// is charged for looking at them all, and refunded for those the subject does not have.
		#[pallet::constant]
		type MaxConsentsPerSubject: Get<u32>;

		/// Sends the answers.
		type XcmSender: SendXcm;

		/// Charges the asker for the delivery of its answer, when the router asks a price.
		type XcmExecutor: ExecuteXcm<<Self as polkadot_sdk::frame_system::Config>::RuntimeCall>;

		/// Puts siblings on the allowlist and takes them off.
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The most queries answered in one block, all siblings together.
		#[pallet::constant]
		type MaxAnswersPerBlock: Get<u32>;

		/// The most queries of one sibling answered in one block, so that no sibling takes every
		/// answer of a block and starves the others.
		#[pallet::constant]
		type MaxAnswersPerSiblingPerBlock: Get<u32>;

		/// Sets up the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, Self::RuntimeOrigin>;

		/// The weights of the calls.
		type WeightInfo: WeightInfo;
	}

	/// The sibling parachains (by id) whose queries are answered, each with the block it was last
	/// answered in and how many of its queries were answered in that block.
	#[pallet::storage]
	pub type AllowedSiblings<T: Config> =
		StorageMap<_, Twox64Concat, u32, (BlockNumberFor<T>, u32)>;

	/// The block the answers were last counted in, and how many were sent in it.
	#[pallet::storage]
	pub type AnswersInBlock<T: Config> = StorageValue<_, (BlockNumberFor<T>, u32), ValueQuery>;

	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The siblings allowed from the start.
		pub allowed_siblings: Vec<u32>,
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for para in &self.allowed_siblings {
				AllowedSiblings::<T>::insert(para, (BlockNumberFor::<T>::zero(), 0));
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The request held; the fact was sent to the asker.
		QueryAnswered { sibling: u32, query_id: QueryId, kind: RequestKind, message_id: XcmHash },
		/// The request did not hold; the refusal was sent to the asker.
		QueryRefused {
			sibling: u32,
			query_id: QueryId,
			kind: RequestKind,
			refusal: Refusal<T::AccountId, BlockNumberFor<T>>,
			message_id: XcmHash,
		},
		/// The sibling's queries are answered from now on.
		SiblingAllowed { sibling: u32 },
		/// The sibling's queries are no longer answered.
		SiblingDisallowed { sibling: u32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		// --- verify ---
		/// The query does not come from a sibling parachain as itself (the relay chain, an account
		/// on a sibling, another consensus system).
		NotASibling,
		/// The sibling is not on the allowlist.
		SiblingNotAllowed,
		/// This block's answers are all sent; ask again in a later block.
		AnswerLimitReached,
		/// This block's answers to this sibling are all sent; ask again in a later block.
		SiblingAnswerLimitReached,
		/// The router has no route to the asker.
		AnswerUnroutable,
		/// The asker cannot pay the delivery of its answer.
		DeliveryFeesNotPaid,
		/// The router failed to deliver the answer.
		AnswerNotDelivered,
		// --- allow_sibling, disallow_sibling ---
		/// The sibling is on the allowlist already.
		AlreadyAllowed,
		/// The sibling is not on the allowlist.
		NotAllowed,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(
			_block: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::check_answer_counts().map_err(Into::into)
		}

		fn integrity_test() {
			assert!(T::MaxAnswersPerBlock::get() > 0, "some query must be answerable");
			assert!(
				T::MaxAnswersPerSiblingPerBlock::get() > 0
					&& T::MaxAnswersPerSiblingPerBlock::get() <= T::MaxAnswersPerBlock::get(),
				"a sibling's share of the answers is some of a block's"
			);
		}
	}

	impl<T: Config> Pallet<T> {
		/// The verifier's invariant: no block's answers, in all or to one sibling, exceed the
		/// caps, and none were counted in a block to come.
		pub fn check_answer_counts() -> Result<(), &'static str> {
			let now = polkadot_sdk::frame_system::Pallet::<T>::block_number();
			let (block, answered) = AnswersInBlock::<T>::get();
			if block > now || answered > T::MaxAnswersPerBlock::get() {
				return Err("a block's answers exceed the cap");
			}
			for (_, (block, answered)) in AllowedSiblings::<T>::iter() {
				if block > now || answered > T::MaxAnswersPerSiblingPerBlock::get() {
					return Err("a sibling's answers in a block exceed its cap");
				}
			}
			Ok(())
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Evaluates `request` now and sends the verdict, tagged `query_id`, to `callback` on the
		/// sibling parachain that asked. Only a `Transact` from an allowed sibling, as itself.
		#[pallet::call_index(0)]
		#[pallet::weight(Pallet::<T>::verify_weight(request, None))]
		pub fn verify(
			origin: OriginFor<T>,
			query_id: QueryId,
			callback: Callback,
			request: Box<VersionedVerifyRequest<T::AccountId>>,
		) -> DispatchResultWithPostInfo {
			let asker = T::XcmOrigin::ensure_origin(origin)?;
			let consents = Self::do_verify(asker, query_id, callback, &request)?;
			Ok(Some(Self::verify_weight(&request, consents)).into())
		}

		/// Answers sibling `sibling`'s queries from now on.
		#[pallet::call_index(1)]
		pub fn allow_sibling(origin: OriginFor<T>, sibling: u32) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_allow_sibling(sibling)
		}

		/// Stops answering sibling `sibling`'s queries.
		#[pallet::call_index(2)]
		pub fn disallow_sibling(origin: OriginFor<T>, sibling: u32) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_disallow_sibling(sibling)
		}
	}
}
