//! `genochain secret new`: a fresh fingerprint secret.

use clap::Subcommand;
use genochain_cli::{error::Result, secret};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum SecretCommand {
	/// Writes a fresh secret to FILE (mode 0600); refuses to overwrite an existing file.
	New {
		/// Where to write it.
		file: PathBuf,
	},
}

pub fn run(command: SecretCommand) -> Result<()> {
	match command {
		SecretCommand::New { file } => {
			secret::create(&file)?;
			eprintln!(
				"wrote a new secret to {} (readable by you only); keep a copy, it cannot be \
				 recovered",
				file.display()
			);
			Ok(())
		}
	}
}
