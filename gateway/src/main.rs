//! `genochain-gateway`: serves a custodian's objects through GA4GH DRS under the chain's consent.
//!
//! ```text
//! genochain-gateway --node ws://127.0.0.1:9944 --custodian-key-file custodian.suri
//! ```
//!
//! Everything it keeps lives under `--data-dir` unless configured elsewhere: the SQLite
//! catalogue, the objects, the master key, the visa signing key and the custodian staff's admin
//! token for uploads.

use clap::Parser;
use genochain_gateway::{
	api::{self, Gateway, Passport, Settings},
	auth::Auth,
	chain::{custodian_key, submitter::Submitter, Chain},
	erasure,
	passport::VisaKey,
	store::{write_private, Store},
};
use genochain_primitives::consent::{Role, Standing};
use std::{net::SocketAddr, path::PathBuf, process::ExitCode, sync::Arc, time::Duration};

/// A custodian's gateway to Genochain: releases data only under a consent the chain confirms.
#[derive(Debug, Parser)]
#[command(version)]
struct Args {
	/// The address to listen on.
	#[arg(long, env = "GENOCHAIN_GATEWAY_LISTEN", default_value = "127.0.0.1:8700")]
	listen: SocketAddr,
	/// How researchers reach the gateway (for access URLs and DRS URIs); default http://LISTEN.
	#[arg(long, env = "GENOCHAIN_GATEWAY_PUBLIC_URL")]
	public_url: Option<String>,
	/// The Genochain node's RPC endpoint.
	#[arg(long, env = "GENOCHAIN_NODE", default_value = "ws://127.0.0.1:9944")]
	node: String,
	/// A file holding the custodian's secret URI (a mnemonic, or //Name on a dev chain).
	#[arg(long, env = "GENOCHAIN_CUSTODIAN_KEY_FILE")]
	custodian_key_file: PathBuf,
	/// Where the gateway keeps its catalogue, objects and keys by default.
	#[arg(long, env = "GENOCHAIN_GATEWAY_DATA", default_value = "gateway-data")]
	data_dir: PathBuf,
	/// The catalogue's database: sqlite://PATH?mode=rwc or postgres://USER:PASSWORD@HOST/DB.
	/// Default: DATA_DIR/gateway.db.
	#[arg(long, env = "GENOCHAIN_GATEWAY_DATABASE")]
	database: Option<String>,
	/// Where object bytes go: file:///DIR or s3://BUCKET[/PREFIX] (with the AWS_* variables).
	/// Default: DATA_DIR/objects.
	#[arg(long, env = "GENOCHAIN_GATEWAY_OBJECTS")]
	objects: Option<String>,
	/// The largest upload taken, in bytes.
	#[arg(long, env = "GENOCHAIN_GATEWAY_MAX_UPLOAD", default_value_t = 16 << 30)]
	max_upload: u64,
	/// Seconds a sign-in challenge stays valid.
	#[arg(long, default_value_t = 60)]
	challenge_ttl: u64,
	/// Seconds a bearer token stays valid.
	#[arg(long, default_value_t = 900)]
	token_ttl: u64,
	/// Seconds an access URL can be used.
	#[arg(long, default_value_t = 600)]
	access_ttl: u64,
	/// MiB of opened objects kept in memory, so that hot objects are not opened again on every
	/// download; 0 keeps none. Objects over a quarter of it are never kept.
	#[arg(long, env = "GENOCHAIN_GATEWAY_HOT_CACHE_MIB", default_value_t = 256)]
	hot_cache_mib: u64,
	/// Recorded accesses one researcher may have in any minute (each is a transaction the
	/// custodian pays for); past it, 429.
	#[arg(long, env = "GENOCHAIN_GATEWAY_MAX_ACCESSES_PER_MINUTE", default_value_t = 60)]
	max_accesses_per_minute: u32,
	/// Seconds a GA4GH visa lasts at most (less when its consent ends sooner).
	#[arg(long, default_value_t = 3600)]
	visa_ttl: u64,
}

#[tokio::main]
async fn main() -> ExitCode {
	tracing_subscriber::fmt()
		.with_env_filter(
			tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
		)
		.init();
	match run(Args::parse()).await {
		Ok(()) => ExitCode::SUCCESS,
		Err(problem) => {
			eprintln!("genochain-gateway: {problem}");
			ExitCode::FAILURE
		}
	}
}

/// Reads `path`, or makes it with `make()` (readable by its owner only) if it does not exist.
fn read_or_make(path: &std::path::Path, make: impl FnOnce() -> String) -> Result<String, String> {
	match std::fs::read_to_string(path) {
		Ok(text) => Ok(text.trim().to_string()),
		Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
			let text = make();
			write_private(path, text.as_bytes())
				.map_err(|e| format!("cannot write {}: {e}", path.display()))?;
			Ok(text)
		}
		Err(e) => Err(format!("cannot read {}: {e}", path.display())),
	}
}

async fn run(args: Args) -> Result<(), String> {
	let suri = std::fs::read_to_string(&args.custodian_key_file)
		.map_err(|e| format!("--custodian-key-file {}: {e}", args.custodian_key_file.display()))?;
	let custodian = custodian_key(&suri).map_err(|e| {
		format!(
			"--custodian-key-file {}: not a secret URI ({e}); write a mnemonic, a 0x seed or \
			 //Name (dev chains)",
			args.custodian_key_file.display()
		)
	})?;

	std::fs::create_dir_all(&args.data_dir)
		.map_err(|e| format!("--data-dir {}: {e}", args.data_dir.display()))?;
	let data_dir = std::fs::canonicalize(&args.data_dir)
		.map_err(|e| format!("--data-dir {}: {e}", args.data_dir.display()))?;
	let database = args
		.database
		.unwrap_or_else(|| format!("sqlite://{}?mode=rwc", data_dir.join("gateway.db").display()));
	let objects =
		args.objects.unwrap_or_else(|| format!("file://{}", data_dir.join("objects").display()));
	let admin_token_file = data_dir.join("admin.token");
	let admin_token = read_or_make(&admin_token_file, || {
		genochain_gateway::store::new_id().unwrap_or_default()
			+ &genochain_gateway::store::new_id().unwrap_or_default()
	})?;
	if admin_token.len() < 32 {
		return Err(format!(
			"{} holds no usable token: delete it to make a new one",
			admin_token_file.display()
		));
	}

	let store = Store::open(&database, &objects, &data_dir.join("master.key"))
		.await
		.map_err(|e| e.to_string())?
		.with_hot_objects(args.hot_cache_mib.saturating_mul(1 << 20));
	let chain = Chain::connect(&args.node).await.map_err(|e| e.to_string())?;
	let account = custodian.public_key().0;
	let address = subxt::utils::AccountId32(account).to_string();
	let at = chain.finalized().await.map_err(|e| e.to_string())?;
	let standing =
		chain.standing(&at, &account, Role::Custodian).await.map_err(|e| e.to_string())?;
	if standing != Standing::Accredited {
		return Err(format!(
			"the custodian key's account {address} is {standing:?} as a custodian on chain: it \
			 could not record accesses, so the gateway would release nothing"
		));
	}
	let visa_key_file = data_dir.join("visa.key");
	let visa_key = VisaKey::from_hex(&read_or_make(&visa_key_file, || {
		VisaKey::generate_hex().unwrap_or_default()
	})?)
	.map_err(|e| format!("{}: {e}; delete it to make a new one", visa_key_file.display()))?;
	// The custodian's chain key vouches for the visa key.
	let binding = custodian.sign(&visa_key.binding_message()).0;
	let passport = Passport { jwk: visa_key.jwk(&account, &binding), key: visa_key };
	let submitter = Submitter::start(chain.clone(), custodian);

	let public_url = args
		.public_url
		.unwrap_or_else(|| format!("http://{}", args.listen))
		.trim_end_matches('/')
		.to_string();
	let drs_host = url::Url::parse(&public_url)
		.ok()
		.and_then(|url| {
			url.host_str().map(|host| match url.port() {
				Some(port) => format!("{host}:{port}"),
				None => host.to_string(),
			})
		})
		.ok_or_else(|| format!("--public-url {public_url}: not an http(s) URL with a host"))?;
	let settings = Settings {
		public_url: public_url.clone(),
		drs_host,
		max_upload: args.max_upload,
		ticket_ttl: Duration::from_secs(args.access_ttl),
		admin_token,
		visa_ttl: Duration::from_secs(args.visa_ttl),
		max_accesses_per_minute: args.max_accesses_per_minute,
	};
	let auth = Auth::new(
		public_url.clone(),
		Duration::from_secs(args.challenge_ttl),
		Duration::from_secs(args.token_ttl),
	);
	let gateway = Arc::new(Gateway::new(store, chain, submitter, auth, passport, settings));
	tokio::spawn(erasure::follow(gateway.clone()));

	let listener = tokio::net::TcpListener::bind(args.listen)
		.await
		.map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
	println!(
		"genochain-gateway: serving {public_url} for custodian {address} (node {}); uploads take \
		 the admin token in {}",
		args.node,
		admin_token_file.display()
	);
	axum::serve(listener, api::router(gateway))
		.with_graceful_shutdown(async {
			let _ = tokio::signal::ctrl_c().await;
		})
		.await
		.map_err(|e| format!("the server failed: {e}"))
}
