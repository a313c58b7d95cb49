//! The fields of a BCF record, as the collector reads them, through noodles.

use super::collect::{GenotypeProblem, Site};
use noodles::{
	bcf,
	vcf::{
		self,
		variant::{
			record::samples::{series::Value, Sample},
			Record,
		},
	},
};

impl Site for bcf::Record {
	fn chromosome_name<'a>(&'a self, header: &'a vcf::Header) -> Result<&'a [u8], String> {
		Record::reference_sequence_name(self, header).map(str::as_bytes).map_err(|e| e.to_string())
	}

	fn position(&self) -> Result<u32, String> {
		let position = Record::variant_start(self)
			.ok_or("POS is missing")?
			.map_err(|e| format!("cannot read POS: {e}"))?;
		u32::try_from(usize::from(position))
			.map_err(|_| format!("POS {position} is beyond any human chromosome"))
	}

	fn reference_into(&self, bases: &mut Vec<u8>) -> Result<(), String> {
		bases.clear();
		for base in Record::reference_bases(self).iter() {
			bases.push(base.map_err(|e| e.to_string())?);
		}
		Ok(())
	}

	fn alternates_into(&self, bases: &mut Vec<u8>, ends: &mut Vec<usize>) -> Result<(), String> {
		bases.clear();
		ends.clear();
		for allele in Record::alternate_bases(self).iter() {
			bases.extend_from_slice(allele.map_err(|e| e.to_string())?.as_bytes());
			ends.push(bases.len());
		}
		Ok(())
	}

	fn genotype_into(
		&self,
		header: &vcf::Header,
		index: usize,
		alleles: &mut Vec<Option<usize>>,
	) -> Result<(), GenotypeProblem> {
		alleles.clear();
		let unreadable = |e: std::io::Error| GenotypeProblem::Unreadable(e.to_string());
		let samples = Record::samples(self).map_err(unreadable)?;
		let sample = samples.iter().nth(index).ok_or(GenotypeProblem::NoColumn)?;
		let value = match sample.get(header, "GT") {
			None => return Err(GenotypeProblem::NoGt),
			Some(Err(e)) => return Err(unreadable(e)),
			Some(Ok(None)) => return Ok(()),
			Some(Ok(Some(value))) => value,
		};
		let Value::Genotype(genotype) = value else {
			return Err(GenotypeProblem::NotAGenotype);
		};
		for allele in genotype.iter() {
			let (allele, _) = allele.map_err(unreadable)?;
			alleles.push(allele);
		}
		Ok(())
	}
}
