//! What changed in a form since it was last evaluated: a session's edit names one path, so the
//! evaluation can keep every part of its previous result that the path cannot reach.
//!
//! Owns: the relation between an edited path and the parts of a form (sections, table rows).
//! Must not know: what is cached, or how a part is evaluated.

use crate::pack::model::Programme;
use crate::text::form_path::{is_key, FormPath, Step};

/// What changed in the form since the cache was filled. `Anything` makes every part be compared
/// with what the cache holds; the others let the comparison be skipped where nothing changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) enum FormChange {
    /// Unknown: compare everything.
    #[default]
    Anything,
    /// The same form.
    Nothing,
    /// Only what lies at or under this path (a session's single edit).
    Field(FormPath),
}

/// The rows of one table an edit may have changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RowsTouched {
    /// Any of them.
    All,
    /// None.
    None,
    /// This one (or a new row past the end).
    One(usize),
}

impl RowsTouched {
    /// Whether row `index` is known to be as it was.
    pub(crate) fn leaves(self, index: usize) -> bool {
        match self {
            RowsTouched::All => false,
            RowsTouched::None => true,
            RowsTouched::One(n) => n != index,
        }
    }
}

impl FormChange {
    /// Records that `path` is being set in the form this change describes.
    pub(crate) fn and_edit(&self, path: FormPath) -> Self {
        match self {
            FormChange::Nothing => FormChange::Field(path),
            _ => FormChange::Anything,
        }
    }

    /// Whether everything outside the programme's budget sections is unchanged.
    pub(crate) fn leaves_rest(&self, programme: &Programme) -> bool {
        match self {
            FormChange::Anything => false,
            FormChange::Nothing => true,
            FormChange::Field(p) => programme.owns_section(p.root()),
        }
    }

    /// Which rows of the table whose path is `keys` (`["budget", "lines"]`) may have changed:
    /// compared step by step, without making the table's path.
    pub(crate) fn rows_touched(&self, keys: &[&str]) -> RowsTouched {
        let p = match self {
            FormChange::Anything => return RowsTouched::All,
            FormChange::Nothing => return RowsTouched::None,
            FormChange::Field(p) => p,
        };
        if keys.is_empty() || !keys.iter().all(|k| is_key(k)) {
            return RowsTouched::All;
        }
        let steps = p.steps();
        let shared = steps
            .iter()
            .zip(keys)
            .take_while(|(s, k)| matches!(s, Step::Key(x) if x == *k))
            .count();
        // The table or an ancestor of it was set: every row may have changed.
        if shared == steps.len() {
            return RowsTouched::All;
        }
        match steps.get(keys.len()) {
            Some(Step::Index(n)) if shared == keys.len() => RowsTouched::One(*n),
            // `budget.lines.x` is not a row; any other path is outside the table.
            _ => RowsTouched::None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn edit(path: &str) -> FormChange {
        FormChange::Nothing.and_edit(FormPath::parse(path).unwrap())
    }

    #[test]
    fn an_edit_touches_its_row_or_the_whole_table() {
        let table = ["budget", "lines"];
        assert_eq!(
            edit("budget.lines[3].amount").rows_touched(&table),
            RowsTouched::One(3)
        );
        assert_eq!(edit("budget.lines").rows_touched(&table), RowsTouched::All);
        assert_eq!(edit("budget").rows_touched(&table), RowsTouched::All);
        assert_eq!(
            edit("budget.lines_note").rows_touched(&table),
            RowsTouched::None
        );
        assert_eq!(
            edit("applicant.name").rows_touched(&table),
            RowsTouched::None
        );
        assert_eq!(FormChange::Anything.rows_touched(&table), RowsTouched::All);
        assert_eq!(
            edit("a").and_edit(FormPath::parse("budget.lines").unwrap()),
            FormChange::Anything
        );
        // A table path that is not keys (a key holding `.`) is touched by any edit.
        assert_eq!(
            edit("applicant.name").rows_touched(&["budget.x", "lines"]),
            RowsTouched::All
        );
        assert_eq!(edit("budget.lines[3]").rows_touched(&[]), RowsTouched::All);
        assert_eq!(
            edit("budget.lines[3]").rows_touched(&["budget", "lines", "x"]),
            RowsTouched::None
        );
    }
}
