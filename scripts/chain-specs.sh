#!/usr/bin/env bash
# Regenerates the committed chain specs from the runtime's genesis presets, through the node's
# own `--chain dev|local` loader: chain-specs/{dev,local}.json (plain: the genesis as a readable
# preset patch) and chain-specs/{dev,local}-raw.json (raw storage, what nodes and zombienet use).
#
# usage: scripts/chain-specs.sh [path/to/genochain-node]     (`make chain-specs` passes it)
#
# A test (node/src/chain_spec.rs) fails when these files no longer match the runtime.
set -euo pipefail
cd "$(dirname "$0")/.."
node=${1:-${CARGO_TARGET_DIR:-$HOME/.cache/genochain/target}/debug/genochain-node}
[ -x "$node" ] || { echo "chain-specs: no genochain-node at $node: run 'make build' first" >&2; exit 1; }

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for chain in dev local; do
	# build-spec is deprecated upstream in favour of chain-spec-builder, but it is the command that
	# goes through our `--chain` loader and so writes exactly the specs the node starts from.
	"$node" build-spec --chain "$chain" --disable-default-bootnode 2>/dev/null >"$out/$chain.json"
	"$node" build-spec --chain "$chain" --disable-default-bootnode --raw 2>/dev/null >"$out/$chain-raw.json"
done
# Written only when all four succeeded: never a half-updated set.
mkdir -p chain-specs
mv "$out"/*.json chain-specs/
echo "chain-specs: regenerated $(ls chain-specs | tr '\n' ' ')"
