//! Fingerprinting a whole genome fast in scheme v1: the hashes of [`leaf_salt`](super::v1::leaf_salt),
//! [`leaf_hash_of_encoded`](super::v1::leaf_hash_of_encoded) and [`node_hash`](super::node_hash), of
//! the same inputs, computed several at a time in SIMD lanes: eight at once with AVX-512
//! (the `lanes` module) where the CPU has it, else four at once with AVX2
//! (`blake2b_simd::many`). Off-chain only: the CLI hashes three times per variant, millions
//! of times; the runtime hashes a proof's few dozen nodes through the host, one by one.

use super::{
	lanes, node_input,
	v1::{salt_input, write_leaf_input, LEAF_HEAD_LEN},
	Secret, TreeBuilder, H256,
};
use alloc::vec::Vec;
use blake2b_simd::{
	many::{hash_many, HashManyJob},
	Params,
};
use rayon::prelude::*;

/// Leaves hashed together into one perfect subtree: `2^CHUNK_HEIGHT`.
const CHUNK_HEIGHT: u32 = 10;
const CHUNK: usize = 1 << CHUNK_HEIGHT;

pub(super) fn params() -> Params {
	let mut params = Params::new();
	params.hash_length(32);
	params
}

/// BLAKE2b-256 of each of `inputs`, in order: eight at a time in AVX-512 lanes where the CPU has
/// them ([`lanes`](super::lanes)), else four at a time in AVX2 lanes (or one by one) with
/// `blake2b_simd`.
pub(super) fn hash_all<'a>(params: &Params, inputs: impl Iterator<Item = &'a [u8]>) -> Vec<H256> {
	if !lanes::available() {
		return hash_all_blake2b_simd(params, inputs);
	}
	let inputs: Vec<&[u8]> = inputs.collect();
	let mut hashes = vec![H256::zero(); inputs.len()];
	let (groups, rest) = inputs.as_chunks::<{ lanes::LANES }>();
	let (outs, rest_out) = hashes.as_chunks_mut::<{ lanes::LANES }>();
	for (group, out) in groups.iter().zip(outs) {
		if lanes::hash8(*group, out).is_none() {
			// An input longer than a block among these eight.
			out.copy_from_slice(&hash_all_blake2b_simd(params, group.iter().copied()));
		}
	}
	if !rest.is_empty() {
		rest_out.copy_from_slice(&hash_all_blake2b_simd(params, rest.iter().copied()));
	}
	hashes
}

/// Inputs [`hash_group`] hashes together.
pub(super) const GROUP: usize = lanes::LANES;

/// BLAKE2b-256 of each of eight inputs, with no allocation when they are one block each and the
/// CPU has AVX-512: the form for callers that lay out eight inputs at a time on the stack.
pub(super) fn hash_group(params: &Params, inputs: [&[u8]; GROUP]) -> [H256; GROUP] {
	let mut hashes = [H256::zero(); GROUP];
	if lanes::hash8(inputs, &mut hashes).is_none() {
		hashes.copy_from_slice(&hash_all_blake2b_simd(params, inputs.into_iter()));
	}
	hashes
}

fn hash_all_blake2b_simd<'a>(params: &Params, inputs: impl Iterator<Item = &'a [u8]>) -> Vec<H256> {
	let mut jobs: Vec<HashManyJob> = inputs.map(|input| HashManyJob::new(params, input)).collect();
	hash_many(jobs.iter_mut());
	jobs.iter()
		.map(|job| {
			let mut hash = H256::zero();
			hash.0.copy_from_slice(job.to_hash().as_bytes());
			hash
		})
		.collect()
}

/// The tree root of a v1 fingerprint, fed the SCALE encodings of its variants in canonical order:
/// the same root as [`TreeBuilder`](super::TreeBuilder) over their
/// [`leaf_hash_of_encoded`](super::v1::leaf_hash_of_encoded) hashes, in `O(log n)` memory besides a
/// chunk of 1024 leaves.
pub struct GenomeTree<'s> {
	secret: &'s Secret,
	params: Params,
	tree: TreeBuilder,
	/// Leaf hashes not yet folded into `tree`: fewer than one chunk.
	pending: Vec<H256>,
	/// The encodings of the variants waiting to be hashed, with where each ends.
	variants: Vec<u8>,
	ends: Vec<usize>,
	leaves: u32,
}

impl<'s> GenomeTree<'s> {
	pub fn new(secret: &'s Secret) -> Self {
		GenomeTree {
			secret,
			params: params(),
			tree: TreeBuilder::default(),
			pending: Vec::with_capacity(CHUNK),
			variants: Vec::new(),
			ends: Vec::with_capacity(CHUNK),
			leaves: 0,
		}
	}

	/// Adds the next variant, SCALE-encoded. `None` once the tree holds `u32::MAX` leaves, the
	/// most a leaf count can state.
	pub fn push(&mut self, encoded_variant: &[u8]) -> Option<()> {
		self.leaves = self.leaves.checked_add(1)?;
		self.variants.extend_from_slice(encoded_variant);
		self.ends.push(self.variants.len());
		if self.ends.len() == CHUNK {
			self.hash_variants();
			let root = self.chunk_root();
			self.tree.push_subtree(CHUNK_HEIGHT, root);
		}
		Some(())
	}

	/// The number of leaves pushed.
	pub fn leaf_count(&self) -> u32 {
		self.leaves
	}

	/// The tree root (`None` without leaves).
	pub fn tree_root(mut self) -> Option<H256> {
		self.hash_variants();
		for leaf in core::mem::take(&mut self.pending) {
			self.tree.push(leaf);
		}
		self.tree.tree_root()
	}

	/// Hashes the waiting variants into `pending`: their salts first, then the leaves.
	fn hash_variants(&mut self) {
		let first = self.leaves.saturating_sub(self.ends.len() as u32);
		let salt_inputs: Vec<_> =
			(first..).take(self.ends.len()).map(|index| salt_input(self.secret, index)).collect();
		let salts = hash_all(&self.params, salt_inputs.iter().map(|input| &input[..]));

		let mut inputs = Vec::with_capacity(
			self.variants.len().saturating_add(LEAF_HEAD_LEN.saturating_mul(self.ends.len())),
		);
		let mut bounds = Vec::with_capacity(self.ends.len());
		let starts = core::iter::once(0).chain(self.ends.iter().copied());
		for ((start, end), salt) in starts.zip(self.ends.iter().copied()).zip(&salts) {
			let from = inputs.len();
			let length = LEAF_HEAD_LEN.saturating_add(end.saturating_sub(start));
			inputs.resize(from.saturating_add(length), 0);
			write_leaf_input(salt, &self.variants[start..end], &mut inputs[from..]);
			bounds.push(from..inputs.len());
		}
		let leaves = hash_all(&self.params, bounds.into_iter().map(|range| &inputs[range]));
		self.pending.extend(leaves);
		self.variants.clear();
		self.ends.clear();
	}

	/// Folds a full chunk of pending leaves into its subtree root, level by level.
	fn chunk_root(&mut self) -> H256 {
		let mut level = core::mem::take(&mut self.pending);
		while level.len() > 1 {
			let inputs: Vec<[u8; 65]> =
				level.chunks_exact(2).map(|pair| node_input(&pair[0], &pair[1])).collect();
			level = hash_all(&self.params, inputs.iter().map(|input| &input[..]));
		}
		let root = level.first().copied().unwrap_or_default();
		self.pending = level;
		self.pending.clear();
		root
	}
}

/// Nodes hashed together by one task when a level is built on several threads.
const PAIRS_PER_TASK: usize = 4096;

/// The level above `level`: its nodes paired left to right and hashed, an odd last node carried
/// up unchanged, on the threads of the current rayon pool.
pub(super) fn parent_level(params: &Params, level: &[H256]) -> Vec<H256> {
	parents(params, level.len(), |index| level[index])
}

/// The level above a level of `count` nodes, `node(i)` being node `i`: pairs hashed eight at a
/// time, written where they go, an odd last node carried up unchanged.
pub(super) fn parents(
	params: &Params,
	count: usize,
	node: impl Fn(usize) -> H256 + Sync,
) -> Vec<H256> {
	let mut parents = vec![H256::zero(); count.div_ceil(2)];
	parents.par_chunks_mut(PAIRS_PER_TASK).enumerate().for_each(|(task, out)| {
		let first = task.saturating_mul(PAIRS_PER_TASK);
		for (group, out) in out.chunks_mut(GROUP).enumerate() {
			let first = first.saturating_add(group.saturating_mul(GROUP));
			let paired =
				|i: usize| first.saturating_add(i).saturating_mul(2).saturating_add(1) < count;
			let inputs: [[u8; 65]; GROUP] = core::array::from_fn(|i| {
				let left = first.saturating_add(i).saturating_mul(2);
				if i < out.len() && paired(i) {
					node_input(&node(left), &node(left.saturating_add(1)))
				} else {
					[0u8; 65]
				}
			});
			let hashes = hash_group(params, inputs.each_ref().map(|input| &input[..]));
			for (i, (parent, hash)) in out.iter_mut().zip(hashes).enumerate() {
				*parent =
					if paired(i) { hash } else { node(first.saturating_add(i).saturating_mul(2)) };
			}
		}
	});
	parents
}

/// The tree root over `count` leaves (`None` when there are none), `fill(first, out)` writing
/// the leaves from `first` on into `out`: the roots of perfect subtrees of 1,024 leaves computed
/// on the threads of the current rayon pool, then folded left to right as [`TreeBuilder`] folds
/// them, so that neither the leaves nor the tree are ever held whole.
pub(super) fn tree_root_of(
	params: &Params,
	count: usize,
	fill: impl Fn(usize, &mut [H256]) + Sync,
) -> Option<H256> {
	let full = count / CHUNK;
	let roots: Vec<H256> = (0..full)
		.into_par_iter()
		.map_init(
			|| vec![H256::zero(); CHUNK],
			|leaves, chunk| {
				fill(chunk.saturating_mul(CHUNK), leaves);
				let mut level = parent_level(params, leaves);
				while level.len() > 1 {
					let next = parent_level(params, &level);
					level = next;
				}
				level.first().copied().unwrap_or_default()
			},
		)
		.collect();
	let mut tree = TreeBuilder::default();
	for root in roots {
		tree.push_subtree(CHUNK_HEIGHT, root);
	}
	let first = full.saturating_mul(CHUNK);
	let mut rest = vec![H256::zero(); count.saturating_sub(first)];
	fill(first, &mut rest);
	for leaf in rest {
		tree.push(leaf);
	}
	tree.tree_root()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn every_input_is_hashed_as_blake2b_256_whatever_its_length_and_place() {
		let bytes: Vec<u8> = (0..400u32).map(|i| (i.wrapping_mul(197) >> 3) as u8).collect();
		// Lengths from none to three blocks, so that groups of eight mix one-block inputs with
		// longer ones, and a remainder of fewer than eight is left.
		let inputs: Vec<&[u8]> = (0..=300).map(|length| &bytes[length % 7..][..length]).collect();
		let hashes = hash_all(&params(), inputs.iter().copied());
		assert_eq!(hashes.len(), inputs.len());
		for (input, hash) in inputs.iter().zip(&hashes) {
			assert_eq!(
				hash.0,
				polkadot_sdk::sp_crypto_hashing::blake2_256(input),
				"{} bytes",
				input.len()
			);
		}
	}

	#[test]
	fn trees_built_in_parallel_chunks_have_the_roots_of_the_reference_tree() {
		let leaves: Vec<H256> = (0..5000u32)
			.map(|i| H256(polkadot_sdk::sp_crypto_hashing::blake2_256(&i.to_le_bytes())))
			.collect();
		for count in [0, 1, 2, 3, 7, 8, 9, 1023, 1024, 1025, 2048, 3001, 5000] {
			let leaves = &leaves[..count];
			let reference = super::super::tree_root(leaves);
			let fill = |first: usize, out: &mut [H256]| {
				out.copy_from_slice(&leaves[first..first + out.len()])
			};
			assert_eq!(tree_root_of(&params(), count, fill), reference, "{count} leaves");
			let mut level = leaves.to_vec();
			while level.len() > 1 {
				level = parent_level(&params(), &level);
			}
			assert_eq!(level.first().copied(), reference, "{count} leaves, level by level");
		}
	}
}
