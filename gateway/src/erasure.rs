//! Erasure: the gateway follows the chain's finalized blocks; when an erasure case names its
//! custodian (`Redaction.ErasureCaseOpened`), it deletes every dataset it holds that the chain
//! now reports erased (`ConsentApi.dataset` answers `Redacted`), with the objects and keys, then
//! confirms on chain (`Redaction.confirm_erasure`) and writes its own ledger entry.
//!
//! The last block handled is kept in the catalogue (`cursors`), written only after the block's
//! cases are done: a gateway that stops midway handles the same block again when it restarts,
//! and every step is safe to repeat.

use crate::{
	api::Gateway,
	chain::submitter::SubmitError,
	store::{now, StoreError},
};
use codec::Decode;
use genochain_primitives::consent::AccessRefusal;
use std::{sync::Arc, time::Duration};

/// The follower's name in the catalogue's cursors.
pub const CURSOR: &str = "erasure";
/// How often the follower looks for new finalized blocks.
const POLL: Duration = Duration::from_secs(2);
/// Blocks handled before the cursor is written, at most, so a long catch-up makes progress.
const BLOCKS_PER_STEP: u64 = 256;

/// `Redaction.ErasureCaseOpened`'s fields.
#[derive(Decode)]
struct CaseOpened {
	case: u64,
	custodians: Vec<[u8; 32]>,
	_recipients: Vec<[u8; 32]>,
	_deadline: u32,
}

/// Follows the chain until the process ends; a failed step is logged and tried again.
pub async fn follow(gateway: Arc<Gateway>) {
	loop {
		if let Err(e) = step(&gateway).await {
			tracing::warn!("erasure follower: {e}; trying again");
		}
		tokio::time::sleep(POLL).await;
	}
}

/// Handles the finalized blocks after the cursor.
pub async fn step(gateway: &Gateway) -> Result<(), String> {
	let head = gateway.chain.finalized().await.map_err(|e| e.to_string())?.block_number();
	let catalogue = &gateway.store.catalogue;
	let Some(last) = catalogue.cursor(CURSOR).await.map_err(|e| e.to_string())? else {
		// A new gateway holds nothing that earlier cases could name.
		return catalogue.set_cursor(CURSOR, head).await.map_err(|e| e.to_string());
	};
	let until = head.min(last.saturating_add(BLOCKS_PER_STEP));
	let mut number = last;
	while number < until {
		number = number.saturating_add(1);
		for case in cases_for_us(gateway, number).await? {
			carry_out(gateway, case).await?;
		}
		catalogue.set_cursor(CURSOR, number).await.map_err(|e| e.to_string())?;
	}
	Ok(())
}

/// The erasure cases opened in block `number` that name this gateway's custodian.
async fn cases_for_us(gateway: &Gateway, number: u64) -> Result<Vec<u64>, String> {
	let at = gateway.chain.at_number(number).await.map_err(|e| e.to_string())?;
	let events = at.events().fetch().await.map_err(|e| format!("events of block {number}: {e}"))?;
	let us = gateway.submitter.account();
	let mut cases = Vec::new();
	for event in events.iter() {
		let event = event.map_err(|e| format!("an event of block {number}: {e}"))?;
		if event.pallet_name() == "Redaction" && event.event_name() == "ErasureCaseOpened" {
			let opened = CaseOpened::decode(&mut event.field_bytes())
				.map_err(|e| format!("ErasureCaseOpened in block {number}: {e}"))?;
			if opened.custodians.contains(&us) {
				cases.push(opened.case);
			}
		}
	}
	Ok(cases)
}

/// Deletes what case `case` erased and confirms it.
pub async fn carry_out(gateway: &Gateway, case: u64) -> Result<(), String> {
	let catalogue = &gateway.store.catalogue;
	if matches!(catalogue.erasure(case).await.map_err(|e| e.to_string())?, Some(Some(_))) {
		return Ok(());
	}
	let at = gateway.chain.finalized().await.map_err(|e| e.to_string())?;
	let (mut datasets, mut objects) = (0u64, 0u64);
	for dataset in catalogue.datasets().await.map_err(|e| e.to_string())? {
		let on_chain = gateway.chain.dataset(&at, &dataset).await.map_err(|e| e.to_string())?;
		if on_chain == Err(AccessRefusal::Redacted) {
			let deleted = gateway
				.store
				.erase_dataset(&dataset)
				.await
				.map_err(|e: StoreError| e.to_string())?;
			tracing::info!(case, dataset = ?dataset, objects = deleted, "erased");
			datasets = datasets.saturating_add(1);
			objects = objects.saturating_add(deleted);
		}
	}
	// Deleted before confirming: a crash here leaves the case unconfirmed, and the next run
	// finds nothing left to delete and confirms.
	catalogue.add_erasure(case, datasets, objects, None, now()).await.map_err(|e| e.to_string())?;
	let call =
		gateway.chain.call(&at, "Redaction", "confirm_erasure", case).map_err(|e| e.to_string())?;
	let confirmation = match gateway.submitter.submit(call).await {
		Ok(included) => format!("{:?}", included.tx_hash),
		// Confirmed already by an earlier run whose ledger write was lost, or closed since
		// (every party confirmed): nothing is left to confirm.
		Err(SubmitError::Refused(error))
			if error == "Redaction.AlreadyConfirmed" || error == "Redaction.CaseNotFound" =>
		{
			error
		}
		Err(e) => return Err(format!("confirming erasure case {case}: {e}")),
	};
	tracing::info!(case, transaction = %confirmation, "erasure confirmed on chain");
	catalogue.add_erasure(case, 0, 0, Some(&confirmation), now()).await.map_err(|e| e.to_string())
}
