//! `yoken serve`'s validate route, in-process: any request body gets a JSON answer with a 2xx or
//! 4xx status — never a 5xx, never a dropped request.
#![no_main]

use axum::body::{to_bytes, Body};
use axum::http::Request;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use tower::ServiceExt;
use yoken::Catalog;
use yoken_cli::server::{router, ServeConfig};

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime")
    })
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the content type and programme, the rest is the body.
    let (head, body) = data.split_first().unwrap_or((&0, &[]));
    let id = if head & 1 == 0 {
        "maff-mohouhin-r7"
    } else {
        "maff-hinshu-r7"
    };
    let content_type = [
        "application/json",
        "text/plain",
        "application/json; charset=utf-8",
        "",
    ][usize::from(head >> 1 & 3)];
    let mut request = Request::post(format!("/v1/programmes/{id}/validate?today=2025-12-01"));
    if !content_type.is_empty() {
        request = request.header("content-type", content_type);
    }
    let request = request.body(Body::from(body.to_vec())).expect("request");
    runtime().block_on(async {
        let app = router(Catalog::new(), &ServeConfig::default());
        let response = app.oneshot(request).await.expect("infallible");
        let status = response.status();
        assert!(!status.is_server_error(), "{status}");
        let bytes = to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body");
        let _: serde_json::Value = serde_json::from_slice(&bytes).expect("a JSON answer");
    });
});
