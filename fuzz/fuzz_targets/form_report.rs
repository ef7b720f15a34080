//! A form's JSON bytes → a Report, for both built-in programmes: any bytes give a Report (valid
//! JSON, every finding with a code and a clause) or a clear input error, the same on a second run;
//! and checking the Report's normalised form again gives the same verdicts, figures and errors.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yoken::Options;
use yoken::Catalog;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let catalog = Catalog::new();
    for id in ["maff-mohouhin-r7", "maff-hinshu-r7"] {
        let first = catalog.validate_json_with(id, text, "2025-12-01", Options::traced(false));
        match &first {
            Ok(report) => {
                let value: serde_json::Value =
                    serde_json::from_str(report).expect("the Report is JSON");
                for d in value["diagnostics"].as_array().expect("diagnostics") {
                    assert!(d["code"].as_str().is_some_and(|c| !c.is_empty()), "{d}");
                }
            }
            Err(e) => {
                let message = e.message();
                assert!(!message.ja.is_empty() && !message.en.is_empty());
            }
        }
        let second = catalog.validate_json_with(id, text, "2025-12-01", Options::traced(false));
        assert_eq!(first.is_ok(), second.is_ok());
        if let (Ok(a), Ok(b)) = (&first, &second) {
            assert_eq!(a, b, "validation is deterministic");
        }
        let options = Options {
            trace: false,
            normalise: true,
            lang: None,
        };
        if let Ok(with) = catalog.validate_json_with(id, text, "2025-12-01", options) {
            let with: serde_json::Value = serde_json::from_str(&with).expect("the Report is JSON");
            let normalised = with["normalised_form"].to_string();
            let again = catalog
                .validate_json_with(id, &normalised, "2025-12-01", options)
                .expect("the normalised form is an object");
            let again: serde_json::Value = serde_json::from_str(&again).expect("the Report is JSON");
            assert_eq!(verdict_and_findings(with), verdict_and_findings(again));
        }
    }
});

/// A Report without what a form and its normalised form may differ in: info notes about how a
/// value was read, the counts including them, and the normalised form itself.
fn verdict_and_findings(mut report: serde_json::Value) -> serde_json::Value {
    if let Some(object) = report.as_object_mut() {
        object.remove("normalised_form");
        object.remove("summary");
        if let Some(serde_json::Value::Array(diags)) = object.get_mut("diagnostics") {
            diags.retain(|d| d["severity"] != "info");
        }
    }
    report
}
