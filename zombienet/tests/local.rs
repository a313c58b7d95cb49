//! The `local` network: a rococo-local relay chain with two validators and Genochain with two
//! collators. Each test starts its own network and stops it; `make zombienet` runs them one at a
//! time (two cores).

use anyhow::{ensure, Result};
use genochain_zombienet::{
	calls::{self, GENE},
	chain::{self, Status},
	networks::{Kind, COLLATORS, GENOCHAIN_PARA_ID, VALIDATORS},
	steps, TestNetwork,
};
use std::time::Duration;
use zombienet_sdk::subxt::{backend::legacy::LegacyRpcMethods, PolkadotConfig};

const MINUTE: Duration = Duration::from_secs(60);

/// Genochain blocks are produced by both collators, backed and included by the relay chain's
/// validators, and finalized with the relay chain.
#[tokio::test(flavor = "multi_thread")]
async fn smoke_blocks_are_produced_and_finalized_through_the_relay_chain() -> Result<()> {
	let run = TestNetwork::spawn("smoke", Kind::Local).await?;
	let outcome = smoke(&run).await;
	run.finish(outcome).await
}

async fn smoke(run: &TestNetwork) -> Result<()> {
	let validator = run.node(VALIDATORS[0])?;
	chain::wait_height(validator, Status::Finalized, 2, 3 * MINUTE).await?;
	for collator in COLLATORS {
		let collator = run.node(collator)?;
		let finalized = chain::wait_height(collator, Status::Finalized, 4, 6 * MINUTE).await?;
		println!("[smoke] {} finalized Genochain #{finalized}", collator.name());
	}
	let relay = chain::client(validator).await?;
	let head = chain::finalized_para_head(&relay, GENOCHAIN_PARA_ID).await?;
	ensure!(head >= 4, "the relay chain's finalized head of Genochain is #{head}");
	println!("[smoke] the relay chain's finalized state includes Genochain #{head}");

	// Both collators author (Aura alternates between them).
	let genochain = chain::client(run.node(COLLATORS[0])?).await?;
	chain::wait_aura_authors(&genochain, COLLATORS.len(), 3 * MINUTE).await
}

/// One collator is killed: the other keeps producing blocks and the chain keeps finalizing; the
/// killed one is restarted and catches up.
#[tokio::test(flavor = "multi_thread")]
async fn failover_one_collator_carries_on_and_the_other_catches_up() -> Result<()> {
	let run = TestNetwork::spawn("failover", Kind::Local).await?;
	let outcome = failover(&run).await;
	run.finish(outcome).await
}

async fn failover(run: &TestNetwork) -> Result<()> {
	let [survivor, victim] = [run.node(COLLATORS[0])?, run.node(COLLATORS[1])?];
	chain::wait_height(survivor, Status::Finalized, 2, 6 * MINUTE).await?;

	let pid = chain::kill_node(run.dir(), victim.name())?;
	chain::wait_gone(pid, MINUTE).await?;
	let best = chain::height(survivor, Status::Best).await?;
	let finalized = chain::height(survivor, Status::Finalized).await?;
	println!("[failover] killed {} at best #{best}, finalized #{finalized}", victim.name());
	// Alone, the survivor authors in its own Aura slots: about one block per two relay blocks.
	chain::wait_height(survivor, Status::Best, best + 4, 3 * MINUTE).await?;
	chain::wait_height(survivor, Status::Finalized, finalized + 3, 3 * MINUTE).await?;
	println!("[failover] {} carried on alone to best #{}", survivor.name(), best + 4);

	victim.restart(None).await?;
	let target = chain::height(survivor, Status::Best).await?;
	let caught_up = chain::wait_height(victim, Status::Best, target, 3 * MINUTE).await?;
	chain::wait_height(victim, Status::Finalized, finalized + 3, 3 * MINUTE).await?;
	println!("[failover] {} restarted and caught up to #{caught_up}", victim.name());
	Ok(())
}

/// A collator killed with SIGKILL mid-run restarts on its database: its best and finalized heights
/// resume where they were, and a finalized block's hash and state root are unchanged.
#[tokio::test(flavor = "multi_thread")]
async fn durability_a_killed_collator_resumes_on_its_database() -> Result<()> {
	let run = TestNetwork::spawn("durability", Kind::Local).await?;
	let outcome = durability(&run).await;
	run.finish(outcome).await
}

async fn durability(run: &TestNetwork) -> Result<()> {
	let collator = run.node(COLLATORS[1])?;
	chain::wait_height(collator, Status::Finalized, 3, 6 * MINUTE).await?;
	let rpc = LegacyRpcMethods::<PolkadotConfig>::new(collator.rpc().await?);
	let finalized_hash = rpc.chain_get_finalized_head().await?;
	let finalized = rpc
		.chain_get_header(Some(finalized_hash))
		.await?
		.ok_or_else(|| anyhow::anyhow!("no header for the finalized head"))?;
	let best = chain::height(collator, Status::Best).await?;
	println!(
		"[durability] before: best #{best}, finalized #{} with state root {:?}",
		finalized.number, finalized.state_root
	);

	let pid = chain::kill_node(run.dir(), collator.name())?;
	chain::wait_gone(pid, MINUTE).await?;
	collator.restart(None).await?;

	// Heights come back from the database at once, before any new block is imported.
	let resumed_finalized =
		chain::wait_height(collator, Status::Finalized, finalized.number.into(), 2 * MINUTE)
			.await?;
	let resumed_best = chain::wait_height(collator, Status::Best, best, 2 * MINUTE).await?;
	println!("[durability] after restart: best #{resumed_best}, finalized #{resumed_finalized}");

	let rpc = LegacyRpcMethods::<PolkadotConfig>::new(collator.rpc().await?);
	let hash = rpc
		.chain_get_block_hash(Some(finalized.number.into()))
		.await?
		.ok_or_else(|| anyhow::anyhow!("block #{} is gone", finalized.number))?;
	ensure!(hash == finalized_hash, "finalized block #{} changed hash", finalized.number);
	let header = rpc
		.chain_get_header(Some(hash))
		.await?
		.ok_or_else(|| anyhow::anyhow!("header #{} is gone", finalized.number))?;
	ensure!(
		header.state_root == finalized.state_root,
		"the state root of finalized #{} changed: {:?} → {:?}",
		finalized.number,
		finalized.state_root,
		header.state_root
	);
	// The state itself is there, not only the header.
	let client = chain::client(collator).await?;
	let alice = chain::account("//Alice")?;
	chain::storage(&client, Some(hash), "System", "Account", vec![chain::account_id(&alice)])
		.await?
		.ok_or_else(|| anyhow::anyhow!("Alice's account is missing at #{}", finalized.number))?;
	// And it carries on.
	chain::wait_height(collator, Status::Finalized, resumed_finalized + 2, 3 * MINUTE).await?;
	Ok(())
}

/// The user journey of the e2e test, on the parachain: a subject grants consent and the custodian's
/// access is recorded; a contributor anchors a fingerprint made by the CLI, enrols it in the
/// genesis study, the custodian confirms the delivery and the contributor is paid; the subject
/// revokes and the next access is refused.
#[tokio::test(flavor = "multi_thread")]
async fn journey_consent_anchor_and_study_on_the_parachain() -> Result<()> {
	let run = TestNetwork::spawn("journey", Kind::Local).await?;
	let outcome = journey(&run).await;
	run.finish(outcome).await
}

async fn journey(run: &TestNetwork) -> Result<()> {
	let collator = run.node(COLLATORS[0])?;
	chain::wait_height(collator, Status::Best, 2, 6 * MINUTE).await?;
	let client = chain::client(collator).await?;
	let [bob, ferdie, custodian, researcher] = [
		chain::account("//Bob")?,
		chain::account("//Ferdie")?,
		chain::account("//Custodian")?,
		chain::account("//Researcher")?,
	];
	// Each step depends on the one before it, and both collators author: each call waits until it
	// is finalized (`chain::submit`), so that the next is checked on a chain that holds it.

	// Bob anchors his genome, kept by the custodian: the only kind of dataset his consents may
	// name. He grants HMB research use of its variants to the researcher.
	let dataset = steps::anchor(&client, &bob, [0xd5; 32], 1_000, &custodian).await?;
	let consent_id = steps::grant_consent(&client, &bob, &researcher, dataset).await?;
	let recorded = chain::submit(
		&client,
		&calls::record_access(consent_id, &researcher, dataset),
		&custodian,
		"an access",
	)
	.await?
	.event("an access", "Consent", "AccessRecorded")?;
	ensure!(chain::number(&recorded, "access_index")? == 0, "first access: {recorded}");

	// Ferdie anchors his fingerprint, kept by the custodian, and enrols it in the genesis study.
	let anchor = steps::anchor_sample(&client, run.dir(), &ferdie, &custodian).await?;
	let enrol = calls::enroll(0, anchor);
	chain::submit(&client, &enrol, &ferdie, "the enrolment").await?.event(
		"the enrolment",
		"DataMarket",
		"ContributorEnrolled",
	)?;
	let twice = chain::submit(&client, &enrol, &ferdie, "a second enrolment").await?;
	ensure!(
		twice.outcome.as_ref().err().map(String::as_str) == Some("DataMarket::AlreadyEnrolled"),
		"a second enrolment: {:?}",
		twice.outcome.map(|_| ())
	);

	// The custodian confirms the delivery; on_idle pays Ferdie after the dispute window.
	let delivered =
		chain::submit(&client, &calls::confirm_delivery(0, &ferdie), &custodian, "the delivery")
			.await?;
	let delivered_in = delivered.block_hash;
	delivered.event("the delivery", "DataMarket", "DeliveryConfirmed")?;
	let ferdie_id = ferdie.public_key().0;
	let (_, paid) = chain::wait_event(
		&client,
		delivered_in,
		"DataMarket",
		"ContributorPaid",
		|fields| chain::field_bytes(fields, "contributor").ok() == Some(ferdie_id.to_vec()),
		3 * MINUTE,
	)
	.await?;
	ensure!(chain::number(&paid, "reward")? == 10 * GENE, "Ferdie's reward: {paid}");

	// Bob revokes; the next access is refused, and says why.
	chain::submit(&client, &calls::revoke_consent(consent_id), &bob, "the revocation")
		.await?
		.event("the revocation", "Consent", "ConsentRevoked")?;
	let refused = chain::submit(
		&client,
		&calls::record_access(consent_id, &researcher, dataset),
		&custodian,
		"an access after revocation",
	)
	.await?;
	ensure!(
		refused.outcome.as_ref().err().map(String::as_str) == Some("Consent::ConsentRevoked"),
		"an access after revocation: {:?}",
		refused.outcome.map(|_| ())
	);
	Ok(())
}
