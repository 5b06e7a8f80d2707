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
    /// The pipeline's memo of each site: the project's, or each language's.
    memos: Vec<Memo>,
    /// The pages re-read since the last build when nothing else changed: the memo's
    /// site model may serve again with their new sources (see [`pipeline::run_edited`]).
    edited: Option<Vec<String>>,
    /// What reading `.meta.yml`, `.pages` and the blog's authors found at the last full build.
    load_problems: Vec<Diagnostic>,
    files_read: usize,
    /// How many times the whole content folder was listed.
    full_walks: usize,
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
            memos: Vec::new(),
            edited: None,
            load_problems: Vec::new(),
            files_read: 0,
            full_walks: 0,
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
        self.failed
            || canonical.is_some_and(|path| self.memos.iter().any(|memo| memo.included(&path)))
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
        for file in self.files.values() {
            diagnostics.extend(file.problems.iter().cloned());
        }
        // A translated project's sites are each built again, from their memos.
        let edited = self.edited.take().filter(|_| self.config.i18n.is_none());
        if let (Some(edited), Some(memo)) = (edited, self.memos.first_mut()) {
            let mut sources: Vec<Source> = edited
                .iter()
                .filter_map(|rel_path| self.files.get(rel_path)?.source.clone())
                .collect();
            if sources.len() == edited.len() {
                // Their `.meta.yml` defaults, as below; what is wrong in those files is
                // among `load_problems` already.
                load::meta::apply(&self.config, &mut sources);
                let mut diagnostics = diagnostics.clone();
                diagnostics.extend(self.load_problems.iter().cloned());
                let outlets = pipeline::Outlets::default();
                if let Some(result) =
                    pipeline::run_edited(sources, theme, diagnostics, memo, outlets)
                {
                    return result;
                }
            }
        }
        let mut sources: Vec<Source> = self
            .files
            .values()
            .filter_map(|file| file.source.clone())
            .collect();
        // Small, and hidden from the watcher's content walk: read at every full build.
        let mut load_problems = load::meta::apply(&self.config, &mut sources);
        let (authors, problems) = load::authors::read(&self.config);
        load_problems.extend(problems);
        let (pages_files, problems) = load::pages_files::read(&self.config, &sources);
        load_problems.extend(problems);
        diagnostics.extend(load_problems.iter().cloned());
        self.load_problems = load_problems;
        let loaded = Loaded {
            sources,
            static_files: self.static_files.clone(),
            authors,
            pages_files,
        };
        let sites = crate::languages::sites(self.config.clone(), loaded);
        self.memos.resize_with(sites.len(), Memo::default);
        let built = sites
            .into_iter()
            .zip(&mut self.memos)
            .map(|(site, memo)| {
                site.build(
                    theme,
                    &diagnostics,
                    Some(memo),
                    &(),
                    pipeline::Outlets::default(),
                )
            })
            .collect();
        crate::languages::merge(built)
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

    /// Re-reads the files in `changed` when each of them is a page or file the session
    /// already knows and still exists (an edit); otherwise lists again the folders that
    /// hold them, or (when that cannot be done, and when `changed` is `None`) the whole
    /// content folder, and reads what is new or changed, forgetting what is gone.
    fn refresh_content(&mut self, changed: Option<&BTreeSet<PathBuf>>) {
        self.edited = changed.and_then(|changed| self.reread_known(changed));
        if self.edited.is_some() {
            return;
        }
        if let Some(changed) = changed {
            if let Some(listings) = self.list_folders_of(changed) {
                self.take_in(changed, listings);
                return;
            }
        }
        let (listing, walk_problems) = load::walk(&self.config);
        self.full_walks += 1;
        self.walk_problems = walk_problems;
        // What is not listed any more is gone.
        let mut before = std::mem::take(&mut self.files);
        let mut files = BTreeMap::new();
        let reread = |path: &Path| changed.is_none_or(|changed| changed.contains(path));
        self.take_listed(listing.markdown, &mut before, reread, &mut files);
        self.files = files;
        self.static_files = listing.static_files;
    }

    /// Puts the pages of a listing `into` the session's files: each as it was read before
    /// (taken out of `before`) unless `reread` says its file changed, else read afresh.
    fn take_listed(
        &mut self,
        pages: Vec<(String, PathBuf)>,
        before: &mut BTreeMap<String, ReadFile>,
        reread: impl Fn(&Path) -> bool,
        into: &mut BTreeMap<String, ReadFile>,
    ) {
        for (rel_path, abs_path) in pages {
            let file = match before.remove(&rel_path) {
                Some(file) if !reread(&abs_path) => file,
                _ => self.read(&rel_path, &abs_path),
            };
            into.insert(rel_path, file);
        }
    }

    /// The listings of the folders `changed` touched: the folder that holds each path and
    /// everything in a folder that appeared. `None` when one of them is not a folder the
    /// whole walk lists, or a listing finds a problem (a link that leads outside), or the
    /// last walk found one: then the whole content folder is listed, as its problems are
    /// reported for the whole walk.
    fn list_folders_of(&self, changed: &BTreeSet<PathBuf>) -> Option<Vec<FolderListing>> {
        if !self.walk_problems.is_empty() {
            return None;
        }
        // Each folder once, however many of its files changed.
        let mut listings = BTreeSet::new();
        for path in changed {
            let rel_path = load::relative_slash_path(path, &self.config.src_dir)?;
            if rel_path.is_empty() {
                return None;
            }
            if path.is_dir() {
                listings.insert((rel_path, true, path.as_path()));
            }
            let parent = path.parent()?;
            let parent_rel = load::relative_slash_path(parent, &self.config.src_dir)?;
            listings.insert((parent_rel, false, parent));
        }
        listings
            .into_iter()
            .map(|(folder, whole, path)| {
                let (listing, problems) = load::walk_folder(&self.config, path, whole)?;
                problems.is_empty().then_some(FolderListing {
                    folder,
                    whole,
                    listing,
                })
            })
            .collect()
    }

    /// Replaces what the session knows of each listed folder by its listing, and forgets
    /// what was under a changed path that is gone. A page it knew is read again only when
    /// it is among the `changed` paths.
    fn take_in(&mut self, changed: &BTreeSet<PathBuf>, listings: Vec<FolderListing>) {
        let mut known = std::mem::take(&mut self.files);
        for path in changed.iter().filter(|path| !path.exists()) {
            if let Some(gone) = load::relative_slash_path(path, &self.config.src_dir) {
                known.retain(|rel_path, _| !under(rel_path, &gone, true));
                self.static_files
                    .retain(|file| !under(&file.rel_path, &gone, true));
            }
        }
        for FolderListing {
            folder,
            whole,
            listing,
        } in listings
        {
            let listed = |rel_path: &str| under(rel_path, &folder, whole);
            // What the session knew of the folder; what the listing no longer has is gone.
            let mut before: BTreeMap<_, _> = known
                .extract_if(.., |rel_path, _| listed(rel_path))
                .collect();
            self.static_files.retain(|file| !listed(&file.rel_path));
            let reread = |path: &Path| changed.contains(path);
            self.take_listed(listing.markdown, &mut before, reread, &mut known);
            self.static_files.extend(listing.static_files);
        }
        // In the order the whole walk lists them (a folder's files before `folder.png`).
        self.static_files
            .sort_by(|a, b| Path::new(&a.rel_path).cmp(Path::new(&b.rel_path)));
        self.files = known;
    }

    /// Re-reads the changed pages without listing the folder, when every path in
    /// `changed` is a known page or static file that is still there; returns the pages
    /// re-read, or `None` when it could not (a created, removed or renamed file needs
    /// the listing).
    fn reread_known(&mut self, changed: &BTreeSet<PathBuf>) -> Option<Vec<String>> {
        let mut pages = Vec::new();
        for path in changed {
            let rel_path = load::relative_slash_path(path, &self.config.src_dir)?;
            let known_page = self.files.contains_key(&rel_path);
            let known_file = || self.static_files.iter().any(|f| f.rel_path == rel_path);
            if !path.is_file() || !(known_page || known_file()) {
                return None;
            }
            if known_page {
                pages.push((rel_path, path));
            }
        }
        Some(
            pages
                .into_iter()
                .map(|(rel_path, path)| {
                    let file = self.read(&rel_path, path);
                    self.files.insert(rel_path.clone(), file);
                    rel_path
                })
                .collect(),
        )
    }

    fn read(&mut self, rel_path: &str, abs_path: &Path) -> ReadFile {
        self.files_read += 1;
        let (source, problems) = load::read_source(rel_path, abs_path, &self.config);
        ReadFile { source, problems }
    }

    /// How many content files the session has read since it opened (each page read
    /// counts once): an edit should add only the files it touched.
    pub fn files_read(&self) -> usize {
        self.files_read
    }

    /// How many times the session has listed the whole content folder (once when it
    /// opened): a file created, removed or renamed should list only its own folder.
    pub fn full_walks(&self) -> usize {
        self.full_walks
    }
}

/// One folder of the content listed again: its files, or (`whole`) everything under it.
struct FolderListing {
    folder: String,
    whole: bool,
    listing: load::Listing,
}

/// Whether `rel_path` is in `folder` (`""`: the content folder): directly, or anywhere
/// under it when `whole`; a path is under itself when `whole`.
fn under(rel_path: &str, folder: &str, whole: bool) -> bool {
    let rest = if folder.is_empty() {
        Some(rel_path)
    } else if whole && rel_path == folder {
        return true;
    } else {
        rel_path
            .strip_prefix(folder)
            .and_then(|rest| rest.strip_prefix('/'))
    };
    rest.is_some_and(|rest| whole || !rest.contains('/'))
}

/// The largest guide whose printable page the preview makes (at every save: about 14 ms
/// per 1,000 pages, against a reload budget of 30 ms at 1,000 and 50 ms at 10,000 pages).
pub const PREVIEW_PRINT_MAX_PAGES: usize = 1_000;

/// The project's configuration as the preview uses it: drafts (`draft_docs`) included,
/// the printable guide only for guides of up to [`PREVIEW_PRINT_MAX_PAGES`].
fn preview_config(project_dir: &Path, config_file: Option<&Path>) -> Result<Config, Failure> {
    let mut config = load_config_from(project_dir, config_file)?;
    config.include_drafts = true;
    config.print_max_pages = Some(PREVIEW_PRINT_MAX_PAGES);
    Ok(config)
}
