//! Populating a chain for the scale measures (`--populate`): anchors, consents and studies made
//! by ordinary signed transactions, as users would make them, so that the state holds every
//! index, deposit and counter the real calls keep.
//!
//! The records are spread over *holders*, accounts derived from the run's seed
//! (`SEED//holder//N`), each filled to the runtime's limits (`MaxAnchorsPerSubject` anchors,
//! `MaxConsentsPerSubject` consents): a holder's anchors go in one `Utility.batch_all`, its
//! consents (to the researcher, for all its variant data) in another. The studies are the
//! researcher's, in batches too.
//!
//! A holder's endowment is measured, not guessed: the first holder is funded with the plan's
//! endowment and makes its records alone; what its anchors and its consents took from its free
//! balance (deposits, the tombstone fund's share, fees) prices the others, with a tenth more. The
//! run refuses before funding anyone when the sudo account cannot pay for the whole population.

use super::{derive, hash_of, Plan, Step, World};
use crate::{
	chain::{self, AccountId},
	engine::Prepared,
	LoadError,
};
use codec::Compact;
use genochain_primitives::{
	anchor::{anchor_id, AnchorId},
	consent::DataScope,
	Balance,
};
use std::{
	collections::BTreeMap,
	str::FromStr,
	time::{Duration, Instant},
};
use subxt_signer::sr25519::Keypair;

/// Holders whose records are signed and followed in one go: 500 transactions of about 21 KB a
/// holder (128 grants, 32 anchors), about 5 MB, well inside the node's pool (8,192 transactions,
/// 20 MiB by default), which would refuse what does not fit.
const HOLDERS_A_PHASE: usize = 250;
/// Studies created in one `Utility.batch_all` by the researcher.
const STUDY_BATCH: usize = 50;
/// Study batches signed and followed in one go.
const STUDY_BATCHES_A_PHASE: usize = 100;

/// How many records a populated chain is to hold: `anchors=N,consents=N,studies=N`, each part
/// optional.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Population {
	pub anchors: usize,
	pub consents: usize,
	pub studies: usize,
}

impl FromStr for Population {
	type Err = String;

	fn from_str(spec: &str) -> Result<Self, Self::Err> {
		let mut population = Population::default();
		for part in spec.split(',').map(str::trim).filter(|part| !part.is_empty()) {
			let (what, count) = part
				.split_once('=')
				.ok_or_else(|| format!("{part}: give what=count, e.g. consents=1000000"))?;
			let count: usize = count
				.trim()
				.replace('_', "")
				.parse()
				.map_err(|_| format!("{part}: {count} is not a count"))?;
			match what.trim() {
				"anchors" => population.anchors = count,
				"consents" => population.consents = count,
				"studies" => population.studies = count,
				other => {
					return Err(format!(
						"{other}: not a record to populate (anchors, consents, studies)"
					))
				}
			}
		}
		if population == Population::default() {
			return Err(format!(
				"{spec}: nothing to populate; give e.g. anchors=1000,consents=1000"
			));
		}
		Ok(population)
	}
}

/// What the records of one holder are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Share {
	pub anchors: usize,
	pub consents: usize,
}

/// The shares of `population`'s anchors and consents, holders filled to `anchors_each` and
/// `consents_each` in turn: the first holders hold both, as many as the larger kind needs.
pub fn shares(population: &Population, anchors_each: usize, consents_each: usize) -> Vec<Share> {
	let anchors_each = anchors_each.max(1);
	let consents_each = consents_each.max(1);
	let holders =
		population.anchors.div_ceil(anchors_each).max(population.consents.div_ceil(consents_each));
	let part = |total: usize, each: usize, holder: usize| {
		total.saturating_sub(holder.saturating_mul(each)).min(each)
	};
	(0..holders)
		.map(|holder| Share {
			anchors: part(population.anchors, anchors_each, holder),
			consents: part(population.consents, consents_each, holder),
		})
		.collect()
}

/// What one record takes from its holder's free balance: the first holder's measure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prices {
	pub anchor: Balance,
	pub consent: Balance,
}

impl Prices {
	/// What a holder of `share` is given: its records at these prices and a tenth more, and the
	/// existential deposit it must keep.
	pub fn endowment(&self, share: &Share, existential: Balance) -> Balance {
		let records = self
			.anchor
			.saturating_mul(share.anchors as Balance)
			.saturating_add(self.consent.saturating_mul(share.consents as Balance));
		records.saturating_add(records.saturating_div(10)).saturating_add(existential)
	}
}

/// What populating made.
#[derive(Default)]
pub struct Populated {
	pub population: Population,
	/// Holders used.
	pub holders: usize,
	/// The first holder, the fullest: its account, and the first of its anchors (a dataset its
	/// consents cover) when it has one.
	pub first_holder: AccountId,
	pub first_anchor: Option<AnchorId>,
	/// The researcher: the consents' grantee and the studies' owner.
	pub researcher: AccountId,
	/// What a record cost its holder.
	pub prices: Prices,
	/// How long the records' transactions took, from the first submission of each phase to its
	/// last transaction finalized (funding the holders left out), and the whole populating.
	pub elapsed: Duration,
	pub wall: Duration,
	/// The first and the last block holding records.
	pub blocks: (u64, u64),
	/// The fullest block's records.
	pub most_in_a_block: usize,
	/// The records each block took.
	pub records_in_blocks: BTreeMap<u64, usize>,
}

impl Populated {
	/// Records made a second.
	pub fn per_second(&self) -> f64 {
		let made = self
			.population
			.anchors
			.saturating_add(self.population.consents)
			.saturating_add(self.population.studies);
		made as f64 / self.elapsed.as_secs_f64().max(f64::EPSILON)
	}
}

/// Fills the chain with `population`, as [`World::populate`] does.
pub async fn populate(
	node: &crate::chain::Node,
	plan: &Plan,
	population: &Population,
	progress: &mut dyn FnMut(Step),
) -> Result<Populated, LoadError> {
	let mut world = World::new(node, plan).await?;
	world.populate(plan, population, progress).await
}

/// Tally of the records' transactions: how long they took and the records of each block.
#[derive(Default)]
struct Tally {
	elapsed: Duration,
	records_in_blocks: BTreeMap<u64, usize>,
}

impl Tally {
	/// Adds `run`, whose transaction `index` made `records(index)` records.
	fn add(&mut self, run: &crate::engine::Run, records: &dyn Fn(usize) -> usize) {
		self.elapsed = self.elapsed.saturating_add(run.elapsed);
		for (index, record) in run.records.iter().enumerate() {
			if let Some((_, number)) = record.included {
				let in_block = self.records_in_blocks.entry(number).or_default();
				*in_block = in_block.saturating_add(records(index));
			}
		}
	}
}

impl World {
	async fn populate(
		&mut self,
		plan: &Plan,
		population: &Population,
		progress: &mut dyn FnMut(Step),
	) -> Result<Populated, LoadError> {
		let anchors_each: u32 =
			self.node.constant(&self.at, "GenomeAnchor", "MaxAnchorsPerSubject")?;
		let consents_each: u32 =
			self.node.constant(&self.at, "Consent", "MaxConsentsPerSubject")?;
		let existential: Balance =
			self.node.constant(&self.at, "Balances", "ExistentialDeposit")?;
		let started = Instant::now();
		let shares = shares(population, anchors_each as usize, consents_each as usize);
		let holders = derive(&plan.seed, "holder", shares.len())?;
		let mut tally = Tally::default();
		let mut prices = Prices::default();
		let mut first_anchor = None;

		if let (Some(first), Some(share)) = (holders.first(), shares.first()) {
			progress(Step::Setup(format!(
				"populating: the first of {} holders, to price a record",
				holders.len()
			)));
			let account = chain::account(first);
			let transfer = self.transfer_call(&account, plan.endowment)?;
			let funding = self.batches(vec![transfer], 1, false).await?;
			self.settle(plan, "funding the first holder", funding, false).await?;
			let before = self.node.free_balance(&account).await?;
			let (anchors, roots) = self.anchors_of_holder(plan, first, 0, share.anchors).await?;
			first_anchor = roots.first().map(|root| anchor_id(&account, root));
			if !anchors.is_empty() {
				let run = self.settle(plan, "the first holder's anchors", anchors, false).await?;
				tally.add(&run, &|_| share.anchors);
			}
			let after_anchors = self.node.free_balance(&account).await?;
			let consents = self.consents_of_holder(plan, first, 0, share.consents).await?;
			if !consents.is_empty() {
				let run = self.settle(plan, "the first holder's consents", consents, false).await?;
				tally.add(&run, &|_| share.consents);
			}
			let after_consents = self.node.free_balance(&account).await?;
			prices = Prices {
				anchor: before
					.saturating_sub(after_anchors)
					.checked_div(share.anchors as Balance)
					.unwrap_or(0),
				consent: after_anchors
					.saturating_sub(after_consents)
					.checked_div(share.consents as Balance)
					.unwrap_or(0),
			};
		}

		let rest: Vec<(usize, &Keypair, &Share)> =
			holders.iter().zip(&shares).enumerate().skip(1).map(|(n, (k, s))| (n, k, s)).collect();
		let needed = rest
			.iter()
			.map(|(_, _, share)| prices.endowment(share, existential))
			.fold(0 as Balance, Balance::saturating_add);
		let sudo = chain::account(&self.sudo);
		let available = self.node.free_balance(&sudo).await?;
		if needed > available {
			return Err(LoadError::Usage(format!(
				"populating: the other {} holders need {} (an anchor takes {}, a consent {}, \
				 measured), and the sudo account {} has {}: populate less",
				rest.len(),
				gene(needed),
				gene(prices.anchor),
				gene(prices.consent),
				plan.sudo,
				gene(available)
			)));
		}

		for phase in rest.chunks(HOLDERS_A_PHASE) {
			let (Some(first), Some(last)) = (phase.first(), phase.last()) else { continue };
			progress(Step::Setup(format!(
				"populating: holders {} to {} of {}: funding",
				first.0,
				last.0,
				holders.len()
			)));
			let transfers = phase
				.iter()
				.map(|(_, key, share)| {
					self.transfer_call(&chain::account(key), prices.endowment(share, existential))
				})
				.collect::<Result<Vec<_>, _>>()?;
			let funding = self.batches(transfers, super::FUNDING_BATCH, false).await?;
			self.settle(plan, "funding holders", funding, false).await?;

			progress(Step::Setup(format!(
				"populating: holders {} to {} of {}: their anchors and consents",
				first.0,
				last.0,
				holders.len()
			)));
			let mut transactions = Vec::new();
			let mut records = Vec::new();
			for (n, key, share) in phase {
				let (anchors, _) = self.anchors_of_holder(plan, key, *n, share.anchors).await?;
				records.extend(anchors.iter().map(|_| share.anchors));
				transactions.extend(anchors);
				let consents = self.consents_of_holder(plan, key, *n, share.consents).await?;
				records.extend(consents.iter().map(|_| share.consents));
				transactions.extend(consents);
			}
			let run =
				self.settle(plan, "populating anchors and consents", transactions, false).await?;
			tally.add(&run, &|index| records.get(index).copied().unwrap_or(0));
		}

		let study_calls = (0..population.studies)
			.map(|n| self.study_call(plan, n))
			.collect::<Result<Vec<_>, _>>()?;
		let researcher = self.researcher.clone();
		for (phase, calls) in
			study_calls.chunks(STUDY_BATCH.saturating_mul(STUDY_BATCHES_A_PHASE)).enumerate()
		{
			let made = phase.saturating_mul(STUDY_BATCH.saturating_mul(STUDY_BATCHES_A_PHASE));
			progress(Step::Setup(format!(
				"populating: studies {} to {} of {}",
				made,
				made.saturating_add(calls.len()).saturating_sub(1),
				population.studies
			)));
			let mut transactions = Vec::new();
			let mut records = Vec::new();
			for batch in calls.chunks(STUDY_BATCH) {
				let batch_call = self.node.call(
					&self.at,
					"Utility",
					"batch_all",
					batch.iter().cloned().map(chain::EncodedCall).collect::<Vec<_>>(),
				)?;
				transactions
					.push(self.signed("Utility.batch_all", &batch_call, &researcher).await?);
				records.push(batch.len());
			}
			let run = self.settle(plan, "populating studies", transactions, false).await?;
			tally.add(&run, &|index| records.get(index).copied().unwrap_or(0));
		}

		Ok(Populated {
			population: *population,
			holders: holders.len(),
			first_holder: holders.first().map(chain::account).unwrap_or_default(),
			first_anchor,
			researcher: chain::account(&self.researcher),
			prices,
			elapsed: tally.elapsed,
			wall: started.elapsed(),
			blocks: (
				tally.records_in_blocks.keys().next().copied().unwrap_or(0),
				tally.records_in_blocks.keys().next_back().copied().unwrap_or(0),
			),
			most_in_a_block: tally.records_in_blocks.values().copied().max().unwrap_or(0),
			records_in_blocks: tally.records_in_blocks,
		})
	}

	fn transfer_call(&self, to: &AccountId, amount: Balance) -> Result<Vec<u8>, LoadError> {
		self.node.call(
			&self.at,
			"Balances",
			"transfer_keep_alive",
			(super::address(to), Compact(amount)),
		)
	}

	/// Holder `n`'s `count` anchors in one `Utility.batch_all` (none when `count` is 0), and
	/// their roots.
	async fn anchors_of_holder(
		&mut self,
		plan: &Plan,
		holder: &Keypair,
		n: usize,
		count: usize,
	) -> Result<(Vec<Prepared>, Vec<genochain_primitives::Hash>), LoadError> {
		if count == 0 {
			return Ok((Vec::new(), Vec::new()));
		}
		let roots: Vec<_> =
			(0..count).map(|k| hash_of(&plan.seed, "populated anchor", n, k)).collect();
		let calls = roots
			.iter()
			.map(|root| self.anchor_call(*root, None).map(chain::EncodedCall))
			.collect::<Result<Vec<_>, _>>()?;
		let batch = self.node.call(&self.at, "Utility", "batch_all", calls)?;
		Ok((vec![self.signed("Utility.batch_all", &batch, holder).await?], roots))
	}

	/// Holder `n`'s `count` consents to the researcher in one `Utility.batch_all`.
	async fn consents_of_holder(
		&mut self,
		plan: &Plan,
		holder: &Keypair,
		n: usize,
		count: usize,
	) -> Result<Vec<Prepared>, LoadError> {
		if count == 0 {
			return Ok(Vec::new());
		}
		let calls = (0..count)
			.map(|k| {
				self.grant_call(DataScope::AllData, hash_of(&plan.seed, "populated consent", n, k))
					.map(chain::EncodedCall)
			})
			.collect::<Result<Vec<_>, _>>()?;
		let batch = self.node.call(&self.at, "Utility", "batch_all", calls)?;
		Ok(vec![self.signed("Utility.batch_all", &batch, holder).await?])
	}
}

/// `amount` in GENE, for messages.
fn gene(amount: Balance) -> String {
	format!("{:.3} GENE", amount as f64 / genochain_primitives::currency::GENE as f64)
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects)]
mod tests {
	use super::*;

	#[test]
	fn a_population_is_read_from_its_parts() {
		assert_eq!(
			"anchors=1_000_000, consents=1000000,studies=10000".parse(),
			Ok(Population { anchors: 1_000_000, consents: 1_000_000, studies: 10_000 })
		);
		assert_eq!("studies=5".parse(), Ok(Population { studies: 5, ..Population::default() }));
		for (spec, problem) in [
			("", "nothing to populate"),
			("anchors=0", "nothing to populate"),
			("anchors", "give what=count"),
			("anchors=many", "not a count"),
			("accounts=5", "not a record to populate"),
		] {
			let Err(error) = spec.parse::<Population>() else { panic!("{spec} was taken") };
			assert!(error.contains(problem), "{spec}: {error}");
		}
	}

	#[test]
	fn holders_are_filled_to_the_runtimes_limits() {
		let population = Population { anchors: 100, consents: 300, studies: 0 };
		let shares = shares(&population, 32, 128);
		// Four holders for the anchors (32, 32, 32, 4), three for the consents (128, 128, 44).
		assert_eq!(
			shares,
			vec![
				Share { anchors: 32, consents: 128 },
				Share { anchors: 32, consents: 128 },
				Share { anchors: 32, consents: 44 },
				Share { anchors: 4, consents: 0 },
			]
		);
		assert_eq!(shares.iter().map(|s| s.anchors).sum::<usize>(), 100);
		assert_eq!(shares.iter().map(|s| s.consents).sum::<usize>(), 300);
		// The population: 31,250 holders for a million anchors.
		let million = Population { anchors: 1_000_000, consents: 1_000_000, studies: 10_000 };
		let shares = super::shares(&million, 32, 128);
		assert_eq!(shares.len(), 31_250);
		assert_eq!(shares.iter().filter(|s| s.consents > 0).count(), 7_813);
		assert_eq!(shares.iter().map(|s| s.consents).sum::<usize>(), 1_000_000);
		assert!(
			super::shares(&Population { studies: 3, ..Population::default() }, 32, 128).is_empty()
		);
	}

	#[test]
	fn a_holder_is_given_its_records_price_a_tenth_more_and_the_existential_deposit() {
		let prices = Prices { anchor: 100, consent: 1_000 };
		assert_eq!(prices.endowment(&Share { anchors: 2, consents: 3 }, 7), 3_200 + 320 + 7);
		assert_eq!(prices.endowment(&Share { anchors: 0, consents: 0 }, 7), 7);
	}
}
