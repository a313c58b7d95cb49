//! The runtime's invariants across pallets, checked after every block beside each pallet's own
//! `try_state` (which holds each pallet's records, indexes and escrow consistent on their own).

use codec::{Decode, Encode};
use genochain_primitives::redaction::RecordRef;
use genochain_runtime::{AccountId, Balance, Runtime, RuntimeHoldReason};
use polkadot_sdk::pallet_balances;
use std::collections::BTreeMap;

/// The amount a deposit ticket holds. A ticket is the `HoldConsideration` it was made as, whose
/// encoding is that amount; a ticket of another shape fails here, naming it.
fn held_by<Ticket: Encode>(ticket: &Ticket, what: &str) -> Balance {
	Balance::decode(&mut &ticket.encode()[..])
		.unwrap_or_else(|e| panic!("the deposit ticket of {what} is not an amount held: {e}"))
}

/// Every deposit held is one a record that exists holds: for each kind of deposit of
/// Genochain's pallets, what each account has on hold under it equals the sum of the deposits
/// of its records of that kind. A deposit left held after its record went, or a record whose
/// deposit was released, breaks it.
pub fn check_deposits(block: u32) {
	use pallet_consent::HoldReason as ConsentHold;
	use pallet_data_market::HoldReason as MarketHold;
	use pallet_genome_anchor::HoldReason as AnchorHold;
	let reasons: [RuntimeHoldReason; 6] = [
		ConsentHold::ConsentDeposit.into(),
		ConsentHold::AccessionDeposit.into(),
		AnchorHold::AnchorDeposit.into(),
		AnchorHold::BatchDeposit.into(),
		MarketHold::StudyDeposit.into(),
		MarketHold::Participation.into(),
	];
	// (index in `reasons`, account) → the deposits of that account's records.
	let mut expected = BTreeMap::<(usize, AccountId), Balance>::new();
	let mut add = |reason: usize, who: &AccountId, amount: Balance| {
		let entry = expected.entry((reason, who.clone())).or_default();
		*entry = entry.saturating_add(amount);
	};
	for (id, record) in pallet_consent::Consents::<Runtime>::iter() {
		add(0, &record.subject, held_by(&record.deposit, &format!("consent {id}")));
	}
	for (id, accession) in pallet_consent::Accessions::<Runtime>::iter() {
		add(1, &accession.custodian, held_by(&accession.deposit, &format!("accession {id:?}")));
	}
	for (id, record) in pallet_genome_anchor::Anchors::<Runtime>::iter() {
		add(2, &record.anchor.subject, held_by(&record.deposit, &format!("anchor {id:?}")));
	}
	for (id, batch) in pallet_genome_anchor::Batches::<Runtime>::iter() {
		add(3, &batch.lab, held_by(&batch.deposit, &format!("batch {id:?}")));
	}
	for (id, study) in pallet_data_market::Studies::<Runtime>::iter() {
		add(4, &study.researcher, held_by(&study.deposit, &format!("study {id}")));
	}
	for (contributor, study, ticket) in pallet_data_market::Participants::<Runtime>::iter() {
		add(5, &contributor, held_by(&ticket, &format!("the participation in study {study}")));
	}
	// What is on hold, account by account, in one pass over the holds.
	for (who, holds) in pallet_balances::Holds::<Runtime>::iter() {
		for hold in holds {
			let Some(index) = reasons.iter().position(|reason| *reason == hold.id) else {
				continue;
			};
			let owed = expected.remove(&(index, who.clone())).unwrap_or_default();
			assert_eq!(
				hold.amount, owed,
				"after block {block}: {who} has {} on hold as {:?}, its records' deposits come \
				 to {owed}",
				hold.amount, hold.id
			);
		}
	}
	if let Some(((index, who), owed)) = expected.into_iter().find(|(_, owed)| *owed > 0) {
		panic!(
			"after block {block}: {who} has nothing on hold as {:?}, yet records of theirs hold \
			 {owed} under it",
			reasons[index]
		);
	}
}

/// No record outlives its erasure: no record in state has a tombstone.
pub fn check_erasures(block: u32) {
	let mut records: Vec<RecordRef<AccountId>> = Vec::new();
	records.extend(pallet_consent::Consents::<Runtime>::iter_keys().map(RecordRef::Consent));
	records.extend(pallet_consent::Accessions::<Runtime>::iter_keys().map(RecordRef::Accession));
	records.extend(pallet_genome_anchor::Anchors::<Runtime>::iter_keys().map(RecordRef::Anchor));
	records.extend(pallet_genome_anchor::Batches::<Runtime>::iter_keys().map(RecordRef::Batch));
	records.extend(pallet_data_market::Studies::<Runtime>::iter_keys().map(RecordRef::Study));
	records.extend(
		pallet_data_market::Enrolments::<Runtime>::iter_keys()
			.map(|(study, contributor)| RecordRef::Enrolment { study, contributor }),
	);
	records.extend(pallet_data_market::Earned::<Runtime>::iter_keys().map(RecordRef::Earnings));
	for record in records {
		if let Some(tombstone) = pallet_redaction::Pallet::<Runtime>::tombstone(&record) {
			panic!("after block {block}: {record:?} is in state, yet was erased: {tombstone:?}");
		}
	}
}
