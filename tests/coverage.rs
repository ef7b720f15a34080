//! Every clause that RULES.md's eligibility sections name maps to a rule in a pack, or to a
//! written non-goal. A clause missing from both fails the test, naming it.

use std::collections::BTreeSet;

/// RULES.md, Programme A: "Applicant eligibility" and the submission attachments.
const PROGRAMME_A: &[&str] = &[
    "第4 1",
    "第4 2",
    "第5 1",
    "第5 2",
    "第5 2 (1)",
    "第5 2 (2)",
    "第5 2 (3)",
    "第5 2 (4)",
    "第5 2 (5)",
    "第5 2 (6)",
    "第5 2 (7)",
    "第5 2 (7) ア",
    "第5 2 (7) イ",
    "第5 2 (7) ウ",
    "第5 2 (7) エ",
    "第5 2 (7) オ",
    "第10 1 (1)",
    "第10 1 (1) ①",
    "第10 1 (1) ②",
    "第10 1 (1) ③",
    "第10 1 (2)",
    "第10 1 (2) ①",
    "第10 1 (2) ②",
    "第10 1 (2) ③",
    "第11 3 (1)",
    "第11 3 (4)",
    "第13",
    "第14 2 (4)",
    "第3",
];

/// RULES.md, Programme B: the three sub-programmes, their requirements, priority and rate.
const PROGRAMME_B: &[&str] = &[
    "第2",
    "第3 I (1) 支援対象",
    "第3 I (1) 要件",
    "第3 I (1) ①",
    "第3 I (1) ②",
    "第3 I (1) ③",
    "第3 I (1) 補助対象経費",
    "第3 I (2) 支援対象",
    "第3 I (2) 要件",
    "第3 I (2) ①",
    "第3 I (2) ②",
    "第3 I (2) 補助対象経費",
    "第3 I (3) 支援対象",
    "第3 I (3) ①",
    "第3 I (3) ②",
    "第3 I (3) ③",
    "第3 I (3) ④",
    "第3 I (3) 補助対象経費",
    "第3 II",
];

/// RULES.md, Programme A: "Budget" (第6–第8, 第14 3 (2), 第15) and "Dates" (第9).
const PROGRAMME_A_BUDGET: &[&str] = &[
    "第6",
    "第6 1",
    "第6 2",
    "第7 1",
    "第7 2",
    "第7 3",
    "第7 4",
    "第7 5",
    "第7 6",
    "第7 7",
    "第8",
    "第9",
    "第14 3 (2)",
    "第15 2 (1)",
    "第15 2 (2)",
    "第15 2 (3)",
];

/// RULES.md, Programme B: "Dates" (第4, 第5 4, 第6 1, 第6 4, 第7 2, 第8 3).
const PROGRAMME_B_DATES: &[&str] = &["第4", "第5 4", "第6 1", "第6 4", "第7 2", "第8 3"];

/// RULES.md, Programme B: "Forms" (別記様式1–5).
const PROGRAMME_B_FORMS: &[&str] = &["別記様式1", "別記様式2", "別記様式4", "別記様式5"];

fn uncovered(id: &str, wanted: &[&str]) -> Vec<String> {
    let catalog = yoken::Catalog::new();
    let p = catalog.get(id).unwrap();
    let rules = p.rule_clauses();
    let non_goals: BTreeSet<String> = p
        .info()
        .non_goals
        .iter()
        .map(|n| n.clause.clone())
        .collect();
    wanted
        .iter()
        .filter(|c| !rules.contains(**c) && !non_goals.contains(**c))
        .map(|c| (*c).to_owned())
        .collect()
}

#[test]
fn every_eligibility_clause_of_programme_a_has_a_rule_or_a_non_goal() {
    assert_eq!(
        uncovered("maff-mohouhin-r7", PROGRAMME_A),
        Vec::<String>::new()
    );
}

#[test]
fn every_eligibility_clause_of_programme_b_has_a_rule_or_a_non_goal() {
    assert_eq!(
        uncovered("maff-hinshu-r7", PROGRAMME_B),
        Vec::<String>::new()
    );
}

#[test]
fn every_budget_clause_of_programme_a_has_a_rule_or_a_non_goal() {
    assert_eq!(
        uncovered("maff-mohouhin-r7", PROGRAMME_A_BUDGET),
        Vec::<String>::new()
    );
}

#[test]
fn every_date_clause_of_programme_b_has_a_rule() {
    assert_eq!(
        uncovered("maff-hinshu-r7", PROGRAMME_B_DATES),
        Vec::<String>::new()
    );
}

#[test]
fn every_form_rule_of_programme_b_has_a_rule() {
    assert_eq!(
        uncovered("maff-hinshu-r7", PROGRAMME_B_FORMS),
        Vec::<String>::new()
    );
}

#[test]
fn every_clause_text_is_quoted_from_the_seed_document() {
    // The clause table quotes the document; check each quote against the seed text, ignoring
    // white space and the elisions (…) that shorten long passages.
    for (id, seed) in [
        ("maff-mohouhin-r7", "003_c2416e8d787af1d3.txt"),
        ("maff-hinshu-r7", "002_202a1ba5d2b5606f.txt"),
    ] {
        let path = crate::util::root().join("../shared/seeds").join(seed);
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!(
                "seed {} not present here; skipping the quote check",
                path.display()
            );
            continue;
        };
        let squash = |s: &str| {
            s.chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .collect::<String>()
        };
        let doc = squash(&text);
        let info = yoken::Catalog::new().get(id).unwrap().info();
        for clause in &info.clauses {
            for part in clause
                .text
                .split('…')
                .map(squash)
                .filter(|s| s.chars().count() > 3)
            {
                assert!(
                    doc.contains(&part),
                    "{id} {}: not found in the seed: {part}",
                    clause.id
                );
            }
        }
    }
}
