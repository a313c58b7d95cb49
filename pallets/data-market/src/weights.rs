//! Weights for `pallet_data_market`: placeholder until `make weights` generates this file.

#![allow(missing_docs)]

use core::marker::PhantomData;
use polkadot_sdk::frame_support::weights::{constants::RocksDbWeight, Weight};

pub trait WeightInfo {
	fn create_study() -> Weight;
	fn enroll() -> Weight;
	fn withdraw() -> Weight;
	fn confirm_delivery() -> Weight;
	fn dispute() -> Weight;
	fn resolve_dispute_pay() -> Weight;
	fn resolve_dispute_refund() -> Weight;
	fn close_study(n: u32) -> Weight;
	fn settle_payout() -> Weight;
	fn settle_lapsed() -> Weight;
	fn set_dispute_window() -> Weight;
	fn on_idle_payouts(n: u32) -> Weight;
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T> WeightInfo for SubstrateWeight<T> {
	fn create_study() -> Weight {
		RocksDbWeight::get().reads(1)
	}
	fn enroll() -> Weight {
		RocksDbWeight::get().reads(1)
	}
	fn withdraw() -> Weight {
		RocksDbWeight::get().reads(1)
	}
	fn confirm_delivery() -> Weight {
		RocksDbWeight::get().reads(1)
	}
	fn dispute() -> Weight {
		RocksDbWeight::get().reads(1)
	}
	fn resolve_dispute_pay() -> Weight {
		RocksDbWeight::get().reads(1)
	}
	fn resolve_dispute_refund() -> Weight {
		RocksDbWeight::get().reads(1)
	}
	fn close_study(_n: u32) -> Weight {
		RocksDbWeight::get().reads(1)
	}
	fn settle_payout() -> Weight {
		RocksDbWeight::get().reads(1)
	}
	fn settle_lapsed() -> Weight {
		RocksDbWeight::get().reads(1)
	}
	fn set_dispute_window() -> Weight {
		RocksDbWeight::get().reads(1)
	}
	fn on_idle_payouts(n: u32) -> Weight {
		RocksDbWeight::get().reads(1 + n as u64)
	}
}

impl WeightInfo for () {
	fn create_study() -> Weight {
		Weight::zero()
	}
	fn enroll() -> Weight {
		Weight::zero()
	}
	fn withdraw() -> Weight {
		Weight::zero()
	}
	fn confirm_delivery() -> Weight {
		Weight::zero()
	}
	fn dispute() -> Weight {
		Weight::zero()
	}
	fn resolve_dispute_pay() -> Weight {
		Weight::zero()
	}
	fn resolve_dispute_refund() -> Weight {
		Weight::zero()
	}
	fn close_study(_n: u32) -> Weight {
		Weight::zero()
	}
	fn settle_payout() -> Weight {
		Weight::zero()
	}
	fn settle_lapsed() -> Weight {
		Weight::zero()
	}
	fn set_dispute_window() -> Weight {
		Weight::zero()
	}
	fn on_idle_payouts(_n: u32) -> Weight {
		Weight::zero()
	}
}
