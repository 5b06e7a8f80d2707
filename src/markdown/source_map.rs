//! Text produced by line-based passes before parsing, with a map back to the source so
//! that diagnostics still point at the line and column the writer typed.
//!
//! Most lines come from the page's own body (file 0). Lines included by snippets come
//! from other files: they map to their own file for the dialect's diagnostics, and to the
//! including line of the page for everything that can only point into the page (links).

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Arc;

/// Where a byte of prepared text came from: `file` 0 is the page body, `n` is
/// `included[n - 1]`; `offset` is the byte offset in that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct At {
    pub file: u32,
    pub offset: usize,
}

impl At {
    pub fn page(offset: usize) -> At {
        At { file: 0, offset }
    }

    pub fn shifted(self, by: usize) -> At {
        At {
            file: self.file,
            offset: self.offset + by,
        }
    }
}

/// A file whose text a snippet include put into the page.
#[derive(Debug, Clone)]
pub struct Included {
    /// The path shown in diagnostics (relative to the project folder when inside it).
    pub display_path: PathBuf,
    /// The canonical path read, so that rebuilds can tell when the page is stale.
    pub abs_path: PathBuf,
    pub text: Arc<str>,
    /// Offset in the page body of the line that (directly or through other snippets)
    /// included this file.
    pub included_at: usize,
}

/// Markdown ready for the parser, and how to find each of its bytes in the source body.
pub struct Prepared<'a> {
    text: Cow<'a, str>,
    /// Per output line: (output offset, origin); empty when the text is unchanged.
    lines: Vec<(usize, At)>,
    included: Vec<Included>,
}

impl<'a> Prepared<'a> {
    pub fn unchanged(text: &'a str) -> Self {
        Prepared {
            text: Cow::Borrowed(text),
            lines: Vec::new(),
            included: Vec::new(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The files that snippets included, indexed by `At::file - 1`.
    pub fn included(&self) -> &[Included] {
        &self.included
    }

    /// Where the byte at `offset` of the prepared text came from.
    pub fn origin(&self, offset: usize) -> At {
        if self.lines.is_empty() {
            return At::page(offset);
        }
        let line = self
            .lines
            .partition_point(|(out, _)| *out <= offset)
            .saturating_sub(1);
        let (out_start, at) = self.lines[line];
        at.shifted(offset.saturating_sub(out_start))
    }

    /// The offset in the page body of the byte at `offset` in the prepared text; text from
    /// an included file maps to the page line that included it.
    pub fn source_offset(&self, offset: usize) -> usize {
        let at = self.origin(offset);
        match at.file {
            0 => at.offset,
            n => self.included[n as usize - 1].included_at,
        }
    }

    /// Splits the text back into lines with their origins, for a further pass.
    pub fn into_lines(self) -> (Vec<SrcLine<'a>>, Vec<Included>) {
        let origins: Vec<(usize, At)> = self.lines;
        let identity = origins.is_empty();
        let mut lines = Vec::new();
        let mut next_origin = 0;
        let mut push = |start: usize, text: Cow<'a, str>| {
            let at = if identity {
                At::page(start)
            } else {
                while next_origin + 1 < origins.len() && origins[next_origin + 1].0 <= start {
                    next_origin += 1;
                }
                let (out, at) = origins[next_origin];
                at.shifted(start - out)
            };
            lines.push(SrcLine::new(text, at));
        };
        match self.text {
            Cow::Borrowed(text) => {
                for (start, line) in crate::load::lines::lines(text) {
                    push(start, Cow::Borrowed(line));
                }
            }
            Cow::Owned(text) => {
                for (start, line) in crate::load::lines::lines(&text) {
                    push(start, Cow::Owned(line.to_string()));
                }
            }
        }
        if let Some(last) = lines.last_mut() {
            if !last.text.ends_with('\n') {
                last.text.to_mut().push('\n');
            }
        }
        (lines, self.included)
    }
}

/// One line of Markdown (with its newline) on its way through the passes.
#[derive(Debug, Clone)]
pub struct SrcLine<'a> {
    pub text: Cow<'a, str>,
    /// Where `text`'s first byte came from.
    pub at: At,
    /// Where the line goes on from another place, by offset in `text`, in order: a line
    /// that a critic mark joined to a later one (empty for nearly every line).
    pub joins: Vec<(usize, At)>,
}

impl<'a> SrcLine<'a> {
    pub fn new(text: Cow<'a, str>, at: At) -> Self {
        SrcLine {
            text,
            at,
            joins: Vec::new(),
        }
    }

    /// Where the byte at `offset` of the line came from.
    pub fn origin(&self, offset: usize) -> At {
        match self.joins.iter().rev().find(|(start, _)| *start <= offset) {
            Some((start, at)) => at.shifted(offset - start),
            None => self.at.shifted(offset),
        }
    }

    /// The rest of the line from byte `from`, written as `text`: `added` bytes of its own
    /// (a tab's expanded columns), then the line's text from `from` on.
    pub fn tail<'b>(&self, from: usize, text: Cow<'b, str>, added: usize) -> SrcLine<'b> {
        let joins = self.joins.iter().filter(|(start, _)| *start > from);
        let joins = joins.map(|&(start, at)| (start - from + added, at));
        SrcLine {
            joins: joins.filter(|(start, _)| *start < text.len()).collect(),
            at: self.origin(from),
            text,
        }
    }
}

/// Builds a [`Prepared`] line by line.
pub struct PreparedBuilder {
    text: String,
    lines: Vec<(usize, At)>,
    included: Vec<Included>,
}

impl PreparedBuilder {
    pub fn new(source: &str) -> Self {
        PreparedBuilder {
            text: String::with_capacity(source.len() + 256),
            lines: Vec::new(),
            included: Vec::new(),
        }
    }

    pub fn with_capacity(bytes: usize) -> Self {
        PreparedBuilder {
            text: String::with_capacity(bytes),
            lines: Vec::new(),
            included: Vec::new(),
        }
    }

    /// Copies a source line (with its newline) that starts at `offset`.
    pub fn copy_line(&mut self, offset: usize, line: &str) {
        self.push(At::page(offset), line);
    }

    /// Adds a generated line; its bytes map to the source line at `offset`.
    pub fn synthetic_line(&mut self, offset: usize, line: &str) {
        self.synthetic(At::page(offset), line);
    }

    /// Adds a line, with the places it goes on from.
    pub fn push_line(&mut self, line: &SrcLine) {
        let start = self.text.len();
        self.push(line.at, &line.text);
        self.lines
            .extend(line.joins.iter().map(|&(offset, at)| (start + offset, at)));
    }

    /// Adds text (one or more whole lines, with newlines) from `at`.
    pub fn push(&mut self, at: At, text: &str) {
        self.lines.push((self.text.len(), at));
        self.text.push_str(text);
    }

    /// Adds a generated line (a newline is appended) that maps to `at`.
    pub fn synthetic(&mut self, at: At, line: &str) {
        self.lines.push((self.text.len(), at));
        self.text.push_str(line);
        self.text.push('\n');
    }

    /// Inserts a generated line (a newline is appended) that maps to `at` at byte `pos` of
    /// the text so far, a line start: a caption's `<figure>` goes around the block before
    /// it. Costs the length of the text after `pos`.
    pub fn insert_line(&mut self, pos: usize, at: At, line: &str) {
        let added = line.len() + 1;
        self.text.insert_str(pos, &format!("{line}\n"));
        let index = self.lines.partition_point(|(offset, _)| *offset < pos);
        for entry in &mut self.lines[index..] {
            entry.0 += added;
        }
        self.lines.insert(index, (pos, at));
    }

    pub fn with_included(&mut self, included: Vec<Included>) {
        self.included = included;
    }

    /// The text so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn finish<'a>(self) -> Prepared<'a> {
        Prepared {
            text: Cow::Owned(self.text),
            lines: self.lines,
            included: self.included,
        }
    }
}
