//! pymdownx.critic's inline marks over the parsed events: `{++added++}`, `{--deleted--}`,
//! `{~~old~>new~~}`, `{==highlighted==}` and `{>>a comment<<}`. A mark may hold other
//! markup (`{++**bold** and `code`++}`), so its delimiters are looked for in the text of
//! each inline container (a paragraph, a link's text, ...), where inner elements count as
//! opaque, and paired as pymdownx.critic pairs them: an opening with the first closing of
//! its kind after it, marks never nested. They are shown as suggestions (`mode: view`) or
//! applied (`accept`, `reject`). Marks that are paragraphs of their own are
//! [`super::blocks`]'s job.

use super::compat::RenderProblem;
use super::escape;
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
fn may_open(text: &str) -> bool {
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
        let mid = if kind == Kind::Substitute {
            text[pos..].find(SUBSTITUTE_MID).map(|at| pos + at)
        } else {
            Some(pos)
        };
        let after_mid = mid.map(|m| if kind == Kind::Substitute { m + 2 } else { m });
        let close = after_mid.and_then(|from| text[from..].find(closing).map(|at| from + at));
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
    /// An image's description: its marks are applied, but not shown (HTML cannot stand
    /// in an `alt` attribute).
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

/// Shows or applies the inline critic marks in `events`.
pub fn apply(events: &mut Vec<Event<'_>>, mode: CriticMode) {
    let needed = events
        .iter()
        .any(|event| matches!(event, Event::Text(text) if may_open(text)));
    if !needed {
        return;
    }
    let mut cuts = Vec::new();
    let mut stack = vec![Container::default()];
    for (i, event) in events.iter().enumerate() {
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
                    marks(&closed, events, mode, &mut cuts);
                }
                // The element is opaque in the text around it.
                stack.last_mut().expect("kept").text.push(OPAQUE);
            }
            _ => top.text.push(OPAQUE),
        }
    }
    for container in &stack {
        marks(container, events, mode, &mut cuts);
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
}

/// The cuts that show or apply the marks of `container`.
fn marks(container: &Container, events: &[Event], mode: CriticMode, cuts: &mut Vec<Cut>) {
    if (container.is_image && mode == CriticMode::View) || container.pieces.is_empty() {
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
        let whole = |html: Cow<'static, str>| vec![(open, close_end, html)];
        let wrap = |before: &'static str, after: &'static str| {
            vec![
                (open, open_end, before.into()),
                (close, close_end, after.into()),
            ]
        };
        use CriticMode::*;
        let replaced: Vec<(usize, usize, Cow<'static, str>)> = match (kind, mode) {
            (Kind::Comment, View) => {
                let from = container.place_after(open_end);
                let text = text_between(events, from, container.place(close));
                let text = escape(&text).replace('\n', " ");
                whole(format!("{COMMENT_OPEN}{text}</span>").into())
            }
            (Kind::Comment, _) | (Kind::Insert, Reject) | (Kind::Delete, Accept) => {
                whole("".into())
            }
            (Kind::Insert, View) => wrap("<ins class=\"critic\">", "</ins>"),
            (Kind::Delete, View) => wrap("<del class=\"critic\">", "</del>"),
            (Kind::Highlight, View) => wrap("<mark class=\"critic\">", "</mark>"),
            (Kind::Insert | Kind::Delete | Kind::Highlight, _) => wrap("", ""),
            (Kind::Substitute, View) => vec![
                (open, open_end, "<del class=\"critic\">".into()),
                (mid, mid + 2, "</del><ins class=\"critic\">".into()),
                (close, close_end, "</ins>".into()),
            ],
            (Kind::Substitute, Accept) => {
                vec![(open, mid + 2, "".into()), (close, close_end, "".into())]
            }
            (Kind::Substitute, Reject) => {
                vec![(open, open_end, "".into()), (mid, close_end, "".into())]
            }
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
pub fn in_code(code: &str, mode: CriticMode, range: &Range<usize>) -> Option<RenderProblem> {
    let found = may_open(code) && !find(code).is_empty();
    let what = match mode {
        CriticMode::View => "shows the mark",
        CriticMode::Accept | CriticMode::Reject => "applies the mark",
    };
    found.then(|| RenderProblem {
        range: range.clone(),
        message: "a critic mark in code is shown as written".into(),
        hint: format!("MkDocs (pymdownx.critic) {what} inside the code too; put it outside the code if it is a suggestion"),
        is_error: false,
    })
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

/// The text of a comment written by [`apply`] in view mode (`html` one event), escaped,
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
