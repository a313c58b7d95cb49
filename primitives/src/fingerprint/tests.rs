// Test arithmetic on small known values; an overflow would be a test bug and panics loudly.
#![allow(clippy::arithmetic_side_effects)]

use super::v1::{
	commitment_root, leaf_hash, leaf_salt, verify, verify_inclusion, AbsenceProof, Fingerprint,
	InclusionProof, VariantProof,
};
use super::*;
use proptest::prelude::*;

pub(super) fn allele(bases: &str) -> Allele {
	parse_allele(bases.as_bytes()).expect("test alleles are nucleotides")
}

pub(super) fn key(chromosome: u8, position: u32, reference: &str, alternate: &str) -> VariantKey {
	VariantKey {
		chromosome: Chromosome::from_number(chromosome).expect("test chromosomes are 1-25"),
		position,
		reference: allele(reference),
		alternate: allele(alternate),
	}
}

pub(super) fn snv(chromosome: u8, position: u32, alternate: &str) -> Variant {
	Variant { key: key(chromosome, position, "A", alternate), zygosity: Zygosity::Heterozygous }
}

pub(super) fn secret(byte: u8) -> Secret {
	Secret([byte; 32])
}

/// The tree root computed the plain way: level by level, odd last nodes carried up.
fn level_by_level_root(leaves: &[H256]) -> H256 {
	let mut level = leaves.to_vec();
	while level.len() > 1 {
		level = level
			.chunks(2)
			.map(|pair| match pair {
				[left, right] => node_hash(left, right),
				[odd] => *odd,
				_ => unreachable!("chunks(2) yields one or two"),
			})
			.collect();
	}
	level[0]
}

fn leaves(count: usize) -> Vec<H256> {
	(0..count).map(|i| H256(blake2_256(&(i as u64).to_le_bytes()))).collect()
}

#[test]
fn chromosome_names_are_normalised() {
	for (name, number) in [
		("1", 1),
		("chr1", 1),
		("CHR9", 9),
		("10", 10),
		("chr19", 19),
		("20", 20),
		("chr22", 22),
		("X", 23),
		("chrx", 23),
		("Y", 24),
		("M", 25),
		("MT", 25),
		("chrM", 25),
		("chrMT", 25),
	] {
		assert_eq!(
			Chromosome::parse(name.as_bytes()).map(Chromosome::number),
			Some(number),
			"{name}"
		);
	}
	for name in
		["0", "23", "30", "chr", "", "chrUn_gl000220", "GL000192.1", "1_KI270706v1_random", "XY"]
	{
		assert_eq!(Chromosome::parse(name.as_bytes()), None, "{name}");
	}
	assert_eq!(Chromosome::MT.name(), "MT");
	assert_eq!(Chromosome::from_number(7).map(Chromosome::name), Some("7".into()));
	assert_eq!(Chromosome::from_number(0), None);
	assert_eq!(Chromosome::from_number(26), None);
}

#[test]
fn alleles_are_upper_case_nucleotides() {
	assert_eq!(allele("acgtn").as_slice(), b"ACGTN");
	assert_eq!(parse_allele(b""), Err(VariantError::EmptyAllele));
	assert_eq!(parse_allele(b"<DEL>"), Err(VariantError::NotNucleotides));
	assert_eq!(parse_allele(b"*"), Err(VariantError::NotNucleotides));
	assert_eq!(parse_allele(b"ACGR"), Err(VariantError::NotNucleotides));
	assert_eq!(parse_allele(&[b'A'; MAX_ALLELE_LEN as usize]).map(|a| a.len()), Ok(1024));
	assert_eq!(
		parse_allele(&[b'A'; MAX_ALLELE_LEN as usize + 1]),
		Err(VariantError::AlleleTooLong)
	);
}

#[test]
fn keys_that_are_not_canonical_are_refused() {
	assert_eq!(key(1, 5, "A", "G").check_canonical(), Ok(()));
	assert_eq!(key(1, 0, "A", "G").check_canonical(), Err(VariantError::ZeroPosition));
	assert_eq!(key(1, 5, "A", "A").check_canonical(), Err(VariantError::AltEqualsRef));
	let mut lower = key(1, 5, "A", "G");
	lower.alternate = Allele::try_from(b"g".to_vec()).expect("one base");
	assert_eq!(lower.check_canonical(), Err(VariantError::NotNucleotides));
	let mut unknown = key(1, 5, "A", "G");
	unknown.chromosome = Chromosome(0);
	assert_eq!(unknown.check_canonical(), Err(VariantError::UnknownChromosome));
}

#[test]
fn keys_sort_in_canonical_chromosome_order() {
	let mut keys = [
		key(25, 1, "A", "G"),
		key(23, 1, "A", "G"),
		key(10, 1, "A", "G"),
		key(2, 100, "A", "G"),
		key(2, 100, "A", "C"),
		key(2, 100, "AC", "A"),
		key(2, 99, "T", "G"),
	];
	keys.sort();
	let names: Vec<_> = keys
		.iter()
		.map(|k| {
			format!(
				"{}:{}:{}:{}",
				k.chromosome.name(),
				k.position,
				core::str::from_utf8(&k.reference).expect("ascii"),
				core::str::from_utf8(&k.alternate).expect("ascii")
			)
		})
		.collect();
	assert_eq!(
		names,
		["2:99:T:G", "2:100:A:C", "2:100:A:G", "2:100:AC:A", "10:1:A:G", "X:1:A:G", "MT:1:A:G"]
	);
}

#[test]
fn the_scheme_is_pinned_by_a_known_answer() {
	// Any change to the encoding, the hashing or the tree shape changes this root: that is a
	// new scheme version, never an edit of v1. The value was also computed independently from the
	// module docs with Python's hashlib.blake2b(digest_size=32).
	let variants = vec![
		snv(1, 10_177, "C"),
		Variant { key: key(17, 43_045_712, "A", "G"), zygosity: Zygosity::Homozygous },
		Variant { key: key(23, 2_781_479, "G", "A"), zygosity: Zygosity::Hemizygous },
	];
	let fingerprint = Fingerprint::new(&secret(7), variants).expect("valid");
	assert_eq!(fingerprint.leaf_count(), 3);
	assert_eq!(
		fingerprint.root(),
		H256(hex_literal::hex!("4f24c93b4369bc61acc447041617c9a3143add0e44669a4d04b15419370e341d"))
	);
}

#[test]
fn builder_matches_level_by_level_tree() {
	for count in 1..=130 {
		let leaves = leaves(count);
		assert_eq!(tree_root(&leaves), Some(level_by_level_root(&leaves)), "{count} leaves");
	}
	assert_eq!(tree_root(&[]), None);
}

#[test]
fn every_leaf_of_every_small_tree_proves() {
	for count in 1..=70u32 {
		let variants: Vec<Variant> = (1..=count).map(|p| snv(1, p, "G")).collect();
		let fingerprint = Fingerprint::new(&secret(1), variants).expect("valid");
		for index in 0..count {
			let proof = fingerprint.prove_index(index).expect("in range");
			assert_eq!(proof.siblings.len() as u32, path_length(count, index).expect("in range"));
			assert_eq!(
				verify_inclusion(&fingerprint.root(), count, &proof),
				Ok(()),
				"leaf {index} of {count}"
			);
		}
		assert!(fingerprint.prove_index(count).is_none());
	}
}

#[test]
fn a_whole_genome_proof_fits_in_800_bytes() {
	// About 4.5 M variants: the longest path has 23 siblings.
	let count = 4_500_000;
	let longest = [0, 1, count / 2, count - 2, count - 1]
		.into_iter()
		.filter_map(|index| path_length(count, index))
		.max();
	assert_eq!(longest, Some(23));
	let proof = InclusionProof {
		variant: snv(17, 43_045_712, "G"),
		leaf_index: count - 1,
		salt: H256::repeat_byte(1),
		siblings: BoundedVec::try_from(vec![H256::repeat_byte(2); 23]).expect("23 < 32"),
	};
	let size = VariantProof::Included(proof).encoded_size();
	assert!(size <= 800, "an SNV proof at depth 23 takes {size} bytes");
}

#[test]
fn secrets_do_not_show_in_debug_output() {
	assert_eq!(format!("{:?}", secret(0xab)), "Secret(..)");
}

#[test]
fn empty_duplicate_and_non_canonical_lists_are_refused() {
	assert_eq!(Fingerprint::new(&secret(1), vec![]).err(), Some(FingerprintError::Empty));
	assert_eq!(
		Fingerprint::new(&secret(1), vec![snv(1, 5, "G"), snv(2, 5, "G"), snv(1, 5, "G")]).err(),
		Some(FingerprintError::Duplicate(key(1, 5, "A", "G")))
	);
	let mut same_key_other_zygosity = snv(1, 5, "G");
	same_key_other_zygosity.zygosity = Zygosity::Homozygous;
	assert!(matches!(
		Fingerprint::new(&secret(1), vec![snv(1, 5, "G"), same_key_other_zygosity]),
		Err(FingerprintError::Duplicate(_))
	));
	assert_eq!(
		Fingerprint::new(&secret(1), vec![snv(1, 0, "G")]).err(),
		Some(FingerprintError::NotCanonical(key(1, 0, "A", "G"), VariantError::ZeroPosition))
	);
}

#[test]
fn the_secret_decides_the_root() {
	let variants = vec![snv(1, 5, "G"), snv(1, 6, "T")];
	let one = Fingerprint::new(&secret(1), variants.clone()).expect("valid");
	let other = Fingerprint::new(&secret(2), variants).expect("valid");
	assert_ne!(one.root(), other.root());
}

#[test]
fn absence_is_proven_between_and_at_both_edges() {
	let variants = vec![snv(2, 100, "G"), snv(2, 200, "G"), snv(5, 1, "T")];
	let fingerprint = Fingerprint::new(&secret(3), variants).expect("valid");
	let (root, count) = (fingerprint.root(), fingerprint.leaf_count());
	for (absent, expected_shape) in [
		(key(1, 1_000, "A", "G"), "before"),
		(key(2, 150, "A", "G"), "between"),
		(key(2, 100, "A", "T"), "between"),
		(key(5, 1, "A", "C"), "between"),
		(key(25, 1, "A", "G"), "after"),
	] {
		let proof = fingerprint.prove(&absent).expect("provable");
		let shape = match &proof {
			VariantProof::Absent { proof: AbsenceProof::BeforeFirst(_), .. } => "before",
			VariantProof::Absent { proof: AbsenceProof::Between { .. }, .. } => "between",
			VariantProof::Absent { proof: AbsenceProof::AfterLast(_), .. } => "after",
			VariantProof::Included(_) => "included",
		};
		assert_eq!(shape, expected_shape, "{absent:?}");
		assert_eq!(verify(&root, count, &proof), Ok(ProvenFact::DoesNotCarry(absent)));
	}
	let present = snv(2, 200, "G");
	assert_eq!(
		fingerprint.prove(&present.key).map(|p| verify(&root, count, &p)),
		Some(Ok(ProvenFact::Carries(present)))
	);
}

#[test]
fn forged_absence_proofs_fail() {
	let variants = vec![snv(2, 100, "G"), snv(2, 200, "G"), snv(2, 300, "G"), snv(5, 1, "T")];
	let fingerprint = Fingerprint::new(&secret(3), variants).expect("valid");
	let (root, count) = (fingerprint.root(), fingerprint.leaf_count());
	let leaf = |i| fingerprint.prove_index(i).expect("in range");
	let check = |key: VariantKey, proof| verify(&root, count, &VariantProof::Absent { key, proof });

	// Hiding a present variant behind two leaves that are not adjacent.
	assert_eq!(
		check(key(2, 200, "A", "G"), AbsenceProof::Between { left: leaf(0), right: leaf(2) }),
		Err(ProofError::NotAdjacent)
	);
	// Adjacent leaves that do not bracket the key, or a key that is one of them.
	assert_eq!(
		check(key(2, 250, "A", "G"), AbsenceProof::Between { left: leaf(0), right: leaf(1) }),
		Err(ProofError::NotBracketing)
	);
	assert_eq!(
		check(key(2, 200, "A", "G"), AbsenceProof::Between { left: leaf(0), right: leaf(1) }),
		Err(ProofError::NotBracketing)
	);
	// Edges that are not the edges.
	assert_eq!(
		check(key(1, 1, "A", "G"), AbsenceProof::BeforeFirst(leaf(1))),
		Err(ProofError::NotAtEdge)
	);
	assert_eq!(
		check(key(9, 1, "A", "G"), AbsenceProof::AfterLast(leaf(2))),
		Err(ProofError::NotAtEdge)
	);
	assert_eq!(
		check(key(3, 1, "A", "G"), AbsenceProof::BeforeFirst(leaf(0))),
		Err(ProofError::NotBracketing)
	);
	assert_eq!(
		check(key(2, 1, "A", "G"), AbsenceProof::AfterLast(leaf(3))),
		Err(ProofError::NotBracketing)
	);
	// Claiming a shorter list to move the end: the leaf count is bound to the root.
	assert!(verify(
		&root,
		3,
		&VariantProof::Absent { key: key(5, 1, "A", "T"), proof: AbsenceProof::AfterLast(leaf(2)) }
	)
	.is_err());
	// A non-canonical key.
	assert_eq!(
		check(key(2, 150, "A", "A"), AbsenceProof::Between { left: leaf(0), right: leaf(1) }),
		Err(ProofError::NotCanonical(VariantError::AltEqualsRef))
	);
}

#[test]
fn empty_and_out_of_range_are_refused() {
	let fingerprint = Fingerprint::new(&secret(3), vec![snv(1, 1, "G")]).expect("valid");
	let proof = fingerprint.prove_index(0).expect("in range");
	assert!(proof.siblings.is_empty());
	assert_eq!(verify_inclusion(&fingerprint.root(), 1, &proof), Ok(()));
	assert_eq!(verify_inclusion(&fingerprint.root(), 0, &proof), Err(ProofError::Empty));
	let mut beyond = proof.clone();
	beyond.leaf_index = 1;
	assert_eq!(verify_inclusion(&fingerprint.root(), 1, &beyond), Err(ProofError::IndexOutOfRange));
	let mut extra = proof;
	extra.siblings.try_push(H256::zero()).expect("room");
	assert_eq!(
		verify_inclusion(&fingerprint.root(), 1, &extra),
		Err(ProofError::WrongSiblingCount)
	);
}

#[test]
fn every_sample_of_every_small_batch_proves() {
	for count in 1..=40u32 {
		let samples: Vec<H256> = (0..count).map(|i| H256::repeat_byte(i as u8)).collect();
		let batch = Batch::new(Scheme::V1, &samples).expect("not empty");
		assert_eq!(batch.sample_count(), count);
		for (index, sample) in samples.iter().enumerate() {
			let proof = batch.prove(index as u32).expect("in range");
			assert_eq!(
				verify_batch_inclusion(Scheme::V1, &batch.root(), count, sample, &proof),
				Ok(())
			);
			let other = H256::repeat_byte(0xee);
			assert_eq!(
				verify_batch_inclusion(Scheme::V1, &batch.root(), count, &other, &proof),
				Err(ProofError::RootMismatch)
			);
		}
		assert!(batch.prove(count).is_none());
	}
	assert!(Batch::new(Scheme::V1, &[]).is_none());
}

#[test]
fn batch_proofs_are_refused_out_of_range_and_with_wrong_counts() {
	let samples = [H256::repeat_byte(1), H256::repeat_byte(2), H256::repeat_byte(3)];
	let batch = Batch::new(Scheme::V1, &samples).expect("not empty");
	let proof = batch.prove(2).expect("in range");
	let check = |count, proof: &BatchProof| {
		verify_batch_inclusion(Scheme::V1, &batch.root(), count, &samples[2], proof)
	};
	assert_eq!(check(3, &proof), Ok(()));
	assert_eq!(check(0, &proof), Err(ProofError::Empty));
	assert_eq!(check(2, &proof), Err(ProofError::IndexOutOfRange));
	// A larger count changes the path: the sibling list no longer fits it, or the root differs.
	assert!(check(4, &proof).is_err());
	let mut short = proof.clone();
	short.siblings.pop();
	assert_eq!(check(3, &short), Err(ProofError::WrongSiblingCount));
}

#[test]
fn batch_roots_and_fingerprint_roots_are_domain_separated() {
	// One sample: the batch tree root is its batch leaf, never the sample root itself, and
	// the batch root differs from a fingerprint root over the same tree root.
	let sample = H256::repeat_byte(9);
	let batch = Batch::new(Scheme::V1, &[sample]).expect("not empty");
	assert_ne!(batch_leaf_hash(Scheme::V1, &sample), sample);
	let tree = batch_leaf_hash(Scheme::V1, &sample);
	assert_eq!(batch.root(), batch_root(Scheme::V1, 1, &tree));
	assert_ne!(batch.root(), commitment_root(1, &tree));
}

pub(super) fn arb_variant() -> impl Strategy<Value = Variant> {
	let bases = prop::collection::vec(prop::sample::select(b"ACGTN".to_vec()), 1..4);
	(1u8..=25, 1u32..2_000, bases.clone(), bases, 0u8..3).prop_filter_map(
		"ALT equals REF",
		|(chromosome, position, reference, alternate, zygosity)| {
			(reference != alternate).then(|| Variant {
				key: VariantKey {
					chromosome: Chromosome(chromosome),
					position,
					reference: Allele::try_from(reference).expect("short"),
					alternate: Allele::try_from(alternate).expect("short"),
				},
				zygosity: match zygosity {
					0 => Zygosity::Heterozygous,
					1 => Zygosity::Homozygous,
					_ => Zygosity::Hemizygous,
				},
			})
		},
	)
}

/// Variants with distinct keys, in random order.
pub(super) fn arb_genome() -> impl Strategy<Value = Vec<Variant>> {
	prop::collection::vec(arb_variant(), 1..200).prop_map(|variants| {
		let mut seen = std::collections::BTreeSet::new();
		variants.into_iter().filter(|v| seen.insert(v.key.clone())).collect()
	})
}

/// A tampering with one part of an inclusion proof.
#[derive(Clone, Debug)]
enum Tamper {
	Position(u32),
	Zygosity,
	Allele,
	Chromosome,
	SaltBit(usize),
	Index(u32),
	SiblingBit(usize, usize),
	DropSibling(usize),
	ExtraSibling,
	RootBit(usize),
	LeafCount(u32),
}

fn arb_tamper() -> impl Strategy<Value = Tamper> {
	prop_oneof![
		(1u32..1_000).prop_map(Tamper::Position),
		Just(Tamper::Zygosity),
		Just(Tamper::Allele),
		Just(Tamper::Chromosome),
		(0usize..256).prop_map(Tamper::SaltBit),
		(1u32..300).prop_map(Tamper::Index),
		(0usize..32, 0usize..256).prop_map(|(s, b)| Tamper::SiblingBit(s, b)),
		(0usize..32).prop_map(Tamper::DropSibling),
		Just(Tamper::ExtraSibling),
		(0usize..256).prop_map(Tamper::RootBit),
		(1u32..300).prop_map(Tamper::LeafCount),
	]
}

pub(super) fn flip(hash: &mut H256, bit: usize) {
	hash.0[bit / 8] ^= 1 << (bit % 8);
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(256))]

	#[test]
	fn file_order_does_not_change_the_root(genome in arb_genome(), seed in any::<u64>()) {
		let mut shuffled = genome.clone();
		// A deterministic shuffle from the seed.
		let mut state = seed | 1;
		for i in (1..shuffled.len()).rev() {
			state ^= state << 13; state ^= state >> 7; state ^= state << 17;
			shuffled.swap(i, (state % (i as u64 + 1)) as usize);
		}
		let a = Fingerprint::new(&secret(9), genome).expect("valid");
		let b = Fingerprint::new(&secret(9), shuffled).expect("valid");
		prop_assert_eq!(a.root(), b.root());
	}

	#[test]
	fn every_variant_proves_and_no_tampering_survives(
		genome in arb_genome(),
		pick in any::<prop::sample::Index>(),
		tamper in arb_tamper(),
	) {
		let fingerprint = Fingerprint::new(&secret(5), genome).expect("valid");
		let (mut root, mut count) = (fingerprint.root(), fingerprint.leaf_count());
		let index = pick.index(count as usize) as u32;
		let mut proof = fingerprint.prove_index(index).expect("in range");
		prop_assert_eq!(verify_inclusion(&root, count, &proof), Ok(()));

		let original = (proof.clone(), root, count);
		match tamper {
			Tamper::Position(delta) => proof.variant.key.position = proof.variant.key.position.wrapping_add(delta),
			Tamper::Zygosity => proof.variant.zygosity = match proof.variant.zygosity {
				Zygosity::Heterozygous => Zygosity::Homozygous,
				_ => Zygosity::Heterozygous,
			},
			Tamper::Allele => {
				let last = proof.variant.key.alternate.len() - 1;
				let base = &mut proof.variant.key.alternate[last];
				*base = if *base == b'A' { b'C' } else { b'A' };
			},
			Tamper::Chromosome => proof.variant.key.chromosome = Chromosome(proof.variant.key.chromosome.0 % 25 + 1),
			Tamper::SaltBit(bit) => flip(&mut proof.salt, bit),
			Tamper::Index(delta) => proof.leaf_index = (proof.leaf_index + delta) % count.max(2),
			Tamper::SiblingBit(s, bit) => {
				let len = proof.siblings.len();
				if let Some(sibling) = proof.siblings.get_mut(s % len.max(1)) { flip(sibling, bit) }
			},
			Tamper::DropSibling(s) => {
				let len = proof.siblings.len();
				if len > 0 { proof.siblings.remove(s % len); }
			},
			Tamper::ExtraSibling => { let _ = proof.siblings.try_push(H256::repeat_byte(0x5a)); },
			Tamper::RootBit(bit) => flip(&mut root, bit),
			Tamper::LeafCount(delta) => count = count.wrapping_add(delta).max(1),
		}
		// Some tamperings are no-ops on some proofs (no sibling to flip, a one-leaf tree whose
		// only index is 0, a reference allele that is now equal to ALT); skip those.
		prop_assume!((proof.clone(), root, count) != original);
		prop_assert!(verify_inclusion(&root, count, &proof).is_err());
	}
}

/// `count` variants in canonical order, one in seven with alleles long enough that its leaf input
/// does not fit on the stack.
fn genome_of(count: u32) -> Vec<Variant> {
	(0..count)
		.map(|i| {
			let mut variant = snv(1 + (i / 100_000) as u8, 1 + i % 100_000, "G");
			if i % 7 == 3 {
				variant.key.alternate = allele(&"ACGT".repeat(100));
			}
			variant
		})
		.collect()
}

#[test]
fn the_simd_genome_tree_gives_the_plain_root() {
	let secret = secret(0x42);
	for count in [0u32, 1, 2, 3, 5, 1023, 1024, 1025, 2047, 2048, 2049, 3000, 5121] {
		let genome = genome_of(count);
		let leaves: Vec<H256> = (0u32..)
			.zip(&genome)
			.map(|(index, variant)| leaf_hash(&leaf_salt(&secret, index), variant))
			.collect();
		let mut tree = many::GenomeTree::new(&secret);
		for variant in &genome {
			tree.push(&variant.encode()).expect("far below u32::MAX leaves");
		}
		assert_eq!(tree.leaf_count(), count);
		assert_eq!(tree.tree_root(), tree_root(&leaves), "{count} leaves");
		if count > 0 {
			assert_eq!(tree_root(&leaves), Some(level_by_level_root(&leaves)), "{count} leaves");
		}
	}
}
