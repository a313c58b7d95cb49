//! GA4GH DRS 1.4: objects, access and download, each release decided by the chain.
//!
//! An access request states the use (a `RequestedUse`, as `Consent.record_access` takes it). The
//! gateway asks `ConsentApi.check_release` at the latest finalized block whether a consent of the
//! object's subject covers that use by this researcher, released by this custodian. When it does,
//! the gateway records the access on chain (`Consent.record_access`, through the submitter) and
//! only once that transaction is finalized answers with an access URL, whose download carries the
//! consent id and the transaction hash in its headers. When the chain refuses, when it cannot be
//! asked, or when recording fails, nothing is released and the answer says which.

use super::{limits::Limited, well_formed_id, Gateway, Problem, Ticket, ACCESS_ID};
use crate::{
	auth::expiry,
	chain::{submitter::SubmitError, ReleaseQuestion},
	store::{
		catalogue::{ObjectRecord, Outcome, Release},
		new_id, now, StoreError,
	},
};
use axum::{
	body::Body,
	extract::{Path, State},
	http::{header, HeaderMap, HeaderValue, StatusCode},
	response::{IntoResponse, Response},
	Json,
};
use base64::{engine::general_purpose::STANDARD as BASE64, Engine};
use futures::StreamExt;
use genochain_primitives::{consent::AccessRefusal, duo::RequestedUse};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::sync::Arc;

/// Response headers of a download.
pub const CONSENT_HEADER: &str = "genochain-consent-id";
pub const TRANSACTION_HEADER: &str = "genochain-access-transaction";
pub const BLOCK_HEADER: &str = "genochain-access-block";

pub async fn service_info(State(gateway): State<Arc<Gateway>>) -> Json<serde_json::Value> {
	Json(json!({
		"id": format!("org.genochain.gateway.{}", gateway.settings.drs_host),
		"name": "Genochain custodian gateway",
		"description": "Releases objects only under a consent the Genochain chain confirms, and \
			records each release on chain.",
		"type": { "group": "org.ga4gh", "artifact": "drs", "version": "1.4.0" },
		"organization": { "name": "Genochain", "url": "https://genochain.org" },
		"version": env!("CARGO_PKG_VERSION"),
		"custodian": subxt::utils::AccountId32(gateway.submitter.account()).to_string(),
		"chain": gateway.chain.url(),
	}))
}

/// A DRS object, as DRS 1.4 describes it.
#[derive(Debug, Serialize, Deserialize)]
pub struct DrsObject {
	pub id: String,
	pub self_uri: String,
	pub size: u64,
	pub created_time: String,
	pub checksums: Vec<Checksum>,
	pub access_methods: Vec<AccessMethod>,
	/// The dataset the chain knows the object by.
	pub dataset: String,
	pub category: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Checksum {
	pub checksum: String,
	#[serde(rename = "type")]
	pub kind: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct AccessMethod {
	#[serde(rename = "type")]
	pub kind: String,
	pub access_id: String,
}

pub fn drs_object(gateway: &Gateway, object: &ObjectRecord) -> DrsObject {
	DrsObject {
		id: object.id.clone(),
		self_uri: format!("drs://{}/{}", gateway.settings.drs_host, object.id),
		size: object.size,
		created_time: rfc3339(object.created_at),
		checksums: vec![Checksum { checksum: hex::encode(object.sha256), kind: "sha-256".into() }],
		access_methods: vec![AccessMethod { kind: "https".into(), access_id: ACCESS_ID.into() }],
		dataset: format!("0x{}", hex::encode(object.dataset.as_bytes())),
		category: format!("{:?}", object.category),
	}
}

/// Unix seconds as an RFC 3339 UTC time.
fn rfc3339(seconds: i64) -> String {
	chrono::DateTime::from_timestamp(seconds, 0)
		.unwrap_or_default()
		.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

async fn find(gateway: &Gateway, id: &str) -> Result<ObjectRecord, Problem> {
	if !well_formed_id(id) {
		return Err(Problem::bad_request(format!(
			"{id:?} is not an object id: ids are 32 lowercase hex digits"
		)));
	}
	gateway
		.store
		.catalogue
		.object(id)
		.await
		.map_err(|e| Problem::internal(e.to_string()))?
		.ok_or_else(|| Problem::not_found(format!("no object {id} at this gateway")))
}

pub async fn object(
	State(gateway): State<Arc<Gateway>>,
	Path(object_id): Path<String>,
	headers: HeaderMap,
) -> Result<Json<DrsObject>, Problem> {
	gateway.researcher(&headers)?;
	let object = find(&gateway, &object_id).await?;
	Ok(Json(drs_object(&gateway, &object)))
}

/// The body of an access request (DRS 1.2+ takes access requests by POST): the use, stated by a
/// signed-in researcher, or a visa of this gateway, which names the researcher and the use.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccessRequest {
	#[serde(rename = "use", default)]
	pub requested: Option<RequestedUse>,
	/// GA4GH passports or visas (DRS 1.3+).
	#[serde(default)]
	pub passports: Vec<String>,
}

/// A DRS AccessURL, with what the chain recorded.
#[derive(Debug, Serialize, Deserialize)]
pub struct AccessUrl {
	pub url: String,
	pub headers: Vec<String>,
	pub consent_id: u64,
	pub transaction: String,
	pub block_number: u64,
	pub expires_in: u64,
}

/// A refusal by its runtime name: `Revoked`, `UseNotPermitted(CommercialUse)`.
fn refusal_name(refusal: &AccessRefusal) -> String {
	format!("{refusal:?}")
}

/// The answer to a use the chain refused at block `block_number`.
pub(super) fn refusal_problem(refusal: &AccessRefusal, block_number: u64) -> Problem {
	Problem::new(
		StatusCode::FORBIDDEN,
		"consent-refused",
		"No consent on chain covers this use",
		format!("the chain refused at block {block_number}: {}", refusal_name(refusal)),
	)
	.with_refusal(refusal_name(refusal), Some(block_number))
}

pub async fn access(
	State(gateway): State<Arc<Gateway>>,
	Path((object_id, access_id)): Path<(String, String)>,
	headers: HeaderMap,
	body: Result<Json<AccessRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<AccessUrl>, Problem> {
	let Json(request) = body.map_err(|e| {
		Problem::bad_request(format!(
			"the body must be {{\"use\": {{\"purpose\": ..., ...}}}} or {{\"passports\": [visa]}}: {}",
			e.body_text()
		))
	})?;
	// Signed in, the researcher states the use; a visa of this gateway names both instead.
	let signed_in = match request.passports.is_empty() {
		true => Some(gateway.researcher(&headers)?),
		false => None,
	};
	let object = find(&gateway, &object_id).await?;
	if access_id != ACCESS_ID {
		return Err(Problem::not_found(format!(
			"object {object_id} has no access method {access_id:?}; it has {ACCESS_ID:?}"
		)));
	}
	let (accessor, requested, visa) = match signed_in {
		Some(researcher) => {
			let requested = request.requested.ok_or_else(|| {
				Problem::bad_request("state the use: {\"use\": {\"purpose\": ...}}")
			})?;
			(researcher, requested, None)
		}
		None => {
			let accepted = gateway
				.passport
				.key
				.accept(
					&request.passports,
					&gateway.settings.public_url,
					&object.dataset,
					object.category,
					now(),
				)
				.map_err(|e| {
					Problem::unauthorized(format!(
						"no visa of this gateway grants this object: {e}"
					))
				})?;
			if request.requested.as_ref().is_some_and(|stated| *stated != accepted.grant.requested)
			{
				return Err(Problem::bad_request("the stated use differs from the visa's"));
			}
			(accepted.researcher, accepted.grant.requested, Some(accepted.jti))
		}
	};
	let row = gateway
		.store
		.catalogue
		.dataset(&object.dataset)
		.await
		.map_err(|e| Problem::internal(e.to_string()))?
		.ok_or_else(|| Problem::not_found(format!("object {object_id} was erased")))?;
	// Unwrapped before anything is recorded: an access that could not be served is not recorded.
	let key = gateway
		.store
		.unwrap_key(&object.dataset, &row)
		.map_err(|e| Problem::internal(e.to_string()))?;
	let question = ReleaseQuestion {
		custodian: gateway.submitter.account(),
		accessor,
		subject: row.subject,
		dataset: object.dataset,
		category: object.category,
		requested,
	};
	let requested_json =
		serde_json::to_string(&question.requested).map_err(|e| Problem::internal(e.to_string()))?;
	let mut release = Release {
		id: new_id().map_err(|e| Problem::internal(e.to_string()))?,
		object: object.id.clone(),
		dataset: object.dataset,
		accessor,
		requested: requested_json,
		outcome: Outcome::Refused,
		consent: None,
		detail: visa.as_ref().map(|jti| format!("visa {jti}")),
		tx_hash: None,
		block_number: None,
		at: now(),
	};

	let at =
		gateway.chain.finalized().await.map_err(|e| Problem::chain_unavailable(e.to_string()))?;
	if visa.is_some() {
		// A visa stands for a sign-in: the researcher must still be accredited now.
		gateway.require_accredited(&at, &accessor).await?;
	}
	let decision = gateway
		.decide(&at, &question)
		.await
		.map_err(|e| Problem::chain_unavailable(e.to_string()))?;
	let consent_id = match decision {
		Ok(consent_id) => consent_id,
		Err(refusal) => {
			release.detail = Some(refusal_name(&refusal));
			release.block_number = Some(at.block_number());
			ledger(&gateway, &release).await?;
			return Err(refusal_problem(&refusal, at.block_number()));
		}
	};

	release.consent = Some(consent_id);
	if let Err(limited) = gateway.accesses.admit(&accessor, std::time::Instant::now()) {
		release.outcome = Outcome::Limited;
		ledger(&gateway, &release).await?;
		return Err(match limited {
			Limited::RetryAfter(wait) => Problem::new(
				StatusCode::TOO_MANY_REQUESTS,
				"too-many-accesses",
				"Too many recorded accesses for this researcher; nothing is released",
				format!(
					"at most {} recorded accesses a minute: ask again in {} s (download from the \
					 access URLs you have meanwhile)",
					gateway.settings.max_accesses_per_minute,
					wait.as_secs().saturating_add(1)
				),
			)
			.retry_after(wait.as_secs().saturating_add(1)),
			Limited::Busy => Problem::new(
				StatusCode::SERVICE_UNAVAILABLE,
				"busy",
				"The gateway is busy; nothing is released",
				"too many researchers are asking at once",
			),
		});
	}
	let call = gateway
		.chain
		.call(
			&at,
			"Consent",
			"record_access",
			(
				consent_id,
				question.accessor,
				question.dataset,
				question.category,
				&question.requested,
			),
		)
		.map_err(|e| Problem::chain_unavailable(e.to_string()))?;
	let included = match gateway.submitter.submit(call).await {
		Ok(included) => included,
		Err(e) => {
			release.outcome = Outcome::RecordFailed;
			release.detail = Some(e.to_string());
			ledger(&gateway, &release).await?;
			return Err(match e {
				SubmitError::Refused(error) => Problem::new(
					StatusCode::FORBIDDEN,
					"record-refused",
					"The chain refused to record the access; nothing is released",
					format!("Consent.record_access was refused: {error}"),
				)
				.with_refusal(error, None),
				SubmitError::Busy => Problem::new(
					StatusCode::SERVICE_UNAVAILABLE,
					"busy",
					"The gateway is busy; nothing is released",
					e.to_string(),
				),
				SubmitError::Chain(e) => Problem::new(
					StatusCode::BAD_GATEWAY,
					"record-failed",
					"Recording the access on chain failed; nothing is released",
					format!("{e}. The gateway does not retry: ask again to try anew."),
				),
			});
		}
	};

	let tx_hash = format!("{:?}", included.tx_hash);
	release.outcome = Outcome::Recorded;
	release.tx_hash = Some(tx_hash.clone());
	release.block_number = Some(included.block_number);
	ledger(&gateway, &release).await?;
	let ticket = gateway.issue_ticket(Ticket {
		key,
		object: object.clone(),
		consent: consent_id,
		tx_hash: included.tx_hash,
		block_number: included.block_number,
		expires: expiry(gateway.settings.ticket_ttl),
	})?;
	Ok(Json(AccessUrl {
		url: format!("{}/ga4gh/drs/v1/download/{ticket}", gateway.settings.public_url),
		headers: Vec::new(),
		consent_id,
		transaction: tx_hash,
		block_number: included.block_number,
		expires_in: gateway.settings.ticket_ttl.as_secs(),
	}))
}

/// Writes a ledger entry; a release the ledger cannot hold does not happen.
async fn ledger(gateway: &Gateway, release: &Release) -> Result<(), Problem> {
	gateway
		.store
		.catalogue
		.add_release(release)
		.await
		.map_err(|e| Problem::internal(format!("the release ledger cannot be written: {e}")))
}

pub async fn download(
	State(gateway): State<Arc<Gateway>>,
	Path(ticket_id): Path<String>,
) -> Result<Response, Problem> {
	if !well_formed_id(&ticket_id) {
		return Err(Problem::bad_request(format!(
			"{ticket_id:?} is not an access URL of this gateway"
		)));
	}
	let ticket = gateway.ticket(&ticket_id).ok_or_else(|| {
		Problem::new(
			StatusCode::NOT_FOUND,
			"no-access",
			"No such access URL",
			"the access URL is unknown or expired; request access again",
		)
	})?;
	// The object and its key as they were when the access was recorded: an erasure since has
	// deleted the bytes, and the download fails.
	let object = ticket.object;
	let bytes = gateway.store.read_with(&object, ticket.key).await.map_err(|e| match e {
		StoreError::NoObject(_) => Problem::not_found(format!("object {} was erased", object.id)),
		e => Problem::internal(e.to_string()),
	})?;
	let object_id = object.id.clone();
	let body = Body::from_stream(bytes.map(move |piece| {
		piece.map_err(|e| {
			tracing::error!(object = %object_id, "download broke off: {e}");
			std::io::Error::other(e.to_string())
		})
	}));
	let mut response = body.into_response();
	let headers = response.headers_mut();
	headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/octet-stream"));
	headers.insert(header::CONTENT_LENGTH, HeaderValue::from(object.size));
	let value =
		|text: String| HeaderValue::from_str(&text).map_err(|e| Problem::internal(e.to_string()));
	headers.insert(CONSENT_HEADER, HeaderValue::from(ticket.consent));
	headers.insert(TRANSACTION_HEADER, value(format!("{:?}", ticket.tx_hash))?);
	headers.insert(BLOCK_HEADER, HeaderValue::from(ticket.block_number));
	headers.insert("repr-digest", value(format!("sha-256=:{}:", BASE64.encode(object.sha256)))?);
	Ok(response)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn times_are_rfc3339() {
		assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
		assert_eq!(rfc3339(1_796_428_800), "2026-12-05T00:00:00Z");
		assert_eq!(rfc3339(951_825_599), "2000-02-29T11:59:59Z");
	}
}
