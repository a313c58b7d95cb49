//! # Registry pallet
//!
//! The organisations Genochain trusts, and for what: labs attest genome fingerprints, custodians
//! hold data and record every access to it, researchers run studies and receive data. Other
//! pallets ask through [`Accreditation`] whether an account currently holds a role.
//!
//! ## State machine of an organisation
//!
//! ```text
//!              accredit              suspend
//!   (none) ───────────────▶ Active ───────────▶ Suspended
//!     ▲                      │  ▲                  │
//!     │        revoke        │  └──── reinstate ───┘
//!     └──────────────────────┴─────────────────────┘ revoke
//! ```
//!
//! - **Active**: holds its roles; `set_roles` changes them.
//! - **Suspended**: holds no role for other pallets (a custodian cannot record accesses, a
//!   researcher is no accredited grantee) until reinstated; the record and its roles stay.
//! - `revoke` removes the record.
//!
//! Every change is made by [`Config::AccreditOrigin`] (the Council in the runtime, root on
//! development chains) and emits an event. Records belong to governance and carry no deposit; what
//! identifies an organisation off chain is its accreditation document, of which only the hash is
//! kept.
//!
//! ## Calls
//!
//! `accredit`, `set_roles`, `suspend`, `reinstate`, `revoke`; all by `AccreditOrigin`.
//!
//! ## Storage versions
//!
//! - 0: the layout Genochain launched with.
//! - 1: an organisation accredited in genesis has no document hash (`None`) instead of the zero
//!   hash; [`migrations::v1::MigrateV0ToV1`] moves a chain from 0.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod dispatchable_impls;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use genochain_primitives::{
	consent::{Role, Standing},
	traits::Accreditation,
};

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use genochain_primitives::consent::DocumentHash;
	use polkadot_sdk::{frame_support::pallet_prelude::*, frame_system::pallet_prelude::*};

	/// The layout of the registry's storage; [`crate::migrations`] moves a chain from each
	/// earlier one.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Who accredits, suspends, reinstates and revokes organisations.
		type AccreditOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Weights of the calls, measured by the benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Accredited organisations by account.
	#[pallet::storage]
	pub type Organisations<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, OrganisationOf<T>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `organisation` was accredited with `roles`.
		OrganisationAccredited { organisation: T::AccountId, roles: Roles },
		/// The roles of `organisation` are now `roles`.
		RolesChanged { organisation: T::AccountId, roles: Roles },
		/// `organisation` holds no role until it is reinstated.
		OrganisationSuspended { organisation: T::AccountId },
		/// `organisation` holds its roles again.
		OrganisationReinstated { organisation: T::AccountId },
		/// `organisation` is no longer accredited.
		AccreditationRevoked { organisation: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is accredited already; change its roles with `set_roles`.
		AlreadyAccredited,
		/// The account is not accredited.
		NotAccredited,
		/// An organisation must hold at least one role.
		NoRoles,
		/// The organisation is suspended already.
		AlreadySuspended,
		/// The organisation is not suspended.
		NotSuspended,
	}

	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Organisations accredited from the first block, with their roles.
		pub organisations: Vec<(T::AccountId, Vec<Role>)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (organisation, roles) in &self.organisations {
				let roles = roles_from(roles.iter().copied())
					.expect("genesis organisations have between one and all roles");
				let record = Organisation {
					roles,
					status: OrganisationStatus::Active,
					document_hash: None,
					accredited_at: Zero::zero(),
				};
				assert!(
					!Organisations::<T>::contains_key(organisation),
					"an organisation appears twice in genesis"
				);
				Organisations::<T>::insert(organisation, record);
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(
			_block: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::check_organisations().map_err(Into::into)
		}
	}

	impl<T: Config> Pallet<T> {
		/// The registry's invariant: every accredited organisation holds at least one role (an
		/// organisation without roles is revoked, not kept).
		pub fn check_organisations() -> Result<(), &'static str> {
			Organisations::<T>::iter_values()
				.all(|organisation| !organisation.roles.is_empty())
				.then_some(())
				.ok_or("an organisation without roles")
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Accredits `organisation` with `roles`; `document_hash` is the hash of its
		/// accreditation document.
		#[pallet::call_index(0)]
		pub fn accredit(
			origin: OriginFor<T>,
			organisation: T::AccountId,
			roles: Roles,
			document_hash: DocumentHash,
		) -> DispatchResult {
			T::AccreditOrigin::ensure_origin(origin)?;
			Self::do_accredit(organisation, roles, document_hash)
		}

		/// Replaces the roles of an accredited organisation.
		#[pallet::call_index(1)]
		pub fn set_roles(
			origin: OriginFor<T>,
			organisation: T::AccountId,
			roles: Roles,
		) -> DispatchResult {
			T::AccreditOrigin::ensure_origin(origin)?;
			Self::do_set_roles(organisation, roles)
		}

		/// Suspends an active organisation: it holds no role until reinstated.
		#[pallet::call_index(2)]
		pub fn suspend(origin: OriginFor<T>, organisation: T::AccountId) -> DispatchResult {
			T::AccreditOrigin::ensure_origin(origin)?;
			Self::do_suspend(organisation)
		}

		/// Lifts the suspension of an organisation.
		#[pallet::call_index(3)]
		pub fn reinstate(origin: OriginFor<T>, organisation: T::AccountId) -> DispatchResult {
			T::AccreditOrigin::ensure_origin(origin)?;
			Self::do_reinstate(organisation)
		}

		/// Removes the accreditation of an organisation, active or suspended.
		#[pallet::call_index(4)]
		pub fn revoke(origin: OriginFor<T>, organisation: T::AccountId) -> DispatchResult {
			T::AccreditOrigin::ensure_origin(origin)?;
			Self::do_revoke(organisation)
		}
	}
}

impl<T: Config> Accreditation<T::AccountId> for Pallet<T> {
	fn has_role(who: &T::AccountId, role: Role) -> bool {
		Organisations::<T>::get(who).is_some_and(|organisation| organisation.holds(role))
	}

	fn standing(who: &T::AccountId, role: Role) -> Standing {
		match Organisations::<T>::get(who) {
			Some(organisation) if !organisation.roles.contains(&role) => Standing::NotAccredited,
			Some(organisation) if organisation.status == OrganisationStatus::Suspended => {
				Standing::Suspended
			}
			Some(_) => Standing::Accredited,
			None => Standing::NotAccredited,
		}
	}

	fn suspend(who: &T::AccountId) -> polkadot_sdk::sp_runtime::DispatchResult {
		Self::do_suspend(who.clone())
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn accredit_for_benchmark(who: &T::AccountId, role: Role) {
		use polkadot_sdk::sp_runtime::traits::Zero;
		let mut roles = Organisations::<T>::get(who).map(|o| o.roles).unwrap_or_default();
		// A set of every role never overflows its bound.
		let _ = roles.try_insert(role);
		let record = Organisation {
			roles,
			status: OrganisationStatus::Active,
			document_hash: None,
			accredited_at: Zero::zero(),
		};
		Organisations::<T>::insert(who, record);
	}
}
