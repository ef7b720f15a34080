//! A Report as plain text for people: the verdicts with their clause trail, then the findings
//! grouped by field. `yoken check` prints this; the spec-case snapshots are written in it.
//!
//! Owns: the text presentation of a Report and of the registry of codes. Must not know: terminals
//! (the shell prints what this returns).

use crate::eval::logic::{Outcome, Trace};
use crate::finding::diagnostic::Severity;
use crate::finding::message::Message;
use crate::report::{BudgetReport, Report, Verdict};
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
        for line in budget_lines(b, lang == Lang::En) {
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

/// The budget as text lines.
fn budget_lines(b: &BudgetReport, english: bool) -> Vec<String> {
    let t = |ja: &str, en: &str| {
        if english {
            en.to_owned()
        } else {
            ja.to_owned()
        }
    };
    let mut out = Vec::new();
    for r in &b.rows {
        let mut parts = vec![format!("#{}", r.index)];
        parts.extend(r.category.clone());
        parts.extend(r.group.clone());
        if let Some(a) = &r.amount {
            parts.push(a.display.clone());
        }
        if let Some(s) = &r.sum {
            parts.push(format!("A+B={}", s.display));
        }
        if let Some(m) = &r.max_subsidy {
            parts.push(format!("{}={}", t("A上限", "max A"), m.display));
        }
        out.push(parts.join("  "));
    }
    for s in &b.subtotals {
        out.push(format!(
            "{} {}: {}",
            t("小計", "Subtotal"),
            s.subprogramme,
            s.amount.display
        ));
    }
    if let Some(c) = &b.columns {
        out.push(format!(
            "{}: {} = {} + {}",
            t("計", "Total"),
            c.total.display,
            c.subsidy.display,
            c.own.display
        ));
    }
    out.push(format!("{}: {}", t("合計", "Total"), b.total.display));
    out.push(format!(
        "{}: {}",
        t("申請額", "Requested"),
        b.requested.display
    ));
    if let Some(c) = &b.cap {
        out.push(format!(
            "{}: {}（{}）, {}: {}",
            t("上限", "Cap"),
            c.limit.display,
            c.clause,
            t("残り", "Headroom"),
            c.headroom.display
        ));
    }
    if !b.complete {
        out.push(t(
            "（読み取れない行があるため、合計は読み取れた行のみ）",
            "(some rows could not be read; totals cover the readable ones)",
        ));
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
         - A rule pack's own codes (its checks and notes) are listed in the pack; they may not start\n  \
         with an engine prefix (",
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
    out
}
