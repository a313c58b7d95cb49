//! Proxies on the development genesis: neither a `NonTransfer` nor a `Consent` proxy moves the
//! account's funds by any path the runtime has, and a `Consent` proxy does what a guardian does
//! and nothing a custodian, a committee or an irreversible erasure needs.

#![allow(clippy::arithmetic_side_effects)]

use crate::{
	configs::{xcm_config::GeneLocation, ProxyType},
	dev_chain::{anchored, dev_chain, dev_custodian, dev_researcher, signed},
	genesis_config_presets::dev_study,
	AccountId, Balance, Balances, Consent, DataMarket, Multisig, Proxy, Runtime, RuntimeCall,
	RuntimeEvent, System,
};
use genochain_primitives::{
	consent::DataCategory,
	currency::GENE,
	duo::{DuoPermission, RequestedUse},
	redaction::RecordRef,
};
use polkadot_sdk::{
	frame_support::{assert_ok, traits::fungible::Inspect},
	sp_core::H256,
	sp_keyring::Sr25519Keyring::*,
	sp_runtime::DispatchError,
	staging_xcm::{latest::prelude::*, VersionedAssets, VersionedLocation, VersionedXcm},
	*,
};

fn transfer_to_eve(value: Balance) -> RuntimeCall {
	RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: Eve.to_account_id().into(),
		value,
	})
}

fn proxy_result() -> Option<Result<(), DispatchError>> {
	System::events().into_iter().rev().find_map(|record| match record.event {
		RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result }) => Some(result),
		_ => None,
	})
}

/// `proxy` makes `call` for `real`; returns what the call did.
fn through(proxy: &AccountId, real: &AccountId, call: RuntimeCall) -> Result<(), DispatchError> {
	assert_ok!(Proxy::proxy(signed(proxy), real.clone().into(), None, Box::new(call)));
	proxy_result().expect("the proxy executed")
}

/// Everything `who` has, free and on hold.
fn total(who: &AccountId) -> Balance {
	Balances::total_balance(who)
}

fn filtered() -> Result<(), DispatchError> {
	Err(frame_system::Error::<Runtime>::CallFiltered.into())
}

/// Every way the runtime offers to move funds away from `real`, as calls a proxy of `real` makes.
/// `charlie_for_real` is an account `real` holds an `Any` proxy of (for the nested path) and
/// `multisig` a 1-of-2 multisig of `real` and Charlie, both funded.
fn paths_that_move_funds(real: &AccountId) -> Vec<(&'static str, RuntimeCall)> {
	let eve = Eve.to_account_id();
	let sibling = Location::new(1, [Parachain(2001)]);
	let beneficiary = Location::new(0, [AccountId32 { network: None, id: eve.clone().into() }]);
	let gene: Assets = vec![(GeneLocation::get(), GENE).into()].into();
	let xcm_transfer = |call: fn(_, _, _) -> RuntimeCall| {
		call(
			Box::new(VersionedLocation::from(sibling.clone())),
			Box::new(VersionedLocation::from(beneficiary.clone())),
			Box::new(VersionedAssets::from(gene.clone())),
		)
	};
	let withdraw_and_deposit = Xcm::<RuntimeCall>(vec![
		WithdrawAsset(gene.clone()),
		DepositAsset { assets: AllCounted(1).into(), beneficiary: beneficiary.clone() },
	]);
	vec![
		("Balances.transfer_keep_alive", transfer_to_eve(GENE)),
		(
			"Balances.transfer_all",
			RuntimeCall::Balances(pallet_balances::Call::transfer_all {
				dest: eve.clone().into(),
				keep_alive: false,
			}),
		),
		(
			"PolkadotXcm.limited_reserve_transfer_assets",
			xcm_transfer(|dest, beneficiary, assets| {
				RuntimeCall::PolkadotXcm(pallet_xcm::Call::limited_reserve_transfer_assets {
					dest,
					beneficiary,
					assets,
					fee_asset_item: 0,
					weight_limit: Unlimited,
				})
			}),
		),
		(
			"PolkadotXcm.transfer_assets",
			xcm_transfer(|dest, beneficiary, assets| {
				RuntimeCall::PolkadotXcm(pallet_xcm::Call::transfer_assets {
					dest,
					beneficiary,
					assets,
					fee_asset_item: 0,
					weight_limit: Unlimited,
				})
			}),
		),
		(
			"PolkadotXcm.execute",
			RuntimeCall::PolkadotXcm(pallet_xcm::Call::execute {
				message: Box::new(VersionedXcm::from(withdraw_and_deposit)),
				max_weight: Weight::from_parts(10_000_000_000, 100_000),
			}),
		),
		(
			"DataMarket.create_study",
			RuntimeCall::DataMarket(pallet_data_market::Call::create_study { terms: dev_study() }),
		),
		(
			"Redaction.request_redaction",
			RuntimeCall::Redaction(pallet_redaction::Call::request_redaction {
				record: RecordRef::Study(0),
				reason: H256::zero(),
			}),
		),
		(
			"Utility.force_batch",
			RuntimeCall::Utility(pallet_utility::Call::force_batch {
				calls: vec![transfer_to_eve(GENE)],
			}),
		),
		(
			"Utility.as_derivative",
			RuntimeCall::Utility(pallet_utility::Call::as_derivative {
				index: 0,
				call: Box::new(transfer_to_eve(GENE)),
			}),
		),
		(
			"Multisig.as_multi_threshold_1",
			RuntimeCall::Multisig(pallet_multisig::Call::as_multi_threshold_1 {
				other_signatories: vec![Charlie.to_account_id()],
				call: Box::new(transfer_to_eve(GENE)),
			}),
		),
		(
			"Proxy.proxy (nested)",
			RuntimeCall::Proxy(pallet_proxy::Call::proxy {
				real: Charlie.to_account_id().into(),
				force_proxy_type: None,
				call: Box::new(transfer_to_eve(GENE)),
			}),
		),
		(
			"Sudo.sudo",
			RuntimeCall::Sudo(pallet_sudo::Call::sudo {
				call: Box::new(RuntimeCall::Balances(pallet_balances::Call::force_transfer {
					source: real.clone().into(),
					dest: eve.into(),
					value: GENE,
				})),
			}),
		),
	]
}

#[test]
fn neither_a_non_transfer_nor_a_consent_proxy_moves_funds_by_any_path() {
	for proxy_type in [ProxyType::NonTransfer, ProxyType::Consent] {
		dev_chain().execute_with(|| {
			// Alice: sudo, endowed, and so the real account with every path open to it. Ferdie
			// is her proxy. Alice may act for Charlie, and shares a 1-of-2 multisig with him.
			let (alice, charlie, ferdie) =
				(Alice.to_account_id(), Charlie.to_account_id(), Ferdie.to_account_id());
			assert_ok!(Proxy::add_proxy(signed(&alice), ferdie.clone().into(), proxy_type, 0));
			assert_ok!(Proxy::add_proxy(signed(&charlie), alice.clone().into(), ProxyType::Any, 0));
			let multisig = Multisig::multi_account_id(&[alice.clone(), charlie.clone()], 1);
			assert_ok!(Balances::transfer_keep_alive(
				signed(&alice),
				multisig.clone().into(),
				10 * GENE
			));
			let watched = [alice.clone(), charlie.clone(), multisig, Eve.to_account_id()];
			let before: Vec<_> = watched.iter().map(total).collect();

			for (path, call) in paths_that_move_funds(&alice) {
				let result = through(&ferdie, &alice, call);
				let after: Vec<_> = watched.iter().map(total).collect();
				assert_eq!(after, before, "{proxy_type:?} moved funds through {path}");
				// A batch is itself allowed and reports its filtered calls in its own event.
				if path != "Utility.force_batch" {
					assert_eq!(result, filtered(), "{proxy_type:?} through {path}");
				}
			}
			// The filter is what stops them: an `Any` proxy gets past it on every path.
			let dave = Dave.to_account_id();
			assert_ok!(Proxy::add_proxy(signed(&alice), dave.clone().into(), ProxyType::Any, 0));
			for (path, call) in paths_that_move_funds(&alice) {
				assert_ne!(through(&dave, &alice, call), filtered(), "Any through {path}");
			}
			assert!(total(&Eve.to_account_id()) > before[3], "and funds moved");
		});
	}
}

#[test]
fn a_consent_proxy_does_what_a_guardian_does_and_nothing_else() {
	dev_chain().execute_with(|| {
		let (bob, ferdie) = (Bob.to_account_id(), Ferdie.to_account_id());
		assert_ok!(Proxy::add_proxy(signed(&bob), ferdie.clone().into(), ProxyType::Consent, 0));
		let genome = anchored(&bob, 0xb1);

		// The guardian enrols Bob in the genesis study (granting its consent) and withdraws him.
		let enroll = RuntimeCall::DataMarket(pallet_data_market::Call::enroll {
			study_id: 0,
			anchor: genome,
		});
		assert_eq!(through(&ferdie, &bob, enroll), Ok(()));
		let withdraw = RuntimeCall::DataMarket(pallet_data_market::Call::withdraw { study_id: 0 });
		assert_eq!(through(&ferdie, &bob, withdraw), Ok(()));
		// The withdrawal ended the study's consent, and its deposit returned.
		assert!(Consent::consents_of(&bob).is_empty());

		// The guardian grants a consent in Bob's name, revokes it and removes it.
		let mut terms = crate::consent_tests::irb_terms_over(genome);
		terms.purpose.modifiers = Default::default();
		let grant = RuntimeCall::Consent(pallet_consent::Call::grant { terms });
		assert_eq!(through(&ferdie, &bob, grant), Ok(()));
		let consent = Consent::consents_of(&bob)[0].id;
		let revoke = RuntimeCall::Consent(pallet_consent::Call::revoke { consent_id: consent });
		assert_eq!(through(&ferdie, &bob, revoke), Ok(()));
		let remove = RuntimeCall::Consent(pallet_consent::Call::remove { consent_id: consent });
		assert_eq!(through(&ferdie, &bob, remove), Ok(()));
		assert!(Consent::consents_of(&bob).is_empty());

		// The guardian may publish a proof about Bob's genome in his name: the call passes the
		// filter and reaches the proof check (this proof leads nowhere).
		let proof = genochain_primitives::fingerprint::VariantProof::V1(
			genochain_primitives::fingerprint::v1::VariantProof::Included(
				genochain_primitives::fingerprint::v1::InclusionProof {
					variant: crate::anchor_tests::variant(1, 100, "A", "G"),
					leaf_index: 0,
					salt: Default::default(),
					siblings: Default::default(),
				},
			),
		);
		let prove = RuntimeCall::GenomeAnchor(pallet_genome_anchor::Call::prove_variant {
			anchor: genome,
			proof: Box::new(proof),
		});
		assert_eq!(
			through(&ferdie, &bob, prove),
			Err(pallet_genome_anchor::Error::<Runtime>::ProofWrongSiblingCount.into())
		);
		// Not an erasure: it cannot be undone, so the subject or a broader proxy decides it.
		let erase = RuntimeCall::Redaction(pallet_redaction::Call::erase_me {});
		assert_eq!(through(&ferdie, &bob, erase.clone()), filtered());
		// Not a custodian's call, even for a custodian that appointed a consent proxy.
		let custodian = dev_custodian();
		assert_ok!(Proxy::add_proxy(
			signed(&custodian),
			ferdie.clone().into(),
			ProxyType::Consent,
			0
		));
		let record = RuntimeCall::Consent(pallet_consent::Call::record_access {
			consent_id: consent,
			accessor: dev_researcher(),
			dataset: genome,
			category: DataCategory::Variants,
			requested: RequestedUse::research(DuoPermission::HealthMedicalBiomedical),
		});
		assert_eq!(through(&ferdie, &custodian, record), filtered());
		let confirm = RuntimeCall::DataMarket(pallet_data_market::Call::confirm_delivery {
			study_id: 0,
			contributor: bob.clone(),
		});
		assert_eq!(through(&ferdie, &custodian, confirm), filtered());

		// A non-transfer proxy may erase: it moves no funds (the deposits come back).
		let eve = Eve.to_account_id();
		assert_ok!(Proxy::add_proxy(signed(&bob), eve.clone().into(), ProxyType::NonTransfer, 0));
		assert_eq!(through(&eve, &bob, erase), Ok(()));
		assert!(
			DataMarket::open_studies(None, u32::MAX).studies.len() == 1,
			"the genesis study is untouched"
		);
	});
}
