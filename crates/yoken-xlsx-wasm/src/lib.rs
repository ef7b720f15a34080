//! The browser's 様式 writer, a wasm module of its own (`pkg/xlsx/`): the widget loads it only
//! when the applicant asks for the 様式 files, hands it the programme's pack as JSON (which holds
//! the layouts; the compiled pack the checker loads leaves them out), and gets back one `.xlsx`
//! per 様式 — made offline, by the same core and layouts as `yoken render`
//! (the same form and day give the same bytes).
//!
//! A call that cannot be served throws a JS `Error` named `YokenError` with the core's `code`,
//! `messageJa` and an English `message`, as the main module does.
#![forbid(unsafe_code)]

use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use yoken::{Catalog, Error, Options};

thread_local! {
    /// The packs loaded with `loadPack`.
    static CATALOG: RefCell<Catalog> = RefCell::new(Catalog::new());
}

/// The core's error as a thrown JS `Error`.
#[allow(clippy::needless_pass_by_value)] // used as `map_err(thrown)`
fn thrown(e: Error) -> JsValue {
    let error = js_sys::Error::new(&e.message().en);
    error.set_name("YokenError");
    let _ = js_sys::Reflect::set(&error, &"code".into(), &e.code().as_str().into());
    let _ = js_sys::Reflect::set(&error, &"messageJa".into(), &e.message().ja.as_str().into());
    error.into()
}

/// Whether a programme is loaded.
#[wasm_bindgen(js_name = hasProgramme)]
#[must_use]
pub fn has_programme(id: &str) -> bool {
    CATALOG.with_borrow(|catalog| catalog.get(id).is_some())
}

/// Adds a rule pack from its JSON (`packs/<id>.json` beside the compiled one): checked and its
/// example cases run, as everywhere a pack's JSON is read.
#[wasm_bindgen(js_name = loadPack)]
pub fn load_pack(json: &str) -> Result<(), JsValue> {
    CATALOG.with_borrow_mut(|catalog| catalog.load(json).map(|_| ()).map_err(thrown))
}

/// Makes a form's 様式 (the form as JSON text, checked on `today`): `[{file, title: {ja, en},
/// bytes: Uint8Array}]`, one per 様式 the form asks for. A form with errors is refused
/// (`document.form_has_errors`) unless `withFindings`, which lists them on a cover sheet.
#[wasm_bindgen]
pub fn documents(
    programme_id: &str,
    form_json: &str,
    today: &str,
    with_findings: bool,
) -> Result<js_sys::Array, JsValue> {
    let today = yoken::today(today).map_err(thrown)?;
    let books = CATALOG.with_borrow(|catalog| {
        let options = Options {
            trace: false,
            ..Options::default()
        };
        let report = catalog.validate_bytes(programme_id, form_json.as_bytes(), today, options)?;
        // The form is JSON: validate_bytes has read it.
        let form: serde_json::Value = serde_json::from_str(form_json).unwrap_or_default();
        yoken_xlsx::workbooks(catalog, programme_id, &form, &report, today, with_findings)
    });
    let out = js_sys::Array::new();
    for book in books.map_err(thrown)? {
        let item = js_sys::Object::new();
        let title = js_sys::Object::new();
        js_sys::Reflect::set(&title, &"ja".into(), &book.title.ja.as_str().into())?;
        js_sys::Reflect::set(&title, &"en".into(), &book.title.en.as_str().into())?;
        js_sys::Reflect::set(&item, &"file".into(), &book.file.as_str().into())?;
        js_sys::Reflect::set(&item, &"title".into(), &title)?;
        js_sys::Reflect::set(
            &item,
            &"bytes".into(),
            &js_sys::Uint8Array::from(book.bytes.as_slice()),
        )?;
        out.push(&item);
    }
    Ok(out)
}
