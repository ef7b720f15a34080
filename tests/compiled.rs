//! The compiled form of a pack (what the wasm module reads): built from each built-in pack, read
//! back, it gives byte for byte the Report of the pack it came from on every spec case; the same
//! pack always builds to the same bytes; and what is not a compiled pack of this build is refused
//! with what to do.

use yoken::{Catalog, Programme};

#[test]
fn a_compiled_pack_gives_the_same_report_on_every_spec_case() {
    let built_in = Catalog::new();
    let mut compiled = Catalog::new();
    for p in built_in.iter() {
        let text = p.compiled().unwrap();
        assert_eq!(
            text,
            Programme::load(
                &std::fs::read_to_string(
                    crate::util::root().join(format!("packs/{}.json", p.id()))
                )
                .unwrap()
            )
            .unwrap()
            .compiled()
            .unwrap(),
            "{}: the same bytes every time",
            p.id()
        );
        let read = compiled.load_compiled(&text).unwrap();
        assert_eq!(
            read.info_json(),
            p.info_json(),
            "{}: the page's description",
            p.id()
        );
        assert_eq!(read.info_json(), serde_json::to_string(&p.info()).unwrap());
    }
    let mut n = 0;
    for (programme, path) in crate::util::spec_cases() {
        let case = crate::util::read_case(&path);
        let today = chrono::NaiveDate::parse_from_str(&case.today, "%Y-%m-%d").unwrap();
        let want = yoken::report_json(&built_in.validate(&programme, &case.form, today).unwrap());
        let got = yoken::report_json(&compiled.validate(&programme, &case.form, today).unwrap());
        assert_eq!(got, want, "{}", path.display());
        n += 1;
    }
    assert!(n > 50, "only {n} cases");
}

#[test]
fn a_compiled_pack_leaves_out_its_cases_and_layouts_and_describes_itself_whole() {
    for p in Catalog::new().iter() {
        assert!(p.case_count() > 0 && !p.spec().clauses.is_empty());
        let bytes = p.compiled().unwrap();
        let read = Programme::from_compiled(&bytes).unwrap();
        assert_eq!(read.case_count(), 0);
        assert!(read.spec().cases.is_empty(), "{}", p.id());
        assert!(read.spec().documents.is_empty(), "{}", p.id());
        assert_eq!(
            serde_json::to_value(&read.spec().clauses).unwrap(),
            serde_json::to_value(&p.spec().clauses).unwrap(),
            "{}",
            p.id()
        );
        // Described as the pack is, but for its 様式 (a compiled pack has no layouts; the
        // description it carries lists them).
        let mut described = serde_json::to_value(read.info()).unwrap();
        let mut carried: serde_json::Value = serde_json::from_str(read.info_json()).unwrap();
        assert!(described
            .as_object_mut()
            .unwrap()
            .remove("documents")
            .is_none());
        carried.as_object_mut().unwrap().remove("documents");
        assert_eq!(described, carried, "{}: described as the pack is", p.id());
    }
}

fn refusal(bytes: &[u8]) -> String {
    let e = Programme::from_compiled(bytes).unwrap_err();
    assert_eq!(e.code().as_str(), "pack.invalid");
    e.to_string()
}

#[test]
fn what_is_not_a_compiled_pack_of_this_build_is_refused_with_what_to_do() {
    let pack =
        std::fs::read_to_string(crate::util::root().join("packs/maff-mohouhin-r7.json")).unwrap();
    let e = refusal(pack.as_bytes());
    assert!(e.contains("yoken pack build"), "{e}");
    let compiled = Programme::load(&pack).unwrap().compiled().unwrap();
    let engine = yoken::pack::compiled::ENGINE.as_bytes();
    let at = compiled
        .windows(engine.len())
        .position(|w| w == engine)
        .unwrap();
    let mut other = compiled[..at].to_vec();
    other.extend_from_slice(b"0.0.1+0000000000000000");
    other.extend_from_slice(&compiled[at + engine.len()..]);
    let e = refusal(&other);
    assert!(
        e.contains("another build of yoken (0.0.1+0000000000000000)"),
        "{e}"
    );
    assert!(refusal(b"not a pack").contains("not a compiled rule pack"));
    assert!(refusal(b"").contains("not a compiled rule pack"));
    // A compiled pack of the first format (JSON) is refused with what to do.
    let e = refusal(br#"{"format": "yoken-compiled/1", "engine": "x", "id": "y"}"#);
    assert!(
        e.contains("only yoken-compiled/2") && e.contains("yoken pack build"),
        "{e}"
    );
    assert!(refusal(b"yoken-compiled/9\nx\ny\n").contains("only yoken-compiled/2"));
    assert!(refusal(b"yoken-compiled/9").contains("only yoken-compiled/2"));
}

#[test]
fn a_damaged_compiled_pack_is_refused_never_misread() {
    let pack =
        std::fs::read_to_string(crate::util::root().join("packs/maff-hinshu-r7.json")).unwrap();
    let compiled = Programme::load(&pack).unwrap().compiled().unwrap();
    // Cut anywhere: refused, never a programme and never a panic.
    for cut in (0..compiled.len()).step_by(97) {
        assert!(
            Programme::from_compiled(&compiled[..cut]).is_err(),
            "cut at {cut}"
        );
    }
    let e = refusal(&compiled[..compiled.len() - 2000]);
    assert!(e.contains("damaged"), "{e}");
    // A byte changed anywhere is refused (the checksum, the header's lines).
    let header = compiled
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .nth(3)
        .unwrap()
        .0;
    for at in (0..header).chain((header..compiled.len()).step_by(89)) {
        for flip in [0x01u8, 0x80, 0xFF] {
            let mut changed = compiled.clone();
            changed[at] ^= flip;
            assert!(
                Programme::from_compiled(&changed).is_err(),
                "byte {at} ^ {flip}"
            );
        }
    }
    // Extra bytes after the end.
    let mut longer = compiled.clone();
    longer.push(0);
    assert!(refusal(&longer).contains("checksum"));
    // The header's id must be the body's.
    let id = b"maff-hinshu-r7\n";
    let at = compiled.windows(id.len()).position(|w| w == id).unwrap();
    let mut renamed = compiled[..at].to_vec();
    renamed.extend_from_slice(b"maff-other-r7\n");
    renamed.extend_from_slice(&compiled[at + id.len()..]);
    assert!(refusal(&renamed).contains("the header names"));
}
