//! `vanban sign` and `vanban verify`: read the command line's choices, print the outcome.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::problem::Lang;
use crate::sign::appearance::Png;
use crate::sign::pkcs12::{self, Password};
use crate::sign::verify;
use crate::sign::{Mark, Request, SignProblem, SigningTime, problem};

/// What `vanban sign` was asked to do.
pub struct SignOptions<'a> {
    /// The PDF.
    pub pdf: &'a Path,
    /// The PKCS#12 file.
    pub p12: &'a Path,
    /// The environment variable holding its password (else the terminal prompt).
    pub password_env: Option<&'a str>,
    /// Sign as the agency (with `seal`) instead of the person (with `image`).
    pub agency: bool,
    /// The handwritten-signature PNG.
    pub image: Option<&'a Path>,
    /// The seal PNG.
    pub seal: Option<&'a Path>,
    /// Which signer's place.
    pub signer: Option<&'a str>,
    /// Output file.
    pub output: Option<&'a Path>,
}

/// Runs `vanban sign`; prints the signed file's path.
pub fn sign(options: &SignOptions) -> Result<(), Error> {
    let path = signed(options)?;
    super::print_written(vec![path])
}

fn signed(options: &SignOptions) -> Result<PathBuf, Error> {
    let output = options
        .output
        .map_or_else(|| crate::sign::default_output(options.pdf), Path::to_path_buf);
    if output != options.pdf && output.exists() {
        return Err(Error::WouldOverwrite { path: output });
    }
    let mark = match (options.agency, options.image, options.seal) {
        (true, _, Some(seal)) => Mark::Agency(Png::read(seal)?),
        (false, Some(image), _) => Mark::Person(Png::read(image)?),
        (true, _, None) | (false, None, _) => unreachable_by_clap(options.pdf)?,
    };
    let password = match options.password_env {
        Some(name) => Password::Env(name.to_string()),
        None => Password::Prompt,
    };
    let secret = password.read(options.p12)?;
    let credentials = pkcs12::read(options.p12, &secret)?;
    drop(secret);
    crate::sign::sign(&Request {
        pdf: options.pdf,
        output: &output,
        credentials: &credentials,
        mark,
        role: options.signer,
        time: SigningTime::now(),
    })?;
    Ok(output)
}

/// clap requires `--image` for a person and `--seal` for the agency; kept as an error, not a panic.
fn unreachable_by_clap(pdf: &Path) -> Result<Mark, Error> {
    Err(problem(pdf, SignProblem::NotPng))
}

/// Runs `vanban verify`: a report per signature; fails unless every one is intact (and
/// trusted, with `--trust`).
pub fn verify(pdf: &Path, trust: Option<&Path>, lang: Lang) -> Result<(), Error> {
    let anchors = trust.map(read_anchors).transpose()?;
    let reports = verify::verify(pdf, anchors.as_deref())?;
    for (index, one) in reports.iter().enumerate() {
        super::say!("{}", one.render(index + 1, lang));
    }
    match reports.iter().filter(|r| !r.valid()).count() {
        0 => Ok(()),
        bad => Err(problem(
            pdf,
            SignProblem::VerifyFailed {
                bad,
                total: reports.len(),
            },
        )),
    }
}

fn read_anchors(path: &Path) -> Result<Vec<x509_cert::Certificate>, Error> {
    let text = std::fs::read(path).map_err(|e| Error::Read {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })?;
    let anchors = crate::sign::certs::read_pem(&text);
    if anchors.is_empty() {
        return Err(Error::Read {
            path: path.to_path_buf(),
            detail: "no PEM certificate".into(),
        });
    }
    Ok(anchors)
}

impl crate::args::SignArgs {
    /// The options this command line asks for.
    pub fn options(&self) -> SignOptions<'_> {
        SignOptions {
            pdf: &self.pdf,
            p12: &self.p12,
            password_env: self.password_env.as_deref(),
            agency: self.agency,
            image: self.image.as_deref(),
            seal: self.seal.as_deref(),
            signer: self.signer.as_deref(),
            output: self.output.as_deref(),
        }
    }
}
