//! The 様式 as files through the real binary and server: `yoken render` writes them, `yoken
//! check` and `POST /v1/programmes/{id}/documents` read them back to the Report the form gives,
//! with each finding at its cell; files that are not the 様式 are named and refused.

use crate::server::{request_as, Server};
use crate::util::{read_case, root};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn yoken(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yoken"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yoken-docs-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes a spec case's form to `dir/form.json`; gives its path and day.
fn case_form(programme: &str, name: &str, dir: &Path) -> (PathBuf, String, Value) {
    let case = read_case(&root().join(format!("tests/cases/{programme}/{name}.form.json")));
    let path = dir.join("form.json");
    std::fs::write(&path, case.form.to_string()).unwrap();
    (path, case.today, case.form)
}

fn native(programme: &str, form: &Value, today: &str) -> Value {
    serde_json::from_str(
        &yoken::Catalog::new()
            .validate_json(programme, &form.to_string(), today)
            .unwrap(),
    )
    .unwrap()
}

fn render(programme: &str, form: &Path, out: &Path, today: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "render",
        "-p",
        programme,
        form.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--today",
        today,
    ];
    args.extend_from_slice(extra);
    yoken(&args)
}

#[test]
fn rendered_files_checked_by_the_officer_give_the_forms_report_with_cells() {
    for (programme, name, expect_files) in [
        ("maff-mohouhin-r7", "a26-budget-consistent-total", 2),
        ("maff-hinshu-r7", "b22-plan-sums-groups-and-categories", 1),
        ("maff-hinshu-r7", "b20-application-half-rate-table", 1),
    ] {
        let dir = scratch(name);
        let (form_path, today, form) = case_form(programme, name, &dir);
        let out = dir.join("out");
        // Some of these forms have findings: the files are written with them on a cover sheet,
        // which reading passes over.
        let rendered = render(programme, &form_path, &out, &today, &["--with-findings"]);
        let said = String::from_utf8_lossy(&rendered.stdout).into_owned();
        assert_eq!(
            rendered.status.code(),
            Some(0),
            "{said}{}",
            String::from_utf8_lossy(&rendered.stderr)
        );
        let files: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
        assert_eq!(files.len(), expect_files, "{said}");
        // Each file is listed with its real size.
        for f in &files {
            let f = f.as_ref().unwrap();
            let size = f.metadata().unwrap().len();
            assert!(said.contains(&format!("{size} bytes")), "{said}");
        }
        let checked = yoken(&[
            "check",
            "-p",
            programme,
            "--today",
            &today,
            "--format",
            "json",
            out.to_str().unwrap(),
        ]);
        let answer: Value = serde_json::from_slice(&checked.stdout).unwrap();
        assert_eq!(
            answer["application"]["report"],
            native(programme, &form, &today),
            "{name}"
        );
        let findings = answer["application"]["findings"].as_array().unwrap();
        assert_eq!(
            findings.len(),
            answer["application"]["report"]["diagnostics"]
                .as_array()
                .unwrap()
                .len()
        );
    }
}

#[test]
fn a_finding_in_a_cost_line_is_shown_at_its_cell() {
    let dir = scratch("cap");
    let (form_path, today, form) = case_form(
        "maff-mohouhin-r7",
        "a22-budget-forbidden-and-excluded-costs",
        &dir,
    );
    let out = dir.join("out");
    // The form has errors: nothing is written unless asked, and then with a cover sheet.
    let refused = render("maff-mohouhin-r7", &form_path, &out, &today, &[]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--with-findings"));
    assert!(!out.exists());
    let written = render(
        "maff-mohouhin-r7",
        &form_path,
        &out,
        &today,
        &["--with-findings"],
    );
    assert_eq!(written.status.code(), Some(0));
    for f in std::fs::read_dir(&out).unwrap() {
        let path = f.unwrap().path();
        let book = yoken_xlsx::read("x.xlsx", &std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(book.sheets[0].name, "確認結果", "{}", path.display());
    }
    let checked = yoken(&[
        "check",
        "-p",
        "maff-mohouhin-r7",
        "--today",
        &today,
        out.to_str().unwrap(),
    ]);
    assert_eq!(checked.status.code(), Some(1));
    let text = String::from_utf8_lossy(&checked.stdout);
    assert!(text.contains("セルごとの確認結果"), "{text}");
    let report = native("maff-mohouhin-r7", &form, &today);
    let line_finding = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"].as_str().unwrap().starts_with("budget.lines["))
        .unwrap();
    let path = line_finding["path"].as_str().unwrap();
    let row: usize = path["budget.lines[".len()..path.find(']').unwrap()]
        .parse()
        .unwrap();
    assert!(
        text.lines().any(|l| l.contains(path)
            && l.contains("別紙様式1-4!")
            && l.contains(&format!("{}", 7 + row))),
        "{path} at row {}:\n{text}",
        7 + row
    );
}

#[test]
fn a_workbook_of_another_layout_is_refused_naming_the_cells() {
    let dir = scratch("other");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("別紙様式1-4").unwrap();
    sheet.write_string(0, 0, "別紙様式1－4（旧）").unwrap();
    sheet.write_string(5, 0, "区分").unwrap();
    book.save(dir.join("old.xlsx")).unwrap();
    let checked = yoken(&[
        "check",
        "-p",
        "maff-mohouhin-r7",
        "--format",
        "json",
        dir.join("old.xlsx").to_str().unwrap(),
    ]);
    assert_eq!(checked.status.code(), Some(2));
    let answer: Value = serde_json::from_slice(&checked.stdout).unwrap();
    assert_eq!(answer["error"]["code"], "document.mismatch");
    let ja = answer["error"]["message"]["ja"].as_str().unwrap();
    assert!(
        ja.contains("別紙様式1-4!A1") && ja.contains("別紙様式1-4!A6"),
        "{ja}"
    );

    std::fs::write(dir.join("fake.xlsx"), b"not a workbook").unwrap();
    let checked = yoken(&[
        "check",
        "-p",
        "maff-mohouhin-r7",
        dir.join("fake.xlsx").to_str().unwrap(),
    ]);
    assert_eq!(checked.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&checked.stdout).contains("document.unreadable"));

    // Forms and workbooks are checked in separate runs.
    let mixed = yoken(&[
        "check",
        "-p",
        "maff-mohouhin-r7",
        dir.join("fake.xlsx").to_str().unwrap(),
        "tests/cases/maff-mohouhin-r7/a01-eligible-trusted-notifier.form.json",
    ]);
    assert_eq!(mixed.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&mixed.stderr).contains("separate runs"));
}

fn multipart(files: &[(String, Vec<u8>)]) -> (String, Vec<u8>) {
    let boundary = "yokenboundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n").as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[test]
fn the_server_reads_an_upload_of_the_files_like_the_command_line() {
    let dir = scratch("upload");
    let (form_path, today, form) =
        case_form("maff-mohouhin-r7", "a26-budget-consistent-total", &dir);
    let out = dir.join("out");
    assert_eq!(
        render("maff-mohouhin-r7", &form_path, &out, &today, &[])
            .status
            .code(),
        Some(0)
    );
    let files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&out)
        .unwrap()
        .map(|f| {
            let p = f.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    let server = Server::start(&[]);
    let (ty, body) = multipart(&files);
    let path = format!("/v1/programmes/maff-mohouhin-r7/documents?today={today}");
    let got = request_as(&server.addr, "POST", &path, &ty, &body);
    assert_eq!(got.status, 200, "{}", got.body);
    assert_eq!(
        got.json()["report"],
        native("maff-mohouhin-r7", &form, &today)
    );
    assert_eq!(got.json()["files"].as_array().unwrap().len(), 2);
    // ?lang=en: the Report's messages and the findings placed in the files, in English only.
    let english = request_as(&server.addr, "POST", &format!("{path}&lang=en"), &ty, &body);
    assert_eq!(english.status, 200, "{}", english.body);
    let options = yoken::Options {
        lang: Some(yoken::Lang::En),
        ..yoken::Options::default()
    };
    let expected =
        crate::cli::native_json_with("maff-mohouhin-r7", &form.to_string(), &today, options);
    assert_eq!(
        english.json()["report"],
        serde_json::from_str::<serde_json::Value>(&expected).unwrap()
    );
    for f in english.json()["findings"].as_array().unwrap() {
        assert_eq!(f["message"].as_object().unwrap().len(), 1, "{f}");
        assert!(f["message"]["en"].is_string(), "{f}");
    }
    assert!(!english.body.contains("\"ja\":"), "{}", english.body);

    let not_multipart = request_as(&server.addr, "POST", &path, "application/json", b"{}");
    assert_eq!(not_multipart.status, 415);
    let (ty, body) = multipart(&[("fake.xlsx".to_owned(), b"PK garbage".to_vec())]);
    let garbage = request_as(&server.addr, "POST", &path, &ty, &body);
    assert_eq!(garbage.status, 400);
    assert_eq!(garbage.json()["error"]["code"], "document.unreadable");
    let (ty, body) = multipart(&[]);
    assert_eq!(
        request_as(&server.addr, "POST", &path, &ty, &body).status,
        400
    );
    let big = vec![b'x'; 9 * 1024 * 1024];
    let (ty, body) = multipart(&[("big.xlsx".to_owned(), big)]);
    assert_eq!(
        request_as(&server.addr, "POST", &path, &ty, &body).status,
        413
    );
}

#[test]
fn render_reads_its_form_as_check_does() {
    let dir = scratch("render-input");
    let missing = dir.join("missing.json");
    let out = dir.join("out");
    let gone = render("maff-mohouhin-r7", &missing, &out, "2025-12-01", &[]);
    assert_eq!(gone.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&gone.stderr).contains("input.unreadable"));
    let folder = root().join("tests/cases/maff-mohouhin-r7");
    let several = render("maff-mohouhin-r7", &folder, &out, "2025-12-01", &[]);
    assert_eq!(several.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&several.stderr).contains("holds several"));
    let big = dir.join("big.json");
    std::fs::write(&big, vec![b' '; 17 * 1024 * 1024]).unwrap();
    let too_large = render("maff-mohouhin-r7", &big, &out, "2025-12-01", &[]);
    assert_eq!(too_large.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&too_large.stderr).contains("input.too_large"));
    assert!(!out.exists());
}
