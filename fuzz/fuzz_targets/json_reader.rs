//! A form's JSON text read by yoken's own reader (`yoken::read_form`) and by serde_json (numbers
//! kept as written, as yoken builds it): the same texts read to the same values and the same texts
//! refused, except a key given twice in one object, which yoken alone refuses
//! (`form.duplicate_key`, where serde_json keeps the last); every refusal says where, inside the
//! text or just past its end, in both languages.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yoken::Code;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // serde_json's private name for a number kept as text: an object with only that key is a
    // number to serde_json, and an ordinary object to yoken.
    if text.contains("$serde_json::private::Number") {
        return;
    }
    let ours = yoken::read_form(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{text:?}"),
        (Ok(a), Err(e)) => panic!("{text:?} read as {a}, but serde_json refuses it: {e}"),
        (Err(e), Ok(_)) => assert_eq!(e.code(), Code::FormDuplicateKey, "{text:?}: {}", e.message().en),
        (Err(e), Err(_)) => assert!(
            matches!(e.code(), Code::FormNotJson | Code::FormDuplicateKey),
            "{text:?}: {:?}",
            e.code()
        ),
    }
    if let Err(e) = ours {
        let (line, column) = e.position().expect("a refusal says where");
        let lines = 1 + text.matches('\n').count();
        assert!(line >= 1 && line <= lines && column >= 1, "{text:?}: {line}:{column}");
        assert!(!e.message().ja.is_empty() && !e.message().en.is_empty());
    }
});
