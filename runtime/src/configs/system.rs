use crate::{
	share_of, AccountId, Balance, Block, Hash, Nonce, PalletInfo, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeOrigin, RuntimeTask, SafeMode, TxPause, AVERAGE_ON_INITIALIZE_RATIO,
	MAXIMUM_BLOCK_WEIGHT, NORMAL_DISPATCH_RATIO, VERSION,
};
use polkadot_sdk::{
	frame_support::{
		derive_impl,
		dispatch::DispatchClass,
		parameter_types,
		traits::{ConstU32, Contains, Get, InsideBoth},
		weights::constants::{BlockExecutionWeight, ExtrinsicBaseWeight, RocksDbWeight},
	},
	frame_system::{
		self,
		limits::{BlockLength, BlockWeights},
	},
	sp_runtime::traits::AccountIdLookup,
	sp_version::RuntimeVersion,
	*,
};

parameter_types! {
	pub const Version: RuntimeVersion = VERSION;

	/// At most 5 MiB per block, of which normal extrinsics may fill `NORMAL_DISPATCH_RATIO`.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(DispatchClass::Normal, |m| {
			*m = NORMAL_DISPATCH_RATIO.mul_floor(*m)
		})
		.build();

	pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
		.base_block(BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |weights| {
			weights.base_extrinsic = ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |weights| {
			weights.max_total = Some(share_of(NORMAL_DISPATCH_RATIO, MAXIMUM_BLOCK_WEIGHT));
		})
		.for_class(DispatchClass::Operational, |weights| {
			weights.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			// Operational extrinsics still fit when normal ones have filled their share.
			weights.reserved = Some(
				MAXIMUM_BLOCK_WEIGHT
					.saturating_sub(share_of(NORMAL_DISPATCH_RATIO, MAXIMUM_BLOCK_WEIGHT))
			);
		})
		.avg_block_initialization(AVERAGE_ON_INITIALIZE_RATIO)
		.build_or_panic();

	pub const SS58Prefix: u16 = genochain_primitives::currency::SS58_PREFIX;
}

/// Refuses the calls whose arguments an SDK pallet accepts although its own invariants
/// (`try_state`) do not: pallet-collator-selection takes any number of desired candidates ("we
/// trust origin calls") and from then on fails its check `desired_candidates <= MaxCandidates`,
/// so no runtime upgrade could be checked with try-runtime against the chain's state (found by
/// the runtime fuzzer, docs/FUZZING.md). The Council's motions and every other origin pass this
/// filter; Root bypasses every filter, and what it dispatches (a call the Council whitelisted by
/// hash, the relay chain's) is taken on its word (docs/THREAT-MODEL.md).
pub struct WithinPalletLimits;

impl Contains<RuntimeCall> for WithinPalletLimits {
	fn contains(call: &RuntimeCall) -> bool {
		match call {
			RuntimeCall::CollatorSelection(
				pallet_collator_selection::Call::set_desired_candidates { max },
			) => *max <= <Runtime as pallet_collator_selection::Config>::MaxCandidates::get(),
			_ => true,
		}
	}
}

#[derive_impl(frame_system::config_preludes::ParaChainDefaultConfig)]
impl frame_system::Config for Runtime {
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type Block = Block;
	type Lookup = AccountIdLookup<AccountId, ()>;
	type RuntimeEvent = RuntimeEvent;
	type RuntimeOrigin = RuntimeOrigin;
	type RuntimeCall = RuntimeCall;
	type RuntimeTask = RuntimeTask;
	type PalletInfo = PalletInfo;
	type BlockHashCount = ConstU32<4096>;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type DbWeight = RocksDbWeight;
	/// Every call passes safe mode and tx-pause and stays within the pallets' own limits; Root is
	/// never filtered.
	type BaseCallFilter = InsideBoth<InsideBoth<SafeMode, TxPause>, WithinPalletLimits>;
	type SystemWeightInfo = frame_system::weights::SubstrateWeight<Runtime>;
	type ExtensionsWeightInfo = frame_system::SubstrateExtensionsWeight<Runtime>;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type SS58Prefix = SS58Prefix;
	type OnSetCode = cumulus_pallet_parachain_system::ParachainSetCode<Self>;
	type MaxConsumers = ConstU32<16>;
	type SingleBlockMigrations = crate::Migrations;
}
