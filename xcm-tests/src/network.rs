//! The simulated network: the chains' genesis, Genochain's real message path, and a count of the
//! messages that cross between parachains.

use crate::{consumer, relay};
use codec::Decode;
use core::cell::RefCell;
use genochain_primitives::currency::GENE;
use genochain_runtime::{
	configs::xcm_config::LocationToAccountId, genesis_config_presets::preset_storage, MessageQueue,
	XcmpQueue,
};
use polkadot_sdk::{
	cumulus_pallet_parachain_system::{
		relay_state_snapshot::MessagingStateSnapshot, RelevantMessagingState,
	},
	cumulus_primitives_core::{
		AbridgedHrmpChannel, AggregateMessageOrigin, DmpMessageHandler, ParaId, XcmpMessageFormat,
		XcmpMessageHandler, XcmpMessageSource,
	},
	frame_support::{
		assert_ok,
		traits::{fungible::Mutate, EnqueueMessage, ServiceQueues},
		weights::Weight,
		BoundedVec,
	},
	pallet_message_queue,
	sp_genesis_builder::DEV_RUNTIME_PRESET,
	sp_io::TestExternalities,
	sp_keyring::Sr25519Keyring,
	sp_runtime::BuildStorage,
	staging_xcm::{latest::prelude::*, VersionedXcm},
	staging_xcm_executor::traits::ConvertLocation,
	xcm_simulator::{
		decl_test_network, decl_test_parachain, decl_test_relay_chain, RelayBlockNumber, TestExt,
		PARA_MESSAGE_BUS,
	},
};

/// Genochain's parachain id (its development preset's).
pub const GENOCHAIN: u32 = genochain_runtime::genesis_config_presets::PARA_ID;
/// The consumer's parachain id.
pub const CONSUMER: u32 = 2001;
/// Another parachain running the consumer's runtime, which tries to forge answers.
pub const FORGER: u32 = 2002;

polkadot_sdk::frame_support::parameter_types! {
	pub GenochainLocation: Location = Location::new(1, [Parachain(GENOCHAIN)]);
}

decl_test_relay_chain! {
	pub struct Relay {
		Runtime = relay::Runtime,
		RuntimeCall = relay::RuntimeCall,
		RuntimeEvent = relay::RuntimeEvent,
		XcmConfig = relay::XcmConfig,
		MessageQueue = relay::MessageQueue,
		System = relay::System,
		new_ext = relay_ext(),
	}
}

decl_test_parachain! {
	pub struct Genochain {
		Runtime = genochain_runtime::Runtime,
		XcmpMessageHandler = GenochainMessages,
		DmpMessageHandler = GenochainMessages,
		new_ext = genochain_ext(),
	}
}

decl_test_parachain! {
	pub struct Consumer {
		Runtime = consumer::Runtime,
		XcmpMessageHandler = consumer::MsgQueue,
		DmpMessageHandler = consumer::MsgQueue,
		new_ext = consumer_ext(CONSUMER),
	}
}

decl_test_parachain! {
	pub struct Forger {
		Runtime = consumer::Runtime,
		XcmpMessageHandler = consumer::MsgQueue,
		DmpMessageHandler = consumer::MsgQueue,
		new_ext = consumer_ext(FORGER),
	}
}

decl_test_network! {
	pub struct Network {
		relay_chain = Relay,
		parachains = vec![
			(GENOCHAIN, Genochain),
			(CONSUMER, Consumer),
			(FORGER, Forger),
		],
	}
}

thread_local! {
	/// The messages that crossed between parachains: (from, to).
	static HOPS: RefCell<Vec<(u32, u32)>> = const { RefCell::new(Vec::new()) };
}

/// The messages that crossed between parachains since the last call, as (from, to).
pub fn take_hops() -> Vec<(u32, u32)> {
	HOPS.with(|hops| hops.take())
}

fn hop(from: u32, to: u32) {
	HOPS.with(|hops| hops.borrow_mut().push((from, to)));
}

/// The XCM messages of an XCMP page. (A page may carry none: the XCMP queue announces once per
/// channel that it reads opaque-encoded messages with a page of just that format.)
fn messages_of(page: &[u8]) -> Vec<VersionedXcm<()>> {
	let mut page = page;
	let format = XcmpMessageFormat::decode(&mut page).expect("an XCMP page starts with its format");
	let mut messages = Vec::new();
	while !page.is_empty() {
		let message = match format {
			XcmpMessageFormat::ConcatenatedVersionedXcm => VersionedXcm::<()>::decode(&mut page),
			XcmpMessageFormat::ConcatenatedOpaqueVersionedXcm => Vec::<u8>::decode(&mut page)
				.and_then(|opaque| VersionedXcm::<()>::decode(&mut &opaque[..])),
			other => panic!("no {other:?} pages in these tests"),
		};
		messages.push(message.expect("an XCM"));
	}
	messages
}

/// Genochain's inbound message path: its XCMP queue, then its message queue, which executes with
/// Genochain's XCM configuration; whatever Genochain sends then goes out through its XCMP queue.
pub struct GenochainMessages;

impl GenochainMessages {
	/// Executes the queued messages and puts what Genochain sent on the network.
	fn process_and_send() {
		<MessageQueue as ServiceQueues>::service_queues(Weight::MAX);
		for (to, page) in XcmpQueue::take_outbound_messages(usize::MAX, &[]) {
			for message in messages_of(&page) {
				hop(GENOCHAIN, to.into());
				let message = Xcm::<()>::try_from(message).expect("the current XCM version");
				PARA_MESSAGE_BUS.with(|bus| {
					bus.borrow_mut().push_back((
						GENOCHAIN.into(),
						Location::new(1, [Parachain(to.into())]),
						message,
					))
				});
			}
		}
	}
}

impl XcmpMessageHandler for GenochainMessages {
	fn handle_xcmp_messages<'a, I: Iterator<Item = (ParaId, RelayBlockNumber, &'a [u8])>>(
		iter: I,
		max_weight: Weight,
	) -> Weight {
		let pages: Vec<_> = iter.collect();
		for (from, _, page) in &pages {
			for _ in messages_of(page) {
				hop((*from).into(), GENOCHAIN);
			}
		}
		let used = XcmpQueue::handle_xcmp_messages(pages.into_iter(), max_weight);
		Self::process_and_send();
		used
	}
}

impl DmpMessageHandler for GenochainMessages {
	fn handle_dmp_messages(
		iter: impl Iterator<Item = (RelayBlockNumber, Vec<u8>)>,
		_max_weight: Weight,
	) -> Weight {
		for (_, message) in iter {
			let message = BoundedVec::try_from(message).expect("a downward message fits a page");
			MessageQueue::enqueue_message(
				message.as_bounded_slice(),
				AggregateMessageOrigin::Parent,
			);
		}
		Self::process_and_send();
		Weight::zero()
	}
}

/// The GENE a sibling's sovereign account on Genochain starts with.
pub const SOVEREIGN_FUNDS: u128 = 100 * GENE;

/// `para`'s sovereign account on Genochain.
pub fn sovereign_on_genochain(para: u32) -> genochain_primitives::AccountId {
	LocationToAccountId::convert_location(&Location::new(1, [Parachain(para)]))
		.expect("a sibling has a sovereign account")
}

/// Genochain from its development genesis, with the consumer (not the forger) allowed to ask,
/// channels open to both, and both sovereign accounts funded.
fn genochain_ext() -> TestExternalities {
	let storage =
		preset_storage(&DEV_RUNTIME_PRESET.into()).expect("the development genesis builds");
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| {
		genochain_runtime::System::set_block_number(1);
		assert_ok!(genochain_runtime::XcmVerifier::allow_sibling(
			genochain_runtime::RuntimeOrigin::root(),
			CONSUMER
		));
		// Channels to both, as the relay chain would report them (sorted by recipient).
		let channel = AbridgedHrmpChannel {
			max_capacity: 1_000,
			max_total_size: 10_000_000,
			max_message_size: 100_000,
			msg_count: 0,
			total_size: 0,
			mqc_head: None,
		};
		RelevantMessagingState::<genochain_runtime::Runtime>::put(MessagingStateSnapshot {
			dmq_mqc_head: Default::default(),
			relay_dispatch_queue_remaining_capacity: Default::default(),
			ingress_channels: Default::default(),
			egress_channels: [CONSUMER, FORGER]
				.into_iter()
				.map(|para| (para.into(), channel.clone()))
				.collect(),
		});
		for para in [CONSUMER, FORGER] {
			assert_ok!(genochain_runtime::Balances::mint_into(
				&sovereign_on_genochain(para),
				SOVEREIGN_FUNDS
			));
		}
	});
	ext
}

/// The GENE-less consumer's users: Alice and Bob, funded for deposits.
pub fn consumer_account(who: Sr25519Keyring) -> consumer::AccountId {
	who.to_account_id()
}

fn consumer_ext(para: u32) -> TestExternalities {
	let mut storage = polkadot_sdk::frame_system::GenesisConfig::<consumer::Runtime>::default()
		.build_storage()
		.expect("the consumer's genesis builds");
	polkadot_sdk::pallet_balances::GenesisConfig::<consumer::Runtime> {
		balances: [Sr25519Keyring::Alice, Sr25519Keyring::Bob]
			.into_iter()
			.map(|who| (consumer_account(who), 1_000_000))
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.expect("the consumer's balances build");
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| {
		consumer::System::set_block_number(1);
		consumer::MsgQueue::set_para_id(para.into());
	});
	ext
}

fn relay_ext() -> TestExternalities {
	let storage = polkadot_sdk::frame_system::GenesisConfig::<relay::Runtime>::default()
		.build_storage()
		.expect("the relay chain's genesis builds");
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| relay::System::set_block_number(1));
	ext
}
