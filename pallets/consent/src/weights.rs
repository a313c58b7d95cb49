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
		Weight::MAX
	}
	fn approve() -> Weight {
		Weight::MAX
	}
	fn revoke() -> Weight {
		Weight::MAX
	}
	fn record_access() -> Weight {
		Weight::MAX
	}
	fn remove() -> Weight {
		Weight::MAX
	}
}
impl WeightInfo for () {
	fn grant() -> Weight {
		Weight::MAX
	}
	fn approve() -> Weight {
		Weight::MAX
	}
	fn revoke() -> Weight {
		Weight::MAX
	}
	fn record_access() -> Weight {
		Weight::MAX
	}
	fn remove() -> Weight {
		Weight::MAX
	}
}
