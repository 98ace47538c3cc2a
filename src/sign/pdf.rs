//! Incremental updates: new and changed objects appended after a PDF's last byte, with a
//! cross-reference section of the same kind as the file's own and `/Prev` pointing back,
//! so every earlier byte (and every earlier signature) stays as it was.

use std::io::Write as _;

use lopdf::xref::XrefType;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, Writer};

/// A PDF being extended by one incremental update.
pub struct Update {
    original: Vec<u8>,
    /// The document as read (every revision merged).
    pub doc: Document,
    next_id: u32,
    objects: Vec<(u32, Vec<u8>)>,
}

impl Update {
    /// Starts an update of `bytes`.
    pub fn new(bytes: Vec<u8>) -> Result<Update, lopdf::Error> {
        let doc = Document::load_mem(&bytes)?;
        let size = doc
            .trailer
            .get(b"Size")
            .and_then(Object::as_i64)
            .ok()
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(0);
        let next_id = size.max(doc.max_id + 1);
        Ok(Update {
            original: bytes,
            doc,
            next_id,
            objects: Vec::new(),
        })
    }

    /// The bytes as they were, when nothing is to be added after all.
    pub fn unchanged(self) -> Vec<u8> {
        self.original
    }

    /// A fresh object number.
    pub fn reserve(&mut self) -> ObjectId {
        let id = (self.next_id, 0);
        self.next_id += 1;
        id
    }

    /// Writes `object` under a fresh number.
    pub fn add(&mut self, object: impl Into<Object>) -> ObjectId {
        let id = self.reserve();
        self.set(id, object);
        id
    }

    /// Writes `object` under `id` (a new version of an existing object, or a reserved one);
    /// later reads through [`Update::doc`] see the new version.
    pub fn set(&mut self, id: ObjectId, object: impl Into<Object>) {
        let mut body = Vec::new();
        let object = object.into();
        match &object {
            Object::Stream(stream) => write_stream(&mut body, stream),
            other => {
                let _ = Writer::write_object(&mut body, other);
            }
        }
        self.set_raw(id, body);
        self.doc.objects.insert(id, object);
    }

    /// Writes `body` (the bytes between `obj` and `endobj`) under `id`.
    pub fn set_raw(&mut self, id: ObjectId, body: Vec<u8>) {
        self.objects.retain(|(n, _)| *n != id.0);
        self.objects.push((id.0, body));
    }

    /// The dictionary of object `id`, resolved in the document as read.
    pub fn dictionary(&self, id: ObjectId) -> Option<Dictionary> {
        self.doc.get_dictionary(id).ok().cloned()
    }

    /// Follows a reference to the object it names (or returns a direct object).
    pub fn resolve<'a>(&'a self, object: &'a Object) -> &'a Object {
        match object {
            Object::Reference(id) => self.doc.get_object(*id).unwrap_or(object),
            other => other,
        }
    }

    /// The whole file with the update appended, and where each new object starts.
    pub fn finish(self) -> (Vec<u8>, Vec<(u32, usize)>) {
        let Update {
            mut original,
            doc,
            next_id,
            mut objects,
        } = self;
        let prev = last_startxref(&original).unwrap_or(doc.xref_start);
        if !original.ends_with(b"\n") {
            original.push(b'\n');
        }
        objects.sort_by_key(|(n, _)| *n);
        let mut offsets = Vec::new();
        for (number, body) in &objects {
            offsets.push((*number, original.len()));
            let _ = writeln!(original, "{number} 0 obj");
            original.extend_from_slice(body);
            original.extend_from_slice(b"\nendobj\n");
        }
        let mut trailer = Dictionary::new();
        trailer.set("Size", Object::Integer(i64::from(next_id + 1)));
        for key in [b"Root".as_slice(), b"Info"] {
            if let Ok(value) = doc.trailer.get(key) {
                trailer.set(key, value.clone());
            }
        }
        if let Ok(id) = doc.trailer.get(b"ID") {
            trailer.set("ID", id.clone());
        }
        trailer.set("Prev", Object::Integer(prev as i64));
        let xref_at = original.len();
        match doc.reference_table.cross_reference_type {
            XrefType::CrossReferenceStream => {
                let xref_number = next_id;
                let mut entries = offsets.clone();
                entries.push((xref_number, xref_at));
                trailer.set("Size", Object::Integer(i64::from(xref_number + 1)));
                trailer.set("Type", Object::Name(b"XRef".to_vec()));
                trailer.set("W", Object::Array(vec![1.into(), 4.into(), 2.into()]));
                let mut index = Vec::new();
                let mut content = Vec::new();
                for (number, offset) in &entries {
                    index.push(Object::Integer(i64::from(*number)));
                    index.push(Object::Integer(1));
                    content.push(1u8);
                    content.extend_from_slice(&(*offset as u32).to_be_bytes());
                    content.extend_from_slice(&[0, 0]);
                }
                trailer.set("Index", Object::Array(index));
                let stream = Stream::new(trailer, content);
                let _ = writeln!(original, "{xref_number} 0 obj");
                write_stream(&mut original, &stream);
                original.extend_from_slice(b"\nendobj\n");
            }
            XrefType::CrossReferenceTable => {
                original.extend_from_slice(b"xref\n0 1\n0000000000 65535 f \n");
                for (number, offset) in &offsets {
                    let _ = write!(original, "{number} 1\n{offset:010} 00000 n \n");
                }
                original.extend_from_slice(b"trailer\n");
                let _ = Writer::write_object(&mut original, &Object::Dictionary(trailer));
                original.push(b'\n');
            }
        }
        let _ = write!(original, "startxref\n{xref_at}\n%%EOF\n");
        (original, offsets)
    }
}

/// A stream as `<<…>>stream … endstream`, its `/Length` set.
fn write_stream(out: &mut Vec<u8>, stream: &Stream) {
    let mut dict = stream.dict.clone();
    dict.set("Length", Object::Integer(stream.content.len() as i64));
    let _ = Writer::write_object(out, &Object::Dictionary(dict));
    out.extend_from_slice(b"\nstream\n");
    out.extend_from_slice(&stream.content);
    out.extend_from_slice(b"\nendstream");
}

/// Where object `id` starts among the `offsets` [`Update::finish`] gives.
pub fn offset_of(offsets: &[(u32, usize)], id: ObjectId) -> usize {
    offsets
        .iter()
        .find(|(n, _)| *n == id.0)
        .map(|(_, at)| *at)
        .unwrap_or_default()
}

/// The offset after the file's last `startxref`.
pub fn last_startxref(bytes: &[u8]) -> Option<usize> {
    let at = bytes.windows(9).rposition(|w| w == b"startxref")?;
    let rest = &bytes[at + 9..];
    let digits: String = rest
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .map(|&b| char::from(b))
        .collect();
    digits.parse().ok()
}

/// A number as PDF writes it (no exponent, at most 3 decimals).
pub fn real(value: f64) -> Object {
    Object::Real((value * 1000.0).round() as f32 / 1000.0)
}

/// A rectangle array.
pub fn rect_array(corners: [f64; 4]) -> Object {
    Object::Array(corners.into_iter().map(real).collect())
}

/// The page object of 1-based `page`, and its height in points.
pub fn page(doc: &Document, page: usize) -> Option<(ObjectId, f64)> {
    let id = *doc.get_pages().get(&u32::try_from(page).ok()?)?;
    let mut node = doc.get_dictionary(id).ok()?;
    // Up the page tree to the nearest `/MediaBox`; a `/Parent` chain that loops ends here.
    let mut media_box = None;
    for _ in 0..64 {
        if let Ok(Object::Array(b)) = node.get(b"MediaBox") {
            media_box = Some(b.clone());
            break;
        }
        let parent = node.get(b"Parent").and_then(Object::as_reference).ok()?;
        node = doc.get_dictionary(parent).ok()?;
    }
    let media_box = media_box?;
    let number = |o: &Object| {
        o.as_float()
            .map(f64::from)
            .or_else(|_| o.as_i64().map(|i| i as f64))
            .ok()
    };
    let values: Vec<f64> = media_box.iter().filter_map(number).collect();
    (values.len() == 4).then(|| (id, (values[3] - values[1]).abs()))
}
