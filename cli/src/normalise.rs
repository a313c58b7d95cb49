//! Writing variants the one way scheme v2 commits them: in minimal representation, and
//! left-aligned when a reference genome is given, so that one variant written two ways by two
//! labs gives one leaf.
//!
//! - *Minimal*: the bases REF and ALT share at their end, then at their start, are trimmed while
//!   both keep one base (`VariantKey::trimmed`): `CTT>CT` at 100 becomes `CT>C` at 100.
//! - *Left-aligned* (with `--reference`): an indel in a repeat is moved to its leftmost place, the
//!   way `bcftools norm` and `vt normalize` do: while REF and ALT end with the same base, it is
//!   dropped from both, and while one is empty, the reference base before them is put in front of
//!   both. `TT>T` at 101 after a `C` at 100 becomes `CT>C` at 100. REF is first checked against
//!   the reference, which catches a FASTA of another assembly.

use crate::{
	error::{Error, Result},
	reference::Reference,
};
use genochain_primitives::fingerprint::{minimal, Chromosome};
use std::borrow::Cow;

/// How variants are written into the fingerprint.
pub enum Mode {
	/// As the VCF writes them (scheme v1).
	AsWritten,
	/// In minimal representation (scheme v2 without a reference).
	Minimal,
	/// Left-aligned against the reference, then minimal (scheme v2 with `--reference`).
	LeftAligned(Box<Reference>),
}

/// Normalises variants and counts what it changed.
pub struct Normaliser {
	mode: Mode,
	/// Variants whose alleles were trimmed (their position may have moved right).
	pub trimmed: u64,
	/// Variants moved left to their leftmost place in a repeat.
	pub left_aligned: u64,
}

/// A variant as the fingerprint commits it: its alleles borrowed from those given unless
/// left-alignment wrote new ones.
pub struct Normalised<'a> {
	pub position: u32,
	pub reference: Cow<'a, [u8]>,
	pub alternate: Cow<'a, [u8]>,
}

impl Normaliser {
	pub fn new(mode: Mode) -> Self {
		Normaliser { mode, trimmed: 0, left_aligned: 0 }
	}

	/// A normaliser of the same mode, its counts at zero, for another thread: the reference
	/// genome, if there is one, is opened again.
	pub fn fork(&self) -> Result<Normaliser> {
		let mode = match &self.mode {
			Mode::AsWritten => Mode::AsWritten,
			Mode::Minimal => Mode::Minimal,
			Mode::LeftAligned(reference) => {
				Mode::LeftAligned(Box::new(Reference::open(reference.path())?))
			}
		};
		Ok(Normaliser::new(mode))
	}

	/// The reference it left-aligns against, if any.
	pub fn reference(&self) -> Option<&Reference> {
		match &self.mode {
			Mode::LeftAligned(reference) => Some(reference),
			Mode::AsWritten | Mode::Minimal => None,
		}
	}

	/// What it does, in words, with the counts so far.
	pub fn describe(&self) -> String {
		match self.mode {
			Mode::AsWritten => "as written (scheme v1)".into(),
			Mode::Minimal => format!(
				"minimal representation, {} trimmed; not left-aligned (no --reference)",
				self.trimmed
			),
			Mode::LeftAligned(_) => format!(
				"left-aligned against the reference, {} moved; minimal representation, {} trimmed",
				self.left_aligned, self.trimmed
			),
		}
	}

	/// `reference>alternate` at `position` of `chromosome` (upper case), as the fingerprint
	/// commits it.
	pub fn apply<'a>(
		&mut self,
		chromosome: Chromosome,
		position: u32,
		reference: &'a [u8],
		alternate: &'a [u8],
	) -> Result<Normalised<'a>> {
		match &mut self.mode {
			Mode::AsWritten => Ok(Normalised {
				position,
				reference: Cow::Borrowed(reference),
				alternate: Cow::Borrowed(alternate),
			}),
			Mode::Minimal => {
				let (trimmed_position, trimmed_reference, trimmed_alternate) =
					minimal(position, reference, alternate);
				if trimmed_reference.len() != reference.len() {
					self.trimmed += 1;
				}
				Ok(Normalised {
					position: trimmed_position,
					reference: Cow::Borrowed(trimmed_reference),
					alternate: Cow::Borrowed(trimmed_alternate),
				})
			}
			Mode::LeftAligned(genome) => {
				check_reference(genome, chromosome, position, reference)?;
				let aligned = left_align(genome, chromosome, position, reference, alternate)?;
				let (trimmed_position, trimmed_reference, trimmed_alternate) =
					minimal(aligned.position, &aligned.reference, &aligned.alternate);
				if aligned.position < position {
					self.left_aligned += 1;
				} else if trimmed_reference.len() != reference.len() {
					self.trimmed += 1;
				}
				Ok(Normalised {
					position: trimmed_position,
					reference: Cow::Owned(trimmed_reference.to_vec()),
					alternate: Cow::Owned(trimmed_alternate.to_vec()),
				})
			}
		}
	}
}

/// Checks that REF is what the reference has at `position`.
fn check_reference(
	genome: &mut Reference,
	chromosome: Chromosome,
	position: u32,
	reference: &[u8],
) -> Result<()> {
	let mut found = Vec::with_capacity(reference.len());
	for offset in 0..reference.len() as u32 {
		found.push(genome.base(chromosome, position.saturating_add(offset))?);
	}
	let matches = found.iter().zip(reference).all(|(f, r)| f == r || *f == b'N' || *r == b'N');
	if matches {
		Ok(())
	} else {
		Err(Error::Usage(format!(
			"REF {} at {}:{position} is not the reference's {} there: is --reference the VCF's assembly?",
			String::from_utf8_lossy(reference),
			chromosome.name(),
			String::from_utf8_lossy(&found)
		)))
	}
}

/// Moves the variant to its leftmost place (trimming its common end on the way).
fn left_align(
	genome: &mut Reference,
	chromosome: Chromosome,
	position: u32,
	reference: &[u8],
	alternate: &[u8],
) -> Result<Normalised<'static>> {
	let (mut position, mut reference, mut alternate) =
		(position, reference.to_vec(), alternate.to_vec());
	loop {
		let mut changed = false;
		if !reference.is_empty() && reference.last() == alternate.last() {
			reference.pop();
			alternate.pop();
			changed = true;
		}
		if reference.is_empty() || alternate.is_empty() {
			if position <= 1 {
				// Nothing to the left of the chromosome's first base: the next base anchors it.
				let next =
					genome.base(chromosome, position.saturating_add(reference.len() as u32))?;
				reference.push(next);
				alternate.push(next);
				break;
			}
			position -= 1;
			let before = genome.base(chromosome, position)?;
			reference.insert(0, before);
			alternate.insert(0, before);
			changed = true;
		}
		if !changed {
			break;
		}
	}
	Ok(Normalised { position, reference: Cow::Owned(reference), alternate: Cow::Owned(alternate) })
}

#[cfg(test)]
mod tests {
	use super::*;

	fn minimal(position: u32, reference: &str, alternate: &str) -> (u32, String, String) {
		let mut normaliser = Normaliser::new(Mode::Minimal);
		let chromosome = Chromosome::from_number(1).expect("1");
		let out = normaliser
			.apply(chromosome, position, reference.as_bytes(), alternate.as_bytes())
			.expect("no reference to fail");
		(
			out.position,
			String::from_utf8(out.reference.into_owned()).unwrap(),
			String::from_utf8(out.alternate.into_owned()).unwrap(),
		)
	}

	#[test]
	fn shared_ends_are_trimmed_and_the_position_kept_right() {
		assert_eq!(minimal(100, "CTT", "CT"), (100, "CT".into(), "C".into()));
		assert_eq!(minimal(100, "GAC", "GTC"), (101, "A".into(), "T".into()));
		assert_eq!(minimal(100, "ACGT", "ACCT"), (102, "G".into(), "C".into()));
		assert_eq!(minimal(100, "A", "G"), (100, "A".into(), "G".into()));
		assert_eq!(minimal(100, "C", "CA"), (100, "C".into(), "CA".into()));
	}
}
