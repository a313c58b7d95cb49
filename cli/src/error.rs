//! The errors the CLI reports: each names the file (and line or record) it is about, so that the
//! user knows what to fix.

use std::{error::Error as _, fmt, path::Path, sync::Arc};

/// Where in an input a problem is.
#[derive(Debug, Clone)]
pub enum Location {
	/// A whole file.
	File(String),
	/// A line of a text file (1-based).
	Line(String, u64),
	/// A record of a binary file (1-based).
	Record(String, u64),
}

impl Location {
	/// The line or record alone, for pointing at another place in the same file.
	pub fn within_file(&self) -> String {
		match self {
			Location::File(_) => "the same file".into(),
			Location::Line(_, line) => format!("line {line}"),
			Location::Record(_, record) => format!("record {record}"),
		}
	}
}

impl fmt::Display for Location {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			Location::File(file) => write!(f, "{file}"),
			Location::Line(file, line) => write!(f, "{file}: line {line}"),
			Location::Record(file, record) => write!(f, "{file}: record {record}"),
		}
	}
}

/// The error beneath one of ours (an I/O error, the node client's), kept as its
/// [`source`](std::error::Error::source) for whoever handles it; [`Error::report`] prints the chain.
pub type Cause = Arc<dyn std::error::Error + Send + Sync>;

/// A problem, and where it is.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
	/// Something in an input is wrong.
	#[error("{location}: {problem}")]
	Input {
		location: Location,
		problem: String,
		#[source]
		cause: Option<Cause>,
	},
	/// The command line asks for something that cannot be done.
	#[error("{0}")]
	Usage(String),
	/// The node cannot be reached, or refused or failed a request.
	#[error("the node at {url}: {problem}")]
	Node {
		url: String,
		problem: String,
		#[source]
		cause: Option<Cause>,
	},
	/// A custodian's gateway cannot be reached, or failed or refused a request for another
	/// reason than consent.
	#[error("the gateway at {url}: {problem}")]
	Gateway {
		url: String,
		problem: String,
		#[source]
		cause: Option<Cause>,
	},
	/// A custodian's gateway refused a release because no consent on chain covers it, or the
	/// account may not sign in (exit status [`Error::REFUSED_EXIT_STATUS`]).
	#[error("the gateway at {url} refused: {problem}{}", refusal.as_ref().map(|r| format!(" ({r})")).unwrap_or_default())]
	Refused { url: String, problem: String, refusal: Option<String> },
	/// A proof was checked and does not hold: offline against its root, or on chain against the
	/// subject's anchor. Not a failure to check: the answer is no (exit status
	/// [`Error::INVALID_EXIT_STATUS`]).
	#[error("{location}: INVALID{}: {problem}", if *.on_chain { " on chain" } else { "" })]
	Invalid { location: Location, on_chain: bool, problem: String },
}

impl Error {
	/// A problem with a whole file.
	pub fn file(path: &Path, problem: impl fmt::Display) -> Self {
		Error::at(Location::File(path.display().to_string()), problem)
	}

	/// A problem at `location`.
	pub fn at(location: Location, problem: impl fmt::Display) -> Self {
		Error::Input { location, problem: problem.to_string(), cause: None }
	}

	/// A problem with the gateway at `url`.
	pub fn gateway(url: &str, problem: impl fmt::Display) -> Self {
		Error::Gateway { url: url.into(), problem: problem.to_string(), cause: None }
	}

	/// A problem with the node at `url`.
	pub fn node(url: &str, problem: impl fmt::Display) -> Self {
		Error::Node { url: url.into(), problem: problem.to_string(), cause: None }
	}

	/// This error, caused by `cause` (an input's or the node's): kept as its source. A usage
	/// error or a verdict has none and stays as it is.
	pub fn because(mut self, cause: impl std::error::Error + Send + Sync + 'static) -> Self {
		if let Error::Input { cause: slot, .. }
		| Error::Node { cause: slot, .. }
		| Error::Gateway { cause: slot, .. } = &mut self
		{
			*slot = Some(Arc::new(cause));
		}
		self
	}

	/// The error and each of its causes, as a user reads it: `problem: cause: its cause…`. A
	/// cause whose text an error above it already shows (many errors print their source) is not
	/// repeated.
	pub fn report(&self) -> String {
		let mut report = self.to_string();
		let mut cause = self.source();
		while let Some(error) = cause {
			let text = error.to_string();
			if !report.contains(&text) {
				report.push_str(": ");
				report.push_str(&text);
			}
			cause = error.source();
		}
		report
	}

	/// The proof in `path` does not hold, offline or (`on_chain`) against the chain.
	pub fn invalid(path: &Path, on_chain: bool, problem: impl fmt::Display) -> Self {
		Error::Invalid {
			location: Location::File(path.display().to_string()),
			on_chain,
			problem: problem.to_string(),
		}
	}

	/// The exit status of a command that checked a proof and found it invalid; any other error
	/// exits with 1, and a command line clap refuses with 2.
	pub const INVALID_EXIT_STATUS: u8 = 3;

	/// The exit status of a release a gateway refused for want of consent.
	pub const REFUSED_EXIT_STATUS: u8 = 4;

	/// The process's exit status for this error.
	pub fn exit_status(&self) -> u8 {
		match self {
			Error::Invalid { .. } => Self::INVALID_EXIT_STATUS,
			Error::Refused { .. } => Self::REFUSED_EXIT_STATUS,
			Error::Input { .. } | Error::Usage(_) | Error::Node { .. } | Error::Gateway { .. } => 1,
		}
	}
}

/// The result of a CLI step.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
	use super::*;
	use std::io;

	#[test]
	fn a_cause_is_kept_as_the_source_and_reported_once() {
		let error = Error::file(Path::new("sample.vcf"), "cannot open")
			.because(io::Error::new(io::ErrorKind::NotFound, "No such file or directory"));
		assert_eq!(error.to_string(), "sample.vcf: cannot open");
		let source = error.source().expect("the I/O error is the source");
		assert_eq!(source.to_string(), "No such file or directory");
		assert_eq!(error.report(), "sample.vcf: cannot open: No such file or directory");

		// A cause already in the text is not repeated.
		let repeated = Error::node("ws://127.0.0.1:1", "cannot connect: refused")
			.because(io::Error::other("refused"));
		assert_eq!(repeated.report(), "the node at ws://127.0.0.1:1: cannot connect: refused");
	}

	#[test]
	fn usage_errors_and_verdicts_have_no_cause_and_their_own_exit_status() {
		let usage = Error::Usage("--root: not hex".into()).because(io::Error::other("ignored"));
		assert!(usage.source().is_none());
		assert_eq!(usage.exit_status(), 1);
		let invalid = Error::invalid(Path::new("proof.json"), true, "the anchor was superseded");
		assert_eq!(invalid.to_string(), "proof.json: INVALID on chain: the anchor was superseded");
		assert_eq!(invalid.exit_status(), Error::INVALID_EXIT_STATUS);
		let offline = Error::invalid(Path::new("proof.json"), false, "does not hold");
		assert_eq!(offline.to_string(), "proof.json: INVALID: does not hold");
	}

	#[test]
	fn a_gateway_refusal_names_the_chains_refusal_and_exits_with_4() {
		let refused = Error::Refused {
			url: "http://127.0.0.1:8700".into(),
			problem: "No consent on chain covers this use: Revoked at block 7".into(),
			refusal: Some("Revoked".into()),
		};
		assert_eq!(
			refused.to_string(),
			"the gateway at http://127.0.0.1:8700 refused: No consent on chain covers this use: \
			 Revoked at block 7 (Revoked)"
		);
		assert_eq!(refused.exit_status(), Error::REFUSED_EXIT_STATUS);
		let down = Error::gateway("http://127.0.0.1:1", "cannot be reached")
			.because(io::Error::other("connection refused"));
		assert_eq!(
			down.report(),
			"the gateway at http://127.0.0.1:1: cannot be reached: connection refused"
		);
		assert_eq!(down.exit_status(), 1);
	}
}
