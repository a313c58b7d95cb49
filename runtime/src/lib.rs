//! # Genochain runtime
//!
//! The parachain runtime of Genochain: the standard Cumulus collator stack (Aura, collator
//! selection, session), balances in GENE with transaction fees, XCM, governance by two
//! collectives — the consortium `Council` and the `EthicsCommittee` — and the utility, multisig,
//! proxy and sudo pallets. Genochain's own pallets (consent, genome anchors, data market,
//! redaction, XCM verifier) are added to this runtime as they are built.
//!
//! Layout: one file per pallet configuration under [`configs`], the runtime APIs in `apis.rs`
//! and every genesis preset in [`genesis_config_presets`].

#![cfg_attr(not(feature = "std"), no_std)]
// `#[frame_support::runtime]` expands deeply.
#![recursion_limit = "256"]

// Make the wasm binary available to the node and to tests. The release runtime and the next
// runtime of the upgrade test are written to files of their own by `build.rs`.
#[cfg(all(
	feature = "std",
	not(feature = "metadata-hash"),
	not(feature = "increment-spec-version")
))]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));
#[cfg(all(feature = "std", feature = "metadata-hash"))]
include!(concat!(env!("OUT_DIR"), "/genochain_runtime_release"));
#[cfg(all(feature = "std", feature = "increment-spec-version"))]
include!(concat!(env!("OUT_DIR"), "/genochain_runtime_next"));

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
#[cfg(test)]
mod anchor_tests;
mod apis;
pub mod configs;
#[cfg(test)]
mod consent_tests;
#[cfg(test)]
mod dev_chain;
#[cfg(test)]
mod erasure_loop_tests;
#[cfg(test)]
mod gateway_api_tests;
pub mod genesis_config_presets;
#[cfg(test)]
mod governance_tests;
#[cfg(test)]
mod market_tests;
#[cfg(test)]
mod proxy_tests;
#[cfg(test)]
mod redaction_tests;
#[cfg(test)]
mod tests;
pub mod weights;
#[cfg(test)]
mod xcm_cost_tests;
#[cfg(test)]
mod xcm_verifier_tests;
#[cfg(test)]
mod xcm_weight_tests;

use alloc::{borrow::Cow, vec::Vec};
use polkadot_sdk::{
	frame_support::weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight},
	sp_runtime::{generic, impl_opaque_keys, MultiAddress, Perbill},
	sp_version::RuntimeVersion,
	*,
};

pub use genochain_primitives::{
	currency, AccountId, Balance, BlockNumber, Hash, Header, Nonce, Signature,
};
pub use sp_consensus_aura::sr25519::AuthorityId as AuraId;

/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;

/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// The checks every signed transaction goes through, in order.
///
/// `StorageWeightReclaim` wraps the whole pipeline so that the proof size an extrinsic did not
/// use is given back to the block.
pub type TxExtension = cumulus_pallet_weight_reclaim::StorageWeightReclaim<
	Runtime,
	(
		frame_system::AuthorizeCall<Runtime>,
		frame_system::CheckNonZeroSender<Runtime>,
		frame_system::CheckSpecVersion<Runtime>,
		frame_system::CheckTxVersion<Runtime>,
		frame_system::CheckGenesis<Runtime>,
		frame_system::CheckEra<Runtime>,
		frame_system::CheckNonce<Runtime>,
		frame_system::CheckWeight<Runtime>,
		pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
		frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	),
>;

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// Storage migrations run on a runtime upgrade (`frame_system::Config::SingleBlockMigrations`).
///
/// Each is versioned: it runs on a chain whose pallet is at the storage version it starts from
/// and does nothing on any other, so a migration stays listed until every chain of this runtime
/// has run it. Pallets added by an upgrade start at their current version by themselves.
pub type Migrations = (pallet_registry::migrations::v1::MigrateV0ToV1<Runtime>,);

/// Executive: dispatches calls to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
>;

/// Types the node needs without knowing the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	pub use polkadot_sdk::sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
}

impl_opaque_keys! {
	/// The keys a collator registers for a session.
	pub struct SessionKeys {
		pub aura: Aura,
	}
}

/// Declares [`VERSION`] with spec version `$spec` (`#[runtime_version]` takes literals only).
macro_rules! runtime_version {
	($spec:tt) => {
		/// The runtime's version; wallets and nodes check `spec_version` and
		/// `transaction_version`.
		#[sp_version::runtime_version]
		pub const VERSION: RuntimeVersion = RuntimeVersion {
			spec_name: Cow::Borrowed("genochain"),
			impl_name: Cow::Borrowed("genochain"),
			authoring_version: 1,
			spec_version: $spec,
			impl_version: 0,
			apis: apis::RUNTIME_API_VERSIONS,
			transaction_version: 1,
			system_version: 1,
		};
	};
}

#[cfg(not(feature = "increment-spec-version"))]
runtime_version!(5);
// The same runtime one spec version on: what the upgrade test (e2e/tests/upgrade.test.js)
// upgrades a chain to. Never shipped.
#[cfg(feature = "increment-spec-version")]
runtime_version!(6);

/// Block timing and the asynchronous-backing parameters.
pub mod time {
	use super::BlockNumber;

	/// Target block time. Collators author a block per 6-second relay slot.
	pub const MILLISECS_PER_BLOCK: u64 = 6_000;
	/// The Aura slot: one block per slot.
	pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;
	/// The relay chain's slot.
	pub const RELAY_CHAIN_SLOT_DURATION_MILLIS: u32 = 6_000;
	/// Parachain blocks the runtime accepts per relay chain block.
	pub const BLOCK_PROCESSING_VELOCITY: u32 = 1;
	/// Blocks that may be built on top of each other before the relay chain includes them.
	pub const UNINCLUDED_SEGMENT_CAPACITY: u32 = 3;
	/// How many relay blocks behind the tip collators build; 0 builds on the newest one.
	pub const RELAY_PARENT_OFFSET: u32 = 0;

	pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
	pub const HOURS: BlockNumber = MINUTES * 60;
	pub const DAYS: BlockNumber = HOURS * 24;
}

/// Share of a block's weight that `on_initialize` handlers are expected to use; it bounds the
/// weight of a single extrinsic.
const AVERAGE_ON_INITIALIZE_RATIO: Perbill = Perbill::from_percent(5);

/// Share of a block that normal extrinsics may fill; the rest is kept for operational ones.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// Two seconds of compute per block (asynchronous backing) and the relay chain's PoV limit.
const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(
	WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2),
	cumulus_primitives_core::relay_chain::MAX_POV_SIZE as u64,
);

/// `ratio` of `weight`, in both dimensions, rounded down.
fn share_of(ratio: Perbill, weight: Weight) -> Weight {
	Weight::from_parts(ratio.mul_floor(weight.ref_time()), ratio.mul_floor(weight.proof_size()))
}

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

	// System support.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type ParachainSystem = cumulus_pallet_parachain_system;
	#[runtime::pallet_index(2)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(3)]
	pub type ParachainInfo = staging_parachain_info;
	#[runtime::pallet_index(4)]
	pub type WeightReclaim = cumulus_pallet_weight_reclaim;

	// Money.
	#[runtime::pallet_index(10)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(11)]
	pub type TransactionPayment = pallet_transaction_payment;

	// Collators. The order of these five matters: authorship before session before aura.
	#[runtime::pallet_index(20)]
	pub type Authorship = pallet_authorship;
	#[runtime::pallet_index(21)]
	pub type CollatorSelection = pallet_collator_selection;
	#[runtime::pallet_index(22)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(23)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(24)]
	pub type AuraExt = cumulus_pallet_aura_ext;

	// XCM.
	#[runtime::pallet_index(30)]
	pub type XcmpQueue = cumulus_pallet_xcmp_queue;
	#[runtime::pallet_index(31)]
	pub type PolkadotXcm = pallet_xcm;
	#[runtime::pallet_index(32)]
	pub type CumulusXcm = cumulus_pallet_xcm;
	#[runtime::pallet_index(33)]
	pub type MessageQueue = pallet_message_queue;

	// Accounts acting together or for each other.
	#[runtime::pallet_index(40)]
	pub type Utility = pallet_utility;
	#[runtime::pallet_index(41)]
	pub type Multisig = pallet_multisig;
	#[runtime::pallet_index(42)]
	pub type Proxy = pallet_proxy;

	// Governance.
	#[runtime::pallet_index(50)]
	pub type Council = pallet_collective<Instance1>;
	#[runtime::pallet_index(51)]
	pub type EthicsCommittee = pallet_collective<Instance2>;
	#[runtime::pallet_index(52)]
	pub type Whitelist = pallet_whitelist;
	#[runtime::pallet_index(53)]
	pub type Preimage = pallet_preimage;
	#[runtime::pallet_index(54)]
	pub type SafeMode = pallet_safe_mode;
	#[runtime::pallet_index(55)]
	pub type TxPause = pallet_tx_pause;

	// Genochain's own pallets take indices from 60 on.
	#[runtime::pallet_index(60)]
	pub type Registry = pallet_registry;
	#[runtime::pallet_index(61)]
	pub type Consent = pallet_consent;
	#[runtime::pallet_index(62)]
	pub type GenomeAnchor = pallet_genome_anchor;
	#[runtime::pallet_index(63)]
	pub type DataMarket = pallet_data_market;
	#[runtime::pallet_index(64)]
	pub type Redaction = pallet_redaction;
	#[runtime::pallet_index(65)]
	pub type XcmVerifier = pallet_xcm_verifier;
	/// The client other chains add, in the benchmark runtime only (see `configs::verifier_client`).
	#[cfg(feature = "runtime-benchmarks")]
	#[runtime::pallet_index(66)]
	pub type VerifierClient = pallet_verifier_client;

	#[runtime::pallet_index(255)]
	pub type Sudo = pallet_sudo;
}

cumulus_pallet_parachain_system::register_validate_block! {
	Runtime = Runtime,
	BlockExecutor = cumulus_pallet_aura_ext::BlockExecutor::<Runtime, Executive>,
}
