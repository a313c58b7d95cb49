//! Building v2 fingerprints and proofs off chain (std only), on every core.
//!
//! [`Windows`] computes a secret's window keys and window root once (1.6 M keys and leaves);
//! [`Genome`] fingerprints a sample's SCALE-encoded variants with them: four hashes per variant
//! (leaf key, salt, commitment, leaf), computed eight variants at a time in SIMD lanes
//! (`many::hash_group`) on the threads of the current rayon pool, then the leaves' order by
//! key (a bucket pass on key prefixes) and the tree, folded from subtrees of 1,024 leaves
//! without holding it. The result does not depend on the number of threads.

use super::{super::many, *};
use rayon::prelude::*;

/// Items hashed together by one task.
const CHUNK: usize = 4096;

/// The window tree of one secret: every window's key and the tree's root. Fingerprinting needs
/// only the keys; the tree's levels are kept once a window is first proven.
pub struct Windows {
	secret: Secret,
	keys: Vec<H256>,
	root: H256,
	/// `levels[0]` holds the window leaves, the last level the root alone.
	levels: std::sync::OnceLock<Vec<Vec<H256>>>,
}

impl Windows {
	/// Computes the window keys and root of `secret`.
	pub fn new(secret: &Secret) -> Self {
		let params = many::params();
		let mut keys = vec![H256::zero(); WINDOW_COUNT as usize];
		keys.par_chunks_mut(many::GROUP).enumerate().for_each(|(group, out)| {
			let first = group.saturating_mul(many::GROUP);
			let inputs: [_; many::GROUP] =
				core::array::from_fn(|i| window_key_input(secret, first.saturating_add(i) as u32));
			let hashes = many::hash_group(&params, inputs.each_ref().map(|input| &input[..]));
			out.copy_from_slice(&hashes[..out.len()]);
		});
		let root = many::tree_root_of(&params, keys.len(), |first, out| {
			window_leaves_into(&keys[first..first.saturating_add(out.len())], out)
		})
		.unwrap_or_default();
		Windows { secret: secret.clone(), keys, root, levels: Default::default() }
	}

	/// The window root.
	pub fn root(&self) -> H256 {
		self.root
	}

	/// The key of `window`.
	pub fn key(&self, window: u32) -> Option<&H256> {
		self.keys.get(window as usize)
	}

	/// The secret the windows were derived from.
	pub fn secret(&self) -> &Secret {
		&self.secret
	}

	/// The proof of `window`'s key: a walk up the tree's levels.
	pub fn prove(&self, window: u32) -> Option<WindowProof> {
		let levels = self.levels.get_or_init(|| {
			let params = many::params();
			let mut levels = vec![window_leaves(&self.keys)];
			while let Some(level) = levels.last().filter(|level| level.len() > 1) {
				let parents = many::parent_level(&params, level);
				levels.push(parents);
			}
			levels
		});
		let mut siblings = Vec::new();
		let mut position = window as usize;
		for level in levels.iter().filter(|level| level.len() > 1) {
			if let Some(sibling) = level.get(position ^ 1) {
				siblings.push(*sibling);
			} else if position >= level.len() {
				return None;
			}
			position /= 2;
		}
		Some(WindowProof {
			window_key: *self.key(window)?,
			siblings: BoundedVec::try_from(siblings).ok()?,
		})
	}
}

/// The window leaves of `keys`.
fn window_leaves(keys: &[H256]) -> Vec<H256> {
	let mut leaves = vec![H256::zero(); keys.len()];
	leaves
		.par_chunks_mut(CHUNK)
		.zip(keys.par_chunks(CHUNK))
		.for_each(|(out, keys)| window_leaves_into(keys, out));
	leaves
}

/// The window leaves of `keys` into `out`, eight at a time.
fn window_leaves_into(keys: &[H256], out: &mut [H256]) {
	let params = many::params();
	for (out, keys) in out.chunks_mut(many::GROUP).zip(keys.chunks(many::GROUP)) {
		let inputs: [_; many::GROUP] =
			core::array::from_fn(|i| window_leaf_input(keys.get(i).unwrap_or(&H256::zero())));
		let hashes = many::hash_group(&params, inputs.each_ref().map(|input| &input[..]));
		out.copy_from_slice(&hashes[..out.len()]);
	}
}

/// The window of a SCALE-encoded variant, read from its chromosome byte and position.
fn encoded_window(encoded_variant: &[u8]) -> Option<u32> {
	let chromosome = *encoded_variant.first()?;
	let position = u32::from_le_bytes(encoded_variant.get(1..5)?.try_into().ok()?);
	window_index(&VariantKey {
		chromosome: Chromosome::from_number(chromosome)?,
		position,
		reference: Default::default(),
		alternate: Default::default(),
	})
}

/// One leaf of a genome: its key and its hash.
#[derive(Clone, Copy, Default)]
struct Leaf {
	key: H256,
	hash: H256,
}

/// The first eight bytes of a leaf key, as one integer in the keys' order.
fn key_prefix(key: &H256) -> u64 {
	let mut first = [0u8; 8];
	first.copy_from_slice(&key.0[..8]);
	u64::from_be_bytes(first)
}

/// Leaf-key prefixes are bucketed by their top 16 bits.
const BUCKET_SHIFT: u32 = 48;
const BUCKETS: usize = 1 << (64 - BUCKET_SHIFT);

fn bucket(prefix: u64) -> usize {
	(prefix >> BUCKET_SHIFT) as usize
}

/// The indices of `leaves` in leaf-key order, or two leaves with the same key; `prefixes` are
/// their keys' prefixes. Keys are uniform
/// hashes, so the top 16 bits of their prefixes spread the leaves evenly over 65,536 buckets.
/// Each thread of the current rayon pool takes a range of buckets: it places the (prefix, index)
/// pairs of its buckets' leaves, then sorts each bucket (a few dozen pairs) alone. Sorting the
/// leaves themselves took four times as long.
fn key_order(leaves: &[Leaf], prefixes: &[u64]) -> Result<Vec<u32>, (u32, u32)> {
	let counts = prefixes
		.par_chunks(1 << 16)
		.fold(
			|| vec![0usize; BUCKETS],
			|mut counts, chunk| {
				for &prefix in chunk {
					let count = &mut counts[bucket(prefix)];
					*count = count.saturating_add(1);
				}
				counts
			},
		)
		.reduce(
			|| vec![0usize; BUCKETS],
			|mut sum, counts| {
				sum.iter_mut()
					.zip(counts)
					.for_each(|(sum, count)| *sum = sum.saturating_add(count));
				sum
			},
		);
	let mut pairs = vec![(0u64, 0u32); leaves.len()];
	// Each task's buckets and their pairs' place, cut into disjoint slices.
	let tasks = rayon::current_num_threads().clamp(1, BUCKETS);
	let mut slices = Vec::with_capacity(tasks);
	let mut rest = &mut pairs[..];
	// Task t takes buckets BUCKETS·t/tasks up to BUCKETS·(t + 1)/tasks (tasks ≤ BUCKETS).
	let first_bucket =
		|task: usize| BUCKETS.saturating_mul(task).checked_div(tasks).unwrap_or(BUCKETS);
	for task in 0..tasks {
		let buckets = first_bucket(task)..first_bucket(task.saturating_add(1));
		let length = counts[buckets.clone()].iter().sum();
		let (slice, after) = rest.split_at_mut(length);
		slices.push((buckets, slice));
		rest = after;
	}
	let duplicates: Vec<Option<(u32, u32)>> = slices
		.into_par_iter()
		.map(|(buckets, slice)| {
			let mut next = Vec::with_capacity(buckets.len());
			let mut filled = 0usize;
			for count in &counts[buckets.clone()] {
				next.push(filled);
				filled = filled.saturating_add(*count);
			}
			for (index, &prefix) in prefixes.iter().enumerate() {
				let Some(slot) =
					bucket(prefix).checked_sub(buckets.start).and_then(|b| next.get_mut(b))
				else {
					continue;
				};
				// `new` refused more than u32::MAX leaves.
				slice[*slot] = (prefix, index as u32);
				*slot = slot.saturating_add(1);
			}
			let key = |pair: &(u64, u32)| &leaves[pair.1 as usize].key;
			for run in slice.chunk_by_mut(|a, b| bucket(a.0) == bucket(b.0)) {
				run.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| key(a).cmp(key(b))));
				// Keys can only be equal where their prefixes are.
				let same =
					|pair: &[(u64, u32)]| pair[0].0 == pair[1].0 && key(&pair[0]) == key(&pair[1]);
				if let Some(pair) = run.windows(2).find(|pair| same(pair)) {
					return Some((pair[0].1, pair[1].1));
				}
			}
			None
		})
		.collect();
	if let Some(pair) = duplicates.into_iter().flatten().next() {
		return Err(pair);
	}
	Ok(pairs.into_iter().map(|(_, index)| index).collect())
}

/// A sample's v2 fingerprint: its leaves, their leaf-key order, and the root.
pub struct Genome {
	/// In the input's order.
	leaves: Vec<Leaf>,
	/// Indices into `leaves` in leaf-key order: the tree's order.
	order: Vec<u32>,
	window_root: H256,
	root: H256,
}

impl Genome {
	/// Fingerprints `variants`, the SCALE encodings of canonical variants in any order, on the
	/// threads of the current rayon pool.
	pub fn new(windows: &Windows, variants: &[&[u8]]) -> Result<Self, FingerprintError> {
		if variants.is_empty() {
			return Err(FingerprintError::Empty);
		}
		let count = u32::try_from(variants.len()).map_err(|_| FingerprintError::TooManyVariants)?;
		let mut leaves = vec![Leaf::default(); variants.len()];
		let mut prefixes = vec![0u64; variants.len()];
		leaves
			.par_chunks_mut(CHUNK)
			.zip(prefixes.par_chunks_mut(CHUNK))
			.zip(variants.par_chunks(CHUNK))
			.try_for_each(|((out, prefixes), variants)| {
				hash_leaves(windows, variants, out)?;
				for (prefix, leaf) in prefixes.iter_mut().zip(out.iter()) {
					*prefix = key_prefix(&leaf.key);
				}
				Ok(())
			})?;
		let order = key_order(&leaves, &prefixes).map_err(|(first, _)| {
			let encoded = variants.get(first as usize).copied().unwrap_or_default();
			match Variant::decode(&mut &encoded[..]) {
				Ok(variant) => FingerprintError::Duplicate(variant.key),
				Err(_) => FingerprintError::Undecodable,
			}
		})?;
		let tree = many::tree_root_of(&many::params(), order.len(), |first, out| {
			for (leaf, &at) in out.iter_mut().zip(&order[first..]) {
				*leaf = leaves[at as usize].hash;
			}
		})
		.ok_or(FingerprintError::Empty)?;
		let window_root = windows.root();
		let root = commitment_root(count, &window_root, &tree);
		Ok(Genome { leaves, order, window_root, root })
	}

	/// The committed root.
	pub fn root(&self) -> H256 {
		self.root
	}

	/// The window root the root binds.
	pub fn window_root(&self) -> H256 {
		self.window_root
	}

	/// The number of leaves.
	pub fn leaf_count(&self) -> u32 {
		// `new` refused lists longer than u32::MAX.
		u32::try_from(self.leaves.len()).unwrap_or(u32::MAX)
	}

	/// The proof about `key`: its inclusion when the sample carries it, else its absence.
	/// `variants` is the input `new` was given.
	pub fn prove(
		&self,
		windows: &Windows,
		variants: &[&[u8]],
		key: &VariantKey,
	) -> Result<VariantProof, ProofError> {
		let window = check_key(key)?;
		let window_proof = windows.prove(window).ok_or(ProofError::BeyondWindows)?;
		let wanted = leaf_key(&window_proof.window_key, key);
		let claim =
			match self.order.binary_search_by(|&at| self.leaves[at as usize].key.cmp(&wanted)) {
				Ok(index) => {
					let variant = self.variant(variants, index)?;
					if variant.key != *key {
						return Err(ProofError::RootMismatch);
					}
					let (leaf_index, siblings) = self.path(index)?;
					Claim::Included(InclusionProof {
						variant,
						leaf_key: wanted,
						salt: leaf_salt(windows.secret(), &wanted),
						leaf_index,
						siblings,
					})
				}
				Err(insert_at) => {
					let sealed = |index: usize| self.sealed(windows, variants, index);
					let neighbours = if insert_at == 0 {
						Neighbours::BeforeFirst(sealed(0)?)
					} else if insert_at == self.leaves.len() {
						Neighbours::AfterLast(sealed(insert_at.saturating_sub(1))?)
					} else {
						Neighbours::Between {
							left: sealed(insert_at.saturating_sub(1))?,
							right: sealed(insert_at)?,
						}
					};
					Claim::Absent { key: key.clone(), window: window_proof, neighbours }
				}
			};
		Ok(VariantProof { window_root: self.window_root, claim })
	}

	/// Where the variant of leaf `index` (in the tree's order) is in the input.
	fn input_index(&self, index: usize) -> Result<usize, ProofError> {
		self.order.get(index).map(|&at| at as usize).ok_or(ProofError::IndexOutOfRange)
	}

	/// The variant of leaf `index`, decoded from the input.
	fn variant(&self, variants: &[&[u8]], index: usize) -> Result<Variant, ProofError> {
		let encoded = variants.get(self.input_index(index)?).ok_or(ProofError::IndexOutOfRange)?;
		Variant::decode(&mut &encoded[..]).map_err(|_| ProofError::RootMismatch)
	}

	/// Leaf `index`'s index as a `u32` and its siblings.
	fn path(
		&self,
		index: usize,
	) -> Result<(u32, BoundedVec<H256, ConstU32<MAX_PROOF_DEPTH>>), ProofError> {
		let leaf_index = u32::try_from(index).map_err(|_| ProofError::IndexOutOfRange)?;
		let hashes: Vec<H256> =
			self.order.iter().map(|&at| self.leaves[at as usize].hash).collect();
		let siblings =
			inclusion_siblings(&hashes, leaf_index).ok_or(ProofError::IndexOutOfRange)?;
		Ok((leaf_index, BoundedVec::try_from(siblings).map_err(|_| ProofError::WrongSiblingCount)?))
	}

	/// Leaf `index` shown by its key and commitment.
	fn sealed(
		&self,
		windows: &Windows,
		variants: &[&[u8]],
		index: usize,
	) -> Result<SealedLeaf, ProofError> {
		let leaf_key =
			self.leaves.get(self.input_index(index)?).ok_or(ProofError::IndexOutOfRange)?.key;
		let variant = self.variant(variants, index)?;
		let commitment = commitment(&leaf_salt(windows.secret(), &leaf_key), &variant);
		let (leaf_index, siblings) = self.path(index)?;
		Ok(SealedLeaf { leaf_key, commitment, leaf_index, siblings })
	}
}

/// Hashes the leaves of `variants` into `out`: leaf keys, salts, commitments and leaves, eight
/// variants at a time, their inputs laid out in one reused buffer.
fn hash_leaves(
	windows: &Windows,
	variants: &[&[u8]],
	out: &mut [Leaf],
) -> Result<(), FingerprintError> {
	let params = many::params();
	// Room for eight one-block inputs; longer ones grow it.
	let mut buffer = Vec::with_capacity(many::GROUP * 128);
	for (group, out) in variants.chunks(many::GROUP).zip(out.chunks_mut(many::GROUP)) {
		buffer.clear();
		let mut ends = [0usize; many::GROUP];
		for (encoded, end) in group.iter().zip(ends.iter_mut()) {
			let window = encoded_window(encoded)
				.and_then(|window| windows.key(window))
				.ok_or_else(|| beyond_windows(encoded))?;
			// A variant's encoding is its key's followed by the zygosity byte.
			let key = encoded.get(..encoded.len().saturating_sub(1)).unwrap_or_default();
			write_leaf_key_input(window, key, &mut buffer);
			*end = buffer.len();
		}
		let keys = many::hash_group(&params, group_pieces(&buffer, &ends, group.len()));
		let salt_inputs = keys.map(|key| salt_input(windows.secret(), &key));
		let salts = many::hash_group(&params, salt_inputs.each_ref().map(|input| &input[..]));
		buffer.clear();
		for ((salt, encoded), end) in salts.iter().zip(group).zip(ends.iter_mut()) {
			write_commitment_input(salt, encoded, &mut buffer);
			*end = buffer.len();
		}
		let commitments = many::hash_group(&params, group_pieces(&buffer, &ends, group.len()));
		let leaf_inputs: [[u8; 66]; many::GROUP] =
			core::array::from_fn(|i| leaf_input(&keys[i], &commitments[i]));
		let hashes = many::hash_group(&params, leaf_inputs.each_ref().map(|input| &input[..]));
		for ((leaf, key), hash) in out.iter_mut().zip(keys).zip(hashes) {
			*leaf = Leaf { key, hash };
		}
	}
	Ok(())
}

/// The first `count` pieces of `bytes` that end at `ends`, the rest empty.
fn group_pieces<'a>(
	bytes: &'a [u8],
	ends: &[usize; many::GROUP],
	count: usize,
) -> [&'a [u8]; many::GROUP] {
	core::array::from_fn(|i| {
		let start = i.checked_sub(1).map_or(0, |previous| ends[previous]);
		if i < count {
			&bytes[start..ends[i]]
		} else {
			&[]
		}
	})
}

/// The error for an encoded variant outside v2's windows (or not a variant at all).
fn beyond_windows(encoded: &[u8]) -> FingerprintError {
	match Variant::decode(&mut &encoded[..]) {
		Ok(variant) => FingerprintError::BeyondWindows(variant.key),
		Err(_) => FingerprintError::Undecodable,
	}
}

/// A v2 fingerprint of variants held in memory: the convenient form for tests and small inputs.
pub struct Fingerprint<'w> {
	windows: &'w Windows,
	encoded: Vec<Vec<u8>>,
	genome: Genome,
}

impl<'w> Fingerprint<'w> {
	/// Fingerprints `variants` (in any order) under the secret of `windows`.
	pub fn new(windows: &'w Windows, variants: &[Variant]) -> Result<Self, FingerprintError> {
		check_variants(variants)?;
		for variant in variants {
			variant
				.key
				.check_minimal()
				.map_err(|e| FingerprintError::NotCanonical(variant.key.clone(), e))?;
			if window_index(&variant.key).is_none() {
				return Err(FingerprintError::BeyondWindows(variant.key.clone()));
			}
		}
		let encoded: Vec<Vec<u8>> = variants.iter().map(Encode::encode).collect();
		let genome = Genome::new(windows, &slices(&encoded))?;
		Ok(Fingerprint { windows, encoded, genome })
	}

	/// The committed root.
	pub fn root(&self) -> H256 {
		self.genome.root()
	}

	/// The number of leaves.
	pub fn leaf_count(&self) -> u32 {
		self.genome.leaf_count()
	}

	/// The proof about `key`.
	pub fn prove(&self, key: &VariantKey) -> Result<VariantProof, ProofError> {
		self.genome.prove(self.windows, &slices(&self.encoded), key)
	}

	/// The variant of leaf `index` (in leaf-key order).
	pub fn variant_at(&self, index: u32) -> Option<Variant> {
		self.genome.variant(&slices(&self.encoded), index as usize).ok()
	}
}

fn slices(encoded: &[Vec<u8>]) -> Vec<&[u8]> {
	encoded.iter().map(Vec::as_slice).collect()
}
