//! Embeds every rule pack in `packs/` into the core (sorted by file name), so a programme is added
//! to yoken by adding its pack file — data only, no Rust change.

use std::fmt::Write as _;
use std::path::Path;

fn main() -> std::io::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("packs");
    println!("cargo:rerun-if-changed={}", dir.display());
    // Without the `builtin-packs` feature (the wasm module) nothing is embedded.
    let embed = std::env::var_os("CARGO_FEATURE_BUILTIN_PACKS").is_some();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| embed && p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut out = format!(
        "/// The embedded pack files: (file name, JSON).\npub(crate) const FILES: [(&str, &str); {}] = [\n",
        files.len()
    );
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    out.push_str("];\n");
    model_fingerprint();
    let target = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("builtin_packs.rs");
    std::fs::write(&target, out)
}

/// A fingerprint of the sources that define the runnable model and its encoding (the compiled
/// form of a pack is that model in `binary`'s bytes): a compiled pack is read only by a build
/// whose model is the same.
fn model_fingerprint() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in [
        "src/pack/model.rs",
        "src/pack/binary.rs",
        "src/pack/expr.rs",
        "src/pack/table.rs",
        "src/pack/category.rs",
        "src/pack/spec.rs",
        "src/pack/info.rs",
        "src/text/form_path.rs",
        "src/text/exact.rs",
        "src/text/amount_field.rs",
        "src/finding/message.rs",
        "src/finding/diagnostic.rs",
        "src/finding/verdict.rs",
    ] {
        let path = root.join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        for b in std::fs::read(&path).unwrap_or_default() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=YOKEN_MODEL_FINGERPRINT={hash:016x}");
}
