//! What a batch of file-system events means for the preview: nothing, some content files
//! changed, or everything must be rebuilt. A pure function, so it is tested without a watcher.

use crate::config::Config;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{RecvTimeoutError, TryRecvError};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Only ignored files changed (editor temp files, the output folder, ...).
    Nothing,
    /// Files under the content folder changed (added, edited, removed or renamed).
    Content(BTreeSet<PathBuf>),
    /// The configuration, the theme or another project file (a snippet) changed.
    Full,
}

impl Change {
    fn merge(self, other: Change) -> Change {
        match (self, other) {
            (Change::Full, _) | (_, Change::Full) => Change::Full,
            (Change::Content(mut a), Change::Content(b)) => {
                a.extend(b);
                Change::Content(a)
            }
            (Change::Nothing, other) | (other, Change::Nothing) => other,
        }
    }
}

/// Editors save through temp and backup files; none of them is content.
fn is_editor_temp(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || [".swp", ".swx", ".swo", ".tmp", ".bak", ".crswap"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

/// Folders that are never part of a guide.
fn is_ignored_folder(name: &str) -> bool {
    matches!(name, ".git" | "target" | "node_modules")
}

/// Classifies one batch of changed paths for the project described by `config`.
/// `other_input` says whether a file outside the content and theme folders is one the site
/// is built from (a snippet a page includes); no other file there affects the site, so a
/// log file written beside `book.toml` does not cause rebuilds.
pub fn classify(paths: &[PathBuf], config: &Config, other_input: &dyn Fn(&Path) -> bool) -> Change {
    paths.iter().fold(Change::Nothing, |change, path| {
        change.merge(classify_one(path, config, other_input))
    })
}

/// `"content/a.md changed"`, or `"content/a.md and 2 other files changed"`: the files of
/// `paths` that affect the site, relative to the project folder; `None` when none does.
pub fn trigger(
    paths: &[PathBuf],
    config: &Config,
    other_input: &dyn Fn(&Path) -> bool,
) -> Option<String> {
    let relevant: BTreeSet<&PathBuf> = paths
        .iter()
        .filter(|path| classify_one(path, config, other_input) != Change::Nothing)
        .collect();
    let first = relevant.first()?;
    let name = first.strip_prefix(&config.project_dir).unwrap_or(first);
    Some(match relevant.len() {
        1 => format!("{} changed", name.display()),
        2 => format!("{} and 1 other file changed", name.display()),
        n => format!("{} and {} other files changed", name.display(), n - 1),
    })
}

fn classify_one(path: &Path, config: &Config, other_input: &dyn Fn(&Path) -> bool) -> Change {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if path.starts_with(&config.output_dir) || is_editor_temp(name) {
        return Change::Nothing;
    }
    // An mdBook book's SUMMARY.md is read with the configuration.
    let is_summary =
        config.mdbook.is_some() && path == config.src_dir.join(crate::config::mdbook::SUMMARY_FILE);
    if path == config.config_file || is_summary {
        return Change::Full;
    }
    let in_ignored_folder = |base: &Path| {
        path.strip_prefix(base)
            .map(|rel| {
                rel.components().any(|c| {
                    c.as_os_str()
                        .to_str()
                        .is_some_and(|n| is_ignored_folder(n) || n.starts_with('.'))
                })
            })
            .unwrap_or(false)
    };
    if let Some(theme) = &config.theme_dir {
        if path.starts_with(theme) {
            return if in_ignored_folder(theme) {
                Change::Nothing
            } else {
                Change::Full
            };
        }
    }
    if path.starts_with(&config.src_dir) {
        return if in_ignored_folder(&config.src_dir) {
            Change::Nothing
        } else {
            Change::Content(BTreeSet::from([path.to_path_buf()]))
        };
    }
    // A snippet folder named in the configuration (not the project folder, the default)
    // is an input as a whole, so that a new snippet is seen.
    let in_snippet_folder = config
        .snippets
        .base_paths
        .iter()
        .any(|base| base != &config.project_dir && path.starts_with(base));
    let in_project =
        path.starts_with(&config.project_dir) && !in_ignored_folder(&config.project_dir);
    if in_snippet_folder || in_project && other_input(path) {
        return Change::Full;
    }
    Change::Nothing
}

/// The folders to watch: the content and theme folders recursively, and the project
/// folder itself (for `book.toml` and snippets) without descending into `target/` and
/// the like.
pub fn watch_roots(config: &Config) -> Vec<(PathBuf, bool)> {
    let mut roots = vec![
        (config.project_dir.clone(), false),
        (config.src_dir.clone(), true),
    ];
    if let Some(theme) = &config.theme_dir {
        roots.push((theme.clone(), true));
    }
    for base in config
        .snippets
        .base_paths
        .iter()
        .filter(|b| !b.starts_with(&config.project_dir))
    {
        roots.push((base.clone(), true));
    }
    if let Ok(entries) = std::fs::read_dir(&config.project_dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let skip = !path.is_dir()
                || is_ignored_folder(&name)
                || name.starts_with('.')
                || path == config.src_dir
                || path == config.output_dir
                || Some(&path) == config.theme_dir.as_ref();
            if !skip {
                roots.push((path, true));
            }
        }
    }
    roots
}

/// What the watcher saw during one burst of changes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Batch {
    /// Changed paths, in the order reported.
    pub paths: Vec<PathBuf>,
    /// The watcher lost events (the kernel's queue overflowed): rescan everything.
    pub rescan: bool,
    /// Errors the watcher reported.
    pub errors: Vec<String>,
}

impl Batch {
    /// Takes in one raw event. Reads (access events, which every rebuild itself causes)
    /// are dropped; so are other events that carry no news (`Other` without `Rescan`).
    fn add(&mut self, event: notify::Result<notify::Event>) {
        match event {
            Ok(event) if event.need_rescan() => self.rescan = true,
            Ok(event) if event.kind.is_access() || event.kind.is_other() => {}
            Ok(event) => self.paths.extend(event.paths),
            Err(err) => self.errors.push(err.to_string()),
        }
    }

    fn is_empty(&self) -> bool {
        self.paths.is_empty() && !self.rescan && self.errors.is_empty()
    }
}

impl Batch {
    /// Adds what `later` saw, for the rebuild thread to take batches that queued up while
    /// it was building as one.
    pub fn merge(&mut self, later: Batch) {
        self.paths.extend(later.paths);
        self.rescan |= later.rescan;
        self.errors.extend(later.errors);
    }
}

/// Whether the platform's watcher reports a file being closed after writing (inotify
/// does), which tells when a save is complete without waiting for a quiet period.
pub const REPORTS_CLOSED_WRITES: bool = cfg!(any(target_os = "linux", target_os = "android"));

/// Files that `event` shows being written (`true`) or closed after writing (`false`).
fn writes(event: &notify::Result<notify::Event>) -> Option<(bool, &[PathBuf])> {
    use notify::event::{AccessKind, AccessMode, CreateKind, EventKind, ModifyKind};
    let event = event.as_ref().ok()?;
    match event.kind {
        EventKind::Create(CreateKind::File) | EventKind::Modify(ModifyKind::Data(_)) => {
            Some((true, &event.paths))
        }
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => Some((false, &event.paths)),
        _ => None,
    }
}

/// Groups raw watcher events into batches. A batch starts with the first event and takes
/// what is already queued; where the watcher reports closed writes it then waits only
/// while a file it saw written is still open (a save is a truncate and a write, and must
/// not be read half-done), elsewhere until `quiet` passes without an event. So a single
/// save is rebuilt with no fixed delay. A batch ends at the latest `max_wait` after it
/// began, so that a file written without pause (a log) cannot hold a rebuild back. What
/// arrives while a rebuild runs is queued, and the rebuild thread takes it as one batch.
///
/// notify-debouncer-full is not used: it reports a file only once that file has been
/// quiet for the whole timeout (a fixed delay on every save), has no maximum wait, and
/// walks the whole project at start to track file ids for rename pairing, which the
/// rebuild does not need (a rename re-lists the folders it touched). It reports an overflow
/// with the same `Rescan` event as here.
pub fn debounce(
    raw: std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    quiet: Duration,
    max_wait: Duration,
    batches: std::sync::mpsc::Sender<Batch>,
) {
    while let Ok(first) = raw.recv() {
        let started = Instant::now();
        let mut batch = Batch::default();
        let mut open_writes = BTreeSet::new();
        let mut take = |batch: &mut Batch, event: notify::Result<notify::Event>| {
            if let Some((writing, paths)) = writes(&event).filter(|_| REPORTS_CLOSED_WRITES) {
                for path in paths {
                    if writing {
                        open_writes.insert(path.clone());
                    } else {
                        open_writes.remove(path);
                    }
                }
            }
            batch.add(event);
            open_writes.is_empty()
        };
        let mut settled = take(&mut batch, first);
        loop {
            let left = max_wait.saturating_sub(started.elapsed());
            if left.is_zero() {
                break;
            }
            let wait = if settled { quiet.min(left) } else { left };
            let next = if wait.is_zero() {
                raw.try_recv().map_err(|err| match err {
                    TryRecvError::Empty => RecvTimeoutError::Timeout,
                    TryRecvError::Disconnected => RecvTimeoutError::Disconnected,
                })
            } else {
                raw.recv_timeout(wait)
            };
            match next {
                Ok(event) => settled = take(&mut batch, event),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => {
                    let _ = batches.send(batch);
                    return;
                }
            }
        }
        if !batch.is_empty() && batches.send(batch).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        let mut config = crate::config::parse(
            "[book]\ntitle = \"T\"\n[output.html]\ntheme = \"theme\"\n",
            Path::new("/p"),
        )
        .unwrap();
        config.config_file = PathBuf::from("/p/book.toml");
        config
    }

    fn paths(list: &[&str]) -> Vec<PathBuf> {
        list.iter().map(PathBuf::from).collect()
    }

    /// Issue 19: SUMMARY.md is an mdBook book's navigation, read with its configuration.
    #[test]
    fn an_mdbook_summary_reloads_the_configuration() {
        let mut config = config();
        let summary = paths(&["/p/content/SUMMARY.md"]);
        let no_files = |_: &Path| false;
        assert!(matches!(
            classify(&summary, &config, &no_files),
            Change::Content(_)
        ));
        config.mdbook = Some(Default::default());
        assert_eq!(classify(&summary, &config, &no_files), Change::Full);
    }

    #[test]
    fn bursts_become_one_batch_and_reads_are_dropped() {
        use notify::event::{AccessKind, CreateKind, Event, EventKind, ModifyKind};
        let (raw_tx, raw_rx) = std::sync::mpsc::channel();
        let (batch_tx, batch_rx) = std::sync::mpsc::channel();
        let event = |kind, path: &str| Ok(Event::new(kind).add_path(PathBuf::from(path)));
        raw_tx
            .send(event(
                EventKind::Access(AccessKind::Any),
                "/p/content/read.md",
            ))
            .unwrap();
        raw_tx
            .send(event(
                EventKind::Create(CreateKind::File),
                "/p/content/.a.md.tmp",
            ))
            .unwrap();
        raw_tx
            .send(event(EventKind::Modify(ModifyKind::Any), "/p/content/a.md"))
            .unwrap();
        drop(raw_tx);
        debounce(
            raw_rx,
            Duration::from_millis(20),
            Duration::from_secs(5),
            batch_tx,
        );
        let batches: Vec<Batch> = batch_rx.iter().collect();
        assert_eq!(
            batches,
            vec![Batch {
                paths: paths(&["/p/content/.a.md.tmp", "/p/content/a.md"]),
                ..Batch::default()
            }]
        );
    }

    /// Issue 21: every save waited a fixed quiet period. With none, a save still is one
    /// batch: the batch waits for the file's close after writing, however long the writer
    /// takes between its truncate and its write, and not for anything after that.
    #[test]
    fn a_save_is_one_batch_that_ends_when_the_file_is_closed() {
        use notify::event::{AccessKind, AccessMode, DataChange, Event, EventKind, ModifyKind};
        let (raw_tx, raw_rx) = std::sync::mpsc::channel();
        let (batch_tx, batch_rx) = std::sync::mpsc::channel();
        let debouncer = std::thread::spawn(move || {
            debounce(raw_rx, Duration::ZERO, Duration::from_secs(5), batch_tx)
        });
        let event = |kind| Ok(Event::new(kind).add_path(PathBuf::from("/p/content/a.md")));
        let written = || event(EventKind::Modify(ModifyKind::Data(DataChange::Any)));
        let closed = || event(EventKind::Access(AccessKind::Close(AccessMode::Write)));
        for _save in 0..2 {
            raw_tx.send(written()).unwrap();
            std::thread::sleep(Duration::from_millis(100));
            raw_tx.send(written()).unwrap();
            raw_tx.send(closed()).unwrap();
            let batch = batch_rx.recv().unwrap();
            assert_eq!(batch.paths, paths(&["/p/content/a.md", "/p/content/a.md"]));
        }
        drop(raw_tx);
        debouncer.join().unwrap();
        assert!(batch_rx.try_recv().is_err(), "one batch per save");
    }

    /// Issue 14, item 9: a file written every 5 ms held a content edit back for 18 s.
    #[test]
    fn a_busy_file_cannot_hold_a_batch_back() {
        use notify::event::{Event, EventKind, ModifyKind};
        let (raw_tx, raw_rx) = std::sync::mpsc::channel();
        let (batch_tx, batch_rx) = std::sync::mpsc::channel();
        let debouncer = std::thread::spawn(move || {
            debounce(
                raw_rx,
                Duration::from_millis(50),
                Duration::from_millis(200),
                batch_tx,
            )
        });
        let started = Instant::now();
        let mut first_batch = None;
        // Events every 5 ms, for at most 10 s, until a batch comes out.
        while started.elapsed() < Duration::from_secs(10) {
            let event =
                Event::new(EventKind::Modify(ModifyKind::Any)).add_path("/p/build.log".into());
            raw_tx.send(Ok(event)).unwrap();
            if let Ok(batch) = batch_rx.try_recv() {
                first_batch = Some((batch, started.elapsed()));
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        drop(raw_tx);
        debouncer.join().unwrap();
        let (batch, after) = first_batch.expect("no batch while events kept coming");
        assert!(!batch.paths.is_empty());
        assert!(
            after < Duration::from_secs(5),
            "the first batch came after {after:?}"
        );
    }

    /// Issue 22: an overflowing kernel queue (`Other` with `Rescan`) and watcher errors
    /// were dropped.
    #[test]
    fn overflows_and_errors_reach_the_rebuild() {
        use notify::event::{Event, EventKind, Flag};
        let (raw_tx, raw_rx) = std::sync::mpsc::channel();
        let (batch_tx, batch_rx) = std::sync::mpsc::channel();
        raw_tx
            .send(Ok(Event::new(EventKind::Other).set_flag(Flag::Rescan)))
            .unwrap();
        raw_tx
            .send(Err(notify::Error::generic("inotify watch limit reached")))
            .unwrap();
        raw_tx.send(Ok(Event::new(EventKind::Other))).unwrap();
        drop(raw_tx);
        debounce(
            raw_rx,
            Duration::from_millis(20),
            Duration::from_secs(5),
            batch_tx,
        );
        let batches: Vec<Batch> = batch_rx.iter().collect();
        assert_eq!(batches.len(), 1, "{batches:?}");
        assert!(batches[0].rescan);
        assert!(batches[0].paths.is_empty());
        assert_eq!(batches[0].errors.len(), 1);
        assert!(batches[0].errors[0].contains("inotify watch limit reached"));
    }

    #[test]
    fn content_edits_are_incremental() {
        let change = classify(
            &paths(&["/p/content/a.md", "/p/content/img/x.png"]),
            &config(),
            &|_| false,
        );
        assert_eq!(
            change,
            Change::Content(BTreeSet::from([
                PathBuf::from("/p/content/a.md"),
                PathBuf::from("/p/content/img/x.png")
            ]))
        );
    }

    #[test]
    fn config_theme_and_snippets_rebuild_everything() {
        let included = |path: &Path| path == Path::new("/p/snippets/glossary.md");
        for path in [
            "/p/book.toml",
            "/p/theme/templates/page.html",
            "/p/snippets/glossary.md",
        ] {
            assert_eq!(
                classify(&paths(&[path, "/p/content/a.md"]), &config(), &included),
                Change::Full,
                "{path}"
            );
        }
    }

    /// Issue 14, item 9: any file of the project used to count.
    #[test]
    fn files_the_site_is_not_built_from_are_ignored() {
        let included = |path: &Path| path == Path::new("/p/CHANGELOG.md");
        let ignored = paths(&["/p/build.log", "/p/logs/app.log", "/p/notes/todo.md"]);
        assert_eq!(classify(&ignored, &config(), &included), Change::Nothing);
        assert_eq!(trigger(&ignored, &config(), &included), None);
        let mut changed = ignored.clone();
        changed.push(PathBuf::from("/p/CHANGELOG.md"));
        assert_eq!(classify(&changed, &config(), &included), Change::Full);
        assert_eq!(
            trigger(&changed, &config(), &included).as_deref(),
            Some("CHANGELOG.md changed")
        );
        let edits = paths(&[
            "/p/build.log",
            "/p/content/b.md",
            "/p/content/a.md",
            "/p/content/a.md",
        ]);
        assert_eq!(
            trigger(&edits, &config(), &included).as_deref(),
            Some("content/a.md and 1 other file changed")
        );
    }

    #[test]
    fn snippet_folders_outside_the_project_rebuild_everything() {
        let mut config = config();
        config
            .snippets
            .base_paths
            .push(PathBuf::from("/shared/snippets"));
        assert_eq!(
            classify(&paths(&["/shared/snippets/glossary.md"]), &config, &|_| {
                false
            }),
            Change::Full
        );
        assert!(watch_roots(&config).contains(&(PathBuf::from("/shared/snippets"), true)));
    }

    #[test]
    fn temp_files_and_the_output_are_ignored() {
        let ignored = [
            "/p/site/index.html",
            "/p/content/.a.md.swp",
            "/p/content/a.md~",
            "/p/content/4913",
            "/p/content/#a.md#",
            "/p/content/.git/index",
            "/p/target/debug/x",
            "/elsewhere/file.md",
        ];
        assert_eq!(
            classify(&paths(&ignored), &config(), &|_| true),
            Change::Nothing
        );
    }
}
