//! The pallets `make weights` benchmarks on the compiled runtime: Genochain's own, `pallet_xcm`
//! and the XCM instructions (`pallet_xcm_benchmarks`; their weights the runtime keeps in
//! `weights/`), and balances as the yardstick their weights are compared with.

pub use polkadot_sdk::{
	frame_benchmarking::*, frame_system_benchmarking::Pallet as SystemBench,
	pallet_xcm::benchmarking::Pallet as PalletXcmExtrinsicsBenchmark,
};

/// The XCM instructions that move assets, and the others.
pub type XcmFungible = polkadot_sdk::pallet_xcm_benchmarks::fungible::Pallet<Runtime>;
pub type XcmGeneric = polkadot_sdk::pallet_xcm_benchmarks::generic::Pallet<Runtime>;

use crate::{
	configs::xcm_config::{GeneLocation, LocationToAccountId, PriceForSiblingDelivery, XcmConfig},
	AccountId, Balance, ParachainSystem, Runtime, RuntimeCall,
};
pub use crate::{
	Balances, Consent, DataMarket, GenomeAnchor, Redaction, Registry, VerifierClient, XcmVerifier,
};
use alloc::{boxed::Box, vec::Vec};
use genochain_primitives::currency::{EXISTENTIAL_DEPOSIT, GENE};
use polkadot_sdk::{
	cumulus_primitives_core::ParaId,
	frame_support::{parameter_types, traits::fungible::Mutate},
	polkadot_runtime_common::xcm_sender::ToParachainDeliveryHelper,
	staging_xcm::latest::prelude::*,
	staging_xcm_builder::MintLocation,
	staging_xcm_executor::{traits::ConvertLocation, AssetsInHolding},
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
	type DeliveryHelper = DeliveryToSibling;

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
	[pallet_xcm_benchmarks::fungible, XcmFungible]
	[pallet_xcm_benchmarks::generic, XcmGeneric]
);

type DeliveryToSibling = ToParachainDeliveryHelper<
	XcmConfig,
	ExistentialDepositAsset,
	PriceForSiblingDelivery,
	BenchmarkSibling,
	ParachainSystem,
>;

impl pallet_xcm_benchmarks::Config for Runtime {
	type XcmConfig = XcmConfig;
	type AccountIdConverter = LocationToAccountId;
	type DeliveryHelper = DeliveryToSibling;

	fn valid_destination() -> Result<Location, BenchmarkError> {
		Ok(sibling())
	}

	/// GENE is the only asset held here: a holding register of a million GENE.
	fn worst_case_holding(_depositable_count: u32) -> AssetsInHolding {
		let mut holding = AssetsInHolding::new();
		holding.fungible.insert(
			AssetId(GeneLocation::get()),
			Box::new(pallet_xcm_benchmarks::MockCredit(1_000_000 * GENE)),
		);
		holding
	}
}

parameter_types! {
	/// Nothing is teleported to or from Genochain, and no chain is a reserve of what it holds:
	/// the instructions that need either are skipped, and weighed as impossible.
	pub const NoTrustedTeleporter: Option<(Location, Asset)> = None;
	pub const NoTrustedReserve: Option<(Location, Asset)> = None;
	pub const NoCheckedAccount: Option<(AccountId, MintLocation)> = None;
}

impl pallet_xcm_benchmarks::fungible::Config for Runtime {
	type TransactAsset = Balances;
	type CheckedAccount = NoCheckedAccount;
	type TrustedTeleporter = NoTrustedTeleporter;
	type TrustedReserve = NoTrustedReserve;

	fn get_asset() -> Asset {
		gene(1_000)
	}
}

impl pallet_xcm_benchmarks::generic::Config for Runtime {
	type TransactAsset = Balances;
	type RuntimeCall = RuntimeCall;

	fn worst_case_response() -> (u64, Response) {
		(0, Response::Version(XCM_VERSION))
	}

	/// No asset exchange, universal alias, asset locking, export or alias is configured: their
	/// instructions are skipped, and weighed as impossible.
	fn worst_case_asset_exchange() -> Result<(Assets, Assets), BenchmarkError> {
		Err(BenchmarkError::Skip)
	}

	fn universal_alias() -> Result<(Location, Junction), BenchmarkError> {
		Err(BenchmarkError::Skip)
	}

	/// A sibling's `Transact` of a call that does nothing: the instruction's own cost. The call's
	/// weight (in practice `xcmVerifier.verify`'s) is added by the weigher. The benchmark runtime
	/// lets this remark through (`configs::xcm_config`); the chain admits only the verifier.
	fn transact_origin_and_runtime_call() -> Result<(Location, RuntimeCall), BenchmarkError> {
		Ok((sibling(), frame_system::Call::remark { remark: Vec::new() }.into()))
	}

	fn subscribe_origin() -> Result<Location, BenchmarkError> {
		Ok(sibling())
	}

	fn claimable_asset() -> Result<(Location, Location, Assets), BenchmarkError> {
		Ok((sibling(), Location::here(), gene(1_000).into()))
	}

	fn worst_case_for_trader() -> Result<(Asset, WeightLimit), BenchmarkError> {
		Ok((gene(1_000_000), WeightLimit::Unlimited))
	}

	fn unlockable_asset() -> Result<(Location, Location, Asset), BenchmarkError> {
		Err(BenchmarkError::Skip)
	}

	fn export_message_origin_and_destination(
	) -> Result<(Location, NetworkId, InteriorLocation), BenchmarkError> {
		Err(BenchmarkError::Skip)
	}

	fn alias_origin() -> Result<(Location, Location), BenchmarkError> {
		Err(BenchmarkError::Skip)
	}
}
