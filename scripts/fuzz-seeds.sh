#!/usr/bin/env bash
# Writes the committed seed corpora of the fuzz targets (fuzz/corpus/), from which every fuzzing
# run starts (docs/FUZZING.md):
#   runtime  call sequences a user of each kind would make, every call of Genochain's pallets
#            among them (genochain-fuzz-seeds);
#   vcf      the CLI's VCF and BCF test files, each read in the three modes (a leading byte);
#   proof    real proofs of inclusion and absence, schemes v1 and v2, made by `genochain prove`
#            from the CLI's sample, in the proof target's three forms (a leading byte).
# Run it after a change of the input formats; it needs the workspace built (`make build`).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/genochain/target}"
bin="$CARGO_TARGET_DIR/debug"
fixtures=cli/tests/fixtures

SKIP_WASM_BUILD=1 cargo build --locked -p genochain-fuzz --bin genochain-fuzz-seeds
SKIP_WASM_BUILD=1 cargo build --locked -p genochain-cli
rm -rf fuzz/corpus/runtime fuzz/corpus/vcf fuzz/corpus/proof
mkdir -p fuzz/corpus/runtime fuzz/corpus/vcf fuzz/corpus/proof


# The mode byte: 0 as written (v1), 1 minimal (v2), 2 left-aligned against the fixture reference.
for file in sample.vcf sample.vcf.gz sample.plain.vcf.gz sample.bcf indel_as_written_by_lab_a.vcf \
	duplicated.vcf no_assembly.vcf; do
	for mode in 0 1 2; do
		{ printf "\\x0$mode"; cat "$fixtures/$file"; } >"fuzz/corpus/vcf/$mode-$file"
	done
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for scheme in v1 v2; do
	"$bin/genochain" fingerprint "$fixtures/sample.vcf" --secret "$fixtures/donor.secret" \
		--scheme "$scheme" --index "$work/$scheme.gnx" >/dev/null
	for variant in 17:43045712:A:G 17:43045713:A:G; do
		"$bin/genochain" prove "$work/$scheme.gnx" --secret "$fixtures/donor.secret" \
			--variant "$variant" --disclose-neighbours --output "$work/proof.json" 2>/dev/null
		name="$scheme-${variant//:/-}"
		# The proof target's forms: 0 the SCALE proof after its scheme, leaf count and root;
		# 2 the proof file after its root.
		python3 - "$work/proof.json" "$scheme" "fuzz/corpus/proof/$name" <<'PY'
import json, struct, sys
proof = json.load(open(sys.argv[1]))
scheme = 0 if sys.argv[2] == "v1" else 1
root = bytes.fromhex(proof["root"].removeprefix("0x"))
scale = bytes.fromhex(proof["proof"].removeprefix("0x"))
open(sys.argv[3] + ".scale", "wb").write(
    bytes([0, scheme]) + struct.pack("<I", proof["leaf_count"]) + root + scale)
open(sys.argv[3] + ".json", "wb").write(bytes([2]) + root + json.dumps(proof).encode())
PY
	done
done
# A batch proof: sample 1 of 3 under a batch root, with two siblings.
python3 - fuzz/corpus/proof/batch.scale <<'PY'
import sys
siblings = bytes([0x11]) * 32 + bytes([0x22]) * 32
proof = (1).to_bytes(4, "little") + bytes([2 << 2]) + siblings
open(sys.argv[1], "wb").write(
    bytes([1, 1]) + (3).to_bytes(4, "little") + bytes([0x33]) * 32 + bytes([0x44]) * 32 + proof)
PY
# Last: the runtime's seeds prove a variant with one of the proof seeds.
"$bin/genochain-fuzz-seeds" fuzz/corpus/runtime
echo "fuzz-seeds: $(find fuzz/corpus -type f | wc -l) seeds written under fuzz/corpus/"
