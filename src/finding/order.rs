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

/// Lists in Report order, each without repeats, merged into one list of findings without
/// repeats, each finding copied (its count raised) once, however many lists there are.
pub(crate) fn merge_ranked(mut heads: Vec<&[Ranked]>) -> Vec<Diagnostic> {
    let mut out = Vec::with_capacity(heads.iter().map(|h| h.len()).sum());
    // The lists whose next item is the one going out (only identical findings compare equal).
    let mut same: Vec<usize> = Vec::new();
    loop {
        same.clear();
        let mut least: Option<(usize, &Ranked)> = None;
        // The least of the other lists' next items: while one list's items come before it, they
        // go out in a run, one comparison each (a table's rows' findings are one long run).
        let mut next: Option<&Ranked> = None;
        for (i, &head) in heads.iter().enumerate() {
            let Some(item) = head.first() else { continue };
            let Some((_, l)) = least else {
                least = Some((i, item));
                continue;
            };
            match report_order(item.0, &item.1, l.0, &l.1) {
                Ordering::Less => {
                    same.clear();
                    next = Some(l);
                    least = Some((i, item));
                }
                Ordering::Equal => same.push(i),
                Ordering::Greater => {
                    if next.is_none_or(|n| report_order(item.0, &item.1, n.0, &n.1).is_lt()) {
                        next = Some(item);
                    }
                }
            }
        }
        let Some((first, item)) = least else { break };
        if !same.is_empty() {
            for &i in &same {
                heads[i] = &heads[i][1..];
            }
            out.push(item.1.clone());
            heads[first] = &heads[first][1..];
            continue;
        }
        let head = heads[first];
        let run = head
            .iter()
            .take_while(|(r, d)| next.is_none_or(|(br, bd)| report_order(*r, d, *br, bd).is_lt()))
            .count();
        out.extend(head[..run].iter().map(|(_, d)| d.clone()));
        heads[first] = &head[run..];
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
        let kept = merge_ranked(lists.iter().map(Vec::as_slice).collect());
        assert_eq!(kept, expected);
    }

    #[test]
    fn every_spread_of_findings_over_three_lists_merges_to_their_sorted_union() {
        // Five findings in Report order (two ranks, a path with two findings), each in any
        // of three lists (or none): runs, interleavings and repeats across lists.
        let all = [
            finding(0, "a", "x"),
            finding(0, "a", "y"),
            finding(0, "b", "x"),
            finding(1, "c", "x"),
            finding(2, "d", "x"),
        ];
        for spread in 0..8usize.pow(5) {
            let lists: Vec<Vec<Ranked>> = (0..3)
                .map(|l| {
                    (0..5)
                        .filter(|&i| (spread >> (3 * i)) & (1 << l) != 0)
                        .map(|i| all[i].clone())
                        .collect()
                })
                .collect();
            let expected: Vec<Diagnostic> = (0..5)
                .filter(|&i| (spread >> (3 * i)) & 7 != 0)
                .map(|i| all[i].1.clone())
                .collect();
            let kept = merge_ranked(lists.iter().map(Vec::as_slice).collect());
            assert_eq!(kept, expected, "{spread:o}");
        }
    }
}
