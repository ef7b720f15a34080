//! Any pack the checker accepts evaluates any form without panicking: the bytes drive a small
//! generator of expressions and conditions (sums, products with fractions, quotients by zero,
//! min/max, rounding, choices, rates, dates, column sums, cells, row figures) placed in a fact, a
//! requirement, a table's row figure and rule, a figure and a limit; then of a form with hostile
//! values. The checker refuses what does not fit; what it accepts must evaluate.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};
use yoken::Catalog;

struct Bytes<'a> {
    data: &'a [u8],
    at: usize,
}

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        let b = self.data.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }
    fn pick<'s>(&mut self, items: &[&'s str]) -> &'s str {
        items[usize::from(self.byte()) % items.len()]
    }
    fn amount(&mut self) -> String {
        let n = (0..7).fold(0u64, |acc, _| acc * 256 + u64::from(self.byte()));
        (n % 1_000_000_000_000_000).to_string()
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Scope {
    Answers,
    Row,
    Tail,
}

fn expr(b: &mut Bytes<'_>, scope: Scope, depth: u32) -> Value {
    let leaf = depth == 0 || b.at >= b.data.len();
    let choice = if leaf { b.byte() % 8 } else { b.byte() % 22 };
    let sub = |b: &mut Bytes<'_>| expr(b, scope, depth.saturating_sub(1));
    match choice {
        0 => json!({"answer": b.pick(&["x.a", "x.b"])}),
        1 => json!({"answer": "x.n"}),
        2 => json!({"yen": b.amount()}),
        3 => json!({"number": format!("{}/{}", b.byte() % 11, 1 + b.byte() % 10)}),
        4 => json!({"percent": b.pick(&["0", "10.95", "33.3", "100"])}),
        5 => match scope {
            Scope::Row => json!({"cell": b.pick(&["amount", "share", "when"])}),
            Scope::Tail => json!({"figure": "f0"}),
            Scope::Answers => json!({"fact": "v0"}),
        },
        6 => json!({"date": {"answer": b.pick(&["x.d1", "x.d2"])}}),
        7 => match scope {
            Scope::Tail => json!({"column_sum": {"table": "t", "column": "amount", "categories": [b.pick(&["設備", "工事"])]}}),
            Scope::Row => json!({"row_figure": "r0"}),
            Scope::Answers => json!({"thousand_yen": b.amount()}),
        },
        8 => json!({"sum": [sub(b), sub(b)]}),
        9 => json!({"minus": [sub(b), sub(b)]}),
        10 => json!({"times": [sub(b), sub(b)]}),
        11 => json!({"divide": [sub(b), sub(b)]}),
        12 => json!({"min": [sub(b), sub(b), sub(b)]}),
        13 => json!({"max": [sub(b), sub(b)]}),
        14 => json!({"average": [sub(b), sub(b)]}),
        15 => json!({"first_known": [sub(b), sub(b)]}),
        16 => json!({"floor": {"of": sub(b), "to": b.pick(&["1", "1000", "0.5"])}}),
        17 => json!({"round": {"of": sub(b), "places": b.byte() % 4, "mode": b.pick(&["floor", "half_up", "half_even"])}}),
        18 => {
            let when = node(b, scope, depth.saturating_sub(1));
            json!({"choose": {"cases": [{"when": when, "then": sub(b)}], "otherwise": sub(b)}})
        }
        19 => json!({"rate": {}}),
        20 => json!({"days": {"from": {"answer": "x.d1"}, "to": {"answer": "x.d2"}}}),
        _ => json!({"answer": "x.a"}),
    }
}

fn node(b: &mut Bytes<'_>, scope: Scope, depth: u32) -> Value {
    let leaf = depth == 0 || b.at >= b.data.len();
    let choice = if leaf { 3 + b.byte() % 4 } else { b.byte() % 7 };
    match choice {
        0 => json!({"all": [node(b, scope, depth - 1), node(b, scope, depth - 1)]}),
        1 => json!({"any": [node(b, scope, depth - 1), node(b, scope, depth - 1)]}),
        2 => json!({"not": node(b, scope, depth - 1)}),
        3 => json!({"answer": "x.yes"}),
        4 => {
            let cmp = b.pick(&["at_most", "at_least", "below", "above", "equals"]);
            let mut n = json!({"value": expr(b, scope, depth.min(2))});
            n[cmp] = expr(b, scope, depth.min(2));
            n
        }
        5 => json!({"answer": "x.n", "between": [expr(b, scope, 0), expr(b, scope, 0)]}),
        _ => {
            if scope == Scope::Answers {
                json!({"answered": "x.a"})
            } else {
                json!({"rate": {"in": [b.pick(&["1/2", "2/3", "fixed", "none"])]}})
            }
        }
    }
}

fn pack(b: &mut Bytes<'_>) -> Value {
    let q = |id: &str, t: &str| {
        let mut v = json!({"id": id, "clause": "第1", "type": t, "label": {"ja": id, "en": id}});
        if t == "amount" {
            v["unit"] = json!("yen");
        }
        v
    };
    // A finding fills the comparison's sides when its rule asserts one.
    let finding = |assert: &Value| {
        let compares = ["at_most", "at_least", "below", "above", "equals", "between"]
            .iter()
            .any(|k| assert.get(k).is_some());
        let text = if compares { "{value}/{limit}/{excess}" } else { "hit" };
        json!({"code": "fz.hit", "severity": "warning", "clause": "第1", "message": {"ja": text, "en": text}})
    };
    let fact = expr(b, Scope::Answers, 3);
    let requirement = node(b, Scope::Answers, 3);
    let row_figure = expr(b, Scope::Row, 3);
    let row_rule = node(b, Scope::Row, 3);
    let figure = expr(b, Scope::Tail, 4);
    let limit = node(b, Scope::Tail, 3);
    json!({
        "format": "yoken-pack/2", "id": "fz", "title": {"ja": "f", "en": "f"},
        "source": {"title": "f", "issuer": "f", "document": "f"},
        "fiscal_year": 2025, "valid_from": "2025-04-01", "valid_until": "2026-03-31",
        "clauses": [{"id": "第1", "text": "t", "gloss": "t"}],
        "selection": {"path": "x.kind", "clause": "第1", "label": {"ja": "k", "en": "k"}, "min": 1, "max": 1},
        "subprogrammes": [{"id": "one", "clause": "第1", "title": {"ja": "1", "en": "1"}, "requirement": requirement,
                           "rate": {"clause": "第1", "rate": "1/2", "cases": [{"when": {"answer": "x.yes"}, "rate": "2/3"}]}}],
        "questions": [q("x.a", "amount"), q("x.b", "amount"), q("x.n", "integer"), q("x.yes", "yes_no"), q("x.d1", "date"), q("x.d2", "date")],
        "facts": [{"id": "v0", "clause": "第1", "label": {"ja": "v", "en": "v"}, "value": fact}],
        "tables": [{"id": "t", "path": "t", "rows": "rows", "clause": "第1", "unit": "yen", "label": {"ja": "t", "en": "t"},
          "columns": [
            {"key": "category", "kind": "category", "label": {"ja": "c", "en": "c"},
             "categories": {"items": [{"name": "設備", "label_en": "e", "subprogrammes": ["one"]}, {"name": "工事", "label_en": "w", "subprogrammes": ["one"]}],
                            "clauses": {"one": "第1"}}},
            {"key": "amount", "kind": "amount", "required": true, "label": {"ja": "a", "en": "a"}},
            {"key": "share", "kind": "number", "label": {"ja": "s", "en": "s"}},
            {"key": "when", "kind": "date", "label": {"ja": "w", "en": "w"}}],
          "row_figures": [{"id": "r0", "label": {"ja": "r", "en": "r"}, "value": row_figure}],
          "rules": [{"id": "r", "at": "amount", "assert": row_rule, "finding": finding(&row_rule)}]}],
        "figures": [{"id": "f0", "clause": "第1", "label": {"ja": "f", "en": "f"}, "value": figure}],
        "limits": [{"id": "l", "path": "x.a", "assert": limit, "finding": finding(&limit)}]
    })
}

fn value(b: &mut Bytes<'_>) -> Value {
    match b.byte() % 10 {
        0 => Value::Null,
        1 => json!(""),
        2 => json!(b.amount()),
        3 => json!("１２，３４５円"),
        4 => json!("1e400"),
        5 => json!("-5"),
        6 => json!("999999999999999"),
        7 => json!(b.byte()),
        8 => json!("令和7年2月29日"),
        _ => json!("2025-06-01"),
    }
}

fuzz_target!(|data: &[u8]| {
    let mut b = Bytes { data, at: 0 };
    let pack = pack(&mut b);
    let mut catalog = Catalog::new();
    if catalog.load(&pack.to_string()).is_err() {
        return;
    }
    for _ in 0..3 {
        let rows: Vec<Value> = (0..b.byte() % 4)
            .map(|_| json!({"category": b.pick(&["設備", "工事", "謎"]), "amount": value(&mut b), "share": value(&mut b), "when": value(&mut b)}))
            .collect();
        let form = json!({
            "x": {"kind": "one", "a": value(&mut b), "b": value(&mut b), "n": value(&mut b),
                  "yes": b.pick(&["yes", "no", ""]), "d1": value(&mut b), "d2": value(&mut b)},
            "t": {"rows": rows}
        });
        let report = catalog
            .validate_json("fz", &form.to_string(), "2025-06-01")
            .expect("a checked pack evaluates any form");
        assert!(report.contains("\"figures\""));
    }
});
