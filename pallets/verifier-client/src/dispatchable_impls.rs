//! The calls' and the timeouts' work, behind the thin `#[pallet::call]`s of `lib.rs`.

use crate::{
	BalanceOf, Config, Error, Event, Expiries, HoldReason, NextQueryId, Pallet, Queries, Query,
	QueryState, WeightInfo, RECEIVE_VERDICT_CALL_INDEX,
};
use alloc::vec;
use genochain_primitives::verification::{
	verify_call, Callback, QueryId, VerifyResponse, VersionedVerifyRequest, VersionedVerifyResponse,
};
use polkadot_sdk::{
	frame_support::{
		ensure,
		pallet_prelude::{DispatchResult, Weight},
		traits::{
			fungible::MutateHold,
			tokens::{Fortitude, Precision, Restriction},
			Contains, Get, PalletInfoAccess,
		},
	},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::{traits::TryConvert, Saturating},
	staging_xcm::latest::{
		prelude::{
			AllCounted, BuyExecution, DepositAsset, RefundSurplus, Transact, Unlimited, Wild,
			WithdrawAsset,
		},
		validate_send, Asset, ExecuteXcm, Location, OriginKind, Reanchorable, SendXcm, Xcm,
	},
};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_request_verification(
		requester: T::AccountId,
		verifier: Location,
		request: VersionedVerifyRequest<genochain_primitives::AccountId>,
	) -> DispatchResult {
		ensure!(T::Verifiers::contains(&verifier), Error::<T>::UnknownVerifier);
		let query_id = NextQueryId::<T>::get();
		let expires_at =
			frame_system::Pallet::<T>::block_number().saturating_add(T::Timeout::get());
		Expiries::<T>::try_mutate(expires_at, |queries| queries.try_push(query_id))
			.map_err(|_| Error::<T>::TooManyQueries)?;
		let deposit = T::QueryDeposit::get();
		T::Currency::hold(&HoldReason::QueryDeposit.into(), &requester, deposit)
			.map_err(|_| Error::<T>::CannotHoldDeposit)?;
		let fee = T::QueryFeeCharge::get();
		T::Currency::hold(&HoldReason::QueryFee.into(), &requester, fee)
			.map_err(|_| Error::<T>::CannotHoldFee)?;

		let mut request = request.into_latest();
		request.require_at_least(T::RequiredProvenance::get());
		let request = VersionedVerifyRequest::V3(request);
		let message = Self::query_message(query_id, &verifier, &request)?;
		let (ticket, price) = validate_send::<T::XcmSender>(verifier.clone(), message)
			.map_err(|_| Error::<T>::RequestUnroutable)?;
		if !price.is_none() {
			let payer = T::AccountIdToLocation::try_convert(&requester)
				.map_err(|_| Error::<T>::DeliveryFeesNotPaid)?;
			T::XcmExecutor::charge_fees(payer, price)
				.map_err(|_| Error::<T>::DeliveryFeesNotPaid)?;
		}
		let message_id =
			T::XcmSender::deliver(ticket).map_err(|_| Error::<T>::RequestNotDelivered)?;

		NextQueryId::<T>::put(query_id.saturating_add(1));
		let kind = request.kind();
		Queries::<T>::insert(
			query_id,
			Query {
				requester: requester.clone(),
				verifier: verifier.clone(),
				kind,
				deposit,
				fee,
				state: QueryState::Pending { expires_at },
			},
		);
		Self::deposit_event(Event::VerificationRequested {
			query_id,
			requester,
			verifier,
			kind,
			message_id,
		});
		Ok(())
	}

	/// The query as Genochain executes it: paid from this chain's sovereign account there, the
	/// rest returned to it.
	fn query_message(
		query_id: QueryId,
		verifier: &Location,
		request: &VersionedVerifyRequest<genochain_primitives::AccountId>,
	) -> Result<Xcm<()>, Error<T>> {
		// GENE as Genochain sees it.
		let fees: Asset = (Location::here(), T::QueryFee::get()).into();
		let this_chain = Location::here()
			.reanchored(verifier, &T::UniversalLocation::get())
			.map_err(|_| Error::<T>::UnknownVerifier)?;
		let callback = Callback {
			pallet_index: u8::try_from(<Self as PalletInfoAccess>::index())
				.map_err(|_| Error::<T>::RequestUnroutable)?,
			call_index: RECEIVE_VERDICT_CALL_INDEX,
		};
		Ok(Xcm(vec![
			WithdrawAsset(fees.clone().into()),
			BuyExecution { fees, weight_limit: Unlimited },
			Transact {
				origin_kind: OriginKind::Xcm,
				fallback_max_weight: None,
				call: verify_call(query_id, callback, request).into(),
			},
			RefundSurplus,
			DepositAsset { assets: Wild(AllCounted(1)), beneficiary: this_chain },
		]))
	}

	pub(crate) fn do_receive_verdict(
		verifier: Location,
		response: VersionedVerifyResponse<
			genochain_primitives::AccountId,
			genochain_primitives::BlockNumber,
		>,
	) -> DispatchResult {
		let VersionedVerifyResponse::V3(response) = response else {
			return Err(Error::<T>::UnsupportedVersion.into());
		};
		let query_id = response.query_id;
		Queries::<T>::try_mutate(query_id, |query| {
			let query = query.as_mut().ok_or(Error::<T>::UnknownQuery)?;
			ensure!(query.verifier == verifier, Error::<T>::WrongVerifier);
			ensure!(matches!(query.state, QueryState::Pending { .. }), Error::<T>::AlreadyAnswered);
			let received_at = frame_system::Pallet::<T>::block_number();
			query.state = QueryState::Answered { response: response.clone(), received_at };
			Self::deposit_event(Event::VerdictReceived {
				query_id,
				requester: query.requester.clone(),
				held: response.verdict.is_ok(),
				at: response.at,
			});
			Self::pay_fee(query_id, &query.requester, query.fee);
			Ok(())
		})
	}

	pub(crate) fn do_dismiss(requester: T::AccountId, query_id: QueryId) -> DispatchResult {
		let query = Queries::<T>::get(query_id).ok_or(Error::<T>::UnknownQuery)?;
		ensure!(query.requester == requester, Error::<T>::NotTheRequester);
		ensure!(matches!(query.state, QueryState::Answered { .. }), Error::<T>::NotAnswered);
		Queries::<T>::remove(query_id);
		Self::release(&query.requester, query.deposit);
		Self::deposit_event(Event::QueryDismissed { query_id });
		Ok(())
	}

	/// Drops the queries still pending whose time is up at `now`; returns the weight used.
	pub(crate) fn time_out(now: BlockNumberFor<T>) -> Weight {
		let expiring = Expiries::<T>::take(now);
		for query_id in &expiring {
			let Some(query) = Queries::<T>::get(query_id) else { continue };
			if matches!(query.state, QueryState::Pending { .. }) {
				Queries::<T>::remove(query_id);
				Self::release(&query.requester, query.deposit);
				Self::deposit_event(Event::QueryTimedOut {
					query_id: *query_id,
					requester: query.requester.clone(),
				});
				// Unanswered, the query still took its fee from the sovereign account.
				Self::pay_fee(*query_id, &query.requester, query.fee);
			}
		}
		T::WeightInfo::time_out(expiring.len() as u32)
	}

	fn release(requester: &T::AccountId, deposit: BalanceOf<T>) {
		// The whole deposit is held under this reason for this query: releasing it cannot fall
		// short, and best effort keeps a cleanup from failing if it ever did.
		let _ = T::Currency::release(
			&HoldReason::QueryDeposit.into(),
			requester,
			deposit,
			Precision::BestEffort,
		);
	}

	/// Pays a query's held fee charge to the fee collector.
	fn pay_fee(query_id: QueryId, requester: &T::AccountId, fee: BalanceOf<T>) {
		let reason = HoldReason::QueryFee.into();
		// The charge is zero or at least the existential deposit (`integrity_test`), so it opens
		// the collector's account if need be; should the transfer fail all the same, the charge
		// is burnt rather than handed back, so that a query is never free.
		let paid = T::Currency::transfer_on_hold(
			&reason,
			requester,
			&T::FeeCollector::get(),
			fee,
			Precision::BestEffort,
			Restriction::Free,
			Fortitude::Polite,
		)
		.or_else(|_| {
			T::Currency::burn_held(&reason, requester, fee, Precision::BestEffort, Fortitude::Force)
		})
		.unwrap_or_default();
		Self::deposit_event(Event::QueryFeePaid {
			query_id,
			requester: requester.clone(),
			fee: paid,
		});
	}

	/// Genochain's answer to query `query_id`, once it arrived.
	pub fn verdict(
		query_id: QueryId,
	) -> Option<VerifyResponse<genochain_primitives::AccountId, genochain_primitives::BlockNumber>>
	{
		match Queries::<T>::get(query_id)?.state {
			QueryState::Answered { response, .. } => Some(response),
			QueryState::Pending { .. } => None,
		}
	}
}
