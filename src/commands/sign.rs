//! `vanban sign` and `vanban verify`: read the command line's choices, print the outcome.

use std::path::{Path, PathBuf};

use super::sign_options::mark;
pub use super::sign_options::{KeySource, Phase, Remote, SignOptions, request};
use crate::error::Error;
use crate::problem::Lang;
use crate::problem::say::Say;
use crate::record::Date;
use crate::sign::key::Credentials;
use crate::sign::pkcs12::{self, Password};
use crate::sign::token::Choice;
use crate::sign::verify;
use crate::sign::{SignProblem, problem};

/// Runs `vanban sign`: one password or PIN for every file; prints each signed file's path,
/// and each file's error; fails if any file was not signed.
pub fn sign(options: &SignOptions, lang: Lang) -> Result<(), Error> {
    let first = options.pdfs.first().map_or(Path::new(""), PathBuf::as_path);
    if options.output.is_some() && options.pdfs.len() > 1 {
        return Err(problem(first, SignProblem::OutputWithMany));
    }
    let outputs: Vec<PathBuf> = options
        .pdfs
        .iter()
        .map(|pdf| {
            options
                .output
                .map_or_else(|| crate::sign::default_output(pdf), Path::to_path_buf)
        })
        .collect();
    // Nothing is overwritten, and this is known before the token is asked for its PIN.
    for (pdf, output) in options.pdfs.iter().zip(&outputs) {
        if output != pdf && output.exists() {
            return Err(Error::WouldOverwrite { path: output.clone() });
        }
    }
    if options.archive_timestamp {
        return archive_timestamps(options, &outputs, lang);
    }
    if let Some(remote) = &options.remote {
        return super::sign_remote::sign(options, &outputs, remote, lang);
    }
    match options.phase {
        Phase::OneStep => {}
        Phase::Prepare { cert, chain } => return super::sign_phases::prepare(options, cert, chain),
        Phase::Finish { signature } => return super::sign_phases::finish(options, &outputs, signature),
    }
    mark(options)?;
    let credentials = credentials(&options.key, lang)?;
    each_file(options, &outputs, lang, |pdf, output| {
        let request = request(options, pdf, output, &credentials.chain)?;
        crate::sign::sign(&request, &credentials.key)
    })
}

/// Does `one` for each file and its output: prints each file written and each file's
/// error; one file's error is the command's; of several, the others go on and the command
/// fails if any did.
pub(super) fn each_file(
    options: &SignOptions,
    outputs: &[PathBuf],
    lang: Lang,
    one: impl Fn(&Path, &Path) -> Result<(), Error>,
) -> Result<(), Error> {
    let mut failed = Vec::new();
    for (pdf, output) in options.pdfs.iter().zip(outputs) {
        match one(pdf, output) {
            Ok(()) => super::print_written(vec![output.clone()])?,
            Err(error) if options.pdfs.len() == 1 => return Err(error),
            Err(error) => {
                eprintln!("{}", error.render(lang));
                failed.push(pdf);
            }
        }
    }
    match failed.as_slice() {
        [] => Ok(()),
        [one, ..] => Err(problem(
            one,
            SignProblem::SomeNotSigned {
                bad: failed.len(),
                total: options.pdfs.len(),
            },
        )),
    }
}

/// The key and chain, with the one password or PIN it needs.
fn credentials(source: &KeySource, lang: Lang) -> Result<Credentials, Error> {
    match source {
        KeySource::P12 { file, password_env } => {
            let password = match password_env {
                Some(name) => Password::Env(name.to_string()),
                None => Password::Prompt,
            };
            let secret = password.read(file)?;
            pkcs12::read(file, &secret)
        }
        KeySource::Token {
            module,
            choice,
            pin_env,
        } => {
            let pin =
                || super::sign_options::pin(*pin_env, &module.display().to_string(), module).map(|p| p.to_string());
            let (module, found) = crate::sign::modules::resolve(module)?;
            if let Some(found) = found {
                let (path, from) = (found.module.display().to_string(), found.from);
                eprintln!(
                    "vanban: {}",
                    Say::ModuleFound {
                        module: &path,
                        from: &from
                    }
                    .to(lang)
                );
            }
            Credentials::from_token(&module, choice, pin)
        }
    }
}

/// `vanban sign --archive-timestamp`: each file's store completed, then a document timestamp
/// over it, then the store completed again for the timestamp's own authority.
fn archive_timestamps(options: &SignOptions, outputs: &[PathBuf], lang: Lang) -> Result<(), Error> {
    let tsa = options.tsa.unwrap_or_default();
    each_file(options, outputs, lang, |pdf, output| {
        let bytes = std::fs::read(pdf).map_err(|e| Error::Read {
            path: pdf.to_path_buf(),
            detail: e.to_string(),
        })?;
        let bytes = crate::sign::ltv::extend(pdf, bytes)?;
        let bytes = crate::sign::doc_timestamp::add(pdf, bytes, tsa)?;
        let bytes = crate::sign::ltv::extend(pdf, bytes)?;
        crate::output::write_atomic(output, &bytes)
    })
}

/// Runs `vanban verify`: a report per signature (and document timestamp), also as JSON
/// with `--report`; fails unless every one is intact (and trusted, with `--trust`; and
/// still validates on the day `--at` names).
pub fn verify(
    pdf: &Path,
    trust: Option<&Path>,
    at: Option<Date>,
    json: Option<&Path>,
    lang: Lang,
) -> Result<(), Error> {
    let anchors = trust.map(read_anchors).transpose()?;
    // The end of the day asked, in Vietnam time.
    let at = at.map(|d| (d.days_since_epoch() + 1) * 86_400 - 7 * 3600 - 1);
    let reports = verify::verify(pdf, anchors.as_deref(), at)?;
    for (index, one) in reports.iter().enumerate() {
        super::say!("{}", one.render(index + 1, lang));
    }
    if let Some(json) = json {
        let levels: Vec<serde_json::Value> = reports.iter().map(|r| r.data()).collect();
        let text =
            serde_json::to_string_pretty(&serde_json::json!({ "file": pdf, "signatures": levels })).unwrap_or_default();
        crate::output::write_atomic(json, text.as_bytes())?;
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
        let key = match (&self.pkcs11, &self.p12) {
            (Some(module), _) => KeySource::Token {
                module,
                choice: Choice {
                    token: self.token_label.as_deref(),
                    key: self.key_label.as_deref(),
                },
                pin_env: self.pin_env.as_deref(),
            },
            (None, p12) => KeySource::P12 {
                file: p12.as_deref().unwrap_or(Path::new("")),
                password_env: self.password_env.as_deref(),
            },
        };
        let phase = match (&self.cert, &self.signature) {
            (Some(cert), _) if self.prepare => Phase::Prepare {
                cert,
                chain: &self.chain,
            },
            (_, Some(signature)) if self.finish => Phase::Finish { signature },
            _ => Phase::OneStep,
        };
        SignOptions {
            phase,
            allow_other_signer: self.allow_other_signer,
            archive_timestamp: self.archive_timestamp,
            pdfs: &self.pdfs,
            key,
            agency: self.agency,
            image: self.image.as_deref(),
            seal: self.seal.as_deref(),
            signer: self.signer.as_deref(),
            output: self.output.as_deref(),
            tsa: self.tsa.as_deref(),
            ltv: self.ltv,
            remote: self.csc.as_deref().map(|url| Remote {
                url,
                credential: self.csc_credential.as_deref().unwrap_or_default(),
                pin_env: self.pin_env.as_deref(),
                wait: self.csc_wait,
            }),
        }
    }
}
