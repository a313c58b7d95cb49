//! # Verifier client pallet
//!
//! The pallet another parachain adds to its runtime to ask Genochain, over XCM, "is this true
//! now?": an anchor is current, a variant proof holds, a consent allows a use, a record was not
//! redacted (the requests of [`genochain_primitives::verification`]). Genochain's
//! `pallet-xcm-verifier` evaluates the request in the block the message arrives in and sends the
//! verdict back; this pallet stores it for the requester (without copying it into an event: a
//! verdict about a variant is a fact about a genome), and times out queries that get no answer.
//!
//! ## A query's life
//!
//! ```text
//!  request_verification ──▶ Pending { expires_at } ──receive_verdict (Genochain)──▶ Answered
//!  (signed; deposit and            │                  fee charge paid to the         │
//!   fee charge held;               │                  fee collector                  │ dismiss
//!   one XCM to Genochain)          │ expires_at reached (on_initialize):             ▼ (requester):
//!                                  ▼   QueryTimedOut, fee charge paid,              gone, deposit
//!                                 gone deposit returned                              returned
//! ```
//!
//! `request_verification` sends one message, paid in GENE from this chain's sovereign account on
//! Genochain: `WithdrawAsset`, `BuyExecution`, `Transact` of Genochain's `verify` (as this chain,
//! the `Xcm` origin kind), `RefundSurplus` and `DepositAsset` of the rest back to the sovereign
//! account. Genochain answers with one message that `Transact`s [`Call::receive_verdict`] here, as
//! Genochain's location; the verdict says whether the request held (the fact) or why not (the
//! refusal), and the Genochain block at which it was so. A verdict on a consent is only as fresh as
//! that block: ask again for a later one. A query Genochain does not answer (this chain not
//! allowed to ask, its sovereign account out of GENE, Genochain's cap on answers reached) times
//! out after [`Config::Timeout`] blocks; an answer arriving later is refused.
//!
//! ## Who pays for a query
//!
//! The sovereign account on Genochain is this chain's, shared by all its users; each query takes
//! up to [`Config::QueryFee`] GENE from it (Genochain's execution and the delivery of its answer).
//! So the requester pays for it: [`Config::QueryFeeCharge`], in this chain's currency, is held
//! when the query goes out and paid to [`Config::FeeCollector`], who keeps the sovereign account
//! funded, when the verdict comes, and also at the timeout. A query that gets no answer spent
//! the GENE all the same: Genochain traps the fee of a `Transact` it refuses, and without the
//! charge a user could drain the account with queries bound to go unanswered. The charge is the
//! query's budget, not its measured cost: Genochain returns what a query leaves unspent to the
//! sovereign account, which is the collector's to account for when it sets the charge. The
//! requester also pays the delivery of its query, when this chain's router prices it.
//! The [`Config::QueryDeposit`] is apart from this: it pays for the query's storage here and comes
//! back when the query goes.
//!
//! ## Adding it to a runtime
//!
//! 1. Configure the pallet: [`Config::Verifiers`] names the Genochain location(s) to trust (for
//!    example `Equals<(Parent, Parachain(GENOCHAIN_ID))>`), [`Config::VerifierOrigin`] is
//!    `pallet_xcm::EnsureXcm<Everything>` (the pallet checks the location itself),
//!    [`Config::XcmSender`] the runtime's XCM router, [`Config::QueryFee`] the GENE a query may
//!    spend on Genochain (the unused part is refunded), [`Config::QueryFeeCharge`] what a
//!    requester pays for it here and [`Config::FeeCollector`] who receives that.
//! 2. In the XCM configuration: `XcmPassthrough<RuntimeOrigin>` among the origin converters, so
//!    Genochain's `Transact` dispatches as its location, and
//!    `AllowExplicitUnpaidExecutionFrom<Equals<GenochainLocation>>` in the barrier, as answers
//!    come unpaid; `type SafeCallFilter = OnlyVerdicts<Runtime>` ([`OnlyVerdicts`]) admits
//!    `receive_verdict` and nothing else.
//! 3. Fund the chain's sovereign account on Genochain with GENE, and ask Genochain's governance to
//!    put the chain on the verifier's allowlist (`XcmVerifier::allow_sibling`).
//!
//! Other pallets read a verdict with [`Pallet::verdict`].
//!
//! ## How far a verdict about a genome can be trusted
//!
//! Queries go out in V3 of the wire types (V2 with proofs of either fingerprint scheme), so a
//! verdict about an anchor or a variant names the
//! anchor's subject and its provenance: `Attested { lab, at, standing }` (the lab's accreditation
//! on Genochain now: `Accredited`, `Suspended` or `NotAccredited`) or `SelfAsserted`, a
//! fingerprint its subject made from a VCF nobody vouched for. A chain that acts only on
//! lab-vouched genomes sets [`Config::RequiredProvenance`] to `Attested`: every anchor or variant
//! query then requires it, and Genochain answers `NotAttested(provenance)` for any other anchor.
//! A single request may also require it on its own.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod dispatchable_impls;
mod invariants;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

/// What the runtime provides for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// Makes `verifier` reachable (for a sibling, a channel open to it).
	fn prepare_verifier(verifier: &polkadot_sdk::staging_xcm::latest::Location);
}

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::boxed::Box;
	use genochain_primitives::verification::{
		ProvenanceRequirement, QueryId, RequestKind, VersionedVerifyRequest,
		VersionedVerifyResponse,
	};
	use polkadot_sdk::{
		frame_support::{
			pallet_prelude::*,
			traits::{fungible, Contains},
		},
		frame_system::pallet_prelude::*,
		sp_runtime::traits::TryConvert,
		staging_xcm::{
			latest::{ExecuteXcm, InteriorLocation, Location, SendXcm, XcmHash},
			VersionedLocation,
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
		/// Holds the requesters' deposits.
		type Currency: fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ fungible::Mutate<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The Genochain deployments this chain asks.
		type Verifiers: Contains<Location>;

		/// The origin of an answer's `Transact`, as the answering chain's location
		/// (`pallet_xcm::EnsureXcm`); only the chain a query was sent to may answer it.
		type VerifierOrigin: EnsureOrigin<Self::RuntimeOrigin, Success = Location>;

		/// Sends the queries.
		type XcmSender: SendXcm;

		/// Charges a requester the delivery of its query, when the router asks a price.
		type XcmExecutor: ExecuteXcm<<Self as polkadot_sdk::frame_system::Config>::RuntimeCall>;

		/// A requester's location, for delivery fees.
		type AccountIdToLocation: for<'a> TryConvert<&'a Self::AccountId, Location>;

		/// This chain's location in the consensus universe, so Genochain refunds the unused fee
		/// to it.
		type UniversalLocation: Get<InteriorLocation>;

		/// The GENE (Genochain's plancks) a query may spend on Genochain, from this chain's
		/// sovereign account there; what is not spent is returned.
		#[pallet::constant]
		type QueryFee: Get<u128>;

		/// What this chain requires of the provenance of every anchor it asks about, whatever a
		/// request asks: with `Attested`, an anchor or variant query is answered true only for an
		/// anchor attested by a lab accredited on Genochain now (else `NotAttested`). A request
		/// may require more than this, never less.
		#[pallet::constant]
		type RequiredProvenance: Get<ProvenanceRequirement>;

		/// Held from a requester for each query until it times out or is dismissed.
		#[pallet::constant]
		type QueryDeposit: Get<BalanceOf<Self>>;

		/// What a requester pays, in this chain's currency, for the [`Config::QueryFee`] its
		/// query may take from the sovereign account on Genochain: held when the query goes out
		/// and paid to [`Config::FeeCollector`] when it is answered or times out. Zero, or at
		/// least the existential deposit, so paying it cannot fail on a new collector.
		#[pallet::constant]
		type QueryFeeCharge: Get<BalanceOf<Self>>;

		/// Who receives the requesters' fee charges: the account that keeps this chain's
		/// sovereign account on Genochain funded (a treasury).
		type FeeCollector: Get<Self::AccountId>;

		/// Blocks after which an unanswered query is dropped.
		#[pallet::constant]
		type Timeout: Get<BlockNumberFor<Self>>;

		/// The most queries sent in one block (they time out together).
		#[pallet::constant]
		type MaxQueriesPerBlock: Get<u32>;

		/// Sets up the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper;

		/// The weights of the calls and of timing queries out.
		type WeightInfo: WeightInfo;
	}

	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A query's deposit.
		#[codec(index = 0)]
		QueryDeposit,
		/// A query's fee charge, until it is answered or times out.
		#[codec(index = 1)]
		QueryFee,
	}

	/// The next query's id.
	#[pallet::storage]
	pub type NextQueryId<T> = StorageValue<_, QueryId, ValueQuery>;

	/// The queries pending or answered and not yet dismissed.
	#[pallet::storage]
	pub type Queries<T: Config> = StorageMap<_, Twox64Concat, QueryId, QueryOf<T>>;

	/// The queries that time out at a block (answered ones are skipped then).
	#[pallet::storage]
	pub type Expiries<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<QueryId, T::MaxQueriesPerBlock>,
		ValueQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A query was sent to Genochain.
		VerificationRequested {
			query_id: QueryId,
			requester: T::AccountId,
			verifier: Location,
			kind: RequestKind,
			message_id: XcmHash,
		},
		/// Genochain answered, at its block `at`: the request `held`, or not. The verdict itself
		/// (a fact about a genome, perhaps) stays in the query's record for its requester
		/// ([`Pallet::verdict`]) until dismissed, and is not copied into the chain's events.
		VerdictReceived {
			query_id: QueryId,
			requester: T::AccountId,
			held: bool,
			at: genochain_primitives::BlockNumber,
		},
		/// No answer came in time; the deposit was returned.
		QueryTimedOut { query_id: QueryId, requester: T::AccountId },
		/// The requester paid the fee charge of its query to the fee collector, on the verdict or
		/// at the timeout.
		QueryFeePaid { query_id: QueryId, requester: T::AccountId, fee: BalanceOf<T> },
		/// The requester dismissed an answered query; the deposit was returned.
		QueryDismissed { query_id: QueryId },
	}

	#[pallet::error]
	pub enum Error<T> {
		// --- request_verification ---
		/// The location is not a Genochain this chain asks, or not in an XCM version it reads.
		UnknownVerifier,
		/// The requester cannot pay the query's deposit.
		CannotHoldDeposit,
		/// The requester cannot pay the query's fee charge.
		CannotHoldFee,
		/// This block's queries are all sent; ask in a later block.
		TooManyQueries,
		/// The router has no route to the verifier.
		RequestUnroutable,
		/// The requester cannot pay the delivery of the query.
		DeliveryFeesNotPaid,
		/// The router failed to deliver the query.
		RequestNotDelivered,
		// --- receive_verdict, dismiss ---
		/// No such query: never sent, timed out or dismissed.
		UnknownQuery,
		/// The answer comes from another location than the query was sent to.
		WrongVerifier,
		/// The query was answered already.
		AlreadyAnswered,
		/// Only the requester dismisses its query.
		NotTheRequester,
		/// The query waits for its answer still.
		NotAnswered,
		/// The answer is in a version this chain no longer reads: queries are asked, and so
		/// answered, in V3; a V1 or V2 answer to a query sent before is refused and the query
		/// times out.
		UnsupportedVersion,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::time_out(now)
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(
			_block: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::check_queries().map_err(Into::into)
		}

		fn integrity_test() {
			assert!(T::MaxQueriesPerBlock::get() > 0, "some query must be possible");
			assert!(!T::Timeout::get().is_zero(), "a query must have time to be answered");
			let charge = T::QueryFeeCharge::get();
			assert!(
				charge.is_zero()
					|| charge
						>= <T::Currency as fungible::Inspect<T::AccountId>>::minimum_balance(),
				"a fee charge must be able to open the collector's account"
			);
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Asks `verifier` (a Genochain this chain trusts) whether `request` holds now; the
		/// answer arrives as [`Call::receive_verdict`]. The request is sent in the latest version
		/// (V3: a V1 or V2 request means the same in V3), requiring at least [`Config::RequiredProvenance`].
		/// Holds [`Config::QueryDeposit`] until the query is dismissed or times out, and
		/// [`Config::QueryFeeCharge`] until it is paid, on the verdict or at the timeout.
		#[pallet::call_index(0)]
		pub fn request_verification(
			origin: OriginFor<T>,
			verifier: Box<VersionedLocation>,
			request: Box<VersionedVerifyRequest<genochain_primitives::AccountId>>,
		) -> DispatchResult {
			let requester = ensure_signed(origin)?;
			let verifier =
				Location::try_from(*verifier).map_err(|_| Error::<T>::UnknownVerifier)?;
			Self::do_request_verification(requester, verifier, *request)
		}

		/// Takes Genochain's answer to a query: only as the location the query was sent to.
		#[pallet::call_index(1)]
		pub fn receive_verdict(
			origin: OriginFor<T>,
			response: VersionedVerifyResponse<
				genochain_primitives::AccountId,
				genochain_primitives::BlockNumber,
			>,
		) -> DispatchResult {
			let verifier = T::VerifierOrigin::ensure_origin(origin)?;
			Self::do_receive_verdict(verifier, response)
		}

		/// Removes an answered query of the caller's, returning its deposit.
		#[pallet::call_index(2)]
		pub fn dismiss(origin: OriginFor<T>, query_id: QueryId) -> DispatchResult {
			let requester = ensure_signed(origin)?;
			Self::do_dismiss(requester, query_id)
		}
	}
}
