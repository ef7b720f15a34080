//! The `yoken` binary: `yoken check`, `yoken serve`, `yoken programmes`, `yoken pack check`,
//! `yoken schema`. Everything lives in the library (`yoken::cli`); this only runs it.
#![forbid(unsafe_code)]

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    yoken::cli::run()
}

// There is no command line in the browser: the wasm build is the library (`pkg/`).
#[cfg(target_arch = "wasm32")]
fn main() {}
