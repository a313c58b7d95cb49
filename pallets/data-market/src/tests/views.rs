//! The views the runtime API serves, and genesis.

use super::*;

#[test]
fn views_list_open_studies_and_a_contributors_earnings() {
	new_test_ext().execute_with(|| {
		let paid = create(1);
		let open = create(3);
		let full = create(1);
		enrol(paid, CONTRIBUTOR);
		deliver(paid, CONTRIBUTOR);
		run_to(1 + DISPUTE_WINDOW);
		enrol(open, CONTRIBUTOR);
		deliver(open, CONTRIBUTOR);
		enrol(full, CONTRIBUTOR);
		let ids: Vec<_> = DataMarket::open_studies().into_iter().map(|study| study.id).collect();
		assert_eq!(ids, vec![open]);
		let view = DataMarket::study(open).expect("exists");
		assert_eq!((view.free_slots, view.enrolled, view.held), (2, 1, 3 * SLOT));
		let earnings = DataMarket::earnings(&CONTRIBUTOR);
		assert_eq!((earnings.paid, earnings.pending, earnings.enrolled), (REWARD, REWARD, REWARD));
		assert_eq!(earnings.enrolments.len(), 2);
		assert_eq!(earnings.enrolments[0].study, open);
		System::set_block_number(DEADLINE + 1);
		assert!(DataMarket::open_studies().is_empty());
	});
}

#[test]
fn genesis_opens_studies_and_endows_the_treasury() {
	let mut storage =
		frame_system::GenesisConfig::<Test>::default().build_storage().expect("system genesis");
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(RESEARCHER, INITIAL_BALANCE)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.expect("balances genesis");
	polkadot_sdk::sp_io::TestExternalities::new(storage).execute_with(|| {
		// The registry's genesis accredits the researcher before the market's runs.
		MapAccreditation::set(RESEARCHER, Role::Researcher, true);
		crate::GenesisConfig::<Test> {
			dispute_window: Some(2),
			studies: vec![(RESEARCHER, terms(2))],
		}
		.build();
		assert_eq!(DisputeWindow::<Test>::get(), 2);
		assert_eq!(Balances::balance(&TREASURY), EXISTENTIAL_DEPOSIT);
		assert_eq!(DataMarket::open_studies().len(), 1);
		assert_eq!(budget_held(RESEARCHER), 2 * SLOT);
	});
}
