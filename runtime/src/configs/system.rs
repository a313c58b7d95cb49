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
		traits::{ConstU32, InsideBoth},
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
	/// Every call passes safe mode and tx-pause; Root is never filtered.
	type BaseCallFilter = InsideBoth<SafeMode, TxPause>;
	type SystemWeightInfo = frame_system::weights::SubstrateWeight<Runtime>;
	type ExtensionsWeightInfo = frame_system::SubstrateExtensionsWeight<Runtime>;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type SS58Prefix = SS58Prefix;
	type OnSetCode = cumulus_pallet_parachain_system::ParachainSetCode<Self>;
	type MaxConsumers = ConstU32<16>;
	type SingleBlockMigrations = crate::Migrations;
}
