//! Who may make each privileged call: every call of [`privileged_calls`] is dispatched from every
//! body of [`BODIES`] on the `production` chain (and rolled back), and the table of who got
//! past the origin check must be the one in docs/GOVERNANCE.md. `GENOCHAIN_BLESS=1` rewrites it.

use super::{call_name, stranger};
use crate::{
	configs::{CouncilInstance, EthicsCommitteeInstance},
	dev_chain::production_chain,
	AccountId, OriginCaller, Runtime, RuntimeCall, RuntimeOrigin,
};
use genochain_primitives::consent::Role;
use polkadot_sdk::{
	frame_support::storage::{with_transaction, TransactionOutcome},
	sp_core::H256,
	sp_keyring::Sr25519Keyring::Alice,
	sp_runtime::{traits::Dispatchable, DispatchError},
	staging_xcm::latest::prelude::*,
	*,
};

/// A body a privileged call may come from: its name in the table, and its origin.
type Body = (&'static str, fn() -> RuntimeOrigin);

/// The bodies a privileged call may come from, as the table's columns.
const BODIES: [Body; 7] = [
	("Root", RuntimeOrigin::root),
	("Council ⅔", || council(2, 3)),
	// More than half but less than two thirds.
	("Council > ½", || council(3, 5)),
	("Council member", || {
		pallet_collective::RawOrigin::<AccountId, CouncilInstance>::Member(Alice.to_account_id())
			.into()
	}),
	("Ethics ⅔", || ethics_committee(2, 3)),
	("Ethics > ½", || ethics_committee(3, 5)),
	("Any account", || RuntimeOrigin::signed(stranger())),
];

fn council(ayes: u32, members: u32) -> RuntimeOrigin {
	pallet_collective::RawOrigin::<AccountId, CouncilInstance>::Members(ayes, members).into()
}

fn ethics_committee(ayes: u32, members: u32) -> RuntimeOrigin {
	pallet_collective::RawOrigin::<AccountId, EthicsCommitteeInstance>::Members(ayes, members)
		.into()
}

/// The privileged calls, each with why its origin is what it is.
fn privileged_calls() -> Vec<(RuntimeCall, &'static str)> {
	let someone = || stranger();
	let roles = || pallet_registry::roles_from([Role::Lab]).expect("one role");
	let hash = H256::repeat_byte(1);
	use pallet_collator_selection::Call as Collators;
	use pallet_registry::Call as Registry;
	vec![
		(
			RuntimeCall::System(frame_system::Call::authorize_upgrade { code_hash: hash }),
			"Root: the Council reaches it through the whitelist",
		),
		(
			RuntimeCall::Balances(pallet_balances::Call::force_set_balance {
				who: someone().into(),
				new_free: 1,
			}),
			"Root",
		),
		(
			RuntimeCall::Utility(pallet_utility::Call::dispatch_as {
				as_origin: Box::new(OriginCaller::system(frame_system::RawOrigin::Signed(
					someone(),
				))),
				call: Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] })),
			}),
			"Root",
		),
		(
			RuntimeCall::Sudo(pallet_sudo::Call::sudo {
				call: Box::new(RuntimeCall::System(frame_system::Call::remark { remark: vec![] })),
			}),
			"the sudo key (none on a production chain), or Root",
		),
		(
			RuntimeCall::Whitelist(pallet_whitelist::Call::whitelist_call { call_hash: hash }),
			"the decision to run one call as Root",
		),
		(
			RuntimeCall::Whitelist(pallet_whitelist::Call::remove_whitelisted_call {
				call_hash: hash,
			}),
			"takes a decision back before it is carried out",
		),
		(
			RuntimeCall::Whitelist(
				pallet_whitelist::Call::dispatch_whitelisted_call_with_preimage {
					call: Box::new(RuntimeCall::System(frame_system::Call::remark {
						remark: vec![],
					})),
				},
			),
			"carries out a whitelisted call (deferred until it is); any account may relay a \
			 deferred dispatch once the call is whitelisted",
		),
		(
			RuntimeCall::Preimage(pallet_preimage::Call::request_preimage { hash }),
			"asks for a preimage, which then is stored free",
		),
		(
			RuntimeCall::Preimage(pallet_preimage::Call::unrequest_preimage { hash }),
			"drops a request",
		),
		(
			RuntimeCall::SafeMode(pallet_safe_mode::Call::force_enter {}),
			"emergency: every call but governance, revocation and erasure stops for a day",
		),
		(RuntimeCall::SafeMode(pallet_safe_mode::Call::force_extend {}), "one more day"),
		(RuntimeCall::SafeMode(pallet_safe_mode::Call::force_exit {}), "ends the emergency"),
		(
			RuntimeCall::SafeMode(pallet_safe_mode::Call::force_release_deposit {
				account: someone(),
				block: 1,
			}),
			"no deposits are taken today",
		),
		(
			RuntimeCall::TxPause(pallet_tx_pause::Call::pause {
				full_name: call_name("Consent", "grant"),
			}),
			"stops one call or pallet; never governance, revocation or erasure",
		),
		(
			RuntimeCall::TxPause(pallet_tx_pause::Call::unpause {
				ident: call_name("Consent", "grant"),
			}),
			"lifts a pause",
		),
		(
			RuntimeCall::Council(pallet_collective::Call::set_members {
				new_members: vec![],
				prime: None,
				old_count: 3,
			}),
			"the Council renews itself",
		),
		(
			RuntimeCall::Council(pallet_collective::Call::disapprove_proposal {
				proposal_hash: hash,
			}),
			"drops a motion",
		),
		(
			RuntimeCall::Council(pallet_collective::Call::kill { proposal_hash: hash }),
			"drops a motion",
		),
		(
			RuntimeCall::EthicsCommittee(pallet_collective::Call::set_members {
				new_members: vec![],
				prime: None,
				old_count: 3,
			}),
			"the Council appoints the Ethics Committee",
		),
		(
			RuntimeCall::CollatorSelection(Collators::set_invulnerables { new: vec![] }),
			"the collators the consortium runs",
		),
		(RuntimeCall::CollatorSelection(Collators::add_invulnerable { who: someone() }), ""),
		(RuntimeCall::CollatorSelection(Collators::remove_invulnerable { who: someone() }), ""),
		(RuntimeCall::CollatorSelection(Collators::set_desired_candidates { max: 1 }), ""),
		(RuntimeCall::CollatorSelection(Collators::set_candidacy_bond { bond: 1 }), ""),
		(
			RuntimeCall::Registry(Registry::accredit {
				organisation: someone(),
				roles: roles(),
				document_hash: hash,
			}),
			"labs, custodians and researchers, on documents the chain does not see",
		),
		(
			RuntimeCall::Registry(Registry::set_roles { organisation: someone(), roles: roles() }),
			"",
		),
		(RuntimeCall::Registry(Registry::suspend { organisation: someone() }), ""),
		(RuntimeCall::Registry(Registry::reinstate { organisation: someone() }), ""),
		(RuntimeCall::Registry(Registry::revoke { organisation: someone() }), ""),
		(
			RuntimeCall::DataMarket(pallet_data_market::Call::set_dispute_window { blocks: 1 }),
			"for deliveries confirmed from then on",
		),
		(
			RuntimeCall::DataMarket(pallet_data_market::Call::resolve_dispute {
				study_id: 0,
				contributor: someone(),
				verdict: pallet_data_market::DisputeVerdict::PayContributor,
			}),
			"decides a disputed delivery",
		),
		(
			RuntimeCall::Redaction(pallet_redaction::Call::approve { request: 0 }),
			"redaction: two thirds of the Ethics Committee",
		),
		(RuntimeCall::Redaction(pallet_redaction::Call::reject { request: 0 }), ""),
		(
			RuntimeCall::Redaction(pallet_redaction::Call::suspend_overdue {
				case: 0,
				party: someone(),
			}),
			"a party that did not confirm an erasure in time",
		),
		(
			RuntimeCall::XcmVerifier(pallet_xcm_verifier::Call::allow_sibling { sibling: 2001 }),
			"which chains' queries are answered",
		),
		(
			RuntimeCall::XcmVerifier(pallet_xcm_verifier::Call::disallow_sibling { sibling: 2001 }),
			"",
		),
		(
			RuntimeCall::PolkadotXcm(pallet_xcm::Call::force_suspension { suspended: true }),
			"stops executing XCM",
		),
		(
			RuntimeCall::PolkadotXcm(pallet_xcm::Call::force_xcm_version {
				location: Box::new(Location::new(1, [Parachain(2001)])),
				version: 5,
			}),
			"",
		),
		(
			RuntimeCall::XcmpQueue(cumulus_pallet_xcmp_queue::Call::suspend_xcm_execution {}),
			"stops processing messages from sibling chains",
		),
	]
}

/// Whether `call` from `origin` got past its origin check (whatever happened next).
fn passes_origin_check(call: &RuntimeCall, origin: RuntimeOrigin) -> bool {
	let result = with_transaction(|| {
		TransactionOutcome::Rollback(Ok::<_, DispatchError>(call.clone().dispatch(origin)))
	})
	.expect("rolled back");
	let refusals: [DispatchError; 3] = [
		DispatchError::BadOrigin,
		pallet_sudo::Error::<Runtime>::RequireSudo.into(),
		// A signed account relays only a dispatch the Council deferred.
		pallet_whitelist::Error::<Runtime>::DeferredDispatchNotFound.into(),
	];
	result.map_or_else(|error| !refusals.contains(&error.error), |_| true)
}

fn origin_table() -> String {
	let mut table = String::from("| Call |");
	for (body, _) in BODIES {
		table.push_str(&format!(" {body} |"));
	}
	table.push_str(" Why |\n|---|");
	table.push_str(&"---|".repeat(BODIES.len()));
	table.push_str("---|\n");
	for (call, why) in privileged_calls() {
		let metadata =
			polkadot_sdk::frame_support::traits::GetCallMetadata::get_call_metadata(&call);
		table.push_str(&format!("| `{}.{}` |", metadata.pallet_name, metadata.function_name));
		for (_, origin) in BODIES {
			table.push_str(if passes_origin_check(&call, origin()) { " ✓ |" } else { " |" });
		}
		table.push_str(&format!(" {why} |\n"));
	}
	table
}

const DOC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/GOVERNANCE.md");
const BEGIN: &str = "<!-- origin table: generated by runtime/src/governance_tests/origins.rs -->\n";
const END: &str = "<!-- end of origin table -->";

#[test]
fn the_origin_table_in_docs_governance_is_what_the_runtime_does() {
	let table = production_chain().execute_with(origin_table);
	let doc = std::fs::read_to_string(DOC).expect("docs/GOVERNANCE.md is readable");
	let start = doc.find(BEGIN).expect("docs/GOVERNANCE.md marks the origin table") + BEGIN.len();
	let end = start + doc[start..].find(END).expect("docs/GOVERNANCE.md ends the origin table");
	if doc[start..end] != table {
		if std::env::var_os("GENOCHAIN_BLESS").is_some() {
			let updated = format!("{}{table}{}", &doc[..start], &doc[end..]);
			std::fs::write(DOC, updated).expect("docs/GOVERNANCE.md is writable");
		} else {
			panic!(
				"the origin table in docs/GOVERNANCE.md is not what the runtime does; rerun with \
				 GENOCHAIN_BLESS=1 to rewrite it, and review the change. The runtime's table:\n{table}"
			);
		}
	}
}
