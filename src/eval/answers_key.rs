//! What a result computed from the answers depends on, kept beside it between evaluations of one
//! form (a session): the chosen sub-programmes, the rates, and the answer to each question it
//! reads (directly, through facts or through dates) with whether that question is asked. A
//! table's rows and the figures keep one each; while it holds, they are not computed again.
//!
//! Owns: that key and its comparison. Must not know: which questions a tree reads (the pack's
//! `question_reads`) or what is computed under the key.

use crate::eval::env::Answered;
use crate::finding::shared_text::SharedText;
use crate::pack::expr::RateValue;
use crate::read::answers::Answer;

/// The answers a cached result was computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AnswersKey {
    selected: Option<Vec<SharedText>>,
    rates: Vec<Option<RateValue>>,
    /// Per question read, in the order given: its answer, and whether it is asked.
    answers: Vec<(Answer, bool)>,
}

/// Question `q`'s answer and whether it is asked, in the answered form.
fn answer_of<'a>(base: &Answered<'a>, q: usize) -> (&'a Answer, bool) {
    let state = base.state;
    (
        state.answers.get(q).unwrap_or(&Answer::Unanswered),
        state.asked.get(q).copied().unwrap_or(true),
    )
}

impl AnswersKey {
    /// The key of a result reading `questions` in the answered form.
    pub(crate) fn of(questions: &[usize], base: &Answered<'_>) -> Self {
        Self {
            selected: base.state.selected.clone(),
            rates: base.state.rates.clone(),
            answers: questions
                .iter()
                .map(|&q| {
                    let (answer, asked) = answer_of(base, q);
                    (answer.clone(), asked)
                })
                .collect(),
        }
    }

    /// Whether this is the key of a result reading `questions` in the answered form
    /// ([`AnswersKey::of`] without copying anything).
    pub(crate) fn is_of(&self, questions: &[usize], base: &Answered<'_>) -> bool {
        self.selected == base.state.selected
            && self.rates == base.state.rates
            && self.answers.len() == questions.len()
            && questions
                .iter()
                .zip(&self.answers)
                .all(|(&q, (a, asked))| answer_of(base, q) == (a, *asked))
    }
}
