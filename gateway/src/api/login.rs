//! Signing in: a challenge, then a bearer token for its signature, for accredited researchers.

use super::{Gateway, Problem};
use crate::auth::{AccountId, AuthError, Challenge, Token};
use axum::{extract::State, http::StatusCode, Json};
use serde::Deserialize;
use std::{str::FromStr, sync::Arc};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChallengeRequest {
	/// The researcher's account, SS58.
	pub account: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
	pub account: String,
	/// The challenge text, exactly as issued.
	pub challenge: String,
	/// The account's sr25519 signature of it, hex.
	pub signature: String,
}

type JsonBody<T> = Result<Json<T>, axum::extract::rejection::JsonRejection>;

fn body<T>(body: JsonBody<T>) -> Result<T, Problem> {
	body.map(|Json(body)| body).map_err(|e| Problem::bad_request(e.body_text()))
}

fn account(text: &str) -> Result<AccountId, Problem> {
	subxt::utils::AccountId32::from_str(text)
		.map(|account| account.0)
		.map_err(|e| Problem::bad_request(format!("account {text:?} is not an SS58 address: {e}")))
}

fn auth_problem(e: AuthError) -> Problem {
	match e {
		AuthError::Busy => Problem::new(
			StatusCode::SERVICE_UNAVAILABLE,
			"busy",
			"The gateway is busy",
			e.to_string(),
		),
		AuthError::MalformedSignature => Problem::bad_request(e.to_string()),
		e => Problem::unauthorized(e.to_string()),
	}
}

pub async fn challenge(
	State(gateway): State<Arc<Gateway>>,
	request: JsonBody<ChallengeRequest>,
) -> Result<Json<Challenge>, Problem> {
	let request = body(request)?;
	let account = account(&request.account)?;
	gateway.auth.challenge(&account).map(Json).map_err(auth_problem)
}

pub async fn token(
	State(gateway): State<Arc<Gateway>>,
	request: JsonBody<TokenRequest>,
) -> Result<Json<Token>, Problem> {
	let request = body(request)?;
	let account = account(&request.account)?;
	gateway.auth.answer(&account, &request.challenge, &request.signature).map_err(auth_problem)?;
	let at =
		gateway.chain.finalized().await.map_err(|e| Problem::chain_unavailable(e.to_string()))?;
	gateway.require_accredited(&at, &account).await?;
	gateway.auth.open_session(&account).map(Json).map_err(auth_problem)
}
