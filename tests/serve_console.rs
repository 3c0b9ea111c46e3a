//! `h` in the console starts `serve` on the local network beside it and shows
//! where it listens, the address and its QR code; the address answers; the
//! serve ends with the console. A projection terminal's `j` shows the same
//! address and code for the room to scan (the join view), read from a file
//! beside the logs that never enters the station log. The real binaries in
//! pseudo-terminals.

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

    // A projection terminal's join view shows the same address and its code,
    // read from a file beside the logs; the station log never holds the token.
    let mut project = portable_pty::CommandBuilder::new(env!("CARGO_BIN_EXE_moderato"));
    project.args(["--lang", "de", "project"]);
    project.arg(&journey.dir);
    project.args(["--station", "koeln"]);
    project.env("TERM", "xterm-256color");
    let mut wall = App::spawn(project, (50, 160), Duration::from_secs(20));
    wall.wait_for("Gleich geht es los.");
    wall.press("j");
    wall.wait_for("Code scannen oder Adresse öffnen");
    wall.wait_for(&url);
    let code_rows = wall.screen().lines().filter(|line| line.contains('▀') || line.contains('▄')).count();
    assert!(code_rows >= 12, "the wall's QR code:\n{}", wall.screen());
    wall.press("j");
    wall.wait_until("the room's view again", |wall| !wall.screen().contains("Code scannen"));
    wall.press("q");
    wall.wait_exit();
    let token = path.trim_matches('/');
    let logs = journey.dir.join("logs");
    let published = std::fs::read_to_string(logs.join("koeln.serve")).unwrap();
    assert_eq!(published.trim(), url);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(logs.join("koeln.serve")).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    for log in ["koeln.json", "koeln.journal.jsonl"] {
        let text = std::fs::read_to_string(logs.join(log)).unwrap_or_default();
        assert!(!text.contains(token), "the token is in {log}");
    }

    // Esc closes the overlay; serving goes on. The console's end ends it.
    app.press("\x1b");
    app.wait_until("the overlay closed", |app| !app.screen().contains("Gruppenbildschirme im Browser"));
    assert_eq!(status(8470, path).as_deref(), Some("HTTP/1.1 200 OK"));
    app.quit();
    assert_eq!(status(8470, path), None, "serve ended with the console");
    assert!(!logs.join("koeln.serve").exists(), "its address file is gone with it");
}
