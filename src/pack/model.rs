//! The runnable programme: a checked rule pack with its references resolved, its trees and
//! expressions compiled and its tables made ready to read. Built by [`super::compile`]; read by
//! the readers and the evaluation above.
//!
//! Owns: the compiled shape of a programme and the lookups the evaluation needs (question by id,
//! option kinds, where a path sorts). Must not know: how a tree is evaluated or a form read.

use super::expr::{Expr, Node, Op, RateValue};
use super::reference::{ProgrammeRef, ENGINE};
use super::spec::{
    AttachmentSpec, CheckSpec, FigureSpec, LimitSpec, OptionSpec, PackSpec, QuestionSpec,
    SubprogrammeSpec,
};
use super::table::Table;
use crate::finding::diagnostic::Diagnostic;
use crate::finding::shared_text::{SharedPair, SharedText};
use crate::text::fiscal_year::FiscalYear;
use crate::text::form_path::FormPath;
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Arc, OnceLock};

/// A fact ready to evaluate: a condition or a value.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone)]
pub(crate) struct Fact {
    /// What it is.
    pub(crate) body: FactBody,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(Fact { body });

/// A fact's body.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone)]
pub(crate) enum FactBody {
    /// A named condition.
    When(Node),
    /// A named number or amount.
    Value(Expr),
}

#[rustfmt::skip]
crate::pack::decode::decode_enum!(FactBody, Same { When(_), Value(_) });

/// A sub-programme ready to evaluate.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone)]
pub(crate) struct Subprogramme {
    /// As written in the pack.
    pub(crate) spec: SubprogrammeSpec,
    /// Its requirement tree.
    pub(crate) requirement: Node,
    /// Its priority tree.
    pub(crate) priority: Option<Node>,
    /// The rate when no case holds.
    pub(crate) rate: RateValue,
    /// Other rates and when each applies, first match wins.
    pub(crate) rate_cases: Vec<(Node, RateValue)>,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(Subprogramme { spec, requirement, priority, rate, rate_cases });

/// A check ready to evaluate.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone)]
pub(crate) struct Check {
    /// As written.
    pub(crate) spec: CheckSpec,
    /// When it fires.
    pub(crate) when: Node,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(Check { spec, when });

/// An attachment rule ready to evaluate.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone)]
pub(crate) struct Attachment {
    /// As written.
    pub(crate) spec: AttachmentSpec,
    /// When it is required (always when `None`).
    pub(crate) required_when: Option<Node>,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(Attachment { spec, required_when });

/// A figure ready to compute.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone)]
pub(crate) struct Figure {
    /// As written.
    pub(crate) spec: FigureSpec,
    /// Its value.
    pub(crate) value: Expr,
    /// Its id and clause as every Report copies them: made on first use, then shared.
    #[cfg_attr(feature = "pack-json", serde(skip))]
    pub(crate) names: SharedPair,
    /// What its value reads from the tables and the figures before it: made on first use.
    #[cfg_attr(feature = "pack-json", serde(skip))]
    pub(crate) reads: OnceLock<Box<[Op]>>,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(Figure { spec, value; names, reads });

impl Figure {
    /// Its id and clause, shared with every Report.
    pub(crate) fn names(&self) -> (SharedText, SharedText) {
        self.names.get(&self.spec.id, &self.spec.clause)
    }

    /// Each `column_sum`, `field` and `figure` under its value, in order: with the answers,
    /// facts and rates, all its value and words depend on (the pack compiler lets only figures
    /// and limits read the tables and the figures, so no fact or answer does). Collected once,
    /// not walked again on every keystroke.
    pub(crate) fn reads(&self) -> &[Op] {
        self.reads.get_or_init(|| {
            let mut reads = Vec::new();
            tail_reads(&self.value, &mut reads);
            reads.into()
        })
    }
}

/// Adds each `column_sum`, `field` and `figure` under `expr` to `reads`, in order.
fn tail_reads(expr: &Expr, reads: &mut Vec<Op>) {
    expr.visit(&mut |x| {
        if matches!(x.op, Op::ColumnSum(_) | Op::Field { .. } | Op::Figure(_)) {
            reads.push(x.op.clone());
        }
    });
}

/// A limit ready to check.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone)]
pub(crate) struct Limit {
    /// As written.
    pub(crate) spec: LimitSpec,
    /// When it is checked.
    pub(crate) when: Option<Node>,
    /// What must hold.
    pub(crate) assert: Node,
    /// What it reads from the tables and the figures: made on first use.
    #[cfg_attr(feature = "pack-json", serde(skip))]
    pub(crate) reads: OnceLock<Box<[Op]>>,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(Limit { spec, when, assert; reads });

impl Limit {
    /// Each `column_sum`, `field` and `figure` its condition and its assertion read (repeats
    /// kept): with the answers, facts and rates, all its finding depends on but the figures its
    /// words name. Collected once, not walked again on every keystroke.
    pub(crate) fn reads(&self) -> &[Op] {
        self.reads.get_or_init(|| {
            let mut reads = Vec::new();
            for node in self.when.iter().chain(std::iter::once(&self.assert)) {
                node.visit(&mut |n| n.visit_exprs(&mut |e| tail_reads(e, &mut reads)));
            }
            reads.into()
        })
    }
}

/// When a question is asked and required.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone, Default)]
pub(crate) struct QuestionRules {
    /// Asked only when this holds.
    pub(crate) asked_when: Option<Node>,
    /// Required when this holds (besides `required: true`).
    pub(crate) required_when: Option<Node>,
    /// The finding that it is required and left blank: its texts come from the pack alone, so
    /// it is made on first use and shared by every Report after (made afresh, it was two
    /// `format!` calls and six allocations a finding, four findings on the half-filled bench form).
    #[cfg_attr(feature = "pack-json", serde(skip))]
    pub(crate) unanswered: OnceLock<Diagnostic>,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(QuestionRules { asked_when, required_when; unanswered });

/// A checked, runnable rule pack.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone)]
pub struct Programme {
    /// The pack as written.
    pub(crate) spec: PackSpec,
    /// Every question: the selection, the pack's own questions, then the attachment list.
    pub(crate) questions: Vec<QuestionSpec>,
    /// Per question: when it is asked and required.
    pub(crate) question_rules: Vec<QuestionRules>,
    /// The questions' ids (form paths), shared with the traces that name them.
    pub(crate) question_ids: Vec<Arc<str>>,
    /// The questions' ids as parsed paths (for reading the form).
    pub(crate) question_paths: Vec<FormPath>,
    /// Every proper prefix of a question id (`applicant`, `budget`): the form's groups.
    #[cfg_attr(feature = "pack-json", serde(with = "wire::sorted_set"))]
    pub(crate) groups: HashSet<String>,
    /// Question id → index, sorted by id.
    pub(crate) index: Vec<(String, usize)>,
    /// Facts, by their index in the pack.
    pub(crate) facts: Vec<Fact>,
    /// The order to evaluate facts in (dependencies first).
    pub(crate) fact_order: Vec<usize>,
    /// The sub-programmes.
    pub(crate) subprogrammes: Vec<Subprogramme>,
    /// The checks.
    pub(crate) checks: Vec<Check>,
    /// The attachment rules.
    pub(crate) attachments: Vec<Attachment>,
    /// The tables.
    pub(crate) tables: Vec<Table>,
    /// The figures, in the order they are computed (the pack's order).
    pub(crate) figures: Vec<Figure>,
    /// The limits.
    pub(crate) limits: Vec<Limit>,
    /// The index of the selection question.
    pub(crate) selection_question: usize,
    /// The index of the attachments question.
    pub(crate) attachments_question: Option<usize>,
    /// First day the pack applies.
    #[cfg_attr(feature = "pack-json", serde(with = "wire::day"))]
    pub(crate) valid_from: NaiveDate,
    /// Last day the pack applies.
    #[cfg_attr(feature = "pack-json", serde(with = "wire::day"))]
    pub(crate) valid_until: NaiveDate,
    /// Top-level form sections the tables read (`budget`, `tax_report`, `advance`), in order.
    pub(crate) sections: Vec<String>,
    /// For each (question, option value): the option values it counts as, itself included.
    #[cfg_attr(feature = "pack-json", serde(with = "wire::sorted_pairs"))]
    pub(crate) counts_as: HashMap<(usize, String), Vec<String>>,
    /// A fingerprint of the pack as read (FNV-1a of its JSON), for drafts saved under a version.
    pub(crate) version: String,
    /// Per document (様式 as a file): when it is written (always when `None`). Not in the
    /// compiled form, which carries no layouts.
    #[cfg(feature = "pack-json")]
    #[cfg_attr(feature = "pack-json", serde(skip))]
    pub(crate) document_when: Vec<Option<Node>>,
    /// What a page needs to render the form ([`Programme::info`]) as JSON, made once when the
    /// pack is compiled; the compiled form carries it, so the browser never serialises a pack.
    #[cfg_attr(feature = "pack-json", serde(skip))]
    pub(crate) info_json: String,
    /// The Report's `programme` part, made on first use and shared by every Report after.
    #[cfg_attr(feature = "pack-json", serde(skip))]
    pub(crate) reference: OnceLock<Arc<ProgrammeRef>>,
    /// The questions the figures and limits read (`Programme::tail_questions`): found on first
    /// use.
    #[cfg_attr(feature = "pack-json", serde(skip))]
    pub(crate) tail_questions: OnceLock<Box<[usize]>>,
    /// `index` by the hash of each id (`id_hash`), then place in `index`, sorted: made on
    /// first use (natively only).
    #[cfg(not(target_arch = "wasm32"))]
    #[cfg_attr(feature = "pack-json", serde(skip))]
    pub(crate) hashed_index: OnceLock<Box<[(u64, usize)]>>,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(Programme { spec, questions, question_rules, question_ids,
    question_paths, groups, index, facts, fact_order, subprogrammes, checks, attachments, tables,
    figures, limits, selection_question, attachments_question, valid_from, valid_until, sections,
    counts_as, version; #[cfg(feature = "pack-json")] document_when, info_json, reference,
    tail_questions, #[cfg(not(target_arch = "wasm32"))] hashed_index });

/// How the compiled form writes what it has no plain form for: days as numbers, and sets and
/// maps in a fixed order (so the same pack always builds to the same bytes). Read back by the
/// `Decode` impls of `NaiveDate`, `HashSet` and `HashMap` in [`super::decode`].
#[cfg(feature = "pack-json")]
mod wire {
    /// A day as its number of days from 0001-01-01 (CE).
    pub(super) mod day {
        use chrono::NaiveDate;

        #[allow(clippy::trivially_copy_pass_by_ref)] // the signature serde's `with` calls
        pub(crate) fn serialize<S: serde::Serializer>(
            d: &NaiveDate,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            s.serialize_i32(chrono::Datelike::num_days_from_ce(d))
        }
    }

    /// A set of strings, sorted.
    pub(super) mod sorted_set {
        use std::collections::HashSet;

        pub(crate) fn serialize<S: serde::Serializer>(
            set: &HashSet<String>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            let mut items: Vec<&String> = set.iter().collect();
            items.sort_unstable();
            serde::Serialize::serialize(&items, s)
        }
    }

    /// A map keyed by (question, option), as sorted pairs.
    pub(super) mod sorted_pairs {
        use std::collections::HashMap;

        type Map = HashMap<(usize, String), Vec<String>>;

        pub(crate) fn serialize<S: serde::Serializer>(map: &Map, s: S) -> Result<S::Ok, S::Error> {
            let mut pairs: Vec<(&(usize, String), &Vec<String>)> = map.iter().collect();
            pairs.sort_unstable_by(|a, b| a.0.cmp(b.0));
            serde::Serialize::serialize(&pairs, s)
        }
    }
}

impl Programme {
    /// Which programme a Report comes from: made on first use, then shared by every Report.
    pub(crate) fn reference(&self) -> Arc<ProgrammeRef> {
        Arc::clone(self.reference.get_or_init(|| {
            Arc::new(ProgrammeRef {
                id: self.spec.id.clone(),
                title: self.spec.title.clone(),
                fiscal_year: FiscalYear::starting(self.spec.fiscal_year).to_string(),
                source: self.spec.source.title.clone(),
                issued: self.spec.source.issued.clone(),
                hash: self.version.clone(),
                engine: ENGINE.to_owned(),
            })
        }))
    }

    /// The programme id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.spec.id
    }

    /// The applicant's name in a form: the answer to the submission rules' applicant question
    /// (`applicant.name` when the pack has no submission rules); `None` when unanswered.
    #[must_use]
    pub fn applicant_name(&self, form: &serde_json::Value) -> Option<String> {
        let path = self
            .spec
            .submission
            .as_ref()
            .map_or("applicant.name", |s| s.applicant_question.as_str());
        crate::text::form_path::FormPath::parse(path)
            .and_then(|p| {
                p.lookup(form)
                    .and_then(serde_json::Value::as_str)
                    .map(str::to_owned)
            })
            .filter(|s| !s.trim().is_empty())
    }

    /// How many example cases the pack carries (each runs when the pack is loaded).
    #[cfg(feature = "pack-json")]
    #[must_use]
    pub fn case_count(&self) -> usize {
        self.spec.cases.len()
    }

    /// The pack as written (after converting an older format).
    #[must_use]
    pub fn spec(&self) -> &PackSpec {
        &self.spec
    }

    /// [`Programme::info`] as JSON text, made when the pack was compiled.
    #[must_use]
    pub fn info_json(&self) -> &str {
        &self.info_json
    }

    /// The index of a question by id (= form path). Natively, looked up by the id's hash among
    /// the pack's (a search of whole numbers and one comparison of text), not by comparing the
    /// id with seven of the sorted ids: a lookup was ~270 instructions and is ~180, and a served
    /// check makes ~37. The wasm module keeps the binary search: the hashed list was 0.3 KB of
    /// it (brotli). A path from a form only picks which of the pack's fixed ids it is compared
    /// with.
    #[must_use]
    pub(crate) fn question_index(&self, id: &str) -> Option<usize> {
        #[cfg(not(target_arch = "wasm32"))]
        let found = {
            let hashed = self.hashed_index.get_or_init(|| {
                let mut hashed: Vec<(u64, usize)> = (self.index.iter().enumerate())
                    .map(|(at, (k, _))| (id_hash(k), at))
                    .collect();
                hashed.sort_unstable();
                hashed.into()
            });
            let hash = id_hash(id);
            let from = hashed.partition_point(|&(h, _)| h < hash);
            hashed[from..]
                .iter()
                .take_while(|&&(h, _)| h == hash)
                .map(|&(_, at)| &self.index[at])
                .find(|(k, _)| k == id)
        };
        #[cfg(target_arch = "wasm32")]
        let found = (self.index)
            .binary_search_by(|(k, _)| k.as_str().cmp(id))
            .ok()
            .map(|i| &self.index[i]);
        found.map(|&(_, i)| i)
    }

    /// The option values `value` counts as for question `q` (itself first).
    #[must_use]
    pub(crate) fn counts_as(&self, q: usize, value: &str) -> Option<&[String]> {
        self.counts_as
            .get(&(q, value.to_owned()))
            .map(Vec::as_slice)
    }

    /// Every clause a rule of this pack cites (not the clause table itself, nor non-goals).
    #[must_use]
    pub fn rule_clauses(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let node = |n: &Node, out: &mut BTreeSet<String>| {
            n.visit(&mut |x| {
                if !x.clause.is_empty() {
                    out.insert(x.clause.to_string());
                }
            });
        };
        for q in &self.questions {
            out.insert(q.clause.clone());
        }
        for r in &self.question_rules {
            for n in r.asked_when.iter().chain(&r.required_when) {
                node(n, &mut out);
            }
        }
        for f in &self.facts {
            if let FactBody::When(n) = &f.body {
                node(n, &mut out);
            }
        }
        for spec in &self.spec.facts {
            out.insert(spec.clause.clone());
        }
        for s in &self.subprogrammes {
            out.insert(s.spec.clause.clone());
            out.insert(s.spec.rate.clause.clone());
            node(&s.requirement, &mut out);
            for n in s.priority.iter().chain(s.rate_cases.iter().map(|(n, _)| n)) {
                node(n, &mut out);
            }
        }
        for c in &self.checks {
            out.insert(c.spec.clause.clone());
            node(&c.when, &mut out);
        }
        for a in &self.attachments {
            out.insert(a.spec.clause.clone());
            if let Some(n) = &a.required_when {
                node(n, &mut out);
            }
        }
        for t in &self.tables {
            t.clauses(&mut out);
            if let Some(n) = &t.asked_when {
                node(n, &mut out);
            }
        }
        for f in &self.figures {
            out.insert(f.spec.clause.clone());
        }
        for l in &self.limits {
            out.extend(l.spec.finding.clause.iter().cloned());
            node(&l.assert, &mut out);
        }
        out.extend(self.spec.submission.iter().map(|s| s.clause.clone()));
        out.extend(self.spec.dates.iter().map(|d| d.clause.clone()));
        out.extend(self.spec.date_limits.iter().map(|d| d.clause.clone()));
        out
    }

    /// The pack's own codes (its checks, table rules, option and bound findings, limits), each
    /// once, with the severity, clause and message of its first rule, in pack order.
    #[must_use]
    pub fn own_codes(&self) -> Vec<super::spec::FindingSpec> {
        let mut out: Vec<super::spec::FindingSpec> = Vec::new();
        let mut add = |f: &super::spec::FindingSpec| {
            if !out.iter().any(|x| x.code == f.code) {
                out.push(f.clone());
            }
        };
        for c in &self.spec.checks {
            add(&super::spec::FindingSpec {
                code: c.code.clone(),
                severity: c.severity,
                clause: Some(c.clause.clone()),
                message: c.message.clone(),
            });
        }
        for t in &self.tables {
            for c in &t.columns {
                for f in c
                    .missing
                    .iter()
                    .chain(&c.invalid)
                    .chain(c.options.iter().filter_map(|o| o.finding.as_ref()))
                    .chain(c.bounds.iter().map(|b| &b.finding))
                {
                    add(f);
                }
            }
            for r in &t.rules {
                add(&r.finding);
                if let Some(p) = &r.pending {
                    add(p);
                }
            }
        }
        for l in &self.limits {
            add(&l.spec.finding);
        }
        out
    }

    /// Whether a form path is a group of questions (`applicant` for `applicant.name`).
    #[must_use]
    pub(crate) fn is_group(&self, path: &str) -> bool {
        self.groups.contains(path)
    }

    /// Whether a form path is a section that a table reads.
    #[must_use]
    pub(crate) fn owns_section(&self, path: &str) -> bool {
        self.sections.iter().any(|s| s == path)
    }

    /// Where a path sorts in the form: its question's position, then sections in pack order.
    #[must_use]
    pub(crate) fn path_rank(&self, path: &str) -> usize {
        // A question id has no index (`FormPath::is_question_id`): a table cell's path is never
        // looked up among the questions.
        if !path.as_bytes().contains(&b'[') {
            if let Some(i) = self.question_index(path) {
                return i;
            }
        }
        let root = FormPath::root_of(path);
        self.sections
            .iter()
            .position(|s| s == root)
            .map_or(usize::MAX, |i| self.questions.len() + i)
    }

    /// The option of question `q` with this value.
    #[must_use]
    pub(crate) fn option(&self, q: usize, value: &str) -> Option<&OptionSpec> {
        self.questions
            .get(q)?
            .options
            .iter()
            .find(|o| o.value == value)
    }

    /// The index of a sub-programme by id.
    #[must_use]
    pub(crate) fn subprogramme_index(&self, id: &str) -> Option<usize> {
        self.subprogrammes.iter().position(|s| s.spec.id == id)
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// A question id's hash for [`Programme::question_index`]: its bytes eight at a time, each word
/// mixed in by a multiply and a rotation (the length too, so `a` and `a\0` differ). Not for
/// keys an attacker fills a table with: the table holds the pack's ids only.
fn id_hash(id: &str) -> u64 {
    const MIX: u64 = 0x9e37_79b9_7f4a_7c15;
    let bytes = id.as_bytes();
    let mut hash = bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for eight in &mut words {
        hash = (hash ^ crate::text::json_text::word(eight))
            .wrapping_mul(MIX)
            .rotate_left(29);
    }
    let tail = words
        .remainder()
        .iter()
        .rev()
        .fold(0u64, |w, &b| (w << 8) | u64::from(b));
    (hash ^ tail).wrapping_mul(MIX).rotate_left(29)
}

#[cfg(test)]
mod tests {
    #[cfg(not(target_arch = "wasm32"))]
    use super::id_hash;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn every_question_id_is_found_by_its_hash_and_nothing_near_it_is() {
        let catalog = crate::Catalog::new();
        let mut looked = 0;
        for info in catalog.programmes() {
            let programme = catalog.programme(&info.id).unwrap();
            for (id, i) in &programme.index {
                assert_eq!(programme.question_index(id), Some(*i), "{id}");
                for near in [
                    format!("{id}\0"),
                    format!("{id}x"),
                    format!("x{id}"),
                    id[..id.len() - 1].to_owned(),
                    id.to_uppercase(),
                ] {
                    let found = programme.question_index(&near);
                    assert_eq!(
                        found,
                        programme
                            .index
                            .iter()
                            .find(|(k, _)| *k == near)
                            .map(|p| p.1)
                    );
                }
                looked += 1;
            }
            assert_eq!(programme.question_index(""), None);
        }
        assert!(looked > 50, "{looked} ids");
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn ids_of_every_length_hash_apart() {
        // Tails of 1 to 7 bytes and whole words: a zero byte or one more byte changes the hash.
        let ids: Vec<String> = (0..40).map(|n| "a".repeat(n)).collect();
        let mut hashes: Vec<u64> = ids.iter().map(|id| id_hash(id)).collect();
        hashes.extend(ids.iter().map(|id| id_hash(&format!("{id}\0"))));
        let all = hashes.len();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), all);
    }
}
