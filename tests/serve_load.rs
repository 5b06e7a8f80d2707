//! The preview server under load (see `examples/support/serve_load.rs` for the scenario):
//! 100 clients fetch pages while one page is saved 200 times; then 1,000 rebuilds while
//! the process's memory is measured; then 1,000 sequential requests to the idle server.
//! Asserted: no failed request, every answer a complete page from one build, memory flat.
//! Speed is not asserted here (it is measured by `cargo run --release --example
//! serve_load`); the figures of this debug run are printed.

#[allow(dead_code)]
#[path = "../examples/support/serve_load.rs"]
mod serve_load;

use serve_load::Settings;
use std::time::Duration;

#[test]
fn a_hundred_clients_during_200_edits_get_complete_pages_from_one_build() {
    let settings = Settings {
        clients: 100,
        edits: 200,
        pause: Duration::from_millis(5),
        rebuilds: 1_000,
        warm_up: 50,
        idle_requests: 1_000,
        pages: 10,
        max_requests_per_client: 2_000,
    };
    let dir = tempfile::tempdir().unwrap();
    let report = serve_load::run(dir.path(), &settings);
    report.print(&settings);

    assert_eq!(
        report.failures, 0,
        "failed requests, for example: {:#?}",
        report.failure_examples
    );
    assert_eq!(
        report.mixed, 0,
        "pages mixing two builds, for example: {:#?}",
        report.mixed_examples
    );
    assert!(
        report.requests >= settings.clients,
        "every client got answers"
    );
    assert!(
        report.revisions_seen > 1,
        "the clients saw the edits ({} revisions)",
        report.revisions_seen
    );
    assert!(report.rebuilds >= settings.rebuilds as u64);
    assert_eq!(report.idle_latencies.len(), settings.idle_requests);
    // Flat: what 1,000 rebuilds of a 12-page guide may add at most, allocator slack
    // included; a leak of one page per rebuild would add more.
    let growth_kib = report.rss_after_kib.saturating_sub(report.rss_before_kib);
    assert!(
        growth_kib < 48 * 1024,
        "resident memory grew by {growth_kib} KiB over {} rebuilds",
        report.rebuilds
    );
}

#[test]
fn revisions_are_read_from_every_place_a_title_appears() {
    assert_eq!(
        serve_load::revisions("<title>Revision 12 - X</title><a>Revision 12</a> Revision 3"),
        [12, 12, 3]
    );
    assert!(serve_load::revisions("no revision here").is_empty());
}
