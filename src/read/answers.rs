//! Reading a form's answers: JSON values at question paths → typed answers, or diagnostics.
//!
//! A form is a JSON object; a question's id is its dotted path (`applicant.org_type` is
//! `{"applicant": {"org_type": …}}`). Blank values (missing, `null`, `""`, only spaces) are
//! unanswered. A value of the wrong shape is a diagnostic on that field and counts as unanswered
//! in the logic — never a guess, never a panic.
//!
//! Owns: reading question values. Must not know: what the answers mean for the rules.

use crate::finding::code::Code;
use crate::finding::diagnostic::Diagnostic;
use crate::finding::message::Message;
use crate::pack::spec::{AnswerKind, QuestionSpec};
use crate::read::normalised;
use crate::text::amount_field::{read_amount, FieldAmount, FieldUnit};
use crate::text::number_text::{parse_number, NumberRules, NumberTextError, WrittenUnit};
use crate::text::wareki::parse_date;
use crate::text::width::is_space;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::Value;
use std::borrow::Cow;

/// The longest text accepted when a question sets no `max_length`.
pub(crate) const DEFAULT_MAX_TEXT: usize = 2000;

/// A typed answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Answer {
    /// Nothing given yet.
    Unanswered,
    /// Something given that could not be read (a diagnostic says why).
    Invalid,
    /// はい / いいえ.
    YesNo(bool),
    /// One option value.
    Choice(String),
    /// Option values, in the order given.
    Multi(Vec<String>),
    /// Free text (as typed, trimmed only for the blank test).
    Text(String),
    /// A date.
    Date(NaiveDate),
    /// An amount.
    Amount(FieldAmount),
    /// A whole number (a count).
    Integer(Decimal),
}

impl Answer {
    /// Whether a required question still needs an answer: nothing given, or an empty list (a
    /// page sends `[]` for a group of unticked boxes).
    #[must_use]
    pub(crate) fn is_blank(&self) -> bool {
        match self {
            Answer::Unanswered => true,
            Answer::Multi(items) => items.is_empty(),
            _ => false,
        }
    }

    /// The stored value as the trace shows it (`yes`, `一般社団法人`, `2025-06-01`).
    #[must_use]
    pub(crate) fn shown(&self) -> Option<String> {
        match self {
            Answer::Unanswered | Answer::Invalid => None,
            Answer::YesNo(true) => Some("yes".into()),
            Answer::YesNo(false) => Some("no".into()),
            Answer::Choice(v) | Answer::Text(v) => Some(v.clone()),
            Answer::Multi(vs) => Some(vs.join(", ")),
            Answer::Date(d) => Some(d.to_string()),
            Answer::Amount(a) => Some(a.in_field_unit.to_string()),
            Answer::Integer(n) => Some(n.to_string()),
        }
    }
}

/// Whether a JSON value counts as "not answered".
#[must_use]
pub(crate) fn is_blank(value: Option<&Value>) -> bool {
    match value {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.chars().all(is_space),
        Some(_) => false,
    }
}

/// How many characters `text` has, when more than `limit` (a text has no more characters than
/// bytes, so one of at most `limit` bytes is not counted: most are not).
#[must_use]
pub(crate) fn length_over(text: &str, limit: usize) -> Option<usize> {
    if text.len() <= limit {
        return None;
    }
    let length = text.chars().count();
    (length > limit).then_some(length)
}

/// A JSON scalar as the text a person typed (numbers keep their JSON spelling: `1e30` stays);
/// a string is read where it is, not copied (every amount cell of every row is read through
/// here).
#[must_use]
pub(crate) fn scalar_text(value: &Value) -> Option<Cow<'_, str>> {
    match value {
        Value::String(s) => Some(Cow::Borrowed(s)),
        Value::Number(n) => Some(Cow::Owned(n.to_string())),
        _ => None,
    }
}

/// A short rendering of an unexpected value for a message (never the whole of a long string).
#[must_use]
pub(crate) fn preview(value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Array(_) => "[…]".into(),
        Value::Object(_) => "{…}".into(),
        // Written out rather than through `Value`'s `Display`, which would bring serde_json's
        // whole writer (pretty and compact) into the module for three words and a number.
        Value::Null => "null".into(),
        Value::Bool(b) => if *b { "true" } else { "false" }.into(),
        Value::Number(n) => n.to_string(),
    };
    let mut out: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// Reads one question's answer, pushing any diagnostic about its value.
pub(crate) fn read_answer(
    q: &QuestionSpec,
    raw: Option<&Value>,
    diags: &mut Vec<Diagnostic>,
) -> Answer {
    if is_blank(raw) {
        return Answer::Unanswered;
    }
    let Some(value) = raw else {
        return Answer::Unanswered;
    };
    let mut problem = |code: Code, message: Message| {
        diags.push(Diagnostic::new(code, &q.id, Some(&q.clause), message));
        Answer::Invalid
    };
    match q.kind {
        AnswerKind::YesNo => match yes_no(value) {
            Some(b) => {
                normalised::record(|| q.id.clone(), || Value::Bool(b));
                Answer::YesNo(b)
            }
            None => problem(
                Code::AnswerNotYesNo,
                Message::new(
                    format!(
                        "「{}」は「はい」か「いいえ」で答えてください（入力値：{}）。",
                        q.label.ja,
                        preview(value)
                    ),
                    format!(
                        "Answer \"{}\" with yes or no (got: {}).",
                        q.label.en,
                        preview(value)
                    ),
                ),
            ),
        },
        AnswerKind::Choice => match value.as_str().map(str::trim) {
            Some(v) if q.options.iter().any(|o| o.value == v) => {
                normalised::record(|| q.id.clone(), || Value::from(v));
                Answer::Choice(v.to_owned())
            }
            _ => problem(Code::AnswerUnknownOption, unknown_option(q, value)),
        },
        AnswerKind::MultiChoice => {
            let Some(items) = value.as_array() else {
                return problem(
                    Code::AnswerNotAList,
                    Message::new(
                        format!("「{}」は選択肢のリストで答えてください。", q.label.ja),
                        format!("Answer \"{}\" with a list of options.", q.label.en),
                    ),
                );
            };
            let mut chosen = Vec::with_capacity(items.len());
            for item in items {
                match item.as_str().map(str::trim) {
                    Some(v) if q.options.iter().any(|o| o.value == v) => {
                        if !chosen.iter().any(|c| c == v) {
                            chosen.push(v.to_owned());
                        }
                    }
                    _ => return problem(Code::AnswerUnknownOption, unknown_option(q, item)),
                }
            }
            normalised::record(|| q.id.clone(), || Value::from(chosen.clone()));
            Answer::Multi(chosen)
        }
        AnswerKind::Text => {
            match value.as_str() {
                Some(s) => {
                    let limit = q.max_length.unwrap_or(DEFAULT_MAX_TEXT);
                    if let Some(length) = length_over(s, limit) {
                        problem(Code::AnswerTooLong,
                        Message::new(
                            format!("「{}」は{limit}文字以内で入力してください（現在{length}文字）。", q.label.ja),
                            format!("\"{}\" takes at most {limit} characters ({length} now).", q.label.en),
                        ),
                    )
                    } else {
                        Answer::Text(s.to_owned())
                    }
                }
                None => problem(
                    Code::AnswerNotText,
                    Message::new(
                        format!("「{}」は文字で入力してください。", q.label.ja),
                        format!("\"{}\" takes text.", q.label.en),
                    ),
                ),
            }
        }
        AnswerKind::Date => {
            read_date_value(|| q.id.clone(), value, diags).map_or(Answer::Invalid, Answer::Date)
        }
        AnswerKind::Amount => read_amount_value(
            || q.id.clone(),
            value,
            q.unit.unwrap_or(FieldUnit::Yen),
            diags,
        )
        .map_or(Answer::Invalid, Answer::Amount),
        AnswerKind::Integer => read_integer_value(|| q.id.clone(), value, diags)
            .map_or(Answer::Invalid, Answer::Integer),
    }
}

/// The text of a value that should be a number; anything but a string or a number (an object,
/// a list, `true`) is a finding at `path()`.
fn number_text<'a>(
    path: &impl Fn() -> String,
    value: &'a Value,
    diags: &mut Vec<Diagnostic>,
) -> Option<Cow<'a, str>> {
    let text = scalar_text(value);
    if text.is_none() {
        diags.push(Diagnostic::new(
            Code::NumberUnexpectedCharacter,
            path(),
            None,
            not_a_number(value),
        ));
    }
    text
}

/// Reads a non-blank whole number (a count): digits only, no unit, no fraction.
pub(crate) fn read_integer_value(
    path: impl Fn() -> String,
    value: &Value,
    diags: &mut Vec<Diagnostic>,
) -> Option<Decimal> {
    let text = number_text(&path, value, diags)?;
    let read = parse_number(&text, NumberRules::AMOUNT).and_then(|n| match n.unit {
        WrittenUnit::None => Ok(n.value),
        WrittenUnit::Yen => Err(NumberTextError::UnknownUnit { unit: "円".into() }),
        WrittenUnit::ThousandYen => Err(NumberTextError::UnknownUnit {
            unit: "千円".into(),
        }),
        WrittenUnit::Percent => Err(NumberTextError::UnexpectedCharacter { ch: '%' }),
    });
    match read {
        Ok(n) => {
            normalised::record(&path, || normalised::decimal_text(n));
            Some(n)
        }
        Err(e) => {
            diags.push(Diagnostic::new(e.code(), path(), None, e.message()));
            None
        }
    }
}

/// Reads a non-blank date cell; an unreadable one is an error diagnostic at `path()` (made only
/// when needed: most cells read fine, and paths are formatted strings).
pub(crate) fn read_date_value(
    path: impl Fn() -> String,
    value: &Value,
    diags: &mut Vec<Diagnostic>,
) -> Option<NaiveDate> {
    let result = match value.as_str() {
        Some(text) => parse_date(text),
        None => Err(crate::text::wareki::DateTextError::Unreadable),
    };
    match result {
        Ok(typed) => {
            normalised::record(&path, || Value::String(typed.date.to_string()));
            Some(typed.date)
        }
        Err(e) => {
            diags.push(Diagnostic::new(e.code(), path(), None, e.message()));
            None
        }
    }
}

/// Reads a non-blank amount cell in `unit`: an unreadable one is an error at `path()`, a
/// converted unit an info note there.
pub(crate) fn read_amount_value(
    path: impl Fn() -> String,
    value: &Value,
    unit: FieldUnit,
    diags: &mut Vec<Diagnostic>,
) -> Option<FieldAmount> {
    let text = number_text(&path, value, diags)?;
    match read_amount(&text, unit) {
        Ok(amount) => {
            normalised::record(&path, || normalised::decimal_text(amount.in_field_unit));
            if let Some(note) = amount.conversion_note(unit) {
                diags.push(Diagnostic::new(Code::AmountConverted, path(), None, note));
            }
            Some(amount)
        }
        Err(e) => {
            diags.push(Diagnostic::new(e.code(), path(), None, e.message()));
            None
        }
    }
}

/// The message for a value that is not a number at all (an object, a list, `true`).
#[must_use]
pub(crate) fn not_a_number(value: &Value) -> Message {
    Message::new(
        format!("数値として読み取れません（入力値：{}）。", preview(value)),
        format!("Not readable as a number (got: {}).", preview(value)),
    )
}

/// Reads a yes/no answer: `true`/`false`, `yes`/`no`, `はい`/`いいえ` (any case, any width).
#[must_use]
pub(crate) fn yes_no(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match crate::text::width::fold(s)
            .trim()
            .to_ascii_lowercase()
            .as_str()
        {
            "yes" | "true" | "はい" => Some(true),
            "no" | "false" | "いいえ" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

fn unknown_option(q: &QuestionSpec, value: &Value) -> Message {
    // A typed value that appears inside an option's label ("株式会社" in
    // "株式会社・合同会社などの会社") is suggested first.
    let typed = value.as_str().map(str::trim).unwrap_or_default();
    if typed.chars().count() >= 2 {
        if let Some(o) = q
            .options
            .iter()
            .find(|o| o.label.ja.contains(typed) || o.value.contains(typed))
        {
            return Message::new(
                format!(
                    "「{}」は「{}」の選択肢にありません。「{}」のことですか。",
                    preview(value),
                    q.label.ja,
                    o.label.ja
                ),
                format!(
                    "\"{}\" is not an option of \"{}\". Did you mean \"{}\"?",
                    preview(value),
                    q.label.en,
                    o.label.en
                ),
            );
        }
    }
    let choices_ja: Vec<&str> = q.options.iter().map(|o| o.label.ja.as_str()).collect();
    let choices_en: Vec<&str> = q.options.iter().map(|o| o.label.en.as_str()).collect();
    Message::new(
        format!(
            "「{}」は「{}」の選択肢にありません。選べるのは次のとおりです：{}",
            preview(value),
            q.label.ja,
            choices_ja.join("、")
        ),
        format!(
            "\"{}\" is not an option of \"{}\". The options are: {}",
            preview(value),
            q.label.en,
            choices_en.join("; ")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::preview;
    use serde_json::json;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_preview_writes_a_value_as_json_does_and_cuts_long_text() {
        let number: serde_json::Value = serde_json::from_str("1e-400").unwrap();
        for (value, shown) in [
            (json!(null), "null"),
            (json!(true), "true"),
            (json!(false), "false"),
            (json!(-12), "-12"),
            (number, "1e-400"),
            (json!([1, 2]), "[…]"),
            (json!({"a": 1}), "{…}"),
            (json!("たぶん"), "たぶん"),
        ] {
            assert_eq!(preview(&value), shown);
            if !value.is_array() && !value.is_object() && !value.is_string() {
                assert_eq!(preview(&value), value.to_string());
            }
        }
        let long = "あ".repeat(41);
        assert_eq!(preview(&json!(long)), format!("{}…", "あ".repeat(40)));
    }
}
