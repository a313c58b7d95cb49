#!/usr/bin/env bash
# Installs, only when missing, what Genochain needs to build (`setup.sh build`), and also to run
# the end-to-end tests (`setup.sh test`), the fuzzers (`setup.sh fuzz`) or the fingerprint
# benchmark (`setup.sh bench`); or only what the contributor portal needs (`setup.sh portal`).
# Safe to run again and again. When something cannot be installed from here it stops with one
# line saying what is missing and how to get it.
set -euo pipefail

purpose=${1:-build}
cd "$(dirname "$0")/.."

missing() { echo "setup: missing $1 — $2" >&2; exit 1; }

# Root runs apt-get directly; others need password-less sudo.
as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
	else return 1
	fi
}

apt_install() {
	local wanted=() package
	for package in "$@"; do
		dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
			wanted+=("$package")
	done
	[ ${#wanted[@]} -eq 0 ] && return 0
	command -v apt-get >/dev/null 2>&1 ||
		missing "${wanted[*]}" "install them with your system's package manager"
	echo "setup: installing ${wanted[*]}"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${wanted[@]}" >/dev/null ||
		missing "${wanted[*]}" "run: sudo apt-get install ${wanted[*]}"
}

# Node.js (>= 18) and the npm packages of `dir` as its lock file pins them, when they changed.
node_packages() {
	local dir=$1 what=$2
	if ! command -v npm >/dev/null 2>&1; then apt_install nodejs npm; fi
	local node_major
	node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
	[ "$node_major" -ge 18 ] || missing "Node.js >= 18 (found ${node_major})" "install a current Node.js"
	if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
		[ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
		echo "setup: installing $what (npm ci in $dir)"
		(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) ||
			missing "$what" "run: (cd $dir && npm ci) and read its error"
	fi
}

# The contributor portal is a static web app: Node.js builds and serves it.
if [ "$purpose" = portal ]; then
	node_packages portal "the portal's packages"
	exit 0
fi

# Native toolchain for the node: libclang for RocksDB bindings, protoc for libp2p.
apt_install clang libclang-dev protobuf-compiler

command -v rustup >/dev/null 2>&1 || missing rustup "install Rust with rustup (https://rustup.rs)"
installed_targets=$(rustup target list --installed)
# The runtime is compiled to wasm; wasm-builder prefers wasm32v1-none and falls back to
# wasm32-unknown-unknown with rust-src.
for target in wasm32-unknown-unknown wasm32v1-none; do
	grep -qx "$target" <<<"$installed_targets" || rustup target add "$target" ||
		missing "the Rust target $target" "run: rustup target add $target"
done
rustup component list --installed | grep -q '^rust-src' || rustup component add rust-src ||
	missing "the Rust component rust-src" "run: rustup component add rust-src"
rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt ||
	missing "the Rust component rustfmt" "run: rustup component add rustfmt"
# Clippy lints Genochain's crates as they compile (the Makefile's RUSTC_WORKSPACE_WRAPPER).
rustup component list --installed | grep -q '^clippy' || rustup component add clippy ||
	missing "the Rust component clippy" "run: rustup component add clippy"

# Disk: a build needs a few GB, and the dev node refuses to start with less than 1 GiB free.
# Incremental-compilation caches of Genochain's own crates pile up, one per checkout path and
# feature set (tens of GB after a few CI clones); those untouched for a day are only ever
# rebuilt, so they are dropped first, and if that is not enough, all of them: they only make
# rebuilds of Genochain's own crates faster, and the disk may be shared with other machines.
target_dir=${CARGO_TARGET_DIR:-$HOME/.cache/genochain/target}
mkdir -p "$target_dir"
free_gib() { df -P -B1G "$target_dir" | awk 'NR == 2 { print $4 }'; }
incremental=("$target_dir"/*/incremental)
if [ "$(free_gib)" -lt 8 ]; then
	echo "setup: less than 8 GiB free; removing incremental caches unused for a day"
	find "${incremental[@]}" -mindepth 1 -maxdepth 1 -mtime +0 -exec rm -rf {} + 2>/dev/null || true
fi
if [ "$(free_gib)" -lt 8 ]; then
	echo "setup: still less than 8 GiB free; removing every incremental cache"
	rm -rf "${incremental[@]}"
fi
[ "$(free_gib)" -ge 4 ] || missing "disk space: $(free_gib) GiB free next to $target_dir" \
	"free at least 4 GiB (old checkouts, other files on this disk)"

# The fingerprint benchmark compares against bcftools (Debian's) and pins runs with taskset.
if [ "$purpose" = bench ]; then
	apt_install bcftools util-linux python3
	exit 0
fi

# The fuzz targets link libFuzzer, which libfuzzer-sys compiles from its C++ sources (`make fuzz`,
# and its short run in `make test`).
if [ "$purpose" = test ] || [ "$purpose" = fuzz ]; then apt_install g++; fi
[ "$purpose" = test ] || exit 0

# The end-to-end journeys run on Node.js with @polkadot/api; the portal's test drives Debian's
# Chromium (playwright-core, never a browser of its own download) through the built portal.
node_packages e2e "the e2e test dependencies"
node_packages portal "the portal's packages"
apt_install chromium

# The gateway's tests run its catalogue on PostgreSQL (Debian's server, started and stopped by the
# tests themselves in a temporary directory) and its objects on an S3-compatible store (moto's
# server, from PyPI, likewise).
apt_install postgresql
if ! command -v moto_server >/dev/null 2>&1 && [ ! -x "$HOME/.cache/genochain/moto/bin/moto_server" ]; then
	command -v python3 >/dev/null 2>&1 || apt_install python3
	python3 -c 'import ensurepip' 2>/dev/null || apt_install python3-venv
	echo "setup: installing moto's S3 server (pip, into ~/.cache/genochain/moto)"
	python3 -m venv "$HOME/.cache/genochain/moto" &&
		"$HOME/.cache/genochain/moto/bin/pip" install --quiet 'moto[server]==5.2.1' ||
		missing "moto's S3 server" "run: python3 -m pip install 'moto[server]'"
fi

# The FHIR mapping is checked against FHIR R5's JSON schema and its own Consent examples: HL7's
# published packages hl7.fhir.r5.core and hl7.fhir.r5.examples 5.0.0 (npm registry), checked
# against these digests and unpacked into ~/.cache/genochain/fhir-r5, where the tests read them.
fhir_dir=${GENOCHAIN_FHIR_R5:-$HOME/.cache/genochain/fhir-r5}
if [ ! -f "$fhir_dir/fhir.schema.json" ] || [ ! -f "$fhir_dir/examples/Consent-consent-example-basic.json" ]; then
	echo "setup: fetching FHIR R5's schema and Consent examples (HL7's npm packages) into $fhir_dir"
	staging=$(mktemp -d)
	fetch_fhir() { # package, sha512 digest
		(cd "$staging" && npm pack --silent "$1@5.0.0" >/dev/null) &&
			[ "$(node -e 'const c = require("crypto"), fs = require("fs");
				console.log("sha512-" + c.createHash("sha512").update(fs.readFileSync(process.argv[1])).digest("base64"))' \
				"$staging/$1-5.0.0.tgz")" = "$2" ]
	}
	fetch_fhir hl7.fhir.r5.core \
		'sha512-0TvJB1KKtokn/P2mRwcqEY8v8RN8IE/pQjvtlsPaJdYaDfYx4UBhuY4afAGeQjW01p9SNYPphxAFFkEsS6P05A==' &&
		fetch_fhir hl7.fhir.r5.examples \
			'sha512-+fOu1d5DqAQMorvTVx0bYrnTPl+Z2YovBkLMcJf6E+jMh61+SbeAEWqzxyO/wE7LBots7hBXwy8tN7n6iBRjOw==' ||
		missing "FHIR R5's packages" "run: npm pack hl7.fhir.r5.core@5.0.0 and read its error"
	mkdir -p "$staging/out/examples" &&
		tar -xzf "$staging/hl7.fhir.r5.core-5.0.0.tgz" -C "$staging" package/openapi/fhir.schema.json &&
		tar -xzf "$staging/hl7.fhir.r5.examples-5.0.0.tgz" -C "$staging" --wildcards 'package/Consent-*.json' &&
		mv "$staging/package/openapi/fhir.schema.json" "$staging/out/" &&
		mv "$staging"/package/Consent-*.json "$staging/out/examples/" &&
		rm -rf "$fhir_dir" && mkdir -p "$(dirname "$fhir_dir")" && mv "$staging/out" "$fhir_dir" ||
		missing "FHIR R5's schema and examples" "cannot unpack them into $fhir_dir"
	rm -rf "$staging"
fi
