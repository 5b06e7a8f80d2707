//! A preview session: the project's configuration, theme and sources kept in memory
//! between rebuilds, so that an edit re-reads only the files that changed and the
//! pipeline's memo re-renders only the pages the edit affects.

use super::watch::Change;
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{self, Loaded, Source, StaticFile};
use crate::pipeline::{self, Memo};
use crate::render::theme::{self, Theme};
use crate::{load_config_from, Built, Failure};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One Markdown file as last read: its source (if it could be read) and its problems.
struct ReadFile {
    source: Option<Source>,
    problems: Vec<Diagnostic>,
}

pub struct Session {
    project_dir: PathBuf,
    config_file: Option<PathBuf>,
    config: Config,
    theme: Result<Theme, Diagnostics>,
    files: BTreeMap<String, ReadFile>,
    static_files: Vec<StaticFile>,
    walk_problems: Diagnostics,
    memo: Memo,
    /// Whether the last build failed.
    failed: bool,
}

impl Session {
    /// Loads the project; fails only when its configuration cannot be read.
    pub fn open(project_dir: &Path, config_file: Option<PathBuf>) -> Result<Session, Failure> {
        let config = preview_config(project_dir, config_file.as_deref())?;
        let mut session = Session {
            project_dir: project_dir.to_path_buf(),
            config_file,
            theme: theme::load(config.theme_dir.as_deref()),
            config,
            files: BTreeMap::new(),
            static_files: Vec::new(),
            walk_problems: Diagnostics::new(),
            memo: Memo::default(),
            failed: false,
        };
        session.refresh_content(None);
        Ok(session)
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Whether `path`, outside the content and theme folders, is a file the site is built
    /// from: a snippet that a page included. While the build fails, any file may be the
    /// one it misses.
    pub fn is_other_input(&self, path: &Path) -> bool {
        // Included files are known by their canonical path; a removed one by its folder's.
        let canonical = path.canonicalize().ok().or_else(|| {
            let folder = path.parent()?.canonicalize().ok()?;
            Some(folder.join(path.file_name()?))
        });
        self.failed || canonical.is_some_and(|path| self.memo.included(&path))
    }

    /// Builds the site as it is now in memory.
    pub fn build(&mut self) -> Result<Built, Failure> {
        let result = self.build_now();
        self.failed = result.is_err();
        result
    }

    fn build_now(&mut self) -> Result<Built, Failure> {
        let theme = match &self.theme {
            Ok(theme) => theme,
            Err(problems) => return Err(Failure::Content(problems.clone())),
        };
        let mut diagnostics = self.walk_problems.clone();
        let mut sources = Vec::with_capacity(self.files.len());
        for file in self.files.values() {
            diagnostics.extend(file.problems.iter().cloned());
            if let Some(source) = file.source.as_ref() {
                sources.push(source.clone());
            }
        }
        // Small, and hidden from the watcher's content walk: read at every build.
        diagnostics.extend(crate::load::meta::apply(&self.config, &mut sources));
        let (authors, problems) = crate::load::authors::read(&self.config);
        diagnostics.extend(problems);
        let (pages_files, problems) = crate::load::pages_files::read(&self.config, &sources);
        diagnostics.extend(problems);
        let loaded = Loaded {
            sources,
            static_files: self.static_files.clone(),
            authors,
            pages_files,
        };
        pipeline::run(
            self.config.clone(),
            theme,
            loaded,
            diagnostics,
            Some(&mut self.memo),
            &(),
            pipeline::Outlets::default(),
        )
    }

    /// Takes in a change seen by the watcher and rebuilds.
    pub fn apply(&mut self, change: &Change) -> Result<Built, Failure> {
        match change {
            Change::Nothing => {}
            Change::Content(paths) => self.refresh_content(Some(paths)),
            Change::Full => {
                // A broken book.toml keeps the last good configuration; report the error.
                self.config = preview_config(&self.project_dir, self.config_file.as_deref())
                    .inspect_err(|_| self.failed = true)?;
                self.theme = theme::load(self.config.theme_dir.as_deref());
                self.refresh_content(None);
            }
        }
        self.build()
    }

    /// Re-lists the content folder and reads what is new, or in `changed` (everything
    /// when `changed` is `None`); forgets files that are gone.
    fn refresh_content(&mut self, changed: Option<&BTreeSet<PathBuf>>) {
        let (listing, walk_problems) = load::walk(&self.config);
        self.walk_problems = walk_problems;
        let mut files = BTreeMap::new();
        for (rel_path, abs_path) in listing.markdown {
            let reread = changed.is_none_or(|changed| changed.contains(&abs_path));
            let file = match self.files.remove(&rel_path) {
                Some(file) if !reread => file,
                _ => {
                    let (source, problems) =
                        load::read_source(&rel_path, &abs_path, &self.config.project_dir);
                    ReadFile { source, problems }
                }
            };
            files.insert(rel_path, file);
        }
        self.files = files;
        self.static_files = listing.static_files;
    }
}

/// The project's configuration as the preview uses it: drafts (`draft_docs`) included.
fn preview_config(project_dir: &Path, config_file: Option<&Path>) -> Result<Config, Failure> {
    let mut config = load_config_from(project_dir, config_file)?;
    config.include_drafts = true;
    Ok(config)
}
