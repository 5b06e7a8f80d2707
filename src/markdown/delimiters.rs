//! pymdownx.mark, pymdownx.caret and pymdownx.tilde: `==marked==`, `^^inserted^^`,
//! `H^2^O`, `~~deleted~~` and `H~2~O`, paired over the parsed events as pymdownx pairs
//! them (delimiter runs that may open or close, CommonMark's flanking rules), so that the
//! content may hold other markup: `==**bold** text==`, `^^*em*^^`, `~~[link](x.md)~~`.
//! Each extension's options say which spans there are and whether they are smart.

use crate::config::extensions::{SpanRules, Spans};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::HashMap;
use std::ops::Range;

/// How many open runs a closing run tries, nearest first.
const MAX_TRIED: usize = 16;

/// One run of `=`, `^` or `~` in a text event, as far as it is not used yet.
struct Run {
    event: usize,
    /// Byte range of the unused part of the run within its text.
    start: usize,
    len: usize,
    token: char,
    can_open: bool,
    can_close: bool,
    /// The inline element (or block) the run stands in: runs pair only within one.
    container: usize,
    /// Whitespace seen in the block before the run: a single-character span (`^x^`,
    /// `~x~`) may hold none, as pymdownx's `no_space` asks.
    spaces_before: usize,
    /// The run's length as written, for the rule of three.
    written: usize,
}

/// What the character next to a run is, for the flanking rules.
#[derive(Clone, Copy, PartialEq)]
enum Side {
    Space,
    Punctuation,
    Word,
}

fn side(c: Option<char>) -> Side {
    match c {
        None => Side::Space,
        Some(c) if c.is_whitespace() => Side::Space,
        Some(c) if c.is_alphanumeric() => Side::Word,
        Some(_) => Side::Punctuation,
    }
}

/// The side of what stands next to a text event: markup written with punctuation
/// (`**`, `[`, `` ` ``, `<`), a line break, or the edge of a block.
fn neighbour(event: Option<&Event>, before: bool) -> Side {
    match event {
        Some(Event::Text(text)) => side(if before {
            text.chars().next_back()
        } else {
            text.chars().next()
        }),
        Some(Event::SoftBreak | Event::HardBreak) | None => Side::Space,
        Some(Event::Start(tag)) if !is_inline(tag) => Side::Space,
        Some(Event::End(tag)) if !is_inline_end(tag) => Side::Space,
        Some(_) => Side::Punctuation,
    }
}

fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

/// The rules of the spans `token` delimits.
fn rules(spans: &Spans, token: char) -> SpanRules {
    match token {
        '=' => spans.mark,
        '^' => spans.caret,
        _ => spans.tilde,
    }
}

/// The runs of the text of the page's `blocks`, outside image descriptions.
fn runs(events: &[Event], blocks: &[Range<usize>], spans: &Spans) -> Vec<Run> {
    let mut runs = Vec::new();
    for block in blocks {
        block_runs(events, block.clone(), spans, &mut runs);
    }
    runs
}

/// Adds the runs of one block of `events` to `runs`.
fn block_runs(events: &[Event], block: Range<usize>, spans: &Spans, runs: &mut Vec<Run>) {
    // Each container is known by the index of its start, unique in the page.
    let mut containers = Vec::new();
    let mut images = 0usize;
    let mut spaces = 0usize;
    for (i, event) in events.iter().enumerate().take(block.end).skip(block.start) {
        match event {
            Event::Start(tag) => {
                images += usize::from(matches!(tag, Tag::Image { .. }));
                containers.push(i);
            }
            Event::End(tag) => {
                images = images.saturating_sub(usize::from(matches!(tag, TagEnd::Image)));
                containers.pop();
            }
            Event::SoftBreak | Event::HardBreak => spaces += 1,
            Event::Text(text) if images == 0 => {
                let before = neighbour(i.checked_sub(1).and_then(|p| events.get(p)), true);
                let after = neighbour(events.get(i + 1), false);
                let container = containers.last().copied().unwrap_or(usize::MAX);
                let mut at = 0;
                while let Some(start) = next_run(text, at) {
                    spaces += spaces_in(&text[at..start], spans.escaped_space);
                    let token = text[start..].chars().next().unwrap_or('=');
                    let len = text[start..]
                        .find(|c| c != token)
                        .unwrap_or(text.len() - start);
                    at = start + len;
                    let prev = text[..start].chars().next_back();
                    let next = text[at..].chars().next();
                    let (prev, next) = (
                        prev.map_or(before, |c| side(Some(c))),
                        next.map_or(after, |c| side(Some(c))),
                    );
                    let rules = rules(spans, token);
                    if !rules.single && len < 2 {
                        continue;
                    }
                    // CommonMark's left- and right-flanking delimiter runs; pymdownx.caret
                    // and tilde leave out the punctuation rules by default.
                    let punctuation = rules.punctuation;
                    let mut can_open = next != Side::Space
                        && (!punctuation || next == Side::Word || prev != Side::Word);
                    let mut can_close = prev != Side::Space
                        && (!punctuation || prev == Side::Word || next != Side::Word);
                    let run = |start, len, can_open, can_close| Run {
                        event: i,
                        start,
                        len,
                        token,
                        can_open,
                        can_close,
                        container,
                        spaces_before: spaces,
                        written: len,
                    };
                    // Smart: a run inside a word neither opens nor closes. With both
                    // spans (`no_space`), only a double run is smart, and one inside a
                    // word is two single ones: the first may close, the second open.
                    if rules.smart && (!rules.no_space || len == 2) {
                        if rules.no_space && prev == Side::Word && next == Side::Word {
                            runs.push(run(start, 1, false, true));
                            runs.push(run(start + 1, 1, true, false));
                            continue;
                        }
                        can_open &= prev != Side::Word;
                        can_close &= next != Side::Word;
                    }
                    runs.push(run(start, len, can_open, can_close));
                }
                spaces += spaces_in(&text[at..], spans.escaped_space);
            }
            _ => {}
        }
    }
}

/// Where the next `=`, `^` or `~` of `text` from byte `from` is.
fn next_run(text: &str, from: usize) -> Option<usize> {
    memchr::memchr3(b'=', b'^', b'~', &text.as_bytes()[from..]).map(|found| from + found)
}

/// The whitespace characters in `text`, but for spaces escaped with `\\` if `escaped`.
/// Text without a backslash is counted by bytes while it is ASCII, which is most text and
/// many times faster.
fn spaces_in(text: &str, escaped: bool) -> usize {
    if escaped && text.contains('\\') {
        let mut previous = None;
        let mut count = 0;
        for c in text.chars() {
            count += usize::from(c.is_whitespace() && !(c == ' ' && previous == Some('\\')));
            previous = Some(c);
        }
        count
    } else if text.is_ascii() {
        text.bytes()
            .filter(|b| matches!(b, b' ' | b'\t'..=b'\r'))
            .count()
    } else {
        text.chars().filter(|c| c.is_whitespace()).count()
    }
}

/// How many characters of `opener` and `closer` a span between them uses, if they pair.
fn usable(opener: &Run, closer: &Run, spans: &Spans) -> Option<usize> {
    if opener.token != closer.token {
        return None;
    }
    let rules = rules(spans, opener.token);
    let n = if rules.double && opener.len >= 2 && closer.len >= 2 {
        2
    } else if rules.single {
        1
    } else {
        return None;
    };
    // CommonMark's rule of three, as PyMdown applies it (to a closing run that could
    // open too): `{~~one~>two~~}` is one deletion, not `~one~` subscript.
    let (a, b) = (opener.written, closer.written);
    if closer.can_open && (a + b) % 3 == 0 && !(a % 3 == 0 && b % 3 == 0) {
        return None;
    }
    if n == 1 && rules.no_space && closer.spaces_before > opener.spaces_before {
        return None;
    }
    Some(n)
}

fn tags(token: char, n: usize) -> (&'static str, &'static str) {
    match (token, n) {
        ('=', _) => ("<mark>", "</mark>"),
        ('^', 2) => ("<ins>", "</ins>"),
        ('^', _) => ("<sup>", "</sup>"),
        ('~', 2) => ("<del>", "</del>"),
        _ => ("<sub>", "</sub>"),
    }
}

/// Pairs the runs in `events` and writes each span's tags in place of its delimiters;
/// then writes escaped spaces as spaces, if they are escapes.
pub fn apply(events: &mut Vec<Event<'_>>, spans: &Spans) {
    pair(events, spans);
    if spans.escaped_space {
        for event in events.iter_mut() {
            if let Event::Text(text) = event {
                if text.contains("\\ ") {
                    *text = CowStr::from(text.replace("\\ ", " "));
                }
            }
        }
    }
}

fn pair(events: &mut Vec<Event<'_>>, spans: &Spans) {
    let blocks = super::blocks_with_text(events, |text| next_run(text, 0).is_some());
    if blocks.is_empty() {
        return;
    }
    let mut runs = runs(events, &blocks, spans);
    // (event, byte range of the delimiters, tag)
    let mut edits: Vec<(usize, usize, usize, &'static str)> = Vec::new();
    // The open runs of each container, of every token: a pair closes the runs opened
    // inside it, so spans nest and never cross (`~a ^b~ c^`).
    let mut openers: HashMap<usize, Vec<usize>> = HashMap::new();
    for r in 0..runs.len() {
        let key = runs[r].container;
        if runs[r].can_close {
            let stack = openers.entry(key).or_default();
            while runs[r].len > 0 {
                // Only the nearest openers are tried, so that a paragraph of unpaired
                // runs costs linear time.
                let nearest = stack.len().saturating_sub(MAX_TRIED);
                let Some(at) = stack[nearest..]
                    .iter()
                    .rposition(|&o| usable(&runs[o], &runs[r], spans).is_some())
                    .map(|at| nearest + at)
                else {
                    break;
                };
                let o = stack[at];
                let n = usable(&runs[o], &runs[r], spans).unwrap_or(1);
                // Runs opened between the pair can no longer be closed.
                stack.truncate(at + 1);
                let (open, close) = tags(runs[r].token, n);
                let opener = &mut runs[o];
                opener.len -= n;
                edits.push((
                    opener.event,
                    opener.start + opener.len,
                    opener.start + opener.len + n,
                    open,
                ));
                if opener.len == 0 {
                    stack.pop();
                }
                let closer = &mut runs[r];
                edits.push((closer.event, closer.start, closer.start + n, close));
                closer.start += n;
                closer.len -= n;
            }
        }
        if runs[r].len > 0 && runs[r].can_open {
            openers.entry(key).or_default().push(r);
        }
    }
    if edits.is_empty() {
        return;
    }
    edits.sort_unstable_by_key(|&(event, start, _, _)| (event, start));
    let old = std::mem::take(events);
    let mut edits = edits.into_iter().peekable();
    for (i, event) in old.into_iter().enumerate() {
        if edits.peek().is_none_or(|&(e, ..)| e != i) {
            events.push(event);
            continue;
        }
        let text = match event {
            Event::Text(text) => text,
            // Edits are made only in text.
            other => {
                events.push(other);
                continue;
            }
        };
        let mut done = 0;
        while let Some((_, start, end, tag)) = edits.next_if(|&(e, ..)| e == i) {
            if start > done {
                events.push(Event::Text(CowStr::from(text[done..start].to_string())));
            }
            events.push(Event::InlineHtml(tag.into()));
            done = end;
        }
        if done < text.len() {
            events.push(Event::Text(CowStr::from(text[done..].to_string())));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Options, Parser};

    /// `text` as HTML, without pulldown-cmark's strikethrough (as for MkDocs projects).
    fn html(text: &str) -> String {
        let mut events: Vec<Event> = Parser::new_ext(text, Options::empty()).collect();
        events = crate::markdown::merge_text(events, false);
        apply(&mut events, &Spans::default());
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, events.into_iter());
        out.trim_end()
            .trim_start_matches("<p>")
            .trim_end_matches("</p>")
            .to_string()
    }

    #[test]
    fn spans_pair_as_pymdownx_pairs_them() {
        // Each expected output is Python-Markdown's with pymdownx.mark, caret and tilde.
        for (text, expected) in [
            (
                "==**bold** text==",
                "<mark><strong>bold</strong> text</mark>",
            ),
            ("^^*em*^^", "<ins><em>em</em></ins>"),
            ("~~[link](x.md)~~", "<del><a href=\"x.md\">link</a></del>"),
            (
                "H^*2*^O and H~2~O",
                "H<sup><em>2</em></sup>O and H<sub>2</sub>O",
            ),
            (
                "==a== **b** ==c==",
                "<mark>a</mark> <strong>b</strong> <mark>c</mark>",
            ),
            ("**==bold==**", "<strong><mark>bold</mark></strong>"),
            ("==a `code` b==", "<mark>a <code>code</code> b</mark>"),
            ("{~~one~>a single~~}", "{<del>one~&gt;a single</del>}"),
            (
                "a==b==c and ===a===",
                "a<mark>b</mark>c and =<mark>a</mark>=",
            ),
            (
                "x ^^^a^^^ y, ~~a~~~",
                "x <sup><ins>a</ins></sup> y, <del>a</del>~",
            ),
            ("^^a^ and ~a~~", "^<sup>a</sup> and <sub>a</sub>~"),
            (
                "~~one~>a~~ and é==ö^^ü~~ß~é^ä^",
                "~<sub>one<sub>&gt;a</sub></sub> and é==ö^^ü~~ß~é<sup>ä</sup>",
            ),
            (
                "==a *b* == and ==a= and 2^10 or ^a b^",
                "==a <em>b</em> == and ==a= and 2^10 or ^a b^",
            ),
        ] {
            assert_eq!(html(text), expected, "{text}");
        }
    }
}
