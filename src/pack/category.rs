//! Matching a typed cost category (区分) to the categories a sub-programme allows.
//!
//! Owns: category names as compared. Must not know: a row, a table or a finding.

use crate::pack::spec::CategorySpec;
use crate::text::width::{fold_char, is_space};
use std::borrow::Cow;

/// Folds width and drops spaces and 「」 so that `「事務費」`, `事務費 ` and `事務費` compare equal.
#[must_use]
pub(crate) fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    out.extend(folded_chars(text));
    out
}

/// [`normalise`], borrowing `text` when folding leaves it as it is (most typed names and
/// descriptions).
#[must_use]
pub(crate) fn normalised(text: &str) -> Cow<'_, str> {
    if plainly_normal(text.as_bytes()) || normalises_to(text, text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(normalise(text))
    }
}

/// Whether no character of `bytes` (UTF-8) can fold or be dropped, told from its bytes alone: a
/// character that does ([`fold_char`]'s full-width forms, U+3000 and U+FFE5; a space, whose
/// encodings start with an ASCII space or control, `C2`, `E1`, `E2` or `E3 80 80`; 「」『』, `E3 80 8C`
/// to `8F`) starts with one of these. False says only "look at the characters". Most of a row's
/// text (kana, kanji, 、。, ASCII words) is told normal here in a few steps a byte, where folding
/// its characters one by one took about fifteen.
fn plainly_normal(bytes: &[u8]) -> bool {
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            0..=0x20 | 0x7f | 0xc2 | 0xe1 | 0xe2 | 0xef => return false,
            0xe3 if bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0x80 | 0x8c..=0x8f)) =>
            {
                return false
            }
            _ => {}
        }
        i += 1;
    }
    true
}

/// The characters of [`normalise`]`(text)`, without building it.
fn folded_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .map(fold_char)
        .filter(|c| !is_space(*c) && !matches!(c, '「' | '」' | '『' | '』'))
}

/// Whether [`normalise`]`(text)` is `folded`, without building it (a check that compares each of a
/// pack's names with a typed text, once per row).
#[must_use]
pub(crate) fn normalises_to(text: &str, folded: &str) -> bool {
    folded_chars(text).eq(folded.chars())
}

/// Whether `needle` occurs in `haystack`, byte by byte (both valid UTF-8, so a match always falls
/// on character boundaries); cheaper than `str::contains` for the short words and texts here.
#[must_use]
pub(crate) fn contains(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    match n.first() {
        None => true,
        Some(first) => h.windows(n.len()).any(|w| w[0] == *first && w == n),
    }
}

/// The characters of a text as a set of 64 buckets (by a hash of each character): a word whose
/// first character falls in no bucket of the text cannot occur in it. A row's description of a few
/// characters rules out most of a rule's words this way, each with one test instead of a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CharSet(u64);

impl CharSet {
    /// The buckets of `text`'s characters.
    #[must_use]
    pub(crate) fn of(text: &str) -> Self {
        Self(text.chars().fold(0, |set, c| set | bucket(c)))
    }

    /// Whether `word` may occur in the text (false: it does not; true: search for it).
    #[must_use]
    pub(crate) fn may_hold(self, word: &str) -> bool {
        word.chars().next().is_none_or(|c| self.0 & bucket(c) != 0)
    }
}

/// A character's bucket, as a bit: the top six bits of its code point times an odd constant
/// (Knuth's multiplicative hash), so that neighbouring kana and kanji spread over the buckets.
fn bucket(c: char) -> u64 {
    1 << (u32::from(c).wrapping_mul(0x9E37_79B1) >> 26)
}

/// The outcome of matching a category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CategoryMatch<'a> {
    /// Exactly one allowed category.
    One(&'a CategorySpec),
    /// The name exists in several groups (国内経費 and 国外経費): the row must say which.
    NeedsGroup(Vec<&'a CategorySpec>),
    /// Not a category of this sub-programme.
    None,
}

/// The categories with their names, aliases and groups normalised once, when the pack is loaded.
#[cfg_attr(feature = "pack-json", derive(serde::Serialize))]
#[derive(Debug, Clone)]
pub(crate) struct CategoryIndex {
    entries: Vec<(CategorySpec, Vec<String>, Option<String>)>,
}

#[rustfmt::skip]
crate::pack::decode::decode_struct!(CategoryIndex { entries });

impl CategoryIndex {
    #[cfg(feature = "pack-json")]
    /// Indexes `categories`.
    #[must_use]
    pub(crate) fn new(categories: &[CategorySpec]) -> Self {
        Self {
            entries: categories
                .iter()
                .map(|c| {
                    let names = std::iter::once(c.name.as_str())
                        .chain(c.aliases.iter().map(String::as_str))
                        .map(normalise)
                        .collect();
                    (c.clone(), names, c.group.as_deref().map(normalise))
                })
                .collect(),
        }
    }

    /// Matches `typed` (and the row's `group`, when given) among the categories of `subprogramme`.
    #[must_use]
    pub(crate) fn find(
        &self,
        subprogramme: &str,
        typed: &str,
        group: Option<&str>,
    ) -> CategoryMatch<'_> {
        // A name typed as the pack writes it (most rows) is compared as it is, not copied.
        let wanted = normalised(typed);
        let group = group.map(normalise).filter(|g| !g.is_empty());
        let mut matches = self
            .entries
            .iter()
            .filter(|(c, names, g)| {
                names.iter().any(|n| *n == *wanted)
                    && c.subprogrammes.iter().any(|s| s == subprogramme)
                    && (group.is_none() || g.as_ref() == group.as_ref())
            })
            .map(|(c, _, _)| c);
        let Some(first) = matches.next() else {
            return CategoryMatch::None;
        };
        // With the row's group given, the first of that group; without, one name in several
        // groups is for the row to settle.
        match matches.next() {
            Some(second) if group.is_none() => {
                CategoryMatch::NeedsGroup([first, second].into_iter().chain(matches).collect())
            }
            _ => CategoryMatch::One(first),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn normalises_to_agrees_with_normalise() {
        let texts = [
            "「事務費」",
            "事務費 ",
            "ｼﾞﾑﾋ",
            "土地　購入費",
            "",
            "『』",
            "Ａｂｃ１",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(
                    normalises_to(a, &normalise(b)),
                    normalise(a) == normalise(b),
                    "{a} {b}"
                );
            }
        }
    }

    #[test]
    fn a_text_told_plainly_normal_is_one_that_normalising_leaves_as_it_is() {
        // Every character up to U+FFFF and a few beyond, alone and between kanji.
        let chars = (0..=0xFFFF_u32)
            .chain([0x1_0000, 0x2_0000, 0x10_FFFF])
            .filter_map(char::from_u32);
        for c in chars {
            for text in [c.to_string(), format!("経費{c}の")] {
                if plainly_normal(text.as_bytes()) {
                    assert_eq!(normalise(&text), text, "U+{:04X}", u32::from(c));
                }
            }
        }
        // And what it is for: the usual text is told at once.
        for text in ["倉庫の建物改修", "事務費", "旅費、交通費。", "abc-1.5"] {
            assert!(plainly_normal(text.as_bytes()), "{text}");
        }
        for text in ["「事務費」", "事務費 ", "ＡＢＣ", "a\u{3000}b", "x\u{A0}"] {
            assert!(!plainly_normal(text.as_bytes()), "{text}");
        }
    }

    #[test]
    fn a_char_set_never_rules_out_a_word_the_text_holds() {
        let texts = [
            "倉庫の建物改修",
            "仕入控除税額分",
            "日本酒",
            "",
            "abc",
            "ＡＢＣ 消耗品",
            "ｼﾞﾑﾋ",
        ];
        let words = [
            "建物",
            "酒",
            "控除",
            "c",
            "",
            "消耗品",
            "ﾑ",
            "土地",
            "賞与",
            "z",
        ];
        let mut ruled_out = 0;
        for text in texts {
            let set = CharSet::of(text);
            for word in words {
                if contains(text, word) {
                    assert!(set.may_hold(word), "{text} {word}");
                } else if !set.may_hold(word) {
                    ruled_out += 1;
                }
            }
        }
        // And it does rule words out (what it is for): most of those absent here.
        assert!(ruled_out > 40, "{ruled_out}");
    }

    #[test]
    fn contains_finds_a_word_wherever_it_is_and_only_there() {
        for (text, word, found) in [
            ("倉庫の建物改修", "建物", true),
            ("建物", "建物", true),
            ("改修建物", "建物", true),
            ("建", "建物", false),
            ("建設物", "建物", false),
            ("仕入控除税額分", "仕入控除", true),
            ("仕入れ控除", "仕入控除", false),
            ("", "酒", false),
            ("日本酒", "酒", true),
            ("abc", "c", true),
            ("abc", "", true),
            ("ab", "abc", false),
        ] {
            assert_eq!(contains(text, word), found, "{text} {word}");
            assert_eq!(contains(text, word), text.contains(word), "{text} {word}");
        }
    }

    fn cat(name: &str, group: Option<&str>, aliases: &[&str]) -> CategorySpec {
        CategorySpec {
            name: name.into(),
            label_en: name.into(),
            group: group.map(Into::into),
            aliases: aliases.iter().map(|a| (*a).into()).collect(),
            subprogrammes: vec!["s".into()],
        }
    }

    #[test]
    fn matches_names_aliases_and_groups() {
        let cats = [
            cat("事務費", None, &["消耗品費"]),
            cat("通関経費", Some("国内経費"), &[]),
            cat("通関経費", Some("国外経費"), &[]),
            cat("代理人経費", Some("国内経費"), &["国内代理人手数料"]),
        ];
        let index = CategoryIndex::new(&cats);
        assert_eq!(
            index.find("s", "「事務費」 ", None),
            CategoryMatch::One(&cats[0])
        );
        assert_eq!(
            index.find("s", "消耗品費", None),
            CategoryMatch::One(&cats[0])
        );
        assert!(
            matches!(index.find("s", "通関経費", None), CategoryMatch::NeedsGroup(v) if v.len() == 2)
        );
        assert_eq!(
            index.find("s", "通関経費", Some("国外経費")),
            CategoryMatch::One(&cats[2])
        );
        assert_eq!(
            index.find("s", "国内代理人手数料", None),
            CategoryMatch::One(&cats[3])
        );
        assert_eq!(index.find("s", "土地購入費", None), CategoryMatch::None);
        assert_eq!(index.find("other", "事務費", None), CategoryMatch::None);
    }
}
