//! One run of a network: where it lives, and stopping everything it started.

use crate::{
	chain,
	networks::{self, Kind},
	repo_root, Binaries,
};
use anyhow::{anyhow, Context, Result};
use std::{
	path::{Path, PathBuf},
	time::{Duration, Instant},
};
use zombienet_sdk::{LocalFileSystem, Network, NetworkConfigExt, NetworkNode};

/// How long a network may take to come up, its nodes answering RPC.
const SPAWN_TIMEOUT: Duration = Duration::from_secs(900);

/// A running network and its directory, `zombienet/.runs/<name>/`: the chain specs, and one
/// sub-directory per node with its database, keystore and log, `<node>/<node>.log`.
///
/// [`TestNetwork::finish`] stops every node and removes the directory if the test passed; if it
/// failed, or panicked (then `Drop` stops the nodes), the directory stays for its logs.
pub struct TestNetwork {
	name: String,
	run_dir: PathBuf,
	network: Option<Network<LocalFileSystem>>,
	started: Instant,
}

impl TestNetwork {
	/// The directory of run `name`.
	pub fn run_dir(name: &str) -> PathBuf {
		repo_root().join("zombienet/.runs").join(name)
	}

	/// Starts network `kind` for run `name`, in a fresh directory.
	pub async fn spawn(name: &str, kind: Kind) -> Result<Self> {
		let binaries = Binaries::locate()?;
		let run_dir = Self::run_dir(name);
		if run_dir.exists() {
			chain::kill_processes_under(&run_dir);
			std::fs::remove_dir_all(&run_dir)
				.with_context(|| format!("removing the last run's {}", run_dir.display()))?;
		}
		std::fs::create_dir_all(&run_dir)
			.with_context(|| format!("creating {}", run_dir.display()))?;
		let config = networks::config(kind, &binaries, &run_dir)?;
		let spawning = Instant::now();
		let network = tokio::time::timeout(SPAWN_TIMEOUT, config.spawn_native())
			.await
			.map_err(|_| anyhow!("the {kind:?} network did not come up in {SPAWN_TIMEOUT:?}"))
			.and_then(|spawned| spawned.map_err(|error| anyhow!("{error}")));
		let network = match network {
			Ok(network) if kind == Kind::Xcm => {
				match networks::open_hrmp_channels(&network).await {
					Ok(()) => Ok(network),
					Err(error) => Err(error),
				}
			}
			other => other,
		};
		let network = match network {
			Ok(network) => network,
			Err(error) => {
				chain::kill_processes_under(&run_dir);
				return Err(error.context(format!(
					"starting the {kind:?} network; node logs: {}/<node>/<node>.log",
					run_dir.display()
				)));
			}
		};
		println!(
			"[{name}] {kind:?} network up in {:.0?}, in {}",
			spawning.elapsed(),
			run_dir.display()
		);
		Ok(Self { name: name.to_owned(), run_dir, network: Some(network), started: Instant::now() })
	}

	/// The network.
	pub fn network(&self) -> &Network<LocalFileSystem> {
		// Only `finish` takes the network, and it consumes `self`.
		self.network.as_ref().expect("the network runs until `finish`")
	}

	/// Node `name`.
	pub fn node(&self, name: &str) -> Result<&NetworkNode> {
		self.network().get_node(name)
	}

	/// The run's directory.
	pub fn dir(&self) -> &Path {
		&self.run_dir
	}

	/// Stops every node; keeps the logs if `outcome` is an error, naming them in it.
	pub async fn finish<T>(mut self, outcome: Result<T>) -> Result<T> {
		if let Some(network) = self.network.take() {
			if let Err(error) = network.destroy().await {
				eprintln!("[{}] stopping the network: {error}", self.name);
			}
		}
		chain::kill_processes_under(&self.run_dir);
		let elapsed = self.started.elapsed();
		// Every process of the run must be gone, whatever the outcome.
		let outcome = match (outcome, self.wait_all_stopped().await) {
			(Ok(value), Ok(())) => Ok(value),
			(Ok(_), Err(error)) | (Err(error), _) => Err(error),
		};
		match outcome {
			Ok(value) => {
				println!("[{}] passed {elapsed:.0?} after the network was up", self.name);
				if let Err(error) = std::fs::remove_dir_all(&self.run_dir) {
					eprintln!(
						"[{}] could not remove {}: {error}",
						self.name,
						self.run_dir.display()
					);
				}
				Ok(value)
			}
			Err(error) => Err(error.context(format!(
				"[{}] failed {elapsed:.0?} after the network was up; node logs: {}/<node>/<node>.log",
				self.name,
				self.run_dir.display()
			))),
		}
	}
}

impl TestNetwork {
	async fn wait_all_stopped(&self) -> Result<()> {
		let deadline = Instant::now() + Duration::from_secs(30);
		loop {
			let left = chain::processes_under(&self.run_dir);
			if left.is_empty() {
				return Ok(());
			}
			if Instant::now() > deadline {
				let pids: Vec<i32> = left.iter().map(|(pid, _)| *pid).collect();
				return Err(anyhow!("processes of the run still running after SIGKILL: {pids:?}"));
			}
			chain::kill_processes_under(&self.run_dir);
			tokio::time::sleep(Duration::from_millis(200)).await;
		}
	}
}

impl Drop for TestNetwork {
	fn drop(&mut self) {
		if self.network.is_some() {
			chain::kill_processes_under(&self.run_dir);
			eprintln!(
				"[{}] stopped without finishing; node logs: {}/<node>/<node>.log",
				self.name,
				self.run_dir.display()
			);
		}
	}
}
