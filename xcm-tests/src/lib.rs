//! # Genochain over XCM, in the simulator
//!
//! Four chains in one process (`xcm-simulator`): a relay chain, Genochain, and two parachains
//! running the consumer runtime (a trial registry, say) that adds `pallet-verifier-client`.
//!
//! - **Genochain** is the real runtime (`genochain_runtime::Runtime`) from its development
//!   genesis: its pallets, its XCMP and message queues, its barrier, origin conversion and call
//!   filter.
//! - **The consumer** is the real consumer runtime (`genochain_consumer_runtime::Runtime`, para
//!   2001, the one zombienet runs) from its development genesis, with its own XCM configuration:
//!   it asks with `request_verification`, requiring a lab's attestation of every anchor, admits
//!   Genochain's unpaid answers and takes them with `receive_verdict`. **The forger** runs the same
//!   runtime as para 2002, which Genochain does not answer, and tries to forge answers.
//! - **The relay chain** ([`relay`]) only carries the network.
//!
//! Messages reach each parachain as on a network, through its XCMP queue and message queue, and
//! what it sends leaves through its XCMP queue ([`network`]).
//!
//! The tests ([`tests`]) cover every request kind with true and false answers, a self-asserted
//! anchor refused to a chain requiring attestation, a consent revoked between two queries, a
//! redacted record, timeouts, fee exhaustion, forged and unpaid messages, and count the messages
//! of a query: one there, one back.

#![cfg(test)]

mod network;
mod relay;
mod tests;
