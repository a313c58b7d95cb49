//! The custodian's uploads: an object of a dataset the chain knows and this custodian keeps.

use super::{
	bearer,
	drs::{drs_object, DrsObject},
	Gateway, Problem,
};
use crate::store::{NewObject, StoreError};
use axum::{
	body::Body,
	extract::{Query, State},
	http::{header, HeaderMap, StatusCode},
	Json,
};
use futures::StreamExt;
use genochain_primitives::{consent::DataCategory, Hash as DatasetId};
use serde::Deserialize;
use std::{str::FromStr, sync::Arc};

/// Longest file name kept.
const MAX_NAME: usize = 255;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UploadQuery {
	/// The dataset id on chain: an anchor id or a confirmed accession, 0x-hex.
	pub dataset: String,
	/// The kind of data (`Variants`, `SequenceReads`, `Phenotype`, ...): what a consent's scope
	/// names.
	pub category: String,
	/// The file's name, for the custodian's own records.
	pub name: String,
}

fn check_admin(gateway: &Gateway, headers: &HeaderMap) -> Result<(), Problem> {
	let given = bearer(headers)
		.ok_or_else(|| Problem::unauthorized("uploads need the custodian's admin token"))?;
	// Compared in constant time: the token is a secret.
	let expected = gateway.settings.admin_token.as_bytes();
	let same = given.len() == expected.len()
		&& given.bytes().zip(expected).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
	if same {
		Ok(())
	} else {
		Err(Problem::unauthorized("the admin token is wrong"))
	}
}

pub async fn upload(
	State(gateway): State<Arc<Gateway>>,
	query: Result<Query<UploadQuery>, axum::extract::rejection::QueryRejection>,
	headers: HeaderMap,
	body: Body,
) -> Result<(StatusCode, Json<DrsObject>), Problem> {
	check_admin(&gateway, &headers)?;
	let Query(query) = query.map_err(|e| Problem::bad_request(e.body_text()))?;
	let dataset = DatasetId::from_str(query.dataset.trim_start_matches("0x")).map_err(|_| {
		Problem::bad_request(format!("dataset {:?} is not 32 bytes in hex", query.dataset))
	})?;
	let category: DataCategory = serde_json::from_value(serde_json::Value::String(
		query.category.clone(),
	))
	.map_err(|_| {
		Problem::bad_request(format!(
			"category {:?} is not one of Variants, SequenceReads, Transcriptome, Phenotype, \
				 Clinical, Imaging",
			query.category
		))
	})?;
	if query.name.is_empty()
		|| query.name.len() > MAX_NAME
		|| query.name.contains(['/', '\\', '\0'])
	{
		return Err(Problem::bad_request(format!(
			"name {:?}: give a plain file name of 1 to {MAX_NAME} bytes",
			query.name
		)));
	}
	let max = gateway.settings.max_upload;
	let too_large = || {
		Problem::new(
			StatusCode::PAYLOAD_TOO_LARGE,
			"too-large",
			"The upload is too large",
			format!("this gateway takes objects of up to {max} bytes"),
		)
	};
	let declared = headers
		.get(header::CONTENT_LENGTH)
		.and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
	if declared.is_some_and(|length| length > max) {
		return Err(too_large());
	}

	let at =
		gateway.chain.finalized().await.map_err(|e| Problem::chain_unavailable(e.to_string()))?;
	let keeping = gateway
		.chain
		.dataset(&at, &dataset)
		.await
		.map_err(|e| Problem::chain_unavailable(e.to_string()))?
		.map_err(|refusal| {
			Problem::new(
				StatusCode::UNPROCESSABLE_ENTITY,
				"unknown-dataset",
				"The chain does not know this dataset",
				format!("dataset {}: {refusal:?} at block {}", query.dataset, at.block_number()),
			)
			.with_refusal(format!("{refusal:?}"), Some(at.block_number()))
		})?;
	if keeping.custodian != Some(gateway.submitter.account()) {
		return Err(Problem::new(
			StatusCode::UNPROCESSABLE_ENTITY,
			"not-the-custodian",
			"This gateway's custodian does not keep the dataset",
			format!(
				"on chain, dataset {} is kept by {}",
				query.dataset,
				keeping
					.custodian
					.map(|c| subxt::utils::AccountId32(c).to_string())
					.unwrap_or_else(|| "no custodian".into())
			),
		));
	}

	let new = NewObject { dataset, subject: keeping.subject, name: query.name, category };
	let stream = body.into_data_stream().map(|piece| piece.map_err(|e| e.to_string()));
	let object = gateway.store.put(new, stream, max).await.map_err(|e| match e {
		StoreError::TooLarge(_) => too_large(),
		StoreError::Interrupted(_) => Problem::bad_request(e.to_string()),
		StoreError::DatasetOfAnotherSubject(_) => Problem::new(
			StatusCode::CONFLICT,
			"dataset-conflict",
			"The gateway holds this dataset for another subject",
			e.to_string(),
		),
		e => Problem::internal(e.to_string()),
	})?;
	Ok((StatusCode::CREATED, Json(drs_object(&gateway, &object))))
}
