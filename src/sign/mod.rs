//! ND30 digital signatures (PAdES baseline B-B) placed where the layout put each signer.
//!
//! - [`slots`]: where signers sign, as the laid-out document recorded it in the PDF;
//! - [`key`]: the signer's key and certificate chain; [`pkcs12`]: read from a .p12 file, with
//!   the password's source; [`token`]: on a USB token, through its PKCS#11 module;
//!   [`modules`]: the machine's modules, for `--pkcs11 auto`;
//! - [`prepare`] and [`finish`]: a signature's two phases, the digest signed between them
//!   here or where the key lives; [`state`]: what `--prepare` keeps for `--finish`;
//!   [`binding`]: only the signer the document names signs; [`csc`]: a remote signing
//!   service (CSC API v2) that signs the digest, [`csc_problem`]: what it can refuse;
//! - [`cms`]: the CMS SignedData of one signature; [`timestamp`]: its RFC 3161 timestamp;
//! - [`ltv`]: the document security store with each certificate's OCSP answer or revocation
//!   list (B-LT); [`ocsp`]: asking a responder; [`dss`]: reading the store back; [`doc_timestamp`]: the document timestamp over it (B-LTA);
//!   [`net`]: the one HTTP exchange both need;
//! - [`appearance`]: what a signature shows (signature image, or seal with name and time);
//! - [`fields`]: signature fields and widgets; [`pdf`]: incremental updates;
//! - [`verify`]: reading every signature back; [`report`]: what it says of each;
//!   [`certs`]: names, signatures, chains;
//! - `vanban sign` and `vanban verify` themselves are in `commands/sign.rs`.

pub mod appearance;
pub mod binding;
pub mod certs;
pub mod cms;
pub mod csc;
pub mod csc_problem;
pub mod doc_timestamp;
pub mod dss;
pub mod fields;
pub mod finish;
pub mod key;
pub mod ltv;
pub mod modules;
pub mod net;
pub mod ocsp;
pub mod pdf;
pub mod pkcs12;
pub mod prepare;
pub mod problem;
pub mod report;
pub mod slots;
pub mod state;
pub mod timestamp;
pub mod token;
pub mod token_problem;
pub mod verify;

use std::path::{Path, PathBuf};

use lopdf::{Dictionary, Object};
use sha2::{Digest, Sha256};

pub use problem::SignProblem;

use crate::error::Error;
use appearance::Png;
use key::Key;

/// Bytes kept for the CMS signature in `/Contents` (hex doubles them in the file).
const SIGNATURE_ROOM: usize = 16 * 1024;
/// Placeholder for the four `/ByteRange` numbers, patched once offsets are known.
const BYTE_RANGE_PLACEHOLDER: &[u8] = b"[0 0000000000 0000000000 0000000000]";

/// An [`Error`] about `path`.
pub fn problem(path: &Path, problem: SignProblem) -> Error {
    Error::Feature {
        path: path.to_path_buf(),
        problem: Box::new(problem),
    }
}

/// Who signs, and what the signature shows.
pub enum Mark {
    /// The person with authority: their handwritten signature, blue, PNG.
    Person(Png),
    /// The agency: its seal, red, PNG at real size, with its name and the signing time.
    Agency(Png),
}

/// One signature to add.
pub struct Request<'a> {
    /// The PDF to sign.
    pub pdf: &'a Path,
    /// Where to write the signed PDF.
    pub output: &'a Path,
    /// The signer's certificate, then its chain.
    pub chain: &'a [x509_cert::Certificate],
    /// Person or agency.
    pub mark: Mark,
    /// `signer`, `chair`, `secretary`; none when the document has one signer.
    pub role: Option<&'a str>,
    /// The signing time; its ISO 8601 form at +07:00 is shown and written to `/M`.
    pub time: SigningTime,
    /// A time-stamping authority's URL: the signature gets its timestamp (PAdES B-T).
    pub tsa: Option<&'a str>,
    /// Then add the certificates and their revocation lists in a security store (B-LT).
    pub ltv: bool,
    /// Sign even when the certificate names someone other than the document's signer.
    pub allow_other_signer: bool,
}

/// A moment in Vietnam time (UTC+07:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SigningTime {
    /// Seconds since 1970-01-01 UTC.
    pub unix: i64,
}

impl SigningTime {
    /// Now.
    pub fn now() -> SigningTime {
        SigningTime {
            unix: crate::record::clock::now_unix(),
        }
    }

    /// The moment in the office's zone: year, month, day, hours, minutes, seconds.
    fn parts(self) -> (i32, u8, u8, u8, u8, u8) {
        let t = crate::record::clock::in_office_zone(self.unix);
        (t.year(), u8::from(t.month()), t.day(), t.hour(), t.minute(), t.second())
    }

    /// `2026-02-05T10:30:00+07:00`.
    pub fn iso(self) -> String {
        let (y, m, d, h, min, s) = self.parts();
        format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}+07:00")
    }

    /// `D:20260205103000+07'00'`, the PDF date of `/M`.
    pub fn pdf(self) -> String {
        let (y, m, d, h, min, s) = self.parts();
        format!("D:{y:04}{m:02}{d:02}{h:02}{min:02}{s:02}+07'00'")
    }
}

/// The output name when `-o` is not given: `<stem>-da-ky.pdf` beside the input, or the input
/// itself when it is such a file already (a signature only ever appends to a PDF).
pub fn default_output(pdf: &Path) -> PathBuf {
    let stem = pdf
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem.ends_with("-da-ky") {
        pdf.to_path_buf()
    } else {
        pdf.with_file_name(format!("{stem}-da-ky.pdf"))
    }
}

/// Adds one signature to `request.pdf` with `key`, written to `request.output` (atomically):
/// prepared, the digest signed with the key, finished, as when the key is elsewhere.
pub fn sign(request: &Request, key: &Key) -> Result<(), Error> {
    let prepared = prepare::prepare(request)?;
    let signature = key
        .sign(&prepared.signed_attributes)
        .map_err(|p| problem(request.pdf, p))?;
    let source = request.pdf.display().to_string();
    let bytes = finish::finish(request.pdf, prepared, signature, &source, request.tsa, request.ltv)?;
    crate::output::write_atomic(request.output, &bytes)
}

/// A PDF text string: UTF-16BE with its byte-order mark, written in hex.
pub fn text_string(text: &str) -> Object {
    let mut bytes = vec![0xfe, 0xff];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, lopdf::StringFormat::Hexadecimal)
}

/// The signature dictionary with room for `/ByteRange` and `/Contents`.
pub(crate) fn signature_dictionary(holder: &str, time: SigningTime) -> Vec<u8> {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Sig".to_vec()));
    dict.set("Filter", Object::Name(b"Adobe.PPKLite".to_vec()));
    dict.set("SubFilter", Object::Name(b"ETSI.CAdES.detached".to_vec()));
    dict.set("M", Object::string_literal(time.pdf()));
    dict.set("Name", text_string(holder));
    with_room(dict)
}

/// `dict` written with room for `/ByteRange` and `/Contents` after its own keys.
fn with_room(dict: Dictionary) -> Vec<u8> {
    let mut body = Vec::new();
    let _ = lopdf::Writer::write_object(&mut body, &Object::Dictionary(dict));
    body.truncate(body.len() - 2);
    body.extend_from_slice(b"/ByteRange ");
    body.extend_from_slice(BYTE_RANGE_PLACEHOLDER);
    body.extend_from_slice(b"/Contents <");
    body.extend(std::iter::repeat_n(b'0', SIGNATURE_ROOM * 2));
    body.extend_from_slice(b">>>");
    body
}

/// Patches the byte range of the dictionary starting at `start` and writes into its
/// `/Contents` what `contents` makes of the covered bytes' SHA-256.
fn fill(
    bytes: &mut [u8],
    start: usize,
    contents: impl FnOnce(&[u8]) -> Result<Vec<u8>, SignProblem>,
) -> Result<(), SignProblem> {
    let [a, b, c, d] = place_byte_range(bytes, start)?;
    let mut hasher = Sha256::new();
    hasher.update(&bytes[a..a + b]);
    hasher.update(&bytes[c..c + d]);
    let cms = contents(&hasher.finalize())?;
    write_contents(bytes, b, &cms)
}

/// Writes the `/ByteRange` of the dictionary starting at `start`: everything but its
/// `/Contents`. Returns the four numbers.
pub(crate) fn place_byte_range(bytes: &mut [u8], start: usize) -> Result<[usize; 4], SignProblem> {
    let bad = |detail: &str| SignProblem::BadPdf { detail: detail.into() };
    let find = |needle: &[u8], from: usize| {
        bytes[from..]
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|p| p + from)
    };
    let range_at = find(b"/ByteRange ", start).ok_or_else(|| bad("no /ByteRange"))? + b"/ByteRange ".len();
    let contents_at = find(b"/Contents <", start).ok_or_else(|| bad("no /Contents"))? + b"/Contents ".len();
    let contents_end = contents_at + SIGNATURE_ROOM * 2 + 2;
    let after = bytes.len() - contents_end;
    let numbers = format!("[0 {contents_at} {contents_end} {after}]");
    let padded = format!("{numbers:<width$}", width = BYTE_RANGE_PLACEHOLDER.len());
    if padded.len() != BYTE_RANGE_PLACEHOLDER.len() {
        return Err(bad("file too large"));
    }
    bytes[range_at..range_at + padded.len()].copy_from_slice(padded.as_bytes());
    Ok([0, contents_at, contents_end, after])
}

/// Writes `cms` in hex into the `/Contents` whose `<` is at `contents_at`.
pub(crate) fn write_contents(bytes: &mut [u8], contents_at: usize, cms: &[u8]) -> Result<(), SignProblem> {
    if cms.len() > SIGNATURE_ROOM {
        return Err(SignProblem::BadPdf {
            detail: "signature too large".into(),
        });
    }
    let hex = base16ct::lower::encode_string(cms);
    bytes[contents_at + 1..contents_at + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(())
}
