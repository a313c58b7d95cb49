//! The escrow invariant under random sequences of calls.

use super::*;
use polkadot_sdk::{sp_io, sp_runtime::StateVersion};
use proptest::prelude::*;

const CONTRIBUTORS: [u64; 3] = [CONTRIBUTOR, OTHER_CONTRIBUTOR, THIRD_CONTRIBUTOR];

/// An operation; `pick` chooses among the live enrolments (or a random pair when there are
/// none), so that sequences reach deliveries, disputes and settlements often.
#[derive(Clone, Debug)]
enum Op {
	Create { slots: u32, reward: u64 },
	Enroll { study: u32, who: usize },
	Withdraw { pick: usize },
	Deliver { pick: usize },
	Dispute { pick: usize },
	Resolve { pick: usize, pay: bool },
	Close { study: u32, by_governance: bool },
	Settle { pick: usize },
	Advance { blocks: u64 },
}

fn op() -> impl Strategy<Value = Op> {
	let study = 0u32..4;
	let pick = 0usize..12;
	prop_oneof![
		2 => (1u32..4, 10u64..3_000).prop_map(|(slots, reward)| Op::Create { slots, reward }),
		4 => (study.clone(), 0usize..3).prop_map(|(study, who)| Op::Enroll { study, who }),
		1 => pick.clone().prop_map(|pick| Op::Withdraw { pick }),
		3 => pick.clone().prop_map(|pick| Op::Deliver { pick }),
		2 => pick.clone().prop_map(|pick| Op::Dispute { pick }),
		2 => (pick.clone(), any::<bool>()).prop_map(|(pick, pay)| Op::Resolve { pick, pay }),
		1 => (study, any::<bool>())
			.prop_map(|(study, by_governance)| Op::Close { study, by_governance }),
		2 => pick.prop_map(|pick| Op::Settle { pick }),
		2 => (1u64..4).prop_map(|blocks| Op::Advance { blocks }),
	]
}

fn enrolment(pick: usize) -> (StudyId, u64) {
	let mut live: Vec<_> = Enrolments::<Test>::iter_keys().collect();
	live.sort();
	live.get(pick % live.len().max(1))
		.copied()
		.unwrap_or((pick as StudyId % 4, CONTRIBUTORS[pick % 3]))
}

fn apply(op: &Op) -> polkadot_sdk::sp_runtime::DispatchResult {
	let signed = RuntimeOrigin::signed;
	match *op {
		Op::Create { slots, reward } => {
			let mut terms = terms(slots);
			terms.reward = reward;
			DataMarket::create_study(signed(RESEARCHER), terms)
		}
		Op::Enroll { study, who } => {
			let who = CONTRIBUTORS[who];
			DataMarket::enroll(signed(who), study, genome_of(who))
		}
		Op::Withdraw { pick } => {
			let (study, who) = enrolment(pick);
			DataMarket::withdraw(signed(who), study)
		}
		Op::Deliver { pick } => {
			let (study, who) = enrolment(pick);
			DataMarket::confirm_delivery(signed(CUSTODIAN), study, who)
		}
		Op::Dispute { pick } => {
			let (study, who) = enrolment(pick);
			DataMarket::dispute(signed(RESEARCHER), study, who, H256::repeat_byte(1))
		}
		Op::Resolve { pick, pay } => {
			let (study, who) = enrolment(pick);
			let verdict =
				if pay { DisputeVerdict::PayContributor } else { DisputeVerdict::RefundResearcher };
			DataMarket::resolve_dispute(signed(ETHICS), study, who, verdict)
		}
		Op::Close { study, by_governance } => {
			let origin = if by_governance { RuntimeOrigin::root() } else { signed(RESEARCHER) };
			DataMarket::close_study(origin, study).map(|_| ()).map_err(|error| error.error)
		}
		Op::Settle { pick } => {
			let (study, who) = enrolment(pick);
			DataMarket::settle(signed(CUSTODIAN), study, who)
		}
		Op::Advance { blocks } => {
			run_to(System::block_number() + blocks);
			Ok(())
		}
	}
}

/// What everyone but the treasury and the contributors holds, free or held.
fn researcher_total() -> u64 {
	Balances::total_balance(&RESEARCHER)
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(256))]

	#[test]
	fn escrow_holds_under_any_sequence(ops in prop::collection::vec(op(), 1..60)) {
		new_test_ext().execute_with(|| {
			let issuance = Balances::total_issuance();
			let researcher_before = researcher_total();
			let treasury_before = Balances::balance(&TREASURY);
			let contributors_before: u64 =
				CONTRIBUTORS.iter().map(Balances::total_balance).sum();
			for op in &ops {
				let root = sp_io::storage::root(StateVersion::V1);
				if apply(op).is_err() {
					// A failed call changes nothing.
					prop_assert_eq!(sp_io::storage::root(StateVersion::V1), root, "{:?}", op);
				}
				prop_assert_eq!(DataMarket::check_escrow(), Ok(()), "after {:?}", op);
				prop_assert_eq!(Balances::total_issuance(), issuance);
			}

			// Wind everything down: every path ends with nothing held.
			for study in 0..NextStudyId::<Test>::get() {
				let _ = DataMarket::close_study(RuntimeOrigin::root(), study);
			}
			run_to(System::block_number() + DEADLINE + DELIVERY_WINDOW + DISPUTE_WINDOW);
			for (study, who, enrolment) in Enrolments::<Test>::iter().collect::<Vec<_>>() {
				if matches!(enrolment.status, EnrolmentStatus::Disputed { .. }) {
					prop_assert!(DataMarket::resolve_dispute(
						RuntimeOrigin::signed(ETHICS),
						study,
						who,
						DisputeVerdict::PayContributor,
					)
					.is_ok());
				} else {
					prop_assert!(DataMarket::settle(RuntimeOrigin::signed(RESEARCHER), study, who)
						.is_ok());
				}
			}
			prop_assert_eq!(Studies::<Test>::iter().count(), 0);
			prop_assert_eq!(budget_held(RESEARCHER), 0);
			prop_assert_eq!(deposit_held(RESEARCHER), 0);
			// The researcher paid exactly what the contributors and the treasury received.
			let paid: u64 =
				CONTRIBUTORS.iter().map(|who| Earned::<Test>::get(who).unwrap_or_default()).sum();
			let contributors_after: u64 =
				CONTRIBUTORS.iter().map(Balances::total_balance).sum();
			prop_assert_eq!(contributors_after - contributors_before, paid);
			let fees = Balances::balance(&TREASURY) - treasury_before;
			prop_assert_eq!(researcher_before - researcher_total(), paid + fees);
			prop_assert_eq!(Balances::total_issuance(), issuance);
			Ok(())
		})?;
	}
}
