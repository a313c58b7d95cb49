use crate::Runtime;
use polkadot_sdk::*;

impl staging_parachain_info::Config for Runtime {}
