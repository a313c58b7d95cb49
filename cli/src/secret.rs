//! The contributor's fingerprint secret: 32 random bytes kept in a file as 64 hex digits, readable
//! by its owner only.

use crate::error::{Error, Result};
use genochain_primitives::fingerprint::Secret;
use std::{fs, io::Write, os::unix::fs::OpenOptionsExt, path::Path};

/// Writes a fresh secret to `path`, which must not exist yet; the file is created with mode 0600.
pub fn create(path: &Path) -> Result<()> {
	let mut bytes = [0u8; 32];
	getrandom::fill(&mut bytes)
		.map_err(|e| Error::file(path, format!("the system has no randomness to offer: {e}")))?;
	let mut file =
		fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path).map_err(
			|e| match e.kind() {
				std::io::ErrorKind::AlreadyExists => Error::file(
					path,
					"exists already; a secret is never overwritten (its anchors would be lost)",
				),
				_ => Error::file(path, format!("cannot create: {e}")),
			},
		)?;
	let written = file
		.write_all(format!("{}\n", hex::encode(bytes)).as_bytes())
		.and_then(|_| file.sync_all());
	if let Err(e) = written {
		// Do not leave a half-written secret behind.
		let _ = fs::remove_file(path);
		return Err(Error::file(path, format!("cannot write: {e}")));
	}
	Ok(())
}

/// Reads the secret in `path`: 64 hex digits, optionally with `0x` and surrounding whitespace.
pub fn read(path: &Path) -> Result<Secret> {
	let text = fs::read_to_string(path)
		.map_err(|e| Error::file(path, format!("cannot read the secret: {e}")))?;
	let digits = text.trim();
	let digits = digits.strip_prefix("0x").unwrap_or(digits);
	let bytes = hex::decode(digits)
		.map_err(|e| Error::file(path, format!("not a secret: expected 64 hex digits ({e})")))?;
	let bytes: [u8; 32] = bytes.as_slice().try_into().map_err(|_| {
		Error::file(
			path,
			format!("a secret is 32 bytes (64 hex digits); this one has {} bytes", bytes.len()),
		)
	})?;
	Ok(Secret(bytes))
}
