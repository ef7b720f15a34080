//! A Report as plain text for people: the verdicts with their clause trail, then the findings
//! grouped by field. `yoken check` prints this; the spec-case snapshots are written in it.

use crate::diagnostic::Severity;
use crate::logic::{Outcome, Trace};
use crate::message::Message;
use crate::report::{Report, Verdict};
use core::fmt::Write;

/// Which language to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// 日本語.
    #[default]
    Ja,
    /// English.
    En,
}

impl Lang {
    fn pick(self, m: &Message) -> &str {
        match self {
            Lang::Ja => &m.ja,
            Lang::En => &m.en,
        }
    }

    fn text(self, ja: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }
}

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
    for v in &report.verdicts {
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
    if let Some(b) = &report.budget {
        let _ = writeln!(out, "\n{}", lang.text("予算", "Budget"));
        for line in crate::budget::render_lines(b, lang == Lang::En) {
            let _ = writeln!(out, "  {line}");
        }
    }
    if let Some(t) = &report.tax_report {
        if let Some(r) = &t.refund {
            let _ = writeln!(
                out,
                "\n{}: {}",
                lang.text("補助金返還相当額（様式4）", "Amount to return (様式4)"),
                r.display
            );
        }
    }
    if let Some(a) = &report.advance_payment {
        let _ = writeln!(
            out,
            "\n{}: A {} / B {} / C {} / {} {}",
            lang.text("概算払（様式5）", "Advance payment (様式5)"),
            a.subsidy.display,
            a.received.display,
            a.request.display,
            lang.text("残額", "remaining"),
            a.remaining.display
        );
    }
    if !report.dates.is_empty() {
        let _ = writeln!(out, "\n{}", lang.text("日付・期限", "Dates and deadlines"));
        for d in &report.dates {
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
    if let Some(c) = &report.additional_charge {
        let _ = writeln!(
            out,
            "\n{}: {}  [{}]\n  {}",
            lang.pick(&c.label),
            c.charge.display,
            c.clause,
            lang.pick(&c.rule)
        );
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

fn trace(out: &mut String, lang: Lang, t: &Trace, depth: usize) {
    let value = match (&t.field, &t.value) {
        (Some(f), Some(v)) => format!("  ({f} = {v})"),
        (Some(f), None) => format!("  ({f})"),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "{}{} {} {}{}",
        "  ".repeat(depth),
        mark(t.outcome),
        t.clause,
        lang.pick(&t.label),
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
    for c in &t.children {
        trace(out, lang, c, depth + 1);
    }
}
