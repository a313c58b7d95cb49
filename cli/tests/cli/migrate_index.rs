//! `genochain migrate-index`: a v2 index from a v1 index and the secret.

use super::*;

#[test]
fn a_v1_index_migrates_to_the_v2_root_of_the_same_genome() {
	let dir = tempfile::tempdir().expect("temp dir");
	let v1 = fingerprint(dir.path(), &fixture("sample.vcf"), &[]);
	assert_eq!(v1["scheme"], "v1");
	let secret = fixture("donor.secret");
	let index = dir.path().join("sample.gnx");
	let migrated: serde_json::Value = serde_json::from_str(&stdout(&genochain(&[
		"migrate-index",
		path(&index),
		"--secret",
		path(&secret),
		"--json",
	])))
	.expect("JSON");
	assert_eq!(migrated["replaces"], v1["root"]);
	let v2_index = dir.path().join("sample.v2.gnx");
	assert_eq!(migrated["index"], path(&v2_index));

	let v2 = fingerprint_as(dir.path(), &fixture("sample.vcf"), "direct", &[]);
	assert_eq!(migrated["root"], v2["root"]);
	assert_eq!(migrated["leaf_count"], v2["leaf_count"]);

	// The migrated index proves.
	let out = stdout(&genochain(&[
		"prove",
		path(&v2_index),
		"--secret",
		path(&secret),
		"--variant",
		"2:500:C:T",
	]));
	assert!(out.contains("\"scheme\": \"v2\""), "{out}");
}

#[test]
fn migration_refuses_a_wrong_secret_and_a_v2_index() {
	let dir = tempfile::tempdir().expect("temp dir");
	fingerprint(dir.path(), &fixture("sample.vcf"), &[]);
	let index = dir.path().join("sample.gnx");
	let other = dir.path().join("other.secret");
	stdout(&genochain(&["secret", "new", path(&other)]));
	let error = stderr(&genochain(&["migrate-index", path(&index), "--secret", path(&other)]));
	assert!(error.contains("the secret is not the one"), "{error}");
	assert!(!dir.path().join("sample.v2.gnx").exists());

	let secret = fixture("donor.secret");
	stdout(&genochain(&["migrate-index", path(&index), "--secret", path(&secret)]));
	let v2 = dir.path().join("sample.v2.gnx");
	let error = stderr(&genochain(&["migrate-index", path(&v2), "--secret", path(&secret)]));
	assert!(error.contains("is already a scheme v2 index"), "{error}");
}
