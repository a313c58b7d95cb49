//! What Genochain's off-chain programs (the CLI, the custodian gateway, the load tool) read from
//! a node's metadata over subxt: the index of a call, to encode it from the runtime's own
//! argument types (`genochain-primitives`), and the runtime's name for a dispatch error.

use polkadot_sdk::sp_runtime::DispatchError;
use subxt::{OnlineClientAtBlock, PolkadotConfig};

/// The chain at one block.
pub type AtBlock = OnlineClientAtBlock<PolkadotConfig>;

/// The (pallet, call) index of `pallet.call` in the runtime at `at`, if it has that call.
pub fn call_index(at: &AtBlock, pallet: &str, call: &str) -> Option<[u8; 2]> {
	at.metadata_ref()
		.pallet_by_name(pallet)
		.and_then(|p| p.call_variant_by_name(call).map(|c| [p.call_index(), c.index]))
}

/// `Pallet.Error` for a module error, as the runtime at `at` names it; the dispatch error as it
/// reads otherwise.
pub fn error_name(at: &AtBlock, error: &DispatchError) -> String {
	match error {
		DispatchError::Module(module) => at
			.metadata_ref()
			.pallet_by_error_index(module.index)
			.and_then(|pallet| {
				pallet
					.error_variant_by_index(module.error[0])
					.map(|variant| format!("{}.{}", pallet.name(), variant.name))
			})
			.unwrap_or_else(|| format!("{error:?}")),
		other => format!("{other:?}"),
	}
}
