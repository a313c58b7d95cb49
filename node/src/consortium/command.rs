//! `genochain-node consortium-spec <file>`: checks a consortium file and writes its chain specs.

use super::{chain_spec, format_gene, read, Consortium};
use polkadot_sdk::sp_core::crypto::Ss58Codec;
use std::{
	ffi::OsString,
	path::{Path, PathBuf},
};

/// The subcommand's name, which `main` looks for before the node's own commands.
pub const NAME: &str = "consortium-spec";

/// Builds a consortium's chain spec from its reviewed file.
///
/// Writes `<id>.json`, the plain spec whose genesis the members review, and `<id>-raw.json`, the
/// raw spec every collator runs with and the relay chain registers; both or, on any problem,
/// neither. The file is checked first and every problem in it is named.
#[derive(Debug, clap::Parser)]
#[command(name = "genochain-node consortium-spec", version)]
pub struct ConsortiumSpecCmd {
	/// The consortium file (TOML; template: chain-specs/consortium.example.toml).
	pub file: PathBuf,
	/// Where to write the two specs.
	#[arg(long, default_value = ".")]
	pub output_dir: PathBuf,
}

/// Parses `args` (the subcommand's name first) and runs the command.
pub fn run(args: impl IntoIterator<Item = OsString>) -> Result<(), String> {
	<ConsortiumSpecCmd as clap::Parser>::parse_from(args).execute()
}

impl ConsortiumSpecCmd {
	/// Checks the file, builds both specs in memory, then writes them.
	pub fn execute(&self) -> Result<(), String> {
		let file = self.file.display();
		let text = std::fs::read_to_string(&self.file)
			.map_err(|error| format!("cannot read the consortium file {file}: {error}"))?;
		let consortium = read(&text).map_err(|error| format!("{file}: {error}"))?;
		let spec = chain_spec(&consortium)?;
		let plain = spec
			.as_json(false)
			.map_err(|error| format!("{file}: the plain chain spec cannot be built: {error}"))?;
		// Building the raw spec runs the genesis in the runtime: whatever the runtime refuses
		// fails here, before anything is written.
		let raw = spec
			.as_json(true)
			.map_err(|error| format!("{file}: the runtime refuses this genesis: {error}"))?;
		let plain_path = self.output_dir.join(format!("{}.json", consortium.id));
		let raw_path = self.output_dir.join(format!("{}-raw.json", consortium.id));
		write_both([(&plain_path, plain), (&raw_path, raw)])?;
		for warning in &consortium.warnings {
			eprintln!("warning: {warning}");
		}
		println!("{}", summary(&consortium, &plain_path, &raw_path));
		Ok(())
	}
}

/// Writes each file beside its destination first, then moves them into place, so that a failure
/// leaves the previous files (if any) as they were and no half-written one.
fn write_both(files: [(&Path, String); 2]) -> Result<(), String> {
	let mut staged = Vec::new();
	for (path, contents) in &files {
		let staging = path.with_extension(format!("json.partial-{}", std::process::id()));
		if let Err(error) = std::fs::write(&staging, contents) {
			let _ = std::fs::remove_file(&staging);
			for (staging, _) in &staged {
				let _ = std::fs::remove_file(staging);
			}
			return Err(format!("cannot write {}: {error}", path.display()));
		}
		staged.push((staging, *path));
	}
	for (staging, path) in &staged {
		std::fs::rename(staging, path)
			.map_err(|error| format!("cannot move {} into place: {error}", path.display()))?;
	}
	Ok(())
}

/// What the specs set, for the operator to check against the file, and what comes next.
fn summary(consortium: &Consortium, plain: &Path, raw: &Path) -> String {
	let mut lines = vec![
		format!(
			"{} ({}), para {} on {}",
			consortium.name, consortium.id, consortium.para_id, consortium.relay_chain
		),
		format!(
			"  Council: {} members; Ethics Committee: {} members; no sudo",
			consortium.council.len(),
			consortium.ethics_committee.len()
		),
		format!("  accredited organisations: {}", consortium.organisations.len()),
		format!("  collators: {}", consortium.collators.len()),
	];
	for (account, aura) in &consortium.collators {
		lines.push(format!("    {account} (aura {})", aura.to_ss58check()));
	}
	lines.push(format!(
		"  endowments: {} accounts, {} in all",
		consortium.endowments.len(),
		format_gene(consortium.total_endowment)
	));
	lines.push(format!("wrote {} (for review) and {} (to run)", plain.display(), raw.display()));
	lines.push(format!(
		"next: genochain-node export-genesis-head --chain {0} and export-genesis-wasm --chain {0} \
		 for the relay chain's registration (docs/OPERATORS.md)",
		raw.display()
	));
	lines.join("\n")
}
