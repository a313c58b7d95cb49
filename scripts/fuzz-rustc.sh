#!/usr/bin/env bash
# RUSTC_WORKSPACE_WRAPPER for the fuzz targets (scripts/fuzz.sh): Genochain's own crates compiled
# with libFuzzer's coverage instrumentation, as cargo-fuzz compiles them, and with debug assertions
# and overflow checks also in a release build (an overflow in runtime code is a finding), and
# nothing else. The
# dependencies (the SDK) are not instrumented, so they are the artifacts the tests already built:
# an instrumented build recompiles only the workspace's crates, not the ~1,000 crates beneath them.
# Cargo hashes the wrapper into the instrumented crates' file names, so they sit beside the plain
# ones and neither build undoes the other.
set -euo pipefail
rustc="$1"
shift
case " $* " in
# Build scripts run on the host during the build, without libFuzzer to link against.
*" --crate-name build_script_"*) exec "$rustc" "$@" ;;
esac
exec "$rustc" "$@" \
	-Cpasses=sancov-module \
	-Cllvm-args=-sanitizer-coverage-level=4 \
	-Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
	-Cllvm-args=-sanitizer-coverage-pc-table \
	-Cllvm-args=-sanitizer-coverage-trace-compares \
	-Cdebug-assertions=on -Coverflow-checks=on \
	--cfg fuzzing
