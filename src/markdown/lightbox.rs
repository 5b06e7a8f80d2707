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
            // A link an attribute list wrote opens in one event and closes in another; a
            // heading's permalink opens and closes in one.
            Event::InlineHtml(html) if html.starts_with("<a ") || html.starts_with("</a>") => {
                links += html.matches("<a ").count();
                links = links.saturating_sub(html.matches("</a>").count());
            }
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
            // A block of the author's HTML, a line at a time: its images too, as the
            // plugin wraps every image of the page.
            Event::Html(html) => {
                if let Some(wrapped) = wrap_in_html(html, &mut links, &mut raw_text, settings) {
                    out.push(Event::Html(wrapped.into()));
                    continue;
                }
            }
            Event::InlineHtml(html) if links == 0 && html.starts_with("<img ") => {
                let src = attribute(html, "src").unwrap_or_default();
                let classes = attribute(html, "class").unwrap_or_default();
                let skipped = classes.split_whitespace().any(|class| {
                    class == "off-glb" || settings.skip_classes.iter().any(|s| s == class)
                });
                if !skipped && !src.is_empty() {
                    let title = attribute(html, "title")
                        .or_else(|| {
                            settings
                                .auto_caption
                                .then(|| attribute(html, "alt"))
                                .flatten()
                        })
                        .unwrap_or_default();
                    let open = link_open(&unescape(&src), &unescape(&title));
                    out.push(Event::InlineHtml(open.into()));
                    out.push(event);
                    out.push(Event::InlineHtml("</a>".into()));
                    continue;
                }
            }
            _ => {}
        }
        out.push(event);
    }
    *events = out;
}

/// `html` with each `<img>` outside a link (counted in `links`, which the HTML's own
/// links open and close) wrapped as a link to itself; `None` when none is. `raw_text` says
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
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect::<String>()
            .to_ascii_lowercase();
        match name.as_str() {
            "script" | "style" => *raw_text = true,
            "a" => *links += 1,
            "/a" => *links = links.saturating_sub(1),
            "img" if *links == 0 => {
                let value = |name: &str| raw_attribute(tag, name);
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
            _ => {}
        }
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&html[copied..]);
    Some(out)
}

/// The value of the attribute `name` of `tag` as an author writes it: in double quotes,
/// single quotes or none, the name in any case.
fn raw_attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find(name) {
        let at = from + found;
        from = at + name.len();
        let before = lower[..at].chars().next_back();
        let after = lower[from..].trim_start();
        if !before.is_some_and(char::is_whitespace) || !after.starts_with('=') {
            continue;
        }
        let value_at = tag.len() - after.len() + 1;
        let value = tag[value_at..].trim_start();
        return Some(match value.chars().next() {
            Some(quote @ ('"' | '\'')) => value[1..].split(quote).next().unwrap_or("").to_string(),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or("")
                .trim_end_matches('/')
                .to_string(),
        });
    }
    None
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

/// The value of `name="..."` in the tag `html`, as written (escaped).
fn attribute(html: &str, name: &str) -> Option<String> {
    let start = html.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_string())
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
        assert_eq!(
            raw_attribute("<img data-src=\"no\" src=\"yes\">", "src").as_deref(),
            Some("yes")
        );
        assert_eq!(
            raw_attribute("<img src = x.png/>", "src").as_deref(),
            Some("x.png")
        );
    }
}
