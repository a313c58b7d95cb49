//! `make bench-gateway`: concurrent downloads of 1 MiB objects through the gateway against the
//! same files from a plain static file server, in one run, on this machine; prints the figures
//! and checks them against the goals (≥ 0.8 × the plain server's throughput, p99 latency added
//! < 20 ms).
//!
//! It starts a `--dev` node (the debug build) and a gateway of its own (built with this benchmark:
//! `make bench-gateway` builds both in release, as a custodian runs them),
//! anchors a genome for Bob kept by the development custodian, has Bob grant the development
//! researcher HMB use of it, uploads the objects, and has the researcher sign in and ask for access
//! to each: every access is recorded on chain, as in production, and the figures of those access
//! requests are printed too. The downloads then run through the access URLs; the plain server is
//! an HTTP server on the same stack (axum, hyper, tokio) that reads each file and sends it, with
//! no sign-in, catalogue, chain or decryption.

// A measuring tool: its arithmetic counts requests, bytes and milliseconds.
#![allow(clippy::arithmetic_side_effects)]

use axum::{extract::Path as UrlPath, routing::get, Router};
use clap::Parser;
use genochain_gateway::chain::{custodian_key, submitter::Submitter, Chain};
use genochain_primitives::{
	anchor::anchor_id,
	consent::{ConsentTerms, DataCategory, DataScope, Grantee, Scope},
	duo::{DuoPermission, DuoPurpose},
	fingerprint::{Assembly, Scheme},
	Hash as H256,
};
use polkadot_sdk::sp_runtime::{BoundedBTreeSet, BoundedVec};
use std::{
	net::TcpListener,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	sync::Arc,
	time::{Duration, Instant},
};

#[derive(Parser)]
struct Args {
	/// Concurrent downloads.
	#[arg(long, default_value_t = 8)]
	concurrency: usize,
	/// Seconds each server is loaded for.
	#[arg(long, default_value_t = 10)]
	seconds: u64,
	/// Distinct objects, downloaded in turn.
	#[arg(long, default_value_t = 16)]
	objects: usize,
	/// Bytes per object.
	#[arg(long, default_value_t = 1 << 20)]
	size: usize,
	/// The gateway's `--hot-cache-mib` (its default: 256); 0 opens every object on every
	/// download.
	#[arg(long, default_value_t = 256)]
	hot_cache_mib: u64,
}

/// A child process killed when dropped.
struct Process(Child);

impl Drop for Process {
	fn drop(&mut self) {
		let _ = self.0.kill();
		let _ = self.0.wait();
	}
}

fn free_port() -> Result<u16, String> {
	TcpListener::bind("127.0.0.1:0")
		.and_then(|listener| listener.local_addr())
		.map(|address| address.port())
		.map_err(|e| format!("no free port: {e}"))
}

/// The dev node: `$GENOCHAIN_NODE`, or the debug build `make build` makes.
fn node_binary() -> Result<PathBuf, String> {
	let path = match std::env::var("GENOCHAIN_NODE") {
		Ok(path) => PathBuf::from(path),
		Err(_) => std::env::var("CARGO_TARGET_DIR")
			.map(PathBuf::from)
			.unwrap_or_else(|_| {
				PathBuf::from(std::env::var("HOME").unwrap_or_default())
					.join(".cache/genochain/target")
			})
			.join("debug/genochain-node"),
	};
	path.exists()
		.then_some(path.clone())
		.ok_or_else(|| format!("{} is not built: run make build", path.display()))
}

/// The gateway built with this benchmark (the same profile), beside it.
fn gateway_binary() -> Result<PathBuf, String> {
	let me = std::env::current_exe().map_err(|e| e.to_string())?;
	let path = me.with_file_name("genochain-gateway");
	path.exists()
		.then_some(path.clone())
		.ok_or_else(|| format!("{} is not built beside {}", path.display(), me.display()))
}

fn spawn(program: &Path, args: &[String], log: &Path) -> Result<Process, String> {
	let file = std::fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
	let err = file.try_clone().map_err(|e| e.to_string())?;
	Command::new(program)
		.args(args)
		.stdout(Stdio::from(file))
		.stderr(Stdio::from(err))
		.spawn()
		.map(Process)
		.map_err(|e| format!("cannot start {}: {e}", program.display()))
}

/// The figures of one load run.
struct Figures {
	requests: usize,
	bytes: u64,
	elapsed: Duration,
	latencies: Vec<Duration>,
	failures: usize,
}

impl Figures {
	fn mib_per_second(&self) -> f64 {
		self.bytes as f64 / self.elapsed.as_secs_f64() / f64::from(1u32 << 20)
	}

	fn percentile(&self, p: f64) -> Duration {
		let mut sorted = self.latencies.clone();
		sorted.sort();
		let index = ((sorted.len() as f64 * p).ceil() as usize).saturating_sub(1);
		sorted.get(index).copied().unwrap_or_default()
	}
}

/// Downloads `urls` in turn from `concurrency` workers for `seconds`.
async fn load(urls: Arc<Vec<String>>, concurrency: usize, seconds: u64) -> Figures {
	let client = reqwest::Client::new();
	let started = Instant::now();
	let until = started + Duration::from_secs(seconds);
	let mut workers = Vec::new();
	for worker in 0..concurrency {
		let (client, urls) = (client.clone(), urls.clone());
		workers.push(tokio::spawn(async move {
			let (mut latencies, mut bytes, mut failures) = (Vec::new(), 0u64, 0usize);
			let mut next = worker;
			while Instant::now() < until {
				let url = &urls[next % urls.len()];
				next += 1;
				let start = Instant::now();
				match client.get(url).send().await {
					Ok(response) if response.status().is_success() => {
						match response.bytes().await {
							Ok(body) => {
								bytes += body.len() as u64;
								latencies.push(start.elapsed());
							}
							Err(_) => failures += 1,
						}
					}
					_ => failures += 1,
				}
			}
			(latencies, bytes, failures)
		}));
	}
	let mut figures = Figures {
		requests: 0,
		bytes: 0,
		elapsed: Duration::ZERO,
		latencies: Vec::new(),
		failures: 0,
	};
	for worker in workers {
		if let Ok((latencies, bytes, failures)) = worker.await {
			figures.requests += latencies.len();
			figures.latencies.extend(latencies);
			figures.bytes += bytes;
			figures.failures += failures;
		}
	}
	figures.elapsed = started.elapsed();
	figures
}

fn milliseconds(duration: Duration) -> f64 {
	duration.as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
	match run(Args::parse()).await {
		Ok(()) => std::process::ExitCode::SUCCESS,
		Err(problem) => {
			eprintln!("bench-gateway: {problem}");
			std::process::ExitCode::FAILURE
		}
	}
}

async fn run(args: Args) -> Result<(), String> {
	let work = tempfile::tempdir().map_err(|e| e.to_string())?;
	let (rpc_port, p2p_port, gateway_port) = (free_port()?, free_port()?, free_port()?);
	let _node = spawn(
		&node_binary()?,
		&[
			"--dev".into(),
			"--rpc-port".into(),
			rpc_port.to_string(),
			"--port".into(),
			p2p_port.to_string(),
			"--no-prometheus".into(),
			"--no-hardware-benchmarks".into(),
			"--no-mdns".into(),
		],
		&work.path().join("node.log"),
	)?;
	let node_url = format!("ws://127.0.0.1:{rpc_port}");
	println!("bench-gateway: starting a dev node ({node_url}) and a gateway");
	let deadline = Instant::now() + Duration::from_secs(180);
	let chain = loop {
		match Chain::connect(&node_url).await {
			Ok(chain) => break chain,
			Err(_) if Instant::now() < deadline => tokio::time::sleep(Duration::from_secs(1)).await,
			Err(e) => return Err(e.to_string()),
		}
	};

	// Bob's genome, kept by the development custodian, and his consent for the researcher.
	let bob = custodian_key("//Bob")?;
	let custodian = custodian_key("//Custodian")?;
	let researcher = custodian_key("//Researcher")?;
	let (bob_account, custodian_account) = (bob.public_key().0, custodian.public_key().0);
	let root = H256::repeat_byte(0xbe);
	let dataset = anchor_id(&bob_account, &root);
	let as_bob = Submitter::start(chain.clone(), bob);
	let at = chain.finalized().await.map_err(|e| e.to_string())?;
	let anchor = chain
		.call(
			&at,
			"GenomeAnchor",
			"anchor",
			(root, 1000u32, Assembly::GRCh38, Scheme::V1, Some(custodian_account), None::<H256>),
		)
		.map_err(|e| e.to_string())?;
	as_bob.submit(anchor).await.map_err(|e| format!("anchoring: {e}"))?;
	let categories: BoundedBTreeSet<_, _> = [DataCategory::Variants]
		.into_iter()
		.collect::<std::collections::BTreeSet<_>>()
		.try_into()
		.map_err(|_| "categories")?;
	let terms = ConsentTerms::<[u8; 32], u32> {
		grantee: Grantee::Account(researcher.public_key().0),
		scope: Scope { data: DataScope::Dataset(dataset), categories },
		purpose: DuoPurpose::new(DuoPermission::HealthMedicalBiomedical),
		valid_from: 0,
		valid_until: None,
		document_hash: H256::repeat_byte(0xdc),
		approvers: BoundedVec::default(),
		approval_threshold: 0,
	};
	let grant = chain.call(&at, "Consent", "grant", &terms).map_err(|e| e.to_string())?;
	as_bob.submit(grant).await.map_err(|e| format!("granting: {e}"))?;

	// The gateway.
	let key_file = work.path().join("custodian.suri");
	std::fs::write(&key_file, "//Custodian").map_err(|e| e.to_string())?;
	let data_dir = work.path().join("gateway");
	let _gateway = spawn(
		&gateway_binary()?,
		&[
			"--node".into(),
			node_url.clone(),
			"--custodian-key-file".into(),
			key_file.display().to_string(),
			"--data-dir".into(),
			data_dir.display().to_string(),
			"--listen".into(),
			format!("127.0.0.1:{gateway_port}"),
			"--access-ttl".into(),
			"3600".into(),
			"--hot-cache-mib".into(),
			args.hot_cache_mib.to_string(),
		],
		&work.path().join("gateway.log"),
	)?;
	let gateway = format!("http://127.0.0.1:{gateway_port}");
	let http = reqwest::Client::new();
	let deadline = Instant::now() + Duration::from_secs(60);
	while http.get(format!("{gateway}/ga4gh/drs/v1/service-info")).send().await.is_err() {
		if Instant::now() > deadline {
			return Err(format!(
				"the gateway did not start; its log:\n{}",
				std::fs::read_to_string(work.path().join("gateway.log")).unwrap_or_default()
			));
		}
		tokio::time::sleep(Duration::from_millis(200)).await;
	}
	let admin = std::fs::read_to_string(data_dir.join("admin.token")).map_err(|e| e.to_string())?;

	// The objects: the same bytes uploaded to the gateway and written for the plain server.
	let files = work.path().join("files");
	std::fs::create_dir_all(&files).map_err(|e| e.to_string())?;
	let mut ids = Vec::new();
	for n in 0..args.objects {
		let bytes: Vec<u8> = (0..args.size).map(|i| ((i * (n + 3)) % 251) as u8).collect();
		std::fs::write(files.join(n.to_string()), &bytes).map_err(|e| e.to_string())?;
		let response = http
			.put(format!(
				"{gateway}/custodian/objects?dataset=0x{}&category=Variants&name=object-{n}",
				hex::encode(dataset.as_bytes())
			))
			.bearer_auth(admin.trim())
			.body(bytes)
			.send()
			.await
			.map_err(|e| e.to_string())?;
		let object: serde_json::Value = response.json().await.map_err(|e| e.to_string())?;
		let id = object["id"].as_str().ok_or_else(|| format!("upload refused: {object}"))?;
		ids.push(id.to_string());
	}

	// The researcher signs in and asks for access to each object, all at once.
	let account = subxt::utils::AccountId32(researcher.public_key().0).to_string();
	let challenge: serde_json::Value = http
		.post(format!("{gateway}/auth/challenge"))
		.json(&serde_json::json!({ "account": account }))
		.send()
		.await
		.and_then(|r| r.error_for_status())
		.map_err(|e| e.to_string())?
		.json()
		.await
		.map_err(|e| e.to_string())?;
	let text = challenge["challenge"].as_str().ok_or("no challenge")?.to_string();
	let signature = hex::encode(researcher.sign(text.as_bytes()).0);
	let token: serde_json::Value = http
		.post(format!("{gateway}/auth/token"))
		.json(&serde_json::json!({ "account": account, "challenge": text, "signature": signature }))
		.send()
		.await
		.map_err(|e| e.to_string())?
		.json()
		.await
		.map_err(|e| e.to_string())?;
	let token = token["access_token"]
		.as_str()
		.ok_or_else(|| format!("sign-in refused: {token}"))?
		.to_string();
	let started = Instant::now();
	let mut requests = Vec::new();
	for id in &ids {
		let (http, gateway, token, id) = (http.clone(), gateway.clone(), token.clone(), id.clone());
		requests.push(tokio::spawn(async move {
			let start = Instant::now();
			let answer: Result<serde_json::Value, String> = async {
				http.post(format!("{gateway}/ga4gh/drs/v1/objects/{id}/access/gateway"))
					.bearer_auth(&token)
					.json(&serde_json::json!({ "use": { "purpose": "HealthMedicalBiomedical" } }))
					.send()
					.await
					.map_err(|e| e.to_string())?
					.json()
					.await
					.map_err(|e| e.to_string())
			}
			.await;
			(answer, start.elapsed())
		}));
	}
	let mut urls = Vec::new();
	let mut access_latencies = Vec::new();
	let mut transactions = std::collections::BTreeSet::new();
	for request in requests {
		let (answer, latency) = request.await.map_err(|e| e.to_string())?;
		let answer = answer?;
		let url = answer["url"].as_str().ok_or_else(|| format!("access refused: {answer}"))?;
		urls.push(url.to_string());
		transactions.insert(answer["transaction"].to_string());
		access_latencies.push(latency);
	}
	let access_wall = started.elapsed();
	access_latencies.sort();

	// The plain server: the same files, read and sent.
	let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.map_err(|e| e.to_string())?;
	let plain_port = listener.local_addr().map_err(|e| e.to_string())?.port();
	let served = files.clone();
	let plain = Router::new().route(
		"/files/{name}",
		get(move |UrlPath(name): UrlPath<String>| {
			let path = served.join(name.replace(['/', '.'], ""));
			async move { tokio::fs::read(path).await.map_err(|_| axum::http::StatusCode::NOT_FOUND) }
		}),
	);
	tokio::spawn(async move { axum::serve(listener, plain).await });
	let plain_urls: Vec<String> =
		(0..args.objects).map(|n| format!("http://127.0.0.1:{plain_port}/files/{n}")).collect();

	println!(
		"bench-gateway: {} objects of {} bytes, {} concurrent downloads, {} s per server, the \
		 gateway keeping {} MiB of opened objects",
		args.objects, args.size, args.concurrency, args.seconds, args.hot_cache_mib
	);
	let plain = load(Arc::new(plain_urls), args.concurrency, args.seconds).await;
	let through = load(Arc::new(urls), args.concurrency, args.seconds).await;

	println!();
	println!("| server | downloads | failed | MiB/s | p50 ms | p99 ms |");
	println!("| --- | ---: | ---: | ---: | ---: | ---: |");
	for (name, figures) in [("plain static server", &plain), ("genochain-gateway", &through)] {
		println!(
			"| {name} | {} | {} | {:.1} | {:.2} | {:.2} |",
			figures.requests,
			figures.failures,
			figures.mib_per_second(),
			milliseconds(figures.percentile(0.5)),
			milliseconds(figures.percentile(0.99)),
		);
	}
	let ratio = through.mib_per_second() / plain.mib_per_second();
	let added = milliseconds(through.percentile(0.99)) - milliseconds(plain.percentile(0.99));
	let median = access_latencies.get(access_latencies.len() / 2).copied().unwrap_or_default();
	println!();
	println!(
		"access requests (sign-in done; each decided by the chain and recorded on it): {} in {:.1} s, \
		 {} transaction(s), median {:.0} ms, slowest {:.0} ms",
		ids.len(),
		access_wall.as_secs_f64(),
		transactions.len(),
		milliseconds(median),
		milliseconds(access_latencies.last().copied().unwrap_or_default()),
	);
	println!(
		"throughput: {ratio:.2} × the plain server's (goal ≥ 0.80): {}",
		if ratio >= 0.8 { "met" } else { "NOT met" }
	);
	println!(
		"p99 latency added: {added:.2} ms (goal < 20 ms): {}",
		if added < 20.0 { "met" } else { "NOT met" }
	);
	if plain.failures + through.failures > 0 {
		return Err(format!(
			"{} plain and {} gateway downloads failed",
			plain.failures, through.failures
		));
	}
	Ok(())
}
