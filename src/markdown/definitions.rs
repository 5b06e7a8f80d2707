//! `/// define` (pymdownx.blocks.definition): a definition list written as paragraphs and
//! lists. Each paragraph of the block becomes a term (`<dt>`), each item of a list a
//! definition (`<dd>`), and any other block a term holding it. The block pass
//! ([`super::blocks`]) cuts the block into its parts and brackets each with a marker; after
//! parsing, [`apply`] turns the bracketed paragraphs and list items into terms and
//! definitions, so that what is inside them (nested blocks, code, lists) is parsed as usual.

use pulldown_cmark::{Event, Tag, TagEnd};

/// Bracket a term: a paragraph alone between them becomes `<dt>`, anything else is put
/// inside one.
pub const TERM_OPEN: &str = "<!--waymark:dt-->";
pub const TERM_CLOSE: &str = "<!--waymark:/dt-->";
/// Bracket a list whose items become definitions.
pub const DEFINITIONS_OPEN: &str = "<!--waymark:dd-->";
pub const DEFINITIONS_CLOSE: &str = "<!--waymark:/dd-->";

fn is_marker(event: &Event, marker: &str) -> bool {
    matches!(event, Event::Html(html) if html.trim_end() == marker)
}

/// Rewrites the bracketed parts of the page's definition blocks.
pub fn apply(events: &mut Vec<Event<'_>>) {
    if !events
        .iter()
        .any(|e| is_marker(e, TERM_OPEN) || is_marker(e, DEFINITIONS_OPEN))
    {
        return;
    }
    let mut input: Vec<Option<Event>> = std::mem::take(events).into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(input.len());
    // For each open bracket of definitions, innermost last: how deep in lists we are.
    let mut lists: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < input.len() {
        let event = input[i].take().expect("each event is taken once");
        i += 1;
        if is_marker(&event, TERM_OPEN) {
            match paragraph_alone(&input, i) {
                Some((start, end, close)) => {
                    let mut take = |range: std::ops::Range<usize>| {
                        input[range]
                            .iter_mut()
                            .filter_map(Option::take)
                            .collect::<Vec<_>>()
                    };
                    // The markers' own HTML blocks end and start around the term.
                    out.extend(take(i..start));
                    out.push(Event::Html("<dt>".into()));
                    out.extend(take(start + 1..end));
                    out.push(Event::Html("</dt>\n".into()));
                    out.extend(take(end + 1..close));
                    i = close + 1;
                }
                None => out.push(Event::Html("<dt>\n".into())),
            }
            continue;
        }
        if is_marker(&event, TERM_CLOSE) {
            out.push(Event::Html("</dt>\n".into()));
            continue;
        }
        if is_marker(&event, DEFINITIONS_OPEN) {
            lists.push(0);
            continue;
        }
        if is_marker(&event, DEFINITIONS_CLOSE) {
            lists.pop();
            continue;
        }
        let Some(depth) = lists.last_mut() else {
            out.push(event);
            continue;
        };
        match &event {
            Event::Start(Tag::List(_)) => {
                *depth += 1;
                if *depth == 1 {
                    continue;
                }
            }
            Event::End(TagEnd::List(_)) => {
                *depth -= 1;
                if *depth == 0 {
                    continue;
                }
            }
            Event::Start(Tag::Item) if *depth == 1 => {
                out.push(Event::Html("<dd>".into()));
                continue;
            }
            Event::End(TagEnd::Item) if *depth == 1 => {
                out.push(Event::Html("</dd>\n".into()));
                continue;
            }
            _ => {}
        }
        out.push(event);
    }
    *events = out;
}

/// When the events from `start` (after the opening marker) are one paragraph and then
/// the closing marker, each perhaps in an HTML block of its own (the marker perhaps
/// after its indentation): where the paragraph
/// starts and ends, and where the closing marker is.
fn paragraph_alone(input: &[Option<Event>], start: usize) -> Option<(usize, usize, usize)> {
    let skip_html_block = |at: usize, block: Event| {
        at + usize::from(matches!(input.get(at), Some(Some(e)) if *e == block))
    };
    let start = skip_html_block(start, Event::End(TagEnd::HtmlBlock));
    if !matches!(input.get(start), Some(Some(Event::Start(Tag::Paragraph)))) {
        return None;
    }
    let end = start
        + input[start..]
            .iter()
            .position(|e| matches!(e, Some(Event::End(TagEnd::Paragraph))))?;
    let mut close = skip_html_block(end + 1, Event::Start(Tag::HtmlBlock));
    // The indentation before a marker inside a list item.
    while matches!(input.get(close), Some(Some(Event::Text(t))) if t.trim().is_empty()) {
        close += 1;
    }
    matches!(input.get(close), Some(Some(e)) if is_marker(e, TERM_CLOSE))
        .then_some((start, end, close))
}
