//! GA4GH Passport visas: the chain's decision in the form GA4GH tools (Gen3, Terra, EGA) read.
//!
//! For a researcher whose stated use a consent covers now, the gateway issues a
//! `ControlledAccessGrants` visa: a JWT (JWS, ES256) in the GA4GH "visa document token" form, its
//! `jku` the gateway's JWKS. It names the dataset, the researcher (`sub`) and, in a `genochain`
//! claim, the consent, the data category and the stated use; it expires no later than the
//! consent, and after `--visa-ttl` at most.
//!
//! The signing key is the gateway's own P-256 key (`visa.key` in the data directory, made on first
//! start), because JWS has no sr25519 algorithm. The custodian's chain key vouches for it: the JWKS
//! entry carries the custodian's account and its sr25519 signature of
//! `genochain-visa-key:<kid>`, so anyone can check that the key speaks for the custodian
//! accredited on chain.
//!
//! A visa is accepted back (DRS `passports`, on its own or inside a passport) only when this
//! gateway signed it and it has not expired, and then the chain is asked again as for any
//! access: a visa never outlives a revocation.

use crate::auth::AccountId;
use base64::{engine::general_purpose::URL_SAFE_NO_PAD as B64URL, Engine};
use genochain_primitives::{
	consent::{ConsentId, DataCategory, DatasetId},
	duo::RequestedUse,
};
use p256::ecdsa::{
	signature::{Signer, Verifier},
	Signature, SigningKey, VerifyingKey,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use subxt::utils::AccountId32;

/// The JWS algorithm of every visa.
pub const ALGORITHM: &str = "ES256";
/// The visa type this gateway issues.
pub const CONTROLLED_ACCESS_GRANTS: &str = "ControlledAccessGrants";
/// Visas looked at in one request, passports' contents included: each costs a signature check,
/// and anyone may present them, signed in or not.
pub const MAX_VISAS_PER_REQUEST: usize = 16;

/// What the custodian's chain key signs to vouch for the visa key: this, then the key's id.
pub const BINDING_CONTEXT: &str = "genochain-visa-key:";

/// Why a visa was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VisaError {
	#[error("not a JWT (three base64url parts)")]
	Malformed,
	#[error("signed with {0:?}, not ES256 by this gateway's key")]
	OtherAlgorithm(String),
	#[error("signed by another key (kid {0:?})")]
	OtherKey(String),
	#[error("the signature does not hold")]
	BadSignature,
	#[error("issued by {0:?}, not this gateway")]
	OtherIssuer(String),
	#[error("expired")]
	Expired,
	#[error("not a Genochain ControlledAccessGrants visa: {0}")]
	NotOurs(String),
	#[error("the visa is for dataset {visa}, not the object's {object}")]
	OtherDataset { visa: String, object: String },
	#[error("the visa is for {visa:?} data, not the object's {object:?}")]
	OtherCategory { visa: DataCategory, object: DataCategory },
	#[error("the visa key cannot be made: {0}")]
	Key(String),
}

/// What a visa of this gateway grants: claims beyond GA4GH's, under `genochain`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
	pub consent_id: ConsentId,
	/// The custodian whose gateway issued it (SS58).
	pub custodian: String,
	pub category: DataCategory,
	/// The use the researcher stated, which the chain is asked about again on every access.
	#[serde(rename = "use")]
	pub requested: RequestedUse,
	/// The finalized block the chain allowed the use at.
	pub block_number: u64,
}

/// A visa's claims as this gateway writes them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VisaClaims {
	pub iss: String,
	/// The researcher (SS58).
	pub sub: String,
	pub iat: i64,
	pub exp: i64,
	pub jti: String,
	pub ga4gh_visa_v1: VisaObject,
	pub genochain: Grant,
}

/// GA4GH's visa object.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VisaObject {
	#[serde(rename = "type")]
	pub kind: String,
	/// When the grant was asserted: the time of the block the chain allowed it at.
	pub asserted: i64,
	/// The dataset: `urn:genochain:dataset:0x…`.
	pub value: String,
	/// The custodian's gateway.
	pub source: String,
	/// Who decided: the subject's consent, with the ethics committee where the purpose needs it,
	/// in the place of a data access committee.
	pub by: String,
}

/// A visa accepted back: who it is for and what it grants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptedVisa {
	pub researcher: AccountId,
	pub grant: Grant,
	pub jti: String,
}

/// The dataset as a visa's `value` names it.
pub fn dataset_value(dataset: &DatasetId) -> String {
	format!("urn:genochain:dataset:0x{}", hex::encode(dataset.as_bytes()))
}

/// The gateway's visa signing key.
pub struct VisaKey {
	signing: SigningKey,
	kid: String,
}

impl VisaKey {
	/// A new random key, as hex for its file.
	pub fn generate_hex() -> Result<String, VisaError> {
		// A random 32-byte string fails as a P-256 scalar with probability about 2^-32: try again.
		for _ in 0..4 {
			let mut secret = [0u8; 32];
			getrandom::fill(&mut secret).map_err(|e| VisaError::Key(e.to_string()))?;
			if SigningKey::from_slice(&secret).is_ok() {
				return Ok(hex::encode(secret));
			}
		}
		Err(VisaError::Key("no valid P-256 secret drawn".into()))
	}

	/// The key whose secret scalar is `text` (hex).
	pub fn from_hex(text: &str) -> Result<Self, VisaError> {
		let secret = hex::decode(text.trim()).map_err(|e| VisaError::Key(e.to_string()))?;
		let signing = SigningKey::from_slice(&secret).map_err(|e| VisaError::Key(e.to_string()))?;
		let kid = thumbprint(signing.verifying_key());
		Ok(Self { signing, kid })
	}

	/// The key id: its RFC 7638 JWK thumbprint.
	pub fn kid(&self) -> &str {
		&self.kid
	}

	/// Visas looked at in one request, passports' contents included: each costs a signature check,
	/// and anyone may present them, signed in or not.
	pub const MAX_VISAS_PER_REQUEST: usize = 16;

	/// What the custodian's chain key signs to vouch for this key.
	pub fn binding_message(&self) -> Vec<u8> {
		format!("{BINDING_CONTEXT}{}", self.kid).into_bytes()
	}

	/// The public key as a JWK, with the custodian's account and its signature of
	/// [`Self::binding_message`].
	pub fn jwk(&self, custodian: &AccountId, binding: &[u8; 64]) -> Value {
		let (x, y) = coordinates(self.signing.verifying_key());
		json!({
			"kty": "EC",
			"crv": "P-256",
			"x": x,
			"y": y,
			"kid": self.kid,
			"alg": ALGORITHM,
			"use": "sig",
			"genochain_custodian": AccountId32(*custodian).to_string(),
			"genochain_binding": format!("0x{}", hex::encode(binding)),
		})
	}

	/// The signed visa for `claims`.
	pub fn sign(&self, claims: &VisaClaims, jwks_url: &str) -> Result<String, VisaError> {
		let header = json!({ "alg": ALGORITHM, "typ": "JWT", "kid": self.kid, "jku": jwks_url });
		let encode = |value: &Value| B64URL.encode(value.to_string());
		let payload = serde_json::to_value(claims).map_err(|e| VisaError::Key(e.to_string()))?;
		let signing_input = format!("{}.{}", encode(&header), encode(&payload));
		let signature: Signature = self.signing.sign(signing_input.as_bytes());
		Ok(format!("{signing_input}.{}", B64URL.encode(signature.to_bytes())))
	}

	/// The claims of `token` if this key signed it, it was issued by `issuer` and has not
	/// expired at `now` (Unix seconds).
	pub fn verify(&self, token: &str, issuer: &str, now: i64) -> Result<VisaClaims, VisaError> {
		let mut parts = token.split('.');
		let (Some(header_part), Some(payload), Some(signature), None) =
			(parts.next(), parts.next(), parts.next(), parts.next())
		else {
			return Err(VisaError::Malformed);
		};
		let header: Value = decode_part(header_part)?;
		if header["alg"] != ALGORITHM {
			return Err(VisaError::OtherAlgorithm(header["alg"].to_string()));
		}
		if header["kid"] != self.kid.as_str() {
			return Err(VisaError::OtherKey(header["kid"].to_string()));
		}
		let signature = B64URL
			.decode(signature)
			.ok()
			.and_then(|bytes| Signature::from_slice(&bytes).ok())
			.ok_or(VisaError::BadSignature)?;
		let signing_input = format!("{header_part}.{payload}");
		self.signing
			.verifying_key()
			.verify(signing_input.as_bytes(), &signature)
			.map_err(|_| VisaError::BadSignature)?;
		let claims: VisaClaims = decode_part(payload)?;
		if claims.iss != issuer {
			return Err(VisaError::OtherIssuer(claims.iss));
		}
		if claims.exp <= now {
			return Err(VisaError::Expired);
		}
		if claims.ga4gh_visa_v1.kind != CONTROLLED_ACCESS_GRANTS {
			return Err(VisaError::NotOurs(format!("type {}", claims.ga4gh_visa_v1.kind)));
		}
		Ok(claims)
	}

	/// The first visa of this gateway among `passports` (each a visa, or a GA4GH passport whose
	/// `ga4gh_passport_v1` lists visas) that grants `category` data of `dataset`: its researcher
	/// and grant. A passport's own signature is not needed: the visa's is checked. Only the first
	/// [`MAX_VISAS_PER_REQUEST`] visas are looked at.
	pub fn accept(
		&self,
		passports: &[String],
		issuer: &str,
		dataset: &DatasetId,
		category: DataCategory,
		now: i64,
	) -> Result<AcceptedVisa, VisaError> {
		let mut last = VisaError::NotOurs("no visa given".into());
		for token in passports.iter().flat_map(|token| visas_in(token)).take(MAX_VISAS_PER_REQUEST)
		{
			match self.verify(&token, issuer, now).and_then(|claims| {
				let wanted = dataset_value(dataset);
				if claims.ga4gh_visa_v1.value != wanted {
					return Err(VisaError::OtherDataset {
						visa: claims.ga4gh_visa_v1.value,
						object: wanted,
					});
				}
				if claims.genochain.category != category {
					return Err(VisaError::OtherCategory {
						visa: claims.genochain.category,
						object: category,
					});
				}
				let researcher = claims
					.sub
					.parse::<AccountId32>()
					.map_err(|_| VisaError::NotOurs(format!("sub {:?}", claims.sub)))?;
				Ok(AcceptedVisa {
					researcher: researcher.0,
					grant: claims.genochain,
					jti: claims.jti,
				})
			}) {
				Ok(accepted) => return Ok(accepted),
				Err(e) => last = e,
			}
		}
		Err(last)
	}
}

/// The visas in `token`: those a passport lists, or the token itself.
fn visas_in(token: &str) -> Vec<String> {
	let listed =
		token.split('.').nth(1).and_then(|payload| decode_part::<Value>(payload).ok()).and_then(
			|claims| {
				claims["ga4gh_passport_v1"].as_array().map(|visas| {
					visas.iter().filter_map(|v| v.as_str().map(str::to_string)).collect::<Vec<_>>()
				})
			},
		);
	listed.unwrap_or_else(|| vec![token.to_string()])
}

fn decode_part<T: for<'de> Deserialize<'de>>(part: &str) -> Result<T, VisaError> {
	let bytes = B64URL.decode(part).map_err(|_| VisaError::Malformed)?;
	serde_json::from_slice(&bytes).map_err(|e| VisaError::NotOurs(e.to_string()))
}

/// The public key's coordinates, base64url.
fn coordinates(key: &VerifyingKey) -> (String, String) {
	let point = key.to_encoded_point(false);
	let part = |coordinate: Option<&p256::FieldBytes>| {
		B64URL.encode(coordinate.map(|bytes| bytes.as_slice()).unwrap_or_default())
	};
	(part(point.x()), part(point.y()))
}

/// The RFC 7638 thumbprint of the key's JWK.
fn thumbprint(key: &VerifyingKey) -> String {
	let (x, y) = coordinates(key);
	// RFC 7638: the required members in lexicographic order, no whitespace.
	let canonical = format!(r#"{{"crv":"P-256","kty":"EC","x":"{x}","y":"{y}"}}"#);
	B64URL.encode(Sha256::digest(canonical.as_bytes()))
}

#[cfg(test)]
mod tests {
	use super::*;
	use genochain_primitives::Hash as H256;

	const ISSUER: &str = "https://gw.example.org";
	const NOW: i64 = 1_796_428_800;

	fn key() -> VisaKey {
		VisaKey::from_hex(&VisaKey::generate_hex().expect("a key")).expect("its own hex")
	}

	fn claims(dataset: &DatasetId, exp: i64) -> VisaClaims {
		VisaClaims {
			iss: ISSUER.into(),
			sub: AccountId32([2; 32]).to_string(),
			iat: NOW,
			exp,
			jti: "0123456789abcdef0123456789abcdef".into(),
			ga4gh_visa_v1: VisaObject {
				kind: CONTROLLED_ACCESS_GRANTS.into(),
				asserted: NOW,
				value: dataset_value(dataset),
				source: ISSUER.into(),
				by: "dac".into(),
			},
			genochain: Grant {
				consent_id: 7,
				custodian: AccountId32([9; 32]).to_string(),
				category: DataCategory::Variants,
				// Unstated facts are false, as on the gateway's API.
				requested: serde_json::from_value(json!({ "purpose": "HealthMedicalBiomedical" }))
					.expect("a RequestedUse"),
				block_number: 42,
			},
		}
	}

	#[test]
	fn a_visa_is_accepted_back_for_its_dataset_and_category_only() {
		let key = key();
		let dataset = H256::repeat_byte(0xd5);
		let visas = [key.sign(&claims(&dataset, NOW + 60), "https://gw/jwks").expect("signed")];
		let accepted =
			key.accept(&visas, ISSUER, &dataset, DataCategory::Variants, NOW).expect("accepted");
		assert_eq!(accepted.researcher, [2; 32]);
		assert_eq!(accepted.grant.consent_id, 7);

		let other = H256::repeat_byte(0xd6);
		assert!(matches!(
			key.accept(&visas, ISSUER, &other, DataCategory::Variants, NOW),
			Err(VisaError::OtherDataset { .. })
		));
		assert!(matches!(
			key.accept(&visas, ISSUER, &dataset, DataCategory::Phenotype, NOW),
			Err(VisaError::OtherCategory { .. })
		));
		assert_eq!(
			key.accept(&visas, ISSUER, &dataset, DataCategory::Variants, NOW + 60),
			Err(VisaError::Expired)
		);
		assert!(matches!(
			key.accept(&visas, "https://other", &dataset, DataCategory::Variants, NOW),
			Err(VisaError::OtherIssuer(_))
		));
	}

	#[test]
	fn a_visa_inside_a_passport_is_found() {
		let key = key();
		let dataset = H256::repeat_byte(0xd5);
		let visa = key.sign(&claims(&dataset, NOW + 60), "https://gw/jwks").expect("signed");
		// A broker's passport: its own signature is irrelevant, the visa's is checked.
		let passport = format!(
			"{}.{}.c2lnbmF0dXJl",
			B64URL.encode(r#"{"alg":"RS256","typ":"JWT"}"#),
			B64URL.encode(json!({ "ga4gh_passport_v1": ["not a visa", visa] }).to_string())
		);
		let accepted = key
			.accept(&[passport], ISSUER, &dataset, DataCategory::Variants, NOW)
			.expect("the visa in the passport");
		assert_eq!(accepted.grant.block_number, 42);
	}

	#[test]
	fn only_the_first_visas_of_a_request_are_looked_at() {
		let key = key();
		let dataset = H256::repeat_byte(0xd5);
		let visa = key.sign(&claims(&dataset, NOW + 60), "https://gw/jwks").expect("signed");
		let mut passports = vec!["not a visa".to_string(); MAX_VISAS_PER_REQUEST - 1];
		passports.push(visa.clone());
		assert!(key.accept(&passports, ISSUER, &dataset, DataCategory::Variants, NOW).is_ok());
		passports.insert(0, "not a visa either".into());
		assert_eq!(
			key.accept(&passports, ISSUER, &dataset, DataCategory::Variants, NOW),
			Err(VisaError::Malformed),
			"the visa past the bound is not looked at"
		);
	}

	#[test]
	fn tampered_forged_and_unsigned_visas_are_refused() {
		let key = key();
		let dataset = H256::repeat_byte(0xd5);
		let visa = key.sign(&claims(&dataset, NOW + 60), "https://gw/jwks").expect("signed");
		let parts: Vec<&str> = visa.split('.').collect();

		// The payload changed: another researcher.
		let mut changed = claims(&dataset, NOW + 60);
		changed.sub = AccountId32([3; 32]).to_string();
		let tampered = format!(
			"{}.{}.{}",
			parts[0],
			B64URL.encode(serde_json::to_string(&changed).expect("json")),
			parts[2]
		);
		assert_eq!(key.verify(&tampered, ISSUER, NOW).map(|_| ()), Err(VisaError::BadSignature));

		// Another key, even claiming this key's id.
		let forger = self::key();
		let forged = forger.sign(&claims(&dataset, NOW + 60), "https://gw/jwks").expect("signed");
		assert!(matches!(key.verify(&forged, ISSUER, NOW), Err(VisaError::OtherKey(_))));
		let forged_parts: Vec<&str> = forged.split('.').collect();
		let relabelled = format!("{}.{}.{}", parts[0], forged_parts[1], forged_parts[2]);
		assert_eq!(key.verify(&relabelled, ISSUER, NOW).map(|_| ()), Err(VisaError::BadSignature));

		// `alg: none`, and garbage.
		let unsigned = format!("{}.{}.", B64URL.encode(r#"{"alg":"none","typ":"JWT"}"#), parts[1]);
		assert!(matches!(key.verify(&unsigned, ISSUER, NOW), Err(VisaError::OtherAlgorithm(_))));
		assert_eq!(key.verify("a.b", ISSUER, NOW).map(|_| ()), Err(VisaError::Malformed));
		assert!(key.verify("!!.!!.!!", ISSUER, NOW).is_err());
	}

	#[test]
	fn the_key_id_is_the_jwk_thumbprint_and_the_jwk_carries_the_binding() {
		let key = key();
		let jwk = key.jwk(&[9; 32], &[7; 64]);
		let canonical = format!(
			r#"{{"crv":"P-256","kty":"EC","x":"{}","y":"{}"}}"#,
			jwk["x"].as_str().expect("x"),
			jwk["y"].as_str().expect("y")
		);
		assert_eq!(key.kid(), B64URL.encode(Sha256::digest(canonical.as_bytes())));
		assert_eq!(jwk["kid"], key.kid());
		assert_eq!(jwk["genochain_custodian"], AccountId32([9; 32]).to_string());
		assert_eq!(key.binding_message(), format!("genochain-visa-key:{}", key.kid()).into_bytes());
		assert!(VisaKey::from_hex("zz").is_err());
		assert!(VisaKey::from_hex(&"00".repeat(32)).is_err(), "zero is no P-256 secret");
	}
}
