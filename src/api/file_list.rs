//! A list of an application's files as JSON (`[{name, size, type}]`, what a browser's `File`
//! objects give) → [`FileEntry`]s, or the `files.invalid` refusal naming the entry and the key.
//!
//! Owns: reading the file list a page hands over. Must not know: how mails are planned.

use crate::eval::submission::FileEntry;
use crate::finding::code::Code;
use crate::finding::error::Error;
use crate::finding::message::Message;
use crate::read::json::form_text;
use serde_json::Value;

/// Reads a file list's JSON text as a form's is read (strictly); text that is not JSON, or an
/// object with a key given twice, is the `files.invalid` refusal saying where.
pub(crate) fn file_list_text(text: &str) -> Result<Value, Error> {
    form_text(text).map_err(|e| match e.position() {
        Some((line, column)) => refused(
            &format!("ファイルの一覧が JSON として読めません（{line}行{column}列）。"),
            &format!("The file list is not valid JSON (line {line}, column {column})."),
        ),
        None => refused(
            "ファイルの一覧が JSON として読めません。",
            "The file list is not valid JSON.",
        ),
    })
}

/// Reads every entry: `name` text, `size` a whole number of bytes (0 or more), `type` text or
/// left out (`null` too: the type is unknown). Other keys (`lastModified`, …) are not read.
pub(crate) fn file_entries(files: &Value) -> Result<Vec<FileEntry>, Error> {
    let Value::Array(list) = files else {
        return Err(refused(
            "ファイルの一覧が配列（[{name, size, type}, …]）ではありません。",
            "The file list is not an array ([{name, size, type}, …]).",
        ));
    };
    list.iter()
        .enumerate()
        .map(|(i, entry)| file_entry(i, entry))
        .collect()
}

/// One entry, `files[i]`.
fn file_entry(i: usize, entry: &Value) -> Result<FileEntry, Error> {
    let Value::Object(fields) = entry else {
        return Err(refused(
            &format!("files[{i}] がオブジェクト（{{name, size, type}}）ではありません。"),
            &format!("files[{i}] is not an object ({{name, size, type}})."),
        ));
    };
    let name = match fields.get("name") {
        Some(Value::String(name)) => name.clone(),
        _ => {
            return Err(refused(
                &format!("files[{i}].name：ファイル名を文字列で書いてください。"),
                &format!("files[{i}].name: give the file's name as text."),
            ))
        }
    };
    let size = match fields.get("size") {
        Some(Value::Number(size)) => size.as_u64(),
        _ => None,
    };
    let Some(size) = size else {
        return Err(refused(
            &format!(
                "files[{i}].size：ファイルの大きさをバイト数（0 以上の整数）で書いてください。"
            ),
            &format!("files[{i}].size: give the file's size in bytes (a whole number, 0 or more)."),
        ));
    };
    let mime = match fields.get("type") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(mime)) => mime.clone(),
        Some(_) => {
            return Err(refused(
                &format!(
                "files[{i}].type：ファイルの種類（MIME タイプ）を文字列で書くか、省いてください。"
            ),
                &format!("files[{i}].type: give the file's MIME type as text, or leave it out."),
            ))
        }
    };
    Ok(FileEntry { name, size, mime })
}

/// The `files.invalid` refusal.
#[cold]
fn refused(ja: &str, en: &str) -> Error {
    Error::new(Code::FilesInvalid, Message::new(ja, en))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn read(text: &str) -> Result<Vec<FileEntry>, Error> {
        file_entries(&file_list_text(text)?)
    }

    fn refusal(text: &str) -> String {
        let e = read(text).expect_err(text);
        assert_eq!(e.code(), Code::FilesInvalid, "{text}");
        format!("{} / {}", e.message().ja, e.message().en)
    }

    #[test]
    fn reads_names_sizes_and_types() {
        let files = read(
            r#"[{"name":"a.pdf","size":10,"type":"application/pdf","lastModified":1},
                {"name":"b.xlsx","size":0},{"name":"c","size":18446744073709551615,"type":null}]"#,
        )
        .expect("a good list");
        assert_eq!(
            files,
            [
                FileEntry {
                    name: "a.pdf".into(),
                    size: 10,
                    mime: "application/pdf".into()
                },
                FileEntry {
                    name: "b.xlsx".into(),
                    size: 0,
                    mime: String::new()
                },
                FileEntry {
                    name: "c".into(),
                    size: u64::MAX,
                    mime: String::new()
                },
            ]
        );
        assert_eq!(read("[]").expect("empty"), []);
    }

    #[test]
    fn refuses_what_it_cannot_read_naming_the_entry_and_key() {
        for (text, named) in [
            (r#"{"name":"a","size":1}"#, "[{name, size, type}"),
            (r#"[{"name":"a","size":1},"b"]"#, "files[1] "),
            (r#"[{"size":1}]"#, "files[0].name"),
            (r#"[{"name":7,"size":1}]"#, "files[0].name"),
            (r#"[{"name":"a","size":-1}]"#, "files[0].size"),
            (r#"[{"name":"a","size":1.5}]"#, "files[0].size"),
            (r#"[{"name":"a","size":1e3}]"#, "files[0].size"),
            (r#"[{"name":"a","size":"1"}]"#, "files[0].size"),
            (
                r#"[{"name":"a","size":18446744073709551616}]"#,
                "files[0].size",
            ),
            (r#"[{"name":"a","size":1,"type":false}]"#, "files[0].type"),
            (r#"[{"name":"a","name":"b","size":1}]"#, "(line 1, column"),
            ("[{", "JSON として読めません（1行3列）"),
            ("[{", "not valid JSON (line 1, column 3)"),
        ] {
            let shown = refusal(text);
            assert!(shown.contains(named), "{text}: {shown}");
        }
    }
}
