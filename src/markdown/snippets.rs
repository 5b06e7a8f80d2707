//! Snippets: `--8<-- "file.md"` lines (and the block form, a list of files between two
//! `--8<--` lines) are replaced by the text of the file before anything else is parsed,
//! as PyMdown's Snippets does, so they work inside fenced code too (to show a file as
//! code); `;--8<--` escapes a marker. Paths are resolved against the base folders; a
//! path may pick lines (`file.md:3:8`) or a section (`file.md:name`, marked in the file
//! by `--8<-- [start:name]` and `--8<-- [end:name]`). Included files may include others.
//!
//! mdBook's `{{#include}}` and its siblings ([`mdbook_links`]) are expanded here too, in
//! an mdBook book: paths relative to the including file, files inside the repository.
//!
//! Problems are errors at the including line: a missing file, a path that leaves the base
//! folder, an include cycle (the chain is named), a remote URL.

use super::dialect::Problem;
use super::include_markdown;
use super::includes::{self, Directive, Part};
use super::indent;
use super::mdbook_links::{self, Found, Kind};
use super::source_map::{At, Included, SrcLine};
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where snippets come from.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Folders that snippet paths are relative to, tried in order.
    pub base_dirs: Vec<PathBuf>,
    /// Files appended to every page (a glossary of abbreviations, for example).
    pub auto_append: Vec<String>,
    /// The project folder, for showing paths in diagnostics.
    pub project_dir: PathBuf,
    /// A missing snippet is an error; otherwise a warning, and the line is left out as
    /// pymdownx.snippets does without `check_paths`.
    pub check_paths: bool,
    /// What of the project cannot run here and may write a missing snippet (its hooks):
    /// a missing one is a warning then, `check_paths` or not.
    pub written_by: Option<String>,
    /// mdx_include's `{! file !}` and markdown-include-variants' `{* file *}` lines are
    /// read: paths relative to `from`, files inside `limit` (the repository).
    pub file_includes: Option<FileIncludes>,
    /// The MkDocs macros plugin's `{% include 'file' %}` lines are read: paths relative to
    /// `from` (its `include_dir`), files inside `limit` (the repository).
    pub macro_includes: Option<MacroIncludes>,
    /// markdown-include's `{!file!}` lines are read, with its options: files inside
    /// `limit` (the repository).
    pub markdown_include: Option<MarkdownIncludes>,
    /// The include-markdown plugin's directives are read: files inside `limit` (the
    /// repository).
    pub include_markdown: Option<IncludeMarkdowns>,
    /// pymdownx.snippets' `dedent_subsections`: the common indentation of the lines a
    /// snippet takes from a file (by line numbers or a section) is removed.
    pub dedent_subsections: bool,
    /// pymdownx.snippets' `url_download`: MkDocs would fetch remote snippets, which
    /// Waymark does not (a warning, not an error, says so).
    pub url_download: bool,
    /// mdBook's `{{#include}}` directives are read (an mdBook book): files inside this
    /// folder (the repository), paths relative to the including file.
    pub mdbook_links: Option<PathBuf>,
}

/// Where `{! !}` and `{* *}` include from.
#[derive(Debug, Clone)]
pub struct FileIncludes {
    pub from: PathBuf,
    pub limit: PathBuf,
}

/// Where the macros plugin's `{% include 'file' %}` lines read files, and what starts and
/// ends its blocks (`{%` and `%}` unless the project sets others).
#[derive(Debug, Clone)]
pub struct MacroIncludes {
    pub files: FileIncludes,
    pub block: (String, String),
}

/// What a directive found in a line stands for.
enum Replacement {
    /// This text, in the line.
    Text(String),
    /// The lines it put in the output, the first after this prefix.
    Lines(String, LastLine),
}

/// Where the rest of a line goes after the lines a directive put in its place.
enum LastLine {
    /// It continues their last line (the newline that ends it dropped).
    GoesOn,
    /// It continues their last line if that has no newline; otherwise it starts the next.
    AsWritten,
}

/// Where markdown-include's `{!file!}` lines read from, and how.
#[derive(Debug, Clone)]
pub struct MarkdownIncludes {
    pub options: crate::config::MarkdownInclude,
    pub limit: PathBuf,
}

/// How the include-markdown plugin's directives read files.
#[derive(Debug, Clone)]
pub struct IncludeMarkdowns {
    pub plugin: crate::config::IncludeMarkdown,
    pub limit: PathBuf,
}

const MARKER: &str = "--8<--";

/// Why a snippet path leads nowhere: the message and hint of its diagnostic.
enum Unresolved {
    Missing(String, String),
    Outside(String, String),
}

/// How deep snippets may include snippets. Each level is a nested call, so a limit keeps
/// a long chain of files from exhausting the stack.
pub const MAX_DEPTH: usize = 32;

struct Expander<'o> {
    options: &'o Options,
    included: Vec<Included>,
    problems: Vec<Problem>,
    /// Canonical paths of the files being included, outermost first.
    chain: Vec<PathBuf>,
    /// The page, which no include may include again.
    page: &'o Path,
    /// Canonical base folders that exist (each twice: joined to, and kept inside).
    bases: Vec<(PathBuf, PathBuf)>,
    /// The folder of the page, which its mdBook includes are relative to.
    page_dir: &'o Path,
    /// The files read so far, by canonical path and the including line (`top`) they were
    /// read for: one include that takes several parts of a file (line ranges, a full-file
    /// preview) reads and notes it once.
    read: HashMap<(PathBuf, usize), (Arc<str>, u32)>,
    /// Inside the macros plugin's `{% raw %}` block: its includes stay as written.
    in_raw: bool,
}

/// Expands the snippets in `lines`, the text of the file `page`; returns the new lines, the
/// files read and the problems.
pub fn expand<'a>(
    lines: Vec<SrcLine<'a>>,
    options: &Options,
    page_end: usize,
    page: &Path,
) -> (Vec<SrcLine<'a>>, Vec<Included>, Vec<Problem>) {
    let mut expander = Expander {
        options,
        page_dir: page.parent().unwrap_or(Path::new(".")),
        included: Vec::new(),
        problems: Vec::new(),
        chain: Vec::new(),
        page,
        read: HashMap::new(),
        in_raw: false,
        bases: options
            .base_dirs
            .iter()
            .filter_map(|b| b.canonicalize().ok())
            .map(|b| (b.clone(), b))
            .collect(),
    };
    let mut out = Vec::with_capacity(lines.len());
    expander.lines(lines, None, false, &mut out);
    for path in &options.auto_append {
        // The page that is itself appended to every page (Pi-hole's glossary) holds it
        // already; pymdownx.snippets, which does not know the page's file, appends it once
        // more.
        let resolved = expander.resolve(path, &expander.bases).ok();
        if resolved.is_some_and(|resolved| expander.page_file(&resolved).is_some()) {
            continue;
        }
        let at = At::page(page_end);
        if out.last().is_some_and(|l| !indent::is_blank(&l.text)) {
            out.push(SrcLine::new(Cow::Borrowed("\n"), at));
        }
        expander.include(path, at, 0, "", None, &mut out);
    }
    (out, expander.included, expander.problems)
}

impl Expander<'_> {
    /// Expands `lines`; `top` is the page offset of the outermost including line, when
    /// these lines come from an included file. Section markers are left out (escaped ones
    /// lose their `;`) unless the lines are a `section` taken from a file, which
    /// [`section`] has read them in already.
    fn lines<'a>(
        &mut self,
        lines: Vec<SrcLine<'a>>,
        top: Option<usize>,
        section: bool,
        out: &mut Vec<SrcLine<'a>>,
    ) {
        let mut iter = lines.into_iter().peekable();
        // The depth of the last line that starts with `#` (markdown-include's
        // `inheritHeadingDepth` counts every such line, code comments too).
        let mut heading_depth = 0;
        while let Some(line) = iter.next() {
            if line.text.starts_with('#') {
                heading_depth = include_markdown::hashes(&line.text);
            }
            let line = if self.options.include_markdown.is_some() && line.text.contains("{%") {
                let (line, joined) = join_directive_lines(line, &mut iter);
                let found = include_markdown::find(&line.text);
                if !found.is_empty() {
                    self.include_markdown_line(&line, found, top, out);
                    continue;
                }
                if joined > 0 {
                    // No directive after all: the lines as they were.
                    out.extend(split_joined(line));
                    continue;
                }
                line
            } else {
                line
            };
            if self.options.mdbook_links.is_some() && line.text.contains("{{") {
                let found = mdbook_links::scan(&line.text);
                if !found.is_empty() {
                    self.mdbook_line(&line, found, top, out);
                    continue;
                }
            }
            // The macros plugin's `{% raw %}` and `{% endraw %}` go; an include between
            // them stays as written.
            let was_raw = self.in_raw;
            let line = match self.options.macro_includes.as_ref().and_then(|macros| {
                includes::without_raw_tags(&line.text, &macros.block, &mut self.in_raw)
            }) {
                Some(text) => SrcLine::new(Cow::Owned(text), line.at),
                None => line,
            };
            let text = indent::content(&line.text);
            let rest = text.trim_start();
            let prefix = &text[..text.len() - rest.len()];
            if rest.starts_with(";--8<--") {
                let unescaped = without_escape(&line.text, prefix.len());
                out.push(SrcLine::new(Cow::Owned(unescaped), line.at));
                continue;
            }
            if let Some((name, after)) = self
                .options
                .macro_includes
                .as_ref()
                .filter(|_| !was_raw && !self.in_raw)
                .and_then(|macros| includes::jinja_include(rest, &macros.block))
            {
                let top = top.unwrap_or(line.at.offset);
                let start = out.len();
                self.include_macro(name, line.at, text.len(), prefix, top, out);
                // Jinja drops the file's last newline: the text after the tag follows it.
                if let Some(last) = out[start..].last_mut().filter(|_| !after.is_empty()) {
                    let joined = format!("{}{after}\n", indent::content(&last.text));
                    *last = SrcLine::new(Cow::Owned(joined), last.at);
                }
                continue;
            }
            if self.options.markdown_include.is_some() && rest.starts_with("{!") {
                if let Some(directive) = includes::markdown_include(rest) {
                    let top = top.unwrap_or(line.at.offset);
                    let place = (line.at, text.len(), top);
                    let start = out.len();
                    self.markdown_include(directive, place, prefix, heading_depth, out);
                    // The extension reads on through the lines it put in.
                    if let Some(last) = out[start..].iter().rev().find(|l| l.text.starts_with('#'))
                    {
                        heading_depth = include_markdown::hashes(&last.text);
                    }
                    continue;
                }
            }
            if self.options.file_includes.is_some() && rest.starts_with(['{']) {
                if let Some(directive) = includes::directive(rest) {
                    let top = top.unwrap_or(line.at.offset);
                    self.include_directive(directive, line.at, text.len(), prefix, top, out);
                    continue;
                }
            }
            // mdBook knows no snippets: its books keep the markers as text.
            if !section && self.options.mdbook_links.is_none() {
                if let Some(marker) = section_marker(text) {
                    if marker.escaped {
                        let unescaped = without_escape(&line.text, marker.at);
                        out.push(SrcLine::new(Cow::Owned(unescaped), line.at));
                    }
                    continue;
                }
            }
            let Some(after) = rest.strip_prefix(MARKER) else {
                out.push(line);
                continue;
            };
            let after = after.trim();
            let top = top.unwrap_or(line.at.offset);
            if after.is_empty() {
                // Block form: one path per line until the closing marker.
                let mut paths = Vec::new();
                let mut closed = false;
                for inner in iter.by_ref() {
                    let path = indent::content(&inner.text).trim();
                    if path == MARKER {
                        closed = true;
                        break;
                    }
                    paths.push((path.to_string(), inner.at));
                }
                if !closed {
                    self.problems.push(Problem::error(
                        line.at,
                        text.len(),
                        "snippet block is never closed",
                        "end the list of files with a line holding only `--8<--`",
                    ));
                    continue;
                }
                for (path, at) in paths {
                    if path.is_empty() || path.starts_with(';') {
                        continue;
                    }
                    let path = unquote(&path);
                    self.include(path, at, path.len(), prefix, Some(top), out);
                }
            } else if let Some(path) = quoted(after) {
                let prefix = prefix.to_string();
                self.include(path, line.at, text.len(), &prefix, Some(top), out);
            } else {
                out.push(line);
            }
        }
    }

    /// A line with mdBook directives: each replaced by what it stands for, in place, as
    /// mdBook replaces them (an included file's first line continues the text before the
    /// directive, the text after it continues its last line).
    fn mdbook_line<'a>(
        &mut self,
        line: &SrcLine<'a>,
        found: Vec<Found>,
        top: Option<usize>,
        out: &mut Vec<SrcLine<'a>>,
    ) {
        let top = top.unwrap_or(line.at.offset);
        let text = &line.text;
        let range_of = |item: &Found| match item {
            Found::Escaped { range } | Found::Title { range } | Found::File { range, .. } => {
                range.clone()
            }
        };
        self.splice_line(line, found, range_of, out, |this, item, at, out| {
            let (range, kind, path, part) = match item {
                Found::Escaped { range } => {
                    return Replacement::Text(text[range.start + 1..range.end].to_string())
                }
                Found::Title { .. } => return Replacement::Text(String::new()),
                Found::File {
                    range,
                    kind,
                    path,
                    part,
                } => (range, kind, path, part),
            };
            let Some(resolved) = this.resolve_mdbook(path, &text[range.clone()], at) else {
                // Left as written, as mdBook leaves it.
                return Replacement::Text(text[range].to_string());
            };
            let push = |out: &mut Vec<SrcLine<'a>>, line: String| {
                out.push(SrcLine::new(Cow::Owned(line), at))
            };
            let hide_rest = match &kind {
                Kind::Include { hide_rest } => *hide_rest,
                Kind::Playground { attributes } => {
                    let mut info = String::from("rust");
                    for attribute in attributes {
                        info.push(',');
                        info.push_str(attribute);
                    }
                    push(out, format!("```{info}\n"));
                    false
                }
            };
            let selection = Selection::MdBook(part, hide_rest);
            this.include_resolved(path, resolved, &selection, at, range.len(), "", top, out);
            match kind {
                Kind::Playground { .. } => {
                    push(out, "```\n".into());
                    Replacement::Lines(String::new(), LastLine::AsWritten)
                }
                // The included text ends where the line goes on.
                Kind::Include { .. } => Replacement::Lines(String::new(), LastLine::GoesOn),
            }
        });
    }

    /// A line with include-markdown directives: each replaced by the text it includes, in
    /// place, as the plugin replaces them (the text's first line continues the line before
    /// the directive; what follows the directive continues the text's last line, or, when
    /// the text ends with a newline, starts the next).
    fn include_markdown_line<'a>(
        &mut self,
        line: &SrcLine<'a>,
        found: Vec<include_markdown::Directive>,
        top: Option<usize>,
        out: &mut Vec<SrcLine<'a>>,
    ) {
        let top = top.unwrap_or(line.at.offset);
        let text = &line.text;
        let range_of = |directive: &include_markdown::Directive| directive.range.clone();
        self.splice_line(line, found, range_of, out, |this, directive, at, out| {
            let place = (at, directive.range.len(), top);
            if this.include_markdown_file(&directive, place, out) {
                Replacement::Lines(directive.indent.to_string(), LastLine::AsWritten)
            } else {
                // Left as written; a problem says why.
                Replacement::Text(text[directive.range].to_string())
            }
        });
    }

    /// Writes `line` to `out` with each of the directives `found` in it (at `range_of`
    /// each) replaced in place by what `replace` makes of it: a text, or the lines it put
    /// in `out`, the first of which continues the line before the directive, after a
    /// prefix.
    fn splice_line<'a, T>(
        &mut self,
        line: &SrcLine<'a>,
        found: Vec<T>,
        range_of: impl Fn(&T) -> Range<usize>,
        out: &mut Vec<SrcLine<'a>>,
        mut replace: impl FnMut(&mut Self, T, At, &mut Vec<SrcLine<'a>>) -> Replacement,
    ) {
        let text = &line.text;
        // The output line being written, and where its text comes from.
        let mut pending = String::new();
        let mut pending_at = line.at;
        let mut last = 0;
        for item in found {
            let range = range_of(&item);
            pending.push_str(&text[last..range.start]);
            last = range.end;
            let start = out.len();
            let (prefix, last_line) = match replace(self, item, line.at.shifted(range.start), out) {
                Replacement::Text(replaced) => {
                    pending.push_str(&replaced);
                    continue;
                }
                Replacement::Lines(prefix, last_line) => (prefix, last_line),
            };
            let Some(first) = out.get_mut(start) else {
                continue;
            };
            first.text = Cow::Owned(std::mem::take(&mut pending) + &prefix + &first.text);
            let goes_on = match last_line {
                LastLine::GoesOn => true,
                LastLine::AsWritten => !out.last().is_some_and(|l| l.text.ends_with('\n')),
            };
            if goes_on {
                let end = out.pop().unwrap_or_else(|| unreachable!());
                pending_at = end.at;
                pending = end.text.trim_end_matches('\n').to_string();
            } else {
                pending_at = line.at.shifted(range.end);
            }
        }
        pending.push_str(&text[last..]);
        out.push(SrcLine::new(Cow::Owned(pending), pending_at));
    }

    /// Puts the text an include-markdown directive includes into `out` (its lines after
    /// the first indented as the directive is, unless its arguments say not to); false,
    /// with a problem, when there is none to include, as the plugin would stop the build.
    fn include_markdown_file<'a>(
        &mut self,
        directive: &include_markdown::Directive,
        (at, len, top): (At, usize, usize),
        out: &mut Vec<SrcLine<'a>>,
    ) -> bool {
        let Some(IncludeMarkdowns { plugin, limit }) = &self.options.include_markdown else {
            return false;
        };
        let tag = if directive.markdown {
            "include-markdown"
        } else {
            "include"
        };
        if directive.path.is_empty() {
            self.problems.push(Problem::error(
                at,
                len,
                format!("this `{tag}` directive names no file"),
                format!("write the file's path in quotes, `{{% {tag} \"file.md\" %}}`; the plugin stops the build here"),
            ));
            return false;
        }
        let arguments = match include_markdown::arguments(directive.arguments, &plugin.defaults) {
            Ok(arguments) => arguments,
            Err(message) => {
                self.problems.push(Problem::error(
                    at,
                    len,
                    format!("this `{tag}` directive is not valid: {message}"),
                    "write it as `{% include-markdown \"file.md\" start=\"<!--start-->\" %}`",
                ));
                return false;
            }
        };
        if !arguments.unknown.is_empty() {
            self.problems.push(Problem::warning(
                at,
                len,
                format!(
                    "the `{tag}` arguments `{}` are not used by Waymark",
                    arguments.unknown.join("`, `")
                ),
                "Waymark reads `start`, `end`, `heading-offset`, `preserve-includer-indent`, `dedent`, `trailing-newlines`, `rewrite-relative-urls` and `recursive`",
            ));
        }
        let options = arguments.options;
        let path = directive.path.as_str();
        if path.contains("://") || path.contains(['*', '?', '[', '{']) {
            let what = if path.contains("://") {
                "an address"
            } else {
                "a pattern"
            };
            self.problems.push(Problem::warning(
                at,
                len,
                format!("`{tag}` of {what} (`{path}`) is not read by Waymark; nothing is included"),
                "include each file by its path",
            ));
            return false;
        }
        // `./` and `../` paths start at the including file, others at the docs folder.
        let base = if path.starts_with("./") || path.starts_with("../") {
            self.including_folder()
        } else {
            plugin.docs_dir.clone()
        };
        let resolved = match self.resolve(path, &[(base.clone(), limit.clone())]) {
            Ok(resolved) => resolved,
            Err(unresolved) => {
                let problem = match unresolved {
                    Unresolved::Missing(..) => Problem::error(
                        at,
                        len,
                        format!("`{tag}`: no file `{path}`"),
                        format!(
                            "paths starting `./` or `../` are relative to the including file, others to the docs folder; looked in `{}`",
                            self.display(&base).display()
                        ),
                    ),
                    Unresolved::Outside(..) => outside_repository(at, len, &format!("`{tag}`"), path),
                };
                self.problems.push(problem);
                return false;
            }
        };
        let Some((text, file)) = self.read_included(path, &resolved, at, len, top) else {
            return false;
        };
        let (parts, found_start, found_end) = include_markdown::select(&text, &options);
        for (found, name, value) in [
            (found_start, "start", &options.start),
            (found_end, "end", &options.end),
        ] {
            if !found {
                self.problems.push(Problem::warning(
                    at,
                    len,
                    format!(
                        "the {name} `{}` of this `{tag}` is not in `{path}`",
                        value.as_deref().unwrap_or_default()
                    ),
                    "check the delimiter against the file",
                ));
            }
        }
        let (offsets, mut texts): (Vec<usize>, Vec<String>) =
            include_markdown::lines(parts).into_iter().unzip();
        // Links are made relative to the page, also in a file included by an included one.
        let source = resolved.parent().unwrap_or(&resolved);
        let page_dir = self.page_dir.canonicalize();
        let page_dir = page_dir.as_deref().unwrap_or(self.page_dir);
        include_markdown::shape(&mut texts, &options, directive.markdown, source, page_dir);
        let indent = " ".repeat(directive.indent.len());
        let lines: Vec<SrcLine<'a>> = texts
            .into_iter()
            .zip(offsets)
            .enumerate()
            .map(|(index, (mut line, offset))| {
                if index > 0 && options.preserve_includer_indent {
                    line.insert_str(0, &indent);
                }
                SrcLine::new(Cow::Owned(line), At { file, offset })
            })
            .collect();
        if lines.is_empty() {
            out.push(SrcLine::new(Cow::Borrowed(""), at));
            return true;
        }
        if options.recursive {
            self.chain.push(resolved);
            self.lines(lines, Some(top), false, out);
            self.chain.pop();
        } else {
            out.extend(lines);
        }
        true
    }

    /// The folder of the file being read: the included file innermost, or the page.
    fn including_folder(&self) -> PathBuf {
        match self.chain.last().and_then(|file| file.parent()) {
            Some(folder) => folder.to_path_buf(),
            None => self.page_dir.to_path_buf(),
        }
    }

    /// The file an mdBook directive names: relative to the including file, inside the
    /// repository; a problem at `at` where there is none.
    fn resolve_mdbook(&mut self, path: &str, directive: &str, at: At) -> Option<PathBuf> {
        let limit = self.options.mdbook_links.as_ref()?;
        let folder = self.including_folder();
        let shown = self.display(&folder).display().to_string();
        let problem = match self.resolve(path, &[(folder, limit.clone())]) {
            Ok(resolved) => return Some(resolved),
            // mdBook reports it and builds on, the directive left as written (as books
            // whose included files a script generates first rely on).
            Err(Unresolved::Missing(..)) => Problem::warning(
                at,
                directive.len(),
                format!("`{directive}`: no file `{path}`"),
                format!(
                    "the directive is left as written, as mdBook leaves it; paths are relative to the folder of the file that includes it (`{shown}`)"
                ),
            ),
            Err(Unresolved::Outside(..)) => Problem::error(
                at,
                directive.len(),
                format!("`{directive}` leads outside the repository"),
                "include files from inside the book's repository",
            ),
        };
        self.problems.push(problem);
        None
    }

    /// Includes `spec` (a path with an optional `:start:end` or `:section`) at `at`.
    fn include<'a>(
        &mut self,
        spec: &str,
        at: At,
        len: usize,
        prefix: &str,
        top: Option<usize>,
        out: &mut Vec<SrcLine<'a>>,
    ) {
        let top = top.unwrap_or(at.offset);
        if spec.contains("://") {
            let message = format!("remote snippet `{spec}` is not fetched");
            let hint = "download the file into the project and include it by its path";
            // Without `url_download`, pymdownx.snippets reads the address as a path, which
            // it does not find.
            self.problems.push(
                match self.options.url_download || !self.options.check_paths {
                    true => {
                        Problem::warning(at, len, message, format!("the line is left out; {hint}"))
                    }
                    false => Problem::error(at, len, message, hint),
                },
            );
            return;
        }
        let (path, selection) = split_spec(spec);
        let resolved = match self.resolve(path, &self.bases) {
            Ok(resolved) => resolved,
            Err(Unresolved::Missing(message, hint))
                if !self.options.check_paths || self.options.written_by.is_some() =>
            {
                let hint = match &self.options.written_by {
                    Some(writers) if self.options.check_paths => format!(
                        "{hint}; {writers} cannot run here and may be what writes it: the line is left out"
                    ),
                    _ => format!(
                        "{hint}; MkDocs leaves the line out (pymdownx.snippets without `check_paths`)"
                    ),
                };
                self.problems.push(Problem::warning(at, len, message, hint));
                return;
            }
            Err(Unresolved::Missing(message, hint) | Unresolved::Outside(message, hint)) => {
                self.problems.push(Problem::error(at, len, message, hint));
                return;
            }
        };
        let start = out.len();
        self.include_resolved(path, resolved, &selection, at, len, prefix, top, out);
        if self.options.dedent_subsections
            && matches!(selection, Selection::Lines(..) | Selection::Section(_))
        {
            dedent_after(&mut out[start..], prefix.len());
        }
    }

    /// A `{% include 'name' %}` line at `at`; `top` as in [`Self::include`]. A file not
    /// found is a warning, and the line is left out (the macros plugin writes an error
    /// message into the page and goes on).
    fn include_macro<'a>(
        &mut self,
        name: &str,
        at: At,
        len: usize,
        prefix: &str,
        top: usize,
        out: &mut Vec<SrcLine<'a>>,
    ) {
        let Some(MacroIncludes {
            files: FileIncludes { from, limit },
            block: (open, close),
        }) = &self.options.macro_includes
        else {
            return;
        };
        let folder = self.display(from).display().to_string();
        match self.resolve(name, &[(from.clone(), limit.clone())]) {
            Ok(resolved) => {
                self.include_resolved(name, resolved, &Selection::All, at, len, prefix, top, out)
            }
            Err(Unresolved::Missing(..)) => self.problems.push(Problem::warning(
                at,
                len,
                format!("`{open} include '{name}' {close}`: no file `{name}`"),
                format!("the macros plugin includes from its `include_dir` (`{folder}`)"),
            )),
            Err(Unresolved::Outside(message, hint)) => {
                self.problems.push(Problem::error(at, len, message, hint))
            }
        }
    }

    /// A markdown-include line at `place` (where, its length, and `top` as in
    /// [`Self::include`]), after the lines' `prefix` and below a heading `heading_depth`
    /// deep: the file's text (or its chosen lines), stripped of blank lines and space at
    /// its ends, its heading lines deepened as the options say, and only its first line
    /// after the prefix, as the extension writes it in place of the directive.
    fn markdown_include<'a>(
        &mut self,
        directive: includes::LineInclude,
        (at, len, top): (At, usize, usize),
        prefix: &str,
        heading_depth: usize,
        out: &mut Vec<SrcLine<'a>>,
    ) {
        let Some(MarkdownIncludes { options, limit }) = &self.options.markdown_include else {
            return;
        };
        let (path, ranges) = match directive {
            Ok(directive) => directive,
            Err(message) => {
                self.problems.push(Problem::error(
                    at,
                    len,
                    format!("this include is not valid: {message}"),
                    "write it as `{!path/to/file!}` or `{!path/to/file!lines=1 3 8-10}`",
                ));
                return;
            }
        };
        let resolved = match self.resolve(path, &[(options.base.clone(), limit.clone())]) {
            Ok(resolved) => resolved,
            Err(Unresolved::Missing(..)) => {
                let folder = self.display(&options.base).display().to_string();
                let message = format!("`{{!{path}!}}`: no file `{path}`");
                let hint =
                    format!("markdown-include reads paths from its `base_path` (`{folder}`)");
                self.problems.push(match options.missing_is_error {
                    true => Problem::error(at, len, message, hint),
                    false => Problem::warning(
                        at,
                        len,
                        message,
                        format!(
                            "{hint}; MkDocs leaves the include out, as `throwException` is off"
                        ),
                    ),
                });
                return;
            }
            Err(Unresolved::Outside(..)) => {
                self.problems
                    .push(outside_repository(at, len, "markdown-include", path));
                return;
            }
        };
        let start = out.len();
        if ranges.is_empty() {
            self.include_resolved(path, resolved, &Selection::All, at, len, "", top, out);
        } else {
            let Some(total) = self.line_total(path, &resolved, at, len, top) else {
                return;
            };
            for range in ranges {
                let Some((first, last)) = self.markdown_include_range(range, total, (at, len))
                else {
                    continue;
                };
                let selection = Selection::Lines(Some(first), Some(last));
                self.include_resolved(path, resolved.clone(), &selection, at, len, "", top, out);
            }
        }
        let headings = "#".repeat(
            options.heading_offset
                + if options.inherit_heading_depth {
                    heading_depth
                } else {
                    0
                },
        );
        shape_markdown_include(out, start, prefix, &headings, at);
    }

    /// The lines `first` to `last` of a file of `total` lines, as markdown-include takes
    /// them, with a warning where it bends them: an end past the file ends with it, a
    /// start after the end becomes the line before the end, and a lone line 0 is the last
    /// line (Python's index -1); a range from line 0 takes nothing.
    fn markdown_include_range(
        &mut self,
        (first, last): (usize, usize),
        total: usize,
        (at, len): (At, usize),
    ) -> Option<(usize, usize)> {
        let written = if first == last {
            format!("line {first}")
        } else {
            format!("lines {first}-{last}")
        };
        let (taken, why) = match (first, last) {
            (0, 0) => (
                Some((total, total)),
                "line 0 is read as the file's last line".to_string(),
            ),
            (0, _) => (None, "a range from line 0 takes no lines".to_string()),
            _ => {
                let end = last.min(total);
                let start = if first <= end {
                    first
                } else {
                    end.saturating_sub(1).max(1)
                };
                let why = if last > total {
                    format!("the file ends before line {last}")
                } else {
                    "the range starts after it ends".to_string()
                };
                (Some((start, end.max(start))), why)
            }
        };
        let lines = if total == 1 { "line" } else { "lines" };
        if taken != Some((first, last)) {
            let what = match taken {
                Some((start, end)) if start == end => format!("takes line {start}"),
                Some((start, end)) => format!("takes lines {start} to {end}"),
                None => "takes nothing".to_string(),
            };
            self.problems.push(Problem::warning(
                at,
                len,
                format!("this include asks for {written} of a file of {total} {lines}: {why}"),
                format!("MkDocs {what}, and so does Waymark; correct the numbers"),
            ));
        }
        taken
    }

    /// A `{! file !}` or `{* file *}` line at `at`; `top` as in [`Self::include`].
    fn include_directive<'a>(
        &mut self,
        directive: Result<Directive, String>,
        at: At,
        len: usize,
        prefix: &str,
        top: usize,
        out: &mut Vec<SrcLine<'a>>,
    ) {
        let Some(FileIncludes { from, limit }) = &self.options.file_includes else {
            return;
        };
        let bases = [(from.clone(), limit.clone())];
        let resolve = |this: &mut Self, path: &str| match this.resolve(path, &bases) {
            Ok(resolved) => Some(resolved),
            Err(Unresolved::Missing(message, hint) | Unresolved::Outside(message, hint)) => {
                this.problems.push(Problem::error(at, len, message, hint));
                None
            }
        };
        match directive {
            Err(message) => self.problems.push(Problem::error(
                at,
                len,
                format!("this include is not valid: {message}"),
                "write it as `{* path/to/file.py ln[3:8] hl[5] *}` or `{! path/to/file !}`",
            )),
            Ok(Directive::Text { path, rows }) => {
                let Some(resolved) = resolve(self, path) else {
                    return;
                };
                if rows.is_empty() {
                    self.include_resolved(
                        path,
                        resolved,
                        &Selection::All,
                        at,
                        len,
                        prefix,
                        top,
                        out,
                    );
                    return;
                }
                let Some(total) = self.line_total(path, &resolved, at, len, top) else {
                    return;
                };
                for (index, part) in rows.into_iter().enumerate() {
                    let Some((start, end)) = part.within(total) else {
                        self.problems.push(Problem::error(
                            at,
                            len,
                            "this include's line range runs backwards",
                            "give the first line first, e.g. `[ln:3-8]`",
                        ));
                        continue;
                    };
                    if index > 0 {
                        // mdx_include's separator between parts: two empty lines.
                        for _ in 0..2 {
                            out.push(SrcLine::new(Cow::Owned(format!("{prefix}\n")), at));
                        }
                    }
                    let selection = Selection::Lines(Some(start), Some(end));
                    self.include_resolved(
                        path,
                        resolved.clone(),
                        &selection,
                        at,
                        len,
                        prefix,
                        top,
                        out,
                    );
                }
            }
            Ok(Directive::Code {
                path,
                lines,
                highlight,
                title,
            }) => {
                let Some(resolved) = resolve(self, path) else {
                    return;
                };
                // Most names tried do not exist: one look each, before resolving.
                let found = |written: &str| {
                    from.join(written)
                        .is_file()
                        .then(|| self.resolve(written, &bases).ok())?
                };
                let family = includes::family(path, found);
                let (shown, others) = includes::arrange(family, |v| v.file == resolved)
                    .map_or_else(
                        || ("Python".to_string(), Vec::new()),
                        |(shown, others)| (shown.title, others),
                    );
                let titles: Vec<(&str, Option<bool>)> = others
                    .iter()
                    .map(|other| (other.title.as_str(), other.annotated))
                    .collect();
                let Some(total) = self.line_total(path, &resolved, at, len, top) else {
                    return;
                };
                let parts =
                    includes::code_blocks(&lines, &highlight, title, total, &shown, &titles);
                for part in parts {
                    match part {
                        Part::Line(text) => {
                            out.push(SrcLine::new(Cow::Owned(format!("{prefix}{text}\n")), at))
                        }
                        Part::File(file, range) => {
                            let selection = match range {
                                Some((start, end)) => Selection::Lines(Some(start), Some(end)),
                                None => Selection::All,
                            };
                            let (path, resolved) = match file.checked_sub(1) {
                                Some(other) => {
                                    (others[other].path.as_str(), others[other].file.clone())
                                }
                                None => (path, resolved.clone()),
                            };
                            self.include_resolved(
                                path, resolved, &selection, at, len, prefix, top, out,
                            );
                        }
                    }
                }
            }
        }
    }

    /// The page's canonical path when `resolved` is the page's file. (It is looked up
    /// only for a file of the same name.)
    fn page_file(&self, resolved: &Path) -> Option<PathBuf> {
        (resolved.file_name() == self.page.file_name())
            .then(|| self.page.canonicalize().ok())
            .flatten()
            .filter(|page| page == resolved)
    }

    /// Reads the file at `resolved` (written as `path`) to include it at `at`, and notes
    /// it among the included files: its text and its number as a source; `None`, with a
    /// problem, when it would include itself, is nested too deep, or cannot be read.
    fn read_included(
        &mut self,
        path: &str,
        resolved: &Path,
        at: At,
        len: usize,
        top: usize,
    ) -> Option<(Arc<str>, u32)> {
        // The page counts as the first file of the chain: one that includes itself would
        // otherwise be read once more and report its problems twice.
        let page = self.page_file(resolved);
        let stack: Vec<&PathBuf> = page.iter().chain(&self.chain).collect();
        if let Some(start) = stack.iter().position(|p| *p == resolved) {
            let mut names: Vec<String> = stack[start..]
                .iter()
                .map(|p| self.display(p).display().to_string())
                .collect();
            names.push(self.display(resolved).display().to_string());
            self.problems.push(Problem::error(
                at,
                len,
                format!("snippet include cycle: {}", names.join(" -> ")),
                "remove one of the includes so that no file includes itself",
            ));
            return None;
        }
        if self.chain.len() >= MAX_DEPTH {
            self.problems.push(Problem::error(
                at,
                len,
                format!(
                    "snippets nested more than {MAX_DEPTH} deep: {} includes {} through {} more files",
                    self.display(&self.chain[0]).display(),
                    self.display(resolved).display(),
                    MAX_DEPTH - 1
                ),
                "include the files from fewer levels",
            ));
            return None;
        }
        if let Some(known) = self.read.get(&(resolved.to_path_buf(), top)) {
            return Some(known.clone());
        }
        let text = match std::fs::read_to_string(resolved) {
            Ok(text) => text,
            Err(err) => {
                self.problems.push(Problem::error(
                    at,
                    len,
                    format!("cannot read snippet `{path}`: {err}"),
                    "snippets must be UTF-8 text files",
                ));
                return None;
            }
        };
        // As in pages: a NUL is never text, and would reach the HTML as it is.
        if text.contains('\0') {
            self.problems.push(Problem::error(
                at,
                len,
                format!("snippet `{path}` contains a NUL character"),
                "the file may be binary or damaged; remove the character",
            ));
            return None;
        }
        let text: Arc<str> = Arc::from(text);
        self.included.push(Included {
            display_path: self.display(resolved),
            abs_path: resolved.to_path_buf(),
            text: text.clone(),
            included_at: top,
        });
        let file = self.included.len() as u32;
        self.read
            .insert((resolved.to_path_buf(), top), (text.clone(), file));
        Some((text, file))
    }

    /// How many lines the file at `resolved` has, read as [`Self::read_included`] reads
    /// it (and notes it, for the parts of it included next); `None`, with the problem,
    /// when it cannot be read.
    fn line_total(
        &mut self,
        path: &str,
        resolved: &Path,
        at: At,
        len: usize,
        top: usize,
    ) -> Option<usize> {
        let (text, _) = self.read_included(path, resolved, at, len, top)?;
        Some(text.lines().count())
    }

    /// Includes the file at `resolved` (written as `path`), the part `selection` of it.
    #[allow(clippy::too_many_arguments)]
    fn include_resolved<'a>(
        &mut self,
        path: &str,
        resolved: PathBuf,
        selection: &Selection,
        at: At,
        len: usize,
        prefix: &str,
        top: usize,
        out: &mut Vec<SrcLine<'a>>,
    ) {
        let Some((text, file)) = self.read_included(path, &resolved, at, len, top) else {
            return;
        };
        let mut lines: Vec<SrcLine<'a>> = Vec::new();
        let all: Vec<(usize, &str)> = crate::load::lines::lines(&text).collect();
        let chosen = match select(&all, selection) {
            Ok(chosen) => chosen,
            // mdBook includes nothing for an anchor it does not find, and builds on.
            Err(message) if matches!(selection, Selection::MdBook(..)) => {
                self.problems.push(Problem::warning(
                    at,
                    len,
                    message,
                    "nothing is included, as in mdBook; check the anchor's name against the file",
                ));
                return;
            }
            Err(message) if !self.options.check_paths => {
                self.problems.push(Problem::warning(
                    at,
                    len,
                    message,
                    "check the section name against the file; MkDocs includes nothing here (pymdownx.snippets without `check_paths`)",
                ));
                return;
            }
            Err(message) => {
                self.problems.push(Problem::error(
                    at,
                    len,
                    message,
                    "check the line numbers or the section name against the file",
                ));
                return;
            }
        };
        for (offset, line, hidden) in chosen {
            let line = &*line;
            let mut owned = String::with_capacity(prefix.len() + line.len() + 3);
            if !indent::is_blank(line) {
                owned.push_str(prefix);
            }
            if hidden {
                owned.push_str("# ");
            }
            owned.push_str(line);
            if !owned.ends_with('\n') {
                owned.push('\n');
            }
            lines.push(SrcLine::new(Cow::Owned(owned), At { file, offset }));
        }
        self.chain.push(resolved);
        let section = matches!(selection, Selection::Section(_));
        self.lines(lines, Some(top), section, out);
        self.chain.pop();
    }

    /// The canonical path of `path` in the first of `bases` that has it: each is a folder
    /// to join the path to and the folder it must stay inside.
    fn resolve(&self, path: &str, bases: &[(PathBuf, PathBuf)]) -> Result<PathBuf, Unresolved> {
        let wanted = Path::new(path);
        let mut outside = None;
        for (base, limit) in bases {
            let Some(candidate) = base
                .join(wanted)
                .canonicalize()
                .ok()
                .or_else(|| offered_by_file(base, wanted))
            else {
                continue;
            };
            if !candidate.starts_with(limit) {
                outside = Some(candidate);
                continue;
            }
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
        let folders: Vec<String> = self
            .options
            .base_dirs
            .iter()
            .map(|b| match self.display(b) {
                shown if shown.as_os_str().is_empty() => "the project folder".to_string(),
                shown => format!("`{}`", shown.display()),
            })
            .collect();
        let folders = if folders.is_empty() {
            "no base folder exists".to_string()
        } else {
            format!("looked in {}", folders.join(", "))
        };
        match outside {
            Some(_) => Err(Unresolved::Outside(
                format!("snippet `{path}` is outside the snippet base folder"),
                format!("snippets may only include files inside their base folders; {folders}"),
            )),
            None => Err(Unresolved::Missing(
                format!("snippet `{path}` not found"),
                format!(
                    "paths are relative to the snippet base folder, not to the page; {folders}"
                ),
            )),
        }
    }

    fn display(&self, path: &Path) -> PathBuf {
        let project = self
            .options
            .project_dir
            .canonicalize()
            .unwrap_or_else(|_| self.options.project_dir.clone());
        path.strip_prefix(&project)
            .or_else(|_| path.strip_prefix(&self.options.project_dir))
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.to_path_buf())
    }
}

fn quoted(text: &str) -> Option<&str> {
    for q in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(q).and_then(|t| t.strip_suffix(q)) {
            return (!inner.is_empty()).then_some(inner);
        }
    }
    None
}

fn unquote(text: &str) -> &str {
    quoted(text).unwrap_or(text)
}

/// The file `base` when it is a file and `wanted`, read from its folder, names it: a base
/// that is a file (pymdownx.snippets allows it) offers that file alone.
fn offered_by_file(base: &Path, wanted: &Path) -> Option<PathBuf> {
    let file = base.canonicalize().ok().filter(|file| file.is_file())?;
    let candidate = base.parent()?.join(wanted).canonicalize().ok()?;
    (candidate == file).then_some(candidate)
}

/// Removes the indentation all non-blank `lines` share beyond their first `keep` bytes
/// (the including line's own indentation, which they were given).
fn dedent_after(lines: &mut [SrcLine], keep: usize) {
    let indentation = |text: &str| text.len() - text.trim_start_matches([' ', '\t']).len();
    let common = lines
        .iter()
        .filter(|line| !indent::is_blank(&line.text))
        .map(|line| indentation(&line.text))
        .min()
        .unwrap_or(0);
    if common <= keep {
        return;
    }
    for line in lines
        .iter_mut()
        .filter(|line| !indent::is_blank(&line.text))
    {
        line.text.to_mut().replace_range(keep..common, "");
        if keep == 0 {
            line.at = line.at.shifted(common);
        }
    }
}

/// How many lines the file at `path` has (0 when it cannot be read: including it then
/// reports why).
/// The problem of an include (`what`, at `at`) whose `path` leads out of the repository.
fn outside_repository(at: At, len: usize, what: &str, path: &str) -> Problem {
    Problem::error(
        at,
        len,
        format!("{what}: `{path}` is outside the repository"),
        "include files from inside the repository that holds the project",
    )
}

/// Lines the include-markdown plugin reads as one: a directive may run over several
/// lines (`{%` on one, its arguments on the next, `%}` on the last), so a line that opens
/// one without closing it takes the following lines up to the one that closes it (at
/// most [`MAX_DIRECTIVE_LINES`]), each remembered where it starts. Also how many it took.
fn join_directive_lines<'a>(
    line: SrcLine<'a>,
    rest: &mut std::iter::Peekable<std::vec::IntoIter<SrcLine<'a>>>,
) -> (SrcLine<'a>, usize) {
    let mut joined = line;
    let mut count = 0;
    if !include_markdown::opens_unclosed(&joined.text) {
        return (joined, count);
    }
    for _ in 0..MAX_DIRECTIVE_LINES {
        let Some(next) = rest.next_if(|next| !include_markdown::opens_unclosed(&next.text)) else {
            break;
        };
        let closes = next.text.contains("%}");
        let at = joined.text.len();
        joined.joins.push((at, next.at));
        joined
            .joins
            .extend(next.joins.iter().map(|&(offset, from)| (at + offset, from)));
        joined.text.to_mut().push_str(&next.text);
        count += 1;
        if closes {
            break;
        }
    }
    (joined, count)
}

/// How many lines an include-markdown directive may run over.
const MAX_DIRECTIVE_LINES: usize = 20;

/// The lines [`join_directive_lines`] joined, apart again.
fn split_joined(line: SrcLine<'_>) -> Vec<SrcLine<'_>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for piece in line.text.split_inclusive('\n') {
        let at = line.origin(start);
        lines.push(SrcLine::new(Cow::Owned(piece.to_string()), at));
        start += piece.len();
    }
    lines
}

/// Shapes the lines from `start` in `out`, an included file's, as markdown-include writes
/// them in place of its directive: blank lines and space at both ends go, `headings` is
/// added before each line that starts with `#`, and the first line alone follows `prefix`
/// (the text before the directive). A file with no text leaves an empty line.
fn shape_markdown_include(
    out: &mut Vec<SrcLine<'_>>,
    start: usize,
    prefix: &str,
    headings: &str,
    at: At,
) {
    while out.len() > start && out.last().is_some_and(|line| indent::is_blank(&line.text)) {
        out.pop();
    }
    let leading = out[start..]
        .iter()
        .take_while(|line| indent::is_blank(&line.text))
        .count();
    out.drain(start..start + leading);
    if !headings.is_empty() {
        for line in &mut out[start..] {
            if line.text.starts_with('#') {
                line.text = Cow::Owned(format!("{headings}{}", line.text));
            }
        }
    }
    match out.get_mut(start) {
        Some(first) => {
            let text = first.text.trim_start();
            first.at = first.at.shifted(first.text.len() - text.len());
            first.text = Cow::Owned(format!("{prefix}{text}"));
        }
        None => out.push(SrcLine::new(Cow::Borrowed("\n"), at)),
    }
    if let Some(last) = out.last_mut() {
        let end = last.text.trim_end().len();
        last.text.to_mut().truncate(end);
        last.text.to_mut().push('\n');
    }
}

/// Which part of a file to include.
#[derive(Debug, PartialEq, Eq)]
enum Selection<'s> {
    All,
    /// 1-based, inclusive; `None` means the file's start or end.
    Lines(Option<usize>, Option<usize>),
    Section(&'s str),
    /// mdBook's lines or anchor, the other lines kept hidden (`rustdoc_include`) or not.
    MdBook(mdbook_links::Part<'s>, bool),
}

fn split_spec(spec: &str) -> (&str, Selection<'_>) {
    let parts: Vec<&str> = spec.rsplitn(3, ':').collect();
    let number = |s: &str| -> Option<Option<usize>> {
        if s.is_empty() {
            Some(None)
        } else {
            s.parse().ok().map(Some)
        }
    };
    match parts.as_slice() {
        [end, start, path] if !path.is_empty() => {
            if let (Some(start), Some(end)) = (number(start), number(end)) {
                return (path, Selection::Lines(start, end));
            }
        }
        _ => {}
    }
    match spec.rsplit_once(':') {
        Some((path, tail))
            if !path.is_empty() && !tail.is_empty() && !tail.contains(['/', '\\']) =>
        {
            match number(tail) {
                Some(start) => (path, Selection::Lines(start, None)),
                None => (path, Selection::Section(tail)),
            }
        }
        _ => (spec, Selection::All),
    }
}

/// The chosen lines, each with its offset and whether it is kept as a hidden line. A
/// section comes without its markers; other lines keep theirs, which [`Expander::lines`]
/// reads.
fn select<'t>(
    lines: &[(usize, &'t str)],
    selection: &Selection,
) -> Result<Vec<(usize, Cow<'t, str>, bool)>, String> {
    let chosen: &[(usize, &str)] = match selection {
        Selection::All => lines,
        Selection::Lines(start, end) => {
            let from = start.unwrap_or(1).max(1) - 1;
            let to = end.unwrap_or(lines.len()).min(lines.len());
            lines.get(from..to.max(from)).unwrap_or(&[])
        }
        Selection::Section(name) => return section(lines, name),
        Selection::MdBook(part, hide_rest) => {
            let picked = mdbook_links::pick(lines, part, *hide_rest)?;
            return Ok(picked
                .into_iter()
                .map(|(offset, line, hidden)| (offset, Cow::Borrowed(line), hidden))
                .collect());
        }
    };
    Ok(chosen
        .iter()
        .map(|&(offset, line)| (offset, Cow::Borrowed(line), false))
        .collect())
}

/// The lines of the section `name`, read as pymdownx.snippets reads them: from its first
/// start marker to the next end marker of the same name (further start markers of it and
/// markers of other sections are left out, escaped ones lose their `;`); an end marker
/// before the start ends the search.
fn section<'t>(
    lines: &[(usize, &'t str)],
    name: &str,
) -> Result<Vec<(usize, Cow<'t, str>, bool)>, String> {
    let mut chosen = Vec::new();
    let mut inside = false;
    let mut found = false;
    for &(offset, line) in lines {
        let line = match section_marker(line) {
            None => Cow::Borrowed(line),
            Some(marker) if marker.escaped => Cow::Owned(without_escape(line, marker.at)),
            Some(marker) if marker.name == name => {
                match (inside, marker.kind) {
                    (false, "start") => (inside, found) = (true, true),
                    (true, "start") => {}
                    _ => break,
                }
                continue;
            }
            Some(_) => continue,
        };
        if inside {
            chosen.push((offset, line, false));
        }
    }
    if found {
        Ok(chosen)
    } else {
        Err(format!("snippet section `{name}` not found"))
    }
}

/// A pymdownx.snippets section marker: `--8<-- [start:name]` or `[end:name]`, anywhere in a
/// line (`# --8<-- [end:name]`, `<!-- --8<-- [start:name] -->`), with any run of dashes
/// around `8<`, spaces inside the brackets and either case, as the extension's pattern
/// reads it; `;` before the dashes escapes it.
#[derive(Debug, PartialEq)]
struct SectionMarker<'l> {
    /// `start` or `end` as written: the extension only acts on the lowercase words.
    kind: &'l str,
    name: &'l str,
    escaped: bool,
    /// Where the marker (its escaping `;` included) starts in the line.
    at: usize,
}

/// An escaped line (`;--8<-- …`) as the extension leaves it: without the `;` at `at`.
fn without_escape(line: &str, at: usize) -> String {
    format!("{}{}", &line[..at], &line[at + 1..])
}

fn section_marker(line: &str) -> Option<SectionMarker<'_>> {
    if !line.contains("8<-") {
        return None;
    }
    let bytes = line.as_bytes();
    line.char_indices().find_map(|(at, c)| {
        // The escape is the whole run of `;`, the marker the whole run of dashes.
        let previous = at.checked_sub(1).map(|p| bytes[p]);
        if previous == Some(b';') || (previous == Some(b'-') && c == '-') {
            return None;
        }
        section_marker_at(line, at)
    })
}

fn section_marker_at(line: &str, at: usize) -> Option<SectionMarker<'_>> {
    let blank = [' ', '\t'];
    let rest = &line[at..];
    let unescaped = rest.trim_start_matches(';');
    let escaped = unescaped.len() < rest.len();
    let rest = unescaped.strip_prefix('-')?.trim_start_matches('-');
    let rest = rest.strip_prefix("8<-")?.trim_start_matches('-');
    let spaced = rest.trim_start_matches(blank);
    if spaced.len() == rest.len() {
        return None;
    }
    let rest = spaced.strip_prefix('[')?.trim_start_matches(blank);
    let kind_len = ["start", "end"]
        .iter()
        .find(|kind| {
            rest.get(..kind.len())
                .is_some_and(|k| k.eq_ignore_ascii_case(kind))
        })?
        .len();
    let kind = &rest[..kind_len];
    let rest = rest[kind_len..].trim_start_matches(blank);
    let rest = rest.strip_prefix(':')?.trim_start_matches(blank);
    if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    let name = &rest[..name_len];
    rest[name_len..]
        .trim_start_matches(blank)
        .starts_with(']')
        .then_some(SectionMarker {
            kind,
            name,
            escaped,
            at,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_with_lines_and_sections() {
        assert_eq!(split_spec("a.md"), ("a.md", Selection::All));
        assert_eq!(
            split_spec("a.md:2:4"),
            ("a.md", Selection::Lines(Some(2), Some(4)))
        );
        assert_eq!(
            split_spec("a.md::4"),
            ("a.md", Selection::Lines(None, Some(4)))
        );
        assert_eq!(
            split_spec("a.md:3"),
            ("a.md", Selection::Lines(Some(3), None))
        );
        assert_eq!(
            split_spec("a.md:intro"),
            ("a.md", Selection::Section("intro"))
        );
    }

    fn section_lines(text: &str, name: &str) -> Result<Vec<String>, String> {
        let lines: Vec<(usize, &str)> = crate::load::lines::lines(text).collect();
        let picked = section(&lines, name)?;
        Ok(picked.into_iter().map(|(_, l, _)| l.into_owned()).collect())
    }

    #[test]
    fn selects_sections_without_their_markers() {
        let text = "a\n--8<-- [start:s]\nb\nc\n--8<-- [end:s]\nd\n";
        assert_eq!(section_lines(text, "s").unwrap(), ["b\n", "c\n"]);
        assert!(section_lines(text, "x").is_err());
        // Markers of other sections inside are left out, a second start is passed over,
        // an escaped marker loses its `;`, and an end before the start ends the search.
        let text = "# --8<-- [start:s]\nb\n# --8<-- [start:t]\n# --8<-- [start:s]\n\
                    # ;--8<-- [end:s]\n# --8<-- [end:s]\nz\n";
        assert_eq!(
            section_lines(text, "s").unwrap(),
            ["b\n", "# --8<-- [end:s]\n"]
        );
        assert!(section_lines("--8<-- [end:s]\n--8<-- [start:s]\nb\n", "s").is_err());
    }

    #[test]
    fn section_markers_as_pymdownx_snippets_reads_them() {
        let marker = |line| section_marker(line).map(|m| (m.kind, m.name, m.escaped, m.at));
        assert_eq!(marker("--8<-- [start:a]"), Some(("start", "a", false, 0)));
        // google/adk-docs writes a space after the colon.
        assert_eq!(
            marker("# --8<-- [start: call_tool]\n"),
            Some(("start", "call_tool", false, 2))
        );
        assert_eq!(
            marker("<!-- -8<- [ END : x-1 ] -->"),
            Some(("END", "x-1", false, 5))
        );
        assert_eq!(marker("  ;;--8<-- [end:b]"), Some(("end", "b", true, 2)));
        assert_eq!(without_escape("  ;;--8<-- [end:b]", 2), "  ;--8<-- [end:b]");
        for text in [
            "--8<--[start:a]",
            "--8<-- [begin:a]",
            "--8<-- [start:1a]",
            "--8<-- [start:a b]",
            "--8<-- \"file.md\"",
            "8<-- [start:a]",
        ] {
            assert_eq!(marker(text), None, "{text}");
        }
    }
}
