//! A remote signing service through the Cloud Signature Consortium API, version 2 (the names
//! of CSC API v2.0.0.2; `docs/signatures.md` lists the messages): the client's access token
//! (`oauth2/token`, client credentials), the signer's certificate chain
//! (`credentials/info`), the signature activation data for the digests with the signer's
//! PIN or OTP (`credentials/authorize`, asked once, never again), and the raw signatures
//! (`signatures/signHash`, polled with `signatures/signPolling` when the service answers with
//! a `responseID` while the signer approves on their phone).
//!
//! HTTPS only (certificates checked by rustls against the web's roots), plain `http://` only
//! to this machine. The client secret, the PIN, the token and the activation data are kept in
//! memory that is wiped when dropped, and never reach a message.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use base64ct::{Base64, Encoding};
use der::Decode;
use serde::Serialize;
use serde_json::{Value, json};
use x509_cert::Certificate;
use zeroize::Zeroizing;

use super::csc_problem::CscProblem;
use super::key;

/// The environment variable holding the service client's id.
pub const CLIENT_ID_VAR: &str = "VANBAN_CSC_CLIENT_ID";
/// The environment variable holding the service client's secret.
pub const CLIENT_SECRET_VAR: &str = "VANBAN_CSC_CLIENT_SECRET";
/// id-sha256 (`hashAlgorithmOID`).
const SHA256: &str = "2.16.840.1.101.3.4.2.1";
/// rsaEncryption: RSA PKCS#1 v1.5, the hash named by `hashAlgorithmOID` (`signAlgo`).
const RSA: &str = "1.2.840.113549.1.1.1";
/// ecdsa-with-SHA256 (`signAlgo`).
const ECDSA_SHA256: &str = "1.2.840.10045.4.3.2";
/// The most an answer may hold.
const MOST: u64 = 4 << 20;
/// How long a call that does not wait for the signer may take.
const CALL_SECONDS: u64 = 30;
/// How often `signatures/signPolling` asks.
const POLL_EVERY: Duration = Duration::from_secs(2);

/// The service client this vanban is registered as: its id and secret.
pub struct Client {
    id: String,
    secret: Zeroizing<String>,
}

impl Client {
    /// The client named by [`CLIENT_ID_VAR`] and [`CLIENT_SECRET_VAR`].
    pub fn from_env() -> Result<Client, CscProblem> {
        let read = |name: &str| {
            std::env::var(name)
                .ok()
                .filter(|v| !v.is_empty())
                .ok_or_else(|| CscProblem::ClientUnset { name: name.to_string() })
        };
        let id = read(CLIENT_ID_VAR)?;
        Ok(Client {
            id,
            secret: Zeroizing::new(read(CLIENT_SECRET_VAR)?),
        })
    }
}

/// A signer's credential at the service: its id, certificate chain and what unlocks it.
pub struct Credential {
    /// `credentialID`.
    pub id: String,
    /// The signer's certificate, then its chain.
    pub chain: Vec<Certificate>,
    /// The `authData` id the service asks for: `PIN` (or an OTP's id).
    factor: String,
}

/// A service this client has an access token for.
pub struct Service {
    base: String,
    token: Zeroizing<String>,
}

impl Service {
    /// The service at `url` (its base, before `/oauth2` and `/csc/v2`), with an access token
    /// for `client`.
    pub fn connect(url: &str, client: &Client) -> Result<Service, CscProblem> {
        let base = checked(url)?;
        let mut form = Zeroizing::new(String::from("grant_type=client_credentials&client_id="));
        form_encode(&mut form, &client.id);
        form.push_str("&client_secret=");
        form_encode(&mut form, &client.secret);
        let at = format!("{base}/oauth2/token");
        let body = ("application/x-www-form-urlencoded", form.as_bytes());
        let (status, answer) = super::net::post(&at, &[], body, CALL_SECONDS, MOST)
            .map_err(|detail| CscProblem::Unreachable { url: at, detail })?;
        if !(200..300).contains(&status) {
            return Err(CscProblem::ClientRefused {
                detail: said(status, &answer, &[&client.secret]),
            });
        }
        let answer = parse(&answer, "oauth2/token")?;
        let token = text(&answer["access_token"], "oauth2/token", "access_token")?;
        Ok(Service {
            base,
            token: Zeroizing::new(token),
        })
    }

    /// The credential `id`: its certificate chain and what unlocks it (`credentials/info`).
    pub fn credential(&self, id: &str) -> Result<Credential, CscProblem> {
        const METHOD: &str = "credentials/info";
        let query = json!({ "credentialID": id, "certificates": "chain", "certInfo": false, "authInfo": true });
        let answer = self.call(METHOD, &query.to_string().into_bytes(), CALL_SECONDS, &[])?;
        let bad = || bad_answer(METHOD, "cert.certificates");
        let chain = answer["cert"]["certificates"]
            .as_array()
            .ok_or_else(bad)?
            .iter()
            .map(|c| {
                c.as_str()
                    .and_then(|t| Base64::decode_vec(t).ok())
                    .and_then(|der| Certificate::from_der(&der).ok())
                    .ok_or_else(bad)
            })
            .collect::<Result<Vec<_>, _>>()?;
        if chain.is_empty() {
            return Err(bad());
        }
        Ok(Credential {
            id: id.to_string(),
            chain,
            factor: factor(&answer["auth"]["objects"]),
        })
    }

    /// The signature activation data for `hashes` (SHA-256) with the signer's `secret`
    /// (`credentials/authorize`): one call; a refusal is [`CscProblem::PinRefused`].
    pub fn authorize(
        &self,
        credential: &Credential,
        hashes: &[Vec<u8>],
        secret: &str,
    ) -> Result<Zeroizing<String>, CscProblem> {
        const METHOD: &str = "credentials/authorize";
        let hashes = encoded(hashes);
        let query = Authorize {
            credential_id: &credential.id,
            num_signatures: hashes.len(),
            hashes: &hashes,
            hash_algorithm_oid: SHA256,
            auth_data: [AuthData {
                id: &credential.factor,
                value: secret,
            }],
        };
        let body = Zeroizing::new(serde_json::to_vec(&query).unwrap_or_default());
        let answer = self.call(METHOD, &body, CALL_SECONDS, &[secret])?;
        Ok(Zeroizing::new(text(&answer["SAD"], METHOD, "SAD")?))
    }

    /// The raw signatures of `hashes` (`signatures/signHash`), in their order; when the
    /// service answers with a `responseID`, `waiting` is told once and the outcome polled
    /// (`signatures/signPolling`) for at most `wait` seconds.
    pub fn sign_hash(
        &self,
        credential: &Credential,
        sad: &str,
        hashes: &[Vec<u8>],
        wait: u64,
        waiting: &dyn Fn(),
    ) -> Result<Vec<Vec<u8>>, CscProblem> {
        const METHOD: &str = "signatures/signHash";
        let rsa = key::algorithm_of(&credential.chain[0]).is_ok_and(|a| a.oid == key::RSA_ENCRYPTION);
        let hashes_text = encoded(hashes);
        let query = SignHash {
            credential_id: &credential.id,
            sad,
            hashes: &hashes_text,
            hash_algorithm_oid: SHA256,
            sign_algo: if rsa { RSA } else { ECDSA_SHA256 },
        };
        let body = Zeroizing::new(serde_json::to_vec(&query).unwrap_or_default());
        let answer = self.call(METHOD, &body, wait.max(CALL_SECONDS), &[sad])?;
        if let Some(signatures) = signatures_in(&answer, hashes.len(), METHOD)? {
            return Ok(signatures);
        }
        let id = text(&answer["responseID"], METHOD, "signatures")?;
        waiting();
        let deadline = Instant::now() + Duration::from_secs(wait);
        let poll = json!({ "responseID": id }).to_string().into_bytes();
        loop {
            let now = Instant::now();
            if now >= deadline {
                return Err(CscProblem::NotApproved { seconds: wait });
            }
            std::thread::sleep(POLL_EVERY.min(deadline - now));
            let answer = self.call("signatures/signPolling", &poll, CALL_SECONDS, &[sad])?;
            if let Some(signatures) = signatures_in(&answer, hashes.len(), "signatures/signPolling")? {
                return Ok(signatures);
            }
        }
    }

    /// POSTs `body` to the API method `method`; its JSON answer, or the service's refusal
    /// (with nothing of `secrets` in it).
    fn call(&self, method: &str, body: &[u8], seconds: u64, secrets: &[&str]) -> Result<Value, CscProblem> {
        let url = format!("{}/csc/v2/{method}", self.base);
        let bearer = Zeroizing::new(format!("Bearer {}", self.token.as_str()));
        let headers = [("Authorization", bearer.as_str())];
        let (status, answer) = super::net::post(&url, &headers, ("application/json", body), seconds, MOST)
            .map_err(|detail| CscProblem::Unreachable { url, detail })?;
        if (200..300).contains(&status) {
            return parse(&answer, method);
        }
        let mut secrets = secrets.to_vec();
        secrets.push(&self.token);
        let detail = said(status, &answer, &secrets);
        if method == "credentials/authorize" && (400..500).contains(&status) {
            return Err(CscProblem::PinRefused { detail });
        }
        Err(CscProblem::Refused {
            method: method.to_string(),
            status,
            detail,
        })
    }
}

/// `credentials/authorize`'s input (CSC API v2).
#[derive(Serialize)]
struct Authorize<'a> {
    #[serde(rename = "credentialID")]
    credential_id: &'a str,
    #[serde(rename = "numSignatures")]
    num_signatures: usize,
    hashes: &'a [String],
    #[serde(rename = "hashAlgorithmOID")]
    hash_algorithm_oid: &'a str,
    #[serde(rename = "authData")]
    auth_data: [AuthData<'a>; 1],
}

/// `signatures/signHash`'s input (CSC API v2).
#[derive(Serialize)]
struct SignHash<'a> {
    #[serde(rename = "credentialID")]
    credential_id: &'a str,
    #[serde(rename = "SAD")]
    sad: &'a str,
    hashes: &'a [String],
    #[serde(rename = "hashAlgorithmOID")]
    hash_algorithm_oid: &'a str,
    #[serde(rename = "signAlgo")]
    sign_algo: &'a str,
}

/// One authentication object's value (`authData`).
#[derive(Serialize)]
struct AuthData<'a> {
    id: &'a str,
    value: &'a str,
}

/// The `authData` id of the credential's `auth.objects`: its password (PIN), else its OTP,
/// else `PIN`.
fn factor(objects: &Value) -> String {
    let objects = objects.as_array().map(Vec::as_slice).unwrap_or_default();
    let of = |kind: &str| {
        objects
            .iter()
            .find(|o| o["type"].as_str() == Some(kind))
            .and_then(|o| o["id"].as_str())
            .map(str::to_string)
    };
    of("Password").or_else(|| of("OTP")).unwrap_or_else(|| "PIN".into())
}

/// `url` without its trailing `/`, when it is `https://`, or `http://` to this machine.
fn checked(url: &str) -> Result<String, CscProblem> {
    let base = url.trim_end_matches('/');
    let bad = || CscProblem::BadUrl { url: url.to_string() };
    let uri: ureq::http::Uri = base.parse().map_err(|_| bad())?;
    let host = uri.host().ok_or_else(bad)?;
    let loopback = host == "localhost"
        || host
            .trim_matches(['[', ']'])
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    match uri.scheme_str() {
        Some("https") => Ok(base.to_string()),
        Some("http") if loopback => Ok(base.to_string()),
        Some("http") => Err(CscProblem::PlainHttp { url: url.to_string() }),
        _ => Err(bad()),
    }
}

/// `text` appended to `out` as `application/x-www-form-urlencoded` writes it.
fn form_encode(out: &mut String, text: &str) {
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
}

/// The digests in base64.
fn encoded(hashes: &[Vec<u8>]) -> Vec<String> {
    hashes.iter().map(|h| Base64::encode_string(h)).collect()
}

/// The `signatures` of an answer, as many as `count`; none when it has none yet.
fn signatures_in(answer: &Value, count: usize, method: &str) -> Result<Option<Vec<Vec<u8>>>, CscProblem> {
    let Some(list) = answer.get("signatures") else {
        return Ok(None);
    };
    let bad = || bad_answer(method, "signatures");
    let list = list.as_array().filter(|l| l.len() == count).ok_or_else(bad)?;
    list.iter()
        .map(|s| s.as_str().and_then(|t| Base64::decode_vec(t).ok()).ok_or_else(bad))
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

fn parse(bytes: &[u8], method: &str) -> Result<Value, CscProblem> {
    serde_json::from_slice(bytes).map_err(|e| bad_answer(method, &e.to_string()))
}

fn text(value: &Value, method: &str, field: &str) -> Result<String, CscProblem> {
    value
        .as_str()
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .ok_or_else(|| bad_answer(method, field))
}

fn bad_answer(method: &str, detail: &str) -> CscProblem {
    CscProblem::BadAnswer {
        method: method.to_string(),
        detail: detail.to_string(),
    }
}

/// What a refusal says: the CSC error's `error_description` and `error` (or the start of the
/// text), printable and short; withheld when it holds one of `secrets`.
fn said(status: u16, answer: &[u8], secrets: &[&str]) -> String {
    let text = match serde_json::from_slice::<Value>(answer) {
        Ok(error) => {
            let (code, description) = (error["error"].as_str(), error["error_description"].as_str());
            match (description, code) {
                (Some(d), Some(c)) => format!("{d} ({c})"),
                (Some(one), None) | (None, Some(one)) => one.to_string(),
                (None, None) => String::new(),
            }
        }
        Err(_) => String::from_utf8_lossy(answer).into_owned(),
    };
    let text: String = text.chars().filter(|c| !c.is_control()).take(200).collect();
    let text = text.trim();
    if secrets.iter().any(|s| !s.is_empty() && text.contains(s)) {
        return format!("HTTP {status}");
    }
    if text.is_empty() {
        format!("HTTP {status}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_this_machine() {
        assert!(checked("https://ky.example.vn/").is_ok());
        assert!(checked("http://127.0.0.1:8080").is_ok());
        assert!(checked("http://localhost:1/").is_ok());
        assert!(checked("http://[::1]:9/").is_ok());
        assert!(matches!(
            checked("http://ky.example.vn"),
            Err(CscProblem::PlainHttp { .. })
        ));
        assert!(matches!(checked("ftp://ky.example.vn"), Err(CscProblem::BadUrl { .. })));
        assert!(matches!(checked("ky.example.vn"), Err(CscProblem::BadUrl { .. })));
    }

    #[test]
    fn a_refusal_never_repeats_a_secret() {
        let echo = br#"{"error":"invalid_request","error_description":"PIN 123456 is wrong"}"#;
        assert_eq!(said(400, echo, &["123456"]), "HTTP 400");
        assert_eq!(said(400, echo, &["999"]), "PIN 123456 is wrong (invalid_request)");
        assert_eq!(said(500, b"", &[]), "HTTP 500");
    }

    #[test]
    fn form_values_are_escaped() {
        let mut out = String::new();
        form_encode(&mut out, "a b&c=đ");
        assert_eq!(out, "a%20b%26c%3D%C4%91");
    }

    #[test]
    fn the_password_object_is_the_factor() {
        let objects = json!([{ "type": "OTP", "id": "otp1" }, { "type": "Password", "id": "PIN" }]);
        assert_eq!(factor(&objects), "PIN");
        assert_eq!(factor(&json!([{ "type": "OTP", "id": "otp1" }])), "otp1");
        assert_eq!(factor(&Value::Null), "PIN");
    }
}
