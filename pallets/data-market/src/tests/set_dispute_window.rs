//! `set_dispute_window`.

use super::*;

#[test]
fn governance_sets_the_dispute_window() {
	new_test_ext().execute_with(|| {
		assert_eq!(DisputeWindow::<Test>::get(), DISPUTE_WINDOW);
		assert_noop!(DataMarket::set_dispute_window(RuntimeOrigin::signed(ETHICS), 9), BadOrigin);
		assert_noop!(
			DataMarket::set_dispute_window(RuntimeOrigin::root(), 0),
			Error::<Test>::ZeroDisputeWindow
		);
		assert_ok!(DataMarket::set_dispute_window(RuntimeOrigin::root(), 9));
		assert_eq!(last_event(), Event::DisputeWindowSet { blocks: 9 }.into());
		let id = create(1);
		enrol(id, CONTRIBUTOR);
		deliver(id, CONTRIBUTOR);
		assert_eq!(
			Enrolments::<Test>::get(id, CONTRIBUTOR).expect("delivered").status,
			EnrolmentStatus::Delivered { payable_at: 10 }
		);
	});
}
