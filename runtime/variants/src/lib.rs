//! The runtime's wasm blobs that only checks need, built by this crate's build script into the
//! runtime's own wasm build directory (`<target>/debug/wbuild/genochain-runtime/`):
//!
//! | feature | runtime feature | file |
//! | --- | --- | --- |
//! | `benchmarks` | `runtime-benchmarks` | `genochain_runtime_benchmarks.compact.compressed.wasm` |
//! | `next` | `increment-spec-version` | `genochain_runtime_next.compact.compressed.wasm` |
//!
//! Building them with `cargo build -p genochain-runtime --features …` would compile the runtime
//! and its dependencies natively with those features as well, which nothing runs: on a cold
//! machine that was 20 of `make test`'s minutes. Here only the wasm is built, and it shares the
//! wasm dependencies the node's runtime has already built; the crate has no code.
