//! Spec tests from files: tests/cases/<programme>/<case>.form.json holds `{today, form}`; the
//! expected Report is <case>.report.json (byte for byte, pretty JSON) and a readable rendering
//! with the clause trail is the insta snapshot <case>.snap. The Node test
//! tests/node/spec-parity.test.mjs checks that the wasm build returns the same bytes.

use crate::util::{expect_file, read_case, spec_cases};
use yoken::report::render::{render_text, Lang};

#[test]
fn every_spec_case_gives_its_recorded_report() {
    let cases = spec_cases();
    assert!(
        cases.len() >= 10,
        "expected the spec corpus, found {}",
        cases.len()
    );
    for (programme, path) in cases {
        let case = read_case(&path);
        let today = yoken::today(&case.today).unwrap();
        let report = yoken::validate(&programme, &case.form, today)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let pretty = serde_json::to_string_pretty(&report).unwrap() + "\n";
        // The Report's own writer (what every shell sends) writes serde_json's bytes, a tree
        // shared by several requirements written once and copied.
        assert_eq!(
            yoken::report_json(&report),
            serde_json::to_string(&report).unwrap(),
            "{}",
            path.display()
        );
        let stem = path
            .to_string_lossy()
            .trim_end_matches(".form.json")
            .to_owned();
        expect_file(
            std::path::Path::new(&format!("{stem}.report.json")),
            &pretty,
        );

        let name = std::path::Path::new(&stem)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let text = format!(
            "{}\n--- English ---\n{}",
            render_text(&report, Lang::Ja),
            render_text(&report, Lang::En)
        );
        insta::with_settings!({
            snapshot_path => format!("cases/{programme}"),
            prepend_module_to_snapshot => false,
            omit_expression => true,
            description => format!("{programme}: {}", case.form),
        }, {
            insta::assert_snapshot!(name, text);
        });
    }
}
