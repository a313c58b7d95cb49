//! A fingerprint's root in either scheme, from the SCALE encodings of its canonical variants.

use crate::{
	error::{Error, Result},
	proof::show_key,
};
use codec::Decode;
use genochain_primitives::{
	fingerprint::{
		many::GenomeTree,
		v1,
		v2::{self, build::Windows},
		FingerprintError, Scheme, Secret, Variant,
	},
	Hash as H256,
};
use std::path::Path;

/// Reads a scheme's name: `v1` or `v2`.
pub fn parse_scheme(text: &str) -> std::result::Result<Scheme, String> {
	match text {
		"v1" => Ok(Scheme::V1),
		"v2" => Ok(Scheme::V2),
		_ => Err(format!("{text} is not a fingerprint scheme: v1 or v2")),
	}
}

/// What a scheme derives from the secret before it sees a variant: v2's 1.6 M window keys and
/// their root (a tenth of a genome's hashing, so worth deriving while the file is read); v1
/// needs only the secret.
pub enum Keys {
	V1(Secret),
	V2(Windows),
}

impl Keys {
	/// Derives `scheme`'s keys from `secret`, on the threads of the current rayon pool.
	pub fn derive(scheme: Scheme, secret: &Secret) -> Self {
		match scheme {
			Scheme::V1 => Keys::V1(secret.clone()),
			Scheme::V2 => Keys::V2(Windows::new(secret)),
		}
	}

	/// The root and leaf count of `variants` (from `input`). v1 takes the variants in canonical
	/// genome order; v2 in any order, on the threads of the current rayon pool.
	pub fn fingerprint(&self, variants: &[&[u8]], input: &Path) -> Result<(H256, u32)> {
		match self {
			Keys::V1(secret) => {
				let mut tree = GenomeTree::new(secret);
				for encoded in variants {
					tree.push(encoded).ok_or_else(|| {
						Error::file(input, "holds more variants than scheme v1 can count")
					})?;
				}
				let leaf_count = tree.leaf_count();
				let tree_root =
					tree.tree_root().ok_or_else(|| Error::file(input, "has no variants"))?;
				Ok((v1::commitment_root(leaf_count, &tree_root), leaf_count))
			}
			Keys::V2(windows) => {
				let genome = v2::build::Genome::new(windows, variants)
					.map_err(|e| fingerprint_error(input, e))?;
				Ok((genome.root(), genome.leaf_count()))
			}
		}
	}
}

/// Says in words why the variants of `input` cannot be fingerprinted.
pub fn fingerprint_error(input: &Path, error: FingerprintError) -> Error {
	let problem = match error {
		FingerprintError::Empty => "has no variants".into(),
		FingerprintError::TooManyVariants => {
			"holds more variants than a fingerprint can count".into()
		}
		FingerprintError::Duplicate(key) => format!(
			"describes {} twice once written in minimal form: two records are one variant; merge them",
			show_key(&key)
		),
		FingerprintError::NotCanonical(key, problem) => {
			format!("holds {}, which is not canonical ({problem:?})", show_key(&key))
		}
		FingerprintError::BeyondWindows(key) => format!(
			"holds {}, beyond position {} where scheme v2 ends",
			show_key(&key),
			v2::MAX_POSITION
		),
		FingerprintError::Undecodable => "holds a damaged variant".into(),
	};
	Error::file(input, problem)
}

/// The encoded variants held back to back in `bytes` (an index's), one slice each.
pub fn split_variants<'a>(path: &Path, bytes: &'a [u8]) -> Result<Vec<&'a [u8]>> {
	let mut variants = Vec::new();
	let mut rest = bytes;
	while !rest.is_empty() {
		let before = rest.len();
		Variant::decode(&mut rest)
			.map_err(|e| Error::file(path, "the index is damaged").because(e))?;
		let start = bytes.len() - before;
		variants.push(&bytes[start..bytes.len() - rest.len()]);
	}
	Ok(variants)
}
