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
}

impl ServeArgs {
    /// Whether the server speaks HTTPS: asked for, or needed off loopback.
    pub fn https(&self) -> bool {
        self.tls || self.tls_cert.is_some() || !self.bind.is_loopback()
    }
}
