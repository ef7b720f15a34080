//! Reading `yoken check` inputs: files, directories (every *.json and *.jsonl, sorted), `-` for
//! standard input, and JSON Lines (one form per line) for batches.

use std::io::Read;
use std::path::{Path, PathBuf};

/// One form to check: where it came from and its text (or why it could not be read).
pub struct Item {
    /// `file.json`, `batch.jsonl:12`, `-`.
    pub source: String,
    /// The form's JSON text, or the reason it could not be read.
    pub text: Result<String, String>,
}

/// Collects every form named by `inputs`; `jsonl` treats every file (and stdin) as JSON Lines.
#[must_use]
pub fn collect(inputs: &[String], jsonl: bool) -> Vec<Item> {
    let mut items = Vec::new();
    for input in inputs {
        if input == "-" {
            let mut text = String::new();
            match std::io::stdin().read_to_string(&mut text) {
                Ok(_) if jsonl => push_lines(&mut items, "-", &text),
                Ok(_) => items.push(Item {
                    source: "-".into(),
                    text: Ok(text),
                }),
                Err(e) => items.push(Item {
                    source: "-".into(),
                    text: Err(format!("cannot read standard input: {e}")),
                }),
            }
            continue;
        }
        let path = PathBuf::from(input);
        if path.is_dir() {
            let mut files = Vec::new();
            walk(&path, &mut files);
            files.sort();
            for f in files {
                read_file(&mut items, &f, jsonl);
            }
        } else {
            read_file(&mut items, &path, jsonl);
        }
    }
    items
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "json" || e == "jsonl")
        {
            out.push(path);
        }
    }
}

fn read_file(items: &mut Vec<Item>, path: &Path, jsonl: bool) {
    let source = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) if jsonl || path.extension().is_some_and(|e| e == "jsonl") => {
            push_lines(items, &source, &text);
        }
        Ok(text) => items.push(Item {
            source,
            text: Ok(text),
        }),
        Err(e) => items.push(Item {
            text: Err(format!("cannot read {source}: {e}")),
            source,
        }),
    }
}

/// One item per non-blank line, named `source:line`.
fn push_lines(items: &mut Vec<Item>, source: &str, text: &str) {
    for (i, line) in text.lines().enumerate() {
        if !line.trim().is_empty() {
            items.push(Item {
                source: format!("{source}:{}", i + 1),
                text: Ok(line.to_owned()),
            });
        }
    }
}
