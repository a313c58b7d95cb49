//! The XCM executor's weigher: every instruction weighed by its benchmark
//! (`pallet_xcm_benchmarks`, run on this runtime by `make weights`).
//!
//! Instructions that move assets weigh per asset, and GENE is the only asset this chain holds: any
//! other asset makes them weigh [`Weight::MAX`], so a message naming one is refused before it runs.
//! So do the instructions this chain's XCM configuration does not support (teleports, assets
//! reserved elsewhere, exchanges, locks, exports, aliases, universal origins): their benchmarks
//! are skipped.

mod pallet_xcm_benchmarks_fungible;
mod pallet_xcm_benchmarks_generic;

use crate::{configs::xcm_config::GeneLocation, Runtime};
use alloc::vec::Vec;
use pallet_xcm_benchmarks_fungible::WeightInfo as Fungible;
use pallet_xcm_benchmarks_generic::WeightInfo as Generic;
use polkadot_sdk::{
	frame_support::weights::Weight,
	sp_runtime::BoundedVec,
	staging_xcm::{
		latest::{prelude::*, AssetTransferFilter, MaxAssetTransferFilters},
		DoubleEncoded,
	},
};

/// The weight of an instruction on `assets`, `per_asset` for each, when they are all GENE.
trait WeighAssets {
	fn weigh_assets(&self, per_asset: Weight) -> Weight;
}

fn weigh_asset(asset: &Asset, per_asset: Weight) -> Weight {
	if asset.id == AssetId(GeneLocation::get()) {
		per_asset
	} else {
		Weight::MAX
	}
}

impl WeighAssets for Assets {
	fn weigh_assets(&self, per_asset: Weight) -> Weight {
		self.inner()
			.iter()
			.fold(Weight::zero(), |sum, asset| sum.saturating_add(weigh_asset(asset, per_asset)))
	}
}

impl WeighAssets for AssetFilter {
	fn weigh_assets(&self, per_asset: Weight) -> Weight {
		match self {
			Self::Definite(assets) => assets.weigh_assets(per_asset),
			// A wildcard matches what is in the holding register: GENE at most.
			Self::Wild(AllCounted(0) | AllOfCounted { count: 0, .. }) => Weight::zero(),
			Self::Wild(All | AllCounted(_) | AllOf { .. } | AllOfCounted { .. }) => per_asset,
		}
	}
}

/// Weighs XCM instructions for `XcmConfig` and `pallet_xcm`.
pub struct GenochainXcmWeight<RuntimeCall>(core::marker::PhantomData<RuntimeCall>);

impl<RuntimeCall> XcmWeightInfo<RuntimeCall> for GenochainXcmWeight<RuntimeCall> {
	fn withdraw_asset(assets: &Assets) -> Weight {
		assets.weigh_assets(Fungible::<Runtime>::withdraw_asset())
	}
	fn reserve_asset_deposited(_assets: &Assets) -> Weight {
		// No chain is trusted as a reserve of anything held here.
		Weight::MAX
	}
	fn receive_teleported_asset(_assets: &Assets) -> Weight {
		// Nothing is teleported.
		Weight::MAX
	}
	fn query_response(
		_query_id: &u64,
		_response: &Response,
		_max_weight: &Weight,
		_querier: &Option<Location>,
	) -> Weight {
		Generic::<Runtime>::query_response()
	}
	fn transfer_asset(assets: &Assets, _beneficiary: &Location) -> Weight {
		assets.weigh_assets(Fungible::<Runtime>::transfer_asset())
	}
	fn transfer_reserve_asset(assets: &Assets, _dest: &Location, _xcm: &Xcm<()>) -> Weight {
		assets.weigh_assets(Fungible::<Runtime>::transfer_reserve_asset())
	}
	/// The instruction's own cost; the weigher adds the call's.
	fn transact(
		_origin_kind: &OriginKind,
		_fallback_max_weight: &Option<Weight>,
		_call: &DoubleEncoded<RuntimeCall>,
	) -> Weight {
		Generic::<Runtime>::transact()
	}
	// The relay chain's HRMP notifications reach handlers that do nothing (`()`): the executor
	// only reads the instruction, as it does for `ClearOrigin`.
	fn hrmp_new_channel_open_request(
		_sender: &u32,
		_max_message_size: &u32,
		_max_capacity: &u32,
	) -> Weight {
		Generic::<Runtime>::clear_origin()
	}
	fn hrmp_channel_accepted(_recipient: &u32) -> Weight {
		Generic::<Runtime>::clear_origin()
	}
	fn hrmp_channel_closing(_initiator: &u32, _sender: &u32, _recipient: &u32) -> Weight {
		Generic::<Runtime>::clear_origin()
	}
	fn clear_origin() -> Weight {
		Generic::<Runtime>::clear_origin()
	}
	fn descend_origin(_who: &InteriorLocation) -> Weight {
		Generic::<Runtime>::descend_origin()
	}
	fn report_error(_response_info: &QueryResponseInfo) -> Weight {
		Generic::<Runtime>::report_error()
	}
	fn deposit_asset(assets: &AssetFilter, _beneficiary: &Location) -> Weight {
		assets.weigh_assets(Fungible::<Runtime>::deposit_asset())
	}
	fn deposit_reserve_asset(assets: &AssetFilter, _dest: &Location, _xcm: &Xcm<()>) -> Weight {
		assets.weigh_assets(Fungible::<Runtime>::deposit_reserve_asset())
	}
	fn exchange_asset(_give: &AssetFilter, _want: &Assets, _maximal: &bool) -> Weight {
		Weight::MAX
	}
	fn initiate_reserve_withdraw(
		assets: &AssetFilter,
		_reserve: &Location,
		_xcm: &Xcm<()>,
	) -> Weight {
		assets.weigh_assets(Fungible::<Runtime>::initiate_reserve_withdraw())
	}
	fn initiate_teleport(_assets: &AssetFilter, _dest: &Location, _xcm: &Xcm<()>) -> Weight {
		Weight::MAX
	}
	fn initiate_transfer(
		_destination: &Location,
		remote_fees: &Option<AssetTransferFilter>,
		_preserve_origin: &bool,
		assets: &BoundedVec<AssetTransferFilter, MaxAssetTransferFilters>,
		_remote_xcm: &Xcm<()>,
	) -> Weight {
		let per_asset = Fungible::<Runtime>::initiate_transfer();
		let fees = remote_fees
			.as_ref()
			.map_or(Weight::zero(), |fees| fees.inner().weigh_assets(per_asset));
		assets
			.iter()
			.fold(fees, |sum, filter| sum.saturating_add(filter.inner().weigh_assets(per_asset)))
	}
	fn report_holding(_response_info: &QueryResponseInfo, _assets: &AssetFilter) -> Weight {
		Generic::<Runtime>::report_holding()
	}
	fn buy_execution(_fees: &Asset, _weight_limit: &WeightLimit) -> Weight {
		Generic::<Runtime>::buy_execution()
	}
	fn pay_fees(_asset: &Asset) -> Weight {
		Generic::<Runtime>::pay_fees()
	}
	fn refund_surplus() -> Weight {
		Generic::<Runtime>::refund_surplus()
	}
	fn set_error_handler(_xcm: &Xcm<RuntimeCall>) -> Weight {
		Generic::<Runtime>::set_error_handler()
	}
	fn set_appendix(_xcm: &Xcm<RuntimeCall>) -> Weight {
		Generic::<Runtime>::set_appendix()
	}
	fn clear_error() -> Weight {
		Generic::<Runtime>::clear_error()
	}
	fn set_hints(hints: &BoundedVec<Hint, HintNumVariants>) -> Weight {
		hints.iter().fold(Weight::zero(), |sum, hint| match hint {
			AssetClaimer { .. } => sum.saturating_add(Generic::<Runtime>::asset_claimer()),
		})
	}
	fn claim_asset(_assets: &Assets, _ticket: &Location) -> Weight {
		Generic::<Runtime>::claim_asset()
	}
	fn trap(_code: &u64) -> Weight {
		Generic::<Runtime>::trap()
	}
	fn subscribe_version(_query_id: &QueryId, _max_response_weight: &Weight) -> Weight {
		Generic::<Runtime>::subscribe_version()
	}
	fn unsubscribe_version() -> Weight {
		Generic::<Runtime>::unsubscribe_version()
	}
	fn burn_asset(assets: &Assets) -> Weight {
		assets.weigh_assets(Generic::<Runtime>::burn_asset())
	}
	fn expect_asset(assets: &Assets) -> Weight {
		assets.weigh_assets(Generic::<Runtime>::expect_asset())
	}
	fn expect_origin(_origin: &Option<Location>) -> Weight {
		Generic::<Runtime>::expect_origin()
	}
	fn expect_error(_error: &Option<(u32, XcmError)>) -> Weight {
		Generic::<Runtime>::expect_error()
	}
	fn expect_transact_status(_transact_status: &MaybeErrorCode) -> Weight {
		Generic::<Runtime>::expect_transact_status()
	}
	fn query_pallet(_module_name: &Vec<u8>, _response_info: &QueryResponseInfo) -> Weight {
		Generic::<Runtime>::query_pallet()
	}
	fn expect_pallet(
		_index: &u32,
		_name: &Vec<u8>,
		_module_name: &Vec<u8>,
		_crate_major: &u32,
		_min_crate_minor: &u32,
	) -> Weight {
		Generic::<Runtime>::expect_pallet()
	}
	fn report_transact_status(_response_info: &QueryResponseInfo) -> Weight {
		Generic::<Runtime>::report_transact_status()
	}
	fn clear_transact_status() -> Weight {
		Generic::<Runtime>::clear_transact_status()
	}
	fn universal_origin(_junction: &Junction) -> Weight {
		Weight::MAX
	}
	fn export_message(_network: &NetworkId, _destination: &Junctions, _xcm: &Xcm<()>) -> Weight {
		Weight::MAX
	}
	fn lock_asset(_asset: &Asset, _unlocker: &Location) -> Weight {
		Weight::MAX
	}
	fn unlock_asset(_asset: &Asset, _target: &Location) -> Weight {
		Weight::MAX
	}
	fn note_unlockable(_asset: &Asset, _owner: &Location) -> Weight {
		Weight::MAX
	}
	fn request_unlock(_asset: &Asset, _locker: &Location) -> Weight {
		Weight::MAX
	}
	fn set_fees_mode(_jit_withdraw: &bool) -> Weight {
		Generic::<Runtime>::set_fees_mode()
	}
	fn set_topic(_topic: &[u8; 32]) -> Weight {
		Generic::<Runtime>::set_topic()
	}
	fn clear_topic() -> Weight {
		Generic::<Runtime>::clear_topic()
	}
	fn alias_origin(_location: &Location) -> Weight {
		Weight::MAX
	}
	fn unpaid_execution(_weight_limit: &WeightLimit, _check_origin: &Option<Location>) -> Weight {
		Generic::<Runtime>::unpaid_execution()
	}
	fn execute_with_origin(
		_descendant_origin: &Option<InteriorLocation>,
		_xcm: &Xcm<RuntimeCall>,
	) -> Weight {
		Generic::<Runtime>::execute_with_origin()
	}
}
