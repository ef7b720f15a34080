//! Every spec case (tests/cases/<programme>/*.form.json, `{today, form}`) checked natively
//! through the public API, with and without traces, and every pack of packs/ read as JSON and in
//! its compiled form (what `yoken pack build` writes and the module reads), in rounds: the training run of
//! `scripts/build-pgo` for the benches' build of the library (`benches/validate.rs`), as
//! `bench/pgo-train.mjs` is for the server. Not the benchmarks' forms, and not a measurement.
//!   cargo bench --bench spec_cases -- [rounds]
use std::error::Error;

/// The allocator the native shell runs with.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// The integration tests' helpers: the spec cases found and read as the tests find and read them
// (not every helper is used here; a case that cannot be read stops the run, as it fails a test).
#[allow(dead_code, clippy::unwrap_used, clippy::panic)]
#[path = "../tests/util.rs"]
mod util;

fn main() -> Result<(), Box<dyn Error>> {
    // (`cargo bench` adds `--bench` to the arguments.)
    let rounds: u32 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(20)
        .max(1);
    // (programme, today, form's JSON text) of every case, in name order.
    let cases: Vec<(String, String, String)> = util::spec_cases()
        .into_iter()
        .map(|(id, path)| {
            let case = util::read_case(&path);
            (id, case.today, case.form.to_string())
        })
        .collect();
    if cases.is_empty() {
        return Err("no spec cases under tests/cases".into());
    }
    let mut packs = Vec::new();
    for entry in std::fs::read_dir(util::root().join("packs"))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "json") {
            packs.push(std::fs::read_to_string(path)?);
        }
    }
    let catalog = yoken::Catalog::new();
    let (mut bytes, mut packs_read) = (0, 0);
    for _ in 0..rounds {
        for json in &packs {
            let compiled = yoken::Programme::load(json)?.compiled()?;
            yoken::Programme::from_compiled(&compiled)?;
            packs_read += 1;
        }
        for (id, today, form) in &cases {
            for trace in [true, false] {
                let options = yoken::Options::traced(trace);
                bytes += catalog.validate_json_with(id, form, today, options)?.len();
            }
        }
    }
    println!(
        "{} spec cases × 2 and {} packs × {rounds} rounds: {bytes} bytes of Reports, {packs_read} packs read back",
        cases.len(),
        packs.len()
    );
    Ok(())
}
