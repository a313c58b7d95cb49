//! Benchmarks of every call, each in its most expensive case. Records come from
//! [`Config::BenchmarkHelper`]: in the runtime, anchors each kept by a custodian of its own, so
//! `erase_me(n)` and `enact` include a real erasure (the owning pallets' weights are added on
//! top, so the charge errs high) and a case listing one custodian per record.

use crate::*;
use alloc::vec::Vec;
use genochain_primitives::{
	consent::Role,
	redaction::{RecordRef, RequestId},
	traits::Accreditation,
};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::{
		traits::{
			fungible::{Inspect, Mutate},
			EnsureOrigin, Get,
		},
		BoundedVec,
	},
	frame_system::{self, RawOrigin},
	sp_core::H256,
	sp_runtime::traits::{Saturating, Zero},
};

const REASON: H256 = H256::repeat_byte(0x5e);

/// An account with plenty for deposits.
fn funded<T: Config>(name: &'static str) -> T::AccountId {
	let who = account(name, 0, 0);
	let plenty = T::Currency::minimum_balance()
		.saturating_add(T::RequestDeposit::get())
		.saturating_mul(1_000u32.into());
	T::Currency::set_balance(&who, plenty);
	who
}

/// Gives the storage fund plenty, so that it holds for what erasures leave (the costlier path).
fn fund_the_fund<T: Config>() {
	let plenty = T::Currency::minimum_balance()
		.saturating_add(T::RequestDeposit::get())
		.saturating_mul(1_000_000u32.into());
	T::Currency::set_balance(&T::Treasury::get(), plenty);
}

/// A record of someone else, kept by a custodian.
fn record<T: Config>() -> RecordRef<T::AccountId> {
	T::BenchmarkHelper::record(&account("subject", 0, 0), 0, &account("custodian", 0, 0))
}

/// A request for a record by a funded requester, approved if `approve`.
fn requested<T: Config>(approve: bool) -> Result<(T::AccountId, RequestId), BenchmarkError> {
	let requester = funded::<T>("requester");
	let request = NextRequestId::<T>::get();
	Pallet::<T>::do_request_redaction(requester.clone(), record::<T>(), REASON)?;
	if approve {
		Pallet::<T>::do_approve(request)?;
	}
	Ok((requester, request))
}

/// Opens case 0 with as many custodians and recipients as a case lists, none confirmed but, if
/// `all_but_last`, every party but the last recipient; returns that recipient.
fn full_case<T: Config>(all_but_last: bool) -> T::AccountId {
	let parties = |name: &'static str, count: u32, last_pending: bool| {
		(0..count)
			.map(|index| {
				let is_last = last_pending && index.saturating_add(1) == count;
				(account(name, index, 0), all_but_last && !is_last)
			})
			.collect::<Vec<(T::AccountId, bool)>>()
	};
	let recipients = T::MaxRecipientsPerCase::get();
	let now = frame_system::Pallet::<T>::block_number();
	fund_the_fund::<T>();
	let mut case = ErasureCase {
		opened_at: now,
		request: None,
		custodians: BoundedVec::truncate_from(parties(
			"custodian",
			T::MaxCustodiansPerCase::get(),
			false,
		)),
		recipients: BoundedVec::truncate_from(parties("recipient", recipients, true)),
		deadline: now.saturating_add(T::ConfirmationPeriod::get()),
		overdue_reported: false,
		deposit: Zero::zero(),
	};
	// Held by the fund, as for a case an erasure opened: completing it releases the deposit.
	let price = Pallet::<T>::case_price(&case);
	case.deposit = price.saturating_sub(Pallet::<T>::hold_on_fund(price));
	Cases::<T>::insert(0, case);
	account("recipient", recipients.saturating_sub(1), 0)
}

/// Moves past case 0's deadline.
fn past_the_deadline<T: Config>() {
	let deadline = Cases::<T>::get(0).map(|case| case.deadline).unwrap_or_default();
	frame_system::Pallet::<T>::set_block_number(deadline.saturating_add(1u32.into()));
}

fn committee<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::CommitteeOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A subject erasing `n` records, each kept by its own custodian, whose data went to as many
	/// recipients as a case lists.
	#[benchmark]
	fn erase_me(n: Linear<1, { T::MaxErasuresPerCall::get() }>) {
		let subject: T::AccountId = account("subject", 0, 0);
		for index in 0..n {
			T::BenchmarkHelper::record(&subject, index, &account("custodian", index, 0));
		}
		let recipients = (0..T::MaxRecipientsPerCase::get())
			.map(|index| account("recipient", index, 0))
			.collect::<Vec<T::AccountId>>();
		T::BenchmarkHelper::recipients(&subject, &recipients);
		fund_the_fund::<T>();
		let case = NextCaseId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(subject));

		let open = Cases::<T>::get(case).map(|open| (open.custodians.len(), open.recipients.len()));
		assert_eq!(open, Some((n as usize, recipients.len())));
	}

	#[benchmark]
	fn request_redaction() {
		let requester = funded::<T>("requester");
		let record = record::<T>();
		let request = NextRequestId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(requester), record, REASON);

		assert!(Requests::<T>::contains_key(request));
	}

	#[benchmark]
	fn approve() -> Result<(), BenchmarkError> {
		let (_, request) = requested::<T>(false)?;
		let origin = committee::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, request);

		let status = Requests::<T>::get(request).map(|open| open.status);
		assert!(matches!(status, Some(RequestStatus::Approved { .. })));
		Ok(())
	}

	/// The deposit goes to the treasury.
	#[benchmark]
	fn reject() -> Result<(), BenchmarkError> {
		let (_, request) = requested::<T>(false)?;
		let origin = committee::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, request);

		assert!(!Requests::<T>::contains_key(request));
		Ok(())
	}

	/// By the requester, who is checked, of a request not yet approved (once approved, only the
	/// committee cancels, which checks less).
	#[benchmark]
	fn cancel() -> Result<(), BenchmarkError> {
		let (requester, request) = requested::<T>(false)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(requester), request);

		assert!(!Requests::<T>::contains_key(request));
		Ok(())
	}

	/// The record erased, a tombstone and a case with its custodian.
	#[benchmark]
	fn enact() -> Result<(), BenchmarkError> {
		let (requester, request) = requested::<T>(true)?;
		frame_system::Pallet::<T>::set_block_number(
			frame_system::Pallet::<T>::block_number().saturating_add(T::EnactmentDelay::get()),
		);
		fund_the_fund::<T>();
		let case = NextCaseId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(requester), request);

		assert!(Cases::<T>::contains_key(case));
		Ok(())
	}

	/// The last recipient of a full case confirms: the case completes and goes.
	#[benchmark]
	fn confirm_erasure() {
		let last = full_case::<T>(true);

		#[extrinsic_call]
		_(RawOrigin::Signed(last), 0);

		assert!(!Cases::<T>::contains_key(0));
	}

	/// Every party of a full case is overdue.
	#[benchmark]
	fn report_overdue() {
		full_case::<T>(false);
		past_the_deadline::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(account("reporter", 0, 0)), 0);

		assert!(Cases::<T>::get(0).is_some_and(|case| case.overdue_reported));
	}

	/// The last party of a full case, overdue, is suspended.
	#[benchmark]
	fn suspend_overdue() -> Result<(), BenchmarkError> {
		let last = full_case::<T>(false);
		T::Accreditation::accredit_for_benchmark(&last, Role::Researcher);
		past_the_deadline::<T>();
		let committee = committee::<T>()?;

		#[extrinsic_call]
		_(committee as T::RuntimeOrigin, 0, last.clone());

		assert!(!T::Accreditation::has_role(&last, Role::Researcher));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
