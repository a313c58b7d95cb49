//! The fingerprint journey on the development genesis: the accredited lab commits a batch of its
//! customers' anchor ids, a contributor claims their sample from it (and a watcher copying the
//! claim gets nothing) and proves a variant, another anchors directly and gets attested, the
//! attestation is withdrawn, versions are linked, and deposits come back.

#![allow(clippy::arithmetic_side_effects)]

use crate::{
	configs::genome_anchor::AnchorDepositReason,
	dev_chain::{dev_chain, signed},
	genesis_config_presets::{DEV_CUSTODIAN, DEV_LAB},
	AccountId, Balances, GenomeAnchor, Runtime, RuntimeCall, RuntimeEvent, System,
};
use codec::Encode;
use genochain_primitives::{
	anchor::{anchor_id, AnchorProofRefusal, Attestation, Provenance, VariantVerdict},
	consent::Standing,
	fingerprint::{
		parse_allele, v1, v1::Fingerprint, Assembly, Batch, Chromosome, ProvenFact, Scheme, Secret,
		Variant, VariantKey, VariantProof, Zygosity,
	},
	redaction::Lookup,
};
use pallet_genome_anchor_runtime_api::runtime_decl_for_anchor_api::AnchorApiV1;
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok, dispatch::GetDispatchInfo, traits::fungible::InspectHold,
	},
	sp_core::H256,
	sp_keyring::Sr25519Keyring::{self, *},
};

fn account(who: Sr25519Keyring) -> AccountId {
	who.to_account_id()
}

pub(crate) fn variant(chromosome: u8, position: u32, reference: &str, alternate: &str) -> Variant {
	Variant {
		key: VariantKey {
			chromosome: Chromosome::from_number(chromosome).expect("1-25"),
			position,
			reference: parse_allele(reference.as_bytes()).expect("bases"),
			alternate: parse_allele(alternate.as_bytes()).expect("bases"),
		},
		zygosity: Zygosity::Heterozygous,
	}
}

/// A small genome of a contributor whose secret is made of `seed`.
pub(crate) fn genome(seed: u8) -> Fingerprint {
	let variants =
		(0..40u32).map(|i| variant(1 + (i % 22) as u8, 10_000 + i * 997, "C", "T")).collect();
	Fingerprint::new(&Secret([seed; 32]), variants).expect("valid")
}

fn last_anchor_event() -> pallet_genome_anchor::Event<Runtime> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::GenomeAnchor(event) => Some(event),
			_ => None,
		})
		.expect("a GenomeAnchor event")
}

#[test]
fn a_contributor_claims_from_a_lab_batch_and_proves_a_variant() {
	dev_chain().execute_with(|| {
		let lab: AccountId = DEV_LAB.into();
		let (bob, charlie) = (account(Bob), account(Charlie));
		let samples = [genome(1), genome(2), genome(3)];
		let roots: Vec<_> = samples.iter().map(Fingerprint::root).collect();
		// The lab's customers: Alice, Bob and Charlie, one sample each, in this order.
		let customers = [account(Alice), bob.clone(), charlie.clone()];
		let ids: Vec<_> =
			customers.iter().zip(&roots).map(|(who, root)| anchor_id(who, root)).collect();
		let batch = Batch::new(Scheme::V1, &ids).expect("not empty");

		// Only the accredited lab commits batches.
		assert_noop!(
			GenomeAnchor::anchor_batch(signed(&bob), batch.root(), 3, Assembly::GRCh38, Scheme::V1),
			pallet_genome_anchor::Error::<Runtime>::NotALab
		);
		assert_ok!(GenomeAnchor::anchor_batch(
			signed(&lab),
			batch.root(),
			3,
			Assembly::GRCh38,
			Scheme::V1
		));

		// Bob's claim of sample 1, with the custodian named.
		let claim_bobs_sample = |signer: &AccountId| {
			GenomeAnchor::claim_from_batch(
				signed(signer),
				batch.root(),
				roots[1],
				samples[1].leaf_count(),
				batch.prove(1).expect("in range"),
				Some(DEV_CUSTODIAN.into()),
				None,
			)
		};
		// Charlie copies it, proof and all, and signs it first: it proves nothing for his account.
		assert_noop!(
			claim_bobs_sample(&charlie),
			pallet_genome_anchor::Error::<Runtime>::BatchProofRootMismatch
		);
		// Bob's own claim goes through, and he holds the anchor deposit.
		assert_ok!(claim_bobs_sample(&bob));
		let anchor = GenomeAnchor::anchor_info(&ids[1]).expect("claimed");
		let claimed_at = System::block_number();
		assert_eq!(
			(anchor.subject.clone(), anchor.attestation.clone()),
			(bob.clone(), Some(Attestation { lab: lab.clone(), at: claimed_at }))
		);
		assert!(Balances::balance_on_hold(&AnchorDepositReason::get(), &bob) > 0);
		assert_eq!(GenomeAnchor::anchors_of(&bob), vec![(ids[1], anchor)]);

		// Bob publishes on chain that he carries a variant.
		let carried = samples[1].variants()[7].clone();
		let proof = VariantProof::V1(samples[1].prove(&carried.key).expect("provable"));
		assert_eq!(GenomeAnchor::verify(&ids[1], &proof), Ok(ProvenFact::Carries(carried.clone())));
		assert_ok!(GenomeAnchor::prove_variant(signed(&bob), ids[1], Box::new(proof.clone())));
		assert_eq!(
			last_anchor_event(),
			pallet_genome_anchor::Event::VariantProven {
				anchor: ids[1],
				prover: bob.clone(),
				fact: ProvenFact::Carries(carried.clone()),
			}
		);
		// Alice, a verifier Bob gave the proof to, has it checked on chain: the event keeps the
		// fact's hash, not the fact.
		assert_ok!(GenomeAnchor::prove_variant(
			signed(&account(Alice)),
			ids[1],
			Box::new(proof.clone())
		));
		assert_eq!(
			last_anchor_event(),
			pallet_genome_anchor::Event::VariantChecked {
				anchor: ids[1],
				checker: account(Alice),
				fact_hash: H256(polkadot_sdk::sp_io::hashing::blake2_256(
					&ProvenFact::Carries(carried.clone()).encode()
				)),
			}
		);
		// The same proof says nothing about Charlie's sample.
		assert_eq!(GenomeAnchor::verify(&ids[2], &proof), Err(AnchorProofRefusal::UnknownAnchor));

		// The runtime API's verdict names Bob and the lab; once the Council suspends the lab, the
		// same verdict says so.
		let verdict = || {
			<Runtime as AnchorApiV1<crate::Block, AccountId, u32>>::verify_variant(
				ids[1],
				proof.clone(),
			)
		};
		let attested = |standing| VariantVerdict {
			fact: ProvenFact::Carries(samples[1].variants()[7].clone()),
			subject: bob.clone(),
			provenance: Provenance::Attested { lab: lab.clone(), at: claimed_at, standing },
		};
		assert_eq!(verdict(), Ok(attested(Standing::Accredited)));
		assert_ok!(crate::Registry::suspend(crate::RuntimeOrigin::root(), lab.clone()));
		assert_eq!(verdict(), Ok(attested(Standing::Suspended)));
		assert_eq!(
			<Runtime as AnchorApiV1<crate::Block, AccountId, u32>>::provenance(ids[1]),
			Lookup::Found(attested(Standing::Suspended).provenance)
		);
		assert_ok!(crate::Registry::reinstate(crate::RuntimeOrigin::root(), lab.clone()));

		// Charlie anchors directly; the lab attests; the Council withdraws the attestation (root
		// stands for its two-thirds motion here); a new version supersedes the anchor.
		assert_ok!(GenomeAnchor::anchor(
			signed(&charlie),
			roots[2],
			samples[2].leaf_count(),
			Assembly::GRCh38,
			Scheme::V1,
			None,
			None
		));
		assert_ok!(GenomeAnchor::attest(signed(&lab), ids[2]));
		assert_noop!(
			GenomeAnchor::withdraw_attestation(signed(&charlie), ids[2]),
			pallet_genome_anchor::Error::<Runtime>::NotTheAttestingLab
		);
		assert_ok!(GenomeAnchor::withdraw_attestation(crate::RuntimeOrigin::root(), ids[2]));
		assert_eq!(GenomeAnchor::anchor_info(&ids[2]).expect("kept").attestation, None);
		let newer = genome(4);
		assert_ok!(GenomeAnchor::supersede(
			signed(&charlie),
			ids[2],
			newer.root(),
			newer.leaf_count(),
			Assembly::GRCh38,
			Scheme::V1,
			None,
			None
		));
		let old_proof =
			VariantProof::V1(samples[2].prove(&samples[2].variants()[0].key).expect("provable"));
		assert_eq!(GenomeAnchor::verify(&ids[2], &old_proof), Err(AnchorProofRefusal::Superseded));

		// Removing both versions returns every deposit.
		assert_ok!(GenomeAnchor::remove(signed(&charlie), ids[2]));
		assert_ok!(GenomeAnchor::remove(signed(&charlie), anchor_id(&charlie, &newer.root())));
		assert_eq!(Balances::balance_on_hold(&AnchorDepositReason::get(), &charlie), 0);
		assert!(GenomeAnchor::anchors_of(&charlie).is_empty());
	});
}

#[test]
fn a_proof_is_charged_by_its_depth() {
	dev_chain().execute_with(|| {
		let small = genome(1);
		let proof = small.prove(&small.variants()[0].key).expect("provable");
		let v1::VariantProof::Included(inclusion) = &proof else { panic!("an inclusion proof") };
		let mut deeper = inclusion.clone();
		for _ in 0..17 {
			deeper.siblings.try_push(Default::default()).expect("room");
		}
		let weight = |proof: VariantProof| {
			RuntimeCall::GenomeAnchor(pallet_genome_anchor::Call::prove_variant {
				anchor: small.root(),
				proof: Box::new(proof),
			})
			.get_dispatch_info()
			.call_weight
		};
		let included = |proof| VariantProof::V1(v1::VariantProof::Included(proof));
		let (deeper, proof) = (included(deeper), VariantProof::V1(proof));
		assert!(weight(deeper).ref_time() > weight(proof).ref_time());
	});
}
