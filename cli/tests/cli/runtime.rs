//! The runtime accepting what the CLI makes.

use super::*;

/// The runtime, built from the same primitives, accepts the CLI's root and proofs and proves the
/// same facts: one implementation, bit for bit.
#[test]
fn the_runtime_accepts_what_the_cli_makes() {
	use genochain_runtime::{GenomeAnchor, RuntimeEvent, RuntimeOrigin, System};
	use polkadot_sdk::{
		frame_support::traits::fungible::Mutate, sp_core::H256, sp_io::TestExternalities,
		sp_runtime::BuildStorage,
	};

	let dir = tempfile::tempdir().expect("temp dir");
	let report = fingerprint(dir.path(), &fixture("sample.bcf"), &[]);
	let root: H256 = report["root"].as_str().expect("root").parse().expect("hex root");
	let proofs: Vec<(VariantProof, String)> = ["17:43045712:A:G", "2:700:A:G", "X:2781479:G:A"]
		.into_iter()
		.map(|variant| {
			let (_, json) = prove(dir.path(), variant);
			let hex = json["proof"].as_str().expect("hex").trim_start_matches("0x").to_string();
			let bytes = hex::decode(hex).expect("hex");
			(
				VariantProof::decode(&mut bytes.as_slice()).expect("a proof"),
				json["fact"].as_str().expect("fact").into(),
			)
		})
		.collect();

	let storage =
		genochain_runtime::RuntimeGenesisConfig::default().build_storage().expect("genesis");
	TestExternalities::new(storage).execute_with(|| {
		System::set_block_number(1);
		let subject = genochain_runtime::AccountId::from([1; 32]);
		<genochain_runtime::Balances as Mutate<_>>::mint_into(
			&subject,
			1_000 * genochain_primitives::currency::GENE,
		)
		.expect("minted");
		GenomeAnchor::anchor(
			RuntimeOrigin::signed(subject.clone()),
			root,
			14,
			genochain_primitives::fingerprint::Assembly::GRCh38,
			Scheme::V1,
			None,
			None,
		)
		.expect("the CLI's root anchors");
		for (proof, fact) in proofs {
			GenomeAnchor::prove_variant(
				RuntimeOrigin::signed(subject.clone()),
				genochain_primitives::anchor::anchor_id(&subject, &root),
				Box::new(proof),
			)
			.expect("the CLI's proof holds on chain");
			let Some(RuntimeEvent::GenomeAnchor(pallet_genome_anchor::Event::VariantProven {
				fact: proven,
				..
			})) = System::events().pop().map(|record| record.event)
			else {
				panic!("no VariantProven event");
			};
			assert_eq!(genochain_cli::proof::show_fact(&proven), fact);
		}
	});
}
