//! Builds the runtime's wasm blob with substrate-wasm-builder (skipped with SKIP_WASM_BUILD=1).
//!
//! Two features build other blobs, each under a name of its own beside the runtime's own
//! (`genochain_runtime.*`), which they leave alone:
//! - `metadata-hash`: the release runtime, with the metadata hash that `CheckMetadataHash` checks
//!   (hardware wallets), in `genochain_runtime_release.*`;
//! - `increment-spec-version`: the next runtime of the upgrade test, in `genochain_runtime_next.*`.
//!
//! `make` builds the next runtime, and the benchmark runtime, with `genochain-runtime-variants`
//! (`runtime/variants`), which builds only their wasm; the runtime natively with those features
//! is not needed.

#[cfg(all(feature = "metadata-hash", feature = "increment-spec-version"))]
compile_error!("`metadata-hash` builds the release runtime, `increment-spec-version` a test one");

fn main() {
	#[cfg(feature = "std")]
	{
		let builder = substrate_wasm_builder::WasmBuilder::init_with_defaults();
		// Wallets show amounts in these units; `currency::{TOKEN_SYMBOL, TOKEN_DECIMALS}` (a
		// runtime test checks they agree).
		#[cfg(feature = "metadata-hash")]
		let builder = builder.enable_metadata_hash("GENE", 12).set_file_name("genochain_runtime_release");
		#[cfg(feature = "increment-spec-version")]
		let builder = builder.set_file_name("genochain_runtime_next");
		builder.build();
	}
}
