//! `genochain-node`: the Genochain node.
//!
//! Built on polkadot-omni-node-lib: `genochain-node --dev` runs a single-node development chain
//! (manual seal, a block every 3 s, no relay chain) from the runtime embedded in this binary, and
//! the same binary runs as a collator of a relay chain:
//!
//! ```text
//! genochain-node --collator --chain chain-specs/local-raw.json --base-path /var/lib/genochain \
//!     -- --chain rococo-local-raw.json
//! ```
//!
//! Arguments before `--` configure the parachain node, arguments after it the embedded relay
//! chain node.

mod chain_spec;
mod consortium;
mod storage_benchmark;

use polkadot_sdk::{
	polkadot_omni_node_lib::{run, runtime::DefaultRuntimeResolver, CliConfig, RunConfig},
	sc_cli,
};

struct GenochainCli;

impl CliConfig for GenochainCli {
	fn impl_version() -> String {
		env!("SUBSTRATE_CLI_IMPL_VERSION").into()
	}

	fn description(executable_name: String) -> String {
		format!(
			"Genochain: genomic data shared under the data subject's control.\n\n\
			 Development chain: {executable_name} --dev\n\
			 Collator:          {executable_name} --collator --chain <spec> [parachain-args] -- [relay-chain-args]\n\
			 Consortium spec:   {executable_name} consortium-spec <consortium.toml> [--output-dir <dir>]"
		)
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://github.com/genochain/genochain/issues".into()
	}

	fn copyright_start_year() -> u16 {
		2026
	}
}

// `sc_cli::Error`, which the node's command runner returns, is large; it is returned once.
#[allow(clippy::result_large_err)]
fn main() -> sc_cli::Result<()> {
	// Genochain's own command comes before the node's, whose parser does not know it.
	if std::env::args_os().nth(1).is_some_and(|command| command == consortium::command::NAME) {
		if let Err(error) = consortium::command::run(std::env::args_os().skip(1)) {
			eprintln!("Error: {error}");
			std::process::exit(1);
		}
		return Ok(());
	}
	if let Some(reason) = storage_benchmark::unavailable(&std::env::args_os().collect::<Vec<_>>()) {
		eprintln!("Error: {reason}");
		std::process::exit(1);
	}
	let config =
		RunConfig::new(Box::new(DefaultRuntimeResolver), Box::new(chain_spec::GenochainSpecLoader));
	run::<GenochainCli>(config)
}
