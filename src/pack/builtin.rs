//! The rule packs built into yoken: the two seeded programmes, embedded as JSON.
//!
//! They are checked on first use (their example cases run in the test suite, not at start-up,
//! so the first keystroke in the browser does not pay for them).

use super::compile::{PackError, Programme};
use std::sync::OnceLock;

/// The embedded pack files: (file name, JSON).
pub const FILES: [(&str, &str); 2] = [
    (
        "maff-mohouhin-r7.json",
        include_str!("../../packs/maff-mohouhin-r7.json"),
    ),
    (
        "maff-hinshu-r7.json",
        include_str!("../../packs/maff-hinshu-r7.json"),
    ),
];

/// One compiled pack per file, each compiled the first time it is asked for: a page that checks
/// one programme does not pay, at start-up, for compiling the other.
static COMPILED: [OnceLock<Result<Programme, PackError>>; FILES.len()] =
    [const { OnceLock::new() }; FILES.len()];

fn compiled(index: usize) -> &'static Result<Programme, PackError> {
    COMPILED[index].get_or_init(|| Programme::from_json_with(FILES[index].1, false))
}

/// The built-in programme with this id (its file is `{id}.json`), compiled on first use.
#[must_use]
pub fn get(id: &str) -> Option<&'static Programme> {
    let index = FILES
        .iter()
        .position(|(name, _)| name.strip_suffix(".json") == Some(id))?;
    compiled(index).as_ref().ok()
}

struct Loaded {
    programmes: Vec<&'static Programme>,
    problems: Vec<(&'static str, PackError)>,
}

fn loaded() -> &'static Loaded {
    static LOADED: OnceLock<Loaded> = OnceLock::new();
    LOADED.get_or_init(|| {
        let mut programmes = Vec::new();
        let mut problems = Vec::new();
        for (index, (name, _)) in FILES.iter().enumerate() {
            match compiled(index) {
                Ok(p) => programmes.push(p),
                Err(e) => problems.push((*name, e.clone())),
            }
        }
        Loaded {
            programmes,
            problems,
        }
    })
}

/// The built-in programmes that passed their checks.
#[must_use]
pub fn all() -> &'static [&'static Programme] {
    &loaded().programmes
}

/// Built-in packs that failed their checks (always empty in a tested build).
#[must_use]
pub fn problems() -> &'static [(&'static str, PackError)] {
    &loaded().problems
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn built_in_packs_load_and_pass_their_own_cases() {
        assert!(problems().is_empty(), "{:?}", problems());
        assert_eq!(all().len(), FILES.len());
        for p in all() {
            let problems = crate::engine::case_problems(p);
            assert!(problems.is_empty(), "{}: {problems:#?}", p.id());
            assert!(!p.spec.cases.is_empty(), "{} has no example cases", p.id());
            // `get` finds a pack by its file name, so the two must agree.
            assert!(FILES
                .iter()
                .any(|(name, _)| *name == format!("{}.json", p.id())));
            assert_eq!(get(p.id()).map(Programme::id), Some(p.id()));
        }
        assert!(get("no-such-programme").is_none());
    }
}
