//! The compiled form of a pack (`yoken pack build`): the checked, runnable programme in a compact
//! binary form (the crate's own `pack::binary`), with what a page needs to render its form, for
//! a build of yoken that does not read pack files (the wasm module). Loading it only
//! deserialises: the checks and the example cases ran when it was built, by the same engine — a
//! file built by another build of yoken is refused, never misread.
//!
//! A file is four text lines — the format, the engine, the programme id, a checksum of the body
//! — then the body: the page's description (JSON text) and the programme. The lines alone say
//! why a file cannot be read; a file that starts with `{` is JSON (a pack, or a compiled pack of
//! format 1). The checksum (64-bit FNV-1a, `pack::fingerprint`) finds a damaged file before it
//! is read: any one byte changed changes it.
//!
//! Owns: the compiled form. Must not know: where the bytes come from.

#[cfg(feature = "pack-json")]
use super::binary;
use super::fingerprint::fingerprint;
use super::model::Programme;
use crate::finding::code::Code;
use crate::finding::error::Error;
use crate::finding::message::Message;
use crate::text::json_text::json_text;
use serde_json::Value;

/// The format tag of a compiled pack.
pub const COMPILED_FORMAT: &str = "yoken-compiled/2";

/// The engine that reads a compiled pack: the crate version and a fingerprint of the model's
/// source, so that a compiled pack is read only by the build whose model wrote it.
pub const ENGINE: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "+",
    env!("YOKEN_MODEL_FINGERPRINT")
);

/// Why a JSON text is not a compiled pack this build reads: a pack's JSON, a compiled pack of the
/// first format (JSON), or something else.
fn not_compiled_json(text: &str) -> Error {
    let header = match json_text(text) {
        Ok(header) => header,
        Err(fault) => {
            let (line, column) = (fault.line, fault.column);
            let reason = fault.reason();
            return refused(
                format!(
                    "コンパイル済みのルールパックとして読めません：{}（{line}行{column}列）",
                    reason.ja
                ),
                format!(
                    "not a compiled rule pack: {} at line {line} column {column}",
                    reason.en
                ),
            );
        }
    };
    let Some(format) = header.get("format").and_then(Value::as_str) else {
        return refused(
            "コンパイル済みのルールパックとして読めません：「format」（文字列）がありません"
                .to_owned(),
            "not a compiled rule pack: it has no \"format\" string".to_owned(),
        );
    };
    if format.starts_with("yoken-pack/") {
        return refused(
            format!("これはルールパックの JSON（{format}）です。ブラウザでは `yoken pack build` で作ったコンパイル済みの形（.ykp）を読み込んでください。"),
            format!("this is a rule pack's JSON ({format}); the browser loads the compiled form that `yoken pack build` writes (.ykp)"),
        );
    }
    unknown_format(format)
}

/// A format this build does not read (its tag shown to 40 characters: the line may be anything).
fn unknown_format(format: &str) -> Error {
    let format: String = format.chars().take(40).collect();
    refused(
        format!("形式「{format}」のファイルは読めません（{COMPILED_FORMAT} のみ）。この版の `yoken pack build` で作り直してください。"),
        format!("a file of format \"{format}\" cannot be read (only {COMPILED_FORMAT}); build it again with this yoken's `yoken pack build`"),
    )
}

fn damaged(why: &str) -> Error {
    refused(
        format!("コンパイル済みのルールパックが壊れています：{why}"),
        format!("the compiled rule pack is damaged: {why}"),
    )
}

fn refused(ja: String, en: String) -> Error {
    Error::new(Code::PackInvalid, Message::new(ja, en))
}

/// The header's four lines and the body after them; `None` when the bytes do not start so.
fn header(bytes: &[u8]) -> Option<([&str; 4], &[u8])> {
    let mut lines = [""; 4];
    let mut rest = bytes;
    for line in &mut lines {
        let end = rest.iter().take(512).position(|&b| b == b'\n')?;
        *line = std::str::from_utf8(&rest[..end]).ok()?;
        rest = &rest[end + 1..];
    }
    Some((lines, rest))
}

impl Programme {
    /// Reads a compiled pack (`yoken pack build`). A JSON pack, a compiled pack from another
    /// build of yoken, or a damaged file is refused with what to do. The programme read has no
    /// example cases (they ran when it was compiled) and no 様式 layouts.
    pub fn from_compiled(bytes: &[u8]) -> Result<Programme, Error> {
        if bytes.trim_ascii_start().starts_with(b"{") {
            return Err(not_compiled_json(&String::from_utf8_lossy(bytes)));
        }
        let Some(([format, engine, id, sum], body)) = header(bytes) else {
            let first = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
            if let Some(format) = std::str::from_utf8(first)
                .ok()
                .filter(|f| f.starts_with("yoken-") && *f != COMPILED_FORMAT)
            {
                return Err(unknown_format(format));
            }
            return Err(refused(
                "コンパイル済みのルールパック（yoken pack build が書く .ykp）ではありません。"
                    .to_owned(),
                "not a compiled rule pack (the .ykp that yoken pack build writes)".to_owned(),
            ));
        };
        if format != COMPILED_FORMAT {
            return Err(unknown_format(format));
        }
        if engine != ENGINE {
            return Err(refused(
                format!("パック「{id}」は別の版の yoken（{engine}）で作られています。この版（{ENGINE}）の `yoken pack build` で作り直してください。"),
                format!("pack \"{id}\" was built by another build of yoken ({engine}); build it again with this one's `yoken pack build` ({ENGINE})"),
            ));
        }
        if sum != fingerprint(body) {
            return Err(damaged("its checksum does not match its bytes"));
        }
        let (info, mut programme): (String, Programme) =
            super::decode::from_bytes(body).map_err(|e| damaged(&e.to_string()))?;
        if programme.id() != id {
            return Err(damaged(&format!(
                "the header names \"{id}\", the body \"{}\"",
                programme.id()
            )));
        }
        programme.info_json = info;
        Ok(programme)
    }

    /// The compiled form of this programme (what `yoken pack build` writes). The same pack
    /// always gives the same bytes, and the bytes are read back before they are given out: a
    /// programme that would not read back the same is an error, never a file.
    #[cfg(feature = "pack-json")]
    pub fn compiled(&self) -> Result<Vec<u8>, Error> {
        // The example cases ran when the pack was compiled, and the 様式 layouts stay in the
        // pack's JSON (the writer reads them there): the compiled form carries neither. What only
        // the checker and the page's description read (the clauses' texts, the non-goals, the
        // form's layout) stays, so that a native build reading it describes it whole; a build
        // without `pack-json` has no fields for any of these and skips them, so its module
        // carries no code to read them.
        let mut lean = self.clone();
        lean.spec.documents.clear();
        lean.spec.cases.clear();
        let body =
            binary::to_bytes(&(&self.info_json, &lean)).map_err(|e| damaged(&e.to_string()))?;
        let mut out = format!(
            "{COMPILED_FORMAT}\n{ENGINE}\n{}\n{}\n",
            self.id(),
            fingerprint(&body)
        )
        .into_bytes();
        out.extend_from_slice(&body);
        let read = Programme::from_compiled(&out)?;
        let same = read.info_json == self.info_json
            && matches!(
                (serde_json::to_string(&read), serde_json::to_string(&lean)),
                (Ok(read), Ok(written)) if read == written
            );
        if !same {
            return Err(damaged(
                "the compiled form does not read back as the programme written",
            ));
        }
        Ok(out)
    }
}

#[cfg(all(test, feature = "pack-json"))]
mod tests {
    use super::header;
    use crate::pack::decode::from_bytes;
    use crate::Programme;

    #[test]
    fn a_damaged_pack_body_is_refused_or_read_never_a_panic() {
        // The checksum refuses damage before the body is read; this is the body a hostile file
        // with a recomputed checksum would hand the reader.
        for p in crate::Catalog::new().iter() {
            let compiled = p.compiled().unwrap();
            let (_, body) = header(&compiled).unwrap();
            let (info, read) = from_bytes::<(String, Programme)>(body).unwrap();
            assert_eq!(info, p.info_json(), "{}", p.id());
            assert_eq!(read.id(), p.id());
            for cut in (0..body.len()).step_by(997) {
                assert!(from_bytes::<(String, Programme)>(&body[..cut]).is_err());
            }
            for at in (0..body.len()).step_by(499) {
                let mut changed = body.to_vec();
                changed[at] ^= 0x5A;
                let _ = from_bytes::<(String, Programme)>(&changed);
            }
        }
    }
}
