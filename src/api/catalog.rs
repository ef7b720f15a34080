//! The catalog of programmes and the calls every front end makes: validate a form, list the
//! programmes, load a ministry's own pack, plan the mails for an application's files. The wasm
//! layer, the command line and the server are thin shells over these.
//!
//! Owns: which programmes exist and the stateless calls. Must not know: JS, HTTP or terminals.

use super::calendar::today;
use super::file_list::{file_entries, file_list_text};
use crate::eval::submission::{plan, FileEntry, SubmissionPlan};
use crate::finding::code::Code;
use crate::finding::error::Error;
use crate::finding::message::{Lang, Message};
use crate::pack::builtin;
#[cfg(feature = "pack-json")]
use crate::pack::info::ProgrammeInfo;
use crate::pack::model::Programme;
use crate::read::json::{form_text, form_value};
use crate::report::pipeline::evaluate_with;
use crate::report::{Options, Report};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;
use std::sync::Arc;

/// The programmes a caller can validate against: built-in packs, then run-time ones.
#[derive(Debug, Default, Clone)]
pub struct Catalog {
    /// Shared: a session holds its programme without copying it.
    loaded: Vec<Arc<Programme>>,
}

impl Catalog {
    /// A catalog of the built-in packs only.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Checks a pack (running its example cases) and adds it; a pack with the id of a loaded
    /// pack replaces it, and one with a built-in id shadows the built-in. A refused pack leaves
    /// the catalog as it was.
    #[cfg(feature = "pack-json")]
    pub fn load(&mut self, json: &str) -> Result<&Programme, Error> {
        let programme = Programme::load(json)?;
        Ok(self.add(programme))
    }

    /// Adds a compiled pack (`yoken pack build`; see [`Programme::from_compiled`]), replacing
    /// a loaded pack of the same id and shadowing a built-in one.
    pub fn load_compiled(&mut self, bytes: &[u8]) -> Result<&Programme, Error> {
        let programme = Programme::from_compiled(bytes)?;
        Ok(self.add(programme))
    }

    /// Adds `programme`, replacing a loaded one of the same id.
    fn add(&mut self, programme: Programme) -> &Programme {
        self.loaded.retain(|p| p.id() != programme.id());
        self.loaded.push(Arc::new(programme));
        &self.loaded[self.loaded.len() - 1]
    }

    /// The loaded (run-time) programme with this id.
    fn loaded(&self, id: &str) -> Option<&Arc<Programme>> {
        self.loaded.iter().find(|p| p.id() == id)
    }

    /// The programme with this id (a loaded pack wins over a built-in one).
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Programme> {
        self.loaded(id)
            .map(AsRef::as_ref)
            .or_else(|| builtin::get(id))
    }

    /// The programme with this id, shared rather than copied (for a [`crate::Session`]), or the
    /// `programme.unknown` error.
    pub fn shared(&self, id: &str) -> Result<Arc<Programme>, Error> {
        self.loaded(id)
            .cloned()
            .or_else(|| builtin::shared(id))
            .ok_or_else(|| Error::unknown_programme(id))
    }

    /// The programme with this id, or the `programme.unknown` error.
    pub fn programme(&self, id: &str) -> Result<&Programme, Error> {
        self.get(id).ok_or_else(|| Error::unknown_programme(id))
    }

    /// Every programme, built-in first (those not shadowed), then loaded.
    pub fn iter(&self) -> impl Iterator<Item = &Programme> {
        builtin::all()
            .iter()
            .copied()
            .filter(|b| !self.loaded.iter().any(|l| l.id() == b.id()))
            .chain(self.loaded.iter().map(AsRef::as_ref))
    }

    /// Every programme's description, built-in first.
    #[cfg(feature = "pack-json")]
    #[must_use]
    pub fn programmes(&self) -> Vec<ProgrammeInfo> {
        self.iter().map(Programme::info).collect()
    }

    /// Checks a form against the programme `programme_id` as of `today`, with traces.
    pub fn validate(
        &self,
        programme_id: &str,
        form: &Value,
        today: NaiveDate,
    ) -> Result<Report, Error> {
        self.validate_with(programme_id, form, today, Options::default())
    }

    /// Checks a form with options (`trace: false` leaves the trace trees out).
    pub fn validate_with(
        &self,
        programme_id: &str,
        form: &Value,
        today: NaiveDate,
        options: Options,
    ) -> Result<Report, Error> {
        evaluate_with(self.programme(programme_id)?, form, today, options)
    }

    /// Checks a form given as JSON text (bytes, as a file or a request body holds them); a form
    /// that is not JSON is the `form.not_json` refusal with its line and column, and a key given
    /// twice in one object the `form.duplicate_key` refusal (never a silent choice of one).
    pub fn validate_bytes(
        &self,
        programme_id: &str,
        form_json: &[u8],
        today: NaiveDate,
        options: Options,
    ) -> Result<Report, Error> {
        let form = form_value(form_json)?;
        self.validate_with(programme_id, &form, today, options)
    }

    /// [`Catalog::validate_bytes`] for JSON text its caller has already found to be UTF-8 (the
    /// server checks a request body's bytes with a vector scan first): the same Report, and the
    /// same refusals of text that is not JSON.
    pub fn validate_text(
        &self,
        programme_id: &str,
        form_json: &str,
        today: NaiveDate,
        options: Options,
    ) -> Result<Report, Error> {
        let form = form_text(form_json)?;
        self.validate_with(programme_id, &form, today, options)
    }

    /// JSON in, JSON out: what the server and `validateJson` in wasm call. `today` is a date
    /// argument (ISO or 和暦). The bytes are the same on every build for the same input.
    pub fn validate_json(
        &self,
        programme_id: &str,
        form_json: &str,
        today: &str,
    ) -> Result<String, Error> {
        self.validate_json_with(programme_id, form_json, today, Options::default())
    }

    /// [`Catalog::validate_json`] with options.
    pub fn validate_json_with(
        &self,
        programme_id: &str,
        form_json: &str,
        today: &str,
        options: Options,
    ) -> Result<String, Error> {
        let today = self::today(today)?;
        let form = form_text(form_json)?;
        let report = self.validate_with(programme_id, &form, today, options)?;
        Ok(report_json_in(&report, options.lang))
    }

    /// Plans the mails for the files of an application (公募要領 第10 3 (6)); `None` when the
    /// programme has no submission rules.
    pub fn plan_submission(
        &self,
        programme_id: &str,
        applicant: Option<&str>,
        files: &[FileEntry],
    ) -> Result<Option<SubmissionPlan>, Error> {
        let programme = self.programme(programme_id)?;
        Ok(programme
            .spec
            .submission
            .as_ref()
            .map(|s| plan(s, applicant, files)))
    }

    /// [`Catalog::plan_submission`] for a shell that holds the files as JSON text
    /// (`[{name, size, type}]`, as a browser's `File` objects give them): the plan as JSON text
    /// (`null` when the programme has no submission rules). A list that cannot be read is the
    /// `files.invalid` refusal naming the entry and its key.
    pub fn plan_submission_json(
        &self,
        programme_id: &str,
        applicant: Option<&str>,
        files_json: &str,
    ) -> Result<String, Error> {
        let files = file_entries(&file_list_text(files_json)?)?;
        to_json(&self.plan_submission(programme_id, applicant, &files)?)
    }
}

/// A result of the core (a Report's part, a plan, a field's reading, a list of closed days) as
/// compact JSON, the bytes `serde_json::to_string` would write; shells hand it on as it is (the
/// wasm layer through `JSON.parse`), so every value crosses in the one form the Report does.
///
/// # Errors
/// `internal.serialize` for a value JSON cannot hold (a map with keys that are not text: none
/// of the core's types has one).
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    to_json_in(value, None)
}

/// [`to_json`] with every message in `lang` only, when it is given ([`Options::lang`]).
///
/// # Errors
/// As [`to_json`].
pub fn to_json_in<T: Serialize + ?Sized>(value: &T, lang: Option<Lang>) -> Result<String, Error> {
    crate::report::compact::to_json_in(value, 256, lang).map_err(|e| {
        Error::new(
            Code::InternalSerialize,
            Message::new(
                format!("結果を JSON にできません（不具合）：{e}"),
                format!("A result cannot be written as JSON (a bug): {e}"),
            ),
        )
    })
}

/// Reads a form (or one field's value) given as JSON text, as every check of JSON text reads it:
/// numbers keep their written digits; text that is not JSON is the `form.not_json` refusal with its
/// line and column, and a key given twice in one object the `form.duplicate_key` refusal.
///
/// # Errors
/// Those two refusals.
pub fn read_form(json: &str) -> Result<Value, Error> {
    form_text(json)
}

/// The Report as compact JSON (serialising these types cannot fail: no maps with non-string keys).
#[must_use]
pub fn report_json(report: &Report) -> String {
    report_json_in(report, None)
}

/// [`report_json`] with every message in `lang` only, when it is given ([`Options::lang`]).
#[must_use]
pub fn report_json_in(report: &Report, lang: Option<Lang>) -> String {
    crate::report::compact::to_json_in(report, 32 * 1024, lang).unwrap_or_else(|e| {
        // The error's text as a JSON string, by the same writer (text always can be).
        let error = crate::report::compact::to_json(&e.to_string(), 64).unwrap_or_default();
        format!("{{\"format\":\"internal-error\",\"error\":{error}}}")
    })
}

/// Checks a form against a built-in programme as of `today`.
pub fn validate(programme_id: &str, form: &Value, today: NaiveDate) -> Result<Report, Error> {
    Catalog::new().validate(programme_id, form, today)
}

/// Every built-in programme's description (questions, clauses, sub-programmes).
#[cfg(feature = "pack-json")]
#[must_use]
pub fn programmes() -> Vec<ProgrammeInfo> {
    Catalog::new().programmes()
}
