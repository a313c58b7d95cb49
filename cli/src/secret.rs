//! The contributor's fingerprint secret: 32 random bytes kept in a file readable by its owner only,
//! as 64 hex digits (what `genochain secret new` writes) or as the 32 raw bytes themselves.

use crate::error::{Error, Result};
use genochain_primitives::fingerprint::Secret;
use std::{fs, io::Write, os::unix::fs::OpenOptionsExt, path::Path};

/// Writes a fresh secret to `path`, which must not exist yet; the file is created with mode 0600.
pub fn create(path: &Path) -> Result<()> {
	let mut bytes = [0u8; 32];
	// getrandom's error is no `std::error::Error` without its `std` feature: kept as text.
	getrandom::fill(&mut bytes)
		.map_err(|e| Error::file(path, format!("the system has no randomness to offer: {e}")))?;
	let mut file =
		fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path).map_err(
			|e| match e.kind() {
				std::io::ErrorKind::AlreadyExists => Error::file(
					path,
					"exists already; a secret is never overwritten (its anchors would be lost)",
				),
				_ => Error::file(path, "cannot create").because(e),
			},
		)?;
	let written = file
		.write_all(format!("{}\n", hex::encode(bytes)).as_bytes())
		.and_then(|_| file.sync_all());
	if let Err(e) = written {
		// Do not leave a half-written secret behind.
		let _ = fs::remove_file(path);
		return Err(Error::file(path, "cannot write").because(e));
	}
	Ok(())
}

/// What a secret file holds, for the errors that find something else.
const A_SECRET_FILE_HOLDS: &str =
	"a secret file holds 64 hex digits (as `genochain secret new` writes them) or the 32 raw bytes";

/// Reads the secret in `path`: 64 hex digits (optionally `0x`, and whitespace around), or exactly
/// 32 raw bytes.
pub fn read(path: &Path) -> Result<Secret> {
	let contents =
		fs::read(path).map_err(|e| Error::file(path, "cannot read the secret").because(e))?;
	parse(&contents).map_err(|problem| Error::file(path, problem))
}

/// The secret in a secret file's `contents`, or what is wrong with them.
fn parse(contents: &[u8]) -> std::result::Result<Secret, String> {
	if let Some(digits) = hex_digits(contents) {
		return match hex::decode(digits) {
			Ok(bytes) => bytes.as_slice().try_into().map(Secret).map_err(|_| {
				format!("holds {} hex digits, not 64; {A_SECRET_FILE_HOLDS}", digits.len())
			}),
			Err(_) => Err(format!(
				"holds an odd number of hex digits ({}); {A_SECRET_FILE_HOLDS}",
				digits.len()
			)),
		};
	}
	// Hex text was ruled out above, so 32 bytes are the raw secret. (32 random bytes that are
	// all hex digits, and so read as a short hex secret, come up once in about 10^34.)
	contents.try_into().map(Secret).map_err(|_| match contents.len() {
		0 => format!("is empty; {A_SECRET_FILE_HOLDS}"),
		length => format!("holds {length} bytes that are neither; {A_SECRET_FILE_HOLDS}"),
	})
}

/// The hex digits a text secret file holds, when that is all it holds (with an optional `0x`
/// and whitespace around).
fn hex_digits(contents: &[u8]) -> Option<&str> {
	let text = std::str::from_utf8(contents).ok()?.trim();
	let digits = text.strip_prefix("0x").unwrap_or(text);
	(!digits.is_empty() && digits.bytes().all(|byte| byte.is_ascii_hexdigit())).then_some(digits)
}

#[cfg(test)]
mod tests {
	use super::*;

	const HEX: &str = "07070707070707070707070707070707070707070707070707070707070707ff";

	fn secret() -> Secret {
		let mut bytes = [7; 32];
		bytes[31] = 0xff;
		Secret(bytes)
	}

	#[test]
	fn hex_with_or_without_0x_and_whitespace_and_raw_bytes_read_as_the_same_secret() {
		for contents in
			[HEX.to_string(), format!("{HEX}\n"), format!("  0x{HEX}\r\n"), HEX.to_uppercase()]
		{
			assert_eq!(parse(contents.as_bytes()).map(|s| s.0), Ok(secret().0), "{contents:?}");
		}
		// Raw bytes, not UTF-8 at all (0xff).
		assert_eq!(parse(&secret().0).map(|s| s.0), Ok(secret().0));
		// Raw bytes that happen to be text, but not hex.
		assert_eq!(parse(&[b'z'; 32]).map(|s| s.0), Ok([b'z'; 32]));
	}

	#[test]
	fn anything_else_is_refused_saying_what_a_secret_file_holds() {
		let refused = |contents: &[u8]| parse(contents).map(|s| s.0).expect_err("refused");
		assert_eq!(
			refused(b"deadbeef\n"),
			format!("holds 8 hex digits, not 64; {A_SECRET_FILE_HOLDS}")
		);
		// 32 hex digits are a short hex secret, not 32 raw bytes.
		assert_eq!(
			refused(&[b'a'; 32]),
			format!("holds 32 hex digits, not 64; {A_SECRET_FILE_HOLDS}")
		);
		assert_eq!(
			refused(b"abc"),
			format!("holds an odd number of hex digits (3); {A_SECRET_FILE_HOLDS}")
		);
		assert_eq!(refused(b""), format!("is empty; {A_SECRET_FILE_HOLDS}"));
		assert_eq!(
			refused(&[0xff; 33]),
			format!("holds 33 bytes that are neither; {A_SECRET_FILE_HOLDS}")
		);
		assert_eq!(
			refused("zz".repeat(32).as_bytes()),
			format!("holds 64 bytes that are neither; {A_SECRET_FILE_HOLDS}")
		);
	}
}
