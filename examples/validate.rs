//! One stateless validation natively, for profiling: from the form's JSON bytes to the Report's
//! JSON bytes, as `yoken serve` does it per request (`benches/validate.rs` measures the same).
//!   cargo run --release --example validate -- [half|full] [validations] [ja|en]
//!   (ja or en: every message in that one language, as `?lang=ja` asks)
//!   perf record -g target/release/examples/validate half 40000
use std::error::Error;
use std::time::Instant;

/// The allocator the native shell runs with.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_else(|| "half".to_owned());
    let count: u32 = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000)
        .max(1);
    let path = format!("{}/bench/forms/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let json = std::fs::read_to_string(&path)?;
    let catalog = yoken::Catalog::new();
    let options = yoken::Options {
        lang: args.next().as_deref().and_then(yoken::Lang::from_code),
        ..yoken::Options::traced(false)
    };
    let started = Instant::now();
    let mut bytes = 0;
    for _ in 0..count {
        bytes += catalog
            .validate_json_with("maff-mohouhin-r7", &json, "2025-12-01", options)?
            .len();
    }
    let each = started.elapsed() / count;
    println!(
        "{name}: {count} validations, {each:?} each, {} bytes of Report",
        bytes / count as usize
    );
    Ok(())
}
