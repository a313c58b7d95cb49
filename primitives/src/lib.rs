//! # Genochain primitives
//!
//! Types shared by the Genochain runtime, its pallets and the off-chain tools (the `genochain`
//! CLI, the node). Everything here is `no_std` so that the runtime and the CLI use one definition
//! of each type and constant instead of copies.
//!
//! - the chain's basic types and the GENE denomination ([`currency`]);
//! - GA4GH DUO purpose codes and the rule that matches a use against a consent ([`duo`]);
//! - accreditation roles and consent terms ([`consent`]);
//! - the genome fingerprint scheme: salted Merkle roots and variant proofs ([`fingerprint`]);
//! - genome anchors as other pallets see them ([`anchor`]);
//! - research studies, enrolments and earnings ([`market`]);
//! - naming any record and erasing it across pallets ([`redaction`]);
//! - helpers for the pallets' bounded indexes ([`storage`]);
//! - the traits through which pallets see each other ([`traits`]).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod anchor;
pub mod consent;
pub mod duo;
pub mod fingerprint;
#[cfg(feature = "std")]
pub mod genesis;
pub mod market;
pub mod redaction;
pub mod storage;
pub mod traits;
pub mod verification;

use polkadot_sdk::sp_runtime::{
	generic,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiSignature,
};

/// A block number. Parachain blocks are counted in `u32`, like the relay chain's.
pub type BlockNumber = u32;

/// Signature of an extrinsic: sr25519, ed25519 or ecdsa, as Polkadot.js signs them.
pub type Signature = MultiSignature;

/// The public key behind a signature; an account is identified by it.
pub type AccountPublic = <Signature as Verify>::Signer;

/// An account on Genochain: a 32-byte public key (SS58 prefix 42).
pub type AccountId = <AccountPublic as IdentifyAccount>::AccountId;

/// An amount of GENE, in plancks (10^-12 GENE).
pub type Balance = u128;

/// The number of transactions an account has sent.
pub type Nonce = u32;

/// Hash of a block or a storage trie node.
pub type Hash = polkadot_sdk::sp_core::H256;

/// The header of a Genochain block.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// The GENE token: symbol, decimals and named amounts.
pub mod currency {
	use super::Balance;

	/// Ticker shown by wallets (`tokenSymbol` in the chain spec).
	pub const TOKEN_SYMBOL: &str = "GENE";
	/// Decimal places of GENE (`tokenDecimals` in the chain spec).
	pub const TOKEN_DECIMALS: u8 = 12;
	/// The SS58 address format (`ss58Format`): 42, the generic Substrate prefix.
	pub const SS58_PREFIX: u16 = 42;

	/// One GENE.
	pub const GENE: Balance = 10u128.pow(TOKEN_DECIMALS as u32);
	/// 10^-3 GENE.
	pub const MILLIGENE: Balance = GENE / 1_000;
	/// 10^-6 GENE.
	pub const MICROGENE: Balance = MILLIGENE / 1_000;

	/// An account holding less than this is reaped. One milliGENE keeps dust accounts out of state
	/// while staying far below any fee or deposit a user meets.
	pub const EXISTENTIAL_DEPOSIT: Balance = MILLIGENE;

	/// The deposit for keeping `items` storage items of `bytes` bytes in total on chain.
	///
	/// Every record a user creates is paid for by such a deposit and the deposit comes back when
	/// the record goes, so state growth has a price.
	pub const fn deposit(items: u32, bytes: u32) -> Balance {
		(items as Balance)
			.saturating_mul(GENE / 10)
			.saturating_add((bytes as Balance).saturating_mul(100 * MICROGENE))
	}
}

#[cfg(test)]
mod tests {
	use super::{currency::*, Balance};

	#[test]
	fn gene_has_twelve_decimals() {
		assert_eq!(GENE, 1_000_000_000_000);
		assert_eq!(MILLIGENE * 1_000, GENE);
		assert_eq!(MICROGENE * 1_000_000, GENE);
	}

	#[test]
	fn deposits_grow_with_items_and_bytes() {
		assert_eq!(deposit(0, 0), 0);
		assert_eq!(deposit(1, 0), GENE / 10);
		assert_eq!(deposit(0, 10), 1_000 * MICROGENE);
		assert!(deposit(2, 100) > deposit(1, 100));
		// The largest arguments still fit in a Balance: no saturation is ever reached.
		assert_eq!(
			deposit(u32::MAX, u32::MAX),
			u32::MAX as Balance * (GENE / 10) + u32::MAX as Balance * 100 * MICROGENE
		);
		assert!(EXISTENTIAL_DEPOSIT < deposit(1, 0));
	}
}
