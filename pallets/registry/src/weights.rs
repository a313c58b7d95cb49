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
		Weight::from_parts(500_000_000, 20_000)
	}
	fn set_roles() -> Weight {
		Weight::from_parts(500_000_000, 20_000)
	}
	fn suspend() -> Weight {
		Weight::from_parts(500_000_000, 20_000)
	}
	fn reinstate() -> Weight {
		Weight::from_parts(500_000_000, 20_000)
	}
	fn revoke() -> Weight {
		Weight::from_parts(500_000_000, 20_000)
	}
}
impl WeightInfo for () {
	fn accredit() -> Weight {
		Weight::from_parts(500_000_000, 20_000)
	}
	fn set_roles() -> Weight {
		Weight::from_parts(500_000_000, 20_000)
	}
	fn suspend() -> Weight {
		Weight::from_parts(500_000_000, 20_000)
	}
	fn reinstate() -> Weight {
		Weight::from_parts(500_000_000, 20_000)
	}
	fn revoke() -> Weight {
		Weight::from_parts(500_000_000, 20_000)
	}
}
