//! What XCM costs here: a message to a sibling (XCMP) or to the relay chain (UMP) is paid by its
//! sender at the SDK's exponential price, the fee goes to the treasury, a congested route gets
//! dearer with every message and cheaper again as it drains; `pallet_xcm`'s calls are weighed
//! with their proof size, and what they store is paid for.

#![allow(clippy::arithmetic_side_effects)]

use crate::{
	configs::{
		xcm_config::{BaseDeliveryFee, PriceForParentDelivery, PriceForSiblingDelivery, XcmConfig},
		TreasuryAccount,
	},
	dev_chain::{dev_chain, signed},
	Balances, ParachainSystem, PolkadotXcm, Runtime, XcmpQueue,
};
use codec::Encode;
use cumulus_pallet_parachain_system::HostConfiguration;
use genochain_primitives::{currency::MICROGENE, AccountId, Balance};
use polkadot_sdk::{
	cumulus_primitives_core::{AbridgedHrmpChannel, UpwardMessageSender, XcmpMessageSource},
	frame_support::{assert_ok, traits::fungible::Inspect},
	polkadot_runtime_common::xcm_sender::PriceForMessageDelivery,
	sp_keyring::Sr25519Keyring::Alice,
	staging_xcm::{latest::prelude::*, VersionedLocation, VersionedXcm},
	staging_xcm_executor::traits::{FeeManager, FeeReason},
	*,
};

const SIBLING: u32 = 2001;
/// The most bytes the test routes queue before they count as congested (half of it).
const ROUTE_SIZE: u32 = 2_000;

fn alice() -> AccountId {
	Alice.to_account_id()
}

/// What Alice sends: a message as small as XCM allows.
fn message() -> Xcm<()> {
	Xcm(vec![ClearOrigin])
}

/// The message as it leaves: `pallet_xcm` descends into Alice's location and the router appends
/// a topic.
fn as_sent() -> Xcm<()> {
	Xcm(vec![
		DescendOrigin(AccountId32 { network: None, id: alice().into() }.into()),
		ClearOrigin,
		SetTopic([0; 32]),
	])
}

/// Alice sends [`message`] to `destination`; returns what she paid.
fn send_to(destination: Location) -> Balance {
	let before = Balances::balance(&alice());
	assert_ok!(PolkadotXcm::send(
		signed(&alice()),
		Box::new(VersionedLocation::from(destination)),
		Box::new(VersionedXcm::from(message())),
	));
	before - Balances::balance(&alice())
}

fn sibling() -> Location {
	Location::new(1, [Parachain(SIBLING)])
}

/// A channel to [`SIBLING`] of [`ROUTE_SIZE`] bytes, empty.
fn open_channel() {
	ParachainSystem::open_custom_outbound_hrmp_channel_for_benchmarks_or_tests(
		SIBLING.into(),
		AbridgedHrmpChannel {
			max_capacity: 1_000,
			max_total_size: ROUTE_SIZE,
			max_message_size: ROUTE_SIZE,
			msg_count: 0,
			total_size: 0,
			mqc_head: None,
		},
	);
}

/// The relay chain takes [`ROUTE_SIZE`] bytes of upward messages at a time.
fn configure_upward_queue() {
	ParachainSystem::ensure_successful_delivery();
	HostConfiguration::<Runtime>::mutate(|config| {
		if let Some(config) = config {
			config.max_upward_queue_size = ROUTE_SIZE;
		}
	});
}

/// The GENE in a price.
fn gene(assets: Assets) -> Balance {
	match assets.into_inner().as_slice() {
		[Asset { id: AssetId(location), fun: Fungible(amount) }]
			if *location == Location::here() =>
		{
			*amount
		}
		other => panic!("a price in GENE, not {other:?}"),
	}
}

/// What [`as_sent`] costs to [`SIBLING`] now.
fn sibling_price() -> Balance {
	gene(PriceForSiblingDelivery::price_for_delivery(SIBLING.into(), &as_sent()))
}

#[test]
fn a_message_to_a_sibling_costs_the_base_fee_and_its_bytes_paid_to_the_treasury() {
	dev_chain().execute_with(|| {
		open_channel();
		let treasury = Balances::balance(&TreasuryAccount::get());
		let paid = send_to(sibling());

		let bytes = as_sent().encoded_size() as Balance;
		assert_eq!(paid, BaseDeliveryFee::get() + bytes * 10 * MICROGENE);
		assert_eq!(paid, sibling_price());
		assert_eq!(Balances::balance(&TreasuryAccount::get()), treasury + paid);
	});
}

#[test]
fn a_congested_channel_raises_the_price_with_every_message_and_lowers_it_as_it_drains() {
	dev_chain().execute_with(|| {
		open_channel();
		let uncongested = send_to(sibling());
		let prices: Vec<Balance> = (0..40).map(|_| send_to(sibling())).collect();
		let first_dearer = prices
			.iter()
			.position(|price| *price > uncongested)
			.expect("half the channel's bytes queued, the price rises");
		// From then on, each message costs 5 % more than the one before.
		for pair in prices[first_dearer..].windows(2) {
			assert!(pair[1] * 100 >= pair[0] * 105 - 100, "{pair:?}");
		}
		let congested = sibling_price();
		assert!(congested > 2 * uncongested, "{congested} after {} messages", prices.len());

		// The collators take the queued pages out, a page a block: once the queue is below the
		// threshold, each page taken lowers the price a step.
		while !XcmpQueue::take_outbound_messages(usize::MAX, &[]).is_empty() {}
		let drained = sibling_price();
		assert!(drained < congested, "{drained} after {congested}");
	});
}

#[test]
fn a_message_to_the_relay_chain_is_priced_by_the_upward_queue() {
	dev_chain().execute_with(|| {
		configure_upward_queue();
		let treasury = Balances::balance(&TreasuryAccount::get());
		let uncongested = send_to(Location::parent());
		assert_eq!(uncongested, gene(PriceForParentDelivery::price_for_delivery((), &as_sent())));
		assert_eq!(Balances::balance(&TreasuryAccount::get()), treasury + uncongested);

		let prices: Vec<Balance> = (0..40).map(|_| send_to(Location::parent())).collect();
		assert!(*prices.last().expect("sent") > 2 * uncongested, "{prices:?}");
	});
}

#[test]
fn a_sender_who_cannot_pay_the_delivery_sends_nothing() {
	dev_chain().execute_with(|| {
		open_channel();
		let poor = AccountId::from([9; 32]);
		assert!(PolkadotXcm::send(
			signed(&poor),
			Box::new(VersionedLocation::from(sibling())),
			Box::new(VersionedXcm::from(message())),
		)
		.is_err());
		assert_eq!(XcmpQueue::take_outbound_messages(usize::MAX, &[]), vec![]);
	});
}

#[test]
fn only_this_chains_root_and_the_relay_chain_and_its_executive_send_for_free() {
	let waived = |location: Location| {
		<XcmConfig as staging_xcm_executor::Config>::FeeManager::is_waived(
			Some(&location),
			FeeReason::ChargeFees,
		)
	};
	assert!(waived(Location::here()));
	assert!(waived(Location::parent()));
	assert!(waived(Location::new(1, [Plurality { id: BodyId::Executive, part: BodyPart::Voice }])));
	assert!(!waived(sibling()));
	assert!(!waived(Location::new(0, [AccountId32 { network: None, id: [1; 32] }])));
}

#[test]
fn governance_sends_without_paying() {
	dev_chain().execute_with(|| {
		open_channel();
		configure_upward_queue();
		let treasury = Balances::balance(&TreasuryAccount::get());
		for destination in [sibling(), Location::parent()] {
			assert_ok!(PolkadotXcm::send(
				crate::RuntimeOrigin::root(),
				Box::new(VersionedLocation::from(destination)),
				Box::new(VersionedXcm::from(message())),
			));
		}
		assert_eq!(Balances::balance(&TreasuryAccount::get()), treasury);
	});
}

#[test]
fn pallet_xcm_calls_are_weighed_with_their_proof_size_and_the_ones_not_offered_never_fit() {
	use polkadot_sdk::pallet_xcm::WeightInfo as _;
	type Weights = <Runtime as pallet_xcm::Config>::WeightInfo;
	for (call, weight) in [
		("send", Weights::send()),
		("reserve_transfer_assets", Weights::reserve_transfer_assets()),
		("transfer_assets", Weights::transfer_assets()),
		("claim_assets", Weights::claim_assets(1)),
		("add_authorized_alias", Weights::add_authorized_alias()),
	] {
		assert!(weight.ref_time() > 0 && weight.proof_size() > 0, "{call}: {weight:?}");
	}
	let block = crate::configs::RuntimeBlockWeights::get().max_block;
	for (call, weight) in
		[("teleport_assets", Weights::teleport_assets()), ("execute", Weights::execute())]
	{
		assert!(weight.any_gt(block), "{call} is not offered: {weight:?}");
	}
}

#[test]
fn a_list_of_authorised_aliasers_holds_a_deposit_until_it_is_removed() {
	use polkadot_sdk::frame_support::traits::fungible::InspectHold;
	dev_chain().execute_with(|| {
		let reason = crate::configs::polkadot_xcm::AuthorizeAliasHoldReason::get();
		let aliaser =
			Location::new(1, [Parachain(SIBLING), AccountId32 { network: None, id: [7; 32] }]);
		assert_ok!(PolkadotXcm::add_authorized_alias(
			signed(&alice()),
			Box::new(VersionedLocation::from(aliaser)),
			None,
		));
		let held = Balances::balance_on_hold(&reason, &alice());
		assert!(held > 0, "the list is paid for");

		assert_ok!(PolkadotXcm::remove_all_authorized_aliases(signed(&alice())));
		assert_eq!(Balances::balance_on_hold(&reason, &alice()), 0);
	});
}
