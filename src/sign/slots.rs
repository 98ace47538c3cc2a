//! Where a document's signers sign.
//!
//! The layout library marks the room under each signer's position with a `metadata`
//! labelled `<vanban-signature-slot>` and attaches every such place, once laid out, to the
//! PDF as `vanban-cho-ky.json`: a JSON array of `{role, page, x, y, width, height, name,
//! issuer}`, page 1-based, lengths in points from the page's top-left corner, `name` the
//! signer's as the signer block shows it and `issuer` the issuing body's as the header shows
//! it (both absent from files of earlier versions). Roles: `signer` (notices, reports),
//! `secretary` and `chair` (minutes). `vanban sign` and `render --sign-fields`
//! read it back, so positions always come from the laid-out document.

use std::path::Path;

use serde::Deserialize;

use super::SignProblem;
use crate::error::Error;
use crate::output::attachments::SIGNING_PLACES;

/// The attachment's name (the layout library writes it; see [`SIGNING_PLACES`]).
pub const ATTACHMENT: &str = SIGNING_PLACES;

/// A rectangle on a page, in PDF points from the page's bottom-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left.
    pub left: f64,
    /// Bottom.
    pub bottom: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl Rect {
    /// `[llx lly urx ury]`, as PDF writes a rectangle.
    pub fn corners(self) -> [f64; 4] {
        [
            self.left,
            self.bottom,
            self.left + self.width,
            self.bottom + self.height,
        ]
    }

    /// The rectangle of PDF corners `[a b c d]` in any order.
    pub fn from_corners(c: [f64; 4]) -> Rect {
        Rect {
            left: c[0].min(c[2]),
            bottom: c[1].min(c[3]),
            width: (c[2] - c[0]).abs(),
            height: (c[3] - c[1]).abs(),
        }
    }

    /// A `width` × `height` rectangle centred in this one.
    pub fn centred(self, width: f64, height: f64) -> Rect {
        Rect {
            left: self.left + (self.width - width) / 2.0,
            bottom: self.bottom + (self.height - height) / 2.0,
            width,
            height,
        }
    }
}

/// One signer's place, as the layout library records it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Slot {
    /// `signer`, `secretary` or `chair`.
    pub role: String,
    /// 1-based page.
    pub page: usize,
    /// Left, points from the page's left edge.
    pub x: f64,
    /// Top, points from the page's top edge.
    pub y: f64,
    /// Width in points.
    pub width: f64,
    /// Height in points.
    pub height: f64,
    /// The signer's name, as the signer block shows it.
    #[serde(default)]
    pub name: Option<String>,
    /// The issuing body's name, as the header shows it.
    #[serde(default)]
    pub issuer: Option<String>,
}

impl Slot {
    /// The slot in PDF coordinates on a page `page_height` points high.
    pub fn rect(&self, page_height: f64) -> Rect {
        Rect {
            left: self.x,
            bottom: page_height - self.y - self.height,
            width: self.width,
            height: self.height,
        }
    }

    /// The signature field's name for this slot: `chu-ky-<role>` (agency: `con-dau-<role>`).
    pub fn field_name(&self, agency: bool) -> String {
        let what = if agency { "con-dau" } else { "chu-ky" };
        format!("{what}-{}", self.role)
    }
}

/// The slots recorded in the PDF at `path`; an error if it records none.
pub fn read(path: &Path) -> Result<Vec<Slot>, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::Read {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })?;
    in_pdf(&bytes, path)?.ok_or_else(|| super::problem(path, SignProblem::NoSlots))
}

/// The slots recorded in `bytes`, a PDF named `path`; none when it records none.
pub fn in_pdf(bytes: &[u8], path: &Path) -> Result<Option<Vec<Slot>>, Error> {
    let attachments = crate::output::extract::attachments_in(bytes, path)?;
    let Some(json) = attachments.iter().find(|a| a.name == ATTACHMENT) else {
        return Ok(None);
    };
    let text = String::from_utf8_lossy(&json.bytes);
    // JSON is YAML: the project's YAML reader parses it without another dependency.
    Ok(serde_saphyr::from_str::<Vec<Slot>>(&text)
        .ok()
        .filter(|slots| !slots.is_empty()))
}

/// The slot for `role`, or the only slot when no role is asked for.
pub fn pick<'a>(slots: &'a [Slot], role: Option<&str>, path: &Path) -> Result<&'a Slot, Error> {
    let roles = || slots.iter().map(|s| s.role.clone()).collect::<Vec<_>>().join(", ");
    match role {
        Some(role) => slots.iter().find(|s| s.role == role).ok_or_else(|| {
            super::problem(
                path,
                SignProblem::NoSuchSigner {
                    role: role.to_string(),
                    roles: roles(),
                },
            )
        }),
        None if slots.len() == 1 => Ok(&slots[0]),
        None => Err(super::problem(path, SignProblem::WhichSigner { roles: roles() })),
    }
}
