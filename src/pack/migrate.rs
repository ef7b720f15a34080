//! Converting a `yoken-pack/1` pack to `yoken-pack/2`: its rates become fractions with cases,
//! and what format 1 left to Rust — the `lines` and `shares` budget layouts, 様式4, 様式5 and
//! 加算金 — becomes declared tables, figures and limits that raise the same findings with the
//! same messages. `yoken pack migrate FILE` writes the result; a format 1 pack is also converted
//! whenever it is loaded.
//!
//! Owns: the conversion. Must not know: how a pack is checked or used.

use super::spec::{
    CategoriesSpec, ColumnKind, ColumnOptionSpec, ColumnSpec, DateBoundSpec, DateExprSpec,
    DaysSpec, ExprSpec, FigureSpec, FindingSpec, FloorSpec, LimitSpec, NodeSpec, PackSpec,
    QuestionSpec, RateCaseSpec, RateLeafSpec, RateRefSpec, RateSpec, RoundMode, RoundSpec,
    RowFigureSpec, RuleSpec, SubprogrammeSpec, SubtotalsSpec, TableSpec, TotalsSpec, TypedSumSpec,
    WordsSpec, PACK_FORMAT,
};
use super::spec_v1::{
    AdditionalChargeSpec, AdvancePaymentSpec, BudgetLayout, BudgetSpec, PackSpecV1, RateKind,
    SubprogrammeSpecV1, TaxReportSpec,
};
use crate::finding::diagnostic::Severity;
use crate::finding::message::Message;
use crate::text::amount_field::FieldUnit;

/// Converts a format 1 pack.
pub(crate) fn migrate(old: PackSpecV1) -> PackSpec {
    let mut tables = Vec::new();
    let mut figures = Vec::new();
    let mut limits = Vec::new();
    if let Some(b) = &old.budget {
        let (table, mut f, mut l) = match b.layout {
            BudgetLayout::Lines => lines(b),
            BudgetLayout::Shares => shares(b, &old),
        };
        tables.push(table);
        figures.append(&mut f);
        limits.append(&mut l);
    }
    if let Some(t) = &old.tax_report {
        tables.push(tax_report(t));
    }
    if let Some(a) = &old.advance_payment {
        let (table, figure) = advance(a, &old.subprogrammes);
        tables.push(table);
        figures.push(figure);
    }
    if let Some(c) = &old.additional_charge {
        let (mut f, l) = additional_charge(c, &old.questions);
        figures.append(&mut f);
        limits.push(l);
    }
    PackSpec {
        schema: None,
        format: PACK_FORMAT.to_owned(),
        id: old.id,
        title: old.title,
        source: old.source,
        fiscal_year: old.fiscal_year,
        valid_from: old.valid_from,
        valid_until: old.valid_until,
        clauses: old.clauses,
        questions: old.questions,
        facts: old.facts,
        selection: old.selection,
        subprogrammes: old.subprogrammes.into_iter().map(subprogramme).collect(),
        checks: old.checks,
        attachments: old.attachments,
        tables,
        figures,
        limits,
        submission: old.submission,
        dates: old.dates,
        date_limits: old.date_limits,
        non_goals: old.non_goals,
        form: None,
        documents: Vec::new(),
        cases: old.cases,
    }
}

fn m(ja: impl Into<String>, en: impl Into<String>) -> Message {
    Message::new(ja.into(), en.into())
}

fn subprogramme(s: SubprogrammeSpecV1) -> SubprogrammeSpec {
    let rate = match s.rate.default {
        RateKind::Fixed => "fixed",
        RateKind::Half => "1/2",
        RateKind::Unspecified => "none",
    };
    SubprogrammeSpec {
        id: s.id,
        clause: s.clause,
        title: s.title,
        requirement: s.requirement,
        priority: s.priority,
        rate: RateSpec {
            clause: s.rate.clause,
            rate: rate.to_owned(),
            cases: s
                .rate
                .fixed_when
                .into_iter()
                .map(|when| RateCaseSpec {
                    when,
                    rate: "fixed".to_owned(),
                })
                .collect(),
            reading: s.rate.reading,
        },
    }
}

fn column(key: &str, label: Message, kind: ColumnKind) -> ColumnSpec {
    ColumnSpec {
        key: key.to_owned(),
        label,
        kind,
        required: false,
        required_when: None,
        clause: None,
        missing: None,
        unit: None,
        per_unit: false,
        options: Vec::new(),
        default: None,
        loose: false,
        invalid: None,
        categories: None,
        bounds: Vec::new(),
        display: None,
    }
}

fn required(mut c: ColumnSpec) -> ColumnSpec {
    c.required = true;
    c
}

fn finding(code: &str, severity: Severity, clause: &str, message: Message) -> FindingSpec {
    FindingSpec {
        code: code.to_owned(),
        severity,
        clause: Some(clause.to_owned()),
        message,
    }
}

fn rule(id: &str, at: &str, finding: FindingSpec) -> RuleSpec {
    RuleSpec {
        id: id.to_owned(),
        at: at.to_owned(),
        when: None,
        assert: None,
        words: None,
        once: false,
        finding,
        pending: None,
    }
}

fn cell(key: &str) -> ExprSpec {
    ExprSpec::Cell(key.to_owned())
}

fn row_figure(id: &str) -> ExprSpec {
    ExprSpec::RowFigure(id.to_owned())
}

fn yen(digits: &str) -> ExprSpec {
    ExprSpec::Yen(digits.to_owned())
}

fn figure_ref(id: &str) -> ExprSpec {
    ExprSpec::Figure(id.to_owned())
}

fn row_fig(id: &str, label: Message, when: Option<NodeSpec>, value: ExprSpec) -> RowFigureSpec {
    RowFigureSpec {
        id: id.to_owned(),
        label,
        when,
        value,
    }
}

fn figure(id: &str, label: Message, clause: &str, value: ExprSpec, unit: FieldUnit) -> FigureSpec {
    FigureSpec {
        id: id.to_owned(),
        label,
        clause: clause.to_owned(),
        value,
        unit: Some(unit),
        suffix: None,
        negative: None,
        reading: None,
    }
}

fn table(
    id: &str,
    path: &str,
    rows: Option<&str>,
    label: Message,
    clause: &str,
    unit: FieldUnit,
) -> TableSpec {
    TableSpec {
        id: id.to_owned(),
        path: path.to_owned(),
        rows: rows.map(str::to_owned),
        label,
        clause: clause.to_owned(),
        asked_when: None,
        unit,
        max_rows: None,
        columns: Vec::new(),
        row_figures: Vec::new(),
        rules: Vec::new(),
        totals: None,
        typed_sums: Vec::new(),
        subtotals: None,
    }
}

fn sum_of(table: &str, column: &str, label: Message) -> ExprSpec {
    ExprSpec::ColumnSum(super::spec::ColumnSumSpec {
        table: table.to_owned(),
        column: Some(column.to_owned()),
        row_figure: None,
        categories: None,
        except_categories: None,
        group: None,
        subprogramme: None,
        label: Some(label),
    })
}

/// 公募要領 経費内訳書: lines of sub-programme, category, description, amount, date and source.
fn lines(b: &BudgetSpec) -> (TableSpec, Vec<FigureSpec>, Vec<LimitSpec>) {
    let mut t = table(
        &b.path,
        &b.path,
        Some("lines"),
        b.label.clone(),
        &b.unit_clause,
        b.unit,
    );
    t.max_rows = b.max_rows;
    let mut category = required(column(
        "category",
        m("経費の区分", "cost category"),
        ColumnKind::Category,
    ));
    category.categories = Some(CategoriesSpec {
        items: b.categories.clone(),
        clauses: b.category_clauses.clone(),
        forbidden: b.forbidden_categories.clone(),
        group_column: None,
    });
    let mut date = column("date", m("日付", "date"), ColumnKind::Date);
    if let Some(p) = &b.period {
        date.bounds = vec![
            DateBoundSpec {
                not_before: Some(DateExprSpec::Answer(p.start_question.clone())),
                not_after: None,
                finding: finding(
                    "budget.before_period",
                    Severity::Error,
                    &p.before_start_clause,
                    m(
                        format!("{{value}}の経費は交付決定日（{{limit}}）より前に発生しており、補助対象になりません（{}、{}）。", p.before_start_clause, p.clause),
                        format!("A cost dated {{value}} arises before the grant decision ({{limit}}) and cannot be claimed ({}, {}).", p.before_start_clause, p.clause),
                    ),
                ),
            },
            DateBoundSpec {
                not_before: None,
                not_after: Some(DateExprSpec::Fixed(p.end.clone())),
                finding: finding(
                    "budget.after_period",
                    Severity::Error,
                    &p.clause,
                    m(
                        format!("{{value}}の経費は実施期間の末日（{{limit}}）より後で、補助対象になりません（{}）。", p.clause),
                        format!("A cost dated {{value}} falls after the end of the project period ({{limit}}) and cannot be claimed ({}).", p.clause),
                    ),
                ),
            },
        ];
    }
    let mut source = column(
        "source",
        m("調達先", "Procurement source"),
        ColumnKind::Choice,
    );
    source.default = Some("external".to_owned());
    source.options = std::iter::once(ColumnOptionSpec {
        value: "external".to_owned(),
        label: m("外部の事業者", "an outside supplier"),
        finding: None,
    })
    .chain(b.procurement.iter().map(|p| ColumnOptionSpec {
        value: p.value.clone(),
        label: p.label.clone(),
        finding: Some(finding(
            "budget.profit_exclusion",
            Severity::Warning,
            &p.clause,
            m(
                format!(
                    "{}からの調達は利益等排除の対象です。{}（{}）",
                    p.label.ja, p.method.ja, p.clause
                ),
                format!(
                    "Procurement from {} must exclude profit: {} ({})",
                    p.label.en, p.method.en, p.clause
                ),
            ),
        )),
    }))
    .collect();
    t.columns = vec![
        column(
            "subprogramme",
            m("事業", "part of the project"),
            ColumnKind::Subprogramme,
        ),
        category,
        column("description", m("内容", "description"), ColumnKind::Text),
        required(column("amount", m("金額", "amount"), ColumnKind::Amount)),
        date,
        source,
    ];
    t.row_figures = vec![row_fig("amount", m("金額", "amount"), None, cell("amount"))];
    for ex in &b.exclusions {
        let mut r = rule(
            &format!("exclusion-{}", ex.id),
            "description",
            finding(
                "budget.excluded_cost",
                Severity::Warning,
                &ex.clause,
                m(
                    format!("説明に「{{word}}」とあります。{}は所要額に含められません（{}）。該当しない経費であれば、このままで構いません。", ex.message.ja, ex.clause),
                    format!("The description mentions \"{{word}}\". {} cannot be included ({}). If this cost is not one of them, leave it as it is.", ex.message.en, ex.clause),
                ),
            ),
        );
        r.when = ex.categories.as_ref().map(|cats| NodeSpec {
            cell: Some("category".to_owned()),
            values: Some(cats.clone()),
            ..NodeSpec::default()
        });
        r.words = Some(WordsSpec {
            column: "description".to_owned(),
            any: ex.keywords.clone(),
        });
        t.rules.push(r);
    }
    for n in &b.notes {
        let in_category = NodeSpec {
            cell: Some("category".to_owned()),
            values: Some(vec![n.category.clone()]),
            ..NodeSpec::default()
        };
        let when = match &n.at_least_yen {
            Some(min) => NodeSpec {
                all: Some(vec![
                    in_category,
                    NodeSpec {
                        cell: Some("amount".to_owned()),
                        at_least: Some(yen(min)),
                        ..NodeSpec::default()
                    },
                ]),
                ..NodeSpec::default()
            },
            None => in_category,
        };
        let at = if n.at_least_yen.is_some() {
            "amount"
        } else {
            "category"
        };
        let mut r = rule(
            &format!("note-{}", n.id),
            at,
            finding(&n.code, n.severity, &n.clause, n.message.clone()),
        );
        r.when = Some(when);
        r.once = n.once;
        t.rules.push(r);
    }
    t.typed_sums = b
        .total_field
        .iter()
        .map(|f| TypedSumSpec {
            key: f.field.clone(),
            column: "amount".to_owned(),
            clause: f.clause.clone(),
            label: f.label.clone(),
        })
        .collect();
    t.subtotals = Some(SubtotalsSpec {
        column: "amount".to_owned(),
    });
    let total_label = m("所要額の合計", "total amount required");
    let mut figures = vec![
        figure(
            "total",
            total_label.clone(),
            &b.unit_clause,
            sum_of(&b.path, "amount", total_label),
            b.unit,
        ),
        figure(
            "requested",
            m("申請額（定額）", "amount requested (fixed)"),
            &b.unit_clause,
            figure_ref("total"),
            b.unit,
        ),
    ];
    let mut limits = Vec::new();
    if let Some(cap) = &b.cap {
        let value = match b.unit {
            FieldUnit::Yen => ExprSpec::Yen(cap.amount.clone()),
            FieldUnit::ThousandYen => ExprSpec::ThousandYen(cap.amount.clone()),
        };
        let mut limit = figure("cap", m("上限額", "cap"), &cap.clause, value, b.unit);
        limit.reading.clone_from(&cap.reading);
        figures.push(limit);
        let mut headroom = figure(
            "headroom",
            m("上限までの残り", "headroom under the cap"),
            &cap.clause,
            ExprSpec::Minus(vec![figure_ref("cap"), figure_ref("total")]),
            b.unit,
        );
        headroom.negative = Some(m("上限を{value}超えています", "over the cap by {value}"));
        figures.push(headroom);
        limits.push(LimitSpec {
            id: "over-cap".to_owned(),
            path: b.path.clone(),
            when: None,
            assert: NodeSpec {
                value: Some(figure_ref("total")),
                at_most: Some(figure_ref("cap")),
                ..NodeSpec::default()
            },
            finding: finding(
                "budget.over_cap",
                Severity::Error,
                &cap.clause,
                m(
                    "所要額の合計{value}が上限{limit}を{excess}超えています。",
                    "The total {value} exceeds the cap of {limit} by {excess}.",
                ),
            ),
        });
    }
    (t, figures, limits)
}

/// 経費の配分及び負担区分 (別記様式1/2/3): 区分 | 事業費 (A+B) | 国庫補助金 (A) | 事業実施主体 (B) |
/// 備考, with a 計 row.
fn shares(b: &BudgetSpec, old: &PackSpecV1) -> (TableSpec, Vec<FigureSpec>, Vec<LimitSpec>) {
    let mut t = table(
        &b.path,
        &b.path,
        Some("rows"),
        b.label.clone(),
        &b.unit_clause,
        b.unit,
    );
    t.max_rows = b.max_rows;
    let mut category = required(column(
        "category",
        m("区分", "category (区分)"),
        ColumnKind::Category,
    ));
    category.categories = Some(CategoriesSpec {
        items: b.categories.clone(),
        clauses: b.category_clauses.clone(),
        forbidden: b.forbidden_categories.clone(),
        group_column: Some("group".to_owned()),
    });
    let mut remark = column("remark", m("備考", "remark"), ColumnKind::Text);
    if let Some(tr) = &b.tax_remark {
        remark.kind = ColumnKind::TaxRemark;
        remark.required_when = Some(tr.when.clone());
        remark.clause = Some(tr.clause.clone());
        remark.missing = Some(finding(
            "budget.tax_remark_required",
            Severity::Error,
            &tr.clause,
            m(
                "備考に消費税の扱い（「減額した金額〇〇円」「該当なし」「含税額」のいずれか）を記入してください。",
                "State the consumption-tax treatment in the remark: 「減額した金額〇〇円」, 「該当なし」 or 「含税額」.",
            ),
        ));
    }
    t.columns = vec![
        category,
        column(
            "group",
            m("国内経費・国外経費の別", "group (domestic / overseas)"),
            ColumnKind::Group,
        ),
        required(column(
            "total",
            m("事業費（A＋B）", "project cost (A+B)"),
            ColumnKind::Amount,
        )),
        required(column(
            "subsidy",
            m("国庫補助金（A）", "national subsidy (A)"),
            ColumnKind::Amount,
        )),
        required(column(
            "own",
            m("事業実施主体負担（B）", "implementer's share (B)"),
            ColumnKind::Amount,
        )),
        remark,
    ];
    let half = NodeSpec {
        rate: Some(RateLeafSpec {
            of: None,
            rates: vec!["1/2".to_owned()],
        }),
        ..NodeSpec::default()
    };
    t.row_figures = vec![
        row_fig(
            "sum",
            m(
                "国庫補助金（A）＋事業実施主体（B）",
                "national subsidy (A) + implementer's share (B)",
            ),
            None,
            ExprSpec::Sum(vec![cell("subsidy"), cell("own")]),
        ),
        row_fig(
            "max_subsidy",
            m("国庫補助金の上限", "most national subsidy allowed"),
            Some(half),
            ExprSpec::Floor(FloorSpec {
                of: Box::new(ExprSpec::Times(vec![
                    ExprSpec::FirstKnown(vec![cell("total"), row_figure("sum")]),
                    ExprSpec::Rate(RateRefSpec { of: None }),
                ])),
                to: "1".to_owned(),
            }),
        ),
    ];
    let mut row_sum = rule(
        "row-sum",
        "total",
        finding(
            "budget.row_sum",
            Severity::Error,
            &b.unit_clause,
            m(
                "事業費は国庫補助金（A）＋事業実施主体（B）＝{limit}ですが、{value}と記入されています。",
                "The project cost must equal A + B = {limit}, but {value} is written.",
            ),
        ),
    );
    row_sum.assert = Some(NodeSpec {
        cell: Some("total".to_owned()),
        equals: Some(row_figure("sum")),
        ..NodeSpec::default()
    });
    t.rules.push(row_sum);
    for s in old
        .subprogrammes
        .iter()
        .filter(|s| s.rate.default == RateKind::Half)
    {
        let mut r = rule(
            &format!("over-rate-{}", s.id),
            "subsidy",
            finding(
                "budget.over_rate",
                Severity::Error,
                &s.rate.clause,
                m(
                    "補助率は1/2以内のため、国庫補助金はこの行の事業費の2分の1（円未満切捨て）{limit}までです（記入額{value}、超過{excess}）。",
                    "At a rate of at most 1/2 the subsidy may not exceed half this row's cost, rounded down: {limit} (written {value}, over by {excess}).",
                ),
            ),
        );
        r.when = Some(NodeSpec {
            all: Some(vec![
                NodeSpec {
                    answered: Some(old.selection.path.clone()),
                    ..NodeSpec::default()
                },
                NodeSpec {
                    rate: Some(RateLeafSpec {
                        of: Some(s.id.clone()),
                        rates: vec!["1/2".to_owned()],
                    }),
                    ..NodeSpec::default()
                },
            ]),
            ..NodeSpec::default()
        });
        r.assert = Some(NodeSpec {
            cell: Some("subsidy".to_owned()),
            at_most: Some(row_figure("max_subsidy")),
            ..NodeSpec::default()
        });
        r.pending = Some(finding(
            "budget.rate_pending",
            Severity::Info,
            &s.rate.clause,
            m(
                "補助率（定額か1/2以内か）を決める質問に回答すると、国庫補助金の上限を確認します。",
                "Answer the question that decides the rate (fixed or at most 1/2) to have the subsidy limit checked.",
            ),
        ));
        t.rules.push(r);
    }
    if let Some(tr) = &b.tax_remark {
        let mut r = rule(
            "tax-remark-amount",
            "remark",
            finding(
                "budget.tax_remark_amount",
                Severity::Error,
                &tr.clause,
                m(
                    "減額した金額{value}がこの行の国庫補助金{limit}を超えています。",
                    "The amount taken off ({value}) exceeds this row's subsidy ({limit}).",
                ),
            ),
        );
        r.assert = Some(NodeSpec {
            cell: Some("remark".to_owned()),
            at_most: Some(cell("subsidy")),
            ..NodeSpec::default()
        });
        t.rules.push(r);
    }
    t.totals = Some(TotalsSpec {
        key: "totals".to_owned(),
        columns: vec!["total".to_owned(), "subsidy".to_owned(), "own".to_owned()],
        other_keys: vec!["remark".to_owned()],
    });
    let total = m("事業費の合計", "total project cost");
    let requested = m("国庫補助金の合計（申請額）", "national subsidy requested");
    let figures = vec![
        figure(
            "total",
            total.clone(),
            &b.unit_clause,
            sum_of(&b.path, "total", total),
            b.unit,
        ),
        figure(
            "requested",
            requested.clone(),
            &b.unit_clause,
            sum_of(&b.path, "subsidy", requested),
            b.unit,
        ),
    ];
    (t, figures, Vec::new())
}

/// 別記様式4 消費税相当額報告書: item 4 = item 3 − item 2, never below zero without a reason.
fn tax_report(spec: &TaxReportSpec) -> TableSpec {
    let mut t = table(
        "tax_report",
        &spec.path,
        None,
        spec.label.clone(),
        &spec.clause,
        FieldUnit::Yen,
    );
    t.columns = vec![
        column(
            "confirmed_amount",
            m("1 補助金の額の確定額", "1 confirmed subsidy"),
            ColumnKind::Amount,
        ),
        column(
            "reduced_deduction",
            m(
                "2 確定時に減額した消費税仕入控除税額",
                "2 deductible tax taken off at confirmation",
            ),
            ColumnKind::Amount,
        ),
        column(
            "confirmed_deduction",
            m(
                "3 消費税申告により確定した消費税仕入控除税額",
                "3 deductible tax confirmed by the tax return",
            ),
            ColumnKind::Amount,
        ),
        column(
            "refund",
            m("4 補助金返還相当額", "4 amount to return"),
            ColumnKind::Amount,
        ),
        column(
            "situation",
            m("消費税の申告状況", "tax return status"),
            ColumnKind::Text,
        ),
        column(
            "no_deduction_reason",
            m("仕入控除がない理由", "why there is no deduction"),
            ColumnKind::Text,
        ),
        column(
            "negative_reason",
            m("3が2を下回る理由", "why item 3 is below item 2"),
            ColumnKind::Text,
        ),
    ];
    t.row_figures = vec![
        row_fig(
            "difference",
            m("3 − 2", "item 3 − item 2"),
            None,
            ExprSpec::Minus(vec![cell("confirmed_deduction"), cell("reduced_deduction")]),
        ),
        row_fig(
            "refund",
            m("補助金返還相当額", "amount to return"),
            None,
            ExprSpec::Max(vec![row_figure("difference"), yen("0")]),
        ),
    ];
    let not_negative = NodeSpec {
        value: Some(row_figure("difference")),
        at_least: Some(yen("0")),
        ..NodeSpec::default()
    };
    let reason = NodeSpec {
        answered: Some("negative_reason".to_owned()),
        ..NodeSpec::default()
    };
    let mut no_reason = rule(
        "negative-without-reason",
        "refund",
        finding(
            "budget.tax_refund_negative",
            Severity::Error,
            &spec.clause,
            m(
                "3の額が2の額を下回ります（差額がマイナス）。返還相当額は0円とし、その理由を記入してください。",
                "Item 3 is below item 2 (a negative difference): write 0 as the amount to return and state the reason.",
            ),
        ),
    );
    no_reason.when = Some(NodeSpec {
        not: Some(Box::new(reason.clone())),
        ..NodeSpec::default()
    });
    no_reason.assert = Some(not_negative.clone());
    let mut with_reason = rule(
        "negative-with-reason",
        "refund",
        finding(
            "budget.tax_refund_negative",
            Severity::Review,
            &spec.clause,
            m(
                "3の額が2の額を下回るため返還相当額はありません。記載された理由の確認は審査担当の判断事項です。",
                "Item 3 is below item 2, so nothing is to be returned; the stated reason is for the officer to review.",
            ),
        ),
    );
    with_reason.when = Some(reason);
    with_reason.assert = Some(not_negative.clone());
    let refund_equals = NodeSpec {
        cell: Some("refund".to_owned()),
        equals: Some(row_figure("refund")),
        ..NodeSpec::default()
    };
    let mut mismatch_negative = rule(
        "refund-mismatch-negative",
        "refund",
        finding(
            "budget.tax_refund_mismatch",
            Severity::Error,
            &spec.clause,
            m(
                "3の金額から2の金額を減じた額は{row_figure:difference}でマイナスのため、4（補助金返還相当額）は0円ですが、{value}と記入されています。",
                "Item 3 − item 2 is {row_figure:difference}, below zero, so item 4 (amount to return) is 0 yen, but {value} is written.",
            ),
        ),
    );
    mismatch_negative.when = Some(NodeSpec {
        not: Some(Box::new(not_negative.clone())),
        ..NodeSpec::default()
    });
    mismatch_negative.assert = Some(refund_equals.clone());
    let mut mismatch = rule(
        "refund-mismatch",
        "refund",
        finding(
            "budget.tax_refund_mismatch",
            Severity::Error,
            &spec.clause,
            m(
                "4（補助金返還相当額）は3の金額から2の金額を減じた額{limit}ですが、{value}と記入されています。",
                "Item 4 (amount to return) is item 3 − item 2 = {limit}, but {value} is written.",
            ),
        ),
    );
    mismatch.when = Some(not_negative);
    mismatch.assert = Some(refund_equals);
    t.rules = vec![no_reason, with_reason, mismatch_negative, mismatch];
    t
}

/// 別記様式5 概算払請求書: per row 残額 = (A) − ((B) + (C)); (B) + (C) ≤ (A); every 出来高 within
/// 0–100 % and agreeing with the amounts; the 計 row equal to the column sums.
fn advance(a: &AdvancePaymentSpec, subs: &[SubprogrammeSpecV1]) -> (TableSpec, FigureSpec) {
    let mut t = table(
        "advance",
        &a.path,
        Some("rows"),
        a.label.clone(),
        &a.clause,
        FieldUnit::Yen,
    );
    let titles: Vec<String> = subs.iter().map(|s| s.title.ja.to_string()).collect();
    let mut category = required(column(
        "category",
        m("区分", "category (区分)"),
        ColumnKind::Choice,
    ));
    category.loose = true;
    category.options = subs
        .iter()
        .map(|s| ColumnOptionSpec {
            value: s.title.ja.to_string(),
            label: s.title.clone(),
            finding: None,
        })
        .collect();
    category.invalid = Some(finding(
        "budget.advance_category",
        Severity::Error,
        &a.clause,
        m(
            format!(
                "区分には事業名（{}）のいずれかを記載してください。",
                titles.join("、")
            ),
            format!(
                "The category must be one of the sub-programme names ({}).",
                titles.join(", ")
            ),
        ),
    ));
    t.columns = vec![
        category,
        column(
            "total_cost",
            m("総事業費", "total project cost"),
            ColumnKind::Amount,
        ),
        column(
            "subsidy",
            m("国庫補助金（A）", "national subsidy (A)"),
            ColumnKind::Amount,
        ),
        column(
            "received",
            m("既受領額（B）", "received (B)"),
            ColumnKind::Amount,
        ),
        column(
            "received_progress",
            m("既受領額の出来高（%）", "progress received (%)"),
            ColumnKind::Number,
        ),
        column(
            "request",
            m("今回請求額（C）", "this claim (C)"),
            ColumnKind::Amount,
        ),
        column(
            "progress",
            m("今回請求時点の出来高（%）", "progress at this claim (%)"),
            ColumnKind::Number,
        ),
        column("remaining", m("残額", "remainder"), ColumnKind::Amount),
        column(
            "planned_progress",
            m("予定出来高（%）", "planned progress (%)"),
            ColumnKind::Number,
        ),
        column(
            "completion_date",
            m("完了予定年月日", "planned completion"),
            ColumnKind::Date,
        ),
        column("remark", m("備考", "remark"), ColumnKind::Text),
    ];
    let computable = NodeSpec {
        all: Some(vec![
            NodeSpec {
                answered: Some("request".to_owned()),
                ..NodeSpec::default()
            },
            NodeSpec {
                value: Some(cell("subsidy")),
                above: Some(yen("0")),
                ..NodeSpec::default()
            },
        ]),
        ..NodeSpec::default()
    };
    let percent = |of: ExprSpec| {
        ExprSpec::Round(RoundSpec {
            of: Box::new(ExprSpec::Divide(vec![
                ExprSpec::Times(vec![of, ExprSpec::Number("100".to_owned())]),
                cell("subsidy"),
            ])),
            places: 2,
            mode: RoundMode::HalfEven,
        })
    };
    t.row_figures = vec![
        row_fig(
            "claimed",
            m("（B）＋（C）", "(B) + (C)"),
            None,
            ExprSpec::Sum(vec![cell("received"), cell("request")]),
        ),
        row_fig(
            "remaining",
            m("残額", "remainder"),
            None,
            ExprSpec::Minus(vec![cell("subsidy"), row_figure("claimed")]),
        ),
        row_fig(
            "received_progress",
            m("既受領額の出来高", "progress received"),
            Some(computable.clone()),
            percent(cell("received")),
        ),
        row_fig(
            "claimed_progress",
            m("今回請求時点の出来高", "progress at this claim"),
            Some(computable),
            percent(row_figure("claimed")),
        ),
    ];
    for key in ["received_progress", "progress", "planned_progress"] {
        let mut r = rule(
            &format!("percent-range-{}", key.replace('_', "-")),
            key,
            finding(
                "budget.percent_range",
                Severity::Error,
                &a.clause,
                m(
                    format!("出来高は0〜100%で記入してください（{{cell:{key}}}%）。"),
                    format!("Progress is a percentage from 0 to 100 ({{cell:{key}}}%)."),
                ),
            ),
        );
        r.assert = Some(NodeSpec {
            cell: Some(key.to_owned()),
            at_most: Some(ExprSpec::Number("100".to_owned())),
            ..NodeSpec::default()
        });
        t.rules.push(r);
    }
    let mut over = rule(
        "over-subsidy",
        "request",
        finding(
            "budget.advance_over_subsidy",
            Severity::Error,
            &a.clause,
            m(
                "既受領額（B）と今回請求額（C）の合計{value}が国庫補助金（A）{limit}を超えています。",
                "Received (B) plus this claim (C), {value}, exceeds the national subsidy (A), {limit}.",
            ),
        ),
    );
    over.assert = Some(NodeSpec {
        value: Some(row_figure("claimed")),
        at_most: Some(cell("subsidy")),
        ..NodeSpec::default()
    });
    let mut remaining = rule(
        "remaining",
        "remaining",
        finding(
            "budget.advance_remaining",
            Severity::Error,
            &a.clause,
            m(
                "残額は (A) − ((B) + (C)) = {limit} ですが、{value} と記入されています。",
                "The remainder is (A) − ((B) + (C)) = {limit}, but {value} is written.",
            ),
        ),
    );
    remaining.assert = Some(NodeSpec {
        cell: Some("remaining".to_owned()),
        equals: Some(row_figure("remaining")),
        ..NodeSpec::default()
    });
    t.rules.push(over);
    t.rules.push(remaining);
    for (key, computed) in [
        ("received_progress", "received_progress"),
        ("progress", "claimed_progress"),
    ] {
        let mut r = rule(
            &format!("agrees-{}", key.replace('_', "-")),
            key,
            finding(
                "budget.progress_inconsistent",
                Severity::Warning,
                &a.clause,
                m(
                    format!("出来高（金額ベース、国庫補助金総額を100%）は金額から計算すると{{limit}}%ですが、{{cell:{key}}}%と記入されています。"),
                    format!("On an amount basis (the national subsidy = 100%) the progress is {{limit}}%, but {{cell:{key}}}% is written."),
                ),
            ),
        );
        r.assert = Some(NodeSpec {
            cell: Some(key.to_owned()),
            agrees_with: Some(row_figure(computed)),
            ..NodeSpec::default()
        });
        t.rules.push(r);
    }
    let mut planned = rule(
        "planned-not-below-current",
        "planned_progress",
        finding(
            "budget.progress_inconsistent",
            Severity::Warning,
            &a.clause,
            m(
                "予定出来高（{cell:planned_progress}%）が現在の出来高（{cell:progress}%）を下回っています。",
                "The planned progress ({cell:planned_progress}%) is below the current progress ({cell:progress}%).",
            ),
        ),
    );
    planned.assert = Some(NodeSpec {
        cell: Some("planned_progress".to_owned()),
        at_least: Some(cell("progress")),
        ..NodeSpec::default()
    });
    t.rules.push(planned);
    t.totals = Some(TotalsSpec {
        key: "totals".to_owned(),
        columns: ["total_cost", "subsidy", "received", "request", "remaining"]
            .map(str::to_owned)
            .to_vec(),
        other_keys: Vec::new(),
    });
    let col = |c: &str, l: Message| sum_of("advance", c, l);
    let mut remainder = figure(
        "advance_remaining",
        m(
            "残額の合計（国庫補助金 − 既受領額 − 今回請求額）",
            "remainder (subsidy − received − this claim)",
        ),
        &a.clause,
        ExprSpec::Minus(vec![
            ExprSpec::Minus(vec![
                col(
                    "subsidy",
                    m("国庫補助金（A）の計", "total national subsidy (A)"),
                ),
                col("received", m("既受領額（B）の計", "total received (B)")),
            ]),
            col(
                "request",
                m("今回請求額（C）の計", "total of this claim (C)"),
            ),
        ]),
        FieldUnit::Yen,
    );
    remainder.reading.clone_from(&a.reading);
    (t, remainder)
}

/// 加算金: the amount returned × the yearly rate × the days from receipt to payment (both
/// counted) ÷ 365, rounded down to the yen.
fn additional_charge(
    c: &AdditionalChargeSpec,
    questions: &[QuestionSpec],
) -> (Vec<FigureSpec>, LimitSpec) {
    let label = |id: &str| {
        questions
            .iter()
            .find(|q| q.id == id)
            .map_or_else(|| m(id, id), |q| q.label.clone())
    };
    let (from, to) = (label(&c.from), label(&c.to));
    let days = FigureSpec {
        id: "additional_charge_days".to_owned(),
        label: m(
            format!("{}の日数", c.label.ja),
            format!("days of the {}", c.label.en),
        ),
        clause: c.clause.clone(),
        value: ExprSpec::Days(DaysSpec {
            from: DateExprSpec::Answer(c.from.clone()),
            to: DateExprSpec::Answer(c.to.clone()),
        }),
        unit: None,
        suffix: Some(m("日", " days")),
        negative: None,
        reading: None,
    };
    let charge = FigureSpec {
        id: "additional_charge".to_owned(),
        label: c.label.clone(),
        clause: c.clause.clone(),
        value: ExprSpec::Floor(FloorSpec {
            of: Box::new(ExprSpec::Divide(vec![
                ExprSpec::Times(vec![
                    ExprSpec::Answer(c.amount.clone()),
                    ExprSpec::Percent(c.rate_percent.clone()),
                    figure_ref("additional_charge_days"),
                ]),
                ExprSpec::Number("365".to_owned()),
            ])),
            to: "1".to_owned(),
        }),
        unit: Some(FieldUnit::Yen),
        suffix: None,
        negative: None,
        reading: c.reading.clone(),
    };
    let order = LimitSpec {
        id: "additional-charge-order".to_owned(),
        path: c.to.clone(),
        when: None,
        assert: NodeSpec {
            value: Some(ExprSpec::Date(DateExprSpec::Answer(c.to.clone()))),
            at_least: Some(ExprSpec::Date(DateExprSpec::Answer(c.from.clone()))),
            ..NodeSpec::default()
        },
        finding: finding(
            "period.order",
            Severity::Error,
            &c.clause,
            m(
                format!(
                    "「{}」（{{value}}）が「{}」（{{limit}}）より前です。",
                    to.ja, from.ja
                ),
                format!(
                    "\"{}\" ({{value}}) is before \"{}\" ({{limit}}).",
                    to.en, from.en
                ),
            ),
        ),
    };
    (vec![days, charge], order)
}

/// A pack as JSON text for people: keys in the format's order, absent parts left out, two-space
/// indentation, and any object or array that fits in 100 columns on one line (so a small node
/// such as `{"cell": "total", "equals": {"row_figure": "sum"}}` reads as one line).
pub(crate) fn print(spec: &PackSpec) -> String {
    let compact = serde_json::to_string(spec).unwrap_or_default();
    let tree: Tree = serde_json::from_str(&compact).unwrap_or(Tree::Scalar("null".to_owned()));
    let mut out = String::new();
    layout(&tree, 0, &mut out);
    out.push('\n');
    out
}

/// JSON with its keys in the order they were written.
enum Tree {
    Scalar(String),
    Array(Vec<Tree>),
    Object(Vec<(String, Tree)>),
}

impl<'de> serde::Deserialize<'de> for Tree {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Tree;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Tree, E> {
                Ok(Tree::Scalar(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Tree, E> {
                Ok(Tree::Scalar(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Tree, E> {
                Ok(Tree::Scalar(v.to_string()))
            }
            fn visit_str<E>(self, v: &str) -> Result<Tree, E> {
                Ok(Tree::Scalar(
                    serde_json::Value::String(v.to_owned()).to_string(),
                ))
            }
            fn visit_unit<E>(self) -> Result<Tree, E> {
                Ok(Tree::Scalar("null".to_owned()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Tree::Array(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
                let mut entries: Vec<(String, Tree)> = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    // serde_json hands a number over as a one-entry map when it keeps digits.
                    if key == "$serde_json::private::Number" {
                        let digits: String = map.next_value()?;
                        return Ok(Tree::Scalar(digits));
                    }
                    let value: Tree = map.next_value()?;
                    if !matches!(&value, Tree::Scalar(s) if s == "null") {
                        entries.push((key, value));
                    }
                }
                Ok(Tree::Object(entries))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// The value on one line: `{"a": 1, "b": [2, 3]}`.
fn inline(tree: &Tree) -> String {
    match tree {
        Tree::Scalar(s) => s.clone(),
        Tree::Array(items) => {
            let parts: Vec<String> = items.iter().map(inline).collect();
            format!("[{}]", parts.join(", "))
        }
        Tree::Object(entries) => {
            let parts: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{}: {}", serde_json::Value::String(k.clone()), inline(v)))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
    }
}

fn layout(tree: &Tree, indent: usize, out: &mut String) {
    let one_line = inline(tree);
    if one_line.chars().count() + indent <= 100 || matches!(tree, Tree::Scalar(_)) {
        out.push_str(&one_line);
        return;
    }
    let pad = " ".repeat(indent + 2);
    match tree {
        Tree::Array(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&pad);
                layout(item, indent + 2, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&" ".repeat(indent));
            out.push(']');
        }
        Tree::Object(entries) => {
            out.push_str("{\n");
            for (i, (k, v)) in entries.iter().enumerate() {
                out.push_str(&pad);
                out.push_str(&serde_json::Value::String(k.clone()).to_string());
                out.push_str(": ");
                layout(v, indent + 2, out);
                out.push_str(if i + 1 < entries.len() { ",\n" } else { "\n" });
            }
            out.push_str(&" ".repeat(indent));
            out.push('}');
        }
        Tree::Scalar(_) => {}
    }
}
