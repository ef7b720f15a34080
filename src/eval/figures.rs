//! Figures and limits: the amounts a pack declares (補助金額, 上限額, 加算金), each computed
//! exactly with its formula written out in words and in numbers, and the limits between them
//! (a category's sum ≤ 1/4 of the subsidy), each a finding when broken.
//!
//! Owns: the figures part of the Report and limit findings. Must not know: how tables are read.

use super::answers_key::AnswersKey;
use super::cells::TableData;
use super::env::{Answered, Env, TailView};
use super::formula::{named_formula, symbolic_is_fixed, worked_formula};
use super::logic::{date_of_day, money_figure, UNKNOWN};
use super::template::{raise, Values};
use super::trace::Outcome;
use crate::finding::diagnostic::Diagnostic;
use crate::finding::message::Message;
use crate::finding::shared_text::SharedText;
use crate::pack::expr::{Kind, NodeKind, Op};
use crate::pack::model::{Limit, Programme};
use crate::text::amount_field::FieldUnit;
use crate::text::exact::Exact;
use crate::text::figure::Figure;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// A computed figure with the formula and the numbers that made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FigureReport {
    /// Its id in the pack.
    pub id: SharedText,
    /// What it is (補助金額).
    pub label: Message,
    /// The clause that defines it.
    pub clause: SharedText,
    /// Its value, absent while an input is unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Figure>,
    /// How it is computed, in words (`補助金額 = min(⌊補助対象経費 × 補助率⌋, 補助上限額)`).
    pub formula: Message,
    /// The same with the numbers (`補助金額 = min(⌊600,000円 × 2/3⌋, 500,000円) = 400,000円`).
    pub worked: Message,
    /// A value below zero in words, where the pack says how (「上限を730千円超えています」).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said: Option<Message>,
    /// Unanswered questions it waits for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// The reading chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Message>,
}

/// What a figure's formula in words is known to be, from an earlier evaluation of the same form.
#[derive(Debug, Clone, Default)]
enum Written {
    /// Not written yet.
    #[default]
    Unknown,
    /// It depends on the answers (a `choose`): written on each evaluation.
    Varies,
    /// The same words whatever the answers.
    Fixed(Message),
}

/// A figure as last computed (under the cache's [`AnswersKey`]), with what it read then.
#[derive(Debug, Clone)]
struct Computed {
    /// What it read from the tables and the figures before it ([`tail_inputs`]).
    inputs: Vec<Option<Exact>>,
    value: Option<Exact>,
    report: Arc<FigureReport>,
}

/// What the figures keep between evaluations of one form (a session): formulas in words that no
/// answer changes, and each figure as last computed and each limit as last checked — used again
/// while the answers the figures and limits read and what each reads from the tables stay the
/// same (a keystroke in a row that leaves its sums as they were, or in an answer none reads).
#[derive(Debug, Clone, Default)]
pub(crate) struct FigureCache {
    formulas: Vec<Written>,
    /// The answers the figures in `computed` were computed from, and the computation of the
    /// answers ([`crate::report::cache::Cache`]'s rest generation) it last held for.
    key: Option<(AnswersKey, u64)>,
    computed: Vec<Option<Computed>>,
    /// The inputs of the figure being computed (kept, so that a figure used again allocates none).
    inputs: Vec<Option<Exact>>,
    /// Per limit, as last checked under `key`.
    checked: Vec<Option<Checked>>,
}

/// A limit as last checked: the figures' values and what it read from the tables and figures
/// then ([`tail_inputs`]), and its finding (none when it held).
#[derive(Debug, Clone)]
struct Checked {
    inputs: Vec<Option<Exact>>,
    found: Option<Diagnostic>,
}

impl FigureCache {
    /// Keeps the computed figures while the answers they read are the same as when they were
    /// computed (compared only when the answers were computed again, `generation`), else
    /// forgets them.
    fn enter(&mut self, programme: &Programme, base: &Answered<'_>, generation: u64) {
        let questions = programme.tail_questions();
        match &mut self.key {
            Some((_, g)) if *g == generation => {}
            Some((key, g)) if key.is_of(questions, base) => *g = generation,
            _ => {
                self.key = Some((AnswersKey::of(questions, base), generation));
                self.computed.clear();
                self.checked.clear();
            }
        }
    }

    /// Figure `i`'s formula in words (`補助金額 = min(…)`).
    fn formula(&mut self, i: usize, f: &crate::pack::model::Figure, env: &Env<'_>) -> Message {
        if self.formulas.len() <= i {
            self.formulas.resize(i + 1, Written::Unknown);
        }
        if let Written::Fixed(m) = &self.formulas[i] {
            return m.clone();
        }
        let m = named_formula(&f.spec.label, &f.value, env);
        if matches!(self.formulas[i], Written::Unknown) {
            self.formulas[i] = if symbolic_is_fixed(&f.value) {
                Written::Fixed(m.clone())
            } else {
                Written::Varies
            };
        }
        m
    }

    /// Figure `i` as last computed, if it read the same values from the tables and figures as
    /// it reads in `env` now (which are read here, for [`FigureCache::keep`]); the answers it
    /// read are the same ([`FigureCache::enter`]).
    fn unchanged(
        &mut self,
        i: usize,
        f: &crate::pack::model::Figure,
        env: &Env<'_>,
    ) -> Option<(Option<Exact>, Arc<FigureReport>)> {
        tail_inputs(&[], f.reads(), env, &mut self.inputs);
        let kept = self.computed.get(i)?.as_ref()?;
        (kept.inputs == self.inputs).then(|| (kept.value, Arc::clone(&kept.report)))
    }

    /// Limit `i` as last checked, if it read the same values (every figure's, `figures`,
    /// and what it reads from the tables and figures in `env`, read here for
    /// [`FigureCache::keep_check`]); the answers it read are the same ([`FigureCache::enter`]).
    fn unchanged_check(
        &mut self,
        i: usize,
        l: &Limit,
        figures: &[Option<Exact>],
        env: &Env<'_>,
    ) -> Option<&Checked> {
        tail_inputs(figures, l.reads(), env, &mut self.inputs);
        let kept = self.checked.get(i)?.as_ref()?;
        (kept.inputs == self.inputs).then_some(kept)
    }

    /// Keeps limit `i`'s finding as checked from the inputs [`FigureCache::unchanged_check`]
    /// last read.
    fn keep_check(&mut self, i: usize, found: Option<Diagnostic>) {
        if self.checked.len() <= i {
            self.checked.resize(i + 1, None);
        }
        let inputs = std::mem::take(&mut self.inputs);
        self.checked[i] = Some(Checked { inputs, found });
    }

    /// Keeps figure `i` as computed from the inputs [`FigureCache::unchanged`] last read.
    fn keep(&mut self, i: usize, value: Option<Exact>, report: &Arc<FigureReport>) {
        if self.computed.len() <= i {
            self.computed.resize(i + 1, None);
        }
        let inputs = std::mem::take(&mut self.inputs);
        self.computed[i] = Some(Computed {
            inputs,
            value,
            report: Arc::clone(report),
        });
    }
}

/// What a figure or a limit read from the tables and the figures, into `out`: the values of
/// `before` (a limit's words may name any figure: every figure's value), then each of `reads`
/// ([`crate::pack::model::Figure::reads`], [`crate::pack::model::Limit::reads`]) in `env`.
fn tail_inputs(
    before: &[Option<Exact>],
    reads: &[Op],
    env: &Env<'_>,
    out: &mut Vec<Option<Exact>>,
) {
    out.clear();
    out.extend_from_slice(before);
    out.extend(reads.iter().map(|op| env.leaf(op)));
}

/// A figure's value as the Report shows it.
fn figure_of(kind: Kind, unit: FieldUnit, suffix: &str, value: Exact) -> Option<Figure> {
    match kind {
        Kind::Money => money_figure(value, unit),
        Kind::Date => date_of_day(value).map(Figure::date),
        Kind::Number | Kind::Error => Some(Figure::number(value.to_string(), suffix)),
    }
}

/// A value of a pack's figure as shown: in its unit (yen by default), with its suffix.
fn shown(f: &crate::pack::model::Figure, value: Exact) -> Option<Figure> {
    let suffix = f
        .spec
        .suffix
        .as_ref()
        .map(|s| s.ja.to_string())
        .unwrap_or_default();
    figure_of(
        f.value.kind,
        f.spec.unit.unwrap_or(FieldUnit::Yen),
        &suffix,
        value,
    )
}

/// Computes every figure (in the pack's order) and checks every limit; `cache` keeps the
/// formulas in words and, given the `generation` of the answers (a session), each figure as
/// computed, for the next evaluation of the same form.
pub(crate) fn evaluate(
    programme: &Programme,
    base: &Answered<'_>,
    tables: &[Option<TableData<'_>>],
    cache: &mut FigureCache,
    generation: Option<u64>,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Arc<FigureReport>>, Vec<Option<Exact>>) {
    let mut values: Vec<Option<Exact>> = Vec::with_capacity(programme.figures.len());
    let mut out = Vec::with_capacity(programme.figures.len());
    if let Some(g) = generation {
        cache.enter(programme, base, g);
    }
    for (i, f) in programme.figures.iter().enumerate() {
        let env = Env::tail(
            base,
            TailView {
                figures: &values,
                tables,
            },
        );
        if let Some((value, report)) = generation.and_then(|_| cache.unchanged(i, f, &env)) {
            out.push(report);
            values.push(value);
            continue;
        }
        let value = f.value.value(&env);
        let formula = cache.formula(i, f, &env);
        let shown_value = value.and_then(|v| shown(f, v));
        let said = match (value, &f.spec.negative) {
            (Some(v), Some(words)) if v.is_negative() => {
                let size = Exact::ZERO
                    .checked_sub(v)
                    .and_then(|x| shown(f, x))
                    .map(|x| x.display().to_owned())
                    .unwrap_or_default();
                Some(Message::new(
                    words.ja.replace("{value}", &size),
                    words.en.replace("{value}", &size),
                ))
            }
            _ => None,
        };
        // The result as the worked formula ends with it, in Japanese and English.
        let suffixed;
        let result: (&str, &str) = match (&said, &shown_value, &f.spec.suffix) {
            (Some(said), _, _) => (&said.ja, &said.en),
            (None, None, _) => UNKNOWN,
            (None, Some(v), Some(suffix)) => {
                suffixed = format!("{}{}", v.value(), suffix.en);
                (v.display(), &suffixed)
            }
            (None, Some(v), None) => (v.display(), v.display()),
        };
        let worked = worked_formula(&f.spec.label, &f.value, &env, result);
        let mut missing = Vec::new();
        f.value.missing(&env, &mut missing);
        let (id, clause) = f.names();
        let report = Arc::new(FigureReport {
            id,
            label: f.spec.label.clone(),
            clause,
            value: shown_value,
            formula,
            worked,
            said,
            missing,
            reading: f.spec.reading.clone(),
        });
        if generation.is_some() {
            cache.keep(i, value, &report);
        }
        out.push(report);
        values.push(value);
    }
    let env = Env::tail(
        base,
        TailView {
            figures: &values,
            tables,
        },
    );
    let lookup = |name: &str, _ja: bool| -> Option<String> {
        let id = name.strip_prefix("figure:")?;
        let i = programme.figures.iter().position(|f| f.spec.id == id)?;
        let v = values.get(i).copied().flatten()?;
        shown(&programme.figures[i], v).map(|x| x.display().to_owned())
    };
    for (i, l) in programme.limits.iter().enumerate() {
        // A session checks a limit again only when what it reads changed.
        if let Some(kept) = generation.and_then(|_| cache.unchanged_check(i, l, &values, &env)) {
            diags.extend(kept.found.iter().cloned());
            continue;
        }
        let on = l.when.as_ref().map_or(Outcome::Pass, |n| n.outcome(&env));
        let found = (on == Outcome::Pass && l.assert.outcome(&env) == Outcome::Fail).then(|| {
            let values = match &l.assert.kind {
                NodeKind::Compare(c) => Values::new().with_comparison(c, &env),
                _ => Values::new(),
            };
            raise(&l.spec.finding, &l.spec.path, &values, &lookup)
        });
        if generation.is_some() {
            cache.keep_check(i, found.clone());
        }
        diags.extend(found);
    }
    (out, values)
}
