use crate::{mock::*, *};
use genochain_primitives::consent::{DocumentHash, Role, Standing};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok},
	sp_runtime::DispatchError,
};

const ORG: u64 = 1;
const DOCUMENT: DocumentHash = DocumentHash::repeat_byte(9);

fn roles(roles: &[Role]) -> Roles {
	roles_from(roles.iter().copied()).expect("non-empty roles")
}

fn accredit(organisation: u64, with: &[Role]) {
	assert_ok!(Registry::accredit(RuntimeOrigin::root(), organisation, roles(with), DOCUMENT));
}

fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Registry(event) => Some(event),
			_ => None,
		})
		.expect("a registry event")
}

/// Runs `test` on a fresh mock chain, then checks the registry's invariant.
fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		assert_eq!(Registry::check_organisations(), Ok(()));
	});
}

#[test]
fn genesis_accredits_its_organisations() {
	run(|| {
		assert!(Registry::has_role(&GENESIS_LAB, Role::Lab));
		assert!(!Registry::has_role(&GENESIS_LAB, Role::Custodian));
		let record = Organisations::<Test>::get(GENESIS_LAB).expect("accredited at genesis");
		assert_eq!(record.accredited_at, 0);
	});
}

#[test]
fn accredit_records_the_organisation_and_its_roles() {
	run(|| {
		System::set_block_number(7);
		accredit(ORG, &[Role::Custodian, Role::Researcher]);
		assert_eq!(
			Organisations::<Test>::get(ORG),
			Some(Organisation {
				roles: roles(&[Role::Custodian, Role::Researcher]),
				status: OrganisationStatus::Active,
				document_hash: Some(DOCUMENT),
				accredited_at: 7,
			})
		);
		assert!(Registry::has_role(&ORG, Role::Custodian));
		assert!(Registry::has_role(&ORG, Role::Researcher));
		assert!(!Registry::has_role(&ORG, Role::Lab));
		assert_eq!(
			last_event(),
			Event::OrganisationAccredited {
				organisation: ORG,
				roles: roles(&[Role::Researcher, Role::Custodian])
			}
		);
	});
}

#[test]
fn only_the_accredit_origin_changes_the_registry() {
	run(|| {
		let signed = RuntimeOrigin::signed(ORG);
		let bad_origin = DispatchError::BadOrigin;
		assert_noop!(
			Registry::accredit(signed.clone(), ORG, roles(&[Role::Lab]), DOCUMENT),
			bad_origin
		);
		assert_noop!(
			Registry::set_roles(signed.clone(), GENESIS_LAB, roles(&[Role::Custodian])),
			bad_origin
		);
		assert_noop!(Registry::suspend(signed.clone(), GENESIS_LAB), bad_origin);
		assert_noop!(Registry::reinstate(signed.clone(), GENESIS_LAB), bad_origin);
		assert_noop!(Registry::revoke(signed, GENESIS_LAB), bad_origin);
	});
}

#[test]
fn accredit_refuses_duplicates_and_empty_roles() {
	run(|| {
		assert_noop!(
			Registry::accredit(RuntimeOrigin::root(), ORG, Roles::new(), DOCUMENT),
			Error::<Test>::NoRoles
		);
		assert_noop!(
			Registry::accredit(
				RuntimeOrigin::root(),
				GENESIS_LAB,
				roles(&[Role::Custodian]),
				DOCUMENT
			),
			Error::<Test>::AlreadyAccredited
		);
	});
}

#[test]
fn set_roles_replaces_the_roles() {
	run(|| {
		assert_ok!(Registry::set_roles(
			RuntimeOrigin::root(),
			GENESIS_LAB,
			roles(&[Role::Custodian])
		));
		assert!(!Registry::has_role(&GENESIS_LAB, Role::Lab));
		assert!(Registry::has_role(&GENESIS_LAB, Role::Custodian));
		assert_eq!(
			last_event(),
			Event::RolesChanged { organisation: GENESIS_LAB, roles: roles(&[Role::Custodian]) }
		);
		assert_noop!(
			Registry::set_roles(RuntimeOrigin::root(), GENESIS_LAB, Roles::new()),
			Error::<Test>::NoRoles
		);
		assert_noop!(
			Registry::set_roles(RuntimeOrigin::root(), ORG, roles(&[Role::Lab])),
			Error::<Test>::NotAccredited
		);
	});
}

#[test]
fn a_suspended_organisation_holds_no_role_until_reinstated() {
	run(|| {
		assert_eq!(Registry::standing(&GENESIS_LAB, Role::Lab), Standing::Accredited);
		assert_ok!(Registry::suspend(RuntimeOrigin::root(), GENESIS_LAB));
		assert_eq!(last_event(), Event::OrganisationSuspended { organisation: GENESIS_LAB });
		assert!(!Registry::has_role(&GENESIS_LAB, Role::Lab));
		assert_eq!(Registry::standing(&GENESIS_LAB, Role::Lab), Standing::Suspended);
		// Suspended from what it holds, not accredited for the rest.
		assert_eq!(Registry::standing(&GENESIS_LAB, Role::Researcher), Standing::NotAccredited);
		assert_noop!(
			Registry::suspend(RuntimeOrigin::root(), GENESIS_LAB),
			Error::<Test>::AlreadySuspended
		);

		assert_ok!(Registry::reinstate(RuntimeOrigin::root(), GENESIS_LAB));
		assert_eq!(last_event(), Event::OrganisationReinstated { organisation: GENESIS_LAB });
		assert!(Registry::has_role(&GENESIS_LAB, Role::Lab));
		assert_noop!(
			Registry::reinstate(RuntimeOrigin::root(), GENESIS_LAB),
			Error::<Test>::NotSuspended
		);
	});
}

#[test]
fn suspending_or_reinstating_an_unknown_account_fails() {
	run(|| {
		assert_noop!(Registry::suspend(RuntimeOrigin::root(), ORG), Error::<Test>::NotAccredited);
		assert_noop!(Registry::reinstate(RuntimeOrigin::root(), ORG), Error::<Test>::NotAccredited);
	});
}

#[test]
fn revoke_removes_active_and_suspended_organisations() {
	run(|| {
		accredit(ORG, &[Role::Researcher]);
		assert_ok!(Registry::suspend(RuntimeOrigin::root(), ORG));
		for organisation in [GENESIS_LAB, ORG] {
			assert_ok!(Registry::revoke(RuntimeOrigin::root(), organisation));
			assert_eq!(last_event(), Event::AccreditationRevoked { organisation });
			assert!(!Organisations::<Test>::contains_key(organisation));
		}
		assert!(!Registry::has_role(&GENESIS_LAB, Role::Lab));
		assert_eq!(Registry::standing(&GENESIS_LAB, Role::Lab), Standing::NotAccredited);
		assert_noop!(Registry::revoke(RuntimeOrigin::root(), ORG), Error::<Test>::NotAccredited);
	});
}

#[test]
fn roles_from_refuses_an_empty_set() {
	assert_eq!(roles_from([]), None);
	assert_eq!(roles_from([Role::Lab, Role::Lab]).map(|r| r.len()), Some(1));
}

mod migrations;
