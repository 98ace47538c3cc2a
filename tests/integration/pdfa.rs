//! PDF/A-3 clauses (ISO 19005-3, and the ISO 19005-2 clauses it takes over) that adding
//! to a PDF can break: what a signature, its widget, its appearance and an incremental
//! update bring. No PDF/A validator can be installed on the CI machine (veraPDF is in none
//! of its registries), so these are checked here, each clause by its number; the checker
//! is run on vanban's unsigned archival PDFs too, which must pass it as they are.

use lopdf::{Dictionary, Document, Object};

/// Every clause the PDF at `bytes` breaks, as `clause: what` lines; empty when none.
pub fn violations(bytes: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut fail = |clause: &str, what: String| found.push(format!("{clause}: {what}"));

    // 6.1.2: the header's second line is a comment of at least four bytes above 127
    let second = bytes.split(|&b| b == b'\n').nth(1).unwrap_or_default();
    if !(second.starts_with(b"%") && second.iter().filter(|&&b| b > 127).count() >= 4) {
        fail("6.1.2", "no binary comment after the header".into());
    }
    // 6.1.3: at most one end-of-line after the last %%EOF
    let end = bytes.windows(5).rposition(|w| w == b"%%EOF").map_or(0, |i| i + 5);
    if !matches!(&bytes[end..], b"" | b"\n" | b"\r\n" | b"\r") {
        fail("6.1.3", "data after the last %%EOF".into());
    }
    let document = match Document::load_mem(bytes) {
        Ok(document) => document,
        Err(error) => {
            fail("6.1", format!("does not parse: {error}"));
            return found;
        }
    };
    // 6.1.3: the last trailer has an ID and no Encrypt
    if document.trailer.get(b"ID").is_err() {
        fail("6.1.3", "the trailer has no ID".into());
    }
    if document.trailer.get(b"Encrypt").is_ok() {
        fail("6.1.3", "encrypted".into());
    }
    let catalog = document.catalog().expect("a catalog");
    // 6.2.2: an output intent with its profile
    let intents = catalog.get(b"OutputIntents").and_then(|o| resolve_array(&document, o));
    if !intents.is_ok_and(|list| {
        list.iter().any(|i| {
            dict(&document, i).is_some_and(|d| {
                d.get(b"S").and_then(Object::as_name).ok() == Some(b"GTS_PDFA1".as_slice())
                    && d.get(b"DestOutputProfile").is_ok()
            })
        })
    }) {
        fail("6.2.2", "no GTS_PDFA1 output intent with a profile".into());
    }
    // 6.6.2: the metadata stream, unfiltered, claims part 3, conformance U
    match catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .and_then(|id| document.get_object(id))
        .and_then(Object::as_stream)
    {
        Ok(stream) => {
            if stream.dict.get(b"Filter").is_ok() {
                fail("6.6.2", "the metadata stream is filtered".into());
            }
            let xmp = String::from_utf8_lossy(&stream.content);
            if !(xmp.contains("<pdfaid:part>3</pdfaid:part>")
                && xmp.contains("<pdfaid:conformance>U</pdfaid:conformance>"))
            {
                fail("6.6.4", "the metadata does not claim PDF/A-3u".into());
            }
        }
        Err(_) => fail("6.6.2", "no metadata stream".into()),
    }
    // 6.4.1: no NeedAppearances, no XFA
    if let Some(form) = catalog.get(b"AcroForm").ok().and_then(|o| dict(&document, o)) {
        if form.get(b"NeedAppearances").and_then(Object::as_bool).unwrap_or(false) {
            fail("6.4.1", "NeedAppearances is true".into());
        }
        if form.get(b"XFA").is_ok() {
            fail("6.4.2", "an XFA form".into());
        }
    }

    for (id, object) in &document.objects {
        let (dictionary, stream) = match object {
            Object::Dictionary(d) => (d, false),
            Object::Stream(s) => (&s.dict, true),
            _ => continue,
        };
        let name = |key: &[u8]| dictionary.get(key).and_then(Object::as_name).ok().map(<[u8]>::to_vec);
        // 6.1.7: streams hold their data, in a filter PDF/A allows
        if stream {
            for key in [b"F".as_slice(), b"FFilter", b"FDecodeParms"] {
                if dictionary.get(key).is_ok() {
                    fail("6.1.7", format!("{id:?}: a stream with an external file key"));
                }
            }
            if name(b"Filter").as_deref() == Some(b"LZWDecode") {
                fail("6.1.7", format!("{id:?}: LZW"));
            }
        }
        // 6.6.1 / 6.5: no JavaScript, no additional actions
        if dictionary.get(b"JS").is_ok() || name(b"S").as_deref() == Some(b"JavaScript") {
            fail("6.5.1", format!("{id:?}: JavaScript"));
        }
        // 6.2.4.3: images without alternates, OPI or interpolation
        if name(b"Subtype").as_deref() == Some(b"Image") {
            for key in [b"Alternates".as_slice(), b"OPI"] {
                if dictionary.get(key).is_ok() {
                    fail(
                        "6.2.4.3",
                        format!("{id:?}: an image with {}", String::from_utf8_lossy(key)),
                    );
                }
            }
            if dictionary
                .get(b"Interpolate")
                .and_then(Object::as_bool)
                .unwrap_or(false)
            {
                fail("6.2.4.3", format!("{id:?}: an interpolated image"));
            }
        }
        // 6.2.11.4: every font program is embedded
        if name(b"Type").as_deref() == Some(b"FontDescriptor")
            && !["FontFile", "FontFile2", "FontFile3"]
                .iter()
                .any(|k| dictionary.get(k.as_bytes()).is_ok())
        {
            fail("6.2.11.4", format!("{id:?}: a font that is not embedded"));
        }
        // 6.8: embedded files say what they are to the document
        if name(b"Type").as_deref() == Some(b"Filespec")
            && dictionary.get(b"EF").is_ok()
            && dictionary.get(b"AFRelationship").is_err()
        {
            fail("6.8", format!("{id:?}: an attachment without AFRelationship"));
        }
        if name(b"Type").as_deref() == Some(b"Annot") || name(b"Subtype").as_deref() == Some(b"Widget") {
            annotation(&document, *id, dictionary, &mut fail);
        }
        // 6.4.3: a signature covers the file but its own Contents, which is a hex string
        if name(b"Type").as_deref() == Some(b"Sig") {
            signature(bytes, *id, dictionary, &mut fail);
        }
    }
    found
}

/// 6.3.2, 6.3.3, 6.4.1: an annotation is printed, visible, drawn by its own normal
/// appearance stream only, and a widget carries no actions.
fn annotation(document: &Document, id: lopdf::ObjectId, annot: &Dictionary, fail: &mut impl FnMut(&str, String)) {
    let subtype = annot.get(b"Subtype").and_then(Object::as_name).unwrap_or_default();
    if [b"3D".as_slice(), b"Sound", b"Screen", b"Movie"].contains(&subtype) {
        fail("6.3.1", format!("{id:?}: a forbidden annotation type"));
    }
    let flags = annot.get(b"F").and_then(Object::as_i64).unwrap_or(0);
    if flags & 4 == 0 || flags & (1 | 2 | 32 | 256) != 0 {
        fail("6.3.2", format!("{id:?}: flags {flags}: not printed, or hidden"));
    }
    let rect: Vec<f64> = annot
        .get(b"Rect")
        .and_then(Object::as_array)
        .map(|r| {
            r.iter()
                .filter_map(|v| {
                    v.as_float()
                        .ok()
                        .map(f64::from)
                        .or_else(|| v.as_i64().ok().map(|i| i as f64))
                })
                .collect()
        })
        .unwrap_or_default();
    let empty = rect.len() == 4 && (rect[2] - rect[0]).abs() < 1e-6 && (rect[3] - rect[1]).abs() < 1e-6;
    if subtype != b"Popup" && subtype != b"Link" && !empty {
        match annot.get(b"AP").ok().and_then(|o| dict(document, o)) {
            Some(ap) => {
                if ap.iter().any(|(key, _)| key != b"N") {
                    fail("6.3.3", format!("{id:?}: an appearance other than N"));
                }
                let normal = ap.get(b"N").ok().map(|n| match n {
                    Object::Reference(r) => document.get_object(*r).ok(),
                    other => Some(other),
                });
                if !matches!(normal, Some(Some(Object::Stream(_)))) {
                    fail("6.3.3", format!("{id:?}: the normal appearance is not a stream"));
                }
            }
            None => fail("6.3.3", format!("{id:?}: no appearance")),
        }
    }
    if subtype == b"Widget" && (annot.get(b"A").is_ok() || annot.get(b"AA").is_ok()) {
        fail("6.4.1", format!("{id:?}: a widget with actions"));
    }
}

/// 6.4.3: the byte range covers the whole file but the Contents hex string.
fn signature(bytes: &[u8], id: lopdf::ObjectId, sig: &Dictionary, fail: &mut impl FnMut(&str, String)) {
    let range: Vec<i64> = sig
        .get(b"ByteRange")
        .and_then(Object::as_array)
        .map(|r| r.iter().filter_map(|v| v.as_i64().ok()).collect())
        .unwrap_or_default();
    let [a, b, c, d] = range[..] else {
        fail("6.4.3", format!("{id:?}: no ByteRange"));
        return;
    };
    let (gap_start, gap_end) = (usize::try_from(a + b).unwrap(), usize::try_from(c).unwrap());
    let hex = bytes.get(gap_start..gap_end).unwrap_or_default();
    let is_hex = hex.first() == Some(&b'<')
        && hex.last() == Some(&b'>')
        && hex[1..hex.len() - 1].iter().all(u8::is_ascii_hexdigit);
    if a != 0 || !is_hex {
        fail(
            "6.4.3",
            format!("{id:?}: the byte range leaves out more than the Contents hex string"),
        );
    }
    // a later signature may follow, but the revision this one signs ends where its range does
    let signed_end = usize::try_from(c + d).unwrap();
    if !bytes[..signed_end].ends_with(b"%%EOF\n") && !bytes[..signed_end].ends_with(b"%%EOF") {
        fail(
            "6.4.3",
            format!("{id:?}: the byte range does not end at a revision's end"),
        );
    }
}

fn dict<'a>(document: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    match object {
        Object::Reference(id) => document.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    }
}

fn resolve_array<'a>(document: &'a Document, object: &'a Object) -> lopdf::Result<&'a Vec<Object>> {
    match object {
        Object::Reference(id) => document.get_object(*id).and_then(Object::as_array),
        other => other.as_array(),
    }
}

#[test]
fn the_checker_catches_what_it_checks() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let record = crate::support::STATE_SAMPLE;
    let output = crate::support::vanban(&["render", record, "--archive", "-o", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", crate::support::stderr(&output));
    let pdf = out.join("an-phu-2026-02-05-thong-bao-ket-luan.pdf");
    let bytes = std::fs::read(&pdf).unwrap();
    assert_eq!(
        violations(&bytes),
        Vec::<String>::new(),
        "vanban's archival PDF passes as written"
    );

    let mut document = Document::load_mem(&bytes).unwrap();
    document.trailer.remove(b"ID");
    let mut action = Dictionary::new();
    action.set("S", Object::Name(b"JavaScript".to_vec()));
    action.set("JS", Object::string_literal("app.alert(1)"));
    document.add_object(action);
    let metadata = document
        .catalog()
        .unwrap()
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .unwrap();
    let stream = document
        .get_object_mut(metadata)
        .and_then(Object::as_stream_mut)
        .unwrap();
    stream.dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    let mut changed = Vec::new();
    document.save_to(&mut changed).unwrap();
    let broken = violations(&changed);
    for clause in [
        "6.1.3: the trailer has no ID",
        "6.5.1:",
        "6.6.2: the metadata stream is filtered",
    ] {
        assert!(
            broken.iter().any(|b| b.starts_with(clause)),
            "{clause} not caught: {broken:#?}"
        );
    }
}
