//! Reads an MkDocs project's `mkdocs.yml` into the same [`Config`] as `book.toml`, so a
//! team can switch without touching a file. Settings that cannot apply here (Python hooks,
//! theme overrides written for MkDocs, plugins we do not have) are named in one warning
//! each and the build goes on.

use super::patterns::Patterns;
use super::{Config, Level, LiterateNav, NavEntry, ProjectKind, Redirect, Snippets, Validation};
use crate::diag::{Diagnostic, Diagnostics, Location};
use serde_norway::{Mapping, Value};
use std::path::{Path, PathBuf};

/// How deep `INHERIT` chains may go before we assume a cycle.
const MAX_INHERIT_DEPTH: usize = 8;

/// Extensions whose syntax Waymark renders (always on); others get a warning. Python-Markdown's
/// own are also named by their module, `markdown.extensions.toc`.
const KNOWN_EXTENSIONS: &[&str] = &[
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "meta",
    "tables",
    "toc",
    "sane_lists",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.snippets",
    "pymdownx.blocks.admonition",
    "pymdownx.blocks.details",
    "pymdownx.blocks.tab",
    "pymdownx.blocks.html",
    "pymdownx.blocks.caption",
    "pymdownx.blocks.definition",
    // Its parts (abbr, attr_list, def_list, footnotes, md_in_html, tables, betterem,
    // superfences) all work.
    "pymdownx.extra",
    "pymdownx.keys",
    "pymdownx.critic",
    "mdx_include",
    "markdown_include_variants",
    "markdown_include.include",
    "pymdownx.mark",
    "pymdownx.caret",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    // Without `base_path` and `relative_path`, or `absolute`, it changes no path (its
    // options are named in a warning).
    "pymdownx.pathconverter",
    // Code is highlighted anyway; the header lines it reads are read (`guess_lang` is
    // named in a warning).
    "codehilite",
    "callouts",
    "markdown_callouts",
    // GitHub's `> [!NOTE]` alerts are admonitions in every project; with its
    // `callouts`, pymdownx.quotes adds titles and collapsible ones.
    "pymdownx.quotes",
    "github-callouts",
    "markdown_callouts.github_callouts",
    "pymdownx.arithmatex",
    "pymdownx.smartsymbols",
    "pymdownx.emoji",
    "pymdownx.tasklist",
    "pymdownx.betterem",
    "pymdownx.tilde",
    "pymdownx.magiclink",
    "pymdownx.saneheaders",
    "mdx_gh_links",
    // Python-Markdown's `extra`: abbr, attr_list, def_list, fenced_code, footnotes,
    // md_in_html and tables, all read.
    "extra",
    "fenced_code",
    "smarty",
    "nl2br",
    "mdx_truly_sane_lists",
];

/// The pymdownx.snippets options Waymark reads, or that change nothing here
/// (`restrict_base_path`: snippets never leave the repository; `encoding` is read when it
/// is UTF-8, in which pages and snippets are read).
const SNIPPETS_OPTIONS: &[&str] = &[
    "base_path",
    "check_paths",
    "auto_append",
    "dedent_subsections",
    "restrict_base_path",
    "url_download",
];

/// The markdown-include options Waymark reads (`encoding` when it is UTF-8).
const MARKDOWN_INCLUDE_OPTIONS: &[&str] = &[
    "base_path",
    "headingOffset",
    "inheritHeadingDepth",
    "throwException",
];

/// What Waymark does with a plugin of an MkDocs project.
enum PluginSupport {
    /// Waymark does its job (configured below).
    Applied,
    /// Its job needs doing nowhere here; the reason, reported at the info level.
    NothingToDo(&'static str),
    /// Waymark cannot do its job: what is missing from the site because of it.
    Missing(&'static str),
}

fn plugin_support(name: &str) -> PluginSupport {
    use PluginSupport::*;
    match name.trim_start_matches("material/") {
        "search" | "tags" | "redirects" | "section-index" | "exclude" | "literate-nav" | "blog"
        | "awesome-pages"
        | "meta" | "git-revision-date-localized" | "git-revision-date" => Applied,
        "offline" | "privacy" => NothingToDo("Waymark's sites load nothing from other hosts and work from disk already"),
        "minify" | "optimize" => NothingToDo("Waymark writes compact pages itself; images are copied as they are"),
        "mike" => NothingToDo("versioned deployment happens after the build; Waymark builds one version"),
        "autorefs" => Missing("cross-references like `[title][identifier]` to headings of other pages are not resolved"),
        "mkdocstrings" => Missing("`::: identifier` blocks stay literal: no API reference is generated"),
        "gen-files" => Missing("the pages its scripts would generate are missing"),
        "social" => Missing("no social cards are generated"),
        "glightbox" => Applied,
        "llmstxt" => Applied,
        "git-committers" => Missing("contributors are not listed on pages"),
        _ => Missing("the site is built without it"),
    }
}

/// Top-level keys understood here, or harmless to ignore.
const KNOWN_KEYS: &[&str] = &[
    "site_name",
    "site_url",
    "site_description",
    "site_author",
    "copyright",
    "docs_dir",
    "site_dir",
    "repo_url",
    "repo_name",
    "edit_uri",
    "edit_uri_template",
    "nav",
    "theme",
    "extra",
    "extra_css",
    "extra_javascript",
    "markdown_extensions",
    "plugins",
    "validation",
    "INHERIT",
    "hooks",
    "use_directory_urls",
    "strict",
    "dev_addr",
    "watch",
    "remote_branch",
    "remote_name",
    "exclude_docs",
    "not_in_nav",
    "draft_docs",
];

pub fn parse(text: &str, file: &Path, project_dir: &Path) -> Result<Config, Diagnostics> {
    let name = crate::diag::display_path(file, project_dir);
    let mut problems = Diagnostics::new();
    let mut files = Vec::new();
    let root = read_yaml(text, &name, file, 0, &mut problems, &mut files)
        .ok_or_else(|| problems.clone())?;
    read(root, files, problems, text, file, project_dir)
}

/// Reads settings written in another format (`zensical.toml`) as those of an mkdocs.yml;
/// `text` is the file they were read from, where problems are located.
pub(super) fn from_settings(
    root: Mapping,
    text: &str,
    file: &Path,
    project_dir: &Path,
) -> Result<Config, Diagnostics> {
    let name = crate::diag::display_path(file, project_dir);
    let files = vec![(name, text.to_string())];
    read(root, files, Diagnostics::new(), text, file, project_dir)
}

/// Reads the settings `root`, merged from `files` (the configuration file `file`, whose
/// `text` it is, first), into a [`Config`]; `problems` are those found while reading the
/// files.
fn read(
    root: Mapping,
    files: Vec<(PathBuf, String)>,
    problems: Diagnostics,
    text: &str,
    file: &Path,
    project_dir: &Path,
) -> Result<Config, Diagnostics> {
    let name = crate::diag::display_path(file, project_dir);
    let mut r = Reader {
        root,
        files,
        name,
        text,
        problems,
        warnings: Vec::new(),
        cannot_run: Vec::new(),
        section_pages: SectionPages::None,
    };
    let Some(title) = r.string("site_name") else {
        r.problems.push(
            Diagnostic::error(format!("{} has no `site_name`", r.name.display()))
                .in_file(&r.name)
                .with_hint(match file.extension().is_some_and(|e| e == "toml") {
                    true => "add `site_name = \"My guide\"` under `[project]`",
                    false => "add `site_name: My guide`",
                }),
        );
        return Err(r.problems);
    };
    r.unknown_keys_and_hooks();
    let docs_dir = r.string("docs_dir").unwrap_or_else(|| "docs".into());
    let (mut theme_settings, theme_problems) = super::mkdocs_theme::read(
        &r.root,
        project_dir,
        &project_dir.join(&docs_dir),
        &|key, message, hint| r.warn(key, message, hint),
    );
    for problem in theme_problems {
        match problem.is_error() {
            true => r.problems.push(problem),
            false => r.warnings.push(problem),
        }
    }
    r.refuse_unsafe_urls();
    // Zensical's extensions that stand for plugins are read as those plugins.
    let (zensical_plugins, extensions): (Vec<_>, Vec<_>) =
        named_entries(r.root.get("markdown_extensions"))
            .into_iter()
            .partition(|(name, _)| super::zensical::plugin_named_by(name).is_some());
    let mut snippets = r.extensions(&extensions, project_dir, &docs_dir);
    let (mut markdown, not_followed) = super::extensions::MarkdownOptions::mkdocs(&extensions);
    for setting in not_followed {
        let warning = r.extension_warning(&setting.extension, setting.message, setting.hint);
        r.warnings.push(warning);
    }
    if markdown.math {
        r.leave_out_math_scripts(&mut theme_settings.extra_javascript);
    }
    let mut plugin_entries = named_entries(r.root.get("plugins"));
    plugin_entries.extend(
        zensical_plugins.into_iter().filter_map(|(name, options)| {
            Some((super::zensical::plugin_named_by(&name)?, options))
        }),
    );
    r.section_pages = section_pages(&plugin_entries, &theme_features(&r.root));
    let plugins = r.plugins(&plugin_entries, &markdown);
    markdown.typeset = plugins.typeset;
    snippets.macro_include_dir = plugins
        .macros_include_dir
        .as_deref()
        .and_then(|dir| r.macro_include_dir(dir, project_dir, &docs_dir));
    snippets.macros_by_default = plugins.macros_by_default;
    if let Some(block) = plugins.macros_block {
        snippets.macro_block = block;
    }
    snippets.include_markdown = plugins
        .include_markdown
        .map(|defaults| super::IncludeMarkdown {
            docs_dir: project_dir.join(&docs_dir),
            defaults,
        });
    let (presentation, presentation_problems) =
        super::presentation::from_mkdocs(&r.root, &plugin_entries);
    for (message, hint) in presentation_problems {
        let warning = r.warn("plugins", message, &hint);
        r.warnings.push(warning);
    }
    let writers: Vec<&str> = r
        .cannot_run
        .iter()
        .map(String::as_str)
        .filter(|what| !what.starts_with("the extension"))
        .collect();
    snippets.written_by = (!writers.is_empty()).then(|| writers.join(", "));
    let strict = r.strict();
    let nav = r.nav(plugins.literate_nav.is_some());
    let (exclude, drafts, not_in_nav) = r.file_patterns(&plugins.exclude_globs);
    let language = r.language();
    let print = super::print_setting(r.print());
    let site_url = r.string("site_url").filter(|u| !u.is_empty()).map(|u| {
        if u.ends_with('/') {
            u
        } else {
            format!("{u}/")
        }
    });
    let extra = r
        .root
        .get("extra")
        .and_then(|v| serde_json::to_value(v).ok())
        .unwrap_or(serde_json::Value::Object(Default::default()));
    if r.problems.has_errors() {
        return Err(r.problems);
    }
    // What reading the YAML found that does not stop the build (keys written twice).
    let mut warnings = r.warnings;
    warnings.extend(r.problems);
    let string = |key: &str| r.root.get(key).and_then(Value::as_str).map(str::to_string);
    Ok(Config {
        kind: ProjectKind::MkDocs,
        project_dir: project_dir.to_path_buf(),
        config_file: file.to_path_buf(),
        config_text: text.to_string(),
        title,
        description: string("site_description").unwrap_or_default(),
        right_to_left: super::is_right_to_left(&language),
        authors: string("site_author").into_iter().collect(),
        language,
        src_dir: project_dir.join(docs_dir),
        output_dir: project_dir.join(string("site_dir").unwrap_or_else(|| "site".into())),
        site_url,
        site_path: None,
        theme_dir: None,
        edit_url_template: edit_url_template(
            string("edit_uri_template"),
            string("edit_uri"),
            string("repo_url").as_deref(),
        ),
        repo_url: string("repo_url"),
        announcement: None,
        nav,
        extra,
        features: theme_features(&r.root),
        redirects: plugins.redirects,
        validation: validation(r.root.get("validation")),
        strict,
        exclude,
        drafts,
        not_in_nav,
        include_drafts: false,
        literate_nav: plugins.literate_nav,
        awesome_pages: plugins.awesome_pages,
        notebooks: plugins.notebooks,
        search_exclude: plugins.search_exclude,
        sitemap: plugins.sitemap,
        lightbox: plugins.lightbox,
        llms_txt: plugins.llms_txt,
        i18n: plugins.i18n,
        translations: None,
        directory_urls: r
            .root
            .get("use_directory_urls")
            .and_then(Value::as_bool)
            .unwrap_or(true),
        tags_index: plugins.tags_index,
        material: plugins.material,
        search: plugins.search,
        print: print.0,
        print_max_pages: print.1,
        // MkDocs builds a `404.md` as a page like any other.
        not_found_page: None,
        snippets,
        markdown,
        allowed_outside: allowed_outside(&r.root, project_dir),
        theme_settings,
        presentation,
        mdbook: None,
        warnings,
    })
}

/// An mkdocs.yml being read: its settings, merged over those it inherits, and what was
/// found wrong with them so far.
struct Reader<'t> {
    root: Mapping,
    /// Every file read, this one first and then those it inherits from: a setting is
    /// reported in the first of them that writes it, which is where its value came from.
    files: Vec<(PathBuf, String)>,
    /// The configuration file as diagnostics name it.
    name: PathBuf,
    text: &'t str,
    problems: Diagnostics,
    warnings: Vec<Diagnostic>,
    /// What this project runs under MkDocs that Waymark cannot: the pages and anchors it
    /// would make are missing here.
    cannot_run: Vec<String>,
    /// Which page of a `nav` section is its own.
    section_pages: SectionPages,
}

/// What the `plugins` setting asks of Waymark.
struct Plugins {
    redirects: Vec<Redirect>,
    tags_index: bool,
    material: super::MaterialPlugins,
    exclude_globs: Vec<String>,
    literate_nav: Option<LiterateNav>,
    awesome_pages: Option<super::AwesomePages>,
    /// mkdocs-static-i18n's languages.
    i18n: Option<super::i18n::I18n>,
    search: bool,
    /// The macros plugin's `include_dir` (`Some("")` for its default, the docs folder).
    macros_include_dir: Option<String>,
    /// The macros plugin's `render_by_default`.
    macros_by_default: bool,
    /// The macros plugin's block delimiters, where it sets its own.
    macros_block: Option<(String, String)>,
    /// The include-markdown plugin's defaults for its directives.
    include_markdown: Option<super::IncludeDefaults>,
    /// mkdocs-jupyter's notebooks.
    notebooks: Option<super::jupyter::Notebooks>,
    /// mkdocs-exclude-search's pages.
    search_exclude: Option<super::exclude_search::SearchExclude>,
    /// The glightbox plugin's settings.
    lightbox: Option<super::Lightbox>,
    /// Whether `sitemap.xml` is written (the no-sitemap plugin says not).
    sitemap: bool,
    /// mkdocs-llmstxt's settings.
    llms_txt: Option<super::llms_txt::LlmsTxt>,
    /// Material's typeset plugin: headings keep their markup in the table of contents.
    typeset: bool,
}

impl Reader<'_> {
    fn string(&self, key: &str) -> Option<String> {
        self.root
            .get(key)
            .and_then(Value::as_str)
            .map(str::to_string)
    }

    /// The text of `file`, one of the files read (mkdocs.yml and the ones it inherits).
    fn text_of(&self, file: &Path) -> &str {
        self.files
            .iter()
            .find(|(name, _)| *name == file)
            .map_or(self.text, |(_, text)| text.as_str())
    }

    /// The file and line of the setting `key`: a top-level key, or a dotted path to a
    /// nested one (`theme.font`), found where zensical.toml has a table for it and
    /// otherwise at its top-level key.
    fn place(&self, key: &str) -> (PathBuf, Location) {
        let top = key.split('.').next().unwrap_or(key);
        let line_of = |text: &str, key: &str| text.lines().position(|line| sets(line, key));
        [key, top]
            .iter()
            .find_map(|key| {
                self.files.iter().find_map(|(name, text)| {
                    let line = line_of(text, key)? as u32 + 1;
                    Some((name.clone(), Location::line_in_text(text, line)))
                })
            })
            .unwrap_or_else(|| (self.name.clone(), Location::line_in_text(self.text, 1)))
    }

    /// Math is drawn at build time, so the scripts that would draw it in the browser
    /// (MathJax, KaTeX, and the project's file that sets them up, which expects Material's
    /// own scripts) have nothing to do; those from other hosts would also make the site
    /// depend on them. They are left out, each with a note at the info level.
    fn leave_out_math_scripts(&mut self, scripts: &mut Vec<super::mkdocs_theme::Script>) {
        let (math, kept): (Vec<_>, Vec<_>) = std::mem::take(scripts).into_iter().partition(|s| {
            let src = s.src.to_ascii_lowercase();
            ["mathjax", "katex"].iter().any(|name| src.contains(name))
        });
        *scripts = kept;
        for script in math {
            let note = self.warn(
                "extra_javascript",
                format!("`{}` is left out: Waymark draws math when it builds the site (pymdownx.arithmatex), as MathML that browsers show without scripts", script.src),
                "remove it from `extra_javascript`, or keep it for `mkdocs build`; Waymark does not need it",
            );
            self.warnings
                .push(note.with_severity(crate::diag::Severity::Info));
        }
    }

    fn warn(&self, key: &str, message: String, hint: &str) -> Diagnostic {
        let (file, location) = self.place(key);
        Diagnostic::warning(message)
            .in_file(file)
            .at(location)
            .with_hint(hint.to_string())
    }

    /// Where a plugin is named: in the `plugins` of the first file that has one.
    fn plugin_at(&self, plugin: &str) -> (PathBuf, Location) {
        self.entry_at("plugins", plugin)
    }

    /// Where `needle` is first written after the plugin `plugin` is named (or the plugin's
    /// place, when it is not).
    fn after_plugin(&self, plugin: &str, needle: &str) -> (PathBuf, Location) {
        let (file, at) = self.plugin_at(plugin);
        let text = self.text_of(&file);
        let line_start: usize = text
            .split_inclusive('\n')
            .take(at.line.saturating_sub(1) as usize)
            .map(str::len)
            .sum();
        match text[line_start..].find(needle) {
            Some(offset) => {
                let location = Location::in_text(text, line_start + offset, needle.len());
                (file, location)
            }
            None => (file, at),
        }
    }

    /// A warning located where the plugin `plugin` is named.
    fn plugin_warning(
        &self,
        plugin: &str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Diagnostic {
        let (file, location) = self.plugin_at(plugin);
        Diagnostic::warning(message)
            .in_file(file)
            .at(location)
            .with_hint(hint.into())
    }

    /// A warning located where the Markdown extension `extension` is named.
    fn extension_warning(&self, extension: &str, message: String, hint: &str) -> Diagnostic {
        let (file, location) = self.entry_at("markdown_extensions", extension);
        Diagnostic::warning(message)
            .in_file(file)
            .at(location)
            .with_hint(hint.to_string())
    }

    /// Where `entry` of the list or table `setting` (`plugins`, `markdown_extensions`) is
    /// named, in the first file that sets it: in YAML as a list item (`- name`) or a
    /// mapping key (`name:`), not inside a comment; in zensical.toml as a table
    /// (`[project.setting.name]`), a quoted list item, or, for a plugin, the Zensical
    /// extension that stands for it (`[project.markdown_extensions.zensical.extensions.name]`).
    fn entry_at(&self, setting: &str, entry: &str) -> (PathBuf, Location) {
        let (file, at) = self.place(setting);
        let text = self.text_of(&file);
        let as_extension = super::zensical::extension_naming(entry);
        let found = if file.extension().is_some_and(|e| e == "toml") {
            let table = |path: &str| {
                text.match_indices(path)
                    .find(|(i, _)| text[i + path.len()..].starts_with([']', '.']))
                    .map(|(i, _)| i + path.len() - entry.len())
            };
            let list = &text[text.find(&format!("{setting} =")).unwrap_or(text.len())..];
            table(&format!("{setting}.{entry}"))
                .or_else(|| {
                    list.find(&format!("\"{entry}\""))
                        .map(|i| text.len() - list.len() + i + 1)
                })
                // A plugin set as Zensical's extension of its name.
                .or_else(|| table(&as_extension))
        } else {
            let start = text.find(&format!("\n{setting}:")).map_or(0, |i| i + 1);
            let section = &text[start..];
            section
                .find(&format!("- {entry}"))
                .map(|i| start + i + 2)
                .or_else(|| section.find(&format!(" {entry}:")).map(|i| start + i + 1))
                .or_else(|| {
                    text.find(&as_extension)
                        .map(|i| i + as_extension.len() - entry.len())
                })
        };
        let location = found.map_or(at, |offset| Location::in_text(text, offset, entry.len()));
        (file, location)
    }

    fn unknown_keys_and_hooks(&mut self) {
        for key in self.root.keys().filter_map(Value::as_str) {
            if !KNOWN_KEYS.contains(&key) {
                self.warnings.push(self.warn(
                    key,
                    format!("`{key}` in {} is not used by Waymark", self.name.display()),
                    "remove it, or ignore this warning",
                ));
            }
        }
        if self.root.contains_key("hooks") {
            self.cannot_run.push("its hooks".into());
            self.warnings.push(self.warn(
                "hooks",
                "`hooks` cannot run: Waymark does not run Python code".into(),
                "the site is built without them",
            ));
        }
    }

    /// `extra.waymark.print`: whether the project says the printable guide is written.
    fn print(&mut self) -> Option<bool> {
        match waymark_setting(&self.root, "print") {
            None => None,
            Some(Value::Bool(on)) => Some(*on),
            Some(_) => {
                let warning = self.warn(
                    "extra",
                    "`extra.waymark.print` must be true or false; the default applies".into(),
                    "write `print: false` under `extra: waymark:` to turn it off",
                );
                self.warnings.push(warning);
                None
            }
        }
    }

    fn refuse_unsafe_urls(&mut self) {
        for key in ["repo_url", "edit_uri", "edit_uri_template", "site_url"] {
            let problem = self
                .string(key)
                .and_then(|url| super::unsafe_url(&format!("`{key}`"), &url));
            if let Some(problem) = problem {
                let (file, location) = self.place(key);
                self.problems.push(
                    Diagnostic::error(problem)
                        .in_file(file)
                        .at(location)
                        .with_hint(super::UNSAFE_URL_HINT),
                );
            }
        }
    }

    /// Names the extensions Waymark cannot render; the snippets options.
    fn extensions(
        &mut self,
        extensions: &[(String, Mapping)],
        project_dir: &Path,
        docs_dir: &str,
    ) -> Snippets {
        let mut snippets = Snippets::in_project(project_dir, false);
        for (extension, options) in extensions {
            let short = extension
                .strip_prefix("markdown.extensions.")
                .unwrap_or(extension);
            if extension == "material.extensions.preview" {
                // It marks links for Material's previews on hover; it makes no content.
                self.warnings.push(self.extension_warning(
                    extension,
                    format!("Markdown extension `{extension}` is not applied: links show no preview of the page they lead to"),
                    "the links work as written; remove it, or ignore this warning",
                ));
            } else if !KNOWN_EXTENSIONS.contains(&short) {
                self.cannot_run.push(format!("the extension `{extension}`"));
                self.warnings.push(self.extension_warning(
                    extension,
                    format!("Markdown extension `{extension}` is not supported"),
                    "its syntax is left as written",
                ));
            }
            if extension == "pymdownx.snippets" {
                if let Some(base) = options.get("base_path") {
                    snippets.base_paths = super::strings(Some(base))
                        .iter()
                        .map(|p| match p.strip_prefix(RELATIVE_TO_DOCS) {
                            Some(rest) => project_dir
                                .join(docs_dir)
                                .join(rest.trim_start_matches('/')),
                            None => project_dir.join(p),
                        })
                        .collect();
                }
                let flag = |name: &str| options.get(name).and_then(Value::as_bool) == Some(true);
                snippets.check_paths = flag("check_paths");
                snippets.dedent_subsections = flag("dedent_subsections");
                snippets.url_download = flag("url_download");
                snippets.auto_append = super::strings(options.get("auto_append"));
                self.missing_auto_append(&mut snippets, project_dir);
                self.unread_options(
                    extension,
                    options,
                    SNIPPETS_OPTIONS,
                    "Waymark reads `base_path`, `check_paths`, `auto_append` and `dedent_subsections`",
                );
            }
            if extension == "markdown_include.include" {
                let base = options
                    .get("base_path")
                    .and_then(Value::as_str)
                    .unwrap_or(".");
                let flag = |name: &str| options.get(name).and_then(Value::as_bool) == Some(true);
                snippets.markdown_include = self
                    .folder_where_mkdocs_runs(
                        base,
                        project_dir,
                        "markdown_extensions",
                        "markdown-include's `base_path`",
                    )
                    .map(|base| super::MarkdownInclude {
                        base,
                        heading_offset: options
                            .get("headingOffset")
                            .and_then(Value::as_u64)
                            .unwrap_or(0) as usize,
                        inherit_heading_depth: flag("inheritHeadingDepth"),
                        missing_is_error: flag("throwException"),
                    });
                self.unread_options(
                    extension,
                    options,
                    MARKDOWN_INCLUDE_OPTIONS,
                    "Waymark reads `base_path`, `headingOffset`, `inheritHeadingDepth` and `throwException`",
                );
            }
        }
        snippets
    }

    /// Files of pymdownx.snippets' `auto_append` that no base folder has: named once here
    /// (an error with `check_paths`, as MkDocs stops; otherwise a warning, and the file
    /// is left out, as MkDocs leaves it out), not once on every page.
    fn missing_auto_append(&mut self, snippets: &mut Snippets, project_dir: &Path) {
        let bases = snippets.base_folders(project_dir);
        let is_missing = |file: &String| {
            !file.contains("://") && !bases.iter().any(|base| base.join(file).is_file())
        };
        let missing: Vec<String> = snippets
            .auto_append
            .iter()
            .filter(|f| is_missing(f))
            .cloned()
            .collect();
        for file in &missing {
            let message = format!(
                "pymdownx.snippets' `auto_append` file `{file}` is not in a snippet base folder"
            );
            let (problem, hint) = match snippets.check_paths {
                true => (Diagnostic::error(message), "create it, or take it out of `auto_append`"),
                false => (
                    Diagnostic::warning(message),
                    "it is appended to no page, as MkDocs appends it to none (pymdownx.snippets without `check_paths`)",
                ),
            };
            let (file_name, _) = self.place("markdown_extensions");
            let text = self.text_of(&file_name);
            let problem = at_first(problem.in_file(&file_name), text, file).with_hint(hint);
            if snippets.check_paths {
                self.problems.push(problem);
            } else {
                self.warnings.push(problem);
            }
        }
        snippets.auto_append.retain(|file| !missing.contains(file));
    }

    /// One warning naming the options of `extension` that are not among `read` (an
    /// `encoding` of UTF-8 is read: pages and included files are UTF-8).
    fn unread_options(&mut self, extension: &str, options: &Mapping, read: &[&str], hint: &str) {
        let is_utf8 = |value: &Value| value.as_str().is_some_and(super::names_utf8);
        let unread: Vec<&str> = options
            .iter()
            .filter(|(key, value)| !(key.as_str() == Some("encoding") && is_utf8(value)))
            .filter_map(|(key, _)| key.as_str())
            .filter(|key| !read.contains(key))
            .collect();
        if !unread.is_empty() {
            self.warnings.push(self.warn(
                "markdown_extensions",
                format!(
                    "{extension}: the options `{}` are not used by Waymark",
                    unread.join("`, `")
                ),
                hint,
            ));
        }
    }

    /// What each plugin asks: applied, nothing to do (said at the info level), or named
    /// in one warning saying what the site lacks without it.
    fn plugins(
        &mut self,
        entries: &[(String, Mapping)],
        markdown: &super::extensions::MarkdownOptions,
    ) -> Plugins {
        let mut found = Plugins {
            redirects: Vec::new(),
            tags_index: false,
            material: super::MaterialPlugins::default(),
            exclude_globs: Vec::new(),
            literate_nav: None,
            awesome_pages: None,
            i18n: None,
            // MkDocs enables its search plugin when `plugins` is not given at all.
            search: self.root.get("plugins").is_none()
                || entries.iter().any(|(name, options)| {
                    name == "search"
                        && options.get("enabled").and_then(Value::as_bool) != Some(false)
                }),
            macros_include_dir: None,
            macros_by_default: true,
            macros_block: None,
            include_markdown: None,
            notebooks: None,
            search_exclude: None,
            lightbox: None,
            sitemap: true,
            llms_txt: None,
            typeset: false,
        };
        for (plugin, options) in entries {
            match plugin.trim_start_matches("material/") {
                own @ ("tags" | "blog" | "meta")
                    if options.get("enabled").and_then(Value::as_bool) != Some(false) =>
                {
                    found.tags_index |= own == "tags";
                    let ignored = super::mkdocs_plugins::read(own, options, &mut found.material);
                    if !ignored.is_empty() {
                        self.warnings.push(self.plugin_warning(
                            plugin,
                            format!(
                                "plugin `{own}`: the options `{}` are not used by Waymark",
                                ignored.join("`, `")
                            ),
                            "the plugin works with its defaults for these",
                        ));
                    }
                }
                "redirects" => {
                    if let Some(Value::Mapping(map)) = options.get("redirect_maps") {
                        for (from, to) in map {
                            if let (Some(from), Some(to)) = (from.as_str(), to.as_str()) {
                                match redirect_problem(from, to) {
                                    Some((needle, problem, hint)) => self.problems.push(
                                        at_first(
                                            Diagnostic::error(problem).in_file(&self.name),
                                            self.text,
                                            needle,
                                        )
                                        .with_hint(hint),
                                    ),
                                    None => found.redirects.push(Redirect {
                                        from: from.to_string(),
                                        to: to.to_string(),
                                    }),
                                }
                            }
                        }
                    }
                }
                "exclude" => found.exclude_globs = super::strings(options.get("glob")),
                "macros" => {
                    found.macros_by_default = options
                        .get("render_by_default")
                        .and_then(Value::as_bool)
                        .unwrap_or(true);
                    let setting = |name: &str, default: &str| {
                        let value = options.get(name).and_then(Value::as_str);
                        value.unwrap_or(default).to_string()
                    };
                    found.macros_block = Some((
                        setting("j2_block_start_string", "{%"),
                        setting("j2_block_end_string", "%}"),
                    ));
                    found.macros_include_dir = Some(
                        options
                            .get("include_dir")
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_string(),
                    );
                    self.cannot_run.push("the plugin `macros`".to_string());
                    self.warnings.push(self.plugin_warning(
                        plugin,
                        "plugin `macros` is applied to `{% include %}` lines only",
                        "a line `{% include 'file' %}` puts the file from its `include_dir` in place, and `{% raw %}` tags are taken out; other `{{ ... }}` and `{% ... %}` in pages stay literal",
                    ));
                }
                "include-markdown" => {
                    found.include_markdown = Some(self.include_markdown(plugin, options))
                }
                "i18n" => found.i18n = self.i18n(plugin, options),
                "mkdocs-jupyter" => {
                    found.notebooks = Some(self.notebooks(plugin, options, markdown))
                }
                "no-sitemap" => found.sitemap = false,
                "typeset" => {
                    found.typeset = options.get("enabled").and_then(Value::as_bool) != Some(false)
                }
                "llmstxt" => {
                    let site_url = self.string("site_url").filter(|url| !url.is_empty());
                    let place = |needle: &str| self.after_plugin(plugin, needle);
                    let (settings, problems) =
                        super::llms_txt::read(options, site_url.as_deref(), &place);
                    self.warnings.extend(problems);
                    found.llms_txt = settings;
                }
                // With `manual`, only images an author wraps in a `glightbox` link open
                // enlarged: none is wrapped here.
                "glightbox" if options.get("manual").and_then(Value::as_bool) != Some(true) => {
                    found.lightbox = Some(super::Lightbox {
                        skip_classes: super::strings(options.get("skip_classes")),
                        auto_caption: options.get("auto_caption").and_then(Value::as_bool)
                            == Some(true),
                    });
                }
                "exclude-search" => {
                    let (exclude, not_followed) = super::exclude_search::read(options);
                    if !not_followed.sections.is_empty() {
                        self.warnings.push(self.plugin_warning(
                            plugin,
                            format!(
                                "plugin `exclude-search`: the sections `{}` stay in the search index",
                                not_followed.sections.join("`, `")
                            ),
                            "Waymark leaves whole pages out of the index, not sections of them; give the page without `#...`, or `search: {exclude: true}` in its front-matter",
                        ));
                    }
                    for (pattern, why) in &not_followed.invalid {
                        self.warnings.push(self.plugin_warning(
                            plugin,
                            format!("plugin `exclude-search`: `{pattern}` is not a valid pattern ({why}); it leaves no page out"),
                            super::patterns::FNMATCH_HINT,
                        ));
                    }
                    found.search_exclude = Some(exclude);
                }
                "awesome-pages" => {
                    found.awesome_pages = Some(super::AwesomePages {
                        filename: options
                            .get("filename")
                            .and_then(Value::as_str)
                            .unwrap_or(".pages")
                            .to_string(),
                        collapse_single_pages: options
                            .get("collapse_single_pages")
                            .and_then(Value::as_bool)
                            .unwrap_or(false),
                    })
                }
                "literate-nav" => {
                    found.literate_nav = Some(LiterateNav {
                        nav_file: options
                            .get("nav_file")
                            .and_then(Value::as_str)
                            .unwrap_or("SUMMARY.md")
                            .to_string(),
                        implicit_index: options
                            .get("implicit_index")
                            .and_then(Value::as_bool)
                            .unwrap_or(false),
                    })
                }
                other => match plugin_support(other) {
                    PluginSupport::Applied => {}
                    PluginSupport::NothingToDo(why) => {
                        let (file, location) = self.plugin_at(other);
                        self.warnings.push(
                            Diagnostic::info(format!(
                                "plugin `{other}` has nothing to do here: {why}"
                            ))
                            .in_file(file)
                            .at(location),
                        )
                    }
                    PluginSupport::Missing(what) => {
                        self.cannot_run.push(format!("the plugin `{other}`"));
                        self.warnings.push(self.plugin_warning(
                            other,
                            format!("plugin `{other}` is not available in Waymark"),
                            what,
                        ));
                    }
                },
            }
        }
        found
    }

    /// mkdocs-static-i18n's languages; what of its settings is not applied is named in
    /// one warning.
    fn i18n(&mut self, plugin: &str, options: &Mapping) -> Option<super::i18n::I18n> {
        let (name, text) = (self.name.clone(), self.text);
        let rules = NavRules {
            folders: false,
            sections: self.section_pages,
        };
        let mut nav_problems = Diagnostics::new();
        let (i18n, problems) = super::i18n::read(options, &mut |items| {
            nav_entries(items, rules, &name, text, &mut nav_problems)
        });
        self.problems.extend(nav_problems);
        if !problems.is_empty() {
            self.warnings.push(self.plugin_warning(
                plugin,
                format!("plugin `i18n`: {}", problems.join("; ")),
                "each language is built in its folder with its navigation, words and search; these settings are left as they would be without the plugin",
            ));
        }
        i18n
    }

    /// mkdocs-jupyter's settings: which notebooks are pages, and what of them is shown.
    /// Patterns that are not valid and options Waymark does not apply are warnings.
    fn notebooks(
        &mut self,
        plugin: &str,
        options: &Mapping,
        markdown: &super::extensions::MarkdownOptions,
    ) -> super::jupyter::Notebooks {
        let (notebooks, invalid, unapplied) = super::jupyter::read(options, markdown);
        for pattern in invalid {
            self.warnings.push(self.plugin_warning(
                plugin,
                format!("plugin `mkdocs-jupyter`: the pattern {pattern}"),
                "it matches no file; write it as a glob such as `notebooks/*.ipynb`",
            ));
        }
        if !unapplied.is_empty() {
            self.warnings.push(self.plugin_warning(
                plugin,
                format!(
                    "plugin `mkdocs-jupyter`: the settings `{}` are not used by Waymark",
                    unapplied.join("`, `")
                ),
                "notebooks are shown with the outputs saved in them: Waymark does not run them",
            ));
        }
        notebooks
    }

    /// The include-markdown plugin's settings: the defaults of its directives' arguments;
    /// settings Waymark cannot apply are named in a warning.
    fn include_markdown(&mut self, plugin: &str, options: &Mapping) -> super::IncludeDefaults {
        let mut defaults = super::IncludeDefaults::default();
        let mut unread = Vec::new();
        for (key, value) in options {
            let Some(key) = key.as_str() else { continue };
            let flag = value.as_bool();
            let text = value.as_str().map(str::to_string);
            match (key, flag) {
                ("preserve_includer_indent", Some(flag)) => {
                    defaults.preserve_includer_indent = flag
                }
                ("dedent", Some(flag)) => defaults.dedent = flag,
                ("trailing_newlines", Some(flag)) => defaults.trailing_newlines = flag,
                ("rewrite_relative_urls", Some(flag)) => defaults.rewrite_relative_urls = flag,
                ("recursive", Some(flag)) => defaults.recursive = flag,
                // HTML comments around the text, which readers do not see.
                ("comments", Some(_)) => {}
                ("heading_offset", _) if value.as_i64().is_some() => {
                    defaults.heading_offset = value.as_i64().unwrap_or(0)
                }
                ("start", _) if text.is_some() => defaults.start = text,
                ("end", _) if text.is_some() => defaults.end = text,
                ("encoding", _) if text.as_deref().is_some_and(super::names_utf8) => {}
                _ => unread.push(key),
            }
        }
        if !unread.is_empty() {
            self.warnings.push(self.plugin_warning(
                plugin,
                format!(
                    "plugin `include-markdown`: the settings `{}` are not used by Waymark",
                    unread.join("`, `")
                ),
                "the directives are read with `{%` and `%}`, their paths as written, from local files",
            ));
        }
        defaults
    }

    /// The folder the macros plugin's `include_dir` names (the docs folder when empty).
    fn macro_include_dir(
        &mut self,
        dir: &str,
        project_dir: &Path,
        docs_dir: &str,
    ) -> Option<PathBuf> {
        if dir.is_empty() {
            return Some(project_dir.join(docs_dir));
        }
        let setting = "the macros plugin's `include_dir`";
        self.folder_where_mkdocs_runs(dir, project_dir, "plugins", setting)
    }

    /// The folder `dir` (named by `setting`, under the top-level `key`) relative to where
    /// MkDocs runs, as plugins and extensions read it: the folder of mkdocs.yml, or one
    /// above it within the repository (`mkdocs build -f docs/mkdocs.yml` from its root).
    fn folder_where_mkdocs_runs(
        &mut self,
        dir: &str,
        project_dir: &Path,
        key: &str,
        setting: &str,
    ) -> Option<PathBuf> {
        let project = project_dir
            .canonicalize()
            .unwrap_or_else(|_| project_dir.to_path_buf());
        let repository = super::repository(project_dir);
        let found = project
            .ancestors()
            .take_while(|folder| folder.starts_with(&repository))
            .map(|folder| folder.join(dir))
            .find(|candidate| candidate.is_dir());
        if found.is_none() {
            let warning = self.warn(
                key,
                format!("{setting} `{dir}` is not a folder"),
                "it is looked for from the folder of mkdocs.yml and the folders above it up to the repository's root",
            );
            self.warnings.push(warning);
        }
        found
    }

    /// `strict: true`, unless the project relies on code Waymark cannot run.
    fn strict(&mut self) -> bool {
        let wants_strict = self
            .root
            .get("strict")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let strict = wants_strict && self.cannot_run.is_empty();
        if wants_strict && !strict {
            self.warnings.push(self.warn(
                "strict",
                format!(
                    "`strict: true` is not applied: {} cannot run here, so pages, anchors and text they would make are missing and would fail the build",
                    self.cannot_run.join(", ")
                ),
                "`waymark build --strict` applies it anyway",
            ));
        }
        strict
    }

    /// `nav`; without it, with literate-nav (`folders`), the docs folder's nav file.
    fn nav(&mut self, folders: bool) -> Option<Vec<NavEntry>> {
        let rules = NavRules {
            folders,
            sections: self.section_pages,
        };
        match self.root.get("nav").and_then(Value::as_sequence) {
            Some(entries) => Some(nav_entries(
                entries,
                rules,
                &self.name,
                self.text,
                &mut self.problems,
            )),
            None if folders => Some(vec![NavEntry::Folder {
                path: String::new(),
                title: None,
            }]),
            None => None,
        }
    }

    /// `exclude_docs` (added to MkDocs' own exclusions of dotfiles and a `templates`
    /// folder, and to the exclude plugin's globs), `draft_docs` and `not_in_nav`.
    fn file_patterns(&mut self, exclude_globs: &[String]) -> (Patterns, Patterns, Patterns) {
        // The exclude plugin's globs match the whole path (`*` crosses folders), as a
        // gitignore line anchored at the docs folder does for paths with a slash.
        let anchored: Vec<String> = exclude_globs
            .iter()
            .map(|glob| {
                if glob.contains('/') {
                    format!("/{}", glob.trim_start_matches('/'))
                } else {
                    glob.clone()
                }
            })
            .collect();
        let defaults: Vec<&str> = [".*", "/templates/"]
            .into_iter()
            .chain(anchored.iter().map(String::as_str))
            .collect();
        (
            self.patterns("exclude_docs", &defaults),
            self.patterns("draft_docs", &[]),
            self.patterns("not_in_nav", &[]),
        )
    }

    fn patterns(&mut self, key: &str, defaults: &[&str]) -> Patterns {
        let text = self.string(key).unwrap_or_default();
        let (set, invalid) = Patterns::parse(defaults.iter().copied().chain(text.lines()));
        for (line, why) in invalid {
            self.warnings.push(self.warn(
                key,
                format!("`{key}` pattern `{line}` is not valid: {why}"),
                "the pattern is ignored; write it as in a .gitignore file",
            ));
        }
        set
    }

    /// `theme.language`, which must be a language tag.
    fn language(&mut self) -> String {
        let language = self
            .root
            .get("theme")
            .and_then(|theme| theme.get("language"))
            .and_then(Value::as_str)
            .unwrap_or("en")
            .to_string();
        if !super::is_language_tag(&language) {
            let (file, location) = self.place("theme");
            self.problems.push(
                Diagnostic::error(super::not_a_language(&language))
                    .in_file(file)
                    .at(location)
                    .with_hint(super::LANGUAGE_HINT),
            );
        }
        language
    }
}

/// Which page of a `nav` section is its own: the section-index plugin's rule, else
/// Material's with `navigation.indexes`, else none.
fn section_pages(plugins: &[(String, Mapping)], features: &[String]) -> SectionPages {
    let enabled = |(name, options): &(String, Mapping)| {
        name == "section-index" && options.get("enabled").and_then(Value::as_bool) != Some(false)
    };
    if plugins.iter().any(enabled) {
        SectionPages::FirstUntitled
    } else if features.iter().any(|f| f == "navigation.indexes") {
        SectionPages::IndexPage
    } else {
        SectionPages::None
    }
}

/// `theme.features`.
fn theme_features(root: &Mapping) -> Vec<String> {
    super::strings(root.get("theme").and_then(|theme| theme.get("features")))
}

/// The "Edit this page" address: `edit_uri_template`, or `edit_uri` joined to `repo_url`
/// unless it is a whole URL itself.
fn edit_url_template(
    template: Option<String>,
    edit_uri: Option<String>,
    repo_url: Option<&str>,
) -> Option<String> {
    template.or_else(|| {
        let edit_uri = edit_uri.filter(|uri| !uri.is_empty())?;
        let base = if edit_uri.starts_with("http") {
            ""
        } else {
            repo_url.unwrap_or_default()
        };
        let joined = format!(
            "{}/{}",
            base.trim_end_matches('/'),
            edit_uri.trim_start_matches('/')
        );
        Some(format!("{}/{{path}}", joined.trim_end_matches('/')))
    })
}

/// One of Waymark's own settings, which mkdocs.yml gives under `extra.waymark` (MkDocs
/// passes `extra` on without a warning).
fn waymark_setting<'a>(root: &'a Mapping, key: &str) -> Option<&'a Value> {
    root.get("extra")
        .and_then(|extra| extra.get("waymark"))
        .and_then(|waymark| waymark.get(key))
}

/// Waymark's own setting `allow_outside`: folders outside the project that symbolic
/// links may lead into.
fn allowed_outside(root: &Mapping, project_dir: &Path) -> Vec<PathBuf> {
    super::strings(waymark_setting(root, "allow_outside"))
        .iter()
        .map(|folder| project_dir.join(folder))
        .collect()
}

/// Parses YAML, resolves `!ENV` and `!!python/...` values, and merges the file named by
/// `INHERIT` underneath.
fn read_yaml(
    text: &str,
    name: &Path,
    file: &Path,
    depth: usize,
    problems: &mut Diagnostics,
    files: &mut Vec<(PathBuf, String)>,
) -> Option<Mapping> {
    files.push((name.to_path_buf(), text.to_string()));
    // The YAML reader drops `!!` tags it does not know, and with them the Python names that
    // slug settings give; as local tags they reach `resolve_tags` (written with as many
    // characters, so that columns in parse errors stay right).
    let value: Value = match crate::yaml::parse(&text.replace(PYTHON_TAG, LOCAL_PYTHON_TAG)) {
        Ok(parsed) => {
            for key in parsed.duplicates {
                // Only the settings' own lines are shown: the text is YAML configuration.
                let lines: Vec<&str> = text.lines().collect();
                let line = lines
                    .iter()
                    .rposition(|line| sets(line, &key))
                    .map_or(1, |i| i as u32 + 1);
                problems.push(
                    Diagnostic::warning(format!(
                        "`{key}` is written twice in {}; the last one is used, as MkDocs uses it",
                        name.display()
                    ))
                    .in_file(name)
                    .at(Location::line_in_text(text, line))
                    .with_hint("merge the two into one"),
                );
            }
            parsed.value
        }
        Err(crate::yaml::Error::TooLarge { limit }) => {
            problems.push(
                Diagnostic::error(format!(
                    "{}: its aliases (`*name`) expand to more than {} KB of text",
                    name.display(),
                    limit / 1024
                ))
                .in_file(name)
                .with_hint("write the repeated settings out"),
            );
            return None;
        }
        Err(crate::yaml::Error::Syntax(err)) => {
            let (message, position) = crate::diag::yaml_error(&err);
            let line = position.map_or(1, |(line, _)| line);
            problems.push(
                Diagnostic::error(format!("{} is not valid YAML: {message}", name.display()))
                    .in_file(name)
                    .at(Location::line_in_text(text, line)),
            );
            return None;
        }
    };
    let mut mapping = match resolve_tags(value) {
        Value::Mapping(mapping) => mapping,
        // An empty file that another inherits adds nothing, as MkDocs merges it (Asyncer's
        // `mkdocs.no-insiders.yml`).
        Value::Null if depth > 0 => Mapping::new(),
        _ => {
            problems.push(
                Diagnostic::error(format!("{} must be a mapping of settings", name.display()))
                    .in_file(name),
            );
            return None;
        }
    };
    if let Some(parent) = mapping.remove("INHERIT").as_ref().and_then(Value::as_str) {
        let parent_file = file.parent().unwrap_or(Path::new(".")).join(parent);
        if depth >= MAX_INHERIT_DEPTH {
            problems
                .push(Diagnostic::error("`INHERIT` chain is too deep (a cycle?)").in_file(name));
            return None;
        }
        let is_yaml = parent_file
            .extension()
            .is_some_and(|extension| extension == "yml" || extension == "yaml");
        // Only a YAML file's lines may be shown in an error's excerpt.
        let read = if is_yaml {
            super::read_settings_file(&parent_file).map_err(|err| err.to_string())
        } else {
            Err("it is not a `.yml` or `.yaml` file".to_string())
        };
        let parent_text = match read {
            Ok(text) => text,
            Err(why) => {
                problems.push(
                    Diagnostic::error(format!(
                        "`INHERIT` names `{parent}`, which cannot be read: {why}"
                    ))
                    .in_file(name)
                    .with_hint("name a YAML file; the path is relative to the file that inherits"),
                );
                return None;
            }
        };
        let parent_name = PathBuf::from(parent);
        let base = read_yaml(
            &parent_text,
            &parent_name,
            &parent_file,
            depth + 1,
            problems,
            files,
        )?;
        return Some(merge(base, mapping));
    }
    Some(mapping)
}

/// Whether `line` is where the top-level setting `key` is written: `key:` in YAML, and
/// `key =` or a table `[project.key]` (or one inside it) in zensical.toml.
fn sets(line: &str, key: &str) -> bool {
    let table = line
        .trim_start_matches('[')
        .strip_prefix("project.")
        .and_then(|header| header.strip_prefix(key));
    match table {
        Some(rest) => rest.starts_with(['.', ']']),
        None => line
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with([':', '='])),
    }
}

/// `child` over `base`, merging nested mappings key by key as MkDocs does.
fn merge(mut base: Mapping, child: Mapping) -> Mapping {
    for (key, value) in child {
        let merged = match (base.remove(&key), value) {
            (Some(Value::Mapping(b)), Value::Mapping(c)) => Value::Mapping(merge(b, c)),
            (_, value) => value,
        };
        base.insert(key, merged);
    }
    base
}

const PYTHON_TAG: &str = "!!python/";
const LOCAL_PYTHON_TAG: &str = "!python//";

/// `!relative $docs_dir`, kept until the docs folder is known.
const RELATIVE_TO_DOCS: &str = "$docs_dir";

/// `!ENV NAME`, `!ENV [NAME, OTHER, default]` become the first set variable (or the
/// default). `!!python/name:f` and `!!python/object/apply:f {kwds: ...}` name Python code:
/// they become `{python: "name:f", args: ...}`, which the few settings that Waymark can
/// follow (slug functions) read; the others take them as unset.
fn resolve_tags(value: Value) -> Value {
    match value {
        Value::Tagged(tagged) => {
            let tag = tagged.tag.to_string();
            if tag == "!ENV" {
                let candidates: Vec<Value> = match tagged.value {
                    Value::Sequence(items) => items,
                    other => vec![other],
                };
                let last = candidates.len().saturating_sub(1);
                for (i, candidate) in candidates.iter().enumerate() {
                    match candidate.as_str().map(std::env::var) {
                        Some(Ok(set)) => return Value::String(set),
                        _ if i == last && candidates.len() > 1 => return candidate.clone(),
                        _ => {}
                    }
                }
                Value::Null
            } else if tag == "!relative" {
                // MkDocs' `!relative $config_dir` (or `$docs_dir`): a folder relative to the
                // project, as the settings that join paths to it read it.
                match tagged.value.as_str() {
                    Some("$config_dir") => Value::String(".".into()),
                    Some(RELATIVE_TO_DOCS) => Value::String(RELATIVE_TO_DOCS.into()),
                    // Without an argument: relative to each page, which no setting here reads.
                    _ => Value::Null,
                }
            } else if let Some((_, python)) = tag.split_once(&LOCAL_PYTHON_TAG[1..]) {
                let mut named = Mapping::new();
                named.insert("python".into(), python.into());
                named.insert("args".into(), resolve_tags(tagged.value));
                Value::Mapping(named)
            } else {
                Value::Null
            }
        }
        Value::Mapping(map) => {
            Value::Mapping(map.into_iter().map(|(k, v)| (k, resolve_tags(v))).collect())
        }
        Value::Sequence(items) => Value::Sequence(items.into_iter().map(resolve_tags).collect()),
        other => other,
    }
}

/// The entries of `plugins` or `markdown_extensions` with their options, in either of the
/// forms MkDocs accepts: a list (`- search`, `- toc: {permalink: true}`) or a mapping
/// (`search: {lang: en}`, `tags: {}`, `toc:` with no options).
fn named_entries(value: Option<&Value>) -> Vec<(String, Mapping)> {
    let entry = |name: &Value, options: &Value| {
        Some((
            name.as_str()?.to_string(),
            options.as_mapping().cloned().unwrap_or_default(),
        ))
    };
    match value {
        Some(Value::Sequence(items)) => items
            .iter()
            .filter_map(|item| match item {
                Value::String(name) => Some((name.clone(), Mapping::new())),
                Value::Mapping(map) => map.iter().next().and_then(|(k, v)| entry(k, v)),
                _ => None,
            })
            .collect(),
        Some(Value::Mapping(map)) => map.iter().filter_map(|(k, v)| entry(k, v)).collect(),
        _ => Vec::new(),
    }
}

/// MkDocs' `validation` settings over its defaults: `nav` and `links` tables, or the
/// shorthand that sets both (`validation: {not_found: warn}`).
fn validation(value: Option<&Value>) -> Validation {
    let mut validation = Validation::mkdocs();
    let Some(value) = value else {
        return validation;
    };
    let level = |v: Option<&Value>| match v.and_then(Value::as_str) {
        Some("warn") => Some(Level::Warn),
        Some("info") => Some(Level::Info),
        // `relative_to_docs` (absolute links): Waymark resolves them in the docs folder
        // and checks them like any other link.
        Some("ignore") | Some("relative_to_docs") => Some(Level::Ignore),
        _ => None,
    };
    let set = |slot: &mut Level, v: Option<&Value>| {
        if let Some(l) = level(v) {
            *slot = l;
        }
    };
    for section in [Some(value), value.get("links")] {
        let get = |key: &str| section.and_then(|s| s.get(key));
        set(&mut validation.not_found, get("not_found"));
        set(&mut validation.anchors, get("anchors"));
        set(&mut validation.absolute_links, get("absolute_links"));
        if let Some(setting) = get("absolute_links").and_then(Value::as_str) {
            validation.absolute_links_checked = setting == "relative_to_docs";
        }
        set(
            &mut validation.unrecognized_links,
            get("unrecognized_links"),
        );
    }
    for section in [Some(value), value.get("nav")] {
        let get = |key: &str| section.and_then(|s| s.get(key));
        set(&mut validation.omitted_files, get("omitted_files"));
        set(&mut validation.nav_not_found, get("not_found"));
    }
    validation
}

/// MkDocs' nav: `- page.md`, `- Title: page.md`, `- Title: https://...`, and
/// `- Section: [...]`, one of whose pages may be the section's own (see [`NavRules`]).
fn nav_entries(
    items: &[Value],
    rules: NavRules,
    name: &Path,
    text: &str,
    problems: &mut Diagnostics,
) -> Vec<NavEntry> {
    let folders = rules.folders;
    let mut entries = Vec::new();
    for item in items {
        match item {
            Value::String(path) => entries.push(link_or_page(None, path, folders)),
            Value::Mapping(map) if map.len() == 1 => {
                let (title, value) = map.iter().next().expect("one entry");
                let title = crate::yaml::key_text(title);
                match value {
                    Value::String(path) => entries.push(link_or_page(Some(title), path, folders)),
                    Value::Sequence(children) => {
                        let mut children = nav_entries(children, rules, name, text, problems);
                        let page = rules.sections.own_page(&mut children);
                        entries.push(NavEntry::Section {
                            title,
                            page,
                            children,
                        });
                    }
                    _ => problems.push(nav_problem(&title, name, text)),
                }
            }
            _ => problems.push(nav_problem(
                &serde_norway::to_string(item).unwrap_or_default(),
                name,
                text,
            )),
        }
    }
    entries
}

/// How a project's `nav` is read.
#[derive(Debug, Clone, Copy)]
struct NavRules {
    /// literate-nav: an entry naming a folder takes its navigation from its nav file.
    folders: bool,
    sections: SectionPages,
}

/// Which page of a `nav` section is the section's own, its label's link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SectionPages {
    /// mkdocs-section-index: the first entry, when it is a page without a title.
    FirstUntitled,
    /// Material's `navigation.indexes`: the first index page (`index.md`, `README.md`).
    IndexPage,
    /// Neither: the section is a label over its entries, as MkDocs shows it.
    None,
}

impl SectionPages {
    /// Takes the section's own page out of its `children`.
    fn own_page(self, children: &mut Vec<NavEntry>) -> Option<String> {
        let is_index = |path: &str| {
            let name = path.rsplit('/').next().unwrap_or(path);
            matches!(name.rsplit_once('.'), Some(("index" | "README", _)))
        };
        let at = match self {
            SectionPages::FirstUntitled => {
                matches!(children.first(), Some(NavEntry::Page { title: None, .. })).then_some(0)
            }
            SectionPages::IndexPage => children
                .iter()
                .position(|c| matches!(c, NavEntry::Page { path, .. } if is_index(path))),
            SectionPages::None => None,
        }?;
        match children.remove(at) {
            NavEntry::Page { path, .. } => Some(path),
            _ => None,
        }
    }
}

/// A nav entry for `target`: a link, a page, or with literate-nav (`folders`) a folder.
fn link_or_page(title: Option<String>, target: &str, folders: bool) -> NavEntry {
    if crate::model::links::is_external(target) {
        NavEntry::Link {
            title: title.unwrap_or_else(|| target.to_string()),
            url: target.to_string(),
        }
    } else if folders && target.ends_with('/') {
        NavEntry::Folder {
            path: target.trim_start_matches('/').to_string(),
            title,
        }
    } else {
        NavEntry::Page {
            path: target.trim_start_matches('/').to_string(),
            title,
        }
    }
}

/// What is wrong with a redirect of the redirects plugin, if anything: the text to point
/// at, the problem and a hint.
fn redirect_problem<'r>(from: &'r str, to: &'r str) -> Option<(&'r str, String, &'static str)> {
    let mut depth = 0usize;
    let climbs_out = from.starts_with('/')
        || from.split('/').any(|segment| match segment {
            ".." => match depth.checked_sub(1) {
                Some(up) => {
                    depth = up;
                    false
                }
                None => true,
            },
            "" | "." => false,
            _ => {
                depth += 1;
                false
            }
        });
    if climbs_out {
        return Some((
            from,
            format!("redirect from `{from}` is outside the docs folder"),
            "write the old page's path relative to the docs folder, e.g. `old/page.md`",
        ));
    }
    let problem = super::unsafe_url(&format!("the redirect from `{from}`"), to)?;
    Some((to, problem, super::UNSAFE_URL_HINT))
}

/// `diagnostic` pointing at the first place `needle` appears in `text`, if it does.
fn at_first(diagnostic: Diagnostic, text: &str, needle: &str) -> Diagnostic {
    match text.find(needle) {
        Some(offset) => diagnostic.at(Location::in_text(text, offset, needle.len())),
        None => diagnostic,
    }
}

fn nav_problem(what: &str, name: &Path, text: &str) -> Diagnostic {
    let what = what.trim();
    let problem = Diagnostic::error(format!(
        "nav entry `{what}` is neither a page, a link nor a section"
    ))
    .in_file(name);
    at_first(problem, text, what).with_hint(
        "write `- page.md`, `- Title: page.md`, `- Title: https://...` or `- Section: [...]`",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Config {
        parse(text, Path::new("/p/mkdocs.yml"), Path::new("/p"))
            .unwrap_or_else(|e| panic!("{}", e.render()))
    }

    #[test]
    fn maps_the_main_settings() {
        let config = read(
            "site_name: Guide\nsite_url: https://x.org/docs\ndocs_dir: src\nsite_dir: public\nrepo_url: https://git.x.org/g\nedit_uri: edit/main/src/\ntheme:\n  name: material\n  language: fi\n  features: [content.tabs.link]\nextra:\n  team: docs\n",
        );
        assert_eq!(config.title, "Guide");
        assert_eq!(config.site_url.as_deref(), Some("https://x.org/docs/"));
        assert_eq!(config.src_dir, Path::new("/p/src"));
        assert_eq!(config.output_dir, Path::new("/p/public"));
        assert_eq!(config.language, "fi");
        assert_eq!(config.features, ["content.tabs.link"]);
        assert_eq!(
            config.edit_url_template.as_deref(),
            Some("https://git.x.org/g/edit/main/src/{path}")
        );
        assert_eq!(config.extra["team"], "docs");
        assert!(config.warnings.is_empty(), "{:?}", config.warnings);
    }

    #[test]
    fn symlink_targets_outside_the_project_are_allowed_under_extra_waymark() {
        let config =
            read("site_name: G\nextra:\n  waymark:\n    allow_outside: [../shared, /srv/pages]\n");
        assert_eq!(
            config.allowed_outside,
            [Path::new("/p/../shared"), Path::new("/srv/pages")]
        );
        assert!(read("site_name: G\n").allowed_outside.is_empty());
    }

    #[test]
    fn the_printable_guide_is_on_unless_extra_waymark_turns_it_off() {
        assert!(read("site_name: G\n").print);
        assert!(!read("site_name: G\nextra:\n  waymark:\n    print: false\n").print);
        let config = read("site_name: G\nextra:\n  waymark:\n    print: maybe\n");
        assert!(config.print);
        assert_eq!(
            config.warnings[0].message,
            "`extra.waymark.print` must be true or false; the default applies"
        );
    }

    #[test]
    fn inherit_reads_only_regular_files() {
        // `/dev/zero` would never end; a folder is not a file either.
        for target in ["/dev/zero", "/"] {
            let problems = parse(
                &format!("site_name: Guide\nINHERIT: {target}\n"),
                Path::new("/p/mkdocs.yml"),
                Path::new("/p"),
            )
            .unwrap_err()
            .render();
            assert!(
                problems.contains(&format!("`INHERIT` names `{target}`, which cannot be read")),
                "{problems}"
            );
        }
    }

    #[test]
    fn theme_language_must_be_a_language_tag() {
        let problems = parse(
            "site_name: Guide\ntheme:\n  name: material\n  language: ../../x\n",
            Path::new("/p/mkdocs.yml"),
            Path::new("/p"),
        )
        .unwrap_err()
        .render();
        assert!(
            problems.contains("`../../x` is not a language tag")
                && problems.contains("mkdocs.yml:2"),
            "{problems}"
        );
    }

    #[test]
    fn nav_sections_take_their_untitled_first_entry_as_their_page_with_section_index() {
        let config = read("site_name: G\nplugins: [section-index]\nnav:\n  - index.md\n  - Guide:\n    - guide/overview.md\n    - Setup: guide/setup.md\n    - Status: https://status.x.org\n  - Again: index.md\n");
        assert_eq!(
            config.nav.unwrap(),
            vec![
                NavEntry::Page {
                    path: "index.md".into(),
                    title: None
                },
                NavEntry::Section {
                    title: "Guide".into(),
                    page: Some("guide/overview.md".into()),
                    children: vec![
                        NavEntry::Page {
                            path: "guide/setup.md".into(),
                            title: Some("Setup".into())
                        },
                        NavEntry::Link {
                            title: "Status".into(),
                            url: "https://status.x.org".into()
                        },
                    ],
                },
                NavEntry::Page {
                    path: "index.md".into(),
                    title: Some("Again".into())
                },
            ]
        );
    }

    #[test]
    fn nav_sections_take_an_index_page_with_navigation_indexes_and_none_without() {
        // Material's rule: the first index page of a section, wherever it stands, titled
        // or not; without the feature (or section-index), a section is a label, as
        // mkdocs-static-i18n's own docs show "Installation" under "Getting Started".
        let nav = "nav:\n  - Start:\n    - start/install.md\n    - Overview: start/index.md\n";
        let sections = |config: Config| match &config.nav.unwrap()[0] {
            NavEntry::Section { page, children, .. } => (page.clone(), children.len()),
            other => panic!("{other:?}"),
        };
        let indexes = read(&format!(
            "site_name: G\ntheme:\n  name: material\n  features: [navigation.indexes]\n{nav}"
        ));
        assert_eq!(sections(indexes), (Some("start/index.md".into()), 1));
        let plain = read(&format!("site_name: G\n{nav}"));
        assert_eq!(sections(plain), (None, 2));
    }

    #[test]
    fn materials_own_plugins_read_their_options_and_name_the_others() {
        let config = read(concat!(
            "site_name: S\nplugins:\n  material/blog:\n    blog_dir: news\n    pagination: false\n",
            "    post_date_format: full\n  tags:\n    tags_file: tags.md\n  meta: {}\n",
        ));
        let blog = config.material.blog.as_ref().expect("the blog plugin");
        assert_eq!(
            (blog.post_dir.as_str(), blog.authors_file.as_str()),
            ("news/posts", "news/.authors.yml")
        );
        assert_eq!(blog.per_page, usize::MAX);
        assert_eq!(config.material.tags_file.as_deref(), Some("tags.md"));
        assert_eq!(config.material.meta_file.as_deref(), Some(".meta.yml"));
        let messages: Vec<&str> = config.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            messages,
            ["plugin `blog`: the options `post_date_format` are not used by Waymark"]
        );
        let off = read("site_name: S\nplugins:\n  - blog:\n      enabled: false\n");
        assert!(off.material.blog.is_none());
    }

    #[test]
    fn env_tags_python_names_and_plugins() {
        std::env::set_var("WAYMARK_TEST_SITE_NAME", "From the environment");
        let config = read(concat!(
            "site_name: !ENV [WAYMARK_TEST_SITE_NAME, Fallback]\n",
            "site_description: !ENV [WAYMARK_TEST_UNSET_VARIABLE, Default text]\n",
            "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
            "  - pymdownx.snippets:\n      base_path: [includes]\n      auto_append: [includes/abbreviations.md]\n      dedent_subsections: true\n      encoding: UTF8\n      url_timeout: 5\n",
            "  - pymdownx.arithmatex\n  - pymdownx.progressbar\n",
            "plugins:\n  - search\n  - tags\n  - redirects:\n      redirect_maps:\n        old.md: new.md#part\n  - macros\n  - include-markdown:\n      encoding: utf8\n",
            "hooks:\n  - hooks/x.py\n",
        ));
        assert_eq!(config.title, "From the environment");
        assert_eq!(config.description, "Default text");
        assert_eq!(config.snippets.base_paths, [PathBuf::from("/p/includes")]);
        // No such file in this project: named in a warning and left out.
        assert!(config.snippets.auto_append.is_empty());
        assert!(config.snippets.dedent_subsections);
        assert!(config.tags_index);
        assert!(config.markdown.math);
        assert_eq!(
            config.redirects,
            [Redirect {
                from: "old.md".into(),
                to: "new.md#part".into()
            }]
        );
        let warnings: Vec<&str> = config.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            warnings,
            [
                "`hooks` cannot run: Waymark does not run Python code",
                "pymdownx.snippets' `auto_append` file `includes/abbreviations.md` is not in a snippet base folder",
                "pymdownx.snippets: the options `url_timeout` are not used by Waymark",
                "Markdown extension `pymdownx.progressbar` is not supported",
                "plugin `macros` is applied to `{% include %}` lines only",
            ]
        );
    }

    #[test]
    fn zensical_and_python_markdown_names_of_extensions_are_read() {
        // typer's and hatch's settings: Zensical's extension for the macros plugin, the
        // previews of Material 9.7, Python-Markdown's extension by its module.
        let config = read("site_name: S\nmarkdown_extensions:\n  material.extensions.preview:\n    targets:\n      include: ['*']\n  zensical.extensions.macros:\n  markdown.extensions.meta:\n  markdown.extensions.toc:\n    permalink: \"¶\"\n");
        let warnings: Vec<&str> = config.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            warnings,
            [
                "Markdown extension `material.extensions.preview` is not applied: links show no preview of the page they lead to",
                "plugin `macros` is applied to `{% include %}` lines only",
            ]
        );
        let at = |i: usize| {
            let at = config.warnings[i].location.as_ref().unwrap();
            (at.line, at.column)
        };
        assert_eq!(at(0), (3, 3));
        // At the extension that stands for the plugin.
        assert_eq!(at(1), (6, 23));
        assert_eq!(config.markdown.toc.permalink.as_deref(), Some("¶"));
    }

    #[test]
    fn codehilite_is_read_and_its_guessing_named() {
        // uvicorn's setting: code is highlighted as always, and what differs is said.
        let config = read(
            "site_name: S\nmarkdown_extensions:\n  - codehilite:\n      css_class: highlight\n",
        );
        assert_eq!(config.markdown.codehilite, Some(Default::default()));
        let warnings: Vec<&str> = config.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            warnings,
            ["`guess_lang` (in `codehilite`, on unless set to false) is not followed: a code block that names no language is shown plain, where Pygments would guess one"]
        );
        // At the extension's own line, not at `markdown_extensions:`.
        let at = config.warnings[0].location.as_ref().unwrap();
        assert_eq!((at.line, at.column), (3, 5));
        let config = read("site_name: S\nmarkdown_extensions:\n  - codehilite:\n      guess_lang: false\n      linenums: false\n");
        assert!(config.warnings.is_empty(), "{:?}", config.warnings);
        assert_eq!(config.markdown.codehilite.unwrap().linenums, Some(false));
    }

    /// pymdownx.pathconverter changes no path without its options (Presidio's docs).
    #[test]
    fn pymdownx_pathconverter_is_known_and_its_options_are_warned_about() {
        let config = read("site_name: S\nmarkdown_extensions:\n  - pymdownx.pathconverter\n");
        assert!(config.warnings.is_empty(), "{:?}", config.warnings);
        let config = read("site_name: S\nmarkdown_extensions:\n  - pymdownx.pathconverter:\n      base_path: docs\n      relative_path: site\n");
        let warnings: Vec<&str> = config.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].starts_with("`pymdownx.pathconverter` is not followed"));
    }

    /// Material's recommended settings (leafmap's, with `linenums`) change nothing but
    /// the line numbers; settings that would change what readers see are warned about.
    #[test]
    fn pymdownx_highlight_numbers_lines_and_names_what_it_does_not_follow() {
        let config = read("site_name: S\nmarkdown_extensions:\n  - pymdownx.highlight:\n      anchor_linenums: true\n      line_spans: __span\n      pygments_lang_class: true\n      linenums: true\n");
        assert!(config.warnings.is_empty(), "{:?}", config.warnings);
        assert_eq!(config.markdown.highlight_linenums, Some(true));
        let config = read("site_name: S\nmarkdown_extensions:\n  - pymdownx.highlight:\n      auto_title: true\n      linenums_special: 3\n      default_lang: python\n");
        assert_eq!(config.markdown.highlight_linenums, None);
        let warnings: Vec<&str> = config.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            warnings,
            [
                "`auto_title` (in `pymdownx.highlight`) is not followed: a code block without a title gets none, where Pygments would name its language",
                "`default_lang` (in `pymdownx.highlight`) is not followed: a code block that names no language is shown plain",
                "`linenums_special` (in `pymdownx.highlight`) is not followed: no line number is marked as special",
            ]
        );
    }

    #[test]
    fn markdown_callouts_is_read_with_its_option() {
        let config = read("site_name: S\nmarkdown_extensions:\n  - callouts:\n      strip_period: false\n      colour: red\n  - github-callouts\n");
        assert_eq!(config.markdown.callouts, Some(false));
        let warnings: Vec<&str> = config.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            warnings,
            ["the option `colour` of `callouts` is not known to Waymark"]
        );
        assert_eq!(read("site_name: S\n").markdown.callouts, None);
    }

    #[test]
    fn math_scripts_are_left_out_when_math_is_drawn_at_build_time() {
        let yaml = "site_name: G\nextra_javascript:\n  - javascripts/mathjax.js\n  - https://unpkg.com/mathjax@3/es5/tex-mml-chtml.js\n  - js/menu.js\n";
        let without = read(yaml);
        assert_eq!(without.theme_settings.extra_javascript.len(), 3);
        let config = read(&format!(
            "{yaml}markdown_extensions:\n  - pymdownx.arithmatex:\n      generic: true\n"
        ));
        let kept: Vec<&str> = config
            .theme_settings
            .extra_javascript
            .iter()
            .map(|s| s.src.as_str())
            .collect();
        assert_eq!(kept, ["js/menu.js"]);
        let notes: Vec<&str> = config
            .warnings
            .iter()
            .filter(|w| w.severity == crate::diag::Severity::Info)
            .map(|w| w.message.as_str())
            .collect();
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(
            notes[0].starts_with("`javascripts/mathjax.js` is left out: Waymark draws math"),
            "{notes:?}"
        );
    }

    #[test]
    fn slug_functions_of_toc_and_tabbed() {
        use crate::config::extensions::{SlugCase, Slugify};
        let config = read(concat!(
            "site_name: G\nmarkdown_extensions:\n",
            "  - toc:\n      slugify: !!python/name:markdown.extensions.toc.slugify_unicode\n",
            "  - pymdownx.tabbed:\n      alternate_style: true\n      combine_header_slug: true\n",
            "      slugify: !!python/object/apply:pymdownx.slugs.slugify\n        kwds:\n          case: lower\n",
        ));
        assert_eq!(config.markdown.heading_slug, Slugify::Unicode);
        let tabs = config.markdown.tab_slug.expect("tab ids from labels");
        assert!(tabs.combine_header_slug);
        assert_eq!(tabs.separator, "-");
        assert_eq!(
            tabs.slugify,
            Slugify::Pymdownx {
                case: SlugCase::Lower,
                percent_encode: false,
                normalize: "NFC".into()
            }
        );
        let own = read("site_name: G\nmarkdown_extensions:\n  - toc:\n      slugify: !!python/name:my_docs.slugs.custom\n");
        assert_eq!(own.markdown.heading_slug, Slugify::Ascii);
        let warnings: Vec<&str> = own.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            warnings,
            ["the slug function `my_docs.slugs.custom` (in `toc`) is not known to Waymark: ids are made as MkDocs makes them by default"]
        );
    }

    #[test]
    fn critic_modes_are_read_and_unknown_values_warned_about() {
        use crate::config::extensions::CriticMode;
        let mode = |yaml: &str| {
            let config = read(&format!(
                "site_name: G\nmarkdown_extensions:\n  - pymdownx.critic{yaml}\n"
            ));
            let warnings: Vec<String> = config.warnings.into_iter().map(|w| w.message).collect();
            (config.markdown.critic, warnings)
        };
        assert_eq!(mode(""), (Some(CriticMode::View), vec![]));
        assert_eq!(
            mode(":\n      mode: accept"),
            (Some(CriticMode::Accept), vec![])
        );
        assert_eq!(
            mode(":\n      mode: reject"),
            (Some(CriticMode::Reject), vec![])
        );
        assert_eq!(
            mode(":\n      mode: approve\n      raw_view: true\n      colour: red"),
            (
                Some(CriticMode::View),
                vec![
                    "the option `colour` of `pymdownx.critic` is not known to Waymark".to_string(),
                    "`mode: approve` of `pymdownx.critic` is not known to Waymark: critic marks are shown as suggestions (`mode: view`)".to_string()
                ]
            )
        );
        assert_eq!(read("site_name: G\n").markdown.critic, None);
    }

    #[test]
    fn mark_caret_and_tilde_options_are_read_and_unknown_ones_named_in_one_warning() {
        let config = read("site_name: G\nmarkdown_extensions:\n  - pymdownx.mark:\n      smart_mark: true\n  - pymdownx.caret:\n      insert: false\n      smart_insert: true\n      smart_caret: true\n      sup: false\n  - pymdownx.tilde:\n      subscript: false\n");
        let spans = &config.markdown.spans;
        assert!(spans.mark.smart && spans.mark.double && !spans.mark.single);
        assert!(!spans.caret.double && spans.caret.single && spans.caret.smart);
        // `~~` alone is paired as pymdownx.mark pairs `==`.
        assert!(spans.tilde.double && !spans.tilde.single && spans.tilde.punctuation);
        assert!(!spans.tilde.no_space && !spans.tilde.smart);
        let warnings: Vec<&str> = config.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            warnings,
            ["the options `smart_caret` and `sup` of `pymdownx.caret` are not known to Waymark"]
        );
    }

    #[test]
    fn definition_blocks_are_a_known_extension() {
        let config = read("site_name: G\nmarkdown_extensions:\n  - pymdownx.blocks.definition\n");
        assert!(config.warnings.is_empty(), "{:?}", config.warnings);
    }

    #[test]
    fn magiclink_repository_shorthands() {
        let config = read("site_name: G\nmarkdown_extensions:\n  - pymdownx.magiclink:\n      repo_url_shorthand: true\n      normalize_issue_symbols: true\n      user: squidfunk\n      repo: mkdocs-material\n");
        let repository = config.markdown.repository.expect("shorthands on");
        assert_eq!(
            (
                repository.provider.as_str(),
                repository.user.as_str(),
                repository.repo.as_str()
            ),
            ("github", "squidfunk", "mkdocs-material")
        );
        assert!(
            repository.repo_shorthand
                && !repository.social_shorthand
                && repository.normalize_issue_symbols
        );
        let plain = read("site_name: G\nmarkdown_extensions:\n  - pymdownx.magiclink\n");
        assert!(plain.markdown.magiclink && plain.markdown.repository.is_none());
    }

    #[test]
    fn validation_levels() {
        let config = read("site_name: G\nvalidation:\n  omitted_files: warn\n  links:\n    not_found: warn\n    anchors: ignore\n    absolute_links: info\n  nav:\n    not_found: info\n");
        assert_eq!(config.validation.not_found, Level::Warn);
        assert_eq!(config.validation.anchors, Level::Ignore);
        assert_eq!(config.validation.absolute_links, Level::Info);
        assert_eq!(config.validation.omitted_files, Level::Warn);
        assert_eq!(config.validation.nav_not_found, Level::Info);
        assert!(!config.strict);
        // MkDocs' defaults where nothing is said.
        let config = read("site_name: G\nstrict: true\n");
        assert_eq!(config.validation, Validation::mkdocs());
        assert!(config.strict);
    }

    #[test]
    fn inherit_merges_the_parent_underneath() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("base.yml"),
            "site_name: Base\ntheme:\n  name: material\n  language: de\nextra:\n  a: 1\n",
        )
        .unwrap();
        let child = "INHERIT: base.yml\ntheme:\n  language: fi\nextra:\n  b: 2\n";
        let config = parse(child, &dir.path().join("mkdocs.yml"), dir.path()).unwrap();
        assert_eq!(config.title, "Base");
        assert_eq!(config.language, "fi");
        assert_eq!(config.extra, serde_json::json!({"a": 1, "b": 2}));
    }

    #[test]
    fn bad_yaml_and_missing_site_name_are_errors() {
        let err = parse(
            "site_name: [x\n",
            Path::new("/p/mkdocs.yml"),
            Path::new("/p"),
        )
        .unwrap_err()
        .render();
        assert!(err.contains("mkdocs.yml is not valid YAML"), "{err}");
        let err = parse("docs_dir: d\n", Path::new("/p/mkdocs.yml"), Path::new("/p"))
            .unwrap_err()
            .render();
        assert!(err.contains("no `site_name`"), "{err}");
    }
}
