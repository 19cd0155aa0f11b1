//! "Did you mean" suggestions for levels and statuses.

use crate::vocab::{Level, Status};

/// The status closest to `text`, if one is close enough to be a likely typo.
pub fn suggest_status(text: &str) -> Option<&'static str> {
    let normalized: String = text
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    Status::ALL
        .iter()
        .map(|s| {
            (
                s.as_str(),
                strsim::normalized_damerau_levenshtein(&normalized, s.as_str()),
            )
        })
        .filter(|&(_, score)| score >= 0.6)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(s, _)| s)
}

/// The level `text` most likely means (`l3`, `3`, `Level 3`, `L03`).
pub fn suggest_level(text: &str) -> Option<&'static str> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let n: usize = digits.parse().ok()?;
    Level::ALL.get(n).map(|l| l.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_get_suggestions() {
        assert_eq!(
            suggest_status("ready_for_broad_UAT"),
            Some("ready_for_broad_uat")
        );
        assert_eq!(suggest_status("accepted-gap"), Some("accepted_gap"));
        assert_eq!(suggest_status("needs_fixtures"), Some("needs_fixture"));
        assert_eq!(suggest_status("shipped"), None);
        assert_eq!(suggest_level("Level 3"), Some("L3"));
        assert_eq!(suggest_level("L9"), None);
    }
}
