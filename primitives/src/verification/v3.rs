//! Version 3 of the requests: a variant request carries a proof of either fingerprint scheme
//! ([`VariantProof`]: v1 or v2). Everything else, the answers included, is as in [`v2`].

use super::v2;
use crate::fingerprint::{v1, VariantProof};

pub use v2::{Fact, ProvenanceRequirement, Refusal, VerifyResponse};

/// A question about Genochain's state now.
pub type VerifyRequest<AccountId> = v2::VerifyRequest<AccountId, VariantProof>;

/// A V2 request means the same in V3: its proof is a scheme v1 proof.
impl<AccountId> From<v2::VerifyRequest<AccountId, v1::VariantProof>> for VerifyRequest<AccountId> {
	fn from(request: v2::VerifyRequest<AccountId, v1::VariantProof>) -> Self {
		request.map_proof(VariantProof::V1)
	}
}

/// A V1 request means the same in V3, through V2.
impl<AccountId> From<super::v1::VerifyRequest<AccountId>> for VerifyRequest<AccountId> {
	fn from(request: super::v1::VerifyRequest<AccountId>) -> Self {
		v2::VerifyRequest::<AccountId>::from(request).map_proof(VariantProof::V1)
	}
}
