//! Figures (computed amounts shown with their formula) and limits between them.
//!
//! Owns: those checks. Must not know: how a figure is computed.

use super::tables::{has_comparison, Placeholders};
use super::{is_id, Compiler, Scope};
use crate::finding::shared_text::SharedPair;
use crate::pack::expr::Kind;
use crate::pack::model::{Figure, Limit};
use crate::pack::spec::PackSpec;
use crate::text::amount_field::FieldUnit;
use std::collections::HashSet;

impl Compiler {
    pub(super) fn compile_figures(&mut self, spec: &PackSpec) -> Vec<Figure> {
        let mut ids = HashSet::new();
        let mut out = Vec::new();
        for (i, f) in spec.figures.iter().enumerate() {
            let at = format!("figures[{i}]");
            if !is_id(&f.id) || !ids.insert(f.id.clone()) {
                self.problem(
                    format!("{at}.id"),
                    format!("数値 id「{}」が不正か重複しています。", f.id),
                    format!("figure id \"{}\" is malformed or duplicated", f.id),
                );
            }
            self.clause(&format!("{at}.clause"), &f.clause);
            let value = self.expr(&format!("{at}.value"), &f.value, Scope::tail(i));
            self.whole_money(&format!("{at}.value"), &value);
            if f.unit.is_some() && !matches!(value.kind, Kind::Money | Kind::Error) {
                self.no_effect(
                    &format!("{at}.unit"),
                    "unit は金額の数値にだけ書けます。",
                    "only amount figures take a unit",
                );
            }
            if f.suffix.is_some() && !matches!(value.kind, Kind::Number | Kind::Error) {
                self.no_effect(
                    &format!("{at}.suffix"),
                    "suffix は数の数値にだけ書けます。",
                    "only number figures take a suffix",
                );
            }
            if let Some(negative) = &f.negative {
                if !matches!(value.kind, Kind::Money | Kind::Number | Kind::Error) {
                    self.no_effect(
                        &format!("{at}.negative"),
                        "negative は金額か数の数値にだけ書けます。",
                        "only amount and number figures take `negative`",
                    );
                }
                for (lang, text) in [("ja", &negative.ja), ("en", &negative.en)] {
                    if super::tables::placeholders(text)
                        .iter()
                        .any(|p| p != "value")
                    {
                        self.problem(
                            format!("{at}.negative.{lang}"),
                            "negative で使える差し込みは {value} だけです。",
                            "`negative` may use only {value}",
                        );
                    }
                }
            }
            let unit = f.unit.unwrap_or(FieldUnit::Yen);
            self.figures
                .push((f.id.clone(), value.kind, unit, f.label.clone()));
            out.push(Figure {
                spec: f.clone(),
                value,
                names: SharedPair::default(),
                reads: std::sync::OnceLock::new(),
            });
        }
        out
    }

    pub(super) fn compile_limits(&mut self, spec: &PackSpec) -> Vec<Limit> {
        let mut ids = HashSet::new();
        let mut out = Vec::new();
        let scope = Scope::tail(spec.figures.len());
        for (i, l) in spec.limits.iter().enumerate() {
            let at = format!("limits[{i}]");
            if !is_id(&l.id) || !ids.insert(l.id.clone()) {
                self.problem(
                    format!("{at}.id"),
                    format!("上限の規則 id「{}」が不正か重複しています。", l.id),
                    format!("limit id \"{}\" is malformed or duplicated", l.id),
                );
            }
            if !self.shown_path(&l.path) {
                self.problem(
                    format!("{at}.path"),
                    format!("「{}」は質問・表・表の欄のパスではありません。", l.path),
                    format!(
                        "\"{}\" is not the path of a question, a table or a table's field",
                        l.path
                    ),
                );
            }
            let clause = l.finding.clause.clone().unwrap_or_default();
            let when = l
                .when
                .as_ref()
                .map(|n| self.node(&format!("{at}.when"), n, &clause, scope));
            let assert = self.node(&format!("{at}.assert"), &l.assert, &clause, scope);
            self.finding(
                &format!("{at}.finding"),
                &l.finding,
                Placeholders {
                    comparison: has_comparison(&l.assert),
                    figures: true,
                    ..Placeholders::default()
                },
            );
            out.push(Limit {
                spec: l.clone(),
                when,
                assert,
                reads: std::sync::OnceLock::new(),
            });
        }
        out
    }

    /// Whether a finding may be shown at `path`: a question, a table's section, or a field of
    /// a table's section (a record's column, a typed sum, the 計 row's cell).
    fn shown_path(&self, path: &str) -> bool {
        if self.index.contains_key(path) {
            return true;
        }
        let (section, rest) = path.split_once('.').unwrap_or((path, ""));
        let Some(t) = self.tables.iter().position(|t| t.path == section) else {
            return false;
        };
        rest.is_empty() || self.table_keys(t).iter().any(|k| k == rest)
    }

    /// The keys of a table's section a finding may name.
    fn table_keys(&self, t: usize) -> Vec<String> {
        let shape = &self.tables[t];
        if shape.record {
            return shape.columns.iter().map(|c| c.0.clone()).collect();
        }
        shape.keys.clone()
    }
}
