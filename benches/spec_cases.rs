//! Every spec case (tests/cases/<programme>/*.form.json, `{today, form}`) checked natively
//! through the public API, with and without traces, and every pack of packs/ read as JSON and in
//! its compiled form (what `yoken pack build` writes and the module reads), in rounds: the training run of
//! `scripts/build-pgo` for the benches' build of the library (`benches/validate.rs`), as
//! `bench/pgo-train.mjs` is for the server. Not the benchmarks' forms, and not a measurement.
//!   cargo bench --bench spec_cases -- [rounds]
use std::error::Error;
use std::path::Path;

/// The allocator the native shell runs with.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn Error>> {
    // (`cargo bench` adds `--bench` to the arguments.)
    let rounds: u32 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(20)
        .max(1);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    // (programme, today, form's JSON text) of every case, in name order.
    let mut cases = Vec::new();
    let mut programmes: Vec<_> = std::fs::read_dir(&root)?.collect::<Result<_, _>>()?;
    programmes.sort_by_key(std::fs::DirEntry::file_name);
    for programme in programmes {
        let id = programme.file_name().to_string_lossy().into_owned();
        let mut files: Vec<_> = std::fs::read_dir(programme.path())?.collect::<Result<_, _>>()?;
        files.sort_by_key(std::fs::DirEntry::file_name);
        for file in files {
            if !file.file_name().to_string_lossy().ends_with(".form.json") {
                continue;
            }
            let case: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(file.path())?)?;
            let today = case["today"]
                .as_str()
                .ok_or("a case without `today`")?
                .to_owned();
            cases.push((id.clone(), today, case["form"].to_string()));
        }
    }
    if cases.is_empty() {
        return Err(format!("no spec cases under {}", root.display()).into());
    }
    let mut packs = Vec::new();
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("packs"))? {
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
