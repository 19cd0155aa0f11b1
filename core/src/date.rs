//! ISO dates, as the register and `today` write them.
//!
//! Hand-written rather than `time`'s format descriptions: the format-description parser
//! and formatter cost about 30 KB in the WebAssembly module, for one fixed format. The
//! grammar is exactly what `time`'s `[year]-[month]-[day]` accepted (without its
//! `large-dates` feature): an optional `+` or `-`, four ASCII digits, `-`, two ASCII
//! digits for the month (`01`–`12`), `-`, two ASCII digits for a day that exists in that
//! month; nothing after it.

use time::{Date, Month};

/// Parses `YYYY-MM-DD` (surrounding whitespace and backticks ignored).
pub fn parse_iso(text: &str) -> Option<Date> {
    let bytes = text.trim().trim_matches('`').as_bytes();
    let (negative, rest) = match bytes {
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, bytes),
    };
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *rest else {
        return None;
    };
    let year = i32::from(digits(&[y0, y1, y2, y3])?);
    let month = Month::try_from(u8::try_from(digits(&[m0, m1])?).ok()?).ok()?;
    let day = u8::try_from(digits(&[d0, d1])?).ok()?;
    Date::from_calendar_date(if negative { -year } else { year }, month, day).ok()
}

/// The value of a run of ASCII digits (at most four here), or `None` for anything else.
fn digits(bytes: &[u8]) -> Option<u16> {
    bytes.iter().try_fold(0u16, |value, &b| {
        b.is_ascii_digit().then(|| value * 10 + u16::from(b - b'0'))
    })
}

/// Formats a date as `YYYY-MM-DD` (a year before 1 as `-YYYY`, as `time` did).
pub fn format_iso(date: Date) -> String {
    let mut out = String::with_capacity(11);
    let year = date.year();
    if year < 0 {
        out.push('-');
    }
    push_padded(&mut out, year.unsigned_abs(), 4);
    out.push('-');
    push_padded(&mut out, u32::from(u8::from(date.month())), 2);
    out.push('-');
    push_padded(&mut out, u32::from(date.day()), 2);
    out
}

/// Appends the last `width` decimal digits of `value`, zero-padded (every value written
/// here fits: years are within ±9999, months and days two digits).
fn push_padded(out: &mut String, value: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = (value / 10u32.pow(place)) % 10;
        out.push(char::from(b'0' + digit as u8));
    }
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

    #[test]
    fn parses_what_the_format_description_parsed() {
        let ymd = |s: &str| parse_iso(s).map(|d| (d.year(), u8::from(d.month()), d.day()));
        assert_eq!(ymd(" `2024-02-29` "), Some((2024, 2, 29)));
        assert_eq!(ymd("0001-01-01"), Some((1, 1, 1)));
        assert_eq!(ymd("0000-12-31"), Some((0, 12, 31)));
        assert_eq!(ymd("9999-12-31"), Some((9999, 12, 31)));
        assert_eq!(ymd("+2026-03-01"), Some((2026, 3, 1)));
        assert_eq!(ymd("-0044-03-15"), Some((-44, 3, 15)));
        for bad in [
            "",
            "2023-02-29",
            "2026-00-10",
            "2026-13-01",
            "2026-01-00",
            "2026-01-32",
            "2026-1-01",
            "2026-01-1",
            "26-01-01",
            "20260-01-01",
            "2026-01-01x",
            "2026-01-01T00:00",
            "2026/01/01",
            "+-2026-01-01",
            "2026-0a-01",
            "２０２６-01-01",
            "2026-01-01 extra",
        ] {
            assert_eq!(ymd(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_with_zero_padding_and_sign() {
        let date = |y, m, d| Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap();
        assert_eq!(format_iso(date(2026, 1, 5)), "2026-01-05");
        assert_eq!(format_iso(date(7, 10, 10)), "0007-10-10");
        assert_eq!(format_iso(date(0, 1, 1)), "0000-01-01");
        assert_eq!(format_iso(date(-44, 3, 15)), "-0044-03-15");
        assert_eq!(format_iso(date(9999, 12, 31)), "9999-12-31");
        for text in ["1970-01-01", "2999-12-31", "-9999-01-01", "0100-02-28"] {
            assert_eq!(format_iso(parse_iso(text).unwrap()), text);
        }
    }
}
