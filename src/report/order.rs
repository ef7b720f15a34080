//! The Report's list of findings: each ranked by its field's place in the programme's form, in
//! the order [`crate::finding::order`] defines — the same on every build, so the bytes agree.
//!
//! Owns: ranking by the programme's form. Must not know: what a finding says.

use crate::finding::diagnostic::Diagnostic;
use crate::finding::order::{merge_ranked, sort_ranked, Ranked};
use crate::pack::model::Programme;

/// Findings in Report order without repeats, each with its path's rank.
pub(crate) fn ranked(programme: &Programme, diags: Vec<Diagnostic>) -> Vec<Ranked> {
    // The rank is a lookup per diagnostic: computed once, not once per comparison.
    let mut keyed: Vec<Ranked> = diags
        .into_iter()
        .map(|d| (programme.path_rank(&d.path), d))
        .collect();
    sort_ranked(&mut keyed);
    keyed
}

/// Ranked lists merged into the Report's list, as [`ranked`] would order their concatenation.
/// Merged as kept lists are (each finding's reference counted once more, and again less when the
/// lists go): one merge in the module, not one for owned lists beside it.
pub(crate) fn merge_diagnostics(lists: &[Vec<Ranked>]) -> Vec<Diagnostic> {
    merge_kept(lists.iter().map(Vec::as_slice))
}

/// Ranked lists kept for later evaluations, merged into the Report's list (each finding copied
/// once), as [`ranked`] would order their concatenation.
pub(crate) fn merge_kept<'a>(lists: impl IntoIterator<Item = &'a [Ranked]>) -> Vec<Diagnostic> {
    merge_ranked(lists.into_iter().collect())
}
