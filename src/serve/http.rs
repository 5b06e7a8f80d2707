//! The preview's HTTP side: maps request paths to files of the in-memory site (refusing
//! anything that could leave it), injects the live-reload script and the error overlay
//! into HTML, and streams reload events.

use super::files;
use crate::markdown::escape;
use crate::output::{OutputFile, OutputSet};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::convert::Infallible;
use std::net::IpAddr;
use std::sync::{Arc, RwLock};
use tokio::sync::broadcast;
use tokio_stream::{Stream, StreamExt};

/// The path browsers subscribe to for reload events.
pub const EVENTS_PATH: &str = "/__waymark/events";

/// A generation number that tells open event streams to end (the server is stopping).
pub const CLOSING: u64 = u64::MAX;

/// What the server shows: the last site that built, the errors of the latest build if it
/// failed, and what keeps the watcher from seeing every change, if anything does.
#[derive(Debug, Default, Clone)]
pub struct Snapshot {
    pub output: Arc<OutputSet>,
    /// The search index, kept apart from the pages so that a rebuild need not copy it
    /// into the next site: it is replaced only when the indexer has a newer one.
    pub search: Arc<OutputSet>,
    pub error: Option<String>,
    pub watch_problem: Option<String>,
    pub generation: u64,
}

impl Snapshot {
    /// The file served at `key`: the search index's, else the site's.
    fn file(&self, key: &str) -> Option<&OutputFile> {
        self.search
            .files
            .get(key)
            .or_else(|| self.output.files.get(key))
    }
}

pub struct Shared {
    pub snapshot: RwLock<Arc<Snapshot>>,
    pub reload: broadcast::Sender<u64>,
}

impl Shared {
    pub fn new(snapshot: Snapshot) -> Arc<Shared> {
        Arc::new(Shared {
            snapshot: RwLock::new(Arc::new(snapshot)),
            reload: broadcast::channel(16).0,
        })
    }

    pub fn current(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Swaps in a new snapshot, the current one as `change` changes it, and tells every
    /// open page to reload when `reload` is true.
    fn update(&self, reload: bool, change: impl FnOnce(&mut Snapshot)) {
        let mut slot = self
            .snapshot
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // Cheap: the sites are shared, not copied.
        let mut next = Snapshot::clone(&slot);
        change(&mut next);
        let generation = slot.generation + u64::from(reload);
        next.generation = generation;
        *slot = Arc::new(next);
        drop(slot);
        if reload {
            let _ = self.reload.send(generation);
        }
    }

    /// Publishes a build: its site, or (`None`) the errors that kept it from building.
    pub fn publish(&self, output: Option<Arc<OutputSet>>, error: Option<String>) {
        self.update(true, |next| {
            if let Some(output) = output {
                next.output = output;
            }
            next.error = error;
        });
    }

    /// Shows (or, with `None`, clears) a problem of the watcher over every page.
    pub fn set_watch_problem(&self, problem: Option<String>) {
        if self.current().watch_problem == problem {
            return;
        }
        self.update(true, |next| next.watch_problem = problem);
    }

    /// Replaces the search index of the site being served; pages do not reload for it.
    pub fn replace_search_index(&self, index: OutputSet) {
        self.update(false, |next| next.search = Arc::new(index));
    }
}

/// `host` is the address the server listens on: requests naming another host are refused.
pub fn router(shared: Arc<Shared>, host: IpAddr) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(serve)
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            let allowed = request
                .headers()
                .get(header::HOST)
                .and_then(|value| value.to_str().ok())
                .is_some_and(|value| host_allowed(value, host));
            async move {
                if allowed {
                    next.run(request).await
                } else {
                    plain(
                        StatusCode::FORBIDDEN,
                        "waymark serve answers only requests addressed to localhost or the address \
                         it listens on (this Host header names another site)\n",
                    )
                }
            }
        }))
        .with_state(shared)
}

/// Whether a request's `Host` header names this server. A page on another site can make
/// its own domain resolve to 127.0.0.1 (DNS rebinding) and read the preview; its requests
/// still carry that domain as their Host, so only loopback names and the listening
/// address are answered. A server listening on every address (`0.0.0.0`, `::`) answers
/// any IP address, which no DNS answer can stand for.
pub fn host_allowed(header_value: &str, listening: IpAddr) -> bool {
    let name = strip_port(header_value.trim());
    if name.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let bare = name
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .unwrap_or(name);
    // An IPv6 address is only valid in brackets in a Host header.
    if bare != name && !bare.contains(':') {
        return false;
    }
    if bare == name && name.contains(':') {
        return false;
    }
    let Ok(address) = bare.parse::<IpAddr>() else {
        return false;
    };
    address == IpAddr::from([127, 0, 0, 1])
        || address == IpAddr::from(std::net::Ipv6Addr::LOCALHOST)
        || address == listening
        || listening.is_unspecified()
}

/// `name` of `name:port`, keeping an IPv6 literal's brackets.
fn strip_port(value: &str) -> &str {
    if value.starts_with('[') {
        return match value.find(']') {
            Some(end) => &value[..=end],
            None => value,
        };
    }
    match value.rsplit_once(':') {
        Some((name, port)) if !name.contains(':') && port.bytes().all(|b| b.is_ascii_digit()) => {
            name
        }
        _ => value,
    }
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // Subscribed before the current generation is read, so no build can slip between.
    // A page compares the generations it hears with the one it was served from: the first
    // tells it whether the site changed while it was loading.
    let builds = tokio_stream::wrappers::BroadcastStream::new(shared.reload.subscribe())
        .filter_map(|message| message.ok());
    let stream = tokio_stream::once(shared.current().generation)
        .chain(builds)
        .take_while(|generation| *generation != CLOSING)
        .map(|generation| {
            Ok(Event::default()
                .event("reload")
                .data(generation.to_string()))
        });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Where a request path leads in the site.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    Found(String),
    /// A folder asked for without its trailing slash.
    Redirect(String),
    NotFound,
    /// The path tries to leave the site or is malformed.
    Rejected,
}

/// Maps a raw (still percent-encoded) request path to a file key of the site. Traversal in
/// any spelling (`..`, `%2e%2e`, encoded or doubled slashes, backslashes, NUL) is rejected.
pub fn lookup(raw_path: &str, exists: impl Fn(&str) -> bool) -> Lookup {
    let lower = raw_path.to_ascii_lowercase();
    if !raw_path.starts_with('/')
        || raw_path.contains('\\')
        || raw_path.contains("//")
        || ["%2f", "%5c", "%00"].iter().any(|bad| lower.contains(bad))
    {
        return Lookup::Rejected;
    }
    let decoded = crate::model::urls::decode_path(raw_path);
    if decoded.contains(['\0', '\\', '\u{fffd}'])
        || decoded
            .split('/')
            .any(|segment| segment == "." || segment == "..")
    {
        return Lookup::Rejected;
    }
    let key = &decoded[1..];
    if key.is_empty() || key.ends_with('/') {
        let index = format!("{key}index.html");
        return if exists(&index) {
            Lookup::Found(index)
        } else {
            Lookup::NotFound
        };
    }
    if exists(key) {
        Lookup::Found(key.to_string())
    } else if exists(&format!("{key}/index.html")) {
        Lookup::Redirect(format!("{raw_path}/"))
    } else {
        Lookup::NotFound
    }
}

async fn serve(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return plain(
            StatusCode::METHOD_NOT_ALLOWED,
            "only GET and HEAD are supported",
        );
    }
    let snapshot = shared.current();
    let files = &snapshot.output.files;
    match lookup(uri.path(), |key| snapshot.file(key).is_some()) {
        Lookup::Rejected => plain(StatusCode::BAD_REQUEST, "bad request path"),
        Lookup::Redirect(to) => Response::builder()
            .status(StatusCode::MOVED_PERMANENTLY)
            .header(header::LOCATION, to)
            .header(header::CACHE_CONTROL, "no-store")
            .body(Body::empty())
            .unwrap_or_default(),
        Lookup::Found(key) => file_response(&snapshot, &key, StatusCode::OK, &headers).await,
        Lookup::NotFound if files.contains_key("404.html") => {
            file_response(&snapshot, "404.html", StatusCode::NOT_FOUND, &headers).await
        }
        Lookup::NotFound if files.is_empty() => {
            html_response(StatusCode::OK, not_built_page(&snapshot))
        }
        Lookup::NotFound => plain(StatusCode::NOT_FOUND, "not found"),
    }
}

/// A page gets the live-reload script; any other file is streamed as it is.
async fn file_response(
    snapshot: &Snapshot,
    key: &str,
    status: StatusCode,
    request: &HeaderMap,
) -> Response {
    let Some(file) = snapshot.file(key) else {
        return plain(StatusCode::NOT_FOUND, "not found");
    };
    let mime = mime_guess::from_path(key).first_or_octet_stream();
    if mime.essence_str() != "text/html" {
        // Text Waymark made (llms.txt, the theme's CSS and scripts) is UTF-8; a copied
        // file is served as its name says, since its encoding is not known.
        let made = matches!(file, OutputFile::Bytes(_));
        let mime = match made && mime.type_() == mime_guess::mime::TEXT {
            true => format!("{}; charset=utf-8", mime.essence_str()),
            false => mime.to_string(),
        };
        return files::respond(file, &mime, request).await;
    }
    let read;
    let html: &[u8] = match file {
        OutputFile::Bytes(bytes) => bytes,
        OutputFile::Copy(path) => match tokio::fs::read(path).await {
            Ok(bytes) => {
                read = bytes;
                &read
            }
            Err(_) => return plain(StatusCode::NOT_FOUND, "the file is gone"),
        },
    };
    html_response(status, inject(html, snapshot))
}

fn html_response(status: StatusCode, html: Vec<u8>) -> Response {
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (status, [(header::CACHE_CONTROL, "no-store")], text).into_response()
}

/// Reloads the page when the site is rebuilt, keeping the reader's scroll position.
const RELOAD_SCRIPT: &str = r#"<script data-waymark-live-reload>
(function () {
  var key = "waymark-scroll:" + location.pathname;
  window.addEventListener("load", function () {
    var y = sessionStorage.getItem(key);
    if (y !== null) { sessionStorage.removeItem(key); window.scrollTo(0, Number(y)); }
  });
  var served = SERVED_GENERATION;
  var events = new EventSource("/__waymark/events");
  events.addEventListener("reload", function (event) {
    if (Number(event.data) === served) return;
    try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) {}
    location.reload();
  });
})();
</script>"#;

/// Adds the live-reload script for a page of `snapshot` (and the overlay, when the last
/// build failed or the watcher has a problem) before `</body>`.
pub fn inject(html: &[u8], snapshot: &Snapshot) -> Vec<u8> {
    inject_with(html, snapshot, BUILD_FAILED)
}

/// [`inject`] with the overlay's introduction to build errors.
fn inject_with(html: &[u8], snapshot: &Snapshot, build_failed: &str) -> Vec<u8> {
    let mut addition = RELOAD_SCRIPT.replace("SERVED_GENERATION", &snapshot.generation.to_string());
    let mut problems = Vec::new();
    if let Some(error) = &snapshot.error {
        problems.push((build_failed, error.as_str()));
    }
    if let Some(problem) = &snapshot.watch_problem {
        problems.push((WATCH_FAILED, problem.as_str()));
    }
    if !problems.is_empty() {
        addition.push_str(&overlay(&problems));
    }
    let at = find_last_ignore_case(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + addition.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(addition.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=haystack.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

const BUILD_FAILED: &str = "<strong>The last change did not build.</strong> You are looking at the last good version of this page. \
     Fix the problems below and save: the page reloads by itself.";
/// Before any build succeeded there is no last good version to speak of.
const NOT_BUILT: &str = "Fix the problems below and save: the page reloads by itself.";
const WATCH_FAILED: &str = "<strong>The preview may miss changes.</strong> Waymark cannot watch every file of the project; \
     restart <code>waymark serve</code> if your edits do not appear.";

/// The problems (an HTML introduction and a plain text each) shown over the last good page.
/// Inline styles, because the overlay must look the same whatever the theme.
pub fn overlay(problems: &[(&str, &str)]) -> String {
    let mut html = String::from(concat!(
        "<div id=\"waymark-build-error\" role=\"alert\" style=\"position:fixed;left:1rem;right:1rem;bottom:1rem;max-height:60vh;overflow:auto;",
        "z-index:2147483647;background:#fff5f5;color:#4a0010;border:2px solid #a8071a;border-radius:8px;padding:1rem 1.25rem;",
        "box-shadow:0 8px 24px rgba(0,0,0,.3);font:15px/1.5 system-ui,sans-serif\">"
    ));
    for (introduction, text) in problems {
        html.push_str(&format!(
            "<p style=\"margin:0\">{introduction}</p><pre style=\"white-space:pre-wrap;margin:.75rem 0;font:13px/1.45 ui-monospace,monospace\">{}</pre>",
            escape(text)
        ));
    }
    html.push_str("</div>");
    html
}

fn not_built_page(snapshot: &Snapshot) -> Vec<u8> {
    let page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Waymark preview</title></head><body><h1>The site has not built yet</h1></body></html>";
    inject_with(page.as_bytes(), snapshot, NOT_BUILT)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(key: &str) -> bool {
        [
            "index.html",
            "guide/index.html",
            "guide/a b/index.html",
            "img/x.png",
        ]
        .contains(&key)
    }

    #[test]
    fn maps_paths_to_files() {
        assert_eq!(lookup("/", site), Lookup::Found("index.html".into()));
        assert_eq!(
            lookup("/guide/", site),
            Lookup::Found("guide/index.html".into())
        );
        assert_eq!(
            lookup("/guide/a%20b/", site),
            Lookup::Found("guide/a b/index.html".into())
        );
        assert_eq!(
            lookup("/img/x.png", site),
            Lookup::Found("img/x.png".into())
        );
        assert_eq!(lookup("/guide", site), Lookup::Redirect("/guide/".into()));
        assert_eq!(lookup("/nothing", site), Lookup::NotFound);
    }

    #[test]
    fn rejects_traversal_in_every_spelling() {
        for path in [
            "/../etc/passwd",
            "/guide/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/guide/..%2fetc%2fpasswd",
            "/guide%5c..%5cetc",
            "/guide\\..\\etc",
            "//etc/passwd",
            "/guide//x",
            "/./index.html",
            "/%00",
            "etc/passwd",
            "/%ff%fe",
        ] {
            assert_eq!(lookup(path, |_| true), Lookup::Rejected, "{path}");
        }
    }

    #[test]
    fn answers_only_hosts_that_name_this_server() {
        let loopback = IpAddr::from([127, 0, 0, 1]);
        for host in [
            "localhost",
            "LOCALHOST:8000",
            "127.0.0.1",
            "127.0.0.1:8001",
            "[::1]",
            "[::1]:8000",
        ] {
            assert!(host_allowed(host, loopback), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:8000",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "10.0.0.5:8000",
            "::1",
            "[localhost]",
            "",
            "127.0.0.1:80:80",
        ] {
            assert!(!host_allowed(host, loopback), "{host}");
        }
        let lan = IpAddr::from([192, 168, 1, 20]);
        assert!(host_allowed("192.168.1.20:8000", lan));
        assert!(!host_allowed("192.168.1.21:8000", lan));
        assert!(!host_allowed("preview.example:8000", lan));
        let everywhere = IpAddr::from([0, 0, 0, 0]);
        assert!(host_allowed("192.168.1.21:8000", everywhere));
        assert!(host_allowed("[fe80::1]:8000", everywhere));
        assert!(!host_allowed("preview.example:8000", everywhere));
    }

    #[test]
    fn injects_before_the_last_body_end() {
        let html = b"<html><body><p>x</p></BODY></html>";
        let failed = Snapshot {
            error: Some("error: <bad>".into()),
            generation: 7,
            ..Snapshot::default()
        };
        let out = String::from_utf8(inject(html, &failed)).unwrap();
        assert!(out.starts_with("<html><body><p>x</p><script data-waymark-live-reload>"));
        assert!(out.ends_with("</div></BODY></html>"));
        assert!(out.contains("error: &lt;bad&gt;"));
        assert!(out.contains("var served = 7;"));
        assert!(!out.contains("may miss changes"));
        let plain = String::from_utf8(inject(b"no body", &Snapshot::default())).unwrap();
        assert!(plain.starts_with("no body<script"));
        assert!(!plain.contains("waymark-build-error"));
        let unwatched = Snapshot {
            watch_problem: Some("cannot watch content: <limit>".into()),
            ..Snapshot::default()
        };
        let out = String::from_utf8(inject(html, &unwatched)).unwrap();
        assert!(out.contains("may miss changes"));
        assert!(out.contains("cannot watch content: &lt;limit&gt;"));
        assert!(!out.contains("did not build"));
    }

    /// Issue 22: the browser test is the only other guard of this contract, and it notices a
    /// broken comparison only after a 15 s timeout.
    #[test]
    fn the_reload_script_reloads_only_for_another_generation() {
        let snapshot = Snapshot {
            generation: 42,
            ..Snapshot::default()
        };
        let page = String::from_utf8(inject(b"<body></body>", &snapshot)).unwrap();
        assert!(!page.contains("SERVED_GENERATION"));
        assert_eq!(page.matches("var served = 42;").count(), 1);
        // The reload listener: an event naming the served build returns before reloading,
        // any other one reaches `location.reload()`.
        let listener = page
            .split_once(r#"addEventListener("reload", function (event) {"#)
            .and_then(|(_, rest)| rest.split_once("});"))
            .map(|(body, _)| body)
            .expect("a listener for reload events");
        let statements: Vec<&str> = listener
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        assert_eq!(
            statements.first(),
            Some(&"if (Number(event.data) === served) return"),
            "the first statement compares the event's generation with the served one:\n{listener}"
        );
        assert!(
            statements
                .last()
                .is_some_and(|s| s.ends_with("location.reload()")),
            "{listener}"
        );
        assert_eq!(listener.matches("return").count(), 1, "{listener}");
    }
}
