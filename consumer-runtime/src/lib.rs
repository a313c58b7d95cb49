//! # Genochain consumer runtime
//!
//! A small parachain runtime for the chains that ask Genochain questions: it carries
//! `pallet-verifier-client` and the XCM configuration its documentation asks for, and nothing
//! else an application chain would not need — Aura collators set at genesis, balances with
//! transaction fees, and the Cumulus messaging stack. It runs as para 2001 of the zombienet `xcm`
//! network (`zombienet/`), where it asks the real Genochain to verify anchors and consent, and is
//! the worked example docs/XCM.md points cross-chain developers to.
//!
//! The client's side of a query, as configured here:
//!
//! 1. A user calls `VerifierClient::request_verification(genochain, request)`; a deposit is held
//!    and one paid message goes over HRMP to Genochain (para [`GENOCHAIN_PARA_ID`]), spending up
//!    to [`configs::QueryFee`] GENE from this chain's sovereign account there.
//! 2. Genochain answers unpaid with `Transact(receive_verdict)`. The barrier admits unpaid
//!    execution from Genochain only, the call filter lets nothing but `receive_verdict` through,
//!    and `XcmPassthrough` dispatches it as Genochain's location, which is all the client accepts.
//! 3. The verdict is stored for the asker, and `VerdictReceived` says whether the request held;
//!    unanswered queries time out.
//!
//! `make test` runs it natively (the `native-only` feature: no wasm blob): its own tests, and as
//! the consumer parachain of the XCM simulator (`xcm-tests/`). `make zombienet` builds its wasm.

#![cfg_attr(not(feature = "std"), no_std)]
// `#[frame_support::runtime]` expands deeply.
#![recursion_limit = "256"]

// Make the wasm binary available to the node and to tests.
#[cfg(all(feature = "std", not(feature = "native-only")))]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

mod apis;
pub mod configs;
pub mod genesis_config_presets;
#[cfg(test)]
mod tests;
pub mod xcm_config;

use alloc::{borrow::Cow, vec::Vec};
use polkadot_sdk::{
	frame_support::weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight},
	sp_runtime::{generic, impl_opaque_keys, MultiAddress, Perbill},
	sp_version::RuntimeVersion,
	*,
};

pub use genochain_primitives::{AccountId, Balance, BlockNumber, Hash, Header, Nonce, Signature};
pub use sp_consensus_aura::sr25519::AuthorityId as AuraId;

/// The para id this runtime's genesis presets register under.
pub const PARA_ID: u32 = 2001;
/// The para id of the Genochain deployment this chain asks.
pub const GENOCHAIN_PARA_ID: u32 = 2000;

/// The consumer chain's own token: 12 decimals, like GENE.
pub const UNIT: Balance = 1_000_000_000_000;
/// The smallest balance an account may hold.
pub const EXISTENTIAL_DEPOSIT: Balance = UNIT / 1_000;

/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;

/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// The checks every signed transaction goes through, in order.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
);

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// Executive: dispatches calls to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
>;

impl_opaque_keys! {
	/// The keys a collator holds: Aura only, the authorities are set at genesis.
	pub struct SessionKeys {
		pub aura: Aura,
	}
}

#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: Cow::Borrowed("genochain-consumer"),
	impl_name: Cow::Borrowed("genochain-consumer"),
	authoring_version: 1,
	spec_version: 1,
	impl_version: 0,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Block timing and the asynchronous-backing parameters, as on Genochain.
pub mod time {
	/// One block per 6-second relay chain slot.
	pub const SLOT_DURATION: u64 = 6_000;
	/// The relay chain's slot.
	pub const RELAY_CHAIN_SLOT_DURATION_MILLIS: u32 = 6_000;
	/// Parachain blocks the runtime accepts per relay chain block.
	pub const BLOCK_PROCESSING_VELOCITY: u32 = 1;
	/// Blocks that may be built on top of each other before the relay chain includes them.
	pub const UNINCLUDED_SEGMENT_CAPACITY: u32 = 3;
	/// Collators build on the newest relay chain block.
	pub const RELAY_PARENT_OFFSET: u32 = 0;
}

/// Share of a block that normal extrinsics may fill; the rest is kept for operational ones.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// Two seconds of compute per block (asynchronous backing) and the relay chain's PoV limit.
const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(
	WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2),
	cumulus_primitives_core::relay_chain::MAX_POV_SIZE as u64,
);

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type ParachainSystem = cumulus_pallet_parachain_system;
	#[runtime::pallet_index(2)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(3)]
	pub type ParachainInfo = staging_parachain_info;

	#[runtime::pallet_index(10)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(11)]
	pub type TransactionPayment = pallet_transaction_payment;

	#[runtime::pallet_index(23)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(24)]
	pub type AuraExt = cumulus_pallet_aura_ext;

	#[runtime::pallet_index(30)]
	pub type XcmpQueue = cumulus_pallet_xcmp_queue;
	#[runtime::pallet_index(31)]
	pub type PolkadotXcm = pallet_xcm;
	#[runtime::pallet_index(32)]
	pub type CumulusXcm = cumulus_pallet_xcm;
	#[runtime::pallet_index(33)]
	pub type MessageQueue = pallet_message_queue;

	#[runtime::pallet_index(40)]
	pub type VerifierClient = pallet_verifier_client;
}

cumulus_pallet_parachain_system::register_validate_block! {
	Runtime = Runtime,
	BlockExecutor = cumulus_pallet_aura_ext::BlockExecutor::<Runtime, Executive>,
}
