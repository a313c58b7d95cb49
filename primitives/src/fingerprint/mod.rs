//! Genome fingerprints: salted Merkle commitments of a sample's canonical variants.
//!
//! A contributor's genome goes on chain only as a 32-byte *root*, a leaf count, the reference
//! assembly and the [`Scheme`] that made the root. The root commits to every variant of the
//! sample, so that later one variant can be proven present or absent ([`VariantProof`],
//! [`verify`]) without revealing any other variant; and it is salted, so that nobody who holds the
//! person's genotype but not their secret can recompute the root and link the anchor to the person.
//!
//! Two schemes live side by side; an anchor names the one that made its root, and a proof of one
//! scheme never verifies against a root of the other ([`ProofError::SchemeMismatch`]):
//!
//! - [`v1`]: leaves in genome order (chromosome, position, alleles), salted by their index. An
//!   absence proof shows the two carried variants either side of the absent one.
//! - [`v2`]: leaves ordered by a keyed hash of the variant, which the chain checks against a
//!   committed key of the variant's 4 kb window; an absence proof shows two leaves by key only.
//!
//! This module holds what both share: the canonical variant ([`Variant`]: [`Chromosome`],
//! [`Allele`], [`Zygosity`]), the binary Merkle tree ([`node_hash`], [`TreeBuilder`],
//! [`fold_path`]), the lab batches ([`Batch`]) and what a proof establishes ([`ProvenFact`]).
//! The tree: leaves in order, inner nodes `blake2_256(0x01 ‖ left ‖ right)`, nodes paired left to
//! right level by level, an odd last node carried up unchanged (the shape of RFC 6962's Merkle
//! tree hash). Hash inputs start with a prefix byte (leaf, node, root, batch leaf, batch root, and
//! v2's window leaf, leaf key and commitment) and, except inner nodes, the scheme's version byte,
//! so no hash of one kind can be passed off as another. `docs/FINGERPRINT.md` describes both
//! schemes and argues their security.
//!
//! ## Lab batches
//!
//! A lab that sequenced many samples commits them in one go: the batch leaves are
//! `blake2_256(0x03 ‖ version ‖ sample_root)` in the lab's order, the same tree is built over
//! them, and the [`batch_root`] is `blake2_256(0x04 ‖ version ‖ sample_count ‖ tree_root)`. A
//! [`BatchProof`] shows that one sample root is in the batch ([`verify_batch_inclusion`]).
//!
//! A VCF lists the sites where the sample differs from the reference, so "absent" means "not
//! called as a variant of this sample", which includes sites the sequencing did not cover.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::cmp::Ordering;
// In the runtime, hashing is a host call into native code. Off chain (the CLI hashes millions of
// leaves), the hasher is called directly: sp-io's native shim adds a tracing span to every call.
#[cfg(feature = "std")]
use polkadot_sdk::sp_crypto_hashing::blake2_256;
#[cfg(not(feature = "std"))]
use polkadot_sdk::sp_io::hashing::blake2_256;
use polkadot_sdk::{
	sp_core::{ConstU32, H256},
	sp_runtime::BoundedVec,
};
use scale_info::TypeInfo;

/// The longest REF or ALT allele a v1 leaf may carry, in bases. Short-variant callers stay far
/// below it; structural variants are symbolic alleles, which v1 does not commit.
pub const MAX_ALLELE_LEN: u32 = 1024;

/// The most sibling hashes a proof may carry: enough for 2^32 leaves, the most a `u32` leaf count
/// can state.
pub const MAX_PROOF_DEPTH: u32 = 32;

/// Prefix of a leaf hash.
const LEAF_PREFIX: u8 = 0x00;
/// Prefix of an inner node hash.
const NODE_PREFIX: u8 = 0x01;
/// Prefix of the root that binds the leaf count.
const ROOT_PREFIX: u8 = 0x02;
/// Prefix of a batch leaf (a sample root inside a lab batch).
const BATCH_LEAF_PREFIX: u8 = 0x03;
/// Prefix of a batch root.
const BATCH_ROOT_PREFIX: u8 = 0x04;

/// The version of the fingerprint scheme. Its SCALE encoding is the version byte hashed into every
/// leaf and root.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
)]
pub enum Scheme {
	/// [`v1`]: leaves in genome order.
	#[default]
	#[codec(index = 1)]
	V1,
	/// [`v2`]: leaves ordered by a keyed hash of the variant.
	#[codec(index = 2)]
	V2,
}

impl Scheme {
	/// The byte that identifies this scheme inside hashes.
	pub const fn version_byte(self) -> u8 {
		match self {
			Scheme::V1 => 1,
			Scheme::V2 => 2,
		}
	}
}

/// The reference genome the positions refer to.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum Assembly {
	/// GRCh37 (hg19).
	GRCh37,
	/// GRCh38 (hg38).
	GRCh38,
	/// T2T-CHM13 v2.0 (hs1).
	T2tChm13,
}

impl Assembly {
	/// The assembly's usual name.
	pub const fn name(self) -> &'static str {
		match self {
			Assembly::GRCh37 => "GRCh37",
			Assembly::GRCh38 => "GRCh38",
			Assembly::T2tChm13 => "T2T-CHM13",
		}
	}

	/// Recognises an assembly by one of its common names (`GRCh38`, `hg38`, `b37`, `CHM13`, …),
	/// ignoring case.
	pub fn from_name(name: &str) -> Option<Self> {
		let lower = name.to_ascii_lowercase();
		match lower.as_str() {
			"grch37" | "hg19" | "b37" | "hs37d5" => Some(Assembly::GRCh37),
			"grch38" | "hg38" | "b38" => Some(Assembly::GRCh38),
			"t2t-chm13" | "t2t" | "chm13" | "hs1" | "chm13v2.0" | "t2t-chm13v2.0" => {
				Some(Assembly::T2tChm13)
			}
			_ => None,
		}
	}

	/// Recognises an assembly by the length of its chromosome 1, which differs between all three.
	pub const fn from_chromosome_1_length(length: u64) -> Option<Self> {
		match length {
			249_250_621 => Some(Assembly::GRCh37),
			248_956_422 => Some(Assembly::GRCh38),
			248_387_328 => Some(Assembly::T2tChm13),
			_ => None,
		}
	}
}

/// A primary human chromosome, numbered in canonical order: 1–22, then X = 23, Y = 24, MT = 25.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Hash,
	Debug,
)]
pub struct Chromosome(u8);

impl Chromosome {
	/// Chromosome X.
	pub const X: Chromosome = Chromosome(23);
	/// Chromosome Y.
	pub const Y: Chromosome = Chromosome(24);
	/// The mitochondrial genome.
	pub const MT: Chromosome = Chromosome(25);

	/// The chromosome with canonical number `number` (1–25).
	pub const fn from_number(number: u8) -> Option<Self> {
		if number >= 1 && number <= 25 {
			Some(Chromosome(number))
		} else {
			None
		}
	}

	/// Its canonical number: 1–22, X = 23, Y = 24, MT = 25.
	pub const fn number(self) -> u8 {
		self.0
	}

	/// Normalises a contig name: an optional `chr` prefix (any case) is dropped and `M` is read as
	/// `MT`. Names of other contigs (unplaced scaffolds, decoys, alternate haplotypes) give `None`.
	pub fn parse(name: &[u8]) -> Option<Self> {
		let name = match name {
			[c, h, r, rest @ ..] if [*c, *h, *r].eq_ignore_ascii_case(b"chr") => rest,
			_ => name,
		};
		match name {
			[b'X' | b'x'] => Some(Self::X),
			[b'Y' | b'y'] => Some(Self::Y),
			[b'M' | b'm'] | [b'M' | b'm', b'T' | b't'] => Some(Self::MT),
			[d @ b'1'..=b'9'] => Some(Chromosome(d.saturating_sub(b'0'))),
			[b'1', u @ b'0'..=b'9'] => Some(Chromosome(u.saturating_sub(b'0').saturating_add(10))),
			[b'2', u @ b'0'..=b'2'] => Some(Chromosome(u.saturating_sub(b'0').saturating_add(20))),
			_ => None,
		}
	}

	/// The canonical name: `1`…`22`, `X`, `Y`, `MT`.
	pub fn name(self) -> alloc::string::String {
		match self.0 {
			23 => "X".into(),
			24 => "Y".into(),
			25 => "MT".into(),
			n => alloc::format!("{n}"),
		}
	}
}

/// One allele of a canonical variant: upper-case bases `A`, `C`, `G`, `T`, `N`.
pub type Allele = BoundedVec<u8, ConstU32<MAX_ALLELE_LEN>>;

/// Why an allele, a variant or a chromosome is not canonical.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum VariantError {
	/// An allele is empty.
	EmptyAllele,
	/// An allele is longer than [`MAX_ALLELE_LEN`].
	AlleleTooLong,
	/// An allele holds something other than `A`, `C`, `G`, `T`, `N` (in either case).
	NotNucleotides,
	/// The position is 0; VCF positions are 1-based.
	ZeroPosition,
	/// REF and ALT are the same allele.
	AltEqualsRef,
	/// The chromosome number is outside 1–25.
	UnknownChromosome,
	/// REF and ALT share a first or last base that [`VariantKey::trimmed`] would remove, so the
	/// same variant has a shorter writing (v2 accepts the minimal one only).
	NotMinimal,
}

/// Reads an allele, upper-casing it and refusing anything but nucleotides.
pub fn parse_allele(bases: &[u8]) -> Result<Allele, VariantError> {
	check_allele(bases)?;
	Allele::try_from(bases.to_ascii_uppercase()).map_err(|_| VariantError::AlleleTooLong)
}

/// Checks, without allocating, that `bases` would make an allele: 1 to [`MAX_ALLELE_LEN`] of
/// `A`, `C`, `G`, `T`, `N` in either case.
pub fn check_allele(bases: &[u8]) -> Result<(), VariantError> {
	if bases.is_empty() {
		return Err(VariantError::EmptyAllele);
	}
	if bases.len() > MAX_ALLELE_LEN as usize {
		return Err(VariantError::AlleleTooLong);
	}
	if bases.iter().all(|b| matches!(b.to_ascii_uppercase(), b'A' | b'C' | b'G' | b'T' | b'N')) {
		Ok(())
	} else {
		Err(VariantError::NotNucleotides)
	}
}

/// How many copies of the ALT allele the sample carries.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum Zygosity {
	/// Some but not all copies at a diploid (or polyploid) site, e.g. `0/1`, `1/2`, `./1`.
	Heterozygous,
	/// Every copy at a site with two or more copies, e.g. `1/1`.
	Homozygous,
	/// The only copy at a haploid site (male X and Y, MT), e.g. `1`.
	Hemizygous,
}

/// What identifies a variant and orders the leaves: chromosome, position, REF, ALT.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct VariantKey {
	/// The chromosome.
	pub chromosome: Chromosome,
	/// The 1-based position of the first base of REF.
	pub position: u32,
	/// The reference allele.
	pub reference: Allele,
	/// The alternate allele.
	pub alternate: Allele,
}

impl Ord for VariantKey {
	fn cmp(&self, other: &Self) -> Ordering {
		(self.chromosome, self.position, self.reference.as_slice(), self.alternate.as_slice()).cmp(
			&(
				other.chromosome,
				other.position,
				other.reference.as_slice(),
				other.alternate.as_slice(),
			),
		)
	}
}

impl PartialOrd for VariantKey {
	fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
		Some(self.cmp(other))
	}
}

impl VariantKey {
	/// Checks that the key is canonical: a known chromosome, a 1-based position, nucleotide
	/// alleles in upper case, and an ALT that differs from REF.
	pub fn check_canonical(&self) -> Result<(), VariantError> {
		if Chromosome::from_number(self.chromosome.0).is_none() {
			return Err(VariantError::UnknownChromosome);
		}
		if self.position == 0 {
			return Err(VariantError::ZeroPosition);
		}
		for allele in [&self.reference, &self.alternate] {
			check_allele(allele)?;
			// Canonical alleles are upper case.
			if allele.iter().any(u8::is_ascii_lowercase) {
				return Err(VariantError::NotNucleotides);
			}
		}
		if self.reference == self.alternate {
			return Err(VariantError::AltEqualsRef);
		}
		Ok(())
	}

	/// Checks that the key is canonical and in minimal representation: REF and ALT do not both
	/// have two or more bases and share their first or their last base.
	pub fn check_minimal(&self) -> Result<(), VariantError> {
		self.check_canonical()?;
		let (reference, alternate) = (self.reference.as_slice(), self.alternate.as_slice());
		let shared_end = |a: &[u8], b: &[u8]| a.last() == b.last() || a.first() == b.first();
		if reference.len() >= 2 && alternate.len() >= 2 && shared_end(reference, alternate) {
			return Err(VariantError::NotMinimal);
		}
		Ok(())
	}

	/// The key in minimal representation: the bases REF and ALT share at their end, then at their
	/// start, trimmed while both keep at least one base, the position moved past the trimmed
	/// start. `CTT>CT` becomes `CT>C` at the same position, `GAC>GTC` becomes `A>T` one position
	/// on. Left-aligning an indel in a repeat needs the reference genome, which this does not have.
	pub fn trimmed(&self) -> VariantKey {
		let (position, reference, alternate) =
			minimal(self.position, &self.reference, &self.alternate);
		VariantKey {
			chromosome: self.chromosome,
			position,
			reference: Allele::truncate_from(reference.to_vec()),
			alternate: Allele::truncate_from(alternate.to_vec()),
		}
	}
}

/// `reference>alternate` at `position` in minimal representation, as [`VariantKey::trimmed`]
/// defines it, without copying the alleles: the bases both share at their end, then at their
/// start, trimmed while both keep at least one base, the position moved past the trimmed start.
pub fn minimal<'a>(
	position: u32,
	reference: &'a [u8],
	alternate: &'a [u8],
) -> (u32, &'a [u8], &'a [u8]) {
	let (mut reference, mut alternate) = (reference, alternate);
	while let ([.., r], [.., a]) = (reference, alternate) {
		if r != a || reference.len() < 2 || alternate.len() < 2 {
			break;
		}
		reference = &reference[..reference.len().saturating_sub(1)];
		alternate = &alternate[..alternate.len().saturating_sub(1)];
	}
	let mut position = position;
	while let ([r, ..], [a, ..]) = (reference, alternate) {
		if r != a || reference.len() < 2 || alternate.len() < 2 {
			break;
		}
		reference = &reference[1..];
		alternate = &alternate[1..];
		position = position.saturating_add(1);
	}
	(position, reference, alternate)
}

/// A canonical variant: one leaf of the fingerprint.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Variant {
	/// Where and what.
	pub key: VariantKey,
	/// How many copies the sample carries.
	pub zygosity: Zygosity,
}

impl Variant {
	/// A canonical variant at `position` on chromosome X with both alleles as long as the scheme
	/// allows: the largest a proof, a request or a verdict can carry, for benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	pub fn longest(position: u32) -> Self {
		let allele = |base: u8| Allele::truncate_from(alloc::vec![base; MAX_ALLELE_LEN as usize]);
		Variant {
			key: VariantKey {
				chromosome: Chromosome::X,
				position,
				reference: allele(b'A'),
				alternate: allele(b'C'),
			},
			zygosity: Zygosity::Heterozygous,
		}
	}
}

/// The contributor's 32-byte secret from which every leaf salt is derived. It never leaves the
/// contributor; its `Debug` output does not show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub [u8; 32]);

impl core::fmt::Debug for Secret {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		f.write_str("Secret(..)")
	}
}

/// The hash of an inner node over its two children.
pub fn node_hash(left: &H256, right: &H256) -> H256 {
	H256(blake2_256(&node_input(left, right)))
}

/// `0x01 ‖ left ‖ right`, the input of [`node_hash`].
fn node_input(left: &H256, right: &H256) -> [u8; 65] {
	let mut input = [0u8; 65];
	input[0] = NODE_PREFIX;
	input[1..33].copy_from_slice(left.as_bytes());
	input[33..].copy_from_slice(right.as_bytes());
	input
}

/// `blake2_256(prefix ‖ version ‖ count ‖ tree_root)`: a tree root bound to what it counts.
fn bound_root(prefix: u8, scheme: Scheme, count: u32, tree_root: &H256) -> H256 {
	let mut input = [0u8; 38];
	input[0] = prefix;
	input[1] = scheme.version_byte();
	input[2..6].copy_from_slice(&count.to_le_bytes());
	input[6..].copy_from_slice(tree_root.as_bytes());
	H256(blake2_256(&input))
}

/// Computes a tree root from leaf hashes fed one at a time, in `O(log n)` memory: the frontier
/// keeps at most one finished subtree per height.
#[derive(Default, Clone, Debug)]
pub struct TreeBuilder {
	/// Roots of finished perfect subtrees, with their height, tallest first.
	frontier: Vec<(u32, H256)>,
	/// Leaves pushed so far.
	leaves: u64,
}

impl TreeBuilder {
	/// Adds the next leaf hash.
	pub fn push(&mut self, leaf: H256) {
		self.push_subtree(0, leaf);
	}

	/// Adds the root of the next perfect subtree of `2^height` leaves, as if its leaves were
	/// pushed one by one. The leaves pushed so far must be a multiple of `2^height`.
	fn push_subtree(&mut self, height: u32, root: H256) {
		let mut node = (height, root);
		while let Some(&(top, left)) = self.frontier.last() {
			if top != node.0 {
				break;
			}
			self.frontier.pop();
			node = (top.saturating_add(1), node_hash(&left, &node.1));
		}
		self.frontier.push(node);
		self.leaves = self.leaves.saturating_add(1u64.checked_shl(height).unwrap_or(u64::MAX));
	}

	/// How many leaves were pushed.
	pub fn leaf_count(&self) -> u64 {
		self.leaves
	}

	/// The tree root over the leaves pushed so far (`None` without leaves). Odd nodes are carried
	/// up, so the smaller subtrees on the right fold into each other before joining the left.
	pub fn tree_root(&self) -> Option<H256> {
		let mut subtrees = self.frontier.iter().rev();
		let mut acc = subtrees.next()?.1;
		for (_, left) in subtrees {
			acc = node_hash(left, &acc);
		}
		Some(acc)
	}
}

/// The tree root over `leaves` (`None` when empty).
pub fn tree_root(leaves: &[H256]) -> Option<H256> {
	let mut builder = TreeBuilder::default();
	leaves.iter().for_each(|leaf| builder.push(*leaf));
	builder.tree_root()
}

/// The sibling hashes that prove leaf `index` of `leaves`, from the leaf level up (`None` when
/// `index` is out of range or the list is longer than a `u32` count).
///
/// Each sibling is the root of the contiguous range of leaves it covers, so the tree is never
/// held in memory: proving costs one pass over the leaf hashes.
pub fn inclusion_siblings(leaves: &[H256], index: u32) -> Option<Vec<H256>> {
	let count = u32::try_from(leaves.len()).ok()?;
	if index >= count {
		return None;
	}
	let mut siblings = Vec::new();
	let (mut position, mut width, mut span) = (index as usize, count as usize, 1usize);
	while width > 1 {
		let sibling =
			if position % 2 == 1 { position.checked_sub(1) } else { position.checked_add(1) }
				.filter(|&s| s < width);
		if let Some(sibling) = sibling {
			let start = sibling.checked_mul(span)?;
			let end = start.checked_add(span)?.min(leaves.len());
			siblings.push(tree_root(leaves.get(start..end)?)?);
		}
		position /= 2;
		width = width.div_ceil(2);
		span = span.checked_mul(2)?;
	}
	Some(siblings)
}

/// What a valid proof establishes about the genome behind a root.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum ProvenFact {
	/// The sample carries this variant with this zygosity.
	Carries(Variant),
	/// The sample was not called for this variant.
	DoesNotCarry(VariantKey),
}

/// Why a proof does not hold.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum ProofError {
	/// The fingerprint or batch has no leaves.
	Empty,
	/// A leaf index is not below the leaf count.
	IndexOutOfRange,
	/// A proof carries more or fewer siblings than its leaf's path through the tree has.
	WrongSiblingCount,
	/// The hashes do not lead to the root.
	RootMismatch,
	/// A proven variant is not canonical.
	NotCanonical(VariantError),
	/// The leaves of an absence proof are not adjacent.
	NotAdjacent,
	/// The leaves of an absence proof do not bracket the key (or the key is a leaf).
	NotBracketing,
	/// An edge proof is not about the first (last) leaf.
	NotAtEdge,
	/// The proof was made for one scheme and the root by the other.
	SchemeMismatch,
	/// A v2 variant lies beyond the last position v2's windows cover ([`v2::MAX_POSITION`]).
	BeyondWindows,
	/// The window key of a v2 absence proof does not lead to the window root the proof states.
	WindowMismatch,
}

/// The number of siblings on the path of leaf `index` in a tree of `leaf_count` leaves: one per
/// level, except the levels where the node is an odd last node carried up.
pub fn path_length(leaf_count: u32, index: u32) -> Option<u32> {
	if index >= leaf_count {
		return None;
	}
	let (mut position, mut width, mut length) = (index, leaf_count, 0u32);
	while width > 1 {
		if position % 2 == 1 || position.saturating_add(1) < width {
			length = length.saturating_add(1);
		}
		position /= 2;
		width = width.div_ceil(2);
	}
	Some(length)
}

/// Walks from `node` at leaf `index` up a tree of `count` leaves with `siblings` and returns the
/// tree root; every sibling must be used exactly once.
pub fn fold_path(
	mut node: H256,
	index: u32,
	count: u32,
	siblings: &[H256],
) -> Result<H256, ProofError> {
	let mut siblings = siblings.iter();
	let (mut position, mut width) = (index, count);
	while width > 1 {
		if position % 2 == 1 {
			let left = siblings.next().ok_or(ProofError::WrongSiblingCount)?;
			node = node_hash(left, &node);
		} else if position.saturating_add(1) < width {
			let right = siblings.next().ok_or(ProofError::WrongSiblingCount)?;
			node = node_hash(&node, right);
		}
		position /= 2;
		width = width.div_ceil(2);
	}
	if siblings.next().is_some() {
		return Err(ProofError::WrongSiblingCount);
	}
	Ok(node)
}

/// The leaf of a lab batch: one sample's fingerprint root.
pub fn batch_leaf_hash(scheme: Scheme, sample_root: &H256) -> H256 {
	let mut input = [0u8; 34];
	input[0] = BATCH_LEAF_PREFIX;
	input[1] = scheme.version_byte();
	input[2..].copy_from_slice(sample_root.as_bytes());
	H256(blake2_256(&input))
}

/// The root a lab commits for a batch of `sample_count` samples: the tree root over the batch
/// leaves, bound to the scheme and the count.
pub fn batch_root(scheme: Scheme, sample_count: u32, tree_root: &H256) -> H256 {
	bound_root(BATCH_ROOT_PREFIX, scheme, sample_count, tree_root)
}

/// Proof that one sample root is in a lab batch.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct BatchProof {
	/// The sample's index in the batch, in the order the lab listed the samples.
	pub sample_index: u32,
	/// One sibling per tree level that has one, from the leaf level up.
	pub siblings: BoundedVec<H256, ConstU32<MAX_PROOF_DEPTH>>,
}

/// A lab's batch computed in memory: the sample roots in the lab's order and the batch root.
#[derive(Clone, Debug)]
pub struct Batch {
	scheme: Scheme,
	leaves: Vec<H256>,
	root: H256,
}

impl Batch {
	/// Commits to `sample_roots` in the given order (`None` when empty or longer than `u32`).
	pub fn new(scheme: Scheme, sample_roots: &[H256]) -> Option<Self> {
		let count = u32::try_from(sample_roots.len()).ok()?;
		let leaves: Vec<H256> =
			sample_roots.iter().map(|root| batch_leaf_hash(scheme, root)).collect();
		let root = batch_root(scheme, count, &tree_root(&leaves)?);
		Some(Batch { scheme, leaves, root })
	}

	/// The batch root.
	pub fn root(&self) -> H256 {
		self.root
	}

	/// The number of samples.
	pub fn sample_count(&self) -> u32 {
		// `new` refused lists longer than u32::MAX.
		u32::try_from(self.leaves.len()).unwrap_or(u32::MAX)
	}

	/// The proof that sample `index` is in the batch.
	pub fn prove(&self, index: u32) -> Option<BatchProof> {
		let siblings = inclusion_siblings(&self.leaves, index)?;
		Some(BatchProof { sample_index: index, siblings: BoundedVec::try_from(siblings).ok()? })
	}

	/// The scheme it was computed with.
	pub fn scheme(&self) -> Scheme {
		self.scheme
	}
}

/// Checks that `sample_root` is in the batch `batch_root` of `sample_count` samples.
pub fn verify_batch_inclusion(
	scheme: Scheme,
	batch_root_hash: &H256,
	sample_count: u32,
	sample_root: &H256,
	proof: &BatchProof,
) -> Result<(), ProofError> {
	if sample_count == 0 {
		return Err(ProofError::Empty);
	}
	if proof.sample_index >= sample_count {
		return Err(ProofError::IndexOutOfRange);
	}
	let leaf = batch_leaf_hash(scheme, sample_root);
	let tree = fold_path(leaf, proof.sample_index, sample_count, &proof.siblings)?;
	if batch_root(scheme, sample_count, &tree) == *batch_root_hash {
		Ok(())
	} else {
		Err(ProofError::RootMismatch)
	}
}

/// Why a list of variants cannot be fingerprinted.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum FingerprintError {
	/// There are no variants.
	Empty,
	/// More variants than a `u32` leaf count can state.
	TooManyVariants,
	/// Two variants share a key.
	Duplicate(VariantKey),
	/// A variant is not canonical.
	NotCanonical(VariantKey, VariantError),
	/// A variant lies beyond the last position the scheme covers ([`v2::MAX_POSITION`]).
	BeyondWindows(VariantKey),
	/// An encoded variant does not decode as a variant.
	Undecodable,
}

/// Checks that `variants` can be fingerprinted (not empty, countable, each canonical) and returns
/// their count. Duplicates are found once they are sorted.
fn check_variants(variants: &[Variant]) -> Result<u32, FingerprintError> {
	if variants.is_empty() {
		return Err(FingerprintError::Empty);
	}
	let count = u32::try_from(variants.len()).map_err(|_| FingerprintError::TooManyVariants)?;
	for variant in variants {
		variant
			.key
			.check_canonical()
			.map_err(|e| FingerprintError::NotCanonical(variant.key.clone(), e))?;
	}
	Ok(count)
}

/// A proof about one variant of a committed fingerprint, in the scheme that made the root.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum VariantProof {
	/// A proof against a [`Scheme::V1`] root.
	#[codec(index = 1)]
	V1(v1::VariantProof),
	/// A proof against a [`Scheme::V2`] root.
	#[codec(index = 2)]
	V2(v2::VariantProof),
}

impl VariantProof {
	/// The scheme the proof was made for.
	pub fn scheme(&self) -> Scheme {
		match self {
			VariantProof::V1(_) => Scheme::V1,
			VariantProof::V2(_) => Scheme::V2,
		}
	}

	/// Whether it claims the variant is present (else absent).
	pub fn claims_presence(&self) -> bool {
		match self {
			VariantProof::V1(proof) => matches!(proof, v1::VariantProof::Included(_)),
			VariantProof::V2(proof) => matches!(proof.claim, v2::Claim::Included(_)),
		}
	}
}

/// Checks `proof` against the `root` of `leaf_count` leaves that `scheme` made, and returns what
/// it proves.
pub fn verify(
	scheme: Scheme,
	root: &H256,
	leaf_count: u32,
	proof: &VariantProof,
) -> Result<ProvenFact, ProofError> {
	match (scheme, proof) {
		(Scheme::V1, VariantProof::V1(proof)) => v1::verify(root, leaf_count, proof),
		(Scheme::V2, VariantProof::V2(proof)) => v2::verify(root, leaf_count, proof),
		_ => Err(ProofError::SchemeMismatch),
	}
}

pub mod v1;
pub mod v2;

#[cfg(feature = "std")]
mod lanes;
#[cfg(feature = "std")]
pub mod many;
#[cfg(test)]
mod tests;
