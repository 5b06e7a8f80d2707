//! mdBook's keys in `book.toml`. Waymark's `book.toml` is a superset of mdBook's, so a
//! book builds unchanged: each mdBook key either takes effect (here or where its value is
//! used) or is named in one warning saying what the site lacks without it.

use super::raw::{RawConfig, RawSearch};
use super::summary::{self, Chapter, SummaryItem};
use crate::diag::{Diagnostic, Location};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file that makes a `book.toml` project an mdBook book: its table of contents.
pub const SUMMARY_FILE: &str = "SUMMARY.md";

/// What an mdBook book asks of Waymark beyond the settings both tools share.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MdBook {
    /// `SUMMARY.md`, the navigation, as diagnostics name it.
    pub summary_file: PathBuf,
    /// Its entries.
    pub summary: Vec<SummaryItem>,
    /// Its text, for locating problems with its entries.
    pub summary_text: String,
    /// Chapters that SUMMARY.md names but that do not exist are created (`create-missing`).
    pub create_missing: bool,
    /// Numbered chapters show their number (`1.2.`) unless `no-section-label`.
    pub section_labels: bool,
    /// mdBook's `links` preprocessor: `{{#include}}` and its siblings.
    pub links: bool,
    /// Per language, the prefix of hidden lines (`code.hidelines`; Rust's `#` always).
    pub hidelines: BTreeMap<String, String>,
    /// Written to the output's `CNAME` file (`cname`).
    pub cname: Option<String>,
}

/// How a code block marks the lines that are hidden until the reader shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HiddenLines {
    /// rustdoc's rule: `# ` (or a lone `#`) starts a hidden line, `##` a shown `#`.
    Rust,
    /// Lines starting with this prefix (mdBook's `code.hidelines`, or `hidelines=` in
    /// the info string).
    Prefix(String),
}

impl MdBook {
    /// How hidden lines are marked in a code block in `lang`: `code.hidelines`, else
    /// rustdoc's `# ` for Rust, as mdBook hides them.
    pub fn hidden_lines(&self, lang: Option<&str>) -> Option<HiddenLines> {
        let lang = lang?;
        match self.hidelines.get(lang) {
            Some(prefix) => Some(HiddenLines::Prefix(prefix.clone())),
            None => (lang == "rust").then_some(HiddenLines::Rust),
        }
    }
}

/// The settings read from mdBook's keys and the warnings about those that cannot apply.
pub(super) struct Read {
    pub settings: MdBook,
    pub redirects: Vec<super::Redirect>,
    pub warnings: Vec<Diagnostic>,
}

/// Preprocessors mdBook runs itself; Waymark does their work.
const BUILT_IN_PREPROCESSORS: &[&str] = &["links", "index"];

/// What a known external preprocessor leaves in the pages when it cannot run.
fn preprocessor_leftover(name: &str) -> &'static str {
    match name {
        "admonish" => "```admonish blocks are shown as code blocks",
        "katex" | "mathjax" => "`$...$` math stays as written",
        "toc" => "`<!-- toc -->` markers stay empty",
        "gettext" | "i18n" => "pages stay in the language they are written in",
        "mermaid" => "```mermaid diagrams are drawn by Waymark itself; nothing is lost",
        "footnote" => "its footnote syntax stays as written",
        "tabs" => "its tab syntax stays as written",
        _ => "whatever syntax it expands stays as written",
    }
}

/// Reads `SUMMARY.md` (named `shown` in diagnostics); its malformed lines are errors.
pub(super) fn read_summary(
    file: &Path,
    shown: &Path,
) -> Result<(Vec<SummaryItem>, String), Vec<Diagnostic>> {
    let text = super::read_settings_file(file).map_err(|err| {
        vec![Diagnostic::error(format!("cannot read {}: {err}", shown.display())).in_file(shown)]
    })?;
    let items = summary::parse(&text).map_err(|problems| {
        problems
            .into_iter()
            .map(|p| {
                Diagnostic::error(p.message)
                    .in_file(shown)
                    .at(Location::line_in_text(&text, p.line))
                    .with_hint(p.hint)
            })
            .collect::<Vec<_>>()
    })?;
    Ok((items, text))
}

/// `create-missing`: each chapter SUMMARY.md lists whose file does not exist is written
/// with its title as its heading, as mdBook does; said at the info level.
pub(super) fn create_missing(
    settings: &MdBook,
    src_dir: &Path,
    project_dir: &Path,
) -> Vec<Diagnostic> {
    fn walk<'a>(chapter: &'a Chapter, out: &mut Vec<&'a Chapter>) {
        out.push(chapter);
        for child in &chapter.children {
            walk(child, out);
        }
    }
    let mut chapters = Vec::new();
    for item in &settings.summary {
        if let SummaryItem::Chapter(chapter) = item {
            walk(chapter, &mut chapters);
        }
    }
    let mut created = Vec::new();
    for chapter in chapters {
        let Some(path) = chapter.path.as_deref().filter(|p| p.ends_with(".md")) else {
            continue;
        };
        let file = src_dir.join(path);
        // Only inside the content folder: `..` in SUMMARY.md must not write elsewhere.
        if file.exists()
            || path.split('/').any(|part| part == "..")
            || Path::new(path).is_absolute()
        {
            continue;
        }
        let written = file
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&file, format!("# {}\n", chapter.title)));
        let shown = crate::diag::display_path(&file, project_dir);
        created.push(match written {
            Ok(()) => Diagnostic::info(format!("created {} for the chapter `{}` (create-missing)", shown.display(), chapter.title)),
            Err(err) => Diagnostic::warning(format!("cannot create {}: {err}", shown.display())),
        }
        .in_file(&settings.summary_file)
        .with_hint("set `create-missing = false` under [build] to have missing chapters reported instead"));
    }
    created
}

/// Reads mdBook's keys of `raw` (a `book.toml` with content folder `src_dir`).
pub(super) fn read(raw: &RawConfig, text: &str, src_dir: &Path) -> Read {
    let html = &raw.output.html;
    let mut warnings = Vec::new();
    let mut warn = |key: &str, message: String, hint: &str| {
        warnings.push(
            Diagnostic::warning(message)
                .in_file(super::CONFIG_FILE)
                .at(key_location(text, key))
                .with_hint(hint.to_string()),
        );
    };
    let mut infos: Vec<(String, String)> = Vec::new();
    for (key, value) in [
        ("default-theme", &html.default_theme),
        ("preferred-dark-theme", &html.preferred_dark_theme),
    ] {
        if let Some(value) = value {
            warn(
                key,
                format!("`{key} = \"{value}\"` does not apply: mdBook's colour themes are not part of Waymark's theme"),
                "pages follow the reader's light or dark setting, and the reader can switch",
            );
        }
    }
    if let Some(fold) = &html.fold {
        if fold.enable.is_some() || fold.level.is_some() {
            warn(
                "fold",
                "`fold` does not apply: the sidebar opens the current page's sections by itself"
                    .into(),
                "remove it, or ignore this warning",
            );
        }
    }
    if let Some(playground) = &html.playground {
        let runs: Vec<&str> = [
            ("editable", playground.editable),
            ("runnable", playground.runnable),
            ("line-numbers", playground.line_numbers),
        ]
        .into_iter()
        .filter(|(_, on)| *on == Some(true))
        .map(|(key, _)| key)
        .collect();
        if !runs.is_empty() {
            warn(
                "playground",
                format!("`playground`: `{}` not applied: code blocks are not run, edited or numbered in the page", runs.join("`, `")),
                "pages make no requests to the Rust playground; readers copy the code with the copy button",
            );
        }
    }
    if let Some(icon) = &html.git_repository_icon {
        warn(
            "git-repository-icon",
            format!("`git-repository-icon = \"{icon}\"` does not apply: Font Awesome is not part of Waymark's theme"),
            "the repository link shows Waymark's own icon",
        );
    }
    if let Some(google) = &html.google_analytics {
        warn(
            "google-analytics",
            format!("`google-analytics = \"{google}\"` does not apply: Waymark's pages load nothing from other hosts"),
            "no analytics script is added",
        );
    }
    if let Some(RawSearch::Table(search)) = &html.search {
        let tuning = [
            ("limit-results", search.limit_results.is_some()),
            ("teaser-word-count", search.teaser_word_count.is_some()),
            ("use-boolean-and", search.use_boolean_and.is_some()),
            ("boost-title", search.boost_title.is_some()),
            ("boost-hierarchy", search.boost_hierarchy.is_some()),
            ("boost-paragraph", search.boost_paragraph.is_some()),
            ("expand", search.expand.is_some()),
            ("heading-split-level", search.heading_split_level.is_some()),
            ("chapter", search.chapter.is_some()),
        ];
        let set: Vec<&str> = tuning
            .iter()
            .filter(|(_, on)| *on)
            .map(|(k, _)| *k)
            .collect();
        if !set.is_empty() {
            warn(
                "search",
                format!("`output.html.search`: `{}` not applied: Waymark's search ranks and shows results its own way", set.join("`, `")),
                "`enable` is applied; remove the others, or ignore this warning",
            );
        }
    }
    for (key, on) in [
        ("definition-lists", html.definition_lists),
        ("admonitions", html.admonitions),
    ] {
        if on == Some(false) {
            warn(
                key,
                format!("`{key} = false` does not apply: Waymark always reads this syntax"),
                "remove it, or ignore this warning",
            );
        }
    }
    if raw
        .build
        .extra_watch_dirs
        .as_ref()
        .is_some_and(|d| !d.is_empty())
    {
        warn(
            "extra-watch-dirs",
            "`extra-watch-dirs` does not apply: `waymark serve` watches the content folder and book.toml".into(),
            "restart `waymark serve` after changing files in those folders",
        );
    }
    // Keys whose job needs doing nowhere here: said at the info level.
    if html.hash_files.is_some() {
        infos.push(("hash-files".into(), "`hash-files` has nothing to do here: the preview reloads pages itself and the theme's files are named by the build".into()));
    }
    if html.copy_fonts.is_some() {
        infos.push((
            "copy-fonts".into(),
            "`copy-fonts` has nothing to do here: Waymark's theme uses the reader's system fonts"
                .into(),
        ));
    }
    if html.live_reload_endpoint.is_some() {
        infos.push(("live-reload-endpoint".into(), "`live-reload-endpoint` has nothing to do here: `waymark serve` injects its own live reload".into()));
    }
    if html.sidebar_header_nav.is_some() {
        infos.push(("sidebar-header-nav".into(), "`sidebar-header-nav` has nothing to do here: each page lists its headings beside the text".into()));
    }
    if raw.rust.edition.is_some() {
        infos.push(("edition".into(), "`[rust] edition` has nothing to do here: it is used by mdBook's Run button and `mdbook test`, which Waymark does not have".into()));
    }
    let use_defaults = raw.build.use_default_preprocessors.unwrap_or(true);
    for (name, options) in &raw.preprocessor {
        if BUILT_IN_PREPROCESSORS.contains(&name.as_str()) {
            continue;
        }
        let command = options
            .get("command")
            .and_then(toml::Value::as_str)
            .map(|c| format!(" (`{c}`)"))
            .unwrap_or_default();
        warn(
            &format!("preprocessor.{name}"),
            format!(
                "preprocessor `{name}`{command} cannot run: Waymark does not run external programs"
            ),
            &format!(
                "the book is built without it: {}",
                preprocessor_leftover(name)
            ),
        );
    }
    for name in raw.output.others.keys() {
        match name.as_str() {
            "linkcheck" | "linkcheck2" => infos.push((
                format!("output.{name}"),
                format!("renderer `{name}` has nothing to do here: Waymark checks every internal link and anchor on each build"),
            )),
            _ => warn(
                &format!("output.{name}"),
                format!("renderer `{name}` is not run: Waymark writes only the HTML site"),
                "build with mdBook for that output",
            ),
        }
    }
    for (key, message) in infos {
        warnings.push(
            Diagnostic::info(message)
                .in_file(super::CONFIG_FILE)
                .at(key_location(text, &key)),
        );
    }
    let (fragments, pages): (Vec<_>, Vec<_>) = html
        .redirect
        .iter()
        .partition(|(from, _)| from.contains('#'));
    if let Some((from, _)) = fragments.first() {
        warnings.push(
            Diagnostic::warning(format!(
                "`output.html.redirect`: redirects of anchors are not applied ({}, the first `{from}`): Waymark's pages run no script to follow them",
                fragments.len(),
            ))
            .in_file(super::CONFIG_FILE)
            .at(key_location(text, &format!("\"{from}\"")))
            .with_hint("links to the old anchors reach the page without scrolling to the new place"),
        );
    }
    Read {
        redirects: pages
            .into_iter()
            .map(|(from, to)| redirect(from, to))
            .collect(),
        settings: MdBook {
            summary_file: src_dir.join(SUMMARY_FILE),
            summary: Vec::new(),
            summary_text: String::new(),
            create_missing: raw.build.create_missing.unwrap_or(true),
            section_labels: !html.no_section_label.unwrap_or(false),
            links: use_defaults || raw.preprocessor.contains_key("links"),
            hidelines: html.code.hidelines.clone(),
            cname: html.cname.clone(),
        },
        warnings,
    }
}

/// Files of mdBook's own theme that an mdBook theme folder replaces: written for mdBook's
/// pages, so not included in Waymark's.
const MDBOOK_THEME_FILES: &[&str] = &[
    "book.js",
    "highlight.js",
    "highlight.css",
    "tomorrow-night.css",
    "ayu-highlight.css",
    "clipboard.min.js",
    "elasticlunr.min.js",
    "mark.min.js",
    "searcher.js",
    "ace.js",
    "editor.js",
    "mode-rust.js",
    "theme-dawn.js",
    "theme-tomorrow_night.js",
    "toc.js",
    "css/chrome.css",
    "css/general.css",
    "css/print.css",
    "css/variables.css",
];

/// What an mdBook theme folder gives a Waymark site.
pub(super) struct ThemeFolder {
    /// Its stylesheets and scripts (paths from the book's folder), linked on every page.
    pub css: Vec<String>,
    pub js: Vec<String>,
    /// The one warning naming what cannot be used.
    pub warning: Option<Diagnostic>,
}

/// The mdBook theme folder `folder` of the book in `project_dir`, when there is one (it
/// holds Handlebars templates or files of mdBook's own theme).
pub(super) fn theme_folder(project_dir: &Path, folder: &str, text: &str) -> Option<ThemeFolder> {
    let root = project_dir.join(folder);
    let mut files: Vec<String> = walkdir::WalkDir::new(&root)
        .max_depth(3)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(&root)
                .ok()?
                .to_str()?
                .replace('\\', "/");
            Some(rel)
        })
        .collect();
    files.sort();
    let unused: Vec<&String> = files
        .iter()
        .filter(|f| f.ends_with(".hbs") || MDBOOK_THEME_FILES.contains(&f.as_str()))
        .collect();
    if unused.is_empty() {
        return None;
    }
    let folder = folder.trim_end_matches('/');
    let included = |ext: &str| -> Vec<String> {
        files
            .iter()
            .filter(|f| f.ends_with(ext) && !MDBOOK_THEME_FILES.contains(&f.as_str()))
            .map(|f| format!("{folder}/{f}"))
            .collect()
    };
    let named: Vec<String> = unused.iter().map(|f| format!("{folder}/{f}")).collect();
    let warning = Diagnostic::warning(format!(
        "the mdBook theme folder `{folder}/` cannot be used as it is: {} replace parts of mdBook's own theme, which Waymark does not have",
        named.join(", ")
    ))
    .in_file(super::CONFIG_FILE)
    .at(key_location(text, "theme"))
    .with_hint("pages get Waymark's theme (sidebar numbering, search, dark mode); the folder's other stylesheets and scripts are still included");
    Some(ThemeFolder {
        css: included(".css"),
        js: included(".js"),
        warning: Some(warning),
    })
}

/// An entry of mdBook's `[output.html.redirect]`: from an output path (`/old/page.html`)
/// to an address relative to it (`../new.html#part`), to the book's root (`/new.html`)
/// or to another site.
fn redirect(from: &str, to: &str) -> super::Redirect {
    let from = from.trim_start_matches(['/', '.']).trim_start_matches('/');
    let from = format!("{}.md", from.strip_suffix(".html").unwrap_or(from));
    let to = match crate::model::links::is_external(to) {
        true => None,
        false => crate::model::links::join(&from, to),
    }
    .unwrap_or_else(|| to.to_string());
    super::Redirect { from, to }
}

/// Where `key` is set in `text`: the line `key = ...`, or the table header that ends in
/// it (`[output.html.fold]`, `[preprocessor.admonish]`), else the first line.
pub(super) fn key_location(text: &str, key: &str) -> Location {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let assigns = trimmed
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(['=', '.']));
        let header = trimmed.trim_start_matches('[').trim_end_matches(']').trim();
        if assigns || header == key || header.ends_with(&format!(".{key}")) {
            let start = offset + (line.len() - line.trim_start().len());
            return Location::in_text(text, start, trimmed.len());
        }
        offset += line.len();
    }
    Location::line_in_text(text, 1)
}
