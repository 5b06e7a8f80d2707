//! Configuration: reads `book.toml` (or an MkDocs project's `mkdocs.yml`) into a
//! validated [`Config`].

pub mod exclude_search;
pub mod extensions;
pub mod i18n;
pub mod jupyter;
pub mod llms_txt;
pub mod mdbook;
pub mod mkdocs;
mod mkdocs_plugins;
mod mkdocs_theme;
pub mod patterns;
pub mod presentation;
mod raw;
pub mod summary;
mod zensical;

use crate::diag::{Diagnostic, Diagnostics, Location};
pub use mkdocs_plugins::{Blog, MaterialPlugins};
pub use mkdocs_theme::{Alternate, Script, SocialLink, ThemeSettings};
use raw::{RawConfig, RawNavEntry, RawSearch};
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "book.toml";
/// The configuration files of MkDocs projects, read when there is no `book.toml`, the
/// first found: ProperDocs, the maintained fork of MkDocs that projects move to, reads
/// the same settings from its own file name.
pub const MKDOCS_FILES: &[&str] = &[
    "mkdocs.yml",
    "mkdocs.yaml",
    "properdocs.yml",
    "properdocs.yaml",
];
/// The content file that becomes the site's `404.html` when it exists (mdBook's default
/// `input-404`).
const DEFAULT_NOT_FOUND_PAGE: &str = "404.md";

/// Which tool's project this is: where the tools differ, Waymark follows the one the
/// project was written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectKind {
    /// `book.toml`.
    Waymark,
    /// `mkdocs.yml`.
    MkDocs,
    /// `book.toml` with a `SUMMARY.md` in the content folder: an mdBook book.
    MdBook,
}

/// The validated configuration of one project. Paths are absolute.
#[derive(Debug, Clone)]
pub struct Config {
    pub kind: ProjectKind,
    pub project_dir: PathBuf,
    pub config_file: PathBuf,
    /// The text of the configuration file, for locating diagnostics in it.
    pub config_text: String,
    pub title: String,
    pub description: String,
    pub language: String,
    /// The text runs right to left (mdBook's `text-direction`, or the language's own).
    pub right_to_left: bool,
    /// The book's authors (mdBook's `authors`), for the pages' `author` metadata.
    pub authors: Vec<String>,
    pub src_dir: PathBuf,
    pub output_dir: PathBuf,
    /// Absolute URL of the published site, always ending in `/`.
    pub site_url: Option<String>,
    /// The path the site is served under (mdBook's `site-url = "/guide/"`), when only
    /// that is known: the 404 page's links start from it.
    pub site_path: Option<String>,
    pub theme_dir: Option<PathBuf>,
    pub edit_url_template: Option<String>,
    pub repo_url: Option<String>,
    /// Markdown source of the banner shown on every page.
    pub announcement: Option<String>,
    pub nav: Option<Vec<NavEntry>>,
    /// Free-form values for templates (`extra` in mkdocs.yml), as `site.extra`.
    pub extra: serde_json::Value,
    /// Theme features switched on (`theme.features` in mkdocs.yml), as `site.features`.
    pub features: Vec<String>,
    /// Old page paths that lead to new places (the MkDocs redirects plugin).
    pub redirects: Vec<Redirect>,
    /// How seriously each kind of link problem is taken.
    pub validation: Validation,
    /// Warnings fail the build (`strict: true` in mkdocs.yml, or `--strict`).
    pub strict: bool,
    /// Content files left out of the site (MkDocs' `exclude_docs` and its defaults).
    pub exclude: patterns::Patterns,
    /// Content files only the preview builds (MkDocs' `draft_docs`).
    pub drafts: patterns::Patterns,
    /// Pages that need not be listed in an explicit navigation (MkDocs' `not_in_nav`).
    pub not_in_nav: patterns::Patterns,
    /// Navigation from nav files in folders (mkdocs-literate-nav), when configured.
    pub literate_nav: Option<LiterateNav>,
    /// `.pages` files arrange each folder's navigation (mkdocs-awesome-pages-plugin).
    pub awesome_pages: Option<AwesomePages>,
    /// Jupyter notebooks that are pages (mkdocs-jupyter), when configured.
    pub notebooks: Option<jupyter::Notebooks>,
    /// The languages of a translated site (mkdocs-static-i18n), each built as a site of
    /// its own in its folder (see [`crate::languages`]).
    pub i18n: Option<i18n::I18n>,
    /// In one language's site of a translated project: where the same page is in the
    /// others, for the language menu.
    pub translations: Option<i18n::Translations>,
    /// Build the files `drafts` matches too (`waymark serve` does).
    pub include_drafts: bool,
    /// Pages at folder URLs (`a/b/`); off, at their HTML file (`a/b.html`), as MkDocs'
    /// `use_directory_urls: false` writes them.
    pub directory_urls: bool,
    /// Generate a page listing the pages of each tag (the MkDocs tags plugin).
    pub tags_index: bool,
    /// Material's own plugins that shape the site: blog, tags' index page, meta files.
    pub material: MaterialPlugins,
    /// Build a full-text search index and show the search box.
    pub search: bool,
    /// Images open enlarged (the glightbox plugin), when configured.
    pub lightbox: Option<Lightbox>,
    /// Write `sitemap.xml` (when the site's URL is known); the no-sitemap plugin says not.
    pub sitemap: bool,
    /// `llms.txt` and the listed pages as Markdown (mkdocs-llmstxt), when configured.
    pub llms_txt: Option<llms_txt::LlmsTxt>,
    /// Pages the index leaves out (mkdocs-exclude-search), when configured.
    pub search_exclude: Option<exclude_search::SearchExclude>,
    /// Write `print.html`, every page in reading order on one page, and link to it
    /// (mdBook's `[output.html.print] enable`; `extra.waymark.print` in mkdocs.yml).
    pub print: bool,
    /// Leaves the printable guide out of guides with more pages than this: by default
    /// (see [`print_setting`]) and in the preview, where remaking the whole guide's page at
    /// every save would slow every reload.
    pub print_max_pages: Option<usize>,
    /// The content file rendered as the site's `404.html` instead of as a page (mdBook's
    /// `input-404`, by default `404.md` when it exists).
    pub not_found_page: Option<String>,
    /// Where snippets (`--8<--`) are looked up, and files appended to every page.
    pub snippets: Snippets,
    /// How Markdown is read (Python-Markdown's rules for mkdocs.yml projects).
    pub markdown: extensions::MarkdownOptions,
    /// Folders outside the project that symbolic links in the content may lead into;
    /// a link to anywhere else outside the project is an error, never read.
    pub allowed_outside: Vec<PathBuf>,
    /// Logo, icons, colours, extra stylesheets and scripts, footer links, the language
    /// switcher and theme static files (read from mkdocs.yml).
    pub theme_settings: ThemeSettings,
    /// Copyright line, favicon and last-updated dates.
    pub presentation: presentation::Presentation,
    /// What an mdBook book asks beyond the shared settings (SUMMARY.md, includes, ...).
    pub mdbook: Option<mdbook::MdBook>,
    /// Problems found in the configuration that do not stop the build (settings that
    /// cannot apply here); reported with every build.
    pub warnings: Vec<Diagnostic>,
}

impl Config {
    /// The configuration file as diagnostics name it (relative to the project).
    pub fn display_file(&self) -> PathBuf {
        crate::diag::display_path(&self.config_file, &self.project_dir)
    }

    /// How the page `source` is read: a notebook as Jupyter reads Markdown, any other
    /// page with the project's options.
    pub fn markdown_for(&self, source: &crate::load::Source) -> &extensions::MarkdownOptions {
        match &self.notebooks {
            Some(notebooks) if source.is_notebook() => &notebooks.markdown,
            _ => &self.markdown,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The old page, relative to the content folder (`old/page.md`).
    pub from: String,
    /// A page (`new/page.md#anchor`) or an absolute URL.
    pub to: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Error,
    Warn,
    Info,
    Ignore,
}

impl Level {
    /// `diagnostic` at this level: as it is, as a warning, or not at all.
    pub fn apply(self, diagnostic: Diagnostic) -> Option<Diagnostic> {
        match self {
            Level::Error => Some(diagnostic),
            Level::Warn => Some(diagnostic.with_severity(crate::diag::Severity::Warning)),
            Level::Info => Some(diagnostic.with_severity(crate::diag::Severity::Info)),
            Level::Ignore => None,
        }
    }
}

/// The severity of each kind of link problem. Waymark's defaults are strict; an MkDocs
/// project starts from MkDocs' own defaults, which its `validation` settings can change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validation {
    /// A link to a page or file that does not exist.
    pub not_found: Level,
    /// A link to an anchor that does not exist on its page.
    pub anchors: Level,
    /// A link written from the site root (`/guide/page.md`); Waymark resolves these.
    pub absolute_links: Level,
    /// A link written from the site root that names nothing in the content folder is
    /// broken; otherwise it is left as written, at the `absolute_links` level, as MkDocs
    /// leaves it unless told `absolute_links: relative_to_docs`.
    pub absolute_links_checked: bool,
    /// A relative link that names neither a Markdown file nor another file.
    pub unrecognized_links: Level,
    /// A page that the explicit navigation does not list.
    pub omitted_files: Level,
    /// An explicit navigation entry naming a page that does not exist.
    pub nav_not_found: Level,
}

impl Default for Validation {
    fn default() -> Self {
        Validation {
            not_found: Level::Error,
            anchors: Level::Error,
            absolute_links: Level::Ignore,
            absolute_links_checked: true,
            unrecognized_links: Level::Error,
            omitted_files: Level::Ignore,
            nav_not_found: Level::Error,
        }
    }
}

impl Validation {
    /// mdBook checks no links: a book it builds builds here too, with its broken links
    /// shown as warnings. A chapter SUMMARY.md lists without a file stays an error.
    pub fn mdbook() -> Validation {
        Validation {
            not_found: Level::Warn,
            anchors: Level::Warn,
            absolute_links: Level::Ignore,
            absolute_links_checked: true,
            unrecognized_links: Level::Warn,
            omitted_files: Level::Ignore,
            nav_not_found: Level::Error,
        }
    }

    /// MkDocs' defaults: a project that `mkdocs build` accepts builds here too, its
    /// problems shown as warnings, or counted as info.
    pub fn mkdocs() -> Validation {
        Validation {
            not_found: Level::Warn,
            anchors: Level::Info,
            absolute_links: Level::Info,
            absolute_links_checked: false,
            unrecognized_links: Level::Info,
            omitted_files: Level::Info,
            nav_not_found: Level::Warn,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippets {
    /// Folders snippet paths are resolved in, in order (default: the project folder).
    pub base_paths: Vec<PathBuf>,
    /// Files appended to every page (glossaries of abbreviations, typically).
    pub auto_append: Vec<String>,
    /// A missing snippet file is an error (pymdownx.snippets' `check_paths`), not a warning.
    pub check_paths: bool,
    /// What of the project cannot run here and may write snippet files before MkDocs
    /// reads them (its hooks, a plugin): a missing one is then a warning, even with
    /// `check_paths`.
    pub written_by: Option<String>,
    /// The common indentation of a part of a file (lines or a section) is removed.
    pub dedent_subsections: bool,
    /// MkDocs would fetch remote snippets (`url_download`).
    pub url_download: bool,
    /// Where `{% include 'file' %}` lines (the MkDocs macros plugin's) read files: its
    /// `include_dir`, or the docs folder; `None` without the plugin.
    pub macro_include_dir: Option<PathBuf>,
    /// What starts and ends a Jinja block for the macros plugin (`j2_block_start_string`
    /// and `j2_block_end_string`): `{%` and `%}` unless the project sets others.
    pub macro_block: (String, String),
    /// The macros plugin renders every page unless it says `render_macros: false`
    /// (`render_by_default`); otherwise only those that say `render_macros: true`.
    pub macros_by_default: bool,
    /// markdown-include's `{!file!}` lines are read (`markdown_include.include`).
    pub markdown_include: Option<MarkdownInclude>,
    /// The include-markdown plugin's `{% include-markdown %}` and `{% include %}`
    /// directives are read.
    pub include_markdown: Option<IncludeMarkdown>,
}

/// The include-markdown plugin: where paths that are neither `./`, `../` nor absolute
/// start, and the defaults its settings give the directives' arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncludeMarkdown {
    pub docs_dir: PathBuf,
    pub defaults: IncludeDefaults,
}

/// The arguments of an include-markdown directive, as the plugin's settings or the
/// directive give them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncludeDefaults {
    /// Only the text after this (and before `end`).
    pub start: Option<String>,
    pub end: Option<String>,
    /// `#` added to (or, negative, taken from) each heading of an `include-markdown`.
    pub heading_offset: i64,
    /// The lines after the first get the indentation before the directive.
    pub preserve_includer_indent: bool,
    /// The indentation all lines share is removed.
    pub dedent: bool,
    /// The file's last newlines stay.
    pub trailing_newlines: bool,
    /// Relative links of an `include-markdown` are rewritten for the including page.
    pub rewrite_relative_urls: bool,
    /// Directives in the included text are read too.
    pub recursive: bool,
}

impl Default for IncludeDefaults {
    /// The plugin's own defaults.
    fn default() -> Self {
        IncludeDefaults {
            start: None,
            end: None,
            heading_offset: 0,
            preserve_includer_indent: true,
            dedent: false,
            trailing_newlines: true,
            rewrite_relative_urls: true,
            recursive: true,
        }
    }
}

/// The options of markdown-include (`markdown_include.include`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownInclude {
    /// The folder paths are relative to (`base_path`, from where MkDocs runs).
    pub base: PathBuf,
    /// `#` added to every heading line of an included file (`headingOffset`).
    pub heading_offset: usize,
    /// Included headings start below the last heading before the include
    /// (`inheritHeadingDepth`).
    pub inherit_heading_depth: bool,
    /// A missing file fails the build (`throwException`), rather than being left out.
    pub missing_is_error: bool,
}

impl Snippets {
    /// The folders snippet paths are resolved in: `base_paths`, or the project folder
    /// where the project names none (`base_path: []`).
    pub fn base_folders(&self, project_dir: &Path) -> Vec<PathBuf> {
        match self.base_paths.is_empty() {
            true => vec![project_dir.to_path_buf()],
            false => self.base_paths.clone(),
        }
    }

    /// Snippets read from the project folder, every other option at its default.
    fn in_project(project_dir: &Path, check_paths: bool) -> Self {
        Snippets {
            base_paths: vec![project_dir.to_path_buf()],
            auto_append: Vec::new(),
            check_paths,
            written_by: None,
            dedent_subsections: false,
            url_download: false,
            macro_include_dir: None,
            macro_block: ("{%".to_string(), "%}".to_string()),
            macros_by_default: true,
            markdown_include: None,
            include_markdown: None,
        }
    }
}

/// The repository `project_dir` is in (the nearest folder above it with `.git`), or the
/// project folder itself: what includes may read.
pub fn repository(project_dir: &Path) -> PathBuf {
    let project = project_dir
        .canonicalize()
        .unwrap_or_else(|_| project_dir.to_path_buf());
    project
        .ancestors()
        .find(|dir| dir.join(".git").exists())
        .unwrap_or(&project)
        .to_path_buf()
}

/// An entry of an explicit navigation list.
#[derive(Debug, Clone, PartialEq)]
pub enum NavEntry {
    /// A page, by its path relative to the content folder.
    Page { path: String, title: Option<String> },
    /// A titled group, optionally with a page of its own.
    Section {
        title: String,
        page: Option<String>,
        children: Vec<NavEntry>,
    },
    /// A link to another site.
    Link { title: String, url: String },
    /// A folder (`guide/`, with a trailing slash; `` for the content folder) whose
    /// navigation comes from its nav file (mkdocs-literate-nav), or else from its files.
    Folder { path: String, title: Option<String> },
}

/// mkdocs-literate-nav: navigation written as Markdown lists in a file of each folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiterateNav {
    /// The file name (`SUMMARY.md` by default).
    pub nav_file: String,
    /// A folder's index page is its section's page even where the nav file omits it.
    pub implicit_index: bool,
}

/// The strings of a setting written as one string or a list of them (a list's other
/// items are skipped).
pub(crate) fn strings(value: Option<&serde_norway::Value>) -> Vec<String> {
    use serde_norway::Value;
    match value {
        Some(Value::String(one)) => vec![one.clone()],
        Some(Value::Sequence(many)) => many
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// Material's glightbox plugin: images open enlarged, over the page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lightbox {
    /// Images with one of these classes stay as they are (`off-glb` always does).
    pub skip_classes: Vec<String>,
    /// An image without a title is captioned with its alternative text.
    pub auto_caption: bool,
}

/// mkdocs-awesome-pages-plugin: a file in a folder (`.pages`) orders, titles, filters and
/// hides the folder's entries in the navigation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwesomePages {
    /// The name of the folder files (`.pages` by default).
    pub filename: String,
    /// A section holding a single page shows as that page (`collapse_single_pages`).
    pub collapse_single_pages: bool,
}

/// Why a configuration could not be loaded: the project is missing (a usage problem),
/// or the file has errors (a content problem).
#[derive(Debug)]
pub enum ConfigError {
    Missing(Diagnostic),
    Invalid(Diagnostics),
}

/// Loads the configuration of `project_dir`: `book.toml`, or else `zensical.toml` (which
/// Zensical reads before an mkdocs.yml beside it), or else `mkdocs.yml`.
pub fn load(project_dir: &Path) -> Result<Config, ConfigError> {
    let absolute = std::path::absolute(project_dir).unwrap_or_else(|_| project_dir.to_path_buf());
    if !absolute.join(CONFIG_FILE).exists() {
        if let Some(mkdocs) = std::iter::once(zensical::FILE)
            .chain(MKDOCS_FILES.iter().copied())
            .map(|f| absolute.join(f))
            .find(|f| f.is_file())
        {
            return load_file(&absolute, &mkdocs);
        }
    }
    load_book(&absolute)
}

/// Loads a configuration file named explicitly (`--config`): YAML files are read as
/// `mkdocs.yml`, TOML with a `[project]` table as `zensical.toml`, anything else as
/// `book.toml`.
pub fn load_file(project_dir: &Path, file: &Path) -> Result<Config, ConfigError> {
    let project_dir =
        std::path::absolute(project_dir).unwrap_or_else(|_| project_dir.to_path_buf());
    let file = project_dir.join(file);
    let text = read_settings_file(&file).map_err(|err| {
        ConfigError::Missing(Diagnostic::error(format!(
            "cannot read {}: {err}",
            file.display()
        )))
    })?;
    let is_yaml = file.extension().is_some_and(|e| e == "yml" || e == "yaml");
    let mut config = if is_yaml {
        mkdocs::parse(&text, &file, &project_dir).map_err(ConfigError::Invalid)?
    } else if file.file_name().is_some_and(|name| name == zensical::FILE)
        || zensical::is_zensical(&text)
    {
        zensical::parse(&text, &file, &project_dir).map_err(ConfigError::Invalid)?
    } else {
        parse(&text, &project_dir).map_err(ConfigError::Invalid)?
    };
    config.config_file = file;
    Ok(config)
}

/// Loads `book.toml` from `project_dir` (an absolute path).
fn load_book(project_dir: &Path) -> Result<Config, ConfigError> {
    let config_file = project_dir.join(CONFIG_FILE);
    if !project_dir.is_dir() {
        return Err(ConfigError::Missing(
            Diagnostic::error(format!(
                "project folder `{}` does not exist",
                project_dir.display()
            ))
            .with_hint(
                "pass the folder that holds book.toml, or run `waymark init` to create a project",
            ),
        ));
    }
    let text = match std::fs::read(&config_file) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => {
                return Err(ConfigError::Invalid(single(
                    Diagnostic::error("book.toml is not valid UTF-8").in_file(CONFIG_FILE),
                )))
            }
        },
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Err(ConfigError::Missing(
                Diagnostic::error(format!("no {CONFIG_FILE}, {} or mkdocs.yml in `{}`", zensical::FILE, project_dir.display()))
                    .with_hint("pass the folder that holds book.toml, or run `waymark init` to create a project"),
            ))
        }
        Err(err) => {
            return Err(ConfigError::Missing(
                Diagnostic::error(format!("cannot read {}: {err}", config_file.display())),
            ))
        }
    };
    parse(&text, project_dir).map_err(ConfigError::Invalid)
}

/// URL schemes that run code or smuggle a document where a link is expected. Browsers
/// ignore tabs, newlines and leading spaces in a scheme, so those are removed first.
const UNSAFE_SCHEMES: &[&str] = &["javascript:", "vbscript:", "data:"];

pub const UNSAFE_URL_HINT: &str = "use an http(s) address, or a path inside the site";

/// The problem with `url`, given as the value of `what`, when its scheme is one of
/// [`UNSAFE_SCHEMES`].
pub fn unsafe_url(what: &str, url: &str) -> Option<String> {
    let compact: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme = UNSAFE_SCHEMES.iter().find(|s| compact.starts_with(**s))?;
    Some(format!(
        "{what} is a `{scheme}` URL, which would run code or open a document in the reader's browser"
    ))
}

fn single(diagnostic: Diagnostic) -> Diagnostics {
    let mut all = Diagnostics::new();
    all.push(diagnostic);
    all
}

/// Parses and validates the text of a `book.toml` belonging to `project_dir`.
pub fn parse(text: &str, project_dir: &Path) -> Result<Config, Diagnostics> {
    let raw: RawConfig = toml::from_str(text).map_err(|err| {
        let mut diagnostic =
            Diagnostic::error(err.message().trim().to_string()).in_file(CONFIG_FILE);
        if let Some(span) = err.span() {
            diagnostic = diagnostic.at(Location::in_text(text, span.start, span.len()));
        }
        if err.message().contains("missing field `book`") {
            diagnostic = diagnostic.with_hint("add a [book] table with at least `title = \"...\"`");
        }
        if let Some(known) = misspelled_key(err.message()) {
            diagnostic = diagnostic.with_hint(format!("did you mean `{known}`?"));
        }
        single(diagnostic)
    })?;

    let mut problems = Diagnostics::new();
    let error_at = |needle: &str, message: String| {
        let mut d = Diagnostic::error(message).in_file(CONFIG_FILE);
        if let Some(offset) = text.find(needle) {
            d = d.at(Location::in_text(text, offset, needle.len()));
        }
        d
    };

    let language = raw.book.language.clone().unwrap_or_else(|| "en".into());
    if !is_language_tag(&language) {
        problems.push(error_at("language", not_a_language(&language)).with_hint(LANGUAGE_HINT));
    }
    if let Some(direction) = raw
        .book
        .text_direction
        .as_deref()
        .filter(|d| !["ltr", "rtl"].contains(d))
    {
        problems.push(
            error_at(
                "text-direction",
                format!("`text-direction` must be `ltr` or `rtl`, found `{direction}`"),
            )
            .with_hint("write `text-direction = \"rtl\"` for right-to-left languages"),
        );
    }
    let src_dir = project_dir.join(content_folder(raw.book.src.as_deref(), project_dir));
    let kind = match src_dir.join(mdbook::SUMMARY_FILE).is_file() {
        true => ProjectKind::MdBook,
        false => ProjectKind::Waymark,
    };
    // mdBook books may have no title (mdBook then names the pages by their chapter
    // alone): the model takes the first chapter's.
    let title = raw.book.title.clone().unwrap_or_default();
    if title.trim().is_empty() && kind == ProjectKind::Waymark {
        let problem = match raw.book.title {
            Some(_) => error_at("title", "`book.title` must not be empty".into()),
            None => error_at("[book]", "`book.title` is missing".into()),
        };
        problems.push(problem.with_hint("name the guide: `title = \"...\"` in the [book] table"));
    }
    let mdbook::Read {
        settings: mut mdbook_settings,
        redirects: mdbook_redirects,
        mut warnings,
    } = mdbook::read(&raw, text, &src_dir);
    if kind == ProjectKind::MdBook {
        mdbook_settings.summary_file =
            crate::diag::display_path(&mdbook_settings.summary_file, project_dir);
        match mdbook::read_summary(
            &src_dir.join(mdbook::SUMMARY_FILE),
            &mdbook_settings.summary_file,
        ) {
            Ok((items, summary_text)) => {
                mdbook_settings.summary = items;
                mdbook_settings.summary_text = summary_text;
            }
            Err(summary_problems) => problems.extend(summary_problems),
        }
        if mdbook_settings.create_missing {
            warnings.extend(mdbook::create_missing(
                &mdbook_settings,
                &src_dir,
                project_dir,
            ));
        }
    }
    let html = raw.output.html;
    // mdBook's `site-url` is the path the book is served under (`/guide/`), which only
    // the 404 page needs; Waymark's is the whole address.
    let (site_url, site_path) = match html.site_url {
        Some(path) if path.starts_with('/') => {
            (None, Some(format!("{}/", path.trim_end_matches('/'))))
        }
        other => (other, None),
    };
    let site_url = site_url.map(|url| {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            problems.push(
                error_at(
                    &url,
                    format!("`site-url` must be an absolute http(s) URL, found `{url}`"),
                )
                .with_hint("for example `site-url = \"https://docs.example.org/guide/\"`"),
            );
        }
        if url.ends_with('/') {
            url
        } else {
            format!("{url}/")
        }
    });
    // Waymark's own name wins where a project writes both.
    let repo_url = html.repo_url.or(html.git_repository_url);
    for (key, url) in [
        ("repo-url", &repo_url),
        ("edit-url-template", &html.edit_url_template),
    ] {
        if let Some(problem) = url.as_deref().and_then(|url| unsafe_url(key, url)) {
            problems
                .push(error_at(url.as_deref().unwrap_or(key), problem).with_hint(UNSAFE_URL_HINT));
        }
    }
    let nav = raw.book.nav.map(|entries| {
        entries
            .into_iter()
            .filter_map(|entry| nav_entry(entry, &mut problems, &error_at))
            .collect()
    });

    let is_mdbook = kind == ProjectKind::MdBook;
    let mut additional_css = html.additional_css.clone();
    let mut additional_js = html.additional_js.clone();
    // An mdBook theme folder (`theme/` by default) holds Handlebars templates: named in
    // one warning, its own stylesheets and scripts still included.
    let theme_dir = match is_mdbook {
        true => {
            let folder = html.theme.as_deref().unwrap_or("theme");
            match mdbook::theme_folder(project_dir, folder, text) {
                Some(theme) => {
                    warnings.extend(theme.warning);
                    additional_css.extend(
                        theme
                            .css
                            .into_iter()
                            .filter(|f| !html.additional_css.contains(f)),
                    );
                    additional_js.extend(
                        theme
                            .js
                            .into_iter()
                            .filter(|f| !html.additional_js.contains(f)),
                    );
                    None
                }
                None => html.theme.map(|theme| project_dir.join(theme)),
            }
        }
        false => html.theme.map(|theme| project_dir.join(theme)),
    };
    let (print, print_max_pages) = print_setting(html.print.as_ref().and_then(|p| p.enable));
    let not_found_page = match html.input_404.as_deref() {
        Some(name) if !src_dir.join(name).is_file() => {
            let shown = crate::diag::display_path(&src_dir.join(name), project_dir);
            problems.push(
                Diagnostic::error(format!(
                    "`input-404 = \"{name}\"`: there is no file {}",
                    shown.display()
                ))
                .in_file(CONFIG_FILE)
                .at(mdbook::key_location(text, "input-404"))
                .with_hint(
                    "create the file, or remove `input-404` to get Waymark's own not-found page",
                ),
            );
            None
        }
        Some(name) => Some(name.trim_start_matches("./").to_string()),
        None => src_dir
            .join(DEFAULT_NOT_FOUND_PAGE)
            .is_file()
            .then(|| DEFAULT_NOT_FOUND_PAGE.to_string()),
    };
    let output = raw.build.output.or(raw.build.build_dir);
    let default_output = if is_mdbook { "book" } else { "site" };
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(Config {
        kind,
        project_dir: project_dir.to_path_buf(),
        config_file: project_dir.join(CONFIG_FILE),
        config_text: text.to_string(),
        title,
        description: raw.book.description,
        right_to_left: match raw.book.text_direction.as_deref() {
            Some(direction) => direction == "rtl",
            None => is_right_to_left(&language),
        },
        authors: raw.book.authors,
        language,
        src_dir,
        output_dir: project_dir.join(output.as_deref().unwrap_or(default_output)),
        site_url,
        site_path,
        theme_dir,
        // mdBook's `{path}` is the chapter's path from the book's folder.
        edit_url_template: html.edit_url_template.map(|template| match is_mdbook {
            true => template.replace(
                "{path}",
                &format!("{}/{{path}}", raw.book.src.as_deref().unwrap_or("src")),
            ),
            false => template,
        }),
        repo_url,
        announcement: html.announcement,
        nav,
        extra: serde_json::Value::Object(Default::default()),
        features: Vec::new(),
        redirects: mdbook_redirects,
        validation: match is_mdbook {
            true => Validation::mdbook(),
            false => Validation::default(),
        },
        strict: false,
        // SUMMARY.md is the table of contents, not a chapter.
        exclude: match is_mdbook {
            true => patterns::Patterns::parse([format!("/{}", mdbook::SUMMARY_FILE).as_str()]).0,
            false => Default::default(),
        },
        drafts: Default::default(),
        not_in_nav: Default::default(),
        include_drafts: false,
        literate_nav: None,
        awesome_pages: None,
        notebooks: None,
        search_exclude: None,
        llms_txt: None,
        sitemap: true,
        lightbox: html.lightbox.unwrap_or(false).then(Lightbox::default),
        i18n: None,
        translations: None,
        // mdBook publishes each chapter at its HTML file (`chapter.html`).
        directory_urls: !is_mdbook,
        tags_index: false,
        material: MaterialPlugins::default(),
        search: match html.search {
            None => true,
            Some(RawSearch::Enabled(on)) => on,
            Some(RawSearch::Table(table)) => table.enable.unwrap_or(true),
        },
        print,
        print_max_pages,
        not_found_page,
        snippets: Snippets::in_project(project_dir, true),
        markdown: extensions::MarkdownOptions {
            // mdBook's default since 0.5.
            smart_punctuation: html
                .smart_punctuation
                .or(html.curly_quotes)
                .unwrap_or(is_mdbook),
            commonmark_only: is_mdbook,
            math: html.mathjax_support == Some(true),
            mathjax_delimiters: true,
            heading_slug: if is_mdbook {
                extensions::Slugify::MdBook
            } else {
                extensions::Slugify::default()
            },
            ..Default::default()
        },
        allowed_outside: raw
            .build
            .allow_outside
            .iter()
            .map(|folder| project_dir.join(folder))
            .collect(),
        theme_settings: ThemeSettings {
            extra_javascript: additional_js.iter().map(|src| Script::plain(src)).collect(),
            // mdBook reads them from the book's folder and copies them beside the pages.
            static_files: additional_css
                .iter()
                .chain(&additional_js)
                .filter(|path| !crate::model::links::is_external(path))
                .map(|path| {
                    (
                        path.trim_start_matches("./").to_string(),
                        project_dir.join(path),
                    )
                })
                .collect(),
            extra_css: additional_css,
            ..Default::default()
        },
        presentation: presentation::Presentation {
            copyright: html.copyright,
            favicon: html.favicon.map(|f| f.trim_start_matches('/').to_string()),
            revision_dates: presentation::RevisionDates {
                enabled: html.last_updated.unwrap_or(false),
                ..Default::default()
            },
        },
        mdbook: is_mdbook.then_some(mdbook_settings),
        warnings,
    })
}

/// The content folder: `src` as written; by default `content`, or mdBook's `src` where a
/// book keeps its chapters there.
fn content_folder<'a>(src: Option<&'a str>, project_dir: &Path) -> &'a str {
    match src {
        Some(src) => src,
        None if !project_dir.join("content").is_dir()
            && project_dir.join("src").join(mdbook::SUMMARY_FILE).is_file() =>
        {
            "src"
        }
        None => "content",
    }
}

/// The valid key closest to the unknown one in serde's "unknown field `langauge`,
/// expected one of `title`, `language`, ..." message.
fn misspelled_key(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (wanted, rest) = rest.split_once('`')?;
    let valid: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    crate::diag::closest(wanted, valid).map(str::to_string)
}

fn nav_entry(
    entry: RawNavEntry,
    problems: &mut Diagnostics,
    error_at: &impl Fn(&str, String) -> Diagnostic,
) -> Option<NavEntry> {
    let table = match entry {
        RawNavEntry::Path(path) => return Some(NavEntry::Page { path, title: None }),
        RawNavEntry::Table(table) => table,
    };
    let describe = || {
        table
            .title
            .clone()
            .or_else(|| table.page.clone())
            .or_else(|| table.url.clone())
            .unwrap_or_default()
    };
    match (
        table.title.clone(),
        table.page.clone(),
        table.url.clone(),
        table.children,
    ) {
        (Some(title), None, Some(url), None) => Some(NavEntry::Link { title, url }),
        (Some(title), page, None, Some(children)) => Some(NavEntry::Section {
            title,
            page,
            children: children
                .into_iter()
                .filter_map(|child| nav_entry(child, problems, error_at))
                .collect(),
        }),
        (title, Some(path), None, None) => Some(NavEntry::Page { path, title }),
        _ => {
            let what = describe();
            problems.push(
                error_at(&what, format!("nav entry `{what}` is neither a page, a section nor a link"))
                    .with_hint("use `{ page = \"a.md\" }`, `{ title = \"T\", children = [...] }` or `{ title = \"T\", url = \"https://...\" }`"),
            );
            None
        }
    }
}

/// Reads a settings file that the user names by path (`--config`, `INHERIT`): only a
/// regular file of reasonable size, so that `/dev/zero` or a pipe cannot hang a build.
pub fn read_settings_file(path: &Path) -> std::io::Result<String> {
    const MAX_BYTES: u64 = 16 << 20;
    let invalid = |why: &str| std::io::Error::new(std::io::ErrorKind::InvalidInput, why);
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        return Err(invalid("not a regular file"));
    }
    if metadata.len() > MAX_BYTES {
        return Err(invalid("larger than 16 MB"));
    }
    let text = std::fs::read_to_string(path)?;
    // `/proc/self/environ` and binary files: their contents must not reach an excerpt.
    if text.contains('\0') {
        return Err(invalid("not a text file"));
    }
    Ok(text)
}

/// Whether `encoding`, an extension's or plugin's setting, names UTF-8 as Python reads
/// encoding names (`codecs.lookup`: case and punctuation aside, `utf-8`, `utf8`, `u8`,
/// `utf`, `cp65001`), the encoding Waymark reads every page and included file in.
pub fn names_utf8(encoding: &str) -> bool {
    let words: Vec<&str> = encoding
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '.')
        .filter(|word| !word.is_empty())
        .collect();
    let normalized = words.join("_").to_ascii_lowercase();
    matches!(
        normalized.as_str(),
        "utf_8" | "utf8" | "u8" | "utf" | "utf8_ucs2" | "utf8_ucs4" | "cp65001"
    )
}

/// A language tag such as `en`, `fi` or `pt-BR`. The language names files of the search
/// index and goes into every page's `lang`, so nothing else is accepted.
pub fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= 35
        && tag.split('-').all(|part| {
            (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// Languages written right to left (the list mdBook uses).
pub fn is_right_to_left(language: &str) -> bool {
    const RIGHT_TO_LEFT: &[&str] = &[
        "ar", "ara", "arc", "ae", "ave", "egy", "he", "heb", "nqo", "pal", "phn", "sam", "syc",
        "syr", "fa", "per", "fas", "ku", "kur", "ur", "urd", "pus", "ps", "yi", "yid",
    ];
    let primary = language.split('-').next().unwrap_or(language);
    RIGHT_TO_LEFT.contains(&primary.to_ascii_lowercase().as_str())
}

pub fn not_a_language(language: &str) -> String {
    format!("`{language}` is not a language tag")
}

pub const LANGUAGE_HINT: &str = "use a code such as `en`, `fi`, `sv` or `pt-BR`";

/// Guides up to this size get the printable guide when the project does not say: one
/// page of a larger guide is too large for a browser to open usefully (about 7 KB a page,
/// 73 MB at 10,000 pages).
pub const PRINT_DEFAULT_MAX_PAGES: usize = 1_000;

/// `print` and `print_max_pages` from the project's own setting: on or off as it says,
/// else on for guides of up to [`PRINT_DEFAULT_MAX_PAGES`] pages.
pub fn print_setting(setting: Option<bool>) -> (bool, Option<usize>) {
    match setting {
        Some(on) => (on, None),
        None => (true, Some(PRINT_DEFAULT_MAX_PAGES)),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn utf8_is_named_as_python_names_it() {
        for name in ["utf-8", "UTF8", "utf_8", "u8", "Utf 8", "cp65001"] {
            assert!(names_utf8(name), "{name}");
        }
        for name in ["latin-1", "utf-16", "ascii", ""] {
            assert!(!names_utf8(name), "{name}");
        }
    }
    use super::*;

    fn parse_ok(text: &str) -> Config {
        parse(text, Path::new("/p")).expect("config should parse")
    }

    fn parse_err(text: &str) -> String {
        parse(text, Path::new("/p")).unwrap_err().render()
    }

    #[test]
    fn script_and_data_urls_are_unsafe_in_every_spelling() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " java\tscript:alert(1)",
            "java\nscript:x",
            "vbscript:msgbox",
            "data:text/html,<script>",
        ] {
            assert!(unsafe_url("repo-url", url).is_some(), "{url:?}");
        }
        for url in [
            "https://x.org/javascript:",
            "mailto:a@b",
            "/data:x",
            "page.md",
            "http://x",
        ] {
            assert!(unsafe_url("repo-url", url).is_none(), "{url:?}");
        }
    }

    #[test]
    fn applies_defaults() {
        let config = parse_ok("[book]\ntitle = \"Guide\"\n");
        assert_eq!(config.language, "en");
        assert_eq!(config.src_dir, Path::new("/p/content"));
        assert_eq!(config.output_dir, Path::new("/p/site"));
        assert!(config.nav.is_none() && config.site_url.is_none());
    }

    #[test]
    fn language_must_be_a_language_tag() {
        for good in ["en", "fi", "pt-BR", "zh-Hant-TW"] {
            let config = parse_ok(&format!("[book]\ntitle = \"G\"\nlanguage = \"{good}\"\n"));
            assert_eq!(config.language, good);
        }
        for bad in ["", "../../x", "en_US", "fi ", "a-", "toolongsubtag"] {
            let message = parse_err(&format!("[book]\ntitle = \"G\"\nlanguage = \"{bad}\"\n"));
            assert!(
                message.contains(&format!("`{bad}` is not a language tag"))
                    && message.contains("book.toml:3:1")
                    && message.contains("pt-BR"),
                "{message}"
            );
        }
    }

    /// Issue 20, item 12: a misspelled key gets a did-you-mean, as front-matter keys do.
    #[test]
    fn a_misspelled_key_gets_a_did_you_mean() {
        let message = parse_err("[book]\ntitle = \"Guide\"\nlangauge = \"en\"\n");
        assert!(
            message.contains("help: did you mean `language`?"),
            "{message}"
        );
        let message = parse_err("[book]\ntitle = \"G\"\n[output.html]\ncopyrigth = \"x\"\n");
        assert!(
            message.contains("help: did you mean `copyright`?"),
            "{message}"
        );
    }

    /// Issue 19: mdBook's keys are accepted with mdBook's meaning; a key neither tool
    /// knows is still an error with a did-you-mean.
    #[test]
    fn mdbook_keys_are_accepted_and_typos_still_rejected() {
        let config = parse_ok(
            "[book]\ntitle = \"G\"\nauthors = [\"A\"]\n[build]\nbuild-dir = \"out\"\n[output.html]\ngit-repository-url = \"https://x.org/r\"\ncurly-quotes = true\n[output.html.search]\nenable = false\n",
        );
        assert_eq!(config.repo_url.as_deref(), Some("https://x.org/r"));
        assert_eq!(config.output_dir, Path::new("/p/out"));
        assert_eq!(config.authors, ["A"]);
        assert!(config.markdown.smart_punctuation && !config.search);
        assert!(!config.markdown.math);
        let math = parse_ok("[book]\ntitle = \"G\"\n[output.html]\nmathjax-support = true\n");
        assert!(math.markdown.math && math.markdown.mathjax_delimiters);
        assert!(math.warnings.is_empty(), "{:?}", math.warnings);
        let message =
            parse_err("[book]\ntitle = \"G\"\n[output.html]\ngit-repository-ur = \"x\"\n");
        assert!(
            message.contains("did you mean `git-repository-url`?")
                && message.contains("book.toml:4:1"),
            "{message}"
        );
        let message =
            parse_err("[book]\ntitle = \"G\"\n[output.html.playground]\nrunable = true\n");
        assert!(message.contains("did you mean `runnable`?"), "{message}");
        let message = parse_err("[book]\ntitle = \"G\"\ntext-direction = \"up\"\n");
        assert!(message.contains("must be `ltr` or `rtl`"), "{message}");
    }

    #[test]
    fn unknown_keys_are_errors_listing_the_valid_ones() {
        let message = parse_err("[book]\ntitle = \"Guide\"\ntitel = \"x\"\n");
        assert!(message.contains("unknown field `titel`"), "{message}");
        assert!(message.contains("`description`"), "{message}");
        assert!(message.contains("book.toml:3:1"), "{message}");
    }

    #[test]
    fn site_url_gets_a_trailing_slash_and_must_be_absolute() {
        let config =
            parse_ok("[book]\ntitle = \"G\"\n[output.html]\nsite-url = \"https://x.org/docs\"\n");
        assert_eq!(config.site_url.as_deref(), Some("https://x.org/docs/"));
        let message = parse_err("[book]\ntitle = \"G\"\n[output.html]\nsite-url = \"x.org\"\n");
        assert!(
            message.contains("must be an absolute http(s) URL"),
            "{message}"
        );
    }

    #[test]
    fn reads_nested_nav_entries() {
        let config = parse_ok(
            "[book]\ntitle = \"G\"\nnav = [\"index.md\", { title = \"S\", page = \"s/index.md\", children = [{ page = \"s/a.md\", title = \"A\" }] }, { title = \"Home\", url = \"https://x.org\" }]\n",
        );
        let nav = config.nav.unwrap();
        assert_eq!(
            nav[0],
            NavEntry::Page {
                path: "index.md".into(),
                title: None
            }
        );
        assert_eq!(
            nav[1],
            NavEntry::Section {
                title: "S".into(),
                page: Some("s/index.md".into()),
                children: vec![NavEntry::Page {
                    path: "s/a.md".into(),
                    title: Some("A".into())
                }],
            }
        );
        assert_eq!(
            nav[2],
            NavEntry::Link {
                title: "Home".into(),
                url: "https://x.org".into()
            }
        );
    }

    #[test]
    fn nav_tables_reject_unknown_keys_and_bad_shapes() {
        let message = parse_err("[book]\ntitle = \"G\"\nnav = [{ pag = \"a.md\" }]\n");
        assert!(message.contains("unknown field `pag`"), "{message}");
        let message = parse_err("[book]\ntitle = \"G\"\nnav = [{ title = \"Lonely\" }]\n");
        assert!(message.contains("nav entry `Lonely`"), "{message}");
    }

    #[test]
    fn a_guide_needs_a_title() {
        let message = parse_err("[book]\nlanguage = \"en\"\n");
        assert!(
            message.contains("error: `book.title` is missing"),
            "{message}"
        );
        assert!(message.contains("book.toml:1:1"), "{message}");
        let message = parse_err("[book]\ntitle = \" \"\n");
        assert!(
            message.contains("`book.title` must not be empty"),
            "{message}"
        );
    }

    #[test]
    fn missing_book_table_has_a_hint() {
        let message = parse_err("[build]\noutput = \"out\"\n");
        assert!(message.contains("missing field `book`"), "{message}");
        assert!(message.contains("help: add a [book] table"), "{message}");
    }
}
