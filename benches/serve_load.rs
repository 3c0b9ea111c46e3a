//! `moderato serve` under load, on loopback only: a real console in a
//! pseudo-terminal, `serve` beside it, 200 clients following the room's
//! stream. Then 50 changes at the console (`+`, one minute more), each of
//! which every client must see; the time from key to client per change and
//! client, its median and 95th percentile; errors; the serve process's memory.
//! Then 1 000 connections without the token and 100 that send half a request
//! head and stop: each must be refused or cut off, and afterwards every one of
//! the 200 clients must still see a change. Prints the figures; asserts
//! nothing about time (run with `cargo bench -p moderato-benches --bench serve_load`).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark that cannot set up should stop loudly

#[cfg(not(unix))]
fn main() {}

#[cfg(unix)]
use std::io::{BufRead, BufReader, Read, Write};
#[cfg(unix)]
use std::net::{SocketAddr, TcpStream};
#[cfg(unix)]
use std::num::NonZeroU16;
#[cfg(unix)]
use std::sync::atomic::{AtomicUsize, Ordering};
#[cfg(unix)]
use std::sync::{Arc, Mutex};
#[cfg(unix)]
use std::time::{Duration, Instant};

#[cfg(unix)]
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

#[cfg(unix)]
const CLIENTS: usize = 200;
#[cfg(unix)]
const CHANGES: usize = 50;
#[cfg(unix)]
const STRANGERS: usize = 1000;
#[cfg(unix)]
const SLOW: usize = 100;

/// One client's stream: when each update arrived.
#[cfg(unix)]
type Arrivals = Arc<Mutex<Vec<Instant>>>;

#[cfg(unix)]
fn follow(address: SocketAddr, path: String, arrivals: Arrivals, errors: Arc<AtomicUsize>) {
    let Ok(mut stream) = TcpStream::connect(address) else {
        errors.fetch_add(1, Ordering::SeqCst);
        return;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(120)));
    if write!(stream, "GET {path} HTTP/1.1\r\nHost: {address}\r\n\r\n").is_err() {
        errors.fetch_add(1, Ordering::SeqCst);
        return;
    }
    let mut reader = BufReader::new(stream);
    let mut status = String::new();
    if reader.read_line(&mut status).is_err() || !status.contains(" 200 ") {
        errors.fetch_add(1, Ordering::SeqCst);
        return;
    }
    let mut line = String::new();
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) if line.starts_with("data: {") => arrivals.lock().unwrap().push(Instant::now()),
            Ok(_) => {}
        }
    }
}

/// Sends `request` and reads until the server answers or closes: whether it
/// answered 200 (the only failure here), and how long it took.
#[cfg(unix)]
fn stranger(address: SocketAddr, request: &[u8]) -> (bool, Duration) {
    let started = Instant::now();
    let Ok(mut stream) = TcpStream::connect(address) else { return (false, started.elapsed()) };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let _ = stream.write_all(request);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    (answer.starts_with(b"HTTP/1.1 200"), started.elapsed())
}

#[cfg(unix)]
fn percentile(sorted: &[Duration], p: usize) -> Duration {
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}

#[cfg(unix)]
fn status_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.trim().strip_suffix("kB")?.trim().parse().ok())
        .unwrap_or(0)
}

#[cfg(unix)]
fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let journey = tmp.path().join("journey");
    std::fs::create_dir(&journey).unwrap();
    let source = moderato_benches::demo().join("journey.toml");
    std::fs::copy(source, journey.join("journey.toml")).unwrap();
    let journey = journey.to_str().unwrap().to_string();

    // The console, started: its first block runs.
    let size = PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 };
    let pair = native_pty_system().openpty(size).unwrap();
    let mut command = CommandBuilder::new(moderato_benches::release_binary());
    command.args(["--lang", "de", "run", &journey, "--station", "muenchen", "--quiet"]);
    command.env("TERM", "xterm-256color");
    let mut console = pair.slave.spawn_command(command).unwrap();
    let screen = Arc::new(Mutex::new(vt100::Parser::new(
        NonZeroU16::new(40).unwrap(),
        NonZeroU16::new(120).unwrap(),
        0,
    )));
    let mut pty = pair.master.try_clone_reader().unwrap();
    let feed = Arc::clone(&screen);
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = pty.read(&mut buf) {
            if n == 0 {
                break;
            }
            feed.lock().unwrap().process(&buf[..n]);
        }
    });
    let mut keys = pair.master.take_writer().unwrap();
    let shows = |text: &str| screen.lock().unwrap().screen().contents().contains(text);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !shows("Leertaste startet") {
        assert!(Instant::now() < deadline, "the console did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
    keys.write_all(b" ").unwrap();
    keys.flush().unwrap();
    while !shows("LÄUFT") {
        assert!(Instant::now() < deadline, "the block did not start");
        std::thread::sleep(Duration::from_millis(20));
    }

    // serve beside it.
    let mut serve = std::process::Command::new(moderato_benches::release_binary())
        .args(["--lang", "de", "serve", &journey, "--station", "muenchen", "--listen", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(serve.stdout.take().unwrap()).lines();
    let url = out
        .find_map(|line| line.ok()?.split_whitespace().find(|w| w.starts_with("http://")).map(String::from))
        .unwrap();
    let rest = url.strip_prefix("http://").unwrap();
    let (address, token) = rest.split_once('/').unwrap();
    let address: SocketAddr = address.parse().unwrap();
    assert!(address.ip().is_loopback());
    let token = token.trim_end_matches('/').to_string();

    let errors = Arc::new(AtomicUsize::new(0));
    let arrivals: Vec<Arrivals> = (0..CLIENTS).map(|_| Arc::new(Mutex::new(Vec::new()))).collect();
    for client in &arrivals {
        let (client, errors, path) =
            (Arc::clone(client), Arc::clone(&errors), format!("/{token}/events/room"));
        std::thread::spawn(move || follow(address, path, client, errors));
    }
    let connected = Instant::now() + Duration::from_secs(20);
    while arrivals.iter().any(|client| client.lock().unwrap().is_empty()) && Instant::now() < connected {
        std::thread::sleep(Duration::from_millis(20));
    }
    let rss_connected = status_kib(serve.id(), "VmRSS:");

    // 50 changes, 300 ms apart: each a minute more on the running block.
    let mut pressed = Vec::new();
    for _ in 0..CHANGES {
        pressed.push(Instant::now());
        keys.write_all(b"+").unwrap();
        keys.flush().unwrap();
        std::thread::sleep(Duration::from_millis(300));
    }
    std::thread::sleep(Duration::from_secs(1));
    let mut latencies = Vec::new();
    let mut missed = 0;
    for client in &arrivals {
        let seen = client.lock().unwrap();
        // The first update is the page as it stood; then one per change.
        let updates = &seen[seen.len().min(1)..];
        missed += CHANGES.saturating_sub(updates.len());
        for (key, arrived) in pressed.iter().zip(updates) {
            latencies.push(arrived.saturating_duration_since(*key));
        }
    }
    latencies.sort();
    let rss_after = status_kib(serve.id(), "VmRSS:");

    // Strangers: 1 000 without the token, 20 at a time; then 100 slow heads at once.
    let token_bytes = token.len();
    let refused = Arc::new(AtomicUsize::new(0));
    let answered = Arc::new(AtomicUsize::new(0));
    for _ in 0..STRANGERS / 20 {
        let batch: Vec<_> = (0..20)
            .map(|i| {
                let (refused, answered) = (Arc::clone(&refused), Arc::clone(&answered));
                std::thread::spawn(move || {
                    let wrong = format!("{:0width$x}", i, width = token_bytes);
                    let request = if i % 2 == 0 {
                        "GET / HTTP/1.1\r\nHost: x\r\n\r\n".to_string()
                    } else {
                        format!("GET /{wrong}/events/room HTTP/1.1\r\nHost: x\r\n\r\n")
                    };
                    let (ok, _) = stranger(address, request.as_bytes());
                    if ok {
                        answered.fetch_add(1, Ordering::SeqCst)
                    } else {
                        refused.fetch_add(1, Ordering::SeqCst)
                    };
                })
            })
            .collect();
        for thread in batch {
            thread.join().unwrap();
        }
    }
    let slow: Vec<_> = (0..SLOW)
        .map(|_| {
            let head = format!("GET /{token}/ HTTP/1.1\r\nHost: x\r\nX-Slow: ");
            std::thread::spawn(move || stranger(address, head.as_bytes()))
        })
        .collect();
    // While the slow heads hang: one more change, which every client must still see.
    std::thread::sleep(Duration::from_millis(500));
    let before: Vec<usize> = arrivals.iter().map(|client| client.lock().unwrap().len()).collect();
    keys.write_all(b"+").unwrap();
    keys.flush().unwrap();
    let slow: Vec<(bool, Duration)> = slow.into_iter().map(|thread| thread.join().unwrap()).collect();
    std::thread::sleep(Duration::from_secs(1));
    let unaffected = arrivals
        .iter()
        .zip(&before)
        .filter(|(client, before)| client.lock().unwrap().len() > **before)
        .count();
    let cut_off = slow.iter().filter(|(ok, _)| !ok).count();
    let longest_slow = slow.iter().map(|(_, took)| *took).max().unwrap_or_default();
    let hwm = status_kib(serve.id(), "VmHWM:");

    println!("serve under load on loopback ({CLIENTS} clients, {CHANGES} changes):");
    println!(
        "  updates received: {} of {}; missed {missed}; connection errors {}",
        latencies.len(),
        CLIENTS * CHANGES,
        errors.load(Ordering::SeqCst)
    );
    println!(
        "  key → client: median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        percentile(&latencies, 50).as_secs_f64() * 1000.0,
        percentile(&latencies, 95).as_secs_f64() * 1000.0,
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1000.0
    );
    println!(
        "  serve memory: {rss_connected} KiB with {CLIENTS} clients, {rss_after} KiB after the changes, peak {hwm} KiB"
    );
    println!(
        "  {STRANGERS} requests without the token: {} refused, {} answered",
        refused.load(Ordering::SeqCst),
        answered.load(Ordering::SeqCst)
    );
    println!(
        "  {SLOW} slow request heads: {cut_off} refused or cut off (the last after {:.1} s)",
        longest_slow.as_secs_f64()
    );
    println!("  clients that saw the change made meanwhile: {unaffected} of {CLIENTS}");

    let _ = serve.kill();
    let _ = serve.wait();
    let _ = console.kill();
}
