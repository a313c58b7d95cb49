//! Reads a [`ConsortiumFile`] into a [`Consortium`], or names every problem in it at once, so
//! that a review round fixes them all.

use super::file::{ConsortiumFile, Member};
use genochain_primitives::{
	consent::Role,
	currency::{EXISTENTIAL_DEPOSIT, GENE, TOKEN_DECIMALS},
	Balance,
};
use genochain_runtime::{AccountId, AuraId};
use polkadot_sdk::{
	sc_chain_spec::ChainType,
	sc_network::config::MultiaddrWithPeerId,
	sp_core::{
		crypto::{Pair as _, Ss58Codec},
		sr25519,
	},
	sp_keyring::Sr25519Keyring,
};
use std::{collections::BTreeMap, fmt};

/// The lowest para id open to chains other than the relay chain's system chains.
pub const FIRST_PUBLIC_PARA_ID: u32 = 2000;

/// One thing wrong with a consortium file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
	/// An account or key that is neither SS58 nor 32 bytes of 0x-hex.
	InvalidAccount { field: String, value: String, reason: String },
	/// The same account twice in one body.
	DuplicateMember { body: &'static str, account: String, names: (String, String) },
	/// A body that must have members has none.
	EmptyBody { body: &'static str },
	/// More members than the runtime allows in the body.
	TooManyMembers { body: &'static str, count: usize, max: u32 },
	/// A role that is not `lab`, `custodian` or `researcher`.
	UnknownRole { organisation: String, role: String },
	/// An organisation with no role.
	NoRole { organisation: String },
	/// A role listed twice for one organisation.
	DuplicateRole { organisation: String, role: String },
	/// A collator without an Aura session key.
	MissingCollatorKey { collator: String },
	/// Two collators with one session key.
	DuplicateSessionKey { key: String, collators: (String, String) },
	/// A balance that is not `<amount> GENE` or `<amount> planck`.
	InvalidBalance { endowment: String, value: String, reason: String },
	/// An endowment below the existential deposit, which the chain would not keep.
	EndowmentBelowExistentialDeposit { endowment: String, balance: String },
	/// The endowments add up to more than a balance can hold.
	TotalIssuanceOverflow,
	/// A para id below 2000, which relay chains keep for their system chains.
	ReservedParaId { para_id: u32 },
	/// A `chain_type` that is neither `live` nor `local`.
	UnknownChainType { value: String },
	/// A chain id that is empty or not lowercase letters, digits and `_`.
	InvalidChainId { id: String },
	/// An empty `relay_chain`.
	MissingRelayChain,
	/// A boot node that is not a multiaddress with a peer id.
	InvalidBootNode { value: String, reason: String },
	/// A development key (its secret is public) on a live chain.
	DevelopmentKey { field: String, derivation: String },
}

impl fmt::Display for Problem {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		match self {
			Problem::InvalidAccount { field, value, reason } => write!(
				f,
				"{field}: `{value}` is not an account or public key (SS58, or 32 bytes of 0x-hex): {reason}"
			),
			Problem::DuplicateMember { body, account, names: (first, second) } => {
				write!(f, "{body}: `{first}` and `{second}` are the same account {account}")
			}
			Problem::EmptyBody { body } => write!(f, "{body}: no members; it needs at least one"),
			Problem::TooManyMembers { body, count, max } => {
				write!(f, "{body}: {count} members, but the runtime allows at most {max}")
			}
			Problem::UnknownRole { organisation, role } => write!(
				f,
				"organisation `{organisation}`: unknown role `{role}`; the roles are `lab`, \
				 `custodian` and `researcher`"
			),
			Problem::NoRole { organisation } => write!(
				f,
				"organisation `{organisation}`: no role; give it one or more of `lab`, \
				 `custodian`, `researcher`"
			),
			Problem::DuplicateRole { organisation, role } => {
				write!(f, "organisation `{organisation}`: role `{role}` is listed twice")
			}
			Problem::MissingCollatorKey { collator } => write!(
				f,
				"collator `{collator}`: no `aura` session key; generate one with \
				 `genochain-node key generate --scheme sr25519` and give its public key"
			),
			Problem::DuplicateSessionKey { key, collators: (first, second) } => {
				write!(f, "collators `{first}` and `{second}` have the same aura key {key}")
			}
			Problem::InvalidBalance { endowment, value, reason } => write!(
				f,
				"endowment `{endowment}`: `{value}` is not a balance (`<amount> GENE` with up to \
				 {TOKEN_DECIMALS} decimals, or `<amount> planck`): {reason}"
			),
			Problem::EndowmentBelowExistentialDeposit { endowment, balance } => write!(
				f,
				"endowment `{endowment}`: {balance} is below the existential deposit of {}; the \
				 chain would not keep the account",
				format_gene(EXISTENTIAL_DEPOSIT)
			),
			Problem::TotalIssuanceOverflow => {
				write!(f, "the endowments add up to more than a balance can hold")
			}
			Problem::ReservedParaId { para_id } => write!(
				f,
				"chain.para_id: {para_id} is below {FIRST_PUBLIC_PARA_ID}, the ids relay chains \
				 keep for their system chains; use the id the relay chain reserved for you"
			),
			Problem::UnknownChainType { value } => {
				write!(f, "chain.chain_type: `{value}` is neither `live` nor `local`")
			}
			Problem::InvalidChainId { id } => write!(
				f,
				"chain.id: `{id}` must be lowercase letters, digits and `_` (it names a directory \
				 on every node)"
			),
			Problem::MissingRelayChain => {
				write!(f, "chain.relay_chain: empty; name the relay chain, e.g. `paseo`")
			}
			Problem::InvalidBootNode { value, reason } => write!(
				f,
				"chain.boot_nodes: `{value}` is not a multiaddress with a peer id \
				 (/dns/host/tcp/30333/p2p/12D3…): {reason}"
			),
			Problem::DevelopmentKey { field, derivation } => write!(
				f,
				"{field}: this is the development key `{derivation}`, whose secret everyone \
				 knows; a live chain needs keys of its own (`chain_type = \"local\"` for a rehearsal)"
			),
		}
	}
}

/// Every problem of a consortium file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		let count = self.0.len();
		write!(f, "{count} problem{}:", if count == 1 { "" } else { "s" })?;
		for problem in &self.0 {
			write!(f, "\n  - {problem}")?;
		}
		Ok(())
	}
}

/// A consortium file that passed every check: what the chain spec is built from.
#[derive(Debug, Clone)]
pub struct Consortium {
	pub name: String,
	pub id: String,
	pub chain_type: ChainType,
	pub para_id: u32,
	pub relay_chain: String,
	pub protocol_id: String,
	pub boot_nodes: Vec<MultiaddrWithPeerId>,
	pub council: Vec<AccountId>,
	pub ethics_committee: Vec<AccountId>,
	pub organisations: Vec<(AccountId, Vec<Role>)>,
	pub collators: Vec<(AccountId, AuraId)>,
	pub endowments: Vec<(AccountId, Balance)>,
	/// The sum of the endowments: the genesis total issuance but for the existential deposit the
	/// data market mints for its treasury.
	pub total_endowment: Balance,
	/// What deserves the reviewers' attention without being wrong, e.g. a Council member with no
	/// balance to pay fees with.
	pub warnings: Vec<String>,
}

/// The runtime's limits on the genesis bodies.
pub struct Limits {
	pub council: u32,
	pub ethics_committee: u32,
	pub collators: u32,
}

impl Limits {
	/// The limits of the runtime in this binary.
	pub fn of_runtime() -> Self {
		use genochain_runtime::{
			configs::{CouncilInstance, EthicsCommitteeInstance},
			Runtime,
		};
		use polkadot_sdk::{
			frame_support::traits::Get, pallet_collator_selection, pallet_collective,
		};
		Limits {
			council: <<Runtime as pallet_collective::Config<CouncilInstance>>::MaxMembers as Get<
				u32,
			>>::get(),
			ethics_committee: <<Runtime as pallet_collective::Config<EthicsCommitteeInstance>>::MaxMembers as Get<u32>>::get(),
			collators: <<Runtime as pallet_collator_selection::Config>::MaxInvulnerables as Get<
				u32,
			>>::get(),
		}
	}
}

/// Checks `file` against `limits`.
pub fn validate(file: ConsortiumFile, limits: &Limits) -> Result<Consortium, Problems> {
	let mut check = Checker { problems: Vec::new(), development_keys: None };
	let ConsortiumFile { chain, council, ethics_committee, organisation, collator, endowment } =
		file;

	// Whether development keys are refused depends on the chain type: with an unknown one, only
	// the chain type is reported.
	let (chain_type, live) = match chain.chain_type.as_deref().unwrap_or("live") {
		"live" => (ChainType::Live, true),
		"local" => (ChainType::Local, false),
		other => {
			check.problems.push(Problem::UnknownChainType { value: other.into() });
			(ChainType::Live, false)
		}
	};
	if chain.id.is_empty()
		|| !chain.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
	{
		check.problems.push(Problem::InvalidChainId { id: chain.id.clone() });
	}
	if chain.para_id < FIRST_PUBLIC_PARA_ID {
		check.problems.push(Problem::ReservedParaId { para_id: chain.para_id });
	}
	if chain.relay_chain.trim().is_empty() {
		check.problems.push(Problem::MissingRelayChain);
	}
	let boot_nodes = chain
		.boot_nodes
		.iter()
		.filter_map(|value| {
			value
				.parse::<MultiaddrWithPeerId>()
				.map_err(|error| {
					check.problems.push(Problem::InvalidBootNode {
						value: value.clone(),
						reason: error.to_string(),
					})
				})
				.ok()
		})
		.collect();

	let council = check.body("council", &council, limits.council, live);
	let ethics_committee =
		check.body("ethics committee", &ethics_committee, limits.ethics_committee, live);

	let mut organisations = Vec::new();
	let mut seen = BTreeMap::new();
	for (index, entry) in organisation.iter().enumerate() {
		let field = format!("organisation[{index}] `{}`", entry.name);
		let account = check.account(&field, &entry.account, live);
		let mut roles = Vec::new();
		for role in &entry.roles {
			let parsed = match role.as_str() {
				"lab" => Role::Lab,
				"custodian" => Role::Custodian,
				"researcher" => Role::Researcher,
				_ => {
					check.problems.push(Problem::UnknownRole {
						organisation: entry.name.clone(),
						role: role.clone(),
					});
					continue;
				}
			};
			if roles.contains(&parsed) {
				check.problems.push(Problem::DuplicateRole {
					organisation: entry.name.clone(),
					role: role.clone(),
				});
			} else {
				roles.push(parsed);
			}
		}
		if entry.roles.is_empty() {
			check.problems.push(Problem::NoRole { organisation: entry.name.clone() });
		}
		if let Some(account) = account {
			if check.unique("organisations", &mut seen, &account, &entry.name) {
				organisations.push((account, roles));
			}
		}
	}

	let mut collators = Vec::new();
	let mut seen = BTreeMap::new();
	let mut seen_keys = BTreeMap::<sr25519::Public, String>::new();
	if collator.is_empty() {
		check.problems.push(Problem::EmptyBody { body: "collators" });
	}
	check.at_most("collators", collator.len(), limits.collators);
	for (index, entry) in collator.iter().enumerate() {
		let field = format!("collator[{index}] `{}`", entry.name);
		let account = check.account(&field, &entry.account, live);
		let key = match &entry.aura {
			None => {
				check.problems.push(Problem::MissingCollatorKey { collator: entry.name.clone() });
				None
			}
			Some(key) => check.public_key(&format!("{field}.aura"), key, live),
		};
		if let Some(key) = key {
			if let Some(first) = seen_keys.insert(key, entry.name.clone()) {
				check.problems.push(Problem::DuplicateSessionKey {
					key: key.to_ss58check(),
					collators: (first, entry.name.clone()),
				});
			}
		}
		if let (Some(account), Some(key)) = (account, key) {
			if check.unique("collators", &mut seen, &account, &entry.name) {
				collators.push((account, AuraId::from(key)));
			}
		}
	}

	let mut endowments = Vec::new();
	let mut seen = BTreeMap::new();
	let mut total: Balance = 0;
	for (index, entry) in endowment.iter().enumerate() {
		let field = format!("endowment[{index}] `{}`", entry.name);
		let account = check.account(&field, &entry.account, live);
		let balance = match parse_balance(&entry.balance) {
			Ok(balance) => Some(balance),
			Err(reason) => {
				check.problems.push(Problem::InvalidBalance {
					endowment: entry.name.clone(),
					value: entry.balance.clone(),
					reason,
				});
				None
			}
		};
		let Some(balance) = balance else { continue };
		if balance < EXISTENTIAL_DEPOSIT {
			check.problems.push(Problem::EndowmentBelowExistentialDeposit {
				endowment: entry.name.clone(),
				balance: format_gene(balance),
			});
			continue;
		}
		match total.checked_add(balance) {
			Some(sum) => total = sum,
			None if !check.problems.contains(&Problem::TotalIssuanceOverflow) => {
				check.problems.push(Problem::TotalIssuanceOverflow)
			}
			None => {}
		}
		if let Some(account) = account {
			if check.unique("endowments", &mut seen, &account, &entry.name) {
				endowments.push((account, balance));
			}
		}
	}

	if !check.problems.is_empty() {
		return Err(Problems(check.problems));
	}
	let mut warnings = Vec::new();
	let endowed = |account: &AccountId| endowments.iter().any(|(endowed, _)| endowed == account);
	for (body, accounts) in [
		("Council member", &council),
		("Ethics Committee member", &ethics_committee),
		("organisation", &organisations.iter().map(|(account, _)| account.clone()).collect()),
	] {
		for account in accounts.iter().filter(|account| !endowed(account)) {
			warnings.push(format!(
				"{body} {account} has no endowment: it cannot pay fees until someone sends it GENE"
			));
		}
	}
	Ok(Consortium {
		name: chain.name,
		id: chain.id,
		chain_type,
		para_id: chain.para_id,
		relay_chain: chain.relay_chain,
		protocol_id: chain.protocol_id.unwrap_or_else(|| "genochain".into()),
		boot_nodes,
		council,
		ethics_committee,
		organisations,
		collators,
		endowments,
		total_endowment: total,
		warnings,
	})
}

struct Checker {
	problems: Vec<Problem>,
	/// The public keys of the development phrase's well-known derivations, computed on first use.
	development_keys: Option<Vec<(sr25519::Public, String)>>,
}

impl Checker {
	/// The members of a body that must have one to `max` members, each account once.
	fn body(
		&mut self,
		body: &'static str,
		members: &[Member],
		max: u32,
		live: bool,
	) -> Vec<AccountId> {
		if members.is_empty() {
			self.problems.push(Problem::EmptyBody { body });
		}
		self.at_most(body, members.len(), max);
		let mut seen = BTreeMap::new();
		let field = body.replace(' ', "_");
		members
			.iter()
			.enumerate()
			.filter_map(|(index, member)| {
				let field = format!("{field}[{index}] `{}`", member.name);
				let account = self.account(&field, &member.account, live)?;
				self.unique(body, &mut seen, &account, &member.name).then_some(account)
			})
			.collect()
	}

	fn at_most(&mut self, body: &'static str, count: usize, max: u32) {
		if u32::try_from(count).map_or(true, |count| count > max) {
			self.problems.push(Problem::TooManyMembers { body, count, max });
		}
	}

	/// Whether `account` is new in `seen`; a problem names both entries otherwise.
	fn unique(
		&mut self,
		body: &'static str,
		seen: &mut BTreeMap<AccountId, String>,
		account: &AccountId,
		name: &str,
	) -> bool {
		match seen.insert(account.clone(), name.into()) {
			None => true,
			Some(first) => {
				self.problems.push(Problem::DuplicateMember {
					body,
					account: account.to_ss58check(),
					names: (first, name.into()),
				});
				false
			}
		}
	}

	fn account(&mut self, field: &str, value: &str, live: bool) -> Option<AccountId> {
		self.public_key(&format!("{field}.account"), value, live).map(|key| AccountId::from(key.0))
	}

	fn public_key(&mut self, field: &str, value: &str, live: bool) -> Option<sr25519::Public> {
		let key = match parse_public(value) {
			Ok(key) => key,
			Err(reason) => {
				self.problems.push(Problem::InvalidAccount {
					field: field.into(),
					value: value.into(),
					reason,
				});
				return None;
			}
		};
		if live {
			let development = self.development_keys.get_or_insert_with(development_keys);
			if let Some((_, derivation)) = development.iter().find(|(public, _)| *public == key) {
				self.problems.push(Problem::DevelopmentKey {
					field: field.into(),
					derivation: derivation.clone(),
				});
			}
		}
		Some(key)
	}
}

/// An SS58 address of any network, or 32 bytes of 0x-hex.
fn parse_public(value: &str) -> Result<sr25519::Public, String> {
	if value.starts_with("0x") {
		let bytes =
			polkadot_sdk::sp_core::bytes::from_hex(value).map_err(|error| error.to_string())?;
		let bytes: [u8; 32] = bytes
			.try_into()
			.map_err(|bytes: Vec<u8>| format!("{} bytes instead of 32", bytes.len()))?;
		return Ok(sr25519::Public::from_raw(bytes));
	}
	sr25519::Public::from_ss58check_with_version(value)
		.map(|(key, _format)| key)
		.map_err(|error| error.to_string())
}

/// The development phrase's well-known keys: the keyring's (`//Alice` … and their `//stash`), the
/// development organisations' and zombienet's collators'.
fn development_keys() -> Vec<(sr25519::Public, String)> {
	let mut keys: Vec<(sr25519::Public, String)> = Sr25519Keyring::iter()
		.map(|keyring| {
			let name: &'static str = keyring.into();
			(keyring.public(), format!("//{name}"))
		})
		.collect();
	for name in ["Lab", "Custodian", "Researcher", "Collator-1", "Collator-2", "Collator-3"] {
		let derivation = format!("//{name}");
		if let Ok(pair) = sr25519::Pair::from_string(&derivation, None) {
			keys.push((pair.public(), derivation));
		}
	}
	keys
}

/// `"<amount> GENE"` with up to [`TOKEN_DECIMALS`] decimals, or `"<amount> planck"`.
pub fn parse_balance(value: &str) -> Result<Balance, String> {
	let (amount, unit) =
		value.trim().split_once(' ').ok_or("no unit; write `GENE` or `planck` after the amount")?;
	let digits = |digits: &str| -> Result<Balance, String> {
		if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
			return Err(format!("`{digits}` is not a whole number"));
		}
		digits.parse::<Balance>().map_err(|_| "too large for a balance".to_string())
	};
	match unit.trim() {
		"planck" => digits(amount),
		"GENE" => {
			let (whole, fraction) = amount.split_once('.').unwrap_or((amount, ""));
			let decimals = usize::from(TOKEN_DECIMALS);
			if fraction.len() > decimals {
				return Err(format!("more than {decimals} decimals"));
			}
			let whole = digits(whole)?;
			let fraction =
				if fraction.is_empty() { 0 } else { digits(&format!("{fraction:0<decimals$}"))? };
			whole
				.checked_mul(GENE)
				.and_then(|whole| whole.checked_add(fraction))
				.ok_or_else(|| "too large for a balance".to_string())
		}
		other => Err(format!("unknown unit `{other}`")),
	}
}

/// `balance` in GENE, with as many decimals as it needs.
pub fn format_gene(balance: Balance) -> String {
	let whole = balance / GENE;
	let fraction = balance % GENE;
	if fraction == 0 {
		return format!("{whole} GENE");
	}
	let decimals = usize::from(TOKEN_DECIMALS);
	let fraction = format!("{fraction:0>decimals$}");
	format!("{whole}.{} GENE", fraction.trim_end_matches('0'))
}
