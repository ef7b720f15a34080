//! `yoken serve`: the HTTP JSON API for server-side re-validation (native builds only).
//!
//! - `GET /healthz`, `GET /v1/programmes`, `POST /v1/programmes/{id}/validate` (form JSON in,
//!   Report out; `?today=` ISO or 和暦, else the date in Japan), `POST
//!   /v1/programmes/{id}/documents` (an application's 様式 workbooks as multipart/form-data in;
//!   the Report with each finding at its cell out, as `yoken check` on the files prints it),
//!   `GET /openapi.json`.
//! - Limits, each answered with a JSON error: body size (413, at once when `Content-Length` says
//!   so), JSON nesting depth (400), a key given twice (400), a body not declared as JSON (415),
//!   a deadline for reading the body and checking it (503), validations in flight (503, shed
//!   rather than queued). `/healthz` is outside every limit but the connection's.
//! - Connections: a header timeout, an idle timeout, and a bounded wait for requests in flight
//!   when SIGTERM comes (the `connection` module).
//! - Stateless: any number of instances can serve behind a load balancer.
//! - Logs carry a request id (the client's, when short and plain; else a fresh one), the route,
//!   the status and the time — never the form's contents.

mod connection;
mod errors;
pub mod openapi;
mod request_log;

use crate::output::Output;
use crate::today::today_in_japan;
use axum::body::Body;
use axum::error_handling::HandleErrorLayer;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::{BoxError, Router};
use connection::{Live, Timeouts};
pub use errors::ApiError;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio::time::{timeout_at, Instant};
use tower::limit::GlobalConcurrencyLimitLayer;
use tower::ServiceBuilder;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use yoken::{report_json_in, Catalog, Code, Message, Options};

/// The Content-Security-Policy the demo page and widget are served with.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The longest client request id kept (a longer or fancier one is replaced by a fresh id).
pub const MAX_REQUEST_ID: usize = 64;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Where to listen (127.0.0.1:8080 by default).
    pub addr: SocketAddr,
    /// The largest request body, in bytes.
    pub body_limit: usize,
    /// The largest upload of 様式 workbooks, in bytes.
    pub documents_limit: usize,
    /// The deepest JSON nesting accepted.
    pub max_depth: usize,
    /// The longest a validation request may take, reading its body and checking it.
    pub timeout: Duration,
    /// The longest a client may take to send a request's headers.
    pub header_timeout: Duration,
    /// The longest a connection may sit with no request in progress.
    pub idle_timeout: Duration,
    /// After SIGTERM, the longest wait for requests in flight.
    pub shutdown_grace: Duration,
    /// Validation requests served at once; more are refused with 503.
    pub concurrency: usize,
    /// Forms checked at once (each on a thread of its own); more wait for their deadline.
    pub validators: usize,
    /// A directory served at `/` (the demo page), if any.
    pub www: Option<PathBuf>,
    /// A directory served at `/pkg/` (the wasm package), if any.
    pub pkg: Option<PathBuf>,
}

impl Default for ServeConfig {
    fn default() -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            body_limit: 1024 * 1024,
            documents_limit: DEFAULT_DOCUMENTS_LIMIT,
            max_depth: 64,
            timeout: Duration::from_secs(10),
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(30),
            shutdown_grace: Duration::from_secs(5),
            concurrency: 512,
            validators: std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
            www: None,
            pkg: None,
        }
    }
}

/// The largest upload of 様式 workbooks by default: 8 MiB (a mail carries at most 7 MB, 003
/// 第10 3 (6), plus the multipart framing).
pub const DEFAULT_DOCUMENTS_LIMIT: usize = 8 * 1024 * 1024;

struct App {
    catalog: Arc<Catalog>,
    body_limit: usize,
    documents_limit: usize,
    max_depth: usize,
    timeout: Duration,
    /// One permit per form being checked.
    validators: Arc<Semaphore>,
}

/// Request ids: a per-process counter with the process id, cheap and unique per instance.
#[derive(Clone, Default)]
struct Counter(Arc<AtomicU64>);

impl MakeRequestId for Counter {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        let n = self.0.fetch_add(1, Ordering::Relaxed);
        HeaderValue::from_str(&format!("{}-{n}", std::process::id()))
            .ok()
            .map(RequestId::new)
    }
}

/// A client's request id is kept only when short and plain (`A-Z a-z 0-9 . _ : -`, at most
/// [`MAX_REQUEST_ID`]); otherwise it is dropped, so a fresh one is made.
fn plain_request_id(mut request: Request) -> Request {
    let plain = |v: &HeaderValue| {
        let b = v.as_bytes();
        !b.is_empty()
            && b.len() <= MAX_REQUEST_ID
            && b.iter()
                .all(|c| c.is_ascii_alphanumeric() || b"._:-".contains(c))
    };
    if request
        .headers()
        .get("x-request-id")
        .is_some_and(|v| !plain(v))
    {
        request.headers_mut().remove("x-request-id");
    }
    request
}

/// Static files never include a dotfile (`.gitignore`, `.env`): a path with a segment starting
/// with `.` (written or percent-encoded) is not found.
async fn no_dotfiles(request: Request, next: axum::middleware::Next) -> Response {
    let hidden =
        request.uri().path().split('/').any(|segment| {
            segment.starts_with('.') || segment.to_ascii_lowercase().starts_with("%2e")
        });
    if hidden {
        return ApiError::not_found().into_response();
    }
    next.run(request).await
}

/// The API's routes, as (method, path) — the OpenAPI document lists exactly these.
pub const ROUTES: [(&str, &str); 5] = [
    ("get", "/healthz"),
    ("get", "/v1/programmes"),
    ("post", "/v1/programmes/{id}/validate"),
    ("get", "/openapi.json"),
    ("post", "/v1/programmes/{id}/documents"),
];

/// Builds the router (also used by tests in-process).
pub fn router(catalog: Catalog, config: &ServeConfig) -> Router {
    let app = Arc::new(App {
        catalog: Arc::new(catalog),
        body_limit: config.body_limit,
        documents_limit: config.documents_limit,
        max_depth: config.max_depth,
        timeout: config.timeout,
        validators: Arc::new(Semaphore::new(config.validators.max(1))),
    });
    // Only the checks are limited, together: requests beyond --concurrency (forms and 様式
    // uploads alike) are shed with 503 at once.
    let slots = Arc::new(Semaphore::new(config.concurrency));
    let limited = shed(post(validate), &slots);
    let limited_documents = shed(
        post(documents)
            .layer::<_, std::convert::Infallible>(DefaultBodyLimit::max(config.documents_limit)),
        &slots,
    );
    let api = Router::new()
        .route(ROUTES[0].1, get(healthz))
        .route(ROUTES[1].1, get(programmes))
        .route(ROUTES[2].1, limited)
        .route(ROUTES[3].1, get(openapi_json))
        .route(ROUTES[4].1, limited_documents)
        .method_not_allowed_fallback(|| async { ApiError::method_not_allowed() })
        .with_state(app);
    let mut files = Router::new();
    if let Some(pkg) = &config.pkg {
        files = files.nest_service("/pkg", ServeDir::new(pkg));
    }
    files = match &config.www {
        Some(www) => files.fallback_service(ServeDir::new(www)),
        None => files.fallback(|| async { ApiError::not_found() }),
    };
    let files = files.layer(axum::middleware::from_fn(no_dotfiles));
    let request_id = HeaderName::from_static("x-request-id");
    Router::new()
        .merge(api)
        .route(
            "/v1/{*rest}",
            axum::routing::any(|| async { ApiError::not_found() }),
        )
        .fallback_service(files)
        // One layer of them all, outermost first: axum boxes every route again for each
        // `Router::layer`, and each request clones the route's boxes (eight layers apart were
        // 36 boxes cloned a request).
        .layer(
            ServiceBuilder::new()
                .layer(tower::util::MapRequestLayer::new(plain_request_id))
                .layer(SetRequestIdLayer::new(
                    request_id.clone(),
                    Counter::default(),
                ))
                .layer(PropagateRequestIdLayer::new(request_id))
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::REFERRER_POLICY,
                    HeaderValue::from_static("no-referrer"),
                ))
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ))
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static(CSP),
                ))
                .layer(axum::middleware::map_response(errors::json_errors)),
        )
}

/// A check route under the shared limit of requests at once: one beyond it is shed with 503.
fn shed(route: MethodRouter<Arc<App>>, slots: &Arc<Semaphore>) -> MethodRouter<Arc<App>> {
    route.layer(
        ServiceBuilder::new()
            .layer(HandleErrorLayer::new(|e: BoxError| async move {
                ApiError::from_middleware(&e)
            }))
            .load_shed()
            .layer(GlobalConcurrencyLimitLayer::with_semaphore(Arc::clone(
                slots,
            ))),
    )
}

/// Listens on `config.addr` until `shutdown` resolves; then stops taking connections, lets the
/// requests in flight finish for at most `config.shutdown_grace`, and returns.
pub async fn serve(
    catalog: Catalog,
    config: ServeConfig,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, "yoken serve listening");
    // Scripts and tests read this line to learn the port; if no one reads it, that is fine.
    let mut out = Output::stdout();
    let _ = out
        .line(&format!("yoken serve: http://{addr}/"))
        .and_then(|()| out.flush());
    let app = router(catalog, &config);
    let timeouts = Timeouts {
        header: config.header_timeout,
        idle: config.idle_timeout,
    };
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let live = Arc::new(Live::default());
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let guard = live.enter();
                    tokio::spawn(connection::serve(stream, app.clone(), timeouts, stopped.clone(), guard));
                }
                Err(e) => {
                    // Out of file descriptors, say: wait a moment rather than spin.
                    tracing::warn!(error = %e, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    let _ = stop.send(true);
    let open = live.open();
    tracing::info!(open, "shutting down: finishing requests in flight");
    if tokio::time::timeout(config.shutdown_grace, live.all_closed())
        .await
        .is_err()
    {
        tracing::warn!(
            open = live.open(),
            "grace period over: exiting with connections still open"
        );
    }
    Ok(())
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

fn json(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

async fn healthz() -> Response {
    json(StatusCode::OK, r#"{"status":"ok"}"#.to_owned())
}

async fn programmes(State(app): State<Arc<App>>) -> Response {
    match serde_json::to_string(&app.catalog.programmes()) {
        Ok(body) => json(StatusCode::OK, body),
        Err(_) => ApiError::internal().into_response(),
    }
}

async fn openapi_json() -> Response {
    json(StatusCode::OK, openapi::document().to_string())
}

#[derive(Deserialize)]
struct ValidateQuery {
    today: Option<String>,
    trace: Option<bool>,
    normalise: Option<bool>,
    lang: Option<String>,
}

/// Whether a request's body is declared as JSON (`application/json`, any parameters).
fn declares_json(headers: &HeaderMap) -> Result<(), ApiError> {
    let given = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let essence = given
        .and_then(|t| t.split(';').next())
        .map(|t| t.trim().to_ascii_lowercase());
    if essence.as_deref() == Some("application/json") {
        Ok(())
    } else {
        Err(ApiError::not_json_content(given))
    }
}

async fn validate(
    State(app): State<Arc<App>>,
    path: Result<Path<String>, PathRejection>,
    query: Result<Query<ValidateQuery>, QueryRejection>,
    request: Request,
) -> Result<Response, ApiError> {
    // One deadline for the whole request: reading the body, waiting for a validator, checking.
    let deadline = Instant::now() + app.timeout;
    let (id, today, options) = what_to_check(&app, path, query)?;
    declares_json(request.headers())?;
    refuse_announced_over(request.headers(), app.body_limit)?;
    let bytes = timeout_at(deadline, read_body(request.into_body(), app.body_limit))
        .await
        .map_err(|_| ApiError::timeout())??;
    errors::check_depth(&bytes, app.max_depth)?;
    let report = checked(
        &app,
        deadline,
        bytes.len() <= CHECKED_INLINE,
        move |catalog| {
            // UTF-8 checked a vector at a time (std's check of the half-filled bench form was
            // 1.4 % of a served request); bytes that are not UTF-8 are refused by the library,
            // which names where the first such byte stands.
            match simdutf8::basic::from_utf8(&bytes) {
                Ok(text) => catalog.validate_text(&id, text, today, options),
                Err(_) => catalog.validate_bytes(&id, &bytes, today, options),
            }
            .map(|report| report_json_in(&report, options.lang))
        },
    )
    .await?;
    Ok(json(StatusCode::OK, report))
}

/// The largest request checked on the connection's own thread: a form this size is checked in well
/// under a millisecond, less than handing it to a blocking thread and back costs (about a sixth of
/// the server's time under load went to those wake-ups). Larger ones go to a blocking thread, so a
/// long check never holds up other connections.
const CHECKED_INLINE: usize = 64 * 1024;

/// Runs a check once a validator is free, all before `deadline` (503 after it): on this thread
/// when `here` (a form of at most [`CHECKED_INLINE`] bytes), else on a blocking thread. At most
/// --workers checks run at once; a check the deadline overtakes finishes there (its work is
/// bounded by the body limit) and is dropped.
async fn checked(
    app: &App,
    deadline: Instant,
    here: bool,
    check: impl FnOnce(&Catalog) -> Result<String, yoken::Error> + Send + 'static,
) -> Result<String, ApiError> {
    let permit = timeout_at(deadline, Arc::clone(&app.validators).acquire_owned())
        .await
        .map_err(|_| ApiError::timeout())?
        .map_err(|_| ApiError::internal())?;
    if here {
        let _permit = permit;
        return check(&app.catalog).map_err(ApiError::from);
    }
    let catalog = Arc::clone(&app.catalog);
    let run = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        check(&catalog)
    });
    timeout_at(deadline, run)
        .await
        .map_err(|_| ApiError::timeout())?
        .map_err(|_| ApiError::internal())?
        .map_err(ApiError::from)
}

/// A body the client announces (`Content-Length`) as larger than `limit` is refused before it is
/// read (413).
fn refuse_announced_over(headers: &HeaderMap, limit: usize) -> Result<(), ApiError> {
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > limit as u64) {
        Err(ApiError::too_large(limit))
    } else {
        Ok(())
    }
}

/// The programme, the day and the options a check request names (path and query).
fn what_to_check(
    app: &App,
    path: Result<Path<String>, PathRejection>,
    query: Result<Query<ValidateQuery>, QueryRejection>,
) -> Result<(String, chrono::NaiveDate, Options), ApiError> {
    let Path(id) = path.map_err(|e| {
        ApiError::bad_request(
            Code::RequestBadPath,
            Message::new(
                format!("URL を読み取れません：{e}"),
                format!("The URL cannot be read: {e}"),
            ),
        )
    })?;
    let Query(query) = query.map_err(|e| {
        ApiError::bad_request(
            Code::RequestBadQuery,
            Message::new(
                format!("クエリを読み取れません：{e}"),
                format!("The query cannot be read: {e}"),
            ),
        )
    })?;
    app.catalog.programme(&id).map_err(ApiError::from)?;
    let today = match query.today {
        Some(t) => yoken::today(&t).map_err(ApiError::from)?,
        None => today_in_japan(),
    };
    let lang = match query.lang.as_deref() {
        None => None,
        Some(code) => Some(yoken::Lang::from_code(code).ok_or_else(|| {
            let shown: String = code.chars().take(40).collect();
            ApiError::bad_request(
                Code::RequestBadQuery,
                Message::new(
                    format!("クエリの lang は ja か en です（指定：「{shown}」）。"),
                    format!("The query's lang is ja or en (got \"{shown}\")."),
                ),
            )
        })?),
    };
    let default = Options::default();
    let options = Options {
        trace: query.trace.unwrap_or(default.trace),
        normalise: query.normalise.unwrap_or(default.normalise),
        lang,
    };
    Ok((id, today, options))
}

/// The most workbooks in one upload.
const MAX_UPLOADED_FILES: usize = 20;

/// `POST /v1/programmes/{id}/documents`: an application's 様式 workbooks (multipart/form-data,
/// one part per file, each with its file name) read back through the programme's layouts and
/// checked; the answer is what `yoken check --format json` prints for the files.
async fn documents(
    State(app): State<Arc<App>>,
    path: Result<Path<String>, PathRejection>,
    query: Result<Query<ValidateQuery>, QueryRejection>,
    request: Request,
) -> Result<Response, ApiError> {
    let deadline = Instant::now() + app.timeout;
    let (id, today, options) = what_to_check(&app, path, query)?;
    let given = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    refuse_announced_over(request.headers(), app.documents_limit)?;
    let not_multipart = || {
        let shown: String = given.clone().unwrap_or_default().chars().take(80).collect();
        ApiError::unsupported_media(
            Message::new(
                format!("様式のファイルは multipart/form-data で送ってください（送られたもの：「{shown}」）。"),
                format!("Send the 様式 files as multipart/form-data (got \"{shown}\")."),
            ),
        )
    };
    if !given
        .as_deref()
        .is_some_and(|t| t.to_ascii_lowercase().starts_with("multipart/form-data"))
    {
        return Err(not_multipart());
    }
    let limit = app.documents_limit;
    let read_error = |e: &axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::too_large(limit)
        } else {
            let why: String = e.body_text().chars().take(120).collect();
            ApiError::bad_request(
                Code::RequestMalformed,
                Message::new(
                    format!("アップロードを読み取れません：{why}"),
                    format!("The upload cannot be read: {why}"),
                ),
            )
        }
    };
    let mut multipart = Multipart::from_request(request, &())
        .await
        .map_err(|_| not_multipart())?;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    loop {
        let next = timeout_at(deadline, multipart.next_field())
            .await
            .map_err(|_| ApiError::timeout())?;
        let field = match next {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => return Err(read_error(&e)),
        };
        if files.len() == MAX_UPLOADED_FILES {
            return Err(ApiError::bad_request(
                Code::RequestMalformed,
                Message::new(
                    format!("一度に送れる様式のファイルは{MAX_UPLOADED_FILES}個までです。"),
                    format!("At most {MAX_UPLOADED_FILES} 様式 files can be sent at once."),
                ),
            ));
        }
        let name: String = field
            .file_name()
            .or_else(|| field.name())
            .unwrap_or("upload.xlsx")
            .chars()
            .take(200)
            .collect();
        let bytes = timeout_at(deadline, field.bytes())
            .await
            .map_err(|_| ApiError::timeout())?
            .map_err(|e| read_error(&e))?;
        files.push((name, bytes.to_vec()));
    }
    if files.is_empty() {
        return Err(ApiError::bad_request(
            Code::RequestMalformed,
            Message::new(
                "様式のファイルがありません（multipart/form-data の各部分に一つずつ）。",
                "No 様式 file was sent (one per part of the multipart/form-data).",
            ),
        ));
    }
    // Workbooks are unpacked and read: always on a blocking thread.
    let answer = checked(&app, deadline, false, move |catalog| {
        crate::documents::check_files(catalog, &id, today, options, &files)
            .map(|application| application.to_json())
    })
    .await?;
    Ok(json(StatusCode::OK, answer))
}

/// Reads the body up to `limit` bytes; larger is a 413.
async fn read_body(body: Body, limit: usize) -> Result<axum::body::Bytes, ApiError> {
    axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| ApiError::too_large(limit))
}
