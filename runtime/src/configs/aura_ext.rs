use crate::Runtime;
use polkadot_sdk::*;

impl cumulus_pallet_aura_ext::Config for Runtime {}
