//! Warnings where Python-Markdown (MkDocs' parser) reads a page differently from
//! CommonMark, which Waymark follows. Each says what MkDocs would do and how to write the
//! text so that both agree:
//!
//! - a list right after a paragraph line (MkDocs: part of the paragraph);
//! - an ordered list that starts at another number than 1 (MkDocs: counts from 1);
//! - a nested list, or a block inside a list item, indented by fewer than 4 spaces
//!   (MkDocs: not part of the item).
//!
//! Block-level HTML without `markdown` is checked by the block pass.

use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};
use std::ops::Range;

/// A problem found while rendering, at a byte range of the parsed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderProblem {
    pub range: Range<usize>,
    pub message: String,
    pub hint: String,
    pub is_error: bool,
}

/// Watches the parser's events.
#[derive(Default)]
pub struct Compat {
    /// Marker column and first line end of each open list item.
    items: Vec<(usize, usize)>,
    /// End of the paragraph that the previous event closed.
    paragraph_end: Option<usize>,
    /// How far MkDocs wants a list item's blocks indented: 4, or what
    /// `mdx_truly_sane_lists` says.
    list_indent: usize,
    pub problems: Vec<RenderProblem>,
}

/// The column where the block at `offset` starts: pulldown-cmark's ranges of nested
/// blocks may start in the indentation before them.
fn column(text: &str, offset: usize) -> usize {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    if before.bytes().all(|b| b == b' ' || b == b'\t') {
        super::indent::columns(&text[line_start..])
    } else {
        super::indent::columns(before) + before.trim_start().chars().count()
    }
}

fn line_end(text: &str, offset: usize) -> usize {
    text[offset..].find('\n').map_or(text.len(), |i| offset + i)
}

impl Compat {
    /// The watcher for a project whose list items' blocks are indented by `list_indent`
    /// (`None`: Python-Markdown's 4).
    pub fn with_list_indent(list_indent: Option<usize>) -> Self {
        Compat {
            list_indent: list_indent.unwrap_or(super::indent::TAB),
            ..Compat::default()
        }
    }

    fn warn(&mut self, range: Range<usize>, message: String, hint: &str) {
        self.problems.push(RenderProblem {
            range,
            message,
            hint: hint.to_string(),
            is_error: false,
        });
    }

    pub fn observe(&mut self, event: &Event, range: &Range<usize>, text: &str) {
        let paragraph_end = self.paragraph_end.take();
        let checked = match event {
            Event::Start(
                Tag::List(_) | Tag::Item | Tag::Paragraph | Tag::BlockQuote(_) | Tag::Table(_),
            )
            | Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => true,
            Event::Start(_) => false,
            _ => {
                match event {
                    Event::End(TagEnd::Item) => {
                        self.items.pop();
                    }
                    Event::End(TagEnd::Paragraph) => self.paragraph_end = Some(range.end),
                    _ => {}
                }
                return;
            }
        };
        if !checked
            || (self.items.is_empty() && !matches!(event, Event::Start(Tag::List(_) | Tag::Item)))
        {
            return;
        }
        let mut at = range.start.min(text.len());
        // Skip the indentation that nested blocks' ranges may start with.
        while matches!(text.as_bytes().get(at), Some(b' ' | b'\t')) {
            at += 1;
        }
        let first_line = at..line_end(text, at);
        match event {
            Event::Start(Tag::List(start)) => {
                if let Some(end) = paragraph_end {
                    let between = text.get(end.min(at)..at).unwrap_or("");
                    if self.items.is_empty() && !between.contains('\n') && end <= at {
                        self.warn(
                            first_line.clone(),
                            "this list follows a paragraph line directly: MkDocs reads it as part of the paragraph".into(),
                            "add a blank line before the list",
                        );
                    }
                }
                if let Some(n) = start.filter(|&n| n != 1) {
                    self.warn(
                        first_line.clone(),
                        format!("this ordered list starts at {n}: MkDocs ignores the number and counts from 1"),
                        "start the list at 1; if it continues a list above, indent everything between the items by 4 spaces so that it stays one list",
                    );
                }
                self.check_indent(at, first_line, text, "nested list");
            }
            Event::Start(Tag::Item) => {
                self.items.push((column(text, at), line_end(text, at)));
            }
            Event::Start(Tag::Paragraph) => self.check_indent(at, first_line, text, "paragraph"),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
                self.check_indent(at, first_line, text, "code block")
            }
            Event::Start(Tag::BlockQuote(_)) => self.check_indent(at, first_line, text, "quote"),
            Event::Start(Tag::Table(_)) => self.check_indent(at, first_line, text, "table"),
            _ => {}
        }
    }

    /// A block that starts on a later line of a list item must be indented by 4 spaces
    /// from the item's marker for Python-Markdown to keep it in the item.
    fn check_indent(&mut self, at: usize, first_line: Range<usize>, text: &str, what: &str) {
        let Some(&(marker_col, item_first_line_end)) = self.items.last() else {
            return;
        };
        if at <= item_first_line_end {
            return;
        }
        let col = column(text, at);
        let by = col.saturating_sub(marker_col);
        let needed = self.list_indent;
        if by < needed {
            self.warn(
                first_line,
                format!("this {what} is indented by {by} spaces inside a list item: MkDocs needs {needed} and ends the list here"),
                &format!("indent it by {needed} spaces more than the list marker, as MkDocs expects (CommonMark accepts that too)"),
            );
        }
    }
}
