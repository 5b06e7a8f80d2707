//! The directives of the MkDocs include-markdown plugin: `{% include-markdown "file" %}`
//! and `{% include "file" %}`, anywhere in a line (or over several, which the snippets
//! pass joins), with their arguments (`start`, `end`, `heading-offset`, `dedent`, ...).
//! This module reads a directive and shapes the text it includes as the plugin does; the
//! snippets pass finds the file and puts the text in place.

use super::is_word;
use crate::config::IncludeDefaults;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

/// A directive found in a line.
#[derive(Debug, PartialEq)]
pub struct Directive<'t> {
    /// The directive's bytes in the line, with the indentation before it.
    pub range: Range<usize>,
    /// The run of spaces, word characters, `\` and `.` just before the `{%` (what the
    /// plugin's pattern takes as the includer's indentation): the included text follows
    /// it, and its other lines are indented by as many spaces.
    pub indent: &'t str,
    /// `include-markdown` (links rewritten, headings offset) rather than `include`.
    pub markdown: bool,
    /// The file named, empty when none is (`{% include "" %}`, an error).
    pub path: String,
    pub arguments: &'t str,
}

/// The directives in `line`, in order.
pub fn find(line: &str) -> Vec<Directive<'_>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = line[from..].find("{%").map(|at| from + at) {
        match directive_at(line, from, open) {
            Some(directive) => {
                from = directive.range.end;
                found.push(directive);
            }
            None => from = open + 2,
        }
    }
    found
}

/// Whether `line` opens a directive that it does not close (`{%` with nothing after it
/// but the start of `include`), which the following lines go on.
pub fn opens_unclosed(line: &str) -> bool {
    let Some(open) = line.rfind("{%") else {
        return false;
    };
    let rest = line[open + 2..].trim();
    !rest.contains("%}") && (rest.is_empty() || rest.starts_with("include"))
}

/// The directive whose `{%` is at `open`, not reaching back before `from`.
fn directive_at(line: &str, from: usize, open: usize) -> Option<Directive<'_>> {
    let rest = line[open + 2..].trim_start();
    let (markdown, rest) = match rest.strip_prefix("include-markdown") {
        Some(rest) => (true, rest),
        None => (false, rest.strip_prefix("include")?),
    };
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim_start();
    let (path, after) = match rest.chars().next() {
        Some(quote @ ('"' | '\'')) => match quoted(&rest[1..], quote) {
            Some(found) => found,
            // `""`: the plugin's pattern matches without a file, and the plugin stops the
            // build; so does a directive with nothing before its closing tag.
            None if rest[1..].starts_with(quote) => (String::new(), &rest[2..]),
            None => return None,
        },
        _ if rest.starts_with("%}") => (String::new(), rest),
        // An unquoted name is the macros plugin's Jinja (`{% include x %}`).
        _ => return None,
    };
    let close = after.find("%}")?;
    let end = line.len() - after.len() + close + 2;
    let is_indent = |c: char| c == ' ' || c == '\t' || c == '\\' || c == '.' || is_word(c);
    let indent_start = line[from..open]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_indent(*c))
        .last()
        .map_or(open, |(at, _)| from + at);
    Some(Directive {
        range: indent_start..end,
        indent: &line[indent_start..open],
        markdown,
        path,
        arguments: after[..close].trim(),
    })
}

/// The text up to the closing `quote` (a `\` before it escapes it) and what follows.
fn quoted(text: &str, quote: char) -> Option<(String, &str)> {
    let mut value = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(|(_, next)| *next == quote) => {
                value.push(quote);
                chars.next();
            }
            c if c == quote => return (!value.is_empty()).then_some((value, &text[at + 1..])),
            c => value.push(c),
        }
    }
    None
}

/// What a directive's arguments ask, over the plugin's defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct Arguments {
    pub options: IncludeDefaults,
    /// Arguments the plugin does not have, or cannot be applied here.
    pub unknown: Vec<String>,
}

/// Reads `arguments` (`start="<!--x-->" dedent=true heading-offset=1`) over `defaults`.
pub fn arguments(arguments: &str, defaults: &IncludeDefaults) -> Result<Arguments, String> {
    let mut options = defaults.clone();
    let mut unknown = Vec::new();
    let mut rest = arguments.trim_start();
    while !rest.is_empty() {
        let (name, after) = rest
            .split_once('=')
            .ok_or_else(|| format!("`{rest}` is no argument: write `name=value`"))?;
        let name = name.trim();
        let (value, after) = match after.chars().next() {
            Some(quote @ ('"' | '\'')) => quoted(&after[1..], quote)
                .ok_or_else(|| format!("the value of `{name}` is not closed"))?,
            _ => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (after[..end].to_string(), &after[end..])
            }
        };
        let flag = |value: &str| match value {
            "true" => Ok(true),
            "false" => Ok(false),
            other => Err(format!("`{name}={other}`: the value is `true` or `false`")),
        };
        match name {
            "start" => options.start = Some(unescape(&value)),
            "end" => options.end = Some(unescape(&value)),
            "heading-offset" => {
                options.heading_offset = value
                    .parse()
                    .map_err(|_| format!("`heading-offset={value}` is not a whole number"))?
            }
            "preserve-includer-indent" => options.preserve_includer_indent = flag(&value)?,
            "dedent" => options.dedent = flag(&value)?,
            "trailing-newlines" => options.trailing_newlines = flag(&value)?,
            "rewrite-relative-urls" => options.rewrite_relative_urls = flag(&value)?,
            "recursive" => options.recursive = flag(&value)?,
            "comments" => {
                flag(&value)?;
            }
            "encoding" if crate::config::names_utf8(&value) => {}
            other => unknown.push(other.to_string()),
        }
        rest = after.trim_start();
    }
    Ok(Arguments { options, unknown })
}

/// `start` and `end` values may spell a newline or a tab as `\n` or `\t`.
fn unescape(value: &str) -> String {
    value
        .replace("\\n", "\n")
        .replace("\\t", "\t")
        .replace("\\r", "\r")
}

/// The parts of `text` to include, by their byte offset in it: after the first `start`
/// (to the end), before the first `end`, or every stretch from a `start` to the next
/// `end`; with neither, the whole. Also whether `start` and `end` were found.
pub fn select<'t>(text: &'t str, options: &IncludeDefaults) -> (Vec<(usize, &'t str)>, bool, bool) {
    let start = options.start.as_deref().filter(|s| !s.is_empty());
    let end = options.end.as_deref().filter(|s| !s.is_empty());
    let found_start = start.is_none_or(|start| text.contains(start));
    let found_end = end.is_none_or(|end| text.contains(end));
    let parts = match (start, end) {
        (None, None) => vec![(0, text)],
        (Some(start), None) => match text.find(start) {
            Some(at) => vec![(at + start.len(), &text[at + start.len()..])],
            None => Vec::new(),
        },
        (None, Some(end)) => vec![(0, &text[..text.find(end).unwrap_or(text.len())])],
        (Some(start), Some(end)) => {
            // As the plugin splits: the text after each start (the whole text when there
            // is none), each cut at every end, the even pieces kept.
            let after_starts: Vec<usize> = text
                .match_indices(start)
                .map(|(at, _)| at + start.len())
                .collect();
            let stretches: Vec<(usize, usize)> = if after_starts.is_empty() {
                vec![(0, text.len())]
            } else {
                let next_starts = after_starts[1..].iter().map(|next| next - start.len());
                after_starts
                    .iter()
                    .copied()
                    .zip(next_starts.chain([text.len()]))
                    .collect()
            };
            let mut parts = Vec::new();
            for (from, to) in stretches {
                let mut at = from;
                for (index, piece) in text[from..to].split(end).enumerate() {
                    if index % 2 == 0 {
                        parts.push((at, piece));
                    }
                    at += piece.len() + end.len();
                }
            }
            parts
        }
    };
    (parts, found_start, found_end)
}

/// The lines of the `parts` of a file (by their offset in it), each with its newline and
/// the offset where it starts: a part that does not end a line goes on with the next one.
pub fn lines(parts: Vec<(usize, &str)>) -> Vec<(usize, String)> {
    let mut lines: Vec<(usize, String)> = Vec::new();
    for (mut offset, part) in parts {
        for piece in part.split_inclusive('\n') {
            match lines.last_mut() {
                Some((_, last)) if !last.ends_with('\n') => last.push_str(piece),
                _ => lines.push((offset, piece.to_string())),
            }
            offset += piece.len();
        }
    }
    lines
}

/// Shapes the included `lines` (each with its newline, if it had one) as the plugin does:
/// trailing newlines dropped unless kept, the common indentation removed, and in an
/// `include-markdown` headings offset and relative links rewritten from the folder
/// `source` to the folder `destination` (not in fenced code).
pub fn shape(
    lines: &mut Vec<String>,
    options: &IncludeDefaults,
    markdown: bool,
    source: &Path,
    destination: &Path,
) {
    if !options.trailing_newlines {
        while lines
            .last()
            .is_some_and(|line| line.trim_end_matches(['\n', '\r']).is_empty())
        {
            lines.pop();
        }
        if let Some(last) = lines.last_mut() {
            let end = last.trim_end_matches(['\n', '\r']).len();
            last.truncate(end);
        }
    }
    if options.dedent {
        dedent(lines);
    }
    let offset = if markdown { options.heading_offset } else { 0 };
    let rewrite = markdown && options.rewrite_relative_urls && source != destination;
    if offset == 0 && !rewrite {
        return;
    }
    // The plugin's rule for fenced code (`transform_line_by_line_skipping_codeblocks`,
    // 7.3.0): a line starting with three backticks or tildes opens it, and any line
    // starting with the same three closes it, however long the opening run was.
    let mut fence: Option<&str> = None;
    for line in lines.iter_mut() {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
            continue;
        }
        if let Some(open) = ["```", "~~~"].into_iter().find(|f| trimmed.starts_with(f)) {
            fence = Some(open);
            continue;
        }
        if offset != 0 && line.starts_with('#') {
            let written = hashes(line);
            let depth = (written as i64 + offset).max(1) as usize;
            *line = format!("{}{}", "#".repeat(depth), &line[written..]);
        }
        if rewrite {
            *line = rewrite_links(line, source, destination);
        }
    }
}

/// How many `#` start `line`: a heading's depth, as the include extensions count it.
pub fn hashes(line: &str) -> usize {
    line.len() - line.trim_start_matches('#').len()
}

/// Removes the indentation every non-blank line shares (Python's `textwrap.dedent`).
fn dedent(lines: &mut [String]) {
    let indent = |line: &str| line.len() - line.trim_start_matches([' ', '\t']).len();
    let common = lines
        .iter()
        .filter(|line| !line.trim().is_empty())
        .map(|line| indent(line))
        .min()
        .unwrap_or(0);
    for line in lines.iter_mut() {
        let cut = common.min(indent(line));
        line.drain(..cut);
    }
}

/// `line` with the relative addresses of its links, images and link definitions made
/// relative to the folder `destination` rather than `source`.
fn rewrite_links(line: &str, source: &Path, destination: &Path) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    // A link definition: `[label]: address`.
    if let Some(after) = line.trim_start().strip_prefix('[') {
        if let Some((_, address)) = after.split_once("]:") {
            let address = address.trim_start();
            let start = line.len() - address.len();
            let end = start + address.find(char::is_whitespace).unwrap_or(address.len());
            out.push_str(&line[..start]);
            out.push_str(&rewrite_address(&line[start..end], source, destination));
            out.push_str(&line[end..]);
            return out;
        }
    }
    while let Some(at) = rest.find("](") {
        let start = at + 2;
        let address = &rest[start..];
        let end = start
            + address
                .find([')', ' ', '\t', '\n'])
                .unwrap_or(address.len());
        out.push_str(&rest[..start]);
        let address = &rest[start..end];
        let (bare, angled) = match address.strip_prefix('<').and_then(|a| a.strip_suffix('>')) {
            Some(bare) => (bare, true),
            None => (address, false),
        };
        let rewritten = rewrite_address(bare, source, destination);
        if angled {
            out.push('<');
            out.push_str(&rewritten);
            out.push('>');
        } else {
            out.push_str(&rewritten);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A relative address from the folder `source`, made relative to the folder
/// `destination`; others (with a scheme, from the root, or only an anchor) as they are.
fn rewrite_address(address: &str, source: &Path, destination: &Path) -> String {
    let has_scheme = address.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if address.is_empty()
        || has_scheme
        || address.starts_with(['/', '#'])
        || address.starts_with("//")
    {
        return address.to_string();
    }
    let target = normalise(&source.join(address));
    let mut relative = relative_path(&target, &normalise(destination))
        .to_string_lossy()
        .replace('\\', "/");
    if address.ends_with('/') && !relative.ends_with('/') {
        relative.push('/');
    }
    relative
}

/// `path` with `.` and `..` resolved by name.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// `target` relative to the folder `base` (both normalised, from the same root).
fn relative_path(target: &Path, base: &Path) -> PathBuf {
    let target: Vec<Component> = target.components().collect();
    let base: Vec<Component> = base.components().collect();
    let shared = target.iter().zip(&base).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in shared..base.len() {
        out.push("..");
    }
    for component in &target[shared..] {
        out.push(component);
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> IncludeDefaults {
        IncludeDefaults::default()
    }

    #[test]
    fn directives_anywhere_in_a_line_with_their_indentation() {
        let line = "    {% include-markdown \"includes/banner.md\" %}\n";
        let found = find(line);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].indent, "    ");
        assert!(found[0].markdown);
        assert_eq!(found[0].path, "includes/banner.md");
        assert_eq!(
            &line[found[0].range.clone()],
            "    {% include-markdown \"includes/banner.md\" %}"
        );
        let line = "- See {% include 'a b.md' start=\"<!--s-->\" %} and {% include \"c.md\" %}.";
        let directives = find(line);
        let found: Vec<(&str, &str, &str)> = directives
            .iter()
            .map(|d| (d.indent, d.path.as_str(), d.arguments))
            .collect();
        assert_eq!(
            found,
            [
                (" See ", "a b.md", "start=\"<!--s-->\""),
                (" and ", "c.md", "")
            ]
        );
        // Not the plugin's: the macros plugin's other tags, an unquoted name.
        assert!(find("{% if x %}{% include x %}{% includes 'y' %}").is_empty());
        // The plugin's, naming no file (an error where the file is read).
        let empty = find("{% include \"\" %} {% include-markdown %}");
        let paths: Vec<&str> = empty.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["", ""]);
    }

    #[test]
    fn a_directive_left_open_goes_on_over_the_next_lines() {
        assert!(opens_unclosed("    {%"));
        assert!(opens_unclosed("{% include-markdown \"a.md\""));
        assert!(!opens_unclosed("{% include \"a.md\" %}"));
        assert!(!opens_unclosed("{% if x"));
        let joined = "{%\n   include-markdown \"a.md\"\n   start=\"<!--s-->\"\n%}\n";
        let found = find(joined);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "a.md");
        assert_eq!(
            arguments(found[0].arguments, &defaults())
                .unwrap()
                .options
                .start
                .as_deref(),
            Some("<!--s-->")
        );
    }

    #[test]
    fn arguments_over_the_defaults() {
        let read = arguments(
            "start=\"<!--\\nstart-->\" end='<!--end-->' heading-offset=-1 dedent=true comments=false order=\"alpha\"",
            &defaults(),
        )
        .unwrap();
        assert_eq!(read.options.start.as_deref(), Some("<!--\nstart-->"));
        assert_eq!(read.options.end.as_deref(), Some("<!--end-->"));
        assert_eq!(read.options.heading_offset, -1);
        assert!(read.options.dedent && read.options.preserve_includer_indent);
        assert_eq!(read.unknown, ["order"]);
        // Python reads `utf8` as UTF-8 too; another encoding is named as not followed.
        let read = arguments("encoding=\"utf8\" start=\"s\"", &defaults()).unwrap();
        assert!(read.unknown.is_empty(), "{:?}", read.unknown);
        let read = arguments("encoding=\"latin-1\"", &defaults()).unwrap();
        assert_eq!(read.unknown, ["encoding"]);
        assert!(arguments("dedent=yes", &defaults()).is_err());
        assert!(arguments("heading-offset=x", &defaults()).is_err());
    }

    #[test]
    fn parts_between_start_and_end() {
        let text = "a<!--s-->b<!--e-->c<!--s-->d<!--e-->f";
        let mut options = defaults();
        options.start = Some("<!--s-->".into());
        options.end = Some("<!--e-->".into());
        let (parts, found_start, found_end) = select(text, &options);
        let joined: String = parts.iter().map(|(_, p)| *p).collect();
        assert_eq!(joined, "bd");
        assert!(found_start && found_end);
        assert_eq!(&text[parts[1].0..parts[1].0 + 1], "d");
        options.end = None;
        assert_eq!(
            select(text, &options).0,
            [(9, "b<!--e-->c<!--s-->d<!--e-->f")]
        );
        options.start = Some("<!--x-->".into());
        let (parts, found_start, _) = select(text, &options);
        assert!(parts.is_empty() && !found_start);
    }

    #[test]
    fn parts_become_lines_where_they_start() {
        let text = "a<!--s-->b\nc<!--e-->x<!--s-->d\n";
        let parts = vec![(9, &text[9..12]), (29, &text[29..31])];
        assert_eq!(
            lines(parts),
            [(9, "b\n".to_string()), (11, "cd\n".to_string())]
        );
    }

    #[test]
    fn links_follow_the_includer_and_headings_the_offset() {
        let mut lines: Vec<String> = [
            "# Title\n",
            "[Guide](../guide/setup.md#step) and ![logo](img/logo.png) and [web](https://x.org/a) and [here](#top).\n",
            "```md\n",
            "# not a heading [x](y.md)\n",
            "```\n",
            "[ref]: ../faq.md \"FAQ\"\n",
        ]
        .map(String::from)
        .to_vec();
        let mut options = defaults();
        options.heading_offset = 1;
        shape(
            &mut lines,
            &options,
            true,
            Path::new("docs/includes"),
            Path::new("docs/guide/deep"),
        );
        assert_eq!(lines[0], "## Title\n");
        assert_eq!(
            lines[1],
            "[Guide](../setup.md#step) and ![logo](../../includes/img/logo.png) and [web](https://x.org/a) and [here](#top).\n"
        );
        assert_eq!(lines[3], "# not a heading [x](y.md)\n");
        assert_eq!(lines[5], "[ref]: ../../faq.md \"FAQ\"\n");
    }

    #[test]
    fn fenced_code_ends_where_the_plugin_ends_it() {
        // A four-backtick fence showing a three-backtick one: the plugin takes the inner
        // fence's lines for the end and a new start, so the heading inside is offset and
        // the one after the tildes is not. Its output for this file is asserted.
        let text = "# Title\n\n````markdown\n```python\n# x\n```\n````\n\n~~~~\n# in tildes\n~~~\n# after\n";
        let mut lines: Vec<String> = text.split_inclusive('\n').map(String::from).collect();
        let mut options = defaults();
        options.heading_offset = 1;
        let folder = Path::new("docs");
        shape(&mut lines, &options, true, folder, folder);
        assert_eq!(
            lines.concat(),
            "## Title\n\n````markdown\n```python\n## x\n```\n````\n\n~~~~\n# in tildes\n~~~\n## after\n"
        );
    }

    #[test]
    fn dedent_and_trailing_newlines() {
        let mut lines: Vec<String> = ["    a\n", "\n", "      b\n", "\n", "\n"]
            .map(String::from)
            .to_vec();
        let mut options = defaults();
        options.dedent = true;
        options.trailing_newlines = false;
        shape(&mut lines, &options, false, Path::new("a"), Path::new("a"));
        assert_eq!(lines, ["a\n", "\n", "  b"]);
    }
}
