//! The pipeline: a (possibly half-filled) form + a programme + today → one [`Report`].
//!
//! Steps, in order: read every answer in form order (a question whose `asked_when` does not
//! hold is not read), flag form keys the programme does not know, evaluate facts, then for each
//! chosen sub-programme its requirement tree, priority and rate; then checks, attachments and
//! required questions; dates. Then each table's section (rows cached between keystrokes), and
//! last the figures and limits, which read everything. Findings are data in the Report; only a
//! form that is not a JSON object is an `Err`.
//!
//! Owns: the order of the steps and the assembly of the Report. Must not know: any one rule.

use super::cache::{Cache, Reading, Rest};
use super::options::Options;
use super::order::{merge_diagnostics, merge_kept, ranked};
use super::{report_format, Report, Summary};
use crate::eval::cells::TableData;
use crate::eval::change::FormChange;
use crate::eval::deadline;
use crate::eval::env::{AnswerState, Answered, Env, ReadMarks};
use crate::eval::figures;
use crate::eval::form_checks;
use crate::eval::table;
use crate::eval::table::cache::TableCache;
use crate::eval::trace::Outcome;
use crate::eval::verdicts::{self, Decisive, SubprogrammeVerdict};
use crate::finding::code::Code;
use crate::finding::diagnostic::Diagnostic;
use crate::finding::error::Error;
use crate::finding::message::Message;
use crate::finding::order::sort_ranked;
use crate::finding::shared_text::SharedText;
use crate::pack::model::{FactBody, Programme};
use crate::read::answers::{is_blank, read_answer, Answer};
use crate::read::normalised;
use crate::read::row::all_blank;
use crate::text::fiscal_year::FiscalYear;
use crate::text::form_path::Step;
use crate::text::wareki::format_wareki;
use chrono::NaiveDate;
use serde_json::{Map, Value};
use std::sync::Arc;

#[cfg(feature = "pack-json")]
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

/// The part of `form` outside the tables' sections, which the next evaluation compares with to
/// know whether the results outside the tables still hold. After one field's edit (`since`)
/// only that field's top-level entry can differ from the last key, so only it is copied again:
/// a keystroke in a long text answer no longer copies (and drops) every answer of the form.
fn rest_key(
    programme: &Programme,
    form: &Map<String, Value>,
    since: &FormChange,
    last: Option<Map<String, Value>>,
) -> Map<String, Value> {
    let edited = match since {
        FormChange::Field(path) if matches!(path.steps().first(), Some(Step::Key(_))) => {
            Some(path.root())
        }
        _ => None,
    };
    match (last, edited) {
        (Some(key), Some(root)) if programme.owns_section(root) => key,
        // An edit never takes a section out of the form (so the key has none to take out).
        (Some(mut key), Some(root)) if form.contains_key(root) || !key.contains_key(root) => {
            if let Some(v) = form.get(root) {
                key.insert(root.to_owned(), v.clone());
            }
            key
        }
        _ => form
            .iter()
            .filter(|(k, _)| !programme.owns_section(k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    }
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
    if !hit && !cache.single_use && reread_one(programme, form, today, options, &since, cache) {
        if let Some(held) = &mut cache.rest {
            let last = std::mem::take(&mut held.0);
            held.0 = rest_key(programme, object, &since, Some(last));
        }
        cache.rest_generation += 1;
    } else if !hit || cache.single_use {
        let key = if cache.single_use {
            Map::new()
        } else {
            rest_key(
                programme,
                object,
                &since,
                cache.rest.take().map(|(k, ..)| k),
            )
        };
        let readings = (!cache.single_use).then_some(&mut cache.readings);
        let computed = rest(programme, form, today, options, readings);
        cache.rest = Some((key, today, options, computed));
        cache.rest_generation += 1;
    }
    let Some((_, _, _, rest)) = &cache.rest else {
        return Err(Error::form_not_object());
    };
    let answered = Answered::new(programme, &rest.state);
    let mut tail_diags = Vec::new();
    let tables = programme.tables.len();
    let single_use = cache.single_use;
    let caches = &mut cache.tables;
    caches.resize_with(tables, || TableCache::new(single_use));
    // Each table's section, when the form has one that is asked (the figures read a table
    // without one as unknown, and one with no rows as empty).
    let sections: Vec<Option<&Value>> = programme
        .tables
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let asked = rest.state.tables_asked.get(i).copied().unwrap_or(true);
            form.get(&t.spec.path).filter(|v| {
                asked && !is_blank(Some(v)) && !(t.spec.rows.is_none() && blank_record(v))
            })
        })
        .collect();
    let mut reports = Vec::with_capacity(sections.iter().flatten().count());
    for ((t, section), table_cache) in programme
        .tables
        .iter()
        .zip(&sections)
        .zip(caches.iter_mut())
    {
        match section {
            Some(section) => reports.push(table::evaluate(
                t,
                section,
                &answered,
                &since,
                table_cache,
                &mut tail_diags,
            )),
            // No section (or one not asked): its cached rows no longer describe the form.
            None => table_cache.truncate(programme, 0),
        }
    }
    let data: Vec<Option<TableData<'_>>> = sections
        .iter()
        .zip(&cache.tables)
        .map(|(section, c)| section.map(|_| TableData::of(c)))
        .collect();
    let (figures, _) = figures::evaluate(
        programme,
        &answered,
        &data,
        &mut cache.figures,
        (!single_use).then_some(cache.rest_generation),
        &mut tail_diags,
    );
    cache.since = FormChange::Nothing;
    if let FormChange::Field(path) = since {
        cache.spare_path = Some(path);
    }
    let tail = ranked(programme, tail_diags);
    // A single-use cache gives its results up; a session's keeps them for the next edit (and
    // its tables keep their rows' findings ranked: merged from there, each copied once).
    let parts = if single_use {
        cache.rest.take().map(|(_, _, _, r)| {
            let diags = merge_diagnostics(&[r.read, r.diags, tail]);
            (diags, r.overall, r.verdicts, r.dates, r.not_asked, r.today)
        })
    } else {
        cache.rest.as_ref().map(|(_, _, _, r)| {
            let tables = cache.tables.iter().filter_map(TableCache::ranked);
            let lists = [&r.read[..], &r.diags[..]]
                .into_iter()
                .chain(tables)
                .chain(std::iter::once(&tail[..]));
            (
                merge_kept(lists),
                r.overall.clone(),
                Arc::clone(&r.verdicts),
                Arc::clone(&r.dates),
                Arc::clone(&r.not_asked),
                r.today.clone(),
            )
        })
    };
    let Some((diags, overall, verdicts, dates, not_asked, today)) = parts else {
        return Err(Error::form_not_object());
    };
    let summary = Summary::of(&diags);
    Ok(Report {
        format: report_format(),
        programme: programme.reference(),
        today,
        overall,
        verdicts,
        not_asked,
        tables: reports,
        figures,
        dates,
        diagnostics: diags,
        summary,
        normalised_form: None,
    })
}

/// After a session's edit of one question's answer that no rule read when the results outside
/// the tables were last computed, brings those results up to date by reading that question
/// alone: the answers, facts, verdicts, dates and checks computed from the others are what a
/// new computation would give, as it would read the same answers (a rule that read none of this
/// one reads none again). Only the question's own reading changes (its answer and findings).
/// Holds while the answer stays as blank as it was (the required-answer check reads every
/// answer's blankness, unmarked), and the field was in the form before (so the form's unknown
/// keys are the same). Returns whether it did; if not, nothing was changed.
fn reread_one(
    programme: &Programme,
    form: &Value,
    today: NaiveDate,
    options: Options,
    since: &FormChange,
    cache: &mut Cache,
) -> bool {
    let FormChange::Field(path) = since else {
        return false;
    };
    let Some(q) = programme.question_paths.iter().position(|p| p == path) else {
        return false;
    };
    let Some((key, t, o, rest)) = &mut cache.rest else {
        return false;
    };
    if *t != today || *o != options || rest.state.was_read(q) || path.lookup_in(key).is_none() {
        return false;
    }
    let (Some(Some(held)), Some(question)) = (cache.readings.get(q), programme.questions.get(q))
    else {
        return false;
    };
    let raw = path.lookup(form);
    let mut diags = Vec::new();
    let answer = read_answer(question, raw, &mut diags);
    let asked = rest.state.asked.get(q).copied().unwrap_or(true);
    // The reading is kept as read; the results take it as an unasked question's is taken.
    let (now, now_diags) = if unread(asked, &answer) {
        (Answer::Unanswered, &[][..])
    } else {
        (answer.clone(), &diags[..])
    };
    let Some(old) = rest.state.answers.get_mut(q) else {
        return false;
    };
    if old.is_blank() != now.is_blank() {
        return false;
    }
    let before: &[Diagnostic] = if unread(asked, &held.answer) {
        &[]
    } else {
        &held.diags
    };
    *old = now;
    rest.read.retain(|(_, d)| !before.contains(d));
    rest.read.extend(ranked(programme, now_diags.to_vec()));
    sort_ranked(&mut rest.read);
    cache.readings[q] = Some(Reading {
        raw: raw.cloned(),
        answer,
        diags,
    });
    true
}

/// Whether a question's reading is set aside: it is not asked, and its value reads as an
/// answer (an unasked question's answer is not read, and says nothing).
fn unread(asked: bool, answer: &Answer) -> bool {
    !asked && *answer != Answer::Unanswered
}

/// A record (a table without rows) whose every cell is blank: no record, as a blank row is no
/// row — and as its 様式 read back (no cell filled) gives none.
fn blank_record(section: &Value) -> bool {
    section.as_object().is_some_and(all_blank)
}

/// For each of the programme's documents (様式 as files), whether the form asks for it: its
/// `when` holds (or it has none).
#[cfg(feature = "pack-json")]
pub(crate) fn documents_asked(programme: &Programme, form: &Value) -> Vec<bool> {
    let mut diags = Vec::new();
    let mut state = read_answers(programme, form, &mut diags, None);
    evaluate_facts(programme, &mut state);
    let answered = Answered::new(programme, &state);
    let env = Env::of(&answered);
    programme
        .document_when
        .iter()
        .map(|w| w.as_ref().is_none_or(|n| n.outcome(&env) == Outcome::Pass))
        .collect()
}

/// Evaluates every fact in dependency order over the answers in `state`.
fn evaluate_facts(programme: &Programme, state: &mut AnswerState) {
    state.facts = vec![None; programme.facts.len()];
    state.fact_values = vec![None; programme.facts.len()];
    for &i in &programme.fact_order {
        let answered = Answered::new(programme, state);
        let env = Env::of(&answered);
        match &programme.facts[i].body {
            FactBody::When(node) => {
                let trace = node.evaluate(&env);
                state.facts[i] = Some(trace);
            }
            FactBody::Value(expr) => {
                let value = expr.value(&env);
                state.fact_values[i] = value;
            }
        }
    }
}

/// Reads every answer in form order; a question whose `asked_when` does not hold is not read
/// (its answer stays in the form, unread, and nothing is reported about it).
fn read_answers(
    programme: &Programme,
    form: &Value,
    diags: &mut Vec<Diagnostic>,
    mut readings: Option<&mut Vec<Option<Reading>>>,
) -> AnswerState {
    let mut state = AnswerState {
        asked: vec![true; programme.questions.len()],
        rates: vec![None; programme.subprogrammes.len()],
        value_read: ReadMarks::new(programme.questions.len()),
        ..AnswerState::default()
    };
    if let Some(held) = readings.as_deref_mut() {
        held.resize(programme.questions.len(), None);
    }
    let mut read: Vec<Vec<Diagnostic>> = Vec::with_capacity(programme.questions.len());
    for (i, (q, path)) in programme
        .questions
        .iter()
        .zip(&programme.question_paths)
        .enumerate()
    {
        let raw = path.lookup(form);
        // A session reads again only the questions whose value changed (a keystroke: one).
        let held = readings.as_deref_mut().and_then(|h| h.get_mut(i));
        if let Some(Some(r)) = held.as_deref() {
            if r.raw.as_ref() == raw {
                state.answers.push(r.answer.clone());
                read.push(r.diags.clone());
                continue;
            }
        }
        let mut own = Vec::new();
        let answer = read_answer(q, raw, &mut own);
        if let Some(held) = held {
            *held = Some(Reading {
                raw: raw.cloned(),
                answer: answer.clone(),
                diags: own.clone(),
            });
        }
        state.answers.push(answer);
        read.push(own);
    }
    let mut facts_stale = true;
    for (i, rules) in programme.question_rules.iter().enumerate() {
        let Some(when) = &rules.asked_when else {
            continue;
        };
        if facts_stale {
            evaluate_facts(programme, &mut state);
            facts_stale = false;
        }
        let asked = {
            let answered = Answered::new(programme, &state);
            when.outcome(&Env::of(&answered)) == Outcome::Pass
        };
        state.asked[i] = asked;
        if unread(asked, &state.answers[i]) {
            state.answers[i] = Answer::Unanswered;
            read[i].clear();
            facts_stale = true;
        }
    }
    diags.extend(read.into_iter().flatten());
    state
}

/// Answers, facts, verdicts, dates, checks, attachments and required answers: everything but the
/// tables' sections.
fn rest(
    programme: &Programme,
    form: &Value,
    today: NaiveDate,
    options: Options,
    readings: Option<&mut Vec<Option<Reading>>>,
) -> Rest {
    let mut read = Vec::new();
    let mut state = read_answers(programme, form, &mut read, readings);
    let mut diags = Vec::new();
    form_checks::unknown_fields(programme, form, &mut diags);
    evaluate_facts(programme, &mut state);
    state.selected = {
        let answered = Answered::new(programme, &state);
        form_checks::selected_subprogrammes(programme, &answered, &mut diags)
    };
    state.rates = {
        let answered = Answered::new(programme, &state);
        programme
            .subprogrammes
            .iter()
            .map(|s| verdicts::rate_of(s, &Env::of(&answered)))
            .collect()
    };
    state.tables_asked = {
        let answered = Answered::new(programme, &state);
        let env = Env::of(&answered);
        programme
            .tables
            .iter()
            .map(|t| {
                t.asked_when
                    .as_ref()
                    .is_none_or(|n| n.outcome(&env) == Outcome::Pass)
            })
            .collect()
    };
    let judged: Vec<(SubprogrammeVerdict, Vec<Decisive>)> = {
        let answered = Answered::new(programme, &state);
        programme
            .subprogrammes
            .iter()
            .filter(|s| {
                state
                    .selected
                    .as_ref()
                    .is_some_and(|ids| ids.iter().any(|id| *id == s.spec.id))
            })
            .map(|s| {
                let (v, d, _) = verdicts::subprogramme_verdict(s, &answered, options.trace);
                (v, d)
            })
            .collect()
    };
    let mut verdicts = Vec::with_capacity(judged.len());
    for (v, decisive) in judged {
        verdicts::not_met(&decisive, &mut diags);
        verdicts.push(v);
    }
    let overall = verdicts::overall(programme, state.selected.as_deref(), &verdicts);
    let answered = Answered::new(programme, &state);
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
    form_checks::required(programme, &answered, state.selected.as_deref(), &mut diags);
    let not_asked = programme
        .questions
        .iter()
        .zip(&state.asked)
        .filter(|(_, asked)| !**asked)
        .map(|(q, _)| q.id.clone())
        .chain(
            programme
                .tables
                .iter()
                .zip(&state.tables_asked)
                .filter(|(_, asked)| !**asked)
                .map(|(t, _)| t.spec.path.clone()),
        )
        .collect();
    Rest {
        read: ranked(programme, read),
        diags: ranked(programme, diags),
        overall,
        verdicts: verdicts.into(),
        dates: dates.into(),
        not_asked,
        today: SharedText::from(today.to_string()),
        state,
    }
}
