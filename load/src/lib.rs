//! `genochain-load`: how many transactions of each kind a Genochain node includes a second and a
//! block, and how long each waits, measured against a node on this machine.
//!
//! A run derives fresh accounts, funds them from the sudo account, sets up what its scenarios
//! need (custodians, anchors, consents, studies: [`scenario`]), signs every measured transaction
//! ahead with the right nonces and immortal eras, then submits them at a fixed rate or as fast as
//! the pool takes them and follows them into blocks ([`engine`]). [`report`] prints, per second
//! and per block, what was submitted, taken into the pool, included and finalized, what failed
//! and why, and the latency from submission to inclusion and to finality. A run stops by itself:
//! each phase is bounded in transactions and in time.

pub mod chain;
pub mod devnode;
pub mod engine;
pub mod report;
pub mod scale;
pub mod scenario;

/// Why a load run could not be made.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
	/// The command line asks for something that cannot be done.
	#[error("{0}")]
	Usage(String),
	/// The node cannot be reached, or answered something this tool cannot read.
	#[error("the node at {url}: {problem}")]
	Node { url: String, problem: String },
	/// A setup transaction failed: the scenario cannot be measured.
	#[error("setup: {0}")]
	Setup(String),
	/// `--require-all`: these scenarios lost, or saw refused or failed, transactions.
	#[error("not every transaction was included and finalized in: {0} (see their reports above)")]
	Incomplete(String),
}
