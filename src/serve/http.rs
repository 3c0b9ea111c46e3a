//! The HTTP side of `serve`: a few GET paths under the token, the embedded
//! page, and a stream of the page's JSON (Server-Sent Events). Anything else
//! — another method, another path, a wrong or missing token — gets the same
//! empty 404, so nothing tells a stranger that a station is served here.

use crate::core::text::html_escape as escape;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};

use super::Pages;
use super::token::Token;
use crate::i18n::{Lang, ServeLabel};

/// Connections open at once (page loads and live streams together); more are closed at once.
pub const MAX_CONNECTIONS: usize = 256;
/// A request's head must arrive within this (slow-header attacks).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);
/// The most a request's head may take; GET requests have no body to read.
const MAX_HEAD: usize = 16 * 1024;
/// How often a quiet stream says it is alive, so a page notices a dead connection.
const PING: Duration = Duration::from_secs(15);

const SCRIPT: &str = include_str!("page/app.js");
const STYLE: &str = include_str!("page/style.css");

/// What every request handler may read.
#[derive(Debug)]
pub struct Shared {
    pub token: Token,
    pub pages: watch::Receiver<Arc<Pages>>,
    /// The room's language: the page's fixed words before its first update.
    pub lang: Lang,
    /// White on black whatever the browser prefers (`--theme contrast`).
    pub contrast: bool,
    pub station_title: String,
}

/// The routes, behind the guard.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/{token}", get(room_page))
        .route("/{token}/", get(room_page))
        .route("/{token}/groups", get(groups_page))
        .route("/{token}/group/{number}", get(group_page))
        .route("/{token}/app.js", get(|| async { asset(SCRIPT, "text/javascript; charset=utf-8") }))
        .route("/{token}/style.css", get(|| async { asset(STYLE, "text/css; charset=utf-8") }))
        .route("/{token}/events/room", get(room_events))
        .route("/{token}/events/groups", get(groups_events))
        .route("/{token}/events/group/{number}", get(group_events))
        .fallback(|| async { not_found() })
        .layer(middleware::from_fn_with_state(shared.clone(), guard))
        .with_state(shared)
}

/// Accepts connections until the task is dropped: at most [`MAX_CONNECTIONS`]
/// at once (one more is closed right away), each with a deadline for its head.
pub async fn accept(listener: TcpListener, router: Router) {
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors or the like: breathe, then go on.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(permit) = permits.clone().try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let service = TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .max_buf_size(MAX_HEAD)
                // One request per connection: an idle connection never holds a place.
                .keep_alive(false)
                .serve_connection(TokioIo::new(stream), service);
            let _ = connection.await;
            drop(permit);
        });
    }
}

/// GET only, under the token; every response with the headers of [`harden`].
async fn guard(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let first = request.uri().path().trim_start_matches('/').split('/').next().unwrap_or_default();
    if request.method() != Method::GET || !shared.token.matches(first) {
        return not_found();
    }
    harden(next.run(request).await)
}

/// No script or style from anywhere but here, no framing, no sniffing, no
/// caching, no referrer (the token is in the URL).
fn harden(mut response: Response) -> Response {
    let headers = response.headers_mut();
    let set = [
        (header::CONTENT_SECURITY_POLICY, "default-src 'self'"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ];
    for (name, value) in set {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// The one answer to everything that is not a served page: empty.
fn not_found() -> Response {
    harden(StatusCode::NOT_FOUND.into_response())
}

fn asset(text: &'static str, kind: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind)], text).into_response()
}

async fn room_page(State(shared): State<Arc<Shared>>) -> Response {
    page(&shared, "room")
}

async fn groups_page(State(shared): State<Arc<Shared>>) -> Response {
    page(&shared, "groups")
}

async fn group_page(
    State(shared): State<Arc<Shared>>,
    Path((_, number)): Path<(String, String)>,
) -> Response {
    match group_number(&number) {
        Some(number) => page(&shared, &format!("group/{number}")),
        None => not_found(),
    }
}

fn group_number(text: &str) -> Option<usize> {
    text.parse().ok().filter(|number| (1..=99).contains(number))
}

/// The page's frame: its content comes from the stream named in `data-events`.
fn page(shared: &Shared, events: &str) -> Response {
    let lang = shared.lang;
    let token = shared.token.as_str();
    let title = escape(&shared.station_title);
    let html = format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"color-scheme\" content=\"dark light\">\n\
         <title>{title}</title>\n<link rel=\"stylesheet\" href=\"/{token}/style.css\">\n\
         <script src=\"/{token}/app.js\" defer></script>\n</head>\n\
         <body class=\"{theme}\" data-base=\"/{token}/\" data-events=\"/{token}/events/{events}\">\n\
         <div id=\"lost\" role=\"status\" hidden>{lost}</div>\n\
         <header><span id=\"station\">{title}</span><span id=\"clock\"></span></header>\n\
         <main id=\"scene\" aria-live=\"polite\"><noscript>{script}</noscript></main>\n\
         <footer id=\"nav\"></footer>\n</body>\n</html>\n",
        lang = if lang == Lang::De { "de" } else { "en" },
        theme = if shared.contrast { "contrast" } else { "auto" },
        lost = escape(ServeLabel::ConnectionLost.text(lang)),
        script = escape(ServeLabel::NeedsScript.text(lang)),
    );
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}

/// Which page a stream feeds.
#[derive(Debug, Clone, Copy)]
enum Feed {
    Room,
    Groups,
    Group(usize),
}

async fn room_events(State(shared): State<Arc<Shared>>) -> Response {
    events(&shared, Feed::Room).into_response()
}

async fn groups_events(State(shared): State<Arc<Shared>>) -> Response {
    events(&shared, Feed::Groups).into_response()
}

async fn group_events(
    State(shared): State<Arc<Shared>>,
    Path((_, number)): Path<(String, String)>,
) -> Response {
    match group_number(&number) {
        Some(number) => events(&shared, Feed::Group(number)).into_response(),
        None => not_found(),
    }
}

/// The page's JSON now, then each time it changes; a ping while nothing does.
fn events(shared: &Shared, feed: Feed) -> Sse<impl Stream<Item = Result<Event, Infallible>> + use<>> {
    let mut pages = shared.pages.clone();
    pages.mark_changed();
    let stream =
        futures_util::stream::unfold((pages, None::<Arc<str>>), move |(mut pages, last)| async move {
            loop {
                pages.changed().await.ok()?;
                let body = {
                    let current = pages.borrow_and_update();
                    match feed {
                        Feed::Room => current.room.clone(),
                        Feed::Groups => current.groups.clone(),
                        Feed::Group(number) => current.group(number),
                    }
                };
                if last.as_deref() == Some(&*body) {
                    continue;
                }
                let event = Event::default().retry(Duration::from_secs(2)).data(stamped(&body));
                return Some((Ok(event), (pages, Some(body))));
            }
        });
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(PING).event(Event::default().event("ping").data("")))
}

/// The page's JSON with the server's clock at sending, from which the browser
/// counts its clocks (its own clock may be off by minutes).
fn stamped(body: &str) -> String {
    let now = crate::app::now().timestamp_millis();
    match body.strip_prefix('{') {
        Some(rest) => format!("{{\"now\":{now},{rest}"),
        None => body.to_string(),
    }
}
