//! ISO dates, as the register and `today` write them.

use time::macros::format_description;
use time::Date;

/// Parses `YYYY-MM-DD` (surrounding whitespace and backticks ignored).
pub fn parse_iso(text: &str) -> Option<Date> {
    let format = format_description!("[year]-[month]-[day]");
    Date::parse(text.trim().trim_matches('`'), &format).ok()
}

/// Formats a date as `YYYY-MM-DD`.
pub fn format_iso(date: Date) -> String {
    let format = format_description!("[year]-[month]-[day]");
    date.format(&format).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_round_trip() {
        let d = parse_iso("2026-02-28").unwrap();
        assert_eq!(format_iso(d), "2026-02-28");
        assert!(parse_iso("2026-02-30").is_none());
        assert!(parse_iso("next week").is_none());
    }
}
