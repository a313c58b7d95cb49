#!/usr/bin/env bash
# Regenerates pallets/*/src/weights.rs (and runtime/src/weights/ for the SDK pallets measured in this
# runtime) from the pallets' benchmarks, run on the compiled runtime
# (built with `runtime-benchmarks`) by frame-omni-bencher, and prints the weights of the main calls
# next to a balance transfer measured the same way, with their estimate on the reference hardware
# (scaled by that transfer's weight as the SDK ships it); the table is kept in docs/WEIGHTS.md.
#
# Usage: scripts/weights.sh   (via `make weights`; CARGO_TARGET_DIR, the wasm settings and the
# command that builds the benchmark runtime, BENCHMARK_RUNTIME_BUILD, come from the Makefile).
# With SUMMARY_ONLY=1 it keeps the pallets' weights.rs and only rewrites the summary from them
# (after adding a call to the table).
set -euo pipefail
cd "$(dirname "$0")/.."

BENCHER_VERSION=0.28.0 # frame-omni-bencher of Polkadot SDK stable2609
# WEIGHTS_PALLETS="data-market" regenerates only those (after changing only their benchmarks).
read -r -a PALLETS <<<"${WEIGHTS_PALLETS:-registry consent genome-anchor data-market redaction xcm-verifier verifier-client}"
# SDK pallets whose weights the runtime keeps in runtime/src/weights/, in the SDK's own format.
read -r -a RUNTIME_PALLETS <<<"${WEIGHTS_RUNTIME_PALLETS:-pallet_xcm}"
# The XCM instructions, for the XCM executor's weigher (runtime/src/weights/xcm/).
read -r -a XCM_PALLETS <<<"${WEIGHTS_XCM_PALLETS:-pallet_xcm_benchmarks::fungible pallet_xcm_benchmarks::generic}"
TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/genochain/target}

command -v python3 >/dev/null || { echo "weights: python3 is missing: apt-get install python3" >&2; exit 1; }

if ! frame-omni-bencher --version 2>/dev/null | grep -q " $BENCHER_VERSION"; then
	echo "weights: installing frame-omni-bencher $BENCHER_VERSION (once)"
	cargo install --locked frame-omni-bencher --version "$BENCHER_VERSION"
fi

# The runtime's wasm with its benchmarks (runtime/variants), built as the Makefile says.
[[ -n "${BENCHMARK_RUNTIME_BUILD:-}" ]] ||
	{ echo "weights: BENCHMARK_RUNTIME_BUILD is not set: run this through 'make weights'" >&2; exit 1; }
read -r -a build <<<"$BENCHMARK_RUNTIME_BUILD"
echo "weights: building the runtime with its benchmarks"
"${build[@]}"
WASM="$TARGET_DIR/debug/wbuild/genochain-runtime/genochain_runtime_benchmarks.compact.compressed.wasm"
[[ -f "$WASM" ]] || { echo "weights: no runtime at $WASM" >&2; exit 1; }
# After a failed wasm build, cargo may not run the wasm builder again: never benchmark a runtime
# older than its sources.
stale=$(find runtime pallets primitives -name '*.rs' ! -name weights.rs -newer "$WASM" -print -quit)
if [[ -n "$stale" ]]; then
	echo "weights: $WASM is older than $stale; rebuilding the wasm"
	FORCE_WASM_BUILD=1 "${build[@]}"
fi

bench() {
	frame-omni-bencher v1 benchmark pallet --runtime "$WASM" --genesis-builder-preset development \
		--steps 50 --repeat 20 "$@"
}

[[ "${SUMMARY_ONLY:-0}" == 1 ]] && PALLETS=() && RUNTIME_PALLETS=() && XCM_PALLETS=()
for pallet in "${PALLETS[@]}"; do
	name="pallet_${pallet//-/_}" # pallets/genome-anchor holds pallet_genome_anchor
	echo "weights: $name"
	out="pallets/$pallet/src/weights.rs"
	# Written next to the target first, so a failed run leaves the committed file untouched.
	bench --pallet "$name" --extrinsic '*' \
		--template scripts/pallet-weight-template.hbs --output "$out.new"
	sed -i '1{/^$/d}' "$out.new" # the template's empty header line
	mv "$out.new" "$out"
done

for name in "${RUNTIME_PALLETS[@]}"; do
	echo "weights: $name (runtime)"
	out="runtime/src/weights/$name.rs"
	bench --pallet "$name" --extrinsic '*' --template scripts/runtime-weight-template.hbs --output "$out.new"
	sed -i '1{/^$/d}' "$out.new"
	mv "$out.new" "$out"
done

# The instructions Genochain's XCM configuration supports; the others (teleports, assets reserved
# elsewhere, exchanges, locks, exports, aliases, universal origins) skip their benchmarks and are
# weighed Weight::MAX (runtime/src/weights/xcm/mod.rs).
declare -A XCM_SUPPORTED=(
	[pallet_xcm_benchmarks::fungible]=withdraw_asset,transfer_asset,transfer_reserve_asset,initiate_reserve_withdraw,deposit_asset,deposit_reserve_asset,initiate_transfer
	[pallet_xcm_benchmarks::generic]=report_holding,buy_execution,pay_fees,asset_claimer,query_response,transact,refund_surplus,set_error_handler,set_appendix,clear_error,descend_origin,execute_with_origin,clear_origin,report_error,claim_asset,trap,subscribe_version,unsubscribe_version,burn_asset,expect_asset,expect_origin,expect_error,expect_transact_status,query_pallet,expect_pallet,report_transact_status,clear_transact_status,set_topic,clear_topic,set_fees_mode,unpaid_execution
)
for name in "${XCM_PALLETS[@]}"; do
	echo "weights: $name (XCM instructions)"
	out="runtime/src/weights/xcm/${name//::/_}.rs"
	bench --pallet "$name" --extrinsic "${XCM_SUPPORTED[$name]}" \
		--template scripts/xcm-weight-template.hbs --output "$out.new"
	sed -i '1{/^$/d}' "$out.new"
	mv "$out.new" "$out"
done

echo "weights: the yardstick, pallet_balances::transfer_keep_alive"
yardstick=$(mktemp --suffix=.rs)
trap 'rm -f "$yardstick"' EXIT
bench --pallet pallet_balances --extrinsic transfer_keep_alive \
	--template scripts/pallet-weight-template.hbs --output "$yardstick" >/dev/null
# The same call's weight as the SDK ships it, measured on the reference hardware.
balances_version=$(awk '/^name = "pallet-balances"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
reference=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"pallet-balances-$balances_version" | head -n 1)/src/weights.rs
[[ -f "$reference" ]] || { echo "weights: no $reference (cargo fetch)" >&2; exit 1; }

summary=$(python3 scripts/weights-summary.py --reference "$reference:transfer_keep_alive" \
	"$yardstick:transfer_keep_alive" \
	pallets/consent/src/weights.rs:grant pallets/consent/src/weights.rs:record_access \
	pallets/genome-anchor/src/weights.rs:anchor \
	"pallets/genome-anchor/src/weights.rs:prove_variant_included(d=23,b=2)" \
	"pallets/genome-anchor/src/weights.rs:prove_variant_absent(d=23,b=6)" \
	"pallets/genome-anchor/src/weights.rs:prove_variant_v2_included(d=23,b=2)" \
	"pallets/genome-anchor/src/weights.rs:prove_variant_v2_absent(d=23,b=2)" \
	pallets/data-market/src/weights.rs:create_study pallets/data-market/src/weights.rs:enroll \
	pallets/data-market/src/weights.rs:settle_payout \
	"pallets/data-market/src/weights.rs:on_idle_payouts(n=1)" \
	"pallets/redaction/src/weights.rs:erase_me(n=32)" pallets/redaction/src/weights.rs:request_redaction \
	pallets/redaction/src/weights.rs:enact \
	pallets/xcm-verifier/src/weights.rs:verify_variant "pallets/xcm-verifier/src/weights.rs:verify_consent(n=128)" \
	pallets/verifier-client/src/weights.rs:request_verification \
	pallets/verifier-client/src/weights.rs:receive_verdict)
echo "$summary"
{
	echo "# Weights of the main calls"
	echo
	echo "Written by \`make weights\` (scripts/weights.sh) on $(date -u +%Y-%m-%d), $(nproc) cores,"
	echo "from the \`pallets/*/src/weights.rs\` it generated. Do not edit by hand."
	echo
	echo "$summary"
} >docs/WEIGHTS.md
echo "weights: wrote docs/WEIGHTS.md"
