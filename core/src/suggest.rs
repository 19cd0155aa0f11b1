//! "Did you mean" suggestions for levels, statuses, subpaths and flow IDs.

use crate::vocab::{Level, Status, Subpath};

/// Text longer than this many bytes gets no suggestion: no status, level or flow ID is
/// that long, and edit distances grow with the product of the lengths.
pub const MAX_SUGGEST_LEN: usize = 128;

/// The most edits a flow-ID suggestion may be away.
const MAX_FLOW_EDITS: usize = 3;

/// The status closest to `text`, if one is close enough to be a likely typo.
pub fn suggest_status(text: &str) -> Option<&'static str> {
    if text.len() > MAX_SUGGEST_LEN {
        return None;
    }
    let normalized: String = crate::fold::lower(text.trim())
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    closest(&normalized, Status::ALL.iter().map(|s| s.as_str()), 0.6)
}

/// The subpath closest to `text` (case folded, a leading `@` ignored), if one is close
/// enough to be a likely typo: `negatve` → `negative`.
pub fn suggest_subpath(text: &str) -> Option<&'static str> {
    if text.len() > MAX_SUGGEST_LEN {
        return None;
    }
    let folded = crate::fold::lower(text.trim().trim_start_matches('@'));
    closest(&folded, Subpath::ALL.iter().map(|s| s.as_str()), 0.5)
}

/// The word of `vocabulary` most like `text` by normalised Damerau–Levenshtein
/// similarity, if it reaches `min_score`.
fn closest(
    text: &str,
    vocabulary: impl Iterator<Item = &'static str>,
    min_score: f64,
) -> Option<&'static str> {
    vocabulary
        .map(|word| (word, strsim::normalized_damerau_levenshtein(text, word)))
        .filter(|&(_, score)| score >= min_score)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(word, _)| word)
}

/// The level `text` most likely means (`l3`, `3`, `Level 3`, `L03`).
pub fn suggest_level(text: &str) -> Option<&'static str> {
    if text.len() > MAX_SUGGEST_LEN {
        return None;
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let n: usize = digits.parse().ok()?;
    Level::ALL.get(n).map(|l| l.as_str())
}

/// The flow of `matrix` whose ID is closest to `id` (case folded), if within three edits:
/// the did-you-mean for a mistyped `--flow` or `explain` argument.
///
/// Bounded: an `id` over [`MAX_SUGGEST_LEN`] bytes gets no suggestion, and a distance is
/// computed only for flow IDs whose length is within three of `id`'s, so a 100 KB
/// argument against a 1 MB flow ID costs nothing.
pub fn suggest_flow<'m>(matrix: &'m crate::Matrix, id: &str) -> Option<&'m str> {
    suggest_id(matrix.flows.iter().map(|f| f.id.as_str()), id)
}

/// The ID among `ids` closest to `id` (case folded), if within three edits: the rule of
/// [`suggest_flow`], for callers that hold IDs rather than a matrix (a report's flows).
/// Bounded: IDs over [`MAX_SUGGEST_LEN`] bytes get no suggestion, and only candidates
/// within three characters of its length are measured.
pub fn suggest_id<'a>(ids: impl IntoIterator<Item = &'a str>, id: &str) -> Option<&'a str> {
    if id.len() > MAX_SUGGEST_LEN {
        return None;
    }
    let upper = id.to_uppercase();
    let len = upper.chars().count();
    ids.into_iter()
        .filter(|c| {
            c.len() <= MAX_SUGGEST_LEN * 4 && c.chars().count().abs_diff(len) <= MAX_FLOW_EDITS
        })
        .map(|c| (strsim::levenshtein(&upper, c), c))
        .filter(|&(d, _)| d <= MAX_FLOW_EDITS)
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
        let long = format!("FLOW-A-001{}", "X".repeat(100_000));
        assert_eq!(suggest_flow(&m, &long), None);
        let text = format!(
            "| Flow ID | Level | Status |\n|---|---|---|\n| FLOW-{}-001 | L3 | blocked |\n",
            "A".repeat(1_000_000)
        );
        let huge = crate::parse(&text);
        assert_eq!(suggest_flow(&huge, "FLOW-A-001"), None);
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
