//! Loading: walks the content folder, reads every page in parallel and splits its
//! front-matter. The only stage that reads content from disk.

pub mod authors;
pub mod frontmatter;
pub mod lines;
pub mod meta;
pub mod notebook;
pub mod pages_files;

use crate::config::Config;
use crate::diag::{display_path, Diagnostic, Diagnostics};
use frontmatter::FrontMatter;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One Markdown page as read from disk (or a notebook, as the Markdown it stands for).
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to the content folder, with `/` separators (e.g. `guide/setup.md`):
    /// the page's path in the site it is built for.
    pub rel_path: String,
    /// The file's own path relative to the content folder when the page is built at
    /// another one: in a translated site, `fr/guide/setup.md` is the French site's
    /// `guide/setup.md` (see [`crate::languages`]).
    pub origin: Option<Arc<str>>,
    /// Path shown in diagnostics (relative to the project folder).
    pub display_path: PathBuf,
    /// The file's text without a byte-order mark; shared, so that the preview keeps one
    /// copy however many builds use it.
    pub text: Arc<str>,
    /// Byte offset of the Markdown body in `text`.
    pub body_offset: usize,
    pub front: FrontMatter,
}

impl Source {
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }

    /// The file's path relative to the content folder: what its includes start from,
    /// what git and the edit link know it by.
    pub fn file_path(&self) -> &str {
        self.origin.as_deref().unwrap_or(&self.rel_path)
    }

    /// Whether the page is a notebook (mkdocs-jupyter), whose text was made from its cells.
    pub fn is_notebook(&self) -> bool {
        crate::config::jupyter::has_notebook_extension(&self.rel_path)
    }
}

/// A file under the content folder that is copied to the output as it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct StaticFile {
    pub rel_path: String,
    pub abs_path: PathBuf,
}

/// Everything found under the content folder.
#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: Vec<Source>,
    pub static_files: Vec<StaticFile>,
    /// The blog's authors (Material's blog plugin), by key.
    pub authors: std::collections::BTreeMap<String, authors::Author>,
    /// The folders' `.pages` files (awesome-pages), by folder.
    pub pages_files: std::collections::BTreeMap<String, pages_files::PagesFile>,
}

/// The files under the content folder, without reading them.
#[derive(Debug, Default)]
pub struct Listing {
    /// Pages, Markdown files and notebooks: (path relative to the content folder,
    /// absolute path).
    pub markdown: Vec<(String, PathBuf)>,
    pub static_files: Vec<StaticFile>,
}

/// Lists the content folder (hidden files and the output folder excluded), sorted by path.
pub fn walk(config: &Config) -> (Listing, Diagnostics) {
    walk_from(config, &config.src_dir, None)
}

/// Lists one folder of the content as [`walk`] would list it: its files only, or (with
/// `whole`) everything under it. `None` when the full walk would not list that folder
/// (hidden, left out, reached through a symbolic link or not in the content at all).
pub fn walk_folder(config: &Config, folder: &Path, whole: bool) -> Option<(Listing, Diagnostics)> {
    let rel_path = relative_slash_path(folder, &config.src_dir)?;
    // The walk from the content folder would have entered every folder on the way.
    let mut on_the_way = String::new();
    for part in rel_path.split('/').filter(|part| !part.is_empty()) {
        if !on_the_way.is_empty() {
            on_the_way.push('/');
        }
        on_the_way.push_str(part);
        if is_hidden(std::ffi::OsStr::new(part)) || left_out_path(config, &on_the_way, true) {
            return None;
        }
    }
    // A symbolic link on the way would escape the walk's checks of where links lead.
    let real = folder.canonicalize().ok()?;
    let src = config.src_dir.canonicalize().ok()?;
    if real != src.join(folder.strip_prefix(&config.src_dir).ok()?) {
        return None;
    }
    Some(walk_from(config, folder, (!whole).then_some(1)))
}

fn walk_from(config: &Config, root: &Path, max_depth: Option<usize>) -> (Listing, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let mut listing = Listing::default();
    let src = &config.src_dir;
    if !src.is_dir() {
        let shown = display_path(src, &config.project_dir);
        let (problem, hint) = if src.exists() {
            (
                format!("content folder `{}` is not a folder", shown.display()),
                "move the file aside and create the folder, or set `src` in the [book] table of book.toml",
            )
        } else {
            (
                format!("content folder `{}` does not exist", shown.display()),
                "create it, or set `src` in the [book] table of book.toml",
            )
        };
        diagnostics.push(
            Diagnostic::error(problem)
                .in_file(config.display_file())
                .with_hint(hint),
        );
        return (listing, diagnostics);
    }
    let allowed = AllowedTargets::of(config);
    let output = config.output_dir.canonicalize().ok();
    let mut refused = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .max_depth(max_depth.unwrap_or(usize::MAX))
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            if entry.depth() > 0 && (is_hidden(entry.file_name()) || left_out(config, entry)) {
                return false;
            }
            if let Err(problem) = allowed.check(entry, &config.project_dir) {
                refused.push(problem);
                return false;
            }
            if let Some(skipped) = output.as_deref().and_then(|out| in_output(entry, out)) {
                refused.push(skipped.in_file(display_path(entry.path(), &config.project_dir)));
                return false;
            }
            true
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                diagnostics.push(walk_error(&err, &config.project_dir));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Some(rel_path) = relative_slash_path(entry.path(), src) else {
            continue;
        };
        let notebook =
            |notebooks: &crate::config::jupyter::Notebooks| notebooks.is_notebook(&rel_path);
        if rel_path.ends_with(".md") || config.notebooks.as_ref().is_some_and(notebook) {
            listing.markdown.push((rel_path, entry.into_path()));
        } else {
            listing.static_files.push(StaticFile {
                rel_path,
                abs_path: entry.into_path(),
            });
        }
    }
    diagnostics.extend(refused);
    (listing, diagnostics)
}

/// Where symbolic links in the content may lead: the project folder and the folders the
/// configuration allows. Anything else (`/etc/passwd`, `~/.ssh`, `/proc/self/environ`)
/// would be published, so it is never read.
struct AllowedTargets {
    roots: Vec<PathBuf>,
}

impl AllowedTargets {
    fn of(config: &Config) -> AllowedTargets {
        let roots = std::iter::once(&config.project_dir)
            .chain(&config.allowed_outside)
            .filter_map(|folder| folder.canonicalize().ok())
            .collect();
        AllowedTargets { roots }
    }

    /// An error at the link when `entry` is a symbolic link whose real path is outside
    /// every allowed folder. Every component is resolved, so a link to a link is judged
    /// by where it finally leads.
    fn check(&self, entry: &walkdir::DirEntry, project_dir: &Path) -> Result<(), Diagnostic> {
        if !entry.path_is_symlink() {
            return Ok(());
        }
        let Ok(real) = entry.path().canonicalize() else {
            // A dangling link: the walk reports it when it follows the link.
            return Ok(());
        };
        if self.roots.iter().any(|root| real.starts_with(root)) {
            return Ok(());
        }
        Err(Diagnostic::error(format!(
            "symbolic link leads outside the project, to `{}`; it is not read",
            real.display()
        ))
        .in_file(display_path(entry.path(), project_dir))
        .with_hint(
            "copy what it links to into the project, or list the folder under `allow-outside` \
             in the [build] table of book.toml (`extra.waymark.allow_outside` in mkdocs.yml)",
        ))
    }
}

/// A warning when `entry` is the output folder, or a link into it, by whatever path it is
/// reached (`--out content/x/../site`, `content/prev -> ../site`): reading it would copy
/// the previous site into the next one, growing it with every build. Only folders and
/// links are resolved, so the cost is one look-up per folder, not per file.
fn in_output(entry: &walkdir::DirEntry, output: &Path) -> Option<Diagnostic> {
    if !entry.file_type().is_dir() && !entry.path_is_symlink() {
        return None;
    }
    let real = entry.path().canonicalize().ok()?;
    real.starts_with(output).then(|| {
        Diagnostic::warning("this is the output folder, or leads into it: skipped")
            .with_hint("the site is not read back as content; move the output folder out of the content folder, or remove the link")
    })
}

/// A file or folder the walk could not read, named at its path.
fn walk_error(err: &walkdir::Error, project_dir: &Path) -> Diagnostic {
    let path = err.path().unwrap_or(Path::new(""));
    let message = if err.loop_ancestor().is_some() {
        "symbolic link loop: this folder links back to one of its parents".to_string()
    } else if path.is_symlink() && !path.exists() {
        let target = std::fs::read_link(path).unwrap_or_default();
        format!(
            "cannot read: the symbolic link leads to `{}`, which does not exist",
            target.display()
        )
    } else {
        format!(
            "cannot read: {}",
            err.io_error().map_or(err.to_string(), |e| e.to_string())
        )
    };
    Diagnostic::error(message).in_file(display_path(path, project_dir))
}

/// Walks and reads the content folder. Pages with errors are still returned when their
/// body could be read, so that later stages can report their problems too.
pub fn scan(config: &Config) -> (Loaded, Diagnostics) {
    let (listing, mut diagnostics) = walk(config);
    let read: Vec<(Option<Source>, Vec<Diagnostic>)> = listing
        .markdown
        .par_iter()
        .map(|(rel_path, abs_path)| read_source(rel_path, abs_path, config))
        .collect();
    let mut sources = Vec::with_capacity(read.len());
    for (source, problems) in read {
        diagnostics.extend(problems);
        sources.extend(source);
    }
    diagnostics.extend(meta::apply(config, &mut sources));
    sources.retain(|s| config.include_drafts || !s.front.draft);
    let (authors, problems) = authors::read(config);
    diagnostics.extend(problems);
    let (pages_files, problems) = pages_files::read(config, &sources);
    diagnostics.extend(problems);
    (
        Loaded {
            sources,
            static_files: listing.static_files,
            authors,
            pages_files,
        },
        diagnostics,
    )
}

/// Whether the configuration leaves `entry` out: `exclude_docs`, and `draft_docs` except
/// in the preview.
fn left_out(config: &Config, entry: &walkdir::DirEntry) -> bool {
    relative_slash_path(entry.path(), &config.src_dir)
        .is_some_and(|rel_path| left_out_path(config, &rel_path, entry.file_type().is_dir()))
}

/// Whether the configuration leaves the file or folder at `rel_path` out of the site.
fn left_out_path(config: &Config, rel_path: &str, is_dir: bool) -> bool {
    config.exclude.matches(rel_path, is_dir)
        || !config.include_drafts && config.drafts.matches(rel_path, is_dir)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') || n.starts_with('_') && n.ends_with(".tmp"))
}

/// Every file under `dir`, in name order, by its path relative to `dir` (`/` separators;
/// a name that is not UTF-8 is skipped); with `skip_hidden`, none whose name or folder's
/// name starts with `.`.
pub fn files_under(dir: &Path, skip_hidden: bool) -> impl Iterator<Item = (String, PathBuf)> + '_ {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(move |e| {
            !skip_hidden || e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
        })
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .filter_map(move |entry| {
            let rel = relative_slash_path(entry.path(), dir)?;
            Some((rel, entry.into_path()))
        })
}

/// `path` relative to `base` with `/` separators, or `None` for non-UTF-8 names.
pub fn relative_slash_path(path: &Path, base: &Path) -> Option<String> {
    let rel = path.strip_prefix(base).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

/// Reads and splits one page; a page whose front-matter is broken is still returned with
/// what could be read, so that its links are checked too. A notebook is read as the
/// Markdown it stands for.
pub fn read_source(
    rel_path: &str,
    abs_path: &Path,
    config: &Config,
) -> (Option<Source>, Vec<Diagnostic>) {
    let display = display_path(abs_path, &config.project_dir);
    let bytes = match std::fs::read(abs_path) {
        Ok(bytes) => bytes,
        Err(err) => {
            return (
                None,
                vec![Diagnostic::error(format!("cannot read page: {err}")).in_file(display)],
            );
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&err.as_bytes()[..offset]).into_owned();
            let location = crate::diag::Location::in_text(&valid, offset, 0);
            return (
                None,
                vec![Diagnostic::error("page is not valid UTF-8 text")
                    .in_file(display)
                    .at(location)
                    .with_hint("save the file as UTF-8")],
            );
        }
    };
    // A NUL character is never text: the file is binary or damaged, and the character
    // would reach the HTML as it is.
    if let Some(offset) = text.find('\0') {
        return (
            None,
            vec![Diagnostic::error("page contains a NUL character")
                .in_file(display)
                .at(crate::diag::Location::in_text(&text, offset, 1))
                .with_hint("the file may be binary or damaged; remove the character")],
        );
    }
    let text = match text.strip_prefix('\u{feff}') {
        Some(stripped) => stripped.to_string(),
        None => text,
    };
    if let Some(notebooks) = config
        .notebooks
        .as_ref()
        .filter(|n| n.is_notebook(rel_path))
    {
        return match notebook::convert(&text, rel_path, notebooks, config.directory_urls) {
            Ok(converted) => {
                let front = FrontMatter {
                    title: converted.title,
                    ..FrontMatter::default()
                };
                let source = Source {
                    rel_path: rel_path.to_string(),
                    origin: None,
                    display_path: display,
                    text: converted.markdown.into(),
                    body_offset: 0,
                    front,
                };
                (Some(source), Vec::new())
            }
            Err(problem) => (None, vec![problem.in_file(display)]),
        };
    }
    let as_mkdocs = config.markdown.python_markdown;
    let (source, problems) = parse_source(rel_path, display, text, as_mkdocs);
    (Some(source), problems)
}

/// Splits and reads the front-matter of a page's text (BOM already removed). `as_mkdocs`
/// reads a block that MkDocs cannot read as front-matter as MkDocs does: as the page's
/// text (a `---` never closed is a rule; YAML that is not valid, with a warning).
pub fn parse_source(
    rel_path: &str,
    display_path: PathBuf,
    text: String,
    as_mkdocs: bool,
) -> (Source, Vec<Diagnostic>) {
    let (mut split, mut problems) = match frontmatter::split(&text) {
        Ok(split) => (split, Vec::new()),
        Err(_) if as_mkdocs => (frontmatter::no_front_matter(), Vec::new()),
        Err(problem) => (frontmatter::no_front_matter(), vec![problem]),
    };
    let (front, front_problems) = match frontmatter::read(&text, &split) {
        Ok(read) => read,
        Err(mut problem) if as_mkdocs => {
            split = frontmatter::no_front_matter();
            problem.severity = crate::diag::Severity::Warning;
            problem.hint = Some(format!(
                "MkDocs shows the block as the page's text, and so does Waymark; {}",
                problem.hint.unwrap_or_default()
            ));
            (FrontMatter::default(), vec![problem])
        }
        Err(problem) => (FrontMatter::default(), vec![problem]),
    };
    problems.extend(front_problems);
    let problems = problems
        .into_iter()
        .map(|p| p.in_file(display_path.clone()))
        .collect();
    let source = Source {
        rel_path: rel_path.to_string(),
        origin: None,
        display_path,
        body_offset: split.body,
        text: text.into(),
        front,
    };
    (source, problems)
}
