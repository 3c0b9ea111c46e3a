//! End to end: the terminal window closes under a running console. The pty's
//! master is closed, so the kernel hangs up the terminal and sends SIGHUP, as
//! it does when a terminal emulator's window or an ssh connection goes away.
//! moderato must end as after `q`: exit status 0, the JSON log checkpointed
//! with what was recorded, and no crash report (writing to the dead terminal
//! must neither panic nor be tried).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic is a test failure")]
// A pty hang-up and SIGHUP are unix things.
#![cfg(unix)]

use std::io::{ErrorKind, Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use serde_json::Value;

const TIMEOUT: Duration = Duration::from_secs(15);
const POLL: Duration = Duration::from_millis(20);
const STATION: &str = "muenchen";

fn wait_until(what: &str, screen: &Mutex<vt100::Parser>, holds: impl Fn(&str) -> bool) {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        let contents = screen.lock().unwrap().screen().contents();
        if holds(&contents) {
            return;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}; the screen:\n{contents}");
        std::thread::sleep(POLL);
    }
}

/// The id of the station's first block, from the plan itself.
fn first_block(journey: &Path) -> String {
    let plan: toml::Value =
        toml::from_str(&std::fs::read_to_string(journey.join("journey.toml")).unwrap()).unwrap();
    let station =
        plan["stations"].as_array().unwrap().iter().find(|s| s["id"].as_str() == Some(STATION)).unwrap();
    station["blocks"][0]["id"].as_str().unwrap().to_string()
}

#[test]
fn closing_the_terminal_checkpoints_and_exits_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let journey = tmp.path().join("journey");
    std::fs::create_dir(&journey).unwrap();
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/digitaljourney-2022/journey.toml");
    std::fs::copy(plan, journey.join("journey.toml")).unwrap();

    let pty = native_pty_system()
        .openpty(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 })
        .unwrap();
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_moderato"));
    command.args(["--lang", "de", "run"]);
    command.arg(&journey);
    command.args(["--station", STATION, "--quiet"]);
    command.env("TERM", "xterm-256color");
    command.cwd(tmp.path());
    let mut child = pty.slave.spawn_command(command).unwrap();
    drop(pty.slave);

    // The hang-up comes only when the last handle on the master closes, the
    // reader's included: so the reader must not block in read. Non-blocking
    // is a flag of the open file, shared by the reader's duplicate handle.
    let fd = pty.master.as_raw_fd().unwrap();
    // SAFETY: fcntl on a descriptor the master owns and keeps open here.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        assert_eq!(libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK), 0);
    }
    let screen = Arc::new(Mutex::new(vt100::Parser::new(
        NonZeroU16::new(40).unwrap(),
        NonZeroU16::new(120).unwrap(),
        0,
    )));
    let stop = Arc::new(AtomicBool::new(false));
    let mut reader = pty.master.try_clone_reader().unwrap();
    let reading = {
        let (screen, stop) = (Arc::clone(&screen), Arc::clone(&stop));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !stop.load(Ordering::Relaxed) {
                match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => screen.lock().unwrap().process(&buf[..n]),
                    Err(err) if err.kind() == ErrorKind::WouldBlock => std::thread::sleep(POLL),
                    Err(_) => break,
                }
            }
        })
    };
    let mut writer = pty.master.take_writer().unwrap();

    wait_until("the console", &screen, |s| s.contains("Als Nächstes"));
    writer.write_all(b" ").unwrap();
    writer.flush().unwrap();
    wait_until("the first block running", &screen, |s| s.contains("LÄUFT"));
    // A pause is journaled but not checkpointed on its own (a block change is):
    // finding it in the JSON log shows the checkpoint made on the way out.
    writer.write_all(b" ").unwrap();
    writer.flush().unwrap();
    wait_until("the first block paused", &screen, |s| s.contains("PAUSIERT"));

    // The window closes.
    stop.store(true, Ordering::Relaxed);
    reading.join().unwrap();
    drop(writer);
    drop(pty.master);

    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "moderato did not end within {TIMEOUT:?} of the hang-up");
        std::thread::sleep(POLL);
    };
    assert!(status.success(), "moderato ended with {status:?} after a hang-up");

    let logs = journey.join("logs");
    let crashes: Vec<_> = std::fs::read_dir(&logs)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("crash-"))
        .collect();
    assert!(crashes.is_empty(), "a hang-up left crash reports: {crashes:?}");
    let snapshot: Value =
        serde_json::from_str(&std::fs::read_to_string(logs.join(format!("{STATION}.json"))).unwrap())
            .unwrap();
    let first = first_block(&journey);
    let recorded = |kind: &str| {
        snapshot["events"].as_array().unwrap().iter().any(|envelope| {
            envelope["event"]["type"] == kind && envelope["event"]["block"].as_str() == Some(first.as_str())
        })
    };
    assert!(recorded("block_started"), "the JSON log has no block_started for {first}:\n{snapshot:#}");
    assert!(recorded("block_paused"), "the JSON log was not checkpointed at the hang-up:\n{snapshot:#}");
}
