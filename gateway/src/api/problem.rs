//! Errors as RFC 9457 problem details (`application/problem+json`): a status, a title that says
//! what happened, a detail, and for the chain's refusals the refusal by its runtime name.

use axum::{
	http::{header, HeaderValue, StatusCode},
	response::{IntoResponse, Response},
};
use serde::Serialize;

/// A problem the gateway answers with.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
	/// A short slug, served as the `type` URI.
	#[serde(rename = "type", serialize_with = "problem_type")]
	pub kind: &'static str,
	pub title: &'static str,
	pub status: u16,
	pub detail: String,
	/// The chain's refusal (`Revoked`, `UseNotPermitted(CommercialUse)`, `Consent.Revoked`), when
	/// the chain refused.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub refusal: Option<String>,
	/// The finalized block the chain was asked at.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub block_number: Option<u64>,
	/// Seconds to wait before asking again (also the `Retry-After` header).
	#[serde(skip_serializing_if = "Option::is_none")]
	pub retry_after: Option<u64>,
}

impl Problem {
	/// A problem of kind `kind` (a short slug, made into the `type` URI).
	pub fn new(
		status: StatusCode,
		kind: &'static str,
		title: &'static str,
		detail: impl Into<String>,
	) -> Self {
		Self {
			kind,
			title,
			status: status.as_u16(),
			detail: detail.into(),
			refusal: None,
			block_number: None,
			retry_after: None,
		}
	}

	pub fn bad_request(detail: impl Into<String>) -> Self {
		Self::new(StatusCode::BAD_REQUEST, "bad-request", "The request is malformed", detail)
	}

	pub fn not_found(detail: impl Into<String>) -> Self {
		Self::new(StatusCode::NOT_FOUND, "not-found", "No such object", detail)
	}

	pub fn unauthorized(detail: impl Into<String>) -> Self {
		Self::new(StatusCode::UNAUTHORIZED, "unauthorized", "Sign in first", detail)
	}

	pub fn internal(detail: impl Into<String>) -> Self {
		Self::new(
			StatusCode::INTERNAL_SERVER_ERROR,
			"internal",
			"The gateway failed; nothing was released",
			detail,
		)
	}

	/// The chain cannot be asked: the gateway fails closed.
	pub fn chain_unavailable(detail: impl Into<String>) -> Self {
		Self::new(
			StatusCode::SERVICE_UNAVAILABLE,
			"chain-unavailable",
			"The chain cannot be reached, so nothing is released",
			detail,
		)
	}

	pub fn retry_after(mut self, seconds: u64) -> Self {
		self.retry_after = Some(seconds);
		self
	}

	pub fn with_refusal(mut self, refusal: String, block_number: Option<u64>) -> Self {
		self.refusal = Some(refusal);
		self.block_number = block_number;
		self
	}
}

fn problem_type<S: serde::Serializer>(
	kind: &&'static str,
	serializer: S,
) -> Result<S::Ok, S::Error> {
	serializer.serialize_str(&format!("https://genochain.org/problems/{kind}"))
}

impl IntoResponse for Problem {
	fn into_response(self) -> Response {
		let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
		let body = serde_json::to_vec(&self).unwrap_or_default();
		let mut response = (status, body).into_response();
		response
			.headers_mut()
			.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
		if let Some(seconds) = self.retry_after {
			response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
		}
		if status == StatusCode::UNAUTHORIZED {
			response
				.headers_mut()
				.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
		}
		response
	}
}
