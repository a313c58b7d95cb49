//! VCF text records read in place: each line of the decompressed stream is split at its tabs
//! where it lies in the reader's buffer, and only the fields the fingerprint needs are looked at.
//! noodles' record reader copies every line into its own buffer and indexes every field; for a
//! whole genome that cost as much as inflating it.

use super::collect::{parse_genotype, GenotypeProblem, Site};
use crate::error::{Error, Result};
use genochain_primitives::fingerprint::Chromosome;
use memchr::{memchr, memchr_iter};
use noodles::vcf;
use std::io::{self, BufRead};

/// CHROM, POS, ID, REF, ALT, QUAL, FILTER, INFO and FORMAT: the columns before the samples.
const FIXED_COLUMNS: usize = 9;
const POS: usize = 1;
const REF: usize = 3;
const ALT: usize = 4;
const FORMAT: usize = 8;

/// One line of a VCF body, split at its first tabs.
pub(super) struct TextRecord<'a> {
	line: &'a [u8],
	/// Where each of the fixed columns starts and ends; columns past `columns` are missing.
	bounds: [(usize, usize); FIXED_COLUMNS],
	columns: usize,
}

impl<'a> TextRecord<'a> {
	/// Splits `line` (without its line end) at its tabs, as far as FORMAT.
	pub(super) fn new(line: &'a [u8]) -> Self {
		let mut bounds = [(0, 0); FIXED_COLUMNS];
		let mut columns = 0;
		let mut start = 0;
		for end in memchr_iter(b'\t', line).chain(std::iter::once(line.len())) {
			bounds[columns] = (start, end);
			columns += 1;
			start = end + 1;
			if columns == FIXED_COLUMNS {
				break;
			}
		}
		TextRecord { line, bounds, columns }
	}

	/// Its CHROM and POS, when it is a record on one of the primary chromosomes.
	pub(super) fn site(&self) -> Option<(Chromosome, u32)> {
		let chromosome = Chromosome::parse(self.column(0)?)?;
		Some((chromosome, self.position().ok()?))
	}

	/// Column `index` among the fixed ones, if the line has it.
	fn column(&self, index: usize) -> Option<&'a [u8]> {
		(index < self.columns).then(|| {
			let (start, end) = self.bounds[index];
			&self.line[start..end]
		})
	}

	/// A fixed column that must be there, or why it is not.
	fn required(&self, index: usize, name: &str) -> std::result::Result<&'a [u8], String> {
		self.column(index).ok_or_else(|| {
			format!("the line has {} tab-separated columns and ends before {name}", self.columns)
		})
	}

	/// Sample column `index` (0 for the first sample), if the line has it.
	fn sample(&self, index: usize) -> Option<&'a [u8]> {
		if self.columns < FIXED_COLUMNS {
			return None;
		}
		let (_, format_end) = self.bounds[FORMAT];
		// No tab after FORMAT: no sample column at all.
		let samples = self.line.get(format_end + 1..)?;
		samples.split(|&b| b == b'\t').nth(index)
	}
}

impl Site for TextRecord<'_> {
	fn chromosome_name<'b>(
		&'b self,
		_header: &'b vcf::Header,
	) -> std::result::Result<&'b [u8], String> {
		match self.column(0) {
			Some(name) if !name.is_empty() => Ok(name),
			_ => Err("CHROM is empty".into()),
		}
	}

	fn position(&self) -> std::result::Result<u32, String> {
		let text = self.column(POS).filter(|text| !text.is_empty() && *text != b".");
		let text = text.ok_or("POS is missing")?;
		let shown = || String::from_utf8_lossy(text).into_owned();
		let mut position = 0u32;
		for &byte in text {
			if !byte.is_ascii_digit() {
				return Err(format!("cannot read POS: {:?} is not a position", shown()));
			}
			position = position
				.checked_mul(10)
				.and_then(|tens| tens.checked_add(u32::from(byte - b'0')))
				.ok_or_else(|| format!("POS {} is beyond any human chromosome", shown()))?;
		}
		Ok(position)
	}

	fn reference_into(&self, bases: &mut Vec<u8>) -> std::result::Result<(), String> {
		bases.clear();
		bases.extend_from_slice(self.required(REF, "REF")?);
		Ok(())
	}

	fn alternates_into(
		&self,
		bases: &mut Vec<u8>,
		ends: &mut Vec<usize>,
	) -> std::result::Result<(), String> {
		bases.clear();
		ends.clear();
		let field = self.required(ALT, "ALT")?;
		if field == b"." {
			return Ok(());
		}
		for allele in field.split(|&b| b == b',') {
			if allele.is_empty() {
				return Err("empty ALT allele".into());
			}
			bases.extend_from_slice(allele);
			ends.push(bases.len());
		}
		Ok(())
	}

	fn genotype_into(
		&self,
		_header: &vcf::Header,
		index: usize,
		alleles: &mut Vec<Option<usize>>,
	) -> std::result::Result<(), GenotypeProblem> {
		alleles.clear();
		let format = self.column(FORMAT).ok_or(GenotypeProblem::NoColumn)?;
		let sample = self.sample(index).ok_or(GenotypeProblem::NoColumn)?;
		// VCF requires GT, when present, to be the first FORMAT key.
		if format.split(|&b| b == b':').next() != Some(b"GT") {
			return Err(GenotypeProblem::NoGt);
		}
		let gt = sample.split(|&b| b == b':').next().unwrap_or_default();
		parse_genotype(gt, alleles)
	}
}

/// Calls `each` with every line of `input` (without its `\n` or `\r\n`) until the input ends
/// or `each` fails. Lines are handed over where they lie in `input`'s buffer; only a line that
/// straddles two fills of the buffer is copied. `unreadable` says what a read error means, given
/// the number of lines handed over before it.
pub(super) fn for_each_line(
	input: &mut dyn BufRead,
	unreadable: impl Fn(io::Error, u64) -> Error,
	mut each: impl FnMut(&[u8]) -> Result<()>,
) -> Result<()> {
	let mut straddling = Vec::new();
	let mut lines = 0u64;
	let mut each = |line: &[u8]| {
		lines += 1;
		each(line)
	};
	loop {
		let buffer = match input.fill_buf() {
			Ok(buffer) => buffer,
			Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
			Err(e) => return Err(unreadable(e, lines)),
		};
		if buffer.is_empty() {
			return if straddling.is_empty() { Ok(()) } else { each(line_of(&straddling)) };
		}
		let filled = buffer.len();
		let mut start = 0;
		if !straddling.is_empty() {
			match memchr(b'\n', buffer) {
				Some(end) => {
					straddling.extend_from_slice(&buffer[..end]);
					each(line_of(&straddling))?;
					straddling.clear();
					start = end + 1;
				}
				None => {
					straddling.extend_from_slice(buffer);
					input.consume(filled);
					continue;
				}
			}
		}
		let first = start;
		for end in memchr_iter(b'\n', &buffer[first..]).map(|end| first + end) {
			each(line_of(&buffer[start..end]))?;
			start = end + 1;
		}
		straddling.extend_from_slice(&buffer[start..]);
		input.consume(filled);
	}
}

/// A line without the `\r` a CRLF file ends it with.
fn line_of(line: &[u8]) -> &[u8] {
	line.strip_suffix(b"\r").unwrap_or(line)
}

#[cfg(test)]
mod tests {
	use super::*;

	fn lines_of(input: &[u8], capacity: usize) -> Vec<Vec<u8>> {
		let mut lines = Vec::new();
		let mut reader = io::BufReader::with_capacity(capacity, input);
		for_each_line(
			&mut reader,
			|e, _| Error::Usage(e.to_string()),
			|line| {
				lines.push(line.to_vec());
				Ok(())
			},
		)
		.expect("in memory");
		lines
	}

	#[test]
	fn lines_are_the_same_whatever_the_buffer_size() {
		let input = b"1\t10\t.\tA\tG\r\n2\t20\t.\tCT\tC\n\nX\t5\t.\tT\tTA";
		let expected: Vec<Vec<u8>> = vec![
			b"1\t10\t.\tA\tG".to_vec(),
			b"2\t20\t.\tCT\tC".to_vec(),
			b"".to_vec(),
			b"X\t5\t.\tT\tTA".to_vec(),
		];
		for capacity in [1, 2, 3, 7, 11, 64, 1 << 16] {
			assert_eq!(lines_of(input, capacity), expected, "buffer of {capacity}");
		}
		assert!(lines_of(b"", 8).is_empty());
		assert_eq!(lines_of(b"\n", 8), vec![Vec::<u8>::new()]);
	}

	fn genotype(line: &[u8], sample: usize) -> std::result::Result<Vec<Option<usize>>, String> {
		let header = vcf::Header::default();
		let mut alleles = Vec::new();
		TextRecord::new(line).genotype_into(&header, sample, &mut alleles).map_err(|problem| {
			match problem {
				GenotypeProblem::NoColumn => "no column".into(),
				GenotypeProblem::NoGt => "no GT".into(),
				GenotypeProblem::NotAGenotype => "not a genotype".into(),
				GenotypeProblem::Unreadable(e) => e,
			}
		})?;
		Ok(alleles)
	}

	#[test]
	fn fields_are_read_from_their_columns() {
		let line = b"chr7\t117559590\trs1\tATCT\tA,AT\t50\tPASS\tDP=3;AF=0.5\tGT:DP\t0/1:3\t2|2";
		let header = vcf::Header::default();
		let record = TextRecord::new(line);
		assert_eq!(record.chromosome_name(&header), Ok(&b"chr7"[..]));
		assert_eq!(record.position(), Ok(117_559_590));
		let mut reference = Vec::new();
		record.reference_into(&mut reference).expect("REF");
		assert_eq!(reference, b"ATCT");
		let (mut alternates, mut ends) = (Vec::new(), Vec::new());
		record.alternates_into(&mut alternates, &mut ends).expect("ALT");
		assert_eq!((alternates.as_slice(), ends.as_slice()), (&b"AAT"[..], &[1, 3][..]));
		assert_eq!(genotype(line, 0), Ok(vec![Some(0), Some(1)]));
		assert_eq!(genotype(line, 1), Ok(vec![Some(2), Some(2)]));
		assert_eq!(genotype(line, 2), Err("no column".into()));
	}

	#[test]
	fn malformed_fields_are_named() {
		let header = vcf::Header::default();
		let position = |line: &[u8]| TextRecord::new(line).position();
		assert_eq!(position(b"1"), Err("POS is missing".into()));
		assert_eq!(position(b"1\t.\t.\tA\tG"), Err("POS is missing".into()));
		assert_eq!(
			position(b"1\t12a\t.\tA\tG"),
			Err("cannot read POS: \"12a\" is not a position".into())
		);
		assert_eq!(
			position(b"1\t99999999999\t.\tA\tG"),
			Err("POS 99999999999 is beyond any human chromosome".into())
		);
		assert_eq!(TextRecord::new(b"").chromosome_name(&header), Err("CHROM is empty".into()));
		let mut bases = Vec::new();
		assert_eq!(
			TextRecord::new(b"1\t10\t.").reference_into(&mut bases),
			Err("the line has 3 tab-separated columns and ends before REF".into())
		);
		let (mut alternates, mut ends) = (Vec::new(), Vec::new());
		assert_eq!(
			TextRecord::new(b"1\t10\t.\tA\tG,,T").alternates_into(&mut alternates, &mut ends),
			Err("empty ALT allele".into())
		);
		TextRecord::new(b"1\t10\t.\tA\t.").alternates_into(&mut alternates, &mut ends).expect(".");
		assert!(ends.is_empty(), "a missing ALT is no allele");
		assert_eq!(genotype(b"1\t10\t.\tA\tG\t.\t.\t.\tDP:GT\t3:0/1", 0), Err("no GT".into()));
		assert_eq!(genotype(b"1\t10\t.\tA\tG\t.\t.\t.\tGT", 0), Err("no column".into()));
		assert_eq!(genotype(b"1\t10\t.\tA\tG\t.\t.\t.", 0), Err("no column".into()));
		assert_eq!(genotype(b"1\t10\t.\tA\tG\t.\t.\t.\tGT\t.", 0), Ok(vec![]));
		assert_eq!(genotype(b"1\t10\t.\tA\tG\t.\t.\t.\tGTX\t0/1", 0), Err("no GT".into()));
	}
}
