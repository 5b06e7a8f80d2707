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
    /// The status line and headers, lower-cased.
    head: String,
    /// The same, as sent.
    head_as_sent: String,
    body: String,
    bytes: Vec<u8>,
}

impl Reply {
    /// The value of a response header; `name` in lower case.
    fn header(&self, name: &str) -> Option<&str> {
        self.head_as_sent
            .lines()
            .find_map(|line| {
                let (key, value) = line.split_once(':')?;
                key.eq_ignore_ascii_case(name).then_some(value)
            })
            .map(str::trim)
    }
}

/// A raw HTTP/1.1 request, so that paths reach the server exactly as written.
fn request(addr: SocketAddr, raw_path: &str) -> Reply {
    request_with(addr, raw_path, "Host: localhost\r\n")
}

fn request_for_host(addr: SocketAddr, raw_path: &str, host: &str) -> Reply {
    request_with(addr, raw_path, &format!("Host: {host}\r\n"))
}

/// A GET with the header lines `headers` (each ending in CRLF).
fn request_with(addr: SocketAddr, raw_path: &str, headers: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {raw_path} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let end = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(bytes.len());
    let head_as_sent = String::from_utf8_lossy(&bytes[..end]).into_owned();
    let head = head_as_sent.to_ascii_lowercase();
    let bytes = bytes.get(end + 4..).unwrap_or_default().to_vec();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Reply {
        status,
        head,
        head_as_sent,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes,
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
    assert!(
        missing.body.contains("Sivua ei löytynyt"),
        "the fixture is in Finnish"
    );
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

/// Issue 20, item 13: a preview started on a broken project says one true thing, in the
/// browser and in the terminal: nothing has built yet (there is no last good version).
#[test]
fn a_preview_started_on_a_broken_project_says_it_has_not_built() {
    let project = fixture("broken");
    let binary = Binary::start(project.path());
    let line = binary
        .seen
        .iter()
        .find(|l| l.contains("build failed"))
        .unwrap_or_else(|| panic!("{:#?}", binary.seen));
    assert!(!line.contains("last good"), "{line}");
    assert!(line.contains("not built yet"), "{line}");
    let reply = request(binary.addr, "/");
    assert!(
        reply.body.contains("The site has not built yet"),
        "{}",
        reply.body
    );
    assert!(!reply.body.contains("last good version"), "{}", reply.body);
    assert!(
        reply.body.contains("broken link `nowhere.md`"),
        "the problems are listed"
    );
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

/// Issue 14, item 7: static files answer single ranges and validators.
#[test]
fn static_files_answer_ranges_and_revalidation() {
    let project = fixture("basic");
    let clip: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(project.path().join("content/img/clip.bin"), &clip).unwrap();
    let server = start(project.path());
    let addr = server.addr;

    let whole = request(addr, "/img/clip.bin");
    assert_eq!(whole.status, 200);
    assert_eq!(whole.bytes, clip);
    assert_eq!(whole.header("accept-ranges"), Some("bytes"));
    let range = |spec: &str| {
        request_with(
            addr,
            "/img/clip.bin",
            &format!("Host: localhost\r\nRange: {spec}\r\n"),
        )
    };
    let part = range("bytes=100-199");
    assert_eq!(part.status, 206);
    assert_eq!(part.header("content-range"), Some("bytes 100-199/10000"));
    assert_eq!(part.bytes, &clip[100..200]);
    let tail = range("bytes=-10");
    assert_eq!((tail.status, &tail.bytes[..]), (206, &clip[9_990..]));
    let rest = range("bytes=9000-");
    assert_eq!((rest.status, &rest.bytes[..]), (206, &clip[9_000..]));
    let beyond = range("bytes=20000-");
    assert_eq!(beyond.status, 416);
    assert_eq!(beyond.header("content-range"), Some("bytes */10000"));

    // Revalidation, for a file on disk and for one in memory (a theme asset).
    for path in ["/img/clip.bin", "/_waymark/waymark.css"] {
        let first = request(addr, path);
        let etag = first.header("etag").expect("an etag").to_string();
        let again = request_with(
            addr,
            path,
            &format!("Host: localhost\r\nIf-None-Match: {etag}\r\n"),
        );
        assert_eq!(again.status, 304, "{path}");
        assert!(again.bytes.is_empty(), "{path}");
        let other = request_with(
            addr,
            path,
            "Host: localhost\r\nIf-None-Match: \"other\"\r\n",
        );
        assert_eq!(other.status, 200, "{path}");
        assert_eq!(other.bytes, first.bytes, "{path}");
    }
    let css = request_with(
        addr,
        "/_waymark/waymark.css",
        "Host: localhost\r\nRange: bytes=0-9\r\n",
    );
    assert_eq!((css.status, css.bytes.len()), (206, 10));
    let modified = whole
        .header("last-modified")
        .expect("last-modified")
        .to_string();
    let since = request_with(
        addr,
        "/img/clip.bin",
        &format!("Host: localhost\r\nIf-Modified-Since: {modified}\r\n"),
    );
    assert_eq!(since.status, 304);

    // Pages keep their live-reload script and are never cached.
    let page = request_with(addr, "/faq/", "Host: localhost\r\nRange: bytes=0-9\r\n");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("data-waymark-live-reload"));
    assert!(page.head.contains("cache-control: no-store"));
    server.stop();
}

/// The real binary, serving `dir` on a free port; its stderr lines arrive on the receiver.
struct Binary {
    child: std::process::Child,
    addr: SocketAddr,
    stderr: std::sync::mpsc::Receiver<String>,
    /// Every stderr line read so far.
    seen: Vec<String>,
}

impl Binary {
    fn start(dir: &std::path::Path) -> Binary {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_waymark"))
            .args(["serve", "--port", "0"])
            .arg(dir)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let (lines, stderr) = std::sync::mpsc::channel();
        let pipe = std::io::BufReader::new(child.stderr.take().unwrap());
        std::thread::spawn(move || {
            for line in std::io::BufRead::lines(pipe).map_while(Result::ok) {
                let _ = lines.send(line);
            }
        });
        let mut binary = Binary {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            stderr,
            seen: Vec::new(),
        };
        let line = binary.wait_for_line("serving at", Duration::from_secs(60));
        let url = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next());
        binary.addr = url.and_then(|a| a.parse().ok()).expect("the address");
        binary
    }

    /// The first stderr line containing `text`, failing after `limit`.
    fn wait_for_line(&mut self, text: &str, limit: Duration) -> String {
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.stderr.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(text) {
                        return line;
                    }
                }
                Err(_) => panic!("no line with {text:?} on stderr in {limit:?}"),
            }
        }
    }

    /// A line of the process's `/proc/PID/status`, in KiB.
    fn memory_kib(&self, field: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        status
            .lines()
            .find_map(|line| line.strip_prefix(field))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or_else(|| panic!("no {field} in {status}"))
    }
}

impl Drop for Binary {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Issue 14, item 7: eight concurrent GETs of a 400 MB file took the server to 3.3 GB.
#[test]
fn a_large_file_served_to_several_clients_is_streamed() {
    const SIZE: u64 = 160 << 20;
    let project = fixture("basic");
    let big = std::fs::File::create(project.path().join("content/img/big.mp4")).unwrap();
    big.set_len(SIZE).unwrap(); // sparse: costs no disk
    let server = Binary::start(project.path());
    let before = server.memory_kib("VmRSS:");
    let addr = server.addr;
    let clients: Vec<_> = (0..4)
        .map(|_| {
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(addr).unwrap();
                stream
                    .set_read_timeout(Some(Duration::from_secs(30)))
                    .unwrap();
                write!(
                    stream,
                    "GET /img/big.mp4 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                )
                .unwrap();
                let mut buffer = vec![0u8; 1 << 16];
                let mut total = 0u64;
                loop {
                    match stream.read(&mut buffer) {
                        Ok(0) => return total,
                        Ok(n) => total += n as u64,
                        Err(err) => panic!("after {total} bytes: {err}"),
                    }
                }
            })
        })
        .collect();
    for client in clients {
        let received = client.join().unwrap();
        assert!(received > SIZE, "a client got {received} bytes");
    }
    let peak = server.memory_kib("VmHWM:");
    eprintln!("resident memory: {before} KiB before, peak {peak} KiB serving 4 x {SIZE} bytes");
    assert!(
        peak.saturating_sub(before) < 64 * 1024,
        "resident memory rose from {before} KiB to {peak} KiB"
    );
}

/// Issue 14, item 8: sockets that send half a request header used to be held for good,
/// until the process ran out of file descriptors.
#[test]
fn half_open_connections_time_out_and_do_not_lock_others_out() {
    let project = fixture("basic");
    let mut options = waymark::serve::ServeOptions::local(project.path());
    options.limits = waymark::serve::connections::Limits {
        max_connections: 8,
        header_timeout: Duration::from_secs(1),
    };
    let server = serve::start(options).unwrap_or_else(|f| panic!("{}", f.diagnostics().render()));
    let addr = server.addr;

    // The live-reload stream outlives the timeout: it is a response, not an idle connection.
    let mut events = TcpStream::connect(addr).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        events,
        "GET /__waymark/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    reload_events(&mut events, &mut text, 1);

    let half_open: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut socket = TcpStream::connect(addr).unwrap();
            socket.write_all(b"GET / HTTP/1.1\r\nHost: loc").unwrap();
            socket
                .set_read_timeout(Some(Duration::from_secs(15)))
                .unwrap();
            socket
        })
        .collect();
    let started = Instant::now();
    assert_eq!(request(addr, "/").status, 200);
    let waited = started.elapsed();
    assert!(
        waited < Duration::from_secs(10),
        "answered after {waited:?}"
    );

    for (i, mut socket) in half_open.into_iter().enumerate() {
        let mut rest = Vec::new();
        // The server closes the connection (an error response may come first).
        let closed = socket.read_to_end(&mut rest);
        assert!(
            closed.is_ok(),
            "half-open socket {i} still open: {closed:?}"
        );
    }
    assert!(started.elapsed() < Duration::from_secs(15));

    std::fs::write(
        project.path().join("content/faq.md"),
        "# Frequently asked questions\n\nChanged.\n",
    )
    .unwrap();
    assert_eq!(reload_events(&mut events, &mut text, 2).len(), 2);
    server.stop();
}

/// Issue 14, item 9: a log file appended every 5 ms in the project folder kept a content
/// edit from appearing for 18 s, and every append counted as a change.
#[test]
fn a_busy_log_file_neither_holds_edits_back_nor_causes_rebuilds() {
    let project = fixture("basic");
    let mut server = Binary::start(project.path());
    let log = project.path().join("build.log");
    let writing = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let writer = {
        let writing = writing.clone();
        std::thread::spawn(move || {
            let mut file = std::fs::File::create(&log).unwrap();
            let started = Instant::now();
            while writing.load(std::sync::atomic::Ordering::Relaxed)
                && started.elapsed() < Duration::from_secs(30)
            {
                writeln!(file, "a line of log").unwrap();
                std::thread::sleep(Duration::from_millis(5));
            }
        })
    };
    std::thread::sleep(Duration::from_millis(200));
    std::fs::write(
        project.path().join("content/faq.md"),
        "# Frequently asked questions\n\nSaved while a log grows.\n",
    )
    .unwrap();
    let line = server.wait_for_line("changed", Duration::from_secs(10));
    assert!(
        line.starts_with("content/faq.md changed: 1 page re-rendered, "),
        "{line}"
    );
    assert!(request(server.addr, "/faq/")
        .body
        .contains("Saved while a log grows."));
    writing.store(false, std::sync::atomic::Ordering::Relaxed);
    writer.join().unwrap();
    let later: Vec<String> = server.stderr.try_iter().collect();
    assert!(
        later.iter().all(|line| !line.contains("build.log")),
        "{later:?}"
    );
}

/// Issue 14, item 10: after the content folder was removed and restored, or moved away
/// and back (as `git checkout` and some editors do), edits were silently ignored.
#[test]
fn a_replaced_content_folder_is_watched_again() {
    let project = fixture("basic");
    let server = start(project.path());
    let addr = server.addr;
    let content = project.path().join("content");
    let faq = content.join("faq.md");
    let copy = tempfile::tempdir().unwrap();
    copy_tree(&content, copy.path());

    std::fs::remove_dir_all(&content).unwrap();
    wait_for(addr, "/faq/", "the removal to be seen", |r| {
        r.status == 404 || r.body.contains("waymark-build-error")
    });
    copy_tree(copy.path(), &content);
    wait_for(addr, "/faq/", "the restored folder", |r| {
        r.status == 200 && !r.body.contains("waymark-build-error")
    });
    std::fs::write(&faq, "# Frequently asked questions\n\nAfter the restore.\n").unwrap();
    wait_for(addr, "/faq/", "an edit after the restore", |r| {
        r.body.contains("After the restore.")
    });

    let aside = project.path().join("content-aside");
    std::fs::rename(&content, &aside).unwrap();
    std::fs::rename(&aside, &content).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(&faq, "# Frequently asked questions\n\nAfter the move.\n").unwrap();
    wait_for(addr, "/faq/", "an edit after the move", |r| {
        r.body.contains("After the move.")
    });
    server.stop();
}

/// The preview serves llms.txt and the pages' Markdown (mkdocs-llmstxt) as UTF-8 text; a
/// copied text file is served as its name says, its encoding unknown.
#[test]
fn llms_txt_is_served_as_utf8_text() {
    let project = tempfile::tempdir().unwrap();
    let docs = project.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(
        project.path().join("mkdocs.yml"),
        "site_name: Guide\nsite_url: https://example.org/\nplugins:\n  - llmstxt:\n      sections:\n        Start:\n          - index.md\n",
    )
    .unwrap();
    std::fs::write(docs.join("index.md"), "# Home\n\nPäivää, ünïcödé.\n").unwrap();
    std::fs::write(docs.join("notes.txt"), "copied\n").unwrap();
    let server = start(project.path());
    let addr = server.addr;
    let index = wait_for(addr, "/llms.txt", "llms.txt", |r| r.status == 200);
    assert!(
        index
            .head
            .contains("content-type: text/plain; charset=utf-8"),
        "{}",
        index.head
    );
    assert!(
        index
            .body
            .contains("- [Home](https://example.org/index.md)"),
        "{}",
        index.body
    );
    let page = request(addr, "/index.md");
    assert!(
        page.head
            .contains("content-type: text/markdown; charset=utf-8"),
        "{}",
        page.head
    );
    assert!(page.body.contains("Päivää, ünïcödé."), "{}", page.body);
    let copied = request(addr, "/notes.txt");
    assert_eq!(copied.status, 200);
    assert!(
        copied.head.contains("content-type: text/plain\r\n"),
        "{}",
        copied.head
    );
    server.stop();
}
