//! What a batch of file-system events means for the preview: nothing, some content files
//! changed, or everything must be rebuilt. A pure function, so it is tested without a watcher.

use crate::config::Config;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

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
pub fn classify(paths: &[PathBuf], config: &Config) -> Change {
    paths.iter().fold(Change::Nothing, |change, path| {
        change.merge(classify_one(path, config))
    })
}

fn classify_one(path: &Path, config: &Config) -> Change {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if path.starts_with(&config.output_dir) || is_editor_temp(name) {
        return Change::Nothing;
    }
    if path == config.config_file {
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
    // Snippet folders inside the project are covered by the project rule.
    let in_snippet_folder = config
        .snippets
        .base_paths
        .iter()
        .any(|base| !base.starts_with(&config.project_dir) && path.starts_with(base));
    if in_snippet_folder
        || path.starts_with(&config.project_dir) && !in_ignored_folder(&config.project_dir)
    {
        // Snippets and other included files live beside the content.
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

/// Groups raw watcher events into batches: a batch ends once `quiet` has passed without a
/// new event, so an editor's write-temp-then-rename save, or a burst of saves, is one
/// rebuild. Reads (access events, which every rebuild itself causes) are dropped.
pub fn debounce(
    raw: std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    quiet: std::time::Duration,
    batches: std::sync::mpsc::Sender<Vec<PathBuf>>,
) {
    let relevant = |event: notify::Result<notify::Event>| match event {
        Ok(event) if !event.kind.is_access() && !event.kind.is_other() => event.paths,
        _ => Vec::new(),
    };
    while let Ok(first) = raw.recv() {
        let mut batch = relevant(first);
        loop {
            match raw.recv_timeout(quiet) {
                Ok(event) => batch.extend(relevant(event)),
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => break,
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
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
        debounce(raw_rx, std::time::Duration::from_millis(20), batch_tx);
        let batches: Vec<Vec<PathBuf>> = batch_rx.iter().collect();
        assert_eq!(
            batches,
            vec![paths(&["/p/content/.a.md.tmp", "/p/content/a.md"])]
        );
    }

    #[test]
    fn content_edits_are_incremental() {
        let change = classify(
            &paths(&["/p/content/a.md", "/p/content/img/x.png"]),
            &config(),
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
        for path in [
            "/p/book.toml",
            "/p/theme/templates/page.html",
            "/p/snippets/glossary.md",
        ] {
            assert_eq!(
                classify(&paths(&[path, "/p/content/a.md"]), &config()),
                Change::Full,
                "{path}"
            );
        }
    }

    #[test]
    fn snippet_folders_outside_the_project_rebuild_everything() {
        let mut config = config();
        config
            .snippets
            .base_paths
            .push(PathBuf::from("/shared/snippets"));
        assert_eq!(
            classify(&paths(&["/shared/snippets/glossary.md"]), &config),
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
        assert_eq!(classify(&paths(&ignored), &config()), Change::Nothing);
    }
}
