//! Benchmarks of every call, each in its most expensive case: a named custodian (an accreditation
//! lookup), a nearly full subject index, and proofs as deep and alleles as long as allowed.
//!
//! Proofs of any depth are built without a genome behind them: the siblings are arbitrary hashes
//! and the root is folded up from them, so a path of 32 levels costs nothing to set up.

use crate::*;
use alloc::{boxed::Box, vec, vec::Vec};
use genochain_primitives::{
	anchor::{anchor_id, Anchor, AnchorId, FingerprintRoot},
	consent::Role,
	fingerprint::{
		batch_leaf_hash, batch_root, fold_path, path_length, v1, v2, Allele, Assembly, BatchProof,
		Chromosome, Scheme, Variant, VariantKey, VariantProof, Zygosity, MAX_ALLELE_LEN,
		MAX_PROOF_DEPTH,
	},
	redaction::Redactable,
	traits::{Accreditation, TombstoneFund},
};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::{
		traits::{Consideration, Footprint, Get},
		BoundedVec,
	},
	frame_system::{self, pallet_prelude::BlockNumberFor, RawOrigin},
	sp_core::H256,
};

const ROOT: FingerprintRoot = H256::repeat_byte(0xa1);
const NEW_ROOT: FingerprintRoot = H256::repeat_byte(0xa2);
const DIGEST: H256 = H256::repeat_byte(0xd1);

/// An account able to pay any deposit of this pallet.
fn funded<T: Config>(name: &'static str) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	let footprint = Footprint::from_mel::<Anchor<T::AccountId, BlockNumberFor<T>>>();
	T::AnchorConsideration::ensure_successful(&who, footprint);
	T::BatchConsideration::ensure_successful(&who, footprint);
	// The fees of the tombstones of the anchors or batches it creates.
	T::TombstoneFund::ensure_successful(&who, 2);
	who
}

/// An accredited custodian, so that naming it costs a lookup.
fn custodian<T: Config>() -> T::AccountId {
	let custodian: T::AccountId = account("custodian", 0, 0);
	T::Accreditation::accredit_for_benchmark(&custodian, Role::Custodian);
	custodian
}

/// An accredited, funded lab.
fn lab<T: Config>() -> T::AccountId {
	let lab = funded::<T>("lab");
	T::Accreditation::accredit_for_benchmark(&lab, Role::Lab);
	lab
}

/// Fills `subject`'s index with other roots, leaving `room` places.
fn fill_index<T: Config>(subject: &T::AccountId, room: u32) {
	let others = (0..T::MaxAnchorsPerSubject::get().saturating_sub(room))
		.map(|i| {
			let mut root = [0xee; 32];
			root[..4].copy_from_slice(&i.to_le_bytes());
			H256(root)
		})
		.collect::<Vec<_>>();
	AnchorsBySubject::<T>::insert(subject, BoundedVec::truncate_from(others));
}

fn new_anchor<T: Config>(
	root: FingerprintRoot,
	leaf_count: u32,
	scheme: Scheme,
) -> NewAnchor<T::AccountId> {
	NewAnchor {
		root,
		leaf_count,
		assembly: Assembly::GRCh38,
		scheme,
		custodian: Some(custodian::<T>()),
		file_digest: Some(DIGEST),
	}
}

/// A subject with an anchor of `root` and `leaf_count` leaves in `scheme` and `room` places left
/// in the index; returns the subject and the anchor's id.
fn anchored<T: Config>(
	root: FingerprintRoot,
	leaf_count: u32,
	room: u32,
	scheme: Scheme,
) -> Result<(T::AccountId, AnchorId), BenchmarkError> {
	let subject = funded::<T>("subject");
	fill_index::<T>(&subject, room.saturating_add(1));
	let anchor = new_anchor::<T>(root, leaf_count, scheme);
	let id = Pallet::<T>::do_anchor(subject.clone(), anchor, None, None)?;
	Ok((subject, id))
}

/// The leaf count whose tree gives leaf 0 a path of `depth` siblings.
fn leaf_count_for_depth(depth: u32) -> u32 {
	match depth {
		0 => 1,
		d if d < 32 => 1 << d,
		_ => u32::MAX,
	}
}

fn siblings(count: u32, first: u8) -> Vec<H256> {
	(0..count).map(|i| H256::repeat_byte((i as u8).wrapping_add(first))).collect()
}

/// The paths of leaves 0 and 1 (hashes `leaves`) in a tree of `leaf_count` leaves, `depth`
/// levels deep, the siblings above the pair arbitrary; and the tree root they lead to.
fn adjacent_paths(
	leaves: (H256, H256),
	depth: u32,
	leaf_count: u32,
) -> Result<(Vec<H256>, Vec<H256>, H256), BenchmarkError> {
	let upper = siblings(depth.saturating_sub(1), 0x10);
	let left_path: Vec<H256> = core::iter::once(leaves.1).chain(upper.iter().copied()).collect();
	let right_path: Vec<H256> = core::iter::once(leaves.0).chain(upper).collect();
	let tree = fold_path(leaves.0, 0, leaf_count, &left_path)
		.map_err(|_| BenchmarkError::Stop("the path folds"))?;
	Ok((left_path, right_path, tree))
}

fn allele(base: u8, length: u32) -> Allele {
	BoundedVec::truncate_from(vec![base; length as usize])
}

/// `total` bases split over `parts` alleles, each between 1 and the longest allele.
fn allele_lengths(total: u32, parts: u32) -> Vec<u32> {
	let mut rest = total.saturating_sub(parts);
	(0..parts)
		.map(|_| {
			let extra = rest.min(MAX_ALLELE_LEN.saturating_sub(1));
			rest = rest.saturating_sub(extra);
			extra.saturating_add(1)
		})
		.collect()
}

fn variant(position: u32, reference: u32, alternate: u32) -> Variant {
	Variant {
		key: VariantKey {
			chromosome: Chromosome::X,
			position,
			reference: allele(b'A', reference),
			alternate: allele(b'C', alternate),
		},
		zygosity: Zygosity::Hemizygous,
	}
}

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(<T as frame_system::Config>::RuntimeEvent::from(
		event,
	));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn anchor() {
		let subject = funded::<T>("subject");
		fill_index::<T>(&subject, 1);
		let custodian = custodian::<T>();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(subject.clone()),
			ROOT,
			4_500_000,
			Assembly::GRCh38,
			Scheme::V1,
			Some(custodian),
			Some(DIGEST),
		);

		assert_last_event::<T>(Event::Anchored {
			anchor: anchor_id(&subject, &ROOT),
			root: ROOT,
			subject,
			leaf_count: 4_500_000,
			assembly: Assembly::GRCh38,
		});
	}

	#[benchmark]
	fn attest() -> Result<(), BenchmarkError> {
		let (_, id) = anchored::<T>(ROOT, 4_500_000, 0, Scheme::V1)?;
		let lab = lab::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(lab.clone()), id);

		assert_last_event::<T>(Event::Attested { anchor: id, lab });
		Ok(())
	}

	/// By the attesting lab: the origin is first tried as governance, then as the lab.
	#[benchmark]
	fn withdraw_attestation() -> Result<(), BenchmarkError> {
		let (_, id) = anchored::<T>(ROOT, 4_500_000, 0, Scheme::V1)?;
		let lab = lab::<T>();
		Pallet::<T>::do_attest(lab.clone(), id)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(lab.clone()), id);

		assert_last_event::<T>(Event::AttestationWithdrawn {
			anchor: id,
			lab,
			by_governance: false,
		});
		Ok(())
	}

	#[benchmark]
	fn anchor_batch() {
		let lab = lab::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(lab.clone()), ROOT, u32::MAX, Assembly::GRCh38, Scheme::V1);

		assert_last_event::<T>(Event::BatchAnchored {
			batch: ROOT,
			lab,
			sample_count: u32::MAX,
			assembly: Assembly::GRCh38,
		});
	}

	/// `d`: the depth of the sample's path in the batch.
	#[benchmark]
	fn claim_from_batch(d: Linear<0, MAX_PROOF_DEPTH>) -> Result<(), BenchmarkError> {
		let sample_count = leaf_count_for_depth(d);
		let sample_root = NEW_ROOT;
		let subject = funded::<T>("subject");
		let id = anchor_id(&subject, &sample_root);
		let path = siblings(d, 0);
		let tree = fold_path(batch_leaf_hash(Scheme::V1, &id), 0, sample_count, &path)
			.map_err(|_| BenchmarkError::Stop("the path folds"))?;
		let batch = batch_root(Scheme::V1, sample_count, &tree);
		let lab = lab::<T>();
		Pallet::<T>::do_anchor_batch(
			lab.clone(),
			batch,
			sample_count,
			Assembly::GRCh38,
			Scheme::V1,
		)?;
		fill_index::<T>(&subject, 1);
		let proof = BatchProof { sample_index: 0, siblings: BoundedVec::truncate_from(path) };
		let custodian = custodian::<T>();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(subject.clone()),
			batch,
			sample_root,
			4_500_000,
			proof,
			Some(custodian),
			Some(DIGEST),
		);

		assert_last_event::<T>(Event::ClaimedFromBatch { anchor: id, subject, batch, lab });
		Ok(())
	}

	#[benchmark]
	fn supersede() -> Result<(), BenchmarkError> {
		let (subject, previous) = anchored::<T>(ROOT, 4_500_000, 1, Scheme::V1)?;
		let custodian = custodian::<T>();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(subject.clone()),
			previous,
			NEW_ROOT,
			4_600_000,
			Assembly::GRCh38,
			Scheme::V1,
			Some(custodian),
			Some(DIGEST),
		);

		let new_id = anchor_id(&subject, &NEW_ROOT);
		assert_last_event::<T>(Event::Superseded { previous, anchor: new_id, subject });
		Ok(())
	}

	/// `d`: the depth of the leaf's path; `b`: the bases of REF and ALT together.
	#[benchmark]
	fn prove_variant_included(
		d: Linear<0, MAX_PROOF_DEPTH>,
		b: Linear<2, { 2 * MAX_ALLELE_LEN }>,
	) -> Result<(), BenchmarkError> {
		let leaf_count = leaf_count_for_depth(d);
		let lengths = allele_lengths(b, 2);
		let variant = variant(100, lengths[0], lengths[1]);
		let salt = H256::repeat_byte(0x5a);
		let path = siblings(d, 0);
		let tree = fold_path(v1::leaf_hash(&salt, &variant), 0, leaf_count, &path)
			.map_err(|_| BenchmarkError::Stop("the path folds"))?;
		let root = v1::commitment_root(leaf_count, &tree);
		let (_, id) = anchored::<T>(root, leaf_count, 0, Scheme::V1)?;
		let proof = VariantProof::V1(v1::VariantProof::Included(v1::InclusionProof {
			variant,
			leaf_index: 0,
			salt,
			siblings: BoundedVec::truncate_from(path),
		}));
		let prover: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		prove_variant(RawOrigin::Signed(prover), id, Box::new(proof));

		Ok(())
	}

	/// An absence between two adjacent leaves, the most expensive absence proof. `d`: the depth
	/// of each of the two paths; `b`: the bases of the key and of both leaves together.
	#[benchmark]
	fn prove_variant_absent(
		d: Linear<1, MAX_PROOF_DEPTH>,
		b: Linear<6, { 6 * MAX_ALLELE_LEN }>,
	) -> Result<(), BenchmarkError> {
		let leaf_count = leaf_count_for_depth(d);
		let lengths = allele_lengths(b, 6);
		let (left, key, right) = (
			variant(100, lengths[0], lengths[1]),
			variant(101, lengths[2], lengths[3]).key,
			variant(102, lengths[4], lengths[5]),
		);
		let salts = (H256::repeat_byte(0x5a), H256::repeat_byte(0x5b));
		let leaves = (v1::leaf_hash(&salts.0, &left), v1::leaf_hash(&salts.1, &right));
		let (left_path, right_path, tree) = adjacent_paths(leaves, d, leaf_count)?;
		let root = v1::commitment_root(leaf_count, &tree);
		let (_, id) = anchored::<T>(root, leaf_count, 0, Scheme::V1)?;
		let proof = VariantProof::V1(v1::VariantProof::Absent {
			key,
			proof: v1::AbsenceProof::Between {
				left: v1::InclusionProof {
					variant: left,
					leaf_index: 0,
					salt: salts.0,
					siblings: BoundedVec::truncate_from(left_path),
				},
				right: v1::InclusionProof {
					variant: right,
					leaf_index: 1,
					salt: salts.1,
					siblings: BoundedVec::truncate_from(right_path),
				},
			},
		});
		let prover: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		prove_variant(RawOrigin::Signed(prover), id, Box::new(proof));

		Ok(())
	}

	/// A v2 inclusion proof. `d`: the depth of the leaf's path; `b`: the bases of REF and ALT.
	#[benchmark]
	fn prove_variant_v2_included(
		d: Linear<0, MAX_PROOF_DEPTH>,
		b: Linear<2, { 2 * MAX_ALLELE_LEN }>,
	) -> Result<(), BenchmarkError> {
		let leaf_count = leaf_count_for_depth(d);
		let lengths = allele_lengths(b, 2);
		let variant = variant(100, lengths[0], lengths[1]);
		let (leaf_key, salt, window_root) =
			(H256::repeat_byte(0x4b), H256::repeat_byte(0x5a), H256::repeat_byte(0x3c));
		let path = siblings(d, 0);
		let leaf = v2::leaf_hash(&leaf_key, &v2::commitment(&salt, &variant));
		let tree = fold_path(leaf, 0, leaf_count, &path)
			.map_err(|_| BenchmarkError::Stop("the path folds"))?;
		let root = v2::commitment_root(leaf_count, &window_root, &tree);
		let (_, id) = anchored::<T>(root, leaf_count, 0, Scheme::V2)?;
		let proof = VariantProof::V2(v2::VariantProof {
			window_root,
			claim: v2::Claim::Included(v2::InclusionProof {
				variant,
				leaf_key,
				salt,
				leaf_index: 0,
				siblings: BoundedVec::truncate_from(path),
			}),
		});
		let prover: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		prove_variant(RawOrigin::Signed(prover), id, Box::new(proof));

		Ok(())
	}

	/// A v2 absence between two adjacent leaves, with the key's window proven by a full path (21
	/// siblings). `d`: the depth of each of the two leaf paths; `b`: the bases of the absent key.
	#[benchmark]
	fn prove_variant_v2_absent(
		d: Linear<1, MAX_PROOF_DEPTH>,
		b: Linear<2, { 2 * MAX_ALLELE_LEN }>,
	) -> Result<(), BenchmarkError> {
		let leaf_count = leaf_count_for_depth(d);
		let lengths = allele_lengths(b, 2);
		let key = variant(100, lengths[0], lengths[1]).key;
		let window = v2::window_index(&key).ok_or(BenchmarkError::Stop("inside the windows"))?;
		let window_key = H256::repeat_byte(0x6d);
		let window_depth = path_length(v2::WINDOW_COUNT, window)
			.ok_or(BenchmarkError::Stop("inside the windows"))?;
		let window_path = siblings(window_depth, 0x30);
		let window_root =
			fold_path(v2::window_leaf(&window_key), window, v2::WINDOW_COUNT, &window_path)
				.map_err(|_| BenchmarkError::Stop("the window path folds"))?;
		// The extreme keys bracket any leaf key.
		let leaf_keys = (H256::zero(), H256::repeat_byte(0xff));
		let commitments = (H256::repeat_byte(0xc1), H256::repeat_byte(0xc2));
		let leaves = (
			v2::leaf_hash(&leaf_keys.0, &commitments.0),
			v2::leaf_hash(&leaf_keys.1, &commitments.1),
		);
		let (left_path, right_path, tree) = adjacent_paths(leaves, d, leaf_count)?;
		let root = v2::commitment_root(leaf_count, &window_root, &tree);
		let (_, id) = anchored::<T>(root, leaf_count, 0, Scheme::V2)?;
		let sealed = |leaf_key, commitment, leaf_index, path: Vec<H256>| v2::SealedLeaf {
			leaf_key,
			commitment,
			leaf_index,
			siblings: BoundedVec::truncate_from(path),
		};
		let proof = VariantProof::V2(v2::VariantProof {
			window_root,
			claim: v2::Claim::Absent {
				key,
				window: v2::WindowProof {
					window_key,
					siblings: BoundedVec::truncate_from(window_path),
				},
				neighbours: v2::Neighbours::Between {
					left: sealed(leaf_keys.0, commitments.0, 0, left_path),
					right: sealed(leaf_keys.1, commitments.1, 1, right_path),
				},
			},
		});
		let prover: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		prove_variant(RawOrigin::Signed(prover), id, Box::new(proof));

		Ok(())
	}

	#[benchmark]
	fn remove() -> Result<(), BenchmarkError> {
		let (subject, id) = anchored::<T>(ROOT, 4_500_000, 0, Scheme::V1)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(subject.clone()), id);

		assert_last_event::<T>(Event::AnchorRemoved { anchor: id, subject });
		Ok(())
	}

	#[benchmark]
	fn remove_batch() -> Result<(), BenchmarkError> {
		let lab = lab::<T>();
		Pallet::<T>::do_anchor_batch(lab.clone(), ROOT, u32::MAX, Assembly::GRCh38, Scheme::V1)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(lab.clone()), ROOT);

		assert_last_event::<T>(Event::BatchRemoved { batch: ROOT, lab });
		Ok(())
	}

	/// Erasing all `n` anchors of a subject, each with its custodian.
	#[benchmark]
	fn erase_anchors(
		n: Linear<1, { T::MaxAnchorsPerSubject::get() }>,
	) -> Result<(), BenchmarkError> {
		let subject = funded::<T>("subject");
		for i in 0..n {
			if i > 0 {
				let footprint = Footprint::from_mel::<Anchor<T::AccountId, BlockNumberFor<T>>>();
				T::AnchorConsideration::ensure_successful(&subject, footprint);
				T::TombstoneFund::ensure_successful(&subject, 1);
			}
			let mut root = [0xab; 32];
			root[..4].copy_from_slice(&i.to_le_bytes());
			let root = H256(root);
			let new = new_anchor::<T>(root, 4_500_000, Scheme::V1);
			Pallet::<T>::do_anchor(subject.clone(), new, None, None)?;
		}

		let erased;
		#[block]
		{
			erased = <Pallet<T> as Redactable<T::AccountId>>::erase_subject(&subject, n)?;
		}

		assert_eq!(erased.records.len(), n as usize);
		assert!(AnchorsBySubject::<T>::get(&subject).is_empty());
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
