//! Who is asking: a researcher proves they hold an account's key by signing a challenge the
//! gateway made for them (sr25519, as Polkadot.js and the `genochain` CLI sign), and gets a
//! short-lived bearer token for it.
//!
//! Challenges and tokens live in memory only: a restarted gateway asks everyone to sign in again.
//! Both are single-purpose and bounded in number, so a flood of challenge requests cannot grow
//! the gateway's memory.

use crate::store::new_id;
use std::{
	collections::HashMap,
	sync::Mutex,
	time::{Duration, Instant},
};
use subxt_signer::sr25519::{verify, PublicKey, Signature};

/// Challenges or tokens held at most, each.
pub const MAX_PENDING: usize = 10_000;

/// Account ids as Genochain encodes them.
pub type AccountId = [u8; 32];

/// Why signing in failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
	#[error("no such challenge: it was never issued, was used already, or the gateway restarted")]
	UnknownChallenge,
	#[error("the challenge expired; ask for a new one")]
	ExpiredChallenge,
	#[error("the challenge was issued for another account")]
	OtherAccount,
	#[error("the signature is not the account's signature of the challenge")]
	BadSignature,
	#[error("the signature is not 64 bytes in hex")]
	MalformedSignature,
	#[error("the bearer token is unknown or expired; sign in again")]
	BadToken,
	#[error("too many sign-ins are waiting; try again shortly")]
	Busy,
}

struct Pending {
	account: AccountId,
	text: String,
	expires: Instant,
}

struct Session {
	account: AccountId,
	expires: Instant,
}

/// The gateway's challenges and sessions.
pub struct Auth {
	/// Names the gateway in every challenge, so a signature for one gateway is no use at another.
	audience: String,
	challenge_ttl: Duration,
	token_ttl: Duration,
	challenges: Mutex<HashMap<String, Pending>>,
	sessions: Mutex<HashMap<String, Session>>,
}

/// A challenge for an account to sign.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Challenge {
	/// The exact text to sign (UTF-8 bytes; wrapped in `<Bytes>…</Bytes>` as Polkadot.js's
	/// `signRaw` does is accepted too).
	pub challenge: String,
	/// Seconds it stays valid.
	pub expires_in: u64,
}

/// A bearer token.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Token {
	pub access_token: String,
	pub token_type: &'static str,
	pub expires_in: u64,
}

/// When something valid for `ttl` from now expires; an absurdly long `ttl` (past what the clock
/// can count) expires at once rather than never.
pub fn expiry(ttl: Duration) -> Instant {
	let now = Instant::now();
	now.checked_add(ttl).unwrap_or(now)
}

/// Makes room in `map` for one more entry: drops expired ones when full.
fn make_room<V>(
	map: &mut HashMap<String, V>,
	expiry: impl Fn(&V) -> Instant,
) -> Result<(), AuthError> {
	if map.len() >= MAX_PENDING {
		let now = Instant::now();
		map.retain(|_, value| expiry(value) > now);
	}
	if map.len() >= MAX_PENDING {
		return Err(AuthError::Busy);
	}
	Ok(())
}

impl Auth {
	pub fn new(audience: String, challenge_ttl: Duration, token_ttl: Duration) -> Self {
		Self {
			audience,
			challenge_ttl,
			token_ttl,
			challenges: Mutex::new(HashMap::new()),
			sessions: Mutex::new(HashMap::new()),
		}
	}

	/// A new challenge for `account`.
	pub fn challenge(&self, account: &AccountId) -> Result<Challenge, AuthError> {
		let nonce = new_id().map_err(|_| AuthError::Busy)?;
		let address = subxt::utils::AccountId32(*account).to_string();
		let text = format!(
			"Sign in to the Genochain gateway {}\naccount: {address}\nnonce: {nonce}",
			self.audience
		);
		let mut challenges = self.challenges.lock().map_err(|_| AuthError::Busy)?;
		make_room(&mut challenges, |pending| pending.expires)?;
		challenges.insert(
			nonce,
			Pending { account: *account, text: text.clone(), expires: expiry(self.challenge_ttl) },
		);
		Ok(Challenge { challenge: text, expires_in: self.challenge_ttl.as_secs() })
	}

	/// Checks `signature` of `challenge` by `account`; the challenge is used up either way once
	/// it is found, so a signature cannot be guessed at. On success the caller still checks the
	/// account's standing on chain before [`Self::open_session`].
	pub fn answer(
		&self,
		account: &AccountId,
		challenge: &str,
		signature: &str,
	) -> Result<(), AuthError> {
		let nonce = challenge.rsplit("nonce: ").next().unwrap_or_default().trim();
		let pending = self
			.challenges
			.lock()
			.map_err(|_| AuthError::Busy)?
			.remove(nonce)
			.ok_or(AuthError::UnknownChallenge)?;
		if pending.text != challenge {
			return Err(AuthError::UnknownChallenge);
		}
		if pending.expires <= Instant::now() {
			return Err(AuthError::ExpiredChallenge);
		}
		if pending.account != *account {
			return Err(AuthError::OtherAccount);
		}
		let bytes = hex::decode(signature.trim_start_matches("0x"))
			.map_err(|_| AuthError::MalformedSignature)?;
		let signature = Signature(bytes.try_into().map_err(|_| AuthError::MalformedSignature)?);
		let key = PublicKey(*account);
		let wrapped = format!("<Bytes>{challenge}</Bytes>");
		if verify(&signature, challenge.as_bytes(), &key)
			|| verify(&signature, wrapped.as_bytes(), &key)
		{
			Ok(())
		} else {
			Err(AuthError::BadSignature)
		}
	}

	/// A token for `account`, which answered a challenge and stands accredited.
	pub fn open_session(&self, account: &AccountId) -> Result<Token, AuthError> {
		let token = format!(
			"{}{}",
			new_id().map_err(|_| AuthError::Busy)?,
			new_id().map_err(|_| AuthError::Busy)?
		);
		let mut sessions = self.sessions.lock().map_err(|_| AuthError::Busy)?;
		make_room(&mut sessions, |session| session.expires)?;
		sessions
			.insert(token.clone(), Session { account: *account, expires: expiry(self.token_ttl) });
		Ok(Token {
			access_token: token,
			token_type: "Bearer",
			expires_in: self.token_ttl.as_secs(),
		})
	}

	/// The account a bearer token stands for.
	pub fn account_of(&self, token: &str) -> Result<AccountId, AuthError> {
		let mut sessions = self.sessions.lock().map_err(|_| AuthError::Busy)?;
		match sessions.get(token) {
			Some(session) if session.expires > Instant::now() => Ok(session.account),
			Some(_) => {
				sessions.remove(token);
				Err(AuthError::BadToken)
			}
			None => Err(AuthError::BadToken),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use subxt_signer::sr25519::dev;

	fn auth(challenge_ttl: Duration) -> Auth {
		Auth::new("http://gateway.test".into(), challenge_ttl, Duration::from_secs(60))
	}

	#[test]
	fn a_signed_challenge_opens_a_session_once() {
		let auth = auth(Duration::from_secs(60));
		let alice = dev::alice();
		let account = alice.public_key().0;
		let challenge = auth.challenge(&account).expect("challenge").challenge;
		let signature = format!("0x{}", hex::encode(alice.sign(challenge.as_bytes()).0));
		assert_eq!(auth.answer(&account, &challenge, &signature), Ok(()));
		// Used up.
		assert_eq!(auth.answer(&account, &challenge, &signature), Err(AuthError::UnknownChallenge));
		let token = auth.open_session(&account).expect("token");
		assert_eq!(auth.account_of(&token.access_token), Ok(account));
		assert_eq!(auth.account_of("nonsense"), Err(AuthError::BadToken));
	}

	#[test]
	fn polkadot_js_wrapped_signatures_are_accepted() {
		let auth = auth(Duration::from_secs(60));
		let alice = dev::alice();
		let account = alice.public_key().0;
		let challenge = auth.challenge(&account).expect("challenge").challenge;
		let wrapped = format!("<Bytes>{challenge}</Bytes>");
		let signature = hex::encode(alice.sign(wrapped.as_bytes()).0);
		assert_eq!(auth.answer(&account, &challenge, &signature), Ok(()));
	}

	#[test]
	fn wrong_signer_account_text_or_time_is_refused() {
		let auth = auth(Duration::from_secs(60));
		let (alice, bob) = (dev::alice(), dev::bob());
		let account = alice.public_key().0;

		let challenge = auth.challenge(&account).expect("challenge").challenge;
		let by_bob = hex::encode(bob.sign(challenge.as_bytes()).0);
		assert_eq!(auth.answer(&account, &challenge, &by_bob), Err(AuthError::BadSignature));

		let challenge = auth.challenge(&account).expect("challenge").challenge;
		let signature = hex::encode(bob.sign(challenge.as_bytes()).0);
		assert_eq!(
			auth.answer(&bob.public_key().0, &challenge, &signature),
			Err(AuthError::OtherAccount)
		);

		let challenge = auth.challenge(&account).expect("challenge").challenge;
		let edited = challenge.replace("gateway.test", "elsewhere.test");
		let signature = hex::encode(alice.sign(edited.as_bytes()).0);
		assert_eq!(auth.answer(&account, &edited, &signature), Err(AuthError::UnknownChallenge));

		let challenge = auth.challenge(&account).expect("challenge").challenge;
		assert_eq!(auth.answer(&account, &challenge, "0x1234"), Err(AuthError::MalformedSignature));

		let expired = self::auth(Duration::ZERO);
		let challenge = expired.challenge(&account).expect("challenge").challenge;
		let signature = hex::encode(alice.sign(challenge.as_bytes()).0);
		assert_eq!(
			expired.answer(&account, &challenge, &signature),
			Err(AuthError::ExpiredChallenge)
		);
	}

	#[test]
	fn challenges_are_bounded() {
		let auth = auth(Duration::from_secs(60));
		let account = dev::alice().public_key().0;
		for _ in 0..MAX_PENDING {
			auth.challenge(&account).expect("room");
		}
		assert_eq!(auth.challenge(&account).err(), Some(AuthError::Busy));
		// Expired ones make room.
		let short = self::auth(Duration::ZERO);
		for _ in 0..=MAX_PENDING {
			short.challenge(&account).expect("expired ones are dropped");
		}
	}
}
