//! One line of inline Markdown rendered on its own, for the titles of admonitions and the
//! labels of content tabs (which the block pass writes as raw HTML).

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Starts the href of a link written in a title or label; the page renderer finds it in
/// the raw HTML, resolves the link like any other and writes a plain `href` back.
pub const LINK_MARKER: &str = "data-waymark-link href=\"";

/// `text` as inline HTML: emphasis, code, links and icon shortcodes, without a `<p>`.
pub fn render(text: &str) -> String {
    let text = text.trim();
    if !text.contains(['*', '_', '`', '[', '<', '&', ':', '\\', '~']) {
        return super::escape(text);
    }
    let events = Parser::new_ext(text, super::options()).filter_map(|event| match event {
        Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => None,
        Event::Start(Tag::Link {
            dest_url, title, ..
        }) => {
            let title = if title.is_empty() {
                String::new()
            } else {
                format!(" title=\"{}\"", super::escape(&title))
            };
            Some(Event::InlineHtml(
                format!("<a {LINK_MARKER}{}\"{title}>", super::escape(&dest_url)).into(),
            ))
        }
        Event::End(TagEnd::Link) => Some(Event::InlineHtml("</a>".into())),
        Event::Text(text) => Some(match super::icons::replace(&text, None) {
            Some(html) => Event::InlineHtml(html.into()),
            None => Event::Text(text),
        }),
        other => Some(other),
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html.trim_end().to_string()
}

/// The plain text of `text` (markup dropped), for attributes such as `data-tab-label`.
pub fn plain(text: &str) -> String {
    let text = text.trim();
    if !text.contains(['*', '_', '`', '[', '<', '&', '\\', '~']) {
        return text.to_string();
    }
    Parser::new_ext(text, super::options())
        .filter_map(|event| match event {
            Event::Text(t) | Event::Code(t) => Some(t.to_string()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup_without_a_paragraph() {
        assert_eq!(
            render("Use `pip` *now*"),
            "Use <code>pip</code> <em>now</em>"
        );
        assert_eq!(render("A & B"), "A &amp; B");
        assert_eq!(plain("Use `pip` *now*"), "Use pip now");
    }
}
