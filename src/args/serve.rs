//! The arguments of `vanban serve`.

use std::path::PathBuf;

use clap::Args;

/// Arguments of `vanban serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The folder of records and assessments.
    #[arg(default_value = ".")]
    pub folder: PathBuf,
    /// Port (0: any free port; the address is printed).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Address to listen on; anything but a loopback address requires a token.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Access token every request must carry (generated and printed when needed and not given).
    /// Visible to other users of the machine (`ps`): prefer `--token-env`.
    #[arg(long, conflicts_with = "token_env")]
    pub token: Option<String>,
    /// Name of an environment variable holding the access token (kept off the command line).
    #[arg(long, value_name = "VAR")]
    pub token_env: Option<String>,
    /// Output folder for documents (default FOLDER/out).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Archive folder: enables "Lưu vào kho".
    #[arg(long)]
    pub archive_dir: Option<PathBuf>,
    /// Folder of templates that override the built-ins file by file.
    #[arg(long)]
    pub templates: Option<PathBuf>,
    /// HTTPS with this certificate (PEM), with `--tls-key`. Off loopback HTTPS is always on:
    /// without a certificate given, a self-signed one is made on first start in
    /// FOLDER/.vanban/tls and its fingerprint printed, for users to check.
    #[arg(long, requires = "tls_key", value_name = "PEM")]
    pub tls_cert: Option<PathBuf>,
    /// The certificate's private key (PEM).
    #[arg(long, requires = "tls_cert", value_name = "PEM")]
    pub tls_key: Option<PathBuf>,
    /// HTTPS on loopback too (self-signed unless `--tls-cert` is given).
    #[arg(long)]
    pub tls: bool,
    /// Signing issued documents from the page: the PKCS#11 module of the USB tokens plugged
    /// into this machine (needs `--archive-dir`), or `auto`. The PIN is typed in the page.
    #[arg(long, value_name = "MODULE", requires = "archive_dir")]
    pub pkcs11: Option<PathBuf>,
    /// The lãnh đạo's token (its label), when several are plugged in.
    #[arg(long, value_name = "LABEL", requires = "pkcs11")]
    pub person_token: Option<String>,
    /// The lãnh đạo's key on it (its label), when it holds several.
    #[arg(long, value_name = "LABEL", requires = "pkcs11")]
    pub person_key: Option<String>,
    /// The agency's (văn thư's) token, when several are plugged in.
    #[arg(long, value_name = "LABEL", requires = "pkcs11")]
    pub agency_token: Option<String>,
    /// The agency's key on it, when it holds several.
    #[arg(long, value_name = "LABEL", requires = "pkcs11")]
    pub agency_key: Option<String>,
    /// The lãnh đạo's handwritten signature (PNG, transparent background); with it (or
    /// `--seal`) the page signs with the token on the signer's own PC too.
    #[arg(long, value_name = "PNG", requires = "archive_dir")]
    pub signature_image: Option<PathBuf>,
    /// The agency's seal (PNG at its real size).
    #[arg(long, value_name = "PNG", requires = "archive_dir")]
    pub seal: Option<PathBuf>,
    /// A time-stamping authority for each signature (PAdES B-T).
    #[arg(long, value_name = "URL", requires = "archive_dir")]
    pub tsa: Option<String>,
    /// Keep each certificate's revocation answer in the file (PAdES B-LT; needs `--tsa`).
    #[arg(long, requires = "tsa")]
    pub ltv: bool,
    /// Trusted root certificates (PEM) for the signatures the page verifies.
    #[arg(long, value_name = "PEM")]
    pub trust: Option<PathBuf>,
    /// The signing service on the signer's own PC that the page asks for a signature (Ban Cơ
    /// yếu's signing tool): `wss://HOST:PORT`, a loopback address.
    #[arg(long, value_name = "URL", default_value = DEFAULT_SIGNING_SERVICE, value_parser = signing_service)]
    pub signing_service: String,
    /// Remote signing (CSC API v2): the service's address. Its client id and secret are read
    /// from `VANBAN_CSC_CLIENT_ID` and `VANBAN_CSC_CLIENT_SECRET`; each person's credential is
    /// set with `vanban users set-csc`.
    #[arg(long, value_name = "URL", requires = "archive_dir")]
    pub csc: Option<String>,
    /// With `--csc`: how long to wait for the signer to approve on their phone, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 300, requires = "csc")]
    pub csc_wait: u64,
}

/// Where Ban Cơ yếu's signing tool listens on the signer's PC.
pub const DEFAULT_SIGNING_SERVICE: &str = "wss://127.0.0.1:8987";

/// `--signing-service`: `wss://` and a loopback host with a port, nothing else (it is
/// written into the pages' Content-Security-Policy).
fn signing_service(value: &str) -> Result<String, String> {
    let authority = value.strip_prefix("wss://").unwrap_or_default();
    let (host, port) = authority.rsplit_once(':').unwrap_or_default();
    let loopback = matches!(host, "127.0.0.1" | "localhost" | "[::1]");
    if loopback && port.parse::<u16>().is_ok_and(|p| p > 0) {
        Ok(value.to_string())
    } else {
        Err("cần dạng wss://127.0.0.1:CỔNG (phần mềm ký số trên máy người ký)".to_string())
    }
}

impl ServeArgs {
    /// Whether the server speaks HTTPS: asked for, or needed off loopback.
    pub fn https(&self) -> bool {
        self.tls || self.tls_cert.is_some() || !self.bind.is_loopback()
    }
}

#[cfg(test)]
mod tests {
    use super::signing_service;

    #[test]
    fn the_signing_service_is_a_loopback_wss_address_and_nothing_more() {
        for good in ["wss://127.0.0.1:8987", "wss://localhost:9000", "wss://[::1]:8987"] {
            assert_eq!(signing_service(good).as_deref(), Ok(good));
        }
        for bad in [
            "ws://127.0.0.1:8987",
            "wss://example.com:8987",
            "wss://127.0.0.1",
            "wss://127.0.0.1:8987/x",
            "wss://127.0.0.1:8987; script-src *",
            "wss://127.0.0.1:0",
        ] {
            assert!(signing_service(bad).is_err(), "{bad}");
        }
    }
}
