//! Issue 11's probes, each on the real binary and bounded in time: stalled and idle clients,
//! deadlines, shutdown with a half-sent request, request ids, closed pipes and full disks,
//! directory loops and pipes, streaming batches, and the smaller edges of the HTTP API.

use crate::server::{request, Server};
use crate::util::root;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Waits until the server closes `stream` (a read gives EOF or a reset), at most `limit`.
fn closed_within(stream: &mut TcpStream, limit: Duration) -> Option<Duration> {
    let start = Instant::now();
    stream.set_read_timeout(Some(limit)).unwrap();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) if start.elapsed() < limit => return Some(start.elapsed()),
            Ok(0) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

#[test]
fn idle_and_slow_header_clients_are_closed_by_their_timeouts() {
    let server = Server::start(&["--header-timeout-ms", "1000", "--idle-timeout-ms", "1000"]);
    // A client that connects and says nothing.
    let mut idle = TcpStream::connect(&server.addr).unwrap();
    // A client that sends a byte of its headers every 300 ms.
    let mut slow = TcpStream::connect(&server.addr).unwrap();
    let addr = server.addr.clone();
    let dripping = std::thread::spawn(move || {
        let _ = addr;
        for b in b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaa" {
            if slow.write_all(&[*b]).is_err() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(300));
        }
        false
    });
    let waited = closed_within(&mut idle, Duration::from_secs(5));
    assert!(waited.is_some(), "an idle client is closed");
    assert!(
        dripping.join().unwrap(),
        "a slow-header client is closed before it finishes"
    );
    // A kept-alive connection is closed after its idle time once its answer is sent.
    let mut kept = TcpStream::connect(&server.addr).unwrap();
    kept.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut reader = BufReader::new(kept.try_clone().unwrap());
    let mut status = String::new();
    reader.read_line(&mut status).unwrap();
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    assert!(closed_within(&mut kept, Duration::from_secs(5)).is_some());
    // And the server itself is fine.
    assert_eq!(request(&server.addr, "GET", "/healthz", b"").status, 200);
}

#[test]
fn many_idle_connections_do_not_keep_healthz_from_answering_under_a_small_file_limit() {
    // 300 idle connections with the process's file limit at 256 (the probe that used to make
    // /healthz time out): the idle timeout frees them, and /healthz answers.
    let server = Server::start_with_file_limit(
        256,
        &["--idle-timeout-ms", "1000", "--header-timeout-ms", "1000"],
    );
    let addr = server.addr.clone();
    let idle: Vec<TcpStream> = (0..300)
        .filter_map(|_| TcpStream::connect(&addr).ok())
        .collect();
    let start = Instant::now();
    let mut answered = false;
    while start.elapsed() < Duration::from_secs(10) {
        let mut s = TcpStream::connect(&addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
        let _ = s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        let mut text = String::new();
        let _ = s.read_to_string(&mut text);
        if text.starts_with("HTTP/1.1 200") {
            answered = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    drop(idle);
    drop(server);
    assert!(answered, "/healthz answered within {:?}", start.elapsed());
}

#[test]
fn the_deadline_covers_the_check_itself() {
    let server = Server::start(&["--timeout-ms", "50"]);
    // 120,000 keys in under 1 MB (the body limit), but more than 50 ms of work.
    let alphabet: Vec<char> = ('0'..='9').chain('a'..='z').chain('A'..='Z').collect();
    let mut form = serde_json::Map::new();
    for i in 0..120_000 {
        let key: String = [i / 3844, i / 62 % 62, i % 62]
            .iter()
            .map(|d| alphabet[*d])
            .collect();
        form.insert(key, json!(1));
    }
    let body = Value::Object(form).to_string();
    assert!(body.len() < 1024 * 1024, "{}", body.len());
    let start = Instant::now();
    let r = request(
        &server.addr,
        "POST",
        "/v1/programmes/maff-hinshu-r7/validate?today=2025-06-01",
        body.as_bytes(),
    );
    assert_eq!(r.status, 503, "{}", &r.body[..r.body.len().min(300)]);
    assert_eq!(r.json()["error"]["code"], "request.timeout");
    assert!(start.elapsed() < Duration::from_secs(5));
}

#[test]
fn sigterm_with_a_half_sent_request_exits_after_the_grace_period() {
    let server = Server::start(&["--shutdown-grace-ms", "1000"]);
    let mut half = TcpStream::connect(&server.addr).unwrap();
    half.write_all(b"GET /healthz HTTP/1.1\r\nHost").unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let start = Instant::now();
    let (status, _) = server.stop();
    assert_eq!(status, Some(0));
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    drop(half);
}

#[test]
fn request_ids_are_kept_only_when_short_and_plain() {
    let server = Server::start(&[]);
    let with_id = |id: &str| {
        let mut s = TcpStream::connect(&server.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(
            s,
            "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Request-Id: {id}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut text = String::new();
        let _ = s.read_to_string(&mut text);
        text.lines()
            .find_map(|l| l.strip_prefix("x-request-id: ").map(str::to_owned))
            .unwrap()
    };
    assert_eq!(with_id("trace-42.a_b:c"), "trace-42.a_b:c");
    let long = "a".repeat(200_000);
    let fresh = with_id(&long);
    assert!(fresh.len() < 40 && fresh.contains('-'), "{fresh}");
    let odd = with_id("<script>");
    assert_ne!(odd, "<script>");
    let (_, logged) = server.stop();
    assert!(
        !logged.contains(&"a".repeat(100)),
        "the log never holds the long id"
    );
    assert!(logged.lines().all(|l| l.len() < 1000));
}

#[test]
fn http_edges_answer_with_json_errors() {
    let www = root().join("www");
    let pkg = std::env::temp_dir().join(format!("yoken-pkg-{}", std::process::id()));
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join(".gitignore"), "*\n").unwrap();
    std::fs::write(pkg.join("yoken.js"), "export {};\n").unwrap();
    let server = Server::start(&[
        "--www",
        www.to_str().unwrap(),
        "--pkg",
        pkg.to_str().unwrap(),
    ]);
    let a = &server.addr;
    let json_error = |raw: &str, status: u16, code: &str| {
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((raw, ""));
        assert!(head.starts_with(&format!("HTTP/1.1 {status}")), "{head}");
        assert!(
            head.to_ascii_lowercase()
                .contains("content-type: application/json"),
            "{head}"
        );
        let v: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"));
        assert_eq!(v["error"]["code"], code, "{body}");
    };
    let raw = |bytes: &[u8]| {
        let mut s = TcpStream::connect(a).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let _ = s.write_all(bytes);
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    };
    // hyper's own answers: a URL too long, headers too large, a request that is not HTTP. (hyper
    // checks its header limit between reads, so a head only a little over it may slip through
    // when one read brings the rest: 2 MB is far over it.)
    let long_uri = format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(70_000));
    json_error(&raw(long_uri.as_bytes()), 414, "request.uri_too_long");
    let big_headers = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(2_000_000)
    );
    json_error(
        &raw(big_headers.as_bytes()),
        431,
        "request.headers_too_large",
    );
    json_error(&raw(b"NOT HTTP AT ALL\r\n\r\n"), 400, "request.malformed");
    // A body announced larger than the limit is refused at once, before it is sent.
    let start = Instant::now();
    json_error(
        &raw(b"POST /v1/programmes/maff-hinshu-r7/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n{}"),
        413,
        "request.too_large",
    );
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    // Not JSON by its content type: 415.
    for content_type in ["text/plain", "multipart/form-data; boundary=x"] {
        let req = format!("POST /v1/programmes/maff-hinshu-r7/validate HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}");
        json_error(&raw(req.as_bytes()), 415, "request.unsupported_media_type");
    }
    // Unknown API routes and missing files are JSON 404s even with --www; dotfiles are never served.
    for path in [
        "/v1/unknown",
        "/no-such-page.html",
        "/pkg/.gitignore",
        "/pkg/%2Egitignore",
        "/.git/config",
    ] {
        let r = request(a, "GET", path, b"");
        assert_eq!(r.status, 404, "{path}");
        assert_eq!(r.json()["error"]["code"], "route.not_found", "{path}");
    }
    assert_eq!(request(a, "GET", "/pkg/yoken.js", b"").status, 200);
    // Security headers on pages.
    let page = request(a, "GET", "/mohouhin.html", b"");
    assert_eq!(page.status, 200);
    assert_eq!(page.header("referrer-policy"), Some("no-referrer"));
    assert!(page.header("content-security-policy").is_some());
    // A key given twice is refused, naming it; a number too small for its digits is a finding.
    let dup = request(
        a,
        "POST",
        "/v1/programmes/maff-hinshu-r7/validate?today=2025-06-01",
        br#"{"project": {"subprogramme": "x", "subprogramme": "y"}}"#,
    );
    assert_eq!(dup.status, 400);
    assert_eq!(dup.json()["error"]["code"], "form.duplicate_key");
    assert!(dup.json()["error"]["message"]["en"]
        .as_str()
        .unwrap()
        .contains("project.subprogramme"));
    let tiny = request(
        a,
        "POST",
        "/v1/programmes/maff-hinshu-r7/validate?today=2025-06-01",
        r#"{"project": {"subprogramme": "variety_registration"}, "document": {"kind": "plan"}, "budget": {"rows": [{"category": "翻訳費", "group": "国内経費", "total": 1e-400, "subsidy": "0", "own": "0"}]}}"#.as_bytes(),
    );
    assert_eq!(tiny.status, 200, "{}", tiny.body);
    let findings = tiny.json()["diagnostics"].clone();
    assert!(
        findings
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["path"] == "budget.rows[0].total" && d["code"] == "number.exponent"),
        "{findings}"
    );
    std::fs::remove_dir_all(&pkg).unwrap();
}

/// `yoken ARGS` with standard output going to `stdout`, standard input empty.
fn yoken_to(args: &[&str], stdout: Stdio) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_yoken"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn stderr_of(child: &mut std::process::Child) -> String {
    let mut text = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// Waits for a child at most `limit`; kills it and fails if it is still running.
fn wait_within(child: &mut std::process::Child, limit: Duration) -> Option<i32> {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_reader_that_goes_away_ends_every_command_quietly() {
    let form = root().join("tests/cases/maff-hinshu-r7/b20-application-half-rate-table.form.json");
    let case: Value = serde_json::from_str(&std::fs::read_to_string(&form).unwrap()).unwrap();
    let dir = std::env::temp_dir().join(format!("yoken-pipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let lines = format!("{}\n", case["form"]).repeat(2000);
    std::fs::write(dir.join("many.jsonl"), lines).unwrap();
    let many = dir.join("many.jsonl");
    let runs: [Vec<&str>; 5] = [
        vec!["schema", "report"],
        vec!["programmes"],
        vec!["pack", "check", "packs/maff-mohouhin-r7.json"],
        vec!["codes"],
        vec![
            "check",
            "-p",
            "maff-hinshu-r7",
            "--today",
            "2025-06-01",
            "--format",
            "jsonl",
            many.to_str().unwrap(),
        ],
    ];
    for args in runs {
        let mut child = yoken_to(&args, Stdio::piped());
        let mut out = child.stdout.take().unwrap();
        let mut first = [0u8; 1];
        out.read_exact(&mut first).unwrap();
        drop(out); // `| head -c1`
        let code = wait_within(&mut child, Duration::from_secs(30));
        let err = stderr_of(&mut child);
        // Output that fit in the pipe before the reader left was written in full (exit 0);
        // the batch's megabytes cannot have, so its writer found the pipe closed (141).
        let expected: &[i32] = if args[0] == "check" {
            &[141]
        } else {
            &[0, 141]
        };
        assert!(
            code.is_some_and(|c| expected.contains(&c)),
            "{args:?}: {code:?} {err}"
        );
        assert!(err.is_empty(), "{args:?}: {err}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_full_disk_is_said_and_exits_2() {
    for args in [
        vec!["schema", "report"],
        vec![
            "check",
            "-p",
            "maff-hinshu-r7",
            "--today",
            "2025-06-01",
            "tests/cases/maff-hinshu-r7/b20-application-half-rate-table.form.json",
        ],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let mut child = yoken_to(&args, Stdio::from(full));
        let code = wait_within(&mut child, Duration::from_secs(30));
        let err = stderr_of(&mut child);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(err.contains("cannot write the output"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

/// A directory of three forms, with two links that lead back up (a loop each), a pipe named
/// like a form and a form too large to read.
fn tricky_directory(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("yoken-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    for (file, sub) in [
        ("a.json", "variety_registration"),
        ("b.json", "trademark"),
        ("sub/c.json", "infringement"),
    ] {
        std::fs::write(
            dir.join(file),
            json!({"project": {"subprogramme": sub}}).to_string(),
        )
        .unwrap();
    }
    std::os::unix::fs::symlink(".", dir.join("self")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("sub/up")).unwrap();
    let status = Command::new("mkfifo")
        .arg(dir.join("pipe.json"))
        .status()
        .unwrap();
    assert!(status.success());
    dir
}

/// `yoken check -p maff-hinshu-r7 --today 2025-06-01 --format jsonl ARGS`, at most 20 s: its
/// exit code and its entries.
fn check_jsonl(args: &[&str]) -> (Option<i32>, Vec<Value>) {
    let mut all = vec![
        "check",
        "-p",
        "maff-hinshu-r7",
        "--today",
        "2025-06-01",
        "--format",
        "jsonl",
    ];
    all.extend_from_slice(args);
    let mut child = yoken_to(&all, Stdio::piped());
    let mut out = String::new();
    let reading = child.stdout.take().unwrap().read_to_string(&mut out);
    let code = wait_within(&mut child, Duration::from_secs(20));
    reading.unwrap();
    let entries = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (code, entries)
}

#[test]
fn a_directory_walk_visits_each_file_once_and_never_opens_a_pipe() {
    let dir = tricky_directory("walk");
    let (code, entries) = check_jsonl(&[dir.to_str().unwrap()]);
    let sources: Vec<String> = entries
        .iter()
        .map(|e| {
            e["source"]
                .as_str()
                .unwrap()
                .trim_start_matches(dir.to_str().unwrap())
                .to_owned()
        })
        .collect();
    assert_eq!(sources, ["/a.json", "/b.json", "/pipe.json", "/sub/c.json"]);
    assert_eq!(entries[2]["error"]["code"], "input.not_a_file");
    assert_eq!(
        code,
        Some(2),
        "an input that could not be read makes the run exit 2"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn files_that_cannot_be_read_are_named_and_large_ones_are_not_opened() {
    let dir = tricky_directory("limits");
    std::fs::write(
        dir.join("big.json"),
        format!("{{\"x\": \"{}\"}}", "a".repeat(5000)),
    )
    .unwrap();
    let (code, entries) = check_jsonl(&[
        "--max-file-size",
        "1000",
        dir.join("big.json").to_str().unwrap(),
        dir.join("missing.json").to_str().unwrap(),
    ]);
    assert_eq!(code, Some(2));
    assert_eq!(entries[0]["error"]["code"], "input.too_large");
    assert_eq!(entries[1]["error"]["code"], "input.unreadable");
    assert!(entries[1]["error"]["message"]["en"]
        .as_str()
        .unwrap()
        .starts_with("cannot read "));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The peak resident memory of a running process, in KiB.
fn peak_rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

#[test]
fn a_huge_batch_streams_its_reports_with_bounded_memory() {
    let form = root().join("tests/cases/maff-hinshu-r7/b20-application-half-rate-table.form.json");
    let case: Value = serde_json::from_str(&std::fs::read_to_string(&form).unwrap()).unwrap();
    let line = format!("{}\n", case["form"]);
    let dir = std::env::temp_dir().join(format!("yoken-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("batch.jsonl");
    {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
        for _ in 0..100_000 {
            w.write_all(line.as_bytes()).unwrap();
        }
    }
    let size = std::fs::metadata(&file).unwrap().len();
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_yoken"))
        .args([
            "check",
            "-p",
            "maff-hinshu-r7",
            "--today",
            "2025-06-01",
            "--format",
            "jsonl",
            file.to_str().unwrap(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    let first_after = start.elapsed();
    assert!(first.contains("\"source\""), "{first}");
    // Keep reading for a while, then look at the peak memory so far.
    let mut read = 1;
    let mut line = String::new();
    while read < 20_000 {
        line.clear();
        if out.read_line(&mut line).unwrap() == 0 {
            break;
        }
        read += 1;
    }
    let peak = peak_rss_kib(child.id());
    let _ = child.kill();
    let _ = child.wait();
    std::fs::remove_dir_all(&dir).unwrap();
    eprintln!("batch of {size} bytes: first report after {first_after:?}, peak RSS {peak} KiB after {read} reports");
    assert!(first_after < Duration::from_secs(3), "{first_after:?}");
    assert!(read == 20_000);
    // The stated bound: at most 4 × jobs + 4 forms held at once, far from the 85 MB file.
    assert!(peak < 64 * 1024, "peak RSS {peak} KiB");
}

#[test]
fn jobs_are_capped_rather_than_starting_thousands_of_threads() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yoken"))
        .args([
            "check",
            "-p",
            "maff-hinshu-r7",
            "--today",
            "2025-06-01",
            "-j",
            "10000",
            "tests/cases/maff-hinshu-r7/b20-application-half-rate-table.form.json",
        ])
        .current_dir(root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let code = wait_within(&mut child, Duration::from_secs(20));
    let err = stderr_of(&mut child);
    assert!(matches!(code, Some(0 | 1)), "{err}");
    assert!(err.contains("--jobs 10000 is more than 64"), "{err}");
}
