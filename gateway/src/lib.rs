//! # genochain-gateway
//!
//! The service a custodian runs where its data leaves it: researchers fetch objects through
//! GA4GH DRS, and the gateway releases an object only when the chain says, at its latest
//! finalized block, that a consent of the object's subject covers the researcher's stated use,
//! and only once it has recorded that access on chain as the custodian.
//!
//! ## A release
//!
//! ```text
//! researcher                       gateway                                   chain
//!  │ POST /auth/challenge ────────▶ challenge (in memory, 60 s)
//!  │ POST /auth/token (signature) ─▶ sr25519 check ─────────── ConsentApi.standing ──▶ Accredited?
//!  │ ◀─────────────────────────────── bearer token (15 min)
//!  │ POST …/objects/{id}/access/gateway {"use": …}
//!  │                                  catalogue: dataset, subject, category
//!  │                                  ───────────────────── ConsentApi.check_release ─▶ consent id | refusal
//!  │                                  refusal ─▶ 403 problem+json naming it, ledger "refused"
//!  │                                  ───── Utility.force_batch[Consent.record_access] ─▶ finalized
//!  │                                  failure ─▶ 403/502, ledger "record-failed", nothing released
//!  │ ◀─────────────────────────────── access URL (ledger "recorded")
//!  │ GET /ga4gh/drs/v1/download/{t} ─▶ object opened and streamed, consent id and tx hash in headers
//! ```
//!
//! ## What the gateway enforces, and what it takes on trust
//!
//! - **Enforced by the chain**: whether a consent covers the use (`check_release` and again
//!   `record_access`, which refuses an access no consent covers at its block), that the account
//!   is an accredited researcher, that this custodian keeps the dataset. The gateway cannot
//!   record an access the chain would not allow.
//! - **Enforced by the gateway, for the custodian who runs it**: nothing leaves without a
//!   recorded access (fail closed when the chain cannot be asked or recording fails); objects are
//!   encrypted at rest with a key per dataset ([`store::sealing`]); erasure deletes the objects
//!   and destroys the keys, then confirms on chain ([`erasure`]).
//! - **Taken on the researcher's word**: the stated use (purpose, commercial or not, ethics
//!   approval, ...). The chain records it in the consent's access log, so a false statement is on
//!   record against the researcher's accredited account.
//! - **Taken on the custodian's word**: that it runs this gateway unmodified and keeps no other
//!   copy. The chain sees only what the custodian records and confirms.
//!
//! ## Parts
//!
//! - [`store`]: catalogue and release ledger (SQLite by default, PostgreSQL by configuration)
//!   and object bytes (a local directory, or any S3-compatible store), sealed.
//! - [`chain`]: runtime API queries at the finalized block, and the [`chain::submitter`] that
//!   signs the custodian's transactions from one nonce sequence, batching concurrent ones.
//! - [`auth`]: challenges and bearer tokens.
//! - [`api`]: the HTTP routes (DRS, sign-in, uploads), errors as problem+json.
//! - [`erasure`]: the follower of erasure cases.
//! - [`passport`]: GA4GH Passport visas the gateway issues and accepts back.
//! - FHIR R5: consents on chain as `Consent` resources (the `genochain-fhir` crate).

pub mod api;
pub mod auth;
pub mod chain;
pub mod erasure;
pub mod passport;
pub mod store;
