//! Reading consents: `find_consent`, the views, and the traits other pallets call.

use super::*;

#[test]
fn find_consent_returns_a_covering_consent_or_the_closest_refusal() {
	run(|| {
		let find = |accessor: u64, category: DataCategory, requested: RequestedUse| {
			Consent::find_consent(&accessor, &SUBJECT, &DATASET, category, &requested, None)
		};
		assert_eq!(
			find(RESEARCHER, DataCategory::Variants, hmb_use()),
			Err(AccessRefusal::ConsentNotFound)
		);

		let narrow = grant(terms());
		let commercial = RequestedUse { commercial: true, ..hmb_use() };
		assert_eq!(find(RESEARCHER, DataCategory::Variants, hmb_use()), Ok(narrow));
		assert_eq!(
			find(OTHER, DataCategory::Variants, hmb_use()),
			Err(AccessRefusal::NotTheGrantee)
		);
		assert_eq!(
			find(RESEARCHER, DataCategory::Clinical, hmb_use()),
			Err(AccessRefusal::CategoryNotCovered)
		);

		assert_ok!(Consent::revoke(RuntimeOrigin::signed(SUBJECT), narrow));
		assert_eq!(
			find(RESEARCHER, DataCategory::Variants, hmb_use()),
			Err(AccessRefusal::Revoked)
		);

		let mut ncu = terms();
		ncu.purpose.modifiers = modifiers(&[DuoModifier::NonCommercialUse]);
		let ncu = grant(ncu);
		// The NCU consent came further than the revoked one: its refusal is reported.
		assert_eq!(
			find(RESEARCHER, DataCategory::Variants, commercial),
			Err(AccessRefusal::UseNotPermitted(
				genochain_primitives::duo::UseRefusal::CommercialUse
			))
		);
		assert_eq!(find(RESEARCHER, DataCategory::Variants, hmb_use()), Ok(ncu));
	});
}

#[test]
fn consents_of_lists_every_consent_with_its_state() {
	run(|| {
		let active = grant(terms());
		let pending = grant(irb_terms_approved_by_guardian());
		let listed = Consent::consents_of(&SUBJECT);
		assert_eq!(listed.iter().map(|view| view.id).collect::<Vec<_>>(), vec![active, pending]);
		assert_eq!(listed[0].state, ConsentState::Active);
		assert_eq!(listed[0].terms, terms());
		assert_eq!(listed[1].state, ConsentState::PendingApproval);
		assert_eq!(
			listed[1].pending_approvals,
			vec![Approver::Account(GUARDIAN), Approver::EthicsCommittee]
		);
		assert!(Consent::consents_of(&OTHER).is_empty());
	});
}

#[test]
fn the_traits_act_as_the_calls_do() {
	run(|| {
		let id = <Consent as ConsentManage<_, _>>::grant_for(&SUBJECT, terms()).expect("granted");
		assert_eq!(held(SUBJECT), expected_deposit(SUBJECT, &terms()));
		let check = || {
			<Consent as ConsentInspect<_>>::check_access(
				id,
				&RESEARCHER,
				&DATASET,
				DataCategory::Variants,
				&hmb_use(),
			)
		};
		assert_eq!(check(), Ok(()));
		assert_noop!(
			<Consent as ConsentManage<_, _>>::revoke_for(&OTHER, id),
			Error::<Test>::NotTheSubject
		);
		assert_ok!(<Consent as ConsentManage<_, _>>::revoke_for(&SUBJECT, id));
		assert_eq!(check(), Err(AccessRefusal::Revoked));
		assert_eq!(
			<Consent as ConsentInspect<_>>::check_access(
				9,
				&RESEARCHER,
				&DATASET,
				DataCategory::Variants,
				&hmb_use()
			),
			Err(AccessRefusal::ConsentNotFound)
		);
	});
}
