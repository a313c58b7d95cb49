//! Making proofs from an index and checking them: the JSON a contributor hands to a verifier.

use crate::{
	error::{Error, Result},
	index::Index,
	scheme::{fingerprint_error, split_variants},
	vcf::allele_problem,
};
use codec::{Decode, DecodeAll, Encode};
use genochain_primitives::{
	fingerprint::{
		inclusion_siblings, parse_allele,
		v1::{
			self, commitment_root, leaf_hash_of_encoded, leaf_salt, AbsenceProof, InclusionProof,
		},
		v2::{self, build::Windows},
		verify, Chromosome, ProofError, ProvenFact, Scheme, Secret, TreeBuilder, Variant,
		VariantKey, VariantProof, Zygosity,
	},
	Hash as H256,
};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// A proof as the CLI writes and reads it.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct ProofFile {
	/// The fingerprint scheme (`v1` or `v2`).
	pub scheme: String,
	/// The root the proof leads to.
	pub root: String,
	/// The number of variants under the root.
	pub leaf_count: u32,
	/// What the proof shows, in words.
	pub fact: String,
	/// The SCALE encoding of the proof: the `proof` argument of `genomeAnchor.proveVariant`.
	pub proof: String,
	/// The size of `proof` in bytes.
	pub proof_bytes: usize,
}

/// Reads a variant written `CHROM:POS:REF:ALT` (e.g. `17:43045712:A:G`, `chrX:100:AC:A`).
pub fn parse_variant(text: &str) -> Result<VariantKey> {
	let usage = |problem: String| {
		Error::Usage(format!(
			"--variant {text}: {problem}; write CHROM:POS:REF:ALT, e.g. 17:43045712:A:G"
		))
	};
	let parts: Vec<&str> = text.split(':').collect();
	let [chromosome, position, reference, alternate] = parts.as_slice() else {
		return Err(usage("expected four fields".into()));
	};
	let key = VariantKey {
		chromosome: Chromosome::parse(chromosome.as_bytes()).ok_or_else(|| {
			usage(format!("{chromosome} is not one of chromosomes 1-22, X, Y, MT"))
		})?,
		position: position.parse().map_err(|_| usage(format!("{position} is not a position")))?,
		reference: parse_allele(reference.as_bytes())
			.map_err(|e| usage(allele_problem("REF", reference.as_bytes(), e)))?,
		alternate: parse_allele(alternate.as_bytes())
			.map_err(|e| usage(allele_problem("ALT", alternate.as_bytes(), e)))?,
	};
	if key.position == 0 {
		return Err(usage("positions start at 1".into()));
	}
	if key.reference == key.alternate {
		return Err(usage("ALT equals REF".into()));
	}
	Ok(key)
}

/// `CHROM:POS:REF:ALT`.
pub fn show_key(key: &VariantKey) -> String {
	format!(
		"{}:{}:{}:{}",
		key.chromosome.name(),
		key.position,
		String::from_utf8_lossy(&key.reference),
		String::from_utf8_lossy(&key.alternate)
	)
}

/// A carried variant in words: `CHROM:POS:REF:ALT` and its zygosity.
pub fn show_variant(variant: &Variant) -> String {
	let zygosity = match variant.zygosity {
		Zygosity::Heterozygous => "heterozygous",
		Zygosity::Homozygous => "homozygous",
		Zygosity::Hemizygous => "hemizygous",
	};
	format!("{} {zygosity}", show_key(&variant.key))
}

/// The fact in words.
pub fn show_fact(fact: &ProvenFact) -> String {
	match fact {
		ProvenFact::Carries(variant) => format!("carries {}", show_variant(variant)),
		ProvenFact::DoesNotCarry(key) => format!("does not carry {}", show_key(key)),
	}
}

/// The variants of the genome other than the one proven that `proof` shows: none for an
/// inclusion proof; for a proof of absence (scheme v1), the carried variants on either side of
/// the absent one.
pub fn disclosed_neighbours(proof: &VariantProof) -> Vec<&Variant> {
	match proof {
		// A v2 absence proof shows its neighbours by leaf key only.
		VariantProof::V2(_) | VariantProof::V1(v1::VariantProof::Included(_)) => Vec::new(),
		VariantProof::V1(v1::VariantProof::Absent { proof, .. }) => match proof {
			AbsenceProof::BeforeFirst(next) => vec![&next.variant],
			AbsenceProof::AfterLast(previous) => vec![&previous.variant],
			AbsenceProof::Between { left, right } => vec![&left.variant, &right.variant],
		},
	}
}

/// Makes the proof about `key` from the index at `path` and the secret it was made with: the
/// proof file, and the proof itself.
pub fn prove(
	path: &Path,
	index: &Index,
	secret: &Secret,
	key: &VariantKey,
) -> Result<(ProofFile, VariantProof)> {
	let header = &index.header;
	let proof = match header.scheme {
		Scheme::V1 => VariantProof::V1(prove_v1(path, index, secret, key)?),
		Scheme::V2 => VariantProof::V2(prove_v2(path, index, secret, key)?),
	};
	let fact = verify(header.scheme, &header.root, header.leaf_count, &proof).map_err(|e| {
		Error::file(
			path,
			format!("the index made a proof that does not hold ({e:?}); it is damaged"),
		)
	})?;
	let encoded = proof.encode();
	let file = ProofFile {
		scheme: scheme_name(header.scheme).into(),
		root: format!("{:?}", header.root),
		leaf_count: header.leaf_count,
		fact: show_fact(&fact),
		proof_bytes: encoded.len(),
		proof: format!("0x{}", hex::encode(encoded)),
	};
	Ok((file, proof))
}

/// The error for a secret that does not give the index's root.
fn wrong_secret(path: &Path) -> Error {
	Error::Usage(format!(
		"the secret is not the one {} was made with: its leaves lead to another root",
		path.display()
	))
}

/// The v2 proof about `key` (written in minimal form) from a v2 index.
fn prove_v2(
	path: &Path,
	index: &Index,
	secret: &Secret,
	key: &VariantKey,
) -> Result<v2::VariantProof> {
	let header = &index.header;
	let variants = split_variants(path, &index.variants)?;
	if variants.len() != header.leaf_count as usize {
		return Err(Error::file(
			path,
			"the index is damaged: its variant count differs from its header",
		));
	}
	let windows = Windows::new(secret);
	let genome =
		v2::build::Genome::new(&windows, &variants).map_err(|e| fingerprint_error(path, e))?;
	if genome.root() != header.root {
		return Err(wrong_secret(path));
	}
	genome.prove(&windows, &variants, &key.trimmed()).map_err(|e| {
		Error::Usage(match e {
			ProofError::BeyondWindows => format!(
				"--variant {}: scheme v2 covers positions up to {}",
				show_key(key),
				v2::MAX_POSITION
			),
			other => format!("--variant {}: cannot be proven ({other:?})", show_key(key)),
		})
	})
}

/// The v1 proof about `key` from a v1 index.
fn prove_v1(
	path: &Path,
	index: &Index,
	secret: &Secret,
	key: &VariantKey,
) -> Result<v1::VariantProof> {
	let header = &index.header;
	let damaged = |e: codec::Error| Error::file(path, "the index is damaged").because(e);
	// One pass: the leaf hashes and where each variant starts.
	let mut offsets = Vec::with_capacity(header.leaf_count as usize);
	let mut leaves = Vec::with_capacity(header.leaf_count as usize);
	let mut rest = index.variants.as_slice();
	let mut offset = 0usize;
	while !rest.is_empty() {
		let before = rest.len();
		Variant::decode(&mut rest).map_err(damaged)?;
		let length = before - rest.len();
		let encoded = &index.variants[offset..offset + length];
		let position = u32::try_from(leaves.len())
			.map_err(|_| Error::file(path, "the index is damaged: too many variants"))?;
		leaves.push(leaf_hash_of_encoded(&leaf_salt(secret, position), encoded));
		offsets.push(offset);
		offset += length;
	}
	if leaves.len() != header.leaf_count as usize {
		return Err(Error::file(
			path,
			"the index is damaged: its variant count differs from its header",
		));
	}
	let mut tree = TreeBuilder::default();
	leaves.iter().for_each(|leaf| tree.push(*leaf));
	let tree_root =
		tree.tree_root().ok_or_else(|| Error::file(path, "the index holds no variants"))?;
	if commitment_root(header.leaf_count, &tree_root) != header.root {
		return Err(wrong_secret(path));
	}

	let variant_at = |i: usize| -> Result<Variant> {
		Variant::decode(&mut &index.variants[offsets[i]..]).map_err(damaged)
	};
	let inclusion = |i: usize| -> Result<InclusionProof> {
		let leaf_index = i as u32;
		let siblings = inclusion_siblings(&leaves, leaf_index).unwrap_or_default();
		Ok(InclusionProof {
			variant: variant_at(i)?,
			leaf_index,
			salt: leaf_salt(secret, leaf_index),
			siblings: siblings
				.try_into()
				.map_err(|_| Error::file(path, "the index is too deep to prove"))?,
		})
	};
	// Binary search over the canonical order.
	let (mut low, mut high) = (0usize, leaves.len());
	let mut found = None;
	while low < high {
		let middle = low + (high - low) / 2;
		match variant_at(middle)?.key.cmp(key) {
			std::cmp::Ordering::Less => low = middle + 1,
			std::cmp::Ordering::Greater => high = middle,
			std::cmp::Ordering::Equal => {
				found = Some(middle);
				break;
			}
		}
	}
	let proof = match found {
		Some(i) => v1::VariantProof::Included(inclusion(i)?),
		None => {
			let absence = if low == 0 {
				AbsenceProof::BeforeFirst(inclusion(0)?)
			} else if low == leaves.len() {
				AbsenceProof::AfterLast(inclusion(low - 1)?)
			} else {
				AbsenceProof::Between { left: inclusion(low - 1)?, right: inclusion(low)? }
			};
			v1::VariantProof::Absent { key: key.clone(), proof: absence }
		}
	};
	Ok(proof)
}

/// The scheme's name in proof files.
pub fn scheme_name(scheme: Scheme) -> &'static str {
	match scheme {
		Scheme::V1 => "v1",
		Scheme::V2 => "v2",
	}
}

/// The scheme named `name` in a proof file.
fn scheme_named(name: &str) -> Option<Scheme> {
	[Scheme::V1, Scheme::V2].into_iter().find(|scheme| scheme_name(*scheme) == name)
}

/// Reads a 32-byte hash (a root, a digest) written in hex, with or without `0x`.
pub fn parse_hash(text: &str, what: &str) -> Result<H256> {
	let digits = text.trim().strip_prefix("0x").unwrap_or(text.trim());
	let bytes =
		hex::decode(digits).map_err(|e| Error::Usage(format!("{what} {text}: not hex ({e})")))?;
	let bytes: [u8; 32] = bytes.as_slice().try_into().map_err(|_| {
		Error::Usage(format!(
			"{what} {text}: expected 32 bytes (64 hex digits), this is {} bytes",
			bytes.len()
		))
	})?;
	Ok(H256::from(bytes))
}

/// The proof in `file`; a proof whose bytes do not decode is invalid, like one that does not
/// hold.
pub fn decode(path: &Path, file: &ProofFile) -> Result<VariantProof> {
	let bad = |problem: String| Error::invalid(path, false, problem);
	let digits = file.proof.strip_prefix("0x").unwrap_or(&file.proof);
	let bytes = hex::decode(digits).map_err(|e| bad(format!("\"proof\" is not hex: {e}")))?;
	// The whole field, nothing left over: a proof cut short or with bytes added is refused.
	VariantProof::decode_all(&mut bytes.as_slice())
		.map_err(|e| bad(format!("\"proof\" is not a variant proof (cut short or added to?): {e}")))
}

/// Checks the proof in `file` against `root` and returns the fact it proves.
pub fn check(path: &Path, file: &ProofFile, root: &H256) -> Result<ProvenFact> {
	let bad = |problem: String| Error::file(path, problem);
	let scheme = scheme_named(&file.scheme).ok_or_else(|| {
		bad(format!("scheme {} is unknown; this genochain knows v1 and v2", file.scheme))
	})?;
	let proof = decode(path, file)?;
	let fact = verify(scheme, root, file.leaf_count, &proof).map_err(|e| {
		Error::invalid(path, false, format!("the proof does not hold against root {root:?}: {e:?}"))
	})?;
	if show_fact(&fact) != file.fact {
		return Err(Error::invalid(
			path,
			false,
			format!(
				"the proof shows \"{}\" but the file claims \"{}\"",
				show_fact(&fact),
				file.fact
			),
		));
	}
	Ok(fact)
}
