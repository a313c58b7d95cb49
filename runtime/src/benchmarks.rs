//! The pallets `make weights` benchmarks on the compiled runtime: Genochain's own, `pallet_xcm`
//! (whose weights the runtime keeps in `weights/`), and balances as the yardstick their weights are
//! compared with.

pub use polkadot_sdk::{
	frame_benchmarking::*, frame_system_benchmarking::Pallet as SystemBench,
	pallet_xcm::benchmarking::Pallet as PalletXcmExtrinsicsBenchmark,
};

use crate::{
	configs::xcm_config::{GeneLocation, LocationToAccountId, PriceForSiblingDelivery, XcmConfig},
	AccountId, Balance, ParachainSystem, Runtime, RuntimeCall,
};
pub use crate::{
	Balances, Consent, DataMarket, GenomeAnchor, Redaction, Registry, VerifierClient, XcmVerifier,
};
use alloc::{boxed::Box, vec::Vec};
use genochain_primitives::currency::EXISTENTIAL_DEPOSIT;
use polkadot_sdk::{
	cumulus_primitives_core::ParaId,
	frame_support::{parameter_types, traits::fungible::Mutate},
	polkadot_runtime_common::xcm_sender::ToParachainDeliveryHelper,
	staging_xcm::latest::prelude::*,
	staging_xcm_executor::traits::ConvertLocation,
	*,
};

impl polkadot_sdk::frame_system_benchmarking::Config for Runtime {}

/// The sibling the XCM benchmarks send to and transfer GENE to.
const SIBLING: u32 = 2_000;

parameter_types! {
	pub ExistentialDepositAsset: Option<Asset> =
		Some((GeneLocation::get(), EXISTENTIAL_DEPOSIT).into());
	pub const BenchmarkSibling: ParaId = ParaId::new(SIBLING);
}

fn sibling() -> Location {
	Location::new(1, [Parachain(SIBLING)])
}

/// GENE worth `existential_deposits` times the existential deposit.
fn gene(existential_deposits: Balance) -> Asset {
	(GeneLocation::get(), EXISTENTIAL_DEPOSIT.saturating_mul(existential_deposits)).into()
}

impl pallet_xcm::benchmarking::Config for Runtime {
	/// Opens a channel to the sibling and funds the sender for its delivery.
	type DeliveryHelper = ToParachainDeliveryHelper<
		XcmConfig,
		ExistentialDepositAsset,
		PriceForSiblingDelivery,
		BenchmarkSibling,
		ParachainSystem,
	>;

	fn reachable_dest() -> Option<Location> {
		Some(sibling())
	}

	/// Nothing is teleported.
	fn teleportable_asset_and_dest() -> Option<(Asset, Location)> {
		None
	}

	/// GENE to a sibling: the reserve transfer this chain offers.
	fn reserve_transferable_asset_and_dest() -> Option<(Asset, Location)> {
		Some((gene(100), sibling()))
	}

	/// `transfer_assets` of GENE to a sibling, its fees paid in GENE: a reserve transfer, as the
	/// chain offers no teleport. The sibling's sovereign account receives it.
	fn set_up_complex_asset_transfer() -> Option<(Assets, u32, Location, Box<dyn FnOnce()>)> {
		let caller: AccountId = whitelisted_caller();
		let asset = gene(100);
		let Fungible(amount) = asset.fun else { return None };
		Balances::mint_into(&caller, amount.saturating_mul(2)).ok()?;
		let sovereign = LocationToAccountId::convert_location(&sibling())?;
		let before = Balances::free_balance(&sovereign);
		let verify = Box::new(move || {
			assert!(Balances::free_balance(&sovereign) > before, "the GENE reached the reserve");
		});
		Some((asset.into(), 0, sibling(), verify))
	}

	/// Only GENE is held here.
	fn get_asset() -> Asset {
		gene(1)
	}

	fn batch_call(calls: Vec<RuntimeCall>) -> Option<RuntimeCall> {
		Some(RuntimeCall::Utility(pallet_utility::Call::batch { calls }))
	}
}

define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_registry, Registry]
	[pallet_consent, Consent]
	[pallet_genome_anchor, GenomeAnchor]
	[pallet_data_market, DataMarket]
	[pallet_redaction, Redaction]
	[pallet_xcm_verifier, XcmVerifier]
	[pallet_verifier_client, VerifierClient]
	[pallet_xcm, PalletXcmExtrinsicsBenchmark::<Runtime>]
);
