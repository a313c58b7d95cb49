//! Storage migrations of the registry, one module per storage version they lead to.
//!
//! Each is a [`VersionedMigration`]: it runs only on a chain whose on-chain storage version is
//! the one it starts from, and sets the next; the runtime lists them in its `Migrations`.
//!
//! [`VersionedMigration`]: polkadot_sdk::frame_support::migrations::VersionedMigration

/// Storage version 1: the accreditation document of organisations accredited in genesis is
/// `None` instead of the zero hash.
pub mod v1 {
	use crate::{Config, Organisation, OrganisationStatus, Pallet, Roles};
	use codec::{Decode, Encode};
	use core::marker::PhantomData;
	use genochain_primitives::consent::DocumentHash;
	use polkadot_sdk::{
		frame_support::{
			migrations::VersionedMigration,
			traits::{Get, UncheckedOnRuntimeUpgrade},
			weights::Weight,
		},
		frame_system::{self, pallet_prelude::BlockNumberFor},
		sp_runtime::Saturating,
	};
	#[cfg(feature = "try-runtime")]
	use {alloc::vec::Vec, polkadot_sdk::sp_runtime::TryRuntimeError};

	/// An organisation as storage version 0 kept it: the zero hash for "no document".
	#[derive(Encode, Decode, Clone, PartialEq, Eq, Debug)]
	pub struct OrganisationV0<BlockNumber> {
		pub roles: Roles,
		pub status: OrganisationStatus,
		pub document_hash: DocumentHash,
		pub accredited_at: BlockNumber,
	}

	/// The organisations map as storage version 0 laid it out, for the checks and the tests.
	#[polkadot_sdk::frame_support::storage_alias]
	pub type Organisations<T: Config> = StorageMap<
		Pallet<T>,
		polkadot_sdk::frame_support::Blake2_128Concat,
		<T as frame_system::Config>::AccountId,
		OrganisationV0<BlockNumberFor<T>>,
	>;

	impl<BlockNumber> OrganisationV0<BlockNumber> {
		fn into_v1(self) -> Organisation<BlockNumber> {
			Organisation {
				roles: self.roles,
				status: self.status,
				document_hash: (!self.document_hash.is_zero()).then_some(self.document_hash),
				accredited_at: self.accredited_at,
			}
		}
	}

	/// Rewrites every organisation; use [`MigrateV0ToV1`], which runs it once, on version 0.
	///
	/// One read and one write per organisation. Organisations are accredited by governance, one
	/// motion each, so a chain has tens of them and the migration fits in one block.
	pub struct UncheckedMigrateV0ToV1<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateV0ToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut migrated: u64 = 0;
			crate::Organisations::<T>::translate::<OrganisationV0<BlockNumberFor<T>>, _>(
				|_, organisation| {
					migrated.saturating_inc();
					Some(organisation.into_v1())
				},
			);
			T::DbWeight::get().reads_writes(migrated, migrated)
		}

		/// Every record must decode as version 0 (`translate` would skip one that does not);
		/// passes on how many there are and how many have no document.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			let (mut total, mut without_document) = (0u32, 0u32);
			for key in Organisations::<T>::iter_keys() {
				let organisation = Organisations::<T>::try_get(&key)
					.map_err(|()| "an organisation does not decode as storage version 0")?;
				total.saturating_inc();
				if organisation.document_hash.is_zero() {
					without_document.saturating_inc();
				}
			}
			Ok((total, without_document).encode())
		}

		/// The same organisations, those with the zero hash now without a document, and none
		/// with the zero hash left.
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
			let (total, without_document) = <(u32, u32)>::decode(&mut &state[..])
				.map_err(|_| "pre_upgrade's state does not decode")?;
			let (mut migrated, mut none) = (0u32, 0u32);
			for key in crate::Organisations::<T>::iter_keys() {
				let organisation = crate::Organisations::<T>::try_get(&key)
					.map_err(|()| "an organisation does not decode as storage version 1")?;
				migrated.saturating_inc();
				match organisation.document_hash {
					None => none.saturating_inc(),
					Some(hash) if hash.is_zero() => return Err("the zero hash is left".into()),
					Some(_) => {}
				}
			}
			if (migrated, none) != (total, without_document) {
				return Err("organisations were lost or changed".into());
			}
			Ok(())
		}
	}

	/// The migration to storage version 1, from 0.
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		UncheckedMigrateV0ToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;
}
