use super::{
	collective::RootOrCouncilTwoThirds,
	xcm_config::{XcmConfig, XcmRouter},
};
use crate::{Consent, GenomeAnchor, Redaction, Runtime};
use polkadot_sdk::{
	frame_support::traits::{ConstU32, Everything},
	pallet_xcm::EnsureXcm,
	staging_xcm_executor::XcmExecutor,
};

impl pallet_xcm_verifier::Config for Runtime {
	/// Any `Transact` with the `Xcm` origin kind; the verifier answers sibling parachains only, and
	/// the `SafeCallFilter` lets no other call through XCM.
	type XcmOrigin = EnsureXcm<Everything>;
	type Anchors = GenomeAnchor;
	type Consents = Consent;
	type Tombstones = Redaction;
	type MaxConsentsPerSubject = <Runtime as pallet_consent::Config>::MaxConsentsPerSubject;
	type XcmSender = XcmRouter;
	type XcmExecutor = XcmExecutor<XcmConfig>;
	/// Who may ask is a consortium decision, as accreditation is.
	type AdminOrigin = RootOrCouncilTwoThirds;
	/// An answer is at most a 2 KiB HRMP message; 32 of them stay well inside what a block's
	/// outbound XCMP pages and the siblings' channels carry.
	type MaxAnswersPerBlock = ConstU32<32>;
	/// A quarter of a block's answers: four busy siblings fill a block, none alone.
	type MaxAnswersPerSiblingPerBlock = ConstU32<8>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmarks::CostliestRequests;
	type WeightInfo = pallet_xcm_verifier::weights::SubstrateWeight<Runtime>;
}

#[cfg(feature = "runtime-benchmarks")]
mod benchmarks {
	use super::super::{redaction::AnchorsForBenchmarks, xcm_config::LocationToAccountId};
	use crate::{AccountId, Balances, GenomeAnchor, ParachainSystem, RuntimeOrigin};
	use alloc::{boxed::Box, vec::Vec};
	use genochain_primitives::{
		anchor::{anchor_id, AnchorId},
		consent::{ConsentTerms, DataCategory, DataScope, Grantee, Role, Scope},
		currency::GENE,
		duo::{
			DiseaseCode, DuoModifier, DuoModifiers, DuoPermission, DuoPurpose, ProjectId,
			RequestedUse,
		},
		fingerprint::{
			fold_path,
			v1::{commitment_root, leaf_hash, AbsenceProof, InclusionProof, VariantProof},
			Assembly, Scheme, Variant, MAX_PROOF_DEPTH,
		},
		redaction::RecordRef,
		traits::{Accreditation, ConsentManage},
		verification::{ProvenanceRequirement, VerifyRequest},
	};
	use pallet_redaction::BenchmarkHelper as _;
	use polkadot_sdk::{
		frame_benchmarking::account,
		frame_support::{traits::fungible::Mutate, BoundedVec},
		sp_core::H256,
		staging_xcm::latest::{Junction::Parachain, Location},
		staging_xcm_executor::traits::ConvertLocation,
	};

	/// The costliest request of each kind: the deepest proof with the longest alleles, a subject
	/// whose every consent is looked at.
	pub struct CostliestRequests;

	/// A current anchor of a funded subject kept by an accredited custodian and attested by an
	/// accredited lab (`anchor_for_benchmark`), so that its verdict reads the lab's standing.
	fn anchor(seed: u32) -> AnchorId {
		let subject = account("subject", seed, 0);
		match AnchorsForBenchmarks::record(&subject, 0, &account("custodian", seed, 0)) {
			RecordRef::Anchor(root) => root,
			_ => unreachable!("AnchorsForBenchmarks keeps anchors"),
		}
	}

	/// Has an accredited lab attest `anchor`, so that its verdict reads the lab's standing.
	fn attested(anchor: AnchorId) -> AnchorId {
		let lab: AccountId = account("lab", 0, 0);
		crate::Registry::accredit_for_benchmark(&lab, Role::Lab);
		let attested = GenomeAnchor::attest(RuntimeOrigin::signed(lab), anchor);
		assert!(attested.is_ok(), "the lab attests the anchor: {attested:?}");
		anchor
	}

	impl pallet_xcm_verifier::BenchmarkHelper<AccountId, RuntimeOrigin> for CostliestRequests {
		/// Opens a channel to the sibling and funds its sovereign account, which pays the
		/// delivery of its answers.
		fn prepare_sibling(para: u32) {
			ParachainSystem::open_outbound_hrmp_channel_for_benchmarks_or_tests(para.into());
			let sibling = Location::new(1, [Parachain(para)]);
			if let Some(sovereign) = LocationToAccountId::convert_location(&sibling) {
				let _ = Balances::mint_into(&sovereign, 10 * GENE);
			}
		}

		fn sibling_origin(para: u32) -> RuntimeOrigin {
			polkadot_sdk::pallet_xcm::Origin::Xcm(Location::new(1, [Parachain(para)])).into()
		}

		fn anchor_exists() -> VerifyRequest<AccountId> {
			let anchor = anchor(0);
			VerifyRequest::AnchorExists { anchor, require: ProvenanceRequirement::Attested }
		}

		/// An absence proof between the first two leaves of a fingerprint with as many leaves
		/// as a `u32` counts, so both paths are [`MAX_PROOF_DEPTH`] deep; the siblings above the
		/// leaves are arbitrary, and the anchor's root is where they lead.
		fn variant() -> VerifyRequest<AccountId> {
			let (scheme, leaf_count) = (Scheme::V1, u32::MAX);
			let (left, right) = (Variant::longest(100), Variant::longest(102));
			let (left_salt, right_salt) = (H256::repeat_byte(1), H256::repeat_byte(2));
			let (left_leaf, right_leaf) =
				(leaf_hash(&left_salt, &left), leaf_hash(&right_salt, &right));
			let upper: Vec<H256> =
				(1..MAX_PROOF_DEPTH).map(|level| H256::repeat_byte(level as u8)).collect();
			let path = |neighbour: H256| {
				BoundedVec::truncate_from([alloc::vec![neighbour], upper.clone()].concat())
			};
			let left_path = path(right_leaf);
			let tree = fold_path(left_leaf, 0, leaf_count, &left_path).unwrap_or_default();
			let root = commitment_root(leaf_count, &tree);

			let subject: AccountId = account("subject", 1, 0);
			let _ = Balances::mint_into(&subject, 10 * GENE);
			let anchored = GenomeAnchor::anchor(
				RuntimeOrigin::signed(subject.clone()),
				root,
				leaf_count,
				Assembly::GRCh38,
				scheme,
				None,
				None,
			);
			assert!(anchored.is_ok(), "the deep anchor is anchored: {anchored:?}");

			let proof = VariantProof::Absent {
				key: Variant::longest(101).key,
				proof: AbsenceProof::Between {
					left: InclusionProof {
						variant: left,
						leaf_index: 0,
						salt: left_salt,
						siblings: left_path,
					},
					right: InclusionProof {
						variant: right,
						leaf_index: 1,
						salt: right_salt,
						siblings: path(left_leaf),
					},
				},
			};
			let anchor = attested(anchor_id(&subject, &root));
			// The costliest proof of either scheme: a v1 absence with the longest alleles in all
			// three variants (`docs/WEIGHTS.md`: v2's absence proofs weigh less).
			VerifyRequest::Variant {
				anchor,
				proof: Box::new(genochain_primitives::fingerprint::VariantProof::V1(proof)),
				require: ProvenanceRequirement::Attested,
			}
		}

		/// A subject with `consents` consents, all to the grantee over the dataset, all but the
		/// last refusing the use only at its last check (another project); the request names the
		/// dataset's custodian.
		fn consent(consents: u32) -> VerifyRequest<AccountId> {
			let dataset = anchor(2);
			let (subject, grantee): (AccountId, AccountId) =
				(account("subject", 2, 0), account("grantee", 2, 0));
			let _ = Balances::mint_into(&subject, 1_000 * GENE);
			let purpose = DiseaseCode(4992);
			let terms = |project: u8| ConsentTerms {
				grantee: Grantee::Account(grantee.clone()),
				scope: Scope {
					data: DataScope::Dataset(dataset),
					categories: [DataCategory::Variants]
						.into_iter()
						.collect::<alloc::collections::BTreeSet<_>>()
						.try_into()
						.unwrap_or_default(),
				},
				purpose: DuoPurpose {
					permission: DuoPermission::DiseaseSpecific(purpose),
					modifiers: DuoModifiers(BoundedVec::truncate_from(alloc::vec![
						DuoModifier::ProjectSpecific(ProjectId::repeat_byte(project))
					])),
				},
				valid_from: 0,
				valid_until: None,
				document_hash: H256::repeat_byte(project),
				approvers: Default::default(),
				approval_threshold: 0,
			};
			for slot in 1..=consents {
				let project = if slot == consents { 1 } else { 2 };
				let granted =
					<crate::Consent as ConsentManage<_, _>>::grant_for(&subject, terms(project));
				assert!(granted.is_ok(), "consent {slot} granted: {granted:?}");
			}
			let mut requested = RequestedUse::research(DuoPermission::DiseaseSpecific(purpose));
			requested.project = Some(ProjectId::repeat_byte(1));
			VerifyRequest::Consent {
				grantee,
				subject,
				dataset,
				category: DataCategory::Variants,
				requested,
				custodian: Some(account("custodian", 2, 0)),
			}
		}

		fn not_redacted() -> VerifyRequest<AccountId> {
			VerifyRequest::NotRedacted { record: RecordRef::Anchor(anchor(3)) }
		}
	}
}
