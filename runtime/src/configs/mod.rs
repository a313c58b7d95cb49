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
mod proxy;
pub mod redaction;
mod registry;
mod session;
mod sudo;
mod system;
mod timestamp;
mod transaction_payment;
mod utility;
#[cfg(feature = "runtime-benchmarks")]
mod verifier_client;
mod weight_reclaim;
pub mod xcm_config;
mod xcm_verifier;
mod xcmp_queue;

pub use collective::{CouncilInstance, EthicsCommitteeInstance};
pub use proxy::ProxyType;
pub use system::{RuntimeBlockLength, RuntimeBlockWeights};
pub use transaction_payment::WeightToFee;

use crate::{AccountId, CollatorSelection};
use polkadot_sdk::{
	frame_support::{parameter_types, PalletId},
	sp_runtime::traits::AccountIdConversion,
};

parameter_types! {
	/// Pallet id of the collator staking pot; transaction fees go there and pay the collators.
	pub const PotId: PalletId = PalletId(*b"PotStake");
	/// The account that collects XCM delivery fees and the market's fees.
	pub TreasuryAccount: AccountId = PalletId(*b"geno/trs").into_account_truncating();
	/// The collator staking pot's account.
	pub StakingPot: AccountId = CollatorSelection::account_id();
}
