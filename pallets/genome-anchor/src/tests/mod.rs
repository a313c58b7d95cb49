//! Tests of the anchor pallet, one file per call (erasure through `Redactable` has its own).
//! Each test runs in [`run`], which checks the pallet's invariants once the test is done.

// Test arithmetic on small known values; an overflow would be a test bug and panics loudly.
#![allow(clippy::arithmetic_side_effects)]

mod anchor;
mod attest;
mod batch;
mod erasure;
mod prove_variant;
mod remove;
mod supersede;

use crate::{mock::*, Pallet};
use genochain_primitives::{
	anchor::{anchor_id, AnchorId},
	fingerprint::{
		parse_allele,
		v1::Fingerprint,
		v2::build::{Fingerprint as FingerprintV2, Windows},
		Assembly, Chromosome, Scheme, Secret, Variant, VariantKey, Zygosity,
	},
};
use polkadot_sdk::{
	frame_support::traits::fungible::InspectHold, sp_core::H256, sp_runtime::DispatchError,
};

/// Runs `test` on a fresh mock chain, then checks the anchors' invariants.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		assert_eq!(Pallet::<Test>::check_anchors(), Ok(()));
	});
}

pub fn key(chromosome: u8, position: u32, reference: &str, alternate: &str) -> VariantKey {
	VariantKey {
		chromosome: Chromosome::from_number(chromosome).expect("1-25"),
		position,
		reference: parse_allele(reference.as_bytes()).expect("nucleotides"),
		alternate: parse_allele(alternate.as_bytes()).expect("nucleotides"),
	}
}

pub fn variant(chromosome: u8, position: u32, alternate: &str) -> Variant {
	Variant { key: key(chromosome, position, "A", alternate), zygosity: Zygosity::Heterozygous }
}

/// A small genome fingerprinted under a secret made of `seed`.
pub fn genome(seed: u8) -> Fingerprint {
	let variants = (1..=20).map(|i| variant(1 + i % 3, 1_000 * u32::from(i), "G")).collect();
	Fingerprint::new(&Secret([seed; 32]), variants).expect("valid variants")
}

/// The window tree of the secret of the v2 genomes: computed once for all tests.
pub static WINDOWS: std::sync::LazyLock<Windows> =
	std::sync::LazyLock::new(|| Windows::new(&Secret([0x77; 32])));

/// The same small genome as [`genome`], fingerprinted in scheme v2.
pub fn genome_v2() -> FingerprintV2<'static> {
	let variants: Vec<Variant> =
		(1..=20).map(|i| variant(1 + i % 3, 1_000 * u32::from(i), "G")).collect();
	FingerprintV2::new(&WINDOWS, &variants).expect("valid variants")
}

/// The id of `who`'s anchor of `fingerprint`.
pub fn id_of(who: u64, fingerprint: &Fingerprint) -> AnchorId {
	anchor_id(&who, &fingerprint.root())
}

/// `who` anchors `fingerprint` of 20 variants on GRCh38, kept by the custodian.
pub fn anchor(who: u64, fingerprint: &Fingerprint) -> Result<(), DispatchError> {
	GenomeAnchor::anchor(
		RuntimeOrigin::signed(who),
		fingerprint.root(),
		fingerprint.leaf_count(),
		Assembly::GRCh38,
		Scheme::V1,
		Some(CUSTODIAN),
		Some(H256::repeat_byte(0xf1)),
	)
}

pub fn held(who: u64) -> u64 {
	Balances::total_balance_on_hold(&who)
}

pub fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}
