#!/usr/bin/env bash
# Measures `make test` on this machine: once cold (empty target directory), once warm (again,
# unchanged), and prints the figures docs/BUILD.md records: wall time, peak memory and the size
# of the target directory.
#
# usage: scripts/measure-build.sh [TARGET_DIR]    (default: a new directory under /tmp; it is
#                                                  left in place for inspection — delete it after)
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-$(mktemp -d /tmp/genochain-measure-XXXXXX)}
[ -z "$(ls -A "$target" 2>/dev/null)" ] || { echo "measure: $target is not empty: a cold build needs an empty directory" >&2; exit 1; }
logs="$target.logs"
mkdir -p "$logs"

[ -x /usr/bin/time ] || { echo "measure: missing /usr/bin/time — run: sudo apt-get install time" >&2; exit 1; }
gib() { awk -v kib="$1" 'BEGIN{printf "%.1f", kib / 1048576}'; }

# Memory in use on the whole machine (MemTotal - MemAvailable), sampled every 2 s.
used_kib() { awk '/^MemTotal:/{t=$2} /^MemAvailable:/{a=$2} END{print t-a}' /proc/meminfo; }
baseline=$(used_kib)
(while sleep 2; do used_kib; done) >"$logs/memory.kib" &
sampler=$!
trap 'kill $sampler 2>/dev/null || true' EXIT

run() {
	local label=$1 start end
	start=$(date +%s)
	if ! CARGO_TARGET_DIR="$target" /usr/bin/time -v -o "$logs/$label.time" make test >"$logs/$label.log" 2>&1; then
		echo "measure: make test ($label) failed; see $logs/$label.log" >&2
		exit 1
	fi
	end=$(date +%s)
	local rss
	rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$logs/$label.time")
	printf '%-5s make test: %dm%02ds wall, largest process %s GiB RSS\n' "$label" \
		$(((end - start) / 60)) $(((end - start) % 60)) "$(gib "$rss")"
}

run cold
run warm
kill $sampler
peak=$(sort -n "$logs/memory.kib" | tail -1)
printf 'peak memory in use on the machine during the runs: %s GiB (%s GiB before)\n' \
	"$(gib "$peak")" "$(gib "$baseline")"
printf 'target directory: %s\n' "$(du -sh "$target" | cut -f1)"
echo "logs: $logs"
