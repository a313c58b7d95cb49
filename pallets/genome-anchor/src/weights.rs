//! Weights for `pallet_genome_anchor`: replaced by `make weights`.

use polkadot_sdk::frame_support::weights::Weight;

/// The weight of each call of `pallet_genome_anchor`.
pub trait WeightInfo {
	fn anchor() -> Weight;
	fn attest() -> Weight;
	fn anchor_batch() -> Weight;
	fn claim_from_batch(d: u32) -> Weight;
	fn supersede() -> Weight;
	fn prove_variant_included(d: u32, b: u32) -> Weight;
	fn prove_variant_absent(d: u32, b: u32) -> Weight;
	fn remove() -> Weight;
	fn remove_batch() -> Weight;
}

/// Replaced by `make weights`.
pub struct SubstrateWeight<T>(core::marker::PhantomData<T>);
impl<T> WeightInfo for SubstrateWeight<T> {
	fn anchor() -> Weight {
		Weight::MAX
	}
	fn attest() -> Weight {
		Weight::MAX
	}
	fn anchor_batch() -> Weight {
		Weight::MAX
	}
	fn claim_from_batch(_d: u32) -> Weight {
		Weight::MAX
	}
	fn supersede() -> Weight {
		Weight::MAX
	}
	fn prove_variant_included(_d: u32, _b: u32) -> Weight {
		Weight::MAX
	}
	fn prove_variant_absent(_d: u32, _b: u32) -> Weight {
		Weight::MAX
	}
	fn remove() -> Weight {
		Weight::MAX
	}
	fn remove_batch() -> Weight {
		Weight::MAX
	}
}

impl WeightInfo for () {
	fn anchor() -> Weight {
		Weight::MAX
	}
	fn attest() -> Weight {
		Weight::MAX
	}
	fn anchor_batch() -> Weight {
		Weight::MAX
	}
	fn claim_from_batch(_d: u32) -> Weight {
		Weight::MAX
	}
	fn supersede() -> Weight {
		Weight::MAX
	}
	fn prove_variant_included(_d: u32, _b: u32) -> Weight {
		Weight::MAX
	}
	fn prove_variant_absent(_d: u32, _b: u32) -> Weight {
		Weight::MAX
	}
	fn remove() -> Weight {
		Weight::MAX
	}
	fn remove_batch() -> Weight {
		Weight::MAX
	}
}
