//! Signature fields: finding them, adding a widget to its page and to the form, and the
//! empty fields `render --sign-fields` writes for other signing tools.

use lopdf::{Dictionary, Object, ObjectId, Stream};

use std::collections::HashSet;

use super::pdf::{Update, real, rect_array};
use super::problem::SignProblem;
use super::slots::{Rect, Slot};

/// Widget flags: print (4), and locked (128) once signed.
const PRINT: i64 = 4;
const LOCKED: i64 = 128;

/// A signature field already in the document.
pub struct Field {
    /// Its object.
    pub id: ObjectId,
    /// Its dictionary.
    pub dict: Dictionary,
}

impl Field {
    /// Whether it holds a signature.
    pub fn signed(&self) -> bool {
        self.dict.get(b"V").is_ok()
    }

    /// Its widget rectangle.
    pub fn rect(&self) -> Option<Rect> {
        let values: Vec<f64> = self
            .dict
            .get(b"Rect")
            .and_then(Object::as_array)
            .ok()?
            .iter()
            .filter_map(|o| {
                o.as_float()
                    .map(f64::from)
                    .or_else(|_| o.as_i64().map(|i| i as f64))
                    .ok()
            })
            .collect();
        (values.len() == 4).then(|| Rect::from_corners([values[0], values[1], values[2], values[3]]))
    }
}

/// The catalog's id and its AcroForm dictionary (empty if it has none).
fn acro_form(update: &Update) -> (Option<ObjectId>, Dictionary) {
    let root = update.doc.trailer.get(b"Root").and_then(Object::as_reference).ok();
    let catalog = root.and_then(|id| update.dictionary(id)).unwrap_or_default();
    let form = catalog
        .get(b"AcroForm")
        .map(|o| update.resolve(o))
        .and_then(Object::as_dict)
        .cloned()
        .unwrap_or_default();
    (root, form)
}

/// How deep a form's field tree may nest; real forms use two or three levels.
const MAX_FIELD_DEPTH: usize = 32;
/// How many fields a form may hold before it is refused as hostile.
const MAX_FIELDS: usize = 10_000;

/// Every terminal field of the form, in order. The walk visits each field once: a field
/// reached twice (a `/Kids` cycle, or one field listed twice), a tree deeper than
/// [`MAX_FIELD_DEPTH`] or more than [`MAX_FIELDS`] fields is refused, naming the object.
pub fn all(update: &Update) -> Result<Vec<Field>, SignProblem> {
    let (_, form) = acro_form(update);
    let mut found = Vec::new();
    let mut seen = HashSet::new();
    let mut stack: Vec<(ObjectId, usize)> = form
        .get(b"Fields")
        .and_then(Object::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|o| o.as_reference().ok())
                .rev()
                .map(|id| (id, 0))
                .collect()
        })
        .unwrap_or_default();
    while let Some((id, depth)) = stack.pop() {
        let object = format!("{} {} R", id.0, id.1);
        if !seen.insert(id) {
            return Err(SignProblem::FieldCycle { object });
        }
        if depth > MAX_FIELD_DEPTH || seen.len() > MAX_FIELDS {
            return Err(SignProblem::FieldsTooDeep { object });
        }
        let Some(dict) = update.dictionary(id) else { continue };
        if let Ok(kids) = dict.get(b"Kids").and_then(Object::as_array) {
            stack.extend(
                kids.iter()
                    .filter_map(|o| o.as_reference().ok())
                    .rev()
                    .map(|kid| (kid, depth + 1)),
            );
        } else {
            found.push(Field { id, dict });
        }
    }
    Ok(found)
}

/// The field named `name`.
pub fn find(update: &Update, name: &str) -> Result<Option<Field>, SignProblem> {
    Ok(all(update)?.into_iter().find(|f| {
        f.dict
            .get(b"T")
            .and_then(Object::as_str)
            .is_ok_and(|t| t == name.as_bytes())
    }))
}

/// A signature widget (merged with its field): `name` at `rect` on `page`, showing `form`.
pub fn widget(name: &str, rect: Rect, page: ObjectId, form: ObjectId, signature: Option<ObjectId>) -> Dictionary {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Annot".to_vec()));
    dict.set("Subtype", Object::Name(b"Widget".to_vec()));
    dict.set("FT", Object::Name(b"Sig".to_vec()));
    dict.set("T", Object::string_literal(name));
    dict.set("Rect", rect_array(rect.corners()));
    dict.set("P", Object::Reference(page));
    let flags = if signature.is_some() { PRINT | LOCKED } else { PRINT };
    dict.set("F", Object::Integer(flags));
    let mut appearance = Dictionary::new();
    appearance.set("N", Object::Reference(form));
    dict.set("AP", Object::Dictionary(appearance));
    if let Some(signature) = signature {
        dict.set("V", Object::Reference(signature));
    }
    dict
}

/// Adds a new field `field` (already written) to `page`'s annotations and to the form.
pub fn attach(update: &mut Update, page: ObjectId, field: ObjectId) {
    if let Some(mut page_dict) = update.dictionary(page) {
        let mut annots = page_dict
            .get(b"Annots")
            .map(|o| update.resolve(o))
            .and_then(Object::as_array)
            .cloned()
            .unwrap_or_default();
        annots.push(Object::Reference(field));
        page_dict.set("Annots", Object::Array(annots));
        update.set(page, page_dict);
    }
    let (root, mut form) = acro_form(update);
    let Some(root) = root else { return };
    let mut fields = form
        .get(b"Fields")
        .and_then(Object::as_array)
        .cloned()
        .unwrap_or_default();
    fields.push(Object::Reference(field));
    form.set("Fields", Object::Array(fields));
    form.set("SigFlags", Object::Integer(3));
    let mut catalog = update.dictionary(root).unwrap_or_default();
    match catalog.get(b"AcroForm").and_then(Object::as_reference) {
        Ok(form_id) => update.set(form_id, form),
        Err(_) => {
            catalog.set("AcroForm", Object::Dictionary(form));
            update.set(root, catalog);
        }
    }
}

/// An appearance that shows nothing, `width` × `height` points (PDF/A wants one on every widget).
pub fn blank_form(update: &mut Update, width: f64, height: f64) -> ObjectId {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Form".to_vec()));
    dict.set(
        "BBox",
        Object::Array(vec![real(0.0), real(0.0), real(width), real(height)]),
    );
    dict.set("Resources", Object::Dictionary(Dictionary::new()));
    update.add(Stream::new(dict, Vec::new()))
}

/// `bytes` with an empty signature field `chu-ky-<role>` over each slot not yet a field.
pub fn add_empty(bytes: Vec<u8>, slots: &[Slot]) -> Result<Vec<u8>, lopdf::Error> {
    let mut update = Update::new(bytes)?;
    for slot in slots {
        let name = slot.field_name(false);
        let Some((page, height)) = super::pdf::page(&update.doc, slot.page) else {
            continue;
        };
        if !matches!(find(&update, &name), Ok(None)) {
            continue;
        }
        let rect = slot.rect(height);
        let form = blank_form(&mut update, rect.width, rect.height);
        let field = update.add(widget(&name, rect, page, form, None));
        attach(&mut update, page, field);
    }
    Ok(update.finish().0)
}

/// `files` with empty signature fields added to every PDF that records signing places.
pub fn with_empty_fields(
    files: Vec<crate::output::OutputFile>,
) -> Result<Vec<crate::output::OutputFile>, crate::error::Error> {
    files
        .into_iter()
        .map(|mut file| {
            if !file.name.ends_with(".pdf") {
                return Ok(file);
            }
            let path = std::path::Path::new(&file.name);
            if let Some(slots) = super::slots::in_pdf(&file.bytes, path)? {
                let bytes = std::mem::take(&mut file.bytes);
                file.bytes = add_empty(bytes, &slots)
                    .map_err(|e| super::problem(path, super::SignProblem::BadPdf { detail: e.to_string() }))?;
            }
            Ok(file)
        })
        .collect()
}
