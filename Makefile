# Genochain — two commands do everything:
#   make run    set up what is missing, build, start the development chain
#   make test   set up what is missing, check formatting, run every Rust test and the e2e journey

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

# One persistent build cache, shared by every checkout and by CI.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/genochain/target
CARGO_HOME ?= $(HOME)/.cargo
RUSTUP_HOME ?= $(HOME)/.rustup
# Machine paths are stripped from the runtime wasm so that the same source gives the same blob,
# and so the same committed chain specs, in any checkout.
export WASM_BUILD_RUSTFLAGS := --remap-path-prefix=$(CURDIR)=/genochain \
	--remap-path-prefix=$(CARGO_HOME)=/cargo --remap-path-prefix=$(RUSTUP_HOME)=/rustup

# Clippy lints every workspace crate, every target, as it is compiled, warnings denied: what
# `cargo clippy --all-targets -- -D warnings` checks, without a second, check-only build of the
# ~1,150 dependencies (about as long again as the node's). Lints the workspace declares
# (`[workspace.lints]`) apply. Set for every target, so that `make run` and `make test` build alike.
export RUSTC_WORKSPACE_WRAPPER := clippy-driver
export CLIPPY_ARGS := -D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__

# Build the runtime as release, compacted and zstd-compressed, also for the debug node: relay
# chains only accept a compact runtime, and the chain specs that embed it stay small.
export WASM_BUILD_TYPE := release
# The target directory lies outside the repository, so tell wasm-builder where the workspace (and
# its Cargo.lock) is: the wasm is then built from the same locked versions as everything else.
export WASM_BUILD_WORKSPACE_HINT := $(CURDIR)
# frame-benchmarking-cli embeds a small test runtime for `benchmark storage --mode validate-block`
# only; its wasm build is about four minutes of a cold build. Development builds leave it out, and
# their node refuses that mode with a message saying so (node/src/storage_benchmark.rs).
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD := 1

NODE := $(CARGO_TARGET_DIR)/debug/genochain-node
# The load tool's smoke run (docs/PERFORMANCE.md): every scenario, a dozen transactions each at
# 10 a second, on a dev node of its own with a block a second, killed (SIGKILL) 1 s into the
# first scenario and started again on its database. It fails unless the node kept every block it
# had finalized, with its state, and every transaction was included and finalized.
LOAD_SMOKE := $(CARGO_TARGET_DIR)/debug/genochain-load --start-node --node-binary $(NODE) \
	--node-arg=--dev-block-time=1000 --count 12 --subjects 4 --custodians 2 --rate 10 \
	--crash-after 1 --require-all --node-log $(CARGO_TARGET_DIR)/load-smoke-node.log
# Genochain's own pallets, as cargo arguments.
CUSTOM_PALLETS := -p pallet-registry -p pallet-consent -p pallet-genome-anchor -p pallet-data-market \
	-p pallet-redaction -p pallet-xcm-verifier -p pallet-verifier-client
# The state the e2e journey leaves, which try-runtime upgrades.
SNAPSHOT := $(CURDIR)/e2e/.snapshots/journey.json
# Extra arguments for the dev node, e.g. `make run ARGS="--rpc-port 9955"`.
ARGS ?=

# What `make build` and `make test` both build, with the same features, so that `make run` after
# `make test` (or the other way round) compiles nothing: the binaries alone would unify their
# dependencies' features without the dev-dependencies and rebuild `polkadot-sdk` and the node's
# tree after it (about 25 crates, 3 minutes). The consumer runtime runs natively only (its tests,
# the XCM simulator): no wasm blob for it.
# genochain-fuzz is left out: it builds the runtime with `try-runtime`, which must not reach the
# node's runtime (it is built on its own, as FUZZ_HARNESS).
WORKSPACE_BUILD := cargo build --locked --workspace --exclude genochain-fuzz --all-targets \
	--features genochain-consumer-runtime/native-only

# The runtime's other wasm blobs, each under a name of its own beside the node's runtime
# (runtime/variants): the workspace build again with the variants' features, so that only their
# wasm is built. `cargo build -p genochain-runtime --features …` would compile the runtime and
# its dependencies natively once more, which nothing runs (20 minutes of a cold `make test`).
# $(call RUNTIME_VARIANTS_BUILD,benchmarks next) builds those two.
RUNTIME_VARIANTS_BUILD = $(WORKSPACE_BUILD),$(subst $(space),$(comma),$(addprefix genochain-runtime-variants/,$(1)))
space := $(subst ,, )
comma := ,
# The same runtime one spec version on, for the e2e upgrade test
# (wbuild/genochain-runtime/genochain_runtime_next.*).
NEXT_RUNTIME_BUILD := $(call RUNTIME_VARIANTS_BUILD,next)

# try-runtime's tests, natively: the runtime and its pallets with the `try-runtime` feature, no wasm.
PALLETS_TRY_RUNTIME := SKIP_WASM_BUILD=1 cargo test --locked $(CUSTOM_PALLETS) --features try-runtime --lib
RUNTIME_TRY_RUNTIME := SKIP_WASM_BUILD=1 cargo test --locked -p genochain-runtime --features try-runtime \
	--test try_runtime
# The runtime fuzzer's harness (fuzz/), natively with `try-runtime` like the test above, whose
# dependencies it shares: its tests replay the committed seed corpus.
FUZZ_HARNESS := SKIP_WASM_BUILD=1 cargo test --locked -p genochain-fuzz
# The benchmarks as the runtime compiles them, no_std for wasm (`--cfg substrate_runtime`, as
# wasm-builder sets it), checked only: the pallets and the runtime with `runtime-benchmarks` and
# without `std`. A benchmark using std fails here rather than in `make weights`, without building
# the benchmark runtime's wasm (a second optimised wasm tree, about 4 minutes of a cold run).
BENCHMARKS_NO_STD_CHECK := SKIP_WASM_BUILD=1 RUSTFLAGS='--cfg substrate_runtime' cargo check --locked \
	--target wasm32v1-none -p genochain-runtime $(CUSTOM_PALLETS) --no-default-features \
	--features runtime-benchmarks
# The short fuzzing run of `make test` from the committed seeds only: 80 s in all, two processes
# per target (one a core), so as many executions as one process in 160 s.
FUZZ_SHORT := runtime=50 vcf=20 proof=10

.PHONY: run portal gateway build test load fuzz fuzz-weights release-runtime next-runtime chain-specs weights bench-fingerprint bench-gateway zombienet-bins zombienet zombienet-up

run: build
	@port=$$(sed -n 's/.*--rpc-port[ =]\([0-9]*\).*/\1/p' <<< "$(ARGS)"); port=$${port:-9944}; \
	echo "genochain: the dev chain's RPC listens on ws://127.0.0.1:$$port (HTTP on the same port)"; \
	echo "genochain: open it in Polkadot.js Apps: https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A$$port#/explorer"
	$(NODE) --dev $(ARGS)

# The contributor portal (portal/, docs/PORTAL.md) for `make run`'s dev chain (start that first, in
# another terminal): built, then served on http://127.0.0.1:8080. Another node or port:
# `make portal PORTAL_RPC=wss://… PORTAL_PORT=8081`.
PORTAL_RPC ?= ws://127.0.0.1:9944
PORTAL_PORT ?= 8080
portal:
	scripts/setup.sh portal
	cd portal && npm run build && node serve.mjs --port $(PORTAL_PORT) --rpc $(PORTAL_RPC)

# The custodian gateway beside `make run`'s dev chain (start that first, in another terminal): the
# development custodian (//Custodian) serving GA4GH DRS on http://127.0.0.1:8700, its catalogue,
# objects and keys under .gateway-dev/. Other flags: `make gateway GATEWAY_ARGS="--listen …"`.
GATEWAY_ARGS ?=
GATEWAY_DIR := $(CURDIR)/.gateway-dev
gateway: build
	mkdir -p $(GATEWAY_DIR) && chmod 700 $(GATEWAY_DIR)
	[ -f $(GATEWAY_DIR)/custodian.suri ] || (umask 077 && echo //Custodian > $(GATEWAY_DIR)/custodian.suri)
	$(CARGO_TARGET_DIR)/debug/genochain-gateway --node ws://127.0.0.1:9944 \
		--custodian-key-file $(GATEWAY_DIR)/custodian.suri --data-dir $(GATEWAY_DIR) $(GATEWAY_ARGS)

build:
	scripts/setup.sh build
	$(WORKSPACE_BUILD)

test:
	scripts/setup.sh test
	cargo fmt --all -- --check
	$(WORKSPACE_BUILD)
	cargo test --locked --workspace --exclude genochain-fuzz --features genochain-consumer-runtime/native-only
	# The benchmarks, run once each as tests in the pallets' mocks.
	cargo test --locked $(CUSTOM_PALLETS) --features runtime-benchmarks
	# The next runtime, which the e2e upgrade test upgrades the dev chain to.
	$(NEXT_RUNTIME_BUILD)
	# The e2e journeys (the portal's in Chromium among them); the first ends by taking a snapshot
	# of the chain's state for try-runtime.
	# Then the load tool's smoke run, on a dev node of its own. They mostly wait
	# for blocks, so meanwhile the try-runtime tests build (4 minutes of a cold run), the fuzzers
	# (the harness, then the instrumented targets), and the benchmarks are checked no_std.
	rm -f $(SNAPSHOT)
	cd portal && npm run build
	scripts/beside.sh $(CARGO_TARGET_DIR)/try-runtime-build.log \
		"$(PALLETS_TRY_RUNTIME) --no-run && $(RUNTIME_TRY_RUNTIME) --no-run && \
		$(FUZZ_HARNESS) --no-run && scripts/fuzz.sh --build-only && \
		$(BENCHMARKS_NO_STD_CHECK)" -- \
		bash -c 'cd e2e && GENOCHAIN_NODE=$(NODE) GENOCHAIN_SNAPSHOT=$(SNAPSHOT) npm test && \
		cd .. && $(LOAD_SMOKE)'
	# try-runtime, natively (no wasm, no CLI): the pallets' migration checks, then this runtime's
	# upgrade of that snapshot and of a committed spec-1 one, with every pre/post and try_state check.
	$(PALLETS_TRY_RUNTIME)
	GENOCHAIN_SNAPSHOT=$(SNAPSHOT) $(RUNTIME_TRY_RUNTIME)
	# The runtime fuzzer's harness on the seeds, then a short coverage-guided run of each fuzz
	# target from the seeds (docs/FUZZING.md).
	$(FUZZ_HARNESS)
	FUZZ_JOBS=2 scripts/fuzz.sh --seeds-only $(FUZZ_SHORT)

# Coverage-guided fuzzing (docs/FUZZING.md): each target (runtime, vcf, proof) for FUZZ_SECONDS
# (180), continuing from what earlier runs found; executions, coverage and any crash printed.
# `make fuzz FUZZ_TARGETS="runtime=3600" FUZZ_JOBS=2` runs the runtime for an hour on two cores;
# FUZZ_PROFILE=release builds the targets optimised, for long runs.
FUZZ_TARGETS ?=
fuzz:
	scripts/setup.sh fuzz
	scripts/fuzz.sh $(FUZZ_TARGETS)

# The runtime's calls timed against their declared weights: the fuzz harness built in release
# replays the seeds and what fuzzing found, and prints every call's largest time against its
# weight (docs/FUZZING.md). Not in `make test`: the release build of the runtime's dependencies
# takes most of an hour cold.
FUZZ_FOUND := $(dir $(CARGO_TARGET_DIR))fuzz/corpus
fuzz-weights:
	scripts/setup.sh build
	SKIP_WASM_BUILD=1 cargo build --locked --release -p genochain-fuzz --bin genochain-fuzz-replay
	mkdir -p $(FUZZ_FOUND)/runtime
	$(CARGO_TARGET_DIR)/release/genochain-fuzz-replay --calls fuzz/corpus/runtime $(FUZZ_FOUND)/runtime

# The runtime a network upgrades to: built with the metadata hash (CheckMetadataHash, which
# hardware wallets need), and its blake2-256, the `code_hash` that `system.authorizeUpgrade`
# takes: governance checks a proposal against this figure built from the tagged source.
RELEASE_RUNTIME := $(CARGO_TARGET_DIR)/debug/wbuild/genochain-runtime/genochain_runtime_release.compact.compressed.wasm
release-runtime:
	scripts/setup.sh build
	cargo build --locked -p genochain-runtime --features metadata-hash
	@echo "genochain: the release runtime is $(RELEASE_RUNTIME)"
	@echo "genochain: its blake2-256 (system.authorizeUpgrade's code_hash): 0x$$(b2sum -l 256 $(RELEASE_RUNTIME) | cut -d' ' -f1)"

# Only the next runtime of the upgrade test (make test builds it).
next-runtime:
	$(NEXT_RUNTIME_BUILD)

# Regenerate chain-specs/ from the runtime's genesis presets (after changing a preset).
chain-specs: build
	scripts/chain-specs.sh $(NODE)

# Regenerate pallets/*/src/weights.rs by running the benchmarks on the compiled runtime.
weights:
	scripts/setup.sh build
	BENCHMARK_RUNTIME_BUILD="$(call RUNTIME_VARIANTS_BUILD,benchmarks)" scripts/weights.sh

# Fingerprint a synthetic whole genome (4.5 M records) on one core and on every core next to
# bcftools, in the same run, and print the figures against the scheme's goals (time, memory,
# proof size, prove_variant weight).
bench-fingerprint:
	scripts/setup.sh bench
	cargo build --locked --release -p genochain-cli
	python3 scripts/bench-fingerprint.py

# Throughput and latency of each kind of transaction on a release `--dev` node started for the
# run (docs/PERFORMANCE.md): transfers, consent grants, accesses, anchors, enrolments, a mixed
# day; a table per scenario and their ratios to transfers. Minutes, not hours, after the release
# build. Options: `make load LOAD_ARGS="--count 8000 --scenario transfers"`.
LOAD_ARGS ?=
load:
	scripts/setup.sh build
	cargo build --locked --release -p genochain-node -p genochain-load
	$(CARGO_TARGET_DIR)/release/genochain-load --start-node \
		--node-binary $(CARGO_TARGET_DIR)/release/genochain-node \
		--node-log $(CARGO_TARGET_DIR)/load-node.log $(LOAD_ARGS)

# Real networks on this machine (zombienet/README.md). The relay chain binaries, built from the
# crates.io `polkadot` crate into $(HOME)/.cache/genochain/bin when missing (an hour cold):
# Downloads of 1 MiB objects through the gateway against the same files from a plain static file
# server, in one run on this machine (its own dev node, and the gateway and the plain server built
# in release, as a custodian runs them; the first run builds them), with the goals checked:
# throughput >= 0.8 x the plain server's, p99 latency added < 20 ms. Figures in docs/GATEWAY.md.
# Options: `make bench-gateway BENCH_ARGS="--concurrency 16 --seconds 20"`.
BENCH_ARGS ?=
bench-gateway: build
	cargo build --locked --release -p genochain-gateway --bins
	$(CARGO_TARGET_DIR)/release/genochain-gateway-bench $(BENCH_ARGS)

zombienet-bins:
	scripts/zombienet-bins.sh

# Every zombienet test, one network at a time: smoke, failover, durability, the user journey on
# the parachain, and the XCM round trip with the consumer parachain. Not part of `make test`.
zombienet: build zombienet-bins
	cargo build --locked -p genochain-consumer-runtime
	cd zombienet && cargo test --locked --no-fail-fast -- --test-threads=1 --nocapture

# Start a network and keep it running until Ctrl-C: make zombienet-up NETWORK=local|xcm|consortium
NETWORK ?= local
zombienet-up: build zombienet-bins
	cargo build --locked -p genochain-consumer-runtime
	cd zombienet && cargo run --locked --bin zombienet-up -- $(NETWORK)
