//! A pack finding's message with its placeholders filled: `{value}`, `{limit}` and `{excess}`
//! (the two sides of the comparison that failed, and how far over), `{word}`, `{cell:KEY}`,
//! `{row_figure:ID}`, `{figure:ID}` — each written as the Report shows it (`1,234千円`; a date
//! in 和暦 in Japanese and as `YYYY-MM-DD` in English; `{value_iso}`, `{limit_iso}` always ISO).
//!
//! Owns: filling a message. Must not know: which rule raised it.

use super::cells::Cell;
use super::env::Env;
use super::logic::{date_of_day, money_display, shown, shown_as};
use crate::finding::diagnostic::Diagnostic;
use crate::finding::message::Message;
use crate::pack::expr::{Cmp, Comparison, Kind};
use crate::pack::spec::FindingSpec;
use crate::text::exact::Exact;
use chrono::NaiveDate;

/// The values a message may name: `(name, ja, en)`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Values(Vec<(String, String, String)>);

impl Values {
    /// No values.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Adds a value written the same in both languages.
    pub(crate) fn with(mut self, name: &str, text: String) -> Self {
        self.0.push((name.to_owned(), text.clone(), text));
        self
    }

    /// Adds a date: 和暦 in Japanese, ISO in English (and `{name_iso}` in both).
    pub(crate) fn with_date(mut self, name: &str, date: NaiveDate) -> Self {
        let iso = date.to_string();
        self.0.push((
            name.to_owned(),
            crate::text::wareki::format_wareki(date),
            iso.clone(),
        ));
        self.0.push((format!("{name}_iso"), iso.clone(), iso));
        self
    }

    /// Adds `{value}`, `{limit}` and `{excess}` of a comparison.
    pub(crate) fn with_comparison(mut self, c: &Comparison, env: &Env<'_>) -> Self {
        let Some(left) = c.left.value(env) else {
            return self;
        };
        let rights: Vec<Exact> = c.right.iter().filter_map(|r| r.value(env)).collect();
        if c.left.kind == Kind::Date {
            if let Some(d) = date_of_day(left) {
                self = self.with_date("value", d);
            }
            if let Some(d) = rights.first().copied().and_then(date_of_day) {
                self = self.with_date("limit", d);
            }
            return self;
        }
        self = self.with("value", shown(&c.left, left));
        let limit = match (c.cmp, rights.as_slice()) {
            (Cmp::Between, [lo, hi]) => {
                format!("{}〜{}", shown(&c.right[0], *lo), shown(&c.right[1], *hi))
            }
            (_, [r, ..]) => shown(&c.right[0], *r),
            _ => String::new(),
        };
        self = self.with("limit", limit);
        let bound = match (c.cmp, rights.as_slice()) {
            (Cmp::Between | Cmp::AtLeast | Cmp::Above, [lo, ..]) if left < *lo => Some(*lo),
            (Cmp::Between, [_, hi]) => Some(*hi),
            (_, [r, ..]) => Some(*r),
            _ => None,
        };
        if let Some(excess) = bound.and_then(|b| left.checked_sub(b)) {
            let excess = if excess.is_negative() {
                Exact::ZERO.checked_sub(excess).unwrap_or(excess)
            } else {
                excess
            };
            self = self.with("excess", shown_as(c.left.kind, c.left.unit, excess));
        }
        self
    }

    fn get(&self, name: &str, ja: bool) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, j, e)| if ja { j.as_str() } else { e.as_str() })
    }
}

/// A cell as a message shows it.
pub(crate) fn cell_text(
    cell: &Cell,
    kind_unit: crate::text::amount_field::FieldUnit,
) -> (String, String) {
    match cell {
        Cell::Blank | Cell::Invalid => (String::new(), String::new()),
        Cell::Text(t) => (t.clone(), t.clone()),
        Cell::Choice(t) => (t.to_string(), t.to_string()),
        Cell::Amount(x) => {
            let s = money_display(*x, kind_unit).unwrap_or_else(|| x.to_string());
            (s.clone(), s)
        }
        Cell::Remark(x) => {
            let s = x
                .and_then(|x| money_display(x, crate::text::amount_field::FieldUnit::Yen))
                .unwrap_or_default();
            (s.clone(), s)
        }
        Cell::Number(_, written) => (written.to_string(), written.to_string()),
        Cell::Date(d) => (crate::text::wareki::format_wareki(*d), d.to_string()),
    }
}

/// `text` with each `{name}` replaced (an unknown name is left as written), onto `out`.
fn fill_one(
    out: &mut String,
    text: &str,
    values: &Values,
    lookup: &dyn Fn(&str, bool) -> Option<String>,
    ja: bool,
) {
    let mut rest = text;
    // The braces are ASCII, never a byte inside another character: a byte search finds them.
    while let Some(start) = memchr::memchr(b'{', rest.as_bytes()) {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let Some(end) = memchr::memchr(b'}', after.as_bytes()) else {
            out.push_str(&rest[start..]);
            return;
        };
        let name = &after[..end];
        if let Some(v) = values.get(name, ja) {
            out.push_str(v);
        } else if let Some(v) = lookup(name, ja) {
            out.push_str(&v);
        } else {
            out.push('{');
            out.push_str(name);
            out.push('}');
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
}

/// The finding `spec` raises at `path`, its message filled from `values` and `lookup` (for
/// `{cell:…}`, `{row_figure:…}`, `{figure:…}`).
pub(crate) fn raise(
    spec: &FindingSpec,
    path: impl Into<crate::finding::shared_text::SharedText>,
    values: &Values,
    lookup: &dyn Fn(&str, bool) -> Option<String>,
) -> Diagnostic {
    let message = Message::written(|out, ja| {
        let text = if ja {
            &spec.message.ja
        } else {
            &spec.message.en
        };
        fill_one(out, text, values, lookup, ja);
    });
    Diagnostic::of_pack(
        &spec.code,
        spec.severity,
        path,
        spec.clause.as_deref(),
        message,
    )
}
