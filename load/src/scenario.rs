//! The scenarios: what each measures, what it sets up first (not measured), and the
//! transactions it signs ahead.
//!
//! Every run derives fresh accounts from its own seed (`//load-<unix time>` unless told), so a
//! run starts from nothing of an earlier one's, and the per-account limits of the runtime
//! (anchors, consents, enrolments) are checked before anything is submitted:
//!
//! | scenario | set up first | measured |
//! | --- | --- | --- |
//! | transfers | subjects funded | `Balances.transfer_keep_alive` between subjects |
//! | grants | subjects funded | `Consent.grant` by subjects, to the researcher |
//! | accesses | custodians accredited (sudo), each subject's anchor kept by one and its consent | `Consent.record_access` by the custodians |
//! | anchors | subjects funded | `GenomeAnchor.anchor` by subjects |
//! | enrolments | each subject's anchor, studies of the researcher | `DataMarket.enroll` by subjects |
//! | mixed | all of the above | a consortium's day: of every 20 transactions, 8 accesses, 4 grants, 4 transfers, 2 anchors, 2 enrolments |

use crate::{
	chain::{self, AccountId, AtBlock, EncodedCall, Node},
	engine::{self, Pace, Prepared, Run},
	LoadError,
};
use codec::{Compact, Decode, Encode};
use genochain_primitives::{
	anchor::{anchor_id, AnchorId, ProvenanceRequirement},
	consent::{ConsentId, ConsentTerms, DataCategory, DataScope, Grantee, Role, Scope},
	currency::MILLIGENE,
	duo::{DuoPermission, DuoPurpose, RequestedUse},
	fingerprint::{Assembly, Scheme},
	market::{StudyId, StudyTerms},
	Balance, Hash as H256,
};
use polkadot_sdk::sp_crypto_hashing::blake2_256;
use std::{collections::HashMap, time::Duration};
use subxt_signer::sr25519::Keypair;

mod populate;
pub use populate::{populate, Populated, Population, Prices};

/// What a scenario measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Scenario {
	Transfers,
	Grants,
	Accesses,
	Anchors,
	Enrolments,
	Mixed,
}

impl Scenario {
	pub const ALL: [Scenario; 6] = [
		Scenario::Transfers,
		Scenario::Grants,
		Scenario::Accesses,
		Scenario::Anchors,
		Scenario::Enrolments,
		Scenario::Mixed,
	];

	pub fn name(self) -> &'static str {
		match self {
			Scenario::Transfers => "transfers",
			Scenario::Grants => "grants",
			Scenario::Accesses => "accesses",
			Scenario::Anchors => "anchors",
			Scenario::Enrolments => "enrolments",
			Scenario::Mixed => "mixed",
		}
	}

	/// The calls it measures, in the proportions it makes them (out of 20).
	fn mix(self) -> &'static [(Kind, usize)] {
		match self {
			Scenario::Transfers => &[(Kind::Transfer, 20)],
			Scenario::Grants => &[(Kind::Grant, 20)],
			Scenario::Accesses => &[(Kind::Access, 20)],
			Scenario::Anchors => &[(Kind::Anchor, 20)],
			Scenario::Enrolments => &[(Kind::Enrolment, 20)],
			Scenario::Mixed => &[
				(Kind::Access, 8),
				(Kind::Grant, 4),
				(Kind::Transfer, 4),
				(Kind::Anchor, 2),
				(Kind::Enrolment, 2),
			],
		}
	}
}

/// A call a scenario measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
	Transfer,
	Grant,
	Access,
	Anchor,
	Enrolment,
}

impl Kind {
	fn call(self) -> &'static str {
		match self {
			Kind::Transfer => "Balances.transfer_keep_alive",
			Kind::Grant => "Consent.grant",
			Kind::Access => "Consent.record_access",
			Kind::Anchor => "GenomeAnchor.anchor",
			Kind::Enrolment => "DataMarket.enroll",
		}
	}
}

/// How a run is made.
#[derive(Clone, Debug)]
pub struct Plan {
	/// Transactions measured per scenario.
	pub count: usize,
	/// Data subjects (contributors).
	pub subjects: usize,
	/// Custodians recording accesses.
	pub custodians: usize,
	pub pace: Pace,
	/// How long each phase (a setup step, a scenario) may take.
	pub limit: Duration,
	/// The secret URI the run's accounts derive from (`SEED//subject//N`, `SEED//custodian//N`).
	pub seed: String,
	/// The account that funds the run's accounts and, through `Sudo`, accredits its custodians.
	pub sudo: String,
	/// An accredited researcher: the grantee of the consents and the studies' researcher.
	pub researcher: String,
	/// What each subject and custodian is given.
	pub endowment: Balance,
}

/// What a run is doing, as it goes.
#[derive(Clone, Debug)]
pub enum Step {
	/// Setting up, not measured: what.
	Setup(String),
	/// Signing a scenario's transactions.
	Signing { scenario: Scenario, count: usize },
	/// Submitting them and following them into blocks.
	Measuring { scenario: Scenario, pace: Pace },
}

impl std::fmt::Display for Step {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		match self {
			Step::Setup(what) => write!(f, "setup: {what}"),
			Step::Signing { scenario, count } => {
				write!(f, "{}: signing {count} transactions", scenario.name())
			}
			Step::Measuring { scenario, pace } => {
				write!(f, "{}: submitting ({pace:?})", scenario.name())
			}
		}
	}
}

/// A scenario's figures: the run of its measured transactions.
pub struct Measured {
	pub scenario: Scenario,
	pub run: Run,
}

/// Transfers from the sudo account in one `Utility.batch_all` at most.
const FUNDING_BATCH: usize = 200;
/// Accreditations in one `Sudo.sudo(Utility.batch_all(…))` at most.
const ACCREDITATION_BATCH: usize = 100;
/// Variants in the anchors the load makes (any positive number).
const LEAF_COUNT: u32 = 1_000;

/// The accounts and records a run works with.
struct World {
	node: Node,
	/// The run's seed (`Plan::seed`).
	seed: String,
	at: AtBlock,
	sudo: Keypair,
	researcher: Keypair,
	subjects: Vec<Keypair>,
	custodians: Vec<Keypair>,
	/// Each subject's anchor made by the setup, kept by `custodians[i % len]`.
	anchors: Vec<AnchorId>,
	/// Each subject's consent to the researcher for that anchor.
	consents: Vec<ConsentId>,
	/// The studies made by the setup for the scenario at hand.
	studies: Vec<StudyId>,
	/// How many contributors a study takes (`DataMarket.MaxContributors`).
	study_capacity: usize,
	/// The next nonce of each signer.
	nonces: HashMap<AccountId, u64>,
	funded: bool,
	accredited: bool,
}

/// Runs `scenarios` in turn, each after its setup, and returns their figures. `progress` hears
/// what is being done.
pub async fn run(
	node: &Node,
	plan: &Plan,
	scenarios: &[Scenario],
	progress: &mut dyn FnMut(Step),
) -> Result<Vec<Measured>, LoadError> {
	if plan.count == 0 || plan.subjects == 0 || plan.custodians == 0 {
		return Err(LoadError::Usage(
			"--count, --subjects and --custodians must each be at least 1".into(),
		));
	}
	let mut world = World::new(node, plan).await?;
	let limit = |pallet: &str, name: &str| -> Result<usize, LoadError> {
		let value: u32 = node.constant(&world.at, pallet, name)?;
		Ok(value as usize)
	};
	let limits = AccountLimits {
		anchors: limit("GenomeAnchor", "MaxAnchorsPerSubject")?,
		consents: limit("Consent", "MaxConsentsPerSubject")?,
		enrolments: limit("DataMarket", "MaxEnrolmentsPerContributor")?,
	};
	check_limits(plan, scenarios, &limits)?;
	let mut measured = Vec::new();
	for scenario in scenarios {
		let counts = split(plan.count, scenario.mix());
		world.set_up(plan, &counts, progress).await?;
		progress(Step::Signing {
			scenario: *scenario,
			count: counts.iter().map(|(_, n)| n).sum::<usize>(),
		});
		let transactions = world.sign(&counts, measured.len()).await?;
		progress(Step::Measuring { scenario: *scenario, pace: plan.pace });
		let run = engine::run(node, transactions, plan.pace, plan.limit, false).await?;
		world.at = node.finalized().await?;
		// A transaction refused or lost leaves a gap in its signer's nonces: the next scenario
		// asks the node again rather than sign behind it.
		world.nonces.clear();
		measured.push(Measured { scenario: *scenario, run });
	}
	Ok(measured)
}

/// The runtime's limits on what one account holds.
#[derive(Clone, Copy, Debug)]
pub struct AccountLimits {
	/// Anchors of one subject (`GenomeAnchor.MaxAnchorsPerSubject`).
	pub anchors: usize,
	/// Consents of one subject (`Consent.MaxConsentsPerSubject`).
	pub consents: usize,
	/// Studies one contributor is enrolled in (`DataMarket.MaxEnrolmentsPerContributor`).
	pub enrolments: usize,
}

/// Refuses a plan whose scenarios together would take a subject past one of `limits`.
pub fn check_limits(
	plan: &Plan,
	scenarios: &[Scenario],
	limits: &AccountLimits,
) -> Result<(), LoadError> {
	let per_subject = |kind: Kind| {
		scenarios
			.iter()
			.flat_map(|scenario| split(plan.count, scenario.mix()))
			.filter(|(k, _)| *k == kind)
			.map(|(_, n)| n.div_ceil(plan.subjects.max(1)))
			.sum::<usize>()
	};
	// The setup makes one anchor and one consent a subject; each enrolment makes a consent.
	let checks = [
		("anchors", per_subject(Kind::Anchor).saturating_add(1), limits.anchors),
		(
			"consents",
			per_subject(Kind::Grant).saturating_add(per_subject(Kind::Enrolment)).saturating_add(1),
			limits.consents,
		),
		("enrolments", per_subject(Kind::Enrolment), limits.enrolments),
	];
	for (what, needed, allowed) in checks {
		if needed > allowed {
			return Err(LoadError::Usage(format!(
				"{} transactions a scenario over {} subjects make {needed} {what} a subject; the \
				 runtime allows {allowed}: give more --subjects or a smaller --count",
				plan.count, plan.subjects
			)));
		}
	}
	Ok(())
}

/// `count` transactions shared out in the proportions of `mix`, interleaved: the kinds in turn.
fn split(count: usize, mix: &[(Kind, usize)]) -> Vec<(Kind, usize)> {
	let parts: usize = mix.iter().map(|(_, part)| part).sum();
	let mut counts: Vec<(Kind, usize)> = mix
		.iter()
		.map(|(kind, part)| (*kind, count.saturating_mul(*part).checked_div(parts).unwrap_or(0)))
		.collect();
	let given: usize = counts.iter().map(|(_, n)| n).sum();
	if let Some(first) = counts.first_mut() {
		first.1 = first.1.saturating_add(count.saturating_sub(given));
	}
	counts
}

fn derive(seed: &str, role: &str, count: usize) -> Result<Vec<Keypair>, LoadError> {
	(0..count).map(|n| chain::key(&format!("{seed}//{role}//{n}"))).collect()
}

/// A hash of the run's seed, what it is for and two numbers: fingerprint roots and document
/// hashes that differ in every transaction and every run.
fn hash_of(seed: &str, what: &str, first: usize, second: usize) -> H256 {
	H256::from(blake2_256(&(seed, what, first as u64, second as u64).encode()))
}

/// `MultiAddress::Id(account)`.
fn address(account: &AccountId) -> (u8, AccountId) {
	(0, *account)
}

impl World {
	/// The run's accounts, before anything is made.
	async fn new(node: &Node, plan: &Plan) -> Result<Self, LoadError> {
		Ok(World {
			node: node.clone(),
			seed: plan.seed.clone(),
			sudo: chain::key(&plan.sudo)?,
			researcher: chain::key(&plan.researcher)?,
			subjects: derive(&plan.seed, "subject", plan.subjects)?,
			custodians: derive(&plan.seed, "custodian", plan.custodians)?,
			at: node.finalized().await?,
			anchors: Vec::new(),
			consents: Vec::new(),
			studies: Vec::new(),
			study_capacity: 0,
			nonces: HashMap::new(),
			funded: false,
			accredited: false,
		})
	}

	/// Makes what `counts` needs and is not there yet.
	async fn set_up(
		&mut self,
		plan: &Plan,
		counts: &[(Kind, usize)],
		progress: &mut dyn FnMut(Step),
	) -> Result<(), LoadError> {
		let needs = |kind: Kind| counts.iter().any(|(k, n)| *k == kind && *n > 0);
		if !self.funded {
			progress(Step::Setup(format!(
				"funding {} subjects and {} custodians",
				self.subjects.len(),
				self.custodians.len()
			)));
			self.fund(plan).await?;
		}
		if (needs(Kind::Access) || needs(Kind::Enrolment)) && !self.accredited {
			progress(Step::Setup(format!("accrediting {} custodians", self.custodians.len())));
			self.accredit(plan).await?;
		}
		if (needs(Kind::Access) || needs(Kind::Enrolment)) && self.anchors.is_empty() {
			progress(Step::Setup(format!(
				"an anchor for each of {} subjects",
				self.subjects.len()
			)));
			self.anchor_each(plan).await?;
		}
		if needs(Kind::Access) && self.consents.is_empty() {
			progress(Step::Setup(format!(
				"a consent from each of {} subjects",
				self.subjects.len()
			)));
			self.consent_each(plan).await?;
		}
		let enrolments =
			counts.iter().filter(|(k, _)| *k == Kind::Enrolment).map(|(_, n)| *n).sum::<usize>();
		if enrolments > 0 {
			let needed = self.studies_for(enrolments)?;
			progress(Step::Setup(format!("{needed} studies of the researcher")));
			self.create_studies(plan, needed).await?;
		}
		Ok(())
	}

	/// Runs setup transactions and checks each succeeded; their records.
	async fn settle(
		&mut self,
		plan: &Plan,
		what: &str,
		transactions: Vec<Prepared>,
		keep_events: bool,
	) -> Result<Run, LoadError> {
		let run = engine::run(&self.node, transactions, plan.pace, plan.limit, keep_events).await?;
		let refused = run.records.iter().find_map(|record| match &record.pooled {
			Some(Err(refusal)) => Some(format!("{refusal:?}")),
			_ => None,
		});
		let failed = run.records.iter().find_map(|record| record.failure.clone());
		let unsettled = run.records.iter().filter(|record| record.finalized.is_none()).count();
		if let Some(reason) = refused.or(failed) {
			return Err(LoadError::Setup(format!("{what}: a transaction failed: {reason}")));
		}
		if unsettled > 0 {
			return Err(LoadError::Setup(format!(
				"{what}: {unsettled} transactions were not finalized within {} s",
				plan.limit.as_secs()
			)));
		}
		self.at = self.node.finalized().await?;
		Ok(run)
	}

	/// `call` signed by `signer` with its next nonce.
	async fn signed(
		&mut self,
		call: &'static str,
		data: &[u8],
		signer: &Keypair,
	) -> Result<Prepared, LoadError> {
		let account = chain::account(signer);
		let nonce = match self.nonces.get(&account) {
			Some(nonce) => *nonce,
			None => self.node.next_nonce(&account).await?,
		};
		self.nonces.insert(account, nonce.saturating_add(1));
		Ok(Prepared { call, signed: self.node.sign(&self.at, data, signer, nonce)? })
	}

	/// `calls` in `Utility.batch_all`s of `size` at most, signed by the sudo account; each
	/// dispatched through `Sudo.sudo` when `as_root`.
	async fn batches(
		&mut self,
		calls: Vec<Vec<u8>>,
		size: usize,
		as_root: bool,
	) -> Result<Vec<Prepared>, LoadError> {
		let sudo = self.sudo.clone();
		let mut transactions = Vec::new();
		for chunk in calls.chunks(size.max(1)) {
			let chunk: Vec<EncodedCall> = chunk.iter().cloned().map(EncodedCall).collect();
			let batch = self.node.call(&self.at, "Utility", "batch_all", chunk)?;
			transactions.push(match as_root {
				true => {
					let call = self.node.call(&self.at, "Sudo", "sudo", EncodedCall(batch))?;
					self.signed("Sudo.sudo", &call, &sudo).await?
				}
				false => self.signed("Utility.batch_all", &batch, &sudo).await?,
			});
		}
		Ok(transactions)
	}

	async fn fund(&mut self, plan: &Plan) -> Result<(), LoadError> {
		let transfers = self
			.subjects
			.iter()
			.chain(&self.custodians)
			.map(|key| {
				self.node.call(
					&self.at,
					"Balances",
					"transfer_keep_alive",
					(address(&chain::account(key)), Compact(plan.endowment)),
				)
			})
			.collect::<Result<Vec<_>, _>>()?;
		let transactions = self.batches(transfers, FUNDING_BATCH, false).await?;
		self.settle(plan, "funding", transactions, false).await?;
		self.funded = true;
		Ok(())
	}

	async fn accredit(&mut self, plan: &Plan) -> Result<(), LoadError> {
		let accreditations = self
			.custodians
			.iter()
			.map(|key| {
				self.node.call(
					&self.at,
					"Registry",
					"accredit",
					(
						chain::account(key),
						vec![Role::Custodian],
						hash_of(&plan.seed, "accreditation", 0, 0),
					),
				)
			})
			.collect::<Result<Vec<_>, _>>()?;
		let transactions = self.batches(accreditations, ACCREDITATION_BATCH, true).await?;
		let run = self.settle(plan, "accrediting the custodians", transactions, true).await?;
		// Sudo dispatches the batch and reports its result in an event of its own.
		if let Some(failure) =
			run.records.iter().flat_map(|record| &record.events).find(|(pallet, name, fields)| {
				(pallet.as_str(), name.as_str()) == ("Sudo", "Sudid") && fields.first() != Some(&0)
			}) {
			return Err(LoadError::Setup(format!(
				"accrediting the custodians: sudo's call failed ({:?}); is {} the sudo key?",
				failure.2, plan.sudo
			)));
		}
		self.accredited = true;
		Ok(())
	}

	async fn anchor_each(&mut self, plan: &Plan) -> Result<(), LoadError> {
		let mut transactions = Vec::new();
		let mut anchors = Vec::new();
		for (n, subject) in self.subjects.clone().iter().enumerate() {
			let custodian = self.custodian_of(n)?;
			let root = hash_of(&plan.seed, "setup anchor", n, 0);
			let call = self.anchor_call(root, Some(custodian))?;
			transactions.push(self.signed(Kind::Anchor.call(), &call, subject).await?);
			anchors.push(anchor_id(&chain::account(subject), &root));
		}
		self.settle(plan, "anchoring", transactions, false).await?;
		self.anchors = anchors;
		Ok(())
	}

	async fn consent_each(&mut self, plan: &Plan) -> Result<(), LoadError> {
		let mut transactions = Vec::new();
		for (n, subject) in self.subjects.clone().iter().enumerate() {
			let anchor = *self.anchors.get(n).ok_or_else(|| missing("anchor", n))?;
			let call = self.grant_call(
				DataScope::Dataset(anchor),
				hash_of(&plan.seed, "setup consent", n, 0),
			)?;
			transactions.push(self.signed(Kind::Grant.call(), &call, subject).await?);
		}
		let run = self.settle(plan, "granting consents", transactions, true).await?;
		self.consents = run
			.records
			.iter()
			.map(|record| {
				first_field::<ConsentId>(&record.events, "Consent", "ConsentGranted")
					.ok_or_else(|| LoadError::Setup("a grant made no ConsentGranted event".into()))
			})
			.collect::<Result<_, _>>()?;
		Ok(())
	}

	/// The studies `enrolments` need: each subject enrols once in a study, and a study takes
	/// `MaxContributors` at most.
	fn studies_for(&mut self, enrolments: usize) -> Result<usize, LoadError> {
		let capacity: u32 = self.node.constant(&self.at, "DataMarket", "MaxContributors")?;
		self.study_capacity = capacity as usize;
		let subjects = self.subjects.len().max(1);
		let rounds = enrolments.div_ceil(subjects);
		Ok(rounds.saturating_mul(subjects.div_ceil(self.study_capacity.max(1))))
	}

	/// The `n`-th study of the run: open to as many contributors as a study takes.
	fn study_call(&mut self, plan: &Plan, n: usize) -> Result<Vec<u8>, LoadError> {
		if self.study_capacity == 0 {
			let capacity: u32 = self.node.constant(&self.at, "DataMarket", "MaxContributors")?;
			self.study_capacity = capacity as usize;
		}
		let now = u32::try_from(self.at.block_number())
			.map_err(|_| self.node.failed("its block numbers exceed Genochain's"))?;
		let terms = StudyTerms {
			purpose: DuoPurpose::new(DuoPermission::HealthMedicalBiomedical),
			categories: [DataCategory::Variants]
				.into_iter()
				.collect::<std::collections::BTreeSet<_>>()
				.try_into()
				.map_err(|_| LoadError::Setup("no data category".into()))?,
			assembly: Assembly::GRCh38,
			reward: MILLIGENE,
			max_contributors: u32::try_from(self.study_capacity).unwrap_or(u32::MAX),
			enrolment_deadline: now.saturating_add(100_000),
			delivery_window: 100_000u32,
			protocol: hash_of(&plan.seed, "study", n, 0),
			provenance: ProvenanceRequirement::Any,
		};
		self.node.call(&self.at, "DataMarket", "create_study", terms)
	}

	async fn create_studies(&mut self, plan: &Plan, count: usize) -> Result<(), LoadError> {
		let mut transactions = Vec::new();
		for n in 0..count {
			let call = self.study_call(plan, n)?;
			let researcher = self.researcher.clone();
			transactions.push(self.signed("DataMarket.create_study", &call, &researcher).await?);
		}
		let run = self.settle(plan, "creating studies", transactions, true).await?;
		self.studies = run
			.records
			.iter()
			.map(|record| {
				first_field::<StudyId>(&record.events, "DataMarket", "StudyCreated").ok_or_else(
					|| LoadError::Setup("a study was made without a StudyCreated event".into()),
				)
			})
			.collect::<Result<_, _>>()?;
		Ok(())
	}

	fn custodian_of(&self, subject: usize) -> Result<AccountId, LoadError> {
		self.custodians
			.get(subject.checked_rem(self.custodians.len()).unwrap_or(0))
			.map(chain::account)
			.ok_or_else(|| missing("custodian", subject))
	}

	fn anchor_call(&self, root: H256, custodian: Option<AccountId>) -> Result<Vec<u8>, LoadError> {
		self.node.call(
			&self.at,
			"GenomeAnchor",
			"anchor",
			(root, LEAF_COUNT, Assembly::GRCh38, Scheme::V2, custodian, None::<H256>),
		)
	}

	fn grant_call(&self, data: DataScope, document_hash: H256) -> Result<Vec<u8>, LoadError> {
		let now = u32::try_from(self.at.block_number())
			.map_err(|_| self.node.failed("its block numbers exceed Genochain's"))?;
		let terms: ConsentTerms<AccountId, u32> = ConsentTerms {
			grantee: Grantee::Account(chain::account(&self.researcher)),
			scope: Scope {
				data,
				categories: [DataCategory::Variants]
					.into_iter()
					.collect::<std::collections::BTreeSet<_>>()
					.try_into()
					.map_err(|_| LoadError::Setup("no data category".into()))?,
			},
			purpose: DuoPurpose::new(DuoPermission::HealthMedicalBiomedical),
			valid_from: now,
			valid_until: None,
			document_hash,
			approvers: Default::default(),
			approval_threshold: 0,
		};
		self.node.call(&self.at, "Consent", "grant", terms)
	}

	/// Signs the measured transactions of `counts`, the kinds interleaved as they would come.
	async fn sign(
		&mut self,
		counts: &[(Kind, usize)],
		round: usize,
	) -> Result<Vec<Prepared>, LoadError> {
		let mut remaining: Vec<(Kind, usize, usize)> =
			counts.iter().map(|(kind, n)| (*kind, *n, 0)).collect();
		let mut transactions = Vec::with_capacity(counts.iter().map(|(_, n)| n).sum());
		while remaining.iter().any(|(_, left, _)| *left > 0) {
			for (kind, left, made) in remaining.iter_mut() {
				if *left == 0 {
					continue;
				}
				let n = *made;
				let subject_index = n.checked_rem(self.subjects.len()).unwrap_or(0);
				let subject = self
					.subjects
					.get(subject_index)
					.cloned()
					.ok_or_else(|| missing("subject", n))?;
				let prepared = match kind {
					Kind::Transfer => {
						let next = subject_index
							.saturating_add(1)
							.checked_rem(self.subjects.len())
							.unwrap_or(0);
						let to = chain::account(
							self.subjects.get(next).ok_or_else(|| missing("subject", next))?,
						);
						let call = self.node.call(
							&self.at,
							"Balances",
							"transfer_keep_alive",
							(address(&to), Compact(MILLIGENE)),
						)?;
						self.signed(kind.call(), &call, &subject).await?
					}
					Kind::Grant => {
						let call = self.grant_call(
							DataScope::AllData,
							hash_of(&self.seed, "grant", round, n),
						)?;
						self.signed(kind.call(), &call, &subject).await?
					}
					Kind::Access => {
						let consent = *self
							.consents
							.get(subject_index)
							.ok_or_else(|| missing("consent", subject_index))?;
						let dataset = *self
							.anchors
							.get(subject_index)
							.ok_or_else(|| missing("anchor", subject_index))?;
						let custodian = self
							.custodians
							.get(subject_index.checked_rem(self.custodians.len()).unwrap_or(0))
							.cloned()
							.ok_or_else(|| missing("custodian", subject_index))?;
						let call = self.node.call(
							&self.at,
							"Consent",
							"record_access",
							(
								consent,
								chain::account(&self.researcher),
								dataset,
								DataCategory::Variants,
								RequestedUse::research(DuoPermission::HealthMedicalBiomedical),
							),
						)?;
						self.signed(kind.call(), &call, &custodian).await?
					}
					Kind::Anchor => {
						let call =
							self.anchor_call(hash_of(&self.seed, "anchor", round, n), None)?;
						self.signed(kind.call(), &call, &subject).await?
					}
					Kind::Enrolment => {
						let study = self.enrolment_study(n)?;
						let anchor = *self
							.anchors
							.get(subject_index)
							.ok_or_else(|| missing("anchor", subject_index))?;
						let call =
							self.node.call(&self.at, "DataMarket", "enroll", (study, anchor))?;
						self.signed(kind.call(), &call, &subject).await?
					}
				};
				transactions.push(prepared);
				*left = left.saturating_sub(1);
				*made = made.saturating_add(1);
			}
		}
		Ok(transactions)
	}

	/// The study of the `n`-th enrolment.
	fn enrolment_study(&self, n: usize) -> Result<StudyId, LoadError> {
		let index = study_index(n, self.subjects.len(), self.study_capacity);
		self.studies.get(index).copied().ok_or_else(|| missing("study", index))
	}
}

/// Which of the setup's studies the `n`-th enrolment goes to: subject `n % subjects` enrols in
/// round `n / subjects`, each round in studies of its own, each study taking `capacity` subjects.
fn study_index(n: usize, subjects: usize, capacity: usize) -> usize {
	let subjects = subjects.max(1);
	let capacity = capacity.max(1);
	let round = n.checked_div(subjects).unwrap_or(0);
	let subject = n.checked_rem(subjects).unwrap_or(0);
	round
		.saturating_mul(subjects.div_ceil(capacity))
		.saturating_add(subject.checked_div(capacity).unwrap_or(0))
}

fn missing(what: &str, n: usize) -> LoadError {
	LoadError::Setup(format!("the setup made no {what} {n}"))
}

/// The first field of the first `pallet.event` in `events`.
fn first_field<T: Decode>(
	events: &[(String, String, Vec<u8>)],
	pallet: &str,
	event: &str,
) -> Option<T> {
	events
		.iter()
		.find(|(p, e, _)| p == pallet && e == event)
		.and_then(|(_, _, fields)| T::decode(&mut fields.as_slice()).ok())
}

#[cfg(test)]
mod tests {
	use super::*;

	fn plan(count: usize, subjects: usize) -> Plan {
		Plan {
			count,
			subjects,
			custodians: 2,
			pace: Pace::AsAccepted { in_flight: 1 },
			limit: Duration::from_secs(1),
			seed: "//test".into(),
			sudo: "//Alice".into(),
			researcher: "//Researcher".into(),
			endowment: 1,
		}
	}

	const RUNTIME: AccountLimits = AccountLimits { anchors: 32, consents: 128, enrolments: 32 };

	#[test]
	fn a_mixed_day_makes_every_call_in_its_proportions() {
		assert_eq!(
			split(2000, Scenario::Mixed.mix()),
			vec![
				(Kind::Access, 800),
				(Kind::Grant, 400),
				(Kind::Transfer, 400),
				(Kind::Anchor, 200),
				(Kind::Enrolment, 200)
			]
		);
		// What does not divide evenly goes to the first call: the count is kept.
		let small = split(12, Scenario::Mixed.mix());
		assert_eq!(small.iter().map(|(_, n)| n).sum::<usize>(), 12);
		assert!(small.iter().all(|(_, n)| *n > 0), "{small:?}");
		for scenario in Scenario::ALL {
			assert_eq!(split(7, scenario.mix()).iter().map(|(_, n)| n).sum::<usize>(), 7);
		}
	}

	#[test]
	fn a_plan_past_a_per_subject_limit_is_refused() {
		// 32 anchors a subject, one of them the setup's.
		assert!(check_limits(&plan(31, 1), &[Scenario::Anchors], &RUNTIME).is_ok());
		let Err(LoadError::Usage(problem)) =
			check_limits(&plan(32, 1), &[Scenario::Anchors], &RUNTIME)
		else {
			panic!("33 anchors a subject were allowed")
		};
		assert!(problem.contains("33 anchors a subject") && problem.contains("--subjects"));
		// Enrolments count twice: as enrolments and as consents.
		let Err(LoadError::Usage(problem)) =
			check_limits(&plan(33, 1), &[Scenario::Enrolments], &RUNTIME)
		else {
			panic!("33 enrolments a subject were allowed")
		};
		assert!(problem.contains("enrolments"), "{problem}");
		// The scenarios of one run add up: their accounts are the same.
		assert!(check_limits(&plan(100, 1), &[Scenario::Grants], &RUNTIME).is_ok());
		let Err(LoadError::Usage(problem)) =
			check_limits(&plan(100, 1), &[Scenario::Grants, Scenario::Grants], &RUNTIME)
		else {
			panic!("201 consents a subject were allowed")
		};
		assert!(problem.contains("201 consents"), "{problem}");
		// The default plan runs every scenario.
		assert!(check_limits(&plan(2000, 500), &Scenario::ALL, &RUNTIME).is_ok());
	}

	#[test]
	fn enrolments_fill_each_study_once_per_round() {
		// 600 subjects, studies of 256: three studies a round, the last one part full.
		let studies: Vec<usize> = (0..1200).map(|n| study_index(n, 600, 256)).collect();
		assert_eq!(studies.iter().max(), Some(&5));
		for study in 0..6 {
			let takers = studies.iter().filter(|s| **s == study).count();
			assert_eq!(takers, if study % 3 == 2 { 88 } else { 256 }, "study {study}");
		}
		// No subject enrols twice in one study.
		let mut pairs: Vec<(usize, usize)> =
			studies.iter().enumerate().map(|(n, study)| (n % 600, *study)).collect();
		pairs.sort();
		pairs.dedup();
		assert_eq!(pairs.len(), 1200);
	}
}
