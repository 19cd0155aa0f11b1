//! The options reader ([`Options::from_json`]) against serde's derive on [`Options`]
//! (`serde_json::from_str::<Options>`): on generated options JSON, valid and invalid, both
//! accept exactly the same texts and build the same options.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use flowready::Options;
use proptest::prelude::*;

/// Both readers, compared: the same acceptance and the same value; an error from the
/// reader always names a position inside (or just past) the text.
fn agree(json: &str) -> Result<(), TestCaseError> {
    let serde = serde_json::from_str::<Options>(json);
    let ours = Options::from_json(json);
    match (&serde, &ours) {
        (Ok(a), Ok(b)) => prop_assert_eq!(a, b, "{}", json),
        (Err(_), Err(e)) => {
            let lines = json.split('\n').count();
            prop_assert!(e.line() >= 1 && e.line() as usize <= lines, "{json}: {e}");
            prop_assert!(e.column() >= 1, "{json}: {e}");
            prop_assert!(!e.message().is_empty() && !e.message().ends_with('.'));
        }
        _ => prop_assert!(
            false,
            "{json}: serde {:?}, reader {:?}",
            serde.map_err(|e| e.to_string()),
            ours.map_err(|e| e.to_string())
        ),
    }
    Ok(())
}

/// Keys: the real ones, near misses, and escaped spellings of real ones.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "today", "min_level", "strict", "expiry_warning_days", "scope", "flows",
        ])
        .prop_map(|k| format!("\"{k}\"")),
        1 => prop::sample::select(vec![
            "\"todya\"", "\"minLevel\"", "\"Today\"", "\"\"", "\"to\\u0064ay\"", "\"flows \"",
            "\"sc\\u006Fpe\"", "\"x\"", "1", "null", "\"strict\\u0000\"",
        ])
        .prop_map(str::to_owned),
    ]
}

/// String values: dates (valid, invalid, out of range, padded), levels, priorities,
/// escapes (paired and lone surrogates), control characters.
fn string_value() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "\"2026-11-28\"",
        "\"2026-02-29\"",
        "\"2028-02-29\"",
        "\"2026-13-01\"",
        "\"1969-12-31\"",
        "\"1970-01-01\"",
        "\"2999-12-31\"",
        "\"3000-01-01\"",
        "\"-2026-01-01\"",
        "\"+2026-01-01\"",
        "\" 2026-11-28 \"",
        "\"`2026-11-28`\"",
        "\"2026-11-28T00:00\"",
        "\"20261128\"",
        "\"L0\"",
        "\"L3\"",
        "\"L5\"",
        "\"l3\"",
        "\"L6\"",
        "\" L3\"",
        "\"\\u004c3\"",
        "\"P0\"",
        "\"p1\"",
        "\" P2 \"",
        "\"P10\"",
        "\"P100\"",
        "\"P\"",
        "\"high\"",
        "\"FLOW-A-001\"",
        "\"\"",
        "\"a\\\"b\"",
        "\"\\ud83d\\ude00\"",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"\\ud800\\u0041\"",
        "\"\\q\"",
        "\"\\u12\"",
        "\"tab\tin\"",
        "\"\\/\\b\\f\\n\\r\\t\"",
        "\"é\"",
        "\"unterminated",
        "\"\u{1f}\"",
        "\"FLOW\nA\"",
        "\"\u{7f}\"",
    ])
    .prop_map(str::to_owned)
}

/// Any value a key might be given.
fn value() -> impl Strategy<Value = String> {
    let scalar = prop::sample::select(vec![
        "null",
        "true",
        "false",
        "0",
        "14",
        "30",
        "4294967295",
        "4294967296",
        "99999999999999999999999",
        "-1",
        "-0",
        "1.5",
        "14.0",
        "1e3",
        "1E+2",
        "01",
        "-",
        "1.",
        "1e",
        ".5",
        "nul",
        "tru",
        "nullx",
        "{}",
        "{\"L3\":null}",
        "{ \"L4\" : null }",
        "{\"L3\":1}",
        "{\"l3\":null}",
        "{\"L3\":null,\"L4\":null}",
        "{\"L3\"}",
        "{1:null}",
        "[]",
        "[\"FLOW-A-001\"]",
        "[\"A\",\"B\"]",
        "[1]",
        "[null]",
        "[\"A\",]",
        "[[]]",
        "[\"A\" \"B\"]",
        "{\"a\":1}",
    ])
    .prop_map(str::to_owned);
    let strings = prop::collection::vec(string_value(), 0..3)
        .prop_map(|items| format!("[{}]", items.join(",")));
    prop_oneof![2 => scalar, 2 => string_value(), 1 => strings]
}

/// JSON whitespace, sometimes none, sometimes not JSON whitespace.
fn space() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", "", "", " ", "\n", "\t", " \r\n ", "\u{a0}"])
}

/// Options JSON as an object (keys may repeat), in serde's array form, or a scalar.
fn options_json() -> impl Strategy<Value = String> {
    let entry = (key(), value(), space(), space())
        .prop_map(|(k, v, s1, s2)| format!("{s1}{k}{s2}:{s1}{v}{s2}"));
    let object = (prop::collection::vec(entry, 0..5), space(), any::<bool>()).prop_map(
        |(entries, s, trailing_comma)| {
            let comma = if trailing_comma && !entries.is_empty() {
                ","
            } else {
                ""
            };
            format!("{s}{{{}{comma}}}{s}", entries.join(","))
        },
    );
    let array = (prop::collection::vec(value(), 0..8), space())
        .prop_map(|(items, s)| format!("{s}[{}]", items.join(&format!(",{s}"))));
    prop_oneof![6 => object, 2 => array, 1 => value()]
}

/// Values that suit key `k` (0 = `today` … 5 = `flows`), and one that does not.
fn suited(k: usize) -> &'static [&'static str] {
    match k {
        0 => &["\"2026-11-28\"", "null", "\" 1970-01-01\""],
        1 => &["\"L3\"", "null", "{\"L2\":null}", "\"L5\""],
        2 => &["true", "false"],
        3 => &["0", "14", "4294967295", "4294967296"],
        4 => &["\"P0\"", "null", "\" p1\""],
        _ => &["[]", "[\"A\"]", "[\"A\",\"\\u00e9\"]"],
    }
}

/// Options JSON whose values suit their keys, so that most texts are accepted and what
/// decides is the object itself (repeated keys, the array form's length, whitespace).
fn mostly_valid_json() -> impl Strategy<Value = String> {
    // The keys as the reader lists them; serde's derive, the oracle below, has its own.
    const KEYS: [&str; 6] = flowready::options::KEYS;
    let entry = (0..6usize, any::<prop::sample::Index>(), space())
        .prop_map(|(k, pick, s)| format!("{s}\"{}\"{s}:{s}{}", KEYS[k], pick.get(suited(k))));
    let object = prop::collection::vec(entry, 0..7).prop_map(|e| format!("{{{}}}", e.join(",")));
    let array = prop::collection::vec(any::<prop::sample::Index>(), 0..8).prop_map(|picks| {
        let items: Vec<&str> = picks
            .iter()
            .enumerate()
            .map(|(i, p)| *p.get(suited(i)))
            .collect();
        format!("[{}]", items.join(","))
    });
    prop_oneof![3 => object, 1 => array]
}

/// Small edits (insert, delete, replace) with JSON's structural characters, to reach the
/// syntax errors.
fn mutated() -> impl Strategy<Value = String> {
    let edit = (
        any::<prop::sample::Index>(),
        0..3u8,
        prop::sample::select(vec![
            '{', '}', '[', ']', ',', ':', '"', '\\', ' ', '0', '-', '.', 'e', 'n', 'x', '\u{1}',
        ]),
    );
    (options_json(), prop::collection::vec(edit, 1..3)).prop_map(|(json, edits)| {
        let mut chars: Vec<char> = json.chars().collect();
        for (at, kind, c) in edits {
            let i = at.index(chars.len() + 1);
            match kind {
                0 => chars.insert(i, c),
                1 if i < chars.len() => {
                    chars.remove(i);
                }
                _ if i < chars.len() => chars[i] = c,
                _ => chars.push(c),
            }
        }
        chars.into_iter().collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn generated_options_are_read_as_serde_reads_them(json in options_json()) {
        agree(&json)?;
    }

    #[test]
    fn mostly_valid_options_are_read_as_serde_reads_them(json in mostly_valid_json()) {
        agree(&json)?;
    }

    #[test]
    fn edited_options_are_read_as_serde_reads_them(json in mutated()) {
        agree(&json)?;
    }

    #[test]
    fn arbitrary_text_is_read_as_serde_reads_it(json in "[\\[\\]{}\",:0-9a-zLP_\\\\ \\n.-]{0,24}") {
        agree(&json)?;
    }
}

/// Hand-picked cases, including every one the lean WebAssembly module's old reader
/// knew it differed on (duplicate keys, `14.0`, the map form of a level).
#[test]
fn hand_picked_cases_agree() {
    let cases = [
        "{}",
        "[]",
        "{\"today\":\"2026-11-28\",\"today\":null}",
        "{\"expiry_warning_days\":14.0}",
        "{\"min_level\":{\"L3\":null}}",
        "[\"2026-11-28\",\"L4\",true,3,\"P1\",[\"FLOW-A-001\"]]",
        "[null,null,false,14,null,[],1]",
        "[null,null,false,14,null,[],]",
        "{\"flows\":[\"a\",\"b\"]}",
        "{\"expiry_warning_days\":4294967295}",
        "{\"expiry_warning_days\":4294967296}",
        "{\"expiry_warning_days\":-0}",
        "{\"scope\":\" p9 \"}",
        "{\"today\":\"\\u0032026-11-28\"}",
        " {\"strict\" : true } ",
        "{\"strict\":true} x",
        "{\"strict\":true}}",
        "\u{feff}{}",
        "{\"x\":}",
        "{\"flows\":[\"\\ud83d\\ude00\"]}",
        "{\"flows\":[\"\\ud83d\"]}",
        "{\"flows\":[\"\u{1}\"]}",
    ];
    for json in cases {
        agree(json).unwrap();
    }
}
