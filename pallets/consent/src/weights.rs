//! Placeholder until `make weights` generates this file.
use polkadot_sdk::frame_support::weights::Weight;
pub trait WeightInfo {
	fn grant() -> Weight;
	fn approve() -> Weight;
	fn revoke() -> Weight;
	fn record_access() -> Weight;
	fn remove() -> Weight;
}
pub struct SubstrateWeight<T>(core::marker::PhantomData<T>);
impl<T> WeightInfo for SubstrateWeight<T> {
	fn grant() -> Weight {
		Weight::from_parts(500_000_000, 20_000)
	}
	fn approve() -> Weight {
		Weight::from_parts(500_000_000, 20_000)
	}
	fn revoke() -> Weight {
		Weight::from_parts(500_000_000, 20_000)
	}
	fn record_access() -> Weight {
		Weight::from_parts(500_000_000, 20_000)
	}
	fn remove() -> Weight {
		Weight::from_parts(500_000_000, 20_000)
	}
}
impl WeightInfo for () {
	fn grant() -> Weight {
		Weight::from_parts(500_000_000, 20_000)
	}
	fn approve() -> Weight {
		Weight::from_parts(500_000_000, 20_000)
	}
	fn revoke() -> Weight {
		Weight::from_parts(500_000_000, 20_000)
	}
	fn record_access() -> Weight {
		Weight::from_parts(500_000_000, 20_000)
	}
	fn remove() -> Weight {
		Weight::from_parts(500_000_000, 20_000)
	}
}
