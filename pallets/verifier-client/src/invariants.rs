//! What holds of the client's storage after every block (`try_state`, and the tests).

use crate::{BalanceOf, Config, Expiries, HoldReason, NextQueryId, Pallet, Queries, QueryState};
use alloc::collections::btree_map::BTreeMap;
use polkadot_sdk::{
	frame_support::traits::fungible::InspectHold, sp_runtime::traits::Zero, sp_runtime::Saturating,
};

impl<T: Config> Pallet<T> {
	/// The client's invariants:
	/// - every query's id is below [`NextQueryId`], and a pending query is listed at its expiry;
	/// - a requester's held deposits are its queries' deposits, and its held fee charges those of
	///   its pending queries (an answered query's charge has been paid).
	pub fn check_queries() -> Result<(), &'static str> {
		let next_id = NextQueryId::<T>::get();
		let mut deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut fees = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		for (query_id, query) in Queries::<T>::iter() {
			if query_id >= next_id {
				return Err("a query's id is not below the next query id");
			}
			let deposit = deposits.entry(query.requester.clone()).or_insert_with(Zero::zero);
			*deposit = deposit.saturating_add(query.deposit);
			let fee = fees.entry(query.requester).or_insert_with(Zero::zero);
			if let QueryState::Pending { expires_at } = query.state {
				if !Expiries::<T>::get(expires_at).contains(&query_id) {
					return Err("a pending query is not listed at its expiry");
				}
				*fee = fee.saturating_add(query.fee);
			}
		}
		for (requester, deposit) in deposits {
			let held = T::Currency::balance_on_hold(&HoldReason::QueryDeposit.into(), &requester);
			if held != deposit {
				return Err("a requester's held deposit is not its queries' deposits");
			}
		}
		for (requester, fee) in fees {
			let held = T::Currency::balance_on_hold(&HoldReason::QueryFee.into(), &requester);
			if held != fee {
				return Err("a requester's held fee charge is not its pending queries' charges");
			}
		}
		Ok(())
	}
}
