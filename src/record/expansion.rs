//! A record's size as its reader sees it: every alias (`*name`) counted as the text of the
//! node its anchor (`&name`) marks. Parsing stops the moment the record stands for more than
//! 2 MiB, or its aliases repeat more than 256 KiB (real records repeat a name or a list of a
//! few hundred bytes; 50 aliases of a 20 KB text made a 32 KB record lay out for half a
//! minute), so a small file that stands for megabytes or gigabytes (one anchored text, many
//! aliases, or aliases of aliases) is refused in the time it takes to read it, naming the
//! alias.

use std::collections::HashMap;

use granit_parser::{Event, Parser};

/// The most text a record's aliases may repeat, together.
pub const MAX_ALIASED_BYTES: usize = 256 * 1024;

/// The alias that took the record past the limit, and where it is (1-based line, column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amplified {
    /// The alias's name, without `*`.
    pub alias: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The limit it passed, in bytes.
    pub limit: usize,
}

/// The first alias at which `text` stands for more than `limit` bytes (the limit on a
/// record's file) or its aliases pass [`MAX_ALIASED_BYTES`].
pub fn check(text: &str, limit: usize) -> Option<Amplified> {
    first_past(text, limit, MAX_ALIASED_BYTES)
}

/// The first alias at which `text` stands for more than `limit` bytes, or its aliases for
/// more than `aliased_limit`, if any. Syntax errors are left to the deserialiser, which
/// reports them with their own message.
pub fn first_past(text: &str, limit: usize, aliased_limit: usize) -> Option<Amplified> {
    let mut sizes: HashMap<usize, usize> = HashMap::new();
    // The collections being read: their anchor (0: none) and the bytes they hold so far.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let (mut total, mut aliased) = (0usize, 0usize);
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else { return None };
        let bytes = match event {
            Event::Scalar(value, _, anchor, _) => {
                let bytes = value.len() + 1;
                if anchor > 0 {
                    sizes.insert(anchor, bytes);
                }
                bytes
            }
            Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _) => {
                open.push((anchor, 1));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some((anchor, bytes)) = open.pop() else { continue };
                if anchor > 0 {
                    sizes.insert(anchor, bytes);
                }
                if let Some(parent) = open.last_mut() {
                    parent.1 = parent.1.saturating_add(bytes);
                }
                continue;
            }
            Event::Alias(id) => {
                let bytes = sizes.get(&id).copied().unwrap_or(0).saturating_add(1);
                aliased = aliased.saturating_add(bytes);
                let passed = if total.saturating_add(bytes) > limit {
                    Some(limit)
                } else {
                    (aliased > aliased_limit).then_some(aliased_limit)
                };
                if let Some(limit) = passed {
                    return Some(Amplified {
                        alias: alias_at(text, span.start.line(), span.start.col()),
                        line: span.start.line(),
                        column: span.start.col() + 1,
                        limit,
                    });
                }
                bytes
            }
            _ => continue,
        };
        total = total.saturating_add(bytes);
        if let Some(parent) = open.last_mut() {
            parent.1 = parent.1.saturating_add(bytes);
        }
    }
    None
}

/// The name of the alias written at 1-based `line`, 0-based character `column`.
fn alias_at(text: &str, line: usize, column: usize) -> String {
    let at = text.lines().nth(line.saturating_sub(1)).unwrap_or_default();
    at.chars()
        .skip(column)
        .skip_while(|c| *c == '*')
        .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | '[' | ']' | '{' | '}'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_text_aliased_many_times_is_stopped_at_the_alias_that_passes() {
        let mut text = format!("noi_dung: &dai \"{}\"\nlap:\n", "x".repeat(1000));
        for _ in 0..10 {
            text.push_str("  - *dai\n");
        }
        assert_eq!(first_past(&text, 1_000_000, 1_000_000), None);
        let past = first_past(&text, 5_000, 1_000_000).unwrap();
        assert_eq!(past.alias, "dai");
        assert_eq!(
            (past.line, past.column, past.limit),
            (6, 5, 5_000),
            "the fourth alias passes 5 000 bytes"
        );
        let past = first_past(&text, 1_000_000, 2_500).unwrap();
        assert_eq!(
            (past.line, past.limit),
            (5, 2_500),
            "the third alias repeats 3 006 bytes"
        );
    }

    #[test]
    fn aliases_of_aliases_multiply() {
        let mut text = String::from("a: &a [\"xxxxxxxxxx\", \"xxxxxxxxxx\"]\n");
        let mut previous = "a".to_string();
        for level in 0..20 {
            let name = format!("l{level}");
            text.push_str(&format!("{name}: &{name} [*{previous}, *{previous}]\n"));
            previous = name;
        }
        let past = first_past(&text, 2 << 20, usize::MAX).unwrap();
        assert_eq!(past.limit, 2 << 20);
        assert!(past.alias.starts_with('l'), "{past:?}");
    }

    #[test]
    fn an_ordinary_record_is_far_below() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/samples/xuan-truong-2024.yaml")).unwrap();
        assert_eq!(check(&text, 2 << 20), None);
    }
}
