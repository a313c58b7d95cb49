//! A `genochain-node --dev` started by the load tool itself (`--start-node`), by `make load`
//! and by the smoke test: on free loopback ports, its output in a log file, stopped when dropped.

use crate::{chain::Node, LoadError};
use std::{
	net::TcpListener,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

/// How long a node may take to answer after it starts (a debug build on a loaded machine takes
/// most of a minute).
const START_TIMEOUT: Duration = Duration::from_secs(300);

/// A running dev node.
pub struct DevNode {
	child: Child,
	/// How it was started: its binary and every argument.
	binary: PathBuf,
	arguments: Vec<String>,
	/// Its RPC address.
	pub url: String,
	/// Where its output goes.
	pub log: PathBuf,
}

/// The node binary: `$GENOCHAIN_NODE`, else the debug build in the shared target directory.
pub fn default_binary() -> PathBuf {
	if let Some(path) = std::env::var_os("GENOCHAIN_NODE") {
		return PathBuf::from(path);
	}
	std::env::var_os("CARGO_TARGET_DIR")
		.map(PathBuf::from)
		.unwrap_or_else(|| {
			PathBuf::from(std::env::var_os("HOME").unwrap_or_default())
				.join(".cache/genochain/target")
		})
		.join("debug/genochain-node")
}

fn free_port() -> Result<u16, LoadError> {
	TcpListener::bind("127.0.0.1:0")
		.and_then(|listener| listener.local_addr())
		.map(|address| address.port())
		.map_err(|e| LoadError::Usage(format!("no free port on 127.0.0.1: {e}")))
}

impl DevNode {
	/// Starts `binary --dev` with `arguments` (e.g. `--base-path DIR`, `--dev-block-time MS`),
	/// logging to `log`, and waits until its RPC endpoint answers as Genochain.
	pub async fn start(
		binary: &Path,
		arguments: &[String],
		log: &Path,
	) -> Result<(Self, Node), LoadError> {
		if !binary.is_file() {
			return Err(LoadError::Usage(format!(
				"{}: no node binary there; build it (make build) or set GENOCHAIN_NODE",
				binary.display()
			)));
		}
		let (rpc_port, p2p_port) = (free_port()?, free_port()?);
		let mut all: Vec<String> =
			["--dev", "--no-prometheus", "--no-hardware-benchmarks", "--no-mdns"]
				.map(Into::into)
				.into();
		all.extend([
			"--rpc-port".into(),
			rpc_port.to_string(),
			"--port".into(),
			p2p_port.to_string(),
		]);
		all.extend(arguments.iter().cloned());
		let child = spawn(binary, &all, log, false)?;
		let mut node = DevNode {
			child,
			binary: binary.into(),
			arguments: all,
			url: format!("ws://127.0.0.1:{rpc_port}"),
			log: log.into(),
		};
		let connection = node.answering().await?;
		Ok((node, connection))
	}

	/// Kills the node (SIGKILL), as a crash would, and starts it again with the same arguments:
	/// the same ports and, given `--base-path`, the same database. Its log goes on in the same
	/// file. Returns once it answers again.
	pub async fn crash_and_restart(&mut self) -> Result<(), LoadError> {
		self.kill();
		self.restart().await
	}

	/// Starts the node again after [`DevNode::kill`], as [`DevNode::crash_and_restart`] does.
	pub async fn restart(&mut self) -> Result<(), LoadError> {
		self.child = spawn(&self.binary, &self.arguments, &self.log, true)?;
		self.answering().await.map(drop)
	}

	/// The node's process id.
	pub fn pid(&self) -> u32 {
		self.child.id()
	}

	/// Waits until the node answers as Genochain.
	async fn answering(&mut self) -> Result<Node, LoadError> {
		let started = Instant::now();
		loop {
			if let Ok(Some(status)) = self.child.try_wait() {
				return Err(self.failure(&format!("the node stopped ({status})")));
			}
			match Node::connect(&self.url).await {
				Ok(connection) => return Ok(connection),
				Err(e) if started.elapsed() > START_TIMEOUT => {
					return Err(self.failure(&format!(
						"the node did not answer within {} s: {e}",
						START_TIMEOUT.as_secs()
					)))
				}
				Err(_) => tokio::time::sleep(Duration::from_millis(500)).await,
			}
		}
	}

	/// An error carrying the end of the node's log.
	fn failure(&self, problem: &str) -> LoadError {
		let log = std::fs::read_to_string(&self.log).unwrap_or_default();
		let lines: Vec<&str> = log.lines().collect();
		let tail = lines.get(lines.len().saturating_sub(20)..).unwrap_or_default().join("\n");
		LoadError::Node {
			url: self.url.clone(),
			problem: format!("{problem}; the end of its log ({}):\n{tail}", self.log.display()),
		}
	}

	/// Kills the node at once (SIGKILL), as a crash would, and waits for it to go.
	pub fn kill(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}
}

/// Starts `binary arguments`, its output to `log` (after what it holds, with `append`).
fn spawn(
	binary: &Path,
	arguments: &[String],
	log: &Path,
	append: bool,
) -> Result<Child, LoadError> {
	let file = std::fs::OpenOptions::new()
		.create(true)
		.write(true)
		.append(append)
		.truncate(!append)
		.open(log)
		.map_err(|e| {
			LoadError::Usage(format!("{}: cannot write the node's log: {e}", log.display()))
		})?;
	let errors =
		file.try_clone().map_err(|e| LoadError::Usage(format!("{}: {e}", log.display())))?;
	Command::new(binary)
		.args(arguments)
		.stdout(Stdio::from(file))
		.stderr(Stdio::from(errors))
		.spawn()
		.map_err(|e| LoadError::Usage(format!("cannot start {}: {e}", binary.display())))
}

impl Drop for DevNode {
	fn drop(&mut self) {
		self.kill();
	}
}
