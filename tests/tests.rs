//! yoken's integration tests: one binary (ripgrep's layout), one module per concern.
//! They read files under tests/ and drive native front ends, so they are native only; the same
//! spec cases run against the wasm build in tests/node/spec-parity.test.mjs.
#![cfg(not(target_arch = "wasm32"))]
// Tests may unwrap and panic: a failing test should stop at the line that failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod budget_properties;
mod codes;
mod compiled;
mod coverage;
mod expressions;
mod form_paths;
mod hostile;
mod layers;
mod pack_checks;
mod pack_docs;
mod schema;
mod session;
mod spec_cases;
mod three_valued;
mod util;
