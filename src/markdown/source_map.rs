//! Text produced by line-based passes before parsing, with a map back to the source so
//! that diagnostics still point at the line and column the writer typed.

use std::borrow::Cow;

/// Markdown ready for the parser, and how to find each of its bytes in the source body.
pub struct Prepared<'a> {
    text: Cow<'a, str>,
    /// Per output line: (output offset, source offset); empty when the text is unchanged.
    lines: Vec<(usize, usize)>,
}

impl<'a> Prepared<'a> {
    pub fn unchanged(text: &'a str) -> Self {
        Prepared {
            text: Cow::Borrowed(text),
            lines: Vec::new(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The source offset of the byte at `offset` in the prepared text.
    pub fn source_offset(&self, offset: usize) -> usize {
        if self.lines.is_empty() {
            return offset;
        }
        let line = self
            .lines
            .partition_point(|(out, _)| *out <= offset)
            .saturating_sub(1);
        let (out_start, src_start) = self.lines[line];
        src_start + (offset - out_start)
    }
}

/// Builds a [`Prepared`] line by line.
pub struct PreparedBuilder {
    text: String,
    lines: Vec<(usize, usize)>,
}

impl PreparedBuilder {
    pub fn new(source: &str) -> Self {
        PreparedBuilder {
            text: String::with_capacity(source.len() + 256),
            lines: Vec::new(),
        }
    }

    /// Copies a source line (with its newline) that starts at `offset`.
    pub fn copy_line(&mut self, offset: usize, line: &str) {
        self.lines.push((self.text.len(), offset));
        self.text.push_str(line);
    }

    /// Adds a generated line; its bytes map to the source line at `offset`.
    pub fn synthetic_line(&mut self, offset: usize, line: &str) {
        self.lines.push((self.text.len(), offset));
        self.text.push_str(line);
        self.text.push('\n');
    }

    pub fn finish<'a>(self) -> Prepared<'a> {
        Prepared {
            text: Cow::Owned(self.text),
            lines: self.lines,
        }
    }
}
