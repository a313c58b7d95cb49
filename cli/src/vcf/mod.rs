//! Reading one sample of a VCF or BCF file (plain, gzip or bgzip) into its canonical variants.
//! noodles reads the headers and BCF records. A VCF body is read on every core ([`body`]): bgzip
//! blocks inflated in batches, each batch cut between two sites into parts whose records are
//! split at their tabs in place ([`text`]) and collected on their own threads ([`collect`]).
//!
//! The reader refuses, naming the file and the line (or BCF record), anything the scheme cannot
//! commit faithfully: a missing header, a sample that is not there, records out of order or
//! repeated, alleles that are not nucleotides, symbolic alleles, and a file cut short. Records on
//! contigs other than the primary chromosomes are counted and left out, as scheme v1 defines.

use crate::{
	error::{Error, Location, Result},
	normalise::Normaliser,
};
use collect::Collector;
use genochain_primitives::fingerprint::{Assembly, Chromosome};
use indicatif::ProgressBar;
use noodles::{bcf, bgzf, vcf};

mod bcf_record;
mod body;
mod collect;
mod text;

pub use collect::{allele_problem, encode_variant, At};
use std::{
	fs::File,
	io::{self, BufRead, BufReader, Read, Seek, SeekFrom},
	path::Path,
};

/// The 28-byte empty block that ends every complete BGZF file.
const BGZF_EOF: [u8; 28] = [
	0x1f, 0x8b, 0x08, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0x06, 0x00, 0x42, 0x43, 0x02, 0x00,
	0x1b, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
];

/// The canonical variants of one sample, encoded, per chromosome in canonical order.
pub struct Genome {
	/// The reference assembly of the positions.
	pub assembly: Assembly,
	/// The sample read.
	pub sample: String,
	/// Records read in all.
	pub records: u64,
	/// Records on contigs that scheme v1 does not cover.
	pub skipped_other_contigs: u64,
	/// Per chromosome (index = number − 1): the SCALE encodings of its variants, back to back.
	encoded: Vec<Vec<u8>>,
	/// Per chromosome: the length of each encoding.
	lengths: Vec<Vec<u16>>,
}

impl Genome {
	/// The number of leaves.
	pub fn leaf_count(&self) -> u64 {
		self.lengths.iter().map(|l| l.len() as u64).sum()
	}

	/// The encoded variants in canonical order.
	pub fn encoded_variants(&self) -> impl Iterator<Item = &[u8]> {
		self.encoded.iter().zip(&self.lengths).flat_map(|(bytes, lengths)| {
			lengths.iter().scan(0usize, move |start, &length| {
				let end = *start + usize::from(length);
				let variant = &bytes[*start..end];
				*start = end;
				Some(variant)
			})
		})
	}
}

/// What the user says about the input.
pub struct Options<'a> {
	/// The sample to read from a multi-sample file.
	pub sample: Option<&'a str>,
	/// The assembly, when the header does not tell it (or to confirm it).
	pub assembly: Option<Assembly>,
	/// A progress bar to advance by the compressed bytes read.
	pub progress: ProgressBar,
	/// Threads to inflate a bgzipped BCF file on (1: inflate as it is read). VCF text is read
	/// on the threads of the current rayon pool.
	pub threads: usize,
}

/// Reads the variants of one sample of the VCF or BCF at `path`.
pub fn read(path: &Path, options: &Options, normaliser: &mut Normaliser) -> Result<Genome> {
	let name = path.display().to_string();
	let mut file = open(path, options)?;
	let magic = file.fill_buf().map_err(|e| Error::file(path, "cannot read").because(e))?;
	if magic.is_empty() {
		return Err(Error::file(path, "is empty: missing VCF header"));
	}
	let gzip = magic.starts_with(&[0x1f, 0x8b]);
	if gzip && is_bgzf(magic) {
		check_bgzf_end(path)?;
		let mut reader = bgzf::io::Reader::new(file);
		if is_bcf(&mut reader, path)? {
			// noodles reads BCF records on this thread, with blocks inflated ahead on others.
			let file = open(path, options)?;
			return match std::num::NonZero::new(options.threads).filter(|n| n.get() > 1) {
				Some(workers) => read_bcf(
					bgzf::io::MultithreadedReader::with_worker_count(workers, file),
					&name,
					path,
					options,
					normaliser,
				),
				None => read_bcf(bgzf::io::Reader::new(file), &name, path, options, normaliser),
			};
		}
		let (header, header_lines) = read_vcf_header(&mut reader, &name, path)?;
		let mut collector = Collector::new(&name, &header, options, normaliser)?;
		let position = reader.virtual_position();
		let mut blocks = body::BgzfBlocks::resume(
			reader.into_inner().into_inner(),
			path,
			position.compressed(),
			usize::from(position.uncompressed()),
		)?;
		body::collect(&mut blocks, header_lines + 1, &mut collector)?;
		return collector.finish(path);
	}
	let mut decompressed: Box<dyn BufRead> = if gzip {
		Box::new(BufReader::new(flate2::bufread::MultiGzDecoder::new(file)))
	} else {
		Box::new(file)
	};
	if is_bcf(&mut decompressed, path)? {
		return read_bcf(decompressed, &name, path, options, normaliser);
	}
	let (header, header_lines) = read_vcf_header(&mut decompressed, &name, path)?;
	let mut collector = Collector::new(&name, &header, options, normaliser)?;
	let mut stream = body::Stream::new(decompressed, name.clone());
	body::collect(&mut stream, header_lines + 1, &mut collector)?;
	collector.finish(path)
}

/// `path` opened for reading, its bytes counted on the progress bar.
fn open(path: &Path, options: &Options) -> Result<BufReader<Progress<File>>> {
	let file = File::open(path).map_err(|e| Error::file(path, "cannot open").because(e))?;
	options.progress.set_length(file.metadata().map(|m| m.len()).unwrap_or(0));
	Ok(BufReader::new(Progress { inner: file, bar: options.progress.clone() }))
}

/// Whether the decompressed input begins as a BCF file does.
fn is_bcf(input: &mut impl BufRead, path: &Path) -> Result<bool> {
	let start = input.fill_buf().map_err(|e| Error::file(path, "cannot decompress").because(e))?;
	Ok(start.starts_with(b"BCF"))
}

/// The VCF header at the start of `input`, and the number of lines it takes.
fn read_vcf_header(
	input: &mut impl BufRead,
	name: &str,
	path: &Path,
) -> Result<(vcf::Header, u64)> {
	let start = input.fill_buf().map_err(|e| Error::file(path, "cannot decompress").because(e))?;
	if !start.starts_with(b"##fileformat=VCF") {
		return Err(Error::at(
			Location::Line(name.to_string(), 1),
			"missing VCF header: the file must begin with ##fileformat=VCFv4.x",
		));
	}
	let mut lines = LineCounter { inner: input, lines: 0 };
	let header = vcf::io::Reader::new(&mut lines)
		.read_header()
		.map_err(|e| Error::file(path, "malformed VCF header").because(e))?;
	Ok((header, lines.lines))
}

/// The variants of a BCF file, its records read by noodles one after the other.
fn read_bcf(
	input: impl BufRead,
	name: &str,
	path: &Path,
	options: &Options,
	normaliser: &mut Normaliser,
) -> Result<Genome> {
	let mut reader = bcf::io::Reader::from(input);
	let header = reader
		.read_header()
		.map_err(|e| Error::file(path, "missing or malformed BCF header").because(e))?;
	let mut collector = Collector::new(name, &header, options, normaliser)?;
	let mut record = bcf::Record::default();
	loop {
		let number = collector.records + 1;
		match reader.read_record(&mut record) {
			Ok(0) => break,
			Ok(_) => collector.add(&record, At::Record(number))?,
			Err(e) => {
				return Err(
					Error::at(Location::Record(name.to_string(), number), "cannot read").because(e)
				)
			}
		}
	}
	collector.finish(path)
}

/// Whether a gzip header carries the BGZF extra field.
fn is_bgzf(header: &[u8]) -> bool {
	header.len() >= 16 && header[3] & 0x04 != 0 && header[12] == b'B' && header[13] == b'C'
}

/// A BGZF file ends with an empty block; without it the file was cut short.
fn check_bgzf_end(path: &Path) -> Result<()> {
	let mut file = File::open(path).map_err(|e| Error::file(path, "cannot open").because(e))?;
	let mut tail = [0u8; 28];
	let complete = file.seek(SeekFrom::End(-28)).is_ok()
		&& file.read_exact(&mut tail).is_ok()
		&& tail == BGZF_EOF;
	if complete {
		Ok(())
	} else {
		Err(Error::file(path, "truncated bgzip file: the end-of-file block is missing (was the download or copy cut short?)"))
	}
}

/// Advances a progress bar by the bytes read.
pub(super) struct Progress<R> {
	inner: R,
	bar: ProgressBar,
}

impl<R: Read> Read for Progress<R> {
	fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
		let n = self.inner.read(buf)?;
		self.bar.inc(n as u64);
		Ok(n)
	}
}

/// Counts the lines consumed, so that records can be reported by line.
struct LineCounter<R> {
	inner: R,
	lines: u64,
}

impl<R: BufRead> Read for LineCounter<R> {
	fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
		let n = self.inner.read(buf)?;
		self.lines += buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
		Ok(n)
	}
}

impl<R: BufRead> BufRead for LineCounter<R> {
	fn fill_buf(&mut self) -> io::Result<&[u8]> {
		self.inner.fill_buf()
	}

	fn consume(&mut self, amount: usize) {
		if let Ok(buf) = self.inner.fill_buf() {
			let amount = amount.min(buf.len());
			self.lines += buf[..amount].iter().filter(|&&b| b == b'\n').count() as u64;
		}
		self.inner.consume(amount)
	}
}

pub(super) fn list(samples: &[&String]) -> String {
	samples.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
}

/// The assembly the header describes: by the length of chromosome 1, else by `##reference`.
pub(super) fn assembly_of(header: &vcf::Header) -> Option<Assembly> {
	let by_length = header.contigs().iter().find_map(|(name, contig)| {
		(Chromosome::parse(name.as_bytes()) == Chromosome::from_number(1))
			.then(|| contig.length())
			.flatten()
			.and_then(|length| Assembly::from_chromosome_1_length(length as u64))
	});
	by_length.or_else(|| {
		header.other_records().iter().find_map(|(key, collection)| {
			(key.as_ref() == "reference")
				.then(|| assembly_named_in(&format!("{collection:?}")))
				.flatten()
		})
	})
}

/// Finds an assembly name inside free text such as a reference file's path.
fn assembly_named_in(text: &str) -> Option<Assembly> {
	let lower = text.to_ascii_lowercase();
	[
		("chm13", Assembly::T2tChm13),
		("t2t", Assembly::T2tChm13),
		("grch38", Assembly::GRCh38),
		("hg38", Assembly::GRCh38),
		("grch37", Assembly::GRCh37),
		("hg19", Assembly::GRCh37),
		("hs37d5", Assembly::GRCh37),
		("b37", Assembly::GRCh37),
	]
	.into_iter()
	.find_map(|(name, assembly)| lower.contains(name).then_some(assembly))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn assemblies_are_recognised_in_reference_paths() {
		assert_eq!(
			assembly_named_in("file:///refs/GRCh38_full_analysis_set.fa"),
			Some(Assembly::GRCh38)
		);
		assert_eq!(assembly_named_in("/data/hs37d5.fa.gz"), Some(Assembly::GRCh37));
		assert_eq!(assembly_named_in("chm13v2.0.fa"), Some(Assembly::T2tChm13));
		assert_eq!(assembly_named_in("/data/mouse.fa"), None);
	}
}
