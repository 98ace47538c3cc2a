//! `vanban sign --csc URL --csc-credential ID`: the signer's key at a remote signing service
//! (CSC API v2). The signer's certificate comes from the service and must name the document's
//! signer before anything is asked; each PDF is prepared as `--prepare` does; the PIN is asked
//! once and sent once for every digest; the service's signatures finish the PDFs as
//! `--finish` does, each checked against the certificate. Nothing is written unless every
//! signature verifies.

use std::path::{Path, PathBuf};

use super::sign_options::{Remote, SignOptions, mark, pin, request};
use crate::error::Error;
use crate::problem::Lang;
use crate::problem::say::Say;
use crate::sign::csc::{Client, Service};
use crate::sign::csc_problem::CscProblem;
use crate::sign::prepare::Prepared;
use crate::sign::{SignProblem, finish, prepare, problem};

/// Signs each of `options.pdfs` into its output with the key at `remote`.
pub fn sign(options: &SignOptions, outputs: &[PathBuf], remote: &Remote, lang: Lang) -> Result<(), Error> {
    let first = options.pdfs.first().map_or(Path::new(""), PathBuf::as_path);
    let refused = |p: CscProblem| problem(first, SignProblem::Csc(p));
    let client = Client::from_env().map_err(refused)?;
    mark(options)?;
    let service = Service::connect(remote.url, &client).map_err(refused)?;
    drop(client);
    let credential = service.credential(remote.credential).map_err(refused)?;
    // The named-signer check runs here, on the service's certificate, for every file.
    let prepared = options
        .pdfs
        .iter()
        .zip(outputs)
        .map(|(pdf, output)| prepare::prepare(&request(options, pdf, output, &credential.chain)?))
        .collect::<Result<Vec<Prepared>, Error>>()?;
    let hashes: Vec<Vec<u8>> = prepared.iter().map(Prepared::digest).collect();
    let secret = pin(remote.pin_env, remote.url, first)?;
    let sad = service.authorize(&credential, &hashes, &secret).map_err(refused)?;
    drop(secret);
    let waiting = || eprintln!("vanban: {}", Say::WaitingForApproval { seconds: remote.wait }.to(lang));
    let signatures = service
        .sign_hash(&credential, &sad, &hashes, remote.wait, &waiting)
        .map_err(refused)?;
    let source = format!("{} (signatures/signHash)", remote.url);
    let signed = options
        .pdfs
        .iter()
        .zip(prepared)
        .zip(signatures)
        .map(|((pdf, prepared), signature)| finish::finish(pdf, prepared, signature, &source, options.tsa, options.ltv))
        .collect::<Result<Vec<Vec<u8>>, Error>>()?;
    for (output, bytes) in outputs.iter().zip(&signed) {
        crate::output::write_atomic(output, bytes)?;
    }
    super::print_written(outputs.to_vec())
}
