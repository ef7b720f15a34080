//! The registry of codes: every code yoken can emit — a finding in a Report or a refusal of a
//! call — is defined here once, with its kind (a finding's severity, or a refusal) and its meaning
//! in Japanese and English. `yoken codes` lists them and `docs/codes.md` is generated from them
//! (a test keeps the file current). A rule pack's own codes (its checks, rules and limits) are
//! defined in the pack: they may not be an engine code, nor take an engine prefix
//! ([`Code::prefixes`]) other than the shared `budget.`, `deadline.` and `period.`.
//!
//! Owns: the list of codes. Must not know: where or why a code is raised (that is the finding's
//! message, written where it arises).

use super::severity::Severity;
use super::shared_text::SharedText;
use serde::{Serialize, Serializer};
use std::sync::OnceLock;

/// What a code stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A finding in a Report, always of this severity.
    Finding(Severity),
    /// A finding of the first severity, or of the second where its meaning says so.
    FindingEither(Severity, Severity),
    /// A finding whose severity the pack's rule sets.
    FindingByPack,
    /// A call that could not be served: a thrown `YokenError` in JS, an HTTP error, exit 2 on the
    /// command line. Never part of a Report.
    Refusal,
}

impl Kind {
    /// The severity a finding of this kind usually has (`None` for a refusal).
    #[must_use]
    pub fn severity(self) -> Option<Severity> {
        match self {
            Kind::Finding(s) | Kind::FindingEither(s, _) => Some(s),
            Kind::FindingByPack => Some(Severity::Error),
            Kind::Refusal => None,
        }
    }

    /// Whether a finding of this kind may have `severity`.
    #[must_use]
    pub fn allows(self, severity: Severity) -> bool {
        match self {
            Kind::Finding(s) => s == severity,
            Kind::FindingEither(a, b) => a == severity || b == severity,
            Kind::FindingByPack => true,
            Kind::Refusal => false,
        }
    }

    /// How the kind is named in `yoken codes` (`error`, `error | review`, `set by the pack`,
    /// `refusal`).
    #[must_use]
    pub fn name(self) -> String {
        match self {
            Kind::Finding(s) => s.as_str().to_owned(),
            Kind::FindingEither(a, b) => format!("{} | {}", a.as_str(), b.as_str()),
            Kind::FindingByPack => "set by the pack".to_owned(),
            Kind::Refusal => "refusal".to_owned(),
        }
    }
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $kind:expr, $ja:literal, $en:literal; )*) => {
        /// A code from the registry.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }

        impl Code {
            /// Every code, in registry order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as it appears on the wire (`budget.total_mismatch`).
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The code as shared text, each made once: a finding copies it by reference count
            /// instead of allocating it again (`ALL` is in declaration order, so a code's
            /// discriminant is its place there).
            pub(crate) fn shared(self) -> SharedText {
                static TEXTS: OnceLock<Vec<SharedText>> = OnceLock::new();
                TEXTS.get_or_init(|| Code::ALL.iter().map(|c| SharedText::from(c.as_str())).collect())
                    [self as usize]
                    .clone()
            }

            /// Whether it is a finding (and of which severity) or a refusal.
            #[must_use]
            pub fn kind(self) -> Kind {
                match self { $(Code::$variant => $kind,)* }
            }

            /// What the code means, in Japanese and English.
            #[must_use]
            pub const fn meaning(self) -> (&'static str, &'static str) {
                match self { $(Code::$variant => ($ja, $en),)* }
            }
        }
    };
}

impl Code {
    /// The code with this name, if the registry has it.
    #[must_use]
    pub fn named(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == name)
    }

    /// The prefixes the engine's codes use (`number.`, `budget.` …); a pack's own codes must
    /// use others, or one of the shared `budget.`, `deadline.` and `period.`.
    #[must_use]
    pub fn prefixes() -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for c in Code::ALL {
            let name = c.as_str();
            let prefix = &name[..=name.find('.').unwrap_or(name.len() - 1)];
            if !out.contains(&prefix) {
                out.push(prefix);
            }
        }
        out
    }
}

impl core::fmt::Display for Code {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

codes! {
    /// No number was typed.
    NumberEmpty = "number.empty", Kind::Finding(Severity::Error),
        "数値が入力されていない",
        "no number was typed";
    /// A negative amount (-, ▲, △).
    NumberNegative = "number.negative", Kind::Finding(Severity::Error),
        "マイナスの金額（-、▲、△）",
        "a negative amount (-, ▲, △)";
    /// Exponent notation (such as 1e5).
    NumberExponent = "number.exponent", Kind::Finding(Severity::Error),
        "指数表記（1e5 など）",
        "exponent notation (such as 1e5)";
    /// A fraction where a whole number is required.
    NumberFraction = "number.fraction", Kind::Finding(Severity::Error),
        "整数の欄に小数",
        "a fraction where a whole number is required";
    /// More than 15 integer digits.
    NumberTooManyDigits = "number.too_many_digits", Kind::Finding(Severity::Error),
        "桁数が上限（整数部15桁）を超える",
        "more than 15 integer digits";
    /// Two units that disagree (円 and 千円).
    NumberMixedUnits = "number.mixed_units", Kind::Finding(Severity::Error),
        "円と千円など単位が混在",
        "two units that disagree (円 and 千円)";
    /// A unit yoken does not read (万円, 億円, ドル).
    NumberUnknownUnit = "number.unknown_unit", Kind::Finding(Severity::Error),
        "読まない単位（万円・億円・ドルなど）",
        "a unit yoken does not read (万円, 億円, ドル)";
    /// Grouping commas not in threes.
    NumberBadGrouping = "number.bad_grouping", Kind::Finding(Severity::Error),
        "桁区切りのカンマの位置が誤り",
        "grouping commas not in threes";
    /// A character that has no place in a number, or a value that is not a number.
    NumberUnexpectedCharacter = "number.unexpected_character", Kind::Finding(Severity::Error),
        "数値に使えない文字、または数値でない値",
        "a character that has no place in a number, or a value that is not a number";
    /// A fraction of a yen.
    MoneyNotWhole = "money.not_whole", Kind::Finding(Severity::Error),
        "1円未満の端数",
        "a fraction of a yen";
    /// A yen amount that is not whole thousands, in a 千円 field.
    MoneyNotWholeThousands = "money.not_whole_thousands", Kind::Finding(Severity::Error),
        "千円の欄に千円単位でない円の金額",
        "a yen amount that is not whole thousands, in a 千円 field";
    /// An amount too large to compute exactly.
    MoneyOverflow = "money.overflow", Kind::Finding(Severity::Error),
        "計算できないほど大きな金額",
        "an amount too large to compute exactly";
    /// An amount written in another unit was converted to the field's unit.
    AmountConverted = "amount.converted", Kind::Finding(Severity::Info),
        "円で書かれた金額を千円の欄の単位に読み替えた（またはその逆）",
        "an amount written in another unit was converted to the field's unit";
    /// No date was typed.
    DateEmpty = "date.empty", Kind::Finding(Severity::Error),
        "日付が入力されていない",
        "no date was typed";
    /// Not readable as a date.
    DateUnreadable = "date.unreadable", Kind::Finding(Severity::Error),
        "日付として読めない",
        "not readable as a date";
    /// Neither an era nor a four-digit year.
    DateMissingEra = "date.missing_era", Kind::Finding(Severity::Error),
        "元号も西暦4桁の年もない",
        "neither an era nor a four-digit year";
    /// An era yoken does not read (明治, 大正).
    DateUnsupportedEra = "date.unsupported_era", Kind::Finding(Severity::Error),
        "扱わない元号（明治・大正）",
        "an era yoken does not read (明治, 大正)";
    /// Year 0 of an era (the first year is 元年).
    DateYearZero = "date.year_zero", Kind::Finding(Severity::Error),
        "0年（最初の年は元年）",
        "year 0 of an era (the first year is 元年)";
    /// A month or day that does not exist.
    DateNoSuchDay = "date.no_such_day", Kind::Finding(Severity::Error),
        "存在しない月日",
        "a month or day that does not exist";
    /// A date before the named era began.
    DateBeforeEra = "date.before_era", Kind::Finding(Severity::Error),
        "元号が始まる前の日付",
        "a date before the named era began";
    /// A date after the named era ended.
    DateAfterEra = "date.after_era", Kind::Finding(Severity::Error),
        "元号が終わった後の日付",
        "a date after the named era ended";
    /// A date outside years 1000–9999.
    DateOutOfRange = "date.out_of_range", Kind::Finding(Severity::Error),
        "扱う範囲（西暦1000〜9999年）外の日付",
        "a date outside years 1000–9999";
    /// A yes/no question answered with something else.
    AnswerNotYesNo = "answer.not_yes_no", Kind::Finding(Severity::Error),
        "はい／いいえで答える質問に別の値",
        "a yes/no question answered with something else";
    /// A value that is not one of the options.
    AnswerUnknownOption = "answer.unknown_option", Kind::Finding(Severity::Error),
        "選択肢にない値",
        "a value that is not one of the options";
    /// A multiple-choice answer that is not a list.
    AnswerNotAList = "answer.not_a_list", Kind::Finding(Severity::Error),
        "複数選択の質問にリストでない値",
        "a multiple-choice answer that is not a list";
    /// A text field given something that is not text.
    AnswerNotText = "answer.not_text", Kind::Finding(Severity::Error),
        "文字で答える欄に文字でない値",
        "a text field given something that is not text";
    /// Text over the field's length limit.
    AnswerTooLong = "answer.too_long", Kind::Finding(Severity::Error),
        "文字数の上限を超える",
        "text over the field's length limit";
    /// A required question is unanswered.
    AnswerRequired = "answer.required", Kind::Finding(Severity::Error),
        "必須の質問が未回答",
        "a required question is unanswered";
    /// Too few or too many sub-programmes chosen.
    AnswerSelectionCount = "answer.selection_count", Kind::Finding(Severity::Error),
        "選んだ事業区分の数が範囲外",
        "too few or too many sub-programmes chosen";
    /// A field this programme's form does not have (ignored).
    FormUnknownField = "form.unknown_field", Kind::Finding(Severity::Warning),
        "この事業の様式にない項目（無視される）",
        "a field this programme's form does not have (ignored)";
    /// A value where a group of fields or a list of rows belongs (an error in a table, a warning for a group of questions).
    FormUnexpectedValue = "form.unexpected_value", Kind::FindingEither(Severity::Error, Severity::Warning),
        "項目のまとまり（オブジェクト）や行のリストが入る所に別の値（表の中ではエラー、質問のまとまりでは警告）",
        "a value where a group of fields or a list of rows belongs (an error in a table, a warning for a group of questions)";
    /// With this answer a requirement is not met (at each answer that decided it).
    RequirementNotMet = "requirement.not_met", Kind::Finding(Severity::Error),
        "この回答では要件を満たさない（判定を決めた回答に付く）",
        "with this answer a requirement is not met (at each answer that decided it)";
    /// A required attachment is missing.
    AttachmentMissing = "attachment.missing", Kind::Finding(Severity::Error),
        "必要な添付書類がない",
        "a required attachment is missing";
    /// Today is outside the period the rules apply to.
    ProgrammeOutsideValidity = "programme.outside_validity", Kind::Finding(Severity::Info),
        "本日が規則の有効期間外",
        "today is outside the period the rules apply to";
    /// A cost line's sub-programme is not one applied for.
    BudgetSubprogrammeNotApplied = "budget.subprogramme_not_applied", Kind::Finding(Severity::Error),
        "経費の事業区分が応募する事業として選ばれていない",
        "a cost line's sub-programme is not one applied for";
    /// A required cell of a half-filled row is blank.
    BudgetCellRequired = "budget.cell_required", Kind::Finding(Severity::Error),
        "記入中の行の必須の欄が空欄",
        "a required cell of a half-filled row is blank";
    /// A cost category that may never be claimed.
    BudgetCategoryForbidden = "budget.category_forbidden", Kind::Finding(Severity::Error),
        "計上できない経費の区分（建物・不動産など）",
        "a cost category that may never be claimed";
    /// Not a cost category that may be claimed.
    BudgetCategoryNotAllowed = "budget.category_not_allowed", Kind::Finding(Severity::Error),
        "補助対象経費の区分にない",
        "not a cost category that may be claimed";
    /// A category that exists in two groups: choose one.
    BudgetGroupRequired = "budget.group_required", Kind::Finding(Severity::Error),
        "国内経費・国外経費のどちらか選ぶ必要がある区分",
        "a category that exists in two groups: choose one";
    /// A written total does not equal the sum of the rows.
    BudgetTotalMismatch = "budget.total_mismatch", Kind::Finding(Severity::Error),
        "記入された合計・計が内訳の合計と一致しない",
        "a written total does not equal the sum of the rows";
    /// More rows than a table accepts (only the first are checked).
    BudgetTooManyRows = "budget.too_many_rows", Kind::Finding(Severity::Error),
        "行数が上限を超える（先頭の行だけ確認）",
        "more rows than a table accepts (only the first are checked)";
    /// The remark is not one of the three tax statements.
    BudgetTaxRemark = "budget.tax_remark", Kind::Finding(Severity::Error),
        "備考の消費税の扱いが三つの書き方のどれでもない",
        "the remark is not one of the three tax statements";
    /// A deadline has passed.
    DeadlinePassed = "deadline.passed", Kind::Finding(Severity::Warning),
        "期限が本日より前に過ぎている",
        "a deadline has passed";
    /// A deadline falls on a day government offices are closed (it is not moved).
    DeadlineClosedDay = "deadline.closed_day", Kind::Finding(Severity::Info),
        "期限が行政機関の休日に当たる（繰り下げない）",
        "a deadline falls on a day government offices are closed (it is not moved)";
    /// A date outside the bounds the rules set (the pack sets the severity).
    PeriodOutside = "period.outside", Kind::FindingByPack,
        "日付が規則の定める範囲外（重さはパックが決める）",
        "a date outside the bounds the rules set (the pack sets the severity)";
    /// No programme (rule pack) with this id.
    ProgrammeUnknown = "programme.unknown", Kind::Refusal,
        "その id の事業（パック）がない",
        "no programme (rule pack) with this id";
    /// The form is not valid JSON.
    FormNotJson = "form.not_json", Kind::Refusal,
        "フォームが JSON として読めない",
        "the form is not valid JSON";
    /// The form is not a JSON object.
    FormNotObject = "form.not_object", Kind::Refusal,
        "フォームが JSON オブジェクトでない",
        "the form is not a JSON object";
    /// A key that appears twice in one object of the form.
    FormDuplicateKey = "form.duplicate_key", Kind::Refusal,
        "フォームの同じオブジェクトに同じキーが2回ある",
        "a key that appears twice in one object of the form";
    /// The JSON is nested too deeply.
    FormTooDeep = "form.too_deep", Kind::Refusal,
        "JSON の入れ子が深すぎる",
        "the JSON is nested too deeply";
    /// Today is not a date (YYYY-MM-DD or 和暦).
    TodayInvalid = "today.invalid", Kind::Refusal,
        "today が日付（YYYY-MM-DD または和暦）でない",
        "today is not a date (YYYY-MM-DD or 和暦)";
    /// A date argument that is not a date (YYYY-MM-DD or 和暦).
    ArgumentNotADate = "argument.not_a_date", Kind::Refusal,
        "日付の引数が日付（YYYY-MM-DD または和暦）でない",
        "a date argument that is not a date (YYYY-MM-DD or 和暦)";
    /// A date range (from, to) that is not dates, runs backwards or is too long.
    RangeInvalid = "range.invalid", Kind::Refusal,
        "日付の範囲（from・to）が日付でないか、逆順か、長すぎる",
        "a date range (from, to) that is not dates, runs backwards or is too long";
    /// A check's options name a value they do not have (a `lang` that is not `ja` or `en`).
    OptionsInvalid = "options.invalid", Kind::Refusal,
        "チェックのオプションの値が誤っている（ja・en 以外の lang など）",
        "a check's option has a value it does not take (a lang other than ja or en)";
    /// An edit to a form being filled in cannot be applied (a bad path or a clash).
    EditInvalid = "edit.invalid", Kind::Refusal,
        "入力中のフォームの項目を更新できない（パスの誤りや型の衝突）",
        "an edit to a form being filled in cannot be applied (a bad path or a clash)";
    /// A rule pack is unreadable or refused for its problems.
    PackInvalid = "pack.invalid", Kind::Refusal,
        "ルールパックが読めないか、問題があるため使えない",
        "a rule pack is unreadable or refused for its problems";
    /// A 様式 file that does not match the programme's layout (moved cells, another version).
    DocumentMismatch = "document.mismatch", Kind::Refusal,
        "様式のファイルが事業の様式の配置と合わない（セルの位置や版が違う）",
        "a 様式 file does not match the programme's layout (moved cells, another version)";
    /// A form that fills no 様式: the programme declares none, or the answer that chooses one is missing.
    DocumentNone = "document.none", Kind::Refusal,
        "フォームから作る様式がない（事業が様式を定めていないか、様式を決める答えが未回答）",
        "a form makes no 様式 (the programme declares none, or the answer that chooses one is missing)";
    /// 様式 asked for a form with errors, without asking for them on a cover sheet.
    DocumentFormHasErrors = "document.form_has_errors", Kind::Refusal,
        "エラーのあるフォームの様式を、確認結果の表紙なしで求めた",
        "様式 asked for a form with errors, without its findings on a cover sheet";
    /// A file that cannot be read as a 様式 workbook (not .xlsx, damaged, or beyond the limits).
    DocumentUnreadable = "document.unreadable", Kind::Refusal,
        "様式のファイルとして読めない（.xlsx でない、壊れている、大きすぎる）",
        "a file cannot be read as a 様式 workbook (not .xlsx, damaged, or too large)";
    /// A form with more rows than its 様式 has room for.
    DocumentOverflow = "document.overflow", Kind::Refusal,
        "様式の行数より多い行がフォームにある",
        "the form has more rows than its 様式 has room for";
    /// An amount unit that is not yen or thousand_yen.
    UnitUnknown = "unit.unknown", Kind::Refusal,
        "金額の単位名が yen・thousand_yen でない",
        "an amount unit that is not yen or thousand_yen";
    /// A list of files that cannot be read.
    FilesInvalid = "files.invalid", Kind::Refusal,
        "ファイルの一覧が読めない",
        "a list of files that cannot be read";
    /// The URL cannot be read.
    RequestBadPath = "request.bad_path", Kind::Refusal,
        "URL が読めない",
        "the URL cannot be read";
    /// The query string cannot be read.
    RequestBadQuery = "request.bad_query", Kind::Refusal,
        "クエリが読めない",
        "the query string cannot be read";
    /// The request body is over the limit.
    RequestTooLarge = "request.too_large", Kind::Refusal,
        "送信データが大きすぎる",
        "the request body is over the limit";
    /// The request's body is not declared as JSON (`Content-Type: application/json`).
    RequestUnsupportedMediaType = "request.unsupported_media_type", Kind::Refusal,
        "送信データが JSON（Content-Type: application/json）として送られていない",
        "the request's body is not declared as JSON (Content-Type: application/json)";
    /// The URL is longer than the server reads.
    RequestUriTooLong = "request.uri_too_long", Kind::Refusal,
        "URL が長すぎる",
        "the URL is longer than the server reads";
    /// The request's headers are larger than the server reads.
    RequestHeadersTooLarge = "request.headers_too_large", Kind::Refusal,
        "リクエストのヘッダーが大きすぎる",
        "the request's headers are larger than the server reads";
    /// The request cannot be read as HTTP.
    RequestMalformed = "request.malformed", Kind::Refusal,
        "リクエストが HTTP として読めない",
        "the request cannot be read as HTTP";
    /// The request was refused for another reason its HTTP status gives.
    RequestRefused = "request.refused", Kind::Refusal,
        "その他の理由でリクエストを受け付けない（HTTP ステータスのとおり）",
        "the request was refused for another reason its HTTP status gives";
    /// The request took too long.
    RequestTimeout = "request.timeout", Kind::Refusal,
        "処理が時間内に終わらない",
        "the request took too long";
    /// A file cannot be read (it is missing, or the system refused to read it).
    InputUnreadable = "input.unreadable", Kind::Refusal,
        "ファイルを読めない（存在しない、または読み取りが拒否された）",
        "a file cannot be read (it is missing, or the system refused to read it)";
    /// A directory holds something that is not a regular file (a pipe, socket or device); it is not read.
    InputNotAFile = "input.not_a_file", Kind::Refusal,
        "ディレクトリ内の通常のファイルでないもの（パイプ・ソケット・デバイス）。読まない",
        "something in a directory that is not a regular file (a pipe, socket or device); it is not read";
    /// A file (or one JSON Lines line) larger than the command reads as one form.
    InputTooLarge = "input.too_large", Kind::Refusal,
        "1件のフォームとして読む上限を超えるファイル（または JSON Lines の1行）",
        "a file (or one JSON Lines line) larger than the command reads as one form";
    /// No such route.
    RouteNotFound = "route.not_found", Kind::Refusal,
        "その URL はない",
        "no such route";
    /// The method is not allowed on this route.
    RouteMethodNotAllowed = "route.method_not_allowed", Kind::Refusal,
        "その URL ではそのメソッドは使えない",
        "the method is not allowed on this route";
    /// Too many requests at once.
    ServerBusy = "server.busy", Kind::Refusal,
        "同時に処理できる数を超えた",
        "too many requests at once";
    /// A result could not be written as JSON (a bug).
    InternalSerialize = "internal.serialize", Kind::Refusal,
        "結果を JSON にできない（不具合）",
        "a result could not be written as JSON (a bug)";
    /// An internal error (a bug).
    InternalError = "internal.error", Kind::Refusal,
        "内部エラー（不具合）",
        "an internal error (a bug)";
    /// The checker panicked (a bug; the widget restarts it and keeps the input).
    InternalPanic = "internal.panic", Kind::Refusal,
        "チェック機能が異常終了した（不具合。ウィジェットは再起動し、入力は失われない）",
        "the checker panicked (a bug; the widget restarts it and keeps the input)";
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn each_code_shares_its_own_text() {
        for c in Code::ALL {
            assert_eq!(c.shared(), c.as_str(), "{c:?}");
        }
    }

    #[test]
    fn codes_are_unique_well_formed_and_explained() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            let name = c.as_str();
            assert!(seen.insert(name), "{name} twice");
            let (prefix, rest) = name.split_once('.').expect("prefix.name");
            assert!(!prefix.is_empty() && !rest.is_empty(), "{name}");
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_'),
                "{name}"
            );
            let (ja, en) = c.meaning();
            assert!(!ja.is_empty() && !en.is_empty(), "{name}");
            assert_eq!(Code::named(name), Some(*c));
        }
        assert!(Code::prefixes().contains(&"budget."));
        assert_eq!(Code::named("no.such_code"), None);
    }
}
