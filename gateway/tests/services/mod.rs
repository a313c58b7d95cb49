//! Services the gateway's tests start and stop themselves: a throwaway PostgreSQL cluster
//! (Debian's server binaries) and moto's S3 server, each on a free loopback port in a temporary
//! directory, stopped when dropped.

#![allow(dead_code)]

use std::{
	net::{TcpListener, TcpStream},
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	time::{Duration, Instant},
};

/// A free TCP port on 127.0.0.1.
pub fn free_port() -> u16 {
	TcpListener::bind("127.0.0.1:0")
		.and_then(|listener| listener.local_addr())
		.map(|address| address.port())
		.expect("a free loopback port")
}

fn wait_for_port(port: u16, what: &str, log: &Path) {
	let deadline = Instant::now() + Duration::from_secs(60);
	while TcpStream::connect(("127.0.0.1", port)).is_err() {
		assert!(
			Instant::now() < deadline,
			"{what} did not listen on port {port} within 60 s; its log:\n{}",
			std::fs::read_to_string(log).unwrap_or_default()
		);
		std::thread::sleep(Duration::from_millis(100));
	}
}

/// Runs `command`, as the `postgres` user when the tests run as root (PostgreSQL refuses root).
fn as_postgres(program: &Path, root: bool) -> Command {
	if root {
		let mut command = Command::new("runuser");
		command.args(["-u", "postgres", "--"]).arg(program);
		command
	} else {
		Command::new(program)
	}
}

fn postgres_bin() -> PathBuf {
	if let Ok(dir) = std::env::var("GENOCHAIN_POSTGRES_BIN") {
		return dir.into();
	}
	let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
		.map(|dirs| dirs.filter_map(|dir| Some(dir.ok()?.path().join("bin"))).collect())
		.unwrap_or_default();
	versions.retain(|bin| bin.join("initdb").exists());
	versions.sort();
	versions.pop().unwrap_or_else(|| {
		panic!(
			"PostgreSQL's server is not installed (no /usr/lib/postgresql/*/bin/initdb): run \
			 scripts/setup.sh test, or set GENOCHAIN_POSTGRES_BIN"
		)
	})
}

/// A PostgreSQL cluster of its own.
pub struct Postgres {
	pub url: String,
	bin: PathBuf,
	data: PathBuf,
	root: bool,
	_dir: tempfile::TempDir,
}

impl Postgres {
	pub fn start() -> Self {
		let bin = postgres_bin();
		let dir = tempfile::tempdir().expect("a temporary directory");
		let data = dir.path().join("data");
		let root = nix_is_root();
		if root {
			let status = Command::new("chown")
				.args(["-R", "postgres:postgres"])
				.arg(dir.path())
				.status()
				.expect("chown");
			assert!(status.success(), "cannot hand {} to the postgres user", dir.path().display());
		}
		let log = dir.path().join("postgres.log");
		let output = as_postgres(&bin.join("initdb"), root)
			.args(["-A", "trust", "-U", "genochain", "--no-sync", "-D"])
			.arg(&data)
			.output()
			.expect("initdb runs");
		assert!(
			output.status.success(),
			"initdb failed: {}",
			String::from_utf8_lossy(&output.stderr)
		);
		let port = free_port();
		let options = format!(
			"-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
			dir.path().display()
		);
		let output = as_postgres(&bin.join("pg_ctl"), root)
			.args(["-w", "-t", "60", "-D"])
			.arg(&data)
			.args(["-l"])
			.arg(&log)
			.args(["-o", &options, "start"])
			.output()
			.expect("pg_ctl runs");
		assert!(
			output.status.success(),
			"PostgreSQL did not start: {}\n{}",
			String::from_utf8_lossy(&output.stderr),
			std::fs::read_to_string(&log).unwrap_or_default()
		);
		wait_for_port(port, "PostgreSQL", &log);
		Self {
			url: format!("postgres://genochain@127.0.0.1:{port}/postgres"),
			bin,
			data,
			root,
			_dir: dir,
		}
	}
}

impl Drop for Postgres {
	fn drop(&mut self) {
		let _ = as_postgres(&self.bin.join("pg_ctl"), self.root)
			.args(["-m", "immediate", "-D"])
			.arg(&self.data)
			.arg("stop")
			.stdout(Stdio::null())
			.stderr(Stdio::null())
			.status();
	}
}

fn nix_is_root() -> bool {
	Command::new("id")
		.arg("-u")
		.output()
		.map(|output| String::from_utf8_lossy(&output.stdout).trim() == "0")
		.unwrap_or(false)
}

fn moto_server() -> PathBuf {
	if let Ok(path) = std::env::var("GENOCHAIN_MOTO_SERVER") {
		return path.into();
	}
	let venv = PathBuf::from(std::env::var("HOME").unwrap_or_default())
		.join(".cache/genochain/moto/bin/moto_server");
	if venv.exists() {
		return venv;
	}
	std::env::var_os("PATH")
		.and_then(|paths| {
			std::env::split_paths(&paths).map(|dir| dir.join("moto_server")).find(|p| p.exists())
		})
		.unwrap_or_else(|| {
			panic!(
				"moto's S3 server is not installed: run scripts/setup.sh test, or set \
				 GENOCHAIN_MOTO_SERVER"
			)
		})
}

/// moto's S3 server with one bucket.
pub struct S3 {
	pub endpoint: String,
	pub bucket: String,
	child: Child,
	_dir: tempfile::TempDir,
}

impl S3 {
	pub fn start() -> Self {
		let dir = tempfile::tempdir().expect("a temporary directory");
		let log_path = dir.path().join("moto.log");
		let log = std::fs::File::create(&log_path).expect("a log file");
		let port = free_port();
		let child = Command::new(moto_server())
			.args(["-H", "127.0.0.1", "-p", &port.to_string()])
			.stdout(log.try_clone().expect("log"))
			.stderr(log)
			.spawn()
			.expect("moto_server starts");
		wait_for_port(port, "moto_server", &log_path);
		let endpoint = format!("http://127.0.0.1:{port}");
		let bucket = "genochain-test".to_string();
		// moto takes any credentials; a bucket is made with a plain PUT.
		let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to moto");
		use std::io::{Read, Write};
		write!(
			stream,
			"PUT /{bucket} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
		)
		.expect("create the bucket");
		let mut answer = String::new();
		stream.read_to_string(&mut answer).expect("moto answers");
		assert!(answer.starts_with("HTTP/1.1 200"), "moto did not make the bucket: {answer}");
		Self { endpoint, bucket, child, _dir: dir }
	}

	/// The object store location for objects under `prefix`, as an operator would write it.
	pub fn location(&self, prefix: &str) -> String {
		format!(
			"s3://{}/{prefix}?endpoint={}&allow_http=true&skip_signature=true&region=us-east-1",
			self.bucket, self.endpoint
		)
	}
}

impl Drop for S3 {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}
}
