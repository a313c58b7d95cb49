//! What runtime APIs and other pallets read: tombstones, lookups that tell "redacted" from "not
//! found", and erasure cases.

use crate::{Cases, Config, Pallet, Tombstones};
use alloc::vec::Vec;
use codec::Encode;
use genochain_primitives::{
	redaction::{CaseId, ErasureCaseView, Lookup, RecordRef, Tombstone},
	traits::TombstoneInspect,
};
use polkadot_sdk::{
	frame_system::pallet_prelude::BlockNumberFor, sp_core::H256, sp_io::hashing::blake2_256,
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

	/// Erasure case `case` while a custodian has yet to confirm it.
	pub fn erasure_case(case: CaseId) -> Option<ErasureCaseView<T::AccountId, BlockNumberFor<T>>> {
		let open = Cases::<T>::get(case)?;
		let (confirmed, pending): (Vec<_>, Vec<_>) =
			open.custodians.into_iter().partition(|(_, confirmed)| *confirmed);
		Some(ErasureCaseView {
			case,
			opened_at: open.opened_at,
			request: open.request,
			confirmed: confirmed.into_iter().map(|(custodian, _)| custodian).collect(),
			pending: pending.into_iter().map(|(custodian, _)| custodian).collect(),
		})
	}
}

impl<T: Config> TombstoneInspect<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn tombstone(record: &RecordRef<T::AccountId>) -> Option<Tombstone<BlockNumberFor<T>>> {
		Pallet::<T>::tombstone(record)
	}
}
