//! The `xcm` network: the consumer parachain (2001) asks Genochain (2000) over real HRMP channels
//! whether an anchor exists (refused until a lab attests it, as the consumer requires) and whether
//! a consent allows a use, gets the verdicts back as events, and sees the consent verdict flip
//! once the subject revokes on Genochain. The round trip is
//! measured in relay chain blocks: from the relay parent of the consumer block that sent the query
//! to that of the block that received the verdict.

use anyhow::{anyhow, ensure, Result};
use genochain_zombienet::{
	calls::{self, GENE},
	chain::{self, Client, Decoded, Status},
	networks::{Kind, COLLATORS, CONSUMER_COLLATOR, CONSUMER_PARA_ID, GENOCHAIN_PARA_ID},
	steps, TestNetwork,
};
use std::time::{Duration, Instant};
use zombienet_sdk::{
	subxt::dynamic::{At, Value},
	subxt_signer::sr25519::Keypair,
};

const MINUTE: Duration = Duration::from_secs(60);

/// The goal for a query's round trip, in relay chain blocks.
const ROUND_TRIP_GOAL: u128 = 6;

#[tokio::test(flavor = "multi_thread")]
async fn xcm_verdicts_on_an_anchor_and_a_consent_and_the_flip_after_revocation() -> Result<()> {
	let run = TestNetwork::spawn("xcm", Kind::Xcm).await?;
	let outcome = round_trips(&run).await;
	run.finish(outcome).await
}

/// A query's answer and what it took.
struct Answer {
	verdict: Decoded,
	/// From the relay parent of the consumer block with the query to that of the block with the
	/// verdict.
	relay_blocks: u128,
	/// From submitting the query to the verdict's finality on the consumer.
	elapsed: Duration,
}

async fn round_trips(run: &TestNetwork) -> Result<()> {
	let genochain_collator = run.node(COLLATORS[0])?;
	let consumer_collator = run.node(CONSUMER_COLLATOR)?;
	chain::wait_height(genochain_collator, Status::Best, 2, 6 * MINUTE).await?;
	chain::wait_height(consumer_collator, Status::Best, 2, 6 * MINUTE).await?;
	let genochain = chain::client(genochain_collator).await?;
	let consumer = chain::client(consumer_collator).await?;
	let [alice, bob, charlie, dave, custodian, researcher, lab] =
		["//Alice", "//Bob", "//Charlie", "//Dave", "//Custodian", "//Researcher", "//Lab"]
			.map(chain::account);
	let [alice, bob, charlie, dave, custodian, researcher, lab] =
		[alice?, bob?, charlie?, dave?, custodian?, researcher?, lab?];
	// What the queries ask about is finalized on Genochain before they are asked (`chain::submit`).

	// The consumer's queries spend GENE from its sovereign account on Genochain.
	chain::submit(
		&genochain,
		&calls::transfer(sibling_account(CONSUMER_PARA_ID), 100 * GENE),
		&alice,
		"funding para 2001",
	)
	.await?
	.events("funding para 2001")?;
	// Charlie anchors his fingerprint; Bob lets the researcher use his own genome's variants.
	let anchor = steps::anchor_sample(&genochain, run.dir(), &charlie, &custodian).await?;
	// Bob's genome, kept by the custodian: the only kind of dataset his consents may name.
	let dataset = steps::anchor(&genochain, &bob, [0xd5; 32], 1_000, &custodian).await?;
	let consent_id = steps::grant_consent(&genochain, &bob, &researcher, dataset).await?;

	let anchor_exists = || {
		Value::named_variant(
			"AnchorExists",
			[("anchor", Value::from_bytes(anchor)), ("require", Value::unnamed_variant("Any", []))],
		)
	};
	// The consumer acts only on genomes a lab vouches for: Charlie's own fingerprint is refused
	// until the development lab attests it.
	let unattested =
		ask(&consumer, &dave, anchor_exists(), "is Charlie's unattested anchor current").await?;
	expect_verdict(&unattested, "Err", "NotAttested")?;
	report("anchor not attested", &unattested);
	steps::attest(&genochain, &lab, anchor).await?;
	let answer = ask(&consumer, &dave, anchor_exists(), "is Charlie's anchor current").await?;
	expect_verdict(&answer, "Ok", "AnchorCurrent")?;
	ensure!(
		answer.verdict.to_string().contains("Attested"),
		"the verdict does not name the attesting lab: {}",
		answer.verdict
	);
	report("anchor exists", &answer);

	let consent = || {
		Value::named_variant(
			"Consent",
			[
				("grantee", chain::account_id(&researcher)),
				("subject", chain::account_id(&bob)),
				("dataset", Value::from_bytes(dataset)),
				("category", calls::variants()),
				("requested", calls::hmb_research()),
				("custodian", Value::unnamed_variant("Some", [chain::account_id(&custodian)])),
			],
		)
	};
	let allowed = ask(&consumer, &dave, consent(), "may the researcher use Bob's data").await?;
	expect_verdict(&allowed, "Ok", "ConsentAllows")?;
	let (_, fact) = chain::variant(&allowed.verdict)?;
	let allowing = fact.values().next().map(|fact| chain::variant(fact)).transpose()?;
	let allowing_id = allowing.and_then(|(_, id)| id.values().next()).and_then(|id| id.as_u128());
	ensure!(
		allowing_id == Some(consent_id),
		"the verdict names consent {allowing_id:?}, not {consent_id}"
	);
	report("consent allows", &allowed);

	// Bob revokes on Genochain; the same question now gets a refusal that says why.
	chain::submit(&genochain, &calls::revoke_consent(consent_id), &bob, "the revocation")
		.await?
		.event("the revocation", "Consent", "ConsentRevoked")?;
	let refused =
		ask(&consumer, &dave, consent(), "may the researcher still use Bob's data").await?;
	expect_verdict(&refused, "Err", "Access")?;
	ensure!(
		refused.verdict.to_string().contains("Revoked"),
		"the refusal does not say the consent was revoked: {}",
		refused.verdict
	);
	report("consent revoked", &refused);

	let slowest =
		[&unattested, &answer, &allowed, &refused].iter().map(|answer| answer.relay_blocks).max();
	println!(
		"[xcm] slowest round trip: {} relay blocks (goal: at most {ROUND_TRIP_GOAL})",
		slowest.unwrap_or_default()
	);
	Ok(())
}

/// The account of sibling `para` on Genochain (`SiblingParachainConvertsVia`).
fn sibling_account(para: u32) -> [u8; 32] {
	let mut account = [0u8; 32];
	account[..4].copy_from_slice(b"sibl");
	account[4..8].copy_from_slice(&para.to_le_bytes());
	account
}

/// Asks Genochain `request` from the consumer as `requester` and waits until the consumer has
/// finalized the verdict: the query and its answer are final, so the round trip is read from the
/// blocks that stay, and the requester's next query is signed on a chain that holds this one.
async fn ask(consumer: &Client, requester: &Keypair, request: Value, what: &str) -> Result<Answer> {
	let genochain = Value::unnamed_variant(
		"V5",
		[Value::named_composite([
			("parents", Value::u128(1)),
			(
				"interior",
				Value::unnamed_variant(
					"X1",
					[Value::unnamed_composite([Value::unnamed_variant(
						"Parachain",
						[Value::u128(GENOCHAIN_PARA_ID.into())],
					)])],
				),
			),
		])],
	);
	let call = zombienet_sdk::subxt::dynamic::tx(
		"VerifierClient",
		"request_verification",
		vec![genochain, Value::unnamed_variant("V2", [request])],
	);
	let started = Instant::now();
	// Waiting for the query's finality (`chain::submit`) does not hold the answer up: the chain
	// goes on meanwhile, and the answer is searched from the query's block on.
	let sent = chain::submit(consumer, &call, requester, what).await?;
	let sent_in = sent.block_hash;
	let requested = sent.event(what, "VerifierClient", "VerificationRequested")?;
	let query_id = chain::number(&requested, "query_id")?;
	let (answered_in, verdict) = chain::wait_event(
		consumer,
		sent_in,
		"VerifierClient",
		"VerdictReceived",
		|fields| chain::number(fields, "query_id").ok() == Some(query_id),
		3 * MINUTE,
	)
	.await
	.map_err(|error| error.context(format!("the answer to query {query_id} ({what})")))?;
	let elapsed = started.elapsed();
	let relay_blocks = chain::relay_parent_number(consumer, answered_in)
		.await?
		.saturating_sub(chain::relay_parent_number(consumer, sent_in).await?);
	// The event says only whether the request held; the verdict is in the query's record.
	ensure!(verdict.at("held").is_some(), "no outcome in {verdict}");
	let query = chain::storage(
		consumer,
		Some(answered_in),
		"VerifierClient",
		"Queries",
		vec![Value::u128(query_id)],
	)
	.await?
	.ok_or_else(|| anyhow!("query {query_id} is not kept after its answer"))?;
	let state = query.at("state").ok_or_else(|| anyhow!("no state in {query}"))?;
	let (name, fields) = chain::variant(state)?;
	ensure!(name == "Answered", "query {query_id} is {name}, not answered");
	let verdict = fields
		.values()
		.next()
		.and_then(|response| response.at("verdict"))
		.cloned()
		.ok_or_else(|| anyhow!("no verdict in {query}"))?;
	Ok(Answer { verdict, relay_blocks, elapsed })
}

/// The verdict is `result` (`Ok` or `Err`) carrying a `kind` fact or refusal.
fn expect_verdict(answer: &Answer, result: &str, kind: &str) -> Result<()> {
	let (outer, inner) = chain::variant(&answer.verdict)?;
	let inner = inner.values().next().map(chain::variant).transpose()?.map(|(name, _)| name);
	ensure!(
		outer == result && inner == Some(kind),
		"expected {result}({kind}), got {}",
		answer.verdict
	);
	Ok(())
}

fn report(what: &str, answer: &Answer) {
	println!(
		"[xcm] {what}: answered in {} relay blocks, final {:.1?} after the request: {}",
		answer.relay_blocks, answer.elapsed, answer.verdict
	);
}
