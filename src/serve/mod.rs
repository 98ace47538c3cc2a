//! `vanban serve`: a local web app where a clerk writes a record and watches its documents
//! take shape. One concern per file:
//!
//! | file | holds |
//! |---|---|
//! | [`security`] | the guard in front of every route: Host, token, Origin; paths kept inside FOLDER |
//! | [`records`] | the records list, the issuers already used, and changes on disk |
//! | [`editor`] | opening a record, and its live preview and diagnostics |
//! | [`labels`] | the form's field labels, by the record format's key |
//! | [`form`] | the form editor: text to form value and back, the people directory, a record started from an earlier one |
//! | [`save`] | saving byte for byte, atomically, with conflict detection; new records |
//! | [`downloads`] | writing documents into the output folder, serving them, the archive |
//! | [`numbers`] | the register's numbers of issued records, for the answer, the editor and the list |
//! | [`search`] | the search box over the folder's records and the archive; the archive's PDFs |
//! | [`assets`] | the pages and the vendored editor files, embedded in the binary |
//! | [`people`] | logins when the folder has users: sessions, back-off, roles checked per route, the audit log |
//! | [`pipeline`] | the narrow adapter to the render pipeline |
//! | [`workflow`] | a record's state and the steps between, its versions and what changed |
//! | [`steps`] | what the steps share: one at a time, the record checked before it moves on, the answers |
//! | [`comments`] | the leader's review comments on a field or a passage, and the answers |
//! | [`trail`] | each record's state and open comments for the list; the audit log in the page |
//! | [`text`] | every word of the interface, Vietnamese and English |
//! | [`tls`] | HTTPS: the office's certificate or one made on first start; handshakes side by side |
//! | [`listen`] | serving each connection, HTTP or HTTPS: header and idle timeouts, stopping on Ctrl-C |
//! | [`signing`] | signing issued documents with the USB tokens of this machine; verification shown |
//! | [`local_sign`] | signing with the token on the signer's own PC, through its signing service |
//! | [`remote_sign`] | signing through a remote signing service (CSC API), the signer approving on their phone |
//! | [`remote_jobs`] | the remote signatures under way, and the service's settings |
//! | [`tasks`] | the "Theo dõi nhiệm vụ" page: tracked tasks listed, updated, confirmed or refused |
//! | [`task_drafts`] | the page's report and reminders, drafted as records into the folder |
//! | [`prepared`] | the signatures prepared for it, under `.vanban/`, each for one session, ten minutes |

pub mod assets;
pub mod comments;
pub mod downloads;
pub mod editor;
pub mod fields;
pub mod form;
pub mod labels;
pub mod listen;
pub mod local_sign;
pub mod numbers;
pub mod people;
pub mod pin_guard;
pub mod pipeline;
pub mod prepared;
pub mod records;
pub mod remote_jobs;
pub mod remote_sign;
pub mod save;
pub mod search;
pub mod security;
pub mod signing;
pub mod steps;
pub mod task_drafts;
pub mod tasks;
pub mod text;
pub mod tls;
pub mod trail;
pub mod workflow;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::args::ServeArgs;
use crate::error::Error;
use crate::problem::Lang;
use crate::problem::say::Say;
use crate::record::load::MAX_RECORD_BYTES;

/// Request bodies larger than a record can be (plus its JSON wrapping) are refused with 413.
pub const MAX_BODY_BYTES: usize = 2 * MAX_RECORD_BYTES as usize + 64 * 1024;

/// What the server was started with.
#[derive(Debug, Clone)]
pub struct Config {
    /// The working folder, canonical.
    pub folder: PathBuf,
    /// Where documents are written.
    pub output: PathBuf,
    /// The archive folder, when "Lưu vào kho" is enabled.
    pub archive_dir: Option<PathBuf>,
    /// Interface language.
    pub lang: Lang,
    /// The token every request must carry, when one is required.
    pub token: Option<String>,
    /// Whether pages are served over HTTPS (cookies are then `Secure`).
    pub https: bool,
}

/// Files changed on disk: a counter that only grows, and the paths of the last change.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Changes {
    /// Bumped on every change.
    pub generation: u64,
    /// The changed records, relative to the folder.
    pub paths: Vec<String>,
}

/// Everything the handlers share.
pub struct AppState {
    /// Start-up settings.
    pub config: Config,
    /// The render pipeline.
    pub pipeline: pipeline::Pipeline,
    /// Changes on disk, for the pages' long poll.
    pub changes: tokio::sync::watch::Sender<Changes>,
    /// The list's summaries, kept while their files are unchanged.
    pub summaries: Mutex<HashMap<PathBuf, records::Cached>>,
    /// One step at a time on each record (a save, a submit, an approval, an issue): the
    /// checks a step makes and what it writes are one step, and a save racing an issue
    /// meets the issued state, or the issue meets the saved draft.
    pub steps: steps::RecordLocks,
    /// Password checks under way at once: at most one per core (each takes ~19 MiB).
    pub password_checks: tokio::sync::Semaphore,
    /// Links in the folder already named in a warning (each is named once).
    pub skipped_links: Mutex<std::collections::HashSet<PathBuf>>,
    /// The folder's people and audit log, when it has users: logins are then required.
    pub office: Option<Arc<Mutex<crate::office::Office>>>,
    /// Open sessions and failed logins.
    pub sessions: people::Sessions,
    /// Signing from the page, when `--pkcs11` was given.
    pub signing: Option<signing::Signing>,
}

/// Every route, behind the security guard and the body limit.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(assets::records_page))
        .route("/edit", get(assets::editor_page))
        .route("/new", get(assets::new_page))
        .route("/assets/{*name}", get(assets::asset))
        .route("/api/text", get(assets::text))
        .route("/api/schema", get(assets::schema))
        .route("/api/records", get(records::list))
        .route("/api/issuers", get(records::issuers))
        .route("/api/changes", get(records::changes))
        .route("/api/record", get(editor::open))
        .route("/api/preview", post(editor::preview))
        .route("/api/form/read", post(form::read))
        .route("/api/form/write", post(form::write))
        .route("/api/directory", get(form::people).post(form::add_person))
        .route("/api/new-from", post(form::new_from))
        .route("/api/merge", post(form::merge))
        .route("/api/criteria", get(form::criteria))
        .route("/api/save", post(save::save))
        .route("/api/new", post(save::create))
        .route("/api/render", post(downloads::render))
        .route("/api/archive", post(downloads::archive))
        .route("/out/{*name}", get(downloads::file))
        .route("/api/search", get(search::search))
        .route("/archive/{*name}", get(search::document))
        .route("/login", get(assets::login_page))
        .route("/api/login", post(people::login))
        .route("/api/logout", post(people::logout))
        .route("/api/me", get(people::me))
        .route("/api/workflow", get(workflow::standing).post(workflow::take))
        .route("/api/versions", get(workflow::versions))
        .route("/api/comments", get(comments::list).post(comments::write))
        .route("/api/office", get(trail::overview))
        .route("/api/audit", get(trail::audit))
        .route("/issued", get(assets::issued_page))
        .route("/api/issued", get(signing::issued))
        .route("/api/sign", post(signing::sign))
        .route("/api/sign/prepare", post(local_sign::prepare))
        .route("/api/sign/finish", post(local_sign::finish))
        .route("/api/sign/remote", get(remote_sign::status).post(remote_sign::start))
        .route("/api/sign/remote/cancel", post(remote_sign::cancel))
        .route("/api/verify", get(signing::verify))
        .route("/tasks", get(assets::tasks_page))
        .route("/api/tasks", get(tasks::list))
        .route("/api/tasks/history", get(tasks::history))
        .route("/api/tasks/update", post(tasks::update))
        .route("/api/tasks/confirm", post(tasks::confirm))
        .route("/api/tasks/refuse", post(tasks::refuse))
        .route("/api/tasks/draft", post(task_drafts::draft))
        .layer(axum::middleware::from_fn_with_state(state.clone(), people::gate))
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::guard))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}

/// Builds the shared state for `args`.
pub fn state(args: &ServeArgs, lang: Lang) -> Result<Arc<AppState>, Error> {
    let folder = args.folder.canonicalize().map_err(|e| Error::Read {
        path: args.folder.clone(),
        detail: e.to_string(),
    })?;
    let output = args.output.clone().unwrap_or_else(|| folder.join("out"));
    let loopback = args.bind.is_loopback();
    let given = match &args.token_env {
        Some(name) => match std::env::var(name) {
            Ok(token) if !token.trim().is_empty() => Some(token.trim().to_string()),
            _ => return Err(Error::VariableUnset { name: name.clone() }),
        },
        None => args.token.clone(),
    };
    let office = match crate::office::Office::open(&folder, false)? {
        Some(office) if office.has_users()? => Some(Arc::new(Mutex::new(office))),
        _ => None,
    };
    // Off loopback a token is needed, unless the folder has users: then a login is.
    let token = match (given, loopback || office.is_some()) {
        (Some(token), _) => Some(token),
        (None, false) => Some(security::generate_token()?),
        (None, true) => None,
    };
    Ok(Arc::new(AppState {
        config: Config {
            folder,
            output,
            archive_dir: args.archive_dir.clone(),
            lang,
            token,
            https: args.https(),
        },
        pipeline: pipeline::Pipeline::new(args.templates.clone())?,
        changes: tokio::sync::watch::Sender::new(Changes::default()),
        summaries: Mutex::new(HashMap::new()),
        steps: steps::RecordLocks::default(),
        password_checks: tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(1, usize::from)),
        skipped_links: Mutex::new(std::collections::HashSet::new()),
        office,
        sessions: people::Sessions::default(),
        signing: signing::Signing::from_args(args)?,
    }))
}

/// Serves until interrupted (the command's entry point is in `commands/serve.rs`).
pub async fn serve(args: &ServeArgs, lang: Lang) -> Result<(), Error> {
    return_large_allocations();
    let state = state(args, lang)?;
    let _watcher = records::watch_folder(&state)?;
    let address = SocketAddr::new(args.bind, args.port);
    let listener = tokio::net::TcpListener::bind(address).await.map_err(|e| Error::Write {
        path: PathBuf::from(address.to_string()),
        detail: e.to_string(),
    })?;
    let bound = listener.local_addr().map_err(|e| Error::Write {
        path: PathBuf::from(address.to_string()),
        detail: e.to_string(),
    })?;
    let tls = tls::setup(args, &state.config.folder)?;
    // Said without `println!`: whoever started the server may stop reading its output, and
    // a closed pipe must not end it.
    let mut said = start_line(bound, state.config.token.as_deref(), tls.is_some(), lang) + "\n";
    if let Some(tls) = &tls {
        let cert = tls.cert.display().to_string();
        said += &(Say::Certificate {
            file: &cert,
            fingerprint: &tls.fingerprint,
        }
        .to(lang)
            + "\n");
    }
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), said.as_bytes());
    let app = router(state);
    let stop = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match &tls {
        Some(tls) => {
            let listener = tls::Listener::new(listener, tls).map_err(|e| Error::Write {
                path: PathBuf::from(bound.to_string()),
                detail: e.to_string(),
            })?;
            listen::serve(listener, app, stop).await;
        }
        None => listen::serve(listener, app, stop).await,
    }
    Ok(())
}

/// Memory of a large allocation goes back to the system when it is freed. A password check
/// takes ~19 MiB; glibc's default would keep each such block in the allocating thread's
/// arena once its threshold has grown (measured: 466 MB resident after 200 logins), so the
/// threshold is fixed at 1 MiB (the `mallopt` call is glibc's own, used as documented).
fn return_large_allocations() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets a parameter of the allocator, under its own locks.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

/// The line printed at start: where to open the app (with the token, when one is needed).
fn start_line(bound: SocketAddr, token: Option<&str>, https: bool, lang: Lang) -> String {
    let host = match bound.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
    };
    let scheme = if https { "https" } else { "http" };
    let url = match token {
        Some(token) => format!("{scheme}://{host}:{}/?token={token}", bound.port()),
        None => format!("{scheme}://{host}:{}/", bound.port()),
    };
    Say::Serving { url: &url }.to(lang)
}
