//! A researcher's client of a custodian's gateway (GA4GH DRS, `genochain-gateway`): sign in with
//! the chain key, ask for access stating the use, download, check the checksum.

use crate::error::{Error, Result};
use genochain_primitives::duo::RequestedUse;
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::{io::Write, path::Path, str::FromStr, time::Duration};
use subxt_signer::sr25519::Keypair;

/// How long to wait for the gateway to answer a request (the access request waits for the
/// chain to finalize the recorded access, so it may take a few blocks).
const ANSWER_TIMEOUT: Duration = Duration::from_secs(180);

/// A DRS URI: `drs://HOST[:PORT]/ID`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrsUri {
	pub host: String,
	pub id: String,
}

impl FromStr for DrsUri {
	type Err = Error;

	fn from_str(text: &str) -> Result<Self> {
		let usage = |problem: &str| {
			Error::Usage(format!("{text}: {problem}; a DRS URI reads drs://HOST[:PORT]/OBJECT_ID"))
		};
		let rest = text.strip_prefix("drs://").ok_or_else(|| usage("not a drs:// URI"))?;
		let (host, id) = rest.split_once('/').ok_or_else(|| usage("no object id"))?;
		if host.is_empty() || id.is_empty() || id.contains(['/', '?', '#']) {
			return Err(usage("malformed"));
		}
		Ok(DrsUri { host: host.into(), id: id.into() })
	}
}

impl DrsUri {
	/// The gateway's base URL as DRS resolves hostname-based URIs: `https://HOST`, or `http://`
	/// for a gateway on this machine.
	pub fn base_url(&self) -> String {
		let host = self.host.rsplit_once(':').map_or(self.host.as_str(), |(host, _)| host);
		let local = matches!(host, "localhost" | "127.0.0.1" | "[::1]");
		format!("{}://{}", if local { "http" } else { "https" }, self.host)
	}
}

/// The requested use, from `--use`: a `RequestedUse` as JSON (`{"purpose":
/// "HealthMedicalBiomedical", "commercial": false, ...}`) or just a DUO permission's name
/// (`HealthMedicalBiomedical`, `GeneralResearchUse`, ...).
pub fn parse_use(text: &str) -> Result<RequestedUse> {
	let json = if text.trim_start().starts_with('{') {
		text.to_string()
	} else {
		serde_json::json!({ "purpose": text.trim() }).to_string()
	};
	serde_json::from_str(&json).map_err(|e| {
		Error::Usage(format!(
			"--use {text}: {e}; give a DUO permission (HealthMedicalBiomedical, \
			 GeneralResearchUse, …) or a JSON RequestedUse such as \
			 {{\"purpose\": \"HealthMedicalBiomedical\", \"ethics_approval\": true}}"
		))
	})
}

/// A DRS object, as much of it as `fetch` reads.
#[derive(Debug, Clone, Deserialize)]
pub struct DrsObject {
	pub id: String,
	pub size: u64,
	pub checksums: Vec<Checksum>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Checksum {
	pub checksum: String,
	#[serde(rename = "type")]
	pub kind: String,
}

impl DrsObject {
	/// The SHA-256 the gateway states, lowercase hex.
	pub fn sha256(&self) -> Option<&str> {
		self.checksums.iter().find(|c| c.kind == "sha-256").map(|c| c.checksum.as_str())
	}
}

/// A granted access: where to download, and what the chain recorded.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct AccessUrl {
	pub url: String,
	pub consent_id: u64,
	pub transaction: String,
	pub block_number: u64,
}

/// A problem the gateway answered with (RFC 9457).
#[derive(Debug, Clone, Deserialize)]
struct Problem {
	title: String,
	#[serde(default)]
	detail: String,
	refusal: Option<String>,
}

/// A signed-in session with one gateway.
pub struct Gateway {
	base: String,
	http: reqwest::Client,
	token: String,
}

impl Gateway {
	/// Signs in to the gateway at `base` as `signer`: a challenge, signed, for a bearer token.
	pub async fn sign_in(base: &str, signer: &Keypair) -> Result<Self> {
		// HTTPS through rustls with ring's primitives; one provider for the process.
		let _ = rustls::crypto::ring::default_provider().install_default();
		let http = reqwest::Client::builder()
			.timeout(ANSWER_TIMEOUT)
			.build()
			.map_err(|e| Error::gateway(base, "cannot make an HTTP client").because(e))?;
		let mut gateway =
			Gateway { base: base.trim_end_matches('/').into(), http, token: String::new() };
		let account = subxt::utils::AccountId32(signer.public_key().0).to_string();
		#[derive(Deserialize)]
		struct Challenge {
			challenge: String,
		}
		let challenge: Challenge =
			gateway.post("/auth/challenge", &serde_json::json!({ "account": account })).await?;
		let signature = signer.sign(challenge.challenge.as_bytes());
		#[derive(Deserialize)]
		struct Token {
			access_token: String,
		}
		let token: Token = gateway
			.post(
				"/auth/token",
				&serde_json::json!({
					"account": account,
					"challenge": challenge.challenge,
					"signature": format!("0x{}", hex::encode(signature.0)),
				}),
			)
			.await?;
		gateway.token = token.access_token;
		Ok(gateway)
	}

	async fn answer<T: DeserializeOwned>(
		&self,
		path: &str,
		response: reqwest::Response,
	) -> Result<T> {
		let status = response.status();
		let body = response.bytes().await.map_err(|e| {
			Error::gateway(&self.base, format!("{path}: the answer broke off")).because(e)
		})?;
		if status.is_success() {
			return serde_json::from_slice(&body).map_err(|e| {
				Error::gateway(&self.base, format!("{path}: an answer this genochain cannot read"))
					.because(e)
			});
		}
		match serde_json::from_slice::<Problem>(&body) {
			Ok(problem)
				if problem.refusal.is_some() || status == reqwest::StatusCode::FORBIDDEN =>
			{
				Err(Error::Refused {
					url: self.base.clone(),
					problem: format!("{}: {}", problem.title, problem.detail),
					refusal: problem.refusal,
				})
			}
			Ok(problem) => Err(Error::gateway(
				&self.base,
				format!("{path}: {status}: {}: {}", problem.title, problem.detail),
			)),
			Err(_) => Err(Error::gateway(&self.base, format!("{path}: {status}"))),
		}
	}

	async fn post<T: DeserializeOwned>(&self, path: &str, body: &serde_json::Value) -> Result<T> {
		let mut request = self.http.post(format!("{}{path}", self.base)).json(body);
		if !self.token.is_empty() {
			request = request.bearer_auth(&self.token);
		}
		let response = request.send().await.map_err(|e| self.unreachable(path, e))?;
		self.answer(path, response).await
	}

	fn unreachable(&self, path: &str, e: reqwest::Error) -> Error {
		Error::gateway(&self.base, format!("{path}: cannot be reached")).because(e)
	}

	/// The object `id`.
	pub async fn object(&self, id: &str) -> Result<DrsObject> {
		let path = format!("/ga4gh/drs/v1/objects/{id}");
		let response = self
			.http
			.get(format!("{}{path}", self.base))
			.bearer_auth(&self.token)
			.send()
			.await
			.map_err(|e| self.unreachable(&path, e))?;
		self.answer(&path, response).await
	}

	/// Access to object `id` for `requested`: granted once the chain has recorded it.
	pub async fn access(&self, id: &str, requested: &RequestedUse) -> Result<AccessUrl> {
		let path = format!("/ga4gh/drs/v1/objects/{id}/access/gateway");
		self.post(&path, &serde_json::json!({ "use": requested })).await
	}

	/// Downloads `object` from `access` into `output` (a new file; nothing is left there unless
	/// the whole object arrived and its SHA-256 is the one stated), calling `progress` with the
	/// bytes received so far.
	pub async fn download(
		&self,
		object: &DrsObject,
		access: &AccessUrl,
		output: &Path,
		mut progress: impl FnMut(u64),
	) -> Result<String> {
		let expected = object.sha256().ok_or_else(|| {
			Error::gateway(&self.base, format!("object {} states no SHA-256", object.id))
		})?;
		if output.exists() {
			return Err(Error::file(output, "exists already; choose another --output"));
		}
		let directory = match output.parent() {
			Some(parent) if !parent.as_os_str().is_empty() => parent,
			_ => Path::new("."),
		};
		let write_failed = |e: std::io::Error| Error::file(output, "cannot write").because(e);
		let mut file = tempfile::NamedTempFile::new_in(directory).map_err(write_failed)?;
		let mut response = self
			.http
			.get(&access.url)
			.send()
			.await
			.map_err(|e| self.unreachable("the download", e))?;
		if !response.status().is_success() {
			return self.answer("the download", response).await;
		}
		let mut hasher = Sha256::new();
		let mut received: u64 = 0;
		loop {
			let chunk = response.chunk().await.map_err(|e| {
				Error::gateway(
					&self.base,
					format!("the download broke off after {received} of {} bytes", object.size),
				)
				.because(e)
			})?;
			let Some(chunk) = chunk else { break };
			hasher.update(&chunk);
			file.write_all(&chunk).map_err(write_failed)?;
			received = received.saturating_add(chunk.len() as u64);
			progress(received);
		}
		if received != object.size {
			return Err(Error::gateway(
				&self.base,
				format!("the download ended after {received} of {} bytes", object.size),
			));
		}
		let actual = hex::encode(hasher.finalize());
		if actual != expected {
			return Err(Error::gateway(
				&self.base,
				format!(
					"the download's SHA-256 is {actual}, not the {expected} the gateway states"
				),
			));
		}
		file.as_file().sync_all().map_err(write_failed)?;
		file.persist_noclobber(output).map_err(|e| write_failed(e.error))?;
		Ok(actual)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn drs_uris_resolve_to_the_gateway() {
		let uri: DrsUri =
			"drs://127.0.0.1:8700/0123456789abcdef0123456789abcdef".parse().expect("uri");
		assert_eq!(uri.id, "0123456789abcdef0123456789abcdef");
		assert_eq!(uri.base_url(), "http://127.0.0.1:8700");
		let remote: DrsUri = "drs://drs.custodian.example/abc".parse().expect("uri");
		assert_eq!(remote.base_url(), "https://drs.custodian.example");
		for bad in ["https://x/abc", "drs://x", "drs:///abc", "drs://x/a/b"] {
			assert!(matches!(bad.parse::<DrsUri>(), Err(Error::Usage(_))), "{bad}");
		}
	}

	#[test]
	fn a_use_is_a_permission_or_json() {
		let plain = parse_use("HealthMedicalBiomedical").expect("a permission");
		assert!(!plain.commercial);
		let json =
			parse_use(r#"{"purpose": "GeneralResearchUse", "commercial": true}"#).expect("json");
		assert!(json.commercial);
		assert!(matches!(parse_use("Everything"), Err(Error::Usage(_))));
		assert!(matches!(
			parse_use(r#"{"purpose": "GeneralResearchUse", "comercial": true}"#),
			Err(Error::Usage(_))
		));
	}
}
