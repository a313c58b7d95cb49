//! A runtime with System and the verifier over stand-ins: facts the tests set ([`MockFacts`]), and
//! the router and executor of `genochain_test_utils::xcm`. Origins are signed accounts standing
//! for locations ([`location_of`]). The runtime's tests and the XCM simulator use the real pallets
//! and XCM configuration.

use crate as pallet_xcm_verifier;
use alloc::{collections::BTreeMap, vec::Vec};
use core::cell::RefCell;
use genochain_primitives::{
	anchor::{Anchor, AnchorId, AnchorProofRefusal, Attestation, Provenance, VariantVerdict},
	consent::{AccessRefusal, ConsentId, DataCategory, DatasetId, Standing},
	duo::RequestedUse,
	fingerprint::{ProvenFact, VariantProof},
	redaction::{RecordRef, Tombstone},
	traits::{AnchorInspect, ConsentInspect, TombstoneInspect},
};
pub use genochain_test_utils::xcm::{MockExecutor, MockRouter, Route, DELIVERY_PRICE};
use polkadot_sdk::{
	frame_support::{
		derive_impl, ord_parameter_types,
		traits::{ConstU32, ConstU64, EnsureOrigin},
	},
	frame_system::{self, EnsureSignedBy},
	sp_io::TestExternalities,
	sp_runtime::BuildStorage,
	staging_xcm::latest::{prelude::*, Location},
};

type Block = frame_system::mocking::MockBlock<Test>;

#[polkadot_sdk::frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeTask,
		RuntimeHoldReason,
		RuntimeFreezeReason
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type XcmVerifier = pallet_xcm_verifier;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type BlockHashCount = ConstU64<250>;
}

/// The allowed sibling that asks in the tests.
pub const ASKER: u32 = 2000;
/// A sibling not on the allowlist.
pub const UNLISTED: u32 = 2001;
/// Another allowed sibling.
pub const OTHER_ASKER: u32 = 2002;
/// The account standing for the relay chain.
pub const RELAY: u64 = 1;
/// The account standing for an account on the asking chain.
pub const ACCOUNT_ON_ASKER: u64 = 100_000;
/// The account of the admin origin.
pub const ADMIN: u64 = 7;
pub const MAX_ANSWERS: u32 = 3;
/// A sibling's share of a block's answers.
pub const MAX_ANSWERS_PER_SIBLING: u32 = 2;
/// The subject of every anchor and of the consents searched.
pub const SUBJECT: u64 = 11;
/// The lab that attests anchors.
pub const LAB: u64 = 21;
/// The custodian that keeps every dataset.
pub const CUSTODIAN: u64 = 31;
pub const MAX_CONSENTS: u32 = 4;

ord_parameter_types! {
	pub const Admin: u64 = ADMIN;
}

impl pallet_xcm_verifier::Config for Test {
	type XcmOrigin = EnsureLocation;
	type Anchors = MockFacts;
	type Consents = MockFacts;
	type Tombstones = MockFacts;
	type MaxConsentsPerSubject = ConstU32<MAX_CONSENTS>;
	type XcmSender = MockRouter;
	type XcmExecutor = MockExecutor;
	type AdminOrigin = EnsureSignedBy<Admin, u64>;
	type MaxAnswersPerBlock = ConstU32<MAX_ANSWERS>;
	type MaxAnswersPerSiblingPerBlock = ConstU32<MAX_ANSWERS_PER_SIBLING>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockFacts;
	type WeightInfo = ();
}

/// The location a signed account stands for: [`RELAY`] the relay chain, accounts from
/// [`ACCOUNT_ON_ASKER`] an account on [`ASKER`], any other the sibling parachain of that id.
pub fn location_of(account: u64) -> Location {
	match account {
		RELAY => Location::parent(),
		ACCOUNT_ON_ASKER.. => {
			Location::new(1, [Parachain(ASKER), AccountIndex64 { network: None, index: account }])
		}
		para => Location::new(1, [Parachain(para as u32)]),
	}
}

/// The origin of a `Transact` from [`location_of`] a signed account.
pub struct EnsureLocation;
impl EnsureOrigin<RuntimeOrigin> for EnsureLocation {
	type Success = Location;

	fn try_origin(origin: RuntimeOrigin) -> Result<Location, RuntimeOrigin> {
		match origin.clone().into() {
			Ok(frame_system::RawOrigin::Signed(account)) => Ok(location_of(account)),
			_ => Err(origin),
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<RuntimeOrigin, ()> {
		Ok(RuntimeOrigin::signed(ASKER.into()))
	}
}

/// An anchor: whether it was superseded, what its proofs establish, and who attested it.
#[derive(Clone)]
struct MockAnchor {
	superseded: bool,
	proven: Result<ProvenFact, AnchorProofRefusal>,
	attestation: Option<Attestation<u64, u64>>,
}
/// A consent search by (grantee, subject, dataset), and what it finds.
type MockConsentSearch = ((u64, u64, DatasetId), Result<ConsentId, AccessRefusal>);

thread_local! {
	static ANCHORS: RefCell<BTreeMap<AnchorId, MockAnchor>> = const { RefCell::new(BTreeMap::new()) };
	static LAB_STANDING: RefCell<Standing> = const { RefCell::new(Standing::Accredited) };
	static CONSENTS: RefCell<Vec<MockConsentSearch>> = const { RefCell::new(Vec::new()) };
	static TOMBSTONES: RefCell<Vec<(RecordRef<u64>, Tombstone<u64>)>> =
		const { RefCell::new(Vec::new()) };
}

/// What the tests set the facts to: anchors of [`SUBJECT`] with what their proofs establish and
/// [`LAB`]'s attestations, consents found between a grantee and a subject for a dataset (every
/// dataset kept by [`CUSTODIAN`]), tombstones.
pub struct MockFacts;

impl MockFacts {
	/// An anchor `root`, superseded or not, self-asserted, whose every proof gives `proven`.
	pub fn anchor(
		root: AnchorId,
		superseded: bool,
		proven: Result<ProvenFact, AnchorProofRefusal>,
	) {
		let anchor = MockAnchor { superseded, proven, attestation: None };
		ANCHORS.with(|anchors| anchors.borrow_mut().insert(root, anchor));
	}

	/// [`LAB`] attests anchor `root` at block `at`.
	pub fn attest(root: AnchorId, at: u64) {
		ANCHORS.with(|anchors| {
			if let Some(anchor) = anchors.borrow_mut().get_mut(&root) {
				anchor.attestation = Some(Attestation { lab: LAB, at });
			}
		});
	}

	/// Where [`LAB`]'s accreditation stands from now on.
	pub fn set_lab_standing(standing: Standing) {
		LAB_STANDING.with(|lab| *lab.borrow_mut() = standing);
	}

	/// What a search for a consent of `subject` to `grantee` over `dataset` finds.
	pub fn consent(
		grantee: u64,
		subject: u64,
		dataset: DatasetId,
		found: Result<ConsentId, AccessRefusal>,
	) {
		CONSENTS
			.with(|consents| consents.borrow_mut().insert(0, ((grantee, subject, dataset), found)));
	}

	/// Erases `record`, leaving `tombstone`.
	pub fn redact(record: RecordRef<u64>, tombstone: Tombstone<u64>) {
		TOMBSTONES.with(|tombstones| tombstones.borrow_mut().push((record, tombstone)));
	}

	fn stored(root: &AnchorId) -> Option<MockAnchor> {
		ANCHORS.with(|anchors| anchors.borrow().get(root).cloned())
	}
}

impl AnchorInspect<u64, u64> for MockFacts {
	fn anchor(anchor: &AnchorId) -> Option<Anchor<u64, u64>> {
		let stored = Self::stored(anchor)?;
		Some(Anchor {
			subject: SUBJECT,
			root: *anchor,
			leaf_count: 1,
			assembly: genochain_primitives::fingerprint::Assembly::GRCh38,
			scheme: Default::default(),
			custodian: Some(CUSTODIAN),
			file_digest: None,
			attestation: stored.attestation,
			batch: None,
			previous: None,
			superseded_by: stored.superseded.then(|| AnchorId::repeat_byte(0xee)),
			anchored_at: 0,
		})
	}

	fn verify_variant(
		anchor: &AnchorId,
		_: &VariantProof,
	) -> Result<VariantVerdict<u64, u64>, AnchorProofRefusal> {
		let record = <Self as AnchorInspect<u64, u64>>::anchor(anchor)
			.ok_or(AnchorProofRefusal::UnknownAnchor)?;
		if record.superseded_by.is_some() {
			return Err(AnchorProofRefusal::Superseded);
		}
		let fact = Self::stored(anchor).ok_or(AnchorProofRefusal::UnknownAnchor)?.proven?;
		Ok(VariantVerdict { fact, subject: record.subject, provenance: Self::provenance(&record) })
	}

	fn provenance(anchor: &Anchor<u64, u64>) -> Provenance<u64, u64> {
		match &anchor.attestation {
			Some(Attestation { lab, at }) => Provenance::Attested {
				lab: *lab,
				at: *at,
				standing: LAB_STANDING.with(|standing| *standing.borrow()),
			},
			None => Provenance::SelfAsserted,
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn anchor_for_benchmark(
		_: &u64,
		_: genochain_primitives::fingerprint::Assembly,
		_: &u64,
	) -> AnchorId {
		unimplemented!("the verifier's benchmarks set up anchors through its BenchmarkHelper")
	}
}

impl ConsentInspect<u64> for MockFacts {
	fn check_access(
		_: ConsentId,
		_: &u64,
		_: &DatasetId,
		_: DataCategory,
		_: &RequestedUse,
	) -> Result<(), AccessRefusal> {
		unimplemented!("the verifier only searches consents")
	}

	fn find_consent(
		accessor: &u64,
		subject: &u64,
		dataset: &DatasetId,
		_: DataCategory,
		_: &RequestedUse,
		custodian: Option<&u64>,
	) -> Result<ConsentId, AccessRefusal> {
		if custodian.is_some_and(|custodian| *custodian != CUSTODIAN) {
			return Err(AccessRefusal::NotTheDatasetsCustodian);
		}
		let search = (*accessor, *subject, *dataset);
		CONSENTS
			.with(|consents| {
				consents.borrow().iter().find(|(key, _)| *key == search).map(|(_, found)| *found)
			})
			.unwrap_or(Err(AccessRefusal::ConsentNotFound))
	}

	/// The consents searched for the subject stand for its consents.
	fn consent_count(subject: &u64) -> u32 {
		CONSENTS.with(|consents| {
			consents.borrow().iter().filter(|((_, of, _), _)| of == subject).count() as u32
		})
	}
}

impl TombstoneInspect<u64, u64> for MockFacts {
	fn tombstone(record: &RecordRef<u64>) -> Option<Tombstone<u64>> {
		TOMBSTONES.with(|tombstones| {
			tombstones.borrow().iter().find(|(r, _)| r == record).map(|(_, t)| t.clone())
		})
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64, RuntimeOrigin> for MockFacts {
	fn prepare_sibling(_: u32) {}

	fn sibling_origin(para: u32) -> RuntimeOrigin {
		RuntimeOrigin::signed(para.into())
	}

	fn anchor_exists() -> genochain_primitives::verification::VerifyRequest<u64> {
		let anchor = AnchorId::repeat_byte(1);
		Self::anchor(anchor, false, Err(AnchorProofRefusal::UnknownAnchor));
		Self::attest(anchor, 1);
		genochain_primitives::verification::VerifyRequest::AnchorExists {
			anchor,
			require: genochain_primitives::verification::ProvenanceRequirement::Attested,
		}
	}

	fn variant() -> genochain_primitives::verification::VerifyRequest<u64> {
		crate::tests::variant_request(AnchorId::repeat_byte(2))
	}

	fn consent(consents: u32) -> genochain_primitives::verification::VerifyRequest<u64> {
		for dataset in 1..consents {
			Self::consent(99, SUBJECT, AnchorId::repeat_byte(dataset as u8), Ok(1));
		}
		crate::tests::consent_request(AnchorId::repeat_byte(0xff))
	}

	fn not_redacted() -> genochain_primitives::verification::VerifyRequest<u64> {
		genochain_primitives::verification::VerifyRequest::NotRedacted {
			record: RecordRef::Study(1),
		}
	}
}

/// Externalities with [`ASKER`] and [`OTHER_ASKER`] allowed, at block 1.
pub fn new_test_ext() -> TestExternalities {
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		xcm_verifier: pallet_xcm_verifier::GenesisConfig {
			allowed_siblings: alloc::vec![ASKER, OTHER_ASKER],
			..Default::default()
		},
	}
	.build_storage()
	.expect("the mock genesis builds");
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
