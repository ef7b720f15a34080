//! Spreadsheet cell addresses in A1 notation (`B5`, `AA120`), as a 様式's layout names them.
//!
//! Owns: reading and writing `A1` addresses. Must not know: spreadsheets or files.

use std::fmt;

/// The last column a spreadsheet has (`XFD`, 16,384 columns).
pub const MAX_COLUMN: u16 = 16_384;
/// The last row a spreadsheet has.
pub const MAX_ROW: u32 = 1_048_576;

/// A cell: its row and column, both 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellAddress {
    /// The row (1 is the first).
    pub row: u32,
    /// The column (1 is `A`).
    pub column: u16,
}

/// A column's number from its letters (`A` → 1, `AA` → 27); `None` past `XFD` or for anything
/// but ASCII capital letters.
#[must_use]
pub fn column_number(letters: &str) -> Option<u16> {
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut n: u32 = 0;
    for b in letters.bytes() {
        if !b.is_ascii_uppercase() {
            return None;
        }
        n = n * 26 + u32::from(b - b'A' + 1);
    }
    u16::try_from(n)
        .ok()
        .filter(|c| (1..=MAX_COLUMN).contains(c))
}

/// A column's letters from its number (1 → `A`).
#[must_use]
pub fn column_letters(mut column: u16) -> String {
    let mut out = Vec::new();
    while column > 0 {
        let rem = (column - 1) % 26;
        out.push(b'A' + u8::try_from(rem).unwrap_or(0));
        column = (column - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl CellAddress {
    /// Reads `B5`; `None` for anything else (lower case, `$`, a row 0 or past the last).
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let split = text.find(|c: char| c.is_ascii_digit())?;
        let (letters, digits) = text.split_at(split);
        if digits.starts_with('0') || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let row: u32 = digits.parse().ok().filter(|r| (1..=MAX_ROW).contains(r))?;
        Some(Self {
            row,
            column: column_number(letters)?,
        })
    }
}

impl fmt::Display for CellAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", column_letters(self.column), self.row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn addresses_read_and_write_back() {
        for text in ["A1", "B5", "Z9", "AA10", "AZ1", "XFD1048576"] {
            let a = CellAddress::parse(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(a.to_string(), text);
        }
        assert_eq!(
            CellAddress::parse("C12"),
            Some(CellAddress { row: 12, column: 3 })
        );
        for bad in [
            "", "A", "5", "a1", "A0", "A01", "$A$1", "XFE1", "A1048577", "Ａ1", "A1:B2",
        ] {
            assert_eq!(CellAddress::parse(bad), None, "{bad}");
        }
        assert_eq!(column_number("AB"), Some(28));
        assert_eq!(column_letters(28), "AB");
        assert_eq!(column_letters(16_384), "XFD");
    }
}
