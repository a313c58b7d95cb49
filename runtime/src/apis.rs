//! The runtime APIs: what the node (polkadot-omni-node-lib) and Polkadot.js call into.

// `ConsentApi::check_release` takes six arguments, which its generated client side extends.
#![allow(clippy::too_many_arguments)]

use crate::{
	configs::{
		parachain_system::ConsensusHook,
		xcm_config::{self, GeneLocation, XcmConfig},
	},
	genesis_config_presets, time, AccountId, AuraId, Balance, Block, BlockNumber, Consent,
	DataMarket, Executive, GenomeAnchor, InherentDataExt, Nonce, OriginCaller, ParachainInfo,
	ParachainSystem, PolkadotXcm, Redaction, Registry, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeGenesisConfig, SessionKeys, System, TransactionPayment, VERSION,
};
use alloc::vec::Vec;
use genochain_primitives::{
	anchor::{Anchor, AnchorId, AnchorProofRefusal, Provenance, VariantVerdict},
	consent::{
		AccessRefusal, ConsentId, ConsentView, DataCategory, DatasetId, DatasetKeeping, Role,
		Standing,
	},
	duo::RequestedUse,
	fingerprint::VariantProof,
	market::{Earnings, EnrolmentView, StudyId, StudyPage, StudyView},
	redaction::{CaseId, ErasureCaseView, Lookup, RecordRef, Tombstone},
	traits::Accreditation,
};
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
	staging_xcm::{
		latest::prelude::AssetId, Version as XcmVersion, VersionedAssetId, VersionedAssets,
		VersionedLocation, VersionedXcm,
	},
	xcm_runtime_apis::{
		dry_run::{CallDryRunEffects, Error as XcmDryRunApiError, XcmDryRunEffects},
		fees::Error as XcmPaymentApiError,
	},
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

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}

		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
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

	impl xcm_runtime_apis::fees::XcmPaymentApi<Block> for Runtime {
		fn query_acceptable_payment_assets(xcm_version: XcmVersion) -> Result<Vec<VersionedAssetId>, XcmPaymentApiError> {
			PolkadotXcm::query_acceptable_payment_assets(xcm_version, alloc::vec![AssetId(GeneLocation::get())])
		}

		fn query_weight_to_asset_fee(weight: Weight, asset: VersionedAssetId) -> Result<u128, XcmPaymentApiError> {
			type Trader = <XcmConfig as staging_xcm_executor::Config>::Trader;
			PolkadotXcm::query_weight_to_asset_fee::<Trader>(weight, asset)
		}

		fn query_xcm_weight(message: VersionedXcm<()>) -> Result<Weight, XcmPaymentApiError> {
			PolkadotXcm::query_xcm_weight(message)
		}

		fn query_delivery_fees(
			destination: VersionedLocation,
			message: VersionedXcm<()>,
			asset_id: VersionedAssetId,
		) -> Result<VersionedAssets, XcmPaymentApiError> {
			type AssetExchanger = <XcmConfig as staging_xcm_executor::Config>::AssetExchanger;
			PolkadotXcm::query_delivery_fees::<AssetExchanger>(destination, message, asset_id)
		}
	}

	impl xcm_runtime_apis::dry_run::DryRunApi<Block, RuntimeCall, RuntimeEvent, OriginCaller> for Runtime {
		fn dry_run_call(
			origin: OriginCaller,
			call: RuntimeCall,
			result_xcms_version: XcmVersion,
		) -> Result<CallDryRunEffects<RuntimeEvent>, XcmDryRunApiError> {
			PolkadotXcm::dry_run_call::<Runtime, xcm_config::XcmRouter, OriginCaller, RuntimeCall>(
				origin,
				call,
				result_xcms_version,
			)
		}

		fn dry_run_xcm(
			origin_location: VersionedLocation,
			xcm: VersionedXcm<RuntimeCall>,
		) -> Result<XcmDryRunEffects<RuntimeEvent>, XcmDryRunApiError> {
			PolkadotXcm::dry_run_xcm::<xcm_config::XcmRouter>(origin_location, xcm)
		}
	}

	impl xcm_runtime_apis::conversions::LocationToAccountApi<Block, AccountId> for Runtime {
		fn convert_location(location: VersionedLocation) -> Result<AccountId, xcm_runtime_apis::conversions::Error> {
			xcm_runtime_apis::conversions::LocationToAccountHelper::<
				AccountId,
				xcm_config::LocationToAccountId,
			>::convert_location(location)
		}
	}

	#[api_version(2)]
	impl pallet_consent_runtime_api::ConsentApi<Block, AccountId, BlockNumber> for Runtime {
		fn check_access(
			accessor: AccountId,
			subject: AccountId,
			dataset: DatasetId,
			category: DataCategory,
			requested: RequestedUse,
		) -> Result<ConsentId, AccessRefusal> {
			// An erased dataset answers `Redacted` from its tombstone.
			Consent::find_consent(&accessor, &subject, &dataset, category, &requested, None)
		}

		fn consents_of(subject: AccountId) -> Vec<ConsentView<AccountId, BlockNumber>> {
			Consent::consents_of(&subject)
		}

		fn consents_to(
			grantee: AccountId,
			after: Option<ConsentId>,
			limit: u32,
		) -> Vec<ConsentView<AccountId, BlockNumber>> {
			Consent::consents_to(&grantee, after, limit)
		}

		fn consent(consent: ConsentId) -> Lookup<ConsentView<AccountId, BlockNumber>, BlockNumber> {
			Redaction::lookup(&RecordRef::Consent(consent), Consent::consent(consent))
		}

		fn dataset(dataset: DatasetId) -> Result<DatasetKeeping<AccountId>, AccessRefusal> {
			Consent::dataset(&dataset)
		}

		fn check_release(
			custodian: AccountId,
			accessor: AccountId,
			subject: AccountId,
			dataset: DatasetId,
			category: DataCategory,
			requested: RequestedUse,
		) -> Result<ConsentId, AccessRefusal> {
			Consent::find_consent(&accessor, &subject, &dataset, category, &requested, Some(&custodian))
		}

		fn standing(account: AccountId, role: Role) -> Standing {
			Registry::standing(&account, role)
		}
	}

	impl pallet_genome_anchor_runtime_api::AnchorApi<Block, AccountId, BlockNumber> for Runtime {
		fn anchor(anchor: AnchorId) -> Lookup<Anchor<AccountId, BlockNumber>, BlockNumber> {
			Redaction::lookup(&RecordRef::Anchor(anchor), GenomeAnchor::anchor_info(&anchor))
		}

		fn anchors_of(subject: AccountId) -> Vec<(AnchorId, Anchor<AccountId, BlockNumber>)> {
			GenomeAnchor::anchors_of(&subject)
		}

		fn verify_variant(
			anchor: AnchorId,
			proof: VariantProof,
		) -> Result<VariantVerdict<AccountId, BlockNumber>, AnchorProofRefusal> {
			if Redaction::tombstone(&RecordRef::Anchor(anchor)).is_some() {
				return Err(AnchorProofRefusal::Redacted);
			}
			GenomeAnchor::verdict(&anchor, &proof)
		}

		fn provenance(anchor: AnchorId) -> Lookup<Provenance<AccountId, BlockNumber>, BlockNumber> {
			let found = GenomeAnchor::anchor_info(&anchor).map(|found| GenomeAnchor::provenance(&found));
			Redaction::lookup(&RecordRef::Anchor(anchor), found)
		}
	}

	#[api_version(2)]
	impl pallet_data_market_runtime_api::MarketApi<Block, AccountId, Balance, BlockNumber>
		for Runtime
	{
		fn open_studies(
			after: Option<StudyId>,
			limit: u32,
		) -> StudyPage<AccountId, Balance, BlockNumber> {
			DataMarket::open_studies(after, limit)
		}

		fn study(study: StudyId) -> Lookup<StudyView<AccountId, Balance, BlockNumber>, BlockNumber> {
			Redaction::lookup(&RecordRef::Study(study), DataMarket::study(study))
		}

		fn enrolment(
			study: StudyId,
			contributor: AccountId,
		) -> Lookup<EnrolmentView<BlockNumber>, BlockNumber> {
			let found = DataMarket::enrolment(study, &contributor);
			Redaction::lookup(&RecordRef::Enrolment { study, contributor }, found)
		}

		fn earnings(contributor: AccountId) -> Earnings<Balance, BlockNumber> {
			DataMarket::earnings(&contributor)
		}
	}

	impl pallet_redaction_runtime_api::RedactionApi<Block, AccountId, BlockNumber> for Runtime {
		fn tombstone(record: RecordRef<AccountId>) -> Option<Tombstone<BlockNumber>> {
			Redaction::tombstone(&record)
		}

		fn erasure_case(case: CaseId) -> Option<ErasureCaseView<AccountId, BlockNumber>> {
			Redaction::erasure_case(case)
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use crate::benchmarks::*;
			use frame_support::traits::StorageInfoTrait;

			let mut list = Vec::<frame_benchmarking::BenchmarkList>::new();
			list_benchmarks!(list, extra);
			(list, crate::AllPalletsWithSystem::storage_info())
		}

		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use crate::benchmarks::*;
			use frame_support::traits::WhitelistedStorageKeys;

			let whitelist = crate::AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<frame_benchmarking::BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			if batches.is_empty() {
				return Err("no benchmark of this pallet in the runtime".into());
			}
			Ok(batches)
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
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			// try-runtime is an off-chain tool: a failed upgrade check must abort it loudly.
			#[allow(clippy::unwrap_used)]
			let weight = Executive::try_runtime_upgrade(checks).unwrap();
			(weight, crate::configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			#[allow(clippy::unwrap_used)]
			Executive::try_execute_block(block, state_root_check, signature_check, select).unwrap()
		}
	}
}
