//! Placeholder until `make weights` generates this file.
use polkadot_sdk::frame_support::weights::Weight;
pub trait WeightInfo {
	fn accredit() -> Weight;
	fn set_roles() -> Weight;
	fn suspend() -> Weight;
	fn reinstate() -> Weight;
	fn revoke() -> Weight;
}
pub struct SubstrateWeight<T>(core::marker::PhantomData<T>);
impl<T> WeightInfo for SubstrateWeight<T> {
	fn accredit() -> Weight {
		Weight::MAX
	}
	fn set_roles() -> Weight {
		Weight::MAX
	}
	fn suspend() -> Weight {
		Weight::MAX
	}
	fn reinstate() -> Weight {
		Weight::MAX
	}
	fn revoke() -> Weight {
		Weight::MAX
	}
}
impl WeightInfo for () {
	fn accredit() -> Weight {
		Weight::MAX
	}
	fn set_roles() -> Weight {
		Weight::MAX
	}
	fn suspend() -> Weight {
		Weight::MAX
	}
	fn reinstate() -> Weight {
		Weight::MAX
	}
	fn revoke() -> Weight {
		Weight::MAX
	}
}
