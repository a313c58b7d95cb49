//! The migration to storage version 1 on a chain written in version 0.

use crate::{
	migrations::v1::{self, MigrateV0ToV1, OrganisationV0},
	mock::*,
	Organisation, OrganisationStatus, Organisations, Pallet,
};
use genochain_primitives::consent::{DocumentHash, Role};
use polkadot_sdk::frame_support::{
	traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	weights::RuntimeDbWeight,
};

const ORG: u64 = 1;
const DOCUMENT: DocumentHash = DocumentHash::repeat_byte(9);

fn lab() -> crate::Roles {
	crate::roles_from([Role::Lab]).expect("one role")
}

/// The mock chain as version 0 left it: the genesis lab with the zero hash, `ORG` with a
/// document, suspended.
fn version_0_chain() -> polkadot_sdk::sp_io::TestExternalities {
	let mut ext = new_test_ext();
	ext.execute_with(|| {
		StorageVersion::new(0).put::<Pallet<Test>>();
		let _ = Organisations::<Test>::clear(u32::MAX, None);
		v1::Organisations::<Test>::insert(
			GENESIS_LAB,
			OrganisationV0 {
				roles: lab(),
				status: OrganisationStatus::Active,
				document_hash: DocumentHash::zero(),
				accredited_at: 0,
			},
		);
		v1::Organisations::<Test>::insert(
			ORG,
			OrganisationV0 {
				roles: lab(),
				status: OrganisationStatus::Suspended,
				document_hash: DOCUMENT,
				accredited_at: 5,
			},
		);
	});
	ext
}

#[test]
fn version_1_has_no_document_where_version_0_had_the_zero_hash() {
	version_0_chain().execute_with(|| {
		let weight = MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(
			Organisations::<Test>::get(GENESIS_LAB),
			Some(Organisation {
				roles: lab(),
				status: OrganisationStatus::Active,
				document_hash: None,
				accredited_at: 0,
			})
		);
		assert_eq!(
			Organisations::<Test>::get(ORG),
			Some(Organisation {
				roles: lab(),
				status: OrganisationStatus::Suspended,
				document_hash: Some(DOCUMENT),
				accredited_at: 5,
			})
		);
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1);
		assert_eq!(Registry::check_organisations(), Ok(()));
		// Two organisations read and written, and the storage version read and written.
		let db: RuntimeDbWeight = <Test as polkadot_sdk::frame_system::Config>::DbWeight::get();
		assert_eq!(weight, db.reads_writes(3, 3));
	});
}

#[test]
fn the_migration_leaves_a_chain_in_version_1_alone() {
	new_test_ext().execute_with(|| {
		// Genesis writes the current version.
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1);
		let before = Organisations::<Test>::iter().collect::<Vec<_>>();
		MigrateV0ToV1::<Test>::on_runtime_upgrade();
		assert_eq!(Organisations::<Test>::iter().collect::<Vec<_>>(), before);
	});
}

#[cfg(feature = "try-runtime")]
mod checks {
	use super::*;
	use polkadot_sdk::frame_support::storage::unhashed;

	#[test]
	fn the_upgrade_checks_pass_on_a_version_0_chain() {
		version_0_chain().execute_with(|| {
			assert!(MigrateV0ToV1::<Test>::try_on_runtime_upgrade(true).is_ok());
			assert_eq!(
				Organisations::<Test>::get(GENESIS_LAB).map(|o| o.document_hash),
				Some(None)
			);
		});
	}

	#[test]
	fn the_pre_upgrade_check_refuses_a_record_that_is_not_version_0() {
		version_0_chain().execute_with(|| {
			unhashed::put_raw(&v1::Organisations::<Test>::hashed_key_for(ORG), &[1, 2, 3]);
			assert!(MigrateV0ToV1::<Test>::try_on_runtime_upgrade(true).is_err());
		});
	}
}
