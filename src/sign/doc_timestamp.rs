//! The document timestamp (PAdES B-LTA): an RFC 3161 timestamp over the whole file as it
//! stands, security store included, kept in an invisible signature field of its own
//! (`/Type /DocTimeStamp`, `/SubFilter /ETSI.RFC3161`). It proves the signatures and their
//! revocation lists existed at its time; renewed before its authority's certificate
//! expires, it carries the file's validity forward for as long as an archive keeps it.

use std::path::Path;

use lopdf::{Dictionary, Object, Stream};

use super::pdf::{Update, page};
use super::slots::Rect;
use super::{SignProblem, fields, fill, problem, timestamp, with_room};
use crate::error::Error;

/// The fields' names: `dau-thoi-gian-luu-tru-1`, `-2`, … in the order they were added.
pub const FIELD: &str = "dau-thoi-gian-luu-tru";

/// Adds a document timestamp from the authority at `tsa` to the PDF `bytes` read from `path`.
pub fn add(path: &Path, bytes: Vec<u8>, tsa: &str) -> Result<Vec<u8>, Error> {
    let fail = |p: SignProblem| problem(path, p);
    let mut update = Update::new(bytes).map_err(|e| fail(SignProblem::BadPdf { detail: e.to_string() }))?;
    let (first_page, _) = page(&update.doc, 1).ok_or_else(|| {
        fail(SignProblem::BadPdf {
            detail: "no page".into(),
        })
    })?;
    let taken = fields::all(&update)
        .map_err(fail)?
        .iter()
        .filter(|f| {
            f.dict
                .get(b"T")
                .and_then(Object::as_str)
                .is_ok_and(|t| t.starts_with(FIELD.as_bytes()))
        })
        .count();
    let name = format!("{FIELD}-{}", taken + 1);
    let mut appearance = Dictionary::new();
    appearance.set("Type", Object::Name(b"XObject".to_vec()));
    appearance.set("Subtype", Object::Name(b"Form".to_vec()));
    appearance.set("BBox", super::pdf::rect_array([0.0, 0.0, 0.0, 0.0]));
    let form = update.add(Stream::new(appearance, Vec::new()));
    let signature = update.reserve();
    let invisible = Rect {
        left: 0.0,
        bottom: 0.0,
        width: 0.0,
        height: 0.0,
    };
    let field = update.add(fields::widget(&name, invisible, first_page, form, Some(signature)));
    fields::attach(&mut update, first_page, field);
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"DocTimeStamp".to_vec()));
    dict.set("Filter", Object::Name(b"Adobe.PPKLite".to_vec()));
    dict.set("SubFilter", Object::Name(b"ETSI.RFC3161".to_vec()));
    update.set_raw(signature, with_room(dict));
    let (mut bytes, offsets) = update.finish();
    let start = super::pdf::offset_of(&offsets, signature);
    fill(&mut bytes, start, |digest| timestamp::fetch_for(tsa, digest)).map_err(fail)?;
    Ok(bytes)
}
