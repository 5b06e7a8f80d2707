//! The preview server over real sockets: pages, live edits, the error overlay, and
//! requests that try to leave the site.

mod common;
use common::*;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};
use waymark::serve;

struct Reply {
    status: u16,
    head: String,
    body: String,
}

/// A raw HTTP/1.1 request, so that paths reach the server exactly as written.
fn request(addr: SocketAddr, raw_path: &str) -> Reply {
    request_for_host(addr, raw_path, "localhost")
}

fn request_for_host(addr: SocketAddr, raw_path: &str, host: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {raw_path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Reply {
        status,
        head: head.to_ascii_lowercase(),
        body: body.to_string(),
    }
}

/// Polls until `condition` holds for the page at `path` (the watcher is asynchronous).
fn wait_for(addr: SocketAddr, path: &str, what: &str, condition: impl Fn(&Reply) -> bool) -> Reply {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let reply = request(addr, path);
        if condition(&reply) {
            return reply;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; last reply:\n{}",
            reply.body
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn start(dir: &std::path::Path) -> serve::Server {
    let options = waymark::serve::ServeOptions::local(dir);
    match serve::start(options) {
        Ok(server) => server,
        Err(failure) => panic!("{}", failure.diagnostics().render()),
    }
}

#[test]
fn serves_the_site_from_memory_with_live_reload() {
    let project = fixture("basic");
    let server = start(project.path());
    let addr = server.addr;

    let home = request(addr, "/");
    assert_eq!(home.status, 200);
    assert!(home.head.contains("content-type: text/html"));
    assert!(home.head.contains("cache-control: no-store"));
    assert!(home.body.contains("data-waymark-live-reload"));
    assert!(
        !project.path().join("site").exists(),
        "serve writes nothing without --write"
    );

    let css = request(addr, "/_waymark/waymark.css");
    assert_eq!(css.status, 200);
    assert!(css.head.contains("content-type: text/css"));
    assert!(!css.body.contains("live-reload"));
    assert_eq!(request(addr, "/img/diagram.svg").status, 200);

    let missing = request(addr, "/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found"));
    let folder = request(addr, "/guide");
    assert_eq!(folder.status, 301);
    assert!(folder.head.contains("location: /guide/"));

    std::fs::write(
        project.path().join("content/faq.md"),
        "# Frequently asked questions\n\nA freshly saved answer.\n",
    )
    .unwrap();
    wait_for(addr, "/faq/", "the edit to be served", |r| {
        r.body.contains("A freshly saved answer.")
    });
    server.stop();
}

#[test]
fn build_errors_show_over_the_last_good_page_until_fixed() {
    let project = fixture("basic");
    let server = start(project.path());
    let addr = server.addr;
    let faq = project.path().join("content/faq.md");

    std::fs::write(
        &faq,
        "# Frequently asked questions\n\nSee [the missing page](gone.md).\n",
    )
    .unwrap();
    let broken = wait_for(addr, "/faq/", "the error overlay", |r| {
        r.body.contains("waymark-build-error")
    });
    assert!(
        broken.body.contains("content/faq.md:3:5"),
        "the overlay names file:line:column"
    );
    assert!(broken.body.contains("broken link `gone.md`"));
    assert!(
        broken.body.contains("Anyone with a project."),
        "the last good page is still shown"
    );

    std::fs::write(&faq, "# Frequently asked questions\n\nFixed now.\n").unwrap();
    let fixed = wait_for(addr, "/faq/", "the overlay to clear", |r| {
        !r.body.contains("waymark-build-error")
    });
    assert!(fixed.body.contains("Fixed now."));
    server.stop();
}

#[test]
fn requests_cannot_leave_the_site() {
    let project = fixture("basic");
    // A file beside the content folder that a traversal would reach.
    std::fs::write(project.path().join("secret.txt"), "TOP SECRET").unwrap();
    let server = start(project.path());
    for path in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/guide/..%2f..%2fsecret.txt",
        "/guide/%2e%2e%5c%2e%2e%5csecret.txt",
        "/guide\\..\\..\\secret.txt",
        "//etc/passwd",
        "/guide//../secret.txt",
        "/%00",
    ] {
        let reply = request(server.addr, path);
        assert!(
            matches!(reply.status, 400 | 404),
            "{path}: {}",
            reply.status
        );
        assert!(
            !reply.body.contains("TOP SECRET") && !reply.body.contains("root:"),
            "{path} leaked a file"
        );
    }
    server.stop();
}

/// Issue 14, item 2: a page on another site that makes its domain resolve to 127.0.0.1
/// (DNS rebinding) must not be able to read the preview or its event stream.
#[test]
fn requests_for_other_hosts_are_refused() {
    let project = fixture("basic");
    let server = start(project.path());
    let port = server.addr.port();
    for host in [
        "localhost".to_string(),
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
    ] {
        let reply = request_for_host(server.addr, "/", &host);
        assert_eq!(reply.status, 200, "Host: {host}");
    }
    for host in [
        format!("rebind.example:{port}"),
        "evil.example".to_string(),
        format!("127.0.0.1.nip.io:{port}"),
    ] {
        for path in ["/", "/guide/", "/__waymark/events", "/nothing"] {
            let reply = request_for_host(server.addr, path, &host);
            assert_eq!(reply.status, 403, "Host: {host} {path}");
            assert!(reply
                .body
                .contains("answers only requests addressed to localhost"));
            assert!(
                !reply.body.contains("<html"),
                "Host: {host} {path} leaked a page"
            );
        }
    }
    server.stop();
}

#[test]
fn the_search_index_follows_edits_and_stays_served_meanwhile() {
    let project = fixture("search");
    let server = start(project.path());
    let addr = server.addr;
    let entry = "/_waymark/search/pagefind-entry.json";
    let hash = |reply: &Reply| -> String {
        let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        json["languages"]["en"]["hash"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let first = hash(&wait_for(addr, entry, "the first index", |r| {
        r.status == 200
    }));

    std::fs::write(
        project.path().join("content/index.md"),
        "# Research data guide\n\nA new word: quetzalcoatl.\n",
    )
    .unwrap();
    wait_for(addr, "/", "the edit to be served", |r| {
        r.body.contains("quetzalcoatl")
    });
    // The new build is served at once; until its index is ready, the previous one is.
    assert_eq!(request(addr, entry).status, 200);
    let next = wait_for(addr, entry, "a new index", |r| {
        r.status == 200 && hash(r) != first
    });
    let meta = format!("/_waymark/search/pagefind.{}.pf_meta", hash(&next));
    assert_eq!(request(addr, &meta).status, 200);
    server.stop();
}

#[test]
fn serve_write_writes_the_search_index_too() {
    let project = fixture("search");
    let mut options = waymark::serve::ServeOptions::local(project.path());
    options.write = true;
    let server = serve::start(options).unwrap_or_else(|f| panic!("{}", f.diagnostics().render()));
    let entry = project
        .path()
        .join("site/_waymark/search/pagefind-entry.json");
    assert!(entry.is_file(), "the written site has no search index");
    server.stop();
}

/// Reads the event stream into `text` until it holds `count` reload events; returns the
/// data of all of them.
fn reload_events(stream: &mut TcpStream, text: &mut String, count: usize) -> Vec<u64> {
    let mut buffer = [0u8; 4096];
    // Keep-alive comments arrive every 15 s, so a missing event would not end the read.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        assert!(
            Instant::now() < deadline,
            "no {count} reload events in 20 s:\n{text}"
        );
        let events: Vec<u64> = text
            .lines()
            .filter_map(|line| line.strip_prefix("data:"))
            .filter_map(|data| data.trim().parse().ok())
            .collect();
        if events.len() >= count {
            return events;
        }
        let read = stream.read(&mut buffer).expect("the event stream is open");
        assert!(read > 0, "the event stream ended early:\n{text}");
        text.push_str(&String::from_utf8_lossy(&buffer[..read]));
    }
}

#[test]
fn the_event_stream_starts_with_the_build_being_served() {
    // A page that loaded before an edit but connected its event stream after it must
    // still learn that it is out of date: the stream first says which build is current.
    let project = fixture("basic");
    let server = start(project.path());
    let page = request(server.addr, "/faq/");
    let served: u64 = page
        .body
        .split_once("var served = ")
        .and_then(|(_, rest)| rest.split_once(';'))
        .and_then(|(number, _)| number.parse().ok())
        .expect("the page says which build it is from");

    let mut events = TcpStream::connect(server.addr).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        events,
        "GET /__waymark/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    assert_eq!(reload_events(&mut events, &mut text, 1), [served]);
    std::fs::write(
        project.path().join("content/faq.md"),
        "# Frequently asked questions\n\nChanged.\n",
    )
    .unwrap();
    let heard = reload_events(&mut events, &mut text, 2);
    assert!(heard[1] > served, "{heard:?}");
    server.stop();
}
