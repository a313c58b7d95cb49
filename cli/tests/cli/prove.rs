//! `genochain prove`, and `genochain verify` offline.

use super::*;

#[test]
fn proofs_of_presence_and_absence_verify_offline() {
	let dir = tempfile::tempdir().expect("temp dir");
	let report = fingerprint(dir.path(), &fixture("sample.vcf"), &[]);
	let root = report["root"].as_str().expect("root").to_string();

	let (present, json) = prove(dir.path(), "17:43045712:A:G");
	assert_eq!(json["fact"], "carries 17:43045712:A:G heterozygous");
	let (absent, json) = prove(dir.path(), "chr17:43045713:A:G");
	assert_eq!(json["fact"], "does not carry 17:43045713:A:G");
	let (_, json) = prove(dir.path(), "1:1:A:G");
	assert_eq!(json["fact"], "does not carry 1:1:A:G");
	let (_, json) = prove(dir.path(), "MT:16000:A:G");
	assert_eq!(json["fact"], "does not carry MT:16000:A:G");

	for proof in [&present, &absent] {
		let text = stdout(&genochain(&["verify", path(proof), "--root", &root]));
		assert!(text.starts_with("valid: the genome under"), "{text}");
	}
	let other_root = format!("0x{}", "11".repeat(32));
	let error = invalid(&genochain(&["verify", path(&present), "--root", &other_root]));
	assert!(error.contains("INVALID: the proof does not hold"), "{error}");
	// With --json, the verdict is on standard output too.
	let refused = genochain(&["verify", path(&present), "--root", &other_root, "--json"]);
	invalid(&refused);
	let verdict: serde_json::Value = serde_json::from_slice(&refused.stdout).expect("JSON");
	assert_eq!(verdict["valid"], false);
	assert_eq!(verdict["checked"], "offline");
	assert_eq!(verdict["root"], other_root.as_str());
	let reason = verdict["reason"].as_str().expect("a reason");
	assert!(reason.starts_with("the proof does not hold against root"), "{reason}");
	let valid: serde_json::Value = serde_json::from_str(&stdout(&genochain(&[
		"verify",
		path(&present),
		"--root",
		&root,
		"--json",
	])))
	.expect("JSON");
	assert_eq!(valid["valid"], true);
	// A proof that cannot be checked is an error, not a verdict: exit status 1.
	let missing = genochain(&["verify", "no-such-proof.json", "--root", &root, "--json"]);
	assert_eq!(missing.status.code(), Some(1));
	assert!(missing.stdout.is_empty(), "no verdict: {}", String::from_utf8_lossy(&missing.stdout));

	// A proof file whose stated fact was edited.
	let mut edited: serde_json::Value =
		serde_json::from_str(&fs::read_to_string(&present).expect("read")).expect("JSON");
	edited["fact"] = "carries 17:43045712:A:G homozygous".into();
	let edited_path = dir.path().join("edited.json");
	fs::write(&edited_path, edited.to_string()).expect("write");
	let error = invalid(&genochain(&["verify", path(&edited_path), "--root", &root]));
	assert!(
		error.contains("INVALID: the proof shows \"carries 17:43045712:A:G heterozygous\""),
		"{error}"
	);

	// A proof whose bytes were tampered with.
	let mut tampered = edited.clone();
	tampered["fact"] = "carries 17:43045712:A:G heterozygous".into();
	let bytes = tampered["proof"].as_str().expect("hex").to_string();
	let flipped =
		format!("{}{}", &bytes[..bytes.len() - 1], if bytes.ends_with('0') { "1" } else { "0" });
	tampered["proof"] = flipped.into();
	fs::write(&edited_path, tampered.to_string()).expect("write");
	let error = invalid(&genochain(&["verify", path(&edited_path), "--root", &root]));
	assert!(error.contains("INVALID"), "{error}");
}

/// A proof of absence in scheme v1 shows the carried variants around the absent one: the CLI
/// writes it only when asked to, and says what it shows.
#[test]
fn a_proof_of_absence_is_written_only_when_its_owner_accepts_what_it_shows() {
	let dir = tempfile::tempdir().expect("temp dir");
	fingerprint(dir.path(), &fixture("sample.vcf"), &[]);
	let index = dir.path().join("sample.gnx");
	let secret = fixture("donor.secret");
	let out = dir.path().join("absent.json");
	let prove_absence = |extra: &[&str]| {
		let mut args = vec![
			"prove",
			path(&index),
			"--secret",
			path(&secret),
			"--variant",
			"17:43045713:A:G",
			"--output",
			path(&out),
		];
		args.extend_from_slice(extra);
		genochain(&args)
	};
	let shown = "carries 17:43045712:A:G heterozygous and carries 17:43045800:AT:A homozygous";

	let error = stderr(&prove_absence(&[]));
	assert!(
		error.contains(&format!(
			"17:43045713:A:G is not in the genome, and its proof of absence (scheme v1) would \
			 show what else it holds: {shown}. Nothing was written; add --disclose-neighbours"
		)),
		"{error}"
	);
	assert!(!out.exists(), "nothing written");

	let written = prove_absence(&["--disclose-neighbours"]);
	assert!(written.status.success(), "{}", String::from_utf8_lossy(&written.stderr));
	let note = String::from_utf8_lossy(&written.stderr);
	assert!(
		note.contains(&format!(
			"note: this proof shows, besides the absence of 17:43045713:A:G: {shown}"
		)),
		"{note}"
	);
	assert!(out.exists());

	// An inclusion proof shows the proven variant only: no flag, no note.
	let included = genochain(&[
		"prove",
		path(&index),
		"--secret",
		path(&secret),
		"--variant",
		"17:43045712:A:G",
	]);
	assert!(included.status.success());
	assert!(String::from_utf8_lossy(&included.stderr).is_empty());
}

#[test]
fn proving_needs_the_right_secret_and_a_well_formed_variant() {
	let dir = tempfile::tempdir().expect("temp dir");
	fingerprint(dir.path(), &fixture("sample.vcf"), &[]);
	let index = dir.path().join("sample.gnx");
	let other = dir.path().join("other.secret");
	stdout(&genochain(&["secret", "new", path(&other)]));
	let error = stderr(&genochain(&[
		"prove",
		path(&index),
		"--secret",
		path(&other),
		"--variant",
		"17:43045712:A:G",
	]));
	assert!(error.contains("the secret is not the one"), "{error}");
	let secret = fixture("donor.secret");
	for (variant, message) in [
		("17:43045712:A", "expected four fields"),
		("17:43045712:A:Q", "ALT allele Q holds something other than A, C, G, T or N"),
		("GL000192.1:5:A:G", "is not one of chromosomes 1-22, X, Y, MT"),
		("17:0:A:G", "positions start at 1"),
		("17:5:A:A", "ALT equals REF"),
	] {
		let error = stderr(&genochain(&[
			"prove",
			path(&index),
			"--secret",
			path(&secret),
			"--variant",
			variant,
		]));
		assert!(error.contains(message), "{variant}: {error}");
	}
	let error = stderr(&genochain(&[
		"prove",
		path(&fixture("sample.vcf")),
		"--secret",
		path(&secret),
		"--variant",
		"1:1:A:G",
	]));
	assert!(error.contains("is not a genochain index"), "{error}");
	let damaged = dir.path().join("damaged.gnx");
	let bytes = fs::read(&index).expect("index");
	fs::write(&damaged, &bytes[..bytes.len() - 3]).expect("write");
	let error = stderr(&genochain(&[
		"prove",
		path(&damaged),
		"--secret",
		path(&secret),
		"--variant",
		"1:1:A:G",
	]));
	assert!(error.contains("the index is damaged"), "{error}");
}
