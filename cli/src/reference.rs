//! A reference genome, FASTA with its `.fai` index read by noodles, for left-aligning indels.
//!
//! Bases are read a block at a time around the variants asked about, so a whole genome's indels
//! cost one read per 64 KiB of each chromosome they fall in, not one per variant.

use crate::error::{Error, Result};
use genochain_primitives::fingerprint::{Assembly, Chromosome};
use noodles::{
	core::{Position, Region},
	fasta::{self, io::indexed_reader::Builder},
};
use std::path::{Path, PathBuf};

/// Bases read at a time.
const BLOCK: u32 = 1 << 16;

/// An indexed FASTA file of a reference assembly.
pub struct Reference {
	path: PathBuf,
	reader: fasta::io::IndexedReader<fasta::io::BufReader<std::fs::File>>,
	/// Per chromosome (index = number − 1): its name in the FASTA and its length.
	contigs: Vec<Option<(String, u32)>>,
	/// The block last read: its chromosome, its first position, its bases in upper case.
	block: Option<(Chromosome, u32, Vec<u8>)>,
}

impl Reference {
	/// Opens the FASTA at `path` and its index `path.fai`.
	pub fn open(path: &Path) -> Result<Self> {
		let reader = Builder::default().build_from_path(path).map_err(|e| {
			let index = format!("{}.fai", path.display());
			if Path::new(&index).exists() {
				Error::file(path, "cannot read the reference FASTA").because(e)
			} else {
				Error::file(
					path,
					format!(
						"has no FASTA index {index}: make one with `samtools faidx {}`",
						path.display()
					),
				)
			}
		})?;
		let mut contigs = vec![None; 25];
		for record in reader.index().as_ref() {
			let name = String::from_utf8_lossy(record.name()).into_owned();
			if let Some(chromosome) = Chromosome::parse(name.as_bytes()) {
				let length = u32::try_from(record.length()).unwrap_or(u32::MAX);
				contigs[usize::from(chromosome.number() - 1)] = Some((name, length));
			}
		}
		if contigs.iter().all(Option::is_none) {
			return Err(Error::file(path, "holds none of chromosomes 1-22, X, Y, MT"));
		}
		Ok(Reference { path: path.to_path_buf(), reader, contigs, block: None })
	}

	/// The assembly, when the length of its chromosome 1 tells.
	pub fn assembly(&self) -> Option<Assembly> {
		self.contigs[0]
			.as_ref()
			.and_then(|(_, length)| Assembly::from_chromosome_1_length(u64::from(*length)))
	}

	/// Where it was read from.
	pub fn path(&self) -> &Path {
		&self.path
	}

	/// The base at 1-based `position` of `chromosome`, in upper case.
	pub fn base(&mut self, chromosome: Chromosome, position: u32) -> Result<u8> {
		if let Some((block_chromosome, start, bases)) = &self.block {
			if *block_chromosome == chromosome && position >= *start {
				if let Some(base) = bases.get((position - start) as usize) {
					return Ok(*base);
				}
			}
		}
		let (name, length) =
			self.contigs[usize::from(chromosome.number() - 1)].clone().ok_or_else(|| {
				Error::file(&self.path, format!("has no chromosome {}", chromosome.name()))
			})?;
		if position == 0 || position > length {
			return Err(Error::file(
				&self.path,
				format!(
					"chromosome {} has {length} bases; position {position} is beyond it: is the FASTA the VCF's assembly?",
					chromosome.name()
				),
			));
		}
		// 64 Ki bases either side: left-alignment walks leftwards, REF checks rightwards.
		let start = position.saturating_sub(BLOCK - 1).max(1);
		let end = position.saturating_add(BLOCK).min(length);
		let (Some(from), Some(to)) = (Position::new(start as usize), Position::new(end as usize))
		else {
			return Err(Error::file(&self.path, "positions start at 1"));
		};
		let record = self.reader.query(&Region::new(name.as_str(), from..=to)).map_err(|e| {
			Error::file(&self.path, format!("cannot read {name}:{start}-{end}")).because(e)
		})?;
		let bases = record.sequence().as_ref().to_ascii_uppercase();
		let base = bases.get((position - start) as usize).copied().ok_or_else(|| {
			Error::file(&self.path, format!("{name}:{start}-{end} is shorter than its index says"))
		})?;
		self.block = Some((chromosome, start, bases));
		Ok(base)
	}
}
