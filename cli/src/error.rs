//! The errors the CLI reports: each names the file (and line or record) it is about, so that the
//! user knows what to fix.

use std::{fmt, path::Path};

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

/// A problem, and where it is.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
	/// Something in an input is wrong.
	#[error("{location}: {problem}")]
	Input { location: Location, problem: String },
	/// The command line asks for something that cannot be done.
	#[error("{0}")]
	Usage(String),
	/// The node cannot be reached, or refused or failed a request.
	#[error("the node at {url}: {problem}")]
	Node { url: String, problem: String },
}

impl Error {
	/// A problem with a whole file.
	pub fn file(path: &Path, problem: impl fmt::Display) -> Self {
		Error::Input {
			location: Location::File(path.display().to_string()),
			problem: problem.to_string(),
		}
	}

	/// A problem at `location`.
	pub fn at(location: Location, problem: impl fmt::Display) -> Self {
		Error::Input { location, problem: problem.to_string() }
	}
}

/// The result of a CLI step.
pub type Result<T> = std::result::Result<T, Error>;
