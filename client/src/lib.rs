//! What Genochain's off-chain programs (the CLI, the custodian gateway, the load tool) read from
//! a node's metadata over subxt: the index of a call, to encode it from the runtime's own
//! argument types (`genochain-primitives`), and the runtime's name for a dispatch error.

use codec::Encode;
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

/// A call already encoded (with its pallet and call index), as an argument of another call
/// (`Utility.batch_all`, `Sudo.sudo`): it encodes as its bytes, so a `Vec` of them encodes as the
/// runtime's `Vec<RuntimeCall>`.
pub struct EncodedCall(pub Vec<u8>);

impl Encode for EncodedCall {
	fn size_hint(&self) -> usize {
		self.0.len()
	}

	fn encode_to<W: codec::Output + ?Sized>(&self, dest: &mut W) {
		dest.write(&self.0);
	}
}

/// Why a call cannot be made to the runtime at a block.
#[derive(Debug, thiserror::Error)]
pub enum CallError {
	#[error("its runtime has no {pallet}.{call} call")]
	Missing { pallet: String, call: String },
	/// The runtime reads the arguments otherwise: it is of another version than this program.
	#[error("its {pallet}.{call} call differs from this program's: {reason}")]
	Differs { pallet: String, call: String, reason: String },
}

/// The call `pallet.call(arguments)` encoded with its index, the arguments encoded from the
/// runtime's own types (`genochain-primitives`); decoded once against the metadata at `at`, so
/// that a node whose runtime reads them otherwise is found out before anything is signed.
pub fn encode_call(
	at: &AtBlock,
	pallet: &str,
	call: &str,
	arguments: impl Encode,
) -> Result<Vec<u8>, CallError> {
	let index = call_index(at, pallet, call)
		.ok_or_else(|| CallError::Missing { pallet: pallet.into(), call: call.into() })?;
	let mut bytes = index.to_vec();
	arguments.encode_to(&mut bytes);
	at.transactions().from_call_data_bytes(&bytes).map_err(|e| CallError::Differs {
		pallet: pallet.into(),
		call: call.into(),
		reason: e.to_string(),
	})?;
	Ok(bytes)
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
