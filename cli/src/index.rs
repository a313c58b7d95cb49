//! The index file `genochain fingerprint` writes: the fingerprint's public facts and the sample's
//! canonical variants, from which `genochain prove` makes proofs with the secret. It holds the
//! genotype, so it is written readable by its owner only, and never holds the secret.

use crate::error::{Error, Result};
use codec::{Decode, Encode};
use genochain_primitives::fingerprint::{Assembly, Scheme};
use genochain_primitives::Hash as H256;
use std::{
	fs,
	io::{Read, Write},
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
	let directory = match path.parent() {
		Some(parent) if !parent.as_os_str().is_empty() => parent,
		_ => Path::new("."),
	};
	let failed = |e: std::io::Error| Error::file(path, format!("cannot write the index: {e}"));
	// NamedTempFile is created with mode 0600: only the owner can read the genotype.
	let mut file = tempfile::NamedTempFile::new_in(directory).map_err(failed)?;
	{
		let mut out = std::io::BufWriter::new(file.as_file_mut());
		out.write_all(MAGIC).map_err(failed)?;
		out.write_all(&header.encode()).map_err(failed)?;
		for variant in variants {
			out.write_all(variant).map_err(failed)?;
		}
		out.flush().map_err(failed)?;
	}
	file.as_file().sync_all().map_err(failed)?;
	file.persist(path).map_err(|e| failed(e.error))?;
	Ok(())
}

/// Reads the index at `path`.
pub fn read(path: &Path) -> Result<Index> {
	let mut file = fs::File::open(path)
		.map_err(|e| Error::file(path, format!("cannot open the index: {e}")))?;
	let mut bytes = Vec::new();
	file.read_to_end(&mut bytes)
		.map_err(|e| Error::file(path, format!("cannot read the index: {e}")))?;
	let Some(rest) = bytes.strip_prefix(MAGIC.as_slice()) else {
		return Err(Error::file(
			path,
			"is not a genochain index (made by `genochain fingerprint`)",
		));
	};
	let mut input = rest;
	let header = IndexHeader::decode(&mut input)
		.map_err(|e| Error::file(path, format!("the index header is damaged: {e}")))?;
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
