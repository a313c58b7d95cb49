//! Accreditation roles and the terms of a consent, as the registry, the consent pallet, the market
//! and the runtime API share them. Field meanings map onto HL7 FHIR R5 Consent (noted per field).

use crate::duo::{DuoPurpose, UseRefusal};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{
	sp_core::{ConstU32, H256},
	sp_runtime::{BoundedBTreeSet, BoundedVec},
};
use scale_info::TypeInfo;

/// What an accredited organisation may do.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum Role {
	/// Sequences samples and attests genome fingerprints.
	Lab,
	/// Stores the encrypted data and records every access to it.
	Custodian,
	/// Runs studies and receives data under consent.
	Researcher,
}

/// Where an organisation's accreditation for a role stands now.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum Standing {
	/// Accredited for the role and not suspended.
	Accredited,
	/// Accredited for the role, but suspended by governance.
	Suspended,
	/// Not (or no longer) accredited for the role.
	NotAccredited,
}

/// Identifies a consent record.
pub type ConsentId = u64;

/// Identifies one dataset of a data subject: a genome anchor or the custodian's accession, as a
/// hash, never as a name or a sample id.
pub type DatasetId = H256;

/// Who a dataset belongs to and who keeps it: a genome anchor's subject and custodian, or the
/// subject a custodian registered an accession for (and who confirmed it) and that custodian.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct DatasetKeeping<AccountId> {
	/// Whose data: the only subject whose consents may name it.
	pub subject: AccountId,
	/// The accredited custodian that keeps it and alone records accesses to it, if any.
	pub custodian: Option<AccountId>,
}

/// The hash of the signed consent document, which stays with the custodian
/// (FHIR `Consent.sourceAttachment`).
pub type DocumentHash = H256;

/// A kind of data a consent may cover (FHIR `provision.class`).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum DataCategory {
	/// Called variants (VCF).
	Variants,
	/// Raw or aligned sequence reads (FASTQ, BAM, CRAM).
	SequenceReads,
	/// Expression and other transcriptomic data.
	Transcriptome,
	/// Phenotypes and traits.
	Phenotype,
	/// Clinical records: diagnoses, treatments, outcomes.
	Clinical,
	/// Medical images.
	Imaging,
}

/// The number of [`DataCategory`] variants: a scope lists each at most once.
pub const DATA_CATEGORIES: u32 = 6;

/// Which data of the subject a consent covers.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
)]
pub enum DataScope {
	/// One dataset only (FHIR `provision.data`).
	Dataset(DatasetId),
	/// Every dataset of the subject, present and future.
	AllData,
}

/// A consent's scope: which datasets and which kinds of data in them.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
)]
pub struct Scope {
	/// Which datasets.
	pub data: DataScope,
	/// Which kinds of data; at least one.
	pub categories: BoundedBTreeSet<DataCategory, ConstU32<DATA_CATEGORIES>>,
}

impl Scope {
	/// Whether the scope covers `category` of dataset `dataset`.
	pub fn covers(
		&self,
		dataset: &DatasetId,
		category: &DataCategory,
	) -> Result<(), AccessRefusal> {
		match &self.data {
			DataScope::Dataset(covered) if covered != dataset => {
				Err(AccessRefusal::DatasetNotCovered)
			}
			_ if !self.categories.contains(category) => Err(AccessRefusal::CategoryNotCovered),
			_ => Ok(()),
		}
	}
}

/// Who a consent lets use the data (FHIR `provision.actor` with role grantee).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
)]
pub enum Grantee<AccountId> {
	/// This account only.
	Account(AccountId),
	/// Any organisation accredited as a researcher at the time of the access.
	AnyAccreditedResearcher,
}

/// At most this many accounts besides the ethics committee must approve one consent.
pub const MAX_APPROVERS: u32 = 4;

/// Someone whose approval a consent needs before it is active (FHIR `Consent.verification`).
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub enum Approver<AccountId> {
	/// An account: a guardian, a physician, a data access committee's account.
	Account(AccountId),
	/// The ethics committee, by a motion; required whenever the purpose carries IRB.
	EthicsCommittee,
}

/// What a data subject consents to: everything of a consent that the subject chooses.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
)]
pub struct ConsentTerms<AccountId, BlockNumber> {
	/// Who may use the data.
	pub grantee: Grantee<AccountId>,
	/// Which data.
	pub scope: Scope,
	/// For what (FHIR `provision.purpose`).
	pub purpose: DuoPurpose,
	/// First block at which the consent may be used (FHIR `Consent.period.start`).
	pub valid_from: BlockNumber,
	/// Last block at which the consent may be used, if it ends (FHIR `Consent.period.end`).
	/// Expiry needs no transaction: from the next block on, every access is refused.
	pub valid_until: Option<BlockNumber>,
	/// Hash of the signed consent document.
	pub document_hash: DocumentHash,
	/// Accounts whose approval the consent asks for before it is active (a guardian, a physician,
	/// a data access committee's account), each listed once.
	pub approvers: BoundedVec<AccountId, ConstU32<MAX_APPROVERS>>,
	/// How many of `approvers` must approve: from 1 to their number, or 0 without approvers. The
	/// ethics committee's approval, when the purpose carries IRB, is needed besides and cannot be
	/// outvoted.
	pub approval_threshold: u32,
}

/// Why an access was refused.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum AccessRefusal {
	/// No such consent, or no consent of the subject covers the access.
	ConsentNotFound,
	/// The consent still waits for approvals.
	NotYetApproved,
	/// The consent's validity has not begun.
	NotYetValid,
	/// The consent's validity has ended.
	Expired,
	/// The subject revoked the consent.
	Revoked,
	/// The consent names another grantee.
	NotTheGrantee,
	/// The consent is for accredited researchers and the accessor is not one.
	NotAnAccreditedResearcher,
	/// The consent covers another dataset.
	DatasetNotCovered,
	/// No anchor and no confirmed accession has this dataset id.
	UnknownDataset,
	/// The dataset belongs to another subject than the consent's.
	DatasetNotOfSubject,
	/// The consent does not cover this kind of data.
	CategoryNotCovered,
	/// The consented purpose does not permit the use.
	UseNotPermitted(UseRefusal),
	/// The dataset was erased (its subject's erasure or a committee's redaction).
	Redacted,
	/// The custodian named does not keep the dataset, so it may not release it.
	NotTheDatasetsCustodian,
}

/// Where a consent stands at a given block.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum ConsentState {
	/// Waits for approvals.
	PendingApproval,
	/// Approved; its validity has not begun.
	NotYetValid,
	/// In force: accesses it permits are recorded.
	Active,
	/// Its validity has ended.
	Expired,
	/// Revoked by the subject.
	Revoked,
}

/// A consent as wallets and apps see it (the `ConsentApi` runtime API).
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct ConsentView<AccountId, BlockNumber> {
	/// The consent's id.
	pub id: ConsentId,
	/// Whose data.
	pub subject: AccountId,
	/// What the subject consented to.
	pub terms: ConsentTerms<AccountId, BlockNumber>,
	/// Where it stands now.
	pub state: ConsentState,
	/// Approvers who have not answered yet, while the consent waits for approvals.
	pub pending_approvals: alloc::vec::Vec<Approver<AccountId>>,
	/// Approvers who approved.
	pub approved_by: alloc::vec::Vec<Approver<AccountId>>,
	/// Approvers who refused, while the others can still reach the threshold.
	pub rejected_by: alloc::vec::Vec<Approver<AccountId>>,
	/// Accesses recorded under it.
	pub accesses: u32,
	/// The running hash over every recorded access.
	pub access_log: H256,
}
