//! `moderato serve`: the room's view for browsers on the local network — a
//! group's laptop, a tablet on a table, a second projector, a co-facilitator's
//! phone. A read-only follower like `project`: it reads the journal, never
//! takes the lock and never writes to the logs. Each page's JSON is built
//! from the [`RoomView`](crate::core::room::RoomView) alone ([`model`]).

pub mod address;
mod http;
pub mod model;
mod token;

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::TimeDelta;
use notify::{RecursiveMode, Watcher};
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};

pub use http::{HEADER_TIMEOUT, MAX_CONNECTIONS};
pub use model::{Views, Which};
pub use token::{Token, TokenError};

use crate::app::{AppError, Follower, is_write, now_in};
use crate::error::ErrorKind;
use crate::i18n::{ConsoleMsg, Lang, Msg, ServeMsg};
use crate::plan::{self, Station};
use crate::platform::signals::Signals;
use crate::store;

/// The port `serve` listens on unless `--listen` says otherwise.
pub const DEFAULT_PORT: u16 = 8470;

/// What `moderato serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub journey: PathBuf,
    pub station: String,
    /// Address and port; without it 127.0.0.1 (or every address with `--lan`) on [`DEFAULT_PORT`].
    pub listen: Option<SocketAddr>,
    /// Reachable from other machines; without it only loopback addresses are allowed.
    pub lan: bool,
    /// Keep the token here across runs.
    pub token_file: Option<PathBuf>,
    /// The facilitator's language, for what is printed.
    pub lang: Lang,
    /// The room's language when `--lang` was given; otherwise the journey's.
    pub room_lang: Option<Lang>,
    pub contrast: bool,
}

/// The JSON of every page as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pages {
    pub room: Arc<str>,
    pub groups: Arc<str>,
    /// Group (or table) 1, 2, …
    pub by_group: Vec<Arc<str>>,
}

impl Pages {
    pub fn new(views: &Views) -> Pages {
        let json =
            |which| -> Arc<str> { serde_json::to_string(&views.page(which)).unwrap_or_default().into() };
        Pages {
            room: json(Which::Room),
            groups: json(Which::Groups),
            by_group: (1..=views.group_count()).map(|number| json(Which::Group(number))).collect(),
        }
    }

    /// Group `number`'s page; the room's view when it has no such group.
    pub fn group(&self, number: usize) -> Arc<str> {
        number.checked_sub(1).and_then(|index| self.by_group.get(index)).unwrap_or(&self.room).clone()
    }
}

/// `text` as a QR code in half blocks: two rows of modules per line of text,
/// a light module drawn (`█`, `▀`, `▄`), a dark one left blank, with a quiet
/// zone of two modules. Drawn light on black, it reads as the usual code.
pub fn qr_lines(text: &str) -> Vec<String> {
    let Ok(code) = qrcode::QrCode::new(text.as_bytes()) else { return Vec::new() };
    let width = code.width();
    let colors = code.to_colors();
    let quiet = 2;
    let side = width + 2 * quiet;
    let light = |x: usize, y: usize| -> bool {
        let inside = (quiet..quiet + width).contains(&x) && (quiet..quiet + width).contains(&y);
        !inside || colors[(y - quiet) * width + (x - quiet)] == qrcode::Color::Light
    };
    (0..side)
        .step_by(2)
        .map(|y| {
            (0..side)
                .map(|x| match (light(x, y), y + 1 < side && light(x, y + 1)) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                })
                .collect()
        })
        .collect()
}

fn failed(kind: ErrorKind, msg: ServeMsg) -> AppError {
    AppError::Failed { kind, msg: Msg::Serve(msg) }
}

/// Runs `serve` until Ctrl+C or a signal.
pub fn serve(options: ServeOptions) -> Result<(), AppError> {
    let plan = plan::load(&options.journey)?;
    let journey_dir = plan.file.parent().unwrap_or(Path::new(".")).to_path_buf();
    let logs = store::logs_dir(&journey_dir);
    let Some(station) = plan.journey.station(&options.station) else {
        let known = plan.journey.stations.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ");
        return Err(AppError::Failed {
            kind: ErrorKind::Usage,
            msg: Msg::Console(ConsoleMsg::UnknownStation { station: options.station.clone(), known }),
        });
    };
    let room_lang = options.room_lang.unwrap_or(plan.journey.language);
    let address = options.listen.unwrap_or_else(|| {
        let ip =
            if options.lan { IpAddr::V4(Ipv4Addr::UNSPECIFIED) } else { IpAddr::V4(Ipv4Addr::LOCALHOST) };
        SocketAddr::new(ip, DEFAULT_PORT)
    });
    if !options.lan && !address.ip().is_loopback() {
        return Err(failed(ErrorKind::Usage, ServeMsg::NeedsLan { address: address.to_string() }));
    }
    let token = match &options.token_file {
        Some(path) => Token::from_file(path).map_err(|err| match err {
            TokenError::Malformed => {
                failed(ErrorKind::InvalidInput, ServeMsg::BadTokenFile { path: path.display().to_string() })
            }
            TokenError::Io(err) => failed(
                ErrorKind::Io,
                ServeMsg::TokenFileIo { path: path.display().to_string(), reason: err.to_string() },
            ),
        })?,
        None => Token::random()
            .map_err(|err| failed(ErrorKind::Io, ServeMsg::NoRandomness { reason: err.to_string() }))?,
    };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async {
        let listener = TcpListener::bind(address).await.map_err(|err| {
            failed(
                ErrorKind::Io,
                ServeMsg::CannotListen { address: address.to_string(), reason: err.to_string() },
            )
        })?;
        let bound = listener.local_addr()?;
        let (sender, pages) = watch::channel(Arc::new(first_pages(station, room_lang)));
        let shared = Arc::new(http::Shared {
            token: token.clone(),
            pages,
            lang: room_lang,
            contrast: options.contrast,
            station_title: station.title.clone(),
        });
        let server = tokio::spawn(http::accept(listener, http::router(shared)));
        let host = if bound.ip().is_unspecified() { lan_address().unwrap_or(bound.ip()) } else { bound.ip() };
        let url = format!("http://{}/{}/", SocketAddr::new(host, bound.port()), token.as_str());
        let mut addresses = vec![bound.to_string()];
        if bound.ip().is_unspecified() && host != bound.ip() {
            addresses.push(SocketAddr::new(host, bound.port()).to_string());
        }
        // Nobody may be reading (a closed pipe, a detached terminal): serving goes on regardless.
        let _ = writeln!(
            std::io::stdout(),
            "{}",
            ServeMsg::Serving { addresses, url: url.clone() }.text(options.lang)
        );
        // For the projection's join view; removed when this ends.
        let published = address::publish(&logs, &station.id, &url).ok();
        let result = follow(&journey_dir, &logs, station, room_lang, &sender).await;
        drop(published);
        server.abort();
        result
    })
}

/// The pages before the log is read.
fn first_pages(station: &Station, lang: Lang) -> Pages {
    let now = now_in(station.timezone);
    let view = crate::core::room::RoomView::waiting(station, now);
    Pages::new(&Views { now: &view, later: &view, lang, warning: None })
}

/// This computer's address on its network, as other machines reach it: the
/// source address the system would use towards a documentation-only address
/// (RFC 5737). A UDP socket that connects sends nothing.
fn lan_address() -> Option<IpAddr> {
    let socket = std::net::UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0)).ok()?;
    socket.connect((Ipv4Addr::new(192, 0, 2, 1), 9)).ok()?;
    socket.local_addr().ok().map(|address| address.ip()).filter(|ip| !ip.is_unspecified())
}

/// Follows the station's journal as `project` does and publishes the pages
/// whenever what they show changes, until a signal.
async fn follow(
    journey_dir: &Path,
    logs: &Path,
    station: &Station,
    lang: Lang,
    sender: &watch::Sender<Arc<Pages>>,
) -> Result<(), AppError> {
    let mut follower = Follower::new(logs, &station.id, lang);
    let (changed_tx, mut changed) = mpsc::unbounded_channel::<PathBuf>();
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && is_write(&event.kind)
        {
            for path in event.paths {
                let _ = changed_tx.send(path);
            }
        }
    })
    .and_then(|mut watcher| watcher.watch(journey_dir, RecursiveMode::Recursive).map(|()| watcher));
    let polling = watcher.is_err();
    // A clock's state (last minutes, overtime) and the minute on an agenda
    // change with time alone: look once a second whether the pages did.
    let mut tick =
        tokio::time::interval(if polling { Duration::from_millis(200) } else { Duration::from_secs(1) });
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut signals = Signals::new()?;
    follower.refresh();
    loop {
        publish(&follower, station, lang, sender);
        tokio::select! {
            Some(path) = changed.recv() => {
                let mut relevant = follower.concerns(&path);
                while let Ok(path) = changed.try_recv() {
                    relevant |= follower.concerns(&path);
                }
                if relevant {
                    follower.refresh();
                }
            }
            _ = tick.tick() => {
                if polling {
                    follower.refresh();
                }
            }
            _ = signals.recv() => break,
        }
    }
    drop(watcher);
    Ok(())
}

/// The pages as they stand now, sent only when they differ from the last ones.
fn publish(follower: &Follower, station: &Station, lang: Lang, sender: &watch::Sender<Arc<Pages>>) {
    let now = now_in(station.timezone);
    let view = follower.room(station, now);
    let later = follower.room(station, now + TimeDelta::seconds(1));
    let pages = Pages::new(&Views { now: &view, later: &later, lang, warning: follower.warning() });
    sender.send_if_modified(|current| {
        let changed = **current != pages;
        if changed {
            *current = Arc::new(pages);
        }
        changed
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_qr_code_is_square_in_half_blocks_with_its_finder_patterns() {
        let lines = qr_lines("http://192.168.1.20:8470/00112233445566778899aabbccddeeff/");
        let side = lines[0].chars().count();
        assert!(side >= 21 + 4, "at least version 1 with its quiet zone");
        assert_eq!(lines.len(), side.div_ceil(2));
        assert!(lines.iter().all(|line| line.chars().count() == side));
        // The quiet zone is light; below it the finder pattern: its dark top row, then dark, light, dark.
        assert!(lines[0].chars().all(|c| c == '█'));
        assert!(lines[1].starts_with("██ ▄▄▄▄▄ "), "{}", lines[1]);
    }
}
