//! Full-width (全角) to half-width folding for what people type into number and date fields.
//!
//! Only the characters whose Unicode NFKC form is a single ASCII character (U+FF01–U+FF5E),
//! the ideographic space U+3000 and the full-width yen sign U+FFE5 are folded. The folding agrees
//! with NFKC for every one of them (checked against the `unicode-normalization` crate in tests);
//! nothing else is touched, so no other character is silently changed.
//!
//! Owns: width folding. Must not know: numbers or dates.

/// Folds one character: full-width ASCII to ASCII, U+3000 to a space, `￥` to `¥`.
#[must_use]
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => {
            // The full-width block mirrors ASCII 0x21..=0x7E at offset 0xFEE0.
            char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c)
        }
        '\u{3000}' => ' ',
        '\u{FFE5}' => '\u{A5}',
        _ => c,
    }
}

/// Folds a whole string with [`fold_char`].
#[must_use]
pub fn fold(text: &str) -> String {
    folded(text).into_owned()
}

/// [`fold`], borrowing `text` when nothing in it folds (what is typed is mostly half-width).
#[must_use]
pub fn folded(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(|c| fold_char(c) == c) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.chars().map(fold_char).collect())
    }
}

/// Whether a character is white space in a typed field (ASCII, no-break or ideographic space).
#[must_use]
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{A0}'
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn folds_digits_and_punctuation() {
        assert_eq!(fold("１２，３４５千円"), "12,345千円");
        assert_eq!(fold("Ｒ７．３．１８"), "R7.3.18");
        assert_eq!(fold("￥１０"), "\u{A5}10");
        assert_eq!(fold("a\u{3000}b"), "a b");
    }

    #[test]
    fn leaves_other_characters_alone() {
        // Half-width katakana would change under NFKC; a typed field must not be altered silently.
        assert_eq!(fold("ｱｲｳ令和"), "ｱｲｳ令和");
        assert!(matches!(
            folded("12,345千円"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(folded("１２,345"), "12,345");
    }

    /// Outside oracle: Unicode NFKC (unicode-normalization crate) for every folded character.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn agrees_with_nfkc_on_every_folded_character() {
        use unicode_normalization::UnicodeNormalization;
        let folded = (0xFF01..=0xFF5E_u32)
            .chain([0x3000, 0xFFE5])
            .filter_map(char::from_u32);
        for c in folded {
            let nfkc: String = c.to_string().nfkc().collect();
            assert_eq!(fold_char(c).to_string(), nfkc, "U+{:04X}", u32::from(c));
        }
    }
}
