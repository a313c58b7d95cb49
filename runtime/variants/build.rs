//! Builds the runtime's wasm once per enabled feature (see the crate's documentation), each
//! under a file name of its own so the node's runtime (`genochain_runtime.*`) is left alone.

use substrate_wasm_builder::WasmBuilder;

/// This crate's feature, the runtime feature it builds with, and the blob's file name.
const VARIANTS: [(&str, &str, &str); 2] = [
	("BENCHMARKS", "runtime-benchmarks", "genochain_runtime_benchmarks"),
	("NEXT", "increment-spec-version", "genochain_runtime_next"),
];

fn main() {
	// This crate lies in the runtime's directory.
	let runtime_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent();
	let Some(runtime) = runtime_dir.map(|dir| dir.join("Cargo.toml")) else {
		panic!("{} has no parent directory", env!("CARGO_MANIFEST_DIR"));
	};
	for (feature, runtime_feature, file_name) in VARIANTS {
		if std::env::var_os(format!("CARGO_FEATURE_{feature}")).is_none() {
			continue;
		}
		let builder = match WasmBuilder::new().with_project(&runtime) {
			Ok(builder) => builder,
			Err(problem) => panic!("{}: {problem}", runtime.display()),
		};
		// The link flags `init_with_defaults()` gives the node's runtime (runtime/build.rs):
		// without them the wasm build's RUSTFLAGS differ, and every crate of the shared wasm
		// target directory is compiled again for this blob (docs/BUILD.md).
		builder
			.import_memory()
			.export_heap_base()
			.enable_feature(runtime_feature)
			.set_file_name(file_name)
			.build();
	}
}
