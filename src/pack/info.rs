//! What a page needs to render a programme's form: `programmes()` returns one of these per pack.
//!
//! Owns: the programme list's wire format. Must not know: how a page renders it.

use super::model::Programme;
use super::spec::{
    CategorySpec, ClauseSpec, ColumnKind, NonGoalSpec, QuestionSpec, SelectionSpec, SourceSpec,
    TotalsSpec, TypedSumSpec,
};
use crate::finding::message::Message;
use crate::text::amount_field::FieldUnit;
use crate::text::fiscal_year::FiscalYear;
use serde::Serialize;

/// One option of a choice column.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OptionInfo {
    /// The value stored in the form.
    pub value: String,
    /// How it is shown.
    pub label: Message,
}

/// One column of a table, as a page renders it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ColumnInfo {
    /// The cell's key in a row.
    pub key: String,
    /// Its heading.
    pub label: Message,
    /// What it holds.
    pub kind: ColumnKind,
    /// Whether a filled row must fill it (always; `required_when` is decided per form).
    pub required: bool,
    /// Whether it is required only under a condition.
    pub required_when: bool,
    /// The unit of an amount column.
    pub unit: FieldUnit,
    /// An amount per unit (単価), not added up.
    pub per_unit: bool,
    /// The clause that governs it.
    pub clause: String,
    /// Choice columns: the options.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<OptionInfo>,
    /// Choice columns: the value of a blank cell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// Category columns: the categories.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<CategorySpec>,
}

/// A table of the form, as a page renders it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TableInfo {
    /// Its id (the Report's `tables[].id`).
    pub id: String,
    /// The form section holding it.
    pub path: String,
    /// The key of the rows array in the section; absent for a single record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<String>,
    /// Its title.
    pub label: Message,
    /// The clause that governs it.
    pub clause: String,
    /// The unit its amounts are stated in.
    pub unit: FieldUnit,
    /// The most rows read.
    pub max_rows: usize,
    /// Its columns, in order.
    pub columns: Vec<ColumnInfo>,
    /// The typed 計 row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub totals: Option<TotalsSpec>,
    /// Typed fields that must equal a column's sum.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub typed_sums: Vec<TypedSumSpec>,
    /// The figures computed per row (id and label; the Report carries the values).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub row_figures: Vec<OptionInfo>,
}

/// A figure the Report computes (id and label; the Report carries the value and formula).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FigureInfo {
    /// Its id.
    pub id: String,
    /// What it is.
    pub label: Message,
    /// The clause that defines it.
    pub clause: String,
}

/// One sub-programme, as listed.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SubprogrammeInfo {
    /// Its id (the value to choose in the selection).
    pub id: String,
    /// Its title.
    pub title: Message,
    /// Its clause.
    pub clause: String,
}

/// A programme's description: its questions (in form order), clauses and sub-programmes.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProgrammeInfo {
    /// The programme id.
    pub id: String,
    /// Its title.
    pub title: Message,
    /// The fiscal year by its starting calendar year.
    pub fiscal_year: i32,
    /// The fiscal year as named (`令和7年度`).
    pub fiscal_year_label: String,
    /// First day the pack applies.
    pub valid_from: String,
    /// Last day the pack applies.
    pub valid_until: String,
    /// The legal source.
    pub source: SourceSpec,
    /// How sub-programmes are chosen.
    pub selection: SelectionSpec,
    /// The sub-programmes.
    pub subprogrammes: Vec<SubprogrammeInfo>,
    /// Every question, in form order (the selection first, attachments last).
    pub questions: Vec<QuestionSpec>,
    /// Every clause the rules cite, with its text.
    pub clauses: Vec<ClauseSpec>,
    /// Clauses deliberately not checked, with the reason.
    pub non_goals: Vec<NonGoalSpec>,
    /// How the application is sent (what the mail body must state, the size limit).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub submission: Option<crate::pack::spec::SubmissionSpec>,
    /// The tables of the form (経費明細, 様式).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<TableInfo>,
    /// The figures the Report computes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<FigureInfo>,
}

impl Programme {
    /// What a page needs to render the programme's form (as `programmes()` lists it).
    #[must_use]
    pub fn info(&self) -> ProgrammeInfo {
        ProgrammeInfo::of(self)
    }
}

impl ProgrammeInfo {
    /// Describes a programme.
    #[must_use]
    fn of(p: &Programme) -> Self {
        Self {
            id: p.spec.id.clone(),
            title: p.spec.title.clone(),
            fiscal_year: p.spec.fiscal_year,
            fiscal_year_label: FiscalYear::starting(p.spec.fiscal_year).to_string(),
            valid_from: p.spec.valid_from.clone(),
            valid_until: p.spec.valid_until.clone(),
            source: p.spec.source.clone(),
            selection: p.spec.selection.clone(),
            subprogrammes: p
                .subprogrammes
                .iter()
                .map(|s| SubprogrammeInfo {
                    id: s.spec.id.clone(),
                    title: s.spec.title.clone(),
                    clause: s.spec.clause.clone(),
                })
                .collect(),
            questions: p.questions.clone(),
            clauses: p.spec.clauses.clone(),
            non_goals: p.spec.non_goals.clone(),
            submission: p.spec.submission.clone(),
            tables: p.tables.iter().map(table_info).collect(),
            figures: p
                .figures
                .iter()
                .map(|f| FigureInfo {
                    id: f.spec.id.clone(),
                    label: f.spec.label.clone(),
                    clause: f.spec.clause.clone(),
                })
                .collect(),
        }
    }
}

fn table_info(t: &crate::pack::table::Table) -> TableInfo {
    TableInfo {
        id: t.spec.id.clone(),
        path: t.spec.path.clone(),
        rows: t.spec.rows.clone(),
        label: t.spec.label.clone(),
        clause: t.spec.clause.clone(),
        unit: t.spec.unit,
        max_rows: t.max_rows,
        columns: t
            .columns
            .iter()
            .map(|c| ColumnInfo {
                key: c.key.clone(),
                label: c.label.clone(),
                kind: c.kind,
                required: c.required,
                required_when: c.required_when.is_some(),
                unit: c.unit,
                per_unit: c.per_unit,
                clause: c.clause.clone(),
                options: c
                    .options
                    .iter()
                    .map(|o| OptionInfo {
                        value: o.value.clone(),
                        label: o.label.clone(),
                    })
                    .collect(),
                default: c.default.clone(),
                categories: c
                    .categories
                    .as_ref()
                    .map(|x| x.items.clone())
                    .unwrap_or_default(),
            })
            .collect(),
        totals: t.spec.totals.clone(),
        typed_sums: t.spec.typed_sums.clone(),
        row_figures: t
            .row_figures
            .iter()
            .map(|f| OptionInfo {
                value: f.id.clone(),
                label: f.label.clone(),
            })
            .collect(),
    }
}
