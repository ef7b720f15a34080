//! The server's JSON errors: `{"error": {"code", "message": {"ja", "en"}, "line"?, "column"?}}`
//! with a matching HTTP status. A finding about a form is never an error: it is a 200 Report.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::BoxError;
use serde::Serialize;
use yoken::{Code, Message};

/// An error answer.
#[derive(Debug, Clone, Serialize)]
pub struct ApiError {
    #[serde(skip)]
    status: StatusCode,
    code: Code,
    message: Message,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

impl ApiError {
    fn new(status: StatusCode, code: Code, message: Message) -> Self {
        Self {
            status,
            code,
            message,
            line: None,
            column: None,
        }
    }

    /// The HTTP status.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// 404 for any other path.
    #[must_use]
    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            Code::RouteNotFound,
            Message::new("このURLはありません。", "No such route."),
        )
    }

    /// 405.
    #[must_use]
    pub fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            Code::RouteMethodNotAllowed,
            Message::new(
                "このURLではこのメソッドは使えません。",
                "This method is not allowed on this route.",
            ),
        )
    }

    /// 400 with a code and message.
    #[must_use]
    pub fn bad_request(code: Code, message: Message) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, message)
    }

    /// 413 for a body over the limit.
    #[must_use]
    pub fn too_large(limit: usize) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            Code::RequestTooLarge,
            Message::new(
                format!("送信データが大きすぎます（上限{limit}バイト）。"),
                format!("The request body is too large (at most {limit} bytes)."),
            ),
        )
    }

    /// 500 (never expected: serialising these types cannot fail).
    #[must_use]
    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            Code::InternalError,
            Message::new("内部エラーが発生しました。", "Internal error."),
        )
    }

    /// 503 when the request's deadline (`--timeout-ms`) passed before its answer was ready.
    #[must_use]
    pub fn timeout() -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            Code::RequestTimeout,
            Message::new(
                "処理が時間内に終わりませんでした。時間をおいて再度お試しください。",
                "The request took too long; try again later.",
            ),
        )
    }

    /// 503 when more requests are in flight than the server takes (`--concurrency`).
    #[must_use]
    pub fn busy() -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            Code::ServerBusy,
            Message::new(
                "混み合っています。時間をおいて再度お試しください。",
                "The server is busy; try again later.",
            ),
        )
    }

    /// 503 for a shed request (the concurrency limit's error).
    #[must_use]
    pub fn from_middleware(e: &BoxError) -> Self {
        if e.is::<tower::timeout::error::Elapsed>() {
            Self::timeout()
        } else {
            Self::busy()
        }
    }

    /// 415 for a body not declared as JSON.
    #[must_use]
    pub fn not_json_content(given: Option<&str>) -> Self {
        let given: String = given.unwrap_or("").chars().take(80).collect();
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Code::RequestUnsupportedMediaType,
            Message::new(
                format!("フォームは Content-Type: application/json で送ってください（送られたもの：「{given}」）。"),
                format!("Send the form with Content-Type: application/json (got \"{given}\")."),
            ),
        )
    }

    /// A body of a media type the route does not take (415), with what it takes.
    #[must_use]
    pub fn unsupported_media(message: Message) -> Self {
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Code::RequestUnsupportedMediaType,
            message,
        )
    }

    /// The error answer for an HTTP status that something other than a handler set (hyper for
    /// a request it cannot read, the static files for a missing one).
    #[must_use]
    pub fn for_status(status: u16) -> Self {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let n = status.as_u16();
        let (code, ja, en) = match n {
            400 => (
                Code::RequestMalformed,
                "リクエストを HTTP として読めません。".to_owned(),
                "The request cannot be read as HTTP.".to_owned(),
            ),
            404 => return Self::not_found(),
            405 => return Self::method_not_allowed(),
            413 => (
                Code::RequestTooLarge,
                "送信データが大きすぎます。".to_owned(),
                "The request body is too large.".to_owned(),
            ),
            414 => (
                Code::RequestUriTooLong,
                "URL が長すぎます。".to_owned(),
                "The URL is too long.".to_owned(),
            ),
            415 => return Self::not_json_content(None),
            431 => (
                Code::RequestHeadersTooLarge,
                "リクエストのヘッダーが大きすぎます。".to_owned(),
                "The request's headers are too large.".to_owned(),
            ),
            500..=599 => (
                Code::InternalError,
                "内部エラーが発生しました。".to_owned(),
                "Internal error.".to_owned(),
            ),
            _ => (
                Code::RequestRefused,
                format!("リクエストは受け付けられません（HTTP {n}）。"),
                format!("The request is refused (HTTP {n})."),
            ),
        };
        Self::new(status, code, Message::new(ja, en))
    }

    /// The JSON body, `{"error": {…}}`.
    #[must_use]
    pub fn body(&self) -> String {
        serde_json::json!({ "error": self }).to_string()
    }
}

/// Every error answer carries the JSON body, whoever set its status: a 4xx or 5xx without one
/// (a static file not found, a range not satisfiable) gets the error for its status.
pub async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (mut parts, _) = response.into_parts();
    let error = ApiError::for_status(status.as_u16());
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, axum::body::Body::from(error.body()))
}

impl From<yoken::Error> for ApiError {
    /// A refusal from the core: 404 for an unknown programme, else 400; a JSON syntax error
    /// names its line and column.
    fn from(e: yoken::Error) -> Self {
        let status = if e.code() == Code::ProgrammeUnknown {
            StatusCode::NOT_FOUND
        } else {
            StatusCode::BAD_REQUEST
        };
        let mut error = Self::new(status, e.code(), e.message().clone());
        if let Some((line, column)) = e.position() {
            error.line = Some(line);
            error.column = Some(column);
        }
        error
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = self.body();
        let mut response = (
            self.status,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response();
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
        }
        response
    }
}

/// Refuses JSON nested deeper than `max` before parsing it, naming where the limit was passed.
///
/// Every form passes here, so a text with no more opening brackets than `max` (every form of
/// a usual size: nesting never exceeds the brackets opened, those in strings counted too) is
/// let through after one count of them ([`opening_brackets`]); in any other, a
/// string's contents are skipped to its next `"` or `\\` at once and the line and column are
/// counted only for a refusal.
pub fn check_depth(bytes: &[u8], max: usize) -> Result<(), ApiError> {
    if opening_brackets(bytes) <= max {
        return Ok(());
    }
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => loop {
                // To the closing quote, stepping over each escaped byte; a string left open
                // runs to the end.
                i += 1;
                let Some(at) = bytes
                    .get(i..)
                    .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
                else {
                    return Ok(());
                };
                i += at;
                if bytes[i] == b'"' {
                    break;
                }
                i += 1;
            },
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return Err(too_deep(bytes, i, max));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// The opening brackets (`[`, `{`) in `bytes`, counted in blocks of 255 bytes, each into a
/// byte-wide sum: the compiler compares and adds sixteen bytes at a time. Counted straight into a
/// `usize`, its vectors held two counts each (5.3 instructions a byte, 9,300 for the half-filled
/// bench form: 1.8 % of a served request).
fn opening_brackets(bytes: &[u8]) -> usize {
    bytes
        .chunks(usize::from(u8::MAX))
        .map(|block| {
            let opened = block
                .iter()
                .fold(0u8, |n, &b| n + u8::from(b == b'[' || b == b'{'));
            usize::from(opened)
        })
        .sum()
}

/// The refusal of JSON nested deeper than `max`, at the bracket at byte `at`: its line, and its
/// column in bytes from the line's start (both from 1).
fn too_deep(bytes: &[u8], at: usize, max: usize) -> ApiError {
    let before = &bytes[..at];
    let line = 1 + memchr::memchr_iter(b'\n', before).count();
    let column = at - memchr::memrchr(b'\n', before).map_or(0, |nl| nl + 1) + 1;
    let mut err = ApiError::bad_request(
        Code::FormTooDeep,
        Message::new(
            format!("JSON の入れ子が深すぎます（上限{max}段、{line}行{column}列）。"),
            format!("The JSON is nested too deeply (at most {max} levels; line {line}, column {column})."),
        ),
    );
    err.line = Some(line);
    err.column = Some(column);
    err
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_is_counted_outside_strings_only() {
        assert!(check_depth(br#"{"a": [[["x"]]]}"#, 4).is_ok());
        assert!(check_depth(br#"{"a": [[["x"]]]}"#, 3).is_err());
        assert!(check_depth(br#"{"a": "[[[[[[[[\"[["}"#, 1).is_ok());
        let e = check_depth(b"{\n  \"a\": [[", 2).unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(9)));
        let e = check_depth(b"[\"\\\"[\\\\\",\n\n[[", 2).unwrap_err();
        assert_eq!((e.line, e.column), (Some(3), Some(2)));
        // An escape or a string left open at the end is not read past the last byte.
        assert!(check_depth(br#"["\"#, 1).is_ok());
        assert!(check_depth(br#"["abc"#, 1).is_ok());
        assert!(check_depth(br#"["\\"]"#, 1).is_ok());
    }

    /// The byte-at-a-time reading the fast one must agree with: where it refuses, if it does.
    fn reference_depth(bytes: &[u8], max: usize) -> Option<(usize, usize)> {
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        let (mut line, mut column) = (1usize, 0usize);
        for &b in bytes {
            column += 1;
            if b == b'\n' {
                line += 1;
                column = 0;
            }
            if in_string {
                match (escaped, b) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => in_string = false,
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'[' | b'{' => {
                    depth += 1;
                    if depth > max {
                        return Some((line, column));
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        None
    }

    /// The block count against a count of every byte, around the blocks' edges: a text of only
    /// brackets (each block's sum at its most, 255), and one with another byte between them.
    #[test]
    fn opening_brackets_are_counted_across_blocks() {
        for len in [0, 1, 254, 255, 256, 509, 510, 511, 765, 1000, 4096] {
            for text in [
                vec![b'['; len],
                (0..len).map(|i| b"{a[\\x"[i % 5]).collect::<Vec<u8>>(),
            ] {
                let counted = text.iter().filter(|&&b| b == b'[' || b == b'{').count();
                assert_eq!(opening_brackets(&text), counted, "{len} bytes");
                // The count alone decides a text whose brackets all open: at the bound, let
                // through; one past it, refused.
                if text.iter().all(|&b| b == b'[') && len > 0 {
                    assert!(check_depth(&text, len).is_ok());
                    assert!(check_depth(&text, len - 1).is_err());
                }
            }
        }
    }

    #[test]
    fn depth_agrees_with_a_byte_at_a_time_reading_on_every_short_text() {
        let alphabet = b"[]{\"\\a\n";
        let mut text = Vec::new();
        for len in 0..=7u32 {
            for mut n in 0..alphabet.len().pow(len) {
                text.clear();
                for _ in 0..len {
                    text.push(alphabet[n % alphabet.len()]);
                    n /= alphabet.len();
                }
                let fast = check_depth(&text, 2)
                    .err()
                    .map(|e| (e.line.unwrap(), e.column.unwrap()));
                assert_eq!(
                    fast,
                    reference_depth(&text, 2),
                    "{:?}",
                    String::from_utf8_lossy(&text)
                );
            }
        }
    }
}
