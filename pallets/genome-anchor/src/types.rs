//! The anchor and batch records, and the measures of a proof that its weight depends on.

use crate::{Config, WeightInfo};
use codec::{Decode, Encode, MaxEncodedLen};
use genochain_primitives::{
	anchor::{Anchor, FileDigest, FingerprintRoot},
	fingerprint::{v1, v2, Assembly, Scheme, VariantKey, VariantProof},
};
use polkadot_sdk::{frame_support::weights::Weight, frame_system::pallet_prelude::BlockNumberFor};
use scale_info::TypeInfo;

/// An anchor on chain: its public facts and the subject's deposit.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct AnchorRecord<AccountId, BlockNumber, Ticket> {
	/// What the anchor states.
	pub anchor: Anchor<AccountId, BlockNumber>,
	/// The subject's deposit for this record.
	pub deposit: Ticket,
}

/// An anchor of runtime `T`, as other pallets and the runtime API see it.
pub type AnchorOf<T> =
	Anchor<<T as polkadot_sdk::frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// An anchor record of runtime `T`.
pub type AnchorRecordOf<T> = AnchorRecord<
	<T as polkadot_sdk::frame_system::Config>::AccountId,
	BlockNumberFor<T>,
	<T as Config>::AnchorConsideration,
>;

/// A lab batch on chain: one root over many per-sample roots.
#[derive(Encode, Decode, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct BatchRecord<AccountId, BlockNumber, Ticket> {
	/// The lab that committed it.
	pub lab: AccountId,
	/// How many sample roots it commits.
	pub sample_count: u32,
	/// The reference genome of every sample in it.
	pub assembly: Assembly,
	/// The fingerprint scheme of the batch and of its samples.
	pub scheme: Scheme,
	/// When it was committed.
	pub committed_at: BlockNumber,
	/// The lab's deposit for this record.
	pub deposit: Ticket,
}

/// A batch record of runtime `T`.
pub type BatchRecordOf<T> = BatchRecord<
	<T as polkadot_sdk::frame_system::Config>::AccountId,
	BlockNumberFor<T>,
	<T as Config>::BatchConsideration,
>;

/// What a subject states about a fingerprint they anchor.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct NewAnchor<AccountId> {
	/// The fingerprint root.
	pub root: FingerprintRoot,
	/// The number of variants.
	pub leaf_count: u32,
	/// The reference genome.
	pub assembly: Assembly,
	/// The fingerprint scheme.
	pub scheme: Scheme,
	/// The custodian of the encrypted file, if any.
	pub custodian: Option<AccountId>,
	/// The encrypted file's digest, if stated.
	pub file_digest: Option<FileDigest>,
}

/// The inclusion proofs a v1 proof consists of: one, or two for a bracketing absence.
fn inclusions(proof: &v1::VariantProof) -> impl Iterator<Item = &v1::InclusionProof> {
	let (first, second) = match proof {
		v1::VariantProof::Included(inclusion) => (inclusion, None),
		v1::VariantProof::Absent { proof: v1::AbsenceProof::Between { left, right }, .. } => {
			(left, Some(right))
		}
		v1::VariantProof::Absent {
			proof: v1::AbsenceProof::BeforeFirst(edge) | v1::AbsenceProof::AfterLast(edge),
			..
		} => (edge, None),
	};
	core::iter::once(first).chain(second)
}

/// The bases of a key's REF and ALT together.
fn bases(key: &VariantKey) -> u32 {
	(key.reference.len() as u32).saturating_add(key.alternate.len() as u32)
}

/// The longest path among a proof's paths: the depth its weight is measured at.
pub fn proof_depth(proof: &VariantProof) -> u32 {
	match proof {
		VariantProof::V1(proof) => {
			inclusions(proof).map(|inclusion| inclusion.siblings.len() as u32).max().unwrap_or(0)
		}
		VariantProof::V2(proof) => proof.depth(),
	}
}

/// The allele bases a proof makes the chain hash and compare: those of every variant it opens
/// and of the key proven absent.
pub fn proof_bases(proof: &VariantProof) -> u32 {
	match proof {
		VariantProof::V1(proof) => {
			let absent_key = match proof {
				v1::VariantProof::Absent { key, .. } => bases(key),
				v1::VariantProof::Included(_) => 0,
			};
			inclusions(proof)
				.map(|inclusion| bases(&inclusion.variant.key))
				.fold(absent_key, u32::saturating_add)
		}
		VariantProof::V2(proof) => match &proof.claim {
			v2::Claim::Included(inclusion) => bases(&inclusion.variant.key),
			v2::Claim::Absent { key, .. } => bases(key),
		},
	}
}

/// The weight of checking `proof`: an inclusion proof costs one path; an absence proof up to two
/// paths and a key comparison, and in v2 also the window's path.
pub fn prove_variant_weight<T: Config>(proof: &VariantProof) -> Weight {
	let (depth, bases) = (proof_depth(proof), proof_bases(proof));
	match proof {
		VariantProof::V1(v1::VariantProof::Included(_)) => {
			T::WeightInfo::prove_variant_included(depth, bases)
		}
		VariantProof::V1(v1::VariantProof::Absent { .. }) => {
			T::WeightInfo::prove_variant_absent(depth, bases)
		}
		VariantProof::V2(v2::VariantProof { claim: v2::Claim::Included(_), .. }) => {
			T::WeightInfo::prove_variant_v2_included(depth, bases)
		}
		VariantProof::V2(v2::VariantProof { claim: v2::Claim::Absent { .. }, .. }) => {
			T::WeightInfo::prove_variant_v2_absent(depth, bases)
		}
	}
}
