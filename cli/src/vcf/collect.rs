//! Gathering one sample's canonical variants record by record, whichever format they were read
//! from, with the checks of order, alleles and genotype.

use super::{assembly_of, list, Genome, Options};
use crate::{
	error::{Error, Location, Result},
	normalise::Normaliser,
};
use codec::Encode;
use genochain_primitives::fingerprint::{
	check_allele, Assembly, Chromosome, VariantError, Zygosity,
};
use noodles::vcf;
use std::path::Path;

/// Where a record is in its file: a line of a VCF, or a record of a BCF (1-based).
#[derive(Clone, Copy, Debug)]
pub enum At {
	Line(u64),
	Record(u64),
}

impl At {
	fn in_file(self, name: &str) -> Location {
		match self {
			At::Line(line) => Location::Line(name.to_string(), line),
			At::Record(record) => Location::Record(name.to_string(), record),
		}
	}
}

/// Why the sample's GT could not be read.
pub(super) enum GenotypeProblem {
	/// The record has fewer sample columns than the header.
	NoColumn,
	/// FORMAT has no GT.
	NoGt,
	/// GT holds something other than a genotype.
	NotAGenotype,
	/// GT is malformed.
	Unreadable(String),
}

/// What the collector reads from a record: CHROM, POS, and REF, ALT and one sample's GT into
/// reused buffers. Each `Err` says in words what is wrong with the field.
pub(super) trait Site {
	/// CHROM.
	fn chromosome_name<'a>(
		&'a self,
		header: &'a vcf::Header,
	) -> std::result::Result<&'a [u8], String>;
	/// POS.
	fn position(&self) -> std::result::Result<u32, String>;
	/// REF, into `bases`.
	fn reference_into(&self, bases: &mut Vec<u8>) -> std::result::Result<(), String>;
	/// The ALT alleles back to back into `bases`, with the end of each into `ends`; none for `.`.
	fn alternates_into(
		&self,
		bases: &mut Vec<u8>,
		ends: &mut Vec<usize>,
	) -> std::result::Result<(), String>;
	/// The alleles of the GT of sample `index` into `alleles`: `Some(n)` for allele `n` (0 is
	/// REF), `None` for a missing allele; nothing when the whole genotype is missing.
	fn genotype_into(
		&self,
		header: &vcf::Header,
		index: usize,
		alleles: &mut Vec<Option<usize>>,
	) -> std::result::Result<(), GenotypeProblem>;
}

/// Reads a VCF GT value such as `0/1`, `1|2`, `./1`, `1` or `.` (VCF 4.4 also allows a leading
/// phasing mark, `|0|1`).
pub(super) fn parse_genotype(
	gt: &[u8],
	alleles: &mut Vec<Option<usize>>,
) -> std::result::Result<(), GenotypeProblem> {
	if gt.is_empty() {
		return Err(GenotypeProblem::Unreadable("GT is empty".into()));
	}
	if gt == b"." {
		return Ok(());
	}
	let gt = gt.strip_prefix(b"/").or_else(|| gt.strip_prefix(b"|")).unwrap_or(gt);
	let unreadable = |allele: &[u8]| {
		GenotypeProblem::Unreadable(format!(
			"{:?} is not a genotype (allele {:?})",
			String::from_utf8_lossy(gt),
			String::from_utf8_lossy(allele)
		))
	};
	for allele in gt.split(|&b| b == b'/' || b == b'|') {
		if allele == b"." {
			alleles.push(None);
			continue;
		}
		if allele.is_empty() {
			return Err(unreadable(allele));
		}
		let mut number = 0usize;
		for &digit in allele {
			number = number
				.checked_mul(10)
				.and_then(|tens| tens.checked_add(usize::from(digit.wrapping_sub(b'0'))))
				.filter(|_| digit.is_ascii_digit())
				.ok_or_else(|| unreadable(allele))?;
		}
		alleles.push(Some(number));
	}
	Ok(())
}

/// One ALT allele the sample carries at the current position, before canonical sorting. Its
/// alleles, upper-cased, are in `Collector::pending_bases` at `start`: REF, then ALT.
struct Carried {
	start: usize,
	reference: usize,
	alternate: usize,
	zygosity: Zygosity,
	at: At,
}

/// What every part of a file is collected with: its name, header, sample and assembly.
#[derive(Clone)]
pub(super) struct Setting<'h> {
	name: String,
	header: &'h vcf::Header,
	sample: String,
	sample_index: usize,
	assembly: Assembly,
}

/// Where a new chromosome began, within a part of a file.
struct Run {
	chromosome: Chromosome,
	position: u32,
	at: At,
}

/// Gathers the canonical variants record by record and checks the order. Buffers are reused
/// from record to record: reading a genome allocates little beyond the variants it keeps.
///
/// A file may be read in parts, each gathered by a collector of its own
/// ([`Collector::part`]) and joined in the file's order ([`Collector::join`]). Parts are cut
/// between records of two different sites, so no site is split; what a part cannot check alone
/// (that it continues where the part before it ended), `join` checks with the runs of
/// chromosomes the part recorded.
pub(super) struct Collector<'h> {
	setting: Setting<'h>,
	/// How variants are written into the fingerprint.
	normaliser: &'h mut Normaliser,
	pub(super) records: u64,
	skipped_other_contigs: u64,
	encoded: Vec<Vec<u8>>,
	lengths: Vec<Vec<u16>>,
	/// The chromosome being read, and the chromosomes finished.
	current: Option<Chromosome>,
	finished: [bool; 25],
	/// Where each chromosome read began.
	runs: Vec<Run>,
	/// The position being read and the variants carried there.
	position: u32,
	pending: Vec<Carried>,
	pending_bases: Vec<u8>,
	/// REF of the record being read.
	reference: Vec<u8>,
	/// ALT of the record being read, back to back, and where each ends.
	alternates: Vec<u8>,
	alternate_ends: Vec<usize>,
	/// The alleles of the sample's GT in the record being read (`None`: missing).
	alleles: Vec<Option<usize>>,
	/// Copies of each ALT in the sample's genotype.
	copies: Vec<usize>,
}

/// A part of a file, collected: see [`Collector::join`].
pub(super) struct Part {
	records: u64,
	skipped_other_contigs: u64,
	encoded: Vec<Vec<u8>>,
	lengths: Vec<Vec<u16>>,
	runs: Vec<Run>,
	position: u32,
	trimmed: u64,
	left_aligned: u64,
	error: Option<Error>,
}

/// An error at `at` in the file `name`.
pub(super) fn error_at(name: &str, at: At, problem: impl std::fmt::Display) -> Error {
	Error::at(at.in_file(name), problem)
}

impl<'h> Collector<'h> {
	pub(super) fn new(
		name: &str,
		header: &'h vcf::Header,
		options: &Options,
		normaliser: &'h mut Normaliser,
	) -> Result<Self> {
		let file = || Location::File(name.to_string());
		let samples: Vec<&String> = header.sample_names().iter().collect();
		let sample_index = match (options.sample, samples.len()) {
			(_, 0) => {
				return Err(Error::at(
					file(),
					"has no sample column: there is no genotype to fingerprint",
				))
			}
			(None, 1) => 0,
			(None, _) => {
				return Err(Error::at(
					file(),
					format!(
						"has {} samples ({}); choose one with --sample NAME",
						samples.len(),
						list(&samples)
					),
				))
			}
			(Some(wanted), _) => {
				samples.iter().position(|s| s.as_str() == wanted).ok_or_else(|| {
					Error::at(
						file(),
						format!("has no sample named {wanted:?} (samples: {})", list(&samples)),
					)
				})?
			}
		};
		let assembly = match (options.assembly, assembly_of(header)) {
			(Some(given), Some(found)) if given != found =>
				return Err(Error::at(
					file(),
					format!("its header describes {} but --assembly says {}", found.name(), given.name()),
				)),
			(Some(assembly), _) | (None, Some(assembly)) => assembly,
			(None, None) =>
				return Err(Error::at(
					file(),
					"cannot tell the reference assembly from the header (no chromosome 1 length, no ##reference); pass --assembly GRCh37, GRCh38 or T2T-CHM13",
				)),
		};
		if let Some(reference) = normaliser.reference() {
			if let Some(other) = reference.assembly().filter(|other| *other != assembly) {
				return Err(Error::file(
					reference.path(),
					format!("is {}, but {name} is on {}", other.name(), assembly.name()),
				));
			}
		}
		let setting = Setting {
			name: name.to_string(),
			header,
			sample: samples[sample_index].clone(),
			sample_index,
			assembly,
		};
		Ok(Collector::part(setting, normaliser))
	}

	/// A normaliser like this collector's, for a part collected on another thread.
	pub(super) fn fork_normaliser(&self) -> Result<Normaliser> {
		self.normaliser.fork()
	}

	/// The setting parts of the file are collected with.
	pub(super) fn setting(&self) -> Setting<'h> {
		self.setting.clone()
	}

	/// An empty collector for a part of the file.
	pub(super) fn part(setting: Setting<'h>, normaliser: &'h mut Normaliser) -> Self {
		Collector {
			setting,
			normaliser,
			records: 0,
			skipped_other_contigs: 0,
			encoded: vec![Vec::new(); 25],
			lengths: vec![Vec::new(); 25],
			current: None,
			finished: [false; 25],
			runs: Vec::new(),
			position: 0,
			pending: Vec::new(),
			pending_bases: Vec::new(),
			reference: Vec::new(),
			alternates: Vec::new(),
			alternate_ends: Vec::new(),
			alleles: Vec::new(),
			copies: Vec::new(),
		}
	}

	pub(super) fn add(&mut self, record: &impl Site, at: At) -> Result<()> {
		self.records += 1;
		let name = record
			.chromosome_name(self.setting.header)
			.map_err(|e| error_at(&self.setting.name, at, format!("cannot read CHROM: {e}")))?;
		let Some(chromosome) = Chromosome::parse(name) else {
			self.skipped_other_contigs += 1;
			return Ok(());
		};
		let position = record.position().map_err(|e| error_at(&self.setting.name, at, e))?;

		// Order: chromosomes in one block each, positions never decreasing within one.
		if self.current != Some(chromosome) {
			self.flush()?;
			self.begin(Run { chromosome, position, at })?;
		} else if position < self.position {
			return Err(self.unsorted(chromosome, position, at));
		} else if position > self.position {
			self.flush()?;
			self.position = position;
		}

		record
			.reference_into(&mut self.reference)
			.map_err(|e| error_at(&self.setting.name, at, format!("cannot read REF: {e}")))?;
		check_allele(&self.reference).map_err(|e| {
			error_at(&self.setting.name, at, allele_problem("REF", &self.reference, e))
		})?;

		let mut alternates = std::mem::take(&mut self.alternates);
		let mut alternate_ends = std::mem::take(&mut self.alternate_ends);
		record
			.alternates_into(&mut alternates, &mut alternate_ends)
			.map_err(|e| error_at(&self.setting.name, at, format!("cannot read ALT: {e}")))?;
		let result = self.add_alternates(record, &alternates, &alternate_ends, at);
		self.alternates = alternates;
		self.alternate_ends = alternate_ends;
		result
	}

	/// Moves on to a new chromosome, unless it was read before.
	fn begin(&mut self, run: Run) -> Result<()> {
		if self.finished[usize::from(run.chromosome.number() - 1)] {
			return Err(error_at(
				&self.setting.name,
				run.at,
				format!(
					"unsorted: chromosome {} appears again after chromosome {}; sort the file (bcftools sort)",
					run.chromosome.name(),
					self.current.map(Chromosome::name).unwrap_or_default()
				),
			));
		}
		if let Some(previous) = self.current {
			self.finished[usize::from(previous.number() - 1)] = true;
		}
		self.current = Some(run.chromosome);
		self.position = run.position;
		self.runs.push(run);
		Ok(())
	}

	/// The error for `position` coming after a later one on `chromosome`.
	fn unsorted(&self, chromosome: Chromosome, position: u32, at: At) -> Error {
		error_at(
			&self.setting.name,
			at,
			format!(
				"unsorted: position {position} comes after {} on chromosome {}; sort the file (bcftools sort)",
				self.position,
				chromosome.name()
			),
		)
	}

	/// What this part of the file holds, its last site's variants included, or `error`, the
	/// part's first, if reading it stopped at one.
	pub(super) fn into_part(mut self, error: Option<Error>) -> Part {
		let error = match error {
			Some(error) => Some(error),
			None => self.flush().err(),
		};
		Part {
			records: self.records,
			skipped_other_contigs: self.skipped_other_contigs,
			encoded: self.encoded,
			lengths: self.lengths,
			runs: self.runs,
			position: self.position,
			trimmed: std::mem::take(&mut self.normaliser.trimmed),
			left_aligned: std::mem::take(&mut self.normaliser.left_aligned),
			error,
		}
	}

	/// Appends `part`, the next part of the file, after checking that it continues the order of
	/// what came before; its first error, if it has one, is the file's.
	pub(super) fn join(&mut self, part: Part) -> Result<()> {
		self.records += part.records;
		self.skipped_other_contigs += part.skipped_other_contigs;
		self.normaliser.trimmed += part.trimmed;
		self.normaliser.left_aligned += part.left_aligned;
		for run in part.runs {
			match self.current {
				// Only a part's first run can continue the chromosome before it, and never at
				// the same position: parts are cut between two sites.
				Some(current) if current == run.chromosome => {
					if run.position < self.position {
						return Err(self.unsorted(run.chromosome, run.position, run.at));
					}
					self.position = run.position;
				}
				_ => self.begin(run)?,
			}
		}
		if let Some(error) = part.error {
			return Err(error);
		}
		self.position = part.position;
		for (slot, (encoded, lengths)) in part.encoded.into_iter().zip(part.lengths).enumerate() {
			self.encoded[slot].extend_from_slice(&encoded);
			self.lengths[slot].extend_from_slice(&lengths);
		}
		Ok(())
	}

	/// Adds the ALT alleles of the record (back to back in `alternates`, ending at `ends`) that
	/// the sample carries.
	fn add_alternates(
		&mut self,
		record: &impl Site,
		alternates: &[u8],
		ends: &[usize],
		at: At,
	) -> Result<()> {
		if ends.is_empty() {
			// ALT is '.': a reference-only site, no variant.
			return Ok(());
		}
		let ploidy = self.genotype(record, ends.len(), at)?;
		let starts = std::iter::once(0).chain(ends.iter().copied());
		for (index, (start, end)) in starts.zip(ends.iter().copied()).enumerate() {
			let alternate = &alternates[start..end];
			if alternate.starts_with(b"<") || alternate.iter().any(|b| matches!(b, b'[' | b']')) {
				return Err(error_at(
					&self.setting.name,
					at,
					format!("symbolic ALT allele {} cannot be fingerprinted: scheme v1 commits sequence alleles only", String::from_utf8_lossy(alternate)),
				));
			}
			check_allele(alternate).map_err(|e| {
				error_at(&self.setting.name, at, allele_problem("ALT", alternate, e))
			})?;
			if alternate.eq_ignore_ascii_case(&self.reference) {
				return Err(error_at(
					&self.setting.name,
					at,
					format!("ALT {} equals REF", String::from_utf8_lossy(alternate)),
				));
			}
			let copies = self.copies[index];
			if copies == 0 {
				continue;
			}
			let zygosity = if ploidy == 1 {
				Zygosity::Hemizygous
			} else if copies == ploidy {
				Zygosity::Homozygous
			} else {
				Zygosity::Heterozygous
			};
			let start = self.pending_bases.len();
			self.pending_bases.extend(self.reference.iter().map(u8::to_ascii_uppercase));
			self.pending_bases.extend(alternate.iter().map(u8::to_ascii_uppercase));
			self.pending.push(Carried {
				start,
				reference: self.reference.len(),
				alternate: alternate.len(),
				zygosity,
				at,
			});
		}
		Ok(())
	}

	/// Counts the copies of each ALT in the sample's GT into `self.copies`; returns the ploidy.
	fn genotype(&mut self, record: &impl Site, alternates: usize, at: At) -> Result<usize> {
		let fail = |problem: String| error_at(&self.setting.name, at, problem);
		let mut alleles = std::mem::take(&mut self.alleles);
		let read =
			record.genotype_into(self.setting.header, self.setting.sample_index, &mut alleles);
		self.alleles = alleles;
		match read {
			Ok(()) => {}
			Err(GenotypeProblem::NoColumn) => {
				return Err(fail(format!("has no column for sample {}", self.setting.sample)))
			}
			Err(GenotypeProblem::NoGt) => {
				return Err(fail(format!("sample {} has no GT field", self.setting.sample)))
			}
			Err(GenotypeProblem::NotAGenotype) => {
				return Err(fail(format!("GT of sample {} is not a genotype", self.setting.sample)))
			}
			Err(GenotypeProblem::Unreadable(e)) => {
				return Err(fail(format!("cannot read GT of sample {}: {e}", self.setting.sample)))
			}
		}
		self.copies.clear();
		self.copies.resize(alternates, 0);
		for index in self.alleles.iter().flatten().copied().filter(|&index| index > 0) {
			*self.copies.get_mut(index - 1).ok_or_else(|| {
				fail(format!(
					"GT of sample {} names allele {index}, but there are {alternates} ALT alleles",
					self.setting.sample
				))
			})? += 1;
		}
		Ok(self.alleles.len())
	}

	/// The REF and ALT of a pending variant.
	fn alleles(&self, carried: &Carried) -> (&[u8], &[u8]) {
		let bases = &self.pending_bases
			[carried.start..carried.start + carried.reference + carried.alternate];
		bases.split_at(carried.reference)
	}

	/// Appends the variants of the finished position in canonical (REF, ALT) order.
	fn flush(&mut self) -> Result<()> {
		let Some(chromosome) = self.current else { return Ok(()) };
		let mut pending = std::mem::take(&mut self.pending);
		pending.sort_by(|a, b| self.alleles(a).cmp(&self.alleles(b)));
		for pair in pending.windows(2) {
			if self.alleles(&pair[0]) == self.alleles(&pair[1]) {
				let (reference, alternate) = self.alleles(&pair[1]);
				return Err(error_at(
					&self.setting.name,
					pair[1].at,
					format!(
						"duplicated record: {}:{}:{}:{} was given before, at {}",
						chromosome.name(),
						self.position,
						String::from_utf8_lossy(reference),
						String::from_utf8_lossy(alternate),
						pair[0].at.in_file(&self.setting.name).within_file()
					),
				));
			}
		}
		let slot = usize::from(chromosome.number() - 1);
		for carried in &pending {
			let (start, end) =
				(carried.start, carried.start + carried.reference + carried.alternate);
			let (reference, alternate) = self.pending_bases[start..end].split_at(carried.reference);
			let normalised = self
				.normaliser
				.apply(chromosome, self.position, reference, alternate)
				.map_err(|e| error_at(&self.setting.name, carried.at, e))?;
			let before = self.encoded[slot].len();
			encode_variant(
				&mut self.encoded[slot],
				chromosome,
				normalised.position,
				&normalised.reference,
				&normalised.alternate,
				carried.zygosity,
			);
			// Alleles are at most 1024 bases each, so an encoding is far below 64 KiB.
			let length = u16::try_from(self.encoded[slot].len() - before).unwrap_or(u16::MAX);
			self.lengths[slot].push(length);
		}
		pending.clear();
		self.pending = pending;
		self.pending_bases.clear();
		Ok(())
	}

	pub(super) fn finish(mut self, path: &Path) -> Result<Genome> {
		self.flush()?;
		let genome = Genome {
			assembly: self.setting.assembly,
			sample: self.setting.sample,
			records: self.records,
			skipped_other_contigs: self.skipped_other_contigs,
			encoded: self.encoded,
			lengths: self.lengths,
		};
		if genome.leaf_count() == 0 {
			return Err(Error::file(
				path,
				format!("sample {} carries no variant on chromosomes 1-22, X, Y or MT: there is nothing to fingerprint", genome.sample),
			));
		}
		if genome.leaf_count() > u64::from(u32::MAX) {
			return Err(Error::file(path, "holds more variants than scheme v1 can count"));
		}
		Ok(genome)
	}
}

/// The SCALE encoding of a canonical `Variant`, written without building one: the fields in
/// declaration order, alleles as length-prefixed bytes. A unit test holds it equal to
/// `Variant::encode`.
pub fn encode_variant(
	out: &mut Vec<u8>,
	chromosome: Chromosome,
	position: u32,
	reference: &[u8],
	alternate: &[u8],
	zygosity: Zygosity,
) {
	chromosome.encode_to(out);
	out.extend_from_slice(&position.to_le_bytes());
	for allele in [reference, alternate] {
		// SCALE's compact length: one byte below 64, which nearly every allele is.
		match u8::try_from(allele.len()) {
			Ok(length) if length < 64 => out.push(length << 2),
			_ => codec::Compact(allele.len() as u32).encode_to(out),
		}
		out.extend_from_slice(allele);
	}
	zygosity.encode_to(out);
}

/// Says in words why `allele` is not a canonical allele.
pub fn allele_problem(field: &str, allele: &[u8], error: VariantError) -> String {
	let shown = String::from_utf8_lossy(&allele[..allele.len().min(40)]).into_owned();
	match error {
		VariantError::EmptyAllele => format!("{field} is empty"),
		VariantError::AlleleTooLong => format!(
			"{field} allele of {} bases is longer than the {} bases scheme v1 commits",
			allele.len(),
			genochain_primitives::fingerprint::MAX_ALLELE_LEN
		),
		_ => format!("{field} allele {shown} holds something other than A, C, G, T or N"),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use genochain_primitives::fingerprint::{parse_allele, Variant, VariantKey};

	#[test]
	fn genotypes_are_read_as_vcf_writes_them() {
		let read = |gt: &str| {
			let mut alleles = Vec::new();
			parse_genotype(gt.as_bytes(), &mut alleles).map(|()| alleles)
		};
		for (gt, expected) in [
			("0/1", vec![Some(0), Some(1)]),
			("1|2", vec![Some(1), Some(2)]),
			("./1", vec![None, Some(1)]),
			("1", vec![Some(1)]),
			("./.", vec![None, None]),
			(".", vec![]),
			("|0|1", vec![Some(0), Some(1)]),
			("0/1/2", vec![Some(0), Some(1), Some(2)]),
		] {
			assert_eq!(read(gt).ok(), Some(expected), "{gt}");
		}
		for malformed in ["", "0/", "a/1", "0//1", "-1"] {
			assert!(
				matches!(read(malformed), Err(GenotypeProblem::Unreadable(_))),
				"{malformed:?} is not a genotype"
			);
		}
	}

	#[test]
	fn the_hand_encoding_is_the_variant_encoding() {
		for (reference, alternate, zygosity) in [
			("A", "G", Zygosity::Heterozygous),
			("ACGT", "A", Zygosity::Homozygous),
			("N", "TTTTT", Zygosity::Hemizygous),
		] {
			let chromosome = Chromosome::X;
			let variant = Variant {
				key: VariantKey {
					chromosome,
					position: 155_000_000,
					reference: parse_allele(reference.as_bytes()).expect("bases"),
					alternate: parse_allele(alternate.as_bytes()).expect("bases"),
				},
				zygosity,
			};
			let mut out = Vec::new();
			encode_variant(
				&mut out,
				chromosome,
				155_000_000,
				reference.as_bytes(),
				alternate.as_bytes(),
				zygosity,
			);
			assert_eq!(out, variant.encode());
		}
		// Lengths either side of SCALE's one-byte compact length, and the longest allele.
		for (length, base, position, zygosity) in [
			(63, b'G', 7, Zygosity::Homozygous),
			(64, b'G', 7, Zygosity::Homozygous),
			(65, b'G', 7, Zygosity::Homozygous),
			(300, b'G', 7, Zygosity::Homozygous),
			(1024, b'A', 1, Zygosity::Hemizygous),
		] {
			let bases = vec![base; length];
			let mut out = Vec::new();
			encode_variant(&mut out, Chromosome::MT, position, &bases, b"C", zygosity);
			let variant = Variant {
				key: VariantKey {
					chromosome: Chromosome::MT,
					position,
					reference: parse_allele(&bases).expect("bases"),
					alternate: parse_allele(b"C").expect("bases"),
				},
				zygosity,
			};
			assert_eq!(out, variant.encode(), "{length} bases");
		}
	}
}
