//! A record's YAML as a tree of nodes with their places in the text, so that an edit can
//! replace exactly the part that changed and leave the rest (comments included) as it was,
//! and a message at a line can be shown beside the field it concerns.

use granit_parser::{Event, Parser, ScalarStyle, Span};

/// A node of the YAML text and where it is.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A scalar: its value, and whether it is written as a block (`|`, `>`).
    Scalar {
        /// The value.
        value: String,
        /// Byte range of its text.
        range: (usize, usize),
        /// Written as a block scalar.
        block: bool,
        /// 1-based line and 0-based column where it starts.
        at: (usize, usize),
    },
    /// A sequence and its items.
    Seq {
        /// The items.
        items: Vec<Node>,
        /// Written in flow style (`[a, b]`).
        flow: bool,
        /// Where it starts.
        at: (usize, usize),
    },
    /// A mapping: each key (a scalar) and its value.
    Map {
        /// Keys and values, in the text's order.
        entries: Vec<(Node, Node)>,
        /// Written in flow style (`{a: b}`).
        flow: bool,
        /// Where it starts.
        at: (usize, usize),
    },
}

impl Node {
    /// The byte where its text starts.
    pub fn start(&self) -> usize {
        match self {
            Node::Scalar { range, .. } => range.0,
            Node::Seq { items, .. } => items.first().map_or(usize::MAX, Node::start),
            Node::Map { entries, .. } => entries.first().map_or(usize::MAX, |(k, _)| k.start()),
        }
    }

    /// The byte after its last scalar's text (an empty collection: `0`).
    pub fn end(&self) -> usize {
        match self {
            Node::Scalar { range, .. } => range.1,
            Node::Seq { items, .. } => items.iter().map(Node::end).max().unwrap_or(0),
            Node::Map { entries, .. } => entries.iter().map(|(_, v)| v.end()).max().unwrap_or(0),
        }
    }

    /// 1-based line and 0-based column where it starts.
    pub fn at(&self) -> (usize, usize) {
        match self {
            Node::Scalar { at, .. } | Node::Seq { at, .. } | Node::Map { at, .. } => *at,
        }
    }

    /// The value of key `name`, in a mapping.
    pub fn get(&self, name: &str) -> Option<&(Node, Node)> {
        match self {
            Node::Map { entries, .. } => entries
                .iter()
                .find(|(k, _)| matches!(k, Node::Scalar { value, .. } if value == name)),
            _ => None,
        }
    }
}

/// The tree of `text`'s first document; `None` when it does not parse (or holds aliases,
/// which an edit would expand: the caller then writes the whole record anew).
pub fn parse(text: &str) -> Option<Node> {
    let mut events = Parser::new_from_str(text).map(|item| item.ok());
    loop {
        match events.next()?? {
            (Event::DocumentStart(..), _) => break,
            (Event::StreamEnd, _) => return None,
            _ => {}
        }
    }
    let first = events.next()??;
    node(text, first, &mut events)
}

type Events<'a> = dyn Iterator<Item = Option<(Event<'a>, Span)>> + 'a;

fn node<'a>(text: &str, (event, span): (Event<'a>, Span), events: &mut Events<'a>) -> Option<Node> {
    let at = (span.start.line(), span.start.col());
    match event {
        Event::Scalar(value, style, _, _) => {
            let start = byte(text, &span.start);
            let end = byte(text, &span.end);
            Some(Node::Scalar {
                value: value.into_owned(),
                range: (start, end),
                block: matches!(style, ScalarStyle::Literal | ScalarStyle::Folded),
                at,
            })
        }
        Event::SequenceStart(style, _, _) => {
            let mut items = Vec::new();
            loop {
                let next = events.next()??;
                if matches!(next.0, Event::SequenceEnd) {
                    break;
                }
                items.push(node(text, next, events)?);
            }
            Some(Node::Seq {
                items,
                flow: style_is_flow(format!("{style:?}")),
                at,
            })
        }
        Event::MappingStart(style, _, _) => {
            let mut entries = Vec::new();
            loop {
                let next = events.next()??;
                if matches!(next.0, Event::MappingEnd) {
                    break;
                }
                let key = node(text, next, events)?;
                let value = node(text, events.next()??, events)?;
                entries.push((key, value));
            }
            Some(Node::Map {
                entries,
                flow: style_is_flow(format!("{style:?}")),
                at,
            })
        }
        _ => None,
    }
}

fn style_is_flow(debug: String) -> bool {
    debug.contains("Flow")
}

/// A marker's byte offset in `text`.
fn byte(text: &str, marker: &granit_parser::Marker) -> usize {
    marker
        .byte_offset()
        .unwrap_or_else(|| text.char_indices().nth(marker.index()).map_or(text.len(), |(i, _)| i))
}

/// The JSON pointer (`/conclusions/tasks/2/due`) of the deepest node at `line` (1-based), or
/// of the entry whose key is on that line.
pub fn pointer_at(root: &Node, line: usize) -> String {
    let mut path = String::new();
    let mut node = root;
    'down: loop {
        match node {
            Node::Map { entries, .. } => {
                for (key, value) in entries.iter().rev() {
                    if key.at().0 <= line {
                        if let Node::Scalar { value: name, .. } = key {
                            path.push('/');
                            path.push_str(&name.replace('~', "~0").replace('/', "~1"));
                        }
                        if key.at().0 == line {
                            return path;
                        }
                        node = value;
                        continue 'down;
                    }
                }
                return path;
            }
            Node::Seq { items, .. } => {
                for (i, item) in items.iter().enumerate().rev() {
                    if item.at().0 <= line {
                        path.push_str(&format!("/{i}"));
                        node = item;
                        continue 'down;
                    }
                }
                return path;
            }
            Node::Scalar { .. } => return path,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "kind: working_session # a comment\ndate: 2026-02-05\nattendees:\n  - name: Lê Văn Ánh\n    titles: [Chủ tịch]\n  - group: các đồng chí\nsummary: |\n  Một.\n\n  Hai.\nend: \"11:30\"\n";

    #[test]
    fn scalars_know_their_bytes() {
        let root = parse(TEXT).unwrap();
        let (_, date) = root.get("date").unwrap();
        let Node::Scalar { range, .. } = date else { panic!() };
        assert_eq!(&TEXT[range.0..range.1], "2026-02-05");
        let (_, attendees) = root.get("attendees").unwrap();
        let Node::Seq { items, .. } = attendees else { panic!() };
        let (_, name) = items[0].get("name").unwrap();
        let Node::Scalar { range, value, .. } = name else {
            panic!()
        };
        assert_eq!((&TEXT[range.0..range.1], value.as_str()), ("Lê Văn Ánh", "Lê Văn Ánh"));
        let (_, summary) = root.get("summary").unwrap();
        assert!(matches!(summary, Node::Scalar { block: true, value, .. } if value == "Một.\n\nHai.\n"));
        let (_, end) = root.get("end").unwrap();
        let Node::Scalar { range, .. } = end else { panic!() };
        assert_eq!(&TEXT[range.0..range.1], "\"11:30\"");
    }

    #[test]
    fn a_line_names_its_field() {
        let root = parse(TEXT).unwrap();
        assert_eq!(pointer_at(&root, 2), "/date");
        assert_eq!(pointer_at(&root, 4), "/attendees/0/name");
        assert_eq!(pointer_at(&root, 5), "/attendees/0/titles");
        assert_eq!(pointer_at(&root, 6), "/attendees/1/group");
        assert_eq!(pointer_at(&root, 9), "/summary");
    }
}
