//! What runtime APIs and other pallets read: tombstones, lookups that tell "redacted" from "not
//! found", and erasure cases.

use crate::{BalanceOf, Cases, Config, Pallet, Requests, Tombstones};
use alloc::vec::Vec;
use codec::Encode;
use genochain_primitives::{
	redaction::{CaseId, ErasureCaseView, Lookup, RecordRef, Tombstone},
	traits::TombstoneInspect,
};
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{fungible::InspectHold, Get},
	},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_core::H256,
	sp_io::hashing::blake2_256,
	sp_runtime::traits::Saturating,
};

impl<T: Config> Pallet<T> {
	/// The key of `record`'s tombstone: the hash of its reference, which for an enrolment keeps
	/// the contributor's account out of the key.
	pub fn tombstone_key(record: &RecordRef<T::AccountId>) -> H256 {
		H256(blake2_256(&record.encode()))
	}

	/// `record`'s tombstone, if it was erased.
	pub fn tombstone(record: &RecordRef<T::AccountId>) -> Option<Tombstone<BlockNumberFor<T>>> {
		Tombstones::<T>::get(Self::tombstone_key(record))
	}

	/// What a query for `record` answers, given what its pallet `found`.
	pub fn lookup<V>(
		record: &RecordRef<T::AccountId>,
		found: Option<V>,
	) -> Lookup<V, BlockNumberFor<T>> {
		match (found, Self::tombstone(record)) {
			(Some(view), _) => Lookup::Found(view),
			(None, Some(tombstone)) => Lookup::Redacted(tombstone),
			(None, None) => Lookup::NotFound,
		}
	}

	/// Erasure case `case` while a custodian or recipient has yet to confirm it.
	pub fn erasure_case(case: CaseId) -> Option<ErasureCaseView<T::AccountId, BlockNumberFor<T>>> {
		let open = Cases::<T>::get(case)?;
		let now = frame_system::Pallet::<T>::block_number();
		let overdue = if now > open.deadline { open.pending() } else { Vec::new() };
		let (confirmed, pending) = split(&open.custodians);
		let (confirmed_recipients, pending_recipients) = split(&open.recipients);
		Some(ErasureCaseView {
			case,
			opened_at: open.opened_at,
			request: open.request,
			confirmed,
			pending,
			confirmed_recipients,
			pending_recipients,
			deadline: open.deadline,
			overdue,
		})
	}
}

impl<T: Config> Pallet<T> {
	/// The invariants: an open case waits for somebody, lists each party once per role and has its
	/// deadline after its opening; each requester has on hold exactly the deposits of their open
	/// requests; the storage fund holds at least the open cases' deposits.
	pub fn check_cases_and_requests() -> Result<(), &'static str> {
		for (_, case) in Cases::<T>::iter() {
			ensure!(!case.pending().is_empty(), "a case nobody has to confirm is kept");
			ensure!(case.deadline >= case.opened_at, "a case's deadline is before its opening");
			for parties in [&case.custodians[..], &case.recipients[..]] {
				for (position, (party, _)) in parties.iter().enumerate() {
					ensure!(
						!parties[..position].iter().any(|(listed, _)| listed == party),
						"a case lists a party twice"
					);
				}
			}
		}
		let mut deposits = alloc::collections::BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		for (_, open) in Requests::<T>::iter() {
			deposits.entry(open.requester).or_default().saturating_accrue(open.deposit);
		}
		let fund = T::Currency::balance_on_hold(
			&crate::HoldReason::ErasureStorage.into(),
			&T::Treasury::get(),
		);
		let cases = Cases::<T>::iter_values()
			.fold(BalanceOf::<T>::default(), |held, case| held.saturating_add(case.deposit));
		ensure!(fund >= cases, "the fund holds less than the open cases' deposits");
		for (requester, deposits) in deposits {
			let held =
				T::Currency::balance_on_hold(&crate::HoldReason::RequestDeposit.into(), &requester);
			ensure!(held == deposits, "held deposits differ from the open requests'");
		}
		Ok(())
	}
}

impl<T: Config> TombstoneInspect<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn tombstone(record: &RecordRef<T::AccountId>) -> Option<Tombstone<BlockNumberFor<T>>> {
		Pallet::<T>::tombstone(record)
	}
}

/// The parties of `parties` that confirmed, and those yet to.
fn split<AccountId: Clone>(parties: &[(AccountId, bool)]) -> (Vec<AccountId>, Vec<AccountId>) {
	let with = |confirmed: bool| {
		parties.iter().filter(|(_, c)| *c == confirmed).map(|(party, _)| party.clone()).collect()
	};
	(with(true), with(false))
}
