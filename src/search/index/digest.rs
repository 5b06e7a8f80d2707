//! A page's indexed text in reading order, as Pagefind 1.6.0 reads it out of HTML
//! (`fossick/parser.rs`): block elements end sentences, headings and weighted parts are
//! wrapped in weight markers, elements with an id leave an anchor marker. Waymark knows
//! the title, description and tags as values; only the body's HTML (which Waymark's own
//! renderer wrote) is walked, once, from left to right.

use crate::markdown::SELF_LINK_OPEN;
use std::collections::BTreeMap;

/// Elements that end a sentence: a space before, a full stop after unless the text
/// already ends in punctuation.
fn ends_sentence(name: &str) -> bool {
    matches!(
        name,
        "h1" | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "p"
            | "td"
            | "div"
            | "ul"
            | "li"
            | "article"
            | "section"
    )
}

/// Elements whose text counts towards the anchor text of the element around them.
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "acronym"
            | "b"
            | "bdo"
            | "big"
            | "br"
            | "button"
            | "cite"
            | "code"
            | "dfn"
            | "em"
            | "i"
            | "img"
            | "input"
            | "kbd"
            | "label"
            | "map"
            | "object"
            | "output"
            | "q"
            | "samp"
            | "script"
            | "select"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "textarea"
            | "time"
            | "tt"
            | "var"
    )
}

/// Elements whose text is never indexed.
fn is_ignored(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "style"
            | "script"
            | "noscript"
            | "label"
            | "form"
            | "svg"
            | "footer"
            | "nav"
            | "iframe"
            | "template"
    )
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements whose content is text up to their end tag, never markup.
fn is_raw_text(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "textarea" | "title" | "xmp" | "iframe" | "noembed" | "noframes"
    )
}

/// The longest anchor text kept, in bytes (an anchor's text names a sub-result, and
/// nested anchors would otherwise hold the square of their text). Pagefind keeps it
/// whole; no real heading comes near.
const MAX_ANCHOR_TEXT: usize = 2_000;

pub const WEIGHT_MARKER: &str = "___PAGEFIND_WEIGHT___";
pub const AUTO_WEIGHT_MARKER: &str = "___PAGEFIND_AUTO_WEIGHT___";
pub const END_WEIGHT_MARKER: &str = "___END_PAGEFIND_WEIGHT___";
pub const ANCHOR_MARKER: &str = "___PAGEFIND_ANCHOR___";

/// How much an element's words weigh.
#[derive(Clone, Copy)]
pub enum Weight {
    /// Set on the element (`data-pagefind-weight`), from 0 to 10.
    Explicit(f64),
    /// None: a heading's default, unless it is inside an explicitly weighted element.
    Default,
}

/// What the walk collects: the text (still HTML-escaped) with its markers, the raw text
/// of each element with an id, the first image (Pagefind's `image` metadata).
#[derive(Default)]
pub struct Digest {
    pub text: String,
    pub anchor_text: BTreeMap<usize, String>,
    pub image: Option<(String, String)>,
    anchors: usize,
    open: Vec<Open>,
}

struct Open {
    name: String,
    /// Where the element's markers and text start in [`Digest::text`].
    start: usize,
    /// Its text is dropped at its end (ignored or excluded itself, not only inside such an
    /// element).
    dropped: bool,
    /// It and everything inside it leave no trace (`data-pagefind-ignore="all"`).
    excluded: bool,
    weighted: bool,
    /// The anchor of the element, when it has an id.
    anchor: Option<usize>,
    /// The nearest open element with an anchor whose text this element's text also is
    /// (inline elements add to the anchor text of the elements around them), by its
    /// place in [`Digest::open`]: a chain rather than a list per element, so that deep
    /// nesting costs no more than the anchors it passes text to.
    outer_anchor: Option<usize>,
}

/// The attributes of a start tag that matter to the index.
#[derive(Default)]
pub struct Attributes<'a> {
    pub id: Option<&'a str>,
    pub weight: Option<Weight>,
    pub ignore: Option<&'a str>,
    pub src: Option<&'a str>,
    pub alt: Option<&'a str>,
}

impl Digest {
    /// Opens `name`; its text follows until [`Digest::close`].
    pub fn open(&mut self, name: &str, attributes: &Attributes) {
        let parent_excluded = self.open.last().is_some_and(|o| o.excluded);
        let (own_ignore, excluded) = match attributes.ignore.map(str::to_ascii_lowercase) {
            None => (false, parent_excluded),
            Some(value) if matches!(value.as_str(), "" | "index" | "true") => {
                (true, parent_excluded)
            }
            Some(_) => (false, true),
        };
        let mut anchor = None;
        if !own_ignore && !excluded {
            if let Some(id) = attributes.id {
                let id: String = id.chars().filter(|c| !c.is_whitespace()).collect();
                let number = self.anchors;
                self.anchors += 1;
                self.text
                    .push_str(&format!(" {ANCHOR_MARKER}{name}:{number}:{id} "));
                anchor = Some(number);
            }
        }
        if name == "br" && !excluded {
            self.text.push(' ');
        }
        if name == "img" && !excluded && self.image.is_none() {
            if let Some(src) = attributes.src {
                self.image = Some((src.to_string(), attributes.alt.unwrap_or("").to_string()));
            }
        }
        if is_void(name) {
            return;
        }
        let outer_anchor = match self.open.last() {
            Some(parent) if is_inline(name) => {
                let parent_place = self.open.len() - 1;
                parent.anchor.map(|_| parent_place).or(parent.outer_anchor)
            }
            _ => None,
        };
        let start = self.text.len();
        let weight = attributes.weight.or_else(|| {
            name.strip_prefix('h')
                .filter(|level| matches!(*level, "1" | "2" | "3" | "4" | "5" | "6"))
                .map(|_| Weight::Default)
        });
        match weight {
            Some(Weight::Explicit(weight)) => {
                self.text
                    .push_str(&format!(" {WEIGHT_MARKER}{} ", format_weight(weight)));
            }
            Some(Weight::Default) => {
                // Pagefind's heading weights: h1 7, h2 6, down to h6 2.
                let level: u8 = name[1..].parse().unwrap_or(6);
                self.text
                    .push_str(&format!(" {AUTO_WEIGHT_MARKER}{} ", 8 - level));
            }
            None => {}
        }
        if ends_sentence(name) {
            self.text.push(' ');
        }
        self.open.push(Open {
            name: name.to_string(),
            start,
            dropped: own_ignore || excluded || is_ignored(name),
            excluded,
            weighted: weight.is_some(),
            anchor,
            outer_anchor,
        });
    }

    /// The text of the innermost open element, HTML-escaped as it is in the page.
    pub fn text(&mut self, text: &str) {
        self.text.push_str(text);
        let Some(innermost) = self.open.last() else {
            return;
        };
        // Only the text of elements that are indexed themselves.
        if innermost.dropped {
            return;
        }
        let top = self.open.len() - 1;
        let mut next = innermost.anchor.map(|_| top).or(innermost.outer_anchor);
        while let Some(place) = next {
            let open = &self.open[place];
            if let Some(anchor) = open.anchor {
                let anchor_text = self.anchor_text.entry(anchor).or_default();
                // An outer anchor holds all the text of an inner one: once one is full,
                // so are those around it.
                if anchor_text.len() >= MAX_ANCHOR_TEXT {
                    break;
                }
                anchor_text.push_str(text);
                if anchor_text.len() > MAX_ANCHOR_TEXT {
                    let mut end = MAX_ANCHOR_TEXT;
                    while !anchor_text.is_char_boundary(end) {
                        end -= 1;
                    }
                    anchor_text.truncate(end);
                }
            }
            next = open.outer_anchor;
        }
    }

    /// Closes the innermost element named `name` and those inside it; an end tag with no
    /// open element is ignored, as browsers do.
    pub fn close(&mut self, name: &str) {
        let Some(depth) = self.open.iter().rposition(|o| o.name == name) else {
            return;
        };
        while self.open.len() > depth {
            let open = self.open.pop().expect("depth is within the open elements");
            self.end(open);
        }
    }

    fn end(&mut self, open: Open) {
        if open.dropped {
            // Its text goes, together with the markers it opened with.
            self.text.truncate(open.start);
            return;
        }
        if ends_sentence(&open.name) {
            if self
                .text
                .chars()
                .last()
                .is_some_and(ends_sentence_without_stop)
            {
                self.text.push('.');
            }
            self.text.push(' ');
        }
        if open.weighted {
            self.text.push_str(&format!(" {END_WEIGHT_MARKER} "));
        }
    }

    /// Closes whatever is still open (HTML that forgot its end tags).
    pub fn finish(mut self) -> Self {
        while let Some(open) = self.open.pop() {
            self.end(open);
        }
        self
    }
}

/// Pagefind's test (`[\w'")$*]`) for text that a block element ends with a full stop.
fn ends_sentence_without_stop(c: char) -> bool {
    c.is_alphanumeric()
        || super::words::WORD_SYMBOLS.contains(&c)
        || unicode_normalization::char::is_combining_mark(c)
        || matches!(c, '\'' | '"' | ')' | '$' | '*')
}

/// A weight as Pagefind reads it from an attribute: two decimals at most, 0 to 10.
pub fn format_weight(weight: f64) -> String {
    let clamped = weight.clamp(0.0, 10.0);
    format!("{}", (clamped * 100.0).round() / 100.0)
}

/// Walks `html` (a page body written by Waymark's Markdown renderer, with whatever raw
/// HTML its author added) into `digest`, leaving out heading self-links. Headings get
/// `heading_weight(level)` when it is given (a page's `boost`).
pub fn walk(html: &str, digest: &mut Digest, heading_weight: &dyn Fn(u8) -> Option<f64>) {
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        if lt > 0 {
            digest.text(&rest[..lt]);
        }
        rest = &rest[lt..];
        if rest.starts_with(SELF_LINK_OPEN) {
            rest = rest
                .find("</a>")
                .map_or("", |end| &rest[end + "</a>".len()..]);
        } else if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
        } else if let Some(end_tag) = rest.strip_prefix("</") {
            let end = end_tag.find('>').map_or(end_tag.len(), |end| end + 1);
            let name = tag_name(end_tag);
            digest.close(&name);
            rest = &end_tag[end..];
        } else if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            rest = start_tag(rest, digest, heading_weight);
        } else if rest[1..].starts_with(['!', '?']) {
            rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
        } else {
            digest.text("<");
            rest = &rest[1..];
        }
    }
    if !rest.is_empty() {
        digest.text(rest);
    }
}

fn tag_name(text: &str) -> String {
    text.split(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Reads the start tag at the start of `html` into `digest`; returns what follows it.
fn start_tag<'a>(
    html: &'a str,
    digest: &mut Digest,
    heading_weight: &dyn Fn(u8) -> Option<f64>,
) -> &'a str {
    let name = tag_name(&html[1..]);
    let mut attributes = Attributes::default();
    let mut written = crate::html::Attributes::new(&html[1 + name.len()..]);
    for (attribute, value) in written.by_ref() {
        match attribute.to_ascii_lowercase().as_str() {
            "id" => attributes.id = Some(value),
            "src" => attributes.src = Some(value),
            "alt" => attributes.alt = Some(value),
            "data-pagefind-ignore" => attributes.ignore = Some(value),
            "data-pagefind-weight" => {
                attributes.weight = Some(Weight::Explicit(value.trim().parse().unwrap_or(1.0)))
            }
            _ => {}
        }
    }
    let (mut rest, self_closing) = (written.rest(), written.self_closing());
    if attributes.weight.is_none() {
        let level = name
            .strip_prefix('h')
            .and_then(|level| level.parse::<u8>().ok())
            .filter(|level| (2..=6).contains(level));
        if let Some(weight) = level.and_then(heading_weight) {
            attributes.weight = Some(Weight::Explicit(weight));
        }
    }
    digest.open(&name, &attributes);
    if self_closing && !is_void(&name) {
        digest.close(&name);
    }
    if is_raw_text(&name) {
        let end = find_end_tag(rest, &name);
        digest.text(&rest[..end]);
        digest.close(&name);
        rest = &rest[end..];
        rest = rest.find('>').map_or("", |gt| &rest[gt + 1..]);
    }
    rest
}

/// Where `</name` starts in `text`, in any letter case (or its end).
fn find_end_tag(text: &str, name: &str) -> usize {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = text[from..].find("</") {
        let at = from + found;
        let candidate = &bytes[at + 2..];
        if candidate.len() >= name.len()
            && candidate[..name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return at;
        }
        from = at + 2;
    }
    text.len()
}
