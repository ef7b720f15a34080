//! The real `yoken` binary on files, stdin, directories and a 10,000-form JSON Lines batch.

use crate::util::{read_case, root};
use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn yoken(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yoken"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The input is written from its own thread, so a child that writes before it has read all of
    // it cannot block both; a child that exits without reading it (a usage error, refused before
    // the input is opened) closes the pipe, which is its right, not the test's failure.
    let mut pipe = child.stdin.take().unwrap();
    let bytes = stdin.unwrap_or_default().as_bytes().to_vec();
    let writer = std::thread::spawn(move || match pipe.write_all(&bytes) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e),
        _ => Ok(()),
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    output
}

fn case_form(programme: &str, name: &str) -> (String, Value) {
    let case = read_case(&root().join(format!("tests/cases/{programme}/{name}.form.json")));
    (case.today, case.form)
}

fn native_json(programme: &str, form: &Value, today: &str) -> String {
    native_json_with(
        programme,
        &form.to_string(),
        today,
        yoken::Options::default(),
    )
}

/// The library's Report for a form's JSON text with `options`: the bytes every shell must give.
pub(crate) fn native_json_with(
    programme: &str,
    form: &str,
    today: &str,
    options: yoken::Options,
) -> String {
    yoken::Catalog::new()
        .validate_json_with(programme, form, today, options)
        .unwrap()
}

#[test]
fn a_clean_eligible_form_exits_0_and_prints_the_verdict() {
    let (today, form) = case_form("maff-mohouhin-r7", "a01-eligible-trusted-notifier");
    let out = yoken(
        &["check", "-p", "maff-mohouhin-r7", "--today", &today, "-"],
        Some(&form.to_string()),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("総合判定: 適格 (eligible)"), "{text}");
    assert!(text.contains("✓ 第5 2 (6)"), "{text}");
}

#[test]
fn json_output_is_the_same_bytes_as_the_library_and_the_browser() {
    let (today, form) = case_form("maff-hinshu-r7", "b20-application-half-rate-table");
    let check = |extra: &[&str]| {
        let mut args = vec!["check", "-p", "maff-hinshu-r7", "--today", &today];
        args.extend_from_slice(&["--format", "json"]);
        args.extend_from_slice(extra);
        args.push("-");
        yoken(&args, Some(&form.to_string()))
    };
    let out = check(&[]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a row over the 1/2 limit is a finding"
    );
    let plain = native_json("maff-hinshu-r7", &form, &today);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim_end(), plain);
    assert!(!plain.contains("normalised_form"));
    // --normalise adds the normalised form, as the library makes it.
    let options = yoken::Options {
        normalise: true,
        ..yoken::Options::default()
    };
    let expected = native_json_with("maff-hinshu-r7", &form.to_string(), &today, options);
    let out = check(&["--normalise"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim_end(), expected);
    let report: Value = serde_json::from_str(&expected).unwrap();
    assert!(report["normalised_form"].is_object());
    // --json-lang writes every message in that one language, as the library does.
    let options = yoken::Options {
        lang: Some(yoken::Lang::En),
        ..yoken::Options::default()
    };
    let expected = native_json_with("maff-hinshu-r7", &form.to_string(), &today, options);
    let out = check(&["--json-lang", "en"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim_end(), expected);
    let report: Value = serde_json::from_str(&expected).unwrap();
    let first = &report["diagnostics"][0]["message"];
    assert!(
        first["en"].is_string() && first.get("ja").is_none(),
        "{first}"
    );
    assert_eq!(report["programme"]["title"].as_object().unwrap().len(), 1);
    // A language it does not know is refused (exit 2), never taken as both.
    let out = check(&["--json-lang", "fr"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("json-lang"));
}

#[test]
fn unreadable_input_exits_2_and_names_the_source() {
    let out = yoken(
        &[
            "check",
            "-p",
            "maff-hinshu-r7",
            "--format",
            "jsonl",
            "--today",
            "2025-06-01",
            "-",
            "no/such/file.json",
        ],
        Some("{\"a\": "),
    );
    assert_eq!(out.status.code(), Some(2));
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["source"], "-");
    assert_eq!(lines[0]["error"]["code"], "form.not_json");
    assert_eq!(lines[1]["source"], "no/such/file.json");
    let out = yoken(
        &[
            "check",
            "-p",
            "maff-hinshu-r7",
            "--today",
            "2025-06-01",
            "-",
        ],
        Some("[1, 2]"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stdout).contains("form.not_object"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        yoken(&["check", "-p", "no-such-programme", "-"], Some("{}"))
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        yoken(
            &["check", "-p", "maff-hinshu-r7", "--today", "someday", "-"],
            Some("{}")
        )
        .status
        .code(),
        Some(2)
    );
    assert_eq!(yoken(&["check"], None).status.code(), Some(2));
    assert_eq!(yoken(&["frobnicate"], None).status.code(), Some(2));
}

#[test]
fn a_directory_is_checked_file_by_file_in_order() {
    let dir = std::env::temp_dir().join(format!("yoken-dir-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("b.json"), "{}").unwrap();
    std::fs::write(
        dir.join("sub/a.json"),
        r#"{"project": {"subprogramme": "variety_registration"}}"#,
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), "ignored").unwrap();
    let out = yoken(
        &[
            "check",
            "-p",
            "maff-hinshu-r7",
            "--today",
            "2025-06-01",
            "--format",
            "jsonl",
            dir.to_str().unwrap(),
        ],
        None,
    );
    let sources: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["source"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(sources.len(), 2);
    assert!(
        sources[0].ends_with("b.json") && sources[1].ends_with("sub/a.json"),
        "{sources:?}"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_10000_form_batch_runs_in_parallel_and_keeps_its_order() {
    let variants = [
        json!({}),
        json!({"project": {"subprogramme": "variety_registration", "already_underway": "no"}, "variety": {"bred_in_japan": "yes"}}),
        json!({"project": {"subprogramme": "trademark_registration"}, "trademark": {"produced_in_japan": "no"}}),
        json!({"document": {"kind": "application"}, "budget": {"rows": [{"category": "委託費", "total": "1,001", "subsidy": "501", "own": "500"}]}}),
    ];
    let mut batch = String::new();
    for i in 0..10_000 {
        let mut form = variants[i % variants.len()].clone();
        form["applicant"] = json!({"name": format!("申請者{i}")});
        batch.push_str(&form.to_string());
        batch.push('\n');
    }
    let path = std::env::temp_dir().join(format!("yoken-batch-{}.jsonl", std::process::id()));
    std::fs::write(&path, &batch).unwrap();
    let out = yoken(
        &[
            "check",
            "-p",
            "maff-hinshu-r7",
            "--today",
            "2025-06-01",
            "--format",
            "jsonl",
            "--jobs",
            "2",
            path.to_str().unwrap(),
        ],
        None,
    );
    std::fs::remove_file(&path).unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 10_000);
    for (i, line) in lines.iter().enumerate().step_by(997) {
        let v: Value = serde_json::from_str(line).unwrap();
        assert!(v["source"]
            .as_str()
            .unwrap()
            .ends_with(&format!(":{}", i + 1)));
        let form: Value = serde_json::from_str(batch.lines().nth(i).unwrap()).unwrap();
        // The embedded report is the library's bytes for that line's form.
        let expected = native_json("maff-hinshu-r7", &form, "2025-06-01");
        assert!(
            line.ends_with(&format!(",\"report\":{expected}}}")),
            "line {i}"
        );
    }
    // Piped: no progress bar, only the summary on stderr.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("10000 forms:"), "{stderr}");
    assert!(!stderr.contains('\r'), "no progress bar when piped");
}

#[test]
fn programmes_pack_check_and_schema() {
    let out = yoken(&["programmes", "--format", "json"], None);
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list, serde_json::to_value(yoken::programmes()).unwrap());
    assert_eq!(
        yoken(&["pack", "check", "packs/maff-mohouhin-r7.json"], None)
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        yoken(&["pack", "check", "no/such/pack.json"], None)
            .status
            .code(),
        Some(2)
    );
    let broken = std::env::temp_dir().join(format!("yoken-pack-{}.json", std::process::id()));
    std::fs::write(
        &broken,
        std::fs::read_to_string(root().join("packs/maff-hinshu-r7.json"))
            .unwrap()
            .replace("\"id\": \"第4\",", "\"id\": \"第4の2\","),
    )
    .unwrap();
    let out = yoken(&["pack", "check", broken.to_str().unwrap()], None);
    std::fs::remove_file(&broken).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("clause \"第4\" is not in `clauses`"));
    let out = yoken(&["schema", "report"], None);
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed, yoken::schema::report_schema());
    let out = yoken(&["schema", "form", "-p", "maff-hinshu-r7"], None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(yoken(&["schema", "form"], None).status.code(), Some(2));
}

#[test]
fn pack_check_lists_every_problem_of_every_pack_and_migrate_converts_format_1() {
    // Every built-in pack at once.
    let out = yoken(
        &[
            "pack",
            "check",
            "packs/maff-mohouhin-r7.json",
            "packs/maff-hinshu-r7.json",
            "packs/chuokai-monozukuri-20.json",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout)
            .matches("\nOK ")
            .count()
            + 1,
        3
    );
    // A pack with three mistakes: each is listed with its JSON path, in Japanese and English.
    let mut pack: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("packs/chuokai-monozukuri-20.json")).unwrap(),
    )
    .unwrap();
    pack["tables"][0]["columns"][3]["kidn"] = Value::from("amount");
    pack["figures"][0]["label"] = Value::from(3);
    pack["limits"][0]["path"] = Value::from("nowhere");
    let broken = std::env::temp_dir().join(format!("yoken-pack3-{}.json", std::process::id()));
    std::fs::write(&broken, pack.to_string()).unwrap();
    let out = yoken(
        &[
            "pack",
            "check",
            "packs/maff-hinshu-r7.json",
            broken.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "OK maff-hinshu-r7",
        "REFUSED",
        "tables[0].columns[3].kidn",
        "unknown key \"kidn\" (did you mean \"kind\"?)",
        "不明なキー「kidn」です（kind のことですか）。",
        "figures[0].label",
    ] {
        assert!(text.contains(needle), "{needle:?} in {text}");
    }
    // Once the shape fits, the meaning is checked: the bad path is found then.
    pack["tables"][0]["columns"][3]
        .as_object_mut()
        .unwrap()
        .remove("kidn");
    pack["figures"][0]["label"] = serde_json::json!({"ja": "計", "en": "total"});
    std::fs::write(&broken, pack.to_string()).unwrap();
    let out = yoken(&["pack", "check", broken.to_str().unwrap()], None);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("limits[0].path") && text.contains("\"nowhere\" is not the path"),
        "{text}"
    );
    // The form schema of a pack of one's own, with its tables.
    let out = yoken(
        &["schema", "form", "--pack", broken.to_str().unwrap()],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "a refused pack has no form schema"
    );
    let out = yoken(
        &[
            "schema",
            "form",
            "--pack",
            "packs/chuokai-monozukuri-20.json",
        ],
        None,
    );
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        schema["properties"]["expenses"]["properties"]["items"]["items"]["properties"]["amount"]
            ["title"],
        "補助対象経費（税抜）"
    );
    std::fs::remove_file(&broken).unwrap();
    // The pack format's schema.
    let out = yoken(&["schema", "pack"], None);
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed, yoken::schema::pack_schema());
    // yoken-pack/1 → yoken-pack/2: the command prints the core's migration (which the core's
    // tests compare with the built-in pack).
    let fixture = "tests/fixtures/pack-v1.maff-hinshu-r7.json";
    let out = yoken(&["pack", "migrate", fixture], None);
    assert_eq!(out.status.code(), Some(0));
    let old = std::fs::read_to_string(root().join(fixture)).unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim_end(),
        yoken::Programme::migrate(&old).unwrap().trim_end()
    );
    let migrated: Value = serde_json::from_str(&yoken::Programme::migrate(&old).unwrap()).unwrap();
    assert_eq!(migrated["format"], "yoken-pack/2");
}

#[test]
fn codes_lists_the_registry_as_docs_codes_md_and_as_json() {
    let out = yoken(&["codes", "--format", "markdown"], None);
    assert_eq!(out.status.code(), Some(0));
    let doc = std::fs::read_to_string(root().join("docs/codes.md")).unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), doc);
    let out = yoken(&["codes", "--format", "json"], None);
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    let registered = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c.get("pack").is_none())
        .count();
    assert_eq!(registered, yoken::Code::ALL.len());
    for code in [
        "budget.over_cap",
        "today.invalid",
        "form.not_json",
        "request.too_large",
    ] {
        assert!(names.contains(&code), "{code}");
    }
    let human = String::from_utf8(yoken(&["codes"], None).stdout).unwrap();
    assert!(
        human.contains("budget.over_cap")
            && human.contains("所要額の合計{value}が上限{limit}を{excess}超えています。")
    );
}

#[test]
fn today_is_read_alike_as_iso_or_wareki_and_a_bad_one_names_the_parameter() {
    let (_, form) = case_form("maff-hinshu-r7", "b20-application-half-rate-table");
    let text = form.to_string();
    let iso = yoken(
        &[
            "check",
            "-p",
            "maff-hinshu-r7",
            "--today",
            "2025-06-01",
            "--format",
            "json",
            "-",
        ],
        Some(&text),
    );
    let wareki = yoken(
        &[
            "check",
            "-p",
            "maff-hinshu-r7",
            "--today",
            "令和7年6月1日",
            "--format",
            "json",
            "-",
        ],
        Some(&text),
    );
    assert_eq!(iso.stdout, wareki.stdout);
    let bad = yoken(
        &["check", "-p", "maff-hinshu-r7", "--today", "6/1", "-"],
        Some(&text),
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("today \"6/1\" must be a date"));
}

#[test]
fn pack_build_writes_the_compiled_form_of_each_checked_pack() {
    let dir = std::env::temp_dir().join(format!("yoken-build-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = yoken(
        &[
            "pack",
            "build",
            "packs/maff-mohouhin-r7.json",
            "packs/maff-hinshu-r7.json",
            "--out",
            dir.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("BUILT maff-mohouhin-r7 → "), "{stdout}");
    let compiled = std::fs::read(dir.join("maff-hinshu-r7.ykp")).unwrap();
    let programme = yoken::Programme::from_compiled(&compiled).unwrap();
    assert_eq!(programme.id(), "maff-hinshu-r7");
    // A refused pack: exit 1, nothing written for it; a directory that cannot be made: exit 2.
    let broken = dir.join("broken.json");
    let mut pack: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("packs/maff-mohouhin-r7.json")).unwrap(),
    )
    .unwrap();
    pack["id"] = json!("broken-r7");
    pack["cases"][0]["expect"]["overall"] = json!("ineligible");
    std::fs::write(&broken, pack.to_string()).unwrap();
    let out = yoken(
        &[
            "pack",
            "build",
            broken.to_str().unwrap(),
            "--out",
            dir.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.join("broken-r7.ykp").exists());
    let blocked = dir.join("maff-hinshu-r7.ykp").join("below-a-file");
    let out = yoken(
        &[
            "pack",
            "build",
            "packs/maff-hinshu-r7.json",
            "--out",
            blocked.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}
