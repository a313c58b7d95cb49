//! The calls' work, behind the thin `#[pallet::call]`s of `lib.rs`.

use crate::{AllowedSiblings, AnswersInBlock, Config, Error, Event, Pallet};
use alloc::vec;
use genochain_primitives::{
	traits::ConsentInspect,
	verification::{
		v1, v2, Callback, QueryId, VerifyRequest, VerifyResponse, VersionedVerifyRequest,
		VersionedVerifyResponse,
	},
};
use polkadot_sdk::{
	frame_support::{ensure, pallet_prelude::DispatchResult, traits::Get},
	frame_system::{self, pallet_prelude::BlockNumberFor},
	sp_runtime::{traits::Zero, DispatchError},
	staging_xcm::latest::Instruction::{Transact, UnpaidExecution},
	staging_xcm::latest::{
		validate_send, ExecuteXcm, Junction::Parachain, Location, OriginKind, SendXcm, WeightLimit,
		Xcm, XcmHash,
	},
};

impl<T: Config> Pallet<T> {
	/// Answers `request`; for a consent request, returns how many consents its subject has.
	pub(crate) fn do_verify(
		asker: Location,
		query_id: QueryId,
		callback: Callback,
		request: &VersionedVerifyRequest<T::AccountId>,
	) -> Result<Option<u32>, DispatchError> {
		let sibling = match asker.unpack() {
			(1, [Parachain(id)]) => *id,
			_ => return Err(Error::<T>::NotASibling.into()),
		};
		let (last_answered, answered_sibling) =
			AllowedSiblings::<T>::get(sibling).ok_or(Error::<T>::SiblingNotAllowed)?;
		let now = frame_system::Pallet::<T>::block_number();
		let answered = match AnswersInBlock::<T>::get() {
			(block, answered) if block == now => answered,
			_ => 0,
		};
		ensure!(answered < T::MaxAnswersPerBlock::get(), Error::<T>::AnswerLimitReached);
		let answered_sibling = if last_answered == now { answered_sibling } else { 0 };
		ensure!(
			answered_sibling < T::MaxAnswersPerSiblingPerBlock::get(),
			Error::<T>::SiblingAnswerLimitReached
		);

		// Answered in the version asked in; the event states the refusal in the latest.
		let (response, refusal) = match request {
			VersionedVerifyRequest::V1(request) => {
				let verdict = Self::evaluate_v1(request);
				let refusal = verdict.clone().err().map(Into::into);
				(
					VersionedVerifyResponse::V1(v1::VerifyResponse { query_id, verdict, at: now }),
					refusal,
				)
			}
			VersionedVerifyRequest::V2(request) => {
				let verdict = Self::evaluate(&request.clone().into());
				let refusal = verdict.clone().err();
				(
					VersionedVerifyResponse::V2(VerifyResponse { query_id, verdict, at: now }),
					refusal,
				)
			}
			VersionedVerifyRequest::V3(request) => {
				let verdict = Self::evaluate(request);
				let refusal = verdict.clone().err();
				(
					VersionedVerifyResponse::V3(VerifyResponse { query_id, verdict, at: now }),
					refusal,
				)
			}
		};
		let message_id = Self::send_answer(asker, callback, &response)?;

		AnswersInBlock::<T>::put((now, answered.saturating_add(1)));
		AllowedSiblings::<T>::insert(sibling, (now, answered_sibling.saturating_add(1)));
		let kind = request.kind();
		Self::deposit_event(match refusal {
			None => Event::QueryAnswered { sibling, query_id, kind, message_id },
			Some(refusal) => Event::QueryRefused { sibling, query_id, kind, refusal, message_id },
		});
		Ok(match request {
			VersionedVerifyRequest::V1(v1::VerifyRequest::Consent { subject, .. })
			| VersionedVerifyRequest::V2(v2::VerifyRequest::Consent { subject, .. })
			| VersionedVerifyRequest::V3(VerifyRequest::Consent { subject, .. }) => {
				Some(T::Consents::consent_count(subject))
			}
			_ => None,
		})
	}

	/// Sends `response` to `callback` on `asker`, the asker paying the delivery if it costs.
	fn send_answer(
		asker: Location,
		callback: Callback,
		response: &VersionedVerifyResponse<
			T::AccountId,
			polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor<T>,
		>,
	) -> Result<XcmHash, Error<T>> {
		let message = Xcm(vec![
			UnpaidExecution { weight_limit: WeightLimit::Unlimited, check_origin: None },
			Transact {
				origin_kind: OriginKind::Xcm,
				fallback_max_weight: None,
				call: callback.call(response).into(),
			},
		]);
		let (ticket, price) = validate_send::<T::XcmSender>(asker.clone(), message)
			.map_err(|_| Error::<T>::AnswerUnroutable)?;
		if !price.is_none() {
			T::XcmExecutor::charge_fees(asker, price)
				.map_err(|_| Error::<T>::DeliveryFeesNotPaid)?;
		}
		T::XcmSender::deliver(ticket).map_err(|_| Error::<T>::AnswerNotDelivered)
	}

	pub(crate) fn do_allow_sibling(sibling: u32) -> DispatchResult {
		ensure!(!AllowedSiblings::<T>::contains_key(sibling), Error::<T>::AlreadyAllowed);
		AllowedSiblings::<T>::insert(sibling, (BlockNumberFor::<T>::zero(), 0));
		Self::deposit_event(Event::SiblingAllowed { sibling });
		Ok(())
	}

	pub(crate) fn do_disallow_sibling(sibling: u32) -> DispatchResult {
		ensure!(AllowedSiblings::<T>::take(sibling).is_some(), Error::<T>::NotAllowed);
		Self::deposit_event(Event::SiblingDisallowed { sibling });
		Ok(())
	}
}
