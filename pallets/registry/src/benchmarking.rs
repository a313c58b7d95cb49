//! Benchmarks of every call, each in its most expensive case.

use crate::*;
use genochain_primitives::consent::{DocumentHash, Role};
use polkadot_sdk::{frame_benchmarking::v2::*, frame_support::traits::EnsureOrigin, frame_system};

fn all_roles() -> Roles {
	roles_from([Role::Lab, Role::Custodian, Role::Researcher]).unwrap_or_default()
}

fn accredited<T: Config>() -> T::AccountId {
	let organisation: T::AccountId = account("organisation", 0, 0);
	Organisations::<T>::insert(
		&organisation,
		Organisation {
			roles: all_roles(),
			status: OrganisationStatus::Active,
			document_hash: Some(DocumentHash::repeat_byte(1)),
			accredited_at: Default::default(),
		},
	);
	organisation
}

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(<T as frame_system::Config>::RuntimeEvent::from(
		event,
	));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn accredit() -> Result<(), BenchmarkError> {
		let origin =
			T::AccreditOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let organisation: T::AccountId = account("organisation", 0, 0);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, organisation.clone(), all_roles(), DocumentHash::zero());

		assert_last_event::<T>(Event::OrganisationAccredited { organisation, roles: all_roles() });
		Ok(())
	}

	#[benchmark]
	fn set_roles() -> Result<(), BenchmarkError> {
		let origin =
			T::AccreditOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let organisation = accredited::<T>();
		let roles = roles_from([Role::Custodian]).ok_or(BenchmarkError::Stop("a role"))?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, organisation.clone(), roles.clone());

		assert_last_event::<T>(Event::RolesChanged { organisation, roles });
		Ok(())
	}

	#[benchmark]
	fn suspend() -> Result<(), BenchmarkError> {
		let origin =
			T::AccreditOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let organisation = accredited::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, organisation.clone());

		assert_last_event::<T>(Event::OrganisationSuspended { organisation });
		Ok(())
	}

	#[benchmark]
	fn reinstate() -> Result<(), BenchmarkError> {
		let origin =
			T::AccreditOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let organisation = accredited::<T>();
		Pallet::<T>::do_suspend(organisation.clone())?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, organisation.clone());

		assert_last_event::<T>(Event::OrganisationReinstated { organisation });
		Ok(())
	}

	#[benchmark]
	fn revoke() -> Result<(), BenchmarkError> {
		let origin =
			T::AccreditOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let organisation = accredited::<T>();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, organisation.clone());

		assert_last_event::<T>(Event::AccreditationRevoked { organisation });
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
