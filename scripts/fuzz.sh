#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer (docs/FUZZING.md): builds the fuzz targets instrumented,
# runs each for a bounded time and prints, per target, the executions, the coverage reached and
# any crash.
#
#   scripts/fuzz.sh [--seeds-only | --build-only] [TARGET[=SECONDS]]…
#
# TARGET is runtime (the runtime under random call sequences, fuzz/), vcf (the VCF/BCF reader) or
# proof (the proof decoders, fuzz/decoders/); all three when none is named. SECONDS defaults to
# FUZZ_SECONDS (180). Each target starts from its committed seed corpus (fuzz/corpus/TARGET) and,
# unless --seeds-only, from what earlier runs found (kept under $CARGO_TARGET_DIR/../fuzz/corpus,
# outside the repository). --seeds-only starts from the seeds alone, with a fixed random seed, as
# `make test` does, so that its run is the same on every machine. --build-only builds the targets
# and stops. FUZZ_JOBS=N runs N processes per target on one corpus. FUZZ_ARGS passes more of
# libFuzzer's options to every process, e.g. FUZZ_ARGS=-entropic=0 for long runs (docs/FUZZING.md). FUZZ_PROFILE=release
# builds the targets optimised, with the dependencies in release (for long runs: several times the
# executions a second, after a release build of the runtime's dependencies, most of an hour cold).
#
# A crash's input is written to fuzz/artifacts/TARGET/: replay it with
# `GENOCHAIN_FUZZ_TRACE=1 cargo run -p genochain-fuzz --bin genochain-fuzz-replay -- FILE`
# (runtime), or copy it under fuzz/regressions/TARGET/, which the fuzz crates' tests replay.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/genochain/target}"
seconds_default="${FUZZ_SECONDS:-180}"
profile="${FUZZ_PROFILE:-dev}"
case "$profile" in
dev) profile_dir=debug ;;
release) profile_dir=release ;;
*)
	echo "fuzz: FUZZ_PROFILE=$profile: give dev or release" >&2
	exit 2
	;;
esac
jobs="${FUZZ_JOBS:-1}"
seeds_only=false
build_only=false
declare -a plan=()
for arg in "$@"; do
	case "$arg" in
	--seeds-only) seeds_only=true ;;
	--build-only) build_only=true ;;
	runtime | vcf | proof) plan+=("$arg=$seconds_default") ;;
	runtime=* | vcf=* | proof=*)
		[[ "${arg#*=}" =~ ^[1-9][0-9]*$ ]] || {
			echo "fuzz: $arg: the time must be a whole number of seconds" >&2
			exit 2
		}
		plan+=("$arg")
		;;
	*)
		echo "fuzz: unknown argument $arg (targets: runtime vcf proof, each optionally =SECONDS; --seeds-only, --build-only)" >&2
		exit 2
		;;
	esac
done
[ ${#plan[@]} -gt 0 ] || plan=("runtime=$seconds_default" "vcf=$seconds_default" "proof=$seconds_default")
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || {
	echo "fuzz: FUZZ_JOBS=$jobs: give a number of processes" >&2
	exit 2
}
read -ra engine_options <<<"${FUZZ_ARGS:-}"
for option in "${engine_options[@]}"; do
	[[ "$option" =~ ^-[a-z_]+=[^[:space:]]+$ ]] || {
		echo "fuzz: FUZZ_ARGS: $option is not a libFuzzer option (-name=value, e.g. -entropic=0)" >&2
		exit 2
	}
done

# The instrumented build: only the workspace's crates get libFuzzer's coverage flags
# (scripts/fuzz-rustc.sh); the dependencies are the test build's own artifacts. No wasm: the
# runtime runs natively.
build() {
	SKIP_WASM_BUILD=1 RUSTC_WORKSPACE_WRAPPER="$root/scripts/fuzz-rustc.sh" \
		cargo build --locked --profile "$profile" "$@"
}
needs_runtime=false needs_decoders=false
for entry in "${plan[@]}"; do
	case "${entry%%=*}" in
	runtime) needs_runtime=true ;;
	*) needs_decoders=true ;;
	esac
done
if $needs_runtime; then
	echo "fuzz: building the runtime target (instrumented)"
	build -p genochain-fuzz --features libfuzzer --bin fuzz-runtime
fi
if $needs_decoders; then
	echo "fuzz: building the decoder targets (instrumented)"
	build -p genochain-fuzz-decoders --features libfuzzer --bin fuzz-vcf --bin fuzz-proof
fi

$build_only && exit 0

found_dir="$(dirname "$CARGO_TARGET_DIR")/fuzz/corpus"
summary=()
failed=false
for entry in "${plan[@]}"; do
	target="${entry%%=*}" seconds="${entry#*=}"
	binary="$CARGO_TARGET_DIR/$profile_dir/fuzz-$target"
	seeds="$root/fuzz/corpus/$target"
	artifacts="$root/fuzz/artifacts/$target"
	mkdir -p "$artifacts"
	if $seeds_only; then
		work=$(mktemp -d)
	else
		work="$found_dir/$target"
		mkdir -p "$work"
	fi
	case "$target" in
	# A block of 256 calls on a debug build may take seconds; a decoder's input, milliseconds.
	runtime) limits=(-timeout=60 -rss_limit_mb=2048 -max_len=65536) ;;
	*) limits=(-timeout=10 -rss_limit_mb=1024 -max_len=1048576) ;;
	esac
	# From the seeds alone, libFuzzer's own randomness is fixed too, so that a run on one machine
	# mutates as a run on another (within the time each gets).
	log="$CARGO_TARGET_DIR/fuzz-$target.log"
	echo "fuzz: $target for ${seconds} s, $jobs process(es), from $(find "$seeds" -type f | wc -l) seeds$($seeds_only || echo " and $(find "$work" -type f | wc -l) inputs found before") (log: $log)"
	# FUZZ_JOBS processes on one corpus directory, each taking in what the others add to it
	# (libFuzzer reloads it every second), each logging to a file of this run's own.
	logs=$(mktemp -d)
	pids=()
	for ((n = 1; n <= jobs; n++)); do
		seed=()
		$seeds_only && seed=(-seed="$n")
		"$binary" "$work" "$seeds" -max_total_time="$seconds" -print_final_stats=1 -reload=1 \
			-artifact_prefix="$artifacts/" "${limits[@]}" "${seed[@]}" "${engine_options[@]}" >"$logs/$n" 2>&1 &
		pids+=($!)
	done
	status=0
	for pid in "${pids[@]}"; do
		wait "$pid" || { code=$?; [ "$status" -ne 0 ] || status=$code; }
	done
	cat "$logs"/* >"$log" && rm -rf "$logs"
	$seeds_only && rm -rf "$work"
	total() { sed -n "s/^stat::$1: *//p" "$log" | awk '{ sum += $1 } END { print sum + 0 }'; }
	executions=$(total number_of_executed_units)
	per_second=$(total average_exec_per_sec)
	peak_rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | sort -n | tail -1)
	coverage=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | sort -t' ' -k2 -n | tail -1 || true)
	crash=$(grep -oE "Test unit written to [^ ]+" "$log" | tail -1 | sed 's/Test unit written to //' || true)
	if [ "$status" -eq 72 ] && [ -z "$crash" ]; then
		# libFuzzer's exit when interrupted (Ctrl-C, SIGTERM): what it ran still counts.
		failed=true
		summary+=("$(printf '%-8s interrupted after %s executions' "$target" "${executions:-?}")")
	elif [ "$status" -ne 0 ] || [ -n "$crash" ]; then
		failed=true
		summary+=("$(printf '%-8s FAILED (exit %s) after %s executions: %s' "$target" "$status" "${executions:-?}" "${crash:-see the log}")")
		echo "fuzz: $target failed; the end of its log ($log):" >&2
		tail -40 "$log" >&2
	else
		summary+=("$(printf '%-8s %10s executions %8s/s  %-34s peak %s MB  no crash' "$target" "${executions:-?}" "${per_second:-?}" "${coverage:-?}" "${peak_rss:-?}")")
	fi
done
echo
echo "fuzz: results (cov = code edges reached, ft = features, corp = corpus size)"
printf '  %s\n' "${summary[@]}"
if $failed; then
	echo "fuzz: a target crashed: its input is in fuzz/artifacts/; see docs/FUZZING.md for replaying it" >&2
	exit 1
fi
