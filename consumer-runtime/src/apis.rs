//! The runtime APIs polkadot-omni-node-lib (`genochain-node`) and wallets call into.

use crate::{
	configs::ConsensusHook, genesis_config_presets, time, AccountId, AuraId, Balance, Block,
	Executive, InherentDataExt, Nonce, ParachainInfo, ParachainSystem, Runtime,
	RuntimeGenesisConfig, SessionKeys, System, TransactionPayment, VERSION,
};
use alloc::vec::Vec;
use polkadot_sdk::{
	cumulus_primitives_core::{ParaId, VerifySchedulingSignature},
	frame_support::{
		genesis_builder_helper::{build_state, get_preset},
		weights::Weight,
	},
	sp_api::impl_runtime_apis,
	sp_core::{crypto::KeyTypeId, OpaqueMetadata},
	sp_runtime::{
		traits::Block as BlockT,
		transaction_validity::{TransactionSource, TransactionValidity},
		ApplyExtrinsicResult,
	},
	sp_version::RuntimeVersion,
	*,
};

impl_runtime_apis! {
impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
	fn slot_duration() -> sp_consensus_aura::SlotDuration {
		sp_consensus_aura::SlotDuration::from_millis(time::SLOT_DURATION)
	}

	fn authorities() -> Vec<AuraId> {
		pallet_aura::Authorities::<Runtime>::get().into_inner()
	}
}

impl cumulus_primitives_aura::AuraUnincludedSegmentApi<Block> for Runtime {
	fn can_build_upon(
		included_hash: <Block as BlockT>::Hash,
		slot: cumulus_primitives_aura::Slot,
	) -> bool {
		ConsensusHook::can_build_upon(included_hash, slot)
	}
}

impl cumulus_primitives_core::RelayParentOffsetApi<Block> for Runtime {
	fn relay_parent_offset() -> u32 {
		time::RELAY_PARENT_OFFSET
	}

	fn max_claim_queue_offset() -> u8 {
		ParachainSystem::max_claim_queue_offset()
	}
}

impl cumulus_primitives_core::SchedulingV3EnabledApi<Block> for Runtime {
	fn scheduling_v3_enabled() -> bool {
		<Runtime as cumulus_pallet_parachain_system::Config>::SchedulingSignatureVerifier::V3_SCHEDULING_ENABLED
	}
}

impl sp_api::Core<Block> for Runtime {
	fn version() -> RuntimeVersion {
		VERSION
	}

	fn execute_block(block: <Block as BlockT>::LazyBlock) {
		Executive::execute_block(block)
	}

	fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
		Executive::initialize_block(header)
	}
}

impl sp_api::Metadata<Block> for Runtime {
	fn metadata() -> OpaqueMetadata {
		OpaqueMetadata::new(Runtime::metadata().into())
	}

	fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
		Runtime::metadata_at_version(version)
	}

	fn metadata_versions() -> Vec<u32> {
		Runtime::metadata_versions()
	}
}

impl sp_block_builder::BlockBuilder<Block> for Runtime {
	fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
		Executive::apply_extrinsic(extrinsic)
	}

	fn finalize_block() -> <Block as BlockT>::Header {
		Executive::finalize_block()
	}

	fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
		data.create_extrinsics()
	}

	fn check_inherents(
		block: <Block as BlockT>::LazyBlock,
		data: sp_inherents::InherentData,
	) -> sp_inherents::CheckInherentsResult {
		data.check_extrinsics(&block)
	}
}

impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
	fn validate_transaction(
		source: TransactionSource,
		tx: <Block as BlockT>::Extrinsic,
		block_hash: <Block as BlockT>::Hash,
	) -> TransactionValidity {
		Executive::validate_transaction(source, tx, block_hash)
	}
}

impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
	fn offchain_worker(header: &<Block as BlockT>::Header) {
		Executive::offchain_worker(header)
	}
}

impl sp_session::SessionKeys<Block> for Runtime {
	fn generate_session_keys(owner: Vec<u8>, seed: Option<Vec<u8>>) -> sp_session::OpaqueGeneratedSessionKeys {
		SessionKeys::generate(&owner, seed).into()
	}

	fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
		SessionKeys::decode_into_raw_public_keys(&encoded)
	}
}

impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
	fn account_nonce(account: AccountId) -> Nonce {
		System::account_nonce(account)
	}
}

impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
	fn query_info(
		uxt: <Block as BlockT>::Extrinsic,
		len: u32,
	) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
		TransactionPayment::query_info(uxt, len)
	}

	fn query_fee_details(
		uxt: <Block as BlockT>::Extrinsic,
		len: u32,
	) -> pallet_transaction_payment::FeeDetails<Balance> {
		TransactionPayment::query_fee_details(uxt, len)
	}

	fn query_weight_to_fee(weight: Weight) -> Balance {
		TransactionPayment::weight_to_fee(weight)
	}

	fn query_length_to_fee(length: u32) -> Balance {
		TransactionPayment::length_to_fee(length)
	}
}

impl cumulus_primitives_core::CollectCollationInfo<Block> for Runtime {
	fn collect_collation_info(header: &<Block as BlockT>::Header) -> cumulus_primitives_core::CollationInfo {
		ParachainSystem::collect_collation_info(header)
	}
}

impl cumulus_primitives_core::GetParachainInfo<Block> for Runtime {
	fn parachain_id() -> ParaId {
		ParachainInfo::parachain_id()
	}
}

impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
	fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
		build_state::<RuntimeGenesisConfig>(config)
	}

	fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
		get_preset::<RuntimeGenesisConfig>(id, &genesis_config_presets::get_preset)
	}

	fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
		genesis_config_presets::preset_names()
	}
}}
