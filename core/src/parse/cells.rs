//! Reading cell values: lists, blanks, task IDs and flow IDs.

/// True for a cell that says nothing: empty, `none`, `n/a`, `na`, `-` or `—`.
pub fn is_blank(text: &str) -> bool {
    let t = text.trim();
    // No blank word is longer than four bytes: most cells are ruled out by length.
    t.is_empty()
        || t.len() <= 4
            && ["none", "n/a", "na", "-", "—", "–"]
                .iter()
                .any(|b| t.eq_ignore_ascii_case(b))
}

/// Splits a list cell on `;` or `,` into trimmed, non-empty items, each with its byte
/// range in `text`. A blank cell (`none`) is the empty list.
pub fn split_list(text: &str) -> Vec<(usize, usize)> {
    list_items(text).collect()
}

/// [`split_list`] as an iterator, without collecting the ranges.
pub fn list_items(text: &str) -> ListItems<'_> {
    ListItems {
        text,
        // A blank cell is the empty list: start past the end.
        pos: if is_blank(text) { None } else { Some(0) },
    }
}

/// The item ranges of a list cell: what [`list_items`] returns.
#[derive(Debug, Clone)]
pub struct ListItems<'a> {
    text: &'a str,
    /// Where the next item starts; `None` once the last one was read.
    pos: Option<usize>,
}

impl Iterator for ListItems<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        loop {
            let from = self.pos?;
            let rest = self.text.get(from..).unwrap_or("");
            // The separators are ASCII, so they are found as bytes.
            let end = match memchr::memchr2(b';', b',', rest.as_bytes()) {
                Some(i) => {
                    self.pos = Some(from + i + 1);
                    from + i
                }
                None => {
                    self.pos = None;
                    self.text.len()
                }
            };
            let raw = self.text.get(from..end).unwrap_or("");
            let lead = raw.len() - raw.trim_start().len();
            let trimmed = raw.trim();
            if !trimmed.is_empty() && !is_blank(trimmed) {
                return Some((from + lead, from + lead + trimmed.len()));
            }
        }
    }
}

/// The list items of `text` as owned strings.
pub fn list_values(text: &str) -> Vec<String> {
    list_items(text)
        .filter_map(|(s, e)| text.get(s..e).map(str::to_owned))
        .collect()
}

/// True for an identifier shaped like `WORD-WORD-001`: ASCII upper-case letters, digits,
/// `_` and single `-` separators, starting with a letter, with at least one `-`.
pub fn is_task_like_id(s: &str) -> bool {
    // One pass over the bytes: every allowed character is ASCII.
    let bytes = s.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_uppercase) || bytes.last() == Some(&b'-') {
        return false;
    }
    let mut dash = false;
    let mut after_dash = false;
    for &b in bytes {
        if b == b'-' {
            if after_dash {
                return false;
            }
            dash = true;
            after_dash = true;
        } else if b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_' {
            after_dash = false;
        } else {
            return false;
        }
    }
    dash
}

/// True for a flow ID: a task-like ID (`FLOW-AUTH-SESSION-001`).
pub fn is_flow_id(s: &str) -> bool {
    is_task_like_id(s)
}

/// One item of a `Gap Task` cell, read as `ID` or `ID closed`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskItem<'a> {
    /// The task ID (first word).
    pub id: &'a str,
    /// True when the item ends with the word `closed`.
    pub closed: bool,
    /// True when the item has other words than `ID [closed]`, or the ID is not task-shaped.
    pub malformed: bool,
}

/// Reads one gap-task list item.
pub fn read_task(item: &str) -> TaskItem<'_> {
    let mut words = item.split_whitespace();
    let id = words.next().unwrap_or("");
    let second = words.next();
    let closed = second.is_some_and(|w| w.eq_ignore_ascii_case("closed")) && words.next().is_none();
    let malformed = !is_task_like_id(id) || !(second.is_none() || closed);
    TaskItem {
        id,
        closed,
        malformed,
    }
}

/// The start of every non-overlapping occurrence of `needle` in `hay`, leftmost first:
/// what `str::match_indices` finds for a non-empty needle, without building a searcher
/// (cells and their items are short; that construction was the cost). Needles longer than
/// 64 bytes go to memmem, so a hostile cell cannot make this hay × needle.
pub fn occurrences<'h>(hay: &'h [u8], needle: &'h [u8]) -> impl Iterator<Item = usize> + 'h {
    let finder = (needle.len() > 64).then(|| memchr::memmem::Finder::new(needle).into_owned());
    let mut at = 0;
    std::iter::from_fn(move || {
        let first = *needle.first()?;
        if at > hay.len() {
            return None;
        }
        let found = match &finder {
            Some(f) => f.find(hay.get(at..)?).map(|off| at + off),
            None => loop {
                let off = memchr::memchr(first, hay.get(at..)?)?;
                let i = at + off;
                if hay.get(i..).is_some_and(|rest| rest.starts_with(needle)) {
                    break Some(i);
                }
                at = i + 1;
            },
        }?;
        at = found + needle.len();
        Some(found)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_split_on_semicolons_and_commas() {
        let t = "a.spec.ts, b ;c";
        let items: Vec<&str> = split_list(t).iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(items, ["a.spec.ts", "b", "c"]);
        assert!(split_list("none").is_empty());
        assert!(split_list("  ").is_empty());
    }

    /// The list reading as a chain of iterator adapters: split at every `;` or `,`, trim,
    /// drop blanks; a blank cell is empty.
    fn reference_items(text: &str) -> Vec<(usize, usize)> {
        if is_blank(text) {
            return Vec::new();
        }
        let mut start = 0;
        text.match_indices([';', ','])
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .filter_map(|i| {
                let from = start;
                start = i + 1;
                let raw = &text[from..i];
                let lead = raw.len() - raw.trim_start().len();
                let trimmed = raw.trim();
                (!trimmed.is_empty() && !is_blank(trimmed))
                    .then_some((from + lead, from + lead + trimmed.len()))
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn list_items_read_what_splitting_and_trimming_reads(
            text in "[a-zA-Z ;,\\t\u{a0}\u{2014}-]{0,24}|(none|n/a|-|[A-Z]+-[0-9]+)([;,] ?(none|n/a|-|[A-Z]+-[0-9]+| )){0,4}"
        ) {
            proptest::prop_assert_eq!(split_list(&text), reference_items(&text));
            let list = crate::model::List::of(&text);
            let items: Vec<&str> = list.iter().collect();
            proptest::prop_assert_eq!(items.len(), list.len());
            proptest::prop_assert_eq!(list.is_empty(), items.is_empty());
            let respaced = text.replace(',', " ; ");
            proptest::prop_assert_eq!(list, crate::model::List::of(&respaced));
        }
    }

    #[test]
    fn tasks_read_closed_and_malformed() {
        assert_eq!(
            read_task("PSSM-X-001 closed"),
            TaskItem {
                id: "PSSM-X-001",
                closed: true,
                malformed: false
            }
        );
        assert!(!read_task("PSSM-X-001").closed);
        assert!(read_task("PSSM-X-001 done").malformed);
        assert!(read_task("tbd").malformed);
    }

    #[test]
    fn flow_ids_have_a_shape() {
        assert!(is_flow_id("FLOW-AUTH-SESSION-001"));
        assert!(!is_flow_id("flow-auth"));
        assert!(!is_flow_id("FLOW"));
        assert!(!is_flow_id("FLOW--X"));
        assert!(!is_flow_id(""));
    }

    #[test]
    fn occurrences_are_what_match_indices_finds() {
        let long = "ab".repeat(40);
        let hays = [
            "",
            "a",
            "aaaa",
            "abab a ab",
            "`T-1` closed; T-1; xT-1",
            "çaça",
        ];
        let needles = ["a", "aa", "ab", "T-1", "ça", "zz", long.as_str()];
        for hay in hays.iter().copied().chain([long.repeat(3).as_str(), "xab"]) {
            for needle in needles {
                let want: Vec<usize> = hay.match_indices(needle).map(|(i, _)| i).collect();
                let got: Vec<usize> = occurrences(hay.as_bytes(), needle.as_bytes()).collect();
                assert_eq!(got, want, "{needle:?} in {hay:?}");
            }
        }
        assert_eq!(occurrences(b"abc", b"").count(), 0);
    }
}
