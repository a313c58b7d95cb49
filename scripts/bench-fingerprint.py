#!/usr/bin/env python3
"""Measures `genochain fingerprint` on a synthetic whole genome against bcftools, and prints the
figures next to the goals of the fingerprint scheme.

- time: `bcftools query -f '%CHROM\\t%POS\\t%REF\\t%ALT\\t[%GT]\\n' FILE | sha256sum` pinned to
  one core, next to `genochain fingerprint` (scheme v2) pinned to one core (`--threads 1`) and on
  every core, and scheme v1 on one core for reference, all on the same bgzipped VCF, in the same
  run; best of five runs each (goals for v2: one core ≤ 0.6 × bcftools, two cores ≤ 0.35 ×);
- peak memory of `genochain fingerprint` (goal: < 1 GB);
- the size of a v2 inclusion proof from that genome;
- the generated weight of a v2 `prove_variant` at depth 23 for an SNV (goal: ≤ 30 µs ref time),
  as weighed on this machine and as estimated on the reference hardware with the scale
  `make weights` recorded in docs/WEIGHTS.md.

Usage: scripts/bench-fingerprint.py [--records N]   (via `make bench-fingerprint`)
The genome is generated once into ~/.cache/genochain/bench (scripts/synthetic-genome.py).
"""
import argparse
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/genochain/target"))
CACHE = os.path.expanduser("~/.cache/genochain/bench")
QUERY = "%CHROM\\t%POS\\t%REF\\t%ALT\\t[%GT]\\n"
RUNS = 5


def run_pinned(command, shell=False, cores="0"):
    """Runs `command` on `cores` (core 0 by default) and returns (seconds, peak RSS in bytes)."""
    pinned = ["taskset", "-c", cores] + (["bash", "-o", "pipefail", "-c", command] if shell else command)
    start = time.perf_counter()
    process = subprocess.Popen(pinned, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        sys.exit(f"bench: {' '.join(pinned)} failed: {process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss * 1024


def first_variant(path):
    """CHROM:POS:REF:ALT of the first record on chromosome 17."""
    with gzip.open(path, "rt") as vcf:
        for line in vcf:
            if line.startswith("chr17\t"):
                chrom, pos, _, ref, alt = line.split("\t")[:5]
                return f"{chrom}:{pos}:{ref}:{alt.split(',')[0]}"
    sys.exit("bench: the genome has no chromosome 17")


def prove_variant_weight(call, depth, bases):
    """Ref time (µs) of `call`(depth, bases) in the generated weights, with its reads."""
    text = open(os.path.join(ROOT, "pallets/genome-anchor/src/weights.rs")).read()
    impl = text.split("WeightInfo for SubstrateWeight<T>")[1]
    body = re.search(rf"fn {call}\(.*?\n\t}}", impl, re.S).group(0)
    base = int(re.search(r"Weight::from_parts\(([\d_]+),", body).group(1).replace("_", ""))
    slopes = dict((name, int(value.replace("_", ""))) for value, name in
                  re.findall(r"Weight::from_parts\(([\d_]+), 0\)\.saturating_mul\((\w)\.into\(\)\)", body))
    reads = sum(int(n) for n in re.findall(r"reads\((\d+)_u64\)", body))
    compute = base + slopes.get("d", 0) * depth + slopes.get("b", 0) * bases
    return compute / 1e6, reads


def reference_scale():
    """The factor from this machine's weights to the reference hardware, as `make weights` last
    measured it with its yardstick (docs/WEIGHTS.md), or None."""
    try:
        text = open(os.path.join(ROOT, "docs/WEIGHTS.md")).read()
    except FileNotFoundError:
        return None
    found = re.search(r"scale ([\d.]+)\.", text)
    return float(found.group(1)) if found else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=4_500_000)
    args = parser.parse_args()

    if not shutil.which("bcftools"):
        sys.exit("bench: bcftools is missing: apt-get install bcftools (make bench-fingerprint installs it)")
    genochain = os.path.join(TARGET, "release", "genochain")
    if not os.path.exists(genochain):
        sys.exit(f"bench: {genochain} is missing: cargo build --release -p genochain-cli")

    os.makedirs(CACHE, exist_ok=True)
    genome = os.path.join(CACHE, f"synthetic-genome-{args.records}.vcf.gz")
    if not os.path.exists(genome):
        print(f"bench: writing a synthetic genome of {args.records} records to {genome} (once)")
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts/synthetic-genome.py"), genome,
                        "--records", str(args.records)], check=True)

    cores = os.cpu_count() or 1
    all_cores = f"0-{cores - 1}"
    with tempfile.TemporaryDirectory() as work:
        secret = os.path.join(work, "bench.secret")
        subprocess.run([genochain, "secret", "new", secret], check=True, stderr=subprocess.DEVNULL)
        index = os.path.join(work, "genome.gnx")
        fingerprint = [genochain, "fingerprint", genome, "--secret", secret, "--index", index, "--json"]

        # The tools alternate, so that the machine's drift falls on all of them alike.
        runs = {"bcftools": [], "v2, one core": [], "v2, every core": [], "v1, one core": []}
        for _ in range(RUNS):
            runs["bcftools"].append(run_pinned(f"bcftools query -f '{QUERY}' {genome} | sha256sum", shell=True))
            runs["v2, one core"].append(run_pinned(fingerprint + ["--threads", "1"]))
            runs["v2, every core"].append(run_pinned(fingerprint, cores=all_cores))
            runs["v1, one core"].append(run_pinned(fingerprint + ["--scheme", "v1", "--threads", "1"]))
        report = json.loads(subprocess.run(fingerprint, check=True, capture_output=True).stdout)
        proof = json.loads(subprocess.run([genochain, "prove", index, "--secret", secret, "--variant",
                                           first_variant(genome)], check=True, capture_output=True).stdout)

    best = {name: min(t for t, _ in times) for name, times in runs.items()}
    peak = max(m for name, times in runs.items() if name != "bcftools" for _, m in times)
    bcftools_time = best["bcftools"]
    depth = max(1, (report["leaf_count"] - 1).bit_length())
    weight, reads = prove_variant_weight("prove_variant_v2_included", depth, 2)
    ok = lambda good: "met" if good else "MISSED"
    size = os.path.getsize(genome)
    goals = {"v2, one core": 0.6, "v2, every core": 0.35 if cores == 2 else None}
    print(f"genome: {report['records']} records, {report['leaf_count']} leaves, {size / 1e6:.0f} MB bgzipped; "
          f"{cores} cores; {report['variants_written']}")
    print("| figure | time | × bcftools | goal | |")
    print("| --- | --- | --- | --- | --- |")
    print(f"| bcftools query \\| sha256sum, one core | {bcftools_time:.2f} s | 1.00 × | | |")
    for name in ("v2, one core", "v2, every core", "v1, one core"):
        ratio = best[name] / bcftools_time
        goal = goals.get(name)
        verdict = f"≤ {goal:.2f} × | {ok(ratio <= goal)}" if goal else " | "
        print(f"| genochain fingerprint, {name} | {best[name]:.2f} s | {ratio:.2f} × | {verdict} |")
    print(f"| peak memory of genochain | {peak / 2**20:.0f} MiB | | < 1 GB | {ok(peak < 1e9)} |")
    print(f"| v2 inclusion proof of one SNV (SCALE) | {proof['proof_bytes']} B | | | |")
    print(f"| v2 prove_variant execution, depth {depth}, SNV, as weighed on this machine | {weight:.1f} µs "
          f"+ {reads} read | | ≤ 30 µs | {ok(weight <= 30)} |")
    scale = reference_scale()
    if scale:
        print(f"| the same on the reference hardware (× {scale:.3f}, docs/WEIGHTS.md) | {weight * scale:.1f} µs "
              f"+ {reads} read | | ≤ 30 µs | {ok(weight * scale <= 30)} |")


if __name__ == "__main__":
    main()
