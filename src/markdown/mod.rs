//! Markdown to HTML: pulldown-cmark with our passes on top (heading ids and self-links,
//! highlighted code, GitHub alerts as admonitions, link rewriting and recording).

pub mod headings;
pub mod highlight;
pub mod page;
pub use page::announcement;
pub mod passages;
pub mod source_map;

use crate::diag::Span;
use crate::model::links::LinkTarget;
use crate::model::{urls, Page, Site};
use headings::{Heading, Ids};
use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

/// The rendered body of one page (or of a fragment such as a front-matter note).
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Every id an anchor can point at: headings, `{#id}` attributes and raw HTML ids.
    pub ids: HashSet<String>,
    /// Internal and broken links, in source order, for checking.
    pub links: Vec<Link>,
    pub has_h1: bool,
}

/// A link or image found in a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub dest: String,
    pub target: LinkTarget,
    /// Where the link is in the page's file (or in book.toml for the announcement).
    pub span: Span,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_GFM
}

/// Where a fragment of Markdown sits, so links resolve and diagnostics point right.
pub struct Origin<'a> {
    pub site: &'a Site,
    /// The page the HTML is written into (hrefs are made relative to its URL).
    pub page: &'a Page,
    /// The content path that relative links in the text are resolved from: the page's own
    /// path, or `index.md` for text from the configuration.
    pub resolve_from: &'a str,
    /// Maps a byte range of the parsed text to a span of the page's file.
    pub locate: &'a dyn Fn(std::ops::Range<usize>) -> Span,
}

/// Renders `markdown` as (part of) the page in `origin`. `ids` is shared between the
/// fragments of one page so that ids stay unique.
pub fn render(markdown: &str, origin: &Origin, ids: &mut Ids) -> Body {
    let mut body = Body::default();
    let mut events: Vec<Event> = Vec::new();
    let mut code: Option<(Option<String>, String)> = None;
    let mut heading: Option<(Tag, Vec<Event>)> = None;
    let mut footnotes = Footnotes::default();

    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        let event = match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().map(str::to_string)
                    }
                    CodeBlockKind::Indented => None,
                };
                code = Some((lang, String::new()));
                continue;
            }
            Event::Text(text) if code.is_some() => {
                if let Some((_, buffer)) = code.as_mut() {
                    buffer.push_str(&text);
                }
                continue;
            }
            Event::End(TagEnd::CodeBlock) => {
                let (lang, text) = code.take().unwrap_or_default();
                Event::Html(code_block(&text, lang.as_deref()).into())
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = link(&dest_url, range, origin, &mut body.links);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = link(&dest_url, range, origin, &mut body.links);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => Event::Html(alert_open(kind).into()),
            Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html("</div>\n".into()),
            Event::Html(ref html) | Event::InlineHtml(ref html) => {
                for id in raw_html_ids(html) {
                    ids.reserve(id);
                }
                event
            }
            // The default checkbox has no accessible name; say what its state means.
            Event::TaskListMarker(done) => Event::InlineHtml(
                if done {
                    "<input type=\"checkbox\" disabled checked aria-label=\"Done\"> "
                } else {
                    "<input type=\"checkbox\" disabled aria-label=\"Not done\"> "
                }
                .into(),
            ),
            Event::FootnoteReference(label) => {
                Event::InlineHtml(footnotes.reference(&label, ids).into())
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                footnotes.open = Some((label.to_string(), Vec::new()));
                continue;
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some(definition) = footnotes.open.take() {
                    footnotes.definitions.push(definition);
                }
                continue;
            }
            Event::Start(tag @ Tag::Heading { .. }) => {
                heading = Some((tag, Vec::new()));
                continue;
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((tag, inner)) = heading.take() {
                    finish_heading(tag, inner, ids, &mut body, &mut events);
                }
                continue;
            }
            other => other,
        };
        match (heading.as_mut(), footnotes.open.as_mut()) {
            (Some((_, inner)), _) => inner.push(event),
            (None, Some((_, definition))) => definition.push(event),
            (None, None) => events.push(event),
        }
    }
    footnotes.append_list(&mut events, ids);
    pulldown_cmark::html::push_html(&mut body.html, events.into_iter());
    body.ids = ids.taken().clone();
    body
}

fn finish_heading<'a>(
    tag: Tag<'a>,
    inner: Vec<Event<'a>>,
    ids: &mut Ids,
    body: &mut Body,
    events: &mut Vec<Event<'a>>,
) {
    let Tag::Heading {
        level,
        id,
        classes,
        attrs,
    } = tag
    else {
        return;
    };
    let text: String = inner
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let id = match id {
        Some(explicit) => {
            ids.reserve(&explicit);
            explicit.to_string()
        }
        None => ids.unique(&headings::slugify(&text)),
    };
    let level_number = level as u8;
    body.has_h1 |= level_number == 1;
    body.headings.push(Heading {
        level: level_number,
        id: id.clone(),
        text: text.trim().to_string(),
    });
    events.push(Event::Start(Tag::Heading {
        level,
        id: Some(CowStr::from(id.clone())),
        classes,
        attrs,
    }));
    events.extend(inner);
    events.push(Event::InlineHtml(
        format!(
            "<a class=\"headerlink\" href=\"#{}\" aria-label=\"Link to this section\">#</a>",
            escape(&id)
        )
        .into(),
    ));
    events.push(Event::End(TagEnd::Heading(level)));
}

/// Footnotes as MkDocs renders them: numbered in order of first reference, with
/// `fnref:LABEL`/`fn:LABEL` ids, and their definitions gathered at the end of the page.
#[derive(Default)]
struct Footnotes<'a> {
    /// Labels in order of first reference, with the number of references so far.
    referenced: Vec<(String, usize)>,
    open: Option<(String, Vec<Event<'a>>)>,
    definitions: Vec<(String, Vec<Event<'a>>)>,
}

impl<'a> Footnotes<'a> {
    fn reference(&mut self, label: &str, ids: &mut Ids) -> String {
        let index = match self.referenced.iter().position(|(l, _)| l == label) {
            Some(i) => i,
            None => {
                self.referenced.push((label.to_string(), 0));
                self.referenced.len() - 1
            }
        };
        let count = &mut self.referenced[index].1;
        *count += 1;
        let id = if *count == 1 {
            format!("fnref:{label}")
        } else {
            format!("fnref{count}:{label}")
        };
        ids.reserve(&id);
        format!(
            "<sup class=\"footnote-ref\" id=\"{}\"><a href=\"#fn:{}\">{}</a></sup>",
            escape(&id),
            escape(label),
            index + 1
        )
    }

    fn append_list(mut self, events: &mut Vec<Event<'a>>, ids: &mut Ids) {
        if self.definitions.is_empty() {
            return;
        }
        let number = |label: &str| {
            self.referenced
                .iter()
                .position(|(l, _)| l == label)
                .unwrap_or(usize::MAX)
        };
        self.definitions.sort_by_key(|(label, _)| number(label));
        events.push(Event::Html(
            "<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr />\n<ol>\n".into(),
        ));
        for (label, definition) in self.definitions {
            ids.reserve(&format!("fn:{label}"));
            events.push(Event::Html(
                format!("<li id=\"fn:{}\">\n", escape(&label)).into(),
            ));
            events.extend(definition);
            events.push(Event::Html(
                format!("<a class=\"footnote-backref\" href=\"#fnref:{}\" aria-label=\"Back to the text\">&#8617;</a>\n</li>\n", escape(&label)).into(),
            ));
        }
        events.push(Event::Html("</ol>\n</div>\n".into()));
    }
}

/// Resolves and records a link, returning the href to write.
fn link<'a>(
    dest: &CowStr<'a>,
    range: std::ops::Range<usize>,
    origin: &Origin,
    links: &mut Vec<Link>,
) -> CowStr<'a> {
    let target = origin.site.paths.resolve(origin.resolve_from, dest);
    let href = match &target {
        LinkTarget::External | LinkTarget::SamePage { .. } | LinkTarget::Missing { .. } => None,
        LinkTarget::Page {
            page,
            anchor,
            query,
        } => {
            let mut href = urls::relative_href(&origin.page.url, &origin.site.page(*page).url);
            if let Some(query) = query {
                href = format!("{href}?{query}");
            }
            if let Some(anchor) = anchor {
                href = format!("{href}#{anchor}");
            }
            Some(href)
        }
        LinkTarget::File { rel_path } => Some(urls::relative_href(&origin.page.url, rel_path)),
    };
    if target != LinkTarget::External {
        links.push(Link {
            dest: dest.to_string(),
            target,
            span: (origin.locate)(range),
        });
    }
    href.map_or_else(|| dest.clone(), CowStr::from)
}

fn code_block(text: &str, lang: Option<&str>) -> String {
    let class = lang
        .map(|l| format!(" class=\"language-{}\"", escape(&l.to_ascii_lowercase())))
        .unwrap_or_default();
    format!(
        "<div class=\"highlight\"><pre><code{class}>{}</code></pre></div>\n",
        highlight::highlight(text, lang)
    )
}

fn alert_open(kind: BlockQuoteKind) -> String {
    let (class, title) = match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    };
    admonition_open(class, title)
}

/// The opening markup of an admonition box; close it with `</div>`.
pub fn admonition_open(class: &str, title: &str) -> String {
    format!(
        "<div class=\"admonition {class}\">\n<p class=\"admonition-title\">{}</p>\n",
        escape(title)
    )
}

/// Values of `id="..."` attributes in a piece of raw HTML.
fn raw_html_ids(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices("id=").filter_map(move |(at, _)| {
        let before = html[..at].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            return None;
        }
        let rest = &html[at + 3..];
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let value = &rest[1..];
        value.find(quote).map(|end| &value[..end])
    })
}

/// Escapes text for HTML body text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

#[cfg(test)]
mod tests;
