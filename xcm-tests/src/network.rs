//! The simulated network: the chains' genesis, the parachains' real message path, and a count of
//! the messages that cross between parachains.

use crate::relay;
use codec::Decode;
use core::{cell::RefCell, marker::PhantomData};
use genochain_primitives::currency::GENE;
use genochain_runtime::{
	configs::xcm_config::LocationToAccountId, genesis_config_presets::preset_storage,
};
use polkadot_sdk::{
	cumulus_pallet_parachain_system::{
		self, relay_state_snapshot::MessagingStateSnapshot, RelevantMessagingState,
	},
	cumulus_pallet_xcmp_queue,
	cumulus_primitives_core::{
		AbridgedHrmpChannel, AggregateMessageOrigin, DmpMessageHandler, ParaId, XcmpMessageFormat,
		XcmpMessageHandler, XcmpMessageSource,
	},
	frame_support::{
		assert_ok,
		traits::{fungible::Mutate, EnqueueMessage, ProcessMessage, ServiceQueues},
		weights::Weight,
		BoundedVec,
	},
	pallet_message_queue,
	sp_genesis_builder::DEV_RUNTIME_PRESET,
	sp_io::TestExternalities,
	sp_runtime::BuildStorage,
	staging_parachain_info,
	staging_xcm::{latest::prelude::*, VersionedXcm},
	staging_xcm_executor::traits::ConvertLocation,
	xcm_simulator::{
		decl_test_network, decl_test_parachain, decl_test_relay_chain, RelayBlockNumber, TestExt,
		PARA_MESSAGE_BUS,
	},
};

/// Genochain's parachain id (its development preset's).
pub const GENOCHAIN: u32 = genochain_runtime::genesis_config_presets::PARA_ID;
/// The consumer's parachain id (its presets').
pub const CONSUMER: u32 = genochain_consumer_runtime::PARA_ID;
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
		XcmpMessageHandler = ParachainMessages<genochain_runtime::Runtime>,
		DmpMessageHandler = ParachainMessages<genochain_runtime::Runtime>,
		new_ext = genochain_ext(),
	}
}

decl_test_parachain! {
	pub struct Consumer {
		Runtime = genochain_consumer_runtime::Runtime,
		XcmpMessageHandler = ParachainMessages<genochain_consumer_runtime::Runtime>,
		DmpMessageHandler = ParachainMessages<genochain_consumer_runtime::Runtime>,
		new_ext = consumer_ext(CONSUMER),
	}
}

decl_test_parachain! {
	pub struct Forger {
		Runtime = genochain_consumer_runtime::Runtime,
		XcmpMessageHandler = ParachainMessages<genochain_consumer_runtime::Runtime>,
		DmpMessageHandler = ParachainMessages<genochain_consumer_runtime::Runtime>,
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

/// The messages that crossed between parachains since the last call, as (from, to), counted as
/// they leave their chain's XCMP queue.
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

/// A parachain's inbound message path as a collator runs it: its XCMP queue, then its message
/// queue, which executes with the chain's own XCM configuration; whatever the chain sends then
/// goes out through its XCMP queue onto the network. Genochain and the consumer both run it.
pub struct ParachainMessages<Runtime>(PhantomData<Runtime>);

/// A parachain runtime with the queues a collator feeds: the XCMP queue, the message queue behind
/// it, and its parachain id.
pub trait CollatorQueues:
	cumulus_pallet_xcmp_queue::Config
	+ pallet_message_queue::Config<MessageProcessor: ProcessMessage<Origin = AggregateMessageOrigin>>
	+ staging_parachain_info::Config
{
}

impl<Runtime> CollatorQueues for Runtime where
	Runtime: cumulus_pallet_xcmp_queue::Config
		+ pallet_message_queue::Config<
			MessageProcessor: ProcessMessage<Origin = AggregateMessageOrigin>,
		> + staging_parachain_info::Config
{
}

type XcmpQueueOf<Runtime> = cumulus_pallet_xcmp_queue::Pallet<Runtime>;
type MessageQueueOf<Runtime> = pallet_message_queue::Pallet<Runtime>;

impl<Runtime> ParachainMessages<Runtime>
where
	Runtime: CollatorQueues,
{
	/// The chain's own parachain id.
	fn para() -> u32 {
		staging_parachain_info::Pallet::<Runtime>::parachain_id().into()
	}

	/// Executes the queued messages and puts what the chain sent on the network (also what it
	/// queued outside message processing, such as a signed call's query).
	pub fn process_and_send() {
		<MessageQueueOf<Runtime> as ServiceQueues>::service_queues(Weight::MAX);
		let from = Self::para();
		for (to, page) in XcmpQueueOf::<Runtime>::take_outbound_messages(usize::MAX, &[]) {
			for message in messages_of(&page) {
				hop(from, to.into());
				let message = Xcm::<()>::try_from(message).expect("the current XCM version");
				PARA_MESSAGE_BUS.with(|bus| {
					bus.borrow_mut().push_back((
						from.into(),
						Location::new(1, [Parachain(to.into())]),
						message,
					))
				});
			}
		}
	}
}

impl<Runtime> XcmpMessageHandler for ParachainMessages<Runtime>
where
	Runtime: CollatorQueues,
{
	fn handle_xcmp_messages<'a, I: Iterator<Item = (ParaId, RelayBlockNumber, &'a [u8])>>(
		iter: I,
		max_weight: Weight,
	) -> Weight {
		let used = XcmpQueueOf::<Runtime>::handle_xcmp_messages(iter, max_weight);
		Self::process_and_send();
		used
	}
}

impl<Runtime> DmpMessageHandler for ParachainMessages<Runtime>
where
	Runtime: CollatorQueues,
{
	fn handle_dmp_messages(
		iter: impl Iterator<Item = (RelayBlockNumber, Vec<u8>)>,
		_max_weight: Weight,
	) -> Weight {
		for (_, message) in iter {
			let message = BoundedVec::try_from(message).expect("a downward message fits a page");
			<MessageQueueOf<Runtime> as EnqueueMessage<AggregateMessageOrigin>>::enqueue_message(
				message.as_bounded_slice(),
				AggregateMessageOrigin::Parent,
			);
		}
		Self::process_and_send();
		Weight::zero()
	}
}

/// Opens HRMP channels from this chain to `recipients`, as the relay chain would report them.
fn open_channels_to<Runtime: cumulus_pallet_parachain_system::Config>(recipients: &[u32]) {
	let channel = AbridgedHrmpChannel {
		max_capacity: 1_000,
		max_total_size: 10_000_000,
		max_message_size: 100_000,
		msg_count: 0,
		total_size: 0,
		mqc_head: None,
	};
	let mut recipients = recipients.to_vec();
	// The relay chain reports them sorted by recipient.
	recipients.sort();
	RelevantMessagingState::<Runtime>::put(MessagingStateSnapshot {
		dmq_mqc_head: Default::default(),
		relay_dispatch_queue_remaining_capacity: Default::default(),
		ingress_channels: Default::default(),
		egress_channels: recipients
			.into_iter()
			.map(|para| (para.into(), channel.clone()))
			.collect(),
	});
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
		open_channels_to::<genochain_runtime::Runtime>(&[CONSUMER, FORGER]);
		for para in [CONSUMER, FORGER] {
			assert_ok!(genochain_runtime::Balances::mint_into(
				&sovereign_on_genochain(para),
				SOVEREIGN_FUNDS
			));
		}
	});
	ext
}

/// A chain running the consumer's runtime as parachain `para`, from its development genesis (the
/// well-known accounts endowed), with channels open to Genochain and the other consumer.
fn consumer_ext(para: u32) -> TestExternalities {
	let mut storage = genochain_consumer_runtime::genesis_config_presets::preset_storage(
		&DEV_RUNTIME_PRESET.into(),
	)
	.expect("the consumer's development genesis builds");
	staging_parachain_info::GenesisConfig::<genochain_consumer_runtime::Runtime> {
		parachain_id: para.into(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.expect("the parachain id is set");
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| {
		genochain_consumer_runtime::System::set_block_number(1);
		let others: Vec<u32> =
			[GENOCHAIN, CONSUMER, FORGER].into_iter().filter(|other| *other != para).collect();
		open_channels_to::<genochain_consumer_runtime::Runtime>(&others);
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
