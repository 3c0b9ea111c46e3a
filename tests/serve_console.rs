//! `h` in the console starts `serve` on the local network beside it and shows
//! where it listens, the address and its QR code; the address answers; the
//! serve ends with the console. The real binary in a pseudo-terminal.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic is a test failure")]
#![cfg(unix)]

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use common::pty::{App, Journey};

/// GET `path` on this machine's loopback at `port`: the status line, or `None` when nobody listens.
fn status(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").ok()?;
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer.lines().next().map(String::from)
}

#[test]
fn the_console_starts_serve_and_shows_its_address_and_qr_code() {
    let journey = Journey::new();
    let mut command = common::pty::moderato(&journey.dir, "koeln");
    command.cwd(journey.dir.parent().unwrap());
    let mut app = App::spawn(command, (45, 160), Duration::from_secs(20));
    app.wait_for("Leertaste startet");
    app.press("h");
    app.wait_for("Gruppenbildschirme im Browser");
    app.wait_for("http://");
    let screen = app.screen();
    assert!(screen.contains("Erreichbar unter: 0.0.0.0:8470"), "--lan, every address:\n{screen}");
    let url = screen
        .split_whitespace()
        .find(|word| word.starts_with("http://"))
        .map(|word| word.trim_end_matches('│').to_string())
        .unwrap();
    let path = &url[url.find(":8470").unwrap() + ":8470".len()..];
    assert_eq!(path.len(), "/".len() + 32 + "/".len(), "{url}");
    // The QR code: rows of half blocks.
    let code_rows = screen.lines().filter(|line| line.contains('▀') || line.contains('▄')).count();
    assert!(code_rows >= 12, "a QR code of {code_rows} rows:\n{screen}");
    assert_eq!(status(8470, path).as_deref(), Some("HTTP/1.1 200 OK"));
    assert_eq!(status(8470, "/").as_deref(), Some("HTTP/1.1 404 Not Found"));

    // Esc closes the overlay; serving goes on. The console's end ends it.
    app.press("\x1b");
    app.wait_until("the overlay closed", |app| !app.screen().contains("Gruppenbildschirme im Browser"));
    assert_eq!(status(8470, path).as_deref(), Some("HTTP/1.1 200 OK"));
    app.quit();
    assert_eq!(status(8470, path), None, "serve ended with the console");
}
