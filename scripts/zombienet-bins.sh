#!/usr/bin/env bash
# Builds the relay chain binaries the zombienet networks run — polkadot and its two PVF workers —
# from the crates.io `polkadot` crate that matches Genochain's SDK, into $GENOCHAIN_BIN_DIR
# (default $HOME/.cache/genochain/bin). Nothing is downloaded but the crate and its locked
# dependencies; nothing is built when the three binaries of this version are already there.
#
# The build is unoptimised except on the hot paths (zombienet/relay-profile.toml) and takes about
# an hour and a half cold on 2 cores; it shares Genochain's target directory, in a profile directory
# of its own (zombienet-relay), so an interrupted build resumes where it stopped, and that directory
# is removed once the binaries are installed.
set -euo pipefail
cd "$(dirname "$0")/.."

# polkadot 41.0.0 is stable2609's relay node: it depends on polkadot-cli 42.0.0, as Genochain's
# node does through polkadot-omni-node-lib (checked below against Cargo.lock).
POLKADOT_CRATE_VERSION=41.0.0
POLKADOT_CLI_VERSION=42.0.0
BINARIES=(polkadot polkadot-prepare-worker polkadot-execute-worker)

bin_dir=${GENOCHAIN_BIN_DIR:-$HOME/.cache/genochain/bin}
install_root=$(dirname "$bin_dir")
[ "$(basename "$bin_dir")" = bin ] ||
	{ echo "zombienet-bins: GENOCHAIN_BIN_DIR must end in /bin (cargo install --root puts binaries there)" >&2; exit 1; }
stamp="$bin_dir/.polkadot-crate-version"

locked_cli=$(awk '/^name = "polkadot-cli"$/ { getline; gsub(/version = |"/, ""); print }' Cargo.lock)
if [ "$locked_cli" != "$POLKADOT_CLI_VERSION" ]; then
	echo "zombienet-bins: Cargo.lock has polkadot-cli $locked_cli but polkadot $POLKADOT_CRATE_VERSION" \
		"is built on $POLKADOT_CLI_VERSION; update POLKADOT_CRATE_VERSION in $0 to the SDK's release" >&2
	exit 1
fi

up_to_date() {
	[ -f "$stamp" ] && [ "$(cat "$stamp")" = "$POLKADOT_CRATE_VERSION" ] || return 1
	local binary
	for binary in "${BINARIES[@]}"; do [ -x "$bin_dir/$binary" ] || return 1; done
}

if up_to_date; then
	echo "zombienet-bins: polkadot $POLKADOT_CRATE_VERSION is in $bin_dir"
	exit 0
fi

scripts/setup.sh build
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/genochain/target}"
free_gib=$(df -P -B1G "$CARGO_TARGET_DIR" | awk 'NR == 2 { print $4 }')
# An interrupted build resumes in its directory and needs less.
if [ ! -d "$CARGO_TARGET_DIR/zombienet-relay" ] && [ "$free_gib" -lt 13 ]; then
	echo "zombienet-bins: building polkadot needs about 12 GiB next to $CARGO_TARGET_DIR;" \
		"$free_gib GiB are free" >&2
	exit 1
fi
echo "zombienet-bins: building polkadot $POLKADOT_CRATE_VERSION into $bin_dir (about 90 minutes and 11 GB of disk cold)"
# Genochain's wasm-builder settings point at this workspace; the relay runtimes build their own.
unset WASM_BUILD_WORKSPACE_HINT WASM_BUILD_RUSTFLAGS SKIP_WASM_BUILD WASM_BUILD_TYPE
# Run outside the workspace so that its .cargo configuration and profiles stay out of the way.
profile_config=$(pwd)/zombienet/relay-profile.toml
(cd "$install_root" && cargo install polkadot --version "=$POLKADOT_CRATE_VERSION" --locked --force \
	--root "$install_root" --config "$profile_config" --profile zombienet-relay)

for binary in "${BINARIES[@]}"; do
	[ -x "$bin_dir/$binary" ] || { echo "zombienet-bins: $binary was not installed in $bin_dir" >&2; exit 1; }
done
echo "$POLKADOT_CRATE_VERSION" >"$stamp"
# The build directory (about 11 GB) only served to resume an interrupted build.
rm -rf "$CARGO_TARGET_DIR/zombienet-relay"
"$bin_dir/polkadot" --version
