//! Empty on purpose: this crate only requests features of its dependencies (see its Cargo.toml).
