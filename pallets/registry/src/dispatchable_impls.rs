//! What the calls do, once their origin is checked.

use crate::{Config, Error, Event, Organisation, OrganisationStatus, Organisations, Pallet, Roles};
use genochain_primitives::consent::DocumentHash;
use polkadot_sdk::{frame_support::ensure, frame_system, sp_runtime::DispatchResult};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_accredit(
		organisation: T::AccountId,
		roles: Roles,
		document_hash: DocumentHash,
	) -> DispatchResult {
		ensure!(!roles.is_empty(), Error::<T>::NoRoles);
		ensure!(!Organisations::<T>::contains_key(&organisation), Error::<T>::AlreadyAccredited);
		let record = Organisation {
			roles: roles.clone(),
			status: OrganisationStatus::Active,
			document_hash: Some(document_hash),
			accredited_at: frame_system::Pallet::<T>::block_number(),
		};
		Organisations::<T>::insert(&organisation, record);
		Self::deposit_event(Event::OrganisationAccredited { organisation, roles });
		Ok(())
	}

	pub(crate) fn do_set_roles(organisation: T::AccountId, roles: Roles) -> DispatchResult {
		ensure!(!roles.is_empty(), Error::<T>::NoRoles);
		Organisations::<T>::try_mutate(&organisation, |record| {
			let record = record.as_mut().ok_or(Error::<T>::NotAccredited)?;
			record.roles = roles.clone();
			Ok::<_, Error<T>>(())
		})?;
		Self::deposit_event(Event::RolesChanged { organisation, roles });
		Ok(())
	}

	pub(crate) fn do_suspend(organisation: T::AccountId) -> DispatchResult {
		Self::set_status(
			&organisation,
			OrganisationStatus::Suspended,
			Error::<T>::AlreadySuspended,
		)?;
		Self::deposit_event(Event::OrganisationSuspended { organisation });
		Ok(())
	}

	pub(crate) fn do_reinstate(organisation: T::AccountId) -> DispatchResult {
		Self::set_status(&organisation, OrganisationStatus::Active, Error::<T>::NotSuspended)?;
		Self::deposit_event(Event::OrganisationReinstated { organisation });
		Ok(())
	}

	pub(crate) fn do_revoke(organisation: T::AccountId) -> DispatchResult {
		Organisations::<T>::take(&organisation).ok_or(Error::<T>::NotAccredited)?;
		Self::deposit_event(Event::AccreditationRevoked { organisation });
		Ok(())
	}

	/// Moves an organisation to `status`; `unchanged` when it is there already.
	fn set_status(
		organisation: &T::AccountId,
		status: OrganisationStatus,
		unchanged: Error<T>,
	) -> DispatchResult {
		Organisations::<T>::try_mutate(organisation, |record| {
			let record = record.as_mut().ok_or(Error::<T>::NotAccredited)?;
			ensure!(record.status != status, unchanged);
			record.status = status;
			Ok(())
		})
	}
}
