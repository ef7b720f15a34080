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

/// What a caller wants in the Report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Whether verdicts carry their trace trees (the "why"); on by default.
    pub trace: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self { trace: true }
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
    if !form.is_object() {
        return Err(FormError::NotAnObject);
    }
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
    let mut verdicts: Vec<SubprogrammeVerdict> = programme
        .subprogrammes
        .iter()
        .filter(|s| {
            selected
                .as_ref()
                .is_some_and(|ids| ids.contains(&s.spec.id))
        })
        .map(|s| subprogramme_verdict(s, &answered))
        .collect();
    let overall = overall(programme, selected.as_ref(), &verdicts);
    for v in &mut verdicts {
        if let Some(trace) = &v.trace {
            not_met(trace, &mut diags);
        }
        if !options.trace {
            v.trace = None;
            if let Some(p) = &mut v.priority {
                p.trace = None;
            }
        }
    }
    let (budget, tax_report, advance_payment) = budgets(
        programme,
        form,
        &answered,
        selected.as_deref(),
        &verdicts,
        &mut diags,
    );
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

    sort_diagnostics(programme, &mut diags);
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
        overall,
        verdicts,
        budget,
        tax_report,
        advance_payment,
        dates,
        additional_charge,
        diagnostics: diags,
        summary,
    })
}

/// The budget table, 様式4 and 様式5 sections, each when the pack has rules for it and the form
/// has the section.
fn budgets(
    programme: &Programme,
    form: &Value,
    answered: &Answered<'_>,
    selected: Option<&[String]>,
    verdicts: &[SubprogrammeVerdict],
    diags: &mut Vec<Diagnostic>,
) -> (
    Option<BudgetReport>,
    Option<TaxReportFigures>,
    Option<AdvanceFigures>,
) {
    let section = |path: &str| lookup(form, path).filter(|v| !crate::answers::is_blank(Some(v)));
    let budget = programme.budget.as_ref().and_then(|b| {
        let value = section(&b.spec.path)?;
        let first = verdicts.first();
        let period_start = b.period_start.and_then(|q| match answered.answers.get(q) {
            Some(Answer::Date(d)) => Some(*d),
            _ => None,
        });
        let ctx = BudgetContext {
            selected: selected.unwrap_or_default(),
            rate: first.and_then(|v| v.rate.rate),
            rate_clause: first.map(|v| v.rate.clause.as_str()),
            period_start,
            tax_remark_required: b
                .tax_remark_when
                .as_ref()
                .is_some_and(|n| n.outcome(answered) == Outcome::Pass),
        };
        Some(crate::budget::evaluate(b, value, &ctx, diags))
    });
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
        .map(|s| s.spec.title.ja.clone())
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

fn subprogramme_verdict(
    sub: &crate::pack::compile::Subprogramme,
    answered: &Answered<'_>,
) -> SubprogrammeVerdict {
    let trace = sub.requirement.evaluate(answered);
    let priority = sub
        .priority
        .as_ref()
        .zip(sub.spec.priority.as_ref())
        .map(|(node, spec)| {
            let t = node.evaluate(answered);
            PriorityResult {
                clause: spec.clause.clone(),
                label: spec.label.clone(),
                outcome: t.outcome,
                trace: Some(t),
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
    SubprogrammeVerdict {
        subprogramme: sub.spec.id.clone(),
        title: sub.spec.title.clone(),
        clause: sub.spec.clause.clone(),
        verdict: Verdict::from(trace.outcome),
        missing: trace.missing(),
        trace: Some(trace),
        priority,
        rate: RateResult {
            clause: sub.spec.rate.clause.clone(),
            rate,
            label: rate_label(rate),
            reading: sub.spec.rate.reading.clone(),
        },
    }
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
fn not_met(trace: &Trace, diags: &mut Vec<Diagnostic>) {
    if trace.outcome != Outcome::Fail {
        return;
    }
    for leaf in trace.decisive_leaves() {
        let Some(field) = &leaf.field else { continue };
        let message = Message::new(
            format!("この回答では{}の要件を満たさないため、応募できません。", leaf.clause),
            format!("With this answer the requirement of {} is not met, so the application is not eligible.", leaf.clause),
        );
        diags.push(Diagnostic::new(
            "requirement.not_met",
            Severity::Error,
            &**field,
            Some(&leaf.clause),
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
        let is_group = programme.questions.iter().any(|q| {
            q.id.len() > path.len()
                && q.id.starts_with(&path)
                && q.id.as_bytes()[path.len()] == b'.'
        });
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

/// Orders findings by the form's question order, then path, severity, code and message.
fn sort_diagnostics(programme: &Programme, diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| {
        let rank = |d: &Diagnostic| programme.path_rank(&d.path);
        (
            rank(a),
            &a.path,
            a.severity,
            &a.code,
            &a.clause,
            &a.message.ja,
        )
            .cmp(&(
                rank(b),
                &b.path,
                b.severity,
                &b.code,
                &b.clause,
                &b.message.ja,
            ))
    });
    diags.dedup();
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
