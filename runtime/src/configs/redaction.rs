use super::{collective::EthicsCommitteeInstance, StorageDeposit, TreasuryAccount};
use crate::{
	time::DAYS, AccountId, Balance, Balances, BlockNumber, Consent, DataMarket, GenomeAnchor,
	Registry, Runtime, RuntimeHoldReason,
};
use genochain_primitives::currency::GENE;
use polkadot_sdk::{
	frame_support::{parameter_types, traits::ConstU32},
	pallet_collective,
};

parameter_types! {
	/// Well above the storage a request takes: a requester puts something at stake, which they
	/// lose if the committee rejects the request as groundless.
	pub const RequestDeposit: Balance = 10 * GENE;
	/// Two days between approval and enactment, for the requester, the record's owner or the
	/// committee itself to object and cancel.
	pub const EnactmentDelay: BlockNumber = 2 * DAYS;
	/// A month for custodians and researchers to delete erased data and confirm it: GDPR asks
	/// for erasure without undue delay, and at most a month to answer the subject.
	pub const ConfirmationPeriod: BlockNumber = 30 * DAYS;
}

/// Two thirds of the ethics committee: removing others' records needs more than a majority.
pub type EthicsCommitteeTwoThirds =
	pallet_collective::EnsureProportionAtLeast<AccountId, EthicsCommitteeInstance, 2, 3>;

impl pallet_redaction::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// The market first: withdrawing an enrolment revokes its consent, which the consent pallet
	/// then erases; the anchors last, as enrolments and consents name them.
	type Records = (DataMarket, Consent, GenomeAnchor);
	type Accreditation = Registry;
	type CommitteeOrigin = EthicsCommitteeTwoThirds;
	/// The treasury is the storage fund: records pay into it when created, and it holds the
	/// deposits of the tombstones and erasure cases erasures leave.
	type Treasury = TreasuryAccount;
	/// As every other deposit.
	type StoragePrice = StorageDeposit;
	type RequestDeposit = RequestDeposit;
	type EnactmentDelay = EnactmentDelay;
	/// As many as a subject may have anchors: one call erases all of them, each with its
	/// custodian, and a subject with every record possible (an earnings total, 32 enrolments, 128
	/// consents, 32 anchors) is done in seven calls.
	type MaxErasuresPerCall = ConstU32<32>;
	type MaxCustodiansPerCase = ConstU32<32>;
	/// Every recipient the consent pallet keeps for one subject.
	type MaxRecipientsPerCase = super::consent::MaxRecipientsPerSubject;
	type ConfirmationPeriod = ConfirmationPeriod;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = AnchorsForBenchmarks;
	type WeightInfo = pallet_redaction::weights::SubstrateWeight<Runtime>;
}

/// Records for the redaction benchmarks: anchors of a funded subject, each kept by an accredited
/// custodian.
#[cfg(feature = "runtime-benchmarks")]
pub struct AnchorsForBenchmarks;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_redaction::BenchmarkHelper<AccountId> for AnchorsForBenchmarks {
	fn record(
		subject: &AccountId,
		_index: u32,
		custodian: &AccountId,
	) -> genochain_primitives::redaction::RecordRef<AccountId> {
		use genochain_primitives::{
			consent::Role,
			fingerprint::Assembly,
			redaction::RecordRef,
			traits::{Accreditation, AnchorInspect},
		};
		use polkadot_sdk::frame_support::traits::fungible::Mutate;
		let _ = Balances::mint_into(subject, 10 * GENE);
		crate::Registry::accredit_for_benchmark(custodian, Role::Custodian);
		RecordRef::Anchor(GenomeAnchor::anchor_for_benchmark(subject, Assembly::GRCh38, custodian))
	}

	fn recipients(subject: &AccountId, recipients: &[AccountId]) {
		pallet_consent::Recipients::<Runtime>::insert(
			subject,
			polkadot_sdk::frame_support::BoundedVec::truncate_from(recipients.to_vec()),
		);
	}
}
