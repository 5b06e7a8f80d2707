//! Load benchmark of `waymark serve` (the scenario of `tests/serve_load.rs`, with real
//! numbers): clients fetch pages over keep-alive connections while one page is saved
//! again and again, then the server is rebuilt many times while resident memory is
//! measured, then one client measures the latency of the idle server.
//!
//!     cargo run --release --example serve_load -- [--clients 100] [--edits 200]
//!         [--pause-ms 0] [--rebuilds 1000] [--idle 1000] [--pages 50]
//!         [--requests-per-client 5000]
//!
//! Loopback only; every loop is bounded.

#[allow(dead_code)]
#[path = "support/guide.rs"]
mod guide;
#[path = "support/serve_load.rs"]
mod serve_load;

use std::time::Duration;

fn main() {
    let args = guide::Args::from_env();
    let settings = serve_load::Settings {
        clients: args.number("--clients", 100),
        edits: args.number("--edits", 200),
        pause: Duration::from_millis(args.number("--pause-ms", 0) as u64),
        rebuilds: args.number("--rebuilds", 1_000),
        warm_up: 50,
        idle_requests: args.number("--idle", 1_000),
        pages: args.number("--pages", 50),
        max_requests_per_client: args.number("--requests-per-client", 5_000),
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let report = serve_load::run(dir.path(), &settings);
    report.print(&settings);
    for example in report.failure_examples.iter().chain(&report.mixed_examples) {
        println!("  {example}");
    }
    if report.failures > 0 || report.mixed > 0 {
        std::process::exit(1);
    }
}
