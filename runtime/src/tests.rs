//! Tests of the runtime's own configuration: the XCM barrier and filters, proxy types, fees and
//! the GENE constants. Genesis presets are tested through the node, which builds them from the
//! wasm exactly as a chain does (`node/src/chain_spec.rs`).

use crate::{
	configs::{
		polkadot_xcm::NotToRelayChain,
		xcm_config::{Barrier, GeneLocation, XcmConfig},
		ProxyType, WeightToFee,
	},
	AccountId, Balance, Runtime, RuntimeCall, VERSION,
};
use genochain_primitives::currency::{EXISTENTIAL_DEPOSIT, GENE, MILLIGENE};
use polkadot_sdk::{
	frame_support::{
		traits::{Contains, ContainsPair, InstanceFilter, ProcessMessageError},
		weights::{constants::ExtrinsicBaseWeight, Weight, WeightToFee as _},
	},
	sp_io::TestExternalities,
	staging_xcm::latest::prelude::*,
	staging_xcm_executor::traits::{Properties, QueryHandler, ShouldExecute},
	*,
};

fn sibling() -> Location {
	Location::new(1, [Parachain(2001)])
}

fn gene(amount: Balance) -> Asset {
	(GeneLocation::get(), amount).into()
}

fn transact() -> Instruction<RuntimeCall> {
	let call = RuntimeCall::System(frame_system::Call::remark { remark: b"hello".to_vec() });
	Transact {
		origin_kind: OriginKind::SovereignAccount,
		fallback_max_weight: None,
		call: codec::Encode::encode(&call).into(),
	}
}

/// Runs `message` from `origin` through the barrier, in a minimal runtime state.
fn barrier(
	origin: Location,
	mut message: Vec<Instruction<RuntimeCall>>,
) -> Result<(), ProcessMessageError> {
	TestExternalities::default().execute_with(|| {
		Barrier::should_execute(
			&origin,
			&mut message,
			Weight::from_parts(1_000_000_000, 64 * 1024),
			&mut Properties { weight_credit: Weight::zero(), message_id: None },
		)
	})
}

fn paid(mut instructions: Vec<Instruction<RuntimeCall>>) -> Vec<Instruction<RuntimeCall>> {
	let mut message = vec![
		WithdrawAsset(gene(GENE).into()),
		BuyExecution { fees: gene(GENE), weight_limit: Unlimited },
	];
	message.append(&mut instructions);
	message
}

#[test]
fn barrier_refuses_unpaid_execution_from_a_sibling() {
	assert!(barrier(sibling(), vec![transact()]).is_err());
	assert!(barrier(
		sibling(),
		vec![UnpaidExecution { weight_limit: Unlimited, check_origin: None }, transact()]
	)
	.is_err());
}

#[test]
fn barrier_admits_execution_that_pays_first() {
	assert_eq!(barrier(sibling(), paid(vec![transact()])), Ok(()));
}

#[test]
fn barrier_admits_explicitly_unpaid_execution_from_the_relay_chain_only() {
	let unpaid =
		|| vec![UnpaidExecution { weight_limit: Unlimited, check_origin: None }, transact()];
	assert_eq!(barrier(Location::parent(), unpaid()), Ok(()));
	assert!(barrier(sibling(), unpaid()).is_err());
	assert!(barrier(
		Location::new(1, [Parachain(2001), AccountId32 { network: None, id: [7; 32] }]),
		unpaid()
	)
	.is_err());
}

#[test]
fn barrier_admits_responses_to_queries_this_chain_made_and_no_others() {
	TestExternalities::default().execute_with(|| {
		let query_id = <pallet_xcm::Pallet<Runtime> as QueryHandler>::new_query(
			sibling(),
			100u32,
			Location::here(),
		);
		let response = |query_id| {
			vec![QueryResponse {
				query_id,
				response: Response::Null,
				max_weight: Weight::zero(),
				querier: Some(Location::here()),
			}]
		};
		let check = |origin: Location, mut message: Vec<Instruction<RuntimeCall>>| {
			Barrier::should_execute(
				&origin,
				&mut message,
				Weight::from_parts(1_000_000_000, 64 * 1024),
				&mut Properties { weight_credit: Weight::zero(), message_id: None },
			)
		};
		assert_eq!(check(sibling(), response(query_id)), Ok(()));
		// An unknown query, or the right query from the wrong chain, is refused.
		assert!(check(sibling(), response(query_id + 1)).is_err());
		assert!(check(Location::new(1, [Parachain(2002)]), response(query_id)).is_err());
	});
}

#[test]
fn barrier_refuses_reserve_transfers_to_the_relay_chain_even_when_paid() {
	let to_relay = DepositReserveAsset {
		assets: Wild(AllCounted(1)),
		dest: Location::parent(),
		xcm: Xcm::new(),
	};
	assert!(barrier(sibling(), paid(vec![to_relay])).is_err());

	let nested = SetAppendix(Xcm(vec![InitiateReserveWithdraw {
		assets: Wild(AllCounted(1)),
		reserve: Location::parent(),
		xcm: Xcm::new(),
	}]));
	assert!(barrier(sibling(), paid(vec![nested])).is_err());

	let to_sibling =
		DepositReserveAsset { assets: Wild(AllCounted(1)), dest: sibling(), xcm: Xcm::new() };
	assert_eq!(barrier(sibling(), paid(vec![to_sibling])), Ok(()));
}

#[test]
fn no_chain_is_trusted_as_a_reserve() {
	type IsReserve = <XcmConfig as staging_xcm_executor::Config>::IsReserve;
	let sibling_token: Asset = (Location::new(1, [Parachain(2001)]), 1_000u128).into();
	let relay_token: Asset = (Location::parent(), 1_000u128).into();
	// Not even for their own native tokens: Genochain holds GENE only.
	assert!(!<IsReserve as ContainsPair<Asset, Location>>::contains(&sibling_token, &sibling()));
	assert!(!<IsReserve as ContainsPair<Asset, Location>>::contains(
		&relay_token,
		&Location::parent()
	));
}

#[test]
fn users_may_reserve_transfer_to_siblings_but_not_to_the_relay_chain() {
	assert!(!NotToRelayChain::contains(&(Location::parent(), vec![gene(GENE)])));
	assert!(NotToRelayChain::contains(&(sibling(), vec![gene(GENE)])));
}

#[test]
fn proxy_types_allow_only_their_calls() {
	let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: AccountId::from([1; 32]).into(),
		value: GENE,
	});
	let council_vote = RuntimeCall::Council(pallet_collective::Call::vote {
		proposal: Default::default(),
		index: 0,
		approve: true,
	});
	let reject = RuntimeCall::Proxy(pallet_proxy::Call::reject_announcement {
		delegate: AccountId::from([2; 32]).into(),
		call_hash: Default::default(),
	});

	assert!(ProxyType::Any.filter(&transfer));
	assert!(!ProxyType::NonTransfer.filter(&transfer));
	assert!(ProxyType::NonTransfer.filter(&council_vote));
	assert!(ProxyType::Governance.filter(&council_vote));
	assert!(!ProxyType::Governance.filter(&transfer));
	assert!(ProxyType::CancelProxy.filter(&reject));
	assert!(!ProxyType::CancelProxy.filter(&transfer));

	assert!(ProxyType::Any.is_superset(&ProxyType::Governance));
	assert!(ProxyType::NonTransfer.is_superset(&ProxyType::Governance));
	assert!(!ProxyType::Governance.is_superset(&ProxyType::NonTransfer));
	assert!(!ProxyType::NonTransfer.is_superset(&ProxyType::Any));
}

/// `build.rs` cannot depend on the runtime: it names GENE's units for the metadata hash itself.
#[test]
fn the_release_runtime_states_gene_and_its_decimals_in_its_metadata_hash() {
	use genochain_primitives::currency::{TOKEN_DECIMALS, TOKEN_SYMBOL};
	let build_script = include_str!("../build.rs");
	let units = format!("enable_metadata_hash({TOKEN_SYMBOL:?}, {TOKEN_DECIMALS})");
	assert!(build_script.contains(&units), "build.rs does not call {units}");
}

#[test]
fn an_extrinsic_of_base_weight_costs_a_tenth_of_a_milligene() {
	let fee = WeightToFee::weight_to_fee(&ExtrinsicBaseWeight::get());
	let target = MILLIGENE / 10;
	// Perbill rounding of the coefficient stays far below 0.1 %.
	assert!(fee.abs_diff(target) * 1_000 < target, "fee {fee}, target {target}");
}

#[test]
fn gene_is_the_native_token() {
	assert_eq!(
		<Runtime as pallet_balances::Config>::ExistentialDeposit::get(),
		EXISTENTIAL_DEPOSIT
	);
	assert_eq!(<Runtime as frame_system::Config>::SS58Prefix::get(), 42);
	assert_eq!(VERSION.spec_name, "genochain");
}
