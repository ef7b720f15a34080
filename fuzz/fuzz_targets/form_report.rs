//! A form's JSON bytes → a Report, for both built-in programmes: any bytes give a Report (valid
//! JSON, every finding with a code and a clause) or a clear input error, the same on a second run.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yoken::engine::Options;
use yoken::pack::Catalog;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let catalog = Catalog::new();
    for id in ["maff-mohouhin-r7", "maff-hinshu-r7"] {
        let first = catalog.validate_json_with(id, text, "2025-12-01", Options { trace: false });
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
        let second = catalog.validate_json_with(id, text, "2025-12-01", Options { trace: false });
        assert_eq!(first.is_ok(), second.is_ok());
        if let (Ok(a), Ok(b)) = (&first, &second) {
            assert_eq!(a, b, "validation is deterministic");
        }
    }
});
