//! The storage fund: who pays for what erasure leaves behind.
//!
//! Erasure is free for the subject, who gets every deposit back (GDPR asks erasure to be free of
//! charge), yet it leaves state: a tombstone per record, which stays, and an erasure case while
//! custodians and recipients confirm. Those are paid from a fund, the treasury, which every
//! record that may be erased pays into when it is created ([`TombstoneFund::pay_for`]): the
//! price of its tombstone and of an erasure case listing one party. The fund holds a deposit
//! ([`HoldReason::ErasureStorage`]) for each tombstone, for good, and for each case until it
//! completes. A loop of creating and erasing records thus pays, every round, for what it leaves;
//! and a subject who never erases pays the same, as they pay a transaction fee.
//!
//! Should the fund ever be short (its balance spent otherwise), the erasure goes ahead all the
//! same and says how much is unfunded (`ErasureStorageUnfunded`): the right to erasure does not
//! wait on the treasury.

use crate::{BalanceOf, Config, ErasureCaseOf, HoldReason, Pallet};
use codec::{Encode, MaxEncodedLen};
use genochain_primitives::{
	redaction::{CaseId, RequestId, Tombstone},
	traits::TombstoneFund,
};
use polkadot_sdk::{
	frame_support::traits::{
		fungible::{Mutate, MutateHold},
		tokens::{Precision, Preservation},
		Footprint, Get,
	},
	frame_system::pallet_prelude::BlockNumberFor,
	sp_core::H256,
	sp_runtime::{
		traits::{Convert, Saturating, Zero},
		DispatchResult,
	},
};

impl<T: Config> Pallet<T> {
	/// The bytes of one tombstone: its key (the record's hash) and its value.
	fn tombstone_bytes() -> usize {
		H256::max_encoded_len().saturating_add(Tombstone::<BlockNumberFor<T>>::max_encoded_len())
	}

	/// The bytes of a case's key: its id, and the id's 8-byte hash.
	fn case_key_bytes() -> usize {
		8usize.saturating_add(CaseId::max_encoded_len())
	}

	/// The bytes of an erasure case listing no party, key included; and of each party listed.
	fn case_bytes() -> (usize, usize) {
		let key = Self::case_key_bytes();
		let fixed = BlockNumberFor::<T>::max_encoded_len()
			.saturating_mul(2)
			.saturating_add(Option::<RequestId>::max_encoded_len())
			.saturating_add(2) // the two lists' length prefixes
			.saturating_add(bool::max_encoded_len())
			.saturating_add(BalanceOf::<T>::max_encoded_len());
		let party = T::AccountId::max_encoded_len().saturating_add(bool::max_encoded_len());
		(key.saturating_add(fixed), party)
	}

	/// What the fund holds for `tombstones` tombstones, each at its largest.
	pub fn tombstone_price(tombstones: u32) -> BalanceOf<T> {
		T::StoragePrice::convert(Footprint::from_parts(1, Self::tombstone_bytes()))
			.saturating_mul(tombstones.into())
	}

	/// What the fund holds for `case` while it is open.
	pub(crate) fn case_price(case: &ErasureCaseOf<T>) -> BalanceOf<T> {
		let bytes = Self::case_key_bytes().saturating_add(case.encoded_size());
		T::StoragePrice::convert(Footprint::from_parts(1, bytes))
	}

	/// What a record pays into the fund when created: the price of its tombstone and of an
	/// erasure case listing one party (its custodian).
	pub fn fee_per_record() -> BalanceOf<T> {
		let (case, party) = Self::case_bytes();
		let bytes = Self::tombstone_bytes().saturating_add(case).saturating_add(party);
		T::StoragePrice::convert(Footprint::from_parts(2, bytes))
	}

	/// Holds `amount` on the fund; returns what it could not hold (all of it or nothing).
	pub(crate) fn hold_on_fund(amount: BalanceOf<T>) -> BalanceOf<T> {
		if amount.is_zero() {
			return amount;
		}
		match T::Currency::hold(&HoldReason::ErasureStorage.into(), &T::Treasury::get(), amount) {
			Ok(()) => Zero::zero(),
			Err(_) => amount,
		}
	}

	/// Releases a completed case's deposit back to the fund.
	pub(crate) fn release_on_fund(amount: BalanceOf<T>) {
		if !amount.is_zero() {
			// Held by `hold_on_fund` when the case opened; best effort, should the holds have
			// been changed by hand.
			let _ = T::Currency::release(
				&HoldReason::ErasureStorage.into(),
				&T::Treasury::get(),
				amount,
				Precision::BestEffort,
			);
		}
	}
}

impl<T: Config> TombstoneFund<T::AccountId> for Pallet<T> {
	fn pay_for(payer: &T::AccountId, records: u32) -> DispatchResult {
		let fee = Self::fee_per_record().saturating_mul(records.into());
		if fee.is_zero() {
			return Ok(());
		}
		T::Currency::transfer(payer, &T::Treasury::get(), fee, Preservation::Preserve).map(|_| ())
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_successful(payer: &T::AccountId, records: u32) {
		use polkadot_sdk::frame_support::traits::fungible::Inspect;
		let fee = Self::fee_per_record().saturating_mul(records.into());
		let _ = T::Currency::mint_into(payer, fee.saturating_add(T::Currency::minimum_balance()));
	}
}
