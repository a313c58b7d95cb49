//! # Genochain over XCM, in the simulator
//!
//! Three chains in one process (`xcm-simulator`): a relay chain, Genochain and a consumer
//! parachain (a trial registry, say) that adds `pallet-verifier-client`.
//!
//! - **Genochain** is the real runtime (`genochain_runtime::Runtime`) from its development
//!   genesis: its pallets, its XCMP and message queues, its barrier, origin conversion and call
//!   filter. Messages reach it as they would on a network, through its XCMP queue and message
//!   queue; what it sends leaves through its XCMP queue ([`network`]).
//! - **The consumer** ([`consumer`]) asks with `request_verification`, admits Genochain's unpaid
//!   answers and takes them with `receive_verdict`.
//! - **The relay chain** ([`relay`]) only carries the network.
//!
//! The tests ([`tests`]) cover every request kind with true and false answers, a consent revoked
//! between two queries, a redacted record, timeouts, fee exhaustion, forged and unpaid messages,
//! and count the messages of a query: one there, one back.

#![cfg(test)]

mod consumer;
mod network;
mod relay;
mod tests;
