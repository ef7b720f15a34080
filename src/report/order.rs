//! The Report's order of findings: by the field's place in the form, then path, severity, code,
//! clause and text — the same on every build, so the bytes agree.
//!
//! Owns: the order. Must not know: what a finding says.

use crate::finding::diagnostic::Diagnostic;
use crate::pack::model::Programme;

/// Findings in Report order (see [`report_order`]) without repeats, each with its path's rank.
pub(crate) fn ranked(programme: &Programme, diags: Vec<Diagnostic>) -> Vec<(usize, Diagnostic)> {
    // The rank is a lookup per diagnostic: computed once, not once per comparison.
    let mut keyed: Vec<(usize, Diagnostic)> = diags
        .into_iter()
        .map(|d| (programme.path_rank(&d.path), d))
        .collect();
    keyed.sort_by(|(ra, a), (rb, b)| report_order(*ra, a, *rb, b));
    keyed.dedup_by(|(_, a), (_, b)| a == b);
    keyed
}

/// The Report's order of findings: by the field's place in the form, then path, severity, code,
/// clause and text. Findings about one path are therefore next to each other.
fn report_order(ra: usize, a: &Diagnostic, rb: usize, b: &Diagnostic) -> std::cmp::Ordering {
    (ra, &a.path, a.severity, &a.code, &a.clause, &a.message.ja).cmp(&(
        rb,
        &b.path,
        b.severity,
        &b.code,
        &b.clause,
        &b.message.ja,
    ))
}

/// Two ranked lists merged into the Report's list, as [`ranked`] would order their
/// concatenation (on a tie, `first` comes first).
pub(crate) fn merge_diagnostics(
    first: Vec<(usize, Diagnostic)>,
    second: Vec<(usize, Diagnostic)>,
) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::with_capacity(first.len() + second.len());
    let mut first = first.into_iter().peekable();
    let mut second = second.into_iter().peekable();
    loop {
        let take_first = match (first.peek(), second.peek()) {
            (Some((ra, a)), Some((rb, b))) => report_order(*ra, a, *rb, b).is_le(),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let next = if take_first {
            first.next().map(|(_, d)| d)
        } else {
            second.next().map(|(_, d)| d)
        };
        if let Some(d) = next {
            if out.last() != Some(&d) {
                out.push(d);
            }
        }
    }
    out
}
