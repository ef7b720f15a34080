//! The registry of codes is the one list: docs/codes.md is generated from it and kept current,
//! and every code a spec case's Report carries is in it (or is the pack's own).

use crate::util::{expect_file, read_case, root, spec_cases};
use yoken::{Code, Kind};

#[test]
fn the_codes_document_is_current() {
    expect_file(
        &root().join("docs/codes.md"),
        &yoken::report::render::codes_markdown(),
    );
}

/// Every code a pack declares (its checks, table rules and limits), read from the pack as JSON.
fn pack_codes(p: &yoken::Programme) -> std::collections::BTreeSet<String> {
    fn walk(v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            serde_json::Value::Object(m) => {
                if let (Some(code), Some(_)) =
                    (m.get("code").and_then(|c| c.as_str()), m.get("severity"))
                {
                    out.insert(code.to_owned());
                }
                for (k, x) in m {
                    if k != "cases" {
                        walk(x, out);
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = std::collections::BTreeSet::new();
    walk(&serde_json::to_value(p.spec()).unwrap(), &mut out);
    out
}

#[test]
fn every_engine_code_in_the_spec_reports_is_a_registered_finding_of_its_severity() {
    let catalog = yoken::Catalog::new();
    let mut seen = 0;
    for (programme, path) in spec_cases() {
        let case = read_case(&path);
        let today = yoken::today(&case.today).unwrap();
        let report = catalog.validate(&programme, &case.form, today).unwrap();
        let pack = catalog.get(&programme).unwrap();
        let own = pack_codes(pack);
        for d in &report.diagnostics {
            if own.contains(d.code.as_str()) {
                continue; // the pack's own code
            }
            let code = Code::named(&d.code)
                .unwrap_or_else(|| panic!("{}: {} is not in the registry", path.display(), d.code));
            assert!(
                code.kind().allows(d.severity) && code.kind() != Kind::Refusal,
                "{}: {} as {:?}",
                path.display(),
                d.code,
                d.severity
            );
            seen += 1;
        }
    }
    assert!(seen > 50, "only {seen} findings in the spec cases");
}
