//! Form paths: where a value lives in a form, `applicant.org_type` or `budget.lines[3].amount`.
//!
//! The grammar, in one place (the widget's `parsePath` follows it too; both are tested on
//! `tests/fixtures/form-paths.json`):
//!
//! ```text
//! path    = segment *("." segment)
//! segment = key *("[" index "]")
//! key     = 1*(any character but "." "[" "]")
//! index   = "0" / (digit 1-9) *digit        ; at most 10,000: no leading zeros, one spelling
//! ```
//!
//! A rule pack's question ids are the plainer kind ([`FormPath::is_question_id`]): keys of
//! lowercase letters, digits and `_`, and no indices.
//!
//! Owns: the grammar, and walking a JSON value along a path. Must not know: what is at a path.

use core::fmt;
use serde_json::{Map, Value};

/// The largest list index a path may name (a form never has more rows; a path cannot make one).
pub const MAX_INDEX: usize = 10_000;

/// One step of a path: an object key or a list index.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone, serde::Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    /// An object's key.
    Key(String),
    /// A list's index.
    Index(usize),
}

/// A step as read from a path's text, its key not yet copied.
enum StepText<'a> {
    Key(&'a str),
    Index(usize),
}

impl StepText<'_> {
    /// The step, its key copied.
    fn owned(self) -> Step {
        match self {
            StepText::Key(k) => Step::Key(k.to_owned()),
            StepText::Index(i) => Step::Index(i),
        }
    }
}

/// A parsed form path.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone, serde::Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FormPath {
    steps: Vec<Step>,
}

/// Why a value could not be set at a path: part of the way holds a value of another kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathClash;

impl FormPath {
    /// The path of these steps (a compiled pack's, written by a checked pack).
    pub(crate) fn from_steps(steps: Vec<Step>) -> Self {
        Self { steps }
    }

    /// Reads a path; `None` when `text` does not follow the grammar.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let mut path = Self { steps: Vec::new() };
        path.parse_into(text).then_some(path)
    }

    /// Reads `text` into this path, reusing the storage of its steps (a session parses the path
    /// of every keystroke, mostly the same keys as the last); `false`, leaving some path, when
    /// `text` does not follow the grammar.
    pub(crate) fn parse_into(&mut self, text: &str) -> bool {
        let mut n = 0;
        let mut put = |steps: &mut Vec<Step>, step: StepText<'_>| {
            match (steps.get_mut(n), step) {
                (Some(Step::Key(kept)), StepText::Key(key)) => {
                    kept.clear();
                    kept.push_str(key);
                }
                (Some(kept), step) => *kept = step.owned(),
                (None, step) => steps.push(step.owned()),
            }
            n += 1;
        };
        // One pass over the bytes: the delimiters are ASCII, so every cut falls between
        // characters (searching by `char` was half of a keystroke's path parsing).
        let bytes = text.as_bytes();
        let mut at = 0;
        loop {
            let end = bytes[at..]
                .iter()
                .position(|b| matches!(b, b'.' | b'[' | b']'))
                .map_or(bytes.len(), |p| at + p);
            if end == at {
                return false;
            }
            put(&mut self.steps, StepText::Key(&text[at..end]));
            at = end;
            while bytes.get(at) == Some(&b'[') {
                let Some(close) = bytes[at + 1..].iter().position(|&b| b == b']') else {
                    return false;
                };
                let Some(i) = index(&text[at + 1..at + 1 + close]) else {
                    return false;
                };
                put(&mut self.steps, StepText::Index(i));
                at += close + 2;
            }
            // After a key or its indices: the end, the next segment, or a refusal (a `]` with no
            // `[`, text after an index).
            match bytes.get(at) {
                None => break,
                Some(b'.') => at += 1,
                Some(_) => return false,
            }
        }
        self.steps.truncate(n);
        true
    }

    /// A path of object keys only (`["applicant", "name"]` → `applicant.name`); `None` when a key
    /// is empty or holds `.`, `[` or `]`.
    #[must_use]
    pub fn of_keys<'a>(keys: impl IntoIterator<Item = &'a str>) -> Option<Self> {
        let steps: Vec<Step> = keys
            .into_iter()
            .map(|k| is_key(k).then(|| Step::Key(k.to_owned())))
            .collect::<Option<_>>()?;
        (!steps.is_empty()).then_some(Self { steps })
    }

    /// The steps.
    #[must_use]
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The first key (`budget` for `budget.lines[0].amount`).
    #[must_use]
    pub fn root(&self) -> &str {
        match self.steps.first() {
            Some(Step::Key(k)) => k,
            _ => "",
        }
    }

    /// The first key of a path's text without reading all of it (for ordering findings, whose
    /// paths are text): everything before the first `.` or `[`.
    #[must_use]
    pub fn root_of(text: &str) -> &str {
        // Both marks are ASCII: a byte search, and the end is a character boundary.
        let end = text
            .bytes()
            .position(|b| b == b'.' || b == b'[')
            .unwrap_or(text.len());
        &text[..end]
    }

    /// Whether this is a question id: lowercase letters, digits and `_` in each key, no index.
    #[must_use]
    pub fn is_question_id(&self) -> bool {
        self.steps.iter().all(|s| match s {
            Step::Key(k) => k
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            Step::Index(_) => false,
        })
    }

    /// The steps after `prefix`, when this path starts with it.
    #[must_use]
    pub fn after(&self, prefix: &FormPath) -> Option<&[Step]> {
        self.steps.strip_prefix(prefix.steps.as_slice())
    }

    /// The value at this path in `form`.
    #[must_use]
    pub fn lookup<'a>(&self, form: &'a Value) -> Option<&'a Value> {
        self.steps.iter().try_fold(form, step_into)
    }

    /// The value at this path in a form's top-level entries (a form held as its map).
    #[must_use]
    pub(crate) fn lookup_in<'a>(&self, entries: &'a Map<String, Value>) -> Option<&'a Value> {
        let (Step::Key(root), rest) = self.steps.split_first()? else {
            return None;
        };
        rest.iter().try_fold(entries.get(root)?, step_into)
    }

    /// The value at this path in `form`, to change it in place.
    #[must_use]
    pub fn lookup_mut<'a>(&self, form: &'a mut Value) -> Option<&'a mut Value> {
        self.steps.iter().try_fold(form, |value, step| match step {
            Step::Key(k) => value.as_object_mut()?.get_mut(k),
            Step::Index(i) => value.as_array_mut()?.get_mut(*i),
        })
    }

    /// Sets `value` at this path, making the objects and list entries (blank rows `{}`) on the
    /// way; a step through a value of another kind (text where an object is needed) is a clash.
    pub fn set(&self, form: &mut Value, value: Value) -> Result<(), PathClash> {
        let mut node = form;
        for step in &self.steps {
            node = match step {
                Step::Key(k) => {
                    if node.is_null() {
                        *node = Value::Object(Map::new());
                    }
                    let object = node.as_object_mut().ok_or(PathClash)?;
                    // The key is copied only for a new entry (an edit mostly changes one).
                    if !object.contains_key(k) {
                        object.insert(k.clone(), Value::Null);
                    }
                    object.get_mut(k).ok_or(PathClash)?
                }
                Step::Index(n) => {
                    if node.is_null() {
                        *node = Value::Array(Vec::new());
                    }
                    let items = node.as_array_mut().ok_or(PathClash)?;
                    while items.len() <= *n {
                        items.push(Value::Object(Map::new()));
                    }
                    &mut items[*n]
                }
            };
        }
        *node = value;
        Ok(())
    }
}

/// The value one step into `value`.
fn step_into<'a>(value: &'a Value, step: &Step) -> Option<&'a Value> {
    match step {
        Step::Key(k) => value.as_object()?.get(k),
        Step::Index(i) => value.as_array()?.get(*i),
    }
}

/// Whether `key` may be one key of a path (not empty, no `.`, `[` or `]`).
pub(crate) fn is_key(key: &str) -> bool {
    !key.is_empty() && !key.contains(['.', '[', ']'])
}

/// An index's digits: no sign, no leading zero, at most [`MAX_INDEX`].
fn index(digits: &str) -> Option<usize> {
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    if !canonical || digits.len() > 5 {
        return None;
    }
    digits.parse().ok().filter(|i| *i <= MAX_INDEX)
}

impl fmt::Display for FormPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.steps.iter().enumerate() {
            match step {
                Step::Key(k) if i == 0 => f.write_str(k)?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn key(k: &str) -> Step {
        Step::Key(k.to_owned())
    }

    #[test]
    fn reads_keys_and_indices_and_writes_them_back() {
        let p = FormPath::parse("budget.lines[3].amount").unwrap();
        assert_eq!(
            p.steps(),
            [key("budget"), key("lines"), Step::Index(3), key("amount")]
        );
        assert_eq!(p.to_string(), "budget.lines[3].amount");
        assert_eq!(p.root(), "budget");
        assert_eq!(FormPath::parse("a[0][12]").unwrap().steps().len(), 3);
        assert_eq!(FormPath::root_of("budget.lines[3]"), "budget");
        assert_eq!(FormPath::root_of("rows[1]"), "rows");
        for bad in [
            "", "a..b", ".a", "a.", "a[x]", "a[01]", "a[-1]", "a[10001]", "a[", "a]", "[0]",
            "a[0]b",
        ] {
            assert_eq!(FormPath::parse(bad), None, "{bad:?}");
        }
        assert!(FormPath::parse("applicant.org_type")
            .unwrap()
            .is_question_id());
        assert!(!FormPath::parse("Applicant.x").unwrap().is_question_id());
        assert!(!FormPath::parse("a[0]").unwrap().is_question_id());
    }

    /// The grammar read segment by segment, as the module's documentation writes it.
    fn by_segments(text: &str) -> Option<Vec<Step>> {
        let mut steps = Vec::new();
        for segment in text.split('.') {
            let (key, mut rest) = segment.split_at(segment.find('[').unwrap_or(segment.len()));
            if key.is_empty() || key.contains(']') {
                return None;
            }
            steps.push(Step::Key(key.to_owned()));
            while !rest.is_empty() {
                let inner = rest.strip_prefix('[')?;
                let close = inner.find(']')?;
                steps.push(Step::Index(index(&inner[..close])?));
                rest = &inner[close + 1..];
            }
        }
        Some(steps)
    }

    #[test]
    fn the_one_pass_reader_follows_the_grammar_on_every_short_text() {
        // Every text of up to five characters from the grammar's delimiters, digits and keys
        // (ASCII and not), read into a path that held steps before.
        let alphabet = ['a', '日', '.', '[', ']', '0', '1', '9'];
        let mut texts = vec![String::new()];
        let mut kept = FormPath::parse("budget.lines[3].amount").unwrap();
        let mut at = 0;
        while at < texts.len() {
            let text = texts[at].clone();
            at += 1;
            let expected = by_segments(&text);
            let read = kept.parse_into(&text);
            assert_eq!(read, expected.is_some(), "{text:?}");
            if let Some(steps) = expected {
                assert_eq!(kept.steps(), steps, "{text:?}");
            }
            if text.chars().count() < 5 {
                texts.extend(alphabet.iter().map(|c| format!("{text}{c}")));
            }
        }
        assert_eq!(texts.len(), (0..=5).map(|n| 8usize.pow(n)).sum::<usize>());
    }
    #[test]
    fn set_makes_objects_and_rows_on_the_way() {
        let mut form = json!({});
        let p = FormPath::parse("budget.lines[2].amount").unwrap();
        p.set(&mut form, json!("1,000")).unwrap();
        assert_eq!(
            form,
            json!({"budget": {"lines": [{}, {}, {"amount": "1,000"}]}})
        );
        assert_eq!(p.lookup(&form), Some(&json!("1,000")));
        FormPath::parse("applicant.name")
            .unwrap()
            .set(&mut form, json!("A"))
            .unwrap();
        assert_eq!(form["applicant"]["name"], "A");
        let clash = FormPath::parse("applicant.name.first").unwrap();
        assert_eq!(clash.set(&mut form, json!("x")), Err(PathClash));
        assert_eq!(
            p.after(&FormPath::parse("budget.lines").unwrap()),
            Some(&[Step::Index(2), key("amount")][..])
        );
    }
}
