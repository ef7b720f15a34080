//! The answered form as the evaluation sees it: typed answers and evaluated facts, adapted to
//! what requirement trees ([`super::logic::Facts`]) and date rules ([`super::deadline::DateAnswers`])
//! ask of a form.
//!
//! Owns: how a leaf of a tree reads an answer (options that count as others, with their reading).
//! Must not know: how answers were read from JSON, or what the Report looks like.

use super::deadline::DateAnswers;
use super::logic::{Facts, Leaf, Outcome, Trace};
use crate::finding::message::Message;
use crate::pack::model::{Node, Programme};
use crate::read::answers::Answer;
use crate::text::money::Yen;
use chrono::NaiveDate;
use std::sync::Arc;

/// The answered form, as the logic sees it.
pub(crate) struct Answered<'a> {
    /// The programme.
    pub(crate) programme: &'a Programme,
    /// One answer per question.
    pub(crate) answers: Vec<Answer>,
    /// Evaluated facts, by fact index.
    pub(crate) facts: Vec<Option<Trace>>,
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

    fn fact_node(&self, fact: usize) -> Option<&Node> {
        self.programme.facts.get(fact).map(|f| &f.node)
    }

    fn fact(&self, fact: usize) -> Option<&Trace> {
        self.facts.get(fact)?.as_ref()
    }
}

impl DateAnswers for Answered<'_> {
    fn date(&self, question: &str) -> Option<NaiveDate> {
        match self.answers.get(self.programme.question_index(question)?)? {
            Answer::Date(d) => Some(*d),
            _ => None,
        }
    }

    fn amount(&self, question: &str) -> Option<Yen> {
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
