//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

/// The repository root (where `packs/` and `tests/cases/` are), from whichever package's tests
/// run: the core's, or the native shell's (`crates/yoken-cli`), which shares this file.
pub fn root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .find(|dir| dir.join("packs").is_dir())
        .map_or(here.clone(), Path::to_path_buf)
}

/// Whether expected files should be rewritten (`YOKEN_BLESS=1`), never on CI.
pub fn bless() -> bool {
    std::env::var_os("YOKEN_BLESS").is_some() && std::env::var_os("CI").is_none()
}

/// Compares `actual` with the file at `path`, or writes it when blessing.
pub fn expect_file(path: &Path, actual: &str) {
    if bless() {
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run `YOKEN_BLESS=1 cargo test` and review it",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the actual output at line {}:\n  expected: {:?}\n  actual:   {:?}\n(run `YOKEN_BLESS=1 cargo test` to accept, then review the diff)",
            path.display(),
            first + 1,
            expected.lines().nth(first).unwrap_or("<end>"),
            actual.lines().nth(first).unwrap_or("<end>"),
        );
    }
}

/// A spec case file: `{today, form}`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// The date the form is checked on (ISO).
    pub today: String,
    /// The form.
    pub form: serde_json::Value,
}

/// Reads the spec case at `path`.
pub fn read_case(path: &Path) -> Case {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every `*.json` spec case under tests/cases/<programme>/ that is a form (not a report).
pub fn spec_cases() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let dir = root().join("tests/cases");
    for programme in std::fs::read_dir(&dir).unwrap() {
        let programme = programme.unwrap().path();
        if !programme.is_dir() {
            continue;
        }
        let id = programme
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        for entry in std::fs::read_dir(&programme).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".form.json") {
                out.push((id.clone(), path));
            }
        }
    }
    out.sort();
    out
}

/// A small pack for a test (`yoken-pack/2`; one clause 第1; one sub-programme chosen at `x.kind`):
/// the header every hand-written test pack repeats, with `body`'s keys (subprogrammes, questions,
/// figures…) added. `document` names the test file it is written in.
pub fn test_pack(
    id: &str,
    (ja, en): (&str, &str),
    document: &str,
    body: serde_json::Value,
) -> serde_json::Value {
    let mut pack = serde_json::json!({
        "format": "yoken-pack/2", "id": id,
        "title": {"ja": ja, "en": en},
        "source": {"title": "t", "issuer": "t", "document": document},
        "fiscal_year": 2025, "valid_from": "2025-04-01", "valid_until": "2026-03-31",
        "clauses": [{"id": "第1", "text": "試験", "gloss": "test"}],
        "selection": {"path": "x.kind", "clause": "第1", "label": {"ja": "種類", "en": "kind"}, "min": 1, "max": 1},
    });
    if let (Some(pack), serde_json::Value::Object(body)) = (pack.as_object_mut(), body) {
        pack.extend(body);
    }
    pack
}
