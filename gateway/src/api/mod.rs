//! The gateway's HTTP interface:
//!
//! | route | who | what |
//! | --- | --- | --- |
//! | `GET /ga4gh/drs/v1/service-info` | anyone | GA4GH service-info |
//! | `POST /auth/challenge` | a researcher | a challenge to sign with their chain key |
//! | `POST /auth/token` | a researcher | the signed challenge for a bearer token, if accredited |
//! | `GET /ga4gh/drs/v1/objects/{id}` | a signed-in researcher | the DRS object: size, checksum, access method |
//! | `POST /ga4gh/drs/v1/objects/{id}/access/{access_id}` | a signed-in researcher | the chain's decision for the stated use; when allowed and recorded, an access URL |
//! | `GET /ga4gh/drs/v1/download/{ticket}` | the holder of an access URL | the object's bytes |
//! | `PUT /custodian/objects` | the custodian's staff (admin token) | upload an object of a dataset |
//! | `GET /fhir/Consent/{id}` | anyone | a consent on chain as an HL7 FHIR R5 Consent |
//! | `POST /ga4gh/passport/v1/visas` | a signed-in researcher | a `ControlledAccessGrants` visa for a use a consent covers now |
//! | `GET /.well-known/jwks.json` | anyone | the visa key, vouched for by the custodian's chain key |
//!
//! An access request may present a visa of this gateway (`{"passports": [visa]}`) instead of a
//! bearer token and a stated use.

mod drs;
mod fhir;
mod limits;
mod login;
mod passport;
mod problem;
mod upload;

pub use problem::Problem;

use crate::{
	auth::{AccountId, Auth},
	chain::{block_hash, submitter::Submitter, AtBlock, Chain, ChainError, ReleaseQuestion},
	passport::VisaKey,
	store::{catalogue::ObjectRecord, sealing::DatasetKey, Store},
};
use axum::{
	http::{header, HeaderMap},
	routing::{get, post, put},
	Router,
};
use codec::Encode;
use genochain_fhir::BlockClock;
use genochain_primitives::{
	consent::{AccessRefusal, ConsentId, Role, Standing},
	Hash as H256,
};
use std::{
	collections::HashMap,
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};

/// The DRS access method every object has: download through this gateway.
pub const ACCESS_ID: &str = "gateway";

/// What the routes share.
pub struct Gateway {
	pub store: Store,
	pub chain: Chain,
	pub submitter: Submitter,
	pub auth: Auth,
	pub passport: Passport,
	pub settings: Settings,
	tickets: Mutex<HashMap<String, Ticket>>,
	decisions: Mutex<Decisions>,
	/// The chain's clock at the latest finalized block read: two blocks' timestamps, read once a
	/// block however many consents and visas are asked for.
	clock: Mutex<Option<(H256, BlockClock)>>,
	accesses: limits::AccessLimiter,
}

/// The gateway's visa key and its JWK, the custodian's binding included.
pub struct Passport {
	pub key: VisaKey,
	pub jwk: serde_json::Value,
}

/// The chain's answers to release questions at one finalized block: the same question at the
/// same block has the same answer, so concurrent requests for the same use ask the node once.
#[derive(Default)]
struct Decisions {
	block: H256,
	answers: HashMap<Vec<u8>, Result<ConsentId, AccessRefusal>>,
}

/// Answers kept for one block at most; past it the cache starts again.
const MAX_DECISIONS: usize = 10_000;

/// The gateway's settings that the routes use.
#[derive(Clone, Debug)]
pub struct Settings {
	/// How researchers reach the gateway, without a trailing slash: `https://gw.example.org`.
	pub public_url: String,
	/// The host part of the DRS URIs (`drs://HOST/ID`).
	pub drs_host: String,
	/// Uploads larger than this are refused.
	pub max_upload: u64,
	/// How long an access URL can be used.
	pub ticket_ttl: Duration,
	/// The custodian staff's bearer token for uploads.
	pub admin_token: String,
	/// How long a visa lasts at most (less when the consent ends sooner).
	pub visa_ttl: Duration,
	/// Recorded accesses one researcher may have in any minute.
	pub max_accesses_per_minute: u32,
}

/// A recorded access, redeemable for the object's bytes until it expires.
#[derive(Clone, Debug)]
struct Ticket {
	object: ObjectRecord,
	key: DatasetKey,
	consent: ConsentId,
	tx_hash: H256,
	block_number: u64,
	expires: Instant,
}

/// Tickets held at most.
const MAX_TICKETS: usize = 10_000;

impl Gateway {
	pub fn new(
		store: Store,
		chain: Chain,
		submitter: Submitter,
		auth: Auth,
		passport: Passport,
		settings: Settings,
	) -> Self {
		Self {
			store,
			chain,
			submitter,
			auth,
			passport,
			accesses: limits::AccessLimiter::new(
				settings.max_accesses_per_minute,
				Duration::from_secs(60),
			),
			settings,
			tickets: Mutex::new(HashMap::new()),
			decisions: Mutex::new(Decisions::default()),
			clock: Mutex::new(None),
		}
	}

	/// The researcher a request's bearer token stands for.
	fn researcher(&self, headers: &HeaderMap) -> Result<AccountId, Problem> {
		let token = bearer(headers).ok_or_else(|| {
			Problem::unauthorized("no bearer token: sign in at /auth/challenge and /auth/token")
		})?;
		self.auth.account_of(token).map_err(|e| Problem::unauthorized(e.to_string()))
	}

	/// The chain's clock at the finalized block `at`.
	async fn clock(&self, at: &AtBlock) -> Result<BlockClock, ChainError> {
		let block = block_hash(at);
		if let Ok(Some((cached, clock))) = self.clock.lock().as_deref() {
			if *cached == block {
				return Ok(*clock);
			}
		}
		let clock = self.chain.clock(at).await?;
		if let Ok(mut cached) = self.clock.lock() {
			*cached = Some((block, clock));
		}
		Ok(clock)
	}

	/// Refuses `account` unless it is an accredited researcher at `at`: at sign-in, and for the
	/// researcher of a visa.
	async fn require_accredited(&self, at: &AtBlock, account: &AccountId) -> Result<(), Problem> {
		let standing = self
			.chain
			.standing(at, account, Role::Researcher)
			.await
			.map_err(|e| Problem::chain_unavailable(e.to_string()))?;
		if standing == Standing::Accredited {
			return Ok(());
		}
		Err(Problem::new(
			axum::http::StatusCode::FORBIDDEN,
			"not-accredited",
			"Only accredited researchers get data",
			format!(
				"{} is {standing:?} as a researcher at block {}",
				subxt::utils::AccountId32(*account),
				at.block_number()
			),
		)
		.with_refusal(format!("{standing:?}"), Some(at.block_number())))
	}

	/// Whether a consent covers `question` at the finalized block `at`: the chain's answer,
	/// asked once per block and question.
	async fn decide(
		&self,
		at: &AtBlock,
		question: &ReleaseQuestion,
	) -> Result<Result<ConsentId, AccessRefusal>, ChainError> {
		let block = block_hash(at);
		let key = question.encode();
		if let Ok(decisions) = self.decisions.lock() {
			if decisions.block == block {
				if let Some(answer) = decisions.answers.get(&key) {
					return Ok(*answer);
				}
			}
		}
		let answer = self.chain.check_release(at, question).await?;
		if let Ok(mut decisions) = self.decisions.lock() {
			if decisions.block != block || decisions.answers.len() >= MAX_DECISIONS {
				decisions.block = block;
				decisions.answers.clear();
			}
			decisions.answers.insert(key, answer);
		}
		Ok(answer)
	}

	fn issue_ticket(&self, ticket: Ticket) -> Result<String, Problem> {
		let id = crate::store::new_id().map_err(|e| Problem::internal(e.to_string()))?;
		let mut tickets = self.tickets.lock().map_err(|_| Problem::internal("ticket lock"))?;
		if tickets.len() >= MAX_TICKETS {
			let now = Instant::now();
			tickets.retain(|_, ticket| ticket.expires > now);
		}
		if tickets.len() >= MAX_TICKETS {
			return Err(Problem::internal("too many access URLs are open; try again shortly"));
		}
		tickets.insert(id.clone(), ticket);
		Ok(id)
	}

	fn ticket(&self, id: &str) -> Option<Ticket> {
		let tickets = self.tickets.lock().ok()?;
		tickets.get(id).filter(|ticket| ticket.expires > Instant::now()).cloned()
	}
}

/// The bearer token of a request.
fn bearer(headers: &HeaderMap) -> Option<&str> {
	headers
		.get(header::AUTHORIZATION)?
		.to_str()
		.ok()?
		.strip_prefix("Bearer ")
		.map(str::trim)
		.filter(|token| !token.is_empty())
}

/// Whether `id` is one of the gateway's ids (32 lowercase hex digits): anything else, such as a
/// path with `..` or `/`, is refused before it reaches the catalogue or the object store.
fn well_formed_id(id: &str) -> bool {
	id.len() == 32 && id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The gateway's routes.
pub fn router(gateway: Arc<Gateway>) -> Router {
	Router::new()
		.route("/ga4gh/drs/v1/service-info", get(drs::service_info))
		.route("/ga4gh/drs/v1/objects/{object_id}", get(drs::object))
		.route("/ga4gh/drs/v1/objects/{object_id}/access/{access_id}", post(drs::access))
		.route("/ga4gh/drs/v1/download/{ticket}", get(drs::download))
		.route("/auth/challenge", post(login::challenge))
		.route("/auth/token", post(login::token))
		.route("/custodian/objects", put(upload::upload))
		.route("/fhir/Consent/{consent_id}", get(fhir::consent))
		.route("/ga4gh/passport/v1/visas", post(passport::issue))
		.route(passport::JWKS_PATH, get(passport::jwks))
		.fallback(|| async { Problem::not_found("no such route") })
		.with_state(gateway)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn only_the_gateways_own_ids_are_well_formed() {
		assert!(well_formed_id("0123456789abcdef0123456789abcdef"));
		for bad in [
			"",
			"0123456789ABCDEF0123456789abcdef",
			"../../../../etc/passwd0000000000",
			"0123456789abcdef0123456789abcde/",
			"0123456789abcdef0123456789abcdef0",
			"0123456789abcdef%2e%2e456789abcd",
		] {
			assert!(!well_formed_id(bad), "{bad}");
		}
	}
}
