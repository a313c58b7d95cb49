//! # genochain-fuzz
//!
//! The real runtime, built natively, driven by fuzzer bytes in the style of SRLabs'
//! substrate-runtime-fuzzer: each input is read as a chain of blocks, each block as calls
//! (any `RuntimeCall`, SCALE-decoded from the bytes) from a fixed set of accounts, starting from
//! the development genesis. After every block the invariants are checked ([`check_block`]): no
//! panic, every pallet's `try_state`, total issuance equal to the sum of the accounts.
//!
//! Input format, repeated until the bytes run out or stop decoding:
//!
//! ```text
//! [lapse: u8] [origin: u8] [call: RuntimeCall, SCALE]
//! ```
//!
//! `lapse` > 0 ends the current block and starts one `lapse % 8` blocks later; `origin` picks
//! one of [`ORIGINS`]. Calls that would change the runtime's code or raw storage, inherents, and
//! sudo (root is an origin of its own) are skipped, at any depth of nesting.

use codec::DecodeLimit;
use genochain_runtime::{
	AccountId, AllPalletsWithSystem, Balances, BlockNumber, Consent, Council, DataMarket,
	EthicsCommittee, GenomeAnchor, MessageQueue, Multisig, PolkadotXcm, Preimage, Proxy, Redaction,
	Registry, Runtime, RuntimeCall, RuntimeOrigin, SafeMode, System, TxPause, Utility, Whitelist,
	XcmVerifier, XcmpQueue,
};
use polkadot_sdk::{
	frame_support::{
		dispatch::GetDispatchInfo,
		traits::{OnFinalize, OnIdle, OnInitialize, TryState, TryStateSelect},
	},
	sp_io::TestExternalities,
	sp_runtime::{traits::Dispatchable, Storage},
};

/// How deep calls may nest when decoded (batches of proxies of batches …).
const MAX_DECODE_DEPTH: u32 = 32;
/// At most this many calls per input: longer inputs are cut.
const MAX_CALLS: usize = 256;

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

/// The genesis the fuzzer starts every input from: the `--dev` chain.
pub fn dev_genesis() -> Storage {
	genochain_runtime::genesis_config_presets::preset_storage(
		&polkadot_sdk::sp_genesis_builder::DEV_RUNTIME_PRESET.into(),
	)
	.unwrap_or_else(|e| panic!("the dev preset builds: {e}"))
}

fn account(uri: &str) -> AccountId {
	use polkadot_sdk::sp_core::{sr25519, Pair};
	sr25519::Pair::from_string(uri, None).unwrap_or_else(|e| panic!("{uri}: {e:?}")).public().into()
}

/// Whether `call` may be dispatched here: not anything that rewrites the runtime or its storage
/// behind the pallets' backs, not an inherent, not sudo; nested calls included.
pub fn allowed(call: &RuntimeCall) -> bool {
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
	/// The call whose measured time was largest against its declared weight, and that ratio.
	pub worst_weight_ratio: Option<(String, f64)>,
}

/// Runs `data` against a fresh copy of `genesis`; panics on a broken invariant.
pub fn run(genesis: &Storage, data: &[u8]) -> Report {
	let origins: Vec<Option<AccountId>> = ORIGINS
		.iter()
		.map(|(_, uri)| Some(account(uri)))
		.chain(std::iter::once(None)) // root
		.collect();
	let mut ext = TestExternalities::new(genesis.clone());
	let mut report = Report::default();
	ext.execute_with(|| {
		let mut block: BlockNumber = 1;
		start_block(block);
		let mut input = data;
		while report.calls < MAX_CALLS as u32 && input.len() > 2 {
			let lapse = input[0];
			let origin = &origins[usize::from(input[1]) % origins.len()];
			input = &input[2..];
			let Ok(call) = RuntimeCall::decode_with_depth_limit(MAX_DECODE_DEPTH, &mut input)
			else {
				break;
			};
			if lapse > 0 {
				end_block(block);
				report.blocks += 1;
				block += u32::from(lapse % 8) + 1;
				start_block(block);
			}
			if !allowed(&call) {
				continue;
			}
			report.calls += 1;
			let declared = call.get_dispatch_info().call_weight;
			let name = call_name(&call);
			let started = std::time::Instant::now();
			let outcome = match origin {
				Some(who) => call.dispatch(RuntimeOrigin::signed(who.clone())),
				None => call.dispatch(RuntimeOrigin::root()),
			};
			let took = started.elapsed();
			if outcome.is_ok() {
				report.succeeded += 1;
			}
			// Declared weights are in picoseconds of the reference machine.
			let ratio = took.as_nanos() as f64 * 1000.0 / declared.ref_time().max(1) as f64;
			if report.worst_weight_ratio.as_ref().is_none_or(|(_, worst)| ratio > *worst) {
				report.worst_weight_ratio = Some((name, ratio));
			}
		}
		end_block(block);
		report.blocks += 1;
	});
	report
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

fn end_block(number: BlockNumber) {
	let limit = <Runtime as polkadot_sdk::frame_system::Config>::BlockWeights::get().max_block;
	let used = System::block_weight().total();
	Hooked::on_idle(number, limit.saturating_sub(used));
	Hooked::on_finalize(number);
	check_block(number);
}

/// The invariants after block `number`.
pub fn check_block(number: BlockNumber) {
	if let Err(e) = AllPalletsWithSystem::try_state(number, TryStateSelect::All) {
		panic!("try_state failed after block {number}: {e:?}");
	}
	let total: u128 = polkadot_sdk::frame_system::Account::<Runtime>::iter()
		.map(|(_, info)| info.data.free + info.data.reserved)
		.sum();
	let issuance = Balances::total_issuance();
	assert_eq!(
		total, issuance,
		"after block {number}: the accounts hold {total}, issuance is {issuance}"
	);
}
