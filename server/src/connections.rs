//! The accept loop: each connection served by hyper's HTTP/1 with a
//! header-read timeout, closed when idle, at most `max_connections` open at
//! once, and a graceful shutdown that ends at a deadline.
//!
//! `axum::serve` has none of these knobs: a socket that sends its headers a
//! byte at a time, or nothing at all, was held forever (500 of them exhausted
//! the file limit), and on SIGTERM such sockets kept the process alive. Here
//! a connection is closed when its request head takes longer than the
//! header-read timeout, or when it has nothing in progress and no byte moved
//! for the idle timeout. On shutdown the listener closes at once, connections
//! with nothing received are closed, the others answer what they received
//! (`Connection: close`) and close; past the deadline the rest are dropped
//! and the process exits anyway. Plain HTTP/1.1: the server runs behind a
//! proxy or on loopback.

use std::{
    future::Future,
    io,
    pin::Pin,
    sync::{
        atomic::{AtomicU64, AtomicUsize, Ordering},
        Arc,
    },
    task::{Context, Poll},
    time::Duration,
};

use axum::{body::Body, Router};
use http_body_util::BodyExt;
use hyper::{body::Incoming, server::conn::http1, Request};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::{
    io::{AsyncRead, AsyncWrite, ReadBuf},
    net::{TcpListener, TcpStream},
    sync::{watch, OwnedSemaphorePermit, Semaphore},
    time::Instant,
};
use tower::ServiceExt;

/// How connections are kept and let go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// How long a request head (request line and headers) may take to arrive;
    /// hyper starts counting when it starts waiting for the head.
    pub header_read_timeout: Duration,
    /// How long a connection with no request in progress may stay silent.
    pub idle_timeout: Duration,
    /// Connections open at once; past it new ones wait in the kernel's backlog.
    pub max_connections: usize,
    /// How long a shutdown waits for requests in flight before the process exits anyway.
    pub shutdown_timeout: Duration,
}

impl ConnectionLimits {
    /// Default header-read timeout in seconds: a browser sends its head in one packet.
    pub const DEFAULT_HEADER_READ_TIMEOUT_SECS: u64 = 10;
    /// Default idle timeout in seconds, as Apache's `KeepAliveTimeout`.
    pub const DEFAULT_IDLE_TIMEOUT_SECS: u64 = 5;
    /// Default connection cap: well under the usual 1024-file limit.
    pub const DEFAULT_MAX_CONNECTIONS: usize = 512;
    /// Default shutdown deadline in seconds: the request timeout's default.
    pub const DEFAULT_SHUTDOWN_TIMEOUT_SECS: u64 = 10;
    /// Files kept free of connections under the process's file limit: the
    /// listener, the site files being served, the logs.
    pub const RESERVED_FILES: usize = 64;
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            header_read_timeout: Duration::from_secs(Self::DEFAULT_HEADER_READ_TIMEOUT_SECS),
            idle_timeout: Duration::from_secs(Self::DEFAULT_IDLE_TIMEOUT_SECS),
            max_connections: Self::DEFAULT_MAX_CONNECTIONS,
            shutdown_timeout: Duration::from_secs(Self::DEFAULT_SHUTDOWN_TIMEOUT_SECS),
        }
    }
}

/// How [`serve`] ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stopped {
    /// Every connection closed before the deadline.
    Drained,
    /// The deadline passed with this many connections still open; they are dropped.
    DeadlinePassed(usize),
}

/// Serves `app` on `listener` until `shutdown` resolves, then drains (see the module's doc).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) -> Stopped {
    let slots = limits.max_connections.max(1);
    let open = Arc::new(Semaphore::new(slots));
    let (stop, stopping) = watch::channel(false);
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(true);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        // The slot first, then the accept: at the cap, new connections wait
        // in the kernel's backlog (no file of ours) until one closes.
        let slot = tokio::select! {
            slot = open.clone().acquire_owned() => slot.expect("BUG: the connection semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    // EMFILE and friends: wait for files to be freed rather than spin.
                    tracing::warn!(%error, "cannot accept a connection");
                    tokio::select! {
                        () = tokio::time::sleep(Duration::from_millis(100)) => continue,
                        () = &mut shutdown => break,
                    }
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        tokio::spawn(connection(
            stream,
            app.clone(),
            http.clone(),
            limits,
            stopping.clone(),
            slot,
        ));
    }
    drop(listener);
    let _ = stop.send(true);
    let drained = tokio::time::timeout(limits.shutdown_timeout, open.acquire_many(slots as u32)).await;
    match drained {
        Ok(_) => Stopped::Drained,
        Err(_) => Stopped::DeadlinePassed(slots - open.available_permits()),
    }
}

/// One connection, from accept to close; `_slot` is its place under the cap.
async fn connection(
    stream: TcpStream,
    app: Router,
    http: http1::Builder,
    limits: ConnectionLimits,
    mut stopping: watch::Receiver<bool>,
    _slot: OwnedSemaphorePermit,
) {
    let activity = Arc::new(Activity::new());
    let io = TokioIo::new(Watched {
        inner: stream,
        activity: activity.clone(),
    });
    let seen = activity.clone();
    let service = hyper::service::service_fn(move |request: Request<Incoming>| {
        let handling = Busy::start(&seen, State::Handling);
        let (app, seen) = (app.clone(), seen.clone());
        async move {
            let response = app.oneshot(request).await?;
            // Until its body is written (or dropped), the response is in flight too.
            let writing = Busy::start(&seen, State::Writing);
            drop(handling);
            Ok::<_, std::convert::Infallible>(response.map(move |body| {
                Body::new(body.map_frame(move |frame| {
                    let _in_flight = &writing;
                    frame
                }))
            }))
        }
    });
    let conn = http.serve_connection(io, service);
    let mut conn = std::pin::pin!(conn);
    let mut draining = *stopping.borrow();
    if draining {
        return;
    }
    loop {
        let quiet_until = activity.last_io() + limits.idle_timeout;
        tokio::select! {
            result = conn.as_mut() => {
                if let Err(error) = result {
                    // A header timeout, a reset, a malformed head: the client's doing.
                    tracing::debug!(%error, "connection ended");
                }
                return;
            }
            () = tokio::time::sleep_until(quiet_until) => {
                // Handling a request is the request timeout's business, not ours;
                // a response the client does not read is.
                let quiet = Instant::now() >= activity.last_io() + limits.idle_timeout;
                if quiet && activity.handling.load(Ordering::Acquire) == 0 {
                    tracing::debug!("closing an idle connection");
                    return;
                }
            }
            _ = stopping.changed(), if !draining => {
                draining = true;
                if activity.in_flight() == 0 {
                    // Nothing received to answer (at most part of a head).
                    return;
                }
                conn.as_mut().graceful_shutdown();
            }
        }
    }
}

/// What a connection is doing, read by its idle and shutdown checks.
struct Activity {
    /// The connection's start, what `last_io_ms` counts from.
    opened: Instant,
    /// Milliseconds after `opened` that a byte was last read or written.
    last_io_ms: AtomicU64,
    /// Requests whose handler has not answered yet.
    handling: AtomicUsize,
    /// Responses whose body is not written yet.
    writing: AtomicUsize,
}

impl Activity {
    fn new() -> Activity {
        Activity {
            opened: Instant::now(),
            last_io_ms: AtomicU64::new(0),
            handling: AtomicUsize::new(0),
            writing: AtomicUsize::new(0),
        }
    }

    fn touch(&self) {
        let ms = u64::try_from(self.opened.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_io_ms.store(ms, Ordering::Release);
    }

    fn last_io(&self) -> Instant {
        self.opened + Duration::from_millis(self.last_io_ms.load(Ordering::Acquire))
    }

    fn in_flight(&self) -> usize {
        self.handling.load(Ordering::Acquire) + self.writing.load(Ordering::Acquire)
    }
}

/// The two states a request is counted in.
#[derive(Clone, Copy, Debug)]
enum State {
    /// Its handler has not answered yet.
    Handling,
    /// Its body is being written.
    Writing,
}

impl Activity {
    fn counter(&self, state: State) -> &AtomicUsize {
        match state {
            State::Handling => &self.handling,
            State::Writing => &self.writing,
        }
    }
}

/// One request counted in a state until dropped.
struct Busy {
    activity: Arc<Activity>,
    state: State,
}

impl Busy {
    fn start(activity: &Arc<Activity>, state: State) -> Busy {
        activity.counter(state).fetch_add(1, Ordering::AcqRel);
        Busy {
            activity: activity.clone(),
            state,
        }
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.activity.counter(self.state).fetch_sub(1, Ordering::AcqRel);
    }
}

/// The socket, noting when a byte last moved.
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Watched {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.activity.touch();
        }
        polled
    }
}

impl AsyncWrite for Watched {
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

/// The file limit of this process (`Max open files` in /proc/self/limits), when it can be read.
pub fn file_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}
