//! The preview's rebuild thread: takes the watcher's batches, rebuilds and publishes;
//! watches folders again when they were removed and restored or replaced (`rm -rf`, `mv`,
//! `git checkout`), which ends their old watch; tells the terminal and the browsers when
//! watching fails; and retries a build that failed for want of file descriptors.

use super::indexer::Indexer;
use super::session::Session;
use super::watch::{self, Batch, Change};
use super::{http::Shared, publish, ServeOptions};
use crate::Failure;
use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How often a build that ran out of file descriptors is tried again.
const RETRY: Duration = Duration::from_secs(1);

/// The watcher, shared with [`super::Server`], which drops it to stop watching.
pub type SharedWatcher = Arc<Mutex<Option<RecommendedWatcher>>>;

pub struct Rebuilder {
    pub session: Session,
    pub shared: Arc<Shared>,
    pub options: ServeOptions,
    pub indexer: Indexer,
    pub watcher: SharedWatcher,
    /// Why each folder that should be watched is not.
    unwatched: BTreeMap<PathBuf, String>,
    /// The last error the watcher reported, until a change is seen and built again.
    watcher_error: Option<String>,
}

impl Rebuilder {
    pub fn new(
        session: Session,
        shared: Arc<Shared>,
        options: ServeOptions,
        indexer: Indexer,
        watcher: SharedWatcher,
    ) -> Rebuilder {
        Rebuilder {
            session,
            shared,
            options,
            indexer,
            watcher,
            unwatched: BTreeMap::new(),
            watcher_error: None,
        }
    }

    /// Watches every folder the site is built from, reporting those that cannot be.
    pub fn watch_all(&mut self) {
        for (root, recursive) in watch::watch_roots(self.session.config()) {
            if root.exists() {
                self.watch(&root, recursive);
            }
        }
        self.show_watch_problems();
    }

    /// Rebuilds for every batch until the watcher and [`super::Server`] stop sending.
    pub fn run(mut self, batches: Receiver<Batch>) {
        let mut retry = false;
        loop {
            let next = if retry {
                batches.recv_timeout(RETRY)
            } else {
                batches.recv().map_err(|_| RecvTimeoutError::Disconnected)
            };
            retry = match next {
                Ok(mut batch) => {
                    // What was saved while the last rebuild ran is built at once, together.
                    while let Ok(later) = batches.try_recv() {
                        batch.merge(later);
                    }
                    self.handle(&batch, false)
                }
                Err(RecvTimeoutError::Timeout) => self.handle(&Batch::default(), true),
                Err(RecvTimeoutError::Disconnected) => return,
            };
        }
    }

    /// Rebuilds for one batch (or, with `retry`, everything); returns whether the build
    /// ran out of file descriptors and should be tried again.
    fn handle(&mut self, batch: &Batch, retry: bool) -> bool {
        for error in &batch.errors {
            eprintln!("error: the file watcher failed: {error}");
            self.watcher_error = Some(format!("the file watcher failed: {error}"));
        }
        let rewatched = self.rewatch(batch);
        // Events may have been lost: during an overflow, an error, or while a folder was
        // not watched. Only reading everything again is sure to be up to date.
        let lost_events = batch.rescan || !batch.errors.is_empty() || rewatched;
        let session = &self.session;
        let other_input = |path: &Path| session.is_other_input(path);
        let change = if retry || lost_events {
            Change::Full
        } else {
            watch::classify(&batch.paths, session.config(), &other_input)
        };
        if change == Change::Nothing {
            self.show_watch_problems();
            return false;
        }
        let trigger = if retry {
            "retried once file descriptors were free".to_string()
        } else if batch.rescan {
            "the file watcher missed changes (its queue overflowed): rescanned".to_string()
        } else {
            watch::trigger(&batch.paths, session.config(), &other_input)
                .unwrap_or_else(|| "the project changed".to_string())
        };
        let started = Instant::now();
        let result = self.session.apply(&change);
        let out_of_descriptors = result.as_ref().is_err_and(out_of_descriptors);
        if result.is_ok() && batch.errors.is_empty() {
            // A change seen and built: the watcher works again.
            self.watcher_error = None;
        }
        publish(
            &self.shared,
            &self.session,
            result,
            &self.options,
            &self.indexer,
            started,
            Some(&trigger),
        );
        if out_of_descriptors {
            eprintln!(
                "the process ran out of file descriptors: the build is tried again every second"
            );
        }
        self.show_watch_problems();
        out_of_descriptors
    }

    /// Watches again the folders that `batch` names (created, or renamed into place),
    /// those that could not be watched before, and after lost events all of them. Returns
    /// whether any watch was made.
    fn rewatch(&mut self, batch: &Batch) -> bool {
        let everything = batch.rescan || !batch.errors.is_empty();
        let mut rewatched = false;
        for (root, recursive) in watch::watch_roots(self.session.config()) {
            let due =
                everything || batch.paths.contains(&root) || self.unwatched.contains_key(&root);
            if due && root.exists() {
                rewatched |= self.watch(&root, recursive);
            }
        }
        rewatched
    }

    /// Watches `root`; says so in the terminal when it cannot. Returns whether it can.
    fn watch(&mut self, root: &Path, recursive: bool) -> bool {
        let mut guard = self
            .watcher
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let Some(watcher) = guard.as_mut() else {
            return false;
        };
        let mode = if recursive {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        // The watch of a folder that was replaced may linger, pointing at the old one.
        let _ = watcher.unwatch(root);
        match watcher.watch(root, mode) {
            Ok(()) => {
                self.unwatched.remove(root);
                true
            }
            Err(err) => {
                let message = format!("cannot watch {}: {err}", root.display());
                if self.unwatched.get(root) != Some(&message) {
                    eprintln!("error: {message}; changes there will not show until `waymark serve` is restarted");
                }
                self.unwatched.insert(root.to_path_buf(), message);
                false
            }
        }
    }

    fn show_watch_problems(&self) {
        let problems: Vec<&str> = self
            .unwatched
            .values()
            .chain(&self.watcher_error)
            .map(String::as_str)
            .collect();
        self.shared
            .set_watch_problem((!problems.is_empty()).then(|| problems.join("\n")));
    }
}

/// Whether a build failed because the process (or the system) ran out of file descriptors,
/// which passes once connections or other programs close theirs.
pub fn out_of_descriptors(failure: &Failure) -> bool {
    let text = failure.diagnostics().render();
    [libc::EMFILE, libc::ENFILE]
        .into_iter()
        .any(|code| text.contains(&std::io::Error::from_raw_os_error(code).to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostic;

    #[test]
    fn builds_that_ran_out_of_descriptors_are_recognised() {
        let failure = |message: String| Failure::Setup(Diagnostic::error(message));
        let emfile = std::io::Error::from_raw_os_error(libc::EMFILE);
        assert!(out_of_descriptors(&failure(format!(
            "cannot read: {emfile}"
        ))));
        let missing = std::io::Error::from_raw_os_error(libc::ENOENT);
        assert!(!out_of_descriptors(&failure(format!(
            "cannot read: {missing}"
        ))));
        assert!(!out_of_descriptors(&failure("broken link `a.md`".into())));
    }
}
