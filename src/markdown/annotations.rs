//! Material's annotations. A block marked for them holds numbered markers, `(1)`, and the
//! ordered list right after the block explains each: in a code block the markers sit in
//! comments (with `content.code.annotate` on, or `.annotate` among the fence's classes;
//! `# (1)!` drops the comment around the marker), in a paragraph anywhere in its text
//! (`{ .annotate }` on its last line). Each marker becomes a link to its list item, which
//! the theme's script shows as a note beside the marker; without the script the link
//! leads to the list, which stays where it was written, numbered.

use super::escape;
use super::headings::Ids;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// The class of a marker, which the theme's script looks for.
const MARKER_CLASS: &str = "wm-annotation";

/// A fresh id for the annotations of one block; its list items get `{prefix}-{n}`.
pub fn prefix(ids: &mut Ids) -> String {
    ids.unique("annotations")
}

fn marker(prefix: &str, number: &str) -> String {
    format!("<a class=\"{MARKER_CLASS}\" href=\"#{prefix}-{number}\">{number}</a>")
}

/// `(12)` at the start of `text`, with `!` after it when there is one: the number and the
/// length of the marker.
fn marker_at(text: &str) -> Option<(&str, usize, bool)> {
    let digits = text.strip_prefix('(')?;
    let len = digits.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 || len > 3 || digits.as_bytes().get(len) != Some(&b')') {
        return None;
    }
    let bang = digits.as_bytes().get(len + 1) == Some(&b'!');
    Some((&digits[..len], len + 2 + usize::from(bang), bang))
}

/// The highlighted HTML of a code block with the markers in its comments made links.
/// A `(1)!` marker replaces its whole comment, which a highlighter may have split into
/// adjacent spans (`#` and the text after it).
pub fn code_markers(html: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    // For each open span: whether it is a comment.
    let mut open: Vec<bool> = Vec::new();
    // Where the content of the first comment of the current run of adjacent comments
    // starts in `out`, and where the last comment of the run ended.
    let mut comment_start = 0;
    let mut comment_end = usize::MAX;
    // Inside a comment that a `(1)!` marker replaced: its depth in `open`.
    let mut dropping: Option<usize> = None;
    let mut rest = html;
    while !rest.is_empty() {
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let tag = &rest[..end];
            rest = &rest[end..];
            if tag.starts_with("</") {
                let depth = open.len();
                let closes_comment = open.pop() == Some(true) && !open.contains(&true);
                match dropping {
                    Some(d) if d == depth => dropping = None,
                    Some(_) => continue,
                    None => {}
                }
                out.push_str(tag);
                if closes_comment {
                    comment_end = out.len();
                }
            } else {
                let comment = tag.starts_with("<span") && tag.contains("hl-comment");
                let outermost = comment && !open.contains(&true);
                open.push(comment);
                if dropping.is_none() {
                    let continues_run = out.len() == comment_end;
                    out.push_str(tag);
                    if outermost && !continues_run {
                        comment_start = out.len();
                    }
                }
            }
            continue;
        }
        let end = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..end];
        rest = &rest[end..];
        if dropping.is_some() {
            // Keep line ends, so that the lines stay where they were.
            out.extend(text.chars().filter(|&c| c == '\n'));
            continue;
        }
        if !open.contains(&true) {
            out.push_str(text);
            continue;
        }
        let mut at = 0;
        while let Some(found) = text[at..].find('(') {
            let position = at + found;
            match marker_at(&text[position..]) {
                Some((number, len, true)) => {
                    out.truncate(comment_start);
                    out.push_str(&marker(prefix, number));
                    dropping = Some(open.iter().position(|&c| c).map_or(open.len(), |p| p + 1));
                    out.extend(text[position + len..].chars().filter(|&c| c == '\n'));
                    at = text.len();
                }
                Some((number, len, false)) => {
                    out.push_str(&text[at..position]);
                    out.push_str(&marker(prefix, number));
                    at = position + len;
                }
                None => {
                    out.push_str(&text[at..=position]);
                    at = position + 1;
                }
            }
        }
        out.push_str(&text[at..]);
    }
    out
}

/// Rewrites the ordered list that explains a block's markers: the list is marked as the
/// block's annotations, and each of its own items gets the id its marker links to.
pub struct List {
    prefix: String,
    depth: usize,
    items: usize,
}

impl List {
    pub fn new(prefix: String) -> Self {
        List {
            prefix,
            depth: 0,
            items: 0,
        }
    }

    /// `event`, rewritten if it belongs to the list itself; `false` once the list ended.
    pub fn map<'a>(&mut self, event: Event<'a>) -> (Event<'a>, bool) {
        self.observe(&event);
        let rewritten = match (&event, self.depth) {
            (Event::Start(Tag::List(_)), 1) => Event::Html(
                format!(
                    "<ol class=\"wm-annotations\" id=\"{}\">\n",
                    escape(&self.prefix)
                )
                .into(),
            ),
            (Event::Start(Tag::Item), 1) => {
                Event::Html(format!("<li id=\"{}-{}\">", escape(&self.prefix), self.items).into())
            }
            _ => event,
        };
        (rewritten, self.depth > 0)
    }

    /// Follows the nesting of lists (for an enclosing list while an inner one is rewritten).
    fn observe(&mut self, event: &Event) {
        match event {
            Event::Start(Tag::List(_)) => self.depth += 1,
            Event::End(TagEnd::List(_)) => self.depth = self.depth.saturating_sub(1),
            Event::Start(Tag::Item) if self.depth == 1 => self.items += 1,
            _ => {}
        }
    }
}

/// Whether `event` starts a list that can explain markers (ordered, from 1).
pub fn starts_list(event: &Event) -> bool {
    matches!(event, Event::Start(Tag::List(Some(1))))
}

/// A block whose markers the ordered list after it explains.
#[derive(Clone, Copy)]
enum Annotated {
    /// A paragraph that an attribute list gave the `annotate` class.
    Paragraph,
    /// An admonition or collapsible block marked `annotate` (`!!! note annotate`): how
    /// its element's tags start (`<div`, `</div>`), and how deep in such elements the
    /// events are.
    Container(&'static str, &'static str, usize),
}

/// Annotates the paragraphs and containers marked `annotate` that an ordered list
/// follows: their markers (in text and in a container's title) become links, the list
/// their annotations.
pub fn apply_to_blocks(events: &mut Vec<Event<'_>>, ids: &mut Ids) {
    if !events.iter().any(|e| annotated(e).is_some()) {
        return;
    }
    let mut out = Vec::with_capacity(events.len());
    // The lists being rewritten, innermost last.
    let mut lists: Vec<List> = Vec::new();
    let mut input = std::mem::take(events).into_iter().peekable();
    // The annotated block being read, and where it starts in `out`.
    let mut block: Option<(Annotated, usize)> = None;
    while let Some(event) = input.next() {
        let event = match lists.split_last_mut() {
            Some((inner, outer)) => {
                outer.iter_mut().for_each(|list| list.observe(&event));
                let (event, open) = inner.map(event);
                if !open {
                    lists.pop();
                }
                event
            }
            None => event,
        };
        let ends = match (&mut block, &event) {
            (None, _) => {
                block = annotated(&event).map(|kind| (kind, out.len()));
                false
            }
            (Some((Annotated::Paragraph, _)), Event::Html(h)) => h.starts_with("</p>"),
            (Some((Annotated::Container(open, close, depth), _)), Event::Html(h)) => {
                *depth += h.matches(*open).count();
                *depth -= h.matches(*close).count().min(*depth);
                *depth == 0
            }
            _ => false,
        };
        out.push(event);
        if !ends {
            continue;
        }
        let Some((_, start)) = block.take() else {
            continue;
        };
        // A container's HTML block ends before the list starts.
        while matches!(input.peek(), Some(Event::End(TagEnd::HtmlBlock))) {
            out.extend(input.next());
        }
        if input.peek().is_some_and(starts_list) {
            let prefix = prefix(ids);
            let inner: Vec<_> = out.drain(start..).collect();
            let mut in_code = false;
            for event in inner {
                match event {
                    Event::Start(Tag::CodeBlock(_)) => {
                        in_code = true;
                        out.push(event);
                    }
                    Event::End(TagEnd::CodeBlock) => {
                        in_code = false;
                        out.push(event);
                    }
                    Event::Text(text) if !in_code => text_markers(&text, &prefix, &mut out),
                    // A container's title is written as HTML by the block pass.
                    Event::Html(html)
                        if html.contains("admonition-title") || html.starts_with("<summary") =>
                    {
                        out.push(Event::Html(html_markers(&html, &prefix).into()));
                    }
                    other => out.push(other),
                }
            }
            lists.push(List::new(prefix));
        }
    }
    *events = out;
}

/// What `event` starts, if it starts an annotated block.
fn annotated(event: &Event) -> Option<Annotated> {
    let Event::Html(tag) = event else {
        return None;
    };
    // Most HTML is no annotated block: the cheapest test first.
    if !tag.contains("annotate") || !has_annotate_class(tag) {
        return None;
    }
    if tag.starts_with("<p ") {
        return Some(Annotated::Paragraph);
    }
    let (open, close) = if tag.starts_with("<div ") {
        ("<div", "</div>")
    } else if tag.starts_with("<details ") {
        ("<details", "</details>")
    } else {
        return None;
    };
    // An element closed in the same event is a whole block (a code block, whose
    // annotations are made with its highlighting), not a container's start.
    let depth = tag
        .matches(open)
        .count()
        .checked_sub(tag.matches(close).count())?;
    (depth > 0).then_some(Annotated::Container(open, close, depth))
}

fn has_annotate_class(tag: &str) -> bool {
    let Some(at) = tag.find("class=\"") else {
        return false;
    };
    let classes = &tag[at + 7..];
    let classes = &classes[..classes.find('"').unwrap_or(classes.len())];
    classes.split_whitespace().any(|c| c == "annotate")
}

/// `html` with the markers in its text (not in its tags) made links.
fn html_markers(html: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while !rest.is_empty() {
        let tag_end = if rest.starts_with('<') {
            rest.find('>').map_or(rest.len(), |e| e + 1)
        } else {
            0
        };
        out.push_str(&rest[..tag_end]);
        rest = &rest[tag_end..];
        let text_end = rest.find('<').unwrap_or(rest.len());
        let mut pieces = Vec::new();
        text_markers(&CowStr::from(&rest[..text_end]), prefix, &mut pieces);
        for piece in pieces {
            if let Event::Text(text) | Event::InlineHtml(text) = piece {
                out.push_str(&text);
            }
        }
        rest = &rest[text_end..];
    }
    out
}

/// Pushes `text` with its markers made links.
fn text_markers<'a>(text: &CowStr<'a>, prefix: &str, out: &mut Vec<Event<'a>>) {
    let mut at = 0;
    let mut rest_start = 0;
    while let Some(found) = text[at..].find('(') {
        let position = at + found;
        match marker_at(&text[position..]) {
            Some((number, _, _)) => {
                let len = number.len() + 2;
                if position > rest_start {
                    out.push(Event::Text(text[rest_start..position].to_string().into()));
                }
                out.push(Event::InlineHtml(marker(prefix, number).into()));
                at = position + len;
                rest_start = at;
            }
            None => at = position + 1,
        }
    }
    if rest_start == 0 {
        out.push(Event::Text(text.clone()));
    } else if rest_start < text.len() {
        out.push(Event::Text(text[rest_start..].to_string().into()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_in_comments_become_links() {
        let html = "x <span class=\"hl-comment hl-line\"><span class=\"hl-punctuation\">#</span> (1) and (22)</span>\n\"(3)\"";
        assert_eq!(
            code_markers(html, "a"),
            "x <span class=\"hl-comment hl-line\"><span class=\"hl-punctuation\">#</span> <a class=\"wm-annotation\" href=\"#a-1\">1</a> and <a class=\"wm-annotation\" href=\"#a-22\">22</a></span>\n\"(3)\""
        );
    }

    #[test]
    fn a_marker_with_a_bang_replaces_its_comment() {
        let html = "y = 2 <span class=\"hl-comment hl-line\"><span class=\"hl-punctuation\">#</span> (1)! more\n</span>z\n";
        assert_eq!(
            code_markers(html, "a"),
            "y = 2 <span class=\"hl-comment hl-line\"><a class=\"wm-annotation\" href=\"#a-1\">1</a>\n</span>z\n"
        );
    }

    #[test]
    fn a_marker_with_a_bang_replaces_a_comment_split_into_spans() {
        // How syntect highlights a shell comment: `#`, then the text, then the line end.
        let html = "load <span class=\"hl-comment\"><span class=\"hl-punctuation\">#</span></span><span class=\"hl-comment\"> (1)!</span><span class=\"hl-comment\">\n</span>srun # (2)!\n";
        assert_eq!(
            code_markers(html, "a"),
            "load <span class=\"hl-comment\"><a class=\"wm-annotation\" href=\"#a-1\">1</a></span><span class=\"hl-comment\">\n</span>srun # (2)!\n"
        );
    }

    #[test]
    fn parentheses_that_are_no_markers_stay() {
        let html = "<span class=\"hl-comment\">// f(x) (a) (1234) (</span>";
        assert_eq!(code_markers(html, "a"), html);
    }
}
