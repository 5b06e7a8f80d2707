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
    // Block attributes: `Start(Paragraph|Item) ... SoftBreak Text("{: ...}") End`.
    let mut open: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Paragraph | Tag::Item) => open.push(i),
            Event::End(end @ (TagEnd::Paragraph | TagEnd::Item)) => {
                let is_paragraph = *end == TagEnd::Paragraph;
                let start = open.pop();
                let found = match (start, i.checked_sub(2)) {
                    (Some(start), Some(text_at)) if text_at > start => {
                        match (&events[text_at], &events[text_at + 1]) {
                            (Event::SoftBreak | Event::HardBreak, Event::Text(t)) => {
                                parse_whole(t).map(|a| (start, text_at, a))
                            }
                            _ => None,
                        }
                    }
                    _ => None,
                };
                if let Some((start, text_at, attrs)) = found {
                    ids.extend(attrs.id.clone());
                    let tag = if is_paragraph { "p" } else { "li" };
                    events[start] = Event::Html(format!("<{tag}{}>", attrs.html(None)).into());
                    events[i] = Event::Html(format!("</{tag}>\n").into());
                    events.drain(text_at..text_at + 2);
                    i -= 2;
                }
            }
            _ => {}
        }
        i += 1;
    }
    // Inline attributes right after a link or an image.
    let mut i = 0;
    while i < events.len() {
        if let Event::End(end @ (TagEnd::Link | TagEnd::Image)) = &events[i] {
            let is_image = *end == TagEnd::Image;
            let attrs = match events.get(i + 1) {
                Some(Event::Text(t)) => parse_prefix(t),
                _ => None,
            };
            if let Some((attrs, len)) = attrs {
                if let Some(start) = find_start(events, i) {
                    ids.extend(attrs.id.clone());
                    // Drop the attribute list from the following text.
                    if let Event::Text(t) = &events[i + 1] {
                        let rest = t[len..].to_string();
                        events[i + 1] = Event::Text(rest.into());
                    }
                    if is_image {
                        let html = image_html(&events[start..=i], &attrs);
                        events.splice(start..=i, [Event::InlineHtml(html.into())]);
                        i = start;
                    } else if let Event::Start(Tag::Link {
                        dest_url,
                        title,
                        link_type,
                        ..
                    }) = &events[start]
                    {
                        let html = link_open_html(*link_type, dest_url, title, &attrs);
                        events[start] = Event::InlineHtml(html.into());
                        events[i] = Event::InlineHtml("</a>".into());
                    }
                }
            }
        }
        i += 1;
    }
    events.retain(|e| !matches!(e, Event::Text(t) if t.is_empty()));
    ids
}

/// The index of the Start event matching the End at `end`.
fn find_start(events: &[Event], end: usize) -> Option<usize> {
    let mut depth = 0;
    for i in (0..end).rev() {
        match &events[i] {
            Event::End(_) => depth += 1,
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) if depth == 0 => return Some(i),
            Event::Start(_) => depth -= 1,
            _ => {}
        }
    }
    None
}

fn link_open_html(link_type: LinkType, dest: &CowStr, title: &CowStr, attrs: &Attrs) -> String {
    let mut href = String::new();
    if link_type == LinkType::Email {
        href.push_str("mailto:");
    }
    pulldown_cmark_escape::escape_href(&mut href, dest).expect("writing to a String cannot fail");
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

fn image_html(events: &[Event], attrs: &Attrs) -> String {
    let Event::Start(Tag::Image {
        dest_url, title, ..
    }) = &events[0]
    else {
        return String::new();
    };
    let alt: String = events[1..events.len() - 1]
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
