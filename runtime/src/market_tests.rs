//! A study's whole life on the development genesis, with the real registry, consent and anchor
//! pallets and the real Ethics Committee: the genesis study, a new study with its budget held,
//! enrolment creating a consent the custodian records accesses under, a withdrawal, a payout in
//! `on_idle`, a dispute decided by a committee motion, closing, and the runtime API's views.

#![allow(clippy::arithmetic_side_effects)]

use crate::{
	configs::{EthicsCommitteeInstance, TreasuryAccount},
	dev_chain::{
		anchored, dev_chain, dev_custodian as custodian, dev_researcher as researcher, pass_motion,
		run_to, signed,
	},
	genesis_config_presets::{dev_study, DEV_DISPUTE_WINDOW, DEV_LAB},
	AccountId, Balances, Consent, DataMarket, GenomeAnchor, Runtime, RuntimeCall, RuntimeOrigin,
};
use genochain_primitives::{
	anchor::ProvenanceRequirement,
	consent::{AccessRefusal, ConsentState, DataCategory},
	currency::{EXISTENTIAL_DEPOSIT, GENE},
	duo::{DuoPermission, RequestedUse},
	fingerprint::{Assembly, Scheme},
	market::{EnrolmentStatus, StudyId, StudyStatus},
};
use pallet_data_market::{DisputeVerdict, Error as MarketError, HoldReason};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		traits::fungible::{Inspect, InspectHold},
	},
	sp_core::H256,
	sp_keyring::Sr25519Keyring::{self, *},
	sp_runtime::DispatchError,
};

fn account(who: Sr25519Keyring) -> AccountId {
	who.to_account_id()
}

fn budget_held(who: &AccountId) -> u128 {
	Balances::balance_on_hold(&HoldReason::StudyBudget.into(), who)
}

fn participation_held(who: &AccountId) -> u128 {
	Balances::balance_on_hold(&HoldReason::Participation.into(), who)
}

fn bond_held(who: &AccountId) -> u128 {
	Balances::balance_on_hold(&HoldReason::DisputeBond.into(), who)
}

/// A study of the researcher's on the development study's terms with `slots` slots, paying
/// `reward`, enrolment open until block 20 and delivery until block 30; returns its id.
fn study_of(slots: u32, reward: u128, provenance: ProvenanceRequirement) -> StudyId {
	let mut terms = dev_study();
	terms.reward = reward;
	terms.max_contributors = slots;
	terms.enrolment_deadline = 20;
	terms.delivery_window = 10;
	terms.provenance = provenance;
	let study = pallet_data_market::NextStudyId::<Runtime>::get();
	assert_ok!(DataMarket::create_study(signed(&researcher()), terms));
	study
}

/// The study's use of the data, as the custodian states it when releasing it.
fn study_use() -> RequestedUse {
	RequestedUse {
		purpose: DuoPermission::HealthMedicalBiomedical,
		commercial: false,
		for_profit: false,
		clinical_care: false,
		genetic_study: true,
		ethics_approval: true,
		region: None,
		project: None,
		will_publish: true,
		will_collaborate: false,
		will_return_data: false,
		accepts_moratorium: false,
		research_type: None,
		methods_research: false,
	}
}

#[test]
fn the_development_genesis_opens_one_study_and_endows_the_treasury() {
	dev_chain().execute_with(|| {
		let open = DataMarket::open_studies(None, u32::MAX).studies;
		assert_eq!(open.len(), 1);
		assert_eq!(open[0].researcher, researcher());
		assert_eq!(open[0].terms, dev_study());
		assert_eq!(open[0].free_slots, 100);
		// 100 × (10 GENE + 5% fee).
		assert_eq!(open[0].held, 1_050 * GENE);
		assert_eq!(budget_held(&researcher()), 1_050 * GENE);
		assert_eq!(pallet_data_market::DisputeWindow::<Runtime>::get(), DEV_DISPUTE_WINDOW);
		assert!(Balances::balance(&TreasuryAccount::get()) >= EXISTENTIAL_DEPOSIT);
		assert_eq!(DataMarket::check_escrow(), Ok(()));
	});
}

#[test]
fn a_study_from_opening_to_payout_dispute_and_close() {
	dev_chain().execute_with(|| {
		let issuance = Balances::total_issuance();
		let (bob, charlie) = (account(Bob), account(Charlie));
		let treasury = TreasuryAccount::get();
		let reward = 20 * GENE;
		let fee = GENE; // 5%

		// The researcher opens a study of two contributors, enrolment open for 20 blocks.
		let mut terms = dev_study();
		terms.reward = reward;
		terms.max_contributors = 2;
		terms.enrolment_deadline = 20;
		terms.delivery_window = 10;
		let held_before = budget_held(&researcher());
		assert_ok!(DataMarket::create_study(signed(&researcher()), terms));
		let study = 1;
		assert_eq!(budget_held(&researcher()), held_before + 2 * (reward + fee));

		// Bob enrols his anchored genome: the consent is the real pallet's, active at once.
		let bob_genome = anchored(&bob, 0xb0);
		assert_ok!(DataMarket::enroll(signed(&bob), study, bob_genome));
		let consents = Consent::consents_of(&bob);
		assert_eq!(consents.len(), 1);
		assert_eq!(consents[0].state, ConsentState::Active);
		assert_eq!(consents[0].terms.valid_until, Some(30));
		// The custodian may now release Bob's variants to the researcher, and records it.
		assert_eq!(
			Consent::find_consent(
				&researcher(),
				&bob,
				&bob_genome,
				DataCategory::Variants,
				&study_use(),
				Some(&custodian())
			),
			Ok(consents[0].id)
		);
		assert_ok!(Consent::record_access(
			signed(&custodian()),
			consents[0].id,
			researcher(),
			bob_genome,
			DataCategory::Variants,
			study_use()
		));

		// Charlie enrols and withdraws: the consent ends (gone from his and the researcher's
		// indexes, its deposit back), the custodian can no longer release the data, and Charlie
		// is paid nothing.
		let charlie_genome = anchored(&charlie, 0xc0);
		assert_ok!(DataMarket::enroll(signed(&charlie), study, charlie_genome));
		let charlie_consent = Consent::consents_of(&charlie)[0].id;
		assert_ok!(DataMarket::withdraw(signed(&charlie), study));
		assert!(Consent::consents_of(&charlie).is_empty());
		assert!(Consent::consent(charlie_consent).is_none());
		assert_eq!(
			Consent::find_consent(
				&researcher(),
				&charlie,
				&charlie_genome,
				DataCategory::Variants,
				&study_use(),
				None
			),
			Err(AccessRefusal::ConsentNotFound)
		);

		// The custodian confirms Bob's delivery; blocks pass; Bob is paid by on_idle.
		assert_ok!(DataMarket::confirm_delivery(signed(&custodian()), study, bob.clone()));
		let (bob_before, treasury_before) = (Balances::balance(&bob), Balances::balance(&treasury));
		let consent_deposit =
			|| Balances::balance_on_hold(&pallet_consent::HoldReason::ConsentDeposit.into(), &bob);
		let deposit = consent_deposit();
		assert!(deposit > 0);
		run_to(1 + DEV_DISPUTE_WINDOW - 1);
		assert_eq!(Balances::balance(&bob), bob_before);
		run_to(1 + DEV_DISPUTE_WINDOW);
		// The reward, and the deposit of the consent, which ended with the payout.
		assert_eq!(Balances::balance(&bob), bob_before + reward + deposit);
		assert_eq!(consent_deposit(), 0);
		assert_eq!(Balances::balance(&treasury), treasury_before + fee);
		assert_eq!(DataMarket::earnings(&bob).paid, reward);
		// Paid, Bob's study consent has ended: no further access can be recorded under it.
		assert!(Consent::consent(consents[0].id).is_none());

		// Charlie cannot come back: the study took him once. Ferdie enrols, his data is
		// delivered, and the researcher disputes the delivery, holding a bond of a fifth of the
		// reward.
		assert_noop!(
			DataMarket::enroll(signed(&charlie), study, charlie_genome),
			pallet_data_market::Error::<Runtime>::AlreadyEnrolled
		);
		let ferdie = account(Ferdie);
		let ferdie_genome = anchored(&ferdie, 0xf0);
		assert_ok!(DataMarket::enroll(signed(&ferdie), study, ferdie_genome));
		assert_ok!(DataMarket::confirm_delivery(signed(&custodian()), study, ferdie.clone()));
		assert_eq!(DataMarket::earnings(&ferdie).pending, reward);
		assert_ok!(DataMarket::dispute(
			signed(&researcher()),
			study,
			ferdie.clone(),
			H256::repeat_byte(0xd1)
		));
		let bond = reward / 5;
		assert_eq!(bond_held(&researcher()), bond);
		run_to(20);
		assert!(matches!(
			DataMarket::earnings(&ferdie).enrolments[0].status,
			EnrolmentStatus::Disputed { .. }
		));

		// Neither the researcher nor one committee member decides; a majority motion does.
		let refund = || {
			RuntimeCall::DataMarket(pallet_data_market::Call::resolve_dispute {
				study_id: study,
				contributor: ferdie.clone(),
				verdict: DisputeVerdict::RefundResearcher,
			})
		};
		assert_noop!(
			DataMarket::resolve_dispute(
				signed(&researcher()),
				study,
				ferdie.clone(),
				DisputeVerdict::RefundResearcher
			),
			DispatchError::BadOrigin
		);
		assert_eq!(
			pass_motion!(EthicsCommittee, EthicsCommitteeInstance, Dave, &[Dave], refund()),
			Err(DispatchError::BadOrigin)
		);
		let researcher_before = Balances::balance(&researcher());
		assert_eq!(
			pass_motion!(EthicsCommittee, EthicsCommitteeInstance, Dave, &[Dave, Eve], refund()),
			Ok(())
		);
		// The committee upheld the dispute: the slot and the bond go back to the researcher.
		assert_eq!(Balances::balance(&researcher()), researcher_before + reward + fee + bond);
		assert_eq!(bond_held(&researcher()), 0);
		// Refunded, Ferdie's consent to the study has ended.
		assert!(Consent::consents_of(&ferdie).is_empty());

		// After the deadline the researcher closes the study: nothing is left to release and the
		// record goes, with its deposit.
		run_to(21);
		assert_eq!(DataMarket::study(study).map(|view| view.status), Some(StudyStatus::Open));
		assert_ok!(DataMarket::close_study(signed(&researcher()), study));
		assert!(DataMarket::study(study).is_none());
		assert_eq!(budget_held(&researcher()), held_before);

		// Governance may cancel the genesis study at any time.
		assert_ok!(DataMarket::close_study(RuntimeOrigin::root(), 0));
		assert!(DataMarket::open_studies(None, u32::MAX).studies.is_empty());
		assert_eq!(budget_held(&researcher()), 0);
		assert_eq!(DataMarket::study(0), None);
		assert_eq!(Balances::balance_on_hold(&HoldReason::StudyDeposit.into(), &researcher()), 0);

		assert_eq!(DataMarket::check_escrow(), Ok(()));
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

/// Nobody can lock the researcher out of its studies by naming it in consents: 79 accounts grant
/// it 128 consents each, over 10,000 in all, and Bob still enrols in its study.
#[test]
fn ten_thousand_consents_naming_the_researcher_do_not_stop_an_enrolment() {
	dev_chain().execute_with(|| {
		use polkadot_sdk::frame_support::traits::{fungible::Mutate, Get};
		let per_account = <Runtime as pallet_consent::Config>::MaxConsentsPerSubject::get();
		let mut granted = 0u32;
		for seed in 0..79u8 {
			let granter = AccountId::from([seed; 32]);
			assert_ok!(Balances::mint_into(&granter, 10_000 * GENE));
			let genome = anchored(&granter, 0x10);
			let mut terms = crate::consent_tests::irb_terms_over(genome);
			terms.purpose.modifiers = Default::default();
			for _ in 0..per_account {
				assert_ok!(Consent::grant(signed(&granter), terms.clone()));
				granted += 1;
			}
		}
		assert!(granted > 10_000);

		let bob = account(Bob);
		let bob_genome = anchored(&bob, 0xb0);
		assert_ok!(DataMarket::enroll(signed(&bob), 0, bob_genome));
		let enrolment = Consent::consents_of(&bob).pop().expect("the enrolment's consent");
		assert_eq!(enrolment.state, ConsentState::Active);
		assert_eq!(
			pallet_consent::ConsentsByGrantee::<Runtime>::iter_key_prefix(researcher()).count(),
			granted as usize + 1
		);
		assert_eq!(Consent::check_consents(), Ok(()));
	});
}

/// The abuse: a contributor paid for their genome enrols it again, as it is or as a new version,
/// to be paid again from the study's remaining slots; or enrols genomes nobody vouches for. A
/// study requiring attested genomes takes Bob's only once //Lab attests it, pays it once, and
/// refuses his next version; his note of taking part goes, with its deposit, after the deadline.
#[test]
fn a_study_pays_for_a_genome_once_and_may_take_only_attested_ones() {
	dev_chain().execute_with(|| {
		let issuance = Balances::total_issuance();
		let bob = account(Bob);
		let lab: AccountId = DEV_LAB.into();
		let study = study_of(3, 20 * GENE, ProvenanceRequirement::Attested);
		let genome = anchored(&bob, 0xb1);
		assert_noop!(
			DataMarket::enroll(signed(&bob), study, genome),
			MarketError::<Runtime>::AnchorNotAttested
		);
		assert_ok!(GenomeAnchor::attest(signed(&lab), genome));
		assert_ok!(DataMarket::enroll(signed(&bob), study, genome));
		let note = participation_held(&bob);
		assert!(note > 0, "the note of taking part holds a deposit");
		assert_ok!(DataMarket::confirm_delivery(signed(&custodian()), study, bob.clone()));
		run_to(1 + DEV_DISPUTE_WINDOW);
		assert_eq!(DataMarket::earnings(&bob).paid, 20 * GENE);

		// Paid: the same genome, and a new version of it attested again, are refused.
		assert_noop!(
			DataMarket::enroll(signed(&bob), study, genome),
			MarketError::<Runtime>::AlreadyEnrolled
		);
		let new_root = H256::repeat_byte(0xb2);
		assert_ok!(GenomeAnchor::supersede(
			signed(&bob),
			genome,
			new_root,
			4_000_000,
			Assembly::GRCh38,
			Scheme::V1,
			Some(custodian()),
			None
		));
		let new_version = genochain_primitives::anchor::anchor_id(&bob, &new_root);
		assert_ok!(GenomeAnchor::attest(signed(&lab), new_version));
		assert_noop!(
			DataMarket::enroll(signed(&bob), study, new_version),
			MarketError::<Runtime>::AlreadyEnrolled
		);
		assert_eq!(DataMarket::study(study).map(|view| view.free_slots), Some(2));

		// The enrolment deadline passes: anyone releases the note and Bob has its deposit back.
		assert_noop!(
			DataMarket::release_participation(signed(&custodian()), study, bob.clone()),
			MarketError::<Runtime>::StudyStillEnrolling
		);
		run_to(21);
		let before = Balances::balance(&bob);
		assert_ok!(DataMarket::release_participation(signed(&custodian()), study, bob.clone()));
		assert_eq!(participation_held(&bob), 0);
		assert_eq!(Balances::balance(&bob), before + note);
		assert_eq!(DataMarket::check_escrow(), Ok(()));
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

/// The abuse: a researcher who has the data disputes every delivery, freezing the contributors'
/// pay. Each dispute holds a bond; the committee does not decide; at its deadline every
/// contributor is paid by `on_idle` and receives the bond.
#[test]
fn a_researcher_disputing_every_delivery_pays_everyone_at_the_deadline() {
	dev_chain().execute_with(|| {
		let issuance = Balances::total_issuance();
		let reward = 20 * GENE;
		let bond = reward / 5;
		let study = study_of(2, reward, ProvenanceRequirement::Any);
		let contributors = [account(Bob), account(Charlie)];
		for (who, seed) in contributors.iter().zip([0xb0, 0xc0]) {
			let genome = anchored(who, seed);
			assert_ok!(DataMarket::enroll(signed(who), study, genome));
			assert_ok!(DataMarket::confirm_delivery(signed(&custodian()), study, who.clone()));
			assert_ok!(DataMarket::dispute(
				signed(&researcher()),
				study,
				who.clone(),
				H256::repeat_byte(0xbd)
			));
		}
		assert_eq!(bond_held(&researcher()), 2 * bond);
		let before: Vec<_> = contributors.iter().map(Balances::balance).collect();
		let decide_by = 1 + <Runtime as pallet_data_market::Config>::DisputeDeadline::get();
		run_to(decide_by - 1);
		assert_eq!(contributors.iter().map(Balances::balance).collect::<Vec<_>>(), before);
		run_to(decide_by);
		for (who, before) in contributors.iter().zip(before) {
			// The reward, the bond and the enrolment consent's deposit, which ended with it.
			assert!(Balances::balance(who) >= before + reward + bond, "{who} paid");
			assert_eq!(DataMarket::earnings(who).paid, reward);
		}
		assert_eq!(bond_held(&researcher()), 0);
		assert_eq!(DataMarket::check_escrow(), Ok(()));
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

/// Issue 28: `on_idle` on a chain with 100,000 deliveries pending in their dispute window and
/// more payouts due than a block takes. It pays `MaxPayoutsPerBlock` (32), and the storage proof
/// of what it read and wrote, which a collator's proof of validity carries, stays within the
/// proof size its weight declares (`on_idle_payouts(32)`): the queue's size only deepens the
/// trie under the entries it reads. The pending entries are queue entries only (their
/// enrolments are not made): `on_idle` never reads past the due ones.
#[test]
fn on_idle_pays_within_its_weight_with_a_hundred_thousand_payouts_queued() {
	use crate::System;
	use codec::Encode;
	use pallet_data_market::{PayoutKey, PayoutQueue, PayoutsQueued, QueuedPayout, WeightInfo};
	use polkadot_sdk::frame_support::{
		traits::{fungible::Mutate, Get, Hooks},
		weights::Weight,
	};
	const PENDING: u64 = 100_000;
	let most = <Runtime as pallet_data_market::Config>::MaxPayoutsPerBlock::get();
	let due = 1 + DEV_DISPUTE_WINDOW;
	let mut chain = dev_chain();
	let contributors: Vec<AccountId> =
		(0..most + 8).map(|n| AccountId::from([n as u8 + 1; 32])).collect();
	chain.execute_with(|| {
		let study = study_of(most + 8, GENE, ProvenanceRequirement::Any);
		for (n, who) in contributors.iter().enumerate() {
			assert_ok!(Balances::mint_into(who, 100 * GENE));
			let genome = anchored(who, n as u8);
			assert_ok!(DataMarket::enroll(signed(who), study, genome));
			assert_ok!(DataMarket::confirm_delivery(signed(&custodian()), study, who.clone()));
		}
		let queued = PayoutsQueued::<Runtime>::get();
		for order in 0..PENDING {
			let key = PayoutKey::new(due + 1 + (order / 1_000) as u32, queued + order);
			let contributor = AccountId::from(blake2_of(order));
			PayoutQueue::<Runtime>::insert(key, QueuedPayout { study, contributor });
		}
		PayoutsQueued::<Runtime>::put(queued + PENDING);
		System::set_block_number(due);
	});
	chain.commit_all().expect("the state commits");

	let (used, proof) = chain.execute_and_prove(|| DataMarket::on_idle(due, Weight::MAX));
	let declared = <Runtime as pallet_data_market::Config>::WeightInfo::on_idle_payouts(most);
	assert_eq!(used, declared);
	let proof_size = proof.encoded_size() as u64;
	assert!(
		proof_size <= declared.proof_size(),
		"on_idle's proof ({proof_size} bytes) exceeds its declared proof size ({})",
		declared.proof_size()
	);
	chain.execute_with(|| {
		let paid = contributors.iter().filter(|who| DataMarket::earnings(who).paid == GENE).count();
		assert_eq!(paid, most as usize);
		assert_eq!(PayoutQueue::<Runtime>::iter_keys().count() as u64, PENDING + 8);
	});
}

fn blake2_of(n: u64) -> [u8; 32] {
	polkadot_sdk::sp_crypto_hashing::blake2_256(&n.to_le_bytes())
}
