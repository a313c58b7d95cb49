//! The library behind the `genochain` command: reading VCF/BCF into canonical variants, the index
//! file, proofs, secrets and the connection to a node. The fingerprint scheme itself lives in
//! `genochain-primitives`, shared with the runtime.

// An off-chain tool: its arithmetic counts records and lines and indexes in-memory buffers, far
// from any bound at genome sizes; the workspace lint is meant for runtime code.
#![allow(clippy::arithmetic_side_effects)]

pub mod chain;
pub mod drs;
pub mod error;
pub mod index;
pub mod normalise;
pub mod proof;
pub mod reference;
pub mod scheme;
pub mod secret;
pub mod vcf;
