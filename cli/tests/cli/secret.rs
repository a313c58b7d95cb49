//! `genochain secret new`, and the secret files `--secret` reads.

use super::*;

#[test]
fn a_secret_of_32_raw_bytes_gives_the_root_of_the_same_secret_in_hex() {
	let dir = tempfile::tempdir().expect("temp dir");
	let raw = dir.path().join("raw.secret");
	fs::write(&raw, donor_secret().0).expect("write");
	let sample = fixture("sample.vcf");
	let index = dir.path().join("raw.gnx");
	let with_raw: serde_json::Value = serde_json::from_str(&stdout(&genochain(&[
		"fingerprint",
		path(&sample),
		"--secret",
		path(&raw),
		"--index",
		path(&index),
		"--json",
	])))
	.expect("JSON");
	let with_hex = fingerprint(dir.path(), &sample, &["--scheme", "v2"]);
	assert_eq!(with_raw["root"], with_hex["root"]);
}

#[test]
fn secrets_are_created_once_and_checked_for_length() {
	let dir = tempfile::tempdir().expect("temp dir");
	let secret = dir.path().join("me.secret");
	let created = genochain(&["secret", "new", path(&secret)]);
	assert!(created.status.success());
	let mode = fs::metadata(&secret).expect("written").permissions().mode();
	assert_eq!(mode & 0o777, 0o600);
	let first = fs::read_to_string(&secret).expect("readable");
	assert_eq!(first.trim().len(), 64);
	let error = stderr(&genochain(&["secret", "new", path(&secret)]));
	assert!(error.contains("exists already; a secret is never overwritten"), "{error}");
	assert_eq!(fs::read_to_string(&secret).expect("readable"), first, "untouched");

	let sample = fixture("sample.vcf");
	let error = stderr(&genochain(&[
		"fingerprint",
		path(&sample),
		"--secret",
		path(&fixture("short.secret")),
	]));
	assert!(
		error.contains(
			"short.secret: holds 8 hex digits, not 64; a secret file holds 64 hex digits (as \
			 `genochain secret new` writes them) or the 32 raw bytes"
		),
		"{error}"
	);
	let not_hex = dir.path().join("not-hex.secret");
	fs::write(&not_hex, "zz".repeat(32)).expect("write");
	let error = stderr(&genochain(&["fingerprint", path(&sample), "--secret", path(&not_hex)]));
	assert!(
		error.contains("not-hex.secret: holds 64 bytes that are neither; a secret file holds"),
		"{error}"
	);
}
