//! A form being filled in: held where the engine runs (in wasm, beside the widget), edited one
//! field at a time, re-evaluated with what did not change cached, and answered with only what
//! changed since the last answer.
//!
//! [`Session::report`] is always exactly the stateless evaluation (`Catalog::validate_with`) for
//! the current form (property-tested); [`Session::delta_json`] is what a page needs to update
//! itself after an edit: the small parts of the Report in full, and the findings, table rows,
//! figures and tables' totals only where they changed. Wire format `yoken-delta/4.1`:
//!
//! ```text
//! {"format": "yoken-delta/4.1",                                 // always
//!  "overall"?, "summary"?, "verdicts"?, "dates"?, "not_asked"?,
//!  "figures"?: [{…every FigureReport…}],          // when the list of figure ids changed
//!  "figure_changes"?: [{"id", …each field that changed}],  // otherwise, figures that changed
//!  "tables"?: [{…every TableReport without its rows…}],    // when the list of table ids changed
//!  "table_changes"?: [{"id", …each field that changed}],   // otherwise, tables whose totals changed
//!                  // (`subtotal_changes`: the sub-programmes' subtotals that changed, when
//!                  //  the table has the same sub-programmes in the same order as before)
//!  "row_indices"?: {table id: [indices of its rows that have figures, in order]},
//!  "rows"?: {table id: [RowReports that changed]},
//!  "paths"?: [every path with findings, in Report order],   // the first answer only
//!  "paths_splice"?: {"at", "remove", "insert": [paths]},  // later: how that list changed
//!  "changed": [{"path", "diagnostics": [...]}],  // paths whose findings changed ([] = cleared)
//!  "normalised_form"?: {…}}                        // only for a session with `normalise`
//! ```
//!
//! `4.1` writes every message in the session's one language when it has one ([`Options::lang`]),
//! as the Report does (`yoken-report/2.2`).
//!
//! `4` sends the list of paths with findings whole only in the first answer, and after that
//! how it changed, as `Array.prototype.splice` takes it: from position `at`, `remove` paths
//! and `insert` these (one finding more or fewer is one path, not the whole list again); it
//! sends `overall` and `summary` only when they changed, and of a table's subtotals only those
//! that changed (`subtotal_changes`, whole `{"subprogramme", "amount"}` items) while its
//! sub-programmes stay the same ones in the same order (else `subtotals` whole).
//!
//! `3` sends a figure or a table's totals only where they changed, and of those only the fields
//! that changed (a field now absent is `null`): a keystroke in an amount changes the sums and
//! the figures' values and worked numbers, not their labels, formulas or readings. `2` followed
//! `yoken-report/2`: tables and figures replace `budget`, `tax_report`, `advance_payment` and
//! `additional_charge`.
//!
//! A part marked `?` is absent when it is the same as in the previous answer (`normalised_form`
//! is `null` when the Report no longer has it). The first delta of a session (no previous
//! answer) carries every part the Report has.
//!
//! Owns: a form being edited and the delta format. Must not know: the browser (the wasm shell holds
//! a session for the widget).

use crate::eval::deadline::ComputedDate;
use crate::eval::figures::FigureReport;
use crate::eval::table::report::{RowFigureInfo, RowReport, Subtotal, TableReport};
use crate::finding::code::Code;
use crate::finding::diagnostic::Diagnostic;
use crate::finding::error::Error;
use crate::finding::message::Message;
use crate::finding::shared_text::SharedText;
use crate::pack::model::Programme;
use crate::report::cache::Cache;
use crate::report::pipeline::evaluate_cached;
use crate::report::{Options, Overall, Report, SubprogrammeVerdict, Summary};
use crate::text::amount_field::FieldUnit;
use crate::text::figure::Figure;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Why an edit could not be applied: always the `edit.invalid` refusal, its message saying why.
fn edit_refused(ja: &str, en: String) -> Error {
    Error::new(
        Code::EditInvalid,
        Message::new(format!("この項目を更新できません：{ja}"), en),
    )
}

/// A form being filled in.
#[derive(Debug, Clone)]
pub struct Session {
    /// Shared with the catalog: a new session copies no rules.
    programme: Arc<Programme>,
    today: NaiveDate,
    options: Options,
    form: Value,
    cache: Cache,
    /// The last answer: the base of the next delta.
    last: Option<LastAnswer>,
    /// The path ends' buffer of the answer before the last, to be written over by the next.
    spare_ends: Vec<usize>,
}

/// The last answer a session gave: its Report, the cache's rest generation it was made with,
/// and where each path's findings end in it (found once, when it was the new Report).
#[derive(Debug, Clone)]
struct LastAnswer {
    report: Report,
    generation: u64,
    path_ends: Vec<usize>,
}

/// Findings at one path.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PathDiagnostics<'a> {
    /// The path.
    pub path: &'a SharedText,
    /// Its findings now (empty: cleared).
    pub diagnostics: &'a [Diagnostic],
}

/// A table's figures without its rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct TableTotals<'a> {
    id: &'a str,
    path: &'a str,
    label: &'a Message,
    unit: FieldUnit,
    complete: bool,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    sums: &'a BTreeMap<SharedText, Figure>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    subtotals: &'a [Subtotal],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    row_figures: &'a [RowFigureInfo],
}

impl<'a> TableTotals<'a> {
    fn of(t: &'a TableReport) -> Self {
        Self {
            id: &t.id,
            path: &t.path,
            label: &t.label,
            unit: t.unit,
            complete: t.complete,
            sums: &t.sums,
            subtotals: &t.subtotals,
            row_figures: &t.row_figures,
        }
    }
}

/// The fields of a table's totals that changed (absent: unchanged; `null`: no longer there).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TableChange<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a Message>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<FieldUnit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    complete: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sums: Part<&'a BTreeMap<SharedText, Figure>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subtotals: Part<&'a Vec<Subtotal>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    subtotal_changes: Vec<&'a Subtotal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    row_figures: Part<&'a [RowFigureInfo]>,
}

impl<'a> TableChange<'a> {
    /// What changed from `old` to `new` (the same table's totals), if anything did.
    fn of(old: &TableReport, new: &'a TableReport) -> Option<Self> {
        // Every field named (no `..`): a field added to the Report must be added here too.
        let TableReport {
            id,
            path,
            label,
            unit,
            complete,
            rows: _,
            sums,
            subtotals,
            row_figures,
        } = new;
        // The same sub-programmes in the same order (a typed amount): only the subtotals that
        // changed; otherwise the list whole, or null when there is none.
        let subtotal_changes = changes_by_id(
            Some(&old.subtotals[..]),
            subtotals,
            |s| s.subprogramme.as_str(),
            |o, n| (o != n).then_some(n),
        );
        let change = Self {
            id,
            path: unless_same(Some(&old.path), path).map(SharedText::as_str),
            label: unless_same(Some(&old.label), label),
            unit: unless_same(Some(&old.unit), unit).copied(),
            complete: unless_same(Some(&old.complete), complete).copied(),
            sums: changed_part(listed(&old.sums), listed(sums)),
            subtotals: subtotal_changes
                .is_none()
                .then(|| changed_part(listed(&old.subtotals), listed(subtotals)))
                .flatten(),
            subtotal_changes: subtotal_changes.unwrap_or_default(),
            // Shared with the table's cache while the rows' context stays the same.
            row_figures: if Arc::ptr_eq(&old.row_figures, row_figures) {
                None
            } else {
                changed_part(listed(&old.row_figures[..]), listed(&row_figures[..]))
            },
        };
        let same = change.path.is_none()
            && change.label.is_none()
            && change.unit.is_none()
            && change.complete.is_none()
            && change.sums.is_none()
            && change.subtotals.is_none()
            && change.subtotal_changes.is_empty()
            && change.row_figures.is_none();
        (!same).then_some(change)
    }
}

/// The fields of a figure that changed (absent: unchanged; `null`: no longer there).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FigureChange<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a Message>,
    #[serde(skip_serializing_if = "Option::is_none")]
    clause: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Part<&'a Figure>,
    #[serde(skip_serializing_if = "Option::is_none")]
    formula: Option<&'a Message>,
    #[serde(skip_serializing_if = "Option::is_none")]
    worked: Option<&'a Message>,
    #[serde(skip_serializing_if = "Option::is_none")]
    said: Part<&'a Message>,
    #[serde(skip_serializing_if = "Option::is_none")]
    missing: Part<&'a Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reading: Part<&'a Message>,
}

impl<'a> FigureChange<'a> {
    /// What changed from `old` to `new` (the same figure), if anything did.
    fn of(old: &FigureReport, new: &'a FigureReport) -> Option<Self> {
        // Every field named (no `..`): a field added to the Report must be added here too.
        let FigureReport {
            id,
            label,
            clause,
            value,
            formula,
            worked,
            said,
            missing,
            reading,
        } = new;
        let change = Self {
            id,
            label: unless_same(Some(&old.label), label),
            clause: unless_same(Some(&old.clause), clause).map(SharedText::as_str),
            value: changed_part(old.value.as_ref(), value.as_ref()),
            formula: unless_same(Some(&old.formula), formula),
            worked: unless_same(Some(&old.worked), worked),
            said: changed_part(old.said.as_ref(), said.as_ref()),
            missing: changed_part(listed(&old.missing), listed(missing)),
            reading: changed_part(old.reading.as_ref(), reading.as_ref()),
        };
        // Each field compared once: nothing changed when no field did.
        let same = change.label.is_none()
            && change.clause.is_none()
            && change.value.is_none()
            && change.formula.is_none()
            && change.worked.is_none()
            && change.said.is_none()
            && change.missing.is_none()
            && change.reading.is_none();
        (!same).then_some(change)
    }
}

/// A field the Report may leave out, as a [`Part`]: absent when unchanged, `null` when no
/// longer there.
fn changed_part<'a, T: PartialEq + ?Sized>(old: Option<&T>, new: Option<&'a T>) -> Part<&'a T> {
    (old != new).then_some(new)
}

/// A list or map the Report leaves out when it is empty.
fn listed<T: ?Sized>(v: &T) -> Option<&T>
where
    for<'x> &'x T: IntoIterator,
{
    v.into_iter().next().is_some().then_some(v)
}

/// A part of the Report in a delta: absent when unchanged, `null` when it is no longer there.
type Part<T> = Option<Option<T>>;

/// What changed since the previous answer (see the module documentation).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Delta<'a> {
    format: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    overall: Option<&'a Overall>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a Summary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    verdicts: Option<&'a [SubprogrammeVerdict]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dates: Option<&'a [ComputedDate]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    not_asked: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    figures: Option<&'a [Arc<FigureReport>]>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    figure_changes: Vec<FigureChange<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tables: Option<Vec<TableTotals<'a>>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    table_changes: Vec<TableChange<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    row_indices: Option<BTreeMap<&'a str, Vec<usize>>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    rows: BTreeMap<&'a str, Vec<&'a RowReport>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    paths: Option<Vec<&'a SharedText>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    paths_splice: Option<PathSplice<'a>>,
    changed: Vec<PathDiagnostics<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    normalised_form: Part<&'a Value>,
}

/// The format tag of [`Delta`].
pub(crate) const DELTA_FORMAT: &str = "yoken-delta/4.1";

/// How the list of paths with findings changed: from position `at`, `remove` paths and put
/// `insert` in their place (as `Array.prototype.splice` takes them).
#[derive(Debug, Clone, Serialize)]
struct PathSplice<'a> {
    at: usize,
    remove: usize,
    insert: Vec<&'a SharedText>,
}

/// Findings of one path, as [`PathGroups`] gives them.
type PathGroup<'a> = (&'a SharedText, &'a [Diagnostic]);

/// Some of a Report's findings grouped by path, read in place from where each path's findings
/// end ([`path_ends`]): the groups from the finding at `from`, one for each of `ends`. Nothing is
/// gathered into a list of its own.
#[derive(Debug, Clone, Copy)]
struct PathGroups<'a> {
    diags: &'a [Diagnostic],
    from: usize,
    ends: &'a [usize],
}

impl<'a> PathGroups<'a> {
    /// How many paths have findings.
    fn len(self) -> usize {
        self.ends.len()
    }

    /// The path of the `i`th group.
    fn path(self, i: usize) -> &'a SharedText {
        let start = if i == 0 { self.from } else { self.ends[i - 1] };
        &self.diags[start].path
    }

    /// The groups in Report order.
    fn iter(self) -> impl Iterator<Item = PathGroup<'a>> {
        let mut start = self.from;
        self.ends.iter().map(move |&end| {
            let group = &self.diags[start..end];
            start = end;
            (&group[0].path, group)
        })
    }
}

impl<'a> PathSplice<'a> {
    /// The one splice that turns `old`'s paths into `new`'s (the common start and end kept);
    /// `None` when they are the same paths.
    fn between(old: PathGroups<'_>, new: PathGroups<'a>) -> Option<Self> {
        let (o, n) = (old.len(), new.len());
        let at = (0..o.min(n))
            .take_while(|&i| old.path(i) == new.path(i))
            .count();
        if at == o && at == n {
            return None;
        }
        let kept_end = (1..=(o - at).min(n - at))
            .take_while(|&k| old.path(o - k) == new.path(n - k))
            .count();
        Some(Self {
            at,
            remove: o - at - kept_end,
            insert: (at..n - kept_end).map(|i| new.path(i)).collect(),
        })
    }
}

/// Where each path's findings end in `diags`, in Report order (which keeps each path's findings
/// together), counted from `offset` and added to `out`.
fn path_ends(diags: &[Diagnostic], offset: usize, out: &mut Vec<usize>) {
    let mut start = 0;
    for i in 1..=diags.len() {
        if i == diags.len() || diags[i].path != diags[start].path {
            out.push(offset + i);
            start = i;
        }
    }
}

/// Where a Report's findings may differ from the last answer's: before the group numbered
/// `groups` (the finding at `start`), and after the `old_groups` groups of the old list that
/// follow it and the `new_groups` of the new one, both lists hold the very same findings (the
/// same allocations) in the same path groups. A keystroke changes a few paths' findings and the
/// session's cache shares every other path's, so a delta walks only this window, and the new
/// list's path ends are the old ones' outside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Window {
    start: usize,
    groups: usize,
    old_groups: usize,
    new_groups: usize,
}

impl Window {
    /// The whole of `new` (no answer before it), with its path ends written into `ends` (its
    /// earlier contents dropped, its capacity kept).
    fn whole(new: &[Diagnostic], ends: &mut Vec<usize>) -> Self {
        ends.clear();
        path_ends(new, 0, ends);
        Self {
            start: 0,
            groups: 0,
            old_groups: 0,
            new_groups: ends.len(),
        }
    }

    /// Where `new` may differ from `old` (whose path ends are `old_ends`), with `new`'s path ends
    /// written into `ends` (its earlier contents dropped, its capacity kept).
    fn between(
        old: &[Diagnostic],
        old_ends: &[usize],
        new: &[Diagnostic],
        ends: &mut Vec<usize>,
    ) -> Self {
        let (o, n) = (old.len(), new.len());
        let before = old
            .iter()
            .zip(new)
            .take_while(|(a, b)| a.is_shared_with(b))
            .count();
        let after = old[before..]
            .iter()
            .rev()
            .zip(new[before..].iter().rev())
            .take_while(|(a, b)| a.is_shared_with(b))
            .count();
        // Widened to whole groups: the path of the last shared finding before the window, and
        // of the first after it, may have findings in it. (Outside, the lists are the same, so
        // a group's bounds in the old list are its bounds in the new one.)
        let groups = old_ends.partition_point(|&e| e < before);
        let start = if groups == 0 { 0 } else { old_ends[groups - 1] };
        let old_last = if after == 0 {
            old_ends.len()
        } else {
            old_ends.partition_point(|&e| e <= o - after) + 1
        };
        let old_end = if old_last == 0 {
            0
        } else {
            old_ends[old_last - 1]
        };
        let new_end = n - (o - old_end);
        ends.clear();
        ends.extend_from_slice(&old_ends[..groups]);
        path_ends(&new[start..new_end], start, ends);
        let new_groups = ends.len() - groups;
        ends.extend(old_ends[old_last..].iter().map(|&e| n - (o - e)));
        Self {
            start,
            groups,
            old_groups: old_last - groups,
            new_groups,
        }
    }

    /// The old list's groups in the window.
    fn old_groups_in<'a>(self, diags: &'a [Diagnostic], ends: &'a [usize]) -> PathGroups<'a> {
        PathGroups {
            diags,
            from: self.start,
            ends: &ends[self.groups..self.groups + self.old_groups],
        }
    }

    /// The new list's groups in the window.
    fn new_groups_in<'a>(self, diags: &'a [Diagnostic], ends: &'a [usize]) -> PathGroups<'a> {
        PathGroups {
            diags,
            from: self.start,
            ends: &ends[self.groups..self.groups + self.new_groups],
        }
    }
}

impl Session {
    /// A session for `programme` (owned, or shared from [`crate::Catalog::shared`]) on `today`,
    /// with an empty form.
    #[must_use]
    pub fn new(programme: impl Into<Arc<Programme>>, today: NaiveDate, options: Options) -> Self {
        Self {
            programme: programme.into(),
            today,
            options,
            form: Value::Object(Map::new()),
            cache: Cache::default(),
            last: None,
            spare_ends: Vec::new(),
        }
    }

    /// The form as it stands.
    #[must_use]
    pub fn form(&self) -> &Value {
        &self.form
    }

    /// Replaces the whole form (a reload, rows added or removed).
    pub fn replace(&mut self, form: Value) -> Result<(), Error> {
        if !form.is_object() {
            return Err(edit_refused(
                "フォームは JSON オブジェクト（{…}）で渡してください。",
                "The form must be a JSON object ({…}).".to_owned(),
            ));
        }
        self.form = form;
        self.cache.replaced();
        Ok(())
    }

    /// Sets one field (`budget.lines[3].amount`).
    pub fn set(&mut self, path: &str, value: Value) -> Result<(), Error> {
        // The path as a message shows it (a refused path may be long): made only for a refusal.
        let shown = || -> String { path.chars().take(200).collect() };
        let mut parsed = self.cache.path_for_edit();
        if !parsed.parse_into(path) {
            let shown = shown();
            return Err(edit_refused(
                &format!("「{shown}」はフォームのパスではありません。"),
                format!("not a form path: \"{shown}\""),
            ));
        }
        let set = parsed.set(&mut self.form, value);
        // Whatever `set` changed lies at or under `path`, or is a new row past the end (a
        // refused edit may have made the objects on its way).
        self.cache.edited(parsed);
        set.map_err(|_| {
            let shown = shown();
            edit_refused(
                &format!("「{shown}」の途中に別の種類の値があります。"),
                format!("\"{shown}\" holds a value of another kind"),
            )
        })
    }

    /// The Report for the form as it stands (the same bytes as a stateless evaluation).
    pub fn report(&mut self) -> Result<Report, Error> {
        evaluate_cached(
            &self.programme,
            &self.form,
            self.today,
            self.options,
            &mut self.cache,
        )
    }

    /// Evaluates and returns the Report as JSON, remembering it as the base of the next delta.
    pub fn report_json(&mut self) -> Result<String, Error> {
        let report = self.report()?;
        let json = super::catalog::report_json_in(&report, self.options.lang);
        let mut ends = std::mem::take(&mut self.spare_ends);
        Window::whole(&report.diagnostics, &mut ends);
        self.remember(LastAnswer {
            path_ends: ends,
            generation: self.cache.rest_generation(),
            report,
        });
        Ok(json)
    }

    /// Evaluates and returns what changed since the last report or delta, as JSON.
    pub fn delta_json(&mut self) -> Result<String, Error> {
        let report = self.report()?;
        let generation = self.cache.rest_generation();
        // The buffer the answer before the last gave back ([`Self::remember`]).
        let mut ends = std::mem::take(&mut self.spare_ends);
        let window = match &self.last {
            Some(l) => Window::between(
                &l.report.diagnostics,
                &l.path_ends,
                &report.diagnostics,
                &mut ends,
            ),
            None => Window::whole(&report.diagnostics, &mut ends),
        };
        let previous = self.last.as_ref().map(|l| Previous {
            report: &l.report,
            same_rest: l.generation == generation,
            path_ends: &l.path_ends,
        });
        // A delta is mostly small: the changed cells and figures.
        let json = crate::report::compact::to_json_in(
            &delta(&self.programme, previous, (&report, &ends), window),
            1024,
            self.options.lang,
        )
        .unwrap_or_default();
        self.remember(LastAnswer {
            report,
            generation,
            path_ends: ends,
        });
        Ok(json)
    }

    /// Keeps `answer` as the base of the next delta; the one it replaces gives its path ends'
    /// buffer back for the next answer.
    fn remember(&mut self, answer: LastAnswer) {
        if let Some(old) = self.last.replace(answer) {
            self.spare_ends = old.path_ends;
        }
    }
}

/// The previous answer, as a delta compares with it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Previous<'a> {
    report: &'a Report,
    /// Whether it shares its non-budget results with the new Report (the same cached
    /// computation): then verdicts and dates are known to be unchanged without comparing them.
    same_rest: bool,
    /// Where each path's findings end in it ([`path_ends`]).
    path_ends: &'a [usize],
}

/// The delta from `previous` (none: everything is new) to `report` (with its [`path_ends`]),
/// both Reports of `programme`, whose findings differ only in `window`.
#[must_use]
fn delta<'a>(
    programme: &Programme,
    previous: Option<Previous<'a>>,
    (report, ends): (&'a Report, &'a [usize]),
    window: Window,
) -> Delta<'a> {
    let same_rest = previous.is_some_and(|p| p.same_rest);
    let now = window.new_groups_in(&report.diagnostics, ends);
    let old_groups = window.old_groups_in(
        previous.map_or(&[], |p| &p.report.diagnostics[..]),
        previous.map_or(&[], |p| p.path_ends),
    );
    let previous = previous.map(|p| p.report);
    // Both lists are in Report order, (path rank, path): walk them side by side.
    let order = |a: &SharedText, b: &SharedText| {
        if a == b {
            Ordering::Equal
        } else {
            (programme.path_rank(a), a).cmp(&(programme.path_rank(b), b))
        }
    };
    let mut changed: Vec<PathDiagnostics<'a>> = Vec::new();
    let (mut old, mut new) = (old_groups.iter().peekable(), now.iter().peekable());
    loop {
        let order = match (old.peek(), new.peek()) {
            (Some((o, _)), Some((n, _))) => order(o, n),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => break,
        };
        match order {
            Ordering::Less => {
                let Some((path, _)) = old.next() else { break };
                changed.push(PathDiagnostics {
                    path,
                    diagnostics: &[],
                });
            }
            Ordering::Greater => {
                let Some((path, diagnostics)) = new.next() else {
                    break;
                };
                changed.push(PathDiagnostics { path, diagnostics });
            }
            Ordering::Equal => {
                let (Some((_, before)), Some((path, diagnostics))) = (old.next(), new.next())
                else {
                    break;
                };
                if before != diagnostics {
                    changed.push(PathDiagnostics { path, diagnostics });
                }
            }
        }
    }
    let mut rows: BTreeMap<&'a str, Vec<&'a RowReport>> = BTreeMap::new();
    for t in &report.tables {
        let old_rows: &[Arc<RowReport>] = previous
            .and_then(|p| p.tables.iter().find(|o| o.id == t.id))
            .map_or(&[], |o| &o.rows);
        // Both lists are in index order: walked side by side (one step a row; a search per row
        // was 2 % of a keystroke's instructions). A row is unchanged when the same index holds
        // the same figures (usually the very same cached allocation).
        let mut old_at = 0;
        let mut changed_rows: Vec<&RowReport> = Vec::new();
        for r in &t.rows {
            while old_rows.get(old_at).is_some_and(|o| o.index < r.index) {
                old_at += 1;
            }
            let unchanged = old_rows
                .get(old_at)
                .is_some_and(|o| o.index == r.index && (Arc::ptr_eq(o, r) || **o == **r));
            if !unchanged {
                changed_rows.push(r);
            }
        }
        if !changed_rows.is_empty() {
            rows.insert(&t.id, changed_rows);
        }
    }
    let row_indices = || -> BTreeMap<&'a str, Vec<usize>> {
        report
            .tables
            .iter()
            .map(|t| (t.id.as_str(), t.rows.iter().map(|r| r.index).collect()))
            .collect()
    };
    // Compared in place (an edit to a cell leaves them as they were): the map is made only to
    // be sent.
    let same_row_indices = |p: &Report| {
        p.tables.len() == report.tables.len()
            && p.tables.iter().zip(&report.tables).all(|(o, n)| {
                o.id == n.id
                    && o.rows.len() == n.rows.len()
                    && o.rows.iter().zip(&n.rows).all(|(a, b)| a.index == b.index)
            })
    };
    let figure_changes = changes_by_id(
        previous.map(|p| &p.figures[..]),
        &report.figures,
        |f| f.id.as_str(),
        // A figure the session kept is the very same allocation.
        |o, n| {
            (!Arc::ptr_eq(o, n))
                .then(|| FigureChange::of(o, n))
                .flatten()
        },
    );
    let table_changes = changes_by_id(
        previous.map(|p| &p.tables[..]),
        &report.tables,
        |t| t.id.as_str(),
        TableChange::of,
    );
    Delta {
        format: DELTA_FORMAT,
        overall: unless_same(previous.map(|p| &p.overall), &report.overall),
        summary: unless_same(previous.map(|p| &p.summary), &report.summary),
        verdicts: (!same_rest)
            .then(|| unless_same(previous.map(|p| &p.verdicts[..]), &report.verdicts[..]))
            .flatten(),
        dates: (!same_rest)
            .then(|| unless_same(previous.map(|p| &p.dates[..]), &report.dates[..]))
            .flatten(),
        not_asked: (!same_rest)
            .then(|| unless_same(previous.map(|p| &p.not_asked[..]), &report.not_asked[..]))
            .flatten(),
        figures: figure_changes.is_none().then_some(&report.figures[..]),
        tables: table_changes
            .is_none()
            .then(|| report.tables.iter().map(TableTotals::of).collect()),
        figure_changes: figure_changes.unwrap_or_default(),
        table_changes: table_changes.unwrap_or_default(),
        row_indices: (!previous.is_some_and(same_row_indices)).then(row_indices),
        rows,
        paths: previous
            .is_none()
            .then(|| now.iter().map(|(p, _)| p).collect()),
        paths_splice: previous.and_then(|_| {
            let mut splice = PathSplice::between(old_groups, now)?;
            splice.at += window.groups;
            Some(splice)
        }),
        changed,
        normalised_form: part(previous, report, |r| r.normalised_form.as_ref()),
    }
}

/// `now`, unless it equals `before`.
fn unless_same<'a, T: PartialEq + ?Sized>(before: Option<&T>, now: &'a T) -> Option<&'a T> {
    (before != Some(now)).then_some(now)
}

/// A part of `report` (see [`Part`]): absent when `previous` had the same.
fn part<'a, T: PartialEq>(
    previous: Option<&'a Report>,
    report: &'a Report,
    get: impl Fn(&'a Report) -> Option<T>,
) -> Part<T> {
    let now = get(report);
    match previous {
        Some(p) if get(p) == now => None,
        _ => Some(now),
    }
}

/// The changes of each thing in a list with ids; `None` (the list goes whole) when there is no
/// previous answer or the ids are not the same ones in the same order.
fn changes_by_id<'a, T, C>(
    old: Option<&[T]>,
    new: &'a [T],
    id: impl Fn(&T) -> &str,
    change: impl Fn(&T, &'a T) -> Option<C>,
) -> Option<Vec<C>> {
    let old = old.filter(|o| o.iter().map(&id).eq(new.iter().map(&id)))?;
    Some(
        old.iter()
            .zip(new)
            .filter_map(|(o, n)| change(o, n))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::{path_ends, Window};
    use crate::finding::diagnostic::{Diagnostic, Finding, Severity};
    use crate::finding::message::Message;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// A finding of its own (a new allocation) at `path`.
    fn at(path: &str) -> Diagnostic {
        Diagnostic::from(Finding {
            code: "pack.own_check".into(),
            severity: Severity::Warning,
            path: path.into(),
            clause: None,
            message: Message::new(path, path),
        })
    }

    /// Every list of up to four findings over three paths, in Report order (grouped by path,
    /// the paths in order).
    fn lists() -> Vec<Vec<Diagnostic>> {
        let mut out = Vec::new();
        for len in 0..=4u32 {
            for mut n in 0..3usize.pow(len) {
                let mut paths: Vec<&str> = (0..len)
                    .map(|_| {
                        let p = ["a", "b", "c"][n % 3];
                        n /= 3;
                        p
                    })
                    .collect();
                paths.sort_unstable();
                out.push(paths.into_iter().map(at).collect());
            }
        }
        out
    }

    /// The lists an edit can make of `old`: a finding added at any place (any path the order
    /// allows), taken out, or made anew; every other finding shared.
    fn edits(old: &[Diagnostic]) -> Vec<Vec<Diagnostic>> {
        let mut out = vec![old.to_vec()];
        for i in 0..=old.len() {
            for p in ["a", "b", "c"] {
                let mut new = old.to_vec();
                new.insert(i, at(p));
                if new.windows(2).all(|w| w[0].path <= w[1].path) {
                    out.push(new);
                }
            }
            if i < old.len() {
                let mut new = old.to_vec();
                new.remove(i);
                out.push(new);
                let mut new = old.to_vec();
                new[i] = at(&old[i].path);
                out.push(new);
            }
        }
        out
    }

    /// Whether `i` falls between two paths' findings in `list` (or at either end).
    fn bound(list: &[Diagnostic], i: usize) -> bool {
        i == 0 || i == list.len() || list[i - 1].path != list[i].path
    }

    #[test]
    fn outside_a_delta_window_both_lists_hold_the_same_findings_in_whole_groups() {
        for old in lists() {
            let mut old_ends = Vec::new();
            path_ends(&old, 0, &mut old_ends);
            for new in edits(&old) {
                let mut ends = vec![99];
                let w = Window::between(&old, &old_ends, &new, &mut ends);
                let mut full = Vec::new();
                path_ends(&new, 0, &mut full);
                assert_eq!(ends, full, "{old:?} → {new:?}");
                let old_end = old_ends[..w.groups + w.old_groups]
                    .last()
                    .map_or(w.start, |e| *e.max(&w.start));
                let new_end = ends[..w.groups + w.new_groups]
                    .last()
                    .map_or(w.start, |e| *e.max(&w.start));
                let shared = |a: &[Diagnostic], b: &[Diagnostic]| {
                    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.is_shared_with(y))
                };
                assert!(
                    shared(&old[..w.start], &new[..w.start]),
                    "{old:?} → {new:?}"
                );
                assert!(
                    shared(&old[old_end..], &new[new_end..]),
                    "{old:?} → {new:?}"
                );
                for (list, i) in [
                    (&old, w.start),
                    (&old, old_end),
                    (&new, w.start),
                    (&new, new_end),
                ] {
                    assert!(bound(list, i), "{old:?} → {new:?}: {i}");
                }
            }
        }
    }
}
