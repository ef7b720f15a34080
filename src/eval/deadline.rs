//! Dates and deadlines: computed from the form's dates by the pack's rules, each with its clause
//! and the counting rule that produced it (in Japanese and English), checked against 行政機関の休日
//! and against today.
//!
//! Owns: date rules and limits. Must not know: how answers were read (it asks
//! [`DateAnswers`]).

use crate::finding::code::Code;
use crate::finding::diagnostic::Diagnostic;
use crate::finding::message::Message;
use crate::pack::spec::{DateExprSpec, DateLimitSpec, DateRuleSpec};
use crate::text::fiscal_year::FiscalYear;
use crate::text::holiday::{administrative_holiday, weekday_name, ClosedDay};
use crate::text::iso_date::parse_iso_date;
use crate::text::period;
use crate::text::wareki::format_wareki;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A computed date in the Report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ComputedDate {
    /// The rule's id.
    pub id: String,
    /// What the date is.
    pub label: Message,
    /// The clause.
    pub clause: String,
    /// The date (ISO), once everything it depends on is answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The date in 和暦.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wareki: Option<String>,
    /// The weekday.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekday: Option<Message>,
    /// How it was computed: the counting rule with every intermediate date.
    pub rule: Message,
    /// Date questions still to answer before it can be computed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// Whether it is the applicant's deadline.
    pub deadline: bool,
    /// A 行政機関の休日 it falls on (the deadline is not moved).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<ClosedDay>,
    /// For deadlines: whether it is before today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passed: Option<bool>,
    /// The reading chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Message>,
}

/// What the date rules read from the form.
pub(crate) trait DateAnswers {
    /// A date question's answer.
    fn date(&self, question: &str) -> Option<NaiveDate>;
    /// A question's label.
    fn label(&self, question: &str) -> Message;
}

/// One evaluated expression.
struct Value {
    date: Option<NaiveDate>,
    rule: Message,
    missing: Vec<String>,
}

fn shown(date: NaiveDate) -> (String, String) {
    (format_wareki(date), date.to_string())
}

/// A computed date appended to a rule's wording — `ja.0` + 和暦 + `ja.1` and `en_lead` + ISO — or
/// nothing when the date could not be computed.
fn date_tail(date: Option<NaiveDate>, ja: (&str, &str), en_lead: &str) -> (String, String) {
    date.map(|d| {
        let (w, iso) = shown(d);
        (format!("{}{w}{}", ja.0, ja.1), format!("{en_lead}{iso}"))
    })
    .unwrap_or_default()
}

fn evaluate(expr: &DateExprSpec, fy: FiscalYear, answers: &dyn DateAnswers) -> Value {
    let at = |date: Option<NaiveDate>, ja: String, en: String, missing: Vec<String>| Value {
        date,
        rule: Message::new(ja, en),
        missing,
    };
    match expr {
        DateExprSpec::Answer(q) => {
            let label = answers.label(q);
            match answers.date(q) {
                Some(d) => {
                    let (w, iso) = shown(d);
                    at(
                        Some(d),
                        format!("「{}」{w}", label.ja),
                        format!("\"{}\" {iso}", label.en),
                        Vec::new(),
                    )
                }
                None => at(
                    None,
                    format!("「{}」（未回答）", label.ja),
                    format!("\"{}\" (not answered)", label.en),
                    vec![q.clone()],
                ),
            }
        }
        DateExprSpec::Fixed(iso) => {
            let d = parse_iso_date(iso);
            let w = d.map(format_wareki).unwrap_or_default();
            at(d, w, iso.clone(), Vec::new())
        }
        DateExprSpec::FiscalYearStart => {
            let d = fy.first_day();
            let (w, iso) = d.map(shown).unwrap_or_default();
            at(
                d,
                format!("{fy}の初日（{w}）"),
                format!("the first day of the fiscal year ({iso})"),
                Vec::new(),
            )
        }
        DateExprSpec::FiscalYearEnd => {
            let d = fy.last_day();
            let (w, iso) = d.map(shown).unwrap_or_default();
            at(
                d,
                format!("事業年度（{fy}）が終了する日（{w}）"),
                format!("the last day of the fiscal year ({iso})"),
                Vec::new(),
            )
        }
        DateExprSpec::MonthsElapsed { from, months } => {
            let v = evaluate(from, fy, answers);
            let end = v.date.and_then(|d| period::months_period_end(d, *months));
            let result = end.and_then(|e| e.succ_opt());
            let (end_w, end_iso) = end.map(shown).unwrap_or_default();
            let (res_w, res_iso) = result.map(shown).unwrap_or_default();
            at(
                result,
                if result.is_some() {
                    format!("{}から起算して{months}か月を経過した日：期間は{end_w}に満了し（民法第143条：起算日に応当する日の前日、応当する日がない月はその月の末日）、その翌日の{res_w}", v.rule.ja)
                } else {
                    format!("{}から起算して{months}か月を経過した日", v.rule.ja)
                },
                if result.is_some() {
                    format!("the day after {months} month(s) counted from {} (day 1): the period ends on {end_iso} (Civil Code Art. 143: the day before the corresponding day, or the month's last day if it has none), so {res_iso}", v.rule.en)
                } else {
                    format!("the day after {months} month(s) counted from {}", v.rule.en)
                },
                v.missing,
            )
        }
        DateExprSpec::WithinDaysAfter { from, days } => {
            let v = evaluate(from, fy, answers);
            let result = v.date.and_then(|d| period::within_days_after(d, *days));
            let (ja_tail, en_tail) = date_tail(result, ("：", "まで"), ": up to ");
            at(
                result,
                format!(
                    "{}から{days}日以内（初日は算入しない、民法第140条）{}",
                    v.rule.ja, ja_tail
                ),
                format!(
                    "within {days} days of {} (the first day not counted, Civil Code Art. 140){}",
                    v.rule.en, en_tail
                ),
                v.missing,
            )
        }
        DateExprSpec::DaysBefore { from, days } => {
            let v = evaluate(from, fy, answers);
            let result = v.date.and_then(|d| period::days_before(d, *days));
            let (ja_tail, en_tail) = date_tail(result, ("：", ""), ": ");
            let weeks = if days % 7 == 0 {
                format!("{}週間", days / 7)
            } else {
                format!("{days}日")
            };
            at(
                result,
                format!("{}の{weeks}前（{days}日前）{}", v.rule.ja, ja_tail),
                format!("{days} days before {}{}", v.rule.en, en_tail),
                v.missing,
            )
        }
        DateExprSpec::NextYearOn { from, month, day } => {
            let v = evaluate(from, fy, answers);
            let result = v.date.and_then(|d| period::next_year_on(d, *month, *day));
            let (ja_tail, en_tail) = date_tail(result, ("：", ""), ": ");
            at(
                result,
                format!("{}の翌年の{month}月{day}日{}", v.rule.ja, ja_tail),
                format!("{month}/{day} of the year after {}{}", v.rule.en, en_tail),
                v.missing,
            )
        }
        DateExprSpec::Earliest(items) => {
            let values: Vec<Value> = items.iter().map(|e| evaluate(e, fy, answers)).collect();
            let missing: Vec<String> = values.iter().flat_map(|v| v.missing.clone()).collect();
            // The earliest is known only when every candidate is: a blank one could be earlier.
            let result = if missing.is_empty() {
                values.iter().filter_map(|v| v.date).min()
            } else {
                None
            };
            let ja: Vec<&str> = values.iter().map(|v| v.rule.ja.as_str()).collect();
            let en: Vec<&str> = values.iter().map(|v| v.rule.en.as_str()).collect();
            let (ja_tail, en_tail) = date_tail(result, ("＝", ""), " = ");
            at(
                result,
                format!("次のいずれか早い日{}：〔{}〕", ja_tail, ja.join("〕〔")),
                format!("the earlier of{}: [{}]", en_tail, en.join("] [")),
                missing,
            )
        }
    }
}

/// Computes every date rule; deadlines already passed and deadlines on closed days are findings.
pub(crate) fn compute(
    rules: &[DateRuleSpec],
    fy: FiscalYear,
    today: NaiveDate,
    answers: &dyn DateAnswers,
    diags: &mut Vec<Diagnostic>,
) -> Vec<ComputedDate> {
    rules
        .iter()
        .map(|r| {
            let v = evaluate(&r.expr, fy, answers);
            let path = first_question(&r.expr).unwrap_or_else(|| "dates".to_owned());
            let closed = v.date.and_then(administrative_holiday);
            let passed = (r.deadline).then(|| v.date.map(|d| d < today)).flatten();
            if let (Some(d), true) = (v.date, r.deadline) {
                let w = format_wareki(d);
                if d < today {
                    diags.push(Diagnostic::new(
                        Code::DeadlinePassed,
                        &path,
                        Some(&r.clause),
                        Message::new(
                            format!("{}（{w}）は過ぎています（本日{}）。", r.label.ja, format_wareki(today)),
                            format!("{} ({d}) has passed (today is {today}).", r.label.en),
                        ),
                    ));
                }
                if let Some(c) = &closed {
                    diags.push(Diagnostic::new(
                        Code::DeadlineClosedDay,
                        &path,
                        Some(&r.clause),
                        Message::new(
                            format!("{}（{w}）は行政機関の休日（{}）に当たります。規程に繰り下げの定めはないため、期限はこの日のままです。早めの提出をお勧めします。", r.label.ja, c.name.ja),
                            format!("{} ({d}) falls on a day government offices are closed ({}). The document does not move it, so the deadline stays; submit early.", r.label.en, c.name.en),
                        ),
                    ));
                }
            }
            ComputedDate {
                id: r.id.clone(),
                label: r.label.clone(),
                clause: r.clause.clone(),
                date: v.date.map(|d| d.to_string()),
                wareki: v.date.map(format_wareki),
                weekday: v.date.map(weekday_name),
                rule: v.rule,
                missing: v.missing,
                deadline: r.deadline,
                closed,
                passed,
                reading: r.reading.clone(),
            }
        })
        .collect()
}

/// The first date question an expression reads (where its findings are shown).
fn first_question(expr: &DateExprSpec) -> Option<String> {
    match expr {
        DateExprSpec::Answer(q) => Some(q.clone()),
        DateExprSpec::Fixed(_) | DateExprSpec::FiscalYearStart | DateExprSpec::FiscalYearEnd => {
            None
        }
        DateExprSpec::MonthsElapsed { from, .. }
        | DateExprSpec::WithinDaysAfter { from, .. }
        | DateExprSpec::DaysBefore { from, .. }
        | DateExprSpec::NextYearOn { from, .. } => first_question(from),
        DateExprSpec::Earliest(items) => items.iter().find_map(first_question),
    }
}

/// Checks date answers against their bounds.
pub(crate) fn check_limits(
    limits: &[DateLimitSpec],
    fy: FiscalYear,
    answers: &dyn DateAnswers,
    diags: &mut Vec<Diagnostic>,
) {
    for limit in limits {
        let Some(date) = answers.date(&limit.question) else {
            continue;
        };
        let bound =
            |e: &Option<DateExprSpec>| e.as_ref().and_then(|e| evaluate(e, fy, answers).date);
        let before = bound(&limit.not_before).filter(|b| date < *b);
        let after = bound(&limit.not_after).filter(|a| date > *a);
        if let Some(b) = before.or(after) {
            let (word_ja, word_en) = if before.is_some() {
                ("より前", "before")
            } else {
                ("より後", "after")
            };
            diags.push(Diagnostic::with_severity(
                Code::PeriodOutside,
                limit.severity,
                &limit.question,
                Some(&limit.clause),
                Message::new(
                    format!(
                        "{}は{}{word_ja}です。{}",
                        format_wareki(date),
                        format_wareki(b),
                        limit.message.ja
                    ),
                    format!("{date} is {word_en} {b}. {}", limit.message.en),
                ),
            ));
        }
    }
}

/// The date an expression gives, when it can be computed.
pub(crate) fn date_of(
    expr: &DateExprSpec,
    fy: FiscalYear,
    answers: &dyn DateAnswers,
) -> Option<NaiveDate> {
    evaluate(expr, fy, answers).date
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    struct Answers(HashMap<&'static str, NaiveDate>);
    impl DateAnswers for Answers {
        fn date(&self, q: &str) -> Option<NaiveDate> {
            self.0.get(q).copied()
        }
        fn label(&self, q: &str) -> Message {
            Message::new(q, q)
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn report_due() -> DateExprSpec {
        serde_json::from_str(r#"{"earliest": [{"months_elapsed": {"from": {"answer": "completion"}, "months": 1}}, {"days_before": {"from": "fiscal_year_end", "days": 14}}]}"#).unwrap()
    }

    fn due(completion: NaiveDate) -> Option<NaiveDate> {
        let a = Answers(HashMap::from([("completion", completion)]));
        evaluate(&report_due(), FiscalYear::starting(2025), &a).date
    }

    #[test]
    fn report_due_is_the_earlier_of_one_month_and_two_weeks_before_the_year_end() {
        assert_eq!(due(d(2025, 11, 14)), Some(d(2025, 12, 14)));
        assert_eq!(due(d(2026, 1, 31)), Some(d(2026, 3, 1)));
        assert_eq!(due(d(2026, 2, 16)), Some(d(2026, 3, 16)));
        assert_eq!(due(d(2026, 2, 17)), Some(d(2026, 3, 17)));
        assert_eq!(due(d(2026, 2, 28)), Some(d(2026, 3, 17)));
        let none = Answers(HashMap::new());
        let v = evaluate(&report_due(), FiscalYear::starting(2025), &none);
        assert_eq!((v.date, v.missing), (None, vec!["completion".to_owned()]));
    }
}
