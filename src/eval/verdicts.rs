//! Verdicts: each chosen sub-programme's requirement tree, priority and rate; the overall verdict;
//! and a `requirement.not_met` finding at each answer that decided a failure.
//!
//! Owns: the verdict parts of the Report. Must not know: how answers were read, or the rest of
//! the Report.

use super::env::{Answered, Env};
use super::trace::{Outcome, Trace};
use crate::finding::code::Code;
use crate::finding::diagnostic::Diagnostic;
use crate::finding::message::Message;
use crate::finding::shared_text::SharedText;
use crate::finding::verdict::Verdict;
use crate::pack::expr::RateValue;
use crate::pack::model::{Programme, Subprogramme};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

impl From<Outcome> for Verdict {
    fn from(o: Outcome) -> Self {
        match o {
            Outcome::Pass => Verdict::Eligible,
            Outcome::Fail => Verdict::Ineligible,
            Outcome::Unknown => Verdict::Incomplete,
        }
    }
}

/// The verdict over the whole application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Overall {
    /// Eligible when every chosen sub-programme is.
    pub verdict: Verdict,
    /// Unanswered questions that could change it, in form order.
    // Shared with the session's cache: a Report made from the same answers copies no ids.
    pub missing: Arc<[String]>,
}

/// Priority adoption (優先的に採択) for a sub-programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PriorityResult {
    /// The clause.
    pub clause: String,
    /// What it says.
    pub label: Message,
    /// Whether it applies.
    pub outcome: Outcome,
    /// Why (absent when the caller asked for no traces).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<Trace>,
}

/// The subsidy rate that applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RateResult {
    /// The clause.
    pub clause: String,
    /// The rate — `fixed` (定額), `none` (the document states none) or a fraction such as
    /// `1/2`, `2/3` — or absent while the answer that decides it is missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<String>,
    /// The rate in words (`定額`, `1/2以内`, `未定`).
    pub label: Message,
    /// The reading chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Message>,
}

/// The verdict for one sub-programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SubprogrammeVerdict {
    /// The sub-programme id.
    pub subprogramme: String,
    /// Its title.
    pub title: Message,
    /// Its clause.
    pub clause: String,
    /// The verdict.
    pub verdict: Verdict,
    /// Unanswered questions that could change it.
    pub missing: Vec<String>,
    /// Every requirement node with its clause and outcome (absent when the caller asked for no
    /// traces, e.g. the widget on each keystroke; it asks again when "why" is opened).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<Trace>,
    /// Priority adoption, where the programme has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<PriorityResult>,
    /// The rate.
    pub rate: RateResult,
}

/// A question that decided a failed requirement: its field and the clause it failed.
pub(crate) type Decisive = (Arc<str>, Arc<str>);

/// A sub-programme's verdict, and the `(field, clause)` of each question that decided a failure.
/// `trace` says whether the verdict carries its trace trees.
pub(crate) fn subprogramme_verdict(
    sub: &Subprogramme,
    answered: &Answered<'_>,
    trace: bool,
) -> (SubprogrammeVerdict, Vec<Decisive>, Option<RateValue>) {
    let answered = &Env::of(answered);
    // With traces, the trace explains everything; without, the same answers come straight from
    // the tree (no trace is built only to be dropped).
    let (outcome, missing, decisive, tree) = if trace {
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
            let t = trace.then(|| node.evaluate(answered));
            PriorityResult {
                clause: spec.clause.clone(),
                label: spec.label.clone(),
                outcome: t
                    .as_ref()
                    .map_or_else(|| node.outcome(answered), |t| t.outcome),
                trace: t,
            }
        });
    let rate = answered
        .base
        .programme
        .subprogramme_index(&sub.spec.id)
        .and_then(|i| answered.base.state.rates.get(i).copied().flatten());
    let verdict = SubprogrammeVerdict {
        subprogramme: sub.spec.id.clone(),
        title: sub.spec.title.clone(),
        clause: sub.spec.clause.clone(),
        verdict: Verdict::from(outcome),
        missing,
        trace: tree,
        priority,
        rate: RateResult {
            clause: sub.spec.rate.clause.clone(),
            rate: rate.map(RateValue::code),
            label: rate.map_or_else(
                || Message::new("未定（回答待ち）", "undetermined (answer pending)"),
                RateValue::label,
            ),
            reading: sub.spec.rate.reading.clone(),
        },
    };
    (verdict, decisive, rate)
}

/// The rate that applies: the first case whose condition holds, else the default; undecided
/// while a case before the one that holds is unknown.
pub(crate) fn rate_of(sub: &Subprogramme, env: &Env<'_>) -> Option<RateValue> {
    for (when, rate) in &sub.rate_cases {
        match when.outcome(env) {
            Outcome::Pass => return Some(*rate),
            Outcome::Unknown => return None,
            Outcome::Fail => {}
        }
    }
    Some(sub.rate)
}

/// The verdict over the chosen sub-programmes (incomplete while none is chosen).
pub(crate) fn overall(
    programme: &Programme,
    selected: Option<&[SharedText]>,
    verdicts: &[SubprogrammeVerdict],
) -> Overall {
    if selected.is_none() {
        return Overall {
            verdict: Verdict::Incomplete,
            missing: Arc::new([programme.spec.selection.path.clone()]),
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
        missing: missing.into(),
    }
}

/// A `requirement.not_met` error at each question that decided a failed requirement.
pub(crate) fn not_met(decisive: &[Decisive], diags: &mut Vec<Diagnostic>) {
    for (field, clause) in decisive {
        let message = Message::new(
            format!("この回答では{clause}の要件を満たさないため、応募できません。"),
            format!("With this answer the requirement of {clause} is not met, so the application is not eligible."),
        );
        diags.push(Diagnostic::new(
            Code::RequirementNotMet,
            &**field,
            Some(clause),
            message,
        ));
    }
}
