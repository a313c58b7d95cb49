//! # genochain-fuzz
//!
//! The real runtime, built natively, driven by fuzzer bytes in the style of SRLabs'
//! substrate-runtime-fuzzer: each input is read as a chain of blocks, each block as calls
//! (any `RuntimeCall`, SCALE-decoded from the bytes) from a fixed set of senders, starting from
//! the development genesis. After every block the invariants are checked ([`check_block`]): no
//! panic, every pallet's `try_state`, total issuance equal to the sum of the accounts (and of the
//! assets XCM trapped), every held deposit belonging to a record that exists, no record left
//! after its erasure ([`invariants`]). docs/FUZZING.md describes it all.
//!
//! Input format, repeated until the bytes run out or stop decoding (256 calls at most):
//!
//! ```text
//! [lapse: u8] [origin: u8] [call: RuntimeCall, SCALE]
//! ```
//!
//! A `lapse` with its two top bits set ends the current block and starts a later one, 1 to 56
//! blocks or 1 to 8 days later (see [`lapse`], [`lapse_days`]); any other stays in the block, so
//! that random bytes make blocks of about four calls: the checks after a block cost more than its
//! calls.
//!
//! `origin` picks the sender (modulo their number): one of [`ORIGINS`], then root, then the
//! guardian of [`GUARDIAN`] (its call wrapped in `proxy.proxy` for its ward), then the sibling
//! parachain [`SIBLING`], for which the bytes hold a `VersionedXcm` instead of a call, delivered
//! over XCMP and executed by the message queue. Calls that would change the runtime's code or
//! raw storage, inherents, and sudo (root is an origin of its own) are skipped, at any depth of
//! nesting ([`allowed`]).

// Test code: counts of blocks and calls of one input, far from any bound.
#![allow(clippy::arithmetic_side_effects)]

use codec::DecodeLimit;
use polkadot_sdk::staging_xcm::VersionedXcm;

pub mod invariants;
use genochain_runtime::{
	configs::WithinPalletLimits, AccountId, AllPalletsWithSystem, Balance, Balances, BlockNumber,
	Consent, Council, DataMarket, EthicsCommittee, GenomeAnchor, MessageQueue, Multisig,
	PolkadotXcm, Preimage, Proxy, Redaction, Registry, Runtime, RuntimeCall, RuntimeOrigin,
	SafeMode, System, TxPause, Utility, Whitelist, XcmVerifier, XcmpQueue,
};
use polkadot_sdk::{
	frame_support::{
		dispatch::GetDispatchInfo,
		traits::{Contains, OnFinalize, OnIdle, OnInitialize, TryState, TryStateSelect},
	},
	sp_io::TestExternalities,
	sp_runtime::traits::Dispatchable,
};

/// How deep calls may nest when decoded (batches of proxies of batches …).
const MAX_DECODE_DEPTH: u32 = 32;
/// At most this many calls per input: longer inputs are cut.
const MAX_CALLS: usize = 256;

/// The bits of a `lapse` byte that end the block.
const NEW_BLOCK: u8 = 0xc0;

/// The lowest `lapse` (after [`NEW_BLOCK`]) that counts days rather than blocks.
const DAY_LAPSES: u8 = 56;

/// How many blocks after the current one the block that `lapse` starts is, or `None` if the call
/// stays in the current block: `lapse & 0x3f` below [`DAY_LAPSES`] is that many blocks less one
/// (1 to 56), above it that many days (1 to 8), so that an input reaches the pallets' deadlines
/// (an erasure's confirmation period is 30 days, a redaction's enactment delay 2).
fn blocks_later(lapse: u8) -> Option<BlockNumber> {
	if lapse & NEW_BLOCK != NEW_BLOCK {
		return None;
	}
	let steps = lapse & !NEW_BLOCK;
	Some(match steps.checked_sub(DAY_LAPSES) {
		None => u32::from(steps) + 1,
		Some(days) => (u32::from(days) + 1) * genochain_runtime::time::DAYS,
	})
}

/// The `lapse` byte of a call made `blocks_later` blocks after the one before (0: in the same
/// block, at most 56), for inputs written by hand.
pub fn lapse(blocks_later: u8) -> u8 {
	match blocks_later {
		0 => 0,
		later => NEW_BLOCK | (later.min(DAY_LAPSES) - 1),
	}
}

/// The `lapse` byte of a call made `days` days (1 to 8) after the one before.
pub fn lapse_days(days: u8) -> u8 {
	NEW_BLOCK | (DAY_LAPSES + days.clamp(1, 8) - 1)
}

/// The guardian (`//Guardian`) and its ward (`//Alice//stash`, a subject), for whom it holds a
/// `Consent` proxy from genesis.
pub const GUARDIAN: (&str, &str) = ("//Guardian", "//Alice//stash");

/// The sibling parachain whose XCM messages the fuzzer sends (the consumer chain of the zombienet
/// `xcm` network), allowed to ask the verifier from genesis.
pub const SIBLING: u32 = 2001;

/// Who calls: the development genesis' accounts in each role.
pub const ORIGINS: &[(&str, &str)] = &[
	// Council members.
	("Alice", "//Alice"),
	("Bob", "//Bob"),
	("Charlie", "//Charlie"),
	// Ethics Committee members.
	("Dave", "//Dave"),
	("Eve", "//Eve"),
	("Ferdie", "//Ferdie"),
	// Accredited organisations.
	("Lab", "//Lab"),
	("Custodian", "//Custodian"),
	("Researcher", "//Researcher"),
	// Subjects with nothing in genesis but an endowment (or not even that).
	("AliceStash", "//Alice//stash"),
	("Nobody", "//Nobody"),
];

/// The state every input starts from: the `--dev` chain's genesis, its trie built once (building it
/// took a quarter of a short input's time); each input runs on a copy.
pub struct Genesis(Box<dyn Fn() -> TestExternalities + Send + Sync>);

impl Genesis {
	/// A fresh copy of the state.
	pub fn state(&self) -> TestExternalities {
		(self.0)()
	}
}

/// The `--dev` chain's genesis, without the runtime's wasm (`:code`), which the runtime running
/// natively here never reads.
pub fn dev_genesis() -> Genesis {
	let mut storage = genochain_runtime::genesis_config_presets::preset_storage(
		&polkadot_sdk::sp_genesis_builder::DEV_RUNTIME_PRESET.into(),
	)
	.unwrap_or_else(|e| panic!("the dev preset builds: {e}"));
	storage.top.remove(polkadot_sdk::sp_core::storage::well_known_keys::CODE);
	let mut genesis = TestExternalities::new(storage);
	genesis.execute_with(set_up_origins);
	if let Err(e) = genesis.commit_all() {
		panic!("the genesis of the fuzzer commits: {e}");
	}
	let backend = genesis.backend;
	Genesis(Box::new(move || {
		let mut state = TestExternalities::new_empty();
		state.backend = backend.clone();
		state
	}))
}

/// What the origins beyond the signed accounts need in genesis: the guardian's `Consent` proxy for
/// its ward, and the sibling allowed to ask the verifier, with a channel back to it and GENE in
/// its sovereign account to pay for its messages.
fn set_up_origins() {
	use polkadot_sdk::{frame_support::traits::fungible::Mutate, sp_runtime::MultiAddress};
	let (guardian, ward) = (account(GUARDIAN.0), account(GUARDIAN.1));
	let proxy = Proxy::add_proxy(
		RuntimeOrigin::signed(ward),
		MultiAddress::Id(guardian),
		genochain_runtime::configs::ProxyType::Consent,
		0,
	);
	let allowed = XcmVerifier::allow_sibling(RuntimeOrigin::root(), SIBLING);
	if let Err(e) = proxy.and(allowed) {
		panic!("the fuzzer's origins are set up: {e:?}");
	}
	genochain_runtime::ParachainSystem::open_outbound_hrmp_channel_for_benchmarks_or_tests(
		SIBLING.into(),
	);
	let funded =
		Balances::mint_into(&sibling_account(), 100 * genochain_primitives::currency::GENE);
	if let Err(e) = funded {
		panic!("the sibling's sovereign account is funded: {e:?}");
	}
}

/// The sibling's sovereign account on Genochain.
fn sibling_account() -> AccountId {
	use polkadot_sdk::{
		staging_xcm::latest::prelude::{Location, Parachain},
		staging_xcm_executor::traits::ConvertLocation,
	};
	let sibling = Location::new(1, [Parachain(SIBLING)]);
	genochain_runtime::configs::xcm_config::LocationToAccountId::convert_location(&sibling)
		.unwrap_or_else(|| panic!("sibling {SIBLING} has a sovereign account"))
}

/// The account of a development key (`//Alice`, `//Alice//stash`, …).
pub fn account(uri: &str) -> AccountId {
	use polkadot_sdk::sp_core::{sr25519, Pair};
	sr25519::Pair::from_string(uri, None).unwrap_or_else(|e| panic!("{uri}: {e:?}")).public().into()
}

/// Who sends a call.
enum Sender {
	/// An account of [`ORIGINS`], signing.
	Signed(AccountId),
	/// Root.
	Root,
	/// [`GUARDIAN`]'s guardian acting for its ward through its `Consent` proxy: the call is
	/// wrapped in `proxy.proxy`.
	Guardian { guardian: AccountId, ward: AccountId },
	/// Parachain [`SIBLING`] over XCMP: the input holds an XCM message (not a call), which the
	/// message queue executes in the block's hooks.
	Sibling,
}

impl Sender {
	fn name(&self) -> String {
		match self {
			Sender::Signed(who) => who.to_string(),
			Sender::Root => "root".into(),
			Sender::Guardian { .. } => "the guardian".into(),
			Sender::Sibling => "the sibling".into(),
		}
	}
}

/// Whether each call, its sender and its outcome are printed (`GENOCHAIN_FUZZ_TRACE=1`), to see
/// what a crash's input did.
fn tracing() -> bool {
	static TRACING: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
	*TRACING.get_or_init(|| std::env::var_os("GENOCHAIN_FUZZ_TRACE").is_some())
}

/// The senders an `origin` byte picks from (modulo their number): the accounts of [`ORIGINS`],
/// then root, the guardian and the sibling; the accounts derived once (deriving a key is most
/// of a short input's time).
fn senders() -> &'static [Sender] {
	static SENDERS: std::sync::OnceLock<Vec<Sender>> = std::sync::OnceLock::new();
	SENDERS.get_or_init(|| {
		let mut senders: Vec<Sender> =
			ORIGINS.iter().map(|(_, uri)| Sender::Signed(account(uri))).collect();
		senders.push(Sender::Root);
		senders.push(Sender::Guardian { guardian: account(GUARDIAN.0), ward: account(GUARDIAN.1) });
		senders.push(Sender::Sibling);
		senders
	})
}

/// The `origin` byte of a sender named as in [`ORIGINS`], or `root`, `guardian`, `sibling`; for
/// inputs written by hand.
pub fn origin_byte(name: &str) -> Option<u8> {
	let extra = ["root", "guardian", "sibling"];
	let index = match ORIGINS.iter().position(|(origin, _)| *origin == name) {
		Some(index) => index,
		None => ORIGINS.len() + extra.iter().position(|origin| *origin == name)?,
	};
	u8::try_from(index).ok()
}

/// Whether `call` may be dispatched here, by root if `by_root`: not anything that rewrites the
/// runtime or its storage behind the pallets' backs (root's `balances.force_adjust_total_issuance`
/// among them: it moves the total issuance away from the accounts' sum, which is what it is for),
/// not an inherent, not sudo; nested calls included. Root's calls also keep within the pallets'
/// limits that the runtime's call filter ([`WithinPalletLimits`]) sets for every other origin:
/// Root bypasses every filter, and the chain takes what it dispatches on its word.
pub fn allowed(call: &RuntimeCall, by_root: bool) -> bool {
	if by_root && !WithinPalletLimits::contains(call) {
		return false;
	}
	let allowed = |call: &RuntimeCall| allowed(call, by_root);
	use polkadot_sdk::{
		frame_system::Call as SystemCall, pallet_collective::Call as CollectiveCall,
		pallet_multisig::Call as MultisigCall, pallet_proxy::Call as ProxyCall,
		pallet_utility::Call as UtilityCall, pallet_whitelist::Call as WhitelistCall,
	};
	match call {
		RuntimeCall::System(inner) => {
			matches!(inner, SystemCall::remark { .. } | SystemCall::remark_with_event { .. })
		}
		RuntimeCall::ParachainSystem(_) | RuntimeCall::Timestamp(_) | RuntimeCall::Sudo(_) => false,
		RuntimeCall::Balances(
			polkadot_sdk::pallet_balances::Call::force_adjust_total_issuance { .. },
		) => false,
		RuntimeCall::Utility(inner) => match inner {
			UtilityCall::batch { calls }
			| UtilityCall::batch_all { calls }
			| UtilityCall::force_batch { calls } => calls.iter().all(allowed),
			UtilityCall::as_derivative { call, .. }
			| UtilityCall::dispatch_as { call, .. }
			| UtilityCall::with_weight { call, .. }
			| UtilityCall::dispatch_as_fallible { call, .. } => allowed(call),
			UtilityCall::if_else { main, fallback } => allowed(main) && allowed(fallback),
			_ => true,
		},
		RuntimeCall::Proxy(
			ProxyCall::proxy { call, .. } | ProxyCall::proxy_announced { call, .. },
		) => allowed(call),
		RuntimeCall::Multisig(
			MultisigCall::as_multi { call, .. } | MultisigCall::as_multi_threshold_1 { call, .. },
		) => allowed(call),
		RuntimeCall::Council(
			CollectiveCall::propose { proposal, .. } | CollectiveCall::execute { proposal, .. },
		)
		| RuntimeCall::EthicsCommittee(
			CollectiveCall::propose { proposal, .. } | CollectiveCall::execute { proposal, .. },
		) => allowed(proposal),
		RuntimeCall::Whitelist(WhitelistCall::dispatch_whitelisted_call_with_preimage { call }) => {
			allowed(call)
		}
		_ => true,
	}
}

/// What one input did.
#[derive(Debug, Default, Clone)]
pub struct Report {
	pub blocks: u32,
	pub calls: u32,
	pub succeeded: u32,
	/// XCM messages from the sibling the message queue processed, and how many of them it
	/// executed whole.
	pub xcm_processed: u32,
	pub xcm_succeeded: u32,
	/// The GENE XCM messages left trapped in their holding, less what was claimed back.
	pub xcm_trapped: Balance,
	/// The call whose measured time was largest against its declared weight, and that ratio.
	/// The weight is what a transaction of the call pays for its dispatch: the call's weight and
	/// the base weight of an extrinsic (the dispatch measured includes the origin's call filter,
	/// which the base pays for).
	pub worst_weight_ratio: Option<(String, f64)>,
}

/// Runs `data` against a fresh copy of `genesis`; panics on a broken invariant.
pub fn run(genesis: &Genesis, data: &[u8]) -> Report {
	run_tallied(genesis, data, None)
}

/// What the calls of one kind did over a corpus.
#[derive(Debug, Default, Clone)]
pub struct CallStats {
	pub dispatched: u32,
	pub succeeded: u32,
	/// Each dispatch's measured time against its declared weight (see [`Report`]).
	pub weight_ratios: Vec<f64>,
}

impl CallStats {
	/// The median and the largest of [`Self::weight_ratios`]: the largest is the one that
	/// matters, and also the one a busy machine inflates (a dispatch preempted midway).
	pub fn median_and_worst_ratio(&self) -> (f64, f64) {
		let mut ratios = self.weight_ratios.clone();
		ratios.sort_by(f64::total_cmp);
		let median = ratios.get(ratios.len() / 2).copied().unwrap_or_default();
		(median, ratios.last().copied().unwrap_or_default())
	}
}

/// [`CallStats`] by `Pallet.call`: which calls a corpus reaches, how deep, and how slow.
pub type Tally = std::collections::BTreeMap<String, CallStats>;

/// [`run`], counting every call in `tally` (naming each call costs its debug form, so the fuzz
/// target does not).
pub fn run_tallied(genesis: &Genesis, data: &[u8], mut tally: Option<&mut Tally>) -> Report {
	let senders = senders();
	let mut ext = genesis.state();
	let mut report = Report::default();
	ext.execute_with(|| {
		let mut block: BlockNumber = 1;
		start_block(block);
		let mut input = data;
		while report.calls < MAX_CALLS as u32 && input.len() > 2 {
			let lapse = input[0];
			let sender = &senders[usize::from(input[1]) % senders.len()];
			input = &input[2..];
			if let Sender::Sibling = sender {
				let Ok(message) = VersionedXcm::<RuntimeCall>::decode_with_depth_limit(
					MAX_DECODE_DEPTH,
					&mut input,
				) else {
					break;
				};
				next_block(lapse, &mut block, &mut report);
				report.calls += 1;
				if tracing() {
					eprintln!("block {block}: sibling {SIBLING} sends {message:?}");
				}
				send_from_sibling(message, block);
				continue;
			}
			let Ok(call) = RuntimeCall::decode_with_depth_limit(MAX_DECODE_DEPTH, &mut input)
			else {
				break;
			};
			next_block(lapse, &mut block, &mut report);
			if !allowed(&call, matches!(sender, Sender::Root)) {
				continue;
			}
			report.calls += 1;
			let (call, origin) = match sender {
				Sender::Signed(who) => (call, RuntimeOrigin::signed(who.clone())),
				Sender::Root => (call, RuntimeOrigin::root()),
				Sender::Guardian { guardian, ward } => (
					RuntimeCall::Proxy(polkadot_sdk::pallet_proxy::Call::proxy {
						real: ward.clone().into(),
						force_proxy_type: None,
						call: Box::new(call),
					}),
					RuntimeOrigin::signed(guardian.clone()),
				),
				Sender::Sibling => continue,
			};
			let declared = call.get_dispatch_info().call_weight.saturating_add(
				<Runtime as polkadot_sdk::frame_system::Config>::BlockWeights::get()
					.get(polkadot_sdk::frame_support::dispatch::DispatchClass::Normal)
					.base_extrinsic,
			);
			// Named only if it is the slowest yet: a call's debug form may be long.
			let named = call.clone();
			let started = std::time::Instant::now();
			let outcome = call.dispatch(origin);
			if tracing() {
				eprintln!("block {block}: {} {named:?} → {:?}", sender.name(), outcome.map(|_| ()));
			}
			let took = started.elapsed();
			if outcome.is_ok() {
				report.succeeded += 1;
			}
			// Declared weights are in picoseconds of the reference machine.
			let ratio = took.as_nanos() as f64 * 1000.0 / declared.ref_time().max(1) as f64;
			if let Some(tally) = tally.as_deref_mut() {
				let stats = tally.entry(call_name(&named)).or_default();
				stats.dispatched += 1;
				stats.succeeded += u32::from(outcome.is_ok());
				stats.weight_ratios.push(ratio);
			}
			if report.worst_weight_ratio.as_ref().is_none_or(|(_, worst)| ratio > *worst) {
				report.worst_weight_ratio = Some((call_name(&named), ratio));
			}
		}
		end_block(block, &mut report);
	});
	report
}

/// Ends the block and starts the next `lapse` says, if it says so.
fn next_block(lapse: u8, block: &mut BlockNumber, report: &mut Report) {
	if let Some(later) = blocks_later(lapse) {
		end_block(*block, report);
		*block += later;
		start_block(*block);
	}
}

/// Delivers `message` from [`SIBLING`] as the relay chain would, one XCMP page: the XCMP queue
/// puts it in the message queue, which executes it in the block's hooks.
fn send_from_sibling(message: VersionedXcm<RuntimeCall>, block: BlockNumber) {
	use codec::Encode;
	use polkadot_sdk::cumulus_primitives_core::{XcmpMessageFormat, XcmpMessageHandler};
	let mut page = XcmpMessageFormat::ConcatenatedVersionedXcm.encode();
	message.encode_to(&mut page);
	XcmpQueue::handle_xcmp_messages(
		std::iter::once((SIBLING.into(), block, &page[..])),
		polkadot_sdk::frame_support::weights::Weight::MAX,
	);
}

/// `Pallet.call` of `call`, from its debug form `Pallet(call { … })`.
fn call_name(call: &RuntimeCall) -> String {
	let text = format!("{call:?}");
	let (pallet, rest) = text.split_once('(').unwrap_or((text.as_str(), ""));
	let rest = rest.strip_prefix("Call::").unwrap_or(rest);
	let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
	format!("{pallet}.{name}")
}

/// The pallets whose block hooks run here: every pallet whose state calls change. The consensus
/// and inherent pallets (parachain system, timestamp, Aura, session, collator selection) are left
/// out: their hooks need the relay chain's validation data and the block author, which a fuzzer
/// input does not carry; the timestamp is set directly.
type Hooked = (
	System,
	Balances,
	Utility,
	Multisig,
	Proxy,
	Council,
	EthicsCommittee,
	Whitelist,
	Preimage,
	SafeMode,
	TxPause,
	Registry,
	Consent,
	GenomeAnchor,
	DataMarket,
	Redaction,
	XcmVerifier,
	(XcmpQueue, PolkadotXcm, MessageQueue),
);

fn start_block(number: BlockNumber) {
	System::reset_events();
	System::set_block_number(number);
	// One Aura slot a block: the time and the slot agree, as Aura's try_state checks.
	let slot_millis = polkadot_sdk::pallet_aura::Pallet::<Runtime>::slot_duration();
	polkadot_sdk::pallet_timestamp::Now::<Runtime>::put(u64::from(number) * slot_millis);
	polkadot_sdk::pallet_aura::CurrentSlot::<Runtime>::put(
		polkadot_sdk::sp_consensus_aura::Slot::from(u64::from(number)),
	);
	Hooked::on_initialize(number);
}

fn end_block(number: BlockNumber, report: &mut Report) {
	let limit = <Runtime as polkadot_sdk::frame_system::Config>::BlockWeights::get().max_block;
	let used = System::block_weight().total();
	Hooked::on_idle(number, limit.saturating_sub(used));
	Hooked::on_finalize(number);
	report.blocks += 1;
	use genochain_runtime::RuntimeEvent;
	use polkadot_sdk::{pallet_message_queue::Event as QueueEvent, pallet_xcm::Event as XcmEvent};
	for record in System::read_events_no_consensus() {
		if tracing() {
			eprintln!("  block {number} event: {:?}", record.event);
		}
		match record.event {
			RuntimeEvent::MessageQueue(QueueEvent::Processed { success, .. }) => {
				report.xcm_processed += 1;
				report.xcm_succeeded += u32::from(success);
			}
			RuntimeEvent::PolkadotXcm(XcmEvent::AssetsTrapped { assets, .. }) => {
				report.xcm_trapped += gene_in(&assets);
			}
			RuntimeEvent::PolkadotXcm(XcmEvent::AssetsClaimed { assets, .. }) => {
				let claimed = gene_in(&assets);
				report.xcm_trapped = report.xcm_trapped.checked_sub(claimed).unwrap_or_else(|| {
					panic!("block {number}: {claimed} claimed from XCM traps holding less")
				});
			}
			_ => {}
		}
	}
	check_block(number, report.xcm_trapped);
}

/// The invariants after block `number`.
///
/// `trapped` is the GENE that XCM messages left in their holding so far, less what was claimed
/// back: pallet-xcm keeps trapped assets in the total issuance (they are claimable), though no
/// account holds them.
pub fn check_block(number: BlockNumber, trapped: Balance) {
	if let Err(e) = AllPalletsWithSystem::try_state(number, TryStateSelect::All) {
		// The error says only that some pallet failed (its reason goes to the log): name them.
		use polkadot_sdk::frame_support::traits::PalletsInfoAccess;
		let failing: Vec<&str> = AllPalletsWithSystem::infos()
			.into_iter()
			.map(|info| info.name)
			.filter(|name| {
				let only = TryStateSelect::Only(vec![name.as_bytes().to_vec()]);
				AllPalletsWithSystem::try_state(number, only).is_err()
			})
			.collect();
		panic!("try_state failed after block {number} in {failing:?}: {e:?}");
	}
	invariants::check_deposits(number);
	invariants::check_erasures(number);
	let total: Balance = polkadot_sdk::frame_system::Account::<Runtime>::iter()
		.map(|(_, info)| info.data.free + info.data.reserved)
		.sum();
	let issuance = Balances::total_issuance();
	assert_eq!(
		total + trapped,
		issuance,
		"after block {number}: the accounts hold {total} and XCM trapped {trapped}, issuance is \
		 {issuance}"
	);
}

/// The GENE in XCM assets (`Here`, fungible) of an `AssetsTrapped` or `AssetsClaimed` event.
fn gene_in(assets: &polkadot_sdk::staging_xcm::VersionedAssets) -> Balance {
	use polkadot_sdk::staging_xcm::latest::{Assets, Fungibility, Location};
	let Ok(assets) = Assets::try_from(assets.clone()) else { return 0 };
	assets
		.inner()
		.iter()
		.filter(|asset| asset.id.0 == Location::here())
		.map(|asset| match asset.fun {
			Fungibility::Fungible(amount) => amount,
			Fungibility::NonFungible(_) => 0,
		})
		.sum()
}
