//! The office's people directory (danh bạ): `danh-ba.yaml` in the records folder, plain and
//! editable by hand. Each person has a name, the title chain the minutes print and, if
//! given, the body they belong to. Every person field of the form offers completion from
//! it; a person typed into a form is added with one click.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::error::Error;
use crate::record::load::YamlFile;

/// The directory's file name in the records folder.
pub const FILE: &str = "danh-ba.yaml";

/// One person of the directory.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// Titles in protocol order.
    #[serde(default)]
    pub titles: Vec<String>,
    /// The body the person belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Directory {
    #[serde(default)]
    people: Vec<Person>,
}

/// The people of a directory file's text (`path` names it in messages).
pub fn people(path: &Path, text: &str) -> Result<Vec<Person>, Error> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let file = YamlFile::from_bytes(path, text.as_bytes())?;
    Ok(file.parse::<Directory>()?.people)
}

/// The directory's text with `person` added at the end of its list (a new file when `text`
/// is empty); the lines already there stay as they are. `None` when the name is listed.
pub fn add(path: &Path, text: &str, person: &Person) -> Result<Option<String>, Error> {
    let known = people(path, text)?;
    if known.iter().any(|p| p.name == person.name) {
        return Ok(None);
    }
    let schema = json!({
        "properties": { "people": { "items": { "properties": { "name": {}, "titles": {}, "body": {} } } } },
    });
    let shape = super::shape::Shape::at(&schema, "");
    let mut lines = String::new();
    let value = json!([person]);
    super::emit::body(&mut lines, 2, &value, &shape.key("people"));
    let mut out = if text.trim().is_empty() {
        "# Danh bạ: những người thường có mặt trong biên bản, với chức danh đầy đủ.\npeople:\n".to_string()
    } else {
        text.to_string()
    };
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&lines);
    Ok(Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_is_added_after_the_lines_already_there() {
        let path = Path::new(FILE);
        let thu = Person {
            name: "Phạm Văn Thử".into(),
            titles: vec!["Phó Bí thư Đảng ủy xã".into(), "Chủ tịch Ủy ban nhân dân xã".into()],
            body: Some("Ủy ban nhân dân xã An Phú".into()),
        };
        let first = add(path, "", &thu).unwrap().unwrap();
        assert_eq!(people(path, &first).unwrap(), vec![thu.clone()]);
        let hand = format!("{first}  # thêm bằng tay\n  - name: Lê Thị Mai\n    titles: [Chánh Văn phòng]\n");
        let mai = Person {
            name: "Lê Thị Mai".into(),
            titles: vec![],
            body: None,
        };
        assert_eq!(
            add(path, &hand, &mai).unwrap(),
            None,
            "a listed name is not added twice"
        );
        let ba = Person {
            name: "Trần Văn Ba".into(),
            ..mai
        };
        let more = add(path, &hand, &ba).unwrap().unwrap();
        assert!(more.starts_with(&hand));
        assert_eq!(people(path, &more).unwrap().len(), 3);
    }
}
