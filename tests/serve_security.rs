//! `moderato serve` as a stranger on the network meets it: the real binary on
//! a loopback port, spoken to with plain requests. Without the token, with a
//! wrong one or one of the wrong length, with another method than GET or a
//! path that climbs out: the same empty 404. The pages carry the CSP, no CORS
//! and no cookie; a plan's text with HTML in it stays text; the page and its
//! assets stay under 100 KB.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic is a test failure")]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// `moderato serve` on a free loopback port.
struct Served {
    child: Child,
    address: SocketAddr,
    token: String,
}

impl Served {
    fn start(journey: &Path, station: &str, extra: &[&str]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_moderato"))
            .args(["--lang", "de", "serve"])
            .arg(journey)
            .args(["--station", station, "--listen", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let url = lines
            .find_map(|line| {
                line.ok()?.split_whitespace().find(|word| word.starts_with("http://")).map(String::from)
            })
            .expect("serve printed its address");
        let rest = url.strip_prefix("http://").unwrap();
        let (address, token) = rest.split_once('/').unwrap();
        Served { child, address: address.parse().unwrap(), token: token.trim_end_matches('/').to_string() }
    }

    /// Sends `head` (a request line and headers, without the blank line) and
    /// reads the whole answer: each connection serves one request.
    fn raw(&self, head: &str) -> Answer {
        let mut stream = TcpStream::connect(self.address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(stream, "{head}\r\nHost: {}\r\n\r\n", self.address).unwrap();
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        Answer::parse(&String::from_utf8_lossy(&bytes))
    }

    fn get(&self, path: &str) -> Answer {
        self.raw(&format!("GET {path} HTTP/1.1"))
    }

    /// The first update of an event stream: its status, headers and first `data:` line.
    fn first_event(&self, path: &str) -> Answer {
        let mut stream = TcpStream::connect(self.address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n", self.address).unwrap();
        let mut reader = BufReader::new(stream);
        let mut text = String::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                break;
            }
            text.push_str(&line);
            if line.starts_with("data: {") || line.contains("data: {") {
                break;
            }
        }
        Answer::parse(&text)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
struct Answer {
    status: u16,
    /// Lowercase header lines.
    headers: String,
    body: String,
}

impl Answer {
    fn parse(text: &str) -> Answer {
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((text, ""));
        let status = head.split_whitespace().nth(1).and_then(|code| code.parse().ok()).unwrap_or(0);
        Answer { status, headers: head.to_lowercase(), body: body.to_string() }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.lines().find_map(|line| line.strip_prefix(&format!("{name}: ")))
    }

    /// The empty 404 that says nothing about what is served here.
    fn assert_nothing(&self, what: &str) {
        assert!(matches!(self.status, 400 | 404), "{what}: {self:?}");
        assert!(self.body.trim().is_empty() || self.body.trim() == "0", "{what} got a body: {self:?}");
        for telling in ["moderato", "köln", "koeln", "journey", "logs", "/tmp"] {
            assert!(
                !self.headers.contains(telling) && !self.body.to_lowercase().contains(telling),
                "{what}: {self:?}"
            );
        }
    }
}

fn demo() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("journey");
    std::fs::create_dir(&dir).unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/digitaljourney-2022/journey.toml");
    std::fs::copy(source, dir.join("journey.toml")).unwrap();
    (tmp, dir)
}

#[test]
fn without_the_right_token_every_request_gets_the_same_empty_404() {
    let (_tmp, journey) = demo();
    let served = Served::start(&journey, "koeln", &[]);
    let token = &served.token;
    assert_eq!(token.len(), 32, "128 bits in hexadecimal");
    assert_eq!(served.get(&format!("/{token}/")).status, 200);
    let mut wrong = token.clone().into_bytes();
    wrong[0] = if wrong[0] == b'a' { b'b' } else { b'a' };
    let wrong = String::from_utf8(wrong).unwrap();
    for path in [
        "/".to_string(),
        "/favicon.ico".to_string(),
        "/groups".to_string(),
        "/events/room".to_string(),
        format!("/{wrong}/"),
        format!("/{wrong}/events/room"),
        format!("/{}/", &token[..31]),
        format!("/{token}0/"),
        format!("/{}/", token.to_uppercase()),
        format!("/{token}/nothing"),
        format!("/{token}/group/x"),
        format!("/{token}/group/0"),
    ] {
        served.get(&path).assert_nothing(&path);
    }
}

#[test]
fn only_get_is_answered_and_no_path_climbs_out() {
    let (_tmp, journey) = demo();
    let served = Served::start(&journey, "koeln", &[]);
    let token = &served.token;
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"] {
        let head = format!("{method} /{token}/ HTTP/1.1\r\nContent-Length: 0");
        served.raw(&head).assert_nothing(method);
    }
    for path in [
        "/../logs/koeln.json".to_string(),
        format!("/{token}/../logs/koeln.json"),
        format!("/{token}/../../journey.toml"),
        format!("/{token}/%2e%2e/logs"),
        format!("/{token}/%2e%2e%2fjourney.toml"),
        "/%2e%2e/%2e%2e/etc/passwd".to_string(),
        format!("/{token}/..%2f..%2fjourney.toml"),
        format!("/{token}/app.js/../../journey.toml"),
    ] {
        let answer = served.get(&path);
        assert_ne!(answer.status, 200, "{path}");
        assert!(!answer.body.contains("[[stations]]") && !answer.body.contains("\"events\""), "{path}");
    }
}

#[test]
fn every_page_carries_the_csp_and_neither_cors_nor_cookies() {
    let (_tmp, journey) = demo();
    let served = Served::start(&journey, "koeln", &[]);
    let token = &served.token;
    let mut answers: Vec<(String, Answer)> = ["", "groups", "group/2", "app.js", "style.css"]
        .iter()
        .map(|path| (path.to_string(), served.get(&format!("/{token}/{path}"))))
        .collect();
    answers.push(("events".into(), served.first_event(&format!("/{token}/events/group/2"))));
    answers.push(("404".into(), served.get("/")));
    for (path, answer) in &answers {
        assert_eq!(
            answer.header("content-security-policy"),
            Some("default-src 'self'"),
            "{path}: {answer:?}"
        );
        assert_eq!(answer.header("x-content-type-options"), Some("nosniff"), "{path}");
        assert_eq!(answer.header("referrer-policy"), Some("no-referrer"), "{path}");
        assert!(answer.header("access-control-allow-origin").is_none(), "{path}");
        assert!(answer.header("set-cookie").is_none(), "{path}");
    }
    let kind = |index: usize| answers[index].1.header("content-type").unwrap_or_default().to_string();
    assert!(kind(0).starts_with("text/html"));
    assert!(kind(3).starts_with("text/javascript"));
    assert!(kind(4).starts_with("text/css"));
    assert!(kind(5).starts_with("text/event-stream"));
    // No inline script or style: the CSP would refuse them.
    let html = &answers[0].1.body;
    assert!(!html.contains("style="), "{html}");
    for script in html.match_indices("<script") {
        assert!(html[script.0..].starts_with(&format!("<script src=\"/{token}/app.js\"")), "{html}");
    }
    // The page, its script and its style: small enough for a slow network, all of it from here.
    let total: usize = answers[..5]
        .iter()
        .filter(|(path, _)| path != "groups" && path != "group/2")
        .map(|(_, a)| a.body.len())
        .sum();
    assert!(total < 100 * 1024, "{total} bytes");
    for (_, answer) in &answers[..5] {
        assert!(
            !answer.body.contains("http://") && !answer.body.contains("https://"),
            "nothing from outside"
        );
    }
}

/// Every text a plan gives the room, with HTML in it.
const HOSTILE: &str = "<script>alert(1)</script><img src=x onerror=alert(2)>";

#[test]
fn html_in_any_plan_text_is_shown_as_text() {
    let tmp = tempfile::tempdir().unwrap();
    let journey = tmp.path().join("journey");
    std::fs::create_dir(&journey).unwrap();
    let plan = format!(
        r#"id = "j"
title = "Journey {HOSTILE}"

[[participants]]
id = "p1"
name = "Ada {HOSTILE}"
organisation = "Amt {HOSTILE}"
role = "Leitung"

[[stations]]
id = "s1"
title = "Tag {HOSTILE}"
date = "2022-11-28"
start = "09:00"
end = "10:00"
place = "Raum {HOSTILE}"
format = "in-person"

[[stations.blocks]]
kind = "impulse"
title = "Impuls {HOSTILE}"
duration = "60m"
"#
    );
    std::fs::write(journey.join("journey.toml"), plan).unwrap();
    let served = Served::start(&journey, "s1", &[]);
    let token = &served.token;
    let page = served.get(&format!("/{token}/"));
    assert_eq!(page.status, 200, "{page:?}");
    assert!(!page.body.contains("<script>alert") && !page.body.contains("<img"), "{}", page.body);
    assert!(
        page.body.contains("Tag &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;")
    );
    // The JSON carries the text as it is; the page's script only ever sets text.
    let event = served.first_event(&format!("/{token}/events/room"));
    let data = event.body.lines().find_map(|line| line.strip_prefix("data: ")).unwrap();
    let json: serde_json::Value = serde_json::from_str(data).unwrap();
    assert_eq!(json["station"], format!("Tag {HOSTILE}"));
    assert!(data.contains(&format!("Raum {HOSTILE}").replace('"', "\\\"")), "{data}");
    let script = served.get(&format!("/{token}/app.js")).body;
    for sink in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function("] {
        assert!(!script.contains(sink), "the page's script uses {sink}");
    }
    assert!(script.contains("textContent"));
}

#[test]
fn a_token_file_keeps_the_address_and_every_other_run_gets_a_new_one() {
    let (tmp, journey) = demo();
    let file = tmp.path().join("token");
    let file = file.to_str().unwrap();
    let first = Served::start(&journey, "koeln", &["--token-file", file]).token.clone();
    let again = Served::start(&journey, "koeln", &["--token-file", file]).token.clone();
    assert_eq!(first, again);
    let fresh = Served::start(&journey, "koeln", &[]).token.clone();
    let other = Served::start(&journey, "koeln", &[]).token.clone();
    assert_ne!(fresh, other);
    assert_ne!(fresh, first);
}

#[test]
fn an_address_other_machines_reach_needs_lan() {
    let (_tmp, journey) = demo();
    let output = Command::new(env!("CARGO_BIN_EXE_moderato"))
        .args(["--lang", "en", "serve"])
        .arg(&journey)
        .args(["--station", "koeln", "--listen", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(said.contains("add --lan"), "{said}");
}
