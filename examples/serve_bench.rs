//! Save-to-reload benchmark for `waymark serve`: generates a guide, starts the preview
//! server, subscribes to its reload events like a browser tab, then edits one page's body
//! repeatedly and measures the time from the write to the reload event.
//!
//!     cargo run --release --example serve_bench -- [--pages N] [--edits E] [--mkdocs]
//!                                                       [--layout standard|flat|deep|tutorial]
//!
//! Also reports the process's peak memory (max RSS), which is the server's: it runs here.

#[path = "support/guide.rs"]
mod guide;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

fn main() {
    let args = guide::Args::from_env();
    let pages = args.number("--pages", 1000);
    let edits = args.number("--edits", 15);
    let layout = guide::Layout::from_args(&args);
    let generating = Instant::now();
    let (root, _) = guide::prepare(
        &format!("waymark-serve-bench-{}-{pages}", layout.name()),
        None,
        pages,
        guide::Kind::from_args(&args),
        layout,
    );

    println!(
        "{pages} pages: guide generated in {:.2} s",
        generating.elapsed().as_secs_f64()
    );
    let started = Instant::now();
    let options = waymark::serve::ServeOptions::local(&root);
    let server =
        waymark::serve::start(options).unwrap_or_else(|f| panic!("{}", f.diagnostics().render()));
    println!(
        "{pages} pages: first build and server start in {:.2} s",
        started.elapsed().as_secs_f64()
    );

    let mut events = subscribe(server.addr);
    // The stream opens with the generation of the site being served.
    let mut served = next_generation(&mut events);
    let page = root
        .join("content")
        .join(layout.folder(50))
        .join("page-00050.md");
    let original = std::fs::read_to_string(&page).unwrap();
    let mut latencies = Vec::new();
    for edit in 0..edits {
        std::thread::sleep(Duration::from_millis(150));
        let saved = Instant::now();
        std::fs::write(&page, format!("{original}\nEdit number {edit}.\n")).unwrap();
        served = wait_for_newer(&mut events, served);
        latencies.push(saved.elapsed());
    }
    server.stop();
    latencies.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "save-to-reload over {edits} one-page edits: median {:.1} ms, min {:.1} ms, max {:.1} ms",
        ms(latencies[latencies.len() / 2]),
        ms(latencies[0]),
        ms(latencies[latencies.len() - 1])
    );
    // SAFETY: getrusage only writes into the value we pass.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    println!(
        "peak memory (max RSS): {:.1} MB",
        usage.ru_maxrss as f64 / 1024.0
    );
}

/// Opens the server's event stream like a browser tab's `EventSource`.
fn subscribe(addr: std::net::SocketAddr) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(addr).expect("connect");
    write!(
        stream,
        "GET {} HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n",
        waymark::serve::http::EVENTS_PATH
    )
    .unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    BufReader::new(stream)
}

/// Waits for a reload event announcing a build newer than `served`; returns its generation.
fn wait_for_newer(events: &mut BufReader<TcpStream>, served: u64) -> u64 {
    loop {
        let generation = next_generation(events);
        if generation > served {
            return generation;
        }
    }
}

/// The generation carried by the next reload event (`event: reload`, `data: N`).
fn next_generation(events: &mut BufReader<TcpStream>) -> u64 {
    let mut line = String::new();
    loop {
        line.clear();
        let read = events.read_line(&mut line).expect("the event stream ended");
        assert!(read > 0, "the event stream closed");
        if let Some(data) = line.trim_end().strip_prefix("data:") {
            return data.trim().parse().expect("a generation number");
        }
    }
}
