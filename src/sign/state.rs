//! What `vanban sign --prepare` keeps beside the prepared PDF for `--finish`:
//! `PREPARED.pdf.vanban-sign.json` with the signed attributes (DER, base64), the certificate
//! and its chain (DER, base64), the byte range, the digest to sign, and whose place it is
//! (`--signer`, `--agency`). Never a key. Read
//! back, it is checked against the PDF: the covered bytes must still give the digest the
//! signed attributes carry, and `/Contents` must still be empty.

use std::path::{Path, PathBuf};

use base64ct::{Base64, Encoding};
use der::{Decode, Encode};
use serde::{Deserialize, Serialize};
use x509_cert::Certificate;

use super::prepare::Prepared;
use super::{SignProblem, cms, problem};
use crate::error::Error;

/// The state file's format version.
const VERSION: u32 = 1;

/// The state file as written.
#[derive(Serialize, Deserialize)]
struct Saved {
    vanban_sign: u32,
    digest: String,
    signed_attributes: String,
    certificates: Vec<String>,
    byte_range: [usize; 4],
    role: Option<String>,
    agency: bool,
}

/// Where the state of the prepared PDF `pdf` is kept.
pub fn path_of(pdf: &Path) -> PathBuf {
    let mut name = pdf.file_name().unwrap_or_default().to_os_string();
    name.push(".vanban-sign.json");
    pdf.with_file_name(name)
}

/// Writes `prepared` to `pdf` and its state beside it (both atomically).
pub fn save(pdf: &Path, prepared: &Prepared) -> Result<(), Error> {
    let certificates = prepared
        .chain
        .iter()
        .map(|c| c.to_der().map(|der| Base64::encode_string(&der)))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| problem(pdf, SignProblem::BadPdf { detail: e.to_string() }))?;
    let saved = Saved {
        vanban_sign: VERSION,
        digest: Base64::encode_string(&prepared.digest()),
        signed_attributes: Base64::encode_string(&prepared.signed_attributes),
        certificates,
        byte_range: prepared.byte_range,
        role: prepared.role.clone(),
        agency: prepared.agency,
    };
    let text = serde_json::to_string_pretty(&saved).unwrap_or_default();
    crate::output::write_atomic(pdf, &prepared.bytes)?;
    crate::output::write_atomic(&path_of(pdf), text.as_bytes())
}

/// The prepared PDF `pdf` and its state, checked against each other.
pub fn load(pdf: &Path) -> Result<Prepared, Error> {
    let not_prepared = |detail: &str| {
        problem(
            pdf,
            SignProblem::NotPrepared {
                detail: detail.to_string(),
            },
        )
    };
    let state = path_of(pdf);
    let text = std::fs::read(&state).map_err(|_| not_prepared(&format!("{} ?", state.display())))?;
    let saved: Saved = serde_json::from_slice(&text).map_err(|e| not_prepared(&e.to_string()))?;
    if saved.vanban_sign != VERSION {
        return Err(not_prepared("vanban_sign"));
    }
    let bytes = std::fs::read(pdf).map_err(|e| Error::Read {
        path: pdf.to_path_buf(),
        detail: e.to_string(),
    })?;
    let decode = |text: &str| Base64::decode_vec(text).map_err(|_| not_prepared("base64"));
    let chain = saved
        .certificates
        .iter()
        .map(|c| Certificate::from_der(&decode(c)?).map_err(|_| not_prepared("certificate")))
        .collect::<Result<Vec<_>, _>>()?;
    let prepared = Prepared {
        bytes,
        byte_range: saved.byte_range,
        signed_attributes: decode(&saved.signed_attributes)?,
        chain,
        role: saved.role,
        agency: saved.agency,
    };
    if prepared.chain.is_empty() {
        return Err(not_prepared("certificate"));
    }
    still_fits(&prepared).map_err(not_prepared)?;
    Ok(prepared)
}

/// Whether the PDF is still as prepared: the byte range spans the file around an empty
/// `/Contents`, written in the file, and the covered bytes give the signed message digest.
fn still_fits(prepared: &Prepared) -> Result<(), &'static str> {
    let [a, b, c, d] = prepared.byte_range;
    let bytes = &prepared.bytes;
    if a != 0 || b >= c || c.checked_add(d) != Some(bytes.len()) {
        return Err("/ByteRange");
    }
    let contents = &bytes[b..c];
    let empty = contents.len() > 2
        && contents[0] == b'<'
        && contents[contents.len() - 1] == b'>'
        && contents[1..contents.len() - 1].iter().all(|&x| x == b'0');
    if !empty {
        return Err("/Contents");
    }
    let written = format!("/ByteRange [0 {b} {c} {d}]");
    let before = &bytes[b.saturating_sub(2048)..b];
    if !before.windows(written.len()).any(|w| w == written.as_bytes()) {
        return Err("/ByteRange");
    }
    if cms::message_digest_of(&prepared.signed_attributes) != Some(prepared.covered_digest()) {
        return Err("digest");
    }
    Ok(())
}
