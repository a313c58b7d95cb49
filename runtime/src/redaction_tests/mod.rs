//! Erasure and redaction on the development genesis, with every pallet that keeps records and the
//! real Ethics Committee: a subject's own erasure checked against the whole state, not only the
//! calls' effects; the committee path through motions, with cancelling in the delay; a consent
//! proxy erasing for its subject; and the runtime APIs answering "redacted".

#![allow(clippy::arithmetic_side_effects)]

mod committee;

use crate::{
	configs::{EthicsCommitteeInstance, ProxyType, TreasuryAccount},
	dev_chain::{
		anchored, dev_chain, dev_custodian as custodian, dev_researcher as researcher, pass_motion,
		run_to, signed,
	},
	genesis_config_presets::{dev_study, DEV_DISPUTE_WINDOW},
	AccountId, Balances, Block, BlockNumber, Consent, DataMarket, GenomeAnchor, Proxy, Redaction,
	Runtime, RuntimeCall, RuntimeEvent, System,
};
use genochain_primitives::{
	anchor::AnchorProofRefusal,
	consent::{AccessRefusal, DataCategory},
	currency::GENE,
	duo::{DuoPermission, RequestedUse},
	fingerprint::{Assembly, Scheme, VariantProof},
	redaction::{Lookup, RecordKind, RecordRef},
};
use pallet_consent_runtime_api::runtime_decl_for_consent_api::ConsentApiV2 as ConsentApi;
use pallet_data_market_runtime_api::runtime_decl_for_market_api::MarketApiV2 as MarketApi;
use pallet_genome_anchor_runtime_api::runtime_decl_for_anchor_api::AnchorApiV1 as AnchorApi;
use pallet_redaction::{Cases, Event as RedactionEvent, HoldReason, Tombstones};
use pallet_redaction_runtime_api::runtime_decl_for_redaction_api::RedactionApiV1 as RedactionApi;
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold},
	sp_core::H256,
	sp_io::{self, hashing::twox_128},
	sp_keyring::Sr25519Keyring::{self, *},
	sp_runtime::DispatchError,
	*,
};

/// A subject no genesis entry names, so whatever of it is in state came from its own records.
const SUBJECT: [u8; 32] = [0x5a; 32];

fn subject() -> AccountId {
	SUBJECT.into()
}

fn keyring(who: Sr25519Keyring) -> AccountId {
	who.to_account_id()
}

/// Gives `who` enough GENE for deposits.
fn fund(who: &AccountId) {
	assert_ok!(Balances::transfer_keep_alive(
		signed(&keyring(Alice)),
		who.clone().into(),
		1_000 * GENE
	));
}

fn redaction_events() -> Vec<RedactionEvent<Runtime>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Redaction(event) => Some(event),
			_ => None,
		})
		.collect()
}

fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Every storage entry whose key or value contains `account`'s bytes, by pallet name and the
/// hex of the item's hashed name.
fn entries_naming(account: &AccountId) -> Vec<String> {
	use polkadot_sdk::frame_support::traits::PalletsInfoAccess;
	let pallets = crate::AllPalletsWithSystem::infos();
	let describe = |key: &[u8]| {
		let pallet = pallets
			.iter()
			.find(|info| key.starts_with(&twox_128(info.name.as_bytes())))
			.map_or("?", |info| info.name);
		format!("{pallet}::{}", hex(key.get(16..32).unwrap_or_default()))
	};
	let needle: &[u8] = account.as_ref();
	let mut found = Vec::new();
	let mut key = Vec::new();
	while let Some(next) = sp_io::storage::next_key(&key) {
		let value = sp_io::storage::get(&next).map(|value| value.to_vec()).unwrap_or_default();
		if next.windows(32).any(|w| w == needle) || value.windows(32).any(|w| w == needle) {
			found.push(describe(&next));
		}
		key = next;
	}
	found
}

/// How [`entries_naming`] names `System::Account`: the subject's own balance and nonce, which
/// are its account's, not records of its data.
fn account_entry() -> String {
	format!("System::{}", hex(&twox_128(b"Account")))
}

#[test]
fn after_erase_me_no_pallet_keeps_anything_of_the_subject_but_tombstones_and_study_notes() {
	dev_chain().execute_with(|| {
		let subject = subject();
		fund(&subject);
		let free = Balances::free_balance(&subject);

		// Records in every pallet: two anchors, a consent of the subject's own, an enrolment in
		// the genesis study, a study that paid the subject, and one whose delivery is owed.
		let first = anchored(&subject, 0xa1);
		let second = anchored(&subject, 0xa2);
		// A consent of its own, still waiting for the ethics committee: erased in any state.
		assert_ok!(Consent::grant(signed(&subject), crate::consent_tests::irb_terms_over(first)));
		assert_ok!(DataMarket::enroll(signed(&subject), 0, first));
		let mut one_slot = dev_study();
		one_slot.max_contributors = 1;
		let reward = one_slot.reward;
		let (paid, owed) = (1, 2);
		for study in [paid, owed] {
			assert_ok!(DataMarket::create_study(signed(&researcher()), one_slot.clone()));
			assert_ok!(DataMarket::enroll(signed(&subject), study, second));
			assert_ok!(DataMarket::confirm_delivery(signed(&custodian()), study, subject.clone()));
			if study == paid {
				run_to(1 + DEV_DISPUTE_WINDOW);
			}
		}
		assert_eq!(DataMarket::earnings(&subject).paid, reward);
		assert!(entries_naming(&subject).len() > 5);

		assert_ok!(Redaction::erase_me(signed(&subject)));
		// Its earnings total, three consents (its own and two enrolments'; the paid study's
		// ended with the payout), two anchors and the genesis enrolment; the owed delivery is
		// kept.
		assert_eq!(
			redaction_events().last(),
			Some(&RedactionEvent::SubjectErased {
				case: 0,
				erased: 7,
				retained: 1,
				complete: true
			})
		);
		assert_eq!(Tombstones::<Runtime>::iter().count(), 7);
		assert!(Consent::consents_of(&subject).is_empty());
		assert!(GenomeAnchor::anchors_of(&subject).is_empty());
		assert_eq!(DataMarket::earnings(&subject).paid, 0);
		// The market keeps, while each study still enrols, the note that the account took part
		// in it, so that erasing and enrolling again is not paid twice; each holds a deposit.
		let notes = || pallet_data_market::Participants::<Runtime>::iter_prefix(&subject).count();
		assert_eq!(notes(), 3);
		let note = Balances::balance_on_hold(
			&pallet_data_market::HoldReason::Participation.into(),
			&subject,
		);
		assert_eq!(Balances::total_balance_on_hold(&subject), note);
		// Its other deposits are back; the paid reward is the subject's. What it paid when
		// creating its records towards their tombstones is spent: two anchors and a consent of
		// its own, and three enrolments, each a consent and two tombstones' worth.
		let fees = 12 * Redaction::fee_per_record();
		assert_eq!(Balances::free_balance(&subject), free + reward - note - fees);

		// The owed delivery is paid in full when its window passes.
		run_to(1 + 2 * DEV_DISPUTE_WINDOW);
		assert_eq!(Balances::free_balance(&subject), free + 2 * reward - note - fees);
		// Once the studies take no one any more, anyone releases the notes: nothing is left.
		run_to(dev_study().enrolment_deadline + 1);
		for study in [0, paid, owed] {
			assert_ok!(DataMarket::release_participation(
				signed(&custodian()),
				study,
				subject.clone()
			));
		}
		assert_eq!(Balances::free_balance(&subject), free + 2 * reward - fees);
		System::reset_events();
		assert_eq!(entries_naming(&subject), vec![account_entry()]);

		// The custodian that kept both genomes and the researcher the deliveries went to are
		// asked once each, confirm, and the case closes.
		let case = Redaction::erasure_case(0).expect("open");
		assert_eq!((case.pending, case.confirmed), (vec![custodian()], vec![]));
		assert_eq!(case.pending_recipients, vec![researcher()]);
		assert_ok!(Redaction::confirm_erasure(signed(&custodian()), 0));
		assert_ok!(Redaction::confirm_erasure(signed(&researcher()), 0));
		assert!(!Cases::<Runtime>::contains_key(0));
		assert_eq!(
			redaction_events().last(),
			Some(&RedactionEvent::ErasureCaseCompleted { case: 0 })
		);
		assert_eq!(DataMarket::check_escrow(), Ok(()));
	});
}

#[test]
fn an_erased_anchor_is_never_anchored_again_by_its_subject() {
	dev_chain().execute_with(|| {
		let bob = keyring(Bob);
		let genome = crate::anchor_tests::genome(0xb2);
		let anchor = || {
			GenomeAnchor::anchor(
				signed(&bob),
				genome.root(),
				genome.leaf_count(),
				Assembly::GRCh38,
				Scheme::V1,
				None,
				None,
			)
		};
		assert_ok!(anchor());
		assert_ok!(Redaction::erase_me(signed(&bob)));
		assert_noop!(anchor(), pallet_genome_anchor::Error::<Runtime>::AnchorErased);
	});
}

#[test]
fn a_guardian_erases_for_its_subject_and_the_apis_answer_redacted() {
	dev_chain().execute_with(|| {
		let (bob, ferdie) = (keyring(Bob), keyring(Ferdie));
		let genome = crate::anchor_tests::genome(0xb0);
		assert_ok!(GenomeAnchor::anchor(
			signed(&bob),
			genome.root(),
			genome.leaf_count(),
			Assembly::GRCh38,
			Scheme::V1,
			Some(custodian()),
			None
		));
		let root = genochain_primitives::anchor::anchor_id(&bob, &genome.root());
		assert_ok!(DataMarket::enroll(signed(&bob), 0, root));
		let consent = Consent::consents_of(&bob)[0].id;
		let proof = VariantProof::V1(genome.prove(&genome.variants()[0].key).expect("provable"));
		let research = RequestedUse::research(DuoPermission::HealthMedicalBiomedical);
		let check = || {
			<Runtime as ConsentApi<Block, AccountId, BlockNumber>>::check_access(
				researcher(),
				bob.clone(),
				root,
				DataCategory::Variants,
				research.clone(),
			)
		};
		assert_eq!(check(), Ok(consent));
		assert!(<Runtime as AnchorApi<Block, AccountId, BlockNumber>>::verify_variant(
			root,
			proof.clone()
		)
		.is_ok());

		// Ferdie, Bob's guardian with a non-transfer proxy, erases Bob's records. (A consent
		// proxy cannot: erasure is irreversible. `proxy_tests` shows it.)
		assert_ok!(Proxy::add_proxy(
			signed(&bob),
			ferdie.clone().into(),
			ProxyType::NonTransfer,
			0
		));
		let erase = RuntimeCall::Redaction(pallet_redaction::Call::erase_me {});
		assert_ok!(Proxy::proxy(signed(&ferdie), bob.clone().into(), None, Box::new(erase)));
		assert!(System::events().iter().any(|record| matches!(
			record.event,
			RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result: Ok(()) })
		)));
		let request = RuntimeCall::Redaction(pallet_redaction::Call::request_redaction {
			record: RecordRef::Study(0),
			reason: H256::zero(),
		});
		// A redaction request's deposit can be forfeited: not for a non-transfer proxy.
		assert_ok!(Proxy::proxy(signed(&ferdie), bob.clone().into(), None, Box::new(request)));
		let filtered: DispatchError =
			polkadot_sdk::frame_system::Error::<Runtime>::CallFiltered.into();
		assert!(System::events().iter().any(|record| matches!(
			&record.event,
			RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result: Err(error) })
				if *error == filtered
		)));

		// Every query about the erased records answers "redacted", with the tombstone.
		let redacted = |record: RecordRef<AccountId>| {
			<Runtime as RedactionApi<Block, AccountId, BlockNumber>>::tombstone(record)
				.expect("buried")
		};
		assert_eq!(check(), Err(AccessRefusal::Redacted));
		assert_eq!(
			<Runtime as AnchorApi<Block, AccountId, BlockNumber>>::verify_variant(root, proof),
			Err(AnchorProofRefusal::Redacted)
		);
		assert_eq!(
			<Runtime as AnchorApi<Block, AccountId, BlockNumber>>::anchor(root),
			Lookup::Redacted(redacted(RecordRef::Anchor(root)))
		);
		assert_eq!(
			<Runtime as ConsentApi<Block, AccountId, BlockNumber>>::consent(consent),
			Lookup::Redacted(redacted(RecordRef::Consent(consent)))
		);
		assert_eq!(
			<Runtime as MarketApi<Block, AccountId, crate::Balance, BlockNumber>>::enrolment(
				0,
				bob.clone()
			),
			Lookup::Redacted(redacted(RecordRef::Enrolment { study: 0, contributor: bob.clone() }))
		);
		// Records never erased are found or not found as before.
		assert!(matches!(
			<Runtime as MarketApi<Block, AccountId, crate::Balance, BlockNumber>>::study(0),
			Lookup::Found(_)
		));
		assert_eq!(
			<Runtime as AnchorApi<Block, AccountId, BlockNumber>>::anchor(H256::repeat_byte(9)),
			Lookup::NotFound
		);
		// The erasure left no deposit behind but the note of Bob's taking part in the study,
		// which still enrols; the consent proxy is Bob's own to keep.
		let note =
			Balances::balance_on_hold(&pallet_data_market::HoldReason::Participation.into(), &bob);
		assert!(pallet_data_market::Participants::<Runtime>::contains_key(&bob, 0));
		assert_eq!(
			Balances::total_balance_on_hold(&bob),
			pallet_proxy::Proxies::<Runtime>::get(&bob).1 + note
		);
	});
}

#[test]
fn a_full_erasure_and_the_heaviest_enactment_fit_in_one_block() {
	use polkadot_sdk::frame_support::dispatch::{DispatchClass, GetDispatchInfo};
	let limit = <Runtime as polkadot_sdk::frame_system::Config>::BlockWeights::get()
		.get(DispatchClass::Normal)
		.max_extrinsic
		.expect("extrinsics are bounded");
	for call in [
		pallet_redaction::Call::<Runtime>::erase_me {},
		pallet_redaction::Call::<Runtime>::enact { request: 0 },
	] {
		let weight = RuntimeCall::Redaction(call.clone()).get_dispatch_info().call_weight;
		assert!(weight.all_lte(limit), "{call:?} weighs {weight}, more than {limit}");
	}
}

/// Bob's data went to the researcher; his erasure asks the custodian and the researcher to delete
/// it. The researcher never confirms: after the deadline it is reported overdue, and the Ethics
/// Committee suspends its accreditation by a two-thirds motion.
#[test]
fn an_erasure_reaches_the_researcher_and_the_committee_suspends_it_when_overdue() {
	dev_chain().execute_with(|| {
		use genochain_primitives::{consent::Role, traits::Accreditation};
		let bob = keyring(Bob);
		let genome = anchored(&bob, 0xb7);
		let mut terms = crate::consent_tests::irb_terms_over(genome);
		terms.purpose.modifiers = Default::default();
		assert_ok!(Consent::grant(signed(&bob), terms));
		assert_ok!(Consent::record_access(
			signed(&custodian()),
			0,
			researcher(),
			genome,
			DataCategory::Variants,
			RequestedUse::research(DuoPermission::HealthMedicalBiomedical),
		));

		assert_ok!(Redaction::erase_me(signed(&bob)));
		let period = crate::configs::redaction::ConfirmationPeriod::get();
		let deadline = System::block_number() + period;
		let case = Redaction::erasure_case(0).expect("open");
		assert_eq!(
			(case.pending, case.pending_recipients),
			(vec![custodian()], vec![researcher()])
		);
		assert_eq!(case.deadline, deadline);
		assert_ok!(Redaction::confirm_erasure(signed(&custodian()), 0));

		System::set_block_number(deadline + 1);
		assert_eq!(Redaction::erasure_case(0).map(|case| case.overdue), Some(vec![researcher()]));
		assert_ok!(Redaction::report_overdue(signed(&keyring(Ferdie)), 0));
		assert_eq!(
			redaction_events().last(),
			Some(&RedactionEvent::ErasureOverdue { case: 0, overdue: vec![researcher()] })
		);
		let suspend = RuntimeCall::Redaction(pallet_redaction::Call::suspend_overdue {
			case: 0,
			party: researcher(),
		});
		assert_eq!(
			pass_motion!(EthicsCommittee, EthicsCommitteeInstance, Dave, &[Dave], suspend.clone()),
			Err(DispatchError::BadOrigin)
		);
		assert_eq!(
			pass_motion!(EthicsCommittee, EthicsCommitteeInstance, Dave, &[Dave, Eve], suspend),
			Ok(())
		);
		assert!(!crate::Registry::has_role(&researcher(), Role::Researcher));
	});
}

#[test]
fn an_erasure_case_lists_every_recipient_the_consent_pallet_keeps() {
	assert!(
		<Runtime as pallet_redaction::Config>::MaxRecipientsPerCase::get()
			>= <Runtime as pallet_consent::Config>::MaxRecipientsPerSubject::get()
	);
}
