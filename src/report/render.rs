//! A Report as plain text for people: the verdicts with their clause trail, then the findings
//! grouped by field. `yoken check` prints this; the spec-case snapshots are written in it.
//!
//! Owns: the text presentation of a Report and of the registry of codes. Must not know: terminals
//! (the shell prints what this returns).

use crate::eval::trace::{Outcome, Trace};
use crate::finding::diagnostic::Severity;
use crate::report::{Report, TableReport, Verdict};
use core::fmt::Write;

pub use crate::finding::message::Lang;

fn verdict(lang: Lang, v: Verdict) -> &'static str {
    match v {
        Verdict::Eligible => lang.text("適格 (eligible)", "eligible"),
        Verdict::Ineligible => lang.text("不適格 (ineligible)", "ineligible"),
        Verdict::Incomplete => lang.text("未完了 (incomplete)", "incomplete"),
    }
}

fn mark(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "✓",
        Outcome::Fail => "✗",
        Outcome::Unknown => "?",
    }
}

fn severity(lang: Lang, s: Severity) -> &'static str {
    match s {
        Severity::Error => lang.text("エラー", "error"),
        Severity::Warning => lang.text("警告", "warning"),
        Severity::Review => lang.text("審査判断", "review"),
        Severity::Info => lang.text("情報", "info"),
    }
}

/// Renders a report as text in `lang`.
#[must_use]
pub fn render_text(report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — {} ({}) — {}",
        report.programme.id,
        lang.pick(&report.programme.title),
        report.programme.fiscal_year,
        report.today
    );
    let _ = writeln!(
        out,
        "{}: {}",
        lang.text("総合判定", "Overall"),
        verdict(lang, report.overall.verdict)
    );
    if !report.overall.missing.is_empty() {
        let _ = writeln!(
            out,
            "  {}: {}",
            lang.text("判定に必要な未回答", "Unanswered, needed for the verdict"),
            report.overall.missing.join(", ")
        );
    }
    for v in report.verdicts.iter() {
        let _ = writeln!(
            out,
            "\n[{}] {}（{}）: {}",
            v.subprogramme,
            lang.pick(&v.title),
            v.clause,
            verdict(lang, v.verdict)
        );
        let _ = writeln!(
            out,
            "  {}: {}（{}）",
            lang.text("補助率", "Rate"),
            lang.pick(&v.rate.label),
            v.rate.clause
        );
        if let Some(p) = &v.priority {
            let _ = writeln!(
                out,
                "  {} {}: {}（{}）",
                mark(p.outcome),
                lang.text("優先採択", "Priority"),
                lang.pick(&p.label),
                p.clause
            );
        }
        if let Some(t) = &v.trace {
            trace(&mut out, lang, t, 1);
        }
    }
    for t in &report.tables {
        let _ = writeln!(out, "\n{}", lang.pick(&t.label));
        for line in table_lines(t, lang) {
            let _ = writeln!(out, "  {line}");
        }
    }
    if report.figures.iter().any(|f| f.value.is_some()) {
        let _ = writeln!(out, "\n{}", lang.text("計算した金額", "Figures"));
        for f in report.figures.iter().filter(|f| f.value.is_some()) {
            let _ = writeln!(out, "  {}  [{}]", lang.pick(&f.worked), f.clause);
        }
    }
    if !report.dates.is_empty() {
        let _ = writeln!(out, "\n{}", lang.text("日付・期限", "Dates and deadlines"));
        for d in report.dates.iter() {
            let when = d.wareki.as_deref().map_or_else(
                || lang.text("（未計算）", "(pending)").to_owned(),
                |w| format!("{w}（{}）", d.date.as_deref().unwrap_or_default()),
            );
            let _ = writeln!(out, "  {}: {}  [{}]", lang.pick(&d.label), when, d.clause);
            let _ = writeln!(out, "    {}", lang.pick(&d.rule));
            if let Some(c) = &d.closed {
                let _ = writeln!(
                    out,
                    "    {}: {}",
                    lang.text("行政機関の休日", "Offices closed"),
                    lang.pick(&c.name)
                );
            }
        }
    }
    let s = &report.summary;
    let _ = writeln!(
        out,
        "\n{} ({}: {}, {}: {}, {}: {}, {}: {})",
        lang.text("指摘", "Findings"),
        severity(lang, Severity::Error),
        s.error,
        severity(lang, Severity::Warning),
        s.warning,
        severity(lang, Severity::Review),
        s.review,
        severity(lang, Severity::Info),
        s.info
    );
    let mut last_path: Option<&str> = None;
    for d in &report.diagnostics {
        if last_path != Some(d.path.as_str()) {
            let shown = if d.path.is_empty() { "(form)" } else { &d.path };
            let _ = writeln!(out, "  {shown}");
            last_path = Some(&d.path);
        }
        let clause = d
            .clause
            .as_deref()
            .map(|c| format!(" [{c}]"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "    {}{} {}: {}",
            severity(lang, d.severity),
            clause,
            d.code,
            lang.pick(&d.message)
        );
    }
    out
}

/// A trace node's label without the enumerator its clause already names: clause `第5 2 (7) ア`
/// with label `ア 法人ですか` reads `第5 2 (7) ア 法人ですか`, not `… ア ア 法人ですか`.
#[must_use]
pub fn label_after_clause<'a>(clause: &str, label: &'a str) -> &'a str {
    let tokens: Vec<&str> = clause.split_whitespace().collect();
    for k in (1..=tokens.len()).rev() {
        let tail = tokens[tokens.len() - k..].join(" ");
        if let Some(rest) = label.strip_prefix(tail.as_str()) {
            if rest.is_empty() || rest.starts_with([' ', '　']) {
                return rest.trim_start_matches([' ', '　']);
            }
        }
    }
    label
}

/// An answer as the trace shows it: はい/いいえ in Japanese.
fn answer_text(lang: Lang, value: &str) -> &str {
    match (lang, value) {
        (Lang::Ja, "yes") => "はい",
        (Lang::Ja, "no") => "いいえ",
        _ => value,
    }
}

fn trace(out: &mut String, lang: Lang, t: &Trace, depth: usize) {
    let value = match (&t.field, &t.value) {
        (Some(f), Some(v)) => format!("  ({f} = {})", answer_text(lang, v)),
        (Some(f), None) => format!("  ({f})"),
        (None, Some(v)) => format!("  ({})", answer_text(lang, v)),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "{}{} {} {}{}",
        "  ".repeat(depth),
        mark(t.outcome),
        t.clause,
        label_after_clause(&t.clause, lang.pick(&t.label)),
        value
    );
    if let Some(r) = &t.reading {
        let _ = writeln!(
            out,
            "{}  {}: {}",
            "  ".repeat(depth),
            lang.text("読み方", "Reading"),
            lang.pick(r)
        );
    }
    for c in t.children.iter() {
        trace(out, lang, c, depth + 1);
    }
}

/// A table as text lines: each row's figures, the sums and the sums per sub-programme.
fn table_lines(t: &TableReport, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for r in &t.rows {
        let mut parts = vec![format!("#{}", r.index)];
        parts.extend(r.subprogramme.as_deref().map(str::to_owned));
        parts.extend(r.category.as_deref().map(str::to_owned));
        parts.extend(r.group.as_deref().map(str::to_owned));
        for (id, f) in &r.figures {
            parts.push(format!("{id}={}", f.display()));
        }
        out.push(parts.join("  "));
    }
    for s in &t.subtotals {
        out.push(format!(
            "{} {}: {}",
            lang.text("小計", "Subtotal"),
            s.subprogramme,
            s.amount.display()
        ));
    }
    if !t.sums.is_empty() {
        let sums: Vec<String> = t
            .sums
            .iter()
            .map(|(k, v)| format!("{k}={}", v.display()))
            .collect();
        out.push(format!(
            "{}: {}",
            lang.text("計", "Totals"),
            sums.join("  ")
        ));
    }
    if !t.complete {
        out.push(
            lang.text(
                "（読み取れない行があるため、計は読み取れた行のみ）",
                "(some rows could not be read; totals cover the readable ones)",
            )
            .to_owned(),
        );
    }
    out
}

/// The registry of codes as Markdown (`docs/codes.md`, `yoken codes --format markdown`).
#[must_use]
pub fn codes_markdown() -> String {
    let mut out = String::from(
        "# Codes\n\n\
         Every code yoken can emit, generated from the registry (`src/finding/code.rs`) by\n\
         `yoken codes --format markdown`; a test fails when this file is not current.\n\n\
         - A **finding** is part of a Report (`diagnostics`): its kind is its severity — `error`,\n  \
         `warning`, `review` (for the officer's judgment) or `info` — or `set by the pack`.\n\
         - A **refusal** is a call that could not be served: a thrown `YokenError` in JavaScript, an\n  \
         HTTP error answer `{\"error\": {code, message}}`, exit code 2 on the command line.\n\
         - A rule pack's own codes (its checks, table rules and limits) are listed in the pack; they\n  \
         may not be an engine code, nor start with an engine prefix other than the shared `budget.`,\n  \
         `deadline.` and `period.` (",
    );
    let prefixes: Vec<String> = crate::finding::code::Code::prefixes()
        .iter()
        .map(|p| format!("`{p}`"))
        .collect();
    let _ = write!(out, "{}).\n\n", prefixes.join(", "));
    out.push_str("| code | kind | meaning | 意味 |\n|---|---|---|---|\n");
    for c in crate::finding::code::Code::ALL {
        let (ja, en) = c.meaning();
        let _ = writeln!(
            out,
            "| `{}` | {} | {en} | {ja} |",
            c.as_str(),
            c.kind().name()
        );
    }
    for p in crate::pack::builtin::all() {
        let _ = write!(
            out,
            "\n## Codes of the built-in pack `{}`\n\n{}. Declared in `packs/{}.json`; the message as \
             the pack writes it (`{{value}}`, `{{limit}}`, … are filled in).\n\n\
             | code | severity | clause | message | メッセージ |\n|---|---|---|---|---|\n",
            p.id(),
            p.spec.title.en,
            p.id()
        );
        for f in p.own_codes() {
            let cell = |t: &str| t.replace('|', "\\|").replace('\n', " ");
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} | {} |",
                f.code,
                f.severity.as_str(),
                f.clause.as_deref().unwrap_or(""),
                cell(&f.message.en),
                cell(&f.message.ja)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// The widget applies the same rule (`labelAfterClause` in www/yoken-widget.js); both are held
    /// to these examples.
    #[test]
    fn a_label_does_not_repeat_the_enumerator_of_its_clause() {
        let examples: Vec<serde_json::Value> =
            serde_json::from_str(include_str!("../../tests/fixtures/trace-labels.json")).unwrap();
        assert!(examples.len() >= 5);
        for e in &examples {
            let (clause, label) = (e["clause"].as_str().unwrap(), e["label"].as_str().unwrap());
            assert_eq!(
                label_after_clause(clause, label),
                e["shown"],
                "{clause} / {label}"
            );
        }
    }
}
