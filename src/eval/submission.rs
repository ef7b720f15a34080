//! The submission package (公募要領 第10 3 (6)): the files an applicant will e-mail, checked and
//! grouped into mails before sending — all computed here, so the page only lists what it gets.
//!
//! - Archives are refused (「添付するファイルは圧縮せずに」), by extension or MIME type.
//! - Mails hold at most `max_mail_bytes`, counted as sent: each attachment base64-encoded
//!   (4 bytes per 3, a CRLF every 76 characters) plus a per-part header allowance, and each mail
//!   an allowance for its headers and body. A file too large for any mail is refused.
//! - Files are packed first-fit in decreasing size (fewest mails in practice), deterministically.
//! - One mail: 「…申請書類（応募者名）」; several: 「…（応募者名・その○／△）」.
//!
//! Owns: the mail plan. Must not know: how the files were picked (a browser's File objects or a
//! directory).

use crate::finding::message::Message;
use crate::pack::spec::SubmissionSpec;
use serde::{Deserialize, Serialize};

/// Bytes allowed per attachment for its MIME part headers (type, encoded file name).
pub(crate) const PART_HEADER_BYTES: u64 = 512;

/// A file the applicant picked: its name, size and MIME type (as the browser reports them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FileEntry {
    /// The file name.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its MIME type, if known.
    #[serde(default, rename = "type")]
    pub mime: String,
}

/// One mail to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Mail {
    /// Its number (1-based).
    pub number: usize,
    /// Its subject.
    pub subject: String,
    /// The files it carries, in the order picked.
    pub files: Vec<String>,
    /// Its size as sent (bytes).
    pub bytes: u64,
    /// Its size as shown (`6.5 MB`).
    pub display: String,
}

/// A file that cannot be sent, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RefusedFile {
    /// The file name.
    pub name: String,
    /// Why.
    pub reason: Message,
}

/// The plan: the mails to send, the files refused, and what the body must say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SubmissionPlan {
    /// The clause.
    pub clause: String,
    /// Whether every file can be sent.
    pub ok: bool,
    /// The mails.
    pub mails: Vec<Mail>,
    /// Files that cannot be sent.
    pub refused: Vec<RefusedFile>,
    /// Other notes (no files, no applicant name, duplicate names).
    pub notes: Vec<Message>,
    /// What the mail body must state.
    pub body_items: Vec<Message>,
    /// The largest mail allowed, as shown.
    pub limit: String,
    /// The reading chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Message>,
}

/// The size of a file as an attachment in a mail.
#[must_use]
pub(crate) fn encoded_size(size: u64) -> u64 {
    let base64 = size.div_ceil(3).saturating_mul(4);
    base64
        .saturating_add(base64.div_ceil(76).saturating_mul(2))
        .saturating_add(PART_HEADER_BYTES)
}

/// `6,543,210` bytes as `6.5 MB` (MB = 1,000,000 bytes, rounded half up to one decimal).
#[must_use]
pub(crate) fn megabytes(bytes: u64) -> String {
    let tenths = bytes.saturating_add(50_000) / 100_000;
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

fn is_archive(spec: &SubmissionSpec, file: &FileEntry) -> bool {
    let name = file.name.to_ascii_lowercase();
    let by_extension = spec
        .archive_extensions
        .iter()
        .any(|e| name.ends_with(&format!(".{}", e.to_ascii_lowercase())));
    by_extension
        || spec
            .archive_types
            .iter()
            .any(|t| t.eq_ignore_ascii_case(file.mime.trim()))
}

/// Plans the mails for `files` sent by `applicant`.
#[must_use]
pub(crate) fn plan(
    spec: &SubmissionSpec,
    applicant: Option<&str>,
    files: &[FileEntry],
) -> SubmissionPlan {
    let capacity = spec.max_mail_bytes.saturating_sub(spec.overhead_bytes);
    let mut notes = Vec::new();
    let mut refused = Vec::new();
    let mut sendable: Vec<(usize, &FileEntry, u64)> = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let size = encoded_size(f.size);
        if is_archive(spec, f) {
            refused.push(RefusedFile {
                name: f.name.clone(),
                reason: Message::new(
                    format!(
                        "圧縮ファイルは送れません。圧縮せずに添付してください（{}）。",
                        spec.clause
                    ),
                    format!(
                        "Archives are not accepted: attach the files uncompressed ({}).",
                        spec.clause
                    ),
                ),
            });
        } else if size > capacity {
            refused.push(RefusedFile {
                name: f.name.clone(),
                reason: Message::new(
                    format!("メールで送ると{}になり、1通の上限{}を超えます。ファイルを分けてください（{}）。", megabytes(size), megabytes(spec.max_mail_bytes), spec.clause),
                    format!("Sent by mail it is {}, over the {} limit for one mail; split the file ({}).", megabytes(size), megabytes(spec.max_mail_bytes), spec.clause),
                ),
            });
        } else {
            sendable.push((i, f, size));
        }
    }
    let mut seen = std::collections::HashSet::new();
    for f in files {
        if !seen.insert(f.name.as_str()) {
            notes.push(Message::new(
                format!("同じ名前のファイル「{}」が複数あります。", f.name),
                format!("More than one file is named \"{}\".", f.name),
            ));
        }
    }
    if files.is_empty() {
        notes.push(Message::new(
            "送付するファイルを選んでください。",
            "Choose the files to send.",
        ));
    }
    // First fit, largest first; ties by the order picked.
    let mut order = sendable.clone();
    order.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    let mut bins: Vec<(u64, Vec<(usize, &FileEntry)>)> = Vec::new();
    for (i, f, size) in order {
        match bins
            .iter_mut()
            .find(|(used, _)| used.saturating_add(size) <= capacity)
        {
            Some((used, items)) => {
                *used += size;
                items.push((i, f));
            }
            None => bins.push((size, vec![(i, f)])),
        }
    }
    let name = applicant.map(str::trim).filter(|n| !n.is_empty());
    if name.is_none() && !bins.is_empty() {
        notes.push(Message::new(
            "件名に入れる応募者名を入力してください。",
            "Enter the applicant's name for the subject.",
        ));
    }
    let name = name.unwrap_or("応募者名");
    let total = bins.len();
    let mails = bins
        .into_iter()
        .enumerate()
        .map(|(k, (used, mut items))| {
            items.sort_by_key(|(i, _)| *i);
            let subject = if total == 1 {
                spec.subject.replace("{applicant}", name)
            } else {
                spec.part_subject
                    .replace("{applicant}", name)
                    .replace("{n}", &(k + 1).to_string())
                    .replace("{total}", &total.to_string())
            };
            let bytes = used + spec.overhead_bytes;
            Mail {
                number: k + 1,
                subject,
                files: items.into_iter().map(|(_, f)| f.name.clone()).collect(),
                bytes,
                display: megabytes(bytes),
            }
        })
        .collect();
    SubmissionPlan {
        clause: spec.clause.clone(),
        ok: refused.is_empty() && !files.is_empty(),
        mails,
        refused,
        notes,
        body_items: spec.body_items.clone(),
        limit: megabytes(spec.max_mail_bytes),
        reading: spec.reading.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn spec() -> SubmissionSpec {
        SubmissionSpec {
            clause: "第10 3 (6)".into(),
            applicant_question: "applicant.name".into(),
            subject: "令和7年度模倣品等対策事業に係る申請書類（{applicant}）".into(),
            part_subject:
                "令和7年度模倣品等対策事業に係る申請書類（{applicant}・その{n}／{total}）".into(),
            max_mail_bytes: 7_000_000,
            overhead_bytes: 20_000,
            archive_extensions: vec!["zip".into(), "7z".into()],
            archive_types: vec!["application/zip".into()],
            body_items: vec![Message::new("連絡先", "contact details")],
            reading: None,
        }
    }

    fn file(name: &str, size: u64) -> FileEntry {
        FileEntry {
            name: name.into(),
            size,
            mime: String::new(),
        }
    }

    #[test]
    fn sizes_are_counted_as_sent() {
        assert_eq!(encoded_size(0), 512);
        assert_eq!(encoded_size(3), 4 + 2 + 512);
        // 3 MB of file is 4 MB of base64 plus line breaks.
        assert_eq!(encoded_size(3_000_000), 4_000_000 + 2 * 52_632 + 512);
        assert_eq!(megabytes(6_949_999), "6.9 MB");
        assert_eq!(megabytes(6_950_000), "7.0 MB");
    }

    #[test]
    fn one_mail_when_everything_fits() {
        let p = plan(
            &spec(),
            Some("一般社団法人 品種保護協会"),
            &[
                file("様式1-1.pdf", 1_000_000),
                file("様式1-4.xlsx", 200_000),
            ],
        );
        assert!(p.ok);
        assert_eq!(p.mails.len(), 1);
        assert_eq!(
            p.mails[0].subject,
            "令和7年度模倣品等対策事業に係る申請書類（一般社団法人 品種保護協会）"
        );
        assert_eq!(p.mails[0].files, ["様式1-1.pdf", "様式1-4.xlsx"]);
    }

    #[test]
    fn several_mails_are_numbered_and_never_over_the_limit() {
        let files: Vec<FileEntry> = (1..=6)
            .map(|i| file(&format!("f{i}.pdf"), 2_000_000))
            .collect();
        let p = plan(&spec(), Some("A"), &files);
        // 2,000,000 bytes is 2.67 MB encoded: two per mail.
        assert_eq!(p.mails.len(), 3);
        assert_eq!(
            p.mails[2].subject,
            "令和7年度模倣品等対策事業に係る申請書類（A・その3／3）"
        );
        assert!(p.mails.iter().all(|m| m.bytes <= 7_000_000));
        assert_eq!(p.mails.iter().map(|m| m.files.len()).sum::<usize>(), 6);
    }

    #[test]
    fn archives_and_oversized_files_are_refused() {
        let p = plan(
            &spec(),
            None,
            &[
                file("書類.ZIP", 10),
                FileEntry {
                    name: "x.bin".into(),
                    size: 10,
                    mime: "application/zip".into(),
                },
                file("大きい.pdf", 6_000_000),
                file("ok.pdf", 10),
            ],
        );
        assert!(!p.ok);
        assert_eq!(
            p.refused
                .iter()
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>(),
            ["書類.ZIP", "x.bin", "大きい.pdf"]
        );
        assert_eq!(p.mails.len(), 1);
        assert!(p.mails[0].subject.contains("（応募者名）"));
        assert!(!p.notes.is_empty());
    }
}
