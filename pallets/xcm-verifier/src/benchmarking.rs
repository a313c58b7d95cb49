//! Benchmarks of the verifier: one per request kind, each with the costliest request of its kind
//! the runtime's [`BenchmarkHelper`] can set up, asked in the latest version (a V1 request does
//! the same work and answers less), answered through the runtime's real router (the XCM of the
//! answer included).

use super::*;
use crate::{AllowedSiblings, AnswersInBlock, Pallet as XcmVerifier};
use alloc::boxed::Box;
use genochain_primitives::verification::{Callback, VersionedVerifyRequest};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::traits::{EnsureOrigin, Get},
	frame_system::pallet_prelude::BlockNumberFor,
	sp_runtime::traits::Zero,
};

const SIBLING: u32 = 2_000;
const CALLBACK: Callback = Callback { pallet_index: 50, call_index: 1 };

/// Sibling [`SIBLING`], allowed and ready to be answered: its origin.
fn asker<T: Config>() -> T::RuntimeOrigin {
	T::BenchmarkHelper::prepare_sibling(SIBLING);
	AllowedSiblings::<T>::insert(SIBLING, (BlockNumberFor::<T>::zero(), 0));
	T::BenchmarkHelper::sibling_origin(SIBLING)
}

/// The request held (the costliest path: the fact is found) and its answer was counted.
fn answered<T: Config>(request: &VersionedVerifyRequest<T::AccountId>) {
	let request = request.clone().into_latest();
	assert!(XcmVerifier::<T>::evaluate(&request).is_ok(), "the request holds");
	assert_eq!(AnswersInBlock::<T>::get().1, 1, "the answer was sent");
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn verify_anchor_exists() {
		let origin = asker::<T>();
		let request = VersionedVerifyRequest::V3(T::BenchmarkHelper::anchor_exists());
		#[extrinsic_call]
		verify(origin as T::RuntimeOrigin, 1, CALLBACK, Box::new(request.clone()));
		answered::<T>(&request);
	}

	#[benchmark]
	fn verify_variant() {
		let origin = asker::<T>();
		let request = VersionedVerifyRequest::V3(T::BenchmarkHelper::variant());
		#[extrinsic_call]
		verify(origin as T::RuntimeOrigin, 1, CALLBACK, Box::new(request.clone()));
		answered::<T>(&request);
	}

	/// A subject with `n` consents, every one looked at.
	#[benchmark]
	fn verify_consent(n: Linear<1, { T::MaxConsentsPerSubject::get() }>) {
		let origin = asker::<T>();
		let request = VersionedVerifyRequest::V3(T::BenchmarkHelper::consent(n));
		#[extrinsic_call]
		verify(origin as T::RuntimeOrigin, 1, CALLBACK, Box::new(request.clone()));
		answered::<T>(&request);
	}

	#[benchmark]
	fn verify_not_redacted() {
		let origin = asker::<T>();
		let request = VersionedVerifyRequest::V3(T::BenchmarkHelper::not_redacted());
		#[extrinsic_call]
		verify(origin as T::RuntimeOrigin, 1, CALLBACK, Box::new(request.clone()));
		answered::<T>(&request);
	}

	#[benchmark]
	fn allow_sibling() -> Result<(), BenchmarkError> {
		AllowedSiblings::<T>::remove(SIBLING);
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, SIBLING);
		assert!(AllowedSiblings::<T>::contains_key(SIBLING));
		Ok(())
	}

	#[benchmark]
	fn disallow_sibling() -> Result<(), BenchmarkError> {
		AllowedSiblings::<T>::insert(SIBLING, (BlockNumberFor::<T>::zero(), 0));
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, SIBLING);
		assert!(!AllowedSiblings::<T>::contains_key(SIBLING));
		Ok(())
	}

	impl_benchmark_test_suite!(XcmVerifier, crate::mock::new_test_ext(), crate::mock::Test);
}
