//! Weights of the SDK pallets and of the XCM instructions measured in this runtime (`make
//! weights`); Genochain's own pallets keep theirs in their crates.

pub mod pallet_xcm;
pub mod xcm;
