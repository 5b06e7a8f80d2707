//! Diagnostics: every problem a build finds, collected, sorted and printed
//! like a compiler (file:line:column, a source excerpt, a hint).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    /// Worth knowing but not worth a warning (MkDocs' `info` validation level): counted
    /// in the summary, listed with `--verbose`.
    Info,
}

/// A position in a source file, 1-based, with the text of that line for the excerpt.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub line: u32,
    pub column: u32,
    /// Width of the marked span in characters (at least 1).
    pub width: u32,
    /// The line for the excerpt: the whole line, or a window of a long line around the
    /// marked span, cut with `…`, so that a diagnostic about a huge one-line file stays
    /// short and small in memory.
    pub line_text: String,
    /// 1-based column of the marked span in `line_text`.
    pub excerpt_column: u32,
}

/// Lines longer than this many characters are cut to a window around the marked span.
const EXCERPT_CHARS: usize = 120;
/// How many characters of a long line are kept before the marked span.
const EXCERPT_BEFORE: usize = 40;

/// The excerpt of `line` for a span starting at byte `at` of it, `width` characters wide:
/// (text, column of the span in it, width of the span in it). Looks only at the
/// characters around the span, so that it costs the same on a line of any length.
fn excerpt(line: &str, at: usize, width: u32) -> (String, u32, u32) {
    let chars_between = |from: usize, to: usize| line[from..to].chars().count() as u32;
    // Walks `n` characters back from byte `from` (not past the line's start).
    let back = |from: usize, n: usize| {
        line[..from]
            .char_indices()
            .rev()
            .take(n)
            .last()
            .map_or(from, |(i, _)| i)
    };
    let mut start = back(at, EXCERPT_BEFORE);
    let end = line[start..]
        .char_indices()
        .nth(EXCERPT_CHARS)
        .map_or(line.len(), |(i, _)| start + i);
    if end == line.len() {
        // Near the end of the line: show the whole window before it.
        let shown = chars_between(start, end) as usize;
        start = back(start, EXCERPT_CHARS.saturating_sub(shown));
    }
    if start == 0 && end == line.len() {
        let column = chars_between(0, at) + 1;
        return (printable(line), column, width);
    }
    let mut text = String::with_capacity(end - start + 6);
    if start > 0 {
        text.push('…');
    }
    text.push_str(&printable(&line[start..end]));
    if end < line.len() {
        text.push('…');
    }
    let excerpt_column = chars_between(start, at) + 1 + u32::from(start > 0);
    let room = chars_between(at, end).max(1);
    (text, excerpt_column, width.min(room))
}

/// `text` with control characters (a NUL, an escape sequence) shown as their Unicode
/// pictures (`␀`, `␛`), one character each, so that an excerpt cannot disturb the
/// terminal and its columns stay right. Tabs stay.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' => c,
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            _ => c,
        })
        .collect()
}

impl Location {
    /// Locates a byte offset (and span length) in `text`. Offsets past the end clamp to it.
    pub fn in_text(text: &str, offset: usize, len: usize) -> Location {
        Locator::new(text).locate(offset, len)
    }

    /// A location known only by its line number (1-based) in `text`.
    pub fn line_in_text(text: &str, line: u32) -> Location {
        let line_text = text
            .lines()
            .nth(line.saturating_sub(1) as usize)
            .unwrap_or("");
        let width = line_text.chars().count().max(1) as u32;
        let (line_text, excerpt_column, width) = excerpt(line_text, 0, width);
        Location {
            line,
            column: 1,
            width,
            line_text,
            excerpt_column,
        }
    }
}

/// Locates many offsets in one text: each costs the distance from the previous one
/// when they come in increasing order (as a page's links do), so that the problems of
/// a huge page are located in linear time.
pub struct Locator<'t> {
    text: &'t str,
    /// The last offset located, its 1-based line, and where that line starts.
    at: usize,
    line: u32,
    line_start: usize,
    /// Characters from `line_start` to `at`.
    column: u32,
    /// Where the line starting at `.0` ends, once looked up.
    line_end: Option<(usize, usize)>,
}

impl<'t> Locator<'t> {
    pub fn new(text: &'t str) -> Locator<'t> {
        Locator {
            text,
            at: 0,
            line: 1,
            line_start: 0,
            column: 0,
            line_end: None,
        }
    }

    /// The location of `len` bytes at byte `offset` (clamped to the text).
    pub fn locate(&mut self, offset: usize, len: usize) -> Location {
        let text = self.text;
        let offset = floor_char_boundary(text, offset.min(text.len()));
        if offset < self.at {
            *self = Locator::new(text);
        }
        let passed = &text[self.at..offset];
        match passed.rfind('\n') {
            Some(last) => {
                self.line += passed.bytes().filter(|&b| b == b'\n').count() as u32;
                self.line_start = self.at + last + 1;
                self.column = text[self.line_start..offset].chars().count() as u32;
            }
            None => self.column += passed.chars().count() as u32,
        }
        self.at = offset;
        let line_end = match self.line_end {
            Some((start, end)) if start == self.line_start => end,
            _ => {
                let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
                self.line_end = Some((self.line_start, end));
                end
            }
        };
        let span_end = floor_char_boundary(text, (offset + len).min(line_end));
        let width = text[offset..span_end].chars().count().max(1) as u32;
        let line_text = text[self.line_start..line_end].trim_end_matches('\r');
        let at = (offset - self.line_start).min(line_text.len());
        let (line_text, excerpt_column, shown_width) = excerpt(line_text, at, width);
        Location {
            line: self.line,
            column: self.column + 1,
            width: shown_width,
            line_text,
            excerpt_column,
        }
    }

    /// The location of `span`.
    pub fn locate_span(&mut self, span: Span) -> Location {
        match span {
            Span::Bytes { start, len } => self.locate(start, len),
            Span::Line(line) => Location::line_in_text(self.text, line),
        }
    }
}

/// Where something is in a source text, cheap to keep until a diagnostic needs the
/// line, column and excerpt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// A byte range.
    Bytes { start: usize, len: usize },
    /// A whole line (1-based), for text whose columns are unknown (YAML values).
    Line(u32),
}

impl Span {
    pub fn locate(self, text: &str) -> Location {
        match self {
            Span::Bytes { start, len } => Location::in_text(text, start, len),
            Span::Line(line) => Location::line_in_text(text, line),
        }
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub file: Option<PathBuf>,
    pub location: Option<Location>,
    pub severity: Severity,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            file: None,
            location: None,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn info(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Info,
            ..Diagnostic::error(message)
        }
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column` (or as much of it as is known).
    pub fn position(&self) -> Option<String> {
        let file = self.file.as_ref()?.display().to_string();
        Some(match &self.location {
            Some(loc) => format!("{file}:{}:{}", loc.line, loc.column),
            None => file,
        })
    }

    /// The compiler-style text of this diagnostic, excerpt included.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        let _ = writeln!(out, "{label}: {}", self.message);
        if let Some(position) = self.position() {
            let _ = writeln!(out, "  --> {position}");
        }
        if let Some(loc) = &self.location {
            let number = loc.line.to_string();
            let pad = " ".repeat(number.len());
            let caret_pad = " ".repeat(loc.excerpt_column.saturating_sub(1) as usize);
            let carets = "^".repeat(loc.width as usize);
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{number} | {}", loc.line_text);
            let _ = writeln!(out, "{pad} | {caret_pad}{carets}");
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "  = help: {hint}");
        }
        out
    }
}

/// How many diagnostics with the same message in the same file are shown in full.
const REPEATS_SHOWN: usize = 5;
/// How many lines of the rest are listed by number.
const LINES_LISTED: usize = 20;

/// All diagnostics of one build, kept in a stable order.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    pub fn info_count(&self) -> usize {
        self.count(Severity::Info)
    }

    fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    /// Whether a build with these problems fails: on any error, and in strict mode
    /// (`--strict`, `strict: true`) on any warning too, as `mkdocs build --strict` does.
    pub fn fail(&self, strict: bool) -> bool {
        self.has_errors() || strict && self.warning_count() > 0
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, position, severity and message, without duplicates.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items.clone();
        items.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                (
                    d.file.clone(),
                    d.location.as_ref().map(|l| (l.line, l.column)),
                    d.severity,
                    d.message.clone(),
                )
            };
            key(a).cmp(&key(b))
        });
        items.dedup();
        items
    }

    /// Every diagnostic, rendered and separated by blank lines. When one file repeats the
    /// same message many times, the first few are shown in full and the rest are counted
    /// with their lines after the file's other problems, so that one odd file does not
    /// bury everything else.
    pub fn render(&self) -> String {
        self.render_where(|severity| severity != Severity::Info)
    }

    /// The info-level diagnostics alone, rendered as [`Diagnostics::render`] does.
    pub fn render_info(&self) -> String {
        self.render_where(|severity| severity == Severity::Info)
    }

    fn render_where(&self, shown: impl Fn(Severity) -> bool) -> String {
        let mut sorted = self.sorted();
        sorted.retain(|d| shown(d.severity));
        let mut blocks = Vec::new();
        let mut i = 0;
        while i < sorted.len() {
            let file = &sorted[i].file;
            let end = i + sorted[i..].iter().take_while(|d| &d.file == file).count();
            // Per message of this file, in order of first appearance: the lines of the
            // repeats not shown.
            let mut repeats: Vec<(&Diagnostic, usize, Vec<u32>)> = Vec::new();
            let mut index: std::collections::HashMap<(&str, Severity), usize> =
                std::collections::HashMap::new();
            for d in &sorted[i..end] {
                let at = *index
                    .entry((d.message.as_str(), d.severity))
                    .or_insert_with(|| {
                        repeats.push((d, 0, Vec::new()));
                        repeats.len() - 1
                    });
                let (_, count, lines) = &mut repeats[at];
                *count += 1;
                if *count <= REPEATS_SHOWN {
                    blocks.push(d.render());
                } else if let Some(location) = &d.location {
                    lines.push(location.line);
                }
            }
            let counted: Vec<&(&Diagnostic, usize, Vec<u32>)> = repeats
                .iter()
                .filter(|(_, count, _)| *count > REPEATS_SHOWN)
                .collect();
            let shown_file = file
                .as_ref()
                .map_or(String::new(), |f| format!(" in {}", f.display()));
            for (first, count, lines) in &counted {
                let mut lines = lines.clone();
                lines.dedup();
                let mut listed: Vec<String> = lines
                    .iter()
                    .take(LINES_LISTED)
                    .map(u32::to_string)
                    .collect();
                if lines.len() > LINES_LISTED {
                    listed.push(format!("and {} more", lines.len() - LINES_LISTED));
                }
                // With repeats of more than one message, say which one is counted.
                let like = if counted.len() == 1 {
                    "like the above".to_string()
                } else {
                    format!("like “{}”", first.message)
                };
                blocks.push(format!(
                    "note: {} more {like}{shown_file}, on lines {}\n",
                    count - REPEATS_SHOWN,
                    listed.join(", ")
                ));
            }
            i = end;
        }
        blocks.join("\n")
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One diagnostic as a JSON object on one line (`--message-format json`): severity, file,
/// line, column, end (line and column just past the marked span), message and hint;
/// unknown parts are `null`.
pub fn to_json(d: &Diagnostic) -> String {
    let location = d.location.as_ref();
    serde_json::json!({
        "severity": d.severity.name(),
        "file": d.file.as_ref().map(|f| f.to_string_lossy().replace('\\', "/")),
        "line": location.map(|l| l.line),
        "column": location.map(|l| l.column),
        "end": location.map(|l| serde_json::json!({"line": l.line, "column": l.column + l.width})),
        "message": d.message,
        "hint": d.hint,
    })
    .to_string()
}

/// One diagnostic as a GitHub Actions workflow command (`--message-format github`):
/// `::error file=F,line=L,col=C,endColumn=E,title=waymark::message` (`::notice` for info),
/// escaped as the runner expects; the hint follows the message on its own line.
pub fn to_github(d: &Diagnostic) -> String {
    fn data(text: &str) -> String {
        text.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    }
    fn property(text: &str) -> String {
        data(text).replace(':', "%3A").replace(',', "%2C")
    }
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut properties = Vec::new();
    if let Some(file) = &d.file {
        properties.push(format!(
            "file={}",
            property(&file.to_string_lossy().replace('\\', "/"))
        ));
    }
    if let Some(l) = &d.location {
        properties.push(format!("line={}", l.line));
        properties.push(format!("col={}", l.column));
        properties.push(format!("endColumn={}", l.column + l.width));
    }
    properties.push("title=waymark".into());
    let mut message = d.message.clone();
    if let Some(hint) = &d.hint {
        message.push_str("\nhelp: ");
        message.push_str(hint);
    }
    format!("::{command} {}::{}", properties.join(","), data(&message))
}

/// A YAML parser error as a message without serde's "at line N column M" suffix, and its
/// 1-based (line, column) within the parsed text when known.
/// A quote that is never closed is reported where it opened, not at the end of the text.
pub fn yaml_error(err: &serde_norway::Error) -> (String, Option<(u32, u32)>) {
    let text = err.to_string();
    let message = text.split(" at line ").next().unwrap_or(&text).to_string();
    // libyaml adds its context: "..., while scanning a quoted scalar at line 2 column 8".
    let opened_at = text
        .split_once(", while scanning a quoted scalar at line ")
        .and_then(|(_, at)| {
            let (line, column) = at.split_once(" column ")?;
            Some((line.trim().parse().ok()?, column.trim().parse().ok()?))
        });
    if let (true, Some(at)) = (message.contains("end of stream"), opened_at) {
        return (
            "the quoted value that starts here is never closed".into(),
            Some(at),
        );
    }
    (
        message,
        err.location().map(|l| (l.line() as u32, l.column() as u32)),
    )
}

/// The closest candidate to `wanted` within a small edit distance, for "did you mean" hints.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let length = wanted.chars().count();
    let limit = (length / 3).clamp(1, 4);
    candidates
        .into_iter()
        // Each edit changes the length by one at most: a cheap way to pass over most
        // candidates (a link checked against thousands of files).
        .filter(|c| c.chars().count().abs_diff(length) <= limit)
        .map(|c| (strsim::damerau_levenshtein(wanted, c), c))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, c)| c)
}

/// A path shown to the user: relative to `base` when it lies inside it.
pub fn display_path(path: &Path, base: &Path) -> PathBuf {
    path.strip_prefix(base).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_offsets_by_line_and_character_column() {
        let text = "first\nsecond é line\n";
        let loc = Location::in_text(text, text.find("line").unwrap(), 4);
        assert_eq!((loc.line, loc.column, loc.width), (2, 10, 4));
        assert_eq!(loc.line_text, "second é line");
    }

    #[test]
    fn renders_like_a_compiler() {
        let text = "see [x](missing.md)\n";
        let d = Diagnostic::error("broken link to `missing.md`")
            .in_file("content/a.md")
            .at(Location::in_text(text, 4, 15))
            .with_hint("did you mean `mission.md`?");
        assert_eq!(
            d.render(),
            "error: broken link to `missing.md`\n  --> content/a.md:1:5\n  |\n1 | see [x](missing.md)\n  |     ^^^^^^^^^^^^^^^\n  = help: did you mean `mission.md`?\n"
        );
    }

    #[test]
    fn repeats_in_one_file_are_counted_after_the_first_few() {
        let text = "x\n".repeat(20);
        let mut all = Diagnostics::new();
        for line in 1..=8 {
            all.push(
                Diagnostic::warning("odd indentation")
                    .in_file("a.md")
                    .at(Location::line_in_text(&text, line)),
            );
        }
        all.push(
            Diagnostic::error("other problem")
                .in_file("a.md")
                .at(Location::line_in_text(&text, 9)),
        );
        let rendered = all.render();
        assert_eq!(rendered.matches("warning: odd indentation").count(), 5);
        assert!(
            rendered.contains("note: 3 more like the above in a.md, on lines 6, 7, 8\n"),
            "{rendered}"
        );
        assert!(rendered.contains("error: other problem"));
        assert_eq!(
            (all.warning_count(), all.error_count()),
            (8, 1),
            "counts stay complete"
        );
    }

    #[test]
    fn long_lines_are_cut_to_a_window_around_the_span() {
        let text = format!("{}[x](gone.md){}\n", "a".repeat(5000), "b".repeat(5000));
        let d = Diagnostic::error("broken link")
            .in_file("a.md")
            .at(Location::in_text(&text, 5000, 13));
        let loc = d.location.as_ref().unwrap();
        assert_eq!((loc.line, loc.column), (1, 5001));
        assert!(loc.line_text.chars().count() <= EXCERPT_CHARS + 2);
        let rendered = d.render();
        assert!(rendered.contains("  --> a.md:1:5001\n"), "{rendered}");
        let excerpt = rendered.lines().nth(3).unwrap();
        let carets = rendered.lines().nth(4).unwrap();
        let marked = carets.find('^').unwrap();
        let under: String = excerpt.chars().skip(marked).take(13).collect();
        assert_eq!(under, "[x](gone.md)b");
        assert_eq!(carets.matches('^').count(), 13);
        // Near the end of the line, the window ends there.
        let end = Location::in_text(&text, text.len() - 2, 1);
        assert!(end.line_text.starts_with('…') && !end.line_text.ends_with('…'));
    }

    #[test]
    fn many_repeats_list_a_few_lines_and_count_the_rest() {
        let text = "x\n".repeat(100);
        let mut all = Diagnostics::new();
        for line in 1..=100 {
            all.push(
                Diagnostic::warning("odd")
                    .in_file("a.md")
                    .at(Location::line_in_text(&text, line)),
            );
        }
        let rendered = all.render();
        let note = rendered.lines().last().unwrap();
        assert!(
            note.ends_with("95 more like the above in a.md, on lines 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, and 75 more"),
            "{note}"
        );
    }

    #[test]
    fn interleaved_repeats_are_counted_per_message() {
        let text = "x\n".repeat(20);
        let mut all = Diagnostics::new();
        for line in 1..=20 {
            for message in ["first kind", "second kind"] {
                all.push(
                    Diagnostic::error(message)
                        .in_file("a.md")
                        .at(Location::line_in_text(&text, line)),
                );
            }
        }
        let rendered = all.render();
        assert_eq!(rendered.matches("error: first kind").count(), 5);
        assert_eq!(rendered.matches("error: second kind").count(), 5);
        assert!(
            rendered.contains("note: 15 more like “first kind” in a.md, on lines 6, 7,"),
            "{rendered}"
        );
        assert!(rendered.contains("note: 15 more like “second kind” in a.md, on lines 6, 7,"));
    }

    #[test]
    fn a_locator_agrees_with_locating_each_offset_alone() {
        let text = "one\r\ntwo é\n\nfour [x](y) é é\nfive";
        let mut locator = Locator::new(text);
        for offset in [0, 2, 5, 8, 9, 12, 17, 3, 30, 28, 100] {
            let fresh = {
                // The single-offset path, written out: count lines and characters.
                let offset = offset.min(text.len());
                let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
                (
                    text[..line_start].matches('\n').count() as u32 + 1,
                    text[line_start..offset].chars().count() as u32 + 1,
                )
            };
            let located = locator.locate(offset, 2);
            assert_eq!((located.line, located.column), fresh, "offset {offset}");
            assert_eq!(located, Location::in_text(text, offset, 2));
            assert!(!located.line_text.contains(['\n', '\r']));
        }
    }

    #[test]
    fn a_huge_one_line_page_is_located_in_linear_time() {
        // Locating each offset alone would scan the line again for each: minutes here.
        let text = "word [l](nope.md) ".repeat(100_000);
        let mut locator = Locator::new(&text);
        let mut last = None;
        for offset in (5..text.len()).step_by(18) {
            last = Some(locator.locate(offset, 12));
        }
        let last = last.unwrap();
        assert_eq!(last.column as usize, text.len() - 18 + 6);
        assert!(last.line_text.chars().count() <= EXCERPT_CHARS + 2);
    }

    #[test]
    fn control_characters_are_shown_as_pictures() {
        let text = "a\0b\x1b[31mc\td\x7f\n";
        let loc = Location::in_text(text, 2, 1);
        assert_eq!(loc.line_text, "a\u{2400}b\u{241b}[31mc\td\u{2421}");
        assert_eq!(loc.excerpt_column, 3);
    }

    #[test]
    fn suggests_only_close_matches() {
        assert_eq!(closest("titel", ["title", "weight"]), Some("title"));
        assert_eq!(closest("zzzzzz", ["title", "weight"]), None);
    }
}
