//! Fenced code blocks with the options of MkDocs' SuperFences: `title="job.sh"` (a
//! caption), `linenums="N"` (line numbers from N), `hl_lines="2 3-5"` (highlighted lines),
//! in plain form (```` ```bash title="job.sh" ````) or braces (```` ``` { .bash title="x" } ````);
//! and `mermaid` blocks, written as `<pre class="mermaid">` for mermaid.js to draw.
//! rustdoc's and mdBook's info strings (```` ```rust,ignore ````) name the language first;
//! in mdBook books, hidden lines (Rust's `# `, or a prefix per language) are kept in the
//! page, out of sight until the reader shows them.

use super::{annotations, escape, highlight, is_word};
pub use crate::config::mdbook::HiddenLines;
use std::borrow::Cow;

/// What the info string of a fence asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Info {
    pub lang: Option<String>,
    pub title: Option<String>,
    pub linenums: Option<usize>,
    /// 1-based line numbers to highlight, relative to the block.
    pub hl_lines: Vec<usize>,
    /// `.annotate` is among the classes: markers in comments are annotations.
    pub annotate: bool,
    /// Other classes after the language (`{ .yaml .no-copy }`), given to the block.
    pub classes: Vec<String>,
    /// How hidden lines are marked, if the block has them.
    pub hidden: Option<HiddenLines>,
}

/// rustdoc's attributes of Rust code blocks: a block that starts with one is Rust.
const RUST_ATTRIBUTES: &[&str] = &[
    "ignore",
    "no_run",
    "should_panic",
    "compile_fail",
    "editable",
    "noplayground",
    "mdbook-runnable",
    "test_harness",
];

impl Info {
    /// Reads the info string in each form SuperFences accepts: `python title="a.py"`,
    /// `{ .python .annotate title="a.py" }` and `python {title="a.py"}`.
    pub fn parse(info: &str) -> Info {
        let mut out = Info::default();
        let text = info.trim();
        let (head, braced) = match text.find('{') {
            Some(at) if text.ends_with('}') => (&text[..at], &text[at + 1..text.len() - 1]),
            _ => (text, ""),
        };
        for (i, token) in tokens(head).into_iter().enumerate() {
            let is_option = token
                .split_once('=')
                .is_some_and(|(key, value)| out.option(key, unquote(value)));
            // `rust,ignore` or `python,hidelines=~`: the language and attributes.
            if i == 0 && !is_option {
                out.read_attributes(token);
            }
        }
        for token in tokens(braced) {
            match (token.split_once('='), token.strip_prefix('.')) {
                (Some((key, value)), _) => {
                    out.option(key, unquote(value));
                }
                (None, Some("annotate")) => out.annotate = true,
                (None, Some(class)) if out.lang.is_none() => out.lang = Some(class.to_string()),
                (None, Some(class)) => out.classes.push(class.to_string()),
                (None, None) => {}
            }
        }
        out
    }

    /// Sets the fence option `key` (`title`, `linenums`, `hl_lines`); false for a key that
    /// names none.
    fn option(&mut self, key: &str, value: &str) -> bool {
        match key {
            "title" => self.title = Some(value.to_string()).filter(|t| !t.is_empty()),
            "linenums" => {
                self.linenums = value.split_whitespace().next().and_then(|n| n.parse().ok())
            }
            "hl_lines" => self.hl_lines = line_list(value),
            _ => return false,
        }
        true
    }

    /// `rust,ignore,hidelines=!!`: the language, then rustdoc's and mdBook's attributes.
    fn read_attributes(&mut self, token: &str) {
        for (i, part) in token.split(',').map(str::trim).enumerate() {
            let rust = RUST_ATTRIBUTES.contains(&part) || part.starts_with("edition");
            if let Some(prefix) = part.strip_prefix("hidelines=") {
                self.hidden = Some(HiddenLines::Prefix(prefix.to_string()));
            } else if i == 0 && !part.is_empty() {
                self.lang = Some(if rust { "rust" } else { part }.to_string());
            }
        }
    }

    pub fn is_mermaid(&self) -> bool {
        self.lang
            .as_deref()
            .is_some_and(|l| l.eq_ignore_ascii_case("mermaid"))
    }
}

/// Splits on whitespace outside quotes.
fn tokens(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start = None;
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => {
                quote = Some(c);
                start.get_or_insert(i);
            }
            (Some(q), c) if c == q => quote = None,
            (None, c) if c.is_whitespace() => {
                if let Some(s) = start.take() {
                    tokens.push(&text[s..i]);
                }
            }
            _ => {
                start.get_or_insert(i);
            }
        }
    }
    if let Some(s) = start {
        tokens.push(&text[s..]);
    }
    tokens
}

fn unquote(value: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    value
}

/// `"2 4-6"` as `[2, 4, 5, 6]`.
fn line_list(value: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    for part in value.split([' ', ',']).filter(|p| !p.is_empty()) {
        match part.split_once('-') {
            Some((a, b)) => {
                if let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) {
                    lines.extend(a..=b.min(a + 10_000));
                }
            }
            None => lines.extend(part.parse::<usize>()),
        }
    }
    lines.sort_unstable();
    lines.dedup();
    lines
}

/// The HTML of a code block; with `annotations`, the id prefix of the list that explains
/// the markers in its comments.
pub fn render(text: &str, info: &Info, annotations: Option<&str>) -> String {
    if info.is_mermaid() {
        return format!("<pre class=\"mermaid\">{}</pre>\n", escape(text));
    }
    let lang = info.lang.as_deref();
    let class = lang
        .map(|l| format!(" class=\"language-{}\"", escape(&l.to_ascii_lowercase())))
        .unwrap_or_default();
    let (text, hidden) = match &info.hidden {
        Some(rule) => hide_lines(text, rule),
        None => (Cow::Borrowed(text), Vec::new()),
    };
    let mut code = highlight::highlight(&text, lang);
    if info.linenums.is_some() || !info.hl_lines.is_empty() || !hidden.is_empty() {
        let marks = Marks {
            start: info.linenums,
            highlighted: &info.hl_lines,
            hidden: &hidden,
        };
        code = number_lines(&code, text.lines().count(), &marks);
    }
    if let Some(prefix) = annotations {
        code = annotations::code_markers(&code, prefix);
    }
    let title = info
        .title
        .as_deref()
        .map(|t| format!("<span class=\"filename\">{}</span>", escape(t)))
        .unwrap_or_default();
    let annotate = info.annotate.then_some("annotate");
    let hidden_lines = (!hidden.is_empty()).then_some("has-hidden-lines");
    let classes: String = annotate
        .into_iter()
        .chain(hidden_lines)
        .chain(info.classes.iter().map(String::as_str))
        .map(|c| format!(" {}", escape(c)))
        .collect();
    format!(
        "<div class=\"highlight{classes}\">{title}<pre><code{class}>{code}</code></pre></div>\n"
    )
}

/// Inline code that names its language first (`#!python x = 1` or `:::python x = 1`, as
/// pymdownx.inlinehilite reads it), highlighted; `None` for other inline code.
pub fn inline(code: &str) -> Option<String> {
    let rest = code
        .strip_prefix("#!")
        .or_else(|| code.strip_prefix(":::"))?;
    let (lang, text) = rest.split_once(' ')?;
    let is_name = |c: char| c.is_ascii_alphanumeric() || "+-_.#".contains(c);
    if lang.is_empty() || !lang.chars().all(is_name) {
        return None;
    }
    Some(format!(
        "<code class=\"highlight language-{}\">{}</code>",
        escape(&lang.to_ascii_lowercase()),
        highlight::highlight(text, Some(lang))
    ))
}

/// The first line number of a code block whose fence asks for `start` (`linenums="N"`),
/// under pymdownx.highlight's `linenums` setting: `true` numbers every block but those
/// asking for 0, `false` none, and without it only those asking for a number above 0.
pub fn line_numbering(setting: Option<bool>, start: Option<usize>) -> Option<usize> {
    match (setting, start) {
        (Some(false), _) | (_, Some(0)) => None,
        (Some(true), None) => Some(1),
        (_, start) => start,
    }
}

/// What codehilite reads in the first line of an indented code block (its `_parseHeader`,
/// Python-Markdown 3.x): `:::python` (two or more colons) or `#!python` names the
/// language, and the line is dropped; a shebang with a path (`#!/usr/bin/env python`,
/// `#!/bin/bash`) names it too, and the line stays. `None` when the first line is no such
/// header.
pub fn codehilite_header(code: &str) -> Option<CodehiliteHeader> {
    let (first, rest) = code.split_once('\n').unwrap_or((code, ""));
    let (after, shebang) = match first.strip_prefix("#!") {
        Some(after) => (after, true),
        None if first.starts_with("::") => (first.trim_start_matches(':'), false),
        None => return None,
    };
    // `(?:/\w+)*[/ ]`: path segments, then a `/` or a space; the regex takes the longest.
    let mut path_ends = Vec::new();
    let mut at = 0;
    loop {
        if after[at..].starts_with([' ', '/']) {
            path_ends.push(at + 1);
        }
        let Some(segment) = after[at..].strip_prefix('/') else {
            break;
        };
        let word = segment.len() - segment.trim_start_matches(is_word).len();
        if word == 0 {
            break;
        }
        at += 1 + word;
    }
    let path_end = path_ends.last().copied();
    let lang_text = &after[path_end.unwrap_or(0)..];
    let lang: String = lang_text
        .chars()
        .take_while(|&c| is_word(c) || "#.+-".contains(c))
        .collect();
    let code = if path_end.is_some() { code } else { rest };
    Some(CodehiliteHeader {
        lang: (!lang.is_empty()).then(|| lang.to_lowercase()),
        numbered: shebang,
        code: code.trim_matches('\n').to_string(),
    })
}

/// What the first line of an indented code block asks of codehilite.
#[derive(Debug, PartialEq, Eq)]
pub struct CodehiliteHeader {
    /// The language, lower case; none when the line names none.
    pub lang: Option<String>,
    /// A `#!` line numbers the lines (unless codehilite's `linenums` says otherwise).
    pub numbered: bool,
    /// The code, without the header line (unless it has a path) and the blank lines
    /// around it.
    pub code: String,
}

/// The text with the hidden lines' markers removed, and the hidden lines (1-based).
fn hide_lines<'t>(text: &'t str, rule: &HiddenLines) -> (Cow<'t, str>, Vec<usize>) {
    let mut shown = String::with_capacity(text.len());
    let mut hidden = Vec::new();
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let rest = line.trim_start_matches([' ', '\t']);
        let indent = &line[..line.len() - rest.len()];
        let unmarked = match rule {
            HiddenLines::Rust => match rest.strip_prefix('#') {
                // `##` shows a `#`; `#!` and `#[` are Rust's own.
                Some(after) if after.starts_with('#') => {
                    shown.push_str(indent);
                    shown.push_str(after);
                    continue;
                }
                Some(after) if !after.starts_with(['!', '[']) => {
                    Some(after.strip_prefix(' ').unwrap_or(after))
                }
                _ => None,
            },
            HiddenLines::Prefix(prefix) => rest.strip_prefix(prefix.as_str()),
        };
        match unmarked {
            Some(after) => {
                hidden.push(index + 1);
                shown.push_str(indent);
                shown.push_str(after);
            }
            None => shown.push_str(line),
        }
    }
    if hidden.is_empty() {
        return (Cow::Borrowed(text), hidden);
    }
    (Cow::Owned(shown), hidden)
}

/// What [`number_lines`] marks: line numbers from `start`, highlighted and hidden lines
/// (1-based, sorted).
struct Marks<'a> {
    start: Option<usize>,
    highlighted: &'a [usize],
    hidden: &'a [usize],
}

/// Wraps each line of highlighted HTML: a line number, a highlight, a hidden line. Spans
/// that the highlighter left open across a line end are closed and reopened around the
/// wrapper.
fn number_lines(html: &str, count: usize, marks: &Marks) -> String {
    let Marks {
        start,
        highlighted,
        hidden,
    } = *marks;
    let mut out = String::with_capacity(html.len() + html.len() / 4);
    let mut open: Vec<&str> = Vec::new();
    for (index, line) in html.split('\n').enumerate() {
        if index >= count {
            // After the last line: only the closing tags of the highlighter's spans.
            for tag in &open {
                out.push_str(tag);
            }
            out.push_str(line);
            track_spans(line, &mut open);
            continue;
        }
        let number = index + 1;
        let hl = highlighted.binary_search(&number).is_ok();
        let concealed = hidden.binary_search(&number).is_ok();
        if concealed {
            out.push_str("<span class=\"hidden-line\">");
        }
        if hl {
            out.push_str("<span class=\"hll\">");
        }
        if let Some(first) = start {
            out.push_str(&format!("<span class=\"lineno\">{}</span>", first + index));
        }
        for tag in &open {
            out.push_str(tag);
        }
        out.push_str(line);
        track_spans(line, &mut open);
        for _ in &open {
            out.push_str("</span>");
        }
        out.push('\n');
        if hl {
            out.push_str("</span>");
        }
        if concealed {
            out.push_str("</span>");
        }
    }
    for _ in &open {
        out.push_str("</span>");
    }
    out
}

/// Updates the stack of open `<span ...>` tags after `line`.
fn track_spans<'h>(line: &'h str, open: &mut Vec<&'h str>) {
    let mut rest = line;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let tag = &rest[..end];
        if tag.starts_with("</") {
            open.pop();
        } else if tag.starts_with("<span") {
            open.push(tag);
        }
        rest = &rest[end..];
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn codehilite_headers_name_the_language_as_python_markdown_reads_them() {
        // Python-Markdown's codehilite gives the same languages, numbering and code.
        let header = |code: &str| {
            codehilite_header(code).map(|h| (h.lang.unwrap_or_default(), h.numbered, h.code))
        };
        let read = |lang: &str, numbered: bool, code: &str| {
            Some((lang.to_string(), numbered, code.to_string()))
        };
        assert_eq!(header(":::python\nx = 1\n"), read("python", false, "x = 1"));
        assert_eq!(header("::::Bash\necho\n"), read("bash", false, "echo"));
        assert_eq!(
            header("#!python hl_lines=\"1\"\nx = 1\n"),
            read("python", true, "x = 1")
        );
        // A path keeps the line: it is the script's own shebang.
        assert_eq!(
            header("#!/usr/bin/env python\nimport os\n"),
            read("python", true, "#!/usr/bin/env python\nimport os")
        );
        assert_eq!(
            header("#!/bin/bash\necho\n"),
            read("bash", true, "#!/bin/bash\necho")
        );
        assert_eq!(
            header("#!/bin/bash -x\necho\n"),
            read("-x", true, "#!/bin/bash -x\necho")
        );
        assert_eq!(header(":::\nplain\n"), read("", false, "plain"));
        assert_eq!(header(": one colon\n"), None);
        assert_eq!(header("x = 1\n"), None);
    }

    use super::*;

    #[test]
    fn parses_info_strings() {
        let info = Info::parse("bash title=\"job script.sh\" linenums=\"5\" hl_lines=\"2 4-5\"");
        assert_eq!(
            info,
            Info {
                lang: Some("bash".into()),
                title: Some("job script.sh".into()),
                linenums: Some(5),
                hl_lines: vec![2, 4, 5],
                annotate: false,
                classes: Vec::new(),
                hidden: None,
            }
        );
        let info = Info::parse("{ .python .extra title='a.py' }");
        assert_eq!(info.lang.as_deref(), Some("python"));
        assert!(!info.annotate);
        assert_eq!(info.title.as_deref(), Some("a.py"));
        let info = Info::parse("{ .annotate .yaml .no-copy }");
        assert_eq!(info.lang.as_deref(), Some("yaml"));
        assert!(info.annotate);
        assert_eq!(info.classes, ["no-copy"]);
        // Pydantic's form: the language, then options in braces.
        let info = Info::parse("python {title=\"Errors ignored\" requires=\"3.10\"}");
        assert_eq!(info.lang.as_deref(), Some("python"));
        assert_eq!(info.title.as_deref(), Some("Errors ignored"));
        assert_eq!(Info::parse("").lang, None);
        assert_eq!(Info::parse("title=\"x\"").lang, None);
    }

    /// Issue 19: rustdoc's attributes do not hide the language.
    #[test]
    fn rust_attributes_name_the_language_first() {
        for (info, lang) in [
            ("rust,ignore", "rust"),
            ("rust,no_run,edition2021", "rust"),
            ("should_panic", "rust"),
            ("compile_fail,E0382", "rust"),
            ("edition2018", "rust"),
            ("toml,hidelines=!!", "toml"),
            ("console", "console"),
        ] {
            assert_eq!(Info::parse(info).lang.as_deref(), Some(lang), "{info}");
        }
        assert_eq!(
            Info::parse("python,hidelines=!!").hidden,
            Some(HiddenLines::Prefix("!!".into()))
        );
    }

    #[test]
    fn hidden_lines_follow_rustdoc() {
        let text = "# use std::io;
#
#[derive(Debug)]
#![allow(x)]
fn main() {
    # let hidden = 1;
    ## not hidden
}
";
        let (shown, hidden) = hide_lines(text, &HiddenLines::Rust);
        assert_eq!(
            shown,
            "use std::io;

#[derive(Debug)]
#![allow(x)]
fn main() {
    let hidden = 1;
    # not hidden
}
"
        );
        assert_eq!(hidden, [1, 2, 6]);
        let (shown, hidden) = hide_lines(
            "!!setup
shown
",
            &HiddenLines::Prefix("!!".into()),
        );
        assert_eq!(
            (shown.as_ref(), hidden),
            (
                "setup
shown
",
                vec![1]
            )
        );
        let info = Info {
            hidden: Some(HiddenLines::Rust),
            ..Info::parse("rust,ignore")
        };
        let html = render(text, &info, None);
        assert!(
            html.starts_with("<div class=\"highlight has-hidden-lines\">"),
            "{html}"
        );
        assert_eq!(
            html.matches("<span class=\"hidden-line\">").count(),
            3,
            "{html}"
        );
    }

    #[test]
    fn inline_code_that_names_its_language_is_highlighted() {
        let html = inline("#!python import os").unwrap();
        assert!(
            html.starts_with("<code class=\"highlight language-python\"><span class=\"hl-"),
            "{html}"
        );
        assert!(
            html.contains(">import</span>") && !html.contains("#!"),
            "{html}"
        );
        assert_eq!(
            inline(":::nosuchlanguage a < b").as_deref(),
            Some("<code class=\"highlight language-nosuchlanguage\">a &lt; b</code>")
        );
        assert_eq!(inline("#!/bin/bash"), None);
        assert_eq!(inline("plain code"), None);
    }

    #[test]
    fn spans_are_balanced_per_line() {
        let marks = Marks {
            start: Some(1),
            highlighted: &[2],
            hidden: &[],
        };
        let html = number_lines("<span a>one\ntwo</span>\nthree\n", 3, &marks);
        assert_eq!(
            html,
            "<span class=\"lineno\">1</span><span a>one</span>\n<span class=\"hll\"><span class=\"lineno\">2</span><span a>two</span>\n</span><span class=\"lineno\">3</span>three\n"
        );
    }
}
