//! GA4GH Passport visas ([`crate::passport`]): the gateway's JWKS, and a visa for a signed-in
//! researcher whose stated use a consent covers now.

use super::{drs::refusal_problem, Gateway, Problem};
use crate::{
	chain::ReleaseQuestion,
	passport::{dataset_value, Grant, VisaClaims, VisaObject, CONTROLLED_ACCESS_GRANTS},
	store::{new_id, now},
};
use axum::{extract::State, http::HeaderMap, Json};
use genochain_primitives::{
	consent::{DataCategory, DatasetId},
	duo::RequestedUse,
	redaction::Lookup,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::sync::Arc;
use subxt::utils::AccountId32;

/// Where the JWKS is served, relative to the public URL.
pub const JWKS_PATH: &str = "/.well-known/jwks.json";

pub async fn jwks(State(gateway): State<Arc<Gateway>>) -> Json<Value> {
	Json(json!({ "keys": [gateway.passport.jwk] }))
}

/// A request for a visa: which data, for what.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VisaRequest {
	pub dataset: DatasetId,
	pub category: DataCategory,
	#[serde(rename = "use")]
	pub requested: RequestedUse,
}

/// An issued visa.
#[derive(Debug, Serialize, Deserialize)]
pub struct IssuedVisa {
	pub visa: String,
	pub consent_id: u64,
	/// Unix seconds: no later than the consent's end.
	pub expires_at: i64,
}

pub async fn issue(
	State(gateway): State<Arc<Gateway>>,
	headers: HeaderMap,
	body: Result<Json<VisaRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<IssuedVisa>, Problem> {
	let researcher = gateway.researcher(&headers)?;
	let Json(request) = body.map_err(|e| {
		Problem::bad_request(format!(
			"the body must be {{\"dataset\": \"0x…\", \"category\": \"Variants\", \"use\": {{…}}}}: {}",
			e.body_text()
		))
	})?;
	let unavailable = |e: crate::chain::ChainError| Problem::chain_unavailable(e.to_string());
	let at = gateway.chain.finalized().await.map_err(unavailable)?;
	let keeping = gateway
		.chain
		.dataset(&at, &request.dataset)
		.await
		.map_err(unavailable)?
		.map_err(|refusal| refusal_problem(&refusal, at.block_number()))?;
	let question = ReleaseQuestion {
		custodian: gateway.submitter.account(),
		accessor: researcher,
		subject: keeping.subject,
		dataset: request.dataset,
		category: request.category,
		requested: request.requested.clone(),
	};
	let consent_id = gateway
		.decide(&at, &question)
		.await
		.map_err(unavailable)?
		.map_err(|refusal| refusal_problem(&refusal, at.block_number()))?;
	let Lookup::Found(consent) =
		gateway.chain.consent(&at, consent_id).await.map_err(unavailable)?
	else {
		return Err(Problem::chain_unavailable(format!(
			"the chain allowed consent {consent_id} but does not show it"
		)));
	};
	let clock = gateway.clock(&at).await.map_err(unavailable)?;
	let issued_at = now();
	let mut expires_at = issued_at
		.saturating_add(i64::try_from(gateway.settings.visa_ttl.as_secs()).unwrap_or(i64::MAX));
	if let Some(until) = consent.terms.valid_until {
		// The consent holds through block `until`: a visa ends when that block is due.
		expires_at = expires_at.min(clock.unix_millis_of(until).div_euclid(1000));
	}
	let public_url = &gateway.settings.public_url;
	let claims = VisaClaims {
		iss: public_url.clone(),
		sub: AccountId32(researcher).to_string(),
		iat: issued_at,
		exp: expires_at,
		jti: new_id().map_err(|e| Problem::internal(e.to_string()))?,
		ga4gh_visa_v1: VisaObject {
			kind: CONTROLLED_ACCESS_GRANTS.into(),
			asserted: clock.unix_millis.div_euclid(1000),
			value: dataset_value(&request.dataset),
			source: public_url.clone(),
			by: "dac".into(),
		},
		genochain: Grant {
			consent_id,
			custodian: AccountId32(gateway.submitter.account()).to_string(),
			category: request.category,
			requested: request.requested,
			block_number: at.block_number(),
		},
	};
	let visa = gateway
		.passport
		.key
		.sign(&claims, &format!("{public_url}{JWKS_PATH}"))
		.map_err(|e| Problem::internal(e.to_string()))?;
	Ok(Json(IssuedVisa { visa, consent_id, expires_at }))
}
