#!/usr/bin/env python3
"""Prints the weight of calls from generated weights files, as a Markdown table.

Arguments: FILE:FUNCTION or FILE:FUNCTION(d=23,b=2) for a call with components, ... (files
written with scripts/pallet-weight-template.hbs). The total adds the database accesses at RocksDB
weights (25 µs a read, 100 µs a write), as the runtime does.
"""
import re
import sys

READ_PS, WRITE_PS = 25_000_000, 100_000_000  # RocksDbWeight, in picoseconds


def weight_of(path, function, components):
    text = open(path).read()
    impl = text.split("impl<T: polkadot_sdk::frame_system::Config> WeightInfo for SubstrateWeight<T>")[1]
    body = re.search(r"fn %s\(.*?\n\t}" % re.escape(function), impl, re.S)
    if not body:
        sys.exit(f"weights-summary: no fn {function} in {path}")
    body = body.group(0)
    base, proof = (int(x.replace("_", "")) for x in
                   re.search(r"Weight::from_parts\(([\d_]+), ([\d_]+)\)", body).groups())
    for slope, name in re.findall(r"Weight::from_parts\(([\d_]+), 0\)\.saturating_mul\((\w+)\.into\(\)\)", body):
        if name not in components:
            sys.exit(f"weights-summary: give {function} a value for {name}, e.g. {function}({name}=1)")
        base += int(slope.replace("_", "")) * components[name]
    reads = sum(int(n) for n in re.findall(r"reads\((\d+)_u64\)", body))
    writes = sum(int(n) for n in re.findall(r"writes\((\d+)_u64\)", body))
    return base, reads, writes, proof


print("| call | execution | reads | writes | total ref time | proof size |")
print("| --- | --- | --- | --- | --- | --- |")
for arg in sys.argv[1:]:
    path, call = arg.rsplit(":", 1)
    function, _, given = call.partition("(")
    components = {k: int(v) for k, v in (pair.split("=") for pair in given.rstrip(")").split(",") if pair)}
    base, reads, writes, proof = weight_of(path, function, components)
    total = base + reads * READ_PS + writes * WRITE_PS
    print(f"| `{call}` | {base / 1e6:.1f} µs | {reads} | {writes} | {total / 1e6:.1f} µs | {proof} B |")
