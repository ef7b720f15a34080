//! The public API, the same on both sides: `validate(programme_id, form, today) -> Report` and
//! `programmes()`. The wasm layer and the server are thin shells over these functions.

use crate::engine::{evaluate_with, FormError, Options};
use crate::message::Message;
use crate::pack::info::ProgrammeInfo;
use crate::pack::Catalog;
use crate::report::Report;
use chrono::NaiveDate;
use serde_json::Value;

/// Why a form could not be checked at all (a finding about the form is never an error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValidateError {
    /// No programme with this id.
    UnknownProgramme(String),
    /// The form text is not JSON (serde's message names the line and column).
    NotJson(String),
    /// `today` is not a `YYYY-MM-DD` date.
    BadToday(String),
    /// The form is JSON but not an object.
    Form(FormError),
}

impl ValidateError {
    /// A stable code for the caller (`programme.unknown`, `form.not_json`, …).
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            ValidateError::UnknownProgramme(_) => "programme.unknown",
            ValidateError::NotJson(_) => "form.not_json",
            ValidateError::BadToday(_) => "today.invalid",
            ValidateError::Form(FormError::NotAnObject) => "form.not_object",
        }
    }

    /// The message for the caller.
    #[must_use]
    pub fn message(&self) -> Message {
        match self {
            ValidateError::UnknownProgramme(id) => Message::new(
                format!("事業「{id}」はありません。"),
                format!("There is no programme \"{id}\"."),
            ),
            ValidateError::NotJson(e) => Message::new(
                format!("フォームが JSON として読めません：{e}"),
                format!("The form is not valid JSON: {e}"),
            ),
            ValidateError::BadToday(t) => Message::new(
                format!("today「{t}」は YYYY-MM-DD 形式の日付にしてください。"),
                format!("today \"{t}\" must be a YYYY-MM-DD date."),
            ),
            ValidateError::Form(e) => e.message(),
        }
    }
}

impl core::fmt::Display for ValidateError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for ValidateError {}

impl Catalog {
    /// Checks a form against the programme `programme_id` as of `today`, with traces.
    pub fn validate(
        &self,
        programme_id: &str,
        form: &Value,
        today: NaiveDate,
    ) -> Result<Report, ValidateError> {
        self.validate_with(programme_id, form, today, Options::default())
    }

    /// Checks a form with options (`trace: false` leaves the trace trees out).
    pub fn validate_with(
        &self,
        programme_id: &str,
        form: &Value,
        today: NaiveDate,
        options: Options,
    ) -> Result<Report, ValidateError> {
        let programme = self
            .get(programme_id)
            .ok_or_else(|| ValidateError::UnknownProgramme(programme_id.to_owned()))?;
        evaluate_with(programme, form, today, options).map_err(ValidateError::Form)
    }

    /// JSON in, JSON out: what the server and `validateJson` in wasm call. The bytes are the same
    /// on every build for the same input.
    pub fn validate_json(
        &self,
        programme_id: &str,
        form_json: &str,
        today: &str,
    ) -> Result<String, ValidateError> {
        self.validate_json_with(programme_id, form_json, today, Options::default())
    }

    /// [`Catalog::validate_json`] with options.
    pub fn validate_json_with(
        &self,
        programme_id: &str,
        form_json: &str,
        today: &str,
        options: Options,
    ) -> Result<String, ValidateError> {
        let today = parse_today(today)?;
        let form: Value =
            serde_json::from_str(form_json).map_err(|e| ValidateError::NotJson(e.to_string()))?;
        let report = self.validate_with(programme_id, &form, today, options)?;
        Ok(report_json(&report))
    }

    /// Plans the mails for the files of an application (公募要領 第10 3 (6)); `None` when the
    /// programme has no submission rules.
    pub fn plan_submission(
        &self,
        programme_id: &str,
        applicant: Option<&str>,
        files: &[crate::submission::FileEntry],
    ) -> Result<Option<crate::submission::SubmissionPlan>, ValidateError> {
        let programme = self
            .get(programme_id)
            .ok_or_else(|| ValidateError::UnknownProgramme(programme_id.to_owned()))?;
        Ok(programme
            .spec
            .submission
            .as_ref()
            .map(|s| crate::submission::plan(s, applicant, files)))
    }

    /// Every programme's description, built-in first.
    #[must_use]
    pub fn programmes(&self) -> Vec<ProgrammeInfo> {
        self.iter().map(ProgrammeInfo::of).collect()
    }
}

/// Reads `today` (`YYYY-MM-DD`).
pub fn parse_today(today: &str) -> Result<NaiveDate, ValidateError> {
    NaiveDate::parse_from_str(today, "%Y-%m-%d")
        .map_err(|_| ValidateError::BadToday(today.chars().take(40).collect()))
}

/// The Report as compact JSON (serialising these types cannot fail: no maps with non-string keys).
#[must_use]
pub fn report_json(report: &Report) -> String {
    serde_json::to_string(report).unwrap_or_else(|e| {
        format!(
            "{{\"format\":\"internal-error\",\"error\":{:?}}}",
            e.to_string()
        )
    })
}

/// Checks a form against a built-in programme as of `today`.
pub fn validate(
    programme_id: &str,
    form: &Value,
    today: NaiveDate,
) -> Result<Report, ValidateError> {
    Catalog::new().validate(programme_id, form, today)
}

/// Every built-in programme's description (questions, clauses, sub-programmes).
#[must_use]
pub fn programmes() -> Vec<ProgrammeInfo> {
    Catalog::new().programmes()
}
