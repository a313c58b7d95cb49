//! Benchmarks of the client: sending the largest request (an absence proof as deep, with alleles
//! as long, as the fingerprint scheme allows), receiving the largest verdict (its fee charge
//! opening the collector's account), dismissing, and timing out `n` queries in a block (each
//! paying its charge).

use super::*;
use crate::Pallet as VerifierClient;
use alloc::{boxed::Box, vec::Vec};
use genochain_primitives::{
	anchor::{AnchorId, Provenance, VariantVerdict},
	consent::Standing,
	fingerprint::{
		v1::{AbsenceProof, InclusionProof, VariantProof},
		ProvenFact, Variant, MAX_PROOF_DEPTH,
	},
	verification::{
		Fact, ProvenanceRequirement, QueryId, VerifyRequest, VerifyResponse,
		VersionedVerifyRequest, VersionedVerifyResponse,
	},
};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::{
		traits::{
			fungible::{Inspect, Mutate},
			Contains, EnsureOrigin, Get, Hooks,
		},
		BoundedVec,
	},
	frame_system::{Pallet as System, RawOrigin},
	sp_core::H256,
	sp_runtime::{traits::Zero, Saturating},
	staging_xcm::{latest::Location, VersionedLocation},
};

/// The verifier the runtime trusts, from the origin it accepts answers from.
fn verifier<T: Config>() -> Result<Location, BenchmarkError> {
	let origin =
		T::VerifierOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
	let location = T::VerifierOrigin::try_origin(origin).map_err(|_| BenchmarkError::Weightless)?;
	if !T::Verifiers::contains(&location) {
		return Err(BenchmarkError::Stop("the answering origin is not a trusted verifier"));
	}
	T::BenchmarkHelper::prepare_verifier(&location);
	Ok(location)
}

/// A requester funded for a query: its deposit and fee charge, and as much again for the
/// delivery the runtime's router may price.
fn requester<T: Config>(index: u32) -> T::AccountId {
	let who: T::AccountId = account("requester", index, 0);
	let query = T::QueryDeposit::get().saturating_add(T::QueryFeeCharge::get());
	let _ = T::Currency::mint_into(
		&who,
		query.saturating_add(query).saturating_add(T::Currency::minimum_balance()),
	);
	who
}

fn deepest_inclusion(position: u32) -> InclusionProof {
	let siblings: Vec<H256> = (0..MAX_PROOF_DEPTH).map(|i| H256::repeat_byte(i as u8)).collect();
	InclusionProof {
		variant: Variant::longest(position),
		leaf_index: position,
		salt: H256::repeat_byte(0x5a),
		siblings: BoundedVec::truncate_from(siblings),
	}
}

/// The largest request there is.
fn largest_request() -> VersionedVerifyRequest<genochain_primitives::AccountId> {
	let proof = VariantProof::Absent {
		key: Variant::longest(2).key,
		proof: AbsenceProof::Between { left: deepest_inclusion(1), right: deepest_inclusion(3) },
	};
	VersionedVerifyRequest::V3(VerifyRequest::Variant {
		anchor: AnchorId::repeat_byte(7),
		proof: Box::new(genochain_primitives::fingerprint::VariantProof::V1(proof)),
		require: ProvenanceRequirement::Attested,
	})
}

/// Genochain's account `seed`.
fn genochain_account(seed: u8) -> genochain_primitives::AccountId {
	genochain_primitives::AccountId::from([seed; 32])
}

/// The largest verdict there is: a variant with the longest alleles, on an attested anchor.
fn largest_verdict(
	query_id: QueryId,
) -> VersionedVerifyResponse<genochain_primitives::AccountId, genochain_primitives::BlockNumber> {
	VersionedVerifyResponse::V3(VerifyResponse {
		query_id,
		verdict: Ok(Fact::Variant(VariantVerdict {
			fact: ProvenFact::Carries(Variant::longest(1)),
			subject: genochain_account(1),
			provenance: Provenance::Attested {
				lab: genochain_account(2),
				at: 1,
				standing: Standing::Accredited,
			},
		})),
		at: 1,
	})
}

/// Sends query `n` of `who` to `verifier`.
fn sent<T: Config>(who: &T::AccountId, verifier: &Location) -> Result<QueryId, BenchmarkError> {
	let query_id = NextQueryId::<T>::get();
	VerifierClient::<T>::request_verification(
		RawOrigin::Signed(who.clone()).into(),
		Box::new(VersionedLocation::from(verifier.clone())),
		Box::new(largest_request()),
	)
	.map_err(|_| BenchmarkError::Stop("the query is sent"))?;
	Ok(query_id)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn request_verification() -> Result<(), BenchmarkError> {
		let verifier = verifier::<T>()?;
		let who = requester::<T>(0);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(who),
			Box::new(VersionedLocation::from(verifier)),
			Box::new(largest_request()),
		);
		assert!(Queries::<T>::contains_key(0));
		Ok(())
	}

	#[benchmark]
	fn receive_verdict() -> Result<(), BenchmarkError> {
		let verifier = verifier::<T>()?;
		let query_id = sent::<T>(&requester::<T>(0), &verifier)?;
		let origin =
			T::VerifierOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, largest_verdict(query_id));
		assert!(VerifierClient::<T>::verdict(query_id).is_some());
		Ok(())
	}

	#[benchmark]
	fn dismiss() -> Result<(), BenchmarkError> {
		let verifier = verifier::<T>()?;
		let who = requester::<T>(0);
		let query_id = sent::<T>(&who, &verifier)?;
		let origin =
			T::VerifierOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		VerifierClient::<T>::receive_verdict(origin, largest_verdict(query_id))
			.map_err(|_| BenchmarkError::Stop("answered"))?;
		#[extrinsic_call]
		_(RawOrigin::Signed(who), query_id);
		assert!(!Queries::<T>::contains_key(query_id));
		Ok(())
	}

	/// `n` pending queries time out in one block.
	#[benchmark]
	fn time_out(n: Linear<0, { T::MaxQueriesPerBlock::get() }>) -> Result<(), BenchmarkError> {
		let verifier = verifier::<T>()?;
		for index in 0..n {
			sent::<T>(&requester::<T>(index), &verifier)?;
		}
		let expiry = System::<T>::block_number().saturating_add(T::Timeout::get());
		System::<T>::set_block_number(expiry);
		#[block]
		{
			VerifierClient::<T>::on_initialize(expiry);
		}
		assert!(Queries::<T>::iter().next().is_none());
		assert!(!expiry.is_zero());
		Ok(())
	}

	impl_benchmark_test_suite!(VerifierClient, crate::mock::new_test_ext(), crate::mock::Test);
}
