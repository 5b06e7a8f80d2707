//! Footnotes as Python-Markdown's `footnotes` extension writes them, which MkDocs themes
//! and projects' stylesheets expect: `fnref:LABEL`/`fn:LABEL` ids, a link back for each
//! reference, and the definitions gathered in a `div.footnote` at the end of the page (or
//! where the `PLACE_MARKER` paragraph stands), with the extension's options applied.

use super::escape;
use super::headings::Ids;
use crate::config::extensions::FootnoteOptions;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::collections::HashMap;

/// A referenced label's place in order of first reference, and its references so far.
struct Reference {
    place: usize,
    count: usize,
}

/// The footnotes of one rendered fragment, collected while its events are read.
pub struct Footnotes<'a, 'o> {
    options: &'o FootnoteOptions,
    /// Each label's place in definition order, when the numbers follow it (found before
    /// reading).
    defined: HashMap<String, usize>,
    /// Each referenced label's place in order of first reference, and its references so
    /// far. Maps, so that a page with thousands of notes costs linear time.
    referenced: HashMap<String, Reference>,
    /// The definition being read.
    pub open: Option<(String, Vec<Event<'a>>)>,
    definitions: Vec<(String, Vec<Event<'a>>)>,
}

impl<'a, 'o> Footnotes<'a, 'o> {
    /// Footnotes for `markdown`; numbered in definition order, its definitions' labels are
    /// looked up first (a second parse, only for text that has a footnote).
    pub fn new(markdown: &str, options: &'o FootnoteOptions) -> Self {
        let mut defined = HashMap::new();
        if options.use_definition_order && markdown.contains("[^") {
            let labels =
                Parser::new_ext(markdown, super::options()).filter_map(|event| match event {
                    Event::Start(Tag::FootnoteDefinition(label)) => Some(label.to_string()),
                    _ => None,
                });
            for label in labels {
                let place = defined.len();
                defined.entry(label).or_insert(place);
            }
        }
        Footnotes {
            options,
            defined,
            referenced: HashMap::new(),
            open: None,
            definitions: Vec::new(),
        }
    }

    /// An id of the footnote `label`: `fn` or (with `kind` `fnref`) of its `count`th
    /// reference.
    fn id(&self, kind: &str, count: usize, label: &str) -> String {
        let kind = if count > 1 {
            format!("{kind}{count}")
        } else {
            kind.to_string()
        };
        // UNIQUE_IDS numbers each document converted; MkDocs converts each page with a new
        // Markdown instance, whose number is then 2.
        let unique = if self.options.unique_ids { "2-" } else { "" };
        format!("{kind}{}{unique}{label}", self.options.separator)
    }

    /// The number shown for `label`.
    fn number(&self, label: &str) -> usize {
        let place = if self.options.use_definition_order {
            self.defined.get(label).copied()
        } else {
            self.referenced.get(label).map(|r| r.place)
        };
        place.map_or(usize::MAX, |p| p + 1)
    }

    /// The HTML of a reference to `label`.
    pub fn reference(&mut self, label: &str, ids: &mut Ids) -> String {
        let place = self.referenced.len();
        let reference = self
            .referenced
            .entry(label.to_string())
            .or_insert(Reference { place, count: 0 });
        reference.count += 1;
        let count = reference.count;
        let id = self.id("fnref", count, label);
        ids.reserve(&id);
        let shown = self
            .options
            .superscript_text
            .replace("{}", &self.number(label).to_string());
        format!(
            "<sup id=\"{}\"><a class=\"footnote-ref\" href=\"#{}\">{}</a></sup>",
            escape(&id),
            escape(&self.id("fn", 1, label)),
            escape(&shown)
        )
    }

    /// Ends the definition being read.
    pub fn close(&mut self) {
        if let Some(definition) = self.open.take() {
            self.definitions.push(definition);
        }
    }

    /// Writes the list of footnotes in place of the paragraph that holds the place marker,
    /// or at the end of `events`.
    pub fn finish(mut self, events: &mut Vec<Event<'a>>, ids: &mut Ids) {
        if self.definitions.is_empty() {
            return;
        }
        if !self.options.use_definition_order {
            // Referenced ones in order of first reference, then the others.
            let referenced = &self.referenced;
            self.definitions
                .sort_by_key(|(label, _)| referenced.get(label).map_or(usize::MAX, |r| r.place));
        }
        let mut list = vec![Event::Html(
            "<div class=\"footnote\">\n<hr />\n<ol>\n".into(),
        )];
        let definitions = std::mem::take(&mut self.definitions);
        for (position, (label, mut definition)) in definitions.into_iter().enumerate() {
            let id = self.id("fn", 1, &label);
            ids.reserve(&id);
            list.push(Event::Html(format!("<li id=\"{}\">\n", escape(&id)).into()));
            let back = self.links_back(&label, position + 1);
            // The links back end the last paragraph, or make one of their own.
            if matches!(definition.last(), Some(Event::End(TagEnd::Paragraph))) {
                let end = definition.pop();
                definition.push(Event::InlineHtml(format!("&#160;{back}").into()));
                definition.extend(end);
                list.extend(definition);
            } else {
                list.extend(definition);
                list.push(Event::Html(format!("<p>{back}</p>\n").into()));
            }
            list.push(Event::Html("</li>\n".into()));
        }
        list.push(Event::Html("</ol>\n</div>\n".into()));
        match self.marker_paragraph(events) {
            Some(range) => {
                events.splice(range, list);
            }
            None => events.extend(list),
        }
    }

    /// One link back for each reference to `label` (one even if there is none), the
    /// footnote being the `position`th in the list.
    fn links_back(&self, label: &str, position: usize) -> String {
        let references = self.referenced.get(label).map_or(1, |r| r.count.max(1));
        let title = self
            .options
            .backlink_title
            .replace("{}", &position.to_string());
        (1..=references)
            .map(|count| {
                format!(
                    "<a class=\"footnote-backref\" href=\"#{}\" title=\"{}\" aria-label=\"Back to the text\">{}</a>",
                    escape(&self.id("fnref", count, label)),
                    escape(&title),
                    // Raw HTML, as the extension writes it (the default is an entity).
                    self.options.backlink_text
                )
            })
            .collect()
    }

    /// The events of the first paragraph whose text holds the place marker.
    fn marker_paragraph(&self, events: &[Event]) -> Option<std::ops::Range<usize>> {
        let marker = self.options.place_marker.as_str();
        if marker.is_empty() {
            return None;
        }
        let mut start = None;
        let mut text = String::new();
        for (i, event) in events.iter().enumerate() {
            match event {
                Event::Start(Tag::Paragraph) => {
                    start = Some(i);
                    text.clear();
                }
                Event::Text(t) if start.is_some() => text.push_str(t),
                Event::End(TagEnd::Paragraph) => {
                    if let Some(start) = start.take().filter(|_| text.contains(marker)) {
                        return Some(start..i + 1);
                    }
                }
                _ => {}
            }
        }
        None
    }
}
