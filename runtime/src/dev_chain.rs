//! The state of a fresh chain (`--dev`, or the `production` preset), and collective motions on
//! it, for the runtime's tests.

use crate::{
	genesis_config_presets::{preset_storage, DEV_CUSTODIAN, DEV_RESEARCHER, PRODUCTION_PRESET},
	AccountId, BlockNumber, DataMarket, GenomeAnchor, RuntimeOrigin, System,
};
use genochain_primitives::{
	anchor::AnchorId,
	fingerprint::{Assembly, Scheme},
};
use polkadot_sdk::{
	frame_support::{assert_ok, traits::Hooks, weights::Weight},
	sp_core::H256,
	sp_genesis_builder::DEV_RUNTIME_PRESET,
	sp_io::TestExternalities,
};

/// The state of a fresh `--dev` chain.
pub fn dev_chain() -> TestExternalities {
	preset_chain(DEV_RUNTIME_PRESET)
}

/// The state of a fresh chain of the `production` preset: no sudo key.
pub fn production_chain() -> TestExternalities {
	preset_chain(PRODUCTION_PRESET)
}

fn preset_chain(preset: &str) -> TestExternalities {
	let storage = preset_storage(&preset.into()).expect("the preset's genesis builds");
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// A signed origin of `who`.
pub fn signed(who: &AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.clone())
}

/// The development custodian (`//Custodian`), accredited in genesis.
pub fn dev_custodian() -> AccountId {
	DEV_CUSTODIAN.into()
}

/// The development researcher (`//Researcher`), accredited in genesis.
pub fn dev_researcher() -> AccountId {
	DEV_RESEARCHER.into()
}

/// Anchors a GRCh38 genome of `who`, root `seed` repeated, kept by the development custodian.
pub fn anchored(who: &AccountId, seed: u8) -> AnchorId {
	let root = H256::repeat_byte(seed);
	assert_ok!(GenomeAnchor::anchor(
		signed(who),
		root,
		4_000_000,
		Assembly::GRCh38,
		Scheme::V1,
		Some(dev_custodian()),
		None
	));
	genochain_primitives::anchor::anchor_id(who, &root)
}

/// Moves to block `n` and lets the market's `on_idle` use a whole block, as an empty block would.
pub fn run_to(n: BlockNumber) {
	System::set_block_number(n);
	DataMarket::on_idle(n, Weight::MAX);
}

/// Passes `call` as a motion of a collective: `proposer` proposes it with `voters` as the
/// threshold, the voters (the proposer among them) vote aye, and the proposer closes it. Returns
/// the result of executing the call.
macro_rules! pass_motion {
	($collective:ident, $instance:ty, $proposer:expr, $voters:expr, $call:expr) => {{
		use codec::Encode as _;
		use polkadot_sdk::{
			frame_support::{assert_ok, dispatch::GetDispatchInfo as _},
			sp_keyring::Sr25519Keyring,
			sp_runtime::traits::Hash as _,
		};
		let signed = |who: Sr25519Keyring| $crate::RuntimeOrigin::signed(who.to_account_id());
		let call: $crate::RuntimeCall = $call;
		let length = call.encoded_size() as u32;
		let weight = call.get_dispatch_info().call_weight;
		let index =
			polkadot_sdk::pallet_collective::ProposalCount::<$crate::Runtime, $instance>::get();
		let voters: &[Sr25519Keyring] = $voters;
		let threshold = voters.len() as u32;
		assert_ok!($crate::$collective::propose(
			signed($proposer),
			threshold,
			Box::new(call.clone()),
			length
		));
		// A motion of one is executed when proposed; others when closed after the votes.
		if threshold > 1 {
			let hash =
				<$crate::Runtime as polkadot_sdk::frame_system::Config>::Hashing::hash_of(&call);
			for voter in voters {
				assert_ok!($crate::$collective::vote(signed(*voter), hash, index, true));
			}
			assert_ok!($crate::$collective::close(signed($proposer), hash, index, weight, length));
		}
		$crate::System::events()
			.into_iter()
			.rev()
			.find_map(|record| match record.event {
				$crate::RuntimeEvent::$collective(
					polkadot_sdk::pallet_collective::Event::Executed { result, .. },
				) => Some(result.map_err(|error| error)),
				_ => None,
			})
			.expect("the motion was executed")
	}};
}
pub(crate) use pass_motion;
