//! `genochain-load`: load a Genochain node on this machine and print what it included, a
//! second and a block (docs/PERFORMANCE.md).

use clap::Parser;
use genochain_load::{
	chain::Node,
	devnode::{self, DevNode},
	engine::Pace,
	report::{self, Summary},
	scale,
	scenario::{self, Plan, Population, Scenario, Step},
	LoadError,
};
use genochain_primitives::currency::GENE;
use std::{path::PathBuf, process::ExitCode, sync::Arc, time::Duration};
use tokio::sync::{Mutex, Notify};

/// Measures how many transactions of each kind a Genochain node includes, against a node on
/// this machine. Every run uses fresh accounts funded by the sudo account.
#[derive(Parser)]
#[command(name = "genochain-load", version)]
struct Args {
	/// The node's RPC address; only a node on this machine.
	#[arg(long, default_value = "ws://127.0.0.1:9944")]
	node: String,
	/// A scenario to run (repeat for several); all in turn by default, transfers first.
	#[arg(long = "scenario", value_enum)]
	scenarios: Vec<Scenario>,
	/// Transactions measured in each scenario.
	#[arg(long, default_value_t = 2000)]
	count: usize,
	/// Data subjects (contributors) signing transfers, grants, anchors and enrolments.
	#[arg(long, default_value_t = 500)]
	subjects: usize,
	/// Custodians recording accesses (accredited by the run through Sudo).
	#[arg(long, default_value_t = 16)]
	custodians: usize,
	/// Transactions submitted a second, or `max`: as fast as the pool takes them.
	#[arg(long, default_value = "max")]
	rate: String,
	/// With `--rate max`, submissions waiting for the node's answer at most.
	#[arg(long, default_value_t = 256)]
	in_flight: usize,
	/// Seconds each phase (a setup step, a scenario) may take before the run stops it.
	#[arg(long, default_value_t = 300)]
	time_limit: u64,
	/// The secret URI the run's accounts derive from; `//load-<unix time>` by default, so each
	/// run starts with accounts of its own.
	#[arg(long)]
	seed: Option<String>,
	/// The sudo key, which funds the run's accounts and accredits its custodians.
	#[arg(long, default_value = "//Alice")]
	sudo: String,
	/// An accredited researcher's key: the consents' grantee and the studies' researcher.
	#[arg(long, default_value = "//Researcher")]
	researcher: String,
	/// GENE given to each subject and custodian.
	#[arg(long, default_value_t = 100)]
	endowment: u64,
	/// Start a node with `--dev` on free ports and load it, instead of --node; it is killed
	/// when the run ends.
	#[arg(long)]
	start_node: bool,
	/// With --start-node: the node binary; `$GENOCHAIN_NODE` or the debug build by default.
	#[arg(long, value_name = "PATH")]
	node_binary: Option<PathBuf>,
	/// With --start-node: an argument for the node (repeat), e.g. `--node-arg=--dev-block-time=1000`;
	/// `--tmp` unless one sets `--base-path`.
	#[arg(long = "node-arg", value_name = "ARG", allow_hyphen_values = true)]
	node_args: Vec<String>,
	/// Fail (exit status 3) unless every transaction of every scenario was taken into the pool,
	/// included, dispatched successfully and finalized: the smoke run of `make test`.
	#[arg(long)]
	require_all: bool,
	/// With --start-node: the node's log.
	#[arg(long, default_value = "genochain-load-node.log")]
	node_log: PathBuf,
	/// With --start-node: kill the node (SIGKILL) this many seconds into the first measured
	/// scenario and start it again on the same database (a temporary one unless
	/// `--node-arg=--base-path=DIR`). The run checks that the node kept every block it had
	/// finalized, with its state, and resumes: what was in the pool is submitted again.
	#[arg(long, value_name = "SECONDS", requires = "start_node")]
	crash_after: Option<f64>,
	/// Fill the chain first with these records, made by signed transactions
	/// (`anchors=1000000,consents=1000000,studies=10000`), then measure what the state costs: the
	/// database on disk and the node's memory (with --start-node), the runtime API calls, and
	/// (with --start-node) the time the node took to build the population's blocks, early and
	/// late. Scenarios run afterwards only
	/// when named.
	#[arg(long, value_name = "RECORDS")]
	populate: Option<Population>,
}

fn pace(args: &Args) -> Result<Pace, LoadError> {
	if args.rate == "max" {
		return Ok(Pace::AsAccepted { in_flight: args.in_flight.max(1) });
	}
	match args.rate.parse::<f64>() {
		Ok(rate) if rate.is_finite() && rate > 0.0 => Ok(Pace::Rate(rate)),
		_ => Err(LoadError::Usage(format!(
			"--rate {}: give transactions a second (e.g. 500) or max",
			args.rate
		))),
	}
}

async fn run(args: Args) -> Result<(), LoadError> {
	let seed = match &args.seed {
		Some(seed) => seed.clone(),
		None => {
			let now = std::time::SystemTime::now()
				.duration_since(std::time::UNIX_EPOCH)
				.map(|since| since.as_secs())
				.unwrap_or_default();
			format!("//load-{now}")
		}
	};
	let plan = Plan {
		count: args.count,
		subjects: args.subjects,
		custodians: args.custodians,
		pace: pace(&args)?,
		limit: Duration::from_secs(args.time_limit.max(1)),
		seed,
		sudo: args.sudo.clone(),
		researcher: args.researcher.clone(),
		endowment: u128::from(args.endowment).saturating_mul(GENE),
	};
	let scenarios = match (args.scenarios.is_empty(), args.populate.is_some()) {
		(true, true) => Vec::new(),
		(true, false) => Scenario::ALL.to_vec(),
		(false, _) => args.scenarios.clone(),
	};
	let crash_after = match args.crash_after {
		Some(seconds) if seconds.is_finite() && seconds >= 0.0 => {
			Some(Duration::from_secs_f64(seconds))
		}
		Some(seconds) => {
			return Err(LoadError::Usage(format!("--crash-after {seconds}: give seconds, e.g. 2")))
		}
		None => None,
	};
	// A node restarted after a crash must find its database again: not `--tmp`'s, which goes
	// with the process; a populated one's is measured.
	let mut database = None;
	let mut base_path = None;
	let (started, node) = match args.start_node {
		true => {
			let binary = args.node_binary.clone().unwrap_or_else(devnode::default_binary);
			let mut node_args = args.node_args.clone();
			base_path = given_base_path(&node_args);
			if base_path.is_none() {
				if crash_after.is_some() || args.populate.is_some() {
					let directory = tempfile::Builder::new()
						.prefix("genochain-load-")
						.tempdir()
						.map_err(|e| LoadError::Usage(format!("no temporary directory: {e}")))?;
					node_args.push(format!("--base-path={}", directory.path().display()));
					base_path = Some(directory.path().to_path_buf());
					database = Some(directory);
				} else {
					node_args.push("--tmp".into());
				}
			}
			println!(
				"genochain-load: starting {} --dev (log: {})",
				binary.display(),
				args.node_log.display()
			);
			let (started, node) = DevNode::start(&binary, &node_args, &args.node_log).await?;
			(Some(Arc::new(Mutex::new(started))), node)
		}
		false => (None, Node::connect(&args.node).await?),
	};
	let limits = node.limits(&node.finalized().await?)?;
	if let Some(population) = &args.populate {
		populate(&node, &plan, population, started.as_ref(), base_path.as_deref()).await?;
	}
	if scenarios.is_empty() {
		return Ok(());
	}
	println!(
		"genochain-load: {} at {}, {} transactions a scenario, {} subjects, {} custodians",
		scenarios.iter().map(|s| s.name()).collect::<Vec<_>>().join(", "),
		node.url(),
		plan.count,
		plan.subjects,
		plan.custodians
	);
	let measuring = Arc::new(Notify::new());
	let crash = match (crash_after, &started) {
		(Some(after), Some(dev)) => {
			Some(tokio::spawn(crash(dev.clone(), measuring.clone(), after)))
		}
		_ => None,
	};
	let measured = scenario::run(&node, &plan, &scenarios, &mut |step| {
		if let Step::Measuring { .. } = step {
			measuring.notify_one();
		}
		println!("genochain-load: {step}");
	})
	.await?;
	for m in &measured {
		println!("\n{}", report::scenario(m, &limits));
	}
	println!("{}", report::comparison(&measured));
	if let Some(crash) = crash {
		if measured.iter().all(|m| m.run.outages.is_empty()) {
			crash.abort();
			return Err(LoadError::Usage(format!(
				"--crash-after {}: the run ended before the node was killed and seen again; give \
				 fewer seconds or a larger --count",
				args.crash_after.unwrap_or_default()
			)));
		}
		// The run saw the node go and come back: its restart is done, or ends as soon as the
		// crash task sees the node answer.
		let _ = crash.await;
	}
	// The node goes before its database.
	drop(started);
	drop(database);
	if args.require_all {
		let short: Vec<&str> = measured
			.iter()
			.filter(|m| !Summary::of(&m.run).all_made_it())
			.map(|m| m.scenario.name())
			.collect();
		if !short.is_empty() {
			return Err(LoadError::Incomplete(short.join(", ")));
		}
	}
	Ok(())
}

/// Fills the chain with `population` and prints what the state costs: with a node this run
/// started (`dev`), its database at `base_path`, its memory and its log too.
async fn populate(
	node: &Node,
	plan: &Plan,
	population: &Population,
	dev: Option<&Arc<Mutex<DevNode>>>,
	base_path: Option<&std::path::Path>,
) -> Result<(), LoadError> {
	let populated = scenario::populate(node, plan, population, &mut |step| {
		println!("genochain-load: {step}");
	})
	.await?;
	println!("genochain-load: measuring the populated state");
	let (pid, log) = match dev {
		Some(dev) => {
			let dev = dev.lock().await;
			(Some(dev.pid()), Some(dev.log.clone()))
		}
		None => (None, None),
	};
	let cost = scale::measure(node, &populated, base_path, pid).await?;
	let built = match log {
		Some(log) => {
			let text = std::fs::read_to_string(&log).map_err(|e| {
				LoadError::Usage(format!("{}: cannot read the node's log: {e}", log.display()))
			})?;
			scale::building_times(&text, &populated)
		}
		None => Vec::new(),
	};
	println!("\n{}", scale::report(&populated, &cost, &built));
	Ok(())
}

/// The database directory among the node's arguments: `--base-path DIR`, `--base-path=DIR` or
/// `-d DIR`.
fn given_base_path(arguments: &[String]) -> Option<PathBuf> {
	arguments.iter().enumerate().find_map(|(n, arg)| {
		if let Some(path) = arg.strip_prefix("--base-path=") {
			return Some(PathBuf::from(path));
		}
		(arg == "--base-path" || arg == "-d")
			.then(|| arguments.get(n.saturating_add(1)).map(PathBuf::from))
			.flatten()
	})
}

/// Kills the node `after` the first measured scenario began, and starts it again.
async fn crash(dev: Arc<Mutex<DevNode>>, measuring: Arc<Notify>, after: Duration) {
	measuring.notified().await;
	tokio::time::sleep(after).await;
	let mut dev = dev.lock().await;
	println!("genochain-load: killing the node (SIGKILL) and starting it again on its database");
	match dev.crash_and_restart().await {
		Ok(()) => println!("genochain-load: the node answers again"),
		// The run waits for the node until its time limit, then reports what was lost.
		Err(e) => eprintln!("genochain-load: the node did not come back: {e}"),
	}
}

fn main() -> ExitCode {
	let args = Args::parse();
	let runtime = match tokio::runtime::Runtime::new() {
		Ok(runtime) => runtime,
		Err(e) => {
			eprintln!("genochain-load: cannot start: {e}");
			return ExitCode::FAILURE;
		}
	};
	match runtime.block_on(run(args)) {
		Ok(()) => ExitCode::SUCCESS,
		Err(e @ LoadError::Usage(_)) => {
			eprintln!("genochain-load: {e}");
			ExitCode::from(2)
		}
		Err(e @ LoadError::Incomplete(_)) => {
			eprintln!("genochain-load: {e}");
			ExitCode::from(3)
		}
		Err(e) => {
			eprintln!("genochain-load: {e}");
			ExitCode::FAILURE
		}
	}
}
