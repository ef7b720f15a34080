//! The one error type: why a call could not be served at all. A finding about a form is never an
//! error — it is data in the Report; an `Error` is only for input that cannot be read (a form that
//! is not JSON, an unknown programme, a refused pack, a date argument that is not a date).
//!
//! # Design
//! One public type with a [`Code`] from the registry and a bilingual message, plus what some
//! refusals need: the pack's problems, each at its place in the file, and the line and column of
//! a JSON syntax error. Front ends map the code to their own channel (a thrown `YokenError` in
//! JS, an HTTP status, exit code 2) and show the message as it is.
//!
//! Owns: the refusals' wording. Must not know: how a front end reports them.

use super::code::Code;
use super::message::Message;
use core::fmt;
use serde::Serialize;

/// One problem found in a rule pack, at its place in the file (`questions[3].clause`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackProblem {
    /// Where in the pack.
    pub at: String,
    /// What is wrong.
    pub message: Message,
}

/// Why a call could not be served. Boxed: every `Result` that can carry one is then a word wider
/// than its value, not the whole error's size, and its moves and drops are one pointer's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(Box<Parts>);

/// What an [`Error`] holds.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Parts {
    code: Code,
    message: Message,
    problems: Vec<PackProblem>,
    position: Option<(usize, usize)>,
}

/// At most this many characters of a caller's text are quoted in a message.
const QUOTED: usize = 40;

fn quoted(text: &str) -> String {
    text.chars().take(QUOTED).collect()
}

impl Error {
    /// An error with a registry code and its message.
    pub(crate) fn new(code: Code, message: Message) -> Self {
        debug_assert!(matches!(code.kind(), super::code::Kind::Refusal), "{code}");
        Self(Box::new(Parts {
            code,
            message,
            problems: Vec::new(),
            position: None,
        }))
    }

    /// A file that cannot be read as a 様式 workbook (`document.unreadable`): the file's name and
    /// why, for a reader of the file format (which the core does not know).
    #[must_use]
    pub fn document_unreadable(file: &str, why: &Message) -> Self {
        let file = quoted(file);
        Self::new(
            Code::DocumentUnreadable,
            Message::new(
                format!("「{file}」は様式のファイルとして読めません：{}", why.ja),
                format!("\"{file}\" cannot be read as a 様式 workbook: {}", why.en),
            ),
        )
    }

    /// 様式 asked for a form with `errors` errors (`document.form_has_errors`).
    #[must_use]
    pub fn form_has_errors(errors: usize) -> Self {
        Self::new(
            Code::DocumentFormHasErrors,
            Message::new(
                format!("フォームにエラーが{errors}件あります。直してから様式を作るか、確認結果の表紙を付けて作ってください。"),
                format!("The form has {errors} error(s): fix them before making the 様式, or make them with the findings on a cover sheet."),
            ),
        )
    }

    /// No programme with this id.
    pub(crate) fn unknown_programme(id: &str) -> Self {
        let id = quoted(id);
        Self::new(
            Code::ProgrammeUnknown,
            Message::new(
                format!("事業「{id}」はありません。"),
                format!("There is no programme \"{id}\"."),
            ),
        )
    }

    /// The form is JSON but not an object.
    pub(crate) fn form_not_object() -> Self {
        Self::new(
            Code::FormNotObject,
            Message::new(
                "フォームは JSON オブジェクト（{…}）で渡してください。",
                "The form must be a JSON object ({…}).",
            ),
        )
    }

    /// A date argument (`today`, `from`, `to`) that is not a date; `code` says which call.
    pub(crate) fn not_a_date(code: Code, parameter: &str, text: &str) -> Self {
        let text = quoted(text);
        Self::new(
            code,
            Message::new(
                format!("{parameter}「{text}」は日付（YYYY-MM-DD または和暦）にしてください。"),
                format!("{parameter} \"{text}\" must be a date (YYYY-MM-DD or 和暦)."),
            ),
        )
    }

    #[cfg(feature = "pack-json")]
    /// A rule pack that is not JSON of the pack format.
    pub(crate) fn pack_syntax(e: &serde_json::Error) -> Self {
        let mut error = Self::new(
            Code::PackInvalid,
            Message::new(
                format!("ルールパックがパックの形式の JSON として読めません：{e}"),
                format!("the rule pack is not valid JSON of the pack format: {e}"),
            ),
        );
        error.0.position = Some((e.line(), e.column()));
        error
    }

    #[cfg(feature = "pack-json")]
    /// A rule pack refused for these problems.
    pub(crate) fn pack_refused(problems: Vec<PackProblem>) -> Self {
        let n = problems.len();
        let mut error = Self::new(
            Code::PackInvalid,
            Message::new(
                format!("ルールパックに{n}件の問題があります："),
                format!("the rule pack has {n} problem(s):"),
            ),
        );
        error.0.problems = problems;
        error
    }

    /// Records where in a JSON text the refusal arose.
    pub(crate) fn set_position(&mut self, line: usize, column: usize) {
        self.0.position = Some((line, column));
    }

    /// The code from the registry.
    #[must_use]
    pub fn code(&self) -> Code {
        self.0.code
    }

    /// The message, in Japanese and English.
    #[must_use]
    pub fn message(&self) -> &Message {
        &self.0.message
    }

    /// For a refused rule pack: every problem, each at its place in the file.
    #[must_use]
    pub fn problems(&self) -> &[PackProblem] {
        &self.0.problems
    }

    /// For JSON that does not parse: the line and column (both from 1).
    #[must_use]
    pub fn position(&self) -> Option<(usize, usize)> {
        self.0.position
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message.en)?;
        if !self.0.problems.is_empty() {
            writeln!(f)?;
            for p in &self.0.problems {
                writeln!(f, "  {}: {} / {}", p.at, p.message.en, p.message.ja)?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for Error {}
