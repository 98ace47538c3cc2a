//! What the DOCX keeps on the page of the signature: the same two paragraphs `vanban.typ`
//! makes sticky (`keep-with-signature`), so that Word, like the PDF, never starts a page
//! with the signature block. Word moves a paragraph marked "keep with next" and "keep
//! lines together" to the next page with what follows it.

use super::model::Item;

/// Blocks that hold a signature.
const SIGNING: [&str; 2] = ["signature-block", "minutes-signatures"];

/// Blocks that are one paragraph of the body.
const PARAGRAPHS: [&str; 4] = ["task", "dash", "numbered", "field"];

/// For each item of `items`, whether it stays on one page with the first signature block:
/// the last two paragraphs before it (the second only when both are paragraphs, never a
/// table or a heading), the space after them, and the signature block itself.
pub fn with_signature(items: &[Item]) -> Vec<bool> {
    let mut kept = vec![false; items.len()];
    let Some(at) = items.iter().position(|item| named(item, &SIGNING)) else {
        return kept;
    };
    let mut first = at;
    let mut found = 0;
    for (i, item) in items[..at].iter().enumerate().rev() {
        match item {
            Item::Space(_) => continue,
            item if is_paragraph(item) => {
                found += 1;
                first = i;
            }
            _ => break,
        }
        if found == 2 {
            break;
        }
    }
    if found > 0 {
        kept[first..=at].iter_mut().for_each(|k| *k = true);
    }
    kept
}

fn named(item: &Item, names: &[&str]) -> bool {
    matches!(item, Item::Block(name, _) if names.contains(&name.as_str()))
}

fn is_paragraph(item: &Item) -> bool {
    matches!(item, Item::Paragraph(_)) || named(item, &PARAGRAPHS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::docx::Fields;

    fn block(name: &str) -> Item {
        Item::Block(name.into(), Fields(Vec::new()))
    }

    fn text() -> Item {
        Item::Paragraph(Vec::new())
    }

    #[test]
    fn the_last_two_paragraphs_and_the_space_after_them_stay_with_the_signature() {
        let items = [
            text(),
            block("task"),
            text(),
            Item::Space(10.0),
            block("signature-block"),
            text(),
        ];
        assert_eq!(with_signature(&items), [false, true, true, true, true, false]);
    }

    #[test]
    fn a_table_or_a_heading_is_never_kept() {
        let table_before = [block("data-table"), text(), block("signature-block")];
        assert_eq!(with_signature(&table_before), [false, true, true]);
        let table_last = [text(), block("criteria-table"), block("minutes-signatures")];
        assert_eq!(with_signature(&table_last), [false; 3]);
        let heading = [block("section"), text(), block("signature-block")];
        assert_eq!(with_signature(&heading), [false, true, true]);
    }

    #[test]
    fn nothing_is_kept_without_a_signature() {
        assert_eq!(with_signature(&[text(), text()]), [false, false]);
    }
}
