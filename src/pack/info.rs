//! What a page needs to render a programme's form: `programmes()` returns one of these per pack.
//! Made from a pack's JSON (`pack-json`) when it is compiled; a compiled pack carries it as text.
//!
//! Owns: the programme list's wire format. Must not know: how a page renders it.

#[cfg(feature = "pack-json")]
use super::model::Programme;
#[cfg(feature = "pack-json")]
use super::spec::ItemSpec;
use super::spec::{
    CategorySpec, ClauseSpec, ColumnKind, DisplaySpec, NonGoalSpec, QuestionSpec, SelectionSpec,
    SourceSpec, TotalsSpec, TypedSumSpec,
};
use crate::finding::message::Message;
use crate::text::amount_field::FieldUnit;
#[cfg(feature = "pack-json")]
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<OptionInfo>,
    /// Choice columns: the value of a blank cell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// Category columns: the categories.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<CategorySpec>,
    /// How the form shows the cell.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<DisplaySpec>,
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub typed_sums: Vec<TypedSumSpec>,
    /// The figures computed per row (id and label; the Report carries the values).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub row_figures: Vec<OptionInfo>,
    /// The column summed per sub-programme (the Report's `subtotals`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtotals: Option<String>,
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

/// A section of the form as a page renders it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SectionInfo {
    /// Its id.
    pub id: String,
    /// Its heading.
    pub title: Message,
    /// A paragraph under the heading.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<Message>,
    /// What it shows, in order.
    pub items: Vec<ItemInfo>,
}

/// One item of a section.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ItemInfo {
    /// A question (by id).
    Question {
        /// The question's id.
        id: String,
    },
    /// A table (by id).
    Table {
        /// The table's id.
        id: String,
    },
    /// A figure with its formula (by id).
    Figure {
        /// The figure's id.
        id: String,
    },
    /// A computed date (by id).
    Date {
        /// The date rule's id.
        id: String,
    },
    /// The files to send, checked against the submission rules.
    Files,
    /// A sub-heading.
    Heading {
        /// The sub-heading.
        heading: Message,
        /// A paragraph under it.
        #[serde(skip_serializing_if = "Option::is_none")]
        help: Option<Message>,
    },
}

/// A date the Report computes.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DateInfo {
    /// Its id (the Report's `dates[].id`).
    pub id: String,
    /// What it is.
    pub label: Message,
    /// The clause.
    pub clause: String,
    /// Whether it is the applicant's deadline.
    pub deadline: bool,
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<TableInfo>,
    /// The figures the Report computes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<FigureInfo>,
    /// The dates the Report computes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<DateInfo>,
    /// The form's sections, in order: the pack's own layout, or one made from its questions,
    /// tables, figures and dates.
    pub form: Vec<SectionInfo>,
    /// The 様式 the programme's forms fill (what the widget's download writes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<DocumentInfo>,
    /// A fingerprint of the pack (a draft saved under another version is restored field by field).
    pub version: String,
}

/// One 様式, as listed.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DocumentInfo {
    /// Its id.
    pub id: String,
    /// Its name (別紙様式1－4 経費内訳書).
    pub title: Message,
    /// The clause that asks for it.
    pub clause: String,
}

#[cfg(feature = "pack-json")]
impl Programme {
    /// What a page needs to render the programme's form (as `programmes()` lists it).
    #[must_use]
    pub fn info(&self) -> ProgrammeInfo {
        ProgrammeInfo::of(self)
    }
}

#[cfg(feature = "pack-json")]
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
            dates: p
                .spec
                .dates
                .iter()
                .map(|d| DateInfo {
                    id: d.id.clone(),
                    label: d.label.clone(),
                    clause: d.clause.clone(),
                    deadline: d.deadline,
                })
                .collect(),
            form: layout(p),
            documents: p
                .spec
                .documents
                .iter()
                .map(|d| DocumentInfo {
                    id: d.id.clone(),
                    title: d.title.clone(),
                    clause: d.clause.clone(),
                })
                .collect(),
            version: p.version.clone(),
        }
    }
}

/// The pack's layout, or the default one: the questions, each table, the figures and dates, and
/// the documents.
#[cfg(feature = "pack-json")]
fn layout(p: &Programme) -> Vec<SectionInfo> {
    let m = |ja: &str, en: &str| Message::new(ja.to_owned(), en.to_owned());
    if let Some(form) = &p.spec.form {
        return form
            .sections
            .iter()
            .map(|s| SectionInfo {
                id: s.id.clone(),
                title: s.title.clone(),
                help: s.help.clone(),
                items: s
                    .items
                    .iter()
                    .map(|i| match i {
                        ItemSpec::Heading(h) => ItemInfo::Heading {
                            heading: h.heading.clone(),
                            help: h.help.clone(),
                        },
                        ItemSpec::Ref(r) => match r.split_once(':') {
                            Some(("table", id)) => ItemInfo::Table { id: id.to_owned() },
                            Some(("figure", id)) => ItemInfo::Figure { id: id.to_owned() },
                            Some(("date", id)) => ItemInfo::Date { id: id.to_owned() },
                            _ if r == "files" => ItemInfo::Files,
                            _ => ItemInfo::Question { id: r.clone() },
                        },
                    })
                    .collect(),
            })
            .collect();
    }
    let attachments = p.attachments_question;
    let mut out = vec![SectionInfo {
        id: "questions".to_owned(),
        title: m("質問", "Questions"),
        help: None,
        items: p
            .questions
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != attachments)
            .map(|(_, q)| ItemInfo::Question { id: q.id.clone() })
            .collect(),
    }];
    for t in &p.tables {
        out.push(SectionInfo {
            id: t.spec.id.clone(),
            title: t.spec.label.clone(),
            help: None,
            items: vec![ItemInfo::Table {
                id: t.spec.id.clone(),
            }],
        });
    }
    let results: Vec<ItemInfo> = p
        .figures
        .iter()
        .map(|f| ItemInfo::Figure {
            id: f.spec.id.clone(),
        })
        .chain(
            p.spec
                .dates
                .iter()
                .map(|d| ItemInfo::Date { id: d.id.clone() }),
        )
        .collect();
    if !results.is_empty() {
        out.push(SectionInfo {
            id: "results".to_owned(),
            title: m("計算結果", "Figures and dates"),
            help: None,
            items: results,
        });
    }
    let documents: Vec<ItemInfo> = attachments
        .map(|i| ItemInfo::Question {
            id: p.questions[i].id.clone(),
        })
        .into_iter()
        .chain(p.spec.submission.as_ref().map(|_| ItemInfo::Files))
        .collect();
    if !documents.is_empty() {
        out.push(SectionInfo {
            id: "documents".to_owned(),
            title: m("提出書類", "Documents"),
            help: None,
            items: documents,
        });
    }
    out
}

#[cfg(feature = "pack-json")]
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
            .zip(&t.spec.columns)
            .map(|(c, written)| ColumnInfo {
                key: c.key.to_string(),
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
                        value: o.value.to_string(),
                        label: o.label.clone(),
                    })
                    .collect(),
                default: c.default.as_deref().map(str::to_owned),
                categories: c
                    .categories
                    .as_ref()
                    .map(|x| x.items.clone())
                    .unwrap_or_default(),
                display: written.display.clone(),
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
        subtotals: t.spec.subtotals.as_ref().map(|s| s.column.clone()),
    }
}
