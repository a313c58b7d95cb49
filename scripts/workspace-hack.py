#!/usr/bin/env python3
"""Writes workspace-hack/Cargo.toml: the features the workspace build gives third-party crates,
requested again for the crates that `make test` builds on their own (see that file's header).

`make test` builds some crates outside the workspace's feature resolution: the pallets and the
runtime with `try-runtime` or `runtime-benchmarks`, the fuzz targets. Cargo resolves the features
of each such build from its own crates only, so a dependency deep in the tree (serde, syn, sp-core)
can get other features than the workspace build gave it, and then it and everything above it is
compiled again: hundreds of crates that nothing in those builds needs to differ. The hack crate,
a dev-dependency of those crates, requests the workspace's features for every third-party crate
whose features would differ, so those builds reuse the workspace build's artifacts; only the
crates that truly differ (those with `try-runtime` or `runtime-benchmarks`, and what depends on
them) are compiled again.

usage: scripts/workspace-hack.py           rewrite workspace-hack/Cargo.toml (and Cargo.lock)
       scripts/workspace-hack.py --check   print what each build would compile beyond the
                                           workspace build's artifacts; exit 1 if the hack is stale

Needs `cargo --unit-graph`, an unstable flag (RUSTC_BOOTSTRAP=1 is set for it here). Run it after
changing dependencies or features; a stale hack only makes `make test` slower, never wrong.
"""
import collections
import hashlib
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HACK = os.path.join(ROOT, "workspace-hack", "Cargo.toml")
PALLETS = ["pallet-registry", "pallet-consent", "pallet-genome-anchor", "pallet-data-market",
           "pallet-redaction", "pallet-xcm-verifier", "pallet-verifier-client"]
# The builds of the Makefile's `test` target, in its order: the workspace build first, whose
# artifacts the others should reuse.
BUILDS = {
    "workspace": ["build", "--workspace", "--exclude", "genochain-fuzz", "--all-targets",
                  "--features", "genochain-consumer-runtime/native-only"],
    "workspace tests": ["test", "--workspace", "--exclude", "genochain-fuzz",
                        "--features", "genochain-consumer-runtime/native-only"],
    "pallet benchmarks": ["test", *sum((["-p", p] for p in PALLETS), []),
                          "--features", "runtime-benchmarks"],
    "pallets try-runtime": ["test", *sum((["-p", p] for p in PALLETS), []),
                            "--features", "try-runtime", "--lib"],
    "runtime try-runtime": ["test", "-p", "genochain-runtime", "--features", "try-runtime",
                            "--test", "try_runtime"],
    "fuzz harness": ["test", "-p", "genochain-fuzz"],
    "fuzz runtime target": ["build", "-p", "genochain-fuzz", "--features", "libfuzzer",
                            "--bin", "fuzz-runtime"],
    "fuzz decoder targets": ["build", "-p", "genochain-fuzz-decoders", "--features", "libfuzzer",
                             "--bin", "fuzz-vcf", "--bin", "fuzz-proof"],
}
# Features that make a crate differ on purpose between those builds.
PURPOSEFUL = {"try-runtime", "runtime-benchmarks"}


def cargo(*args):
    env = dict(os.environ, RUSTC_BOOTSTRAP="1",
               CARGO_TARGET_DIR=os.path.join(tempfile.gettempdir(), "genochain-unit-graph"))
    done = subprocess.run(["cargo", *args], cwd=ROOT, env=env, check=False, text=True,
                          stdout=subprocess.PIPE)
    if done.returncode != 0:
        sys.exit(f"workspace-hack: cargo {' '.join(args)} failed")
    return done.stdout


class Graph:
    """One build's units, each with a key equal where cargo would reuse the artifact."""

    def __init__(self, args):
        units = json.loads(cargo(*args, "--locked", "--unit-graph", "-Z", "unstable-options"))["units"]
        self.units = units
        self.keys = {}
        for index in range(len(units)):
            self._key(index)
        # Cargo resolves the features of build scripts, proc macros and what they depend on (host
        # units) apart from those of ordinary dependencies; a unit can be both.
        self.host = self._reach(i for i, u in enumerate(units) if self._is_host_root(u))
        depended = {d["index"] for u in units for d in u["dependencies"]}
        self.normal = self._reach((i for i in range(len(units)) if i not in depended), skip_host=True)

    @staticmethod
    def _is_host_root(unit):
        kind = unit["target"]["kind"]
        return "proc-macro" in kind or (unit["mode"] == "build" and "custom-build" in kind)

    def _reach(self, roots, skip_host=False):
        reached, stack = set(), list(roots)
        while stack:
            index = stack.pop()
            if index in reached or (skip_host and self._is_host_root(self.units[index])):
                continue
            reached.add(index)
            stack.extend(d["index"] for d in self.units[index]["dependencies"])
        return reached

    def _key(self, index):
        if index in self.keys:
            return self.keys[index]
        unit = self.units[index]
        # Cargo's artifact hash leaves out the profile's name (dev and test share artifacts).
        profile = {k: v for k, v in unit["profile"].items() if k != "name"}
        deps = sorted(self._key(d["index"]) for d in unit["dependencies"])
        key = hashlib.sha256(json.dumps(
            [unit["pkg_id"], unit["target"]["name"], unit["target"]["kind"], unit["mode"],
             sorted(unit["features"]), profile, unit["platform"], deps]).encode()).hexdigest()
        self.keys[index] = key
        return key


def package(pkg_id):
    """(name, version) of a unit's package id, e.g. registry+…#serde@1.0.229."""
    name, _, version = pkg_id.rsplit("#", 1)[-1].partition("@")
    if not version:  # path packages: path+file:///…/name#0.1.0
        version = name
        name = pkg_id.rsplit("#", 1)[0].rsplit("/", 1)[-1]
    return name, version


def analyse():
    graphs = {label: Graph(args) for label, args in BUILDS.items()}
    metadata = json.loads(cargo("metadata", "--format-version", "1", "--locked"))
    purposeful = {(p["name"], p["version"]) for p in metadata["packages"]
                  if PURPOSEFUL & set(p["features"]) or p["source"] is None}
    # A crate must differ where it, or something it depends on, has a purposeful feature.
    tainted = set()
    for graph in graphs.values():
        memo = {}

        def taint(index):
            if index not in memo:
                memo[index] = False
                unit = graph.units[index]
                memo[index] = package(unit["pkg_id"]) in purposeful or any(
                    taint(d["index"]) for d in unit["dependencies"])
            return memo[index]

        for index, unit in enumerate(graph.units):
            if taint(index):
                tainted.add(package(unit["pkg_id"]))
    # The features each third-party library has in each build, as an ordinary or a host dependency.
    features = collections.defaultdict(lambda: collections.defaultdict(set))
    for label, graph in graphs.items():
        for index, unit in enumerate(graph.units):
            kind = unit["target"]["kind"]
            if unit["mode"] != "build" or not ({"lib", "rlib", "proc-macro"} & set(kind)):
                continue
            name = package(unit["pkg_id"])
            if name in tainted:
                continue
            for side, reached in (("host", graph.host), ("normal", graph.normal)):
                if index in reached:
                    features[(name, side)][label].add(tuple(sorted(unit["features"])))
    return graphs, features


def fresh(graphs):
    """Per build after the first, the units it compiles that no earlier build did."""
    seen, report = set(), {}
    for label, graph in graphs.items():
        new = [unit for index, unit in enumerate(graph.units)
               if graph.keys[index] not in seen
               and unit["mode"] not in ("run-custom-build", "doctest")]
        report[label] = new
        seen.update(graph.keys.values())
    return report


def write(requests):
    def table(side):
        lines = []
        for (name, version, entry_side), feats in sorted(requests.items()):
            if entry_side != side:
                continue
            alias = f"{name}-{version.replace('.', '_')}"
            listed = ", ".join(f'"{f}"' for f in sorted(feats))
            lines.append(f'{alias} = {{ package = "{name}", version = "={version}", '
                         f'default-features = false, features = [{listed}] }}')
        return "\n".join(lines)

    with open(HACK) as current:
        header = current.read().split("[dependencies]", 1)[0]
    with open(HACK, "w") as out:
        out.write(header + "[dependencies]\n" + table("normal") + "\n\n[build-dependencies]\n"
                  + table("host") + "\n")
    # Record the new edges in Cargo.lock; the exact versions keep every locked version.
    cargo("metadata", "--format-version", "1", "--offline")


def differing(features):
    """Each crate whose features differ between builds, with the union of them."""
    for (name, side), by_build in sorted(features.items()):
        sets = {s for sets in by_build.values() for s in sets}
        if len(sets) > 1:
            yield (*name, side), {f for s in sets for f in s}


def report(graphs):
    for label, units in list(fresh(graphs).items())[1:]:
        print(f"{label:22} {len(units):4} units compiled beyond the earlier builds'")


def main():
    if sys.argv[1:] not in ([], ["--check"]):
        sys.exit(__doc__)
    if sys.argv[1:] == ["--check"]:
        graphs, features = analyse()
        report(graphs)
        stale = list(differing(features))
        for (name, version, side), _ in stale:
            print(f"  differs: {name} {version} ({side})")
        sys.exit(1 if stale else 0)
    # From no requests, add each round's differences (a request can pull a crate into a build
    # that lacked it, with features of its own) until the builds agree.
    requests = {}
    write(requests)
    for _ in range(10):
        graphs, features = analyse()
        grown = False
        for entry, union in differing(features):
            if not union <= requests.get(entry, set()):
                requests[entry] = requests.get(entry, set()) | union
                grown = True
        if not grown:
            break
        write(requests)
    else:
        sys.exit("workspace-hack: the builds did not agree after 10 rounds")
    report(graphs)
    print(f"workspace-hack: {len(requests)} crates pinned to the workspace's features")


if __name__ == "__main__":
    main()
