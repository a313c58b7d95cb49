//! The pallets `make weights` benchmarks on the compiled runtime: Genochain's own, and balances as
//! the yardstick their weights are compared with.

pub use polkadot_sdk::{frame_benchmarking::*, frame_system_benchmarking::Pallet as SystemBench};

use crate::Runtime;
pub use crate::{
	Balances, Consent, DataMarket, GenomeAnchor, Redaction, Registry, VerifierClient, XcmVerifier,
};

impl polkadot_sdk::frame_system_benchmarking::Config for Runtime {}

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
);
