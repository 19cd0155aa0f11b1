//! "Did you mean" suggestions for levels, statuses and flow IDs.

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

/// The flow of `matrix` whose ID is closest to `id` (case folded), if within three edits:
/// the did-you-mean for a mistyped `--flow` or `explain` argument.
pub fn suggest_flow<'m>(matrix: &'m crate::Matrix, id: &str) -> Option<&'m str> {
    let upper = id.to_uppercase();
    matrix
        .flows
        .iter()
        .map(|f| (strsim::levenshtein(&upper, &f.id), f.id.as_str()))
        .filter(|&(d, _)| d <= 3)
        .min_by_key(|&(d, _)| d)
        .map(|(_, best)| best)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mistyped_flow_ids_get_the_nearest_flow() {
        let m = crate::parse("| Flow ID | Level | Status |\n|---|---|---|\n| FLOW-A-001 | L3 | blocked |\n| FLOW-B-002 | L3 | blocked |\n");
        assert_eq!(suggest_flow(&m, "flow-a-01"), Some("FLOW-A-001"));
        assert_eq!(suggest_flow(&m, "SOMETHING-ELSE"), None);
    }

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
