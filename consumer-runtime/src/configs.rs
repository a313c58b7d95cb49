//! The pallets' configurations, but XCM's (in [`crate::xcm_config`]).

use crate::{
	time::{
		BLOCK_PROCESSING_VELOCITY, RELAY_CHAIN_SLOT_DURATION_MILLIS, RELAY_PARENT_OFFSET,
		SLOT_DURATION, UNINCLUDED_SEGMENT_CAPACITY,
	},
	xcm_config::{
		GenochainLocation, UniversalLocation, XcmConfig, XcmOriginToTransactDispatchOrigin,
		XcmRouter,
	},
	AccountId, Aura, AuraId, Balance, Balances, Block, Hash, MessageQueue, Nonce, PalletInfo,
	ParachainInfo, ParachainSystem, PolkadotXcm, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin, RuntimeTask, System, XcmpQueue,
	EXISTENTIAL_DEPOSIT, MAXIMUM_BLOCK_WEIGHT, NORMAL_DISPATCH_RATIO, UNIT, VERSION,
};
use genochain_primitives::{currency::GENE, verification::ProvenanceRequirement};
use polkadot_sdk::{
	cumulus_primitives_core::{AggregateMessageOrigin, ParaId},
	frame_support::{
		derive_impl,
		dispatch::DispatchClass,
		parameter_types,
		traits::{
			ConstBool, ConstU128, ConstU16, ConstU32, ConstU64, ConstU8, EnqueueWithOrigin, Equals,
			Everything, TransformOrigin, VariantCountOf,
		},
		weights::{
			constants::{BlockExecutionWeight, ExtrinsicBaseWeight, RocksDbWeight},
			ConstantMultiplier, IdentityFee, Weight,
		},
		PalletId,
	},
	frame_system::{
		self,
		limits::{BlockLength, BlockWeights},
		EnsureRoot,
	},
	parachains_common::message_queue::{NarrowOriginToSibling, ParaIdToSibling},
	polkadot_runtime_common::xcm_sender::NoPriceForMessageDelivery,
	sp_runtime::{
		traits::{AccountIdConversion, AccountIdLookup},
		Perbill,
	},
	sp_version::RuntimeVersion,
	staging_xcm_builder::{AliasesIntoAccountId32, ProcessXcmMessage},
	staging_xcm_executor::XcmExecutor,
	*,
};

parameter_types! {
	pub const Version: RuntimeVersion = VERSION;

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
			weights.max_total = Some(Weight::from_parts(
				NORMAL_DISPATCH_RATIO.mul_floor(MAXIMUM_BLOCK_WEIGHT.ref_time()),
				NORMAL_DISPATCH_RATIO.mul_floor(MAXIMUM_BLOCK_WEIGHT.proof_size()),
			));
		})
		.for_class(DispatchClass::Operational, |weights| {
			weights.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
		})
		.avg_block_initialization(Perbill::from_percent(5))
		.build_or_panic();
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
	type BaseCallFilter = Everything;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type SS58Prefix = ConstU16<42>;
	type OnSetCode = cumulus_pallet_parachain_system::ParachainSetCode<Self>;
	type MaxConsumers = ConstU32<16>;
}

/// Accepts at most `BLOCK_PROCESSING_VELOCITY` blocks per relay block and an unincluded segment
/// of `UNINCLUDED_SEGMENT_CAPACITY` (asynchronous backing).
pub type ConsensusHook = cumulus_pallet_aura_ext::FixedVelocityConsensusHook<
	Runtime,
	RELAY_CHAIN_SLOT_DURATION_MILLIS,
	BLOCK_PROCESSING_VELOCITY,
	UNINCLUDED_SEGMENT_CAPACITY,
>;

parameter_types! {
	pub const ReservedXcmpWeight: Weight = MAXIMUM_BLOCK_WEIGHT.saturating_div(4);
	pub const ReservedDmpWeight: Weight = MAXIMUM_BLOCK_WEIGHT.saturating_div(4);
	pub const RelayOrigin: AggregateMessageOrigin = AggregateMessageOrigin::Parent;
}

impl cumulus_pallet_parachain_system::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnSystemEvent = ();
	type SelfParaId = ParachainInfo;
	type OutboundXcmpMessageSource = XcmpQueue;
	type DmpQueue = EnqueueWithOrigin<MessageQueue, RelayOrigin>;
	type ReservedDmpWeight = ReservedDmpWeight;
	type XcmpMessageHandler = XcmpQueue;
	type ReservedXcmpWeight = ReservedXcmpWeight;
	type CheckAssociatedRelayNumber =
		cumulus_pallet_parachain_system::RelayNumberMonotonicallyIncreases;
	type ConsensusHook = ConsensusHook;
	type WeightInfo = cumulus_pallet_parachain_system::weights::SubstrateWeight<Runtime>;
	type RelayParentOffset = ConstU32<RELAY_PARENT_OFFSET>;
	type SchedulingSignatureVerifier = ();
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<0>;
	type WeightInfo = pallet_timestamp::weights::SubstrateWeight<Runtime>;
}

impl staging_parachain_info::Config for Runtime {}

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<50>;
	type ReserveIdentifier = [u8; 8];
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Fees are burnt: the collators are the chain's own, set at genesis.
	type OnChargeTransaction = pallet_transaction_payment::FungibleAdapter<Balances, ()>;
	/// One planck per picosecond of weight, one micro-unit per byte.
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = ConstantMultiplier<Balance, ConstU128<{ UNIT / 1_000_000 }>>;
	type FeeMultiplierUpdate = ();
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<32>;
	/// Several blocks may share a slot under asynchronous backing.
	type AllowMultipleBlocksPerSlot = ConstBool<true>;
	type SlotDuration = ConstU64<SLOT_DURATION>;
}

impl cumulus_pallet_aura_ext::Config for Runtime {}

impl cumulus_pallet_xcmp_queue::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ChannelInfo = ParachainSystem;
	type VersionWrapper = PolkadotXcm;
	/// Messages from siblings are queued in the message queue and executed from there.
	type XcmpQueue = TransformOrigin<MessageQueue, AggregateMessageOrigin, ParaId, ParaIdToSibling>;
	type MaxInboundSuspended = ConstU32<1_000>;
	type MaxActiveOutboundChannels = ConstU32<128>;
	type MaxPageSize = ConstU32<{ 103 * 1024 }>;
	type ControllerOrigin = EnsureRoot<AccountId>;
	type ControllerOriginConverter = XcmOriginToTransactDispatchOrigin;
	type WeightInfo = cumulus_pallet_xcmp_queue::weights::SubstrateWeight<Runtime>;
	/// Queries pay on Genochain, not for their delivery.
	type PriceForSiblingDelivery = NoPriceForMessageDelivery<ParaId>;
}

impl cumulus_pallet_xcm::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type XcmExecutor = XcmExecutor<XcmConfig>;
}

parameter_types! {
	/// At most a third of a block executes queued messages.
	pub MessageQueueServiceWeight: Weight = MAXIMUM_BLOCK_WEIGHT.saturating_div(3);
}

impl pallet_message_queue::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_message_queue::weights::SubstrateWeight<Runtime>;
	type MessageProcessor =
		ProcessXcmMessage<AggregateMessageOrigin, XcmExecutor<XcmConfig>, RuntimeCall>;
	type Size = u32;
	/// The XCMP queue only handles `Sibling(ParaId)` origins.
	type QueueChangeHandler = NarrowOriginToSibling<XcmpQueue>;
	type QueuePausedQuery = NarrowOriginToSibling<XcmpQueue>;
	type HeapSize = ConstU32<{ 103 * 1024 }>;
	type MaxStale = ConstU32<8>;
	type ServiceWeight = MessageQueueServiceWeight;
	type IdleMaxServiceWeight = MessageQueueServiceWeight;
}

parameter_types! {
	/// What a query may spend on Genochain, from this chain's sovereign account there: one GENE,
	/// far above what an answer costs; the rest is returned to the sovereign account.
	pub const QueryFee: u128 = GENE;
	/// This chain acts on genomes only a lab vouches for: every anchor or variant query requires
	/// an attestation by a lab accredited on Genochain now, and a self-asserted anchor is answered
	/// `NotAttested`.
	pub const RequiredProvenance: ProvenanceRequirement = ProvenanceRequirement::Attested;
	/// Receives the requesters' fee charges, and is spent from to keep this chain's sovereign
	/// account on Genochain funded.
	pub QueryFeeCollector: AccountId = PalletId(*b"gc/qfees").into_account_truncating();
}

/// A query's deposit, held from the requester until the query is dismissed or times out.
pub const QUERY_DEPOSIT: Balance = UNIT;
/// What a requester pays for the GENE its query may spend on Genochain: this chain's price of
/// [`QueryFee`], set by its governance (here one UNIT for one GENE).
pub const QUERY_FEE_CHARGE: Balance = UNIT;
/// Blocks a query waits for its answer: five minutes.
pub const QUERY_TIMEOUT: u32 = 50;

impl pallet_verifier_client::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Verifiers = Equals<GenochainLocation>;
	type VerifierOrigin = pallet_xcm::EnsureXcm<Equals<GenochainLocation>>;
	type XcmSender = XcmRouter;
	type XcmExecutor = XcmExecutor<XcmConfig>;
	type AccountIdToLocation = AliasesIntoAccountId32<(), AccountId>;
	type UniversalLocation = UniversalLocation;
	type QueryFee = QueryFee;
	type RequiredProvenance = RequiredProvenance;
	type QueryDeposit = ConstU128<QUERY_DEPOSIT>;
	type QueryFeeCharge = ConstU128<QUERY_FEE_CHARGE>;
	/// The fee charges go to the account that tops up the sovereign account on Genochain.
	type FeeCollector = QueryFeeCollector;
	type Timeout = ConstU32<QUERY_TIMEOUT>;
	type MaxQueriesPerBlock = ConstU32<8>;
	type WeightInfo = pallet_verifier_client::weights::SubstrateWeight<Runtime>;
}
