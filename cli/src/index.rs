//! The index file `genochain fingerprint` writes: the fingerprint's public facts and the sample's
//! canonical variants, from which `genochain prove` makes proofs with the secret. It holds the
//! genotype, so it is written readable by its owner only, and never holds the secret.

use crate::error::{Error, Result};
use codec::{Decode, Encode};
use genochain_primitives::fingerprint::{Assembly, Scheme};
use genochain_primitives::Hash as H256;
use std::{
	fs,
	io::{Read, Seek, SeekFrom, Write},
	path::Path,
};

/// The first bytes of an index file, with its format version.
const MAGIC: &[u8; 8] = b"GNCIDX01";

/// What an index states about its fingerprint.
#[derive(Encode, Decode, Clone, Debug, PartialEq, Eq)]
pub struct IndexHeader {
	/// The fingerprint scheme.
	pub scheme: Scheme,
	/// The reference assembly.
	pub assembly: Assembly,
	/// The number of variants.
	pub leaf_count: u32,
	/// The fingerprint root.
	pub root: H256,
	/// The length of the encoded variants that follow.
	pub variant_bytes: u64,
}

/// An index read back: its header and the encoded variants in canonical order.
pub struct Index {
	pub header: IndexHeader,
	pub variants: Vec<u8>,
}

/// Writes an index to `path` atomically: to a temporary file beside it, renamed into place only
/// when complete, so an interrupted run never leaves a partial index.
pub fn write<'a>(
	path: &Path,
	header: &IndexHeader,
	variants: impl Iterator<Item = &'a [u8]>,
) -> Result<()> {
	Unfinished::write(path, variants)?.finish(header)
}

/// An index with its variants written and synced to a temporary file, waiting for its header:
/// the variants can be written while the fingerprint is being computed. Dropped unfinished, the
/// temporary file is removed.
pub struct Unfinished {
	path: std::path::PathBuf,
	file: tempfile::NamedTempFile,
	variant_bytes: u64,
}

impl Unfinished {
	/// Writes `variants` to a temporary file beside `path`, after room for the header.
	pub fn write<'a>(path: &Path, variants: impl Iterator<Item = &'a [u8]>) -> Result<Self> {
		let directory = match path.parent() {
			Some(parent) if !parent.as_os_str().is_empty() => parent,
			_ => Path::new("."),
		};
		let failed = |e: std::io::Error| Error::file(path, "cannot write the index").because(e);
		// NamedTempFile is created with mode 0600: only the owner can read the genotype.
		let mut file = tempfile::NamedTempFile::new_in(directory).map_err(failed)?;
		let mut variant_bytes = 0u64;
		{
			let mut out = std::io::BufWriter::new(file.as_file_mut());
			out.write_all(MAGIC).map_err(failed)?;
			out.write_all(&[0u8; IndexHeader::LENGTH]).map_err(failed)?;
			for variant in variants {
				out.write_all(variant).map_err(failed)?;
				variant_bytes += variant.len() as u64;
			}
			out.flush().map_err(failed)?;
		}
		file.as_file().sync_data().map_err(failed)?;
		Ok(Unfinished { path: path.to_path_buf(), file, variant_bytes })
	}

	/// The number of bytes of variants written.
	pub fn variant_bytes(&self) -> u64 {
		self.variant_bytes
	}

	/// Writes `header` in its place, syncs, and renames the file to its path.
	pub fn finish(mut self, header: &IndexHeader) -> Result<()> {
		let path = self.path;
		let failed = |e: std::io::Error| Error::file(&path, "cannot write the index").because(e);
		if header.variant_bytes != self.variant_bytes {
			return Err(Error::file(
				&path,
				format!(
					"the index header counts {} bytes of variants, but {} were written",
					header.variant_bytes, self.variant_bytes
				),
			));
		}
		let file = self.file.as_file_mut();
		file.seek(SeekFrom::Start(MAGIC.len() as u64)).map_err(failed)?;
		file.write_all(&header.encode()).map_err(failed)?;
		file.sync_all().map_err(failed)?;
		self.file.persist(&path).map_err(|e| failed(e.error))?;
		Ok(())
	}
}

impl IndexHeader {
	/// The length of every header's encoding: its fields have fixed sizes.
	const LENGTH: usize = 1 + 1 + 4 + 32 + 8;
}

/// Reads the index at `path`.
pub fn read(path: &Path) -> Result<Index> {
	let mut file =
		fs::File::open(path).map_err(|e| Error::file(path, "cannot open the index").because(e))?;
	let mut bytes = Vec::new();
	file.read_to_end(&mut bytes)
		.map_err(|e| Error::file(path, "cannot read the index").because(e))?;
	let Some(rest) = bytes.strip_prefix(MAGIC.as_slice()) else {
		return Err(Error::file(
			path,
			"is not a genochain index (made by `genochain fingerprint`)",
		));
	};
	let mut input = rest;
	let header = IndexHeader::decode(&mut input)
		.map_err(|e| Error::file(path, "the index header is damaged").because(e))?;
	if input.len() as u64 != header.variant_bytes {
		return Err(Error::file(
			path,
			format!(
				"the index is damaged: {} bytes of variants where its header says {}",
				input.len(),
				header.variant_bytes
			),
		));
	}
	let variants = input.to_vec();
	Ok(Index { header, variants })
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn every_header_encodes_to_the_room_left_for_it() {
		let header = IndexHeader {
			scheme: Scheme::V2,
			assembly: Assembly::T2tChm13,
			leaf_count: u32::MAX,
			root: H256::repeat_byte(7),
			variant_bytes: u64::MAX,
		};
		assert_eq!(header.encode().len(), IndexHeader::LENGTH);
	}

	#[test]
	fn an_unfinished_index_leaves_nothing_behind() {
		let dir = tempfile::tempdir().expect("temp dir");
		let path = dir.path().join("genome.gnx");
		let unfinished = Unfinished::write(&path, [&b"abc"[..]].into_iter()).expect("written");
		assert_eq!(unfinished.variant_bytes(), 3);
		drop(unfinished);
		assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
		let header = IndexHeader {
			scheme: Scheme::V1,
			assembly: Assembly::GRCh38,
			leaf_count: 1,
			root: H256::zero(),
			variant_bytes: 3,
		};
		Unfinished::write(&path, [&b"abc"[..]].into_iter())
			.expect("written")
			.finish(&header)
			.expect("finished");
		let index = read(&path).expect("readable");
		assert_eq!((index.header, index.variants), (header, b"abc".to_vec()));
	}
}
