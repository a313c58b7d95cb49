//! Cargo resolves a crate's build dependencies only when it has a build script: this one makes
//! the host-side feature requests in Cargo.toml count.
fn main() {}
