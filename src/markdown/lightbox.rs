//! Images that open enlarged (Material's glightbox plugin): each image of a page's
//! Markdown that is not already a link becomes a link to itself, `<a class="glightbox">`.
//! Without JavaScript the link opens the image at full size; the theme's script shows it
//! in a dialog over the page instead.

use super::{find_ascii_case_insensitive, push_escaped, unescape};
use crate::config::Lightbox;
use pulldown_cmark::{Event, Tag, TagEnd};

/// Wraps the images among `events` that are not inside a link, and whose classes
/// (from an attribute list) are none of `settings.skip_classes` nor `off-glb`. With
/// `auto_caption`, an image without a title is captioned with its text.
pub fn wrap(events: &mut Vec<Event>, settings: &Lightbox) {
    let mut out: Vec<Event> = Vec::with_capacity(events.len() + 8);
    // Links open around the events seen so far (Markdown links, and those an attribute
    // list wrote as HTML).
    let mut links = 0usize;
    // Where the link of the image being read goes in `out`, until the image's end.
    let mut image_at: Option<usize> = None;
    // Inside a script or style element of the author's HTML, whose text is no markup.
    let mut raw_text = false;
    for event in events.drain(..) {
        match &event {
            Event::Start(Tag::Link { .. }) => links += 1,
            Event::End(TagEnd::Link) => links = links.saturating_sub(1),
            Event::Start(Tag::Image { .. }) if links == 0 && image_at.is_none() => {
                // Filled in at the image's end, when its text is known.
                image_at = Some(out.len());
                out.push(Event::InlineHtml("".into()));
            }
            Event::End(TagEnd::Image) if image_at.is_some() => {
                let at = image_at.take().unwrap_or_default();
                if let Event::Start(Tag::Image {
                    dest_url, title, ..
                }) = &out[at + 1]
                {
                    let caption = match title.is_empty() && settings.auto_caption {
                        true => text_of(&out[at + 2..]),
                        false => title.to_string(),
                    };
                    out[at] = Event::InlineHtml(link_open(dest_url, &caption).into());
                }
                out.push(event);
                out.push(Event::InlineHtml("</a>".into()));
                continue;
            }
            // HTML: the author's (a block a line at a time, or inline), and what the
            // attribute lists wrote. Its links count (one an attribute list wrote opens in
            // one event and closes in another; a heading's permalink opens and closes in
            // one), and its images are wrapped too, as the plugin wraps every image of
            // the page.
            Event::Html(html) | Event::InlineHtml(html) => {
                if let Some(wrapped) = wrap_in_html(html, &mut links, &mut raw_text, settings) {
                    out.push(match event {
                        Event::Html(_) => Event::Html(wrapped.into()),
                        _ => Event::InlineHtml(wrapped.into()),
                    });
                    continue;
                }
            }
            _ => {}
        }
        out.push(event);
    }
    *events = out;
}

/// `html` (a piece of raw HTML) with each `<img>` outside a link (counted in `links`,
/// which the HTML's own links open and close) wrapped as a link to itself, its attributes
/// read in any quoting; `None` when none is. `raw_text` says
/// whether a script or style element is open (its text is skipped), before and after.
fn wrap_in_html(
    html: &str,
    links: &mut usize,
    raw_text: &mut bool,
    settings: &Lightbox,
) -> Option<String> {
    let mut out = String::new();
    let mut copied = 0;
    let mut rest_at = 0;
    loop {
        if *raw_text {
            let close = ["</script", "</style"]
                .iter()
                .filter_map(|close| find_ascii_case_insensitive(&html[rest_at..], close))
                .min();
            let Some(close) = close else {
                break;
            };
            *raw_text = false;
            rest_at += close + 2;
        }
        let Some(found) = html[rest_at..].find('<') else {
            break;
        };
        let start = rest_at + found;
        let end = html[start..]
            .find('>')
            .map_or(html.len(), |e| start + e + 1);
        let tag = &html[start..end];
        rest_at = end;
        let name_end = tag[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '/'))
            .map_or(tag.len(), |end| end + 1);
        let name = &tag[1..name_end];
        let is = |wanted: &str| name.eq_ignore_ascii_case(wanted);
        if is("script") || is("style") {
            *raw_text = true;
        } else if is("a") {
            *links += 1;
        } else if is("/a") {
            *links = links.saturating_sub(1);
        } else if is("img") && *links == 0 {
            let value = |wanted: &str| {
                crate::html::Attributes::new(&tag[name_end..])
                    .find(|(name, _)| name.eq_ignore_ascii_case(wanted))
                    .map(|(_, value)| value.to_string())
            };
            let classes = value("class").unwrap_or_default();
            let skipped = classes.split_whitespace().any(|class| {
                class == "off-glb" || settings.skip_classes.iter().any(|s| s == class)
            });
            let src = value("src").unwrap_or_default();
            if skipped || src.is_empty() {
                continue;
            }
            let title = value("title")
                .or_else(|| settings.auto_caption.then(|| value("alt")).flatten())
                .unwrap_or_default();
            out.push_str(&html[copied..start]);
            out.push_str(&link_open(&unescape(&src), &unescape(&title)));
            out.push_str(tag);
            out.push_str("</a>");
            copied = end;
        }
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&html[copied..]);
    Some(out)
}

/// The text of an image's events (its alternative text).
fn text_of(events: &[Event]) -> String {
    events
        .iter()
        .filter_map(|event| match event {
            Event::Text(text) | Event::Code(text) => Some(text.as_ref()),
            _ => None,
        })
        .collect()
}

/// The opening tag of an image's link to itself.
fn link_open(src: &str, title: &str) -> String {
    // `escape_href` percent-encodes quotes and writes `&` as `&amp;`: ready for the attribute.
    let mut html = String::from("<a class=\"glightbox\" href=\"");
    pulldown_cmark_escape::escape_href(&mut html, src).expect("writing to a String cannot fail");
    html.push('"');
    if !title.is_empty() {
        html.push_str(" data-title=\"");
        push_escaped(&mut html, title);
        html.push('"');
    }
    html.push('>');
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{CowStr, LinkType};

    fn image(src: &str) -> [Event<'static>; 3] {
        [
            Event::Start(Tag::Image {
                link_type: LinkType::Inline,
                dest_url: CowStr::from(src.to_string()),
                title: CowStr::from(""),
                id: CowStr::from(""),
            }),
            Event::Text("alt".into()),
            Event::End(TagEnd::Image),
        ]
    }

    fn html(events: &[Event]) -> String {
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, events.iter().cloned());
        out
    }

    #[test]
    fn images_become_links_to_themselves_unless_already_links_or_skipped() {
        let settings = Lightbox {
            skip_classes: vec!["plain".into()],
            auto_caption: false,
        };
        let mut events: Vec<Event> = vec![
            Event::InlineHtml("<a class=\"headerlink\" href=\"#h\">#</a>".into()),
            Event::Start(Tag::Paragraph),
        ];
        events.extend(image("shot one.png"));
        events.push(Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: "page/".into(),
            title: "".into(),
            id: "".into(),
        }));
        events.extend(image("in-link.png"));
        events.push(Event::End(TagEnd::Link));
        events.push(Event::InlineHtml(
            "<img src=\"a&amp;b.png\" alt=\"x\" class=\"wide\" title=\"T &quot;q&quot; it&#39;s\" />".into(),
        ));
        events.push(Event::InlineHtml(
            "<img src=\"skip.png\" alt=\"x\" class=\"plain\" />".into(),
        ));
        events.push(Event::InlineHtml(
            "<img src=\"off.png\" alt=\"x\" class=\"off-glb\" />".into(),
        ));
        events.push(Event::End(TagEnd::Paragraph));
        wrap(&mut events, &settings);
        assert_eq!(
            html(&events),
            "<a class=\"headerlink\" href=\"#h\">#</a>\n<p><a class=\"glightbox\" href=\"shot%20one.png\"><img src=\"shot%20one.png\" alt=\"alt\" /></a>\
             <a href=\"page/\"><img src=\"in-link.png\" alt=\"alt\" /></a>\
             <a class=\"glightbox\" href=\"a&amp;b.png\" data-title=\"T &quot;q&quot; it&#39;s\"><img src=\"a&amp;b.png\" alt=\"x\" class=\"wide\" title=\"T &quot;q&quot; it&#39;s\" /></a>\
             <img src=\"skip.png\" alt=\"x\" class=\"plain\" /><img src=\"off.png\" alt=\"x\" class=\"off-glb\" /></p>\n"
        );
    }

    #[test]
    fn images_in_blocks_of_html_are_wrapped_too() {
        let settings = Lightbox {
            skip_classes: vec!["plain".into()],
            auto_caption: true,
        };
        // An HTML block as pulldown-cmark gives it: a line at a time.
        let block = |lines: &[&'static str]| -> Vec<Event<'static>> {
            lines
                .iter()
                .map(|line| Event::Html((*line).into()))
                .collect()
        };
        let mut events = block(&[
            "<p align=\"center\">\n",
            "  <img src='img/a b.png' width=300 alt=\"The A\"><IMG SRC=img/c.png>\n",
            "  <a href=\"x/\">\n",
            "    <img src=\"in-link.png\">\n",
            "  </a><img class=\"plain wide\" src=\"skip.png\"><img src=\"\">\n",
            "</p>\n",
        ]);
        wrap(&mut events, &settings);
        assert_eq!(
            html(&events),
            "<p align=\"center\">\n  <a class=\"glightbox\" href=\"img/a%20b.png\" data-title=\"The A\"><img src='img/a b.png' width=300 alt=\"The A\"></a><a class=\"glightbox\" href=\"img/c.png\"><IMG SRC=img/c.png></a>\n  <a href=\"x/\">\n    <img src=\"in-link.png\">\n  </a><img class=\"plain wide\" src=\"skip.png\"><img src=\"\">\n</p>\n"
        );
        // A script's text is not markup, over several lines too.
        let mut events = block(&[
            "<script>\n",
            "el.innerHTML = '<img src=\"x.png\">';\n",
            "</script><img src=\"after.png\">\n",
        ]);
        wrap(&mut events, &settings);
        assert_eq!(
            html(&events),
            "<script>\nel.innerHTML = '<img src=\"x.png\">';\n</script><a class=\"glightbox\" href=\"after.png\"><img src=\"after.png\"></a>\n"
        );
        // The attribute named `src`, not one ending so or a value holding `src=`; spaces
        // around `=`.
        let mut events =
            block(&["<img data-src=\"no\" alt=\"a src=no\" src=\"yes\"><img src = x.png />\n"]);
        wrap(&mut events, &settings);
        assert_eq!(
            html(&events),
            "<a class=\"glightbox\" href=\"yes\" data-title=\"a src=no\"><img data-src=\"no\" alt=\"a src=no\" src=\"yes\"></a><a class=\"glightbox\" href=\"x.png\"><img src = x.png /></a>\n"
        );
    }

    #[test]
    fn inline_html_images_are_read_as_block_ones() {
        // An `<img>` written inline, in any quoting, as one in a block.
        let settings = Lightbox::default();
        let mut events = vec![
            Event::Start(Tag::Paragraph),
            Event::InlineHtml("<img src='a.png' width=20>".into()),
            Event::End(TagEnd::Paragraph),
        ];
        wrap(&mut events, &settings);
        assert_eq!(
            html(&events),
            "<p><a class=\"glightbox\" href=\"a.png\"><img src='a.png' width=20></a></p>\n"
        );
    }
}
