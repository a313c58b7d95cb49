//! `genochain consent`: consents as hospitals write them, HL7 FHIR R5 `Consent` resources, to
//! the terms `Consent.grant` takes, and consents on chain back to FHIR.

pub mod from_fhir;
pub mod to_fhir;

use clap::Subcommand;
use from_fhir::FromFhirArgs;
use genochain_cli::error::Result;
use to_fhir::ToFhirArgs;

#[derive(Subcommand)]
pub enum ConsentCommand {
	/// Turns a FHIR R5 Consent (JSON) into the terms of Consent.grant, or refuses naming the
	/// field it cannot map.
	FromFhir(FromFhirArgs),
	/// Renders a consent on chain as a FHIR R5 Consent (JSON).
	ToFhir(ToFhirArgs),
}

pub fn run(command: ConsentCommand) -> Result<()> {
	match command {
		ConsentCommand::FromFhir(args) => from_fhir::run(args),
		ConsentCommand::ToFhir(args) => to_fhir::run(args),
	}
}
