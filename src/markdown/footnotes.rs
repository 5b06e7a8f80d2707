//! Footnotes as Python-Markdown's `footnotes` extension writes them, which MkDocs themes
//! and projects' stylesheets expect: `fnref:LABEL`/`fn:LABEL` ids, a link back for each
//! reference, and the definitions gathered in a `div.footnote` at the end of the page (or
//! where the `PLACE_MARKER` paragraph stands), with the extension's options applied.

use super::escape;
use super::headings::Ids;
use crate::config::extensions::FootnoteOptions;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::HashMap;

/// A referenced label's place in order of first reference, and its references so far.
struct Reference {
    place: usize,
    count: usize,
}

/// The footnotes of one rendered fragment, collected while its events are read.
pub struct Footnotes<'a, 'o> {
    options: &'o FootnoteOptions,
    /// The labels of the references written so far whose number (in definition order) is
    /// a placeholder until [`Footnotes::finish`], which has read every definition.
    pending: Vec<String>,
    /// Each referenced label's place in order of first reference, and its references so
    /// far. Maps, so that a page with thousands of notes costs linear time.
    referenced: HashMap<String, Reference>,
    /// The definition being read.
    pub open: Option<(String, Vec<Event<'a>>)>,
    definitions: Vec<(String, Vec<Event<'a>>)>,
}

impl<'a, 'o> Footnotes<'a, 'o> {
    pub fn new(options: &'o FootnoteOptions) -> Self {
        Footnotes {
            options,
            pending: Vec::new(),
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

    /// The HTML of a reference to `label`.
    pub fn reference(&mut self, label: &str, ids: &mut Ids) -> String {
        let next_place = self.referenced.len();
        let reference = self
            .referenced
            .entry(label.to_string())
            .or_insert(Reference {
                place: next_place,
                count: 0,
            });
        reference.count += 1;
        let (place, count) = (reference.place, reference.count);
        let id = self.id("fnref", count, label);
        ids.reserve(&id);
        // In definition order the number is known once every definition is read.
        let number = if self.options.use_definition_order {
            self.pending.push(label.to_string());
            placeholder(self.pending.len() - 1)
        } else {
            (place + 1).to_string()
        };
        let shown = self.options.superscript_text.replace("{}", &number);
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
        if !self.pending.is_empty() {
            // Definitions and the references inside them are numbered with the rest.
            let numbers = self.numbers_in_definition_order();
            fill_numbers(events, &numbers);
            for (_, definition) in &mut self.definitions {
                fill_numbers(definition, &numbers);
            }
        }
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

    /// The number of each pending reference in definition order, `None` for a label
    /// without a definition.
    fn numbers_in_definition_order(&self) -> Vec<Option<usize>> {
        let mut numbers: HashMap<&str, usize> = HashMap::new();
        for (label, _) in &self.definitions {
            let next = numbers.len() + 1;
            numbers.entry(label.as_str()).or_insert(next);
        }
        let number = |label: &String| numbers.get(label.as_str()).copied();
        self.pending.iter().map(number).collect()
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

/// Marks where the `k`th pending reference's number goes. Pages and snippets holding a
/// NUL are refused, so no text of the page can look like this.
fn placeholder(k: usize) -> String {
    format!("\0{k}\0")
}

/// Writes the numbers of the pending references in place of their placeholders.
fn fill_numbers(events: &mut [Event], numbers: &[Option<usize>]) {
    for event in events {
        let (Event::InlineHtml(html) | Event::Html(html)) = event else {
            continue;
        };
        if !html.contains('\0') {
            continue;
        }
        let mut filled = String::with_capacity(html.len());
        let mut parts = html.split('\0');
        filled.push_str(parts.next().unwrap_or_default());
        while let (Some(k), Some(rest)) = (parts.next(), parts.next()) {
            let number = k
                .parse::<usize>()
                .ok()
                .and_then(|k| numbers.get(k).copied().flatten());
            if let Some(number) = number {
                filled.push_str(&number.to_string());
            }
            filled.push_str(rest);
        }
        *html = filled.into();
    }
}
