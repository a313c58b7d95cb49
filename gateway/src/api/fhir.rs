//! HL7 FHIR R5: `GET /fhir/Consent/{id}`, a consent on chain as a FHIR `Consent` resource, read
//! at the latest finalized block, for a hospital's systems to read what the chain enforces.
//!
//! The consent's terms are on chain for anyone to read, so the route asks for no sign-in: it
//! serves nothing the chain does not already publish. Errors are FHIR `OperationOutcome`s: 400
//! for an id that is not a consent number, 404 for a consent the chain never had (or that ended
//! the ordinary way), 410 for one erased (its tombstone's block in the diagnostics), 503 when the
//! chain cannot be read.

use super::Gateway;
use crate::chain::ChainError;
use axum::{
	extract::{Path, State},
	http::{header, HeaderValue, StatusCode},
	response::{IntoResponse, Response},
};
use genochain_fhir::consent_to_fhir;
use genochain_primitives::{consent::ConsentId, redaction::Lookup};
use serde_json::{json, Value};
use std::sync::Arc;

/// FHIR's JSON media type.
pub const FHIR_JSON: &str = "application/fhir+json";

pub async fn consent(State(gateway): State<Arc<Gateway>>, Path(id): Path<String>) -> Response {
	let Ok(id) = id.parse::<ConsentId>() else {
		return outcome(StatusCode::BAD_REQUEST, "invalid", "a consent id is a number");
	};
	match read_consent(&gateway, id).await {
		Ok(response) => response,
		Err(e) => outcome(StatusCode::SERVICE_UNAVAILABLE, "transient", &e.to_string()),
	}
}

async fn read_consent(gateway: &Gateway, id: ConsentId) -> Result<Response, ChainError> {
	let at = gateway.chain.finalized().await?;
	Ok(match gateway.chain.consent(&at, id).await? {
		Lookup::Found(consent) => {
			fhir_json(StatusCode::OK, &consent_to_fhir(&consent, &gateway.clock(&at).await?))
		}
		Lookup::Redacted(tombstone) => outcome(
			StatusCode::GONE,
			"deleted",
			&format!(
				"consent {id} was erased at block {} (erasure case {})",
				tombstone.erased_at, tombstone.case
			),
		),
		Lookup::NotFound => {
			outcome(StatusCode::NOT_FOUND, "not-found", &format!("no consent {id}"))
		}
	})
}

fn fhir_json(status: StatusCode, resource: &Value) -> Response {
	let mut response = (status, serde_json::to_vec(resource).unwrap_or_default()).into_response();
	response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(FHIR_JSON));
	response
}

/// A FHIR `OperationOutcome` with one error: `code` from FHIR's issue-type codes.
fn outcome(status: StatusCode, code: &str, diagnostics: &str) -> Response {
	fhir_json(
		status,
		&json!({
			"resourceType": "OperationOutcome",
			"issue": [{ "severity": "error", "code": code, "diagnostics": diagnostics }],
		}),
	)
}
