//! Case folding for comparisons with ASCII text, without Unicode's case tables.
//!
//! The core lowercases text only to compare it with ASCII words (column names, the
//! `Broad UAT Decision` heading, decision lead-ins, status names). `str::to_lowercase`
//! would pull the whole Unicode lowercase table (about 12 KB, plus its code) into the
//! WebAssembly module for that. [`lower`] gives the same answer to every such comparison:
//! it lowercases ASCII, and the only two non-ASCII characters whose Unicode lowercase
//! contains ASCII (`K` KELVIN SIGN → `k`, `İ` → `i` + U+0307) as Unicode does; every other
//! character stays as it is, where Unicode would map it to one other non-ASCII character.
//! So ASCII characters, and the number of characters, are exactly those of
//! `to_lowercase`, which the tests check over every `char`.

/// `text` lowercased for comparison with ASCII text: see the [module docs](self).
pub fn lower(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_lower(&mut out, c);
    }
    out
}

/// Appends `c` lowercased for comparison with ASCII text (see [`lower`]).
pub fn push_lower(out: &mut String, c: char) {
    match c {
        '\u{212A}' => out.push('k'),
        '\u{130}' => out.push_str("i\u{307}"),
        c => out.push(c.to_ascii_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The premise of the module, over every `char`: where `to_lowercase` yields any ASCII
    /// or more than one character, `lower` yields the same; elsewhere both yield exactly
    /// one non-ASCII character.
    #[test]
    fn agrees_with_unicode_lowercase_on_ascii_and_length() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let unicode: String = c.to_lowercase().collect();
            let ours = lower(c.encode_utf8(&mut [0; 4]));
            if c.is_ascii() || unicode.chars().count() != 1 || unicode.chars().any(|u| u.is_ascii())
            {
                assert_eq!(ours, unicode, "U+{:04X}", u32::from(c));
            } else {
                assert_eq!(ours.chars().count(), 1, "U+{:04X}", u32::from(c));
                assert!(!ours.is_ascii(), "U+{:04X}", u32::from(c));
            }
        }
    }

    #[test]
    fn lowercases_ascii_and_keeps_the_rest() {
        assert_eq!(lower("Broad UAT Decision"), "broad uat decision");
        assert_eq!(lower("BLOC\u{212A}ED"), "blocked");
        assert_eq!(lower("Été"), "Été");
    }
}
