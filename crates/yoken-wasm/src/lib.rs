//! The WebAssembly shell: wasm-bindgen bindings over yoken's public API, and nothing else.
//!
//! Two error channels, as in ruff's wasm crate: findings about the form are data in the returned
//! Report; a call that cannot be served (unknown programme, a date argument that is not a date,
//! a form that is not an object, a broken pack) throws a JS `Error` named `YokenError` with the
//! core's `code`, `messageJa` and an English `message`.
#![forbid(unsafe_code)]

use serde::Serialize;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use yoken::text::field_check::{check_amount, check_date};
use yoken::{Catalog, Code, Error, FieldUnit, Lang, Message, Options, Session};

/// The module's allocator (see Cargo.toml).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: rlsf::SmallGlobalTlsf = rlsf::SmallGlobalTlsf::new();

thread_local! {
    /// The packs loaded with `loadPack`, for this page's lifetime. The module carries no pack:
    /// a page fetches its programme's compiled pack (`yoken pack build`; the npm package ships
    /// the built-in ones as `packs/<id>.ykp`) and loads it.
    static CATALOG: RefCell<Catalog> = RefCell::new(Catalog::new());
}

/// A JS `Error` with a stable `code` and the message in both languages.
fn js_error(code: Code, message: &Message) -> JsValue {
    let error = js_sys::Error::new(&message.en);
    error.set_name("YokenError");
    let _ = js_sys::Reflect::set(&error, &"code".into(), &code.as_str().into());
    let _ = js_sys::Reflect::set(&error, &"messageJa".into(), &message.ja.as_str().into());
    error.into()
}

/// The core's error as a thrown JS `Error`.
#[allow(clippy::needless_pass_by_value)] // used as `map_err(thrown)`
fn thrown(e: Error) -> JsValue {
    let mut message = e.message().clone();
    if !e.problems().is_empty() {
        // A refused pack: every problem, in both languages, as the command line prints them.
        let en = e.to_string();
        message = Message::new(format!("{}\n{en}", message.ja), en);
    }
    js_error(e.code(), &message)
}

/// Every result crosses the boundary one way: the core writes it as JSON text (the Report's own
/// writer) and the JS engine's `JSON.parse` makes the objects.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&yoken::to_json(value).map_err(thrown)?)
}

/// Reads `{trace: false, normalise: true, lang: "ja"}`: a flag that is not a boolean keeps the
/// default; a `lang` other than `"ja"` or `"en"` (or absent) is refused.
fn options(value: &JsValue) -> Result<Options, JsValue> {
    let get = |name: &str| js_sys::Reflect::get(value, &name.into()).ok();
    let flag = |name: &str| get(name).and_then(|v| v.as_bool());
    let lang = match get("lang").filter(|v| !v.is_undefined() && !v.is_null()) {
        None => None,
        Some(v) => Some(lang(&v)?),
    };
    let default = Options::default();
    Ok(Options {
        trace: flag("trace").unwrap_or(default.trace),
        normalise: flag("normalise").unwrap_or(default.normalise),
        lang,
    })
}

/// The option `lang`: `"ja"` or `"en"`; anything else is refused.
fn lang(v: &JsValue) -> Result<Lang, JsValue> {
    v.as_string()
        .as_deref()
        .and_then(Lang::from_code)
        .ok_or_else(|| {
            js_error(
                Code::OptionsInvalid,
                &Message::new(
                    "オプションの lang は \"ja\" か \"en\" です。",
                    "The option lang is \"ja\" or \"en\".",
                ),
            )
        })
}

/// Checks a form (a plain JS object) against a programme as of `today` (`YYYY-MM-DD` or 和暦);
/// `options` may be `{trace: false}` to leave the trace trees out (faster, for keystrokes),
/// `{normalise: true}` to add the form's normalised form (`normalised_form`) and `{lang: "ja"}`
/// (or `"en"`) to have every message in that one language (`yoken-report/2.2`).
///
/// The form crosses the boundary as JSON text made by the JS engine's own `JSON.stringify`, and
/// the Report comes back through `JSON.parse`: measured faster than serde-wasm-bindgen's object
/// walk for whole forms (see BENCHMARKS.md). As in JSON, `NaN` and `Infinity` become `null`.
#[wasm_bindgen]
pub fn validate(
    programme_id: &str,
    form: &JsValue,
    today: &str,
    options: &JsValue,
) -> Result<JsValue, JsValue> {
    let text = json_text(form)?;
    let json = CATALOG.with_borrow(|catalog| {
        catalog
            .validate_json_with(programme_id, &text, today, self::options(options)?)
            .map_err(thrown)
    })?;
    js_sys::JSON::parse(&json)
}

/// The same check as `validate`, under the name pages written against an earlier version call.
/// It walked the form and the Report as JS objects with serde-wasm-bindgen: measured slower than
/// JSON text (BENCHMARKS.md, "Size"), and it wrote a number of the normalised form
/// (`{normalise: true}`) as an object of serde_json's own; it now crosses as `validate` does.
#[wasm_bindgen(js_name = validateObject)]
pub fn validate_object(
    programme_id: &str,
    form: &JsValue,
    today: &str,
    options: &JsValue,
) -> Result<JsValue, JsValue> {
    validate(programme_id, form, today, options)
}

/// Checks a form given as JSON text; returns the Report as JSON text (the same bytes as native).
/// `trace` false leaves the trace trees out.
#[wasm_bindgen(js_name = validateJson)]
pub fn validate_json(
    programme_id: &str,
    form_json: &str,
    today: &str,
    trace: Option<bool>,
) -> Result<String, JsValue> {
    let default = Options::default();
    let options = Options {
        trace: trace.unwrap_or(default.trace),
        ..default
    };
    CATALOG.with_borrow(|catalog| {
        catalog
            .validate_json_with(programme_id, form_json, today, options)
            .map_err(thrown)
    })
}

/// A value as JSON text made by the JS engine's `JSON.stringify` (`undefined` becomes `null`).
fn json_text(value: &JsValue) -> Result<String, JsValue> {
    if value.is_undefined() {
        return Ok("null".to_owned());
    }
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            js_error(
                Code::FormNotJson,
                &Message::new(
                    "値を JSON にできません。",
                    "The value cannot be turned into JSON.",
                ),
            )
        })
}

/// Text made by `JSON.stringify` read back (it is always JSON; a failure would be a bug).
fn parse_value(text: &str) -> Result<serde_json::Value, JsValue> {
    yoken::read_form(text).map_err(thrown)
}

/// A field's value from the page: a string (what a keystroke sets) taken as it is, anything else
/// through its JSON. A string that is not valid UTF-16 (a lone surrogate) also goes through JSON,
/// which refuses it rather than replacing the character.
fn field_value(value: &JsValue) -> Result<serde_json::Value, JsValue> {
    match value.dyn_ref::<js_sys::JsString>() {
        Some(text) if text.is_valid_utf16() => Ok(serde_json::Value::String(String::from(text))),
        _ => parse_value(&json_text(value)?),
    }
}

/// A form being filled in, held beside the widget: `load` it once, then `set` each edited field;
/// every call re-evaluates only what the edit touched and answers with what changed (a
/// `yoken-delta/4.1` object). `report()` gives the full Report, byte for byte what `validate`
/// gives for the same form.
#[wasm_bindgen]
pub struct FormSession {
    inner: Session,
}

#[wasm_bindgen]
impl FormSession {
    /// A session for a programme on `today`; `options` as for `validate`.
    #[wasm_bindgen(constructor)]
    pub fn new(programme_id: &str, today: &str, options: &JsValue) -> Result<FormSession, JsValue> {
        let today = yoken::today(today).map_err(thrown)?;
        let programme = CATALOG
            .with_borrow(|catalog| catalog.shared(programme_id))
            .map_err(thrown)?;
        Ok(FormSession {
            inner: Session::new(programme, today, self::options(options)?),
        })
    }

    /// Replaces the whole form and returns the full Report.
    pub fn load(&mut self, form: &JsValue) -> Result<JsValue, JsValue> {
        self.inner
            .replace(parse_value(&json_text(form)?)?)
            .map_err(thrown)?;
        self.report()
    }

    /// Replaces the whole form (rows added or removed) and returns what changed.
    pub fn replace(&mut self, form: &JsValue) -> Result<JsValue, JsValue> {
        self.inner
            .replace(parse_value(&json_text(form)?)?)
            .map_err(thrown)?;
        self.delta()
    }

    /// Sets one field (`budget.lines[3].amount`) and returns what changed.
    pub fn set(&mut self, path: &str, value: &JsValue) -> Result<JsValue, JsValue> {
        self.inner.set(path, field_value(value)?).map_err(thrown)?;
        self.delta()
    }

    /// The full Report for the form as it stands.
    pub fn report(&mut self) -> Result<JsValue, JsValue> {
        let json = self.inner.report_json().map_err(thrown)?;
        js_sys::JSON::parse(&json)
    }

    fn delta(&mut self) -> Result<JsValue, JsValue> {
        let json = self.inner.delta_json().map_err(thrown)?;
        js_sys::JSON::parse(&json)
    }
}

/// Every loaded programme: its questions, clauses, sub-programmes, tables and form layout, so a
/// page can render a form.
#[wasm_bindgen]
pub fn programmes() -> Result<JsValue, JsValue> {
    let json = CATALOG.with_borrow(|catalog| {
        let list: Vec<&str> = catalog.iter().map(yoken::Programme::info_json).collect();
        format!("[{}]", list.join(","))
    });
    js_sys::JSON::parse(&json)
}

/// One programme's questions, clauses, sub-programmes, tables and form layout.
#[wasm_bindgen]
pub fn programme(id: &str) -> Result<JsValue, JsValue> {
    let json = CATALOG.with_borrow(|catalog| {
        catalog
            .programme(id)
            .map(|p| p.info_json().to_owned())
            .map_err(thrown)
    })?;
    js_sys::JSON::parse(&json)
}

/// Whether a programme is loaded (so a page loads each pack once).
#[wasm_bindgen(js_name = hasProgramme)]
#[must_use]
pub fn has_programme(id: &str) -> bool {
    CATALOG.with_borrow(|catalog| catalog.get(id).is_some())
}

/// Adds a compiled rule pack (the bytes of a `.ykp` file that `yoken pack build` wrote, having
/// checked the pack and run its example cases, as a `Uint8Array`) and returns its description as
/// `programme` does. A pack's JSON, or a pack compiled by another build of yoken, is refused with
/// what to do.
#[wasm_bindgen(js_name = loadPack)]
pub fn load_pack(compiled: &[u8]) -> Result<JsValue, JsValue> {
    let json = CATALOG.with_borrow_mut(|catalog| {
        catalog
            .load_compiled(compiled)
            .map(|p| p.info_json().to_owned())
            .map_err(thrown)
    })?;
    js_sys::JSON::parse(&json)
}

/// Plans the mails for an application's files (公募要領 第10 3 (6)): `files` is
/// `[{name, size, type}]` as the browser's File objects give them; `null` when the programme has
/// no submission rules.
#[wasm_bindgen(js_name = planSubmission)]
#[allow(clippy::needless_pass_by_value)] // wasm-bindgen hands optional JS strings over by value
pub fn plan_submission(
    programme_id: &str,
    files: &JsValue,
    applicant: Option<String>,
) -> Result<JsValue, JsValue> {
    let files = json_text(files)?;
    let json = CATALOG.with_borrow(|catalog| {
        catalog
            .plan_submission_json(programme_id, applicant.as_deref(), &files)
            .map_err(thrown)
    })?;
    js_sys::JSON::parse(&json)
}

/// Reads one amount field: `validateAmount("１２，３４５千円", "thousand_yen")`.
#[wasm_bindgen(js_name = validateAmount)]
pub fn validate_amount(text: &str, unit: &str) -> Result<JsValue, JsValue> {
    let unit = FieldUnit::named(unit).map_err(thrown)?;
    to_js(&check_amount(text, unit))
}

/// Reads one date field in 和暦 or 西暦: `parseWareki("R7.3.18")`.
#[wasm_bindgen(js_name = parseWareki)]
pub fn parse_wareki(text: &str) -> Result<JsValue, JsValue> {
    to_js(&check_date(text))
}

/// Formats a date (`2025-03-18`, or 和暦) in 和暦; used by the ICU oracle test.
#[wasm_bindgen(js_name = formatWareki)]
pub fn format_wareki(date: &str) -> Result<String, JsValue> {
    let date = yoken::date("date", date).map_err(thrown)?;
    Ok(yoken::text::wareki::format_wareki(date))
}

/// The days government offices are closed (行政機関の休日) from `from` to `to` (inclusive, at most
/// 3,700 days): `[{date, kind, name: {ja, en}}]`, for a page's date pickers.
#[wasm_bindgen(js_name = closedDays)]
pub fn closed_days(from: &str, to: &str) -> Result<JsValue, JsValue> {
    to_js(&yoken::closed_days(from, to).map_err(thrown)?)
}

/// The crate version, so a page can show which rules it runs.
#[wasm_bindgen]
#[must_use]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Installed when the module starts: a panic (a bug — yoken answers bad input with findings or
/// errors, never a panic) is logged to the console with its message and kept on
/// `globalThis.yokenLastPanic`, so the page can report it after the module traps and start a
/// fresh instance (the widget does; the applicant's input lives in the page, not here).
#[wasm_bindgen(start)]
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let text = format!("yoken panic: {info}");
        web_sys::console::error_1(&text.as_str().into());
        let _ = js_sys::Reflect::set(&js_sys::global(), &"yokenLastPanic".into(), &text.into());
    }));
}

/// Panics on purpose, so tests can check that a page survives a panic (see the widget's recovery).
///
/// # Panics
/// Always: that is what it is for.
#[wasm_bindgen(js_name = panicForTesting)]
#[allow(clippy::panic)]
pub fn panic_for_testing(reason: &str) {
    panic!("panicForTesting: {reason}");
}
