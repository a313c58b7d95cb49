//! Fingerprint scheme v1: leaves in genome order, salted by their index.
//!
//! One variant can be proven present (an [`InclusionProof`]) or absent (an [`AbsenceProof`]).
//!
//! ## The scheme, step by step
//!
//! 1. **Canonical variant** ([`Variant`]): chromosome normalised ([`Chromosome`]: `chr` prefix
//!    dropped, `M` → `MT`; v1 covers the primary chromosomes 1–22, X, Y and MT), 1-based position,
//!    REF and exactly one ALT ([`Allele`]: upper-case `A`, `C`, `G`, `T`, `N`, at most
//!    [`MAX_ALLELE_LEN`] bases), and the sample's [`Zygosity`] for that ALT. A multi-allelic record
//!    gives one variant per ALT the sample carries.
//! 2. **Canonical order**: leaves are sorted by [`VariantKey`] (chromosome order 1…22, X, Y, MT,
//!    then position, REF and ALT bytewise). No two leaves share a key, so equal input in any file
//!    order gives the same leaf list.
//! 3. **Per-leaf salt** ([`leaf_salt`]): `blake2_256("genochain/fp/v1/salt" ‖ secret ‖ index)`
//!    from the contributor's 32-byte [`Secret`]. A proof discloses one leaf's salt, which says
//!    nothing about the salt of any other leaf.
//! 4. **Leaf hash** ([`leaf_hash`]): `blake2_256(0x00 ‖ version ‖ salt ‖ SCALE(variant))`.
//! 5. **Tree**: a binary Merkle tree over the leaf hashes in order, inner nodes
//!    `blake2_256(0x01 ‖ left ‖ right)`. Level by level, nodes are paired left to right; an odd
//!    last node is carried up unchanged. (This is the shape of RFC 6962's Merkle tree hash: the
//!    left subtree is the largest power of two smaller than the leaf count.)
//! 6. **Root** ([`commitment_root`]): `blake2_256(0x02 ‖ version ‖ leaf_count ‖ tree_root)`, so
//!    the leaf count the anchor states is bound to the root and an absence proof at the edge of the
//!    list cannot lie about where the list ends.
//!
//! The prefixes 0x00/0x01/0x02 separate leaves, inner nodes and roots, so no node can be passed
//! off as a leaf or the other way round. The [`Scheme`] version byte is hashed into every leaf and
//! root; a new scheme is a new variant of [`Scheme`], never a silent change to this one.
//!
//! Off chain, `many::GenomeTree` (std only) computes the same tree root for a whole genome with
//! several hashes at a time; the runtime checks proofs with the plain functions here.
//!
//! ## Proofs
//!
//! An [`InclusionProof`] carries the variant, its leaf index, its salt and one sibling hash per
//! tree level that has one (23 for a whole genome of ~4.5 M variants: about 780 bytes in SCALE).
//! An [`AbsenceProof`] for a [`VariantKey`] carries the inclusion proofs of two adjacent leaves
//! whose keys bracket it, or of the first (last) leaf when the key sorts before (after) the whole
//! list. [`verify`] checks either against a root and leaf count and returns the [`ProvenFact`].
//!
//! An absence proof shows the two carried variants either side of the absent one, and the chain
//! cannot check that a root's leaves were sorted: [`v2`](super::v2) fixes both. v1 anchors stay
//! verifiable.

use super::*;

/// Domain tag of the salt derivation.
const SALT_DOMAIN: &[u8] = b"genochain/fp/v1/salt";

/// The salt of leaf `index`: a keyed hash of the index under the contributor's secret.
pub fn leaf_salt(secret: &Secret, index: u32) -> H256 {
	H256(blake2_256(&salt_input(secret, index)))
}

/// `domain ‖ secret ‖ index`, the input of [`leaf_salt`].
pub(super) fn salt_input(secret: &Secret, index: u32) -> [u8; SALT_INPUT_LEN] {
	let mut input = [0u8; SALT_INPUT_LEN];
	let (domain, rest) = input.split_at_mut(SALT_DOMAIN.len());
	domain.copy_from_slice(SALT_DOMAIN);
	let (key, position) = rest.split_at_mut(32);
	key.copy_from_slice(&secret.0);
	position.copy_from_slice(&index.to_le_bytes());
	input
}

pub(super) const SALT_INPUT_LEN: usize = SALT_DOMAIN.len() + 32 + 4;

/// The hash of one leaf: the variant under its salt.
pub fn leaf_hash(salt: &H256, variant: &Variant) -> H256 {
	leaf_hash_of_encoded(salt, &variant.encode())
}

/// The hash of one leaf from the SCALE encoding of its variant, for callers that keep variants
/// encoded (the CLI holds a whole genome that way).
pub fn leaf_hash_of_encoded(salt: &H256, encoded_variant: &[u8]) -> H256 {
	// Short variants, nearly all of a genome, are hashed from the stack.
	let mut short = [0u8; 256];
	let mut long = Vec::new();
	let total = encoded_variant.len().saturating_add(LEAF_HEAD_LEN);
	let input = if total <= short.len() {
		&mut short[..total]
	} else {
		long.resize(total, 0);
		&mut long[..]
	};
	write_leaf_input(salt, encoded_variant, input);
	H256(blake2_256(input))
}

/// The bytes of a leaf hash's input before the variant: prefix, version, salt.
pub(super) const LEAF_HEAD_LEN: usize = 2 + 32;

/// Writes `0x00 ‖ version ‖ salt ‖ encoded_variant`, the input of a leaf hash, into `input`,
/// which is exactly that long.
pub(super) fn write_leaf_input(salt: &H256, encoded_variant: &[u8], input: &mut [u8]) {
	let (head, variant) = input.split_at_mut(LEAF_HEAD_LEN);
	head[0] = LEAF_PREFIX;
	head[1] = Scheme::V1.version_byte();
	head[2..].copy_from_slice(salt.as_bytes());
	variant.copy_from_slice(encoded_variant);
}

/// The root an anchor commits: the tree root bound to the scheme and the leaf count.
pub fn commitment_root(leaf_count: u32, tree_root: &H256) -> H256 {
	bound_root(ROOT_PREFIX, Scheme::V1, leaf_count, tree_root)
}

/// Proof that one variant is a leaf of a committed fingerprint.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct InclusionProof {
	/// The variant.
	pub variant: Variant,
	/// Its index in canonical order.
	pub leaf_index: u32,
	/// Its salt (and only its salt).
	pub salt: H256,
	/// One sibling per tree level that has one, from the leaf level up.
	pub siblings: BoundedVec<H256, ConstU32<MAX_PROOF_DEPTH>>,
}

/// Proof that no leaf of a committed fingerprint has a given key.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum AbsenceProof {
	/// Two adjacent leaves whose keys bracket the key.
	Between {
		/// The leaf just before the key.
		left: InclusionProof,
		/// The next leaf, just after the key.
		right: InclusionProof,
	},
	/// The first leaf, whose key is greater than the key.
	BeforeFirst(InclusionProof),
	/// The last leaf, whose key is smaller than the key.
	AfterLast(InclusionProof),
}

/// A v1 proof about one variant of a committed fingerprint.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum VariantProof {
	/// The variant is a leaf.
	Included(InclusionProof),
	/// No leaf has this key.
	Absent {
		/// The variant proven absent.
		key: VariantKey,
		/// The bracketing leaves.
		proof: AbsenceProof,
	},
}

/// Checks that `proof` leads from its variant to `root` in a fingerprint of `leaf_count` leaves.
pub fn verify_inclusion(
	root: &H256,
	leaf_count: u32,
	proof: &InclusionProof,
) -> Result<(), ProofError> {
	if leaf_count == 0 {
		return Err(ProofError::Empty);
	}
	if proof.leaf_index >= leaf_count {
		return Err(ProofError::IndexOutOfRange);
	}
	proof.variant.key.check_canonical().map_err(ProofError::NotCanonical)?;
	let leaf = leaf_hash(&proof.salt, &proof.variant);
	let tree = fold_path(leaf, proof.leaf_index, leaf_count, &proof.siblings)?;
	if commitment_root(leaf_count, &tree) == *root {
		Ok(())
	} else {
		Err(ProofError::RootMismatch)
	}
}

/// Checks `proof` against `root` and `leaf_count` and returns what it proves.
pub fn verify(
	root: &H256,
	leaf_count: u32,
	proof: &VariantProof,
) -> Result<ProvenFact, ProofError> {
	match proof {
		VariantProof::Included(inclusion) => {
			verify_inclusion(root, leaf_count, inclusion)?;
			Ok(ProvenFact::Carries(inclusion.variant.clone()))
		}
		VariantProof::Absent { key, proof } => {
			key.check_canonical().map_err(ProofError::NotCanonical)?;
			match proof {
				AbsenceProof::Between { left, right } => {
					if left.leaf_index.checked_add(1) != Some(right.leaf_index) {
						return Err(ProofError::NotAdjacent);
					}
					if !(left.variant.key < *key && *key < right.variant.key) {
						return Err(ProofError::NotBracketing);
					}
					verify_inclusion(root, leaf_count, left)?;
					verify_inclusion(root, leaf_count, right)?;
				}
				AbsenceProof::BeforeFirst(first) => {
					if first.leaf_index != 0 {
						return Err(ProofError::NotAtEdge);
					}
					if *key >= first.variant.key {
						return Err(ProofError::NotBracketing);
					}
					verify_inclusion(root, leaf_count, first)?;
				}
				AbsenceProof::AfterLast(last) => {
					if last.leaf_index.checked_add(1) != Some(leaf_count) {
						return Err(ProofError::NotAtEdge);
					}
					if *key <= last.variant.key {
						return Err(ProofError::NotBracketing);
					}
					verify_inclusion(root, leaf_count, last)?;
				}
			}
			Ok(ProvenFact::DoesNotCarry(key.clone()))
		}
	}
}

/// A fingerprint computed in memory: the variants in canonical order, their leaf hashes and the
/// root. The CLI and the tests build one; the runtime only ever sees roots and proofs.
#[derive(Clone, Debug)]
pub struct Fingerprint {
	variants: Vec<Variant>,
	salts: Vec<H256>,
	leaves: Vec<H256>,
	root: H256,
}

impl Fingerprint {
	/// Fingerprints `variants` (in any order) under `secret`.
	pub fn new(secret: &Secret, mut variants: Vec<Variant>) -> Result<Self, FingerprintError> {
		let count = check_variants(&variants)?;
		variants.sort_by(|a, b| a.key.cmp(&b.key));
		if let Some(pair) = variants.windows(2).find(|pair| pair[0].key == pair[1].key) {
			return Err(FingerprintError::Duplicate(pair[0].key.clone()));
		}
		let salts: Vec<H256> = (0..count).map(|index| leaf_salt(secret, index)).collect();
		let leaves: Vec<H256> =
			variants.iter().zip(&salts).map(|(v, salt)| leaf_hash(salt, v)).collect();
		let tree = tree_root(&leaves).ok_or(FingerprintError::Empty)?;
		let root = commitment_root(count, &tree);
		Ok(Fingerprint { variants, salts, leaves, root })
	}

	/// The committed root.
	pub fn root(&self) -> H256 {
		self.root
	}

	/// The number of leaves.
	pub fn leaf_count(&self) -> u32 {
		// `new` refused lists longer than u32::MAX.
		u32::try_from(self.leaves.len()).unwrap_or(u32::MAX)
	}

	/// The variants in canonical order.
	pub fn variants(&self) -> &[Variant] {
		&self.variants
	}

	/// The proof of the leaf at `index`.
	pub fn prove_index(&self, index: u32) -> Option<InclusionProof> {
		let position = usize::try_from(index).ok()?;
		let siblings = inclusion_siblings(&self.leaves, index)?;
		Some(InclusionProof {
			variant: self.variants.get(position)?.clone(),
			leaf_index: index,
			salt: *self.salts.get(position)?,
			siblings: BoundedVec::try_from(siblings).ok()?,
		})
	}

	/// The proof about `key`: its inclusion when it is a leaf, else its absence.
	pub fn prove(&self, key: &VariantKey) -> Option<VariantProof> {
		let index_of = |position: usize| u32::try_from(position).ok();
		match self.variants.binary_search_by(|v| v.key.cmp(key)) {
			Ok(position) => Some(VariantProof::Included(self.prove_index(index_of(position)?)?)),
			Err(insert_at) => {
				let proof = if insert_at == 0 {
					AbsenceProof::BeforeFirst(self.prove_index(0)?)
				} else if insert_at == self.variants.len() {
					AbsenceProof::AfterLast(self.prove_index(index_of(insert_at.checked_sub(1)?)?)?)
				} else {
					AbsenceProof::Between {
						left: self.prove_index(index_of(insert_at.checked_sub(1)?)?)?,
						right: self.prove_index(index_of(insert_at)?)?,
					}
				};
				Some(VariantProof::Absent { key: key.clone(), proof })
			}
		}
	}
}
