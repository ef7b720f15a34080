//! `yoken serve`: the HTTP JSON API for server-side re-validation (native builds only).
//!
//! - `GET /healthz`, `GET /v1/programmes`, `POST /v1/programmes/{id}/validate` (form JSON in,
//!   Report out; `?today=YYYY-MM-DD`, else the server's date in Japan time), `GET /openapi.json`.
//! - Limits, each answered with a JSON error: body size (413), JSON nesting depth (400), request
//!   time (503), concurrent requests (503, shed rather than queued without bound).
//! - Stateless: any number of instances can serve behind a load balancer.
//! - Logs carry a request id, the route, the status and the time — never the form's contents.

mod errors;
pub mod openapi;

use crate::today::today_in_japan;
use axum::body::{Body, Bytes};
use axum::error_handling::HandleErrorLayer;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{BoxError, Router};
pub use errors::ApiError;
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceBuilder;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use yoken::{report_json, Catalog, Code, Message, Options};

/// The Content-Security-Policy the demo page and widget are served with.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Where to listen (127.0.0.1:8080 by default).
    pub addr: SocketAddr,
    /// The largest request body, in bytes.
    pub body_limit: usize,
    /// The deepest JSON nesting accepted.
    pub max_depth: usize,
    /// The longest a request may take.
    pub timeout: Duration,
    /// Requests served at once; more are refused with 503.
    pub concurrency: usize,
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
            max_depth: 64,
            timeout: Duration::from_secs(10),
            concurrency: 512,
            www: None,
            pkg: None,
        }
    }
}

struct App {
    catalog: Catalog,
    body_limit: usize,
    max_depth: usize,
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

/// The API's routes, as (method, path) — the OpenAPI document lists exactly these.
pub const ROUTES: [(&str, &str); 4] = [
    ("get", "/healthz"),
    ("get", "/v1/programmes"),
    ("post", "/v1/programmes/{id}/validate"),
    ("get", "/openapi.json"),
];

/// Builds the router (also used by tests in-process).
pub fn router(catalog: Catalog, config: &ServeConfig) -> Router {
    let app = Arc::new(App {
        catalog,
        body_limit: config.body_limit,
        max_depth: config.max_depth,
    });
    let api = Router::new()
        .route(ROUTES[0].1, get(healthz))
        .route(ROUTES[1].1, get(programmes))
        .route(ROUTES[2].1, post(validate))
        .route(ROUTES[3].1, get(openapi_json))
        .method_not_allowed_fallback(|| async { ApiError::method_not_allowed() })
        .with_state(app);
    let mut router = api;
    if let Some(pkg) = &config.pkg {
        router = router.nest_service("/pkg", ServeDir::new(pkg));
    }
    router = match &config.www {
        Some(www) => router.fallback_service(ServeDir::new(www)),
        None => router.fallback(|| async { ApiError::not_found() }),
    };
    // Router::layer wraps each route on its own, so the limits go around the whole router as one
    // service: one concurrency limit and one timeout for every request.
    let request_id = axum::http::HeaderName::from_static("x-request-id");
    Router::new()
        .fallback_service(router)
        .layer(
            ServiceBuilder::new()
                .layer(HandleErrorLayer::new(|e: BoxError| async move {
                    ApiError::from_middleware(&e)
                }))
                .load_shed()
                .concurrency_limit(config.concurrency)
                .timeout(config.timeout),
        )
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request| {
                    let id = req
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    // The path only: no query string, never the body.
                    let path: String = req.uri().path().chars().take(120).collect();
                    tracing::info_span!("request", id, method = %req.method(), path)
                })
                .on_request(())
                .on_response(|res: &Response, latency: Duration, _: &tracing::Span| {
                    tracing::info!(
                        status = res.status().as_u16(),
                        micros = latency.as_micros(),
                        "served"
                    );
                })
                .on_failure(()),
        )
        .layer(SetRequestIdLayer::new(request_id, Counter::default()))
}

/// Listens on `config.addr` until `shutdown` resolves, finishing requests in flight.
pub async fn serve(
    catalog: Catalog,
    config: ServeConfig,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, "yoken serve listening");
    println!("yoken serve: http://{addr}/");
    axum::serve(listener, router(catalog, &config))
        .with_graceful_shutdown(shutdown)
        .await
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
    tracing::info!("shutting down: finishing requests in flight");
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
}

async fn validate(
    State(app): State<Arc<App>>,
    path: Result<Path<String>, PathRejection>,
    query: Result<Query<ValidateQuery>, QueryRejection>,
    request: Request,
) -> Result<Response, ApiError> {
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
    let bytes = read_body(request.into_body(), app.body_limit).await?;
    errors::check_depth(&bytes, app.max_depth)?;
    let default = Options::default();
    let options = Options {
        trace: query.trace.unwrap_or(default.trace),
        normalise: query.normalise.unwrap_or(default.normalise),
    };
    let report = app
        .catalog
        .validate_bytes(&id, &bytes, today, options)
        .map_err(ApiError::from)?;
    Ok(json(StatusCode::OK, report_json(&report)))
}

/// Reads the body up to `limit` bytes; larger is a 413.
async fn read_body(body: Body, limit: usize) -> Result<Bytes, ApiError> {
    axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| ApiError::too_large(limit))
}
