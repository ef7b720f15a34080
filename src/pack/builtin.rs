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

struct Loaded {
    programmes: Vec<Programme>,
    problems: Vec<(&'static str, PackError)>,
}

fn loaded() -> &'static Loaded {
    static LOADED: OnceLock<Loaded> = OnceLock::new();
    LOADED.get_or_init(|| {
        let mut programmes = Vec::new();
        let mut problems = Vec::new();
        for (name, json) in FILES {
            match Programme::from_json_with(json, false) {
                Ok(p) => programmes.push(p),
                Err(e) => problems.push((name, e)),
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
pub fn all() -> &'static [Programme] {
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
        }
    }
}
