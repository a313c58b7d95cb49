//! Pallet configurations: one file per pallet, named after it.
//!
//! Values used by more than one pallet (block limits, the staking pot, the treasury account)
//! live here.

mod aura;
mod aura_ext;
mod authorship;
mod balances;
mod collator_selection;
pub mod collective;
pub mod consent;
mod cumulus_xcm;
mod data_market;
pub mod genome_anchor;
mod message_queue;
mod multisig;
mod parachain_info;
pub mod parachain_system;
pub mod polkadot_xcm;
mod preimage;
mod proxy;
pub mod redaction;
mod registry;
pub mod safe_mode;
mod session;
mod sudo;
mod system;
mod timestamp;
mod transaction_payment;
mod tx_pause;
mod utility;
#[cfg(feature = "runtime-benchmarks")]
mod verifier_client;
mod weight_reclaim;
mod whitelist;
pub mod xcm_config;
mod xcm_verifier;
mod xcmp_queue;

pub use collective::{CouncilInstance, EthicsCommitteeInstance};
pub use proxy::ProxyType;
pub use system::{RuntimeBlockLength, RuntimeBlockWeights, WithinPalletLimits};
pub use transaction_payment::WeightToFee;

use crate::{AccountId, Balance, CollatorSelection};
use genochain_primitives::currency::deposit;
use polkadot_sdk::{
	frame_support::{parameter_types, traits::Footprint, PalletId},
	sp_runtime::traits::{AccountIdConversion, Convert},
};

parameter_types! {
	/// Pallet id of the collator staking pot; transaction fees go there and pay the collators.
	pub const PotId: PalletId = PalletId(*b"PotStake");
	/// The account that collects XCM delivery fees and the market's fees, and the storage fund
	/// that pays for tombstones and erasure cases (see `pallet-redaction`).
	pub TreasuryAccount: AccountId = PalletId(*b"geno/trs").into_account_truncating();
	/// The collator staking pot's account.
	pub StakingPot: AccountId = CollatorSelection::account_id();
}

/// The price of storage behind every deposit on Genochain: [`deposit`] of a footprint's items
/// and bytes, so a record that spans several storage items (a consent and its entry in the
/// grantee's index) pays for each.
pub struct StorageDeposit;

impl Convert<Footprint, Balance> for StorageDeposit {
	fn convert(footprint: Footprint) -> Balance {
		let items = u32::try_from(footprint.count).unwrap_or(u32::MAX);
		let bytes = u32::try_from(footprint.size).unwrap_or(u32::MAX);
		deposit(items, bytes)
	}
}
