//! The `yoken` binary: `yoken check`, `yoken serve`, `yoken programmes`, `yoken pack check`,
//! `yoken schema`, `yoken codes`. Everything lives in the shell's library (`yoken_cli`); this
//! only runs it.
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    yoken_cli::run()
}
