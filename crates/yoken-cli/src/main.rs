//! The `yoken` binary: `yoken check`, `yoken serve`, `yoken programmes`, `yoken pack check`,
//! `yoken schema`, `yoken codes`. Everything lives in the shell's library (`yoken_cli`); this
//! only runs it.
#![forbid(unsafe_code)]

/// mimalloc rather than the system allocator (measured: BENCHMARKS.md, "Native").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    yoken_cli::run()
}
