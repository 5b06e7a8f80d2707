//! Attribute lists: `{ #id .class key=value }` and `{: ... }`.
//!
//! pulldown-cmark reads them at the end of headings itself. This pass handles the rest, on
//! the parser's events: after a link or image (`[a](b){ target=_blank }`,
//! `![a](b.png){ width=400 }`), and on a line of its own at the end of a paragraph or list
//! item, where they apply to that block. Icons take them in the icon pass.

use super::escape;
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

/// Parsed attributes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attrs {
    pub id: Option<String>,
    pub classes: Vec<String>,
    pub pairs: Vec<(String, String)>,
}

impl Attrs {
    /// ` id="..." class="..." key="..."`, escaped; `extra_class` comes first in `class`.
    pub fn html(&self, extra_class: Option<&str>) -> String {
        let mut out = String::new();
        if let Some(id) = &self.id {
            out.push_str(&format!(" id=\"{}\"", escape(id)));
        }
        let classes: Vec<&str> = extra_class
            .into_iter()
            .chain(self.classes.iter().map(String::as_str))
            .collect();
        if !classes.is_empty() {
            out.push_str(&format!(" class=\"{}\"", escape(&classes.join(" "))));
        }
        for (key, value) in &self.pairs {
            out.push_str(&format!(" {}=\"{}\"", escape(key), escape(value)));
        }
        out
    }
}

/// Parses an attribute list at the start of `text`; returns it and its length in bytes.
pub fn parse_prefix(text: &str) -> Option<(Attrs, usize)> {
    let inner_start = if text.starts_with("{:") {
        2
    } else if text.starts_with('{') {
        1
    } else {
        return None;
    };
    let close = text.find(['}', '\n'])?;
    if text.as_bytes()[close] != b'}' {
        return None;
    }
    let inner = &text[inner_start..close];
    if inner.trim().is_empty() {
        return None;
    }
    let mut attrs = Attrs::default();
    let mut rest = inner.trim_start();
    while !rest.is_empty() {
        let (token, after) = token(rest)?;
        if let Some(id) = token.strip_prefix('#') {
            if id.is_empty() {
                return None;
            }
            attrs.id = Some(id.to_string());
        } else if let Some(class) = token.strip_prefix('.') {
            if class.is_empty() {
                return None;
            }
            attrs.classes.push(class.to_string());
        } else if let Some((key, value)) = token.split_once('=') {
            if !valid_key(key) {
                return None;
            }
            let value = unquote(value);
            if key == "id" {
                attrs.id = Some(value.to_string());
            } else if key == "class" {
                attrs
                    .classes
                    .extend(value.split_whitespace().map(str::to_string));
            } else {
                attrs.pairs.push((key.to_string(), value.to_string()));
            }
        } else if valid_key(token) {
            // Python-Markdown reads a bare word as `word="word"`.
            attrs.pairs.push((token.to_string(), token.to_string()));
        } else {
            return None;
        }
        rest = after.trim_start();
    }
    Some((attrs, close + 1))
}

/// An attribute list that is the whole of `text` (surrounding whitespace allowed).
pub fn parse_whole(text: &str) -> Option<Attrs> {
    let text = text.trim();
    let (attrs, len) = parse_prefix(text)?;
    (len == text.len()).then_some(attrs)
}

fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == ':')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
}

/// One whitespace-separated token, keeping quoted values with spaces together.
fn token(text: &str) -> Option<(&str, &str)> {
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, c) if c.is_whitespace() => return Some((&text[..i], &text[i..])),
            _ => {}
        }
    }
    if quote.is_some() {
        return None;
    }
    Some((text, ""))
}

fn unquote(value: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    value
}

/// A heading's attributes as pulldown-cmark read them from `{ ... }`, the way
/// Python-Markdown reads them: quoted values with spaces whole (pulldown-cmark splits
/// `data-toc-label="Two words"` at the space), quotes removed from values, and `id=` and
/// `class=` pairs giving the id and classes (pulldown-cmark keeps them as plain pairs, so
/// the heading got two `id` attributes).
#[allow(clippy::type_complexity)]
pub fn heading_attrs<'a>(
    mut id: Option<CowStr<'a>>,
    mut classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
) -> (
    Option<CowStr<'a>>,
    Vec<CowStr<'a>>,
    Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
) {
    let mut rest = Vec::with_capacity(attrs.len());
    for (key, value) in rejoin_quoted(attrs) {
        let value = value.map(|v| CowStr::from(unquote(&v).to_string()));
        match (key.as_ref(), value) {
            ("id", Some(value)) => id = Some(value),
            ("class", Some(value)) => classes.extend(
                value
                    .split_whitespace()
                    .map(|c| CowStr::from(c.to_string())),
            ),
            (_, value) => rest.push((key, value)),
        }
    }
    (id, classes, rest)
}

/// Joins the words of a quoted value that pulldown-cmark split at spaces into separate
/// attributes (`label="Two` and `words"`) back into one value.
#[allow(clippy::type_complexity)]
fn rejoin_quoted<'a>(
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
) -> Vec<(CowStr<'a>, Option<CowStr<'a>>)> {
    let mut out: Vec<(CowStr<'a>, Option<CowStr<'a>>)> = Vec::with_capacity(attrs.len());
    let mut open_quote = None;
    for (key, value) in attrs {
        if let (Some(quote), Some((_, Some(joined)))) = (open_quote, out.last_mut()) {
            let word = match &value {
                Some(value) => format!("{key}={value}"),
                None => key.to_string(),
            };
            if word.ends_with(quote) {
                open_quote = None;
            }
            *joined = CowStr::from(format!("{joined} {word}"));
            continue;
        }
        open_quote = value.as_deref().and_then(|v| {
            let quote = v.chars().next().filter(|c| matches!(c, '"' | '\''))?;
            (v.len() == 1 || !v.ends_with(quote)).then_some(quote)
        });
        out.push((key, value));
    }
    out
}

/// Applies attribute lists in a page's events (see the module docs). Text events must be
/// merged already, so that an attribute list is one event.
/// Returns the ids the attribute lists set, so that links to them can be checked.
pub fn apply(events: &mut Vec<Event<'_>>) -> Vec<String> {
    let mut ids = Vec::new();
    if !events
        .iter()
        .any(|e| matches!(e, Event::Text(t) if t.contains('{')))
    {
        return ids;
    }
    // One pass: events move to `out`, where those an attribute list changes (the start of
    // its block, its link or image) are still at hand when the list is found.
    let mut out = Vec::with_capacity(events.len());
    // Where each paragraph or list item not yet ended starts in `out`.
    let mut open_blocks = Vec::new();
    let mut input = std::mem::take(events).into_iter().peekable();
    while let Some(event) = input.next() {
        match event {
            Event::Start(Tag::Paragraph | Tag::Item) => open_blocks.push(out.len()),
            Event::End(end @ (TagEnd::Paragraph | TagEnd::Item)) => {
                let start = open_blocks.pop();
                let attrs = start.and_then(|start| last_line_attrs(&out[start + 1..]));
                if let (Some(start), Some(attrs)) = (start, attrs) {
                    // Drop the line break and the attribute list.
                    out.truncate(out.len() - 2);
                    let tag = if end == TagEnd::Paragraph { "p" } else { "li" };
                    out[start] = Event::Html(format!("<{tag}{}>", attrs.html(None)).into());
                    out.push(Event::Html(format!("</{tag}>\n").into()));
                    ids.extend(attrs.id);
                    continue;
                }
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
                let start = find_start(&out, |t| matches!(t, Tag::Link { .. } | Tag::Image { .. }));
                if let Some((start, attrs)) = start.and_then(|s| Some((s, take_attrs(&mut input)?)))
                {
                    if end == TagEnd::Image {
                        let html = image_html(&out[start..], &attrs);
                        out.truncate(start);
                        out.push(Event::InlineHtml(html.into()));
                    } else {
                        out[start] = Event::InlineHtml(link_open_html(&out[start], &attrs).into());
                        out.push(Event::InlineHtml("</a>".into()));
                    }
                    finish_inline(&mut out, &mut input, attrs, &mut ids);
                    continue;
                }
            }
            // `**Recommended**{ .mdx-pill }`, `*new*{ title=x }`
            Event::End(end @ (TagEnd::Strong | TagEnd::Emphasis)) => {
                let tag = if end == TagEnd::Strong {
                    "strong"
                } else {
                    "em"
                };
                let start = find_start(&out, |t| matches!(t, Tag::Strong | Tag::Emphasis));
                if let Some((start, attrs)) = start.and_then(|s| Some((s, take_attrs(&mut input)?)))
                {
                    out[start] = Event::InlineHtml(format!("<{tag}{}>", attrs.html(None)).into());
                    out.push(Event::InlineHtml(format!("</{tag}>").into()));
                    finish_inline(&mut out, &mut input, attrs, &mut ids);
                    continue;
                }
            }
            // `` `pip`{ .copy } ``
            Event::Code(ref code) => {
                if let Some(attrs) = take_attrs(&mut input) {
                    let html = format!("<code{}>{}</code>", attrs.html(None), escape(code));
                    out.push(Event::InlineHtml(html.into()));
                    finish_inline(&mut out, &mut input, attrs, &mut ids);
                    continue;
                }
            }
            _ => {}
        }
        out.push(event);
    }
    out.retain(|e| !matches!(e, Event::Text(t) if t.is_empty()));
    *events = out;
    ids
}

/// The attribute list on the last line of a block whose events so far are `block`: a line
/// break, then a text that is nothing but the list.
fn last_line_attrs(block: &[Event]) -> Option<Attrs> {
    match block {
        [.., Event::SoftBreak | Event::HardBreak, Event::Text(text)] => parse_whole(text),
        _ => None,
    }
}

type Input<'a> = std::iter::Peekable<std::vec::IntoIter<Event<'a>>>;

/// The attribute list that the next text event starts with, if any (the event is left in
/// `input` for [`finish_inline`]).
fn take_attrs(input: &mut Input) -> Option<Attrs> {
    match input.peek() {
        Some(Event::Text(text)) => parse_prefix(text).map(|(attrs, _)| attrs),
        _ => None,
    }
}

/// Removes the attribute list that `attrs` came from off the text that follows an element
/// it was applied to, and records its id.
fn finish_inline<'a>(
    out: &mut Vec<Event<'a>>,
    input: &mut Input<'a>,
    attrs: Attrs,
    ids: &mut Vec<String>,
) {
    if let Some(Event::Text(text)) = input.next() {
        let len = parse_prefix(&text).map_or(0, |(_, len)| len);
        out.push(Event::Text(text[len..].to_string().into()));
    }
    ids.extend(attrs.id);
}

/// The index of the start (one that `wanted` accepts) that an End following `events` would
/// close.
fn find_start(events: &[Event], wanted: fn(&Tag) -> bool) -> Option<usize> {
    let mut depth = 0;
    for (i, event) in events.iter().enumerate().rev() {
        match event {
            Event::End(_) => depth += 1,
            Event::Start(tag) if depth == 0 && wanted(tag) => return Some(i),
            Event::Start(_) => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The opening tag of the link whose Start is `start`, with the attributes.
fn link_open_html(start: &Event, attrs: &Attrs) -> String {
    let Event::Start(Tag::Link {
        link_type,
        dest_url,
        title,
        ..
    }) = start
    else {
        return String::new();
    };
    let mut href = String::new();
    if *link_type == LinkType::Email {
        href.push_str("mailto:");
    }
    pulldown_cmark_escape::escape_href(&mut href, dest_url)
        .expect("writing to a String cannot fail");
    let mut html = format!("<a href=\"{}\"", escape_attr_href(&href));
    if !title.is_empty() {
        html.push_str(&format!(" title=\"{}\"", escape(title)));
    }
    html.push_str(&attrs.html(None));
    html.push('>');
    html
}

/// `escape_href` leaves `&` for the HTML escaper.
fn escape_attr_href(href: &str) -> String {
    let mut out = String::with_capacity(href.len());
    pulldown_cmark_escape::escape_html(&mut out, href).expect("writing to a String cannot fail");
    out
}

/// The `<img>` of the image whose events (without its End) are `events`.
fn image_html(events: &[Event], attrs: &Attrs) -> String {
    let Event::Start(Tag::Image {
        dest_url, title, ..
    }) = &events[0]
    else {
        return String::new();
    };
    let alt: String = events[1..]
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let mut src = String::new();
    pulldown_cmark_escape::escape_href(&mut src, dest_url)
        .expect("writing to a String cannot fail");
    let mut html = format!(
        "<img src=\"{}\" alt=\"{}\"",
        escape_attr_href(&src),
        escape(&alt)
    );
    if !title.is_empty() {
        html.push_str(&format!(" title=\"{}\"", escape(title)));
    }
    html.push_str(&attrs.html(None));
    html.push_str(" />");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_values_with_spaces_stay_whole() {
        // What pulldown-cmark gives for `{ #m data-toc-label="Metadata property" x="a b c" }`.
        let split = vec![
            ("data-toc-label".into(), Some("\"Metadata".into())),
            ("property\"".into(), None),
            ("x".into(), Some("'a".into())),
            ("b".into(), None),
            ("c'".into(), None),
            ("y".into(), Some("\"one\"".into())),
        ];
        let (id, _, attrs) = heading_attrs(Some("m".into()), Vec::new(), split);
        assert_eq!(id.as_deref(), Some("m"));
        let attrs: Vec<(&str, Option<&str>)> = attrs
            .iter()
            .map(|(k, v)| (k.as_ref(), v.as_deref()))
            .collect();
        assert_eq!(
            attrs,
            [
                ("data-toc-label", Some("Metadata property")),
                ("x", Some("a b c")),
                ("y", Some("one"))
            ]
        );
    }

    #[test]
    fn parses_the_mkdocs_forms() {
        let (a, len) =
            parse_prefix("{: #top .wide .x data-n=\"two words\" target=_blank } tail").unwrap();
        assert_eq!(
            len,
            "{: #top .wide .x data-n=\"two words\" target=_blank }".len()
        );
        assert_eq!(a.id.as_deref(), Some("top"));
        assert_eq!(a.classes, ["wide", "x"]);
        assert_eq!(
            a.pairs,
            [
                ("data-n".to_string(), "two words".to_string()),
                ("target".to_string(), "_blank".to_string())
            ]
        );
        assert_eq!(
            a.html(Some("first")),
            " id=\"top\" class=\"first wide x\" data-n=\"two words\" target=\"_blank\""
        );
        assert!(parse_whole("{ width=400 }").is_some());
        assert!(parse_whole("{ }").is_none());
        assert!(
            parse_whole("{not an attr list}").is_some(),
            "bare words, as in Python-Markdown"
        );
        assert!(parse_whole("{ =x }").is_none());
        assert!(parse_whole("{ .a } more").is_none());
        assert!(parse_prefix("{ key=\"unclosed }").is_none());
        assert!(
            parse_whole("{x}").is_some(),
            "a bare key is a boolean attribute"
        );
    }
}
