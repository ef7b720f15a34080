//! The form-level checks: the sub-programmes chosen, the pack's own checks, required
//! attachments, required answers, and keys of the form the programme does not read.
//!
//! Owns: those findings. Must not know: verdicts, tables or dates.

use super::env::{Answered, Env};
use super::trace::Outcome;
use crate::finding::code::Code;
use crate::finding::diagnostic::{Diagnostic, Severity};
use crate::finding::message::Message;
use crate::finding::shared_text::SharedText;
use crate::pack::model::Programme;
use crate::read::answers::{is_blank, preview, Answer};
use serde_json::Value;

/// At most this many `form.unknown_field` findings per report (a hostile form cannot flood it).
pub(crate) const MAX_UNKNOWN_FIELD_FINDINGS: usize = 50;

/// The chosen sub-programme ids, or `None` while the selection is unanswered.
pub(crate) fn selected_subprogrammes(
    programme: &Programme,
    answered: &Answered<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<SharedText>> {
    let sel = &programme.spec.selection;
    let ids: Vec<SharedText> = match answered.state.answer(programme.selection_question)? {
        Answer::Choice(v) => vec![SharedText::from(v)],
        Answer::Multi(vs) if !vs.is_empty() => vs.iter().map(SharedText::from).collect(),
        _ => return None,
    };
    if ids.len() < sel.min || ids.len() > sel.max {
        diags.push(Diagnostic::new(
            Code::AnswerSelectionCount,
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

/// The pack's own checks: a finding wherever a check's condition holds.
pub(crate) fn run_checks(
    programme: &Programme,
    answered: &Answered<'_>,
    diags: &mut Vec<Diagnostic>,
) {
    let env = Env::of(answered);
    for check in &programme.checks {
        if check.when.outcome(&env) == Outcome::Pass {
            diags.push(Diagnostic::of_pack(
                &check.spec.code,
                check.spec.severity,
                &check.spec.path,
                Some(&check.spec.clause),
                check.spec.message.clone(),
            ));
        }
    }
}

/// Each attachment required (always, or when its condition holds) but not ticked.
pub(crate) fn attachments(
    programme: &Programme,
    answered: &Answered<'_>,
    diags: &mut Vec<Diagnostic>,
) {
    let (Some(q), Some(spec)) = (programme.attachments_question, &programme.spec.attachments)
    else {
        return;
    };
    let Some(Answer::Multi(attached)) = answered.state.answer(q) else {
        return;
    };
    let env = Env::of(answered);
    for a in &programme.attachments {
        let required = a
            .required_when
            .as_ref()
            .map_or(Outcome::Pass, |n| n.outcome(&env));
        if required == Outcome::Pass && !attached.contains(&a.spec.id) {
            diags.push(Diagnostic::new(
                Code::AttachmentMissing,
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

/// Each required question of a chosen sub-programme that is asked and still blank (required
/// always, or when its `required_when` holds).
pub(crate) fn required(
    programme: &Programme,
    answered: &Answered<'_>,
    selected: Option<&[SharedText]>,
    diags: &mut Vec<Diagnostic>,
) {
    let env = Env::of(answered);
    // Only whether each answer is blank is read here, unmarked: a session recomputes the form's
    // results whenever an answer's blankness changes (`pipeline::reread_one`).
    for (i, (q, answer)) in programme
        .questions
        .iter()
        .zip(&answered.state.answers)
        .enumerate()
    {
        if !answer.is_blank() || !env.asked(i) {
            continue;
        }
        let required = q.required
            || programme.question_rules[i]
                .required_when
                .as_ref()
                .is_some_and(|n| n.outcome(&env) == Outcome::Pass);
        if !required {
            continue;
        }
        let in_scope = match (&q.scope, selected) {
            (None, _) => true,
            (Some(scope), Some(sel)) => scope.iter().any(|s| sel.iter().any(|id| id == s)),
            (Some(_), None) => false,
        };
        if in_scope {
            let finding = programme.question_rules[i].unanswered.get_or_init(|| {
                Diagnostic::new(
                    Code::AnswerRequired,
                    &q.id,
                    Some(&q.clause),
                    Message::new(
                        format!("「{}」に回答してください。", q.label.ja),
                        format!("Answer \"{}\".", q.label.en),
                    ),
                )
            });
            diags.push(finding.clone());
        }
    }
}

/// Flags keys of the form that the programme does not read.
pub(crate) fn unknown_fields(programme: &Programme, form: &Value, diags: &mut Vec<Diagnostic>) {
    let mut found = Vec::new();
    walk(programme, form, &mut String::new(), &mut found);
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
            Code::FormUnexpectedValue
        } else {
            Code::FormUnknownField
        };
        diags.push(Diagnostic::with_severity(
            code,
            Severity::Warning,
            path,
            None,
            message,
        ));
    }
    if extra > 0 {
        diags.push(Diagnostic::new(
            Code::FormUnknownField,
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
    path: &mut String,
    found: &mut Vec<(String, String, bool)>,
) {
    let Some(object) = value.as_object() else {
        return;
    };
    // One buffer for every path of the walk: each key's path is the parent's plus `.key`.
    let parent = path.len();
    for (key, child) in object {
        if found.len() > MAX_UNKNOWN_FIELD_FINDINGS {
            found.push((String::new(), String::new(), false));
            continue;
        }
        path.truncate(parent);
        if parent > 0 {
            path.push('.');
        }
        path.push_str(key);
        // A key with `.`, `[` or `]` in it is no key of a form path: never a question's.
        let plain = !key.contains(['.', '[', ']']);
        if plain && (programme.question_index(path).is_some() || programme.owns_section(path)) {
            continue;
        }
        let is_group = plain && programme.is_group(path);
        if is_group {
            if child.is_object() {
                walk(programme, child, path, found);
            } else if !is_blank(Some(child)) {
                found.push((short_path(path), preview(child), true));
            }
        } else {
            found.push((short_path(path), String::new(), false));
        }
    }
    path.truncate(parent);
}
