//! The `consortium` network: the rehearsal of docs/OPERATORS.md. `genochain-node consortium-spec`
//! builds the raw spec from `chain-specs/consortium.example.toml`, as an operator does; the relay
//! chain registers the para from it, and the file's two collators, holding the session keys the
//! file names, produce blocks the relay chain finalizes. The chain's genesis is the file's: no
//! sudo, its Council, Ethics Committee, organisations, collators and endowments.

use anyhow::{anyhow, ensure, Result};
use genochain_zombienet::{
	calls::{self, GENE},
	chain::{self, Client, Status},
	networks::{Kind, COLLATORS, GENOCHAIN_PARA_ID, VALIDATORS},
	TestNetwork,
};
use std::time::Duration;
use zombienet_sdk::subxt::dynamic::At;

const MINUTE: Duration = Duration::from_secs(60);

#[tokio::test(flavor = "multi_thread")]
async fn consortium_the_files_collators_run_the_chain_without_sudo() -> Result<()> {
	let run = TestNetwork::spawn("consortium", Kind::Consortium).await?;
	let outcome = consortium(&run).await;
	run.finish(outcome).await
}

async fn consortium(run: &TestNetwork) -> Result<()> {
	let validator = run.node(VALIDATORS[0])?;
	for collator in COLLATORS {
		let collator = run.node(collator)?;
		let finalized = chain::wait_height(collator, Status::Finalized, 3, 8 * MINUTE).await?;
		println!("[consortium] {} finalized block #{finalized}", collator.name());
	}
	let relay = chain::client(validator).await?;
	let head = chain::finalized_para_head(&relay, GENOCHAIN_PARA_ID).await?;
	ensure!(head >= 3, "the relay chain's finalized head of the consortium chain is #{head}");
	let genochain = chain::client(run.node(COLLATORS[0])?).await?;
	chain::wait_aura_authors(&genochain, COLLATORS.len(), 3 * MINUTE).await?;
	println!("[consortium] both of the file's collators author; the relay chain includes #{head}");

	// The genesis is the file's.
	ensure!(
		chain::storage(&genochain, None, "Sudo", "Key", vec![]).await?.is_none(),
		"the consortium chain has a sudo key"
	);
	for (body, first, count) in [("Council", "//Alice", 3), ("EthicsCommittee", "//Dave", 3)] {
		let members = chain::storage(&genochain, None, body, "Members", vec![])
			.await?
			.ok_or_else(|| anyhow!("no {body} members"))?;
		ensure!(
			members.at(count - 1).is_some() && members.at(count).is_none(),
			"{body} has other members than the file's {count}: {members}"
		);
		let first = chain::account(first)?.public_key().0.to_vec();
		let seated = (0..count)
			.filter_map(|index| members.at(index))
			.any(|member| chain::bytes(member).is_ok_and(|member| member == first));
		ensure!(seated, "{body}: a member of the file is missing from {members}");
	}
	for organisation in ["//Lab", "//Custodian", "//Researcher"] {
		let key = vec![chain::account_id(&chain::account(organisation)?)];
		ensure!(
			chain::storage(&genochain, None, "Registry", "Organisations", key).await?.is_some(),
			"{organisation} is not accredited"
		);
	}
	ensure!(free_balance(&genochain, "//Researcher").await? == 50_000 * GENE);

	// The endowments are spendable: a Council member pays an Ethics Committee member.
	let dave = chain::account("//Dave")?.public_key().0;
	let before = free_balance(&genochain, "//Dave").await?;
	chain::submit(
		&genochain,
		&calls::transfer(dave, 5 * GENE),
		&chain::account("//Alice")?,
		"a transfer",
	)
	.await?
	.events("a transfer")?;
	ensure!(free_balance(&genochain, "//Dave").await? == before + 5 * GENE);
	println!("[consortium] genesis as the file says; a transfer is finalized");
	Ok(())
}

async fn free_balance(client: &Client, account: &str) -> Result<u128> {
	let key = vec![chain::account_id(&chain::account(account)?)];
	let info = chain::storage(client, None, "System", "Account", key)
		.await?
		.ok_or_else(|| anyhow!("{account} has no account"))?;
	let free = info.at("data").and_then(|data| data.at("free"));
	free.and_then(|free| free.as_u128()).ok_or_else(|| anyhow!("no free balance in {info}"))
}
