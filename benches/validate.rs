//! Native throughput: one validation from the form's JSON bytes to the Report's JSON bytes, as the
//! server and `yoken check` do it. Forms: `bench/forms/{full,half}.json` (written by
//! `node bench/corpus.mjs --write`, the same forms the browser benchmark replays). `scripts/bench`
//! runs this pinned to one core and compares it with Node running the JS peer on that core.
#![allow(missing_docs)]
// A benchmark is a test harness: a missing input file ends the run with its name.
#![allow(clippy::panic)]

/// The allocator the native shell (`yoken check`, `yoken serve`) runs with.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{criterion_group, Criterion, Throughput};
    use std::hint::black_box;
    use yoken::{Catalog, Options};

    fn form(name: &str) -> String {
        let path = format!("{}/bench/forms/{name}.json", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn validations(c: &mut Criterion) {
        let catalog = Catalog::new();
        let mut group = c.benchmark_group("validate_json");
        group.throughput(Throughput::Elements(1));
        for name in ["full", "half"] {
            let json = form(name);
            for (label, trace) in [("no_trace", false), ("trace", true)] {
                group.bench_function(format!("{name}/{label}"), |b| {
                    b.iter(|| {
                        catalog
                            .validate_json_with(
                                "maff-mohouhin-r7",
                                black_box(&json),
                                "2025-12-01",
                                Options::traced(trace),
                            )
                            .map(|r| r.len())
                    });
                });
            }
        }
        group.finish();
    }

    /// Loading a pack: its JSON (read, checked, compiled — the example cases aside) against its
    /// compiled form (`yoken pack build`, only deserialised), as a page or a server would.
    fn pack_load(c: &mut Criterion) {
        let path = format!("{}/packs/maff-mohouhin-r7.json", env!("CARGO_MANIFEST_DIR"));
        let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let compiled = yoken::Programme::load(&json)
            .unwrap_or_else(|e| panic!("{path}: {e}"))
            .compiled()
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut group = c.benchmark_group("pack_load");
        group.bench_function("json", |b| {
            b.iter(|| yoken::Programme::load(black_box(&json)).map(|p| p.case_count()));
        });
        group.bench_function("compiled", |b| {
            b.iter(|| {
                yoken::Programme::from_compiled(black_box(&compiled)).map(|p| p.case_count())
            });
        });
        group.finish();
    }

    criterion_group!(benches, validations, pack_load);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
