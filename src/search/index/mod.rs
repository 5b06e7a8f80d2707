//! Waymark's search indexer. It writes the files of Pagefind 1.6.0 (whose browser runtime
//! Waymark ships, see [`PAGEFIND_VERSION`]) from Waymark's own page text: each page is
//! read and its words stemmed on the thread that rendered it ([`index_page`]) and merged
//! at once into the word index ([`Index::add`], pages in any order), which [`Index::write`]
//! cuts into chunks the browser loads on demand and encodes in parallel. The format is
//! Pagefind's internal one: the tests compare it with what the `pagefind` crate writes,
//! and guard any upgrade.

#[cfg(test)]
pub mod decode;
mod digest;
mod format;
mod page;
mod words;

pub use format::PAGEFIND_VERSION;
pub use page::{index_page, IndexedPage};

use format::{
    Effort, Entry, EntryLanguage, FilterIndex, MetaChunk, MetaFilter, MetaIndex, MetaPage,
    PackedValue, WordIndexWriter,
};
use include_dir::{include_dir, Dir};
use rayon::prelude::*;
use rustc_hash::FxBuildHasher;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::hash::BuildHasher;
use std::sync::Arc;

/// Pagefind's browser runtime (MIT licence, <https://pagefind.app>): its scripts as
/// Pagefind 1.6.0 writes them, and its WebAssembly, one build per stemming language and
/// one without stemming.
static RUNTIME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/src/search/runtime");

/// How many locations (and words) a chunk of the word index holds before the next chunk
/// starts. Pagefind's default is 20,000; a query loads every chunk its words fall in, so
/// a smaller chunk keeps the first query light (see the README's search figures).
const CHUNK_SIZE: usize = 20_000;

/// How many hexadecimal digits of its content hash name a fragment, at least (Pagefind
/// takes 7, after the language and `_`). The metadata every query loads first lists every
/// page's fragment name, which no compressor shortens: on 10,000 pages each digit costs
/// about 5 KB of that download. Two fragments whose names would be the same get longer
/// ones, the later in page order the longer, as Pagefind does; the runtime only puts the
/// name into the fragment's URL.
const FRAGMENT_NAME_DIGITS: usize = 4;

/// The index being put together: pages come in any order, each with its position in the
/// site's page order, which numbers them once all are in.
#[derive(Default)]
pub struct Index {
    /// By position; `None` for the positions of pages not (or not yet) in.
    pages: Vec<Option<PageSummary>>,
    words: Words,
}

/// Each word with its postings, found by the word's text: a word already in is found
/// without a copy of the page's reference to it (millions of lookups).
#[derive(Default)]
struct Words(hashbrown::HashTable<(Arc<str>, Postings)>);

impl Words {
    /// The postings of `word`, empty ones if it is new.
    fn postings(&mut self, word: &Arc<str>) -> &mut Postings {
        let hash = FxBuildHasher.hash_one(&**word);
        let entry = self.0.entry(
            hash,
            |(known, _)| **known == **word,
            |(known, _)| FxBuildHasher.hash_one(&**known),
        );
        &mut entry
            .or_insert_with(|| (word.clone(), Postings::default()))
            .into_mut()
            .1
    }
}

/// What the index keeps of a page besides its words.
struct PageSummary {
    fragment: Vec<u8>,
    fragment_hash: String,
    word_count: usize,
    filters: Vec<(String, String)>,
    meta_fields: Vec<String>,
}

/// The pages a word is on, with all their locations in one vector, so that writing the
/// word reads them in one sweep: the index holds millions of these, so each costs 16
/// bytes and no allocation of its own.
#[derive(Default)]
struct Postings {
    plain: Vec<Posting>,
    variants: Vec<Variant>,
    locations: Vec<i32>,
}

/// A form of the word with diacritics; Pagefind lists them in the order it first met
/// them: by page, then by their order on that page.
struct Variant {
    form: Box<str>,
    first_seen: (u32, u32),
    postings: Vec<Posting>,
}

/// The page at `position` has the word's `text` and `meta` locations from `start` in the
/// word's locations.
#[derive(Clone, Copy)]
struct Posting {
    position: u32,
    start: u32,
    text: u32,
    meta: u32,
}

impl Index {
    /// Adds the page at `position` in the site's page order.
    pub fn add(&mut self, position: usize, page: &IndexedPage) {
        let position32 = position as u32;
        let mut start = 0;
        let mut variants_of_word = 0;
        let mut previous_word: Option<&str> = None;
        for entry in &page.entries {
            if previous_word != Some(&entry.word) {
                variants_of_word = 0;
                previous_word = Some(&entry.word);
            }
            let postings = self.words.postings(&entry.word);
            let length = (entry.text + entry.meta) as usize;
            let posting = Posting {
                position: position32,
                start: postings.locations.len() as u32,
                text: entry.text,
                meta: entry.meta,
            };
            postings
                .locations
                .extend_from_slice(&page.locations[start..start + length]);
            start += length;
            let Some(form) = &entry.form else {
                postings.plain.push(posting);
                continue;
            };
            match postings.variants.iter_mut().find(|v| v.form == *form) {
                Some(variant) => {
                    variant.first_seen = variant.first_seen.min((position32, variants_of_word));
                    variant.postings.push(posting);
                }
                None => postings.variants.push(Variant {
                    form: form.clone(),
                    first_seen: (position32, variants_of_word),
                    postings: vec![posting],
                }),
            }
            variants_of_word += 1;
        }
        if self.pages.len() <= position {
            self.pages.resize_with(position + 1, || None);
        }
        self.pages[position] = Some(PageSummary {
            fragment: page.fragment.clone(),
            fragment_hash: page.fragment_hash.clone(),
            word_count: page.word_count,
            filters: page.filters.clone(),
            meta_fields: page.meta_fields.clone(),
        });
    }

    /// The files of the index in `language`, by their path in the index's folder.
    pub fn write(self, language: &str) -> Vec<(String, Vec<u8>)> {
        self.write_chunked(language, CHUNK_SIZE)
    }

    fn write_chunked(self, language: &str, chunk_size: usize) -> Vec<(String, Vec<u8>)> {
        let mut files = Vec::new();
        let meta_fields: Vec<String> = self
            .pages
            .iter()
            .flatten()
            .flat_map(|page| page.meta_fields.iter().cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut meta = MetaIndex {
            version: PAGEFIND_VERSION.to_string(),
            pages: Vec::with_capacity(self.pages.len()),
            index_chunks: Vec::new(),
            filters: Vec::new(),
            sorts: Vec::new(),
            meta_fields,
        };
        // Pages are numbered in page order; each numbers its metadata fields as the site.
        let mut numbers: Vec<Option<(usize, Vec<i32>)>> = vec![None; self.pages.len()];
        let mut filters: BTreeMap<String, BTreeMap<String, Vec<usize>>> = BTreeMap::new();
        let mut fragment_names = HashSet::new();
        let pages = self.pages.into_iter().enumerate();
        let present = pages.filter_map(|(position, page)| Some((position, page?)));
        for (number, (position, page)) in present.enumerate() {
            let fields = page
                .meta_fields
                .iter()
                .map(|field| meta.meta_fields.binary_search(field).unwrap_or(0) as i32)
                .collect();
            numbers[position] = Some((number, fields));
            for (filter, value) in page.filters {
                let pages = filters.entry(filter).or_default().entry(value).or_default();
                pages.push(number);
            }
            let name = unique_prefix(
                &page.fragment_hash,
                language.len() + 1 + FRAGMENT_NAME_DIGITS,
                &fragment_names,
            );
            fragment_names.insert(name.clone());
            files.push((format!("fragment/{name}.pf_fragment"), page.fragment));
            meta.pages.push(MetaPage {
                hash: name,
                word_count: page.word_count as u32,
                group_hash: String::new(),
            });
        }
        let page_count = meta.pages.len();

        let mut filter_names = HashSet::new();
        for (filter, values) in filters {
            let index = format::cbor(&FilterIndex {
                filter: filter.clone(),
                values: values
                    .into_iter()
                    .map(|(value, pages)| PackedValue { value, pages })
                    .collect(),
            });
            let hash = format!("{language}_{}", format::full_hash(&index));
            let name = unique_prefix(&hash, language.len() + 8, &filter_names);
            filter_names.insert(name.clone());
            files.push((
                format!("filter/{name}.pf_filter"),
                format::compress(&index, Effort::Small),
            ));
            meta.filters.push(MetaFilter { filter, hash: name });
        }

        let chunks = chunk_words(self.words, chunk_size);
        meta.index_chunks = chunk_ranges(&chunks);
        let encoded: Vec<(String, Vec<u8>)> = chunks
            .into_par_iter()
            .map(|chunk| {
                let index = encode_chunk(chunk, &numbers);
                let hash = format!("{language}_{}", format::full_hash(&index));
                (hash, format::compress(&index, Effort::Small))
            })
            .collect();
        let mut chunk_names = HashSet::new();
        for ((hash, compressed), range) in encoded.into_iter().zip(&mut meta.index_chunks) {
            let name = unique_prefix(&hash, language.len() + 8, &chunk_names);
            chunk_names.insert(name.clone());
            files.push((format!("index/{name}.pf_index"), compressed));
            range.hash = name;
        }

        let meta_index = format::cbor(&meta);
        let meta_hash = format!(
            "{language}_{}",
            prefix(&format::full_hash(&meta_index), language.len() + 8)
        );
        files.push((
            format!("pagefind.{meta_hash}.pf_meta"),
            format::compress(&meta_index, Effort::Smallest),
        ));
        let stemming = stemming_wasm(language);
        if let Some(wasm) = stemming {
            files.push((format!("wasm.{language}.pagefind"), wasm.to_vec()));
        }
        let entry = Entry {
            version: PAGEFIND_VERSION,
            languages: BTreeMap::from([(
                language,
                EntryLanguage {
                    hash: meta_hash,
                    wasm: stemming.map(|_| language.to_string()),
                    page_count,
                },
            )]),
            include_characters: &words::WORD_SYMBOLS,
        };
        files.push((
            "pagefind-entry.json".to_string(),
            serde_json::to_vec(&entry).expect("the entry is plain data"),
        ));
        files.extend(runtime_files());
        files
    }
}

/// A chunk of the word index as Pagefind writes it: each word's pages in page order,
/// numbered as differences from the previous one, and its variants in the order Pagefind
/// met them.
fn encode_chunk(
    chunk: Vec<(Arc<str>, Postings)>,
    numbers: &[Option<(usize, Vec<i32>)>],
) -> Vec<u8> {
    let mut writer = WordIndexWriter::new(chunk.len());
    let mut meta_locs = Vec::new();
    let mut write_pages =
        |writer: &mut WordIndexWriter, list: &mut [Posting], locations: &[i32]| {
            list.sort_unstable_by_key(|posting| posting.position);
            let mut last = 0;
            for posting in list.iter() {
                let position = posting.position as usize;
                let (number, fields) = numbers[position].as_ref().expect("the page is in");
                let start = posting.start as usize;
                let text_end = start + posting.text as usize;
                meta_locs.clear();
                meta_locs.extend(
                    locations[text_end..text_end + posting.meta as usize]
                        .iter()
                        .map(|&loc| match loc {
                            // Metadata fields were numbered per page.
                            field if field < 0 => -fields[(-field - 1) as usize] - 1,
                            position => position,
                        }),
                );
                writer.page(number - last, &locations[start..text_end], &meta_locs);
                last = *number;
            }
        };
    for (word, mut postings) in chunk {
        writer.word(&word, postings.plain.len());
        write_pages(&mut writer, &mut postings.plain, &postings.locations);
        postings
            .variants
            .sort_unstable_by_key(|variant| variant.first_seen);
        writer.variants(postings.variants.len());
        for variant in &mut postings.variants {
            writer.variant(&variant.form, variant.postings.len());
            write_pages(&mut writer, &mut variant.postings, &postings.locations);
        }
    }
    writer.finish()
}

/// The words in order, cut into chunks of about `chunk_size` locations each. A word that
/// fills a chunk by itself (one on nearly every page) gets a chunk of its own, as
/// Pagefind would give it only by chance: a search for it then downloads it alone rather
/// than with the words before it (on a 10,000-page guide, 148 KB rather than 167).
fn chunk_words(words: Words, chunk_size: usize) -> Vec<Vec<(Arc<str>, Postings)>> {
    let mut words: Vec<(Arc<str>, Postings)> = words.0.into_iter().collect();
    words.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut chunks = Vec::new();
    let mut chunk = Vec::new();
    let mut size = 0;
    for (word, postings) in words {
        let posted = postings
            .plain
            .iter()
            .chain(postings.variants.iter().flat_map(|v| &v.postings))
            .map(|p| (p.text + p.meta + 1) as usize)
            .sum::<usize>()
            + postings.variants.len();
        if posted >= chunk_size && !chunk.is_empty() {
            chunks.push(std::mem::take(&mut chunk));
            size = 0;
        }
        size += posted;
        chunk.push((word, postings));
        if size >= chunk_size {
            chunks.push(std::mem::take(&mut chunk));
            size = 0;
        }
    }
    if !chunk.is_empty() {
        chunks.push(chunk);
    }
    chunks
}

/// The range of words each chunk covers, cut to the shortest prefixes that still tell
/// neighbouring chunks apart.
fn chunk_ranges(chunks: &[Vec<(Arc<str>, Postings)>]) -> Vec<MetaChunk> {
    let mut ranges: Vec<MetaChunk> = chunks
        .iter()
        .map(|chunk| MetaChunk {
            from: chunk.first().map_or(String::new(), |w| w.0.to_string()),
            to: chunk.last().map_or(String::new(), |w| w.0.to_string()),
            hash: String::new(),
        })
        .collect();
    for i in 1..ranges.len() {
        let (before, after) = ranges.split_at_mut(i);
        let (previous, next) = (&mut before[i - 1], &mut after[0]);
        let common = next
            .from
            .chars()
            .zip(previous.to.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let to: String = previous.to.chars().take(common + 1).collect();
        // Only where that keeps the range in order.
        if to >= previous.from {
            previous.to = to;
        }
        next.from = next.from.chars().take(common + 1).collect();
    }
    ranges
}

/// The first `length` characters of `hash`, longer while they name another file.
fn unique_prefix(hash: &str, length: usize, taken: &HashSet<String>) -> String {
    let mut length = length;
    while length < hash.len() && taken.contains(prefix(hash, length)) {
        length += 1;
    }
    prefix(hash, length).to_string()
}

fn prefix(text: &str, length: usize) -> &str {
    &text[..length.min(text.len())]
}

/// Pagefind's WebAssembly for `language`, with its stemmer, if it has one.
fn stemming_wasm(language: &str) -> Option<&'static [u8]> {
    let base = language.split('-').next().unwrap_or_default();
    RUNTIME
        .get_file(format!(
            "wasm/pagefind_web_bg.{base}.{PAGEFIND_VERSION}.wasm.gz"
        ))
        .map(|file| file.contents())
        .filter(|_| base != "unknown")
}

/// The scripts and the WebAssembly without stemming, the same for every site.
fn runtime_files() -> Vec<(String, Vec<u8>)> {
    let file = |path: &str| {
        RUNTIME
            .get_file(path)
            .expect("the runtime is bundled")
            .contents()
            .to_vec()
    };
    vec![
        ("pagefind.js".to_string(), file("pagefind.js")),
        ("pagefind-worker.js".to_string(), file("pagefind-worker.js")),
        (
            "wasm.unknown.pagefind".to_string(),
            file(&format!(
                "wasm/pagefind_web_bg.unknown.{PAGEFIND_VERSION}.wasm.gz"
            )),
        ),
    ]
}

#[cfg(test)]
mod tests;
