//! What a condition or an expression reads, where it stands: the answered form (typed answers,
//! which questions are asked, evaluated facts, the chosen sub-programmes and their rates), and,
//! in a table rule, the row being checked; in a figure or a limit, the figures before it and
//! the tables' rows.
//!
//! Owns: how a leaf reads its value (options that count as others, with their reading; an
//! unasked question as unanswered; a sum over rows as unknown while a row is unreadable). Must
//! not know: how answers were read from JSON, or what the Report looks like.

use super::cells::{Cell, RowData, TableData};
use super::deadline::{date_of, DateAnswers};
use super::trace::{Leaf, Outcome, Trace};
use crate::finding::message::Message;
use crate::finding::shared_text::SharedText;
use crate::pack::expr::{ColumnSum, Op, RateValue, Summed, Target};
use crate::pack::model::Programme;
use crate::pack::spec::DateExprSpec;
use crate::pack::table::Table;
use crate::read::answers::Answer;
use crate::text::exact::Exact;
use crate::text::fiscal_year::FiscalYear;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::sync::Arc;

/// The answered form: typed answers, evaluated facts, the chosen sub-programmes and their rates
/// (owned, so a session can keep it between keystrokes).
#[derive(Debug, Clone, Default)]
pub(crate) struct AnswerState {
    /// One answer per question (an unasked question's is `Unanswered`).
    pub(crate) answers: Vec<Answer>,
    /// Per question: whether it is asked (its `asked_when` holds, or it has none).
    pub(crate) asked: Vec<bool>,
    /// Evaluated condition facts, by fact index.
    pub(crate) facts: Vec<Option<Trace>>,
    /// Evaluated value facts, by fact index.
    pub(crate) fact_values: Vec<Option<Exact>>,
    /// The chosen sub-programme ids, or `None` while the selection is unanswered.
    pub(crate) selected: Option<Vec<SharedText>>,
    /// Per sub-programme: its rate, `None` while undecided (or not yet evaluated).
    pub(crate) rates: Vec<Option<RateValue>>,
    /// Per table: whether its section is read (its `asked_when` holds, or it has none).
    pub(crate) tables_asked: Vec<bool>,
    /// Per question: whether a rule has read its answer since this state was made (every read
    /// goes through [`AnswerState::answer`]); a question no rule read can change without
    /// changing any result but its own reading, while it stays as blank as it was.
    pub(crate) value_read: ReadMarks,
}

/// One mark per question, set when a rule reads its answer. Atomic, so that a state (and a
/// session holding one) can still be shared between threads; a relaxed load or store is a
/// plain one on the targets yoken builds for.
#[derive(Debug, Default)]
pub(crate) struct ReadMarks(Vec<AtomicBool>);

impl ReadMarks {
    /// `questions` marks, none set.
    pub(crate) fn new(questions: usize) -> Self {
        Self((0..questions).map(|_| AtomicBool::new(false)).collect())
    }
}

impl Clone for ReadMarks {
    fn clone(&self) -> Self {
        let marks = self.0.iter().map(|m| AtomicBool::new(m.load(Relaxed)));
        Self(marks.collect())
    }
}

impl AnswerState {
    /// Question `q`'s answer, marked as read.
    pub(crate) fn answer(&self, q: usize) -> Option<&Answer> {
        if let Some(mark) = self.value_read.0.get(q) {
            mark.store(true, Relaxed);
        }
        self.answers.get(q)
    }

    /// Whether question `q`'s answer was read through [`AnswerState::answer`] (a question the
    /// marks do not cover counts as read).
    pub(crate) fn was_read(&self, q: usize) -> bool {
        self.value_read.0.get(q).is_none_or(|m| m.load(Relaxed))
    }
}

/// The answered form of a programme, as the rules read it.
#[derive(Clone, Copy)]
pub(crate) struct Answered<'a> {
    /// The programme.
    pub(crate) programme: &'a Programme,
    /// The answers and what was computed from them.
    pub(crate) state: &'a AnswerState,
}

impl<'a> Answered<'a> {
    /// `state`, read as answers to `programme`.
    pub(crate) fn new(programme: &'a Programme, state: &'a AnswerState) -> Self {
        Self { programme, state }
    }

    /// The pack's fiscal year.
    pub(crate) fn fiscal_year(&self) -> FiscalYear {
        FiscalYear::starting(self.programme.spec.fiscal_year)
    }
}

/// The rate a rule asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RateLookup {
    /// Not decided yet (the selection or a rate's condition is unanswered).
    Undecided,
    /// That sub-programme is not chosen.
    NotChosen,
    /// The rate.
    Decided(RateValue),
}

/// A row being checked.
#[derive(Clone, Copy)]
pub(crate) struct RowView<'a> {
    /// Its table.
    pub(crate) table: &'a Table,
    /// Its cells and the figures computed so far.
    pub(crate) row: &'a RowData,
}

/// What figures and limits read besides the answers.
#[derive(Clone, Copy)]
pub(crate) struct TailView<'a> {
    /// The figures computed so far.
    pub(crate) figures: &'a [Option<Exact>],
    /// Per table of the programme: its rows, or `None` when the form has no such section.
    pub(crate) tables: &'a [Option<TableData<'a>>],
}

/// Where a condition or expression is evaluated.
#[derive(Clone, Copy)]
pub(crate) struct Env<'a> {
    /// The answered form.
    pub(crate) base: &'a Answered<'a>,
    /// In a table rule: the row.
    pub(crate) row: Option<RowView<'a>>,
    /// In figures and limits: figures and tables.
    pub(crate) tail: Option<TailView<'a>>,
}

/// A date as a number of days (for comparisons).
pub(crate) fn day_number(d: NaiveDate) -> Exact {
    Exact::int(i128::from(d.num_days_from_ce()))
}

impl<'a> Env<'a> {
    /// Answers, facts and rates only.
    pub(crate) fn of(base: &'a Answered<'a>) -> Self {
        Self {
            base,
            row: None,
            tail: None,
        }
    }

    /// In a row of `table`.
    pub(crate) fn row(base: &'a Answered<'a>, table: &'a Table, row: &'a RowData) -> Self {
        Self {
            base,
            row: Some(RowView { table, row }),
            tail: None,
        }
    }

    /// In figures and limits.
    pub(crate) fn tail(base: &'a Answered<'a>, tail: TailView<'a>) -> Self {
        Self {
            base,
            row: None,
            tail: Some(tail),
        }
    }

    /// The programme.
    pub(crate) fn programme(&self) -> &'a Programme {
        self.base.programme
    }

    /// The table of the row being checked.
    pub(crate) fn table(&self) -> Option<&'a Table> {
        self.row.map(|r| r.table)
    }

    /// Whether question `q` is asked.
    pub(crate) fn asked(&self, q: usize) -> bool {
        self.base.state.asked.get(q).copied().unwrap_or(true)
    }

    /// The form path of a question.
    pub(crate) fn field(&self, q: usize) -> Arc<str> {
        self.programme()
            .question_ids
            .get(q)
            .cloned()
            .unwrap_or_else(|| Arc::from(""))
    }

    /// How a question leaf comes out (`values`: the options that pass; none for yes/no).
    pub(crate) fn answer(&self, question: usize, values: Option<&[String]>) -> Leaf {
        let programme = self.programme();
        let answer = self
            .base
            .state
            .answer(question)
            .unwrap_or(&Answer::Unanswered);
        let value = answer.shown();
        let unknown = Leaf {
            outcome: Outcome::Unknown,
            value: None,
            reading: None,
        };
        let matches = |v: &str, set: &[String]| -> (bool, Option<Arc<Message>>) {
            let kinds = programme.counts_as(question, v).unwrap_or_default();
            match kinds.iter().find(|k| set.contains(k)) {
                Some(k) if k == v => (true, None),
                Some(_) => (
                    true,
                    programme
                        .option(question, v)
                        .and_then(|o| o.reading.clone())
                        .map(Arc::new),
                ),
                None => (false, None),
            }
        };
        let (pass, reading) = match (answer, values) {
            (Answer::YesNo(b), None) => (*b, None),
            (Answer::Choice(v), Some(set)) => matches(v, set),
            (Answer::Multi(vs), Some(set)) => vs
                .iter()
                .map(|v| matches(v, set))
                .find(|(p, _)| *p)
                .unwrap_or((false, None)),
            _ => return unknown,
        };
        Leaf {
            outcome: Outcome::of(pass),
            value,
            reading,
        }
    }

    /// Only the outcome of a question leaf (no allocation).
    pub(crate) fn answer_outcome(&self, question: usize, values: Option<&[String]>) -> Outcome {
        let programme = self.programme();
        let answer = self
            .base
            .state
            .answer(question)
            .unwrap_or(&Answer::Unanswered);
        let in_set = |v: &str, set: &[String]| {
            programme
                .counts_as(question, v)
                .unwrap_or_default()
                .iter()
                .any(|k| set.contains(k))
        };
        match (answer, values) {
            (Answer::YesNo(b), None) => Outcome::of(*b),
            (Answer::Choice(v), Some(set)) => Outcome::of(in_set(v, set)),
            (Answer::Multi(vs), Some(set)) => Outcome::of(vs.iter().any(|v| in_set(v, set))),
            _ => Outcome::Unknown,
        }
    }

    /// Whether a question or a cell is answered.
    pub(crate) fn answered(&self, target: Target) -> bool {
        match target {
            Target::Question(q) => self
                .base
                .state
                .answer(q)
                .is_some_and(|a| !a.is_blank() && *a != Answer::Invalid),
            Target::Cell(c) => self
                .row
                .and_then(|r| r.row.cells.get(c))
                .is_some_and(Cell::is_given),
        }
    }

    /// The evaluated trace of a condition fact.
    pub(crate) fn fact(&self, fact: usize) -> Option<&'a Trace> {
        self.base.state.facts.get(fact)?.as_ref()
    }

    /// A question's number: an amount in yen, a count, a date as a day number.
    pub(crate) fn answer_value(&self, q: usize) -> Option<Exact> {
        match self.base.state.answer(q)? {
            Answer::Amount(a) => Exact::from_decimal(a.yen.value()),
            Answer::Integer(n) => Exact::from_decimal(*n),
            Answer::Date(d) => Some(day_number(*d)),
            _ => None,
        }
    }

    /// The value of a leaf expression (an answer, a fact, a figure, a cell, a row figure, a
    /// record's field, a column's sum); `None` when unknown.
    pub(crate) fn leaf(&self, op: &Op) -> Option<Exact> {
        match op {
            Op::Answer(q) => self.answer_value(*q),
            Op::Fact(f) => self.base.state.fact_values.get(*f).copied().flatten(),
            Op::Figure(i) => self.tail?.figures.get(*i).copied().flatten(),
            Op::Cell(c) => self.row?.row.cells.get(*c)?.value(),
            Op::RowFigure(i) => self.row?.row.figures.get(*i).copied().flatten(),
            Op::Field { table, column } => {
                let data = self.tail?.tables.get(*table)?.as_ref()?;
                data.rows().next()?.cells.get(*column)?.value()
            }
            Op::ColumnSum(s) => self.column_sum(s),
            _ => None,
        }
    }

    /// A number cell as written (its decimal places), for `agrees_with`.
    pub(crate) fn written(&self, op: &Op) -> Option<Decimal> {
        match (op, self.row) {
            (Op::Cell(c), Some(r)) => match r.row.cells.get(*c)? {
                Cell::Number(_, written) => Some(*written),
                _ => None,
            },
            _ => None,
        }
    }

    /// The choice a cell of the row holds.
    pub(crate) fn cell_choice(&self, column: usize) -> Option<&'a str> {
        let row = self.row?.row;
        row.cells.get(column)?.choice()
    }

    /// A column's sum over the rows its filter picks; unknown while the table is absent, a row
    /// it picks has no readable amount in the column, or a row's category (group,
    /// sub-programme) the filter needs is unknown.
    fn column_sum(&self, s: &ColumnSum) -> Option<Exact> {
        let data = self.tail?.tables.get(s.table)?.as_ref()?;
        let mut total = Exact::ZERO;
        for row in data.rows() {
            if let Some(cats) = &s.categories {
                let category = row.category.as_deref()?;
                if !cats.iter().any(|c| c == category) {
                    continue;
                }
            }
            if let Some(except) = &s.except {
                let category = row.category.as_deref()?;
                if except.iter().any(|c| c == category) {
                    continue;
                }
            }
            if let Some(g) = &s.group {
                if row.group.as_ref()? != g {
                    continue;
                }
            }
            if let Some(sub) = &s.subprogramme {
                if row.subprogramme.as_ref()? != sub {
                    continue;
                }
            }
            let value = match s.summed {
                Summed::Column(c) => row.cells.get(c)?.value()?,
                Summed::RowFigure(i) => row.figures.get(i).copied().flatten()?,
            };
            total = total.checked_add(value)?;
        }
        Some(total)
    }

    /// The rate of a sub-programme (the first chosen when `None`).
    pub(crate) fn rate(&self, sub: Option<usize>) -> RateLookup {
        let programme = self.programme();
        let Some(selected) = &self.base.state.selected else {
            return RateLookup::Undecided;
        };
        let index = match sub {
            Some(i) => {
                let id = &programme.subprogrammes[i].spec.id;
                if !selected.iter().any(|s| s == id) {
                    return RateLookup::NotChosen;
                }
                i
            }
            None => match selected
                .first()
                .and_then(|id| programme.subprogramme_index(id))
            {
                Some(i) => i,
                None => return RateLookup::Undecided,
            },
        };
        match self.base.state.rates.get(index).copied().flatten() {
            Some(r) => RateLookup::Decided(r),
            None => RateLookup::Undecided,
        }
    }

    /// The date a date expression gives.
    pub(crate) fn date(&self, d: &DateExprSpec) -> Option<NaiveDate> {
        date_of(d, self.base.fiscal_year(), self.base)
    }
}

impl DateAnswers for Answered<'_> {
    fn date(&self, question: &str) -> Option<NaiveDate> {
        match self
            .state
            .answer(self.programme.question_index(question)?)?
        {
            Answer::Date(d) => Some(*d),
            _ => None,
        }
    }

    fn label(&self, question: &str) -> Message {
        self.programme
            .question_index(question)
            .and_then(|i| self.programme.questions.get(i))
            .map_or_else(|| Message::new(question, question), |q| q.label.clone())
    }
}
