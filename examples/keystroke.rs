//! One keystroke natively, for profiling: a session on programme A's full form (30 cost lines),
//! typed edits to the amounts, each answered with its delta — the widget's path without the wasm
//! boundary (`bench/keystroke.mjs` measures that path in Node).
//!   cargo run --release --example keystroke -- [edits] [rows]
//!   (rows: the form's 30 cost lines repeated to that many, to see how an edit's cost grows with
//!   the rows it does not touch; the edits still go to the first 30)
//!   perf record -g --call-graph dwarf target/release/examples/keystroke 40000
//!   SHOW=1 cargo run --release --example keystroke -- 2   (prints the first deltas)
//!   ANSWER=1 cargo run --release --example keystroke       (types into the applicant's name, a
//!   text answer outside the tables, instead of the amounts)
use std::error::Error;
use std::time::Instant;

fn main() -> Result<(), Box<dyn Error>> {
    let edits: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000)
        .max(1);
    let catalog = yoken::Catalog::new();
    let programme = catalog.shared("maff-mohouhin-r7")?;
    let rows: usize = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(30)
        .max(30);
    let mut form: serde_json::Value =
        serde_json::from_str(include_str!("../bench/forms/full.json"))?;
    if let Some(lines) = form
        .pointer_mut("/budget/lines")
        .and_then(serde_json::Value::as_array_mut)
    {
        let first: Vec<serde_json::Value> = lines.clone();
        *lines = first.iter().cycle().take(rows).cloned().collect();
    }
    let today = yoken::date("today", "2025-12-01")?;
    let mut session = yoken::Session::new(programme, today, yoken::Options::traced(false));
    session.replace(form)?;
    session.report_json()?;
    let words = [
        "1",
        "12",
        "12,",
        "12,3",
        "12,34",
        "12,345",
        "１",
        "１２",
        "１２３千円",
    ];
    let show = std::env::var_os("SHOW").is_some();
    let answer = std::env::var_os("ANSWER").is_some();
    let name = "一般社団法人 品種保護協会";
    let typed: Vec<char> = "あいうえおかきくけこ".chars().collect();
    let mut nanos = Vec::with_capacity(edits);
    let mut bytes = 0;
    for i in 0..edits {
        let (path, value) = if answer {
            let tail: String = typed[..i % typed.len()].iter().collect();
            ("applicant.name".to_owned(), format!("{name}{tail}"))
        } else {
            (
                format!("budget.lines[{}].amount", (i * 7) % 30),
                words[i % words.len()].to_owned(),
            )
        };
        let started = Instant::now();
        session.set(&path, serde_json::Value::from(value))?;
        let delta = session.delta_json()?;
        nanos.push(started.elapsed().as_nanos());
        bytes += delta.len();
        if show && i < 2 {
            println!("{delta}");
        }
    }
    nanos.sort_unstable();
    let at = |percent: usize| nanos[(nanos.len() - 1) * percent / 100] / 100;
    let us = |tenths: u128| format!("{}.{}", tenths / 10, tenths % 10);
    println!(
        "{edits} edits: median {} µs, p95 {} µs, p99 {} µs; {} bytes of delta per edit",
        us(at(50)),
        us(at(95)),
        us(at(99)),
        bytes / edits
    );
    Ok(())
}
