//! The group screens in a real browser: Debian's headless Chromium, driven
//! through the DevTools protocol over a pipe, opens the room's page and group
//! 2's page of `moderato serve` while a real console in a pseudo-terminal runs
//! the Cologne station's consultation with three groups: casting, two phases,
//! a key question released for group 2, another one typed for group 3 and not
//! released, a case title and a private note. The rendered DOM shows group 2's
//! members, phase and key question and nothing confidential; screenshots at
//! phone and projector size are written to `tests/screenshots/` for review.
//!
//! Built only with `--features browser-tests` (`.ci/run` installs Chromium and
//! runs it): a missing browser fails the test, it is never skipped.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic is a test failure")]
#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use common::pty::{App, Journey};
use serde_json::{Value, json};

const TIMEOUT: Duration = Duration::from_secs(20);
const STATION: &str = "koeln";

/// Chromium as Debian packages it, or `CHROMIUM` when set.
fn chromium() -> PathBuf {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return PathBuf::from(path);
    }
    let found = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|path| path.is_file());
    found.unwrap_or_else(|| {
        panic!(
            "Chromium not found: the browser test needs Debian's chromium \
             (apt-get install -y chromium) or CHROMIUM=/path/to/chrome; .ci/run installs it"
        )
    })
}

/// A headless browser spoken to through the DevTools protocol on a pipe
/// (`--remote-debugging-pipe`: JSON messages ending in a NUL byte).
struct Browser {
    child: Child,
    to: ChildStdin,
    from: BufReader<ChildStdout>,
    next: u64,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn start() -> Browser {
        let profile = tempfile::tempdir().unwrap();
        // The shell hands our pipes to Chromium as the descriptors 3 and 4 it reads and writes.
        let script = r#"exec "$0" "$@" 3<&0 4>&1 0</dev/null 1>/dev/null 2>/dev/null"#;
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(script)
            .arg(chromium())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let to = child.stdin.take().unwrap();
        let from = BufReader::new(child.stdout.take().unwrap());
        let mut browser = Browser { child, to, from, next: 0, session: String::new(), _profile: profile };
        let target = browser.call(None, "Target.createTarget", json!({ "url": "about:blank" }));
        let target = target["targetId"].as_str().unwrap().to_string();
        let attached =
            browser.call(None, "Target.attachToTarget", json!({ "targetId": target, "flatten": true }));
        browser.session = attached["sessionId"].as_str().unwrap().to_string();
        browser
    }

    /// Sends a command and waits for its answer, passing over events.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.to.write_all(message.to_string().as_bytes()).unwrap();
        self.to.write_all(b"\0").unwrap();
        self.to.flush().unwrap();
        loop {
            let mut bytes = Vec::new();
            let read = self.from.read_until(0, &mut bytes).unwrap();
            assert!(read > 0, "Chromium closed its pipe while we waited for {method}");
            bytes.pop();
            let answer: Value = serde_json::from_slice(&bytes).unwrap();
            if answer["id"] == json!(id) {
                assert!(answer.get("error").is_none(), "{method}: {answer}");
                return answer["result"].clone();
            }
        }
    }

    fn page(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.call(Some(&session), method, params)
    }

    fn open(&mut self, url: &str, (width, height): (u32, u32)) {
        let mobile = width < 600;
        self.page(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile }),
        );
        self.page("Page.navigate", json!({ "url": url }));
    }

    /// The page's DOM once its script drew the scene (the first update arrived).
    fn dom_once(&mut self, holds: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let result = self.page(
                "Runtime.evaluate",
                json!({ "expression": "document.documentElement.outerHTML", "returnByValue": true }),
            );
            let dom = result["result"]["value"].as_str().unwrap_or_default().to_string();
            if holds(&dom) {
                return dom;
            }
            assert!(Instant::now() < deadline, "the page never showed what was expected:\n{dom}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The text the page shows (what a person reads, without markup).
    fn text(&mut self) -> String {
        let result = self.page(
            "Runtime.evaluate",
            json!({ "expression": "document.body.innerText", "returnByValue": true }),
        );
        result["result"]["value"].as_str().unwrap_or_default().to_string()
    }

    fn screenshot(&mut self, path: &Path) {
        let shot = self.page("Page.captureScreenshot", json!({ "format": "png" }));
        let png = base64(shot["data"].as_str().unwrap());
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let digits: Vec<u8> = text.bytes().filter(|c| *c != b'=').map(value).collect();
    digits
        .chunks(4)
        .flat_map(|chunk| {
            let bits = chunk.iter().fold(0u32, |acc, d| acc << 6 | u32::from(*d)) << (6 * (4 - chunk.len()));
            let bytes = bits.to_be_bytes();
            bytes[1..chunk.len()].to_vec()
        })
        .collect()
}

/// `moderato serve` on the journey, on a free loopback port; its URL from what it prints.
struct Served {
    child: Child,
    url: String,
    // Kept open: what serve prints must find a reader.
    _out: std::io::Lines<BufReader<std::process::ChildStdout>>,
}

impl Served {
    fn start(journey: &Path) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_moderato"))
            .args(["--lang", "de", "serve"])
            .arg(journey)
            .args(["--station", STATION, "--listen", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let url = lines
            .find_map(|line| {
                line.ok()?.split_whitespace().find(|word| word.starts_with("http://")).map(String::from)
            })
            .expect("serve printed its address");
        Served { child, url, _out: lines }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl App {
    fn capture(&mut self, key: &str, title: &str, text: &str) {
        self.press(key);
        self.wait_for(&format!("┌ {title} "));
        self.press(text);
        self.wait_for(text);
        self.press("\r");
        self.wait_until(&format!("the {title} editor closed"), |app| {
            !app.screen().contains(&format!("┌ {title} "))
        });
    }
}

const GROUP_2: [&str; 5] =
    ["Jens Brockmann", "Annette Kowalczyk", "Frank Sellmann", "Dr. Helene Vogtmann", "Ralf Hintermeier"];
const RELEASED: &str = "Wie gewinne ich die Amtsleitung für das Pilotprojekt?";
const UNRELEASED: &str = "Wie sage ich es meinem Team, ohne Unruhe zu stiften?";
const CASE_TITLE: &str = "Streit um die Stellenbesetzung";
const NOTE: &str = "Herrn Pietsch nach der Pause ansprechen";

fn screenshots() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/screenshots")
}

#[test]
fn the_group_pages_follow_a_consultation_in_a_real_browser() {
    let mut browser = Browser::start();
    let journey = Journey::new();
    let mut command = common::pty::moderato(&journey.dir, STATION);
    command.cwd(journey.dir.parent().unwrap());
    let mut app = App::spawn(command, (45, 160), TIMEOUT);
    app.wait_for("Leertaste startet");
    app.press(" ");
    app.wait_for("LÄUFT");
    for _ in 0..5 {
        app.press("n");
    }
    app.wait_for("Phase 1/6");
    let served = Served::start(&journey.dir);

    // Casting: the suggestions of the first group accepted.
    app.press("g");
    app.wait_for("Rollen besetzen  Fall");
    app.wait_for("Vorschlag:");
    let suggested = app.screen().matches("Vorschlag:").count();
    app.press("v");
    app.wait_until("the suggestion accepted", |app| app.screen().matches("Vorschlag:").count() < suggested);
    // Down past the first group's five to the second group's first member, and its suggestion too.
    app.press("jjjjj");
    app.press("v");
    app.wait_until("group 2's suggestion accepted", |app| {
        app.screen().matches("Vorschlag:").count() < suggested - 1
    });
    app.press("\x1b");
    app.wait_until("the casting screen closed", |app| !app.screen().contains("Rollen besetzen  Fall"));
    app.capture("o", "Private Notiz", NOTE);

    // Two phases on, the key questions: group 2's released, group 3's not.
    app.press("\x1b[C");
    app.wait_for("Phase 2/6");
    app.press("\x1b[C");
    app.wait_for("Phase 3/6");
    app.press("\t");
    app.capture("T", "Fall (Titel)", CASE_TITLE);
    app.capture("K", "Schlüsselfrage", RELEASED);
    app.press("f");
    app.wait_for("[auf der Leinwand]");
    app.press("\t");
    app.capture("K", "Schlüsselfrage", UNRELEASED);

    // The plan's block note, a private note, a case title, an unreleased question.
    let confidential = [UNRELEASED, CASE_TITLE, NOTE, "Fallgeber Herr Pietsch"];
    let group = format!("{}group/2", served.url);
    for (size, name) in [((390, 844), "phone"), ((1920, 1080), "projector")] {
        browser.open(&group, size);
        let dom = browser.dom_once(|dom| dom.contains(RELEASED));
        let text = browser.text();
        for member in GROUP_2 {
            assert!(text.contains(member), "group 2's page names {member}:\n{text}");
        }
        assert!(text.contains("Schlüsselfrage"), "the phase:\n{text}");
        assert!(text.contains("Gruppe 2"), "{text}");
        assert!(text.contains("Moderator/in: "), "group 2's roles are cast:\n{text}");
        assert!(!text.contains("Dr. Katrin Albers"), "another group's member on group 2's page:\n{text}");
        for secret in confidential {
            assert!(!dom.contains(secret), "{secret:?} reached group 2's page:\n{dom}");
        }
        browser.screenshot(&screenshots().join(format!("serve-group-{name}.png")));

        browser.open(&served.url, size);
        let dom = browser.dom_once(|dom| dom.contains("Gruppe 3"));
        let text = browser.text();
        assert!(text.contains("Schlüsselfrage"), "the phase on the room's page:\n{text}");
        assert!(text.contains(RELEASED), "the released question is the room's:\n{text}");
        for secret in confidential {
            assert!(!dom.contains(secret), "{secret:?} reached the room's page:\n{dom}");
        }
        browser.screenshot(&screenshots().join(format!("serve-room-{name}.png")));
    }

    // The console's next key reaches the open page without a reload.
    browser.open(&group, (1920, 1080));
    browser.dom_once(|dom| dom.contains(RELEASED));
    app.press("\x1b[C");
    app.wait_for("Phase 4/6");
    let dom = browser.dom_once(|dom| dom.contains("Methodenwahl"));
    assert!(dom.contains(RELEASED), "the question stays released in the next phase");

    // The server gone, the page says so and waits.
    drop(served);
    let dom = browser.dom_once(|dom| dom.contains("<div id=\"lost\" role=\"status\">"));
    assert!(dom.contains("Verbindung unterbrochen"));
    app.quit();
}
