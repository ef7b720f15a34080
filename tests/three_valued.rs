//! Property tests of the three-valued logic on the real packs: answering one more blank
//! question never unsettles a verdict, settled verdicts list nothing missing, and the order of
//! keys in the form never matters.

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use yoken::pack::spec::AnswerKind;
use yoken::{Report, Verdict};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, 12, 1).unwrap()
}

/// One possible answer per question: `None` leaves it blank.
fn answer_strategy(kind: AnswerKind, options: Vec<String>) -> BoxedStrategy<Option<Value>> {
    match kind {
        AnswerKind::YesNo => prop::option::of(prop_oneof![
            Just(json!("yes")),
            Just(json!("no")),
            Just(json!(true)),
            Just(json!(false))
        ])
        .boxed(),
        AnswerKind::Choice => {
            prop::option::of(prop::sample::select(options).prop_map(Value::from)).boxed()
        }
        AnswerKind::MultiChoice => prop::option::of(
            prop::sample::subsequence(options.clone(), 0..=options.len()).prop_map(|v| json!(v)),
        )
        .boxed(),
        AnswerKind::Text => prop::option::of(Just(json!("テキスト"))).boxed(),
        AnswerKind::Date => prop::option::of(Just(json!("令和7年6月1日"))).boxed(),
        AnswerKind::Amount => prop::option::of(Just(json!("1,000"))).boxed(),
        AnswerKind::Integer => {
            prop::option::of((0u32..100).prop_map(|n| json!(n.to_string()))).boxed()
        }
    }
}

fn set(form: &mut Value, path: &str, value: Value) {
    let mut node = form;
    let parts: Vec<&str> = path.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        let obj = node.as_object_mut().unwrap();
        if i + 1 == parts.len() {
            obj.insert((*part).to_owned(), value);
            return;
        }
        node = obj
            .entry((*part).to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
    }
}

/// A random partial form for a programme, plus the paths left blank.
fn partial_form(index: usize) -> impl Strategy<Value = (Value, Vec<(String, Value)>)> {
    let p = &yoken::programmes()[index];
    let strategies: Vec<_> = p
        .questions
        .iter()
        .map(|q| {
            let options: Vec<String> = q.options.iter().map(|o| o.value.clone()).collect();
            let id = q.id.clone();
            let (kind, opts) = (q.kind, options.clone());
            (
                answer_strategy(q.kind, options),
                answer_strategy(kind, opts).prop_filter("an answer", Option::is_some),
            )
                .prop_map(move |(a, later)| (id.clone(), a, later))
        })
        .collect();
    strategies.prop_map(|answers| {
        let mut form = json!({});
        let mut blanks = Vec::new();
        for (id, answer, later) in answers {
            match answer {
                Some(v) => set(&mut form, &id, v),
                None => blanks.push((id, later.unwrap_or(Value::Null))),
            }
        }
        (form, blanks)
    })
}

fn check(index: usize, form: &Value) -> Report {
    let p = &yoken::programmes()[index];
    yoken::Catalog::new()
        .validate(&p.id, form, today())
        .unwrap()
}

fn verdicts(r: &Report) -> Vec<(String, Verdict)> {
    r.verdicts
        .iter()
        .map(|v| (v.subprogramme.clone(), v.verdict))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn answering_a_blank_question_never_unsettles_a_verdict(
        index in 0..2usize,
        (form, blanks) in (0..2usize).prop_flat_map(partial_form),
        pick in any::<prop::sample::Index>(),
    ) {
        prop_assume!(!blanks.is_empty());
        let before = check(index, &form);
        let (path, value) = &blanks[pick.index(blanks.len())];
        let mut after_form = form.clone();
        set(&mut after_form, path, value.clone());
        let after = check(index, &after_form);
        if before.overall.verdict != Verdict::Incomplete {
            // The selection itself is never blank here (a settled overall verdict needs it).
            prop_assert_eq!(before.overall.verdict, after.overall.verdict);
            prop_assert_eq!(verdicts(&before), verdicts(&after));
        }
        for v in before.verdicts.iter() {
            if v.verdict != Verdict::Incomplete {
                if let Some(w) = after.verdicts.iter().find(|w| w.subprogramme == v.subprogramme) {
                    prop_assert_eq!(v.verdict, w.verdict, "{} changed after answering {}", v.subprogramme, path);
                }
            }
        }
    }

    #[test]
    fn missing_is_empty_exactly_when_the_verdict_is_settled(
        index in 0..2usize,
        (form, _) in (0..2usize).prop_flat_map(partial_form),
    ) {
        let r = check(index, &form);
        prop_assert_eq!(r.overall.missing.is_empty(), r.overall.verdict != Verdict::Incomplete);
        for v in r.verdicts.iter() {
            prop_assert_eq!(v.missing.is_empty(), v.verdict != Verdict::Incomplete);
        }
    }

    #[test]
    fn a_fully_answered_form_always_has_a_settled_verdict(
        index in 0..2usize,
        (form, blanks) in (0..2usize).prop_flat_map(partial_form),
    ) {
        let mut full = form.clone();
        for (path, value) in &blanks {
            set(&mut full, path, value.clone());
        }
        let r = check(index, &full);
        if !r.verdicts.is_empty() {
            prop_assert_ne!(r.overall.verdict, Verdict::Incomplete, "{}", full);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Without traces the engine answers from the trees directly; it must say exactly what the
    /// traced path says, traces aside.
    #[test]
    fn reports_without_traces_equal_reports_with_traces_minus_the_traces(
        index in 0..2usize,
        (form, _) in (0..2usize).prop_flat_map(partial_form),
    ) {
        let p = &yoken::programmes()[index];
        let catalog = yoken::Catalog::new();
        let with = catalog.validate_with(&p.id, &form, today(), yoken::Options::traced(true)).unwrap();
        let without = catalog.validate_with(&p.id, &form, today(), yoken::Options::traced(false)).unwrap();
        let mut stripped = with.clone();
        stripped.verdicts = stripped.verdicts.iter().cloned().map(|mut v| {
            v.trace = None;
            if let Some(pr) = &mut v.priority {
                pr.trace = None;
            }
            v
        }).collect();
        prop_assert_eq!(serde_json::to_string(&stripped).unwrap(), serde_json::to_string(&without).unwrap());
    }
}

#[test]
fn key_order_in_the_form_does_not_matter() {
    let a: Value = serde_json::from_str(r#"{"project":{"subprojects":["patrol"]},"applicant":{"org_type":"一般社団法人","legal_personality":"yes"},"eligibility":{"no_gang_members":"no","trusted_notifier":"yes"}}"#).unwrap();
    let b: Value = serde_json::from_str(r#"{"eligibility":{"trusted_notifier":"yes","no_gang_members":"no"},"applicant":{"legal_personality":"yes","org_type":"一般社団法人"},"project":{"subprojects":["patrol"]}}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&check(0, &a)).unwrap(),
        serde_json::to_string(&check(0, &b)).unwrap()
    );
}
