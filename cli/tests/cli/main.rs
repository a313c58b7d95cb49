//! The `genochain` binary on the committed fixtures: every command, every refused input with its
//! message, and the runtime accepting what the CLI makes. One file per command; the helpers they
//! share are here.

mod chain;
mod consent;
mod fingerprint;
mod migrate_index;
mod prove;
mod runtime;
mod scheme_v2;
mod secret;

use codec::Decode;
use genochain_primitives::fingerprint::{
	parse_allele, v1::Fingerprint, Chromosome, Scheme, Secret, Variant, VariantKey, VariantProof,
	Zygosity,
};
use std::{
	fs,
	os::unix::fs::PermissionsExt,
	path::{Path, PathBuf},
	process::{Command, Output},
};

fn fixture(name: &str) -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn genochain(args: &[&str]) -> Output {
	Command::new(env!("CARGO_BIN_EXE_genochain")).args(args).output().expect("the binary runs")
}

fn stdout(output: &Output) -> String {
	assert!(output.status.success(), "failed: {}", String::from_utf8_lossy(&output.stderr));
	String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
	assert!(!output.status.success(), "succeeded: {}", String::from_utf8_lossy(&output.stdout));
	String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The standard error of a `verify` that found its proof invalid: exit status 3, not 1.
fn invalid(output: &Output) -> String {
	assert_eq!(
		output.status.code(),
		Some(3),
		"not refused as invalid: {}{}",
		String::from_utf8_lossy(&output.stdout),
		String::from_utf8_lossy(&output.stderr)
	);
	String::from_utf8_lossy(&output.stderr).into_owned()
}

fn path(p: &Path) -> &str {
	p.to_str().expect("utf-8 paths")
}

/// Fingerprints `input` with the donor's secret into `dir/{name}.gnx` (in the default scheme
/// unless `extra` names one) and returns the JSON report.
fn fingerprint_as(dir: &Path, input: &Path, name: &str, extra: &[&str]) -> serde_json::Value {
	let index = dir.join(format!("{name}.gnx"));
	let secret = fixture("donor.secret");
	let mut args = vec![
		"fingerprint",
		path(input),
		"--secret",
		path(&secret),
		"--index",
		path(&index),
		"--json",
	];
	args.extend_from_slice(extra);
	serde_json::from_str(&stdout(&genochain(&args))).expect("JSON")
}

/// Fingerprints `input` into `dir/sample.gnx`, in scheme v1 unless `extra` names a scheme.
fn fingerprint(dir: &Path, input: &Path, extra: &[&str]) -> serde_json::Value {
	let mut extra = extra.to_vec();
	if !extra.contains(&"--scheme") {
		extra.extend_from_slice(&["--scheme", "v1"]);
	}
	fingerprint_as(dir, input, "sample", &extra)
}

fn key(chromosome: u8, position: u32, reference: &str, alternate: &str) -> VariantKey {
	VariantKey {
		chromosome: Chromosome::from_number(chromosome).expect("1-25"),
		position,
		reference: parse_allele(reference.as_bytes()).expect("bases"),
		alternate: parse_allele(alternate.as_bytes()).expect("bases"),
	}
}

/// The canonical variants of `sample.vcf`, written out by hand from its records.
fn sample_variants() -> Vec<Variant> {
	use Zygosity::*;
	[
		(key(1, 10_177, "A", "AC"), Heterozygous),
		(key(1, 10_352, "T", "TA"), Homozygous),
		(key(1, 13_116, "T", "G"), Heterozygous),
		(key(1, 14_000, "G", "A"), Heterozygous),
		(key(1, 14_000, "G", "C"), Heterozygous),
		(key(1, 17_000, "A", "T"), Heterozygous),
		(key(1, 17_000, "AT", "A"), Heterozygous),
		(key(2, 500, "C", "T"), Heterozygous),
		(key(2, 900, "G", "A"), Heterozygous),
		(key(17, 43_045_712, "A", "G"), Heterozygous),
		(key(17, 43_045_800, "AT", "A"), Homozygous),
		(key(23, 2_781_479, "G", "A"), Hemizygous),
		(key(24, 2_786_855, "C", "T"), Hemizygous),
		(key(25, 73, "A", "G"), Hemizygous),
	]
	.into_iter()
	.map(|(key, zygosity)| Variant { key, zygosity })
	.collect()
}

fn donor_secret() -> Secret {
	Secret([7; 32])
}

/// Proves `variant` from `dir/{name}.gnx` and returns the proof file's path and JSON.
fn prove_from(
	dir: &Path,
	name: &str,
	variant: &str,
	extra: &[&str],
) -> (PathBuf, serde_json::Value) {
	let index = dir.join(format!("{name}.gnx"));
	let out = dir.join(format!("{name}_{}.json", variant.replace(':', "_")));
	let secret = fixture("donor.secret");
	let mut args = vec![
		"prove",
		path(&index),
		"--secret",
		path(&secret),
		"--variant",
		variant,
		"--output",
		path(&out),
	];
	args.extend_from_slice(extra);
	stdout(&genochain(&args));
	let json = serde_json::from_str(&fs::read_to_string(&out).expect("written")).expect("JSON");
	(out, json)
}

/// Proves `variant` from the sample's index. A proof of absence is written although it shows
/// the neighbouring variants (`--disclose-neighbours`, scheme v1).
fn prove(dir: &Path, variant: &str) -> (PathBuf, serde_json::Value) {
	prove_from(dir, "sample", variant, &["--disclose-neighbours"])
}
