//! The native shell's tests: the real `yoken` binary on files, pipes and sockets (one
//! integration binary, ripgrep's layout).
// Tests may unwrap and panic: a failing test should stop at the line that failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod cli;
mod documents;
mod hardening;
mod server;
// The helpers the core's tests use, shared rather than copied (not every one is used here).
#[allow(dead_code)]
#[path = "../../../tests/util.rs"]
mod util;
