//! The core's layers, held by a test that reads the sources: every file may import only files of
//! its own layer or of the layers below, and no file imports, directly or through others, a file
//! that imports it (no circle). `mod x;` declarations are not imports; `use`, paths in code and
//! re-exports are. A finding names the file and the import.

use crate::util::root;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers from the bottom: the words every layer speaks, typed text and numbers, the pack,
/// reading answers, evaluation, the Report, the API; `lib.rs` on top.
const LAYERS: [&str; 7] = ["finding", "text", "pack", "read", "eval", "report", "api"];

fn rank(module: &[String]) -> usize {
    module
        .first()
        .and_then(|top| LAYERS.iter().position(|l| l == top))
        .unwrap_or(LAYERS.len())
}

/// Every source file of the core, by its module path (`["eval", "budget", "lines"]`).
fn modules() -> BTreeMap<Vec<String>, PathBuf> {
    fn walk(dir: &Path, prefix: &[String], out: &mut BTreeMap<Vec<String>, PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                let mut p = prefix.to_vec();
                p.push(name);
                walk(&path, &p, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let mut p = prefix.to_vec();
                if name != "mod" && name != "lib" {
                    p.push(name);
                }
                out.insert(p, path);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&root().join("src"), &[], &mut out);
    out
}

/// The paths a source text names: `crate::a::b`, `super::c`, `self::d`, each brace group of a
/// `use` spread out, and whether the text sits in the file's `mod tests` (where `super` is the
/// file itself).
fn paths(text: &str) -> Vec<(Vec<String>, bool)> {
    let (code, tests) = text
        .split_once("#[cfg(test)]\nmod tests")
        .unwrap_or((text, ""));
    let mut out = Vec::new();
    for (part, in_tests) in [(code, false), (tests, true)] {
        // Comments name paths too (`[`crate::x`]` links): they are not imports.
        let part: String = part
            .lines()
            .map(|l| l.split("//").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        let bytes = part.as_bytes();
        let mut i = 0;
        while i < part.len() {
            let rest = &part[i..];
            let starts = ["crate::", "super::", "self::"]
                .iter()
                .find(|s| rest.starts_with(**s));
            let boundary = i == 0
                || !(bytes[i - 1].is_ascii_alphanumeric()
                    || bytes[i - 1] == b'_'
                    || bytes[i - 1] == b':');
            match starts {
                Some(_) if boundary => {
                    let end = rest
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                        .unwrap_or(rest.len());
                    let head: Vec<String> = rest[..end]
                        .split("::")
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect();
                    if rest[end..].starts_with('{') {
                        let close = rest[end..].find('}').map_or(rest.len(), |c| end + c);
                        for item in rest[end + 1..close].split(',') {
                            let mut p = head.clone();
                            p.extend(
                                item.split_whitespace()
                                    .next()
                                    .unwrap_or("")
                                    .split("::")
                                    .filter(|s| !s.is_empty() && *s != "self")
                                    .map(str::to_owned),
                            );
                            out.push((p, in_tests));
                        }
                    } else {
                        out.push((head, in_tests));
                    }
                    i += end.max(1);
                }
                _ => i += rest.chars().next().map_or(1, char::len_utf8),
            }
        }
    }
    out
}

/// The module a path leads to: the longest prefix that is a source file.
fn resolve(
    from: &[String],
    path: &[String],
    in_tests: bool,
    modules: &BTreeMap<Vec<String>, PathBuf>,
) -> Option<Vec<String>> {
    let (mut base, mut rest): (Vec<String>, &[String]) = match path.first().map(String::as_str) {
        Some("crate") => (Vec::new(), &path[1..]),
        Some("self") => (from.to_vec(), &path[1..]),
        Some("super") => {
            let mut base = from.to_vec();
            if !in_tests {
                base.pop();
            }
            (base, &path[1..])
        }
        _ => return None,
    };
    while rest.first().map(String::as_str) == Some("super") {
        base.pop();
        rest = &rest[1..];
    }
    let mut best = base.clone();
    let mut candidate = base;
    for segment in rest {
        candidate.push(segment.clone());
        if modules.contains_key(&candidate) {
            best.clone_from(&candidate);
        }
    }
    modules.contains_key(&best).then_some(best)
}

#[test]
fn no_module_imports_a_layer_above_it_and_there_is_no_circle() {
    let modules = modules();
    assert!(modules.len() > 40, "read {} files", modules.len());
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    let mut upward = Vec::new();
    for (module, file) in &modules {
        let text = std::fs::read_to_string(file).unwrap();
        for (path, in_tests) in paths(&text) {
            let Some(target) = resolve(module, &path, in_tests, &modules) else {
                continue;
            };
            if &target == module || target.is_empty() {
                continue;
            }
            if rank(&target) > rank(module) {
                upward.push(format!("{} imports {}", file.display(), path.join("::")));
            }
            edges.entry(module.clone()).or_default().insert(target);
        }
    }
    assert!(
        upward.is_empty(),
        "imports that run up a layer:\n{}",
        upward.join("\n")
    );
    // A circle is a path from a module back to itself.
    let mut circles = Vec::new();
    for start in edges.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<Vec<Vec<String>>> = vec![vec![start.clone()]];
        while let Some(trail) = stack.pop() {
            let last = trail.last().unwrap();
            for next in edges.get(last).into_iter().flatten() {
                if next == start {
                    let names: Vec<String> = trail.iter().map(|m| m.join("::")).collect();
                    circles.push(format!("{} → {}", names.join(" → "), start.join("::")));
                } else if seen.insert(next.clone()) {
                    let mut t = trail.clone();
                    t.push(next.clone());
                    stack.push(t);
                }
            }
        }
    }
    assert!(
        circles.is_empty(),
        "circles of imports:\n{}",
        circles.join("\n")
    );
    // The lib's map: every layer exists, and the bottom one imports nothing else.
    for layer in LAYERS {
        assert!(
            modules
                .keys()
                .any(|m| m.first().is_some_and(|f| f == layer)),
            "{layer}"
        );
    }
    for (module, targets) in &edges {
        if rank(module) == 0 {
            assert!(
                targets.iter().all(|t| rank(t) == 0),
                "{module:?} → {targets:?}"
            );
        }
    }
}

#[test]
fn the_reader_of_paths_sees_groups_and_ignores_comments() {
    let p = paths("use crate::a::{b, c::d as e};\n// crate::zz\nfn f() { super::g(); }\n#[cfg(test)]\nmod tests { use super::*; }");
    let names: Vec<(String, bool)> = p.into_iter().map(|(p, t)| (p.join("::"), t)).collect();
    assert_eq!(
        names,
        [
            ("crate::a::b".to_owned(), false),
            ("crate::a::c::d".to_owned(), false),
            ("super::g".to_owned(), false),
            ("super".to_owned(), true)
        ]
    );
}
