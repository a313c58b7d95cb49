//! Builds the runtime's wasm blob with substrate-wasm-builder (skipped with SKIP_WASM_BUILD=1, and
//! with the `native-only` feature).

fn main() {
	#[cfg(all(feature = "std", not(feature = "native-only")))]
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}
