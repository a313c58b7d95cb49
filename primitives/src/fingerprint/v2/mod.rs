//! Fingerprint scheme v2: leaves ordered by a keyed hash of the variant, which the chain can check.
//!
//! A proof shows the fact and nothing else: an inclusion proof shows the one variant it proves,
//! an absence proof shows two leaves by their keys only, and the same variant always gives the
//! same leaf. `docs/FINGERPRINT.md` argues why; this is the construction.
//!
//! ## The scheme, step by step
//!
//! 1. **Canonical variant**: as in v1 ([`Variant`]), in minimal representation, at a position of
//!    at most [`MAX_POSITION`].
//! 2. **Windows**: every chromosome is cut into windows of 2^[`WINDOW_BITS`] = 4,096 positions;
//!    [`WINDOW_COUNT`] windows cover all 25 chromosomes, each numbered by [`window_index`].
//! 3. **Window keys** ([`window_key`]): `blake2_256("genochain/fp/v2/window" ‖ secret ‖ window)`.
//!    The window tree is the Merkle tree over every window's leaf
//!    `blake2_256(0x06 ‖ 2 ‖ window_key)` ([`window_leaf`]), whether the sample has variants in it
//!    or not; its root is the *window root*. It depends on the secret only.
//! 4. **Leaf key** ([`leaf_key`]): `blake2_256(0x07 ‖ 2 ‖ window_key ‖ SCALE(variant key))`, the
//!    keyed hash of the variant (chromosome, position, REF, ALT) under its window's key. Without
//!    the secret nobody can compute it; with one window key, anybody can, for that window only.
//! 5. **Salt and commitment**: the salt is `blake2_256("genochain/fp/v2/salt" ‖ secret ‖
//!    leaf_key)` ([`leaf_salt`]), and the commitment `blake2_256(0x05 ‖ 2 ‖ salt ‖
//!    SCALE(variant))` ([`commitment`]) hides the variant and its zygosity.
//! 6. **Leaf** ([`leaf_hash`]): `blake2_256(0x00 ‖ 2 ‖ leaf_key ‖ commitment)`. Leaves are sorted
//!    by leaf key (bytewise), and the leaf tree is built over them as in v1.
//! 7. **Root** ([`commitment_root`]): `blake2_256(0x02 ‖ 2 ‖ leaf_count ‖ window_root ‖
//!    tree_root)`.
//!
//! ## Proofs
//!
//! A [`VariantProof`] states the window root and a [`Claim`]:
//! - [`Claim::Included`]: the variant, its leaf key, its salt and its path. The leaf hash binds the
//!   variant, so the chain needs no window key to accept it.
//! - [`Claim::Absent`]: the variant key, its window's key with that window's path in the window
//!   tree ([`WindowProof`]), and the two adjacent leaves whose keys bracket the variant's leaf key
//!   ([`Neighbours`]), each shown as a [`SealedLeaf`]: key, commitment, path. The chain computes
//!   the leaf key itself from the checked window key, so the prover cannot pick a key that falls
//!   in a gap.
//!
//! Off chain, [`build`] (std only) fingerprints whole genomes on every core and makes proofs.

use super::*;

/// Bits of a position inside one window: a window holds 4,096 positions.
pub const WINDOW_BITS: u32 = 12;
/// The last position v2 covers on a chromosome: 2^28, beyond the 249 M bases of chromosome 1, the
/// longest in every assembly.
pub const MAX_POSITION: u32 = 1 << 28;
/// The windows of one chromosome.
pub const WINDOWS_PER_CHROMOSOME: u32 = MAX_POSITION >> WINDOW_BITS;
/// The windows of all 25 chromosomes: the leaves of the window tree.
pub const WINDOW_COUNT: u32 = 25 * WINDOWS_PER_CHROMOSOME;

/// Domain tag of the window key derivation.
const WINDOW_KEY_DOMAIN: &[u8] = b"genochain/fp/v2/window";
/// Domain tag of the salt derivation.
const SALT_DOMAIN: &[u8] = b"genochain/fp/v2/salt";
/// Prefix of a commitment to a variant under its salt.
const COMMITMENT_PREFIX: u8 = 0x05;
/// Prefix of a window leaf.
const WINDOW_LEAF_PREFIX: u8 = 0x06;
/// Prefix of a leaf key.
const LEAF_KEY_PREFIX: u8 = 0x07;
/// The version byte hashed into v2's leaves, keys, commitments and roots.
const VERSION: u8 = Scheme::V2.version_byte();

/// The window of a variant: `(chromosome − 1) · 65,536 + (position − 1) / 4,096` (`None` for a
/// chromosome outside 1–25 or a position outside 1–[`MAX_POSITION`]).
pub fn window_index(key: &VariantKey) -> Option<u32> {
	if key.position == 0 || key.position > MAX_POSITION {
		return None;
	}
	let chromosome = Chromosome::from_number(key.chromosome.number())?;
	let offset = key.position.checked_sub(1)? >> WINDOW_BITS;
	u32::from(chromosome.number())
		.checked_sub(1)?
		.checked_mul(WINDOWS_PER_CHROMOSOME)?
		.checked_add(offset)
}

/// Checks that `key` is canonical, minimal and inside v2's windows, and returns its window.
pub fn check_key(key: &VariantKey) -> Result<u32, ProofError> {
	key.check_minimal().map_err(ProofError::NotCanonical)?;
	window_index(key).ok_or(ProofError::BeyondWindows)
}

/// The key of `window` under the contributor's secret.
pub fn window_key(secret: &Secret, window: u32) -> H256 {
	H256(blake2_256(&window_key_input(secret, window)))
}

/// `domain ‖ secret ‖ window`, the input of [`window_key`].
pub(super) fn window_key_input(secret: &Secret, window: u32) -> [u8; WINDOW_KEY_INPUT_LEN] {
	let mut input = [0u8; WINDOW_KEY_INPUT_LEN];
	let (domain, rest) = input.split_at_mut(WINDOW_KEY_DOMAIN.len());
	domain.copy_from_slice(WINDOW_KEY_DOMAIN);
	let (key, index) = rest.split_at_mut(32);
	key.copy_from_slice(&secret.0);
	index.copy_from_slice(&window.to_le_bytes());
	input
}

pub(super) const WINDOW_KEY_INPUT_LEN: usize = WINDOW_KEY_DOMAIN.len() + 32 + 4;

/// The leaf of the window tree that commits to a window's key.
pub fn window_leaf(window_key: &H256) -> H256 {
	H256(blake2_256(&window_leaf_input(window_key)))
}

/// `0x06 ‖ 2 ‖ window_key`, the input of [`window_leaf`].
pub(super) fn window_leaf_input(window_key: &H256) -> [u8; 34] {
	let mut input = [0u8; 34];
	input[0] = WINDOW_LEAF_PREFIX;
	input[1] = VERSION;
	input[2..].copy_from_slice(window_key.as_bytes());
	input
}

/// The key that orders a variant's leaf: a keyed hash of the variant key under its window's key.
pub fn leaf_key(window_key: &H256, key: &VariantKey) -> H256 {
	let mut input = Vec::with_capacity(LEAF_KEY_HEAD_LEN.saturating_add(key.encoded_size()));
	write_leaf_key_input(window_key, &key.encode(), &mut input);
	H256(blake2_256(&input))
}

/// The bytes of a leaf key's input before the variant key: prefix, version, window key.
pub(super) const LEAF_KEY_HEAD_LEN: usize = 2 + 32;

/// Appends `0x07 ‖ 2 ‖ window_key ‖ encoded_key`, the input of [`leaf_key`], to `input`.
pub(super) fn write_leaf_key_input(window_key: &H256, encoded_key: &[u8], input: &mut Vec<u8>) {
	input.extend_from_slice(&[LEAF_KEY_PREFIX, VERSION]);
	input.extend_from_slice(window_key.as_bytes());
	input.extend_from_slice(encoded_key);
}

/// The salt of the leaf with `leaf_key`: a keyed hash of the leaf key under the secret.
pub fn leaf_salt(secret: &Secret, leaf_key: &H256) -> H256 {
	H256(blake2_256(&salt_input(secret, leaf_key)))
}

/// `domain ‖ secret ‖ leaf_key`, the input of [`leaf_salt`].
pub(super) fn salt_input(secret: &Secret, leaf_key: &H256) -> [u8; SALT_INPUT_LEN] {
	let mut input = [0u8; SALT_INPUT_LEN];
	let (domain, rest) = input.split_at_mut(SALT_DOMAIN.len());
	domain.copy_from_slice(SALT_DOMAIN);
	let (key, leaf) = rest.split_at_mut(32);
	key.copy_from_slice(&secret.0);
	leaf.copy_from_slice(leaf_key.as_bytes());
	input
}

pub(super) const SALT_INPUT_LEN: usize = SALT_DOMAIN.len() + 32 + 32;

/// The commitment to a variant and its zygosity under its salt.
pub fn commitment(salt: &H256, variant: &Variant) -> H256 {
	let mut input = Vec::with_capacity(COMMITMENT_HEAD_LEN.saturating_add(variant.encoded_size()));
	write_commitment_input(salt, &variant.encode(), &mut input);
	H256(blake2_256(&input))
}

/// The bytes of a commitment's input before the variant: prefix, version, salt.
pub(super) const COMMITMENT_HEAD_LEN: usize = 2 + 32;

/// Appends `0x05 ‖ 2 ‖ salt ‖ encoded_variant`, the input of [`commitment`], to `input`.
pub(super) fn write_commitment_input(salt: &H256, encoded_variant: &[u8], input: &mut Vec<u8>) {
	input.extend_from_slice(&[COMMITMENT_PREFIX, VERSION]);
	input.extend_from_slice(salt.as_bytes());
	input.extend_from_slice(encoded_variant);
}

/// The hash of a leaf: its key and its commitment.
pub fn leaf_hash(leaf_key: &H256, commitment: &H256) -> H256 {
	H256(blake2_256(&leaf_input(leaf_key, commitment)))
}

/// `0x00 ‖ 2 ‖ leaf_key ‖ commitment`, the input of [`leaf_hash`].
pub(super) fn leaf_input(leaf_key: &H256, commitment: &H256) -> [u8; 66] {
	let mut input = [0u8; 66];
	input[0] = LEAF_PREFIX;
	input[1] = VERSION;
	input[2..34].copy_from_slice(leaf_key.as_bytes());
	input[34..].copy_from_slice(commitment.as_bytes());
	input
}

/// The root an anchor commits: the window root and the leaf tree root, bound to the leaf count.
pub fn commitment_root(leaf_count: u32, window_root: &H256, tree_root: &H256) -> H256 {
	let mut input = [0u8; 70];
	input[0] = ROOT_PREFIX;
	input[1] = VERSION;
	input[2..6].copy_from_slice(&leaf_count.to_le_bytes());
	input[6..38].copy_from_slice(window_root.as_bytes());
	input[38..].copy_from_slice(tree_root.as_bytes());
	H256(blake2_256(&input))
}

/// A window's key with its path in the window tree. The window is the queried variant's, so the
/// proof does not state it.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct WindowProof {
	/// The window's key.
	pub window_key: H256,
	/// One sibling per level of the window tree, from the window leaf up.
	pub siblings: BoundedVec<H256, ConstU32<MAX_PROOF_DEPTH>>,
}

/// Proof that one variant is a leaf: it opens the leaf's commitment.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct InclusionProof {
	/// The variant.
	pub variant: Variant,
	/// Its leaf key.
	pub leaf_key: H256,
	/// Its salt (and only its salt).
	pub salt: H256,
	/// Its index in leaf-key order.
	pub leaf_index: u32,
	/// One sibling per tree level that has one, from the leaf level up.
	pub siblings: BoundedVec<H256, ConstU32<MAX_PROOF_DEPTH>>,
}

/// A leaf shown by its key and commitment only: which variant it holds stays hidden.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct SealedLeaf {
	/// Its leaf key.
	pub leaf_key: H256,
	/// Its commitment.
	pub commitment: H256,
	/// Its index in leaf-key order.
	pub leaf_index: u32,
	/// One sibling per tree level that has one, from the leaf level up.
	pub siblings: BoundedVec<H256, ConstU32<MAX_PROOF_DEPTH>>,
}

/// The leaves around the place an absent variant's leaf key would take.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum Neighbours {
	/// Two adjacent leaves whose keys bracket it.
	Between {
		/// The leaf just before it.
		left: SealedLeaf,
		/// The next leaf, just after it.
		right: SealedLeaf,
	},
	/// The first leaf, whose key is greater.
	BeforeFirst(SealedLeaf),
	/// The last leaf, whose key is smaller.
	AfterLast(SealedLeaf),
}

/// What a v2 proof claims about one variant, with what shows it.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum Claim {
	/// The variant is a leaf.
	Included(InclusionProof),
	/// No leaf has this variant key.
	Absent {
		/// The variant proven absent.
		key: VariantKey,
		/// Its window's key, from which the chain computes its leaf key.
		window: WindowProof,
		/// The leaves either side of that leaf key.
		neighbours: Neighbours,
	},
}

/// A v2 proof about one variant of a committed fingerprint.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct VariantProof {
	/// The window root the fingerprint's root binds.
	pub window_root: H256,
	/// The claim and its evidence.
	pub claim: Claim,
}

impl VariantProof {
	/// The most siblings any one path of the proof carries.
	pub fn depth(&self) -> u32 {
		let length = |siblings: &BoundedVec<H256, ConstU32<MAX_PROOF_DEPTH>>| siblings.len() as u32;
		match &self.claim {
			Claim::Included(inclusion) => length(&inclusion.siblings),
			Claim::Absent { window, neighbours, .. } => {
				let leaves = match neighbours {
					Neighbours::Between { left, right } => {
						length(&left.siblings).max(length(&right.siblings))
					}
					Neighbours::BeforeFirst(edge) | Neighbours::AfterLast(edge) => {
						length(&edge.siblings)
					}
				};
				leaves.max(length(&window.siblings))
			}
		}
	}
}

/// Checks that the leaf `leaf_key ‖ commitment` at `leaf_index` leads, with `siblings` and the
/// window root, to `root`.
fn check_leaf(
	root: &H256,
	leaf_count: u32,
	window_root: &H256,
	leaf_key: &H256,
	commitment: &H256,
	leaf_index: u32,
	siblings: &[H256],
) -> Result<(), ProofError> {
	if leaf_index >= leaf_count {
		return Err(ProofError::IndexOutOfRange);
	}
	let tree = fold_path(leaf_hash(leaf_key, commitment), leaf_index, leaf_count, siblings)?;
	if commitment_root(leaf_count, window_root, &tree) == *root {
		Ok(())
	} else {
		Err(ProofError::RootMismatch)
	}
}

/// Checks a sealed leaf of an absence proof.
fn check_sealed(
	root: &H256,
	leaf_count: u32,
	window_root: &H256,
	leaf: &SealedLeaf,
) -> Result<(), ProofError> {
	check_leaf(
		root,
		leaf_count,
		window_root,
		&leaf.leaf_key,
		&leaf.commitment,
		leaf.leaf_index,
		&leaf.siblings,
	)
}

/// Checks `proof` against the v2 `root` of `leaf_count` leaves and returns what it proves.
pub fn verify(
	root: &H256,
	leaf_count: u32,
	proof: &VariantProof,
) -> Result<ProvenFact, ProofError> {
	if leaf_count == 0 {
		return Err(ProofError::Empty);
	}
	let window_root = &proof.window_root;
	match &proof.claim {
		Claim::Included(inclusion) => {
			check_key(&inclusion.variant.key)?;
			let commitment = commitment(&inclusion.salt, &inclusion.variant);
			check_leaf(
				root,
				leaf_count,
				window_root,
				&inclusion.leaf_key,
				&commitment,
				inclusion.leaf_index,
				&inclusion.siblings,
			)?;
			Ok(ProvenFact::Carries(inclusion.variant.clone()))
		}
		Claim::Absent { key, window, neighbours } => {
			let index = check_key(key)?;
			let window_tree =
				fold_path(window_leaf(&window.window_key), index, WINDOW_COUNT, &window.siblings)?;
			if window_tree != *window_root {
				return Err(ProofError::WindowMismatch);
			}
			let absent = leaf_key(&window.window_key, key);
			match neighbours {
				Neighbours::Between { left, right } => {
					if left.leaf_index.checked_add(1) != Some(right.leaf_index) {
						return Err(ProofError::NotAdjacent);
					}
					if !(left.leaf_key < absent && absent < right.leaf_key) {
						return Err(ProofError::NotBracketing);
					}
					check_sealed(root, leaf_count, window_root, left)?;
					check_sealed(root, leaf_count, window_root, right)?;
				}
				Neighbours::BeforeFirst(first) => {
					if first.leaf_index != 0 {
						return Err(ProofError::NotAtEdge);
					}
					if absent >= first.leaf_key {
						return Err(ProofError::NotBracketing);
					}
					check_sealed(root, leaf_count, window_root, first)?;
				}
				Neighbours::AfterLast(last) => {
					if last.leaf_index.checked_add(1) != Some(leaf_count) {
						return Err(ProofError::NotAtEdge);
					}
					if absent <= last.leaf_key {
						return Err(ProofError::NotBracketing);
					}
					check_sealed(root, leaf_count, window_root, last)?;
				}
			}
			Ok(ProvenFact::DoesNotCarry(key.clone()))
		}
	}
}

#[cfg(feature = "std")]
pub mod build;
#[cfg(test)]
mod tests;
