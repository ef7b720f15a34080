//! The real `yoken serve` on 127.0.0.1: good, bad, oversized, deeply nested and stalled requests,
//! request ids, logs without form contents, and a graceful stop on SIGTERM.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A running server, stopped (SIGTERM) when dropped.
pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
}

impl Server {
    /// Starts `yoken serve` on a free port with extra arguments.
    pub fn start(extra: &[&str]) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_yoken"));
        command.args(["serve", "--addr", "127.0.0.1:0"]).args(extra);
        Self::spawn(command)
    }

    /// Starts `yoken serve` like [`Server::start`], its process allowed only `files` open files.
    pub fn start_with_file_limit(files: u32, extra: &[&str]) -> Self {
        let mut command = Command::new("sh");
        command.args([
            "-c",
            &format!("ulimit -n {files} && exec \"$0\" serve --addr 127.0.0.1:0 \"$@\""),
            env!("CARGO_BIN_EXE_yoken"),
        ]);
        command.args(extra);
        Self::spawn(command)
    }

    fn spawn(mut command: Command) -> Self {
        let mut child = command
            .env("YOKEN_LOG", "info")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let addr = line
            .trim()
            .trim_start_matches("yoken serve: http://")
            .trim_end_matches('/')
            .to_owned();
        assert!(addr.starts_with("127.0.0.1:"), "{line}");
        Self { child, addr }
    }

    /// Sends SIGTERM and waits; returns the exit status and everything logged.
    pub fn stop(mut self) -> (Option<i32>, String) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let status = self.child.wait().unwrap();
        let mut log = String::new();
        if let Some(mut e) = self.child.stderr.take() {
            let _ = e.read_to_string(&mut log);
        }
        (status.code(), log)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response: status, headers (lower-case names) and body.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.1 request with `Connection: close`.
pub fn request(addr: &str, method: &str, path: &str, body: &[u8]) -> Response {
    request_as(addr, method, path, "application/json", body)
}

/// One HTTP/1.1 request with `Connection: close` and a body of the given content type.
pub fn request_as(
    addr: &str,
    method: &str,
    path: &str,
    content_type: &str,
    body: &[u8],
) -> Response {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Response {
        status,
        headers,
        body: body.to_owned(),
    }
}

#[test]
fn serves_reports_identical_to_the_library() {
    let server = Server::start(&[]);
    let form = json!({"project": {"subprogramme": "variety_registration", "already_underway": "no"}, "variety": {"novelty": "no"}});
    let r = request(
        &server.addr,
        "POST",
        "/v1/programmes/maff-hinshu-r7/validate?today=2025-06-01",
        form.to_string().as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let expected = yoken::Catalog::new()
        .validate_json("maff-hinshu-r7", &form.to_string(), "2025-06-01")
        .unwrap();
    assert_eq!(r.body, expected);
    assert_eq!(r.header("content-type"), Some("application/json"));
    // ?normalise=true adds the normalised form: the library's bytes again.
    let r = request(
        &server.addr,
        "POST",
        "/v1/programmes/maff-hinshu-r7/validate?today=2025-06-01&normalise=true",
        form.to_string().as_bytes(),
    );
    let options = yoken::Options {
        normalise: true,
        ..yoken::Options::default()
    };
    let expected =
        crate::cli::native_json_with("maff-hinshu-r7", &form.to_string(), "2025-06-01", options);
    assert_eq!(r.body, expected);
    assert_eq!(
        r.json()["normalised_form"]["project"]["already_underway"],
        false
    );
    assert!(r.header("x-request-id").is_some());
    // A form over 64 KiB is checked on a blocking thread, a small one on the connection's own:
    // the same bytes as the library either way.
    let lines: Vec<_> = (0..400)
        .map(|i| json!({"category": "旅費", "amount": format!("{i},000"), "description": "出張旅費 ".repeat(20)}))
        .collect();
    let large = json!({"project": {"subprojects": ["guideline"]}, "budget": {"lines": lines}});
    let text = large.to_string();
    assert!(text.len() > 64 * 1024, "{}", text.len());
    let r = request(
        &server.addr,
        "POST",
        "/v1/programmes/maff-mohouhin-r7/validate?today=2025-06-01",
        text.as_bytes(),
    );
    assert_eq!(r.status, 200);
    let expected = yoken::Catalog::new()
        .validate_json("maff-mohouhin-r7", &text, "2025-06-01")
        .unwrap();
    assert_eq!(r.body, expected);
    let health = request(&server.addr, "GET", "/healthz", b"");
    assert_eq!(
        (health.status, health.json()),
        (200, json!({"status": "ok"}))
    );
    let list = request(&server.addr, "GET", "/v1/programmes", b"");
    assert_eq!(
        list.json(),
        serde_json::to_value(yoken::programmes()).unwrap()
    );
    let doc = request(&server.addr, "GET", "/openapi.json", b"");
    assert_eq!(doc.json(), yoken_cli::server::openapi::document());
    // Without ?today the server uses its own date in Japan time.
    let r = request(
        &server.addr,
        "POST",
        "/v1/programmes/maff-hinshu-r7/validate",
        b"{}",
    );
    assert_eq!(
        r.json()["today"],
        yoken_cli::today::today_in_japan()
            .format("%Y-%m-%d")
            .to_string()
    );
}

/// Every message object (`{ja, en}`, or one of the two) in `v`, in order.
fn messages(v: &Value, out: &mut Vec<serde_json::Map<String, Value>>) {
    match v {
        Value::Object(m) => {
            let keys: Vec<&str> = m.keys().map(String::as_str).collect();
            if !keys.is_empty()
                && keys.iter().all(|k| *k == "ja" || *k == "en")
                && m.values().all(Value::is_string)
            {
                out.push(m.clone());
            }
            m.values().for_each(|x| messages(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| messages(x, out)),
        _ => {}
    }
}

#[test]
fn lang_writes_every_message_in_that_one_language_and_a_bad_one_is_refused() {
    let server = Server::start(&[]);
    // A half-filled form of programme A: findings, figures, traces, a table.
    let form = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../bench/forms/half.json"
    ))
    .unwrap();
    let path = |q: &str| format!("/v1/programmes/maff-mohouhin-r7/validate?today=2025-06-01{q}");
    let both = request(&server.addr, "POST", &path(""), form.as_bytes());
    assert_eq!(both.status, 200, "{}", both.body);
    let mut all = Vec::new();
    messages(&both.json(), &mut all);
    assert!(
        all.len() > 20 && all.iter().all(|m| m.len() == 2),
        "{}",
        all.len()
    );
    for (lang, code) in [(yoken::Lang::Ja, "ja"), (yoken::Lang::En, "en")] {
        let r = request(
            &server.addr,
            "POST",
            &path(&format!("&lang={code}")),
            form.as_bytes(),
        );
        assert_eq!(r.status, 200, "{}", r.body);
        // The library's bytes for the same option.
        let options = yoken::Options {
            lang: Some(lang),
            ..yoken::Options::default()
        };
        let expected =
            crate::cli::native_json_with("maff-mohouhin-r7", &form, "2025-06-01", options);
        assert_eq!(r.body, expected);
        let mut one = Vec::new();
        messages(&r.json(), &mut one);
        assert_eq!(one.len(), all.len());
        for (m, full) in one.iter().zip(&all) {
            assert_eq!(m.len(), 1);
            assert_eq!(m.get(code), full.get(code));
        }
        assert!(
            r.body.len() < both.body.len() * 9 / 10,
            "{} of {}",
            r.body.len(),
            both.body.len()
        );
    }
    // Anything but ja or en is refused, naming the parameter in both languages.
    let r = request(&server.addr, "POST", &path("&lang=fr"), form.as_bytes());
    assert_eq!(r.status, 400, "{}", r.body);
    let error = &r.json()["error"];
    assert_eq!(error["code"], "request.bad_query");
    assert!(
        error["message"]["ja"].as_str().unwrap().contains("lang"),
        "{error}"
    );
    assert!(
        error["message"]["en"].as_str().unwrap().contains("\"fr\""),
        "{error}"
    );
}

#[test]
fn bad_requests_get_json_errors_with_the_right_status() {
    let server = Server::start(&["--body-limit", "65536", "--max-depth", "32"]);
    let a = &server.addr;
    let check = |r: Response, status: u16, code: &str| {
        assert_eq!(r.status, status, "{}", r.body);
        assert_eq!(r.json()["error"]["code"], code, "{}", r.body);
        assert!(r.json()["error"]["message"]["ja"].is_string());
        r
    };
    check(
        request(a, "POST", "/v1/programmes/no-such/validate", b"{}"),
        404,
        "programme.unknown",
    );
    let r = check(
        request(
            a,
            "POST",
            "/v1/programmes/maff-hinshu-r7/validate",
            b"{\n  \"a\": [1,\n",
        ),
        400,
        "form.not_json",
    );
    assert_eq!(r.json()["error"]["line"], 3);
    // A byte that is not UTF-8 (a Shift_JIS 申: 0x90 0x5c) is refused at its line and column,
    // as the library and the command line refuse it.
    let r = check(
        request(
            a,
            "POST",
            "/v1/programmes/maff-hinshu-r7/validate",
            b"{\n  \"applicant\": {\"name\": \"\x90\x5c\"}}",
        ),
        400,
        "form.not_json",
    );
    assert_eq!(
        (&r.json()["error"]["line"], &r.json()["error"]["column"]),
        (&Value::from(2), &Value::from(26)),
        "{}",
        r.body
    );
    check(
        request(
            a,
            "POST",
            "/v1/programmes/maff-hinshu-r7/validate",
            b"[1, 2]",
        ),
        400,
        "form.not_object",
    );
    check(
        request(
            a,
            "POST",
            "/v1/programmes/maff-hinshu-r7/validate?today=tomorrow",
            b"{}",
        ),
        400,
        "today.invalid",
    );
    let deep = format!("{{\"a\":{}1{}}}", "[".repeat(40), "]".repeat(40));
    check(
        request(
            a,
            "POST",
            "/v1/programmes/maff-hinshu-r7/validate",
            deep.as_bytes(),
        ),
        400,
        "form.too_deep",
    );
    // Deeper than serde_json's own limit is refused before parsing, never a stack overflow.
    let very_deep = "[".repeat(60_000);
    check(
        request(
            a,
            "POST",
            "/v1/programmes/maff-hinshu-r7/validate",
            very_deep.as_bytes(),
        ),
        400,
        "form.too_deep",
    );
    let big = format!(
        "{{\"applicant\": {{\"name\": \"{}\"}}}}",
        "あ".repeat(40_000)
    );
    check(
        request(
            a,
            "POST",
            "/v1/programmes/maff-hinshu-r7/validate",
            big.as_bytes(),
        ),
        413,
        "request.too_large",
    );
    check(
        request(a, "GET", "/v1/programmes/maff-hinshu-r7/validate", b""),
        405,
        "route.method_not_allowed",
    );
    check(
        request(a, "GET", "/no/such/route", b""),
        404,
        "route.not_found",
    );
    // The server is still well after all that.
    assert_eq!(request(a, "GET", "/healthz", b"").status, 200);
}

#[test]
fn a_stalled_request_holds_its_slot_until_its_deadline_while_healthz_answers() {
    let server = Server::start(&["--concurrency", "1", "--timeout-ms", "1500"]);
    // Announce a body and never send it all: the only validation slot is taken while the
    // handler waits for it.
    let mut stalled = TcpStream::connect(&server.addr).unwrap();
    stalled
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(stalled, "POST /v1/programmes/maff-hinshu-r7/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{{").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    // /healthz is outside the validation limit; another validation is shed at once.
    assert_eq!(request(&server.addr, "GET", "/healthz", b"").status, 200);
    let shed = request(
        &server.addr,
        "POST",
        "/v1/programmes/maff-hinshu-r7/validate",
        b"{}",
    );
    assert_eq!(shed.status, 503, "{}", shed.body);
    assert_eq!(shed.json()["error"]["code"], "server.busy");
    assert_eq!(shed.header("retry-after"), Some("1"));
    // The 様式 upload shares the same slots: it is shed too.
    let upload = request_as(
        &server.addr,
        "POST",
        "/v1/programmes/maff-hinshu-r7/documents",
        "multipart/form-data; boundary=x",
        b"--x--\r\n",
    );
    assert_eq!(upload.status, 503, "{}", upload.body);
    assert_eq!(upload.json()["error"]["code"], "server.busy");
    // The deadline covers reading the body: the stalled request gets its 503.
    let mut raw = String::new();
    let _ = stalled.read_to_string(&mut raw);
    assert!(raw.starts_with("HTTP/1.1 503"), "{raw}");
    assert!(raw.contains("request.timeout"), "{raw}");
    let after = request(
        &server.addr,
        "POST",
        "/v1/programmes/maff-hinshu-r7/validate?today=2025-06-01",
        b"{}",
    );
    assert_eq!(after.status, 200);
}

#[test]
fn logs_carry_request_ids_and_status_never_the_form_and_sigterm_stops_cleanly() {
    let server = Server::start(&[]);
    let secret = "株式会社ひみつ商事-7731";
    let form =
        json!({"applicant": {"name": secret}, "project": {"subprogramme": "variety_registration"}});
    let r = request(
        &server.addr,
        "POST",
        "/v1/programmes/maff-hinshu-r7/validate?today=2025-06-01",
        form.to_string().as_bytes(),
    );
    assert_eq!(r.status, 200);
    let id = r.header("x-request-id").unwrap().to_owned();
    let (code, log) = server.stop();
    assert_eq!(code, Some(0), "graceful shutdown exits 0\n{log}");
    assert!(
        !log.contains(secret),
        "the form's contents must never be logged:\n{log}"
    );
    assert!(log.contains(&id), "{log}");
    assert!(log.contains("status=200"), "{log}");
    assert!(
        log.contains("path=\"/v1/programmes/maff-hinshu-r7/validate\""),
        "{log}"
    );
    assert!(log.contains("shutting down"), "{log}");
}

#[test]
fn today_in_the_query_is_read_as_iso_or_wareki_like_everywhere_else() {
    let server = Server::start(&[]);
    let form = json!({"project": {"subprogramme": "variety_registration"}}).to_string();
    let iso = request(
        &server.addr,
        "POST",
        "/v1/programmes/maff-hinshu-r7/validate?today=2025-06-01",
        form.as_bytes(),
    );
    // 令和7年6月1日, percent-encoded as a browser sends it.
    let wareki = request(
        &server.addr,
        "POST",
        "/v1/programmes/maff-hinshu-r7/validate?today=%E4%BB%A4%E5%92%8C7%E5%B9%B46%E6%9C%881%E6%97%A5",
        form.as_bytes(),
    );
    assert_eq!((iso.status, wareki.status), (200, 200), "{}", wareki.body);
    assert_eq!(iso.body, wareki.body);
}
