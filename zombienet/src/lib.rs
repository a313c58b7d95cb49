//! # Genochain on zombienet
//!
//! Real networks on this machine, with zombienet-sdk's native provider: a rococo-local relay
//! chain of two validators (`polkadot` built by `make zombienet-bins`) and Genochain (para 2000)
//! with two collators (`genochain-node` from `make build`), started from the committed
//! `chain-specs/local.json`; in the `xcm` network also the consumer parachain (para 2001,
//! `consumer-runtime/`) with HRMP channels both ways from genesis.
//!
//! - [`networks`]: the two network definitions.
//! - [`TestNetwork`]: one run of a network for a test: its directory, bounded waits, and cleanup
//!   — every process it started is stopped whatever happens, and the node logs are kept when the
//!   test fails.
//! - [`chain`]: talking to the nodes (subxt, dynamic calls) and killing one.
//! - [`steps`]: steps of the journeys that more than one test takes.
//!
//! The tests are under `tests/`; `make zombienet` runs them one at a time. `zombienet-up`
//! (`make zombienet-up NETWORK=local|xcm`) starts a network and keeps it running.

pub mod calls;
pub mod chain;
pub mod networks;
mod run;
pub mod steps;

pub use run::TestNetwork;

use anyhow::{ensure, Context, Result};
use std::path::{Path, PathBuf};

/// The repository's root directory.
pub fn repo_root() -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

fn home_cache() -> PathBuf {
	Path::new(&std::env::var_os("HOME").unwrap_or_default()).join(".cache/genochain")
}

/// The shared Cargo target directory (`$CARGO_TARGET_DIR`, as the Makefile sets it).
pub fn target_dir() -> PathBuf {
	std::env::var_os("CARGO_TARGET_DIR")
		.map(PathBuf::from)
		.unwrap_or_else(|| home_cache().join("target"))
}

/// The programs a network runs.
#[derive(Clone, Debug)]
pub struct Binaries {
	/// The relay chain node; its PVF workers lie beside it.
	pub polkadot: PathBuf,
	/// `genochain-node`, which runs Genochain's and the consumer's collators.
	pub node: PathBuf,
}

impl Binaries {
	/// Finds the binaries, or says which is missing and how to build it.
	pub fn locate() -> Result<Self> {
		let bin_dir = std::env::var_os("GENOCHAIN_BIN_DIR")
			.map(PathBuf::from)
			.unwrap_or_else(|| home_cache().join("bin"));
		for binary in ["polkadot", "polkadot-prepare-worker", "polkadot-execute-worker"] {
			let path = bin_dir.join(binary);
			ensure!(
				path.is_file(),
				"the relay chain binary {} is missing: run `make zombienet-bins`",
				path.display()
			);
		}
		let node = std::env::var_os("GENOCHAIN_NODE")
			.map(PathBuf::from)
			.unwrap_or_else(|| target_dir().join("debug/genochain-node"));
		ensure!(
			node.is_file(),
			"genochain-node is missing at {}: run `make build`",
			node.display()
		);
		Ok(Self { polkadot: bin_dir.join("polkadot"), node })
	}
}

/// The consumer runtime's wasm, as `cargo build -p genochain-consumer-runtime` leaves it.
pub fn consumer_wasm() -> Result<PathBuf> {
	let wasm = target_dir().join(
		"debug/wbuild/genochain-consumer-runtime/genochain_consumer_runtime.compact.compressed.wasm",
	);
	ensure!(
		wasm.is_file(),
		"the consumer runtime is not built at {}: run `cargo build -p genochain-consumer-runtime` \
		 (`make zombienet` does)",
		wasm.display()
	);
	Ok(wasm)
}

/// Writes the consumer's chain spec (preset `local_testnet`, para 2001) to `path` with the node's
/// `chain-spec-builder`.
pub fn consumer_chain_spec(binaries: &Binaries, path: &Path) -> Result<()> {
	let wasm = consumer_wasm()?;
	let output = std::process::Command::new(&binaries.node)
		.arg("chain-spec-builder")
		.arg("--chain-spec-path")
		.arg(path)
		.args(["create", "--chain-name", "Genochain Consumer Local", "--chain-id"])
		.args(["genochain_consumer_local", "-t", "local", "--relay-chain", "rococo-local"])
		.args(["--para-id", &networks::CONSUMER_PARA_ID.to_string(), "--runtime"])
		.arg(&wasm)
		.args(["named-preset", "local_testnet"])
		.output()
		.with_context(|| format!("running {}", binaries.node.display()))?;
	ensure!(
		output.status.success() && path.is_file(),
		"chain-spec-builder could not write the consumer's chain spec from {}: {}",
		wasm.display(),
		String::from_utf8_lossy(&output.stderr)
	);
	Ok(())
}

/// Builds the chain specs of consortium file `file` into `dir` with `genochain-node
/// consortium-spec`, as an operator does (docs/OPERATORS.md), and returns the raw one's path.
pub fn consortium_chain_spec(binaries: &Binaries, file: &Path, dir: &Path) -> Result<PathBuf> {
	let output_dir = dir.join("consortium-spec");
	std::fs::create_dir_all(&output_dir)
		.with_context(|| format!("creating {}", output_dir.display()))?;
	let output = std::process::Command::new(&binaries.node)
		.arg("consortium-spec")
		.arg(file)
		.arg("--output-dir")
		.arg(&output_dir)
		.output()
		.with_context(|| format!("running {}", binaries.node.display()))?;
	ensure!(
		output.status.success(),
		"genochain-node consortium-spec {} failed: {}",
		file.display(),
		String::from_utf8_lossy(&output.stderr)
	);
	let raw = std::fs::read_dir(&output_dir)?
		.filter_map(|entry| entry.ok().map(|entry| entry.path()))
		.find(|path| path.to_string_lossy().ends_with("-raw.json"));
	raw.with_context(|| format!("consortium-spec wrote no raw spec into {}", output_dir.display()))
}

/// A genome's fingerprint as the `genochain` CLI makes it: only this leaves the subject's machine.
#[derive(Clone, Copy, Debug)]
pub struct Fingerprint {
	/// The Merkle root, anchored on chain.
	pub root: [u8; 32],
	/// How many variant leaves it commits to.
	pub leaf_count: u32,
}

impl Fingerprint {
	/// Fingerprints the CLI's sample VCF under a new secret, in `dir`.
	pub fn of_sample(dir: &Path) -> Result<Self> {
		let cli = target_dir().join("debug/genochain");
		ensure!(
			cli.is_file(),
			"the genochain CLI is missing at {}: run `make build`",
			cli.display()
		);
		let run = |args: &[&std::ffi::OsStr]| -> Result<String> {
			let output = std::process::Command::new(&cli).args(args).output()?;
			ensure!(
				output.status.success(),
				"genochain {args:?}: {}",
				String::from_utf8_lossy(&output.stderr)
			);
			Ok(String::from_utf8(output.stdout)?)
		};
		let secret = dir.join("subject.secret");
		let index = dir.join("subject.gnx");
		let vcf = repo_root().join("cli/tests/fixtures/sample.vcf.gz");
		run(&["secret".as_ref(), "new".as_ref(), secret.as_os_str()])?;
		let json = run(&[
			"fingerprint".as_ref(),
			vcf.as_os_str(),
			"--secret".as_ref(),
			secret.as_os_str(),
			"--index".as_ref(),
			index.as_os_str(),
			"--json".as_ref(),
		])?;
		let json: serde_json::Value = serde_json::from_str(&json)?;
		let root = json["root"]
			.as_str()
			.and_then(|hex| hex::decode(hex.trim_start_matches("0x")).ok())
			.and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
			.with_context(|| format!("no 32-byte root in the CLI's output {json}"))?;
		let leaf_count = json["leaf_count"]
			.as_u64()
			.and_then(|count| u32::try_from(count).ok())
			.with_context(|| format!("no leaf count in the CLI's output {json}"))?;
		Ok(Self { root, leaf_count })
	}
}
