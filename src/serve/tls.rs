//! HTTPS for `serve`: off loopback it is always on, so passwords never cross a network in
//! clear. The certificate is the office's own (`--tls-cert`, `--tls-key`), or one made on
//! first start and kept in FOLDER/.vanban/tls, whose SHA-256 fingerprint is printed for users
//! to compare with what their browser shows. rustls does the TLS; rcgen makes the certificate.

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use sha2::{Digest, Sha256};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::server::TlsStream;

use crate::args::ServeArgs;
use crate::error::Error;

/// The server's TLS settings, and what to tell users about its certificate.
pub struct Tls {
    /// For rustls.
    pub config: Arc<rustls::ServerConfig>,
    /// The certificate's SHA-256 fingerprint, `AB:CD:…`.
    pub fingerprint: String,
    /// The certificate file.
    pub cert: PathBuf,
}

/// The TLS settings `args` ask for (none on loopback unless asked).
pub fn setup(args: &ServeArgs, folder: &Path) -> Result<Option<Tls>, Error> {
    if !args.https() {
        return Ok(None);
    }
    let (cert, key) = match (&args.tls_cert, &args.tls_key) {
        (Some(cert), Some(key)) => (cert.clone(), key.clone()),
        _ => self_signed(folder, args.bind)?,
    };
    let bad = |path: &Path, problem: TlsProblem| Error::Feature {
        path: path.to_path_buf(),
        problem: Box::new(problem),
    };
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&cert)
        .and_then(Iterator::collect)
        .map_err(|e| bad(&cert, TlsProblem::Certificate(e.to_string())))?;
    let Some(first) = chain.first() else {
        return Err(bad(&cert, TlsProblem::Certificate(String::new())));
    };
    // The colon-separated form browsers show a certificate's fingerprint in.
    let upper = base16ct::upper::encode_string(&Sha256::digest(first.as_ref()));
    let fingerprint = upper
        .as_bytes()
        .chunks(2)
        .map(|pair| String::from_utf8_lossy(pair))
        .collect::<Vec<_>>()
        .join(":");
    // The key is never put into a message: only the file's name and what is wrong.
    let private = PrivateKeyDer::from_pem_file(&key).map_err(|_| bad(&key, TlsProblem::Key))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    if provider.key_provider.load_private_key(private.clone_key()).is_err() {
        return Err(bad(&key, TlsProblem::Key));
    }
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|b| b.with_no_client_auth().with_single_cert(chain, private))
        .map_err(|e| bad(&cert, TlsProblem::Refused(e.to_string())))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Some(Tls {
        config: Arc::new(config),
        fingerprint,
        cert,
    }))
}

/// The folder's own certificate and key, made on first start: for `localhost`, the loopback
/// addresses and the address bound.
fn self_signed(folder: &Path, bind: IpAddr) -> Result<(PathBuf, PathBuf), Error> {
    let dir = folder.join(crate::office::DIR).join("tls");
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    for path in [&dir, &cert, &key] {
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Error::Link { path: path.clone() });
        }
    }
    if cert.exists() && key.exists() {
        return Ok((cert, key));
    }
    let mut names = vec!["localhost".to_string(), "127.0.0.1".to_string(), "::1".to_string()];
    if !bind.is_unspecified() && !bind.is_loopback() {
        names.push(bind.to_string());
    }
    let made = rcgen::generate_simple_self_signed(names).map_err(|e| Error::write(&cert, e))?;
    std::fs::create_dir_all(&dir).map_err(|e| Error::write(&dir, e))?;
    // The key first, readable by its owner only, and never over an existing file.
    let mut file = std::fs::OpenOptions::new();
    file.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut file, 0o600);
    file.open(&key)
        .and_then(|mut f| {
            f.write_all(made.signing_key.serialize_pem().as_bytes())
                .and_then(|()| f.sync_all())
        })
        .map_err(|e| Error::write(&key, e))?;
    crate::output::files::write_inside(&dir, &cert, made.cert.pem().as_bytes(), false)?;
    Ok((cert, key))
}

/// TCP connections that finished their TLS handshake, for [`super::listen::serve`].
/// Handshakes run side by side, so a client that stalls in one holds up no one (it is
/// dropped after 10 s).
pub struct Listener {
    accepted: tokio::sync::mpsc::Receiver<(TlsStream<TcpStream>, SocketAddr)>,
    local: SocketAddr,
}

impl Listener {
    /// Accepts on `tcp` with `tls`.
    pub fn new(tcp: TcpListener, tls: &Tls) -> std::io::Result<Listener> {
        let local = tcp.local_addr()?;
        let acceptor = TlsAcceptor::from(tls.config.clone());
        let (sender, accepted) = tokio::sync::mpsc::channel(64);
        tokio::spawn(async move {
            while !sender.is_closed() {
                let Ok((stream, peer)) = tcp.accept().await else {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                };
                let (acceptor, sender) = (acceptor.clone(), sender.clone());
                tokio::spawn(async move {
                    let handshake = tokio::time::timeout(Duration::from_secs(10), acceptor.accept(stream));
                    if let Ok(Ok(stream)) = handshake.await {
                        let _ = sender.send((stream, peer)).await;
                    }
                });
            }
        });
        Ok(Listener { accepted, local })
    }
}

impl axum::serve::Listener for Listener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.accepted.recv().await {
            Some(accepted) => accepted,
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> std::io::Result<SocketAddr> {
        Ok(self.local)
    }
}

/// What is wrong with the certificate or its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TlsProblem {
    /// The certificate file holds no PEM certificate (what the reader said).
    Certificate(String),
    /// The key file holds no usable PEM private key (nothing of the key is said).
    Key,
    /// rustls refused the pair (the key does not match the certificate, …).
    Refused(String),
}

impl crate::problem::Worded for TlsProblem {
    fn text(&self) -> (crate::problem::Words, crate::problem::Words) {
        use crate::problem::words;
        let hint = words(
            "đưa tệp chứng chỉ PEM (--tls-cert) và khóa riêng PEM khớp với nó (--tls-key), hoặc bỏ cả hai để vanban tự tạo chứng chỉ",
            "give a PEM certificate (--tls-cert) and its matching PEM private key (--tls-key), or neither for a self-signed one",
        );
        let message = match self {
            TlsProblem::Certificate(detail) => words(
                format!("không đọc được chứng chỉ PEM {detail}").trim_end().to_string(),
                format!("not a PEM certificate {detail}").trim_end().to_string(),
            ),
            TlsProblem::Key => words(
                "không đọc được khóa riêng PEM (RSA, ECDSA hoặc Ed25519)",
                "not a PEM private key (RSA, ECDSA or Ed25519)",
            ),
            TlsProblem::Refused(detail) => words(
                format!("chứng chỉ và khóa không dùng được: {detail}"),
                format!("the certificate and key cannot be used: {detail}"),
            ),
        };
        (message, hint)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
