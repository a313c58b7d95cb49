//! A runtime with System, Balances and the market; accreditation, anchors and consents are
//! stand-ins the tests set up (the runtime's tests use the real pallets).

use crate as pallet_data_market;
use genochain_primitives::{
	anchor::{Anchor, AnchorId, ProvenanceRequirement},
	consent::{DataCategory, Role},
	duo::{DuoPermission, DuoPurpose},
	fingerprint::Assembly,
	market::StudyTerms,
};
pub use genochain_test_utils::{MapAccreditation, MapAnchors, MapConsents, MapTombstones};
use polkadot_sdk::{
	frame_support::{
		derive_impl, ord_parameter_types, parameter_types,
		traits::{fungible::HoldConsideration, ConstU32, ConstU64, LinearStoragePrice},
		weights::Weight,
	},
	frame_system::{self, EnsureRoot, EnsureSignedBy},
	pallet_balances,
	sp_core::H256,
	sp_io::TestExternalities,
	sp_runtime::{BoundedBTreeSet, BuildStorage, Permill},
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
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type DataMarket = pallet_data_market;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type BlockHashCount = ConstU64<250>;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ExistentialDeposit = ConstU64<EXISTENTIAL_DEPOSIT>;
}

pub const RESEARCHER: u64 = 1;
pub const CONTRIBUTOR: u64 = 2;
pub const OTHER_CONTRIBUTOR: u64 = 3;
pub const THIRD_CONTRIBUTOR: u64 = 4;
pub const CUSTODIAN: u64 = 5;
pub const OTHER_CUSTODIAN: u64 = 6;
/// A member of the ethics committee, which the mock reduces to one account.
pub const ETHICS: u64 = 7;
/// Accredited as a researcher, with little money.
pub const POOR_RESEARCHER: u64 = 8;
/// A lab, accredited by the tests that need one.
pub const LAB: u64 = 9;
pub const TREASURY: u64 = 99;
pub const INITIAL_BALANCE: u64 = 1_000_000;
pub const EXISTENTIAL_DEPOSIT: u64 = 10;
/// The study deposit: 1 plus 1 per byte of the record and its slots.
pub type DepositPrice = LinearStoragePrice<ConstU64<1>, ConstU64<1>, u64>;

parameter_types! {
	pub const StudyDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::DataMarket(pallet_data_market::HoldReason::StudyDeposit);
	pub const ParticipationReason: RuntimeHoldReason =
		RuntimeHoldReason::DataMarket(pallet_data_market::HoldReason::Participation);
	pub const DisputeBond: Permill = Permill::from_percent(20);
	pub const Treasury: u64 = TREASURY;
	pub const MarketFee: Permill = Permill::from_percent(10);
}

ord_parameter_types! {
	pub const EthicsCommittee: u64 = ETHICS;
}

impl pallet_data_market::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type StudyDeposit = HoldConsideration<u64, Balances, StudyDepositReason, DepositPrice>;
	type ParticipationDeposit = HoldConsideration<u64, Balances, ParticipationReason, DepositPrice>;
	type Accreditation = MapAccreditation;
	type Anchors = MapAnchors;
	type Consents = MapConsents<Test>;
	type TombstoneFund = MapTombstones;
	type DisputeOrigin = EnsureSignedBy<EthicsCommittee, u64>;
	type GovernanceOrigin = EnsureRoot<u64>;
	type Treasury = Treasury;
	type MarketFee = MarketFee;
	type DefaultDisputeWindow = ConstU64<DISPUTE_WINDOW>;
	type DisputeBond = DisputeBond;
	type DisputeDeadline = ConstU64<DISPUTE_DEADLINE>;
	type MaxContributors = ConstU32<10>;
	type MaxEnrolmentsPerContributor = ConstU32<3>;
	type MaxPayoutsPerBlock = ConstU32<4>;
	type WeightInfo = MockWeights;
}

/// Calls weigh nothing; `on_idle` weighs 1 plus 10 per payout, so tests can cut it short.
pub struct MockWeights;
impl crate::WeightInfo for MockWeights {
	fn create_study() -> Weight {
		Weight::zero()
	}
	fn enroll() -> Weight {
		Weight::zero()
	}
	fn withdraw() -> Weight {
		Weight::zero()
	}
	fn confirm_delivery() -> Weight {
		Weight::zero()
	}
	fn dispute() -> Weight {
		Weight::zero()
	}
	fn resolve_dispute_pay() -> Weight {
		Weight::zero()
	}
	fn resolve_dispute_refund() -> Weight {
		Weight::zero()
	}
	fn close_study(_: u32) -> Weight {
		Weight::zero()
	}
	fn settle_payout() -> Weight {
		Weight::zero()
	}
	fn settle_lapsed() -> Weight {
		Weight::zero()
	}
	fn settle_undecided_dispute() -> Weight {
		Weight::zero()
	}
	fn release_participation() -> Weight {
		Weight::zero()
	}
	fn set_dispute_window() -> Weight {
		Weight::zero()
	}
	fn erase_enrolments(_: u32) -> Weight {
		Weight::zero()
	}
	fn erase_study(_: u32) -> Weight {
		Weight::zero()
	}
	fn on_idle_payouts(n: u32) -> Weight {
		Weight::from_parts(10u64.saturating_mul(n.into()).saturating_add(1), 0)
	}
}

pub const DISPUTE_WINDOW: u64 = 5;
/// Blocks the committee has to decide a dispute.
pub const DISPUTE_DEADLINE: u64 = 15;
/// A contributor's deposit for a note of taking part: 1 plus 1 per byte of its key and ticket.
pub const PARTICIPATION_DEPOSIT: u64 = 1 + 8 + 4 + 8;
/// The researcher's bond for a dispute: 20% of the reward.
pub const BOND: u64 = 200;
pub const REWARD: u64 = 1_000;
/// 10% of the reward.
pub const FEE: u64 = 100;
pub const DEADLINE: u64 = 20;
pub const DELIVERY_WINDOW: u64 = 10;

/// Terms of a study of `slots` contributors on GRCh38 variants for health research.
pub fn terms(slots: u32) -> StudyTerms<u64, u64> {
	let mut categories = BoundedBTreeSet::new();
	categories.try_insert(DataCategory::Variants).expect("one category fits");
	StudyTerms {
		purpose: DuoPurpose::new(DuoPermission::HealthMedicalBiomedical),
		categories,
		assembly: Assembly::GRCh38,
		reward: REWARD,
		max_contributors: slots,
		enrolment_deadline: DEADLINE,
		delivery_window: DELIVERY_WINDOW,
		protocol: H256::repeat_byte(0x70),
		provenance: ProvenanceRequirement::Any,
	}
}

/// The root of `subject`'s GRCh38 genome kept by CUSTODIAN, anchored by [`new_test_ext`].
pub fn genome_of(subject: u64) -> AnchorId {
	H256::from_low_u64_be(subject)
}

/// Anchors a genome of `subject` under `root`.
pub fn anchor(root: AnchorId, subject: u64, assembly: Assembly, custodian: Option<u64>) {
	MapAnchors::insert(
		root,
		Anchor::<u64, u64> {
			subject,
			root,
			leaf_count: 1,
			assembly,
			scheme: Default::default(),
			custodian,
			file_digest: None,
			attestation: None,
			batch: None,
			previous: None,
			superseded_by: None,
			anchored_at: 1,
		},
	);
}

pub fn new_test_ext() -> TestExternalities {
	let storage = RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig {
			balances: [RESEARCHER, CONTRIBUTOR, OTHER_CONTRIBUTOR, THIRD_CONTRIBUTOR, CUSTODIAN]
				.into_iter()
				.map(|who| (who, INITIAL_BALANCE))
				.chain([(POOR_RESEARCHER, 6_000)])
				.collect(),
			..Default::default()
		},
		..Default::default()
	}
	.build_storage()
	.expect("the genesis of the mock builds");
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		MapAccreditation::set(RESEARCHER, Role::Researcher, true);
		MapAccreditation::set(POOR_RESEARCHER, Role::Researcher, true);
		MapAccreditation::set(CUSTODIAN, Role::Custodian, true);
		MapAccreditation::set(OTHER_CUSTODIAN, Role::Custodian, true);
		for subject in [CONTRIBUTOR, OTHER_CONTRIBUTOR, THIRD_CONTRIBUTOR] {
			anchor(genome_of(subject), subject, Assembly::GRCh38, Some(CUSTODIAN));
		}
	});
	ext
}
