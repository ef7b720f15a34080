//! The pipeline: a (possibly half-filled) form + a programme + today → one [`Report`].
//!
//! Steps, in order: read every answer (diagnostics for unreadable values), flag form keys the
//! programme does not know, evaluate facts, then for each chosen sub-programme its requirement
//! tree, priority and rate; then checks, attachments and required questions; dates; then the
//! budget sections. Findings are data in the Report; only a form that is not a JSON object is
//! an `Err`.
//!
//! Owns: the order of the steps and the assembly of the Report. Must not know: any one rule.

use super::cache::{BudgetInputs, Cache, Rest};
use super::options::Options;
use super::order::{merge_diagnostics, ranked};
use super::{ProgrammeRef, Report, Summary, REPORT_FORMAT};
use crate::eval::answered::Answered;
use crate::eval::budget::advance::{self, AdvanceFigures};
use crate::eval::budget::tax_report::{self, TaxReportFigures};
use crate::eval::budget::{self, BudgetReport, Context as BudgetContext, RowCache};
use crate::eval::change::FormChange;
use crate::eval::deadline;
use crate::eval::form_checks;
use crate::eval::logic::Outcome;
use crate::eval::verdicts::{self, Decisive, SubprogrammeVerdict};
use crate::finding::code::Code;
use crate::finding::diagnostic::Diagnostic;
use crate::finding::error::Error;
use crate::finding::message::Message;
use crate::pack::model::Programme;
use crate::read::answers::{is_blank, read_answer, Answer};
use crate::read::normalised;
use crate::text::fiscal_year::FiscalYear;
use crate::text::wareki::format_wareki;
use chrono::NaiveDate;
use serde_json::{Map, Value};

/// Checks `form` against `programme` as of `today`, with traces.
pub(crate) fn evaluate(
    programme: &Programme,
    form: &Value,
    today: NaiveDate,
) -> Result<Report, Error> {
    evaluate_with(programme, form, today, Options::default())
}

/// Checks `form` against `programme` as of `today`.
pub(crate) fn evaluate_with(
    programme: &Programme,
    form: &Value,
    today: NaiveDate,
    options: Options,
) -> Result<Report, Error> {
    evaluate_cached(programme, form, today, options, &mut Cache::single_use())
}

/// Whether `form`, its sections aside, equals `rest` (the same form without sections).
fn same_rest(programme: &Programme, form: &Map<String, Value>, rest: &Map<String, Value>) -> bool {
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
pub(crate) fn evaluate_cached(
    programme: &Programme,
    form: &Value,
    today: NaiveDate,
    options: Options,
    cache: &mut Cache,
) -> Result<Report, Error> {
    let Some(object) = form.as_object() else {
        return Err(Error::form_not_object());
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
        let (report, rewrites) = normalised::capture(|| {
            evaluate_cached(programme, form, today, plain, &mut Cache::single_use())
        });
        return report.map(|mut r| {
            r.normalised_form = Some(normalised::apply(form, &rewrites));
            r
        });
    }
    let since = std::mem::take(&mut cache.since);
    let hit = matches!(&cache.rest, Some((r, t, o, _)) if *t == today && *o == options && (since.leaves_rest(programme) || same_rest(programme, object, r)));
    if !hit || cache.single_use {
        let key: Map<String, Value> = if cache.single_use {
            Map::new()
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
        return Err(Error::form_not_object());
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
        .zip(&programme.question_paths)
        .map(|(q, path)| read_answer(q, path.lookup(form), &mut diags))
        .collect();
    form_checks::unknown_fields(programme, form, &mut diags);

    let mut answered = Answered {
        programme,
        answers,
        facts: vec![None; programme.facts.len()],
    };
    for &i in &programme.fact_order {
        let trace = programme.facts[i].node.evaluate(&answered);
        answered.facts[i] = Some(trace);
    }

    let selected = form_checks::selected_subprogrammes(programme, &answered, &mut diags);
    let judged: Vec<(SubprogrammeVerdict, Vec<Decisive>)> = programme
        .subprogrammes
        .iter()
        .filter(|s| {
            selected
                .as_ref()
                .is_some_and(|ids| ids.contains(&s.spec.id))
        })
        .map(|s| verdicts::subprogramme_verdict(s, &answered, options.trace))
        .collect();
    let mut verdicts = Vec::with_capacity(judged.len());
    for (v, decisive) in judged {
        verdicts::not_met(&decisive, &mut diags);
        verdicts.push(v);
    }
    let overall = verdicts::overall(programme, selected.as_ref(), &verdicts);
    let budget = budget_inputs(programme, &answered, selected.as_deref(), &verdicts);
    let fiscal_year = FiscalYear::starting(programme.spec.fiscal_year);
    let dates = deadline::compute(
        &programme.spec.dates,
        fiscal_year,
        today,
        &answered,
        &mut diags,
    );
    deadline::check_limits(
        &programme.spec.date_limits,
        fiscal_year,
        &answered,
        &mut diags,
    );
    let additional_charge = programme
        .spec
        .additional_charge
        .as_ref()
        .and_then(|c| deadline::additional_charge(c, &answered, &mut diags));
    if today < programme.valid_from || today > programme.valid_until {
        diags.push(Diagnostic::new(
            Code::ProgrammeOutsideValidity,
            "",
            None,
            Message::new(
                format!(
                    "この規則は{}（{}〜{}）のものです。本日（{}）はその期間外です。",
                    fiscal_year,
                    format_wareki(programme.valid_from),
                    format_wareki(programme.valid_until),
                    format_wareki(today)
                ),
                format!(
                    "These rules are for {} ({} to {}); today ({today}) is outside that period.",
                    programme.spec.title.en, programme.valid_from, programme.valid_until
                ),
            ),
        ));
    }
    form_checks::run_checks(programme, &answered, &mut diags);
    form_checks::attachments(programme, &answered, &mut diags);
    form_checks::required(programme, &answered, selected.as_deref(), &mut diags);
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
    rows: &mut RowCache,
    diags: &mut Vec<Diagnostic>,
) -> (
    Option<BudgetReport>,
    Option<TaxReportFigures>,
    Option<AdvanceFigures>,
) {
    let section = |key: &str| form.get(key).filter(|v| !is_blank(Some(v)));
    let budget = programme.budget.as_ref().and_then(|b| {
        let value = section(&b.spec.path)?;
        let ctx = BudgetContext {
            selected: &inputs.selected,
            rate: inputs.rate,
            rate_clause: inputs.rate_clause.as_deref(),
            period_start: inputs.period_start,
            tax_remark_required: inputs.tax_remark_required,
        };
        Some(budget::evaluate(b, value, &ctx, since, rows, diags))
    });
    if budget.is_none() {
        // No table: its cached rows no longer describe the form.
        rows.truncate(0);
    }
    let tax_report = programme
        .spec
        .tax_report
        .as_ref()
        .and_then(|t| Some(tax_report::evaluate(t, section(&t.path)?, diags)));
    let titles: Vec<String> = programme
        .subprogrammes
        .iter()
        .map(|s| s.spec.title.ja.to_string())
        .collect();
    let advance = programme
        .spec
        .advance_payment
        .as_ref()
        .and_then(|a| Some(advance::evaluate(a, section(&a.path)?, &titles, diags)));
    (budget, tax_report, advance)
}
