//! One client connection: HTTP/1 served by hyper, with the limits a stalled or idle client meets.
//!
//! - **Header timeout** (`--header-timeout-ms`): a request's headers must arrive whole within it,
//!   counted from when the server starts waiting for them (a new connection, or the end of the
//!   previous response); a client that sends a byte now and then is closed when it runs out.
//! - **Idle timeout** (`--idle-timeout-ms`): a connection with no request in progress is closed
//!   after it.
//! - **Shutdown**: on SIGTERM every connection stops taking new requests; one in progress is
//!   finished (the server waits for that at most `--shutdown-grace-ms`).
//! - **JSON error bodies**: the few answers hyper writes itself, for requests it cannot read
//!   (400, 414, 431), get the same JSON body as every other error.

use super::errors::ApiError;
use super::request_log::RequestLine;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::{watch, Notify};
use tokio::time::Instant;

/// The connection limits.
#[derive(Debug, Clone, Copy)]
pub(super) struct Timeouts {
    /// For a request's headers.
    pub(super) header: Duration,
    /// For a connection with no request in progress.
    pub(super) idle: Duration,
}

/// The connections still open, for the shutdown's wait.
#[derive(Default)]
pub(super) struct Live {
    open: AtomicUsize,
    closed: Notify,
}

/// Counts one connection as open until dropped.
pub(super) struct LiveGuard(Arc<Live>);

impl Live {
    /// Counts a new connection.
    pub(super) fn enter(self: &Arc<Self>) -> LiveGuard {
        self.open.fetch_add(1, Ordering::SeqCst);
        LiveGuard(Arc::clone(self))
    }

    /// How many are open.
    pub(super) fn open(&self) -> usize {
        self.open.load(Ordering::SeqCst)
    }

    /// Resolves when none is open.
    pub(super) async fn all_closed(&self) {
        loop {
            let closed = self.closed.notified();
            if self.open() == 0 {
                return;
            }
            closed.await;
        }
    }
}

impl Drop for LiveGuard {
    fn drop(&mut self) {
        self.0.open.fetch_sub(1, Ordering::SeqCst);
        self.0.closed.notify_waiters();
    }
}

/// Whether a request is in progress on a connection, and since when it has had none.
struct Activity {
    in_flight: AtomicUsize,
    since: Mutex<Instant>,
}

impl Activity {
    /// When the connection will have been idle for `idle`, if nothing happens first.
    fn idle_deadline(&self, idle: Duration) -> Instant {
        let since = self.since.lock().map_or_else(|_| Instant::now(), |s| *s);
        if self.in_flight.load(Ordering::SeqCst) > 0 {
            Instant::now() + idle
        } else {
            since + idle
        }
    }

    fn is_idle_for(&self, idle: Duration) -> bool {
        self.in_flight.load(Ordering::SeqCst) == 0
            && self.since.lock().is_ok_and(|s| s.elapsed() >= idle)
    }

    fn touch(&self) {
        if let Ok(mut s) = self.since.lock() {
            *s = Instant::now();
        }
    }
}

/// Marks a request in progress until dropped (its response is ready, or the client left).
struct InFlight(Arc<Activity>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.touch();
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The router, counting the requests in progress on this connection and logging each one.
#[derive(Clone)]
struct Tracked {
    router: Router,
    activity: Arc<Activity>,
}

impl tower::Service<hyper::Request<Incoming>> for Tracked {
    type Response = axum::response::Response;
    type Error = std::convert::Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: hyper::Request<Incoming>) -> Self::Future {
        self.activity.in_flight.fetch_add(1, Ordering::SeqCst);
        let in_flight = InFlight(Arc::clone(&self.activity));
        let line = RequestLine::of(&request);
        let response = tower::ServiceExt::oneshot(self.router.clone(), request);
        Box::pin(async move {
            let response = response.await;
            drop(in_flight);
            if let Ok(response) = &response {
                line.served(response);
            }
            response
        })
    }
}

/// Serves one connection until it closes, its limits run out, or the server stops.
pub(super) async fn serve(
    stream: TcpStream,
    router: Router,
    timeouts: Timeouts,
    mut stop: watch::Receiver<bool>,
    _live: LiveGuard,
) {
    let activity = Arc::new(Activity {
        in_flight: AtomicUsize::new(0),
        since: Mutex::new(Instant::now()),
    });
    let service = TowerToHyperService::new(Tracked {
        router,
        activity: Arc::clone(&activity),
    });
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(timeouts.header)
        .keep_alive(true);
    let connection = builder.serve_connection(TokioIo::new(JsonErrors::new(stream)), service);
    tokio::pin!(connection);
    let mut closing = *stop.borrow();
    if closing {
        connection.as_mut().graceful_shutdown();
    }
    loop {
        let idle_at = activity.idle_deadline(timeouts.idle);
        tokio::select! {
            result = connection.as_mut() => {
                if let Err(e) = result {
                    tracing::debug!(error = %e, "connection closed");
                }
                return;
            }
            changed = stop.changed(), if !closing => {
                if changed.is_err() || *stop.borrow() {
                    connection.as_mut().graceful_shutdown();
                    closing = true;
                }
            }
            () = tokio::time::sleep_until(idle_at), if !closing => {
                if activity.is_idle_for(timeouts.idle) {
                    tracing::debug!("closing an idle connection");
                    connection.as_mut().graceful_shutdown();
                    closing = true;
                }
            }
        }
    }
}

/// The connection's stream, giving hyper's own error answers a JSON body.
struct JsonErrors<T> {
    inner: T,
    /// A rewritten answer being sent: its bytes, how many are sent, and how many of hyper's
    /// bytes it stands for.
    rewritten: Option<(Vec<u8>, usize, usize)>,
}

impl<T> JsonErrors<T> {
    fn new(inner: T) -> Self {
        Self {
            inner,
            rewritten: None,
        }
    }
}

/// hyper's answer to a request it could not read — `HTTP/1.1 400|414|431 …` with
/// `content-length: 0` — with the JSON body of that refusal instead.
fn with_json_body(head: &[u8]) -> Option<Vec<u8>> {
    // The status line decides before the rest is read as text.
    let status: u16 = match head.get(..12)? {
        b"HTTP/1.1 400" => 400,
        b"HTTP/1.1 414" => 414,
        b"HTTP/1.1 431" => 431,
        _ => return None,
    };
    let text = std::str::from_utf8(head).ok()?;
    if !text.ends_with("\r\n\r\n") {
        return None;
    }
    let empty = "\r\ncontent-length: 0\r\n";
    let at = text.find(empty)?;
    let body = ApiError::for_status(status).body();
    let mut out = String::with_capacity(text.len() + body.len() + 80);
    out.push_str(&text[..at]);
    out.push_str("\r\ncontent-type: application/json\r\nx-content-type-options: nosniff\r\n");
    out.push_str("content-length: ");
    out.push_str(&body.len().to_string());
    out.push_str("\r\n");
    out.push_str(&text[at + empty.len()..]);
    out.push_str(&body);
    Some(out.into_bytes())
}

impl<T: AsyncWrite + Unpin> AsyncWrite for JsonErrors<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if self.rewritten.is_none() {
            if let Some(bytes) = with_json_body(buf) {
                self.rewritten = Some((bytes, 0, buf.len()));
            }
        }
        let this = &mut *self;
        if let Some((bytes, sent, stands_for)) = &mut this.rewritten {
            while *sent < bytes.len() {
                match Pin::new(&mut this.inner).poll_write(cx, &bytes[*sent..]) {
                    Poll::Ready(Ok(0)) => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                    Poll::Ready(Ok(n)) => *sent += n,
                    Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                    Poll::Pending => return Poll::Pending,
                }
            }
            let n = *stands_for;
            this.rewritten = None;
            return Poll::Ready(Ok(n));
        }
        Pin::new(&mut this.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    /// A head and the body's buffers are written together, without hyper first copying the
    /// body (a Report is ≈ 15–25 KB) behind the head. hyper's own error answers are a head
    /// alone, in the first buffer: that buffer goes through [`Self::poll_write`].
    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let first = bufs
            .iter()
            .find(|b| !b.is_empty())
            .map_or(&[][..], |b| &**b);
        if self.rewritten.is_some() || first.starts_with(b"HTTP/1.1 4") {
            return self.poll_write(cx, first);
        }
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for JsonErrors<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hypers_empty_error_answers_get_a_json_body() {
        let head =
            b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\ndate: x\r\n\r\n";
        let out = String::from_utf8(with_json_body(head).unwrap()).unwrap();
        let (head, body) = out.split_once("\r\n\r\n").unwrap();
        assert!(head.contains("content-type: application/json"));
        assert!(head.contains(&format!("content-length: {}", body.len())));
        assert!(head.contains("date: x"));
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(json["error"]["code"], "request.headers_too_large");
        // Our own answers, and successes, are left alone.
        assert!(with_json_body(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n").is_none());
        assert!(
            with_json_body(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 57\r\n\r\n").is_none()
        );
    }
}
