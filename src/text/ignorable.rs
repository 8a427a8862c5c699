//! Unicode's `Default_Ignorable_Code_Point` property (DerivedCoreProperties.txt): characters
//! that show nothing and that a program not supporting them must not show either: the soft
//! hyphen, joiners, bidi controls, variation selectors, Hangul fillers, TAG characters…
//! The table is checked against the Unicode data regex-syntax ships in a test, which prints
//! the table to paste when a new Unicode version changes it.

use std::cmp::Ordering;

/// Inclusive ranges of code points, sorted.
const DEFAULT_IGNORABLE: &[(u32, u32)] = &[
    (0x00ad, 0x00ad),
    (0x034f, 0x034f),
    (0x061c, 0x061c),
    (0x115f, 0x1160),
    (0x17b4, 0x17b5),
    (0x180b, 0x180f),
    (0x200b, 0x200f),
    (0x202a, 0x202e),
    (0x2060, 0x206f),
    (0x3164, 0x3164),
    (0xfe00, 0xfe0f),
    (0xfeff, 0xfeff),
    (0xffa0, 0xffa0),
    (0xfff0, 0xfff8),
    (0x1bca0, 0x1bca3),
    (0x1d173, 0x1d17a),
    (0xe0000, 0xe0fff),
];

pub fn is_default_ignorable(c: char) -> bool {
    let c = c as u32;
    DEFAULT_IGNORABLE
        .binary_search_by(|&(start, end)| {
            if end < c {
                Ordering::Less
            } else if start > c {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        })
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_syntax::hir::{Class, HirKind};

    /// The property as the Unicode data in regex-syntax has it.
    fn from_unicode_data() -> Vec<(u32, u32)> {
        let hir = regex_syntax::Parser::new().parse(r"\p{Default_Ignorable_Code_Point}").unwrap();
        let HirKind::Class(Class::Unicode(class)) = hir.kind() else { panic!("not a class: {hir:?}") };
        class.ranges().iter().map(|range| (range.start() as u32, range.end() as u32)).collect()
    }

    #[test]
    fn the_table_is_the_unicode_property() {
        let expected = from_unicode_data();
        let listed: String =
            expected.iter().map(|(start, end)| format!("    ({start:#06x}, {end:#06x}),\n")).collect();
        assert_eq!(DEFAULT_IGNORABLE, expected.as_slice(), "the table for this Unicode version:\n{listed}");
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let inside = expected.iter().any(|&(start, end)| (start..=end).contains(&(c as u32)));
            assert_eq!(is_default_ignorable(c), inside, "{:#x}", c as u32);
        }
    }
}
