//! The compiled form of a pack (`yoken pack build`): the checked, runnable programme as JSON, with
//! what a page needs to render its form, for a build of yoken that does not read pack files (the
//! wasm module). Loading it only deserialises: the checks and the example cases ran when it was
//! built, by the same engine — a file built by another build of yoken is refused, never misread.
//!
//! Owns: the compiled form. Must not know: where the bytes come from.

use super::model::Programme;
use crate::finding::code::Code;
use crate::finding::error::Error;
use crate::finding::message::Message;
use serde::Deserialize;

/// The format tag of a compiled pack.
pub const COMPILED_FORMAT: &str = "yoken-compiled/1";

/// The engine that reads a compiled pack: the crate version and a fingerprint of the model's
/// source, so that a compiled pack is read only by the build whose model wrote it.
pub const ENGINE: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "+",
    env!("YOKEN_MODEL_FINGERPRINT")
);

/// The first keys of a compiled pack, read on their own when the whole cannot be read, to say why.
#[derive(Deserialize)]
struct Header {
    format: String,
    #[serde(default)]
    engine: String,
    #[serde(default)]
    id: String,
}

/// A compiled pack as read.
#[derive(Deserialize)]
struct Compiled {
    format: String,
    engine: String,
    info: String,
    programme: Programme,
}

/// Why a text is not a compiled pack this build can read: not one at all, a JSON pack, one from
/// another build, or a damaged one (`damage`: what reading it as a whole found).
fn not_compiled(text: &str, damage: Option<serde_json::Error>) -> Error {
    let header: Header = match serde_json::from_str(text) {
        Ok(header) => header,
        Err(e) => {
            return refused(
                format!("コンパイル済みのルールパックとして読めません：{e}"),
                format!("not a compiled rule pack: {e}"),
            )
        }
    };
    if header.format.starts_with("yoken-pack/") {
        return refused(
            format!("これはルールパックの JSON（{}）です。ブラウザでは `yoken pack build` で作ったコンパイル済みの形（.ykp）を読み込んでください。", header.format),
            format!("this is a rule pack's JSON ({}); the browser loads the compiled form that `yoken pack build` writes (.ykp)", header.format),
        );
    }
    if header.format != COMPILED_FORMAT {
        return refused(
            format!(
                "形式「{}」のファイルは読めません（{COMPILED_FORMAT} のみ）。",
                header.format
            ),
            format!(
                "a file of format \"{}\" cannot be read (only {COMPILED_FORMAT})",
                header.format
            ),
        );
    }
    if header.engine != ENGINE {
        return refused(
            format!(
                "パック「{}」は別の版の yoken（{}）で作られています。この版（{ENGINE}）の `yoken pack build` で作り直してください。",
                header.id, header.engine
            ),
            format!(
                "pack \"{}\" was built by another build of yoken ({}); build it again with this one's `yoken pack build` ({ENGINE})",
                header.id, header.engine
            ),
        );
    }
    let damage = damage.map_or_else(String::new, |e| e.to_string());
    refused(
        format!("コンパイル済みのルールパックが壊れています：{damage}"),
        format!("the compiled rule pack is damaged: {damage}"),
    )
}

fn refused(ja: String, en: String) -> Error {
    Error::new(Code::PackInvalid, Message::new(ja, en))
}

impl Programme {
    /// Reads a compiled pack (`yoken pack build`). A JSON pack, a compiled pack from another
    /// build of yoken, or a damaged file is refused with what to do. The programme read has no
    /// example cases (they ran when it was compiled) and no 様式 layouts.
    pub fn from_compiled(text: &str) -> Result<Programme, Error> {
        // One pass over the text when it is what this build wrote; the header alone, read again,
        // says why when it is not.
        match serde_json::from_str::<Compiled>(text) {
            Ok(compiled) if compiled.format == COMPILED_FORMAT && compiled.engine == ENGINE => {
                let mut programme = compiled.programme;
                programme.info_json = compiled.info;
                Ok(programme)
            }
            whole => Err(not_compiled(text, whole.err())),
        }
    }

    /// The compiled form of this programme (what `yoken pack build` writes), as JSON text. The
    /// same pack always gives the same bytes.
    #[cfg(feature = "pack-json")]
    #[must_use]
    pub fn compiled(&self) -> String {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            format: &'a str,
            engine: &'a str,
            id: &'a str,
            info: &'a str,
            programme: &'a Programme,
        }
        // The example cases ran when the pack was compiled, and the 様式 layouts stay in the
        // pack's JSON (the writer reads them there): the compiled form carries neither. What only
        // the checker and the page's description read (the clauses' texts, the non-goals, the
        // form's layout) stays, so that a native build reading it describes it whole; a build
        // without `pack-json` has no fields for any of these and skips them, so its module
        // carries no code to read them.
        let mut lean = self.clone();
        lean.spec.documents.clear();
        lean.spec.cases.clear();
        serde_json::to_string(&Out {
            format: COMPILED_FORMAT,
            engine: ENGINE,
            id: self.id(),
            info: &self.info_json,
            programme: &lean,
        })
        .unwrap_or_default()
    }
}
