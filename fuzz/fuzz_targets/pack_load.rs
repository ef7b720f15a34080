//! Rule packs from a ministry: any bytes load as a checked programme or are refused with the
//! problems listed — and a loaded pack validates an empty form without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yoken::Catalog;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut catalog = Catalog::new();
    match catalog.load(text) {
        Ok(programme) => {
            let id = programme.id().to_owned();
            let _ = catalog.validate_json(&id, "{}", "2025-12-01");
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
