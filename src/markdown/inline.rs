//! Inline Markdown rendered on its own, for the titles of admonitions, the labels of
//! content tabs and the content of `markdown="span"` elements (which the block pass writes
//! as raw HTML).

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Starts the href of a link written in a title or label; the page renderer finds it in
/// the raw HTML, resolves the link like any other and writes a plain `href` back.
pub const LINK_MARKER: &str = "data-waymark-link href=\"";

/// `text` as inline HTML: emphasis, code, links and icon shortcodes, without a `<p>`.
pub fn render(text: &str) -> String {
    render_inline(text, false)
}

/// The content of an element with `markdown="span"`: inline HTML as [`render`] writes
/// it, with attribute lists applied as in a paragraph (`![a](b.png){ width="500" }`).
pub fn render_span(text: &str) -> String {
    render_inline(text, true)
}

fn render_inline(text: &str, attribute_lists: bool) -> String {
    let text = text.trim();
    if !text.contains(['*', '_', '`', '[', '<', '&', ':', '\\', '~']) {
        return super::escape(text);
    }
    let events = Parser::new_ext(text, super::options()).map(|event| match event {
        Event::Start(Tag::Link {
            dest_url, title, ..
        }) => {
            let title = if title.is_empty() {
                String::new()
            } else {
                format!(" title=\"{}\"", super::escape(&title))
            };
            Event::InlineHtml(
                format!("<a {LINK_MARKER}{}\"{title}>", super::escape(&dest_url)).into(),
            )
        }
        Event::End(TagEnd::Link) => Event::InlineHtml("</a>".into()),
        Event::Text(text) => match super::icons::replace(&text, None) {
            Some(html) => Event::InlineHtml(html.into()),
            None => Event::Text(text),
        },
        other => other,
    });
    let mut events = if attribute_lists {
        // The pass reads whole paragraphs, their text merged.
        let mut events = super::merge_text(events.collect(), false);
        super::attr_list::apply(&mut events);
        events
    } else {
        events.collect()
    };
    events.retain(|event| {
        !matches!(
            event,
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
        )
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
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
