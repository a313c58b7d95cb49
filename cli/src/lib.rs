//! The library behind the `genochain` command: reading VCF/BCF into canonical variants, the index
//! file, proofs, secrets and the connection to a node. The fingerprint scheme itself lives in
//! `genochain-primitives`, shared with the runtime.

pub mod chain;
pub mod error;
pub mod index;
pub mod proof;
pub mod secret;
pub mod vcf;
