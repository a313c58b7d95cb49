//! How the XCM executor weighs a message: each instruction by its benchmark on this runtime
//! (`weights::xcm`), per asset where it moves assets, a `Transact` with its call's weight on top;
//! what the chain does not support, or an asset other than GENE, never fits.

use crate::{
	configs::{xcm_config::XcmWeigher, RuntimeBlockWeights},
	RuntimeCall,
};
use codec::Encode;
use genochain_primitives::currency::GENE;
use polkadot_sdk::{
	frame_support::{dispatch::GetDispatchInfo, weights::Weight},
	sp_io::TestExternalities,
	staging_xcm::latest::prelude::*,
	staging_xcm_executor::traits::WeightBounds,
};

fn gene(amount: u128) -> Asset {
	(Location::here(), amount).into()
}

fn sibling() -> Location {
	Location::new(1, [Parachain(2001)])
}

fn weigh(instructions: Vec<Instruction<RuntimeCall>>) -> Option<Weight> {
	TestExternalities::default()
		.execute_with(|| XcmWeigher::weight(&mut Xcm(instructions), Weight::MAX).ok())
}

fn fits_in_a_block(weight: Option<Weight>) -> bool {
	weight.is_some_and(|weight| weight.all_lte(RuntimeBlockWeights::get().max_block))
}

/// A sibling's paid query, as `pallet-verifier-client` sends it, with a remark for the call.
fn paid_transact(call: &RuntimeCall) -> Vec<Instruction<RuntimeCall>> {
	vec![
		WithdrawAsset(gene(GENE).into()),
		BuyExecution { fees: gene(GENE), weight_limit: Unlimited },
		Transact {
			origin_kind: OriginKind::Xcm,
			fallback_max_weight: None,
			call: call.encode().into(),
		},
		RefundSurplus,
		DepositAsset { assets: Wild(AllCounted(1)), beneficiary: sibling() },
	]
}

#[test]
fn a_message_weighs_the_sum_of_its_instructions_and_its_calls() {
	let call = RuntimeCall::System(polkadot_sdk::frame_system::Call::remark { remark: vec![] });
	let instructions = paid_transact(&call);
	let total = weigh(instructions.clone()).expect("a paid query is weighed");
	let each = instructions
		.into_iter()
		.map(|instruction| weigh(vec![instruction]).expect("each instruction is weighed"))
		.collect::<Vec<_>>();
	// Every instruction was measured: none is free.
	assert!(each.iter().all(|weight| weight.ref_time() > 0), "{each:?}");
	// The Transact alone is its own cost plus its call's.
	let call_weight = call.get_dispatch_info().call_weight;
	assert!(each[2].all_gte(call_weight));
	let sum = each.iter().fold(Weight::zero(), |sum, weight| sum.saturating_add(*weight));
	assert_eq!(total, sum);
	// Measured, a query's instructions cost a fraction of what the flat 10⁹ per instruction
	// charged before them.
	assert!(total.ref_time() < 5 * 1_000_000_000);
}

#[test]
fn moving_assets_weighs_per_asset() {
	let one = weigh(vec![WithdrawAsset(gene(GENE).into())]).expect("weighed");
	let twice = weigh(vec![WithdrawAsset(gene(GENE).into()), WithdrawAsset(gene(GENE).into())])
		.expect("weighed");
	assert_eq!(twice, one.saturating_add(one));
	let deposit_all = weigh(vec![DepositAsset { assets: Wild(All), beneficiary: sibling() }]);
	let deposit_one =
		weigh(vec![DepositAsset { assets: Definite(gene(GENE).into()), beneficiary: sibling() }]);
	// GENE is all the holding register can hold.
	assert_eq!(deposit_all, deposit_one);
}

#[test]
fn an_asset_other_than_gene_or_an_unsupported_instruction_never_fits() {
	let foreign: Asset = (Location::parent(), 1_000u128).into();
	assert!(fits_in_a_block(weigh(vec![WithdrawAsset(gene(GENE).into())])));
	assert!(!fits_in_a_block(weigh(vec![WithdrawAsset(foreign.clone().into())])));
	for unsupported in [
		ReceiveTeleportedAsset(gene(GENE).into()),
		ReserveAssetDeposited(gene(GENE).into()),
		InitiateTeleport { assets: Wild(All), dest: sibling(), xcm: Xcm(vec![]) },
		ExchangeAsset { give: Wild(All), want: foreign.clone().into(), maximal: true },
		LockAsset { asset: gene(GENE), unlocker: sibling() },
		AliasOrigin(sibling()),
		UniversalOrigin(GlobalConsensus(NetworkId::Polkadot)),
	] {
		let name = format!("{unsupported:?}");
		assert!(!fits_in_a_block(weigh(vec![unsupported])), "{name} fits in a block");
	}
}
