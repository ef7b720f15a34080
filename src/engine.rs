//! The engine: a (possibly half-filled) form + a programme + today → one [`Report`].
//!
//! Steps, in order: read every answer (diagnostics for unreadable values), flag form keys the
//! programme does not know, evaluate facts, then for each chosen sub-programme its requirement
//! tree, priority and rate; then checks, attachments and required questions. Findings are data in
//! the Report; only a form that is not a JSON object is an `Err`.

use crate::answers::{lookup, preview, read_answer, Answer};
use crate::budget::advance::AdvanceFigures;
use crate::budget::tax_report::TaxReportFigures;
use crate::budget::{BudgetReport, Context as BudgetContext};
use crate::diagnostic::{Diagnostic, Severity};
use crate::fiscal_year::FiscalYear;
use crate::logic::{Facts, Leaf, Outcome, Trace};
use crate::message::Message;
use crate::pack::compile::{PackProblem, Programme};
use crate::pack::spec::RateKind;
use crate::report::{
    Overall, PriorityResult, ProgrammeRef, RateResult, Report, SubprogrammeVerdict, Summary,
    Verdict, REPORT_FORMAT,
};
use chrono::NaiveDate;
use serde_json::Value;
use std::sync::Arc;

/// At most this many `form.unknown_field` findings per report (a hostile form cannot flood it).
pub const MAX_UNKNOWN_FIELD_FINDINGS: usize = 50;

/// Why a form could not be checked at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormError {
    /// The form is not a JSON object.
    NotAnObject,
}

impl FormError {
    /// The message for the caller.
    #[must_use]
    pub fn message(&self) -> Message {
        match self {
            FormError::NotAnObject => Message::new(
                "フォームは JSON オブジェクト（{…}）で渡してください。",
                "The form must be a JSON object ({…}).",
            ),
        }
    }
}

impl core::fmt::Display for FormError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for FormError {}

/// The answered form, as the logic sees it.
pub struct Answered<'a> {
    /// The programme.
    pub programme: &'a Programme,
    /// One answer per question.
    pub answers: Vec<Answer>,
    /// Evaluated facts, by fact index.
    pub facts: Vec<Option<Trace>>,
}

impl Facts for Answered<'_> {
    fn answer(&self, question: usize, values: Option<&[String]>) -> Leaf {
        let answer = self.answers.get(question).unwrap_or(&Answer::Unanswered);
        let value = answer.shown();
        let unknown = Leaf {
            outcome: Outcome::Unknown,
            value: None,
            reading: None,
        };
        let matches = |v: &str, set: &[String]| -> (bool, Option<Arc<Message>>) {
            let kinds = self.programme.counts_as(question, v).unwrap_or_default();
            match kinds.iter().find(|k| set.contains(k)) {
                Some(k) if k == v => (true, None),
                Some(_) => (
                    true,
                    self.programme
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
            outcome: if pass { Outcome::Pass } else { Outcome::Fail },
            value,
            reading,
        }
    }

    fn field(&self, question: usize) -> Arc<str> {
        self.programme
            .question_ids
            .get(question)
            .cloned()
            .unwrap_or_else(|| Arc::from(""))
    }

    fn answer_outcome(&self, question: usize, values: Option<&[String]>) -> Outcome {
        let answer = self.answers.get(question).unwrap_or(&Answer::Unanswered);
        let in_set = |v: &str, set: &[String]| {
            self.programme
                .counts_as(question, v)
                .unwrap_or_default()
                .iter()
                .any(|k| set.contains(k))
        };
        let pass = match (answer, values) {
            (Answer::YesNo(b), None) => *b,
            (Answer::Choice(v), Some(set)) => in_set(v, set),
            (Answer::Multi(vs), Some(set)) => vs.iter().any(|v| in_set(v, set)),
            _ => return Outcome::Unknown,
        };
        if pass {
            Outcome::Pass
        } else {
            Outcome::Fail
        }
    }

    fn fact_node(&self, fact: usize) -> Option<&crate::logic::Node> {
        self.programme.facts.get(fact).map(|f| &f.node)
    }

    fn fact(&self, fact: usize) -> Option<&Trace> {
        self.facts.get(fact)?.as_ref()
    }
}

impl crate::deadline::DateAnswers for Answered<'_> {
    fn date(&self, question: &str) -> Option<NaiveDate> {
        match self.answers.get(self.programme.question_index(question)?)? {
            Answer::Date(d) => Some(*d),
            _ => None,
        }
    }

    fn amount(&self, question: &str) -> Option<crate::money::Yen> {
        match self.answers.get(self.programme.question_index(question)?)? {
            Answer::Amount(a) => Some(a.yen),
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

/// A question that decided a failed requirement: its field and the clause it failed.
type Decisive = (Arc<str>, Arc<str>);

/// What a caller wants in the Report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Whether verdicts carry their trace trees (the "why"); on by default.
    pub trace: bool,
    /// Whether the Report carries the form's normalised form ([`crate::normalised`]); off by
    /// default.
    pub normalise: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            trace: true,
            normalise: false,
        }
    }
}

impl Options {
    /// The default options with traces on or off.
    #[must_use]
    pub fn traced(trace: bool) -> Self {
        Self {
            trace,
            ..Self::default()
        }
    }
}

/// Checks `form` against `programme` as of `today`, with traces.
pub fn evaluate(
    programme: &Programme,
    form: &Value,
    today: NaiveDate,
) -> Result<Report, FormError> {
    evaluate_with(programme, form, today, Options::default())
}

/// Checks `form` against `programme` as of `today`.
pub fn evaluate_with(
    programme: &Programme,
    form: &Value,
    today: NaiveDate,
    options: Options,
) -> Result<Report, FormError> {
    evaluate_cached(programme, form, today, options, &mut Cache::single_use())
}

/// What one evaluation keeps for the next evaluation of the same form (a session): the results
/// that depend on everything but the budget section, and each budget row's result. A fresh
/// cache gives exactly the stateless [`evaluate_with`]; a warm one the same bytes, faster.
#[derive(Debug, Clone, Default)]
pub struct Cache {
    rest: Option<(serde_json::Map<String, Value>, NaiveDate, Options, Rest)>,
    rows: crate::budget::RowCache,
    since: FormChange,
    /// Counts the times the non-budget results were computed: equal counts, equal results.
    rest_generation: u64,
    /// For one evaluation only (stateless): keep no copies of the form to compare with later.
    single_use: bool,
}

impl Cache {
    /// A cache for exactly one evaluation: nothing is copied for later comparisons.
    fn single_use() -> Self {
        Self {
            single_use: true,
            rows: crate::budget::RowCache::single_use(),
            ..Self::default()
        }
    }

    /// Records that `path` is being set in the form last evaluated with this cache (a session
    /// editing one field), so the next evaluation need not compare the rest of the form.
    pub(crate) fn edited(&mut self, path: &str) {
        self.since = match self.since {
            FormChange::Nothing => FormChange::Field(path.to_owned()),
            _ => FormChange::Anything,
        };
    }

    /// Records that the form may have changed anywhere.
    pub(crate) fn replaced(&mut self) {
        self.since = FormChange::Anything;
    }

    /// Which computation of the non-budget results the last evaluation used: two evaluations
    /// with the same number share their verdicts, dates and non-budget findings.
    pub(crate) fn rest_generation(&self) -> u64 {
        self.rest_generation
    }
}

/// What changed in the form since the cache was filled. `Anything` makes every part be compared
/// with what the cache holds; the others let the comparison be skipped where nothing changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) enum FormChange {
    /// Unknown: compare everything.
    #[default]
    Anything,
    /// The same form.
    Nothing,
    /// Only what lies at or under this path (a session's single edit).
    Field(String),
}

/// The rows of one table an edit may have changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RowsTouched {
    /// Any of them.
    All,
    /// None.
    None,
    /// This one (or a new row past the end).
    One(usize),
}

impl RowsTouched {
    /// Whether row `index` is known to be as it was.
    pub(crate) fn leaves(self, index: usize) -> bool {
        match self {
            RowsTouched::All => false,
            RowsTouched::None => true,
            RowsTouched::One(n) => n != index,
        }
    }
}

impl FormChange {
    /// Whether everything outside the programme's budget sections is unchanged.
    fn leaves_rest(&self, programme: &Programme) -> bool {
        match self {
            FormChange::Anything => false,
            FormChange::Nothing => true,
            FormChange::Field(p) => programme.owns_section(p.split(['.', '[']).next().unwrap_or(p)),
        }
    }

    /// Which rows of the table at `table` (`budget.lines`) may have changed.
    pub(crate) fn rows_touched(&self, table: &str) -> RowsTouched {
        let p = match self {
            FormChange::Anything => return RowsTouched::All,
            FormChange::Nothing => return RowsTouched::None,
            FormChange::Field(p) => p.as_str(),
        };
        // An ancestor of the table was set: every row may have changed.
        if table
            .strip_prefix(p)
            .is_some_and(|r| r.is_empty() || r.starts_with('.'))
        {
            return RowsTouched::All;
        }
        let Some(rest) = p.strip_prefix(table) else {
            return RowsTouched::None;
        };
        let Some(rest) = rest.strip_prefix('[') else {
            // `budget.lines_note` is another key; `budget.lines` itself was handled above.
            return RowsTouched::None;
        };
        match rest.split_once(']').map(|(n, _)| n.parse::<usize>()) {
            Some(Ok(n)) => RowsTouched::One(n),
            _ => RowsTouched::All,
        }
    }
}

/// The budget context, owned (it outlives the answers it was read from).
#[derive(Debug, Clone)]
struct BudgetInputs {
    selected: Vec<String>,
    rate: Option<RateKind>,
    rate_clause: Option<String>,
    period_start: Option<NaiveDate>,
    tax_remark_required: bool,
}

/// Everything that does not depend on the budget section.
#[derive(Debug, Clone)]
struct Rest {
    /// Findings in Report order, each with its path's rank.
    diags: Vec<(usize, Diagnostic)>,
    overall: Overall,
    verdicts: Vec<SubprogrammeVerdict>,
    dates: Vec<crate::deadline::ComputedDate>,
    additional_charge: Option<crate::deadline::ChargeFigures>,
    budget: BudgetInputs,
}

/// Whether `form`, its sections aside, equals `rest` (the same form without sections).
fn same_rest(
    programme: &Programme,
    form: &serde_json::Map<String, Value>,
    rest: &serde_json::Map<String, Value>,
) -> bool {
    let mut n = 0;
    for (k, v) in form {
        if programme.owns_section(k) {
            continue;
        }
        n += 1;
        if rest.get(k) != Some(v) {
            return false;
        }
    }
    n == rest.len()
}

/// [`evaluate_with`] reusing what `cache` holds from the previous evaluation of this form.
pub fn evaluate_cached(
    programme: &Programme,
    form: &Value,
    today: NaiveDate,
    options: Options,
    cache: &mut Cache,
) -> Result<Report, FormError> {
    let Some(object) = form.as_object() else {
        return Err(FormError::NotAnObject);
    };
    if options.normalise {
        // Every value must be read afresh to be reported, so nothing cached is used: the
        // session's cache no longer knows what changed since it was filled, and these results
        // are a new computation.
        cache.replaced();
        cache.rest_generation += 1;
        let plain = Options {
            normalise: false,
            ..options
        };
        let (report, rewrites) = crate::normalised::capture(|| {
            evaluate_cached(programme, form, today, plain, &mut Cache::single_use())
        });
        return report.map(|mut r| {
            r.normalised_form = Some(crate::normalised::apply(form, &rewrites));
            r
        });
    }
    let since = std::mem::take(&mut cache.since);
    let hit = matches!(&cache.rest, Some((r, t, o, _)) if *t == today && *o == options && (since.leaves_rest(programme) || same_rest(programme, object, r)));
    if !hit || cache.single_use {
        let key: serde_json::Map<String, Value> = if cache.single_use {
            serde_json::Map::new()
        } else {
            object
                .iter()
                .filter(|(k, _)| !programme.owns_section(k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        };
        cache.rest = Some((key, today, options, rest(programme, form, today, options)));
        cache.rest_generation += 1;
    }
    let Some((_, _, _, rest)) = &cache.rest else {
        return Err(FormError::NotAnObject);
    };
    let mut budget_diags = Vec::new();
    let (budget, tax_report, advance_payment) = budgets(
        programme,
        form,
        &rest.budget,
        &since,
        &mut cache.rows,
        &mut budget_diags,
    );
    cache.since = FormChange::Nothing;
    let diags = merge_diagnostics(&rest.diags, ranked(programme, budget_diags));
    let summary = Summary::of(&diags);
    Ok(Report {
        format: REPORT_FORMAT.to_owned(),
        programme: ProgrammeRef {
            id: programme.spec.id.clone(),
            title: programme.spec.title.clone(),
            fiscal_year: FiscalYear::starting(programme.spec.fiscal_year).to_string(),
            source: programme.spec.source.title.clone(),
        },
        today: today.format("%Y-%m-%d").to_string(),
        overall: rest.overall.clone(),
        verdicts: rest.verdicts.clone(),
        budget,
        tax_report,
        advance_payment,
        dates: rest.dates.clone(),
        additional_charge: rest.additional_charge.clone(),
        diagnostics: diags,
        summary,
        normalised_form: None,
    })
}

/// Answers, facts, verdicts, dates, checks, attachments and required answers: everything but the
/// budget sections.
fn rest(programme: &Programme, form: &Value, today: NaiveDate, options: Options) -> Rest {
    let mut diags = Vec::new();
    let answers: Vec<Answer> = programme
        .questions
        .iter()
        .map(|q| read_answer(q, lookup(form, &q.id), &mut diags))
        .collect();
    unknown_fields(programme, form, &mut diags);

    let mut answered = Answered {
        programme,
        answers,
        facts: vec![None; programme.facts.len()],
    };
    for &i in &programme.fact_order {
        let trace = programme.facts[i].node.evaluate(&answered);
        answered.facts[i] = Some(trace);
    }

    let selected = selected_subprogrammes(programme, &answered, &mut diags);
    let judged: Vec<(SubprogrammeVerdict, Vec<Decisive>)> = programme
        .subprogrammes
        .iter()
        .filter(|s| {
            selected
                .as_ref()
                .is_some_and(|ids| ids.contains(&s.spec.id))
        })
        .map(|s| subprogramme_verdict(s, &answered, options))
        .collect();
    let mut verdicts = Vec::with_capacity(judged.len());
    for (v, decisive) in judged {
        not_met(&decisive, &mut diags);
        verdicts.push(v);
    }
    let overall = overall(programme, selected.as_ref(), &verdicts);
    let budget = budget_inputs(programme, &answered, selected.as_deref(), &verdicts);
    let fiscal_year = FiscalYear::starting(programme.spec.fiscal_year);
    let dates = crate::deadline::compute(
        &programme.spec.dates,
        fiscal_year,
        today,
        &answered,
        &mut diags,
    );
    crate::deadline::check_limits(
        &programme.spec.date_limits,
        fiscal_year,
        &answered,
        &mut diags,
    );
    let additional_charge = programme
        .spec
        .additional_charge
        .as_ref()
        .and_then(|c| crate::deadline::additional_charge(c, &answered, &mut diags));
    if today < programme.valid_from || today > programme.valid_until {
        diags.push(Diagnostic::new(
            "programme.outside_validity",
            Severity::Info,
            "",
            None,
            Message::new(
                format!(
                    "この規則は{}（{}〜{}）のものです。本日（{}）はその期間外です。",
                    fiscal_year,
                    crate::wareki::format_wareki(programme.valid_from),
                    crate::wareki::format_wareki(programme.valid_until),
                    crate::wareki::format_wareki(today)
                ),
                format!(
                    "These rules are for {} ({} to {}); today ({today}) is outside that period.",
                    programme.spec.title.en, programme.valid_from, programme.valid_until
                ),
            ),
        ));
    }
    run_checks(programme, &answered, &mut diags);
    attachments(programme, &answered, &mut diags);
    required(programme, &answered, selected.as_deref(), &mut diags);
    let diags = ranked(programme, diags);
    Rest {
        diags,
        overall,
        verdicts,
        dates,
        additional_charge,
        budget,
    }
}

/// What the budget rules read from the answers.
fn budget_inputs(
    programme: &Programme,
    answered: &Answered<'_>,
    selected: Option<&[String]>,
    verdicts: &[SubprogrammeVerdict],
) -> BudgetInputs {
    let first = verdicts.first();
    let b = programme.budget.as_ref();
    BudgetInputs {
        selected: selected.unwrap_or_default().to_vec(),
        rate: first.and_then(|v| v.rate.rate),
        rate_clause: first.map(|v| v.rate.clause.clone()),
        period_start: b
            .and_then(|b| b.period_start)
            .and_then(|q| match answered.answers.get(q) {
                Some(Answer::Date(d)) => Some(*d),
                _ => None,
            }),
        tax_remark_required: b
            .and_then(|b| b.tax_remark_when.as_ref())
            .is_some_and(|n| n.outcome(answered) == Outcome::Pass),
    }
}

/// The budget table, 様式4 and 様式5 sections, each when the pack has rules for it and the form
/// has the section.
fn budgets(
    programme: &Programme,
    form: &Value,
    inputs: &BudgetInputs,
    since: &FormChange,
    rows: &mut crate::budget::RowCache,
    diags: &mut Vec<Diagnostic>,
) -> (
    Option<BudgetReport>,
    Option<TaxReportFigures>,
    Option<AdvanceFigures>,
) {
    let section = |path: &str| lookup(form, path).filter(|v| !crate::answers::is_blank(Some(v)));
    let budget = programme.budget.as_ref().and_then(|b| {
        let value = section(&b.spec.path)?;
        let ctx = BudgetContext {
            selected: &inputs.selected,
            rate: inputs.rate,
            rate_clause: inputs.rate_clause.as_deref(),
            period_start: inputs.period_start,
            tax_remark_required: inputs.tax_remark_required,
        };
        Some(crate::budget::evaluate(b, value, &ctx, since, rows, diags))
    });
    if budget.is_none() {
        // No table: its cached rows no longer describe the form.
        rows.truncate(0);
    }
    let tax_report = programme.spec.tax_report.as_ref().and_then(|t| {
        Some(crate::budget::tax_report::evaluate(
            t,
            section(&t.path)?,
            diags,
        ))
    });
    let titles: Vec<String> = programme
        .subprogrammes
        .iter()
        .map(|s| s.spec.title.ja.to_string())
        .collect();
    let advance = programme.spec.advance_payment.as_ref().and_then(|a| {
        Some(crate::budget::advance::evaluate(
            a,
            section(&a.path)?,
            &titles,
            diags,
        ))
    });
    (budget, tax_report, advance)
}

/// The chosen sub-programme ids, or `None` while the selection is unanswered.
fn selected_subprogrammes(
    programme: &Programme,
    answered: &Answered<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<String>> {
    let sel = &programme.spec.selection;
    let ids = match answered.answers.get(programme.selection_question)? {
        Answer::Choice(v) => vec![v.clone()],
        Answer::Multi(vs) if !vs.is_empty() => vs.clone(),
        _ => return None,
    };
    if ids.len() < sel.min || ids.len() > sel.max {
        diags.push(Diagnostic::new(
            "answer.selection_count",
            Severity::Error,
            &sel.path,
            Some(&sel.clause),
            Message::new(
                format!(
                    "「{}」は{}つ以上{}つ以下で選んでください（{}つ選択）。",
                    sel.label.ja,
                    sel.min,
                    sel.max,
                    ids.len()
                ),
                format!(
                    "Choose from {} to {} for \"{}\" ({} chosen).",
                    sel.min,
                    sel.max,
                    sel.label.en,
                    ids.len()
                ),
            ),
        ));
    }
    Some(ids)
}

/// A sub-programme's verdict, and the `(field, clause)` of each question that decided a failure.
fn subprogramme_verdict(
    sub: &crate::pack::compile::Subprogramme,
    answered: &Answered<'_>,
    options: Options,
) -> (SubprogrammeVerdict, Vec<Decisive>) {
    // With traces, the trace explains everything; without, the same answers come straight from
    // the tree (no trace is built only to be dropped).
    let (outcome, missing, decisive, trace) = if options.trace {
        let t = sub.requirement.evaluate(answered);
        let decisive = if t.outcome == Outcome::Fail {
            t.decisive_leaves()
                .into_iter()
                .filter_map(|l| l.field.clone().map(|f| (f, Arc::clone(&l.clause))))
                .collect()
        } else {
            Vec::new()
        };
        (t.outcome, t.missing(), decisive, Some(t))
    } else {
        let outcome = sub.requirement.outcome(answered);
        let mut missing = Vec::new();
        let mut decisive = Vec::new();
        match outcome {
            Outcome::Unknown => sub.requirement.missing(answered, &mut missing),
            Outcome::Fail => sub.requirement.decisive(answered, &mut decisive),
            Outcome::Pass => {}
        }
        (outcome, missing, decisive, None)
    };
    let priority = sub
        .priority
        .as_ref()
        .zip(sub.spec.priority.as_ref())
        .map(|(node, spec)| {
            let t = options.trace.then(|| node.evaluate(answered));
            PriorityResult {
                clause: spec.clause.clone(),
                label: spec.label.clone(),
                outcome: t
                    .as_ref()
                    .map_or_else(|| node.outcome(answered), |t| t.outcome),
                trace: t,
            }
        });
    let rate = match &sub.fixed_when {
        None => Some(sub.spec.rate.default),
        Some(node) => match node.outcome(answered) {
            Outcome::Pass => Some(RateKind::Fixed),
            Outcome::Fail => Some(sub.spec.rate.default),
            Outcome::Unknown => None,
        },
    };
    let verdict = SubprogrammeVerdict {
        subprogramme: sub.spec.id.clone(),
        title: sub.spec.title.clone(),
        clause: sub.spec.clause.clone(),
        verdict: Verdict::from(outcome),
        missing,
        trace,
        priority,
        rate: RateResult {
            clause: sub.spec.rate.clause.clone(),
            rate,
            label: rate_label(rate),
            reading: sub.spec.rate.reading.clone(),
        },
    };
    (verdict, decisive)
}

/// The rate in words.
#[must_use]
pub fn rate_label(rate: Option<RateKind>) -> Message {
    match rate {
        Some(RateKind::Fixed) => Message::new("定額", "fixed amount (定額)"),
        Some(RateKind::Half) => Message::new("1/2以内", "at most 1/2"),
        Some(RateKind::Unspecified) => {
            Message::new("補助率の定めなし", "no rate stated in the document")
        }
        None => Message::new("未定（回答待ち）", "undetermined (answer pending)"),
    }
}

fn overall(
    programme: &Programme,
    selected: Option<&Vec<String>>,
    verdicts: &[SubprogrammeVerdict],
) -> Overall {
    if selected.is_none() {
        return Overall {
            verdict: Verdict::Incomplete,
            missing: vec![programme.spec.selection.path.clone()],
        };
    }
    let outcome = Outcome::all(verdicts.iter().map(|v| match v.verdict {
        Verdict::Eligible => Outcome::Pass,
        Verdict::Ineligible => Outcome::Fail,
        Verdict::Incomplete => Outcome::Unknown,
    }));
    let mut missing: Vec<String> = Vec::new();
    if outcome == Outcome::Unknown {
        for v in verdicts {
            for m in &v.missing {
                if !missing.contains(m) {
                    missing.push(m.clone());
                }
            }
        }
        missing.sort_by_key(|m| programme.question_index(m).unwrap_or(usize::MAX));
    }
    Overall {
        verdict: Verdict::from(outcome),
        missing,
    }
}

/// A `requirement.not_met` error at each question that decided a failed requirement.
fn not_met(decisive: &[Decisive], diags: &mut Vec<Diagnostic>) {
    for (field, clause) in decisive {
        let message = Message::new(
            format!("この回答では{clause}の要件を満たさないため、応募できません。"),
            format!("With this answer the requirement of {clause} is not met, so the application is not eligible."),
        );
        diags.push(Diagnostic::new(
            "requirement.not_met",
            Severity::Error,
            &**field,
            Some(clause),
            message,
        ));
    }
}

fn run_checks(programme: &Programme, answered: &Answered<'_>, diags: &mut Vec<Diagnostic>) {
    for check in &programme.checks {
        if check.when.outcome(answered) == Outcome::Pass {
            diags.push(Diagnostic::new(
                &check.spec.code,
                check.spec.severity,
                &check.spec.path,
                Some(&check.spec.clause),
                check.spec.message.clone(),
            ));
        }
    }
}

fn attachments(programme: &Programme, answered: &Answered<'_>, diags: &mut Vec<Diagnostic>) {
    let (Some(q), Some(spec)) = (programme.attachments_question, &programme.spec.attachments)
    else {
        return;
    };
    let Some(Answer::Multi(attached)) = answered.answers.get(q) else {
        return;
    };
    for a in &programme.attachments {
        let required = a
            .required_when
            .as_ref()
            .map_or(Outcome::Pass, |n| n.outcome(answered));
        if required == Outcome::Pass && !attached.contains(&a.spec.id) {
            diags.push(Diagnostic::new(
                "attachment.missing",
                Severity::Error,
                &spec.path,
                Some(&a.spec.clause),
                Message::new(
                    format!(
                        "「{}」を添付してください（{}）。",
                        a.spec.title.ja, a.spec.clause
                    ),
                    format!("Attach \"{}\" ({}).", a.spec.title.en, a.spec.clause),
                ),
            ));
        }
    }
}

fn required(
    programme: &Programme,
    answered: &Answered<'_>,
    selected: Option<&[String]>,
    diags: &mut Vec<Diagnostic>,
) {
    for (q, answer) in programme.questions.iter().zip(&answered.answers) {
        if !q.required || !answer.is_blank() {
            continue;
        }
        let in_scope = match (&q.scope, selected) {
            (None, _) => true,
            (Some(scope), Some(sel)) => scope.iter().any(|s| sel.contains(s)),
            (Some(_), None) => false,
        };
        if in_scope {
            diags.push(Diagnostic::new(
                "answer.required",
                Severity::Error,
                &q.id,
                Some(&q.clause),
                Message::new(
                    format!("「{}」に回答してください。", q.label.ja),
                    format!("Answer \"{}\".", q.label.en),
                ),
            ));
        }
    }
}

/// Flags keys of the form that the programme does not read.
fn unknown_fields(programme: &Programme, form: &Value, diags: &mut Vec<Diagnostic>) {
    let mut found = Vec::new();
    walk(programme, form, "", &mut found);
    let extra = found.len().saturating_sub(MAX_UNKNOWN_FIELD_FINDINGS);
    for (path, value, nested) in found.into_iter().take(MAX_UNKNOWN_FIELD_FINDINGS) {
        let message = if nested {
            Message::new(
                format!(
                    "「{path}」には項目のまとまり（オブジェクト）が入ります（入力値：{value}）。"
                ),
                format!("\"{path}\" holds a group of fields (an object); got: {value}."),
            )
        } else {
            Message::new(
                format!("「{path}」はこの事業の様式にない項目です。無視されます。"),
                format!("\"{path}\" is not a field of this programme's form; it is ignored."),
            )
        };
        let code = if nested {
            "form.unexpected_value"
        } else {
            "form.unknown_field"
        };
        diags.push(Diagnostic::new(
            code,
            Severity::Warning,
            path,
            None,
            message,
        ));
    }
    if extra > 0 {
        diags.push(Diagnostic::new(
            "form.unknown_field",
            Severity::Warning,
            "",
            None,
            Message::new(
                format!("ほかに{extra}個の不明な項目があります。"),
                format!("{extra} more unknown fields."),
            ),
        ));
    }
}

/// A path for a message and the report: at most 200 characters.
fn short_path(path: &str) -> String {
    if path.chars().count() <= 200 {
        path.to_owned()
    } else {
        let mut s: String = path.chars().take(200).collect();
        s.push('…');
        s
    }
}

fn walk(
    programme: &Programme,
    value: &Value,
    prefix: &str,
    found: &mut Vec<(String, String, bool)>,
) {
    let Some(object) = value.as_object() else {
        return;
    };
    for (key, child) in object {
        if found.len() > MAX_UNKNOWN_FIELD_FINDINGS {
            found.push((String::new(), String::new(), false));
            continue;
        }
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        if programme.question_index(&path).is_some() || programme.owns_section(&path) {
            continue;
        }
        let is_group = programme.is_group(&path);
        if is_group {
            if child.is_object() {
                walk(programme, child, &path, found);
            } else if !crate::answers::is_blank(Some(child)) {
                found.push((short_path(&path), preview(child), true));
            }
        } else {
            found.push((short_path(&path), String::new(), false));
        }
    }
}

/// Findings in Report order (see [`report_order`]) without repeats, each with its path's rank.
fn ranked(programme: &Programme, diags: Vec<Diagnostic>) -> Vec<(usize, Diagnostic)> {
    // The rank is a lookup per diagnostic: computed once, not once per comparison.
    let mut keyed: Vec<(usize, Diagnostic)> = diags
        .into_iter()
        .map(|d| (programme.path_rank(&d.path), d))
        .collect();
    keyed.sort_by(|(ra, a), (rb, b)| report_order(*ra, a, *rb, b));
    keyed.dedup_by(|(_, a), (_, b)| a == b);
    keyed
}

/// The Report's order of findings: by the field's place in the form, then path, severity, code,
/// clause and text. Findings about one path are therefore next to each other.
fn report_order(ra: usize, a: &Diagnostic, rb: usize, b: &Diagnostic) -> std::cmp::Ordering {
    (ra, &a.path, a.severity, &a.code, &a.clause, &a.message.ja).cmp(&(
        rb,
        &b.path,
        b.severity,
        &b.code,
        &b.clause,
        &b.message.ja,
    ))
}

/// Two ranked lists merged into the Report's list, as [`ranked`] would order their
/// concatenation (on a tie, `first` comes first).
fn merge_diagnostics(
    first: &[(usize, Diagnostic)],
    second: Vec<(usize, Diagnostic)>,
) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::with_capacity(first.len() + second.len());
    let mut first = first.iter().peekable();
    let mut second = second.into_iter().peekable();
    loop {
        let take_first = match (first.peek(), second.peek()) {
            (Some((ra, a)), Some((rb, b))) => report_order(*ra, a, *rb, b).is_le(),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let next = if take_first {
            first.next().map(|(_, d)| d.clone())
        } else {
            second.next().map(|(_, d)| d)
        };
        if let Some(d) = next {
            if out.last() != Some(&d) {
                out.push(d);
            }
        }
    }
    out
}

/// Runs a programme's own example cases; each mismatch is a problem at `cases[i]`.
#[must_use]
pub fn case_problems(programme: &Programme) -> Vec<PackProblem> {
    let mut problems = Vec::new();
    for (i, case) in programme.spec.cases.iter().enumerate() {
        let mut problem = |en: String| {
            problems.push(PackProblem {
                at: format!("cases[{i}] ({})", case.name),
                message: Message::new(en.clone(), en),
            });
        };
        let Ok(today) = NaiveDate::parse_from_str(&case.today, "%Y-%m-%d") else {
            problem(format!("today \"{}\" is not a YYYY-MM-DD date", case.today));
            continue;
        };
        let report = match evaluate(programme, &case.form, today) {
            Ok(r) => r,
            Err(e) => {
                problem(format!("the form cannot be checked: {e}"));
                continue;
            }
        };
        let expect = &case.expect;
        if report.overall.verdict != expect.overall {
            problem(format!(
                "overall verdict is {:?}, expected {:?}",
                report.overall.verdict, expect.overall
            ));
        }
        for (id, want) in &expect.verdicts {
            match report.verdicts.iter().find(|v| &v.subprogramme == id) {
                Some(v) if v.verdict == *want => {}
                Some(v) => problem(format!(
                    "verdict of {id} is {:?}, expected {want:?}",
                    v.verdict
                )),
                None => problem(format!("no verdict for sub-programme {id}")),
            }
        }
        let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code.as_str()).collect();
        for code in &expect.codes {
            if !codes.contains(&code.as_str()) {
                problem(format!("expected a finding {code}; got {codes:?}"));
            }
        }
        for code in &expect.absent {
            if codes.contains(&code.as_str()) {
                problem(format!("finding {code} must not be raised"));
            }
        }
        if let Some(missing) = &expect.missing {
            if &report.overall.missing != missing {
                problem(format!(
                    "missing is {:?}, expected {missing:?}",
                    report.overall.missing
                ));
            }
        }
    }
    problems
}
