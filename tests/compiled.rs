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
        let text = p.compiled();
        assert_eq!(
            text,
            Programme::load(
                &std::fs::read_to_string(
                    crate::util::root().join(format!("packs/{}.json", p.id()))
                )
                .unwrap()
            )
            .unwrap()
            .compiled(),
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
        let text = p.compiled();
        let compiled: serde_json::Value = serde_json::from_str(&text).unwrap();
        let spec = &compiled["programme"]["spec"];
        assert_eq!(spec["cases"], serde_json::json!([]), "{}", p.id());
        assert!(spec.get("documents").is_none(), "{}", p.id());
        let read = Programme::from_compiled(&text).unwrap();
        assert_eq!(read.case_count(), 0);
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

#[test]
fn what_is_not_a_compiled_pack_of_this_build_is_refused_with_what_to_do() {
    let pack =
        std::fs::read_to_string(crate::util::root().join("packs/maff-mohouhin-r7.json")).unwrap();
    let e = Programme::from_compiled(&pack).unwrap_err();
    assert_eq!(e.code().as_str(), "pack.invalid");
    assert!(e.to_string().contains("yoken pack build"), "{e}");
    let compiled = Programme::load(&pack).unwrap().compiled();
    let other = compiled.replacen(yoken::pack::compiled::ENGINE, "0.0.1+0000000000000000", 1);
    let e = Programme::from_compiled(&other).unwrap_err();
    assert!(
        e.to_string()
            .contains("another build of yoken (0.0.1+0000000000000000)"),
        "{e}"
    );
    let damaged = compiled.replacen(
        "\"selection_question\":",
        "\"selection_question\":\"x\",\"y\":",
        1,
    );
    assert!(Programme::from_compiled(&damaged)
        .unwrap_err()
        .to_string()
        .contains("damaged"));
    assert!(Programme::from_compiled("not json").is_err());
    assert!(
        Programme::from_compiled("{\"format\": \"yoken-compiled/9\"}")
            .unwrap_err()
            .to_string()
            .contains("only yoken-compiled/1")
    );
}
