//! The escrow invariant under random sequences of calls, dispute window changes and failing
//! payouts; and that `on_idle` pays every payout due, whatever order they were queued in.

use super::*;
use polkadot_sdk::{sp_io, sp_runtime::StateVersion};
use proptest::prelude::*;

const CONTRIBUTORS: [u64; 3] = [CONTRIBUTOR, OTHER_CONTRIBUTOR, THIRD_CONTRIBUTOR];

/// An operation; `pick` chooses among the live enrolments (or a random pair when there are
/// none), so that sequences reach deliveries, disputes and settlements often.
#[derive(Clone, Debug)]
enum Op {
	Create {
		slots: u32,
		reward: u64,
	},
	Enroll {
		study: u32,
		who: usize,
	},
	Withdraw {
		pick: usize,
	},
	Deliver {
		pick: usize,
	},
	Dispute {
		pick: usize,
	},
	Resolve {
		pick: usize,
		pay: bool,
	},
	Close {
		study: u32,
		by_governance: bool,
	},
	Settle {
		pick: usize,
	},
	Advance {
		blocks: u64,
	},
	SetWindow {
		blocks: u64,
	},
	/// Ending consents fails from now on (so payouts fail), or works again.
	RefuseEnds {
		refuse: bool,
	},
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
		3 => (1u64..6).prop_map(|blocks| Op::Advance { blocks }),
		1 => (1u64..9).prop_map(|blocks| Op::SetWindow { blocks }),
		1 => any::<bool>().prop_map(|refuse| Op::RefuseEnds { refuse }),
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
			for _ in 0..blocks {
				idle_block()?;
			}
			Ok(())
		}
		Op::SetWindow { blocks } => DataMarket::set_dispute_window(RuntimeOrigin::root(), blocks),
		Op::RefuseEnds { refuse } => {
			MapConsents::<Test>::refuse_ends(refuse);
			Ok(())
		}
	}
}

/// How many queued payouts are due at the current block.
fn due_now() -> usize {
	let now = System::block_number();
	PayoutQueue::<Test>::iter_keys().filter(|key| key.is_due_at(now)).count()
}

/// Moves to the next block and runs `on_idle` with room to spare: it takes as many due payouts
/// as it may (`MaxPayoutsPerBlock`, 4), whichever were queued first, paying each or putting it
/// off to a later block.
fn idle_block() -> Result<(), DispatchError> {
	System::set_block_number(System::block_number() + 1);
	let due = due_now();
	DataMarket::on_idle(System::block_number(), Weight::MAX);
	if due_now() != due - due.min(4) {
		return Err(DispatchError::Other("on_idle left a payout due"));
	}
	Ok(())
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
				let applied = apply(op);
				if let Op::Advance { .. } = op {
					prop_assert_eq!(applied, Ok(()), "{:?}", op);
				} else if applied.is_err() {
					// A failed call changes nothing.
					prop_assert_eq!(sp_io::storage::root(StateVersion::V1), root, "{:?}", op);
				}
				prop_assert_eq!(DataMarket::check_escrow(), Ok(()), "after {:?}", op);
				prop_assert_eq!(Balances::total_issuance(), issuance);
			}

			// Wind everything down: every path ends with nothing held. Payouts put off by a
			// failure are paid once consents can be ended again; every dispute lapses.
			MapConsents::<Test>::refuse_ends(false);
			for study in 0..NextStudyId::<Test>::get() {
				let _ = DataMarket::close_study(RuntimeOrigin::root(), study);
			}
			System::set_block_number(System::block_number() + DEADLINE + DELIVERY_WINDOW);
			for _ in 0..DISPUTE_DEADLINE {
				prop_assert_eq!(idle_block(), Ok(()));
			}
			for (study, who) in Enrolments::<Test>::iter_keys().collect::<Vec<_>>() {
				prop_assert_eq!(
					DataMarket::settle(RuntimeOrigin::signed(RESEARCHER), study, who),
					Ok(())
				);
			}
			prop_assert_eq!(DataMarket::check_escrow(), Ok(()));
			prop_assert_eq!(Studies::<Test>::iter().count(), 0);
			prop_assert_eq!(PayoutQueue::<Test>::iter().count(), 0);
			prop_assert_eq!(budget_held(RESEARCHER), 0);
			prop_assert_eq!(bond_held(RESEARCHER), 0);
			prop_assert_eq!(deposit_held(RESEARCHER), 0);
			// The researcher paid exactly what the contributors and the treasury received:
			// rewards, fees and the bonds of disputes the contributors won.
			let paid: u64 =
				CONTRIBUTORS.iter().map(|who| Earned::<Test>::get(who).unwrap_or_default()).sum();
			let contributors_after: u64 =
				CONTRIBUTORS.iter().map(Balances::total_balance).sum();
			let bonds_won = contributors_after - contributors_before - paid;
			let fees = Balances::balance(&TREASURY) - treasury_before;
			prop_assert_eq!(researcher_before - researcher_total(), paid + fees + bonds_won);
			prop_assert_eq!(Balances::total_issuance(), issuance);
			Ok(())
		})?;
	}
}
