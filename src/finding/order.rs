//! The Report's order of findings: by the field's place in the form (its rank), then path,
//! severity, code, clause and text — a total order over distinct findings, so any way of sorting
//! or merging them gives the same bytes on every build.
//!
//! Owns: the order and merging lists kept in it. Must not know: how a path is ranked (the
//! programme's form order, which the caller looks up).

use super::diagnostic::Diagnostic;
use std::cmp::Ordering;

/// A finding with its path's rank (its field's place in the form).
pub(crate) type Ranked = (usize, Diagnostic);

/// The Report's order of two ranked findings. Findings about one path are next to each other;
/// only identical findings compare equal.
pub(crate) fn report_order(ra: usize, a: &Diagnostic, rb: usize, b: &Diagnostic) -> Ordering {
    (
        ra,
        &a.path,
        a.severity,
        &a.code,
        &a.clause,
        &a.message.ja,
        &a.message.en,
    )
        .cmp(&(
            rb,
            &b.path,
            b.severity,
            &b.code,
            &b.clause,
            &b.message.ja,
            &b.message.en,
        ))
}

/// Sorts ranked findings into Report order and drops repeats.
pub(crate) fn sort_ranked(list: &mut Vec<Ranked>) {
    list.sort_by(|(ra, a), (rb, b)| report_order(*ra, a, *rb, b));
    list.dedup_by(|(_, a), (_, b)| a == b);
}

/// Two lists in Report order, each without repeats, merged into one without repeats.
pub(crate) fn merge_ranked(first: Vec<Ranked>, second: Vec<Ranked>) -> Vec<Ranked> {
    if first.is_empty() {
        return second;
    }
    if second.is_empty() {
        return first;
    }
    let mut out: Vec<Ranked> = Vec::with_capacity(first.len() + second.len());
    let mut first = first.into_iter().peekable();
    let mut second = second.into_iter().peekable();
    while let (Some((ra, a)), Some((rb, b))) = (first.peek(), second.peek()) {
        // Only identical findings compare equal: one of them goes in.
        let order = report_order(*ra, a, *rb, b);
        let next = if order.is_gt() {
            second.next()
        } else {
            if order.is_eq() {
                second.next();
            }
            first.next()
        };
        out.extend(next);
    }
    out.extend(first);
    out.extend(second);
    out
}
