//! The records the client keeps.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use genochain_primitives::verification::{RequestKind, VerifyResponse};
use polkadot_sdk::{
	frame_support::traits::{fungible::Inspect, Contains, IsSubType},
	frame_system::pallet_prelude::BlockNumberFor,
	staging_xcm::latest::Location,
};
use scale_info::TypeInfo;

/// The index of [`crate::Call::receive_verdict`]: the callback Genochain's answers call.
pub const RECEIVE_VERDICT_CALL_INDEX: u8 = 1;

/// The XCM executor's `SafeCallFilter` for a chain that asks Genochain: Genochain's answers
/// `Transact` [`crate::Call::receive_verdict`] and nothing else may be dispatched from XCM. Use it
/// as `type SafeCallFilter = pallet_verifier_client::OnlyVerdicts<Runtime>;`.
pub struct OnlyVerdicts<T>(core::marker::PhantomData<T>);

impl<T: Config, RuntimeCall: IsSubType<crate::Call<T>>> Contains<RuntimeCall> for OnlyVerdicts<T> {
	fn contains(call: &RuntimeCall) -> bool {
		matches!(call.is_sub_type(), Some(crate::Call::receive_verdict { .. }))
	}
}

/// A balance of the currency deposits are held in.
pub type BalanceOf<T> = <<T as Config>::Currency as Inspect<
	<T as polkadot_sdk::frame_system::Config>::AccountId,
>>::Balance;

/// Where a query stands.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum QueryState<BlockNumber> {
	/// Sent; dropped at `expires_at` if no answer came.
	Pending {
		/// The block at which the query times out.
		expires_at: BlockNumber,
	},
	/// Answered at `received_at` (a block of this chain).
	Answered {
		/// Genochain's answer.
		response:
			VerifyResponse<genochain_primitives::AccountId, genochain_primitives::BlockNumber>,
		/// When it arrived.
		received_at: BlockNumber,
	},
}

/// A query sent to Genochain.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Query<AccountId, Balance, BlockNumber> {
	/// Who asked, and holds the deposit.
	pub requester: AccountId,
	/// The Genochain asked; only it may answer.
	pub verifier: Location,
	/// What was asked.
	pub kind: RequestKind,
	/// The deposit held.
	pub deposit: Balance,
	/// The fee charge held until the verdict or the timeout.
	pub fee: Balance,
	/// Pending or answered.
	pub state: QueryState<BlockNumber>,
}

/// A query of this runtime.
pub type QueryOf<T> =
	Query<<T as polkadot_sdk::frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;
