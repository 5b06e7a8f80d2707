//! The include syntax of the FastAPI family of projects: mdx_include's `{! file !}` (the
//! file's text in place, often inside a fenced code block; `{! file[ln:1-7,12] !}` for
//! some of its lines) and markdown-include-variants' `{* file ln[3:8] hl[5] *}` (a tab with
//! the file as Python code: the chosen lines, the omitted parts marked by comments, the
//! highlighted lines; then the whole file in a "Full file preview" box, and the file's
//! other variants, for other Python versions or without `Annotated`, in another). Both are
//! lines of their own; the snippets pass reads the files, with its base folder, NUL and
//! cycle protections.

/// One include line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Directive<'a> {
    /// `{! path !}` or `{!> path !}`, with `[ln:..]` after the path for some lines.
    Text { path: &'a str, rows: Vec<Rows> },
    /// `{* path ln[..] hl[..] title["..."] *}`.
    Code {
        path: &'a str,
        /// Line ranges to show (1-based, inclusive), in order; empty: the whole file;
        /// `ln[0]`: none (only the boxes with the whole file and its variants).
        lines: Vec<(usize, usize)>,
        /// Highlighted lines, numbered as in the file.
        highlight: Vec<(usize, usize)>,
        title: Option<&'a str>,
    },
}

/// The directive on a line (without indentation), if it is one; an error names what is
/// wrong with a line that looks like one.
pub fn directive(rest: &str) -> Option<Result<Directive<'_>, String>> {
    let rest = rest.trim_end();
    if let Some(inner) = rest.strip_prefix("{!").and_then(|r| r.strip_suffix("!}")) {
        let path = inner.strip_prefix('>').unwrap_or(inner).trim();
        let (path, rows) = match path.strip_suffix(']').and_then(|p| p.rsplit_once("[ln:")) {
            Some((path, rows)) => match row_slices(rows) {
                Ok(rows) => (path.trim_end(), rows),
                Err(message) => return Some(Err(message)),
            },
            None => (path, Vec::new()),
        };
        return Some(if path.is_empty() {
            Err("the include names no file".into())
        } else {
            Ok(Directive::Text { path, rows })
        });
    }
    let inner = rest.strip_prefix("{*")?.strip_suffix("*}")?.trim();
    let (path, options) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    Some(code(path, options))
}

fn code<'a>(path: &'a str, options: &'a str) -> Result<Directive<'a>, String> {
    if path.is_empty() {
        return Err("the include names no file".into());
    }
    let (mut lines, mut highlight, mut title) = (Vec::new(), Vec::new(), None);
    let mut rest = options.trim();
    while !rest.is_empty() {
        let open = rest
            .find('[')
            .ok_or_else(|| format!("`{rest}` is no option"))?;
        let close = rest
            .find(']')
            .ok_or_else(|| format!("`{rest}` is not closed"))?;
        let (name, value) = (rest[..open].trim(), &rest[open + 1..close.max(open + 1)]);
        match name {
            "ln" => lines.extend(ranges(value)?),
            "hl" => highlight.extend(ranges(value)?),
            "title" => title = Some(value.trim_matches('"')),
            other => {
                return Err(format!(
                    "unknown option `{other}`; use `ln`, `hl` or `title`"
                ))
            }
        }
        rest = rest[close + 1..].trim_start();
    }
    lines.sort_unstable();
    if lines.len() > 1 && lines.contains(&NO_LINES) {
        return Err("`0` is a line range of its own (`ln[0]`: only the whole file's box)".into());
    }
    Ok(Directive::Code {
        path,
        lines,
        highlight,
        title,
    })
}

/// The file a line that starts with a Jinja `{% include 'name' %}` (the MkDocs macros
/// plugin's) names, and the text after the tag (`:` in `{% include 'a.yaml' %}:`, which
/// follows the file's last line); `block` is what starts and ends a block, `{%` and `%}`
/// unless the project sets others.
pub fn jinja_include<'r>(
    rest: &'r str,
    (open, close): &(String, String),
) -> Option<(&'r str, &'r str)> {
    let inner = rest.trim_end().strip_prefix(open.as_str())?;
    let (inner, after_tag) = inner.split_once(close.as_str())?;
    let inner = inner.strip_prefix('-').unwrap_or(inner);
    let inner = inner.strip_suffix('-').unwrap_or(inner).trim();
    let quoted = inner.strip_prefix("include")?.trim_start();
    let quote = quoted.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let (name, after) = quoted[1..].split_once(quote)?;
    (after.trim().is_empty() && !name.is_empty()).then_some((name, after_tag))
}

/// `line` with the Jinja tags `{% raw %}` and `{% endraw %}` taken out, as the macros
/// plugin renders them (what stands between them is left as written, which is all Waymark
/// does with the rest of the page anyway); `None` when the line has no such tag. `raw`
/// says whether the line starts inside a raw block and, after, whether it ends in one.
pub fn without_raw_tags(
    line: &str,
    (open, close): &(String, String),
    raw: &mut bool,
) -> Option<String> {
    let mut out = String::new();
    let mut rest = line;
    let mut found = false;
    while let Some(start) = rest.find(open.as_str()) {
        let after_open = &rest[start + open.len()..];
        let Some(end) = after_open.find(close.as_str()) else {
            break;
        };
        let inner = after_open[..end]
            .trim_start_matches('-')
            .trim_end_matches('-')
            .trim();
        let tag_end = start + open.len() + end + close.len();
        let is_tag = match inner {
            "raw" if !*raw => true,
            "endraw" if *raw => true,
            _ => false,
        };
        if is_tag {
            *raw = !*raw;
            found = true;
            out.push_str(&rest[..start]);
        } else {
            out.push_str(&rest[..tag_end]);
        }
        rest = &rest[tag_end..];
    }
    out.push_str(rest);
    found.then_some(out)
}

/// A markdown-include line read: the path and the line ranges, or what is wrong with it.
pub type LineInclude<'a> = Result<(&'a str, Vec<(usize, usize)>), String>;

/// A markdown-include line, `{!path!}`, or `{!path!lines=1 3 8-10}` for some of the
/// file's lines (1-based ranges, in the order given); `None` for a line that is not one.
pub fn markdown_include(rest: &str) -> Option<LineInclude<'_>> {
    let inner = rest.trim_end().strip_prefix("{!")?.strip_suffix('}')?;
    // The path ends at the first `!` that ends the directive, as the extension's lazy
    // pattern reads it.
    let (path, lines) = match inner.strip_suffix('!') {
        Some(path) if !path.contains("!lines=") => (path, ""),
        _ => inner.split_once("!lines=")?,
    };
    // Other characters after `lines=` make the line plain text to the extension.
    let is_range_text = |c: char| c.is_ascii_digit() || c == ' ' || c == '-';
    if inner.contains("!lines=") && (lines.is_empty() || !lines.chars().all(is_range_text)) {
        return None;
    }
    // The extension's pattern needs a path: `{!!}` is text to it.
    let path = path.trim();
    if path.is_empty() {
        return None;
    }
    let mut ranges = Vec::new();
    for part in lines.split_whitespace() {
        let number = |text: &str| {
            text.trim()
                .parse::<usize>()
                .map_err(|_| format!("`{part}` in `lines=` is not a line number or range"))
        };
        let range = match part.split_once('-') {
            Some((start, end)) => number(start).and_then(|start| Ok((start, number(end)?))),
            None => number(part).map(|line| (line, line)),
        };
        match range {
            Ok(range) => ranges.push(range),
            Err(message) => return Some(Err(message)),
        }
    }
    Some(Ok((path, ranges)))
}

/// `ln[0]`: the lines of a `{* *}` include that shows none of them in a tab of its own.
pub const NO_LINES: (usize, usize) = (0, 0);

/// `3:8,10` as ranges; `0` alone is [`NO_LINES`].
fn ranges(value: &str) -> Result<Vec<(usize, usize)>, String> {
    value
        .split(',')
        .map(|part| {
            let part = part.trim();
            let (start, end) = part.split_once(':').unwrap_or((part, part));
            match (start.trim().parse(), end.trim().parse()) {
                (Ok(0), Ok(0)) => Ok(NO_LINES),
                (Ok(start), Ok(end)) if 0 < start && start <= end => Ok((start, end)),
                _ => Err(format!("`{part}` is no line range")),
            }
        })
        .collect()
}

/// One part of mdx_include's `[ln:...]`: rows `start` to `end` (1-based, inclusive);
/// `None` is the file's first row as a start, its last as an end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rows {
    start: Option<Row>,
    end: Option<Row>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Number(usize),
    /// `e`, the file's last row.
    Last,
}

impl Rows {
    /// The rows of a file of `total` lines, if they run forward.
    pub fn within(self, total: usize) -> Option<(usize, usize)> {
        let number = |row: Row| match row {
            Row::Number(n) => n,
            Row::Last => total,
        };
        let start = self.start.map_or(1, number);
        let end = self.end.map_or(total, number);
        (start <= end).then_some((start, end))
    }
}

/// `1-7,12,20-e` (rcslice's row syntax, which mdx_include reads) as row ranges.
fn row_slices(value: &str) -> Result<Vec<Rows>, String> {
    let row = |text: &str, part: &str| -> Result<Option<Row>, String> {
        match text.trim() {
            "" => Ok(None),
            "e" => Ok(Some(Row::Last)),
            number => match number.parse() {
                Ok(n) if n > 0 => Ok(Some(Row::Number(n))),
                _ if number.contains('.') => Err(format!(
                    "`{part}` slices columns, which Waymark does not; give whole lines, e.g. `[ln:3-8]`"
                )),
                _ => Err(format!("`{part}` is no line range")),
            },
        }
    };
    value
        .split(',')
        .filter(|part| !part.trim().is_empty())
        .map(|part| match part.split_once('-') {
            Some((start, end)) => Ok(Rows {
                start: row(start, part)?,
                end: row(end, part)?,
            }),
            None => {
                let only = row(part, part)?;
                Ok(Rows {
                    start: only,
                    end: only,
                })
            }
        })
        .collect()
}

/// One file of an example's family: the example for another Python version, or with or
/// without `Annotated`, as markdown-include-variants names them (`tutorial001_an_py310.py`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant<F> {
    /// The path as an include would write it.
    pub path: String,
    /// What `resolve` gave for the path.
    pub file: F,
    /// `Python 3.10+`, or `Python 3.10+ - non-Annotated` beside a version with it.
    pub title: String,
    /// With `Annotated` (`_an`), without it beside a version with it, or neither.
    pub annotated: Option<bool>,
    version: usize,
}

/// Name suffixes and Python versions, newest first; the oldest has no suffix.
const VERSIONS: [(&str, &str); 4] = [
    ("_py311", "3.11"),
    ("_py310", "3.10"),
    ("_py39", "3.9"),
    ("", "3.8"),
];
const ANNOTATED: &str = "_an";

/// `name` without its variant suffixes (`tutorial001_an_py310` is `tutorial001`).
fn family_name(mut name: &str) -> &str {
    let suffixes = VERSIONS
        .iter()
        .map(|(suffix, _)| *suffix)
        .chain([ANNOTATED]);
    while let Some(shorter) = suffixes
        .clone()
        .filter(|suffix| !suffix.is_empty())
        .find_map(|suffix| name.strip_suffix(suffix))
    {
        name = shorter;
    }
    name
}

fn join(folder: &str, name: &str) -> String {
    if folder.is_empty() {
        name.to_string()
    } else {
        format!("{folder}/{name}")
    }
}

/// The variants of the example at `path` that `resolve` finds, as markdown-include-variants
/// looks for them: files named like it in its folder, or, when that finds only the file
/// itself, folders named like its folder (`tutorial001_py310/main.py`) beside that one.
pub fn family<F>(path: &str, resolve: impl Fn(&str) -> Option<F>) -> Vec<Variant<F>> {
    let (folder, file_name) = path.rsplit_once('/').unwrap_or(("", path));
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem);
    let base = family_name(stem);
    let by_name = variants(
        |suffix| join(folder, &format!("{base}{suffix}.py")),
        &resolve,
    );
    if by_name.len() != 1 {
        return by_name;
    }
    let (parent, folder_name) = folder.rsplit_once('/').unwrap_or(("", folder));
    let base = family_name(folder_name);
    let by_folder = variants(
        |suffix| join(&join(parent, &format!("{base}{suffix}")), file_name),
        &resolve,
    );
    let oldest = |family: &[Variant<F>]| {
        family
            .iter()
            .any(|v| v.version == VERSIONS.len() - 1 && v.annotated.is_none())
    };
    if by_folder.len() > 1 || (by_folder.len() == 1 && oldest(&by_name) && !oldest(&by_folder)) {
        by_folder
    } else {
        by_name
    }
}

/// The variants at the paths `named` gives for each suffix.
fn variants<F>(
    named: impl Fn(&str) -> String,
    resolve: &impl Fn(&str) -> Option<F>,
) -> Vec<Variant<F>> {
    let mut found = Vec::new();
    for (version, (suffix, number)) in VERSIONS.iter().enumerate() {
        let mut add = |path: String, file: F, annotated: Option<bool>| {
            let title = match annotated {
                Some(false) => format!("Python {number}+ - non-Annotated"),
                _ => format!("Python {number}+"),
            };
            found.push(Variant {
                path,
                file,
                title,
                annotated,
                version,
            });
        };
        let plain = named(suffix);
        let with_annotated = named(&format!("{ANNOTATED}{suffix}"));
        if let Some(file) = resolve(&with_annotated) {
            add(with_annotated, file, Some(true));
            if let Some(file) = resolve(&plain) {
                add(plain, file, Some(false));
            }
        } else if let Some(file) = resolve(&plain) {
            add(plain, file, None);
        }
    }
    found
}

/// `family` in the order markdown-include-variants shows it: the one `is_shown` picks,
/// then the others, those with `Annotated` first, newest first. `None` when `is_shown`
/// picks none (MkDocs then stops).
pub fn arrange<F>(
    family: Vec<Variant<F>>,
    is_shown: impl Fn(&Variant<F>) -> bool,
) -> Option<(Variant<F>, Vec<Variant<F>>)> {
    let rank = |v: &Variant<F>| {
        let kind = match v.annotated {
            Some(true) => 0,
            Some(false) => 1,
            None => 2,
        };
        (kind, v.version)
    };
    let (mut shown, mut others): (Vec<_>, Vec<_>) = family.into_iter().partition(|v| is_shown(v));
    others.sort_by_key(|v| rank(v));
    Some((shown.pop()?, others))
}

/// A piece of what a `{* *}` line becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// A generated line.
    Line(String),
    /// Lines of a file (1-based, inclusive; `None`: the whole file): 0 is the file the
    /// line names, `n` its `n`th other variant.
    File(usize, Option<(usize, usize)>),
}

/// What a `{* *}` directive becomes, as markdown-include-variants writes it: a tab titled
/// `shown` with the chosen lines of the file (`total` lines long) as Python code (the
/// `hl` lines renumbered for the lines shown, comments where code is left out); with
/// chosen lines, a "Full file preview" box with the whole file; and an "Other versions
/// and variants" box with a tab for each of `others` (their titles, and whether each is
/// the version without `Annotated`).
pub fn code_blocks(
    lines: &[(usize, usize)],
    highlight: &[(usize, usize)],
    title: Option<&str>,
    total: usize,
    shown: &str,
    others: &[(&str, Option<bool>)],
) -> Vec<Part> {
    let mut parts = Vec::new();
    let line = |parts: &mut Vec<Part>, text: &str| parts.push(Part::Line(text.to_string()));
    let fence = |hl: &[(usize, usize)]| {
        let mut open = String::from("```python");
        if !hl.is_empty() {
            let list: Vec<String> = hl
                .iter()
                .map(|&(s, e)| {
                    if s == e {
                        s.to_string()
                    } else {
                        format!("{s}-{e}")
                    }
                })
                .collect();
            open.push_str(&format!(" hl_lines=\"{}\"", list.join(" ")));
        }
        if let Some(title) = title {
            open.push_str(&format!(" title=\"{title}\""));
        }
        open
    };
    if lines != [NO_LINES] {
        line(&mut parts, &format!("//// tab | {shown}"));
        let (chosen, hl) = chosen_lines(lines, highlight, total);
        line(&mut parts, &fence(&hl));
        parts.extend(chosen);
        for text in ["```", "", "////", ""] {
            line(&mut parts, text);
        }
    }
    if !lines.is_empty() {
        for text in ["///// details | 👀 Full file preview", ""] {
            line(&mut parts, text);
        }
        line(&mut parts, &format!("//// tab | {shown}"));
        line(&mut parts, "");
        line(&mut parts, &fence(highlight));
        parts.push(Part::File(0, None));
        for text in ["```", "", "////", "", "/////", ""] {
            line(&mut parts, text);
        }
    }
    if !others.is_empty() {
        for text in ["///// details | 🤓 Other versions and variants", ""] {
            line(&mut parts, text);
        }
        for (index, (other, annotated)) in others.iter().enumerate() {
            line(&mut parts, &format!("//// tab | {other}"));
            line(&mut parts, "");
            if *annotated == Some(false) {
                let tip = "Prefer to use the `Annotated` version if possible.";
                for text in ["/// tip", "", tip, "", "///", ""] {
                    line(&mut parts, text);
                }
            }
            line(&mut parts, &fence(&[]));
            parts.push(Part::File(index + 1, None));
            for text in ["```", "////"] {
                line(&mut parts, text);
            }
        }
        for text in ["", "/////", ""] {
            line(&mut parts, text);
        }
    }
    parts
}

/// The chosen `lines` of the file with comments where code is left out, and the
/// `highlight`ed lines among them, numbered from the first line shown.
fn chosen_lines(
    lines: &[(usize, usize)],
    highlight: &[(usize, usize)],
    total: usize,
) -> (Vec<Part>, Vec<(usize, usize)>) {
    let mut parts = Vec::new();
    let mut hl = Vec::new();
    if lines.is_empty() {
        parts.push(Part::File(0, None));
        hl.extend(highlight.iter().copied());
    }
    // Lines of the block so far (after the opening fence).
    let mut before = 0;
    fn comment(parts: &mut Vec<Part>, text: &[&str]) -> usize {
        parts.extend(text.iter().map(|t| Part::Line(t.to_string())));
        text.len()
    }
    for (i, &(start, end)) in lines.iter().enumerate() {
        if i > 0 {
            before += comment(&mut parts, &["", "# Code here omitted 👈", ""]);
        } else if start > 1 {
            before += comment(&mut parts, &["# Code above omitted 👆", ""]);
        }
        for &(hs, he) in highlight {
            if hs >= start && he <= end {
                hl.push((hs - start + before + 1, he - start + before + 1));
            }
        }
        parts.push(Part::File(0, Some((start, end))));
        before += end - start + 1;
    }
    if lines.last().is_some_and(|&(_, end)| end < total) {
        comment(&mut parts, &["", "# Code below omitted 👇"]);
    }
    (parts, hl)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_tags_go_and_other_tags_stay() {
        let block = ("{%".to_string(), "%}".to_string());
        let mut raw = false;
        let mut read = |line: &str| without_raw_tags(line, &block, &mut raw);
        assert_eq!(read("{% raw %}").as_deref(), Some(""));
        // Inside the block nothing is a tag but its end.
        assert_eq!(read("{% include 'x' %} {%- raw %}"), None);
        assert_eq!(read("a {% endraw -%} b").as_deref(), Some("a  b"));
        assert_eq!(
            read("{% if x %}{% raw %}{{ y }}{% endraw %}").as_deref(),
            Some("{% if x %}{{ y }}")
        );
        assert_eq!(read("{% endraw %} is text outside a block"), None);
        assert!(!raw);
    }

    #[test]
    fn directives_as_fastapi_writes_them() {
        assert_eq!(
            directive("{* ../../docs_src/body/tutorial001_py310.py hl[5:9,16] *}"),
            Some(Ok(Directive::Code {
                path: "../../docs_src/body/tutorial001_py310.py",
                lines: vec![],
                highlight: vec![(5, 9), (16, 16)],
                title: None
            }))
        );
        assert_eq!(
            directive("{!> ../../docs_src/a.py!}"),
            Some(Ok(Directive::Text {
                path: "../../docs_src/a.py",
                rows: vec![]
            }))
        );
        assert!(directive("{* a.py ln[x] *}").unwrap().is_err());
        assert!(directive("{* a.py zz[1] *}").unwrap().is_err());
        assert!(directive("{* a.py ln[0,3] *}").unwrap().is_err());
        assert_eq!(directive("{ .card }"), None);
    }

    #[test]
    fn jinja_include_lines() {
        let block = ("{%".to_string(), "%}".to_string());
        let include = |line| jinja_include(line, &block);
        assert_eq!(
            include("{% include 'a-secret.yaml' %}"),
            Some(("a-secret.yaml", ""))
        );
        assert_eq!(
            include("{%- include \"x/b.md\" -%}\n"),
            Some(("x/b.md", ""))
        );
        // External Secrets' `{% include 'ngrok-push-secret.yaml' %}:`.
        assert_eq!(include("{% include 'a.yaml' %}:"), Some(("a.yaml", ":")));
        assert_eq!(include("{% include 'a.md' with context %}"), None);
        assert_eq!(include("{% for x in y %}"), None);
        assert_eq!(include("{% include '' %}"), None);
        // The delimiters a project sets (google/adk-docs sets `{{%` and `%}}`).
        let own = ("{{%".to_string(), "%}}".to_string());
        let line = "{{% include '_includes/homepage/_hero.md' %}}";
        assert_eq!(
            jinja_include(line, &own),
            Some(("_includes/homepage/_hero.md", ""))
        );
        assert_eq!(include(line), None);
        assert_eq!(jinja_include("{% include 'a.md' %}", &own), None);
    }

    #[test]
    fn ln_0_shows_only_the_boxes() {
        let Some(Ok(Directive::Code { lines, .. })) = directive("{* a_py310.py ln[0] *}") else {
            panic!("not read");
        };
        assert_eq!(lines, [NO_LINES]);
        let parts = code_blocks(&lines, &[], None, 9, "Python 3.10+", &[]);
        assert_eq!(
            parts[0],
            Part::Line("///// details | 👀 Full file preview".into())
        );
        assert!(parts.contains(&Part::File(0, None)));
        assert!(!parts.iter().any(|p| matches!(p, Part::File(_, Some(_)))));
    }

    #[test]
    fn markdown_include_lines_as_the_extension_reads_them() {
        assert_eq!(
            markdown_include("{!./src/a.py!}"),
            Some(Ok(("./src/a.py", vec![])))
        );
        assert_eq!(
            markdown_include("{! a.txt !lines=2 4-5 }"),
            Some(Ok(("a.txt", vec![(2, 2), (4, 5)])))
        );
        // Anything but digits, spaces and dashes after `lines=` is text to the extension,
        // and so is a line that does not end the directive.
        assert_eq!(markdown_include("{!a.txt!lines=x}"), None);
        assert_eq!(markdown_include("{!a.txt!lines=}"), None);
        assert_eq!(markdown_include("{!a.txt!} and more"), None);
        assert!(matches!(
            markdown_include("{!a.txt!lines=3-}"),
            Some(Err(_))
        ));
        assert_eq!(markdown_include("{! !}"), None);
    }

    #[test]
    fn mdx_include_line_slices() {
        fn rows(text: &str) -> (&str, Vec<Option<(usize, usize)>>) {
            match directive(text) {
                Some(Ok(Directive::Text { path, rows })) => {
                    (path, rows.iter().map(|r| r.within(30)).collect())
                }
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(
            rows("{!./docs_src/test_main.py[ln:1-7]!}"),
            ("./docs_src/test_main.py", vec![Some((1, 7))])
        );
        assert_eq!(
            rows("{! a.py [ln:3,20-e,-2,28-] !}"),
            (
                "a.py",
                vec![Some((3, 3)), Some((20, 30)), Some((1, 2)), Some((28, 30))]
            )
        );
        assert_eq!(rows("{!a.py[ln:9-4]!}").1, [None]);
        let column = directive("{!a.py[ln:1.2-3.4]!}").unwrap().unwrap_err();
        assert!(column.contains("slices columns"), "{column}");
        assert!(directive("{!a.py[ln:0-3]!}").unwrap().is_err());
    }

    #[test]
    fn chosen_lines_keep_their_highlights_and_mark_what_is_left_out() {
        let others = [
            ("Python 3.9+", None),
            ("Python 3.8+ - non-Annotated", Some(false)),
        ];
        let parts = code_blocks(
            &[(3, 4), (8, 9)],
            &[(4, 4), (8, 8)],
            Some("main.py"),
            12,
            "Python 3.10+",
            &others,
        );
        let line = |s: &str| Part::Line(s.to_string());
        let fence = "```python hl_lines=\"4 8\" title=\"main.py\"";
        // The whole file keeps the highlights as numbered in the file.
        let expected = [
            line("//// tab | Python 3.10+"),
            line("```python hl_lines=\"4 8\" title=\"main.py\""),
            line("# Code above omitted 👆"),
            line(""),
            Part::File(0, Some((3, 4))),
            line(""),
            line("# Code here omitted 👈"),
            line(""),
            Part::File(0, Some((8, 9))),
            line(""),
            line("# Code below omitted 👇"),
            line("```"),
            line(""),
            line("////"),
            line(""),
            line("///// details | 👀 Full file preview"),
            line(""),
            line("//// tab | Python 3.10+"),
            line(""),
            line(fence),
            Part::File(0, None),
        ];
        assert_eq!(parts[..expected.len()], expected[..]);
        let rest: Vec<&Part> = parts[expected.len()..].iter().collect();
        let tip = rest.iter().position(|p| **p == line("/// tip")).unwrap();
        let second_tab = rest
            .iter()
            .position(|p| **p == line("//// tab | Python 3.8+ - non-Annotated"))
            .unwrap();
        assert!(rest.contains(&&line("///// details | 🤓 Other versions and variants")));
        assert!(rest.contains(&&Part::File(1, None)) && rest.contains(&&Part::File(2, None)));
        assert!(tip > second_tab, "the tip belongs to the non-Annotated tab");
    }

    #[test]
    fn a_family_is_found_by_file_names_or_by_folder_names() {
        let files = [
            "src/t/tutorial001_an_py310.py",
            "src/t/tutorial001_py310.py",
            "src/t/tutorial001_an.py",
            "src/app/tutorial002_py310/main.py",
            "src/app/tutorial002_py39/main.py",
        ];
        let resolve = |path: &str| files.contains(&path).then(|| path.to_string());
        let titles = |path: &str| {
            let family = family(path, resolve);
            let (shown, others) = arrange(family, |v| v.path == path).unwrap();
            let mut titles = vec![shown.title];
            titles.extend(
                others
                    .into_iter()
                    .map(|v| format!("{} {}", v.title, v.path)),
            );
            titles
        };
        assert_eq!(
            titles("src/t/tutorial001_py310.py"),
            [
                "Python 3.10+ - non-Annotated",
                "Python 3.10+ src/t/tutorial001_an_py310.py",
                "Python 3.8+ src/t/tutorial001_an.py",
            ]
        );
        assert_eq!(
            titles("src/app/tutorial002_py310/main.py"),
            [
                "Python 3.10+",
                "Python 3.9+ src/app/tutorial002_py39/main.py"
            ]
        );
        assert!(family("src/t/other.txt", resolve).is_empty());
    }
}
