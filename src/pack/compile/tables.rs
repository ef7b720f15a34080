//! Tables: their sections, columns (kinds, options, categories, bounds), row figures, rules,
//! 計 rows and typed sums; and the findings rules raise, with the placeholders their messages
//! may use.
//!
//! Owns: those checks. Must not know: how a row is read or checked.

use super::{is_id, Compiler, Scope, TableShape};
use crate::finding::shared_text::{SharedPair, SharedText};
use crate::pack::category::{normalise, CategoryIndex};
use crate::pack::expr::{Kind, Op};
use crate::pack::model::Fact;
use crate::pack::spec::{ColumnKind, ColumnSpec, FindingSpec, PackSpec, TableSpec};
use crate::pack::table::{
    Bound, Categories, ChoiceOption, Column, RowFigure, Rule, Table, DEFAULT_MAX_ROWS,
};
use crate::text::amount_field::FieldUnit;
use std::collections::{BTreeSet, HashSet};

/// The placeholders a finding's message may use where it stands.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Placeholders {
    /// `{value}`, `{limit}`, `{excess}` (and `{value_iso}`, `{limit_iso}` for dates): the
    /// rule asserts a comparison, or checks a date bound.
    pub(super) comparison: bool,
    /// `{word}`: the rule looks for words.
    pub(super) word: bool,
    /// `{cell:KEY}`, `{row_figure:ID}`: a table rule.
    pub(super) row: Option<usize>,
    /// `{figure:ID}`: figures and limits.
    pub(super) figures: bool,
}

impl Compiler {
    /// Reads every table's shape (ids, columns, kinds) before any rule is compiled.
    pub(super) fn collect_tables(&mut self, spec: &PackSpec) {
        for t in &spec.tables {
            let unit = t.unit;
            let columns = t
                .columns
                .iter()
                .map(|c| {
                    (
                        c.key.clone(),
                        c.kind,
                        c.unit.unwrap_or(unit),
                        c.label.clone(),
                    )
                })
                .collect();
            let mut categories = HashSet::new();
            let mut groups = HashSet::new();
            for c in t.columns.iter().filter_map(|c| c.categories.as_ref()) {
                for item in &c.items {
                    categories.insert(item.name.to_string());
                    groups.extend(item.group.as_deref().map(str::to_owned));
                }
            }
            self.tables.push(TableShape {
                id: t.id.clone(),
                path: t.path.clone(),
                record: t.rows.is_none(),
                columns,
                options: t
                    .columns
                    .iter()
                    .map(|c| c.options.iter().map(|o| o.value.clone()).collect())
                    .collect(),
                keys: t
                    .rows
                    .iter()
                    .cloned()
                    .chain(t.totals.iter().map(|x| x.key.clone()))
                    .chain(t.typed_sums.iter().map(|x| x.key.clone()))
                    .collect(),
                row_figures: Vec::new(),
                categories,
                groups,
            });
        }
    }

    /// The option values of a choice column.
    pub(super) fn column_options(&self, table: usize, column: usize) -> Vec<String> {
        self.tables[table].options[column].clone()
    }

    /// Checks a finding: its code, clause and the placeholders its message uses.
    pub(super) fn finding(&mut self, at: &str, f: &FindingSpec, allowed: Placeholders) {
        self.pack_code(&format!("{at}.code"), &f.code);
        if let Some(c) = &f.clause {
            self.clause(&format!("{at}.clause"), c);
        }
        for (lang, text) in [("ja", &f.message.ja), ("en", &f.message.en)] {
            for name in placeholders(text) {
                if !self.placeholder_ok(&name, allowed) {
                    self.problem(
                        format!("{at}.message.{lang}"),
                        format!("「{{{name}}}」はここでは使えない差し込みです。"),
                        format!("\"{{{name}}}\" is not a placeholder this message can use"),
                    );
                }
            }
        }
    }

    fn placeholder_ok(&self, name: &str, allowed: Placeholders) -> bool {
        match name {
            "value" | "limit" | "excess" | "value_iso" | "limit_iso" => allowed.comparison,
            "word" => allowed.word,
            _ => {
                if let Some(key) = name.strip_prefix("cell:") {
                    return allowed
                        .row
                        .is_some_and(|t| self.tables[t].columns.iter().any(|c| c.0 == key));
                }
                if let Some(id) = name.strip_prefix("row_figure:") {
                    return allowed
                        .row
                        .is_some_and(|t| self.tables[t].row_figures.iter().any(|f| f.0 == id));
                }
                if let Some(id) = name.strip_prefix("figure:") {
                    return allowed.figures && self.figures.iter().any(|f| f.0 == id);
                }
                false
            }
        }
    }

    pub(super) fn compile_tables(&mut self, spec: &PackSpec, facts: &[Fact]) -> Vec<Table> {
        let mut ids = HashSet::new();
        let mut paths = HashSet::new();
        let mut out = Vec::new();
        for (i, t) in spec.tables.iter().enumerate() {
            let at = format!("tables[{i}]");
            if !is_id(&t.id) || !ids.insert(t.id.clone()) {
                self.problem(
                    format!("{at}.id"),
                    format!("表 id「{}」が不正か重複しています。", t.id),
                    format!("table id \"{}\" is malformed or duplicated", t.id),
                );
            }
            self.section_path(&format!("{at}.path"), &t.path);
            if !paths.insert(t.path.clone()) {
                self.problem(
                    format!("{at}.path"),
                    format!("「{}」は別の表と同じ欄です。", t.path),
                    format!("\"{}\" is the section of another table", t.path),
                );
            }
            out.push(self.table(&at, i, t, facts));
        }
        out
    }

    fn table(&mut self, at: &str, index: usize, t: &TableSpec, facts: &[Fact]) -> Table {
        self.clause(&format!("{at}.clause"), &t.clause);
        let asked_when = t
            .asked_when
            .as_ref()
            .map(|n| self.node(&format!("{at}.asked_when"), n, &t.clause, Scope::ANSWERS));
        let record = t.rows.is_none();
        if let Some(rows) = &t.rows {
            if !is_id(rows) || t.columns.iter().any(|c| &c.key == rows) {
                self.problem(
                    format!("{at}.rows"),
                    format!(
                        "rows「{rows}」は英小文字などの一語で、列のキーと違うものにしてください。"
                    ),
                    format!("rows \"{rows}\" must be one lowercase key, not a column's"),
                );
            }
        }
        if record {
            for (key, set) in [
                ("max_rows", t.max_rows.is_some()),
                ("totals", t.totals.is_some()),
                ("typed_sums", !t.typed_sums.is_empty()),
                ("subtotals", t.subtotals.is_some()),
            ] {
                if set {
                    self.no_effect(
                        &format!("{at}.{key}"),
                        "rows のない表（一件の記録）には行がありません。",
                        "a table without `rows` (a single record) has no rows",
                    );
                }
            }
        }
        if t.max_rows == Some(0) {
            self.problem(
                format!("{at}.max_rows"),
                "max_rows は1以上にしてください。",
                "max_rows must be at least 1",
            );
        }
        if t.columns.is_empty() {
            self.problem(
                format!("{at}.columns"),
                "列を一つ以上書いてください。",
                "list at least one column",
            );
        }
        let mut keys = HashSet::new();
        let mut columns = Vec::new();
        for (c, col) in t.columns.iter().enumerate() {
            let cat = format!("{at}.columns[{c}]");
            if !is_id(&col.key) || !keys.insert(col.key.clone()) {
                self.problem(
                    format!("{cat}.key"),
                    format!("列のキー「{}」が不正か重複しています。", col.key),
                    format!("column key \"{}\" is malformed or duplicated", col.key),
                );
            }
            columns.push(self.column(&cat, index, t, col, record));
        }
        for kind in [
            ColumnKind::Category,
            ColumnKind::Subprogramme,
            ColumnKind::Group,
        ] {
            if t.columns.iter().filter(|c| c.kind == kind).count() > 1 {
                self.problem(
                    format!("{at}.columns"),
                    "区分・事業・グループの列はそれぞれ一つまでです。",
                    "a table has at most one category, one sub-programme and one group column",
                );
            }
        }
        let mut row_figures = Vec::new();
        let mut seen = HashSet::new();
        for (r, f) in t.row_figures.iter().enumerate() {
            let rat = format!("{at}.row_figures[{r}]");
            if !is_id(&f.id) || !seen.insert(f.id.clone()) {
                self.problem(
                    format!("{rat}.id"),
                    format!("行の数値 id「{}」が不正か重複しています。", f.id),
                    format!("row figure id \"{}\" is malformed or duplicated", f.id),
                );
            }
            let scope = Scope::row(index, r);
            let when = f
                .when
                .as_ref()
                .map(|n| self.node(&format!("{rat}.when"), n, &t.clause, scope));
            let value = self.expr(&format!("{rat}.value"), &f.value, scope);
            if value.kind == Kind::Money && !value.whole {
                self.unrounded(&format!("{rat}.value"));
            }
            if value.kind == Kind::Date {
                self.problem(
                    format!("{rat}.value"),
                    "行の数値は金額か数です。",
                    "a row figure is an amount or a number",
                );
            }
            let unit = if value.kind == Kind::Money {
                t.unit
            } else {
                FieldUnit::Yen
            };
            self.tables[index]
                .row_figures
                .push((f.id.clone(), value.kind, unit, f.label.clone()));
            row_figures.push(RowFigure {
                id: f.id.clone(),
                label: f.label.clone(),
                when,
                value,
            });
        }
        let rules = self.rules(at, index, t);
        let amount_column = |this: &mut Self, at: &str, key: &str| -> Option<usize> {
            let found = t
                .columns
                .iter()
                .position(|c| c.key == key && c.kind == ColumnKind::Amount);
            if found.is_none() {
                this.problem(
                    at,
                    format!("「{key}」はこの表の金額の列ではありません。"),
                    format!("\"{key}\" is not an amount column of this table"),
                );
            }
            found
        };
        let mut section_keys: Vec<String> = t.rows.iter().cloned().collect();
        let mut totals = Vec::new();
        if let Some(tot) = &t.totals {
            if keys.contains(&tot.key) || Some(&tot.key) == t.rows.as_ref() {
                self.problem(
                    format!("{at}.totals.key"),
                    "計の行のキーが列や rows と重なっています。",
                    "the totals key clashes with a column or `rows`",
                );
            }
            section_keys.push(tot.key.clone());
            for (j, key) in tot.columns.iter().enumerate() {
                if let Some(c) = amount_column(self, &format!("{at}.totals.columns[{j}]"), key) {
                    totals.push(c);
                }
            }
        }
        let mut typed_sums = Vec::new();
        for (j, s) in t.typed_sums.iter().enumerate() {
            let sat = format!("{at}.typed_sums[{j}]");
            self.clause(&format!("{sat}.clause"), &s.clause);
            if section_keys.contains(&s.key) || !is_id(&s.key) {
                self.problem(
                    format!("{sat}.key"),
                    format!("キー「{}」が不正か、表の他のキーと重なっています。", s.key),
                    format!(
                        "key \"{}\" is malformed or clashes with another key of the table",
                        s.key
                    ),
                );
            }
            section_keys.push(s.key.clone());
            if let Some(c) = amount_column(self, &format!("{sat}.column"), &s.column) {
                typed_sums.push((s.key.clone(), c, s.clause.clone(), s.label.clone()));
            }
        }
        let subtotals = t
            .subtotals
            .as_ref()
            .and_then(|s| amount_column(self, &format!("{at}.subtotals.column"), &s.column));
        if record {
            section_keys = t.columns.iter().map(|c| c.key.clone()).collect();
        }
        let mut depends = BTreeSet::new();
        for c in &columns {
            if let Some(n) = &c.required_when {
                depends.extend(self.node_questions(n, facts));
            }
            for b in &c.bounds {
                for d in b.not_before.iter().chain(&b.not_after) {
                    self.date_questions(d, &mut depends);
                }
            }
        }
        for f in &row_figures {
            if let Some(n) = &f.when {
                depends.extend(self.node_questions(n, facts));
            }
            depends.extend(self.expr_questions(&f.value, facts));
        }
        for r in &rules {
            for n in r.when.iter().chain(&r.assert) {
                depends.extend(self.node_questions(n, facts));
            }
        }
        Table {
            spec: t.clone(),
            columns,
            row_figures,
            rules,
            totals,
            typed_sums,
            subtotals,
            section_keys,
            depends_on: depends.into_iter().collect(),
            max_rows: t.max_rows.unwrap_or(DEFAULT_MAX_ROWS),
            asked_when,
            names: SharedPair::default(),
        }
    }

    fn unrounded(&mut self, at: &str) {
        self.problem(
            at,
            "金額に円未満の端数が出ることがあります。floor で切り捨て方を書いてください（円未満切捨て：\"to\": \"1\"）。",
            "the amount can have a fraction of a yen; say how it is rounded with `floor` (to the yen: \"to\": \"1\")",
        );
    }

    fn column(
        &mut self,
        at: &str,
        table: usize,
        t: &TableSpec,
        col: &ColumnSpec,
        record: bool,
    ) -> Column {
        let kind = col.kind;
        if let Some(c) = &col.clause {
            self.clause(&format!("{at}.clause"), c);
        }
        let set = |b: bool| b;
        let misplaced: [(&str, bool, bool, &str, &str); 10] = [
            (
                "per_unit",
                col.per_unit,
                kind == ColumnKind::Amount,
                "per_unit は金額の列にだけ書けます。",
                "only amount columns take per_unit",
            ),
            (
                "options",
                !col.options.is_empty(),
                kind == ColumnKind::Choice,
                "options は選択の列（choice）にだけ書けます。",
                "only choice columns take options",
            ),
            (
                "default",
                col.default.is_some(),
                kind == ColumnKind::Choice,
                "default は選択の列にだけ書けます。",
                "only choice columns take a default",
            ),
            (
                "loose",
                set(col.loose),
                kind == ColumnKind::Choice,
                "loose は選択の列にだけ書けます。",
                "only choice columns match loosely",
            ),
            (
                "invalid",
                col.invalid.is_some(),
                kind == ColumnKind::Choice,
                "invalid は選択の列にだけ書けます。",
                "only choice columns take `invalid`",
            ),
            (
                "categories",
                col.categories.is_some(),
                kind == ColumnKind::Category,
                "categories は区分の列（category）にだけ書けます。",
                "only category columns take categories",
            ),
            (
                "bounds",
                !col.bounds.is_empty(),
                kind == ColumnKind::Date,
                "bounds は日付の列にだけ書けます。",
                "only date columns take bounds",
            ),
            (
                "unit",
                col.unit.is_some(),
                kind == ColumnKind::Amount,
                "unit は金額の列にだけ書けます。",
                "only amount columns take a unit",
            ),
            (
                "missing",
                col.missing.is_some(),
                col.required || col.required_when.is_some(),
                "missing は必須の列（required・required_when）にだけ書けます。",
                "only required columns (`required`, `required_when`) take `missing`",
            ),
            (
                "required_when",
                col.required_when.is_some(),
                !col.required,
                "required: true の列は常に必須です。",
                "the column is always required (`required: true`)",
            ),
        ];
        for (key, present, fits, ja, en) in misplaced {
            if present && !fits {
                self.no_effect(&format!("{at}.{key}"), ja, en);
            }
        }
        if record
            && matches!(
                kind,
                ColumnKind::Category | ColumnKind::Subprogramme | ColumnKind::Group
            )
        {
            self.problem(
                format!("{at}.kind"),
                "一件の表（rows なし）には区分・事業・グループの列を置けません。",
                "a single-record table has no category, sub-programme or group columns",
            );
        }
        if kind == ColumnKind::Choice && col.options.is_empty() {
            self.problem(
                format!("{at}.options"),
                "選択の列には options が必要です。",
                "a choice column needs options",
            );
        }
        if kind == ColumnKind::Category && col.categories.is_none() {
            self.problem(
                format!("{at}.categories"),
                "区分の列には categories が必要です。",
                "a category column needs categories",
            );
        }
        let mut values = HashSet::new();
        let mut options = Vec::new();
        for (j, o) in col.options.iter().enumerate() {
            if !values.insert(o.value.clone()) {
                self.problem(
                    format!("{at}.options[{j}].value"),
                    format!("選択肢「{}」が重複しています。", o.value),
                    format!("duplicate option \"{}\"", o.value),
                );
            }
            if let Some(f) = &o.finding {
                self.finding(
                    &format!("{at}.options[{j}].finding"),
                    f,
                    Placeholders {
                        row: Some(table),
                        ..Placeholders::default()
                    },
                );
            }
            options.push(ChoiceOption {
                value: SharedText::from(&o.value),
                label: o.label.clone(),
                folded: normalise(&o.value),
                finding: o.finding.clone(),
            });
        }
        if let Some(d) = &col.default {
            if !values.contains(d) {
                self.problem(
                    format!("{at}.default"),
                    format!("default「{d}」は options にありません。"),
                    format!("default \"{d}\" is not an option"),
                );
            }
        }
        let row_only = Placeholders {
            row: Some(table),
            ..Placeholders::default()
        };
        if let Some(f) = &col.invalid {
            self.finding(&format!("{at}.invalid"), f, row_only);
        }
        if let Some(f) = &col.missing {
            self.finding(&format!("{at}.missing"), f, row_only);
        }
        let required_when = col
            .required_when
            .as_ref()
            .map(|n| self.node(&format!("{at}.required_when"), n, &t.clause, Scope::RULES));
        let categories = col
            .categories
            .as_ref()
            .map(|c| self.categories(&format!("{at}.categories"), t, c));
        let mut bounds = Vec::new();
        for (j, b) in col.bounds.iter().enumerate() {
            let bat = format!("{at}.bounds[{j}]");
            if b.not_before.is_none() && b.not_after.is_none() {
                self.problem(
                    &bat,
                    "not_before か not_after を書いてください。",
                    "a bound needs not_before or not_after",
                );
            }
            for (key, d) in [("not_before", &b.not_before), ("not_after", &b.not_after)] {
                if let Some(d) = d {
                    self.date_expr(&format!("{bat}.{key}"), d);
                }
            }
            self.finding(
                &format!("{bat}.finding"),
                &b.finding,
                Placeholders {
                    comparison: true,
                    row: Some(table),
                    ..Placeholders::default()
                },
            );
            bounds.push(Bound {
                not_before: b.not_before.clone(),
                not_after: b.not_after.clone(),
                finding: b.finding.clone(),
            });
        }
        Column {
            key: SharedText::from(&col.key),
            label: col.label.clone(),
            kind,
            required: col.required,
            required_when,
            missing: col.missing.clone(),
            clause: col.clause.clone().unwrap_or_else(|| t.clause.clone()),
            unit: col.unit.unwrap_or(t.unit),
            per_unit: col.per_unit,
            options,
            default: col.default.as_deref().map(SharedText::from),
            loose: col.loose,
            invalid: col.invalid.clone(),
            categories,
            bounds,
        }
    }

    fn categories(
        &mut self,
        at: &str,
        t: &TableSpec,
        c: &crate::pack::spec::CategoriesSpec,
    ) -> Categories {
        for (sub, clause) in &c.clauses {
            if !self.subprogrammes.contains(sub) {
                self.problem(
                    format!("{at}.clauses"),
                    format!("「{sub}」は事業区分にありません。"),
                    format!("\"{sub}\" is not a sub-programme"),
                );
            }
            self.clause(&format!("{at}.clauses.{sub}"), clause);
        }
        if c.items.is_empty() {
            self.problem(
                format!("{at}.items"),
                "区分を一つ以上書いてください。",
                "list at least one category",
            );
        }
        for (i, item) in c.items.iter().enumerate() {
            for s in &item.subprogrammes {
                if !self.subprogrammes.contains(s) {
                    self.problem(
                        format!("{at}.items[{i}].subprogrammes"),
                        format!("「{s}」は事業区分にありません。"),
                        format!("\"{s}\" is not a sub-programme"),
                    );
                }
            }
        }
        for (i, f) in c.forbidden.iter().enumerate() {
            self.clause(&format!("{at}.forbidden[{i}].clause"), &f.clause);
        }
        let column = |this: &mut Self, key: &Option<String>, kind: ColumnKind, name: &str| {
            let k = key.as_ref()?;
            let found = t.columns.iter().position(|x| &x.key == k && x.kind == kind);
            if found.is_none() {
                this.problem(
                    format!("{at}.{name}"),
                    format!("「{k}」はこの表のグループの列（kind: group）ではありません。"),
                    format!("\"{k}\" is not a group column (kind: group) of this table"),
                );
            }
            found
        };
        let group_column = column(self, &c.group_column, ColumnKind::Group, "group_column");
        Categories {
            index: CategoryIndex::new(&c.items),
            items: c.items.clone(),
            clauses: c.clauses.clone(),
            forbidden: c.forbidden.clone(),
            group_column,
            subprogrammes: std::sync::OnceLock::new(),
        }
    }

    fn rules(&mut self, at: &str, table: usize, t: &TableSpec) -> Vec<Rule> {
        let mut ids = HashSet::new();
        let mut out = Vec::new();
        let figures = t.row_figures.len();
        for (r, rule) in t.rules.iter().enumerate() {
            let rat = format!("{at}.rules[{r}]");
            if !is_id(&rule.id) || !ids.insert(rule.id.clone()) {
                self.problem(
                    format!("{rat}.id"),
                    format!("規則 id「{}」が不正か重複しています。", rule.id),
                    format!("rule id \"{}\" is malformed or duplicated", rule.id),
                );
            }
            if !t.columns.iter().any(|c| c.key == rule.at) {
                self.problem(
                    format!("{rat}.at"),
                    format!("「{}」はこの表の列ではありません。", rule.at),
                    format!("\"{}\" is not a column of this table", rule.at),
                );
            }
            let scope = Scope::row(table, figures);
            let when = rule
                .when
                .as_ref()
                .map(|n| self.node(&format!("{rat}.when"), n, &t.clause, scope));
            let assert = rule
                .assert
                .as_ref()
                .map(|n| self.node(&format!("{rat}.assert"), n, &t.clause, scope));
            if rule.assert.is_some() && rule.words.is_some() {
                self.problem(
                    &rat,
                    "assert と words は同時に書けません。",
                    "a rule has `assert` or `words`, not both",
                );
            }
            if rule.assert.is_none() && rule.words.is_none() && rule.when.is_none() {
                self.problem(
                    &rat,
                    "規則には when・assert・words のどれかが必要です。",
                    "a rule needs `when`, `assert` or `words`",
                );
            }
            if rule.pending.is_some() && rule.when.is_none() {
                self.no_effect(
                    &format!("{rat}.pending"),
                    "pending は when が決まらない間の注記です。",
                    "`pending` is raised while `when` is undecided",
                );
            }
            let words = rule.words.as_ref().and_then(|w| {
                let col = t
                    .columns
                    .iter()
                    .position(|c| c.key == w.column && c.kind == ColumnKind::Text);
                if col.is_none() {
                    self.problem(
                        format!("{rat}.words.column"),
                        format!("「{}」はこの表の文字の列ではありません。", w.column),
                        format!("\"{}\" is not a text column of this table", w.column),
                    );
                }
                if w.any.is_empty() || w.any.iter().any(|x| normalise(x).is_empty()) {
                    self.problem(
                        format!("{rat}.words.any"),
                        "語が空です。",
                        "the words must not be empty",
                    );
                }
                Some((
                    col?,
                    w.any.iter().map(|x| (x.clone(), normalise(x))).collect(),
                ))
            });
            let comparison = rule.assert.as_ref().is_some_and(has_comparison);
            self.finding(
                &format!("{rat}.finding"),
                &rule.finding,
                Placeholders {
                    comparison,
                    word: rule.words.is_some(),
                    row: Some(table),
                    figures: false,
                },
            );
            if let Some(p) = &rule.pending {
                self.finding(&format!("{rat}.pending"), p, Placeholders::default());
            }
            out.push(Rule {
                at: rule.at.clone(),
                when,
                assert,
                words,
                once: rule.once,
                finding: rule.finding.clone(),
                pending: rule.pending.clone(),
            });
        }
        out
    }

    /// The amount kind check for a figure-like value.
    pub(super) fn whole_money(&mut self, at: &str, e: &crate::pack::expr::Expr) {
        if e.kind == Kind::Money && !e.whole && !matches!(e.op, Op::Const(..)) {
            self.unrounded(at);
        }
    }
}

/// Whether a node (as written) is a comparison: its finding may say `{value}` and `{limit}`.
pub(super) fn has_comparison(n: &crate::pack::spec::NodeSpec) -> bool {
    n.at_most.is_some()
        || n.at_least.is_some()
        || n.below.is_some()
        || n.above.is_some()
        || n.equals.is_some()
        || n.between.is_some()
        || n.agrees_with.is_some()
}

/// The `{name}` placeholders of a message.
pub(super) fn placeholders(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        out.push(after[..end].to_owned());
        rest = &after[end + 1..];
    }
    out
}
