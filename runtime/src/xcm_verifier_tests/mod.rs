//! Queries to the XCM verifier as siblings send them, executed by the runtime's own XCM
//! configuration: the barrier, the `Transact` origin conversion and call filter, the fees, and the
//! answer queued for the asker over XCMP. (The whole round trip between chains runs in the XCM
//! simulator, `xcm-tests/`.)

#![allow(clippy::arithmetic_side_effects)]

mod verdicts;

use crate::{
	configs::xcm_config::{GeneLocation, LocationToAccountId, XcmConfig},
	dev_chain::{anchored, dev_chain, signed},
	Balances, ParachainSystem, Runtime, RuntimeCall, RuntimeEvent, System, XcmVerifier, XcmpQueue,
};
use codec::{Decode, Encode};
use genochain_primitives::{
	anchor::{AnchorId, Provenance},
	currency::GENE,
	verification::{
		v1, Callback, Fact, ProvenanceRequirement, VerifyRequest, VerifyResponse,
		VersionedVerifyRequest, VersionedVerifyResponse,
	},
	AccountId, Balance, BlockNumber,
};
use polkadot_sdk::{
	cumulus_primitives_core::{XcmpMessageFormat, XcmpMessageSource},
	frame_support::{assert_ok, dispatch::GetDispatchInfo, traits::fungible::Mutate},
	sp_keyring::Sr25519Keyring,
	sp_runtime::DispatchError,
	staging_xcm::{latest::prelude::*, VersionedXcm},
	staging_xcm_executor::{traits::ConvertLocation, XcmExecutor},
	*,
};

const ASKER: u32 = 2001;
const CALLBACK: Callback = Callback { pallet_index: 60, call_index: 1 };
/// Enough for any query; what is not used is refunded.
const FEE: Balance = GENE;

fn asker() -> Location {
	Location::new(1, [Parachain(ASKER)])
}

fn sovereign() -> AccountId {
	LocationToAccountId::convert_location(&asker()).expect("a sibling has a sovereign account")
}

/// The dev chain with [`ASKER`] allowed, a channel open to it and its sovereign account funded.
fn ready_chain() -> polkadot_sdk::sp_io::TestExternalities {
	let mut ext = dev_chain();
	ext.execute_with(|| {
		assert_ok!(XcmVerifier::allow_sibling(crate::RuntimeOrigin::root(), ASKER));
		ParachainSystem::open_outbound_hrmp_channel_for_benchmarks_or_tests(ASKER.into());
		assert_ok!(Balances::mint_into(&sovereign(), 10 * GENE));
	});
	ext
}

fn verify_call_in(request: VersionedVerifyRequest<AccountId>) -> RuntimeCall {
	RuntimeCall::XcmVerifier(pallet_xcm_verifier::Call::verify {
		query_id: 7,
		callback: CALLBACK,
		request: Box::new(request),
	})
}

fn verify_call(request: VerifyRequest<AccountId>) -> RuntimeCall {
	verify_call_in(VersionedVerifyRequest::V3(request))
}

/// Whether anchor `anchor` is current, whoever vouches for it.
fn anchor_exists(anchor: AnchorId) -> VerifyRequest<AccountId> {
	VerifyRequest::AnchorExists { anchor, require: ProvenanceRequirement::Any }
}

fn transact(origin_kind: OriginKind, call: RuntimeCall) -> Instruction<RuntimeCall> {
	Transact { origin_kind, fallback_max_weight: None, call: call.encode().into() }
}

/// A query as `pallet-verifier-client` sends it: paid from the sovereign account, the rest
/// returned there.
fn paid(fee: Balance, transact: Instruction<RuntimeCall>) -> Xcm<RuntimeCall> {
	let fees: Asset = (GeneLocation::get(), fee).into();
	Xcm(vec![
		WithdrawAsset(fees.clone().into()),
		BuyExecution { fees, weight_limit: Unlimited },
		transact,
		RefundSurplus,
		DepositAsset { assets: Wild(AllCounted(1)), beneficiary: asker() },
	])
}

fn execute(origin: Location, message: Xcm<RuntimeCall>) -> Outcome {
	let mut id = message.using_encoded(polkadot_sdk::sp_io::hashing::blake2_256);
	XcmExecutor::<XcmConfig>::prepare_and_execute(
		origin,
		message,
		&mut id,
		Weight::MAX,
		Weight::zero(),
	)
}

/// The messages queued for [`ASKER`] over XCMP.
fn sent_to_asker() -> Vec<Xcm<()>> {
	XcmpQueue::take_outbound_messages(usize::MAX, &[])
		.into_iter()
		.filter(|(para, _)| *para == ASKER.into())
		.flat_map(|(_, page)| {
			let mut page = &page[..];
			assert_eq!(
				XcmpMessageFormat::decode(&mut page),
				Ok(XcmpMessageFormat::ConcatenatedVersionedXcm)
			);
			let mut messages = Vec::new();
			while !page.is_empty() {
				let message = VersionedXcm::<()>::decode(&mut page).expect("an XCM");
				messages.push(message.try_into().expect("the latest version"));
			}
			messages
		})
		.collect()
}

/// The response an answer carries to [`CALLBACK`], as the asking chain's `Xcm` origin.
fn versioned_response_in(answer: &Xcm<()>) -> VersionedVerifyResponse<AccountId, BlockNumber> {
	let transact = answer.0.iter().find_map(|instruction| match instruction {
		Transact { origin_kind: OriginKind::Xcm, call, .. } => Some(call.encoded().to_vec()),
		_ => None,
	});
	let call = transact.expect("the answer transacts");
	assert_eq!(&call[..2], &[CALLBACK.pallet_index, CALLBACK.call_index]);
	VersionedVerifyResponse::decode(&mut &call[2..]).expect("a response")
}

/// The V2 response an answer to a V2 request carries.
fn response_in(answer: &Xcm<()>) -> VerifyResponse<AccountId, BlockNumber> {
	match versioned_response_in(answer) {
		VersionedVerifyResponse::V3(response) => response,
		other => panic!("a V2 request is answered in V2: {other:?}"),
	}
}

/// The verdict on `request`, asked by [`ASKER`] in one paid message and answered in one.
fn verdict_on(
	request: VersionedVerifyRequest<AccountId>,
) -> VersionedVerifyResponse<AccountId, BlockNumber> {
	let query = paid(FEE, transact(OriginKind::Xcm, verify_call_in(request)));
	assert!(matches!(execute(asker(), query), Outcome::Complete { .. }));
	let answers = sent_to_asker();
	assert_eq!(answers.len(), 1, "one answer: {answers:?}");
	versioned_response_in(&answers[0])
}

/// The transact status a failed `verify` with `error` leaves.
fn failed_with(error: pallet_xcm_verifier::Error<Runtime>) -> Instruction<RuntimeCall> {
	ExpectTransactStatus(DispatchError::from(error).encode().into())
}

fn anchor() -> AnchorId {
	anchored(&Sr25519Keyring::Alice.to_account_id(), 0xa1)
}

#[test]
fn a_paid_query_from_an_allowed_sibling_is_answered_in_one_message_it_paid_for() {
	ready_chain().execute_with(|| {
		let root = anchor();
		let before = Balances::free_balance(sovereign());
		let query = paid(FEE, transact(OriginKind::Xcm, verify_call(anchor_exists(root))));
		assert!(matches!(execute(asker(), query), Outcome::Complete { .. }));

		let answers = sent_to_asker();
		assert_eq!(answers.len(), 1, "one answer: {answers:?}");
		assert!(matches!(
			answers[0].0.first(),
			Some(UnpaidExecution { weight_limit: Unlimited, check_origin: None })
		));
		let current = Fact::AnchorCurrent {
			subject: Sr25519Keyring::Alice.to_account_id(),
			provenance: Provenance::SelfAsserted,
		};
		assert_eq!(
			response_in(&answers[0]),
			VerifyResponse { query_id: 7, verdict: Ok(current), at: 1 }
		);
		let paid = before - Balances::free_balance(sovereign());
		assert!(paid > 0 && paid < FEE, "the execution was paid and the rest refunded: {paid}");
	});
}

#[test]
fn an_unpaid_query_is_refused_by_the_barrier() {
	ready_chain().execute_with(|| {
		let root = anchor();
		let call = verify_call(anchor_exists(root));
		for unpaid in [
			Xcm(vec![transact(OriginKind::Xcm, call.clone())]),
			Xcm(vec![
				UnpaidExecution { weight_limit: Unlimited, check_origin: None },
				transact(OriginKind::Xcm, call.clone()),
			]),
		] {
			let outcome = execute(asker(), unpaid);
			assert!(
				matches!(
					outcome,
					Outcome::Incomplete {
						error: InstructionError { index: 0, error: XcmError::Barrier },
						..
					}
				),
				"{outcome:?}"
			);
		}
		assert!(sent_to_asker().is_empty());
	});
}

#[test]
fn a_query_that_cannot_pay_its_execution_is_not_executed() {
	ready_chain().execute_with(|| {
		let root = anchor();
		let call = verify_call(anchor_exists(root));
		let weight = call.get_dispatch_info().total_weight();
		// Less than the query's execution costs.
		let too_little = paid(1, transact(OriginKind::Xcm, call.clone()));
		assert!(matches!(
			execute(asker(), too_little),
			Outcome::Incomplete {
				error: InstructionError { error: XcmError::TooExpensive, .. },
				..
			}
		));
		// More than the sovereign account holds.
		let broke = paid(100 * GENE, transact(OriginKind::Xcm, call));
		assert!(matches!(execute(asker(), broke), Outcome::Incomplete { .. } | Outcome::Error(_)));
		assert!(sent_to_asker().is_empty(), "no answer without payment (a {weight:?} query)");
	});
}

#[test]
fn a_query_from_an_unlisted_sibling_or_not_as_a_sibling_is_refused() {
	ready_chain().execute_with(|| {
		let root = anchor();
		let call = verify_call(anchor_exists(root));
		let unlisted = Location::new(1, [Parachain(2002)]);
		let _ = Balances::mint_into(
			&LocationToAccountId::convert_location(&unlisted).expect("sovereign"),
			10 * GENE,
		);
		let mut query = paid(FEE, transact(OriginKind::Xcm, call.clone()));
		query.0.insert(3, failed_with(pallet_xcm_verifier::Error::SiblingNotAllowed));
		assert!(matches!(execute(unlisted, query), Outcome::Complete { .. }));

		// The relay chain is no sibling either.
		let _ = Balances::mint_into(
			&LocationToAccountId::convert_location(&Location::parent()).expect("sovereign"),
			10 * GENE,
		);
		let mut query = paid(FEE, transact(OriginKind::Xcm, call));
		query.0.insert(3, failed_with(pallet_xcm_verifier::Error::NotASibling));
		assert!(matches!(execute(Location::parent(), query), Outcome::Complete { .. }));
		assert!(sent_to_asker().is_empty());
	});
}

#[test]
fn a_transact_as_an_account_or_calling_anything_but_verify_is_refused() {
	ready_chain().execute_with(|| {
		let root = anchor();
		for kind in [OriginKind::SovereignAccount, OriginKind::Native, OriginKind::Superuser] {
			let query = paid(FEE, transact(kind, verify_call(anchor_exists(root))));
			assert!(
				matches!(
					execute(asker(), query),
					Outcome::Incomplete {
						error: InstructionError { error: XcmError::BadOrigin, .. },
						..
					}
				),
				"{kind:?} refused"
			);
		}
		let others = [
			RuntimeCall::System(frame_system::Call::remark { remark: b"hi".to_vec() }),
			RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death {
				dest: Sr25519Keyring::Bob.to_account_id().into(),
				value: GENE,
			}),
			RuntimeCall::XcmVerifier(pallet_xcm_verifier::Call::allow_sibling { sibling: 2002 }),
		];
		for call in others {
			let query = paid(FEE, transact(OriginKind::Xcm, call.clone()));
			assert!(
				matches!(
					execute(asker(), query),
					Outcome::Incomplete {
						error: InstructionError { error: XcmError::NoPermission, .. },
						..
					}
				),
				"{call:?} refused"
			);
		}
		assert!(sent_to_asker().is_empty());
		// Locally, no signed account can call `verify` either.
		assert!(XcmVerifier::verify(
			signed(&Sr25519Keyring::Alice.to_account_id()),
			1,
			CALLBACK,
			Box::new(VersionedVerifyRequest::V3(anchor_exists(root)))
		)
		.is_err());
	});
}

#[test]
fn asking_chains_encode_verify_as_the_runtime_does() {
	let request = VersionedVerifyRequest::V3(anchor_exists(AnchorId::repeat_byte(3)));
	assert_eq!(
		genochain_primitives::verification::verify_call(7, CALLBACK, &request),
		RuntimeCall::XcmVerifier(pallet_xcm_verifier::Call::verify {
			query_id: 7,
			callback: CALLBACK,
			request: Box::new(request.clone()),
		})
		.encode()
	);
}

/// The abuse: one allowed sibling sends as many paid queries as a block answers, so the other
/// siblings' queries fail though they pay. Eight answers a block go to one sibling at most; its
/// ninth fails and changes nothing, and another sibling is still answered in the same block.
#[test]
fn one_sibling_cannot_take_every_answer_of_a_block() {
	ready_chain().execute_with(|| {
		let answered = |sibling: u32| {
			System::events()
				.iter()
				.filter(|record| {
					matches!(
						record.event,
						RuntimeEvent::XcmVerifier(pallet_xcm_verifier::Event::QueryAnswered {
							sibling: answered,
							..
						}) if answered == sibling
					)
				})
				.count()
		};
		let call = verify_call(anchor_exists(anchor()));
		for _ in 0..8 {
			let query = paid(FEE, transact(OriginKind::Xcm, call.clone()));
			assert!(matches!(execute(asker(), query), Outcome::Complete { .. }));
		}
		assert_eq!(answered(ASKER), 8);
		let mut ninth = paid(FEE, transact(OriginKind::Xcm, call.clone()));
		ninth.0.insert(3, failed_with(pallet_xcm_verifier::Error::SiblingAnswerLimitReached));
		assert!(matches!(execute(asker(), ninth), Outcome::Complete { .. }));
		assert_eq!(answered(ASKER), 8);

		let other = 2002u32;
		assert_ok!(XcmVerifier::allow_sibling(crate::RuntimeOrigin::root(), other));
		ParachainSystem::open_outbound_hrmp_channel_for_benchmarks_or_tests(other.into());
		let other_location = Location::new(1, [Parachain(other)]);
		let sovereign = LocationToAccountId::convert_location(&other_location).expect("sovereign");
		assert_ok!(Balances::mint_into(&sovereign, 10 * GENE));
		let query = Xcm(paid(FEE, transact(OriginKind::Xcm, call))
			.0
			.into_iter()
			.map(|instruction| match instruction {
				DepositAsset { assets, .. } => {
					DepositAsset { assets, beneficiary: other_location.clone() }
				}
				instruction => instruction,
			})
			.collect());
		assert!(matches!(execute(other_location, query), Outcome::Complete { .. }));
		assert_eq!(answered(other), 1, "the other sibling is answered in the same block");
	});
}
