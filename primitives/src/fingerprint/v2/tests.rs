// Test arithmetic on small known values; an overflow would be a test bug and panics loudly.
#![allow(clippy::arithmetic_side_effects)]

use super::{build::*, *};
use crate::fingerprint::tests::{flip, key, secret, snv};
use proptest::prelude::*;
use std::sync::LazyLock;

/// The window tree costs 1.6 M keys and leaves: computed once for every test.
static WINDOWS: LazyLock<Windows> = LazyLock::new(|| Windows::new(&secret(7)));

fn fingerprint(variants: &[Variant]) -> Fingerprint<'static> {
	Fingerprint::new(&WINDOWS, variants).expect("valid variants")
}

fn facts(fingerprint: &Fingerprint, key: &VariantKey) -> Result<ProvenFact, ProofError> {
	let proof = fingerprint.prove(key)?;
	verify(&fingerprint.root(), fingerprint.leaf_count(), &proof)
}

/// Variants spread over a few windows of a few chromosomes.
fn genome() -> Vec<Variant> {
	vec![
		snv(1, 10_177, "C"),
		snv(1, 10_178, "G"),
		snv(1, 4_096, "T"),
		snv(1, 4_097, "T"),
		snv(2, 50_000, "G"),
		snv(23, 1, "C"),
		snv(25, 16_000, "G"),
	]
}

#[test]
fn windows_number_every_position_of_every_chromosome() {
	assert_eq!(WINDOW_COUNT, 1_638_400);
	assert_eq!(window_index(&key(1, 1, "A", "C")), Some(0));
	assert_eq!(window_index(&key(1, 4_096, "A", "C")), Some(0));
	assert_eq!(window_index(&key(1, 4_097, "A", "C")), Some(1));
	assert_eq!(window_index(&key(2, 1, "A", "C")), Some(WINDOWS_PER_CHROMOSOME));
	assert_eq!(window_index(&key(25, MAX_POSITION, "A", "C")), Some(WINDOW_COUNT - 1));
	assert_eq!(window_index(&key(25, MAX_POSITION + 1, "A", "C")), None);
	assert_eq!(window_index(&key(1, 0, "A", "C")), None);
}

#[test]
fn every_window_key_is_proven_against_the_window_root() {
	let root = WINDOWS.root();
	for window in [0, 1, 2, 65_535, 65_536, WINDOW_COUNT / 2, WINDOW_COUNT - 2, WINDOW_COUNT - 1] {
		let proof = WINDOWS.prove(window).expect("in range");
		assert_eq!(proof.window_key, window_key(&secret(7), window));
		let leaf = window_leaf(&proof.window_key);
		assert_eq!(fold_path(leaf, window, WINDOW_COUNT, &proof.siblings), Ok(root), "{window}");
		assert_eq!(proof.siblings.len() as u32, path_length(WINDOW_COUNT, window).expect("in"));
	}
	assert!(WINDOWS.prove(WINDOW_COUNT).is_none());
	// The window root is the plain tree root over the window leaves.
	let leaves: Vec<H256> =
		(0..WINDOW_COUNT).map(|w| window_leaf(&window_key(&secret(7), w))).collect();
	assert_eq!(tree_root(&leaves), Some(root));
}

#[test]
fn the_root_is_the_one_the_docs_describe() {
	let variants = genome();
	let fingerprint = fingerprint(&variants);
	let mut leaves: Vec<(H256, H256)> = variants
		.iter()
		.map(|variant| {
			let window = window_index(&variant.key).expect("inside");
			let key = leaf_key(&window_key(&secret(7), window), &variant.key);
			let salt = leaf_salt(&secret(7), &key);
			(key, leaf_hash(&key, &commitment(&salt, variant)))
		})
		.collect();
	leaves.sort();
	let hashes: Vec<H256> = leaves.iter().map(|(_, leaf)| *leaf).collect();
	let tree = tree_root(&hashes).expect("not empty");
	let root = commitment_root(variants.len() as u32, &WINDOWS.root(), &tree);
	assert_eq!(fingerprint.root(), root);
}

#[test]
fn the_root_does_not_depend_on_the_number_of_threads() {
	let variants: Vec<Variant> =
		(1..=20_000u32).map(|i| snv((i % 25 + 1) as u8, i * 13, "G")).collect();
	let encoded: Vec<Vec<u8>> = variants.iter().map(Encode::encode).collect();
	let slices: Vec<&[u8]> = encoded.iter().map(Vec::as_slice).collect();
	let on = |threads| {
		let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
		pool.install(|| Genome::new(&WINDOWS, &slices).expect("valid").root())
	};
	assert_eq!(on(1), on(3));
	assert_eq!(on(1), fingerprint(&variants).root());
}

#[test]
fn the_same_variant_gives_the_same_leaf_in_any_genome() {
	let shared = snv(1, 10_177, "C");
	let leaf_of = |variants: &[Variant]| {
		let fingerprint = fingerprint(variants);
		match fingerprint.prove(&shared.key).expect("provable").claim {
			Claim::Included(inclusion) => (inclusion.leaf_key, inclusion.salt),
			Claim::Absent { .. } => panic!("the variant is carried"),
		}
	};
	assert_eq!(leaf_of(&genome()), leaf_of(&[shared.clone(), snv(9, 1, "G")]));
}

#[test]
fn every_carried_variant_is_proven_present_and_others_absent() {
	let variants = genome();
	let fingerprint = fingerprint(&variants);
	for variant in &variants {
		assert_eq!(facts(&fingerprint, &variant.key), Ok(ProvenFact::Carries(variant.clone())));
	}
	let mut edges = (false, false, false);
	for absent in [key(1, 10_177, "A", "G"), key(1, 10_179, "A", "C"), key(22, 1, "A", "T")]
		.into_iter()
		.chain((1..200).map(|p| key(3, p * 1_000, "A", "G")))
	{
		let proof = fingerprint.prove(&absent).expect("provable");
		match &proof.claim {
			Claim::Absent { neighbours: Neighbours::Between { .. }, .. } => edges.0 = true,
			Claim::Absent { neighbours: Neighbours::BeforeFirst(_), .. } => edges.1 = true,
			Claim::Absent { neighbours: Neighbours::AfterLast(_), .. } => edges.2 = true,
			Claim::Included(_) => panic!("{absent:?} is not carried"),
		}
		let fact = verify(&fingerprint.root(), fingerprint.leaf_count(), &proof);
		assert_eq!(fact, Ok(ProvenFact::DoesNotCarry(absent)));
	}
	assert_eq!(edges, (true, true, true), "between, before the first and after the last");
}

#[test]
fn an_absence_proof_shows_no_variant_and_no_position() {
	let variants = genome();
	let fingerprint = fingerprint(&variants);
	let absent = key(1, 10_179, "A", "C");
	let encoded = fingerprint.prove(&absent).expect("provable").encode();
	for carried in &variants {
		let position = carried.key.position.to_le_bytes();
		let shown = |needle: &[u8]| encoded.windows(needle.len()).any(|w| w == needle);
		assert!(!shown(&carried.encode()), "{carried:?} is in the proof");
		assert!(!shown(&carried.key.encode()));
		// Only the queried variant's own position is in the proof.
		if carried.key.position != absent.position {
			assert!(!shown(&position), "the position of {carried:?} is in the proof");
		}
	}
}

#[test]
fn v1_and_v2_proofs_never_cross() {
	let variants = genome();
	let v2 = fingerprint(&variants);
	let v1 = v1::Fingerprint::new(&secret(7), variants.clone()).expect("valid");
	let key = &variants[0].key;
	let v2_proof = crate::fingerprint::VariantProof::V2(v2.prove(key).expect("provable"));
	let v1_proof = crate::fingerprint::VariantProof::V1(v1.prove(key).expect("provable"));
	let (v1_root, v2_root) = (v1.root(), v2.root());
	let check = |scheme, root, count, proof| crate::fingerprint::verify(scheme, root, count, proof);
	assert!(check(Scheme::V2, &v2_root, v2.leaf_count(), &v2_proof).is_ok());
	assert!(check(Scheme::V1, &v1_root, v1.leaf_count(), &v1_proof).is_ok());
	assert_eq!(
		check(Scheme::V1, &v1_root, v1.leaf_count(), &v2_proof),
		Err(ProofError::SchemeMismatch)
	);
	assert_eq!(
		check(Scheme::V2, &v2_root, v2.leaf_count(), &v1_proof),
		Err(ProofError::SchemeMismatch)
	);
}

#[test]
fn a_truncated_proof_does_not_decode() {
	let fingerprint = fingerprint(&genome());
	for key in [genome()[0].key.clone(), key(1, 10_179, "A", "C")] {
		let encoded =
			crate::fingerprint::VariantProof::V2(fingerprint.prove(&key).expect("ok")).encode();
		for length in 0..encoded.len() {
			assert!(
				crate::fingerprint::VariantProof::decode(&mut &encoded[..length]).is_err(),
				"{length} of {} bytes",
				encoded.len()
			);
		}
	}
}

#[test]
fn bad_absence_proofs_get_their_own_errors() {
	let variants = genome();
	let fingerprint = fingerprint(&variants);
	let (root, count) = (fingerprint.root(), fingerprint.leaf_count());
	let absent = key(1, 10_179, "A", "C");
	let proof = fingerprint.prove(&absent).expect("provable");
	let Claim::Absent { window, neighbours: Neighbours::Between { left, right }, .. } =
		proof.claim.clone()
	else {
		panic!("an absent variant amid others")
	};
	let with = |claim: Claim| VariantProof { window_root: proof.window_root, claim };
	let absent_with = |key: VariantKey, window: WindowProof, neighbours| {
		with(Claim::Absent { key, window, neighbours })
	};
	let between = |left: SealedLeaf, right: SealedLeaf| Neighbours::Between { left, right };
	let check = |proof: &VariantProof| verify(&root, count, proof);

	// A present variant cannot be passed off as absent between the same leaves.
	let present = variants[0].key.clone();
	let present_window = WINDOWS.prove(window_index(&present).expect("in")).expect("in");
	assert_eq!(
		check(&absent_with(present.clone(), present_window, between(left.clone(), right.clone()))),
		Err(ProofError::NotBracketing)
	);
	// The window key of another window.
	let other_window = WINDOWS.prove(window_index(&present).expect("in") + 1).expect("in");
	assert_eq!(
		check(&absent_with(absent.clone(), other_window, between(left.clone(), right.clone()))),
		Err(ProofError::WindowMismatch)
	);
	let mut forged_key = window.clone();
	flip(&mut forged_key.window_key, 3);
	assert_eq!(
		check(&absent_with(absent.clone(), forged_key, between(left.clone(), right.clone()))),
		Err(ProofError::WindowMismatch)
	);
	// Leaves that are not adjacent, swapped, or not at the edge they claim.
	let mut far = right.clone();
	far.leaf_index += 1;
	assert_eq!(
		check(&absent_with(absent.clone(), window.clone(), between(left.clone(), far))),
		Err(ProofError::NotAdjacent)
	);
	assert_eq!(
		check(&absent_with(absent.clone(), window.clone(), between(right.clone(), left.clone()))),
		Err(ProofError::NotAdjacent)
	);
	assert_eq!(
		check(&absent_with(absent.clone(), window.clone(), Neighbours::BeforeFirst(right.clone()))),
		Err(ProofError::NotAtEdge)
	);
	assert_eq!(
		check(&absent_with(absent.clone(), window.clone(), Neighbours::AfterLast(left.clone()))),
		Err(ProofError::NotAtEdge)
	);
	// A leaf whose commitment was changed.
	let mut opened = left.clone();
	flip(&mut opened.commitment, 0);
	assert_eq!(
		check(&absent_with(absent.clone(), window.clone(), between(opened, right.clone()))),
		Err(ProofError::RootMismatch)
	);
	// Keys that are not canonical, not minimal or beyond the windows.
	let not_minimal = key(1, 10_179, "AC", "GC");
	assert_eq!(
		check(&absent_with(not_minimal, window.clone(), between(left.clone(), right.clone()))),
		Err(ProofError::NotCanonical(VariantError::NotMinimal))
	);
	let beyond = key(1, MAX_POSITION + 1, "A", "C");
	assert_eq!(
		check(&absent_with(beyond, window.clone(), between(left.clone(), right.clone()))),
		Err(ProofError::BeyondWindows)
	);
	// A proof against an empty fingerprint, or one of another size.
	assert_eq!(verify(&root, 0, &proof), Err(ProofError::Empty));
	assert_eq!(verify(&root, count + 1, &proof), Err(ProofError::RootMismatch));
	let mut window_root = proof.clone();
	flip(&mut window_root.window_root, 9);
	assert_eq!(check(&window_root), Err(ProofError::WindowMismatch));
}

#[test]
fn bad_inclusion_proofs_get_their_own_errors() {
	let variants = genome();
	let fingerprint = fingerprint(&variants);
	let (root, count) = (fingerprint.root(), fingerprint.leaf_count());
	let proof = fingerprint.prove(&variants[2].key).expect("provable");
	let Claim::Included(inclusion) = proof.claim.clone() else { panic!("carried") };
	let with = |edit: &dyn Fn(&mut InclusionProof)| {
		let mut edited = inclusion.clone();
		edit(&mut edited);
		verify(
			&root,
			count,
			&VariantProof { window_root: proof.window_root, claim: Claim::Included(edited) },
		)
	};
	assert_eq!(with(&|_| ()), Ok(ProvenFact::Carries(variants[2].clone())));
	assert_eq!(with(&|p| p.leaf_index = count), Err(ProofError::IndexOutOfRange));
	assert_eq!(
		with(&|p| {
			p.siblings.pop();
		}),
		Err(ProofError::WrongSiblingCount)
	);
	assert_eq!(with(&|p| p.variant.zygosity = Zygosity::Homozygous), Err(ProofError::RootMismatch));
	assert_eq!(with(&|p| flip(&mut p.leaf_key, 200)), Err(ProofError::RootMismatch));
	assert_eq!(with(&|p| flip(&mut p.salt, 1)), Err(ProofError::RootMismatch));
	assert_eq!(
		with(&|p| p.variant.key.position = MAX_POSITION + 1),
		Err(ProofError::BeyondWindows)
	);
	assert_eq!(
		with(&|p| p.variant.key = key(1, 4_096, "TA", "CA")),
		Err(ProofError::NotCanonical(VariantError::NotMinimal))
	);
}

#[test]
fn fingerprinting_refuses_what_v2_cannot_commit() {
	let build = |variants: &[Variant]| Fingerprint::new(&WINDOWS, variants).err();
	assert_eq!(build(&[]), Some(FingerprintError::Empty));
	let beyond = snv(1, MAX_POSITION + 1, "G");
	assert_eq!(
		build(std::slice::from_ref(&beyond)),
		Some(FingerprintError::BeyondWindows(beyond.key))
	);
	let long = Variant { key: key(1, 5, "ACT", "AGT"), zygosity: Zygosity::Heterozygous };
	assert_eq!(
		build(std::slice::from_ref(&long)),
		Some(FingerprintError::NotCanonical(long.key, VariantError::NotMinimal))
	);
	let mut twice = snv(1, 5, "G");
	let first = twice.clone();
	twice.zygosity = Zygosity::Homozygous;
	assert_eq!(build(&[first.clone(), twice]), Some(FingerprintError::Duplicate(first.key)));
}

/// Minimal variants over a few windows of a few chromosomes.
fn arb_genome() -> impl Strategy<Value = Vec<Variant>> {
	crate::fingerprint::tests::arb_genome().prop_map(|variants| {
		let mut seen = std::collections::BTreeSet::new();
		variants
			.into_iter()
			.map(|mut variant| {
				variant.key.position *= 7;
				variant.key = variant.key.trimmed();
				variant
			})
			.filter(|variant| seen.insert(variant.key.clone()))
			.collect()
	})
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(64))]

	#[test]
	fn presence_and_absence_never_both_verify(genome in arb_genome(), pick in any::<prop::sample::Index>()) {
		let fingerprint = fingerprint(&genome);
		let (root, count) = (fingerprint.root(), fingerprint.leaf_count());
		let carried = &genome[pick.index(genome.len())];
		let window = WINDOWS.prove(window_index(&carried.key).expect("in")).expect("in");
		// Every pair of adjacent leaves, and each edge, fails to bracket a carried variant.
		let sealed: Vec<SealedLeaf> = (0..count).map(|index| sealed_leaf(&fingerprint, index)).collect();
		let mut attempts = vec![Neighbours::BeforeFirst(sealed[0].clone()), Neighbours::AfterLast(sealed[sealed.len() - 1].clone())];
		attempts.extend(sealed.windows(2).map(|pair| Neighbours::Between { left: pair[0].clone(), right: pair[1].clone() }));
		for neighbours in attempts {
			let claim = Claim::Absent { key: carried.key.clone(), window: window.clone(), neighbours };
			let proof = VariantProof { window_root: WINDOWS.root(), claim };
			prop_assert!(verify(&root, count, &proof).is_err(), "{:?} verified", proof);
		}
		// And an absent variant cannot open any leaf.
		let mut absent = carried.clone();
		absent.key.position += 1;
		if !genome.iter().any(|v| v.key == absent.key) {
			let Claim::Included(mut inclusion) = fingerprint.prove(&carried.key).expect("ok").claim else { unreachable!() };
			inclusion.variant = absent.clone();
			let claim = Claim::Included(inclusion);
			let proof = VariantProof { window_root: WINDOWS.root(), claim };
			prop_assert!(verify(&root, count, &proof).is_err(), "{:?} verified", proof);
			prop_assert_eq!(facts(&fingerprint, &absent.key), Ok(ProvenFact::DoesNotCarry(absent.key.clone())));
		}
	}

	#[test]
	fn no_edit_of_a_proof_proves_anything_false(
		genome in arb_genome(),
		query in crate::fingerprint::tests::arb_variant(),
		byte in any::<prop::sample::Index>(),
		bit in 0u8..8,
	) {
		let fingerprint = fingerprint(&genome);
		let (root, count) = (fingerprint.root(), fingerprint.leaf_count());
		let query = query.key.trimmed();
		let encoded = fingerprint.prove(&query).expect("provable").encode();
		let mut edited = encoded.clone();
		edited[byte.index(encoded.len())] ^= 1 << bit;
		if let Ok(proof) = VariantProof::decode(&mut &edited[..]) {
			match verify(&root, count, &proof) {
				// An edit may at most prove another true fact: the absence of another variant
				// whose leaf key falls between the same two leaves.
				Ok(ProvenFact::DoesNotCarry(key)) => {
					prop_assert!(!genome.iter().any(|v| v.key == key));
					let claims_absence = matches!(proof.claim, Claim::Absent { .. });
					prop_assert!(claims_absence);
				}
				Ok(ProvenFact::Carries(variant)) => prop_assert!(false, "an edit proved {variant:?}"),
				Err(_) => {}
			}
		}
	}
}

/// Leaf `index` of `fingerprint` shown sealed, as an absence proof shows it.
fn sealed_leaf(fingerprint: &Fingerprint, index: u32) -> SealedLeaf {
	let variant = fingerprint.variant_at(index).expect("in range");
	let proof = fingerprint.prove(&variant.key).expect("provable");
	let Claim::Included(inclusion) = proof.claim else { panic!("carried") };
	assert_eq!(inclusion.leaf_index, index);
	SealedLeaf {
		leaf_key: inclusion.leaf_key,
		commitment: commitment(&inclusion.salt, &inclusion.variant),
		leaf_index: inclusion.leaf_index,
		siblings: inclusion.siblings,
	}
}
