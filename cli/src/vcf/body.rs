//! The records of a VCF text body, read on every core.
//!
//! The body is read a batch at a time (a few MiB of text; from a bgzip file, its blocks inflated
//! on every core). Each batch is cut into parts, only ever between two records of two different
//! sites of the primary chromosomes, so that the records of one site always fall into one part.
//! Each part is collected on its own thread by a collector of its own, and the parts are joined
//! in the file's order, which checks that each continues where the one before ended
//! ([`Collector::join`]). The variants, the counts and the first error are those of reading the
//! file line by line.

use super::{
	collect::{At, Collector, Part},
	text::{for_each_line, TextRecord},
	Progress,
};
use crate::error::{Error, Location, Result};
use genochain_primitives::fingerprint::Chromosome;
use libdeflater::{Crc, Decompressor};
use memchr::{memchr_iter, memrchr};
use rayon::prelude::*;
use std::{
	fs::File,
	io::{self, BufReader, Read, Seek, SeekFrom},
	path::Path,
};

/// Text read at a time from a stream that is not bgzipped.
const BATCH_BYTES: usize = 4 << 20;
/// BGZF blocks (at most 64 KiB of text each) inflated at a time.
const BATCH_BLOCKS: usize = 64;
/// Parts per thread in a batch: a few, so that a thread that finishes early finds more work.
const PARTS_PER_THREAD: usize = 4;

/// Where the text of a body comes from, a batch at a time.
pub(super) trait Batches {
	/// Appends the next batch of text to `text`; `false` once the body has ended.
	fn append(&mut self, text: &mut Vec<u8>) -> Result<bool>;
}

/// A plain or gzip (not bgzip) stream, read on one thread.
pub(super) struct Stream<R> {
	inner: R,
	path: String,
	/// Bytes read at a time.
	batch: usize,
}

impl<R> Stream<R> {
	/// The text of `inner`, read from the file at `path`.
	pub(super) fn new(inner: R, path: String) -> Self {
		Stream { inner, path, batch: BATCH_BYTES }
	}
}

impl<R: Read> Batches for Stream<R> {
	fn append(&mut self, text: &mut Vec<u8>) -> Result<bool> {
		let start = text.len();
		text.resize(start + self.batch, 0);
		let mut filled = start;
		while filled < text.len() {
			match self.inner.read(&mut text[filled..]) {
				Ok(0) => break,
				Ok(read) => filled += read,
				Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
				Err(e) => {
					text.truncate(start);
					return Err(
						Error::at(Location::File(self.path.clone()), "cannot read").because(e)
					);
				}
			}
		}
		text.truncate(filled);
		Ok(filled > start)
	}
}

/// The blocks of a bgzip file, read in order and inflated on the threads of the current rayon
/// pool, each checked against its CRC32 and length.
pub(super) struct BgzfBlocks {
	file: BufReader<Progress<File>>,
	path: String,
	/// Where the next block starts in the file.
	offset: u64,
	/// Bytes of the next block's text already read (by the header's reader).
	skip: usize,
}

/// One compressed block: where it starts, its deflate data, and its trailer's CRC32 and length.
struct Block {
	offset: u64,
	data: Vec<u8>,
	crc: u32,
	length: usize,
}

impl BgzfBlocks {
	/// The blocks of `file` from the one at `offset` on, the first `skip` bytes of its text left
	/// out (a BGZF virtual position).
	pub(super) fn resume(
		file: Progress<File>,
		path: &Path,
		offset: u64,
		skip: usize,
	) -> Result<Self> {
		let mut file = file;
		file.inner
			.seek(SeekFrom::Start(offset))
			.map_err(|e| Error::file(path, "cannot read").because(e))?;
		let file = BufReader::with_capacity(1 << 20, file);
		Ok(BgzfBlocks { file, path: path.display().to_string(), offset, skip })
	}

	fn damaged(&self, offset: u64, problem: impl std::fmt::Display) -> Error {
		Error::at(
			Location::File(self.path.clone()),
			format!("damaged bgzip block at byte {offset}: {problem}"),
		)
	}

	/// The next block, or `None` at the end of the file.
	fn next_block(&mut self) -> Result<Option<Block>> {
		let offset = self.offset;
		let mut header = [0u8; 12];
		match self.file.read(&mut header[..1]) {
			Ok(0) => return Ok(None),
			Ok(_) => {}
			Err(e) => return Err(self.damaged(offset, e)),
		}
		self.file.read_exact(&mut header[1..]).map_err(|e| self.damaged(offset, e))?;
		if header[..4] != [0x1f, 0x8b, 0x08, 0x04] {
			return Err(self.damaged(offset, "not a BGZF block header"));
		}
		let extra_length = usize::from(u16::from_le_bytes([header[10], header[11]]));
		let mut extra = vec![0u8; extra_length];
		self.file.read_exact(&mut extra).map_err(|e| self.damaged(offset, e))?;
		let block_size = block_size(&extra)
			.ok_or_else(|| self.damaged(offset, "no BC field with the block's size"))?;
		let data_length = block_size
			.checked_sub(header.len() + extra_length + 8)
			.ok_or_else(|| self.damaged(offset, "block size smaller than its header"))?;
		let mut data = vec![0u8; data_length];
		self.file.read_exact(&mut data).map_err(|e| self.damaged(offset, e))?;
		let mut trailer = [0u8; 8];
		self.file.read_exact(&mut trailer).map_err(|e| self.damaged(offset, e))?;
		self.offset += block_size as u64;
		let crc = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
		let length = u32::from_le_bytes([trailer[4], trailer[5], trailer[6], trailer[7]]);
		Ok(Some(Block { offset, data, crc, length: length as usize }))
	}
}

/// The size of a BGZF block from its gzip extra field: `BC`, length 2, size − 1.
fn block_size(extra: &[u8]) -> Option<usize> {
	let mut rest = extra;
	while rest.len() >= 4 {
		let length = usize::from(u16::from_le_bytes([rest[2], rest[3]]));
		let field = rest.get(4..4 + length)?;
		if rest[..2] == *b"BC" && length == 2 {
			return Some(usize::from(u16::from_le_bytes([field[0], field[1]])) + 1);
		}
		rest = &rest[4 + length..];
	}
	None
}

impl Batches for BgzfBlocks {
	fn append(&mut self, text: &mut Vec<u8>) -> Result<bool> {
		let mut blocks = Vec::with_capacity(BATCH_BLOCKS);
		while blocks.len() < BATCH_BLOCKS {
			match self.next_block()? {
				Some(block) => blocks.push(block),
				None => break,
			}
		}
		if blocks.is_empty() {
			return Ok(false);
		}
		let start = text.len();
		let total: usize = blocks.iter().map(|block| block.length).sum();
		text.resize(start + total, 0);
		let mut outputs = Vec::with_capacity(blocks.len());
		let mut rest = &mut text[start..];
		for block in &blocks {
			let (output, after) = rest.split_at_mut(block.length);
			outputs.push(output);
			rest = after;
		}
		let inflated = blocks.par_iter().zip(outputs).try_for_each_init(
			Decompressor::new,
			|decompressor, (block, output)| {
				let length = decompressor
					.deflate_decompress(&block.data, output)
					.map_err(|e| self.damaged(block.offset, format!("cannot inflate: {e:?}")))?;
				if length != block.length {
					return Err(self.damaged(block.offset, "shorter than its trailer says"));
				}
				let mut crc = Crc::new();
				crc.update(output);
				if crc.sum() != block.crc {
					return Err(self.damaged(block.offset, "its CRC32 does not match its text"));
				}
				Ok(())
			},
		);
		if let Err(e) = inflated {
			text.truncate(start);
			return Err(e);
		}
		let skip = std::mem::take(&mut self.skip).min(total);
		text.drain(start..start + skip);
		Ok(true)
	}
}

/// Collects every record of the body `batches` into `collector`; the first line of the body is
/// line `first_line` of the file.
pub(super) fn collect(
	batches: &mut dyn Batches,
	first_line: u64,
	collector: &mut Collector,
) -> Result<()> {
	let setting = collector.setting();
	let parts_per_batch = rayon::current_num_threads().saturating_mul(PARTS_PER_THREAD).max(1);
	let mut text = Vec::new();
	let mut line = first_line;
	loop {
		let more = batches.append(&mut text)?;
		// The text up to `end` is read in this batch, the rest with the next.
		let end = if more {
			match last_cut(&text) {
				Some(end) => end,
				// No place to cut yet (one site's records, or one line, fill the batch).
				None => continue,
			}
		} else {
			text.len()
		};
		let bounds = cuts(&text[..end], parts_per_batch);
		let parts: Vec<&[u8]> = bounds.windows(2).map(|pair| &text[pair[0]..pair[1]]).collect();
		let lines: Vec<u64> =
			parts.par_iter().map(|part| memchr_iter(b'\n', part).count() as u64).collect();
		let mut first_lines = Vec::with_capacity(parts.len());
		for count in &lines {
			first_lines.push(line);
			line += count;
		}
		let collected: Vec<Result<Part>> = parts
			.par_iter()
			.zip(first_lines)
			.map_init(
				|| collector.fork_normaliser(),
				|forked, (part, first_line)| {
					let forked = forked.as_mut().map_err(|e| e.clone())?;
					let mut part_collector = Collector::part(setting.clone(), forked);
					let read = for_each_line(
						&mut &part[..],
						|e, _| Error::Usage(e.to_string()),
						|line| {
							let at = At::Line(first_line + part_collector.records);
							part_collector.add(&TextRecord::new(line), at)
						},
					);
					Ok(part_collector.into_part(read.err()))
				},
			)
			.collect();
		for part in collected {
			collector.join(part?)?;
		}
		text.drain(..end);
		if !more {
			return Ok(());
		}
	}
}

/// The CHROM and POS of a line that is a record on one of the primary chromosomes.
fn site(line: &[u8]) -> Option<(Chromosome, u32)> {
	TextRecord::new(line).site()
}

/// Whether text may be cut between the lines `before` and `after`: two records of two different
/// sites, on primary chromosomes (a record on another contig is skipped, so a site's records
/// may lie on either side of it).
fn cuttable(before: &[u8], after: &[u8]) -> bool {
	matches!((site(before), site(after)), (Some(a), Some(b)) if a != b)
}

/// The line that ends just before `end` (a line start) in `text`, without its `\n`.
fn line_before(text: &[u8], end: usize) -> &[u8] {
	let line = &text[..end.saturating_sub(1)];
	match memrchr(b'\n', line) {
		Some(newline) => &line[newline + 1..],
		None => line,
	}
}

/// The line that starts at `start` in `text`, without its `\n`, if it is complete.
fn line_at(text: &[u8], start: usize) -> Option<&[u8]> {
	let rest = &text[start..];
	memchr_iter(b'\n', rest).next().map(|end| &rest[..end])
}

/// Where the last complete site of `text` ends: the start of its last complete line, or of an
/// earlier one, where the text may be cut. `None` when no line start qualifies.
fn last_cut(text: &[u8]) -> Option<usize> {
	let mut end = memrchr(b'\n', text)?;
	// `end` is the newline that ends the last complete line; look at the line starts before.
	loop {
		let start = memrchr(b'\n', &text[..end]).map(|newline| newline + 1)?;
		if start == 0 {
			return None;
		}
		let after = &text[start..end];
		if cuttable(line_before(text, start), after) {
			return Some(start);
		}
		end = start - 1;
	}
}

/// Line starts that cut `text` (whole lines) into about `parts` parts where it may be cut, with
/// 0 and the text's end: the first cut at or after each equal share.
fn cuts(text: &[u8], parts: usize) -> Vec<usize> {
	let mut bounds = vec![0];
	let share = text.len() / parts.max(1);
	for part in 1..parts {
		let from = (part * share).max(bounds.last().copied().unwrap_or(0) + 1);
		if let Some(cut) = next_cut(text, from) {
			if cut > *bounds.last().unwrap_or(&0) {
				bounds.push(cut);
			}
		}
	}
	if text.len() > *bounds.last().unwrap_or(&0) || bounds.len() == 1 {
		bounds.push(text.len());
	}
	bounds
}

/// The first line start at or after `from` where `text` may be cut.
fn next_cut(text: &[u8], from: usize) -> Option<usize> {
	let mut start = from.checked_sub(1).map_or(Some(0), |before| {
		memchr_iter(b'\n', text.get(before..)?).next().map(|newline| before + newline + 1)
	})?;
	while start < text.len() {
		if start > 0 && cuttable(line_before(text, start), line_at(text, start)?) {
			return Some(start);
		}
		start += memchr_iter(b'\n', &text[start..]).next()? + 1;
	}
	None
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::normalise::{Mode, Normaliser};
	use std::fmt::Write;

	const TEXT: &[u8] =
		b"1\t10\t.\tA\tG\n1\t10\t.\tA\tT\nchrUn\t5\t.\tC\tG\n1\t20\t.\tC\tG\n2\t5\t.\tT\tA\n";

	#[test]
	fn text_is_cut_only_between_two_sites() {
		// Line starts: 0, 11, 22, 36, 47. Not at 11 (same site), not around the other contig.
		assert_eq!(next_cut(TEXT, 1), Some(47));
		assert_eq!(next_cut(TEXT, 0), Some(47));
		assert_eq!(next_cut(TEXT, 48), None);
		assert_eq!(last_cut(TEXT), Some(47));
		assert_eq!(last_cut(b"1\t10\t.\tA\tG\n1\t10\t.\tA\tT\n1\t12"), None);
		assert_eq!(cuts(TEXT, 4), vec![0, 47, TEXT.len()]);
		assert_eq!(cuts(TEXT, 1), vec![0, TEXT.len()]);
		assert_eq!(cuts(b"", 4), vec![0, 0]);
	}

	#[test]
	fn the_size_of_a_bgzf_block_is_read_from_its_extra_field() {
		assert_eq!(block_size(&[b'B', b'C', 2, 0, 0x1b, 0x00]), Some(28));
		assert_eq!(block_size(&[b'X', b'Y', 1, 0, 9, b'B', b'C', 2, 0, 0xff, 0xff]), Some(65536));
		assert_eq!(block_size(&[b'B', b'C', 2]), None);
		assert_eq!(block_size(&[]), None);
	}

	const HEADER: &str = "##fileformat=VCFv4.3\n##contig=<ID=1,length=248956422>\n\
		#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n";

	/// A body with several records at some sites (given out of canonical order), records on
	/// another contig between them, and three chromosomes.
	fn body(records: usize) -> String {
		let mut text = String::new();
		for index in 0..records {
			let chromosome = ["1", "2", "X"][index * 3 / records];
			let position = 100 + index / 3 * 10;
			let (reference, alternate) = [("A", "G"), ("AC", "A"), ("A", "C")][index % 3];
			let genotype = ["0/1", "1/1", "1"][index % 3];
			writeln!(text, "{chromosome}\t{position}\t.\t{reference}\t{alternate}\t50\tPASS\t.\tGT\t{genotype}")
				.expect("string");
			if index % 7 == 0 {
				writeln!(text, "chrUn_1\t{position}\t.\tA\tG\t50\tPASS\t.\tGT\t0/1")
					.expect("string");
			}
		}
		text
	}

	/// The variants of `body` collected in batches of `batch` bytes on `threads` threads, or the
	/// error.
	fn collected(
		body: &str,
		batch: usize,
		threads: usize,
	) -> std::result::Result<Vec<Vec<u8>>, String> {
		let header: noodles::vcf::Header = HEADER.parse().expect("header");
		let options = super::super::Options {
			sample: None,
			assembly: Some(genochain_primitives::fingerprint::Assembly::GRCh38),
			progress: indicatif::ProgressBar::hidden(),
			threads,
		};
		let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
		pool.install(|| {
			let mut normaliser = Normaliser::new(Mode::Minimal);
			let mut collector = Collector::new("body.vcf", &header, &options, &mut normaliser)
				.map_err(|e| e.to_string())?;
			let mut stream = Stream { inner: body.as_bytes(), path: "body.vcf".into(), batch };
			collect(&mut stream, 4, &mut collector).map_err(|e| e.to_string())?;
			let genome = collector.finish(Path::new("body.vcf")).map_err(|e| e.to_string())?;
			Ok(genome.encoded_variants().map(<[u8]>::to_vec).collect())
		})
	}

	#[test]
	fn parts_and_batches_give_what_one_pass_gives() {
		let text = body(600);
		let whole = collected(&text, 1 << 20, 1).expect("a valid body");
		assert_eq!(whole.len(), 600);
		for (batch, threads) in [(1 << 20, 3), (200, 1), (200, 3), (57, 2), (1000, 4)] {
			assert_eq!(collected(&text, batch, threads).as_ref(), Ok(&whole), "{batch} {threads}");
		}
	}

	#[test]
	fn errors_are_those_of_one_pass_wherever_the_parts_are_cut() {
		let text = body(300);
		let mut lines: Vec<&str> = text.lines().collect();
		let moved_back = lines.remove(200);
		let unsorted =
			format!("{}\n", [&lines[..150], &[moved_back], &lines[150..]].concat().join("\n"));
		let again = format!("{text}1\t999999\t.\tA\tG\t50\tPASS\t.\tGT\t0/1\n");
		let duplicated = format!("{}{}\n", text, lines.last().expect("lines"));
		let malformed = text.replacen("\tPASS\t", "", 1).replacen("2\t", "2\tx", 1);
		for broken in [unsorted, again, duplicated, malformed] {
			let expected = collected(&broken, 1 << 20, 1).expect_err("broken");
			assert!(expected.contains("body.vcf: line "), "{expected}");
			for (batch, threads) in [(200, 1), (200, 3), (57, 2), (1 << 20, 4)] {
				assert_eq!(
					collected(&broken, batch, threads).as_ref(),
					Err(&expected),
					"{batch} {threads}"
				);
			}
		}
	}
}
