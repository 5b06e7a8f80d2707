//! `waymark serve`: builds in memory, serves the site on localhost, watches the project and
//! rebuilds incrementally on every save, telling open pages to reload.

pub mod connections;
mod files;
pub mod http;
mod indexer;
mod rebuild;
pub mod session;
pub mod watch;

use crate::diag::Diagnostic;
use crate::output::{self, OutputSet};
use crate::{Built, Failure};
use http::Shared;
use indexer::Indexer;
use rebuild::Rebuilder;
use session::Session;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long the watcher waits for a burst of saves to settle where it cannot tell when a
/// save is complete (see [`watch::debounce`]); on Linux it can, and need not wait.
const DEBOUNCE: Duration = if watch::REPORTS_CLOSED_WRITES {
    Duration::ZERO
} else {
    Duration::from_millis(25)
};
/// How long a burst of changes may hold a rebuild back at most.
const MAX_WAIT: Duration = Duration::from_millis(300);
/// How many ports above the requested one are tried when it is taken.
const PORT_ATTEMPTS: u16 = 20;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub project_dir: PathBuf,
    /// A configuration file other than the project's `book.toml` or `mkdocs.yml`.
    pub config_file: Option<PathBuf>,
    pub host: IpAddr,
    pub port: u16,
    /// Also write every successful build to the output folder.
    pub write: bool,
    /// Print nothing but errors.
    pub quiet: bool,
    pub limits: connections::Limits,
}

impl ServeOptions {
    /// A quiet preview of `project_dir` on a free localhost port, as tests and benchmarks use.
    pub fn local(project_dir: &std::path::Path) -> ServeOptions {
        ServeOptions {
            project_dir: project_dir.to_path_buf(),
            config_file: None,
            host: IpAddr::from([127, 0, 0, 1]),
            port: 0,
            write: false,
            quiet: true,
            limits: connections::Limits::default(),
        }
    }
}

/// A running preview server. Dropping it without [`Server::stop`] leaves it running
/// until the process ends.
pub struct Server {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    threads: Vec<std::thread::JoinHandle<()>>,
    watcher: rebuild::SharedWatcher,
    /// Batches of changes for the rebuild thread, as the watcher sends them.
    changes: Option<std::sync::mpsc::Sender<watch::Batch>>,
}

impl Server {
    /// Tells the server that `paths` changed, as the watcher does once a save has
    /// settled, without waiting for it: for tests and benchmarks that rebuild many times.
    /// The rebuild runs in the background; see [`Server::builds`].
    pub fn files_changed(&self, paths: Vec<PathBuf>) {
        if let Some(changes) = &self.changes {
            let _ = changes.send(watch::Batch {
                paths,
                ..watch::Batch::default()
            });
        }
    }

    /// How many builds the server has published so far, good or failed.
    pub fn builds(&self) -> u64 {
        self.shared.current().generation
    }

    /// Stops watching and serving, and waits for both to finish.
    pub fn stop(mut self) {
        self.changes.take();
        // Ends the debounce thread, and with it the rebuild thread.
        self.watcher
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take();
        let _ = self.shared.reload.send(http::CLOSING);
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

/// Builds the project, starts the server and the watcher. Fails when the configuration
/// cannot be read or no port can be bound.
pub fn start(options: ServeOptions) -> Result<Server, Failure> {
    let mut session = Session::open(&options.project_dir, options.config_file.clone())?;
    let started = Instant::now();
    let first = session.build();
    let shared = Shared::new(http::Snapshot::default());
    let (indexer, indexer_thread) = indexer::spawn(shared.clone());
    publish(&shared, &session, first, &options, &indexer, started, None);

    let listener = bind(options.host, options.port)?;
    let addr = listener
        .local_addr()
        .map_err(|e| setup(format!("cannot read the server address: {e}")))?;
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let router = http::router(shared.clone(), options.host);
    let limits = options.limits;
    let server_thread = std::thread::spawn(move || {
        let runtime = match tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
        {
            Ok(runtime) => runtime,
            Err(err) => return eprintln!("error: cannot start the server: {err}"),
        };
        runtime.block_on(async move {
            let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                return;
            };
            connections::serve(listener, router, limits, stop_rx).await;
        });
        // Open event streams must not keep the process alive.
        runtime.shutdown_timeout(Duration::from_millis(500));
    });

    let (raw_tx, raw_rx) = std::sync::mpsc::channel();
    let (batch_tx, batch_rx) = std::sync::mpsc::channel();
    let watcher = notify::recommended_watcher(raw_tx)
        .map_err(|e| setup(format!("cannot watch the project for changes: {e}")))?;
    let watcher = Arc::new(std::sync::Mutex::new(Some(watcher)));
    let mut rebuilder = Rebuilder::new(session, shared.clone(), options, indexer, watcher.clone());
    rebuilder.watch_all();
    let changes = batch_tx.clone();
    let debounce_thread =
        std::thread::spawn(move || watch::debounce(raw_rx, DEBOUNCE, MAX_WAIT, batch_tx));
    let rebuild_thread = std::thread::spawn(move || rebuilder.run(batch_rx));

    Ok(Server {
        addr,
        shared,
        stop: Some(stop_tx),
        // The indexer stops when the rebuild thread drops its queue.
        threads: vec![
            server_thread,
            debounce_thread,
            rebuild_thread,
            indexer_thread,
        ],
        watcher,
        changes: Some(changes),
    })
}

fn setup(message: String) -> Failure {
    Failure::Setup(Diagnostic::error(message))
}

/// Binds `host:port`, or the next free port above it.
fn bind(host: IpAddr, port: u16) -> Result<TcpListener, Failure> {
    let mut last_error = None;
    for candidate in port..=port.saturating_add(PORT_ATTEMPTS) {
        match TcpListener::bind((host, candidate)) {
            Ok(listener) => {
                listener
                    .set_nonblocking(true)
                    .map_err(|e| setup(format!("cannot configure the socket: {e}")))?;
                return Ok(listener);
            }
            Err(err) => last_error = Some(err),
        }
        if port == 0 {
            break;
        }
    }
    Err(Failure::Setup(
        Diagnostic::error(format!(
            "cannot listen on {host}:{port} or the {PORT_ATTEMPTS} ports above it: {}",
            last_error.map_or_else(String::new, |e| e.to_string())
        ))
        .with_hint("pass a free port with `--port`"),
    ))
}

/// Hands a build result to the server and reports it on the terminal, after `trigger`
/// (what made the rebuild, such as `content/a.md changed`).
fn publish(
    shared: &Shared,
    session: &Session,
    result: Result<Built, Failure>,
    options: &ServeOptions,
    indexer: &Indexer,
    started: Instant,
    trigger: Option<&str>,
) {
    let first_build = trigger.is_none();
    let trigger = trigger.map_or_else(String::new, |trigger| format!("{trigger}: "));
    match result {
        Ok(mut built) => {
            if !built.warnings.is_empty() {
                eprintln!("{}", built.warnings.render());
            }
            let mut search_request = None;
            if options.write {
                // The written site must be complete, search index included.
                if let Err(failure) = built.add_search_index() {
                    eprintln!("{}", failure.diagnostics().render());
                }
                write(&built.output, session);
            } else if !built.search.is_empty() {
                // Until this build's own index is ready, the previous one is served.
                search_request = Some(std::mem::take(&mut built.search));
            }
            let report = (!options.quiet).then(|| summary(&built, first_build, started.elapsed()));
            // Published before it is reported: whoever reads the report (a person, a
            // script, a test) may ask for the new pages at once.
            shared.publish(Some(Arc::new(built.output)), None);
            if let Some(report) = report {
                eprintln!("{trigger}{report}");
            }
            if let Some(inputs) = search_request {
                indexer.request(inputs);
            }
        }
        Err(failure) => {
            let text = failure.diagnostics().render();
            eprintln!("{text}");
            if shared.current().output.files.is_empty() {
                eprintln!("{trigger}build failed; the site has not built yet: fix the problems above and save");
            } else {
                eprintln!("{trigger}build failed; still serving the last good version");
            }
            shared.publish(None, Some(text));
        }
    }
}

/// What a build did: `built 43 pages in 45 ms` the first time, then what each rebuild
/// redid, as `1 page re-rendered, 12 links re-checked in 9 ms`.
fn summary(built: &Built, first: bool, took: Duration) -> String {
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let ms = took.as_millis();
    if first {
        return format!("built {} in {ms} ms", count(built.pages, "page"));
    }
    format!(
        "{} re-rendered, {} re-checked in {ms} ms",
        count(built.rendered, "page"),
        count(built.links_checked, "link")
    )
}

fn write(set: &OutputSet, session: &Session) {
    let config = session.config();
    let protected = [config.project_dir.as_path(), config.src_dir.as_path()];
    if let Err(err) = output::write_atomic(set, &config.output_dir, &protected) {
        eprintln!("error: {err}");
    }
}
