//! The network, for signing: one HTTP or HTTPS exchange (`ureq`, rustls) with a
//! time-stamping authority, an OCSP responder or a revocation list's server, bounded to 30 s
//! and to `most` bytes of answer; a POST to a remote signing service whose answer is read
//! whatever its status; and the first of a certificate's addresses that answers.

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

/// POSTs `body` (of `content_type`, with the extra `headers`) to `url`, waiting at most
/// `seconds`: the answer's status and body (at most `most` bytes), an error status included.
/// Redirects are not followed, so that the headers go nowhere else.
pub fn post(
    url: &str,
    headers: &[(&str, &str)],
    (content_type, body): (&str, &[u8]),
    seconds: u64,
    most: u64,
) -> Result<(u16, Vec<u8>), String> {
    let agent = ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(seconds)))
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .new_agent();
    let mut request = agent.post(url).header("Content-Type", content_type);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut answer = request.send(body).map_err(|e| e.to_string())?;
    let status = answer.status().as_u16();
    let bytes = answer
        .body_mut()
        .with_config()
        .limit(most)
        .read_to_vec()
        .map_err(|e| e.to_string())?;
    Ok((status, bytes))
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
