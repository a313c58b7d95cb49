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
		let ids: Vec<_> = DataMarket::open_studies(None, u32::MAX)
			.studies
			.into_iter()
			.map(|study| study.id)
			.collect();
		assert_eq!(ids, vec![open]);
		let view = DataMarket::study(open).expect("exists");
		assert_eq!((view.free_slots, view.enrolled, view.held), (2, 1, 3 * SLOT));
		let earnings = DataMarket::earnings(&CONTRIBUTOR);
		assert_eq!((earnings.paid, earnings.pending, earnings.enrolled), (REWARD, REWARD, REWARD));
		assert_eq!(earnings.enrolments.len(), 2);
		assert_eq!(earnings.enrolments[0].study, open);
		System::set_block_number(DEADLINE + 1);
		assert!(DataMarket::open_studies(None, u32::MAX).studies.is_empty());
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
		assert_eq!(DataMarket::open_studies(None, u32::MAX).studies.len(), 1);
		assert_eq!(budget_held(RESEARCHER), 2 * SLOT);
	});
}

/// The ids of the open studies on one page, and where the next starts.
fn page(after: Option<StudyId>, limit: u32) -> (Vec<StudyId>, Option<StudyId>) {
	let page = DataMarket::open_studies(after, limit);
	(page.studies.into_iter().map(|study| study.id).collect(), page.next)
}

#[test]
fn open_studies_come_in_pages_by_id() {
	new_test_ext().execute_with(|| {
		let ids: Vec<StudyId> = (0..5).map(|_| create(1)).collect();
		enrol(ids[1], CONTRIBUTOR);
		// Study 1 is full: not listed, but looked at.
		assert_eq!(page(None, 2), (vec![ids[0], ids[2]], Some(ids[2])));
		// The page that reaches the last id says it is the last.
		assert_eq!(page(Some(ids[2]), 2), (vec![ids[3], ids[4]], None));
		assert_eq!(page(Some(ids[4]), 2), (vec![], None));
		// A page has one study at least and MAX_STUDIES_PAGE at most.
		assert_eq!(page(None, 0), (vec![ids[0]], Some(ids[0])));
		assert_eq!(page(None, u32::MAX), (vec![ids[0], ids[2], ids[3], ids[4]], None));
		// After the last id there is nothing, without wrapping around.
		assert_eq!(page(Some(StudyId::MAX), 10), (vec![], None));
	});
}

#[test]
fn a_page_looks_at_a_bounded_run_of_ids_however_many_were_freed() {
	new_test_ext().execute_with(|| {
		let first = create(1);
		// Thousands of studies settled and gone since: their ids are free.
		NextStudyId::<Test>::put(5_000);
		let last = create(1);
		let looked_at = MAX_STUDY_IDS_LOOKED_AT;
		assert_eq!(page(None, 10), (vec![first], Some(looked_at - 1)));
		let mut after = Some(looked_at - 1);
		let mut found = Vec::new();
		let mut calls = 1;
		while let Some(start) = after {
			let (ids, next) = page(Some(start), 10);
			if let Some(next) = next {
				assert_eq!(next, start + looked_at, "each call looks at its full run of ids");
			}
			found.extend(ids);
			after = next;
			calls += 1;
		}
		assert_eq!(found, vec![last]);
		assert_eq!(calls, 5_001_u32.div_ceil(looked_at));
	});
}

#[test]
fn a_full_page_of_open_studies_stops_at_its_limit() {
	new_test_ext().execute_with(|| {
		let count = MAX_STUDIES_PAGE + 10;
		for _ in 0..count {
			create(1);
		}
		let (ids, next) = page(None, u32::MAX);
		assert_eq!(ids, (0..MAX_STUDIES_PAGE).collect::<Vec<_>>());
		assert_eq!(next, Some(MAX_STUDIES_PAGE - 1));
		let (rest, next) = page(next, u32::MAX);
		assert_eq!(rest, (MAX_STUDIES_PAGE..count).collect::<Vec<_>>());
		assert_eq!(next, None);
	});
}
