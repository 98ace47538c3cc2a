//! Reading attached files back out of a PDF, byte for byte.

use std::path::Path;

use lopdf::{Document, Object};

use crate::error::Error;

/// One attached file: its name and bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    /// File name as stored in the PDF.
    pub name: String,
    /// Contents, decompressed.
    pub bytes: Vec<u8>,
    /// Its description (`/Desc`), if any.
    pub description: Option<String>,
    /// The size its file specification declares (`/Params /Size`), if any.
    pub declared_size: Option<i64>,
    /// It inflates past its declared size: reading stopped there and `bytes` is empty.
    pub longer_than_declared: bool,
}

/// Every file attached to the PDF at `path`, in name order, except the signing places
/// vanban records for `vanban sign` (the signing feature reads it).
pub fn attachments(path: &Path) -> Result<Vec<Attachment>, Error> {
    let mut found = all_attachments(path)?;
    found.retain(|a| a.name != super::attachments::SIGNING_PLACES);
    Ok(found)
}

/// Every file attached to the PDF at `path`, in name order.
pub fn all_attachments(path: &Path) -> Result<Vec<Attachment>, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::Read {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })?;
    attachments_in(&bytes, path)
}

/// Every file attached to `bytes`, a PDF read from `path`, in name order.
pub fn attachments_in(bytes: &[u8], path: &Path) -> Result<Vec<Attachment>, Error> {
    let read_error = |detail: String| Error::Read {
        path: path.to_path_buf(),
        detail,
    };
    super::files::is_pdf(bytes, path)?;
    let document = Document::load_mem(bytes).map_err(|e| read_error(e.to_string()))?;
    let mut found = Vec::new();
    for object in document.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if !dict
            .get(b"Type")
            .and_then(Object::as_name)
            .is_ok_and(|n| n == b"Filespec")
        {
            continue;
        }
        let text = |key: &[u8]| match dict.get(key) {
            Ok(Object::String(bytes, _)) => Some(decode_text(bytes)),
            _ => None,
        };
        let name = text(b"UF").or_else(|| text(b"F"));
        let stream = dict
            .get(b"EF")
            .and_then(Object::as_dict)
            .and_then(|ef| ef.get(b"F"))
            .and_then(Object::as_reference)
            .and_then(|id| document.get_object(id))
            .and_then(Object::as_stream);
        if let (Some(name), Ok(stream)) = (name, stream) {
            let declared_size = stream
                .dict
                .get(b"Params")
                .and_then(Object::as_dict)
                .and_then(|p| p.get(b"Size"))
                .and_then(Object::as_i64)
                .ok();
            // Inflated with a cap, so a small PDF cannot hold gigabytes: one byte past the
            // declared size when there is one (longer is already wrong), and never more
            // than the global limit, which refuses the PDF.
            let declared = declared_size.and_then(|n| usize::try_from(n).ok());
            let limit = declared.map_or(stream_limit(), |n| n.saturating_add(1).min(stream_limit()));
            let (bytes, longer_than_declared) = match stream.decompressed_content_with_limit(limit) {
                Ok(bytes) => (bytes, false),
                Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
                    if limit == stream_limit() {
                        return Err(Error::Inflates {
                            path: path.to_path_buf(),
                            name,
                            limit,
                        });
                    }
                    (Vec::new(), true)
                }
                Err(_) => (stream.content.clone(), false),
            };
            found.push(Attachment {
                name,
                bytes,
                description: text(b"Desc"),
                declared_size,
                longer_than_declared,
            });
        }
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found.dedup();
    Ok(found)
}

/// The most one stream of a PDF may inflate to: 64 MiB, or `VANBAN_MAX_STREAM_MIB` MiB.
pub fn stream_limit() -> usize {
    let mib = std::env::var("VANBAN_MAX_STREAM_MIB")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(64);
    mib.saturating_mul(1 << 20)
}

/// A PDF text string: UTF-16BE with a byte-order mark, or PDFDocEncoding (ASCII here).
pub fn decode_text(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xfe, 0xff]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// Writes every attachment of `pdf` into `dir`; returns the paths written. A file already
/// in `dir` with other contents is replaced only with `force`; all or nothing is written.
pub fn extract(pdf: &Path, dir: &Path, force: bool) -> Result<Vec<std::path::PathBuf>, Error> {
    let found = attachments(pdf)?;
    if found.is_empty() {
        return Err(Error::NoAttachments {
            path: pdf.to_path_buf(),
        });
    }
    if let Some(longer) = found.iter().find(|a| a.longer_than_declared) {
        return Err(Error::Inflates {
            path: pdf.to_path_buf(),
            name: longer.name.clone(),
            limit: usize::try_from(longer.declared_size.unwrap_or_default()).unwrap_or_default(),
        });
    }
    let files: Vec<crate::output::OutputFile> = found
        .into_iter()
        .map(|a| {
            let name = crate::output::names::safe_file_name(&a.name);
            crate::output::OutputFile { name, bytes: a.bytes }
        })
        .collect();
    for file in files.iter().filter(|_| !force) {
        let target = dir.join(&file.name);
        if std::fs::read(&target).is_ok_and(|existing| existing != file.bytes) {
            return Err(Error::WouldOverwrite { path: target });
        }
    }
    crate::output::write_all(dir, &files)
}
