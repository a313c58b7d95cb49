#!/usr/bin/env bash
# Runs a build beside a command that mostly waits (the e2e tests wait for blocks), so that the
# two cores are not idle meanwhile: the build at a lower priority, its output in LOG, shown when it
# fails. Waits for both, and fails if either failed.
#
# usage: scripts/beside.sh LOG 'BUILD COMMAND' -- COMMAND [ARGS...]
set -uo pipefail

[[ $# -ge 4 && "$3" == "--" ]] || { echo "usage: $0 LOG 'BUILD COMMAND' -- COMMAND [ARGS...]" >&2; exit 2; }
log=$1
build=$2
shift 3

mkdir -p "$(dirname "$log")"
echo "beside: building meanwhile, at a lower priority: $build (output: $log)"
nice -n 10 bash -euo pipefail -c "$build" >"$log" 2>&1 &
builder=$!

"$@"
status=$?

# Even when the command failed, the build is waited for: a build left running would hold cargo's
# lock on the target directory after make has stopped.
if wait "$builder"; then
	echo "beside: the build done: $build"
else
	echo "beside: the build failed: $build; its last lines ($log):" >&2
	tail -n 60 "$log" >&2
	status=1
fi
exit "$status"
