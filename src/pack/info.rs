//! What a page needs to render a programme's form: `programmes()` returns one of these per pack.
//!
//! Owns: the programme list's wire format. Must not know: how a page renders it.

use super::model::Programme;
use super::spec::{ClauseSpec, NonGoalSpec, QuestionSpec, SelectionSpec, SourceSpec};
use crate::finding::message::Message;
use crate::text::fiscal_year::FiscalYear;
use serde::Serialize;

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
        }
    }
}
