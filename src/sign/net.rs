//! The network, for signing: one HTTP or HTTPS exchange (`ureq`, rustls) with a
//! time-stamping authority, an OCSP responder or a revocation list's server, bounded to 30 s
//! and to `most` bytes of answer; and the first of a certificate's addresses that answers.

/// GETs `url`, or POSTs `query` (its content type and bytes) to it; the answer's body.
pub fn exchange(url: &str, query: Option<(&str, &[u8])>, most: u64) -> Result<Vec<u8>, String> {
    let agent = ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(30)))
        .build()
        .new_agent();
    let answer = match query {
        Some((content_type, body)) => agent.post(url).header("Content-Type", content_type).send(body),
        None => agent.get(url).call(),
    };
    answer
        .map_err(|e| e.to_string())?
        .body_mut()
        .with_config()
        .limit(most)
        .read_to_vec()
        .map_err(|e| e.to_string())
}

/// The first answer `ask` accepts from one of `urls` (a certificate's OCSP responders or CRL
/// distribution points); else the last address's problem, or, with none, that the
/// certificate of `holder` names no place to ask.
pub fn first_answer<T>(
    urls: Vec<String>,
    holder: String,
    ask: impl Fn(&str) -> Result<T, String>,
) -> Result<T, super::SignProblem> {
    let mut last = super::SignProblem::NoRevocationSource { holder };
    for url in urls {
        match ask(&url) {
            Ok(answer) => return Ok(answer),
            Err(detail) => last = super::SignProblem::Revocation { url, detail },
        }
    }
    Err(last)
}
