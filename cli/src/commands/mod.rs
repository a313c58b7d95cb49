//! The CLI's commands, one per file, and what they share.

pub mod anchor;
pub mod consent;
pub mod fetch;
pub mod fingerprint;
pub mod migrate_index;
pub mod prove;
pub mod secret;
pub mod verify;

use genochain_cli::error::{Error, Result};
use serde::Serialize;
use std::{io::Write, path::Path};

/// Runs a chain request to completion on a single-threaded runtime.
pub(crate) fn block_on<T>(request: impl std::future::Future<Output = Result<T>>) -> Result<T> {
	tokio::runtime::Builder::new_current_thread()
		.enable_all()
		.build()
		.map_err(|e| Error::Usage(format!("cannot start the network runtime: {e}")))?
		.block_on(request)
}

/// Prints `value` as pretty JSON on standard output.
pub(crate) fn print_json(value: &impl Serialize) -> Result<()> {
	let text = serde_json::to_string_pretty(value)
		.map_err(|e| Error::Usage(format!("cannot write JSON: {e}")))?;
	println!("{text}");
	Ok(())
}

/// Writes `bytes` to `path` through a temporary file renamed into place.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
	let directory = match path.parent() {
		Some(parent) if !parent.as_os_str().is_empty() => parent,
		_ => Path::new("."),
	};
	let failed = |e: std::io::Error| Error::file(path, "cannot write").because(e);
	let mut file = tempfile::NamedTempFile::new_in(directory).map_err(failed)?;
	file.write_all(bytes).map_err(failed)?;
	file.persist(path).map_err(|e| failed(e.error))?;
	Ok(())
}
