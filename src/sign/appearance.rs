//! What a signature shows: the signer's handwritten-signature image, or the agency's seal
//! at its real size with the agency's name and the signing time. Typst sets the appearance
//! as a one-page PDF (fonts embedded, as PDF/A asks), and its page becomes the widget's
//! appearance stream, a form XObject, with every object it uses copied into the update.

use std::collections::HashMap;
use std::path::Path;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::SignProblem;
use super::pdf::{Update, real};
use super::slots::Rect;
use crate::compose::templates::typst_string;
use crate::error::Error;
use crate::layout::typeset::{self, SourceNames};
use crate::layout::world::DocumentWorld;

/// Points per millimetre.
const PT_PER_MM: f64 = 72.0 / 25.4;
/// The widest a handwritten signature is drawn, in points (60 mm).
const SIGNATURE_MAX_WIDTH: f64 = 60.0 * PT_PER_MM;
/// Where the seal goes when the person has not signed yet: a signature this wide is assumed.
pub const NOMINAL_SIGNATURE_WIDTH: f64 = 45.0 * PT_PER_MM;
/// Size of the agency's information text.
const INFO_SIZE: f64 = 7.0;
/// Height of the information text's two lines.
const INFO_HEIGHT: f64 = 2.6 * INFO_SIZE;

/// A PNG image and its size.
#[derive(Clone)]
pub struct Png {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Width in pixels.
    pub pixels_wide: u32,
    /// Height in pixels.
    pub pixels_high: u32,
    /// Real size in points, when the file records its pixel density.
    pub real_size: Option<(f64, f64)>,
}

impl Png {
    /// Reads the PNG at `path`.
    pub fn read(path: &Path) -> Result<Png, Error> {
        let bytes = std::fs::read(path).map_err(|e| Error::Read {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })?;
        let reader = png::Decoder::new(std::io::Cursor::new(&bytes))
            .read_info()
            .map_err(|_| super::problem(path, SignProblem::NotPng))?;
        let info = reader.info();
        let real_size = info
            .pixel_dims
            .filter(|d| d.unit == png::Unit::Meter && d.xppu > 0 && d.yppu > 0)
            .map(|d| {
                let to_pt = |pixels: u32, per_metre: u32| f64::from(pixels) / f64::from(per_metre) * 1000.0 * PT_PER_MM;
                (to_pt(info.width, d.xppu), to_pt(info.height, d.yppu))
            });
        let (pixels_wide, pixels_high) = (info.width, info.height);
        Ok(Png {
            bytes,
            pixels_wide,
            pixels_high,
            real_size,
        })
    }

    fn aspect(&self) -> f64 {
        f64::from(self.pixels_wide) / f64::from(self.pixels_high.max(1))
    }
}

/// Where the handwritten signature goes: as large as fits the slot (at most 60 mm wide),
/// centred between the position and the name.
pub fn signature_box(slot: Rect, image: &Png) -> Rect {
    let width = slot.width.min(SIGNATURE_MAX_WIDTH).min(slot.height * image.aspect());
    slot.centred(width, width / image.aspect())
}

/// Where the seal goes: real size, its right edge a third of the way into the signature
/// image `signature`, centred on it vertically; the information text under it.
pub fn seal_box(signature: Rect, seal_size: (f64, f64)) -> (Rect, Rect) {
    let (width, height) = seal_size;
    let seal = Rect {
        left: signature.left + signature.width / 3.0 - width,
        bottom: signature.bottom + signature.height / 2.0 - height / 2.0,
        width,
        height,
    };
    let widget = Rect {
        bottom: seal.bottom - INFO_HEIGHT,
        height: seal.height + INFO_HEIGHT,
        ..seal
    };
    (seal, widget)
}

/// Typst source of an appearance `size` points large showing `image` over the whole of
/// `image_box` (relative to the widget's bottom-left), and `lines` of text under it.
fn source(size: (f64, f64), image: &Png, image_box: Rect, lines: &[String]) -> String {
    let numbers: Vec<String> = image.bytes.iter().map(u8::to_string).collect();
    let top = size.1 - image_box.bottom - image_box.height;
    let mut source = format!(
        "#set page(width: {w:.3}pt, height: {h:.3}pt, margin: 0pt, fill: none)\n\
         #set text(font: \"Liberation Serif\", size: {INFO_SIZE}pt, lang: \"vi\", fallback: false)\n\
         #place(top + left, dx: {x:.3}pt, dy: {top:.3}pt, image(bytes(({bytes},)), format: \"png\", width: {iw:.3}pt, height: {ih:.3}pt))\n",
        w = size.0,
        h = size.1,
        x = image_box.left,
        bytes = numbers.join(","),
        iw = image_box.width,
        ih = image_box.height,
    );
    if !lines.is_empty() {
        let text: Vec<String> = lines.iter().map(|l| typst_string(l)).collect();
        source.push_str(&format!(
            "#place(bottom + left, block(width: {w:.3}pt, par(leading: 0.25em, justify: false, ({},).join(linebreak()))))\n",
            text.join(", "),
            w = size.0,
        ));
    }
    source
}

/// Sets the appearance in Typst and copies it into `update` as a form XObject; returns its id.
pub fn form(
    update: &mut Update,
    size: (f64, f64),
    image: &Png,
    image_box: Rect,
    lines: &[String],
) -> Result<ObjectId, Error> {
    let source = source(size, image, image_box, lines);
    let names = SourceNames {
        template: "chu-ky.typ".into(),
        library: crate::compose::templates::LAYOUT_LIBRARY.into(),
    };
    let library = typst::syntax::Source::new(crate::layout::world::library_id(), String::new());
    let world = DocumentWorld::new(source, library);
    let document = typeset::layout(&world, &names)?.document;
    let date = crate::record::Date {
        year: 2000,
        month: 1,
        day: 1,
    };
    let bytes = typeset::pdf(&document, "chu-ky", date, true, &names)?;
    let appearance = Document::load_mem(&bytes).map_err(|e| Error::Read {
        path: "chu-ky.pdf".into(),
        detail: e.to_string(),
    })?;
    let (_, page_id) = appearance.get_pages().into_iter().next().ok_or_else(|| Error::Read {
        path: "chu-ky.pdf".into(),
        detail: "no page".into(),
    })?;
    let page = appearance.get_dictionary(page_id).cloned().unwrap_or_default();
    let content = appearance.get_page_content(page_id);
    let mut copied = HashMap::new();
    let resources = match page.get(b"Resources") {
        Ok(object) => copy(update, &appearance, object, &mut copied),
        Err(_) => Object::Dictionary(Dictionary::new()),
    };
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"XObject".to_vec()));
    dict.set("Subtype", Object::Name(b"Form".to_vec()));
    dict.set(
        "BBox",
        Object::Array(vec![real(0.0), real(0.0), real(size.0), real(size.1)]),
    );
    dict.set("Resources", resources);
    if let Ok(group) = page.get(b"Group") {
        let group = copy(update, &appearance, group, &mut copied);
        dict.set("Group", group);
    }
    let mut stream = Stream::new(dict, content);
    let _ = stream.compress();
    Ok(update.add(stream))
}

/// `object` with every reference it holds copied from `from` into `update` (once each).
fn copy(update: &mut Update, from: &Document, object: &Object, copied: &mut HashMap<ObjectId, ObjectId>) -> Object {
    match object {
        Object::Reference(id) => {
            if let Some(new) = copied.get(id) {
                return Object::Reference(*new);
            }
            let new = update.reserve();
            copied.insert(*id, new);
            let target = from.get_object(*id).cloned().unwrap_or(Object::Null);
            let target = copy(update, from, &target, copied);
            update.set(new, target);
            Object::Reference(new)
        }
        Object::Array(items) => Object::Array(items.iter().map(|o| copy(update, from, o, copied)).collect()),
        Object::Dictionary(dict) => Object::Dictionary(copy_dict(update, from, dict, copied)),
        Object::Stream(stream) => {
            let dict = copy_dict(update, from, &stream.dict, copied);
            Object::Stream(Stream::new(dict, stream.content.clone()))
        }
        other => other.clone(),
    }
}

fn copy_dict(
    update: &mut Update,
    from: &Document,
    dict: &Dictionary,
    copied: &mut HashMap<ObjectId, ObjectId>,
) -> Dictionary {
    let mut out = Dictionary::new();
    for (key, value) in dict.iter() {
        if key.as_slice() != b"Parent" {
            out.set(key.clone(), copy(update, from, value, copied));
        }
    }
    out
}
