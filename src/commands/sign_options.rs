//! What `vanban sign` was asked to do (the key, the mark, the phase), the signing request it
//! makes of each PDF, and the PIN asked once: shared by the one-step signing (`sign.rs`), the
//! two phases (`sign_phases.rs`) and the remote service (`sign_remote.rs`).

use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::error::Error;
use crate::sign::appearance::Png;
use crate::sign::token::Choice;
use crate::sign::token_problem::TokenProblem;
use crate::sign::{Mark, Request, SignProblem, SigningTime, problem};

/// Where the key is.
pub enum KeySource<'a> {
    /// A PKCS#12 file, its password from this variable (else the terminal).
    P12 {
        file: &'a Path,
        password_env: Option<&'a str>,
    },
    /// A USB token through this PKCS#11 module, its PIN from this variable (else the terminal).
    Token {
        module: &'a Path,
        choice: Choice<'a>,
        pin_env: Option<&'a str>,
    },
}

/// A remote signing service holding the key (`--csc`).
pub struct Remote<'a> {
    /// The service's address.
    pub url: &'a str,
    /// The signer's credential there.
    pub credential: &'a str,
    /// The variable holding the PIN (else it is asked on the terminal).
    pub pin_env: Option<&'a str>,
    /// How long to wait for the signer's approval, in seconds.
    pub wait: u64,
}

/// What `vanban sign` was asked to do.
pub struct SignOptions<'a> {
    /// The PDFs.
    pub pdfs: &'a [PathBuf],
    /// The key.
    pub key: KeySource<'a>,
    /// Sign as the agency (with `seal`) instead of the person (with `image`).
    pub agency: bool,
    /// The handwritten-signature PNG.
    pub image: Option<&'a Path>,
    /// The seal PNG.
    pub seal: Option<&'a Path>,
    /// Which signer's place.
    pub signer: Option<&'a str>,
    /// Output file (one PDF only).
    pub output: Option<&'a Path>,
    /// A time-stamping authority's URL (PAdES B-T).
    pub tsa: Option<&'a str>,
    /// Add the security store with every certificate's revocation list (PAdES B-LT).
    pub ltv: bool,
    /// No signature: the store, then a document timestamp over the file (PAdES B-LTA).
    pub archive_timestamp: bool,
    /// One step, or one of the two phases.
    pub phase: Phase<'a>,
    /// Sign even when the certificate names someone other than the document's signer.
    pub allow_other_signer: bool,
    /// A remote signing service instead of `key`.
    pub remote: Option<Remote<'a>>,
}

/// Which of the two phases `vanban sign` runs; one step runs both with the key at hand.
pub enum Phase<'a> {
    /// Prepare, sign with the key, finish.
    OneStep,
    /// Prepare for the signer's certificate and its chain; print the digest to sign.
    Prepare { cert: &'a Path, chain: &'a [PathBuf] },
    /// Finish with the signature in this file (`-`: standard input).
    Finish { signature: &'a str },
}

/// What to sign in `pdf`, written to `output`, with the certificates of `chain`.
pub fn request<'a>(
    options: &SignOptions<'a>,
    pdf: &'a Path,
    output: &'a Path,
    chain: &'a [x509_cert::Certificate],
) -> Result<Request<'a>, Error> {
    Ok(Request {
        pdf,
        output,
        chain,
        mark: mark(options)?,
        role: options.signer,
        time: SigningTime::now(),
        tsa: options.tsa,
        ltv: options.ltv,
        allow_other_signer: options.allow_other_signer,
    })
}

/// The person's signature image, or the agency's seal.
pub(super) fn mark(options: &SignOptions) -> Result<Mark, Error> {
    let first = options.pdfs.first().map_or(Path::new(""), PathBuf::as_path);
    match (options.agency, options.image, options.seal) {
        (true, _, Some(seal)) => Ok(Mark::Agency(Png::read(seal)?)),
        (false, Some(image), _) => Ok(Mark::Person(Png::read(image)?)),
        (true, _, None) | (false, None, _) => unreachable_by_clap(first),
    }
}

/// clap requires `--image` for a person and `--seal` for the agency; kept as an error, not a panic.
fn unreachable_by_clap(pdf: &Path) -> Result<Mark, Error> {
    Err(problem(pdf, SignProblem::NotPng))
}

/// The PIN, from the variable `pin_env` or else asked on the terminal once, unechoed, after
/// `label`; `about` names the token or service in messages.
pub(super) fn pin(pin_env: Option<&str>, label: &str, about: &Path) -> Result<Zeroizing<String>, Error> {
    let problem = |p: TokenProblem| problem(about, SignProblem::Token(p));
    match pin_env {
        Some(name) => std::env::var(name)
            .map(Zeroizing::new)
            .map_err(|_| problem(TokenProblem::PinVariableUnset { name: name.to_string() })),
        None => rpassword::prompt_password(format!("PIN ({label}): "))
            .map(Zeroizing::new)
            .map_err(|_| problem(TokenProblem::NoPinPrompt)),
    }
}
