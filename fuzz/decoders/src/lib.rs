//! # genochain-fuzz-decoders
//!
//! What Genochain reads from untrusted bytes outside the runtime, as fuzz targets: a contributor's
//! VCF or BCF file ([`vcf`]) and the proofs a verifier is handed ([`proof`]). Each function takes
//! arbitrary bytes, must not panic or allocate without bound on any of them, and panics where
//! what it read breaks a promise of the scheme. The fuzz targets (`targets/`, libFuzzer) call them;
//! the tests run the committed corpus and the inputs of past findings through them.

// Off-chain test code: lengths and counts of in-memory buffers.
#![allow(clippy::arithmetic_side_effects)]

use codec::{DecodeAll, Encode};
use genochain_cli::{
	normalise::{Mode, Normaliser},
	proof::ProofFile,
	reference::Reference,
	vcf,
};
use genochain_primitives::{
	fingerprint::{verify, verify_batch_inclusion, BatchProof, Scheme, Variant, VariantProof},
	Hash,
};
use std::{
	collections::BTreeSet,
	path::{Path, PathBuf},
	sync::OnceLock,
};

/// The reference genome the left-aligning reader normalises against (the CLI's test fixture).
fn reference_path() -> &'static Path {
	Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../cli/tests/fixtures/reference.fa"))
}

/// The file the reader reads (it takes a path, as the CLI gives it), one per thread: tests run
/// in parallel threads of one process.
fn scratch_file() -> PathBuf {
	let thread = format!("{:?}", std::thread::current().id());
	let thread: String = thread.chars().filter(char::is_ascii_digit).collect();
	std::env::temp_dir().join(format!("genochain-fuzz-vcf-{}-{thread}", std::process::id()))
}

/// Reads `data[1..]` as a VCF or BCF file (plain, gzip or bgzip), the variants committed as
/// `data[0]` says: as written (scheme v1), minimal (v2) or left-aligned against the reference
/// (v2). A refusal is a correct answer; a file read must hold only canonical variants, in
/// canonical order for v1, none twice. Returns the number of variants read, `None` if refused.
pub fn vcf(data: &[u8]) -> Option<u64> {
	let (&mode, file) = data.split_first()?;
	let mode = match mode % 3 {
		0 => Mode::AsWritten,
		1 => Mode::Minimal,
		_ => match Reference::open(reference_path()) {
			Ok(reference) => Mode::LeftAligned(Box::new(reference)),
			Err(e) => panic!("the fixture reference opens: {e}"),
		},
	};
	let ordered = matches!(mode, Mode::AsWritten);
	let path = scratch_file();
	if let Err(e) = std::fs::write(&path, file) {
		panic!("{} cannot be written: {e}", path.display());
	}
	let options = vcf::Options {
		sample: None,
		assembly: None,
		progress: indicatif::ProgressBar::hidden(),
		threads: 1,
	};
	let mut normaliser = Normaliser::new(mode);
	let read = one_thread().install(|| vcf::read(&path, &options, &mut normaliser));
	// Read whole (the genome is in memory): the file goes, so that no run leaves one behind.
	let _ = std::fs::remove_file(&path);
	let genome = read.ok()?;
	let mut seen = BTreeSet::new();
	let mut previous: Option<Variant> = None;
	for encoded in genome.encoded_variants() {
		let variant = Variant::decode_all(&mut &encoded[..])
			.unwrap_or_else(|e| panic!("an encoded variant does not decode: {e}"));
		if let Err(e) = variant.key.check_canonical() {
			panic!("the reader let through a variant that is not canonical ({e:?}): {variant:?}");
		}
		if ordered {
			if let Some(previous) = &previous {
				assert!(
					previous.key < variant.key,
					"variants out of canonical order: {previous:?} then {variant:?}"
				);
			}
		}
		assert!(seen.insert(variant.key.clone()), "a variant is committed twice: {variant:?}");
		previous = Some(variant);
	}
	assert_eq!(genome.leaf_count(), seen.len() as u64, "leaf count and variants disagree");
	Some(genome.leaf_count())
}

/// How far a proof input got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
	/// Too short for its form, or not a proof (bytes, JSON).
	Undecodable,
	/// A proof that does not hold.
	Refused,
	/// A proof that holds.
	Holds,
}

/// The reader's thread pool: one thread, so that a run is the same every time.
fn one_thread() -> &'static rayon::ThreadPool {
	static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
	POOL.get_or_init(|| {
		rayon::ThreadPoolBuilder::new()
			.num_threads(1)
			.build()
			.unwrap_or_else(|e| panic!("a thread pool: {e}"))
	})
}

/// The proof decoders, `data[0]` choosing which:
///
/// - a variant proof as `genomeAnchor.proveVariant` takes it: `[0] [scheme] [leaf count: u32]
///   [root: 32 bytes] [proof, SCALE]`, decoded whole and checked against the root; one that holds
///   must decode from its own encoding only;
/// - a batch proof: `[1] [scheme] [sample count: u32] [batch root] [sample root] [proof]`;
/// - a proof file as `genochain verify` reads it: `[2] [root: 32 bytes] [JSON]`.
pub fn proof(data: &[u8]) -> Outcome {
	decode_proof(data).unwrap_or(Outcome::Undecodable)
}

fn decode_proof(data: &[u8]) -> Option<Outcome> {
	let held = |holds: bool| if holds { Outcome::Holds } else { Outcome::Refused };
	let (&kind, rest) = data.split_first()?;
	Some(match kind % 3 {
		0 => {
			let (scheme, leaf_count, root, mut bytes) = header(rest)?;
			let encoded = bytes;
			let proof = VariantProof::decode_all(&mut bytes).ok()?;
			let holds = verify(scheme, &root, leaf_count, &proof).is_ok();
			if holds {
				assert_eq!(proof.encode(), encoded, "a proof that holds decodes from other bytes");
			}
			held(holds)
		}
		1 => {
			let (scheme, sample_count, batch_root, rest) = header(rest)?;
			let (sample_root, mut bytes) = split_hash(rest)?;
			let proof = BatchProof::decode_all(&mut bytes).ok()?;
			held(
				verify_batch_inclusion(scheme, &batch_root, sample_count, &sample_root, &proof)
					.is_ok(),
			)
		}
		_ => {
			let (root, json) = split_hash(rest)?;
			let file = serde_json::from_slice::<ProofFile>(json).ok()?;
			held(genochain_cli::proof::check(Path::new("fuzz.proof.json"), &file, &root).is_ok())
		}
	})
}

/// `[scheme] [count: u32 LE] [root]` and what follows.
fn header(data: &[u8]) -> Option<(Scheme, u32, Hash, &[u8])> {
	let (&scheme, rest) = data.split_first()?;
	let scheme = if scheme % 2 == 0 { Scheme::V1 } else { Scheme::V2 };
	let (count, rest) = rest.split_first_chunk::<4>()?;
	let (root, rest) = split_hash(rest)?;
	Some((scheme, u32::from_le_bytes(*count), root, rest))
}

fn split_hash(data: &[u8]) -> Option<(Hash, &[u8])> {
	let (hash, rest) = data.split_first_chunk::<32>()?;
	Some((Hash::from(*hash), rest))
}
