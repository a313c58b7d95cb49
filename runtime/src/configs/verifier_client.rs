//! `pallet-verifier-client` as another chain would configure it, in the benchmark runtime only:
//! Genochain itself asks no one, but its benchmark runtime is where the client's reference
//! weights are measured (a consumer chain regenerates them in its own runtime).

use super::{
	xcm_config::{RelayNetwork, UniversalLocation, XcmConfig, XcmRouter},
	TreasuryAccount,
};
use crate::{
	AccountId, Balance, Balances, ParachainSystem, Runtime, RuntimeHoldReason, RuntimeOrigin,
};
use genochain_primitives::{
	currency::{deposit, GENE},
	verification::ProvenanceRequirement,
};
use polkadot_sdk::{
	frame_support::{
		parameter_types,
		traits::{ConstU32, EnsureOrigin},
	},
	pallet_xcm::EnsureXcm,
	staging_xcm::latest::{Junction::Parachain, Location},
	staging_xcm_builder::AliasesIntoAccountId32,
	staging_xcm_executor::XcmExecutor,
};

parameter_types! {
	pub const QueryFee: u128 = GENE;
	/// The requester pays for the GENE its query may spend, in GENE.
	pub const QueryFeeCharge: Balance = QueryFee::get();
	pub const RequiredProvenance: ProvenanceRequirement = ProvenanceRequirement::Attested;
	/// One item of the largest query's size.
	pub const QueryDeposit: Balance = deposit(1, 2_300);
	pub const QueryTimeout: crate::BlockNumber = 20;
}

/// Every sibling parachain: the benchmarks ask one.
pub struct Siblings;
impl polkadot_sdk::frame_support::traits::Contains<Location> for Siblings {
	fn contains(location: &Location) -> bool {
		matches!(location.unpack(), (1, [Parachain(_)]))
	}
}

impl pallet_verifier_client::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Verifiers = Siblings;
	type VerifierOrigin = SiblingAnswers;
	type XcmSender = XcmRouter;
	type XcmExecutor = XcmExecutor<XcmConfig>;
	type AccountIdToLocation = AliasesIntoAccountId32<RelayNetwork, AccountId>;
	type UniversalLocation = UniversalLocation;
	type QueryFee = QueryFee;
	type RequiredProvenance = RequiredProvenance;
	type QueryDeposit = QueryDeposit;
	type QueryFeeCharge = QueryFeeCharge;
	type FeeCollector = TreasuryAccount;
	type Timeout = QueryTimeout;
	type MaxQueriesPerBlock = ConstU32<32>;
	type BenchmarkHelper = OpenChannel;
	type WeightInfo = pallet_verifier_client::weights::SubstrateWeight<Runtime>;
}

/// Answers as a sibling's `Xcm` origin; the benchmarks' answer comes from sibling 2000.
pub struct SiblingAnswers;
impl EnsureOrigin<RuntimeOrigin> for SiblingAnswers {
	type Success = Location;

	fn try_origin(origin: RuntimeOrigin) -> Result<Location, RuntimeOrigin> {
		EnsureXcm::<Siblings>::try_origin(origin)
	}

	fn try_successful_origin() -> Result<RuntimeOrigin, ()> {
		Ok(polkadot_sdk::pallet_xcm::Origin::Xcm(Location::new(1, [Parachain(2000)])).into())
	}
}

/// Opens a channel to the verifier asked.
pub struct OpenChannel;
impl pallet_verifier_client::BenchmarkHelper for OpenChannel {
	fn prepare_verifier(verifier: &Location) {
		if let (1, [Parachain(para)]) = verifier.unpack() {
			ParachainSystem::open_outbound_hrmp_channel_for_benchmarks_or_tests((*para).into());
		}
	}
}
