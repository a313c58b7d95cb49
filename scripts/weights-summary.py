#!/usr/bin/env python3
"""Prints the weight of calls from generated weights files, as a Markdown table.

Arguments: [--reference SDK_FILE:FUNCTION] YARDSTICK_FILE:FUNCTION FILE:FUNCTION ... where
FUNCTION may give components, FUNCTION(d=23,b=2) (files written with
scripts/pallet-weight-template.hbs). The total adds the database accesses at RocksDB weights
(25 µs a read, 100 µs a write), as the runtime does.

Weights are measured on the machine that runs the benchmarks; ref time proper is time on the
Polkadot reference hardware. With --reference (the yardstick's weight as the SDK ships it,
measured on reference hardware), the table also estimates each execution time there: scaled by
the yardstick's reference time over its time on this machine.
"""
import re
import sys

READ_PS, WRITE_PS = 25_000_000, 100_000_000  # RocksDbWeight, in picoseconds


def weight_of(path, function, components):
    text = open(path).read()
    # Ours say polkadot_sdk::frame_system, the SDK's own frame_system.
    impl = re.split(r"impl<T: [\w:]*frame_system::Config> WeightInfo for SubstrateWeight<T>", text)[1]
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
    def accesses(kind):
        fixed = sum(int(n) for n in re.findall(r"%s\((\d+)_u64\)" % kind, body))
        per_component = sum(int(n) * components.get(name, 0) for n, name in re.findall(
            r"%s\(\((\d+)_u64\)\.saturating_mul\((\w+)\.into\(\)\)\)" % kind, body))
        return fixed + per_component

    return base, accesses("reads"), accesses("writes"), proof


args = sys.argv[1:]
reference = None
if args[:1] == ["--reference"]:
    reference, args = args[1], args[2:]


def parse(arg):
    path, call = arg.rsplit(":", 1)
    function, _, given = call.partition("(")
    components = {k: int(v) for k, v in (pair.split("=") for pair in given.rstrip(")").split(",") if pair)}
    return call, weight_of(path, function, components)


scale = None
if reference:
    _, (reference_time, _, _, _) = parse(reference)
    _, (yardstick_time, _, _, _) = parse(args[0])
    scale = reference_time / yardstick_time
    print(f"Yardstick `{args[0].rsplit(':', 1)[1]}`: {yardstick_time / 1e6:.1f} µs here, "
          f"{reference_time / 1e6:.1f} µs in the SDK's own weights (reference hardware): "
          f"scale {scale:.3f}.")
    print()

print("| call | execution | reads | writes | total ref time | proof size |" + (" execution on reference hardware (est.) |" if scale else ""))
print("| --- | --- | --- | --- | --- | --- |" + (" --- |" if scale else ""))
for arg in args:
    call, (base, reads, writes, proof) = parse(arg)
    total = base + reads * READ_PS + writes * WRITE_PS
    row = f"| `{call}` | {base / 1e6:.1f} µs | {reads} | {writes} | {total / 1e6:.1f} µs | {proof} B |"
    if scale:
        row += f" {base * scale / 1e6:.1f} µs |"
    print(row)
