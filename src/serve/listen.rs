//! Serving connections with time limits, over HTTP and HTTPS alike: a request's headers must
//! arrive within [`HEADER_TIMEOUT`] (which also closes an idle keep-alive connection, and one
//! that says nothing after its TLS handshake), and a connection on which nothing moves for
//! [`IDLE_TIMEOUT`] is closed (a stalled body, a client that stops reading its answer). The
//! idle timer does not run while a handler works on a request that has fully arrived, so
//! the pages' 25 s long poll and a slow render are never cut off. Ctrl-C stops accepting,
//! lets the requests in flight finish and then ends.

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::ConnectInfo;
use axum::serve::Listener;
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// How long a client has to send a request's headers, counted from the first moment the
/// server waits for them: on a new connection (after the TLS handshake, over HTTPS) and
/// after each answer on a kept-alive one (`VANBAN_HEADER_TIMEOUT_MS` shortens it for tests).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(30);

/// How long a connection may stay open with no byte moving either way while no handler
/// works on a whole request: a body that stops arriving, an answer the client stops reading
/// (`VANBAN_IDLE_TIMEOUT_MS` shortens it for tests).
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(60);

/// The limits in force: the constants, or what the environment sets for tests.
#[derive(Debug, Clone, Copy)]
struct Limits {
    header: Duration,
    idle: Duration,
}

impl Limits {
    fn from_env() -> Limits {
        let read = |name: &str, default: Duration| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.parse().ok())
                .filter(|&ms| ms > 0)
                .map_or(default, Duration::from_millis)
        };
        Limits {
            header: read("VANBAN_HEADER_TIMEOUT_MS", HEADER_TIMEOUT),
            idle: read("VANBAN_IDLE_TIMEOUT_MS", IDLE_TIMEOUT),
        }
    }
}

/// Serves `app` on the connections `listener` accepts until `stop` ends; then accepts no more,
/// asks each connection to close after its request in flight, and returns when all have.
/// Handlers find the client's address as `ConnectInfo<SocketAddr>`.
pub async fn serve<L>(mut listener: L, app: Router, stop: impl Future<Output = ()>)
where
    L: Listener<Addr = SocketAddr>,
    L::Io: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let limits = Limits::from_env();
    let (stopping, _) = tokio::sync::watch::channel(false);
    // Each connection holds a sender; when the last is dropped, every connection has ended.
    let (open, mut all_closed) = tokio::sync::mpsc::channel::<()>(1);
    let mut stop = std::pin::pin!(stop);
    loop {
        let (io, peer) = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut stop => break,
        };
        let connection = connection(io, peer, app.clone(), limits, stopping.subscribe());
        let open = open.clone();
        tokio::spawn(async move {
            connection.await;
            drop(open);
        });
    }
    drop(listener);
    let _ = stopping.send(true);
    drop(open);
    let _ = all_closed.recv().await;
}

/// One connection, served until the client or the server ends it, or a limit is passed
/// (dropping it then closes the socket).
async fn connection<T>(
    io: T,
    peer: SocketAddr,
    app: Router,
    limits: Limits,
    mut stopping: tokio::sync::watch::Receiver<bool>,
) where
    T: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let activity = Arc::new(Activity::new());
    let service = Service {
        app: TowerToHyperService::new(app),
        peer,
        activity: activity.clone(),
    };
    let io = TokioIo::new(Watched {
        inner: io,
        activity: activity.clone(),
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(limits.header);
    let mut served = std::pin::pin!(builder.serve_connection(io, service));
    let mut asked_to_stop = false;
    loop {
        tokio::select! {
            _ = served.as_mut() => break,
            () = activity.stalled(limits.idle) => break,
            stop = async { stopping.wait_for(|&stop| stop).await.is_ok() }, if !asked_to_stop => {
                asked_to_stop = true;
                if stop {
                    served.as_mut().graceful_shutdown();
                }
            }
        }
    }
}

/// What one connection is doing, shared by its socket, its requests and its watchdog.
struct Activity {
    /// When the connection was accepted; `moved` counts from here.
    since: Instant,
    /// Milliseconds from `since` to the last time a byte moved or a handler finished.
    moved: AtomicU64,
    /// Handlers running.
    running: AtomicUsize,
    /// Request bodies still arriving.
    receiving: AtomicUsize,
}

impl Activity {
    fn new() -> Activity {
        Activity {
            since: Instant::now(),
            moved: AtomicU64::new(0),
            running: AtomicUsize::new(0),
            receiving: AtomicUsize::new(0),
        }
    }

    /// Something happened just now.
    fn touch(&self) {
        let ms = u64::try_from(self.since.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.moved.fetch_max(ms, Ordering::Relaxed);
    }

    fn last(&self) -> Instant {
        self.since + Duration::from_millis(self.moved.load(Ordering::Relaxed))
    }

    /// A handler works on a request that has fully arrived: waiting is then the server's.
    fn working(&self) -> bool {
        self.running.load(Ordering::Relaxed) > 0 && self.receiving.load(Ordering::Relaxed) == 0
    }

    /// Ends once nothing has moved for `limit` while no handler worked.
    async fn stalled(&self, limit: Duration) {
        loop {
            let deadline = if self.working() {
                Instant::now() + limit
            } else {
                self.last() + limit
            };
            tokio::time::sleep_until(deadline.into()).await;
            if !self.working() && self.last() + limit <= Instant::now() {
                return;
            }
        }
    }
}

/// The connection's stream, noting each read or write that moves bytes.
struct Watched<T> {
    inner: T,
    activity: Arc<Activity>,
}

impl<T: AsyncRead + Unpin> AsyncRead for Watched<T> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.activity.touch();
        }
        polled
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Watched<T> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        polled
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// The app for one connection: gives handlers the client's address and tells the
/// connection's [`Activity`] when a handler runs and while a body arrives.
struct Service {
    app: TowerToHyperService<Router>,
    peer: SocketAddr,
    activity: Arc<Activity>,
}

impl hyper::service::Service<hyper::Request<Incoming>> for Service {
    type Response = axum::response::Response;
    type Error = std::convert::Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn call(&self, request: hyper::Request<Incoming>) -> Self::Future {
        let mut request = request.map(|body| Arriving::new(body, &self.activity));
        request.extensions_mut().insert(ConnectInfo(self.peer));
        let running = Running::new(self.activity.clone());
        let answer = hyper::service::Service::call(&self.app, request);
        Box::pin(async move {
            let answer = answer.await;
            drop(running);
            answer
        })
    }
}

/// A handler running, from the request's arrival until its answer is ready.
struct Running(Arc<Activity>);

impl Running {
    fn new(activity: Arc<Activity>) -> Running {
        activity.running.fetch_add(1, Ordering::Relaxed);
        Running(activity)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.0.running.fetch_sub(1, Ordering::Relaxed);
        // The idle time starts again when the handler is done.
        self.0.touch();
    }
}

/// A request's body, counted as arriving until its end, an error, or until it is dropped.
struct Arriving {
    inner: Incoming,
    activity: Arc<Activity>,
    done: bool,
}

impl Arriving {
    fn new(inner: Incoming, activity: &Arc<Activity>) -> Arriving {
        let done = inner.is_end_stream();
        if !done {
            activity.receiving.fetch_add(1, Ordering::Relaxed);
        }
        Arriving {
            inner,
            activity: activity.clone(),
            done,
        }
    }

    fn finish(&mut self) {
        if !std::mem::replace(&mut self.done, true) {
            self.activity.receiving.fetch_sub(1, Ordering::Relaxed);
        }
    }
}

impl Body for Arriving {
    type Data = hyper::body::Bytes;
    type Error = hyper::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        let polled = Pin::new(&mut self.inner).poll_frame(cx);
        if matches!(polled, Poll::Ready(None | Some(Err(_)))) || self.inner.is_end_stream() {
            self.finish();
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

impl Drop for Arriving {
    fn drop(&mut self) {
        self.finish();
    }
}
