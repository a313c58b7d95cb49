//! Scheme v2 from the command line: the default scheme, minimal and left-aligned variants, proofs
//! that show nothing but their fact.

use super::*;
use genochain_primitives::fingerprint::v2::build::{Fingerprint as FingerprintV2, Windows};

#[test]
fn v2_is_the_default_and_the_cli_root_is_the_librarys() {
	let dir = tempfile::tempdir().expect("temp dir");
	let report = fingerprint_as(dir.path(), &fixture("sample.vcf"), "sample", &[]);
	assert_eq!(report["scheme"], "v2");
	let windows = Windows::new(&donor_secret());
	let expected = FingerprintV2::new(&windows, &sample_variants()).expect("valid");
	assert_eq!(report["root"], format!("{:?}", expected.root()));
	assert_eq!(report["leaf_count"], sample_variants().len());
	// One thread gives the same root as every core.
	let one = fingerprint_as(dir.path(), &fixture("sample.vcf"), "one", &["--threads", "1"]);
	assert_eq!(one["root"], report["root"]);
	let error = stderr(&genochain(&[
		"fingerprint",
		path(&fixture("sample.vcf")),
		"--secret",
		path(&fixture("donor.secret")),
		"--threads",
		"0",
	]));
	assert!(error.contains("--threads 0"), "{error}");
}

#[test]
fn one_indel_written_two_ways_gives_one_root_once_left_aligned() {
	let dir = tempfile::tempdir().expect("temp dir");
	let (a, b) =
		(fixture("indel_as_written_by_lab_a.vcf"), fixture("indel_as_written_by_lab_b.vcf"));
	// Without the reference, CTT>CT at 100 is trimmed to CT>C at 100, but TT>T at 101 cannot
	// be moved: the base before it is not in the record.
	let minimal_a = fingerprint_as(dir.path(), &a, "a", &[]);
	let minimal_b = fingerprint_as(dir.path(), &b, "b", &[]);
	assert_ne!(minimal_a["root"], minimal_b["root"]);
	assert_eq!(
		minimal_a["variants_written"],
		"minimal representation, 1 trimmed; not left-aligned (no --reference)"
	);
	let reference = fixture("reference.fa");
	let aligned_a = fingerprint_as(dir.path(), &a, "a", &["--reference", path(&reference)]);
	let aligned_b = fingerprint_as(dir.path(), &b, "b", &["--reference", path(&reference)]);
	assert_eq!(aligned_a["root"], aligned_b["root"]);
	assert_eq!(aligned_a["root"], minimal_a["root"]);
	assert_eq!(
		aligned_b["variants_written"],
		"left-aligned against the reference, 1 moved; minimal representation, 0 trimmed"
	);
	// Asked about in lab b's writing, the deletion is proven in the one form the chain accepts
	// once the question is left-aligned too; the chain itself cannot left-align.
	let (_, proof) = prove_from(dir.path(), "b", "1:101:TT:T", &["--reference", path(&reference)]);
	assert_eq!(proof["fact"], "carries 1:100:CT:C heterozygous");
	let (_, proof) = prove_from(dir.path(), "b", "1:101:TT:T", &[]);
	assert_eq!(proof["fact"], "does not carry 1:101:TT:T");
}

#[test]
fn a_reference_that_does_not_fit_is_refused() {
	let dir = tempfile::tempdir().expect("temp dir");
	let secret = fixture("donor.secret");
	let fingerprint = |input: &Path, reference: &Path, extra: &[&str]| {
		let mut args = vec![
			"fingerprint",
			path(input),
			"--secret",
			path(&secret),
			"--reference",
			path(reference),
			"--index",
		];
		let index = dir.path().join("out.gnx");
		args.push(path(&index));
		args.extend_from_slice(extra);
		let error = stderr(&genochain(&args));
		assert!(!index.exists(), "nothing is written");
		error
	};
	let error = fingerprint(&fixture("ref_mismatch.vcf"), &fixture("reference.fa"), &[]);
	assert!(error.contains("ref_mismatch.vcf: line 5"), "{error}");
	assert!(error.contains("REF T at 1:120 is not the reference's C there"), "{error}");

	let unindexed = dir.path().join("unindexed.fa");
	fs::copy(fixture("reference.fa"), &unindexed).expect("copied");
	let error = fingerprint(&fixture("indel_as_written_by_lab_b.vcf"), &unindexed, &[]);
	assert!(error.contains("has no FASTA index"), "{error}");
	assert!(error.contains("samtools faidx"), "{error}");

	let error = fingerprint(&fixture("sample.vcf"), &fixture("reference.fa"), &["--scheme", "v1"]);
	assert!(error.contains("--reference left-aligns variants for scheme v2"), "{error}");
	let error = fingerprint(&fixture("sample.vcf"), &fixture("reference.fa"), &[]);
	assert!(error.contains("sample.vcf: line 17"), "{error}");
	assert!(error.contains("chromosome 1 has 240 bases; position 10177 is beyond it"), "{error}");
}

#[test]
fn v2_proofs_show_their_fact_and_nothing_else() {
	let dir = tempfile::tempdir().expect("temp dir");
	let report = fingerprint_as(dir.path(), &fixture("sample.vcf"), "sample", &[]);
	let root = report["root"].as_str().expect("a root").to_string();
	let (present, json) = prove_from(dir.path(), "sample", "17:43045712:A:G", &[]);
	assert_eq!(json["scheme"], "v2");
	assert_eq!(json["fact"], "carries 17:43045712:A:G heterozygous");
	// An absence proof needs no --disclose-neighbours: it shows no carried variant.
	let (absent, json) = prove_from(dir.path(), "sample", "17:43045713:C:T", &[]);
	assert_eq!(json["fact"], "does not carry 17:43045713:C:T");
	let hex = json["proof"].as_str().expect("hex").trim_start_matches("0x").to_string();
	let bytes = hex::decode(hex).expect("hex");
	for carried in sample_variants() {
		let encoded = codec::Encode::encode(&carried.key);
		assert!(!bytes.windows(encoded.len()).any(|w| w == encoded), "{carried:?} is shown");
	}
	for proof in [&present, &absent] {
		let out = stdout(&genochain(&["verify", path(proof), "--root", &root]));
		assert!(out.starts_with("valid: the genome under"), "{out}");
	}
	// A v2 proof against a v1 root of the same genome.
	let v1 = fingerprint(dir.path(), &fixture("sample.vcf"), &[]);
	let error = invalid(&genochain(&[
		"verify",
		path(&present),
		"--root",
		v1["root"].as_str().expect("a root"),
	]));
	assert!(error.contains("INVALID"), "{error}");
}

#[test]
fn a_proof_cut_short_or_lengthened_is_refused() {
	let dir = tempfile::tempdir().expect("temp dir");
	let report = fingerprint_as(dir.path(), &fixture("sample.vcf"), "sample", &[]);
	let root = report["root"].as_str().expect("a root").to_string();
	let (_, json) = prove_from(dir.path(), "sample", "17:43045713:C:T", &[]);
	let proof = json["proof"].as_str().expect("hex").to_string();
	for (name, edited) in
		[("short", proof[..proof.len() - 2].to_string()), ("long", format!("{proof}00"))]
	{
		let mut file = json.clone();
		file["proof"] = serde_json::Value::String(edited);
		let edited_file = dir.path().join(format!("{name}.json"));
		fs::write(&edited_file, file.to_string()).expect("written");
		let error = invalid(&genochain(&["verify", path(&edited_file), "--root", &root]));
		assert!(
			error.contains("INVALID: \"proof\" is not a variant proof (cut short or added to?)"),
			"{error}"
		);
	}
}
