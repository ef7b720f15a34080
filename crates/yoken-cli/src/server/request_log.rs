//! The line each request leaves in the log: its id, method, path, status and time, never its
//! body. Written as one event when the response is ready (`INFO yoken_cli::server: served id=…
//! method=… path=… status=… micros=…`), with no span around the request: a span per request
//! (`tower_http`'s `TraceLayer`) was ~8.5k instructions of a served check's ~484k, to put the same
//! fields on the same line (`bench/serve-instructions.sh`).
//!
//! Owns: the request's log line. Must not know: what was checked.

use axum::response::Response;
use hyper::Method;
use std::time::Instant;

/// How many characters of a path the line keeps (a client may send a very long one).
const PATH_CHARS: usize = 120;

/// What the line says of a request, noted when it arrives.
pub(super) struct RequestLine {
    started: Instant,
    method: Method,
    /// The path only: no query string, never the body.
    path: String,
}

impl RequestLine {
    /// Notes a request as it arrives.
    pub(super) fn of<B>(request: &hyper::Request<B>) -> Self {
        let path = request.uri().path();
        RequestLine {
            started: Instant::now(),
            method: request.method().clone(),
            path: match path.char_indices().nth(PATH_CHARS) {
                Some((end, _)) => path[..end].to_owned(),
                None => path.to_owned(),
            },
        }
    }

    /// Logs the request with its response. The id is the one the response carries (the
    /// client's, when short and plain, or the one the server gave it).
    pub(super) fn served(self, response: &Response) {
        let id = response
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-");
        tracing::info!(
            target: "yoken_cli::server",
            id,
            method = %self.method,
            path = self.path.as_str(),
            status = response.status().as_u16(),
            micros = self.started.elapsed().as_micros(),
            "served"
        );
    }
}
