//! One page's part of the index, made on the thread that rendered the page: its words
//! with their positions and weights (Pagefind 1.6.0's `fossick/mod.rs`), metadata words,
//! filters and its compressed fragment.

use super::digest::{
    self, Attributes, Digest, Weight, ANCHOR_MARKER, AUTO_WEIGHT_MARKER, END_WEIGHT_MARKER,
    WEIGHT_MARKER,
};
use super::format::{self, Anchor, Fragment};
use super::words;
use crate::markdown::escape;
use crate::search::Document;
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

const TITLE_WEIGHT: f64 = 10.0;
const TAGS_WEIGHT: f64 = 5.0;
const DESCRIPTION_WEIGHT: f64 = 4.0;
/// Pagefind keeps weights as bytes: 1 is 24, the maximum of 10 is 240.
const WEIGHT_SCALE: f32 = 24.0;
/// The weight that needs no marker in a page's locations (Pagefind's, although text
/// outside headings weighs 24).
const UNMARKED_WEIGHT: u8 = 25;

/// One page's contribution to the index.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexedPage {
    /// `fragment/*.pf_fragment`, compressed.
    pub fragment: Vec<u8>,
    /// The fragment's hash, which names it.
    pub fragment_hash: String,
    pub word_count: usize,
    /// `(filter, value)` in page order.
    pub filters: Vec<(String, String)>,
    /// The names of the page's metadata, sorted: `meta_locs` number fields in this order.
    pub meta_fields: Vec<String>,
    /// Each word on the page and each of its forms with diacritics, in Pagefind's order
    /// (a word's plain form first).
    pub entries: Vec<PageEntry>,
    /// The entries' locations one after the other, encoded as in [`format::PackedPage`]:
    /// each entry's `locs`, then its `meta_locs`.
    pub locations: Vec<i32>,
}

/// One form of a word on a page; its locations are the next `text + meta` of the page's.
#[derive(Debug, Clone, PartialEq)]
pub struct PageEntry {
    pub word: Arc<str>,
    /// The form with diacritics, `None` for the word as indexed.
    pub form: Option<Box<str>>,
    pub text: u32,
    pub meta: u32,
}

/// The words of the page being read, numbered in the order they first appear, and
/// every place of each: one per thread, reused from page to page.
#[derive(Default)]
struct PageWords {
    /// The memo's number of each word, by its number on the page.
    words: Vec<u32>,
    /// Whether the word is anywhere in a form with diacritics, by its number on the page.
    has_forms: Vec<bool>,
    /// The number on the page of each of the memo's words, [`NOT_ON_PAGE`] if none.
    numbers: Vec<u32>,
    text: Vec<TextPlace>,
    meta: Vec<MetaPlace>,
}

const NOT_ON_PAGE: u32 = u32::MAX;

/// A word of the text: the word by its number on the page, its form (the memo's number,
/// or [`words::Entry::PLAIN`]), its position among the page's words and its weight.
#[derive(Clone, Copy)]
struct TextPlace {
    word: u32,
    form: u32,
    position: u32,
    weight: u8,
}

/// A word of the metadata: `position` among the words of metadata field `field`.
#[derive(Clone, Copy)]
struct MetaPlace {
    word: u32,
    form: u32,
    field: u16,
    position: u32,
}

thread_local! {
    static PAGE_WORDS: RefCell<PageWords> = RefCell::default();
}

impl PageWords {
    /// The number on the page of `entry`'s word, numbering it if it is new.
    fn number(&mut self, entry: &words::Entry) -> u32 {
        let memo_number = entry.word as usize;
        if memo_number >= self.numbers.len() {
            self.numbers.resize(memo_number + 1, NOT_ON_PAGE);
        }
        let number = &mut self.numbers[memo_number];
        if *number == NOT_ON_PAGE {
            *number = self.words.len() as u32;
            self.words.push(entry.word);
            self.has_forms.push(false);
        }
        let number = *number;
        if entry.form != words::Entry::PLAIN {
            self.has_forms[number as usize] = true;
        }
        number
    }

    fn add_text(&mut self, entry: &words::Entry, position: u32, weight: u8) {
        let word = self.number(entry);
        self.text.push(TextPlace {
            word,
            form: entry.form,
            position,
            weight,
        });
    }

    fn add_meta(&mut self, entry: &words::Entry, field: u16, position: u32) {
        let word = self.number(entry);
        self.meta.push(MetaPlace {
            word,
            form: entry.form,
            field,
            position,
        });
    }

    /// Forgets the page, keeping the memory for the next.
    fn clear(&mut self) {
        for &memo_number in &self.words {
            self.numbers[memo_number as usize] = NOT_ON_PAGE;
        }
        self.words.clear();
        self.has_forms.clear();
        self.text.clear();
        self.meta.clear();
    }
}

/// The page's part of the index in `language`; `None` for a page without words (Pagefind
/// leaves those out).
pub fn index_page(document: &Document, language: &str) -> Option<IndexedPage> {
    let (digest, mut meta, filters) = read(document);
    if let Some((src, alt)) = &digest.image {
        if !meta.contains_key("image") {
            meta.insert("image".into(), normalize_content(src));
            meta.insert("image_alt".into(), normalize_content(alt));
        }
    }
    let text = html_escape::decode_html_entities(&digest.text);
    let ((content, anchors, word_count), (entries, locations)) =
        words::with_memo(language, |memo| {
            PAGE_WORDS.with_borrow_mut(|words| {
                let read = read_words(&text, &digest, memo, words);
                read_meta_words(&meta, memo, words);
                let entries = entries(words, memo);
                words.clear();
                (read, entries)
            })
        });
    if entries.is_empty() {
        return None;
    }
    let mut filter_values: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (filter, value) in &filters {
        filter_values
            .entry(filter.clone())
            .or_default()
            .push(value.clone());
    }
    let json = serde_json::to_string(&Fragment {
        url: &document.url,
        content: &content,
        word_count,
        filters: &filter_values,
        meta: &meta,
        anchors: &anchors,
    })
    .expect("a fragment is plain data");
    Some(IndexedPage {
        fragment: format::compress(json.as_bytes(), format::Effort::Fast),
        fragment_hash: format!("{language}_{}", format::full_hash(json.as_bytes())),
        word_count,
        filters,
        meta_fields: meta.into_keys().collect(),
        entries,
        locations,
    })
}

/// The page as Pagefind would read the HTML Waymark used to give it: the title (weight 10,
/// `title` metadata), the date (`last_updated` metadata), the description (4), the tags
/// (5, `tag` filter) and the body; `boost` scales every weight.
fn read(document: &Document) -> (Digest, BTreeMap<String, String>, Vec<(String, String)>) {
    let boost = document.boost;
    let weighted = |base: f64| Attributes {
        weight: Some(Weight::Explicit(base * boost)),
        ..Attributes::default()
    };
    let mut digest = Digest::default();
    let mut meta = BTreeMap::new();
    let mut filters = Vec::new();

    let title = escape(&document.title);
    digest.open("h1", &weighted(TITLE_WEIGHT));
    digest.text(&title);
    digest.close("h1");
    if !title.is_empty() {
        meta.insert("title".to_string(), normalize_content(&title));
    }
    if let Some(date) = &document.last_updated {
        meta.insert("last_updated".to_string(), normalize_content(&escape(date)));
    }
    if let Some(description) = &document.description {
        digest.open("p", &weighted(DESCRIPTION_WEIGHT));
        digest.text(&escape(description));
        digest.close("p");
    }
    if !document.tags.is_empty() {
        digest.open("p", &weighted(TAGS_WEIGHT));
        for tag in &document.tags {
            let tag = escape(tag);
            digest.open("span", &Attributes::default());
            digest.text(&tag);
            digest.close("span");
            if !tag.is_empty() {
                filters.push(("tag".to_string(), normalize_content(&tag)));
            }
            digest.text(" ");
        }
        digest.close("p");
    }
    let unboosted = boost == 1.0;
    if unboosted {
        digest.open("div", &Attributes::default());
    } else {
        digest.open("div", &weighted(1.0));
    }
    // Headings weigh Pagefind's defaults (h2 6 to h6 2) times the boost.
    let heading_weight = |level: u8| (!unboosted).then(|| f64::from(8 - level) * boost);
    digest::walk(&document.body.html, &mut digest, &heading_weight);
    digest.close("div");
    (digest.finish(), meta, filters)
}

/// Reads the words of `text` (the digest, decoded) into `words`; returns the page's text
/// for excerpts, its anchors and its word count.
fn read_words(
    text: &str,
    digest: &Digest,
    memo: &mut words::Memo,
    words: &mut PageWords,
) -> (String, Vec<Anchor>, usize) {
    let mut content = String::with_capacity(text.len());
    let mut anchors = Vec::new();
    let mut position: u32 = 0;
    let mut weights: Vec<u8> = vec![WEIGHT_SCALE as u8];
    // Looked for once a page rather than in every word.
    let has_zero_width_spaces = text.contains('\u{200B}');
    for word in text.split_whitespace() {
        if word.starts_with('_') && read_marker(word, digest, position, &mut anchors, &mut weights)
        {
            continue;
        }
        // Zero-width spaces are left out of the index.
        let word = if has_zero_width_spaces && word.contains('\u{200B}') {
            Cow::Owned(word.replace('\u{200B}', ""))
        } else {
            Cow::Borrowed(word)
        };
        if word.is_empty() {
            continue;
        }
        content.push_str(&word);
        content.push(' ');
        let weight = *weights.last().unwrap_or(&1);
        let entries = memo.text_entries(&word);
        let compound_parts = entries.iter().filter(|w| w.is_compound_part).count();
        let part_weight = if compound_parts > 0 && weight > 0 {
            (weight / u8::try_from(compound_parts).unwrap_or(u8::MAX)).max(1)
        } else {
            0
        };
        for entry in entries.iter() {
            let weight = if entry.is_compound_part {
                part_weight
            } else {
                weight
            };
            words.add_text(entry, position, weight);
        }
        position += 1;
    }
    content.pop();
    (content, anchors, position.max(1) as usize)
}

/// Reads `word` if it is one of the digest's markers (an anchor, the start or end of a
/// weight); false for a word of the text.
fn read_marker(
    word: &str,
    digest: &Digest,
    position: u32,
    anchors: &mut Vec<Anchor>,
    weights: &mut Vec<u8>,
) -> bool {
    if let Some(marker) = word.strip_prefix(ANCHOR_MARKER) {
        anchors.extend(anchor(marker, digest, position));
        return true;
    }
    if let Some(weight) = word.strip_prefix(WEIGHT_MARKER) {
        let weight = weight.parse::<f32>().unwrap_or(1.0);
        weights.push(if weight <= 0.0 {
            0
        } else {
            ((weight.clamp(0.0, 10.0) * WEIGHT_SCALE) as u8).max(1)
        });
        return true;
    }
    if let Some(weight) = word.strip_prefix(AUTO_WEIGHT_MARKER) {
        // A heading inside an explicitly weighted element weighs what that does.
        let inherited = *weights.last().unwrap_or(&0);
        weights.push(if weights.len() == 1 {
            let weight = weight.parse::<f32>().unwrap_or(1.0);
            (weight.clamp(0.0, 10.0) * WEIGHT_SCALE) as u8
        } else {
            inherited
        });
        return true;
    }
    if word.starts_with(END_WEIGHT_MARKER) {
        weights.pop();
        return true;
    }
    false
}

/// Reads the words of the page's metadata into `words`, numbering the fields in order.
fn read_meta_words(meta: &BTreeMap<String, String>, memo: &mut words::Memo, words: &mut PageWords) {
    for (field, value) in meta.values().enumerate() {
        for (position, word) in value.split_whitespace().enumerate() {
            for entry in &memo.meta_entries(word) {
                words.add_meta(entry, field as u16, position as u32);
            }
        }
    }
}

/// The anchor of a marker `element:number:id` found before word `position`.
fn anchor(marker: &str, digest: &Digest, position: u32) -> Option<Anchor> {
    let (element, numbered) = marker.split_once(':')?;
    let (number, id) = numbered.split_once(':')?;
    let text = number
        .parse()
        .ok()
        .and_then(|number: usize| digest.anchor_text.get(&number))
        .map(|text| normalize_content(&normalize_content(text)))
        .unwrap_or_default();
    Some(Anchor {
        element: element.to_string(),
        id: id.to_string(),
        text,
        location: position,
    })
}

/// The page's entries and their locations: each word's plain form (if it is on the page
/// as written), then its forms with diacritics, those in the text before those only in
/// the metadata.
fn entries(words: &mut PageWords, memo: &words::Memo) -> (Vec<PageEntry>, Vec<i32>) {
    let count = words.words.len();
    let mut entries = Vec::with_capacity(count);
    let mut locations = Vec::with_capacity(words.text.len() + words.meta.len() + count);
    // The places of each word together, still in reading order: counted, then placed.
    let mut starts = vec![0; count + 1];
    for place in &words.text {
        starts[place.word as usize + 1] += 1;
    }
    for word in 0..count {
        starts[word + 1] += starts[word];
    }
    let mut next = starts.clone();
    let mut text = words.text.clone();
    for place in &words.text {
        let slot = &mut next[place.word as usize];
        text[*slot] = *place;
        *slot += 1;
    }
    // Few: sorted, and kept in reading order within a word.
    words.meta.sort_by_key(|place| place.word);
    let mut meta = words.meta.as_mut_slice();
    for (number, &memo_number) in words.words.iter().enumerate() {
        let word_text = &mut text[starts[number]..starts[number + 1]];
        let meta_count = meta
            .iter()
            .position(|place| place.word as usize != number)
            .unwrap_or(meta.len());
        let (word_meta, rest) = meta.split_at_mut(meta_count);
        meta = rest;
        let word = memo.word(memo_number);
        if !words.has_forms[number] {
            let (text, meta) = pack(word_text, word_meta, &mut locations);
            entries.push(PageEntry {
                word: word.clone(),
                form: None,
                text,
                meta,
            });
            continue;
        }
        let mut forms: BTreeMap<Option<&str>, (Vec<TextPlace>, Vec<MetaPlace>)> = BTreeMap::new();
        let form_of = |form: u32| (form != words::Entry::PLAIN).then(|| memo.form(form));
        for place in word_text.iter() {
            forms.entry(form_of(place.form)).or_default().0.push(*place);
        }
        for place in word_meta.iter() {
            forms.entry(form_of(place.form)).or_default().1.push(*place);
        }
        let mut forms: Vec<_> = forms.into_iter().collect();
        // The plain form (`None`) sorts first, and stays there.
        let plain = usize::from(forms[0].0.is_none());
        forms[plain..].sort_by_key(|(_, (text, _))| text.is_empty());
        for (form, (mut form_text, mut form_meta)) in forms {
            let (text, meta) = pack(&mut form_text, &mut form_meta, &mut locations);
            entries.push(PageEntry {
                word: word.clone(),
                form: form.map(Into::into),
                text,
                meta,
            });
        }
    }
    (entries, locations)
}

/// Appends Pagefind's encoding of a word's places on a page ([`format::PackedPage`]) to
/// `out`: the text's sorted by weight, the unmarked weight first, then by position; then
/// the metadata's. Returns how many numbers each took.
fn pack(text: &mut [TextPlace], meta: &mut [MetaPlace], out: &mut Vec<i32>) -> (u32, u32) {
    let start = out.len();
    // In reading order already, which is all the order needed when one weight is all.
    if text.iter().any(|place| place.weight != text[0].weight) {
        text.sort_by_key(|place| {
            let group = if place.weight == UNMARKED_WEIGHT {
                0
            } else {
                place.weight
            };
            (group, place.position)
        });
    }
    let mut current_weight = UNMARKED_WEIGHT;
    let mut last = 0;
    for place in text.iter() {
        if place.weight != current_weight {
            out.push(-i32::from(place.weight) - 1);
            out.push(place.position as i32);
            current_weight = place.weight;
        } else {
            out.push((place.position - last) as i32);
        }
        last = place.position;
    }
    let text_count = out.len() - start;
    meta.sort_unstable_by_key(|place| (place.field, place.position));
    let mut current_field = None;
    let mut last = 0;
    for place in meta.iter() {
        if current_field != Some(place.field) {
            out.push(-i32::from(place.field) - 1);
            current_field = Some(place.field);
            last = 0;
        }
        out.push((place.position - last) as i32);
        last = place.position;
    }
    (text_count as u32, (out.len() - start - text_count) as u32)
}

/// Pagefind's clean-up of a piece of text: entities decoded, outer white space trimmed,
/// line breaks and runs of white space made one space.
pub fn normalize_content(text: &str) -> String {
    let decoded = html_escape::decode_html_entities(text);
    let mut out = String::with_capacity(decoded.len());
    let mut rest = decoded.trim();
    while let Some(start) = rest.find(char::is_whitespace) {
        out.push_str(&rest[..start]);
        let run = &rest[start..];
        let end = run.find(|c: char| !c.is_whitespace()).unwrap_or(run.len());
        let spaces = &run[..end];
        // A lone space, tab or the like stays; anything longer or with a line break
        // becomes a single space.
        if spaces.chars().count() == 1 && spaces != "\n" {
            out.push_str(spaces);
        } else {
            out.push(' ');
        }
        rest = &run[end..];
    }
    out.push_str(rest);
    out
}
