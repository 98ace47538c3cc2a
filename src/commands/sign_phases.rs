//! `vanban sign --prepare` and `vanban sign --finish`: a signature in two phases, for a key
//! that never reaches this machine (the signer's own token, a remote signing service).

use std::io::Read as _;
use std::path::{Path, PathBuf};

use base64ct::{Base64, Encoding};
use der::Decode;
use x509_cert::Certificate;

use super::sign_options::{SignOptions, request};
use crate::error::Error;
use crate::sign::{SignProblem, certs, finish, key, prepare, problem, state};

/// `--prepare`: the PDF prepared for `cert` (with the certificates of `chain`) written to
/// `-o`, its state beside it, and one JSON line on standard output with the digest to sign.
pub fn prepare(options: &SignOptions, cert: &Path, chain: &[PathBuf]) -> Result<(), Error> {
    let (Some(pdf), Some(output)) = (options.pdfs.first(), options.output) else {
        return Err(problem(Path::new(""), SignProblem::OutputWithMany));
    };
    let mut certificates = certificates_in(cert)?;
    for file in chain {
        certificates.extend(certificates_in(file)?);
    }
    let prepared = prepare::prepare(&request(options, pdf, output, &certificates)?)?;
    state::save(output, &prepared)?;
    let algorithm = match key::algorithm_of(&certificates[0]).map(|a| a.oid) {
        Ok(oid) if oid == key::RSA_ENCRYPTION => "RSA",
        _ => "ECDSA",
    };
    let line = serde_json::json!({
        "digest": Base64::encode_string(&prepared.digest()),
        "hash": "SHA-256",
        "algorithm": algorithm,
        "signer": certs::holder(&certificates[0]),
        "prepared": output,
        "state": state::path_of(output),
    });
    super::say!("{line}");
    Ok(())
}

/// `--finish`: the prepared PDF with the signature read from `signature` (base64; `-` is
/// standard input), written to its output once its certificate still names the document's
/// signer and the signature verifies.
pub fn finish(options: &SignOptions, outputs: &[PathBuf], signature: &str) -> Result<(), Error> {
    let (Some(pdf), Some(output)) = (options.pdfs.first(), outputs.first()) else {
        return Err(problem(Path::new(""), SignProblem::OutputWithMany));
    };
    if options.pdfs.len() > 1 {
        return Err(problem(pdf, SignProblem::OnePreparedPerSignature));
    }
    let source = if signature == "-" { "-" } else { signature };
    let mut text = String::new();
    let read = if signature == "-" {
        std::io::stdin().read_to_string(&mut text).map(drop)
    } else {
        std::fs::read_to_string(signature).map(|t| text = t)
    };
    read.map_err(|e| Error::Read {
        path: PathBuf::from(signature),
        detail: e.to_string(),
    })?;
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let raw = Base64::decode_vec(&compact)
        .ok()
        .filter(|raw| !raw.is_empty())
        .ok_or_else(|| {
            problem(
                pdf,
                SignProblem::NotBase64 {
                    file: source.to_string(),
                },
            )
        })?;
    let prepared = state::load(pdf)?;
    if !options.allow_other_signer {
        prepare::check_signer(pdf, &prepared)?;
    }
    let bytes = finish::finish(pdf, prepared, raw, source, options.tsa, options.ltv)?;
    crate::output::write_atomic(output, &bytes)?;
    super::print_written(vec![output.clone()])
}

/// The certificates in a PEM file (every one) or a DER file (the one).
fn certificates_in(path: &Path) -> Result<Vec<Certificate>, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::Read {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })?;
    let found = if bytes.starts_with(b"-----") || bytes.windows(11).any(|w| w == b"-----BEGIN ") {
        certs::read_pem(&bytes)
    } else {
        Certificate::from_der(&bytes).map(|c| vec![c]).unwrap_or_default()
    };
    if found.is_empty() {
        return Err(problem(
            path,
            SignProblem::BadCertificate {
                file: path.display().to_string(),
            },
        ));
    }
    Ok(found)
}
