//! Governance without sudo, on the `production` preset: the Council reaches Root through the
//! whitelist, pauses single calls and enters safe mode; [`origins`] checks who may make each
//! privileged call against the table in docs/GOVERNANCE.md.

mod origins;

use crate::{
	configs::{safe_mode::SafeModeDuration, CouncilInstance},
	consent_tests::irb_terms,
	dev_chain::{anchored, pass_motion, production_chain},
	AccountId, Consent, Council, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, SafeMode,
	System,
};
use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	traits::{Get, Hooks},
};
use polkadot_sdk::{
	frame_support,
	sp_core::H256,
	sp_keyring::Sr25519Keyring::{self, *},
	sp_runtime::{
		traits::{Dispatchable, Hash},
		DispatchError, DispatchResult,
	},
	*,
};

fn signed(who: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.to_account_id())
}

/// An account outside every body.
fn stranger() -> AccountId {
	AccountId::new([0x5a; 32])
}

/// The call that authorises the upgrade to a runtime whose code hashes to `code_hash`.
fn authorize_upgrade(code_hash: H256) -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::authorize_upgrade { code_hash })
}

fn call_hash(call: &RuntimeCall) -> H256 {
	<Runtime as frame_system::Config>::Hashing::hash_of(call)
}

fn whitelist(call: &RuntimeCall) -> RuntimeCall {
	RuntimeCall::Whitelist(pallet_whitelist::Call::whitelist_call { call_hash: call_hash(call) })
}

fn dispatch_whitelisted(call: RuntimeCall) -> RuntimeCall {
	RuntimeCall::Whitelist(pallet_whitelist::Call::dispatch_whitelisted_call_with_preimage {
		call: Box::new(call),
	})
}

/// `call`, dispatched by Council member `who` acting alone (`Council::execute`): the result of
/// the call.
fn as_council_member(who: Sr25519Keyring, call: RuntimeCall) -> DispatchResult {
	let length = call.encoded_size() as u32;
	assert_ok!(Council::execute(signed(who), Box::new(call), length));
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Council(pallet_collective::Event::MemberExecuted { result, .. }) => {
				Some(result)
			}
			_ => None,
		})
		.expect("the member executed the call")
}

/// `call` dispatched as a transaction of `who` would be: through the call filter.
fn transact(who: &AccountId, call: RuntimeCall) -> DispatchResult {
	call.dispatch(RuntimeOrigin::signed(who.clone())).map(|_| ()).map_err(|error| error.error)
}

fn remark() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: b"still running".to_vec() })
}

fn call_filtered() -> DispatchResult {
	Err(frame_system::Error::<Runtime>::CallFiltered.into())
}

/// The code hashes of the upgrades authorised so far, from the events.
fn authorized_upgrades() -> Vec<H256> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::System(frame_system::Event::UpgradeAuthorized { code_hash, .. }) => {
				Some(code_hash)
			}
			_ => None,
		})
		.collect()
}

#[test]
fn the_production_genesis_has_no_sudo_key() {
	production_chain().execute_with(|| {
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		let sudo = RuntimeCall::Sudo(pallet_sudo::Call::sudo {
			call: Box::new(authorize_upgrade(H256::repeat_byte(1))),
		});
		assert_eq!(
			transact(&Alice.to_account_id(), sudo),
			Err(pallet_sudo::Error::<Runtime>::RequireSudo.into())
		);
	});
}

#[test]
fn two_thirds_of_the_council_authorise_a_runtime_upgrade() {
	production_chain().execute_with(|| {
		let upgrade = authorize_upgrade(H256::repeat_byte(7));
		assert_eq!(
			pass_motion!(Council, CouncilInstance, Alice, &[Alice, Bob], whitelist(&upgrade)),
			Ok(())
		);
		// Nothing happens until a member dispatches the whitelisted call.
		assert_eq!(authorized_upgrades(), vec![]);
		assert_ok!(as_council_member(Charlie, dispatch_whitelisted(upgrade.clone())));
		assert_eq!(authorized_upgrades(), vec![H256::repeat_byte(7)]);

		// The whitelisting is used up: dispatching the same call again only defers it.
		assert_ok!(as_council_member(Charlie, dispatch_whitelisted(upgrade.clone())));
		assert_eq!(authorized_upgrades(), vec![H256::repeat_byte(7)]);
		assert!(pallet_whitelist::DeferredDispatch::<Runtime>::contains_key(call_hash(&upgrade)));
	});
}

#[test]
fn one_council_member_cannot_reach_root() {
	production_chain().execute_with(|| {
		let upgrade = authorize_upgrade(H256::repeat_byte(7));
		// A motion of one member is a third of the Council.
		assert_eq!(
			pass_motion!(Council, CouncilInstance, Alice, &[Alice], whitelist(&upgrade)),
			Err(DispatchError::BadOrigin)
		);
		assert_noop!(
			crate::Whitelist::whitelist_call(signed(Alice), call_hash(&upgrade)),
			DispatchError::BadOrigin
		);
		// A member's dispatch of a call not whitelisted is deferred, not done.
		assert_ok!(as_council_member(Alice, dispatch_whitelisted(upgrade.clone())));
		assert_eq!(authorized_upgrades(), vec![]);
	});
}

#[test]
fn any_account_relays_a_deferred_dispatch_once_the_council_whitelists_it() {
	production_chain().execute_with(|| {
		let upgrade = authorize_upgrade(H256::repeat_byte(7));
		// Outsiders can neither start a dispatch nor relay one not deferred.
		assert_eq!(
			transact(&stranger(), dispatch_whitelisted(upgrade.clone())),
			Err(pallet_whitelist::Error::<Runtime>::DeferredDispatchNotFound.into())
		);
		assert_ok!(as_council_member(Alice, dispatch_whitelisted(upgrade.clone())));
		// Deferred but not yet whitelisted.
		assert_eq!(
			transact(&stranger(), dispatch_whitelisted(upgrade.clone())),
			Err(pallet_whitelist::Error::<Runtime>::CallIsNotWhitelisted.into())
		);
		assert_eq!(
			pass_motion!(Council, CouncilInstance, Alice, &[Alice, Bob], whitelist(&upgrade)),
			Ok(())
		);
		assert_ok!(transact(&stranger(), dispatch_whitelisted(upgrade)));
		assert_eq!(authorized_upgrades(), vec![H256::repeat_byte(7)]);
	});
}

#[test]
fn the_council_sets_collators_and_parameters_by_two_thirds() {
	production_chain().execute_with(|| {
		let desired = RuntimeCall::CollatorSelection(
			pallet_collator_selection::Call::set_desired_candidates { max: 5 },
		);
		let window =
			RuntimeCall::DataMarket(pallet_data_market::Call::set_dispute_window { blocks: 100 });
		assert_eq!(
			pass_motion!(Council, CouncilInstance, Alice, &[Alice], desired.clone()),
			Err(DispatchError::BadOrigin)
		);
		assert_eq!(pass_motion!(Council, CouncilInstance, Alice, &[Alice, Bob], desired), Ok(()));
		assert_eq!(pallet_collator_selection::DesiredCandidates::<Runtime>::get(), 5);
		assert_eq!(pass_motion!(Council, CouncilInstance, Bob, &[Bob, Charlie], window), Ok(()));
		assert_eq!(pallet_data_market::DisputeWindow::<Runtime>::get(), 100);
	});
}

/// Fuzzing finding 3 (docs/FUZZING.md): pallet-collator-selection takes any number of desired
/// candidates and then fails its own `try_state`; the call filter refuses a number above its
/// `MaxCandidates` from the Council's motions and every other origin but Root.
#[test]
fn governance_demands_more_collator_candidates_than_allowed() {
	production_chain().execute_with(|| {
		let limit: u32 = <Runtime as pallet_collator_selection::Config>::MaxCandidates::get();
		let desired = |max| {
			RuntimeCall::CollatorSelection(
				pallet_collator_selection::Call::set_desired_candidates { max },
			)
		};
		let above = limit.saturating_add(1);
		let before = pallet_collator_selection::DesiredCandidates::<Runtime>::get();
		assert_eq!(
			pass_motion!(Council, CouncilInstance, Alice, &[Alice, Bob], desired(above)),
			call_filtered()
		);
		// Nested in a batch the motion dispatches, the call is refused all the same.
		let batch = RuntimeCall::Utility(pallet_utility::Call::batch_all {
			calls: vec![desired(limit), desired(u32::MAX)],
		});
		assert_eq!(
			pass_motion!(Council, CouncilInstance, Alice, &[Alice, Bob], batch),
			call_filtered()
		);
		assert_eq!(pallet_collator_selection::DesiredCandidates::<Runtime>::get(), before);
		assert_eq!(transact(&Alice.to_account_id(), desired(above)), call_filtered());

		assert_eq!(
			pass_motion!(Council, CouncilInstance, Alice, &[Alice, Bob], desired(limit)),
			Ok(())
		);
		assert_eq!(pallet_collator_selection::DesiredCandidates::<Runtime>::get(), limit);
	});
}

fn force_enter() -> RuntimeCall {
	RuntimeCall::SafeMode(pallet_safe_mode::Call::force_enter {})
}

fn force_exit() -> RuntimeCall {
	RuntimeCall::SafeMode(pallet_safe_mode::Call::force_exit {})
}

fn grant() -> RuntimeCall {
	RuntimeCall::Consent(pallet_consent::Call::grant { terms: irb_terms() })
}

#[test]
fn in_safe_mode_only_governance_revocation_and_erasure_go_through() {
	production_chain().execute_with(|| {
		let bob = Bob.to_account_id();
		anchored(&bob, crate::consent_tests::BOBS_ROOT[0]);
		assert_ok!(transact(&bob, grant()));

		// Nobody enters safe mode for a deposit, and one member is not the Council.
		assert_eq!(
			transact(&stranger(), RuntimeCall::SafeMode(pallet_safe_mode::Call::enter {})),
			Err(pallet_safe_mode::Error::<Runtime>::NotConfigured.into())
		);
		assert_eq!(
			pass_motion!(Council, CouncilInstance, Alice, &[Alice], force_enter()),
			Err(DispatchError::BadOrigin)
		);
		assert_eq!(
			pass_motion!(Council, CouncilInstance, Alice, &[Alice, Bob], force_enter()),
			Ok(())
		);
		let entered_at = System::block_number();
		assert_eq!(
			pallet_safe_mode::EnteredUntil::<Runtime>::get(),
			Some(entered_at.saturating_add(SafeModeDuration::get()))
		);

		assert_eq!(transact(&bob, grant()), call_filtered());
		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: stranger().into(),
			value: crate::currency::GENE,
		});
		assert_eq!(transact(&bob, transfer.clone()), call_filtered());
		// A data subject can still take their data back.
		let revoke = RuntimeCall::Consent(pallet_consent::Call::revoke { consent_id: 0 });
		assert_ok!(transact(&bob, revoke));
		assert_ok!(transact(&bob, RuntimeCall::Redaction(pallet_redaction::Call::erase_me {})));

		// The Council still governs, and lifts safe mode by majority.
		assert_eq!(
			pass_motion!(Council, CouncilInstance, Bob, &[Bob, Charlie], force_exit()),
			Ok(())
		);
		assert_eq!(pallet_safe_mode::EnteredUntil::<Runtime>::get(), None);
		assert_ok!(transact(&Charlie.to_account_id(), transfer));
	});
}

#[test]
fn safe_mode_ends_by_itself_after_a_day() {
	production_chain().execute_with(|| {
		assert_eq!(
			pass_motion!(Council, CouncilInstance, Alice, &[Alice, Bob], force_enter()),
			Ok(())
		);
		let until = System::block_number().saturating_add(SafeModeDuration::get());
		System::set_block_number(until);
		SafeMode::on_initialize(until);
		assert!(pallet_safe_mode::EnteredUntil::<Runtime>::get().is_some());
		let after = until.saturating_add(1);
		System::set_block_number(after);
		SafeMode::on_initialize(after);
		assert_eq!(pallet_safe_mode::EnteredUntil::<Runtime>::get(), None);
		assert_ok!(transact(&Bob.to_account_id(), remark()));
	});
}

fn call_name(pallet: &str, call: &str) -> pallet_tx_pause::RuntimeCallNameOf<Runtime> {
	(
		pallet.as_bytes().to_vec().try_into().expect("a short pallet name"),
		call.as_bytes().to_vec().try_into().expect("a short call name"),
	)
}

#[test]
fn a_council_majority_pauses_one_call_but_never_revocation_or_erasure() {
	production_chain().execute_with(|| {
		let bob = Bob.to_account_id();
		anchored(&bob, crate::consent_tests::BOBS_ROOT[0]);
		let pause = |pallet, call| {
			RuntimeCall::TxPause(pallet_tx_pause::Call::pause {
				full_name: call_name(pallet, call),
			})
		};
		assert_eq!(
			pass_motion!(Council, CouncilInstance, Alice, &[Alice], pause("Consent", "grant")),
			Err(DispatchError::BadOrigin)
		);
		assert_eq!(
			pass_motion!(Council, CouncilInstance, Alice, &[Alice, Bob], pause("Consent", "grant")),
			Ok(())
		);
		assert_eq!(transact(&bob, grant()), call_filtered());
		// The rest of the chain runs on.
		assert_ok!(transact(&bob, remark()));

		for (pallet, call) in
			[("Consent", "revoke"), ("Redaction", "erase_me"), ("Council", "vote")]
		{
			assert_eq!(
				pass_motion!(Council, CouncilInstance, Alice, &[Alice, Bob], pause(pallet, call)),
				Err(pallet_tx_pause::Error::<Runtime>::Unpausable.into())
			);
		}

		let unpause = RuntimeCall::TxPause(pallet_tx_pause::Call::unpause {
			ident: call_name("Consent", "grant"),
		});
		assert_eq!(pass_motion!(Council, CouncilInstance, Bob, &[Bob, Charlie], unpause), Ok(()));
		assert_ok!(transact(&bob, grant()));
		assert_eq!(Consent::consents_of(&bob).len(), 1);
	});
}
