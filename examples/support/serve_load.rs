//! The preview server under load, shared by `tests/serve_load.rs` (which asserts on the
//! outcome in a debug build) and `examples/serve_load.rs` (which reports the figures of a
//! release build). Loopback only, and bounded in requests and time.
//!
//! A small guide is served in-process. Client threads fetch its pages in a loop over
//! keep-alive connections while an editor saves one page many times, each time with a
//! new title "Revision N" (atomically: written beside the project, then renamed into
//! place) and waits until the server shows it. That title is in the page's `<title>`, its
//! heading and body, and in the sidebar and pager of the other pages, so a response that
//! mixed two builds would show two revisions. Then the server is rebuilt many more times
//! through [`waymark::serve::Server::files_changed`] while the process's resident memory
//! is measured, and finally one client measures the latency of sequential requests to the
//! idle server.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What to run.
pub struct Settings {
    /// Concurrent clients during the edits.
    pub clients: usize,
    /// Saves of the edited page while the clients run.
    pub edits: usize,
    /// Pause of each client between two requests (none for the heaviest load).
    pub pause: Duration,
    /// Rebuilds between the two memory measurements (after `warm_up` more).
    pub rebuilds: usize,
    pub warm_up: usize,
    /// Sequential requests to the idle server.
    pub idle_requests: usize,
    /// Pages of the guide besides the edited one and the home page.
    pub pages: usize,
    /// Upper bound on each client's requests, so that the load is bounded whatever
    /// the machine's speed.
    pub max_requests_per_client: usize,
}

/// What happened.
#[derive(Default)]
pub struct Report {
    pub requests: usize,
    /// Requests that got no complete answer, with what went wrong (the first few).
    pub failures: usize,
    pub failure_examples: Vec<String>,
    /// Complete pages that showed more than one revision: a mix of two builds.
    pub mixed: usize,
    pub mixed_examples: Vec<String>,
    /// Distinct revisions the clients saw.
    pub revisions_seen: usize,
    pub load_time: Duration,
    pub load_latencies: Vec<Duration>,
    pub idle_latencies: Vec<Duration>,
    /// Builds published during the memory phase (at least `rebuilds`).
    pub rebuilds: u64,
    pub rebuild_time: Duration,
    pub rss_before_kib: u64,
    pub rss_after_kib: u64,
}

impl Report {
    pub fn percentile(latencies: &[Duration], p: f64) -> Duration {
        let mut sorted = latencies.to_vec();
        sorted.sort();
        if sorted.is_empty() {
            return Duration::ZERO;
        }
        let at = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
        sorted[at]
    }

    pub fn print(&self, settings: &Settings) {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{} clients, {} edits: {} requests in {:.1} s ({:.0} per second), {} failed, {} mixed two builds, {} revisions seen",
            settings.clients,
            settings.edits,
            self.requests,
            self.load_time.as_secs_f64(),
            self.requests as f64 / self.load_time.as_secs_f64().max(1e-9),
            self.failures,
            self.mixed,
            self.revisions_seen
        );
        println!(
            "latency under load: p50 {:.2} ms, p99 {:.2} ms",
            ms(Report::percentile(&self.load_latencies, 0.50)),
            ms(Report::percentile(&self.load_latencies, 0.99))
        );
        println!(
            "latency idle ({} sequential requests): p50 {:.2} ms, p99 {:.2} ms",
            self.idle_latencies.len(),
            ms(Report::percentile(&self.idle_latencies, 0.50)),
            ms(Report::percentile(&self.idle_latencies, 0.99))
        );
        println!(
            "memory: {:.1} MiB resident after {} warm-up rebuilds, {:.1} MiB after {} more ({:+.1} MiB) in {:.1} s",
            self.rss_before_kib as f64 / 1024.0,
            settings.warm_up,
            self.rss_after_kib as f64 / 1024.0,
            self.rebuilds,
            (self.rss_after_kib as f64 - self.rss_before_kib as f64) / 1024.0,
            self.rebuild_time.as_secs_f64()
        );
    }
}

/// The edited page at revision `n`.
fn revision_page(n: usize, edit: usize) -> String {
    format!(
        "---\ntitle: Revision {n}\nweight: 1\n---\n\nThis is Revision {n} of the page, saved for edit {edit}.\n\n## Details\n\nMore text, a [link](index.md) and `code`.\n"
    )
}

/// Writes the guide: a home page, the edited page and `pages` others, all in the sidebar.
pub fn fixture(root: &Path, pages: usize) {
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("book.toml"), "[book]\ntitle = \"Load test\"\n").unwrap();
    std::fs::write(
        root.join("content/index.md"),
        "---\ntitle: Home\nweight: 0\n---\n\nThe home page of the load test.\n",
    )
    .unwrap();
    std::fs::write(root.join("content/rev.md"), revision_page(0, 0)).unwrap();
    for i in 0..pages {
        let text = format!(
            "---\ntitle: Page {i}\nweight: {}\n---\n\n## Section one\n\nSome prose on page {i}, with a [link to the edited page](rev.md) and **bold** words.\n\n```bash\necho page {i}\n```\n\n## Section two\n\n- one\n- two\n- three\n",
            i + 2
        );
        std::fs::write(root.join(format!("content/page-{i:03}.md")), text).unwrap();
    }
}

/// The URLs of the guide's pages.
fn urls(pages: usize) -> Vec<String> {
    let mut urls = vec!["/".to_string(), "/rev/".to_string()];
    urls.extend((0..pages).map(|i| format!("/page-{i:03}/")));
    urls
}

/// Saves the edited page at revision `n` the way editors do: a new file renamed into
/// place, so that no reader sees it half-written.
fn save_revision(root: &Path, n: usize, edit: usize) -> PathBuf {
    let temporary = root.join("edit.tmp");
    std::fs::write(&temporary, revision_page(n, edit)).unwrap();
    let page = root.join("content/rev.md");
    std::fs::rename(&temporary, &page).unwrap();
    page
}

/// Every revision number a page shows ("Revision N").
pub fn revisions(body: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.find("Revision ") {
        rest = &rest[at + "Revision ".len()..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(n) = digits.parse() {
            found.push(n);
        }
    }
    found
}

/// The resident memory of this process in KiB.
pub fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kib| kib.parse().ok())
        })
        .unwrap_or(0)
}

/// A minimal HTTP/1.1 client on one keep-alive connection.
pub struct Client {
    addr: SocketAddr,
    stream: Option<BufReader<TcpStream>>,
}

/// Why a request failed: `Stale` when a reused connection turned out to be closed before
/// any byte of the answer (the client then retries once on a new one, as browsers do).
enum Error {
    Stale,
    Failed(String),
}

impl Client {
    pub fn new(addr: SocketAddr) -> Client {
        Client { addr, stream: None }
    }

    /// GETs `path`: the status and the body.
    pub fn get(&mut self, path: &str) -> Result<(u16, Vec<u8>), String> {
        for _ in 0..2 {
            let reused = self.stream.is_some();
            if !reused {
                let stream = TcpStream::connect(self.addr).map_err(|e| format!("connect: {e}"))?;
                stream
                    .set_read_timeout(Some(Duration::from_secs(30)))
                    .map_err(|e| e.to_string())?;
                stream.set_nodelay(true).map_err(|e| e.to_string())?;
                self.stream = Some(BufReader::new(stream));
            }
            match self.exchange(path) {
                Ok(reply) => return Ok(reply),
                Err(Error::Stale) if reused => self.stream = None,
                Err(Error::Stale) => {
                    self.stream = None;
                    return Err("the connection closed before any answer".into());
                }
                Err(Error::Failed(message)) => {
                    self.stream = None;
                    return Err(message);
                }
            }
        }
        Err("the connection closed twice".into())
    }

    fn exchange(&mut self, path: &str) -> Result<(u16, Vec<u8>), Error> {
        let stream = self.stream.as_mut().expect("connected");
        let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n");
        if stream.get_mut().write_all(request.as_bytes()).is_err() {
            return Err(Error::Stale);
        }
        let failed = |what: &str, e: std::io::Error| Error::Failed(format!("{what}: {e}"));
        let mut line = String::new();
        match stream.read_line(&mut line) {
            Ok(0) => return Err(Error::Stale),
            Ok(_) => {}
            Err(e) if line.is_empty() && e.kind() == std::io::ErrorKind::ConnectionReset => {
                return Err(Error::Stale)
            }
            Err(e) => return Err(failed("status line", e)),
        }
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| Error::Failed(format!("bad status line {line:?}")))?;
        let mut length = None;
        let mut close = false;
        loop {
            line.clear();
            let read = stream
                .read_line(&mut line)
                .map_err(|e| failed("headers", e))?;
            if read == 0 {
                return Err(Error::Failed("the connection closed in the headers".into()));
            }
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            let lower = header.to_ascii_lowercase();
            if let Some(value) = lower.strip_prefix("content-length:") {
                length = value.trim().parse::<usize>().ok();
            } else if lower == "connection: close" {
                close = true;
            }
        }
        let length =
            length.ok_or_else(|| Error::Failed("an answer without Content-Length".into()))?;
        let mut body = vec![0; length];
        stream
            .read_exact(&mut body)
            .map_err(|e| failed("body", e))?;
        if close {
            self.stream = None;
        }
        Ok((status, body))
    }
}

/// What one client found.
#[derive(Default)]
struct Tally {
    requests: usize,
    failures: usize,
    failure_examples: Vec<String>,
    mixed: usize,
    mixed_examples: Vec<String>,
    revisions: std::collections::BTreeSet<usize>,
    latencies: Vec<Duration>,
}

/// Checks one answer: a complete page (status 200, the whole document) from one build.
fn check_page(tally: &mut Tally, path: &str, reply: Result<(u16, Vec<u8>), String>) {
    let fail = |tally: &mut Tally, what: String| {
        tally.failures += 1;
        if tally.failure_examples.len() < 3 {
            tally.failure_examples.push(format!("{path}: {what}"));
        }
    };
    let (status, body) = match reply {
        Ok(reply) => reply,
        Err(message) => return fail(tally, message),
    };
    let body = String::from_utf8_lossy(&body);
    if status != 200 {
        return fail(tally, format!("status {status}"));
    }
    if !body.trim_end().ends_with("</html>") {
        return fail(tally, format!("an incomplete page of {} bytes", body.len()));
    }
    if body.contains("waymark-build-error") {
        return fail(tally, "a build failed".into());
    }
    let seen = revisions(&body);
    let mut distinct = seen.clone();
    distinct.sort();
    distinct.dedup();
    match distinct.len() {
        0 => fail(tally, "no revision shown".into()),
        1 => {
            tally.revisions.insert(distinct[0]);
        }
        _ => {
            tally.mixed += 1;
            if tally.mixed_examples.len() < 3 {
                tally
                    .mixed_examples
                    .push(format!("{path} shows revisions {seen:?}"));
            }
        }
    }
}

/// Waits until the server shows revision `n` of the edited page.
fn wait_for_revision(client: &mut Client, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok((200, body)) = client.get("/rev/") {
            let shown = revisions(&String::from_utf8_lossy(&body));
            if !shown.is_empty() && shown.iter().all(|&r| r == n) {
                return;
            }
        }
        assert!(
            Instant::now() < deadline,
            "revision {n} was not served within a minute"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Waits until the server has published more than `builds` builds.
fn wait_for_build(server: &waymark::serve::Server, builds: u64) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while server.builds() <= builds {
        assert!(Instant::now() < deadline, "no rebuild within a minute");
        std::thread::sleep(Duration::from_micros(200));
    }
}

/// Runs the whole scenario on a fresh guide in `root`.
pub fn run(root: &Path, settings: &Settings) -> Report {
    fixture(root, settings.pages);
    let server = waymark::serve::start(waymark::serve::ServeOptions::local(root))
        .unwrap_or_else(|f| panic!("{}", f.diagnostics().render()));
    let addr = server.addr;
    let urls = Arc::new(urls(settings.pages));
    let mut report = Report::default();

    // Clients fetch pages while the editor saves.
    let stop = Arc::new(AtomicBool::new(false));
    let tallies = Arc::new(Mutex::new(Vec::new()));
    let started = Instant::now();
    let clients: Vec<_> = (0..settings.clients)
        .map(|id| {
            let (stop, tallies, urls) = (stop.clone(), tallies.clone(), urls.clone());
            let (pause, limit) = (settings.pause, settings.max_requests_per_client);
            std::thread::spawn(move || {
                let mut client = Client::new(addr);
                let mut tally = Tally::default();
                let mut next = id;
                while !stop.load(Ordering::Relaxed) && tally.requests < limit {
                    let path = &urls[next % urls.len()];
                    next += 1;
                    let sent = Instant::now();
                    let reply = client.get(path);
                    tally.latencies.push(sent.elapsed());
                    tally.requests += 1;
                    check_page(&mut tally, path, reply);
                    if !pause.is_zero() {
                        std::thread::sleep(pause);
                    }
                }
                tallies.lock().unwrap().push(tally);
            })
        })
        .collect();
    let mut editor = Client::new(addr);
    for edit in 1..=settings.edits {
        save_revision(root, edit, edit);
        wait_for_revision(&mut editor, edit);
    }
    stop.store(true, Ordering::Relaxed);
    for client in clients {
        client.join().expect("a client thread panicked");
    }
    report.load_time = started.elapsed();
    let mut revisions = std::collections::BTreeSet::new();
    for tally in tallies.lock().unwrap().drain(..) {
        report.requests += tally.requests;
        report.failures += tally.failures;
        report.mixed += tally.mixed;
        for example in tally.failure_examples {
            if report.failure_examples.len() < 5 {
                report.failure_examples.push(example);
            }
        }
        for example in tally.mixed_examples {
            if report.mixed_examples.len() < 5 {
                report.mixed_examples.push(example);
            }
        }
        revisions.extend(tally.revisions);
        report.load_latencies.extend(tally.latencies);
    }
    report.revisions_seen = revisions.len();

    // Memory across many rebuilds: each changes the edited page's body (so that the page
    // is rendered afresh) and is handed to the server without the watcher's debounce.
    let last = settings.edits;
    let rebuild = |i: usize| {
        let before = server.builds();
        let page = save_revision(root, last, last + 1 + i);
        server.files_changed(vec![page]);
        wait_for_build(&server, before);
    };
    for i in 0..settings.warm_up {
        rebuild(i);
    }
    report.rss_before_kib = rss_kib();
    let first = server.builds();
    let started = Instant::now();
    for i in 0..settings.rebuilds {
        rebuild(settings.warm_up + i);
    }
    report.rebuild_time = started.elapsed();
    report.rebuilds = server.builds() - first;
    report.rss_after_kib = rss_kib();

    // Latency of the idle server, one request after the other, once the search index
    // of the last rebuild (made in the background) is done.
    std::thread::sleep(Duration::from_secs(1));
    let mut client = Client::new(addr);
    for i in 0..settings.idle_requests {
        let path = &urls[i % urls.len()];
        let sent = Instant::now();
        let reply = client.get(path);
        report.idle_latencies.push(sent.elapsed());
        let mut tally = Tally::default();
        check_page(&mut tally, path, reply);
        report.failures += tally.failures;
        report.failure_examples.extend(tally.failure_examples);
    }
    server.stop();
    report
}
