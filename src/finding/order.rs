//! The Report's order of findings: by the field's place in the form (its rank), then path,
//! severity, code, clause and text — a total order over distinct findings, so any way of sorting
//! or merging them gives the same bytes on every build.
//!
//! Owns: the order and merging lists kept in it. Must not know: how a path is ranked (the
//! programme's form order, which the caller looks up).

use super::diagnostic::Diagnostic;
use std::borrow::Borrow;
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

/// Lists in Report order, each without repeats, merged into one list of findings without
/// repeats; `take` gives an item's finding (moved from an owned list, cloned from a kept one),
/// so each finding is copied at most once, however many lists there are.
pub(crate) fn merge_ranked<T: Borrow<Ranked>, I: Iterator<Item = T>>(
    lists: impl IntoIterator<Item = I>,
    take: impl Fn(T) -> Diagnostic,
) -> Vec<Diagnostic> {
    let mut heads: Vec<_> = lists.into_iter().map(Iterator::peekable).collect();
    let mut out = Vec::with_capacity(heads.iter().map(|h| h.size_hint().0).sum());
    // The lists whose next item is the one going out (only identical findings compare equal).
    let mut same: Vec<usize> = Vec::new();
    loop {
        same.clear();
        let mut least: Option<(usize, &Ranked)> = None;
        for (i, head) in heads.iter_mut().enumerate() {
            let Some(item) = head.peek() else { continue };
            let (r, d) = item.borrow();
            match least {
                Some((_, (lr, ld))) => match report_order(*r, d, *lr, ld) {
                    Ordering::Less => {
                        same.clear();
                        least = Some((i, item.borrow()));
                    }
                    Ordering::Equal => same.push(i),
                    Ordering::Greater => {}
                },
                None => least = Some((i, item.borrow())),
            }
        }
        let Some((first, _)) = least else { break };
        for &i in &same {
            heads[i].next();
        }
        out.extend(heads[first].next().map(&take));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{merge_ranked, sort_ranked, Ranked};
    use crate::finding::code::Code;
    use crate::finding::diagnostic::Diagnostic;
    use crate::finding::message::Message;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn finding(rank: usize, path: &str, text: &str) -> Ranked {
        let d = Diagnostic::new(
            Code::FormUnexpectedValue,
            path,
            None,
            Message::new(text, text),
        );
        (rank, d)
    }

    #[test]
    fn merging_kept_lists_gives_the_sorted_concatenation_without_repeats() {
        let a = finding(0, "a", "x");
        let b1 = finding(1, "b", "x");
        let b2 = finding(1, "b", "y");
        let c = finding(2, "c", "x");
        let d = finding(2, "d", "x");
        let lists: Vec<Vec<Ranked>> = vec![
            vec![a.clone(), b2.clone(), d.clone()],
            vec![],
            vec![b1.clone(), b2.clone(), c.clone()],
            vec![a.clone(), d.clone()],
        ];
        let mut expected: Vec<Ranked> = lists.concat();
        sort_ranked(&mut expected);
        let expected: Vec<Diagnostic> = expected.into_iter().map(|(_, d)| d).collect();
        assert_eq!(expected.len(), 5);
        let kept = merge_ranked(lists.iter().map(|l| l.iter()), |(_, d)| d.clone());
        assert_eq!(kept, expected);
        let owned = merge_ranked(lists.into_iter().map(Vec::into_iter), |(_, d)| d);
        assert_eq!(owned, expected);
    }
}
