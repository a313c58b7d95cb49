//! A runtime with System, Balances and the redaction pallet over stand-in records: the tests put
//! records of subjects, and the recipients of their data, in [`MockRecords`] (the runtime's tests
//! use the real pallets). Accreditation is a plain map.

use crate as pallet_redaction;
use alloc::{vec, vec::Vec};
use codec::Encode;
use genochain_primitives::redaction::{Erasure, RecordKind, RecordRef, Redactable, RedactionError};
pub use genochain_test_utils::MapAccreditation;
use polkadot_sdk::{
	frame_support::{
		derive_impl, ord_parameter_types, parameter_types,
		storage::unhashed,
		traits::{ConstU32, ConstU64, LinearStoragePrice},
		weights::Weight,
	},
	frame_system::{self, EnsureSignedBy},
	pallet_balances,
	sp_io::TestExternalities,
	sp_runtime::{BuildStorage, DispatchError},
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
	pub type Redaction = pallet_redaction;
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

pub const SUBJECT: u64 = 1;
pub const REQUESTER: u64 = 2;
pub const CUSTODIAN: u64 = 3;
pub const OTHER_CUSTODIAN: u64 = 4;
pub const ETHICS: u64 = 5;
pub const POOR: u64 = 6;
pub const TREASURY: u64 = 99;
/// What the treasury, the storage fund, starts with.
pub const FUND: u64 = 100_000;
/// Storage costs 10 per item and 1 per byte.
pub type StoragePrice = LinearStoragePrice<ConstU64<10>, ConstU64<1>, u64>;
pub const INITIAL_BALANCE: u64 = 1_000_000;
pub const EXISTENTIAL_DEPOSIT: u64 = 10;
pub const DEPOSIT: u64 = 500;
pub const DELAY: u64 = 7;
pub const MAX_ERASURES: u32 = 3;
pub const MAX_RECIPIENTS: u32 = 2;
/// Blocks the parties of an erasure case have to confirm.
pub const CONFIRMATION_PERIOD: u64 = 20;
/// Received a subject's data.
pub const RESEARCHER: u64 = 7;

parameter_types! {
	pub const Treasury: u64 = TREASURY;
}

ord_parameter_types! {
	pub const EthicsCommittee: u64 = ETHICS;
}

impl pallet_redaction::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Records = MockRecords;
	type Accreditation = MapAccreditation;
	type CommitteeOrigin = EnsureSignedBy<EthicsCommittee, u64>;
	type Treasury = Treasury;
	type StoragePrice = StoragePrice;
	type RequestDeposit = ConstU64<DEPOSIT>;
	type EnactmentDelay = ConstU64<DELAY>;
	type MaxErasuresPerCall = ConstU32<MAX_ERASURES>;
	type MaxCustodiansPerCase = ConstU32<MAX_ERASURES>;
	type MaxRecipientsPerCase = ConstU32<MAX_RECIPIENTS>;
	type ConfirmationPeriod = ConstU64<CONFIRMATION_PERIOD>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockRecords;
	type WeightInfo = ();
}

/// A record kept by [`MockRecords`].
#[derive(Encode, codec::Decode, Clone, Copy)]
pub struct Kept {
	pub subject: u64,
	pub custodians: (Option<u64>, Option<u64>),
	/// A delivery owed on it: kept by erasure (retained), and a study owing one is not erased.
	pub owed: bool,
}

/// Records of every kind but batches, in storage so a failed call leaves them untouched.
pub struct MockRecords;

impl MockRecords {
	fn record_key(record: &RecordRef<u64>) -> Vec<u8> {
		(b"mock:record", record).encode()
	}

	fn index_key(subject: u64) -> Vec<u8> {
		(b"mock:subject", subject).encode()
	}

	fn recipients_key(subject: u64) -> Vec<u8> {
		(b"mock:recipients", subject).encode()
	}

	/// Records that `subject`'s data was released to `recipient`.
	pub fn add_recipient(subject: u64, recipient: u64) {
		let mut recipients: Vec<u64> =
			unhashed::get(&Self::recipients_key(subject)).unwrap_or_default();
		recipients.push(recipient);
		unhashed::put(&Self::recipients_key(subject), &recipients);
	}

	/// The subject's records, oldest first.
	pub fn of(subject: u64) -> Vec<RecordRef<u64>> {
		unhashed::get(&Self::index_key(subject)).unwrap_or_default()
	}

	/// Keeps `record` of `subject`.
	pub fn add(subject: u64, record: RecordRef<u64>, custodian: Option<u64>, owed: bool) {
		unhashed::put(
			&Self::record_key(&record),
			&Kept { subject, custodians: (custodian, None), owed },
		);
		let mut index = Self::of(subject);
		index.push(record);
		unhashed::put(&Self::index_key(subject), &index);
	}

	/// Names a second custodian of `record`.
	pub fn add_custodian(record: &RecordRef<u64>, custodian: u64) {
		let mut kept: Kept = unhashed::get(&Self::record_key(record)).expect("kept");
		kept.custodians.1 = Some(custodian);
		unhashed::put(&Self::record_key(record), &kept);
	}

	/// Whether `record` is still kept.
	pub fn contains_record(record: &RecordRef<u64>) -> bool {
		<Self as Redactable<u64>>::contains(record)
	}

	/// Settles what is owed on `record`.
	pub fn settle(record: &RecordRef<u64>) {
		let mut kept: Kept = unhashed::get(&Self::record_key(record)).expect("kept");
		kept.owed = false;
		unhashed::put(&Self::record_key(record), &kept);
	}
}

impl Redactable<u64> for MockRecords {
	fn owns(kind: RecordKind) -> bool {
		kind != RecordKind::Batch
	}

	fn contains(record: &RecordRef<u64>) -> bool {
		unhashed::exists(&Self::record_key(record))
	}

	fn erase(record: &RecordRef<u64>) -> Result<Erasure<u64>, RedactionError> {
		if !Self::owns(record.kind()) {
			return Err(RedactionError::NotOwned);
		}
		let kept: Kept =
			unhashed::get(&Self::record_key(record)).ok_or(RedactionError::NotFound)?;
		let mut erasure = Erasure::none();
		if kept.owed {
			if record.kind() == RecordKind::Study {
				return Err(RedactionError::Failed(DispatchError::Other("owes deliveries")));
			}
			erasure.retained.push(record.clone());
			return Ok(erasure);
		}
		unhashed::kill(&Self::record_key(record));
		let index: Vec<_> = Self::of(kept.subject).into_iter().filter(|r| r != record).collect();
		unhashed::put(&Self::index_key(kept.subject), &index);
		erasure.records.push(record.clone());
		erasure.custodians.extend(kept.custodians.0);
		erasure.custodians.extend(kept.custodians.1);
		Ok(erasure)
	}

	/// Names the subject's recipients once, as the consent pallet does.
	fn erase_subject(subject: &u64, limit: u32) -> Result<Erasure<u64>, DispatchError> {
		let mut erasure = Erasure {
			recipients: unhashed::take(&Self::recipients_key(*subject)).unwrap_or_default(),
			..Erasure::none()
		};
		for record in Self::of(*subject) {
			if erasure.records.len() >= limit as usize {
				erasure.incomplete = true;
				break;
			}
			erasure.merge(Self::erase(&record).map_err(|_| DispatchError::Other("erase"))?);
		}
		Ok(erasure)
	}

	fn erase_weight(kind: RecordKind) -> Weight {
		Weight::from_parts(if kind == RecordKind::Study { 1_000 } else { 100 }, 0)
	}

	fn erase_subject_weight(limit: u32) -> Weight {
		Weight::from_parts(100 * u64::from(limit), 0)
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for MockRecords {
	fn record(subject: &u64, index: u32, custodian: &u64) -> RecordRef<u64> {
		let record = RecordRef::Consent(index.into());
		Self::add(*subject, record.clone(), Some(*custodian), false);
		record
	}

	fn recipients(subject: &u64, recipients: &[u64]) {
		for recipient in recipients {
			Self::add_recipient(*subject, *recipient);
		}
	}
}

pub fn new_test_ext() -> TestExternalities {
	let mut storage =
		frame_system::GenesisConfig::<Test>::default().build_storage().expect("builds");
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![
			(SUBJECT, INITIAL_BALANCE),
			(REQUESTER, INITIAL_BALANCE),
			(CUSTODIAN, INITIAL_BALANCE),
			(OTHER_CUSTODIAN, INITIAL_BALANCE),
			(ETHICS, INITIAL_BALANCE),
			(POOR, DEPOSIT / 2),
			(TREASURY, FUND),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.expect("balances");
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
