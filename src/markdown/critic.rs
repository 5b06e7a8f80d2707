//! pymdownx.critic: `{++added++}`, `{--deleted--}`, `{~~old~>new~~}`,
//! `{==highlighted==}` and `{>>a comment<<}`, each opening paired with the first closing
//! of its kind after it, marks never nested, as pymdownx.critic pairs them.
//!
//! Marks that change the text as it is written are applied to the page's text before it
//! is parsed, as pymdownx.critic does ([`rewrite`]): all of them in `mode: accept` and
//! `mode: reject`, those that join or split paragraphs in view mode. The other marks of
//! view mode are shown over the parsed events ([`show`]): a mark may hold other markup
//! (``{++**bold** and `code`++}``), so its delimiters are looked for in the text of each
//! inline container (a paragraph, a link's text, ...), where inner elements count as
//! opaque. Marks that are paragraphs of their own are [`super::blocks`]'s job.

use super::compat::RenderProblem;
use super::dialect::Problem;
use super::escape;
use super::source_map::{At, SrcLine};
use crate::config::extensions::CriticMode;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::borrow::Cow;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Insert,
    Delete,
    Substitute,
    Highlight,
    Comment,
}

/// Each kind's opening (after `{`) and closing.
const KINDS: [(&str, Kind, &str); 5] = [
    ("++", Kind::Insert, "++}"),
    ("--", Kind::Delete, "--}"),
    ("~~", Kind::Substitute, "~~}"),
    ("==", Kind::Highlight, "==}"),
    (">>", Kind::Comment, "<<}"),
];

/// Between the old and the new text of a substitution.
const SUBSTITUTE_MID: &str = "~>";

/// Stands in a container's joined text for what is not its own text (an inner element,
/// code, raw HTML), so that no delimiter is read across it.
const OPAQUE: char = '\0';

/// How a comment starts in view mode (see [`comment_text`]).
const COMMENT_OPEN: &str = "<span class=\"critic comment\">";

/// A mark found in a container's joined text: byte offsets of its opening, of the `~>`
/// of a substitution, and of its closing.
struct Found {
    kind: Kind,
    open: usize,
    mid: usize,
    close: usize,
}

/// Whether `text` may hold a critic mark's opening.
pub fn may_open(text: &str) -> bool {
    text.match_indices('{')
        .any(|(at, _)| KINDS.iter().any(|(o, ..)| text[at + 1..].starts_with(o)))
}

/// The marks in `text`, found as pymdownx.critic finds them. A kind whose closing is
/// missing after one opening cannot close after a later one: it is not searched again,
/// so the text is read a bounded number of times.
fn find(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let mut dead = [false; KINDS.len()];
    let mut pos = 0;
    while let Some(start) = text[pos..].find('{').map(|at| pos + at) {
        let rest = &text[start + 1..];
        let Some(k) = KINDS.iter().position(|(o, ..)| rest.starts_with(o)) else {
            pos = start + 1;
            continue;
        };
        pos = start + 3;
        if dead[k] {
            continue;
        }
        let (_, kind, closing) = KINDS[k];
        let closing_from = |from: usize| text[from..].find(closing).map(|at| from + at);
        let (mid, close) = if kind == Kind::Substitute {
            let mid = text[pos..].find(SUBSTITUTE_MID).map(|at| pos + at);
            (
                mid,
                mid.and_then(|mid| closing_from(mid + SUBSTITUTE_MID.len())),
            )
        } else {
            (Some(pos), closing_from(pos))
        };
        match (mid, close) {
            (Some(mid), Some(close)) => {
                found.push(Found {
                    kind,
                    open: start,
                    mid,
                    close,
                });
                pos = close + closing.len();
            }
            _ => {
                dead[k] = true;
                if dead.iter().all(|&d| d) {
                    break;
                }
            }
        }
    }
    found
}

/// How a deleted paragraph break is shown: the paragraphs around it are joined.
const DELETED_BREAK: &str = "<del class=\"critic break\">&nbsp;</del>";

/// How an inserted paragraph break is shown: a block of its own (its content on the line
/// after the tag, so that it stays an HTML block rather than a paragraph).
const INSERTED_BREAK: &str = "\n\n<ins class=\"critic break\">\n&nbsp;</ins>\n\n";

/// `lines` with the marks that change the text as it is written applied before it is
/// read, as pymdownx.critic does: in accept and reject modes every mark (what a mark
/// keeps stays where it was, the rest goes, line breaks included); in view mode the
/// marks that delete or insert a paragraph break (`{~~\n\n~> ~~}`), which join or split
/// paragraphs. A line that loses its line break goes on with the next, at the place of
/// its first byte. In view mode, a mark that holds paragraphs but is not the block form
/// is left as written, with a warning.
pub fn rewrite<'a>(lines: Vec<SrcLine<'a>>, mode: CriticMode) -> (Vec<SrcLine<'a>>, Vec<Problem>) {
    let text: String = lines.iter().map(|line| line.text.as_ref()).collect();
    let mut cuts: Vec<(Range<usize>, Cow<'static, str>)> = Vec::new();
    // Where marks shown as written open, in order, and why.
    let mut as_written = Vec::new();
    for found in find(&text) {
        match mode {
            CriticMode::View => match shown_break(&text, &found) {
                Some(cut) => cuts.push(cut),
                None => as_written
                    .extend(shown_as_written_why(&text, &found).map(|why| (found.open, why))),
            },
            CriticMode::Accept | CriticMode::Reject => {
                let accept = mode == CriticMode::Accept;
                cuts.extend(applied(&found, accept).map(|range| (range, "".into())));
            }
        }
    }
    let problems = as_written_problems(&lines, &as_written);
    if cuts.is_empty() {
        return (lines, problems);
    }
    let mut cuts = cuts.into_iter().peekable();
    let mut out = Vec::with_capacity(lines.len());
    // The line being written, which starts at the place of its first byte.
    let mut current: Option<SrcLine> = None;
    let mut start = 0;
    for line in lines {
        let end = start + line.text.len();
        let mut kept = start;
        let mut append = |from: usize, piece: &str, current: &mut Option<SrcLine<'a>>| {
            write(&mut out, current, piece, line.at.shifted(from - start));
        };
        while let Some((cut, replacement)) = cuts.peek() {
            if cut.start >= end {
                break;
            }
            append(
                kept,
                &line.text[kept - start..cut.start.max(start) - start],
                &mut current,
            );
            if cut.start >= start {
                append(cut.start, replacement, &mut current);
            }
            kept = cut.end.min(end);
            if cut.end > end {
                // It goes on in the next lines.
                break;
            }
            cuts.next();
        }
        append(kept, &line.text[kept - start..], &mut current);
        start = end;
    }
    if let Some(mut last) = current {
        last.text.to_mut().push('\n');
        out.push(last);
    }
    (out, problems)
}

/// Why a mark that holds paragraphs is shown as written, if it is.
#[derive(Clone, Copy)]
enum AsWritten {
    /// It is not the block form (its opening and its closing on lines of their own).
    NotBlockForm,
    /// It is the block form, but right after a line of text, whose paragraph goes on
    /// into it.
    AfterText,
}

fn shown_as_written_why(text: &str, found: &Found) -> Option<AsWritten> {
    let content = &text[found.open + 3..found.close];
    let lines: Vec<&str> = content.split('\n').collect();
    let inner_lines = lines
        .get(1..lines.len().saturating_sub(1))
        .unwrap_or_default();
    if !inner_lines.iter().any(|line| line.trim().is_empty()) {
        return None;
    }
    let line_start = text[..found.open].rfind('\n').map_or(0, |at| at + 1);
    let opening_alone = text[line_start..found.open].trim().is_empty()
        && content
            .trim_start_matches([' ', '\t'])
            .starts_with(['\n', '\r']);
    let closing_alone = content.trim_end_matches([' ', '\t']).ends_with('\n');
    if !(opening_alone && closing_alone) {
        return Some(AsWritten::NotBlockForm);
    }
    follows_text(text, line_start, found.open - line_start).then_some(AsWritten::AfterText)
}

/// Whether the line starting at byte `line_start` of `text`, indented by `indent`, comes
/// right after a line of text that is indented as much or more: the line goes on with
/// that paragraph. (A line indented less opens a container, `!!! note` say, whose
/// content starts a block of its own.)
fn follows_text(text: &str, line_start: usize, indent: usize) -> bool {
    let Some(previous_end) = line_start.checked_sub(1) else {
        return false;
    };
    let previous_start = text[..previous_end].rfind('\n').map_or(0, |at| at + 1);
    let previous = text[previous_start..previous_end].trim_end_matches('\r');
    let previous_indent = previous.len() - previous.trim_start_matches([' ', '\t']).len();
    !previous.trim().is_empty() && previous_indent >= indent
}

/// The warnings for the marks shown as written that open at bytes `opens` (in order) of
/// the joined `lines`.
fn as_written_problems(lines: &[SrcLine], opens: &[(usize, AsWritten)]) -> Vec<Problem> {
    let mut problems = Vec::with_capacity(opens.len());
    let mut opens = opens.iter().peekable();
    let mut start = 0;
    for line in lines {
        let end = start + line.text.len();
        while let Some((open, why)) = opens.next_if(|(open, _)| *open < end) {
            let (message, hint) = match why {
                AsWritten::NotBlockForm => (
                    "a critic mark that holds more than one paragraph is shown as written",
                    "MkDocs writes its tags across the paragraphs (HTML that browsers repair as they can); mark each paragraph, or write the opening and the closing on lines of their own with blank lines around them",
                ),
                AsWritten::AfterText => (
                    "a critic mark right after a line of text is part of that paragraph and is shown as written",
                    "add a blank line before the mark's opening (MkDocs writes its opening tag inside the paragraph above and its closing tag after the next, HTML that browsers repair as they can)",
                ),
            };
            problems.push(Problem::warning(
                line.at.shifted(open - start),
                3,
                message,
                hint,
            ));
        }
        start = end;
    }
    problems
}

/// The byte ranges of the text that accepting (or rejecting) a mark removes.
fn applied(found: &Found, accept: bool) -> impl Iterator<Item = Range<usize>> {
    let Found {
        kind,
        open,
        mid,
        close,
    } = *found;
    let (opening, closing) = (open..open + 3, close..close + 3);
    let ranges = match kind {
        Kind::Insert | Kind::Delete if (kind == Kind::Insert) == accept => [opening, closing],
        Kind::Highlight => [opening, closing],
        Kind::Substitute if accept => [open..mid + 2, closing],
        Kind::Substitute => [opening, mid..close + 3],
        Kind::Insert | Kind::Delete | Kind::Comment => [open..close + 3, 0..0],
    };
    ranges.into_iter().filter(|range| !range.is_empty())
}

/// The mark as pymdownx.critic shows it in view mode, if it deletes or inserts a
/// paragraph break (other marks are shown over the events).
fn shown_break(text: &str, found: &Found) -> Option<(Range<usize>, Cow<'static, str>)> {
    let Found {
        kind,
        open,
        mid,
        close,
    } = *found;
    let whole = open..close + 3;
    match kind {
        Kind::Delete if is_break(&text[open + 3..close]) => Some((whole, DELETED_BREAK.into())),
        Kind::Insert if is_break(&text[open + 3..close]) => Some((whole, INSERTED_BREAK.into())),
        Kind::Substitute => {
            let (old, new) = (&text[open + 3..mid], &text[mid + 2..close]);
            if !is_break(old) && !is_break(new) {
                return None;
            }
            let old = match is_break(old) {
                true => DELETED_BREAK.to_string(),
                false => format!("<del class=\"critic\">{old}</del>"),
            };
            let new = match is_break(new) {
                true => INSERTED_BREAK.to_string(),
                false => format!("<ins class=\"critic\">{new}</ins>"),
            };
            Some((whole, format!("{old}{new}").into()))
        }
        _ => None,
    }
}

/// Whether `text` is two or more line breaks and nothing else: a paragraph break.
fn is_break(text: &str) -> bool {
    let mut rest = text;
    let mut breaks = 0;
    while let Some(after) = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))
    {
        rest = after;
        breaks += 1;
    }
    breaks >= 2 && rest.is_empty()
}

/// Adds `piece` (from `at`) to the line being written, or starts one with it; each line
/// it ends goes to `out`.
fn write<'a>(out: &mut Vec<SrcLine<'a>>, current: &mut Option<SrcLine<'a>>, piece: &str, at: At) {
    let mut offset = 0;
    for part in piece.split_inclusive('\n') {
        let part_at = at.shifted(offset);
        match current {
            Some(written) => {
                let end = written.text.len();
                if !part.is_empty() && written.origin(end) != part_at {
                    written.joins.push((end, part_at));
                }
                written.text.to_mut().push_str(part);
            }
            None => *current = Some(SrcLine::new(Cow::Owned(part.to_string()), part_at)),
        }
        if part.ends_with('\n') {
            out.extend(current.take());
        }
        offset += part.len();
    }
}

/// A place in the events: an event's index and a byte offset in its text.
type Place = (usize, usize);

/// Text from one place to another replaced by `html` (nothing when empty).
struct Cut {
    from: Place,
    to: Place,
    html: Cow<'static, str>,
}

/// The text events of one container, joined, and where each starts in the joined text.
#[derive(Default)]
struct Container {
    text: String,
    pieces: Vec<(usize, usize)>,
    /// An image's description: its marks stay as written (HTML cannot stand in an `alt`
    /// attribute).
    is_image: bool,
}

impl Container {
    /// The place of the joined text's byte `at`, which is in one of the events'.
    fn place(&self, at: usize) -> Place {
        let i = self.pieces.partition_point(|&(start, _)| start <= at) - 1;
        let (start, event) = self.pieces[i];
        (event, at - start)
    }

    /// The place just after the joined text's byte `end - 1`.
    fn place_after(&self, end: usize) -> Place {
        let (event, at) = self.place(end - 1);
        (event, at + 1)
    }
}

/// Shows the inline critic marks in `events` as suggestions (view mode).
pub fn show(events: &mut Vec<Event<'_>>) {
    let mut cuts = Vec::new();
    // An opening split between two texts starts with the first's last `{`.
    let may_hold = |text: &str| may_open(text) || text.ends_with('{');
    for block in super::blocks_with_text(events, may_hold) {
        let mut stack = vec![Container::default()];
        for (i, event) in events.iter().enumerate().take(block.end).skip(block.start) {
            let top = stack.last_mut().expect("the outermost container stays");
            match event {
                Event::Text(text) => {
                    top.pieces.push((top.text.len(), i));
                    top.text.push_str(text);
                }
                Event::SoftBreak | Event::HardBreak => top.text.push('\n'),
                Event::Start(tag) => stack.push(Container {
                    is_image: matches!(tag, Tag::Image { .. }),
                    ..Container::default()
                }),
                Event::End(_) => {
                    if stack.len() > 1 {
                        let closed = stack.pop().expect("more than one");
                        marks(&closed, events, &mut cuts);
                    }
                    // The element is opaque in the text around it.
                    stack.last_mut().expect("kept").text.push(OPAQUE);
                }
                _ => top.text.push(OPAQUE),
            }
        }
        for container in &stack {
            marks(container, events, &mut cuts);
        }
    }
    if cuts.is_empty() {
        return;
    }
    cuts.sort_unstable_by_key(|cut| cut.from);
    // A mark's content is not searched for marks (pymdownx.critic resumes after it): the
    // cuts of elements inside a cut away range go.
    let mut end = (0, 0);
    cuts.retain(|cut| {
        let outside = cut.from >= end;
        if outside {
            end = cut.to;
        }
        outside
    });
    *events = cut(std::mem::take(events), cuts);
    unwrap_comment_paragraphs(events);
}

/// Paragraphs of nothing but comments lose their `<p>`, as pymdownx.critic writes them.
fn unwrap_comment_paragraphs(events: &mut Vec<Event<'_>>) {
    let is_comment =
        |event: &Event| matches!(event, Event::InlineHtml(html) if comment_text(html).is_some());
    let mut unwrapped = Vec::new();
    for (i, event) in events.iter().enumerate() {
        if matches!(event, Event::Start(Tag::Paragraph)) {
            let comments = events[i + 1..].iter().take_while(|e| is_comment(e)).count();
            let end = i + 1 + comments;
            if comments > 0 && matches!(events.get(end), Some(Event::End(TagEnd::Paragraph))) {
                unwrapped.extend([i, end]);
            }
        }
    }
    if unwrapped.is_empty() {
        return;
    }
    let mut unwrapped = unwrapped.into_iter().peekable();
    let old = std::mem::take(events);
    events.extend(
        old.into_iter()
            .enumerate()
            .filter(|(i, _)| unwrapped.next_if_eq(i).is_none())
            .map(|(_, event)| event),
    );
}

/// The cuts that show the marks of `container`.
fn marks(container: &Container, events: &[Event], cuts: &mut Vec<Cut>) {
    if container.is_image || container.pieces.is_empty() {
        return;
    }
    for found in find(&container.text) {
        let Found {
            kind,
            open,
            mid,
            close,
        } = found;
        let (open_end, close_end) = (open + 3, close + 3);
        let wrap = |before: &'static str, after: &'static str| {
            vec![
                (open, open_end, before.into()),
                (close, close_end, after.into()),
            ]
        };
        let replaced: Vec<(usize, usize, Cow<'static, str>)> = match kind {
            Kind::Comment => {
                let from = container.place_after(open_end);
                let text = text_between(events, from, container.place(close));
                let text = escape(&text).replace('\n', " ");
                vec![(
                    open,
                    close_end,
                    format!("{COMMENT_OPEN}{text}</span>").into(),
                )]
            }
            Kind::Insert => wrap("<ins class=\"critic\">", "</ins>"),
            Kind::Delete => wrap("<del class=\"critic\">", "</del>"),
            Kind::Highlight => wrap("<mark class=\"critic\">", "</mark>"),
            Kind::Substitute => vec![
                (open, open_end, "<del class=\"critic\">".into()),
                (mid, mid + 2, "</del><ins class=\"critic\">".into()),
                (close, close_end, "</ins>".into()),
            ],
        };
        cuts.extend(replaced.into_iter().map(|(from, to, html)| Cut {
            from: container.place(from),
            to: container.place_after(to),
            html,
        }));
    }
}

/// The text between two places, markup shown as written where it is plain
/// (`*`, `**`, backticks), as a comment shows it.
fn text_between(events: &[Event], from: Place, to: Place) -> String {
    let mut text = String::new();
    for (i, event) in events.iter().enumerate().take(to.0 + 1).skip(from.0) {
        let start = if i == from.0 { from.1 } else { 0 };
        match event {
            Event::Text(t) => {
                let end = if i == to.0 { to.1 } else { t.len() };
                text.push_str(t.get(start..end).unwrap_or_default());
            }
            Event::Code(code) => text.push_str(&format!("`{code}`")),
            Event::InlineHtml(html) | Event::Html(html) => text.push_str(html),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => text.push('*'),
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => text.push_str("**"),
            _ => {}
        }
    }
    text
}

/// The events with the cuts made (sorted, not overlapping).
fn cut<'a>(events: Vec<Event<'a>>, cuts: Vec<Cut>) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len() + cuts.len() * 2);
    let mut cuts = cuts.into_iter().peekable();
    // Inside a cut that ends at this place.
    let mut resume: Option<Place> = None;
    for (i, event) in events.into_iter().enumerate() {
        let mut done = 0;
        if let Some((end, at)) = resume {
            if i < end {
                continue;
            }
            resume = None;
            done = at;
        }
        let text = match event {
            Event::Text(text) if done > 0 || cuts.peek().is_some_and(|c| c.from.0 == i) => text,
            other => {
                out.push(other);
                continue;
            }
        };
        while let Some(cut) = cuts.next_if(|c| c.from.0 == i) {
            if cut.from.1 > done {
                out.push(Event::Text(CowStr::from(
                    text[done..cut.from.1].to_string(),
                )));
            }
            if !cut.html.is_empty() {
                out.push(Event::InlineHtml(CowStr::from(cut.html.into_owned())));
            }
            if cut.to.0 == i {
                done = cut.to.1;
            } else {
                resume = Some(cut.to);
                done = text.len();
                break;
            }
        }
        if done < text.len() {
            out.push(Event::Text(CowStr::from(text[done..].to_string())));
        }
    }
    out
}

/// A warning when the code at `range` holds a critic mark: pymdownx.critic reads marks
/// before code, Waymark shows code as written.
pub fn in_code(code: &str, range: &Range<usize>) -> Option<RenderProblem> {
    has_mark(code).then(|| {
        shown_as_written(
            range.clone(),
            "a critic mark in code is shown as written",
            "MkDocs (pymdownx.critic) shows the mark inside the code too; put it outside the code if it is a suggestion",
        )
    })
}

/// A warning when an image's description (its text at `range`) holds a critic mark.
pub fn in_description(text: &str, range: &Range<usize>) -> Option<RenderProblem> {
    has_mark(text).then(|| {
        shown_as_written(
            range.clone(),
            "a critic mark in an image's description is shown as written",
            "MkDocs writes the mark's HTML into the `alt` attribute, where it is text too; leave the mark out of the description",
        )
    })
}

/// A warning when `text` (at `range`, after a `\`) starts with a critic mark.
pub fn escaped(text: &str, range: &Range<usize>) -> Option<RenderProblem> {
    let starts = may_open(text) && find(text).first().is_some_and(|found| found.open == 0);
    starts.then(|| {
        shown_as_written(
            range.start.saturating_sub(1)..range.end,
            "a critic mark after `\\` is shown as written",
            "MkDocs (pymdownx.critic) shows the backslash and still shows the mark as a suggestion; remove the backslash if it is one",
        )
    })
}

fn has_mark(text: &str) -> bool {
    may_open(text) && !find(text).is_empty()
}

fn shown_as_written(range: Range<usize>, message: &str, hint: &str) -> RenderProblem {
    RenderProblem {
        range,
        message: message.into(),
        hint: hint.into(),
        is_error: false,
    }
}

/// The critic mark that ends the first line of a heading's `source` (`## Title
/// {++new++}`), with the whitespace before it.
pub fn ending_heading(source: &str) -> Option<&str> {
    let line = source.lines().next()?.trim_end();
    let at = line.rfind('{')?;
    let mark = &line[at..];
    let whole = matches!(find(mark).as_slice(), [f] if f.open == 0 && f.close + 3 == mark.len());
    whole.then(|| &line[line[..at].trim_end().len()..])
}

/// The text of a comment written by [`show`] (`html` one event), escaped,
/// for a heading's name in the contents.
pub fn comment_text(html: &str) -> Option<&str> {
    html.strip_prefix(COMMENT_OPEN)?.strip_suffix("</span>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_marks_as_pymdownx_critic_does() {
        let kinds = |text: &str| -> Vec<(usize, usize)> {
            find(text).iter().map(|f| (f.open, f.close)).collect()
        };
        // The first closing after an opening ends it; marks do not nest.
        assert_eq!(kinds("{++a {--b--} c++}"), [(0, 14)]);
        // A substitution needs its `~>` before the closing.
        assert_eq!(kinds("{~~a~~} {~~b~>c~~}"), [(0, 15)]);
        assert_eq!(kinds("{++ open {== x ==}"), [(9, 15)]);
        assert!(kinds("{+ + } {-- -} {> <}").is_empty());
    }

    #[test]
    fn a_mark_may_end_a_heading() {
        assert_eq!(ending_heading("## Title {++new++}\n"), Some(" {++new++}"));
        assert_eq!(ending_heading("# A {~~b~>c~~}"), Some(" {~~b~>c~~}"));
        assert_eq!(ending_heading("## Title {#id}"), None);
        assert_eq!(ending_heading("## Title {++x++} {.c}"), None);
    }
}
