//! A form's normalised form: the form with every value yoken could read written in its canonical
//! spelling, and everything else exactly as given.
//!
//! `１２，３４５千円` typed in a 千円 field becomes `"12345"`, `令和7年6月1日` becomes
//! `"2025-06-01"`, `はい` becomes `true`, ` 株式会社 ` becomes `"株式会社"`, a ticked list loses
//! its repeats; a 円 amount typed into a 千円 field is written in 千円. Free text, values that could
//! not be read, unknown fields and rows past a table's limit are kept as they were, so checking
//! the normalised form again gives the same verdicts and the same errors (a property test and
//! the `form_report` fuzz target hold the engine to that).
//!
//! The readers ([`crate::read::answers`], [`crate::eval::budget::row`]) report each canonical value here while
//! a [`capture`] is running on the current thread; outside one, reporting costs one thread-local
//! check and nothing is built.
//!
//! Owns: collecting canonical spellings. Must not know: which reader reported them.

use crate::text::form_path::FormPath;
use rust_decimal::Decimal;
use serde_json::Value;
use std::cell::RefCell;

/// One rewrite: a path in the form (`applicant.org_type`, `budget.lines[3].amount`) and the
/// canonical value for it.
pub(crate) type Rewrite = (String, Value);

thread_local! {
    static RECORDING: RefCell<Option<Vec<Rewrite>>> = const { RefCell::new(None) };
}

/// Runs `f`, returning what it returned and the canonical values the readers reported meanwhile.
pub(crate) fn capture<R>(f: impl FnOnce() -> R) -> (R, Vec<Rewrite>) {
    /// Puts the enclosing capture back even if `f` unwinds.
    struct Restore(Option<Vec<Rewrite>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let outer = self.0.take();
            RECORDING.with_borrow_mut(|r| *r = outer);
        }
    }
    let restore = Restore(RECORDING.with_borrow_mut(|r| r.replace(Vec::new())));
    let result = f();
    let rewrites = RECORDING.with_borrow_mut(Option::take).unwrap_or_default();
    drop(restore);
    (result, rewrites)
}

/// Reports the canonical value read at `path` (both made only while a capture is running).
pub(crate) fn record(path: impl FnOnce() -> String, value: impl FnOnce() -> Value) {
    RECORDING.with_borrow_mut(|r| {
        if let Some(rewrites) = r {
            rewrites.push((path(), value()));
        }
    });
}

/// A decimal's canonical text: plain digits, no grouping, no trailing zeros (`12345`, `2.5`).
#[must_use]
pub(crate) fn decimal_text(value: Decimal) -> Value {
    Value::String(value.normalize().to_string())
}

/// `form` with each rewrite applied; a rewrite whose path is not in the form is skipped.
#[must_use]
pub(crate) fn apply(form: &Value, rewrites: &[Rewrite]) -> Value {
    let mut out = form.clone();
    for (path, value) in rewrites {
        if let Some(slot) = FormPath::parse(path).and_then(|p| p.lookup_mut(&mut out)) {
            slot.clone_from(value);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rewrites_land_at_dotted_and_indexed_paths() {
        let form = json!({"a": {"b": "はい"}, "t": {"rows": [{"x": "１"}, {"x": "２"}]}});
        let out = apply(
            &form,
            &[
                ("a.b".into(), json!(true)),
                ("t.rows[1].x".into(), json!("2")),
                ("t.rows[5].x".into(), json!("9")),
                ("missing.path".into(), json!(1)),
            ],
        );
        assert_eq!(
            out,
            json!({"a": {"b": true}, "t": {"rows": [{"x": "１"}, {"x": "2"}]}})
        );
    }

    #[test]
    fn nothing_is_recorded_outside_a_capture_and_captures_nest() {
        record(|| unreachable!(), || unreachable!());
        let ((), outer) = capture(|| {
            record(|| "a".into(), || json!(1));
            let ((), inner) = capture(|| record(|| "b".into(), || json!(2)));
            assert_eq!(inner, vec![("b".to_owned(), json!(2))]);
            record(|| "c".into(), || json!(3));
        });
        assert_eq!(
            outer,
            vec![("a".to_owned(), json!(1)), ("c".to_owned(), json!(3))]
        );
    }

    #[test]
    fn decimals_are_plain_digits() {
        assert_eq!(decimal_text(Decimal::new(1_234_500, 2)), json!("12345"));
        assert_eq!(decimal_text(Decimal::new(25, 1)), json!("2.5"));
    }
}
