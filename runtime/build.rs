//! Builds the runtime's wasm blob with substrate-wasm-builder (skipped with SKIP_WASM_BUILD=1).
//!
//! With the `increment-spec-version` feature the blob is the next runtime of the upgrade test,
//! written to `genochain_runtime_next.*` beside the runtime's own, which it leaves alone.

fn main() {
	#[cfg(feature = "std")]
	{
		let builder = substrate_wasm_builder::WasmBuilder::init_with_defaults();
		let builder = if std::env::var_os("CARGO_FEATURE_INCREMENT_SPEC_VERSION").is_some() {
			builder.set_file_name("genochain_runtime_next")
		} else {
			builder
		};
		builder.build();
	}
}
