//! `genochain fingerprint`: every input format giving the library's root, the index, samples,
//! assemblies, and every bad input refused with its line.

use super::*;

#[test]
fn every_format_and_file_order_gives_the_library_root() {
	let dir = tempfile::tempdir().expect("temp dir");
	let expected = Fingerprint::new(&donor_secret(), sample_variants()).expect("valid");
	for input in [
		"sample.vcf",
		"sample.vcf.gz",
		"sample.plain.vcf.gz",
		"sample.bcf",
		"sample_chrM_first.vcf",
	] {
		let report = fingerprint(dir.path(), &fixture(input), &[]);
		assert_eq!(report["root"], format!("{:?}", expected.root()), "{input}");
		assert_eq!(report["leaf_count"], 14, "{input}");
		assert_eq!(report["assembly"], "GRCh38", "{input}");
		assert_eq!(report["sample"], "donor", "{input}");
		assert_eq!(report["skipped_other_contigs"], 2, "{input}");
	}
	let mode = fs::metadata(dir.path().join("sample.gnx")).expect("index").permissions().mode();
	assert_eq!(mode & 0o777, 0o600, "the index holds a genotype");
}

#[test]
fn the_index_defaults_to_the_input_name_and_text_output_is_readable() {
	let dir = tempfile::tempdir().expect("temp dir");
	let input = dir.path().join("donor.vcf.gz");
	fs::copy(fixture("sample.vcf.gz"), &input).expect("copy");
	let text = stdout(&genochain(&[
		"fingerprint",
		path(&input),
		"--secret",
		path(&fixture("donor.secret")),
	]));
	assert!(text.contains("leaves      14"), "{text}");
	assert!(dir.path().join("donor.gnx").exists());
}

#[test]
fn a_multi_sample_file_needs_a_named_sample() {
	let dir = tempfile::tempdir().expect("temp dir");
	let secret = fixture("donor.secret");
	let trio = fixture("trio.vcf");
	let error = stderr(&genochain(&["fingerprint", path(&trio), "--secret", path(&secret)]));
	assert!(
		error.contains(
			"trio.vcf: has 3 samples (mother, father, child); choose one with --sample NAME"
		),
		"{error}"
	);
	let error = stderr(&genochain(&[
		"fingerprint",
		path(&trio),
		"--secret",
		path(&secret),
		"--sample",
		"uncle",
	]));
	assert!(
		error.contains("has no sample named \"uncle\" (samples: mother, father, child)"),
		"{error}"
	);
	let child = fingerprint(dir.path(), &trio, &["--sample", "child"]);
	assert_eq!(child["leaf_count"], 2);
	let mother = fingerprint(dir.path(), &trio, &["--sample", "mother"]);
	assert_eq!(mother["leaf_count"], 1);
}

#[test]
fn the_assembly_comes_from_the_header_or_the_command_line() {
	let dir = tempfile::tempdir().expect("temp dir");
	let secret = fixture("donor.secret");
	let bare = fixture("no_assembly.vcf");
	let error = stderr(&genochain(&["fingerprint", path(&bare), "--secret", path(&secret)]));
	assert!(error.contains("no_assembly.vcf: cannot tell the reference assembly"), "{error}");
	assert_eq!(fingerprint(dir.path(), &bare, &["--assembly", "hg19"])["assembly"], "GRCh37");
	let error = stderr(&genochain(&[
		"fingerprint",
		path(&fixture("sample.vcf")),
		"--secret",
		path(&secret),
		"--assembly",
		"GRCh37",
	]));
	assert!(error.contains("its header describes GRCh38 but --assembly says GRCh37"), "{error}");
}

/// Every bad input stops with its message, names the file and line, and writes no index.
#[test]
fn bad_inputs_are_refused_with_their_line_and_nothing_is_written() {
	let dir = tempfile::tempdir().expect("temp dir");
	let truncated = dir.path().join("truncated.vcf.gz");
	let whole = fs::read(fixture("sample.vcf.gz")).expect("fixture");
	fs::write(&truncated, &whole[..whole.len() - 40]).expect("write");
	let cut_mid_block = dir.path().join("cut.vcf.gz");
	fs::write(&cut_mid_block, &whole[..whole.len() / 2]).expect("write");
	let empty = dir.path().join("empty.vcf");
	fs::write(&empty, b"").expect("write");

	let cases: Vec<(PathBuf, &str)> = vec![
		(fixture("no_header.vcf"), "no_header.vcf: line 1: missing VCF header"),
		(empty, "empty.vcf: is empty: missing VCF header"),
		(fixture("no_samples.vcf"), "no_samples.vcf: has no sample column"),
		(fixture("unsorted.vcf"), "unsorted.vcf: line 19: unsorted: position 10352 comes after 13116 on chromosome 1"),
		(
			fixture("unsorted_chromosomes.vcf"),
			"unsorted_chromosomes.vcf: line 19: unsorted: chromosome 1 appears again after chromosome 2",
		),
		(
			fixture("duplicated.vcf"),
			"duplicated.vcf: line 19: duplicated record: 1:13116:T:G was given before, at line 18",
		),
		(fixture("bad_allele.vcf"), "bad_allele.vcf: line 18: REF allele AXG holds something other than A, C, G, T or N"),
		(fixture("symbolic.vcf"), "symbolic.vcf: line 18: symbolic ALT allele <DEL> cannot be fingerprinted"),
		(fixture("spanning_deletion.vcf"), "spanning_deletion.vcf: line 18: ALT allele * holds something other than A, C, G, T or N"),
		(truncated, "truncated.vcf.gz: truncated bgzip file: the end-of-file block is missing"),
		(cut_mid_block, "cut.vcf.gz: truncated bgzip file"),
		(dir.path().join("missing.vcf"), "missing.vcf: cannot open"),
	];
	let secret = fixture("donor.secret");
	for (input, message) in cases {
		let index = dir.path().join("out.gnx");
		let error = stderr(&genochain(&[
			"fingerprint",
			path(&input),
			"--secret",
			path(&secret),
			"--index",
			path(&index),
		]));
		assert!(error.contains(message), "{}: {error}", input.display());
		assert!(!error.contains("panicked"), "{error}");
		assert!(!index.exists(), "{}: an index was written", input.display());
	}
	let leftovers: Vec<_> = fs::read_dir(dir.path())
		.expect("dir")
		.filter_map(|e| e.ok())
		.map(|e| e.file_name().to_string_lossy().into_owned())
		.filter(|name| name.starts_with(".tmp"))
		.collect();
	assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}
