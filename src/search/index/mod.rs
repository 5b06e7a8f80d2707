//! Waymark's search indexer. It writes the files of Pagefind 1.6.0 (whose browser runtime
//! Waymark ships, see [`format::PAGEFIND_VERSION`]) from Waymark's own page text: each
//! page is read and its words stemmed on the thread that rendered it ([`index_page`]),
//! then [`write`] merges the pages' words into one word index, cuts it into chunks the
//! browser loads on demand and encodes them in parallel. The format is Pagefind's
//! internal one: `tests/search_format.rs` compares it with what the `pagefind` crate
//! writes, and guards any upgrade.

#[cfg(test)]
pub mod decode;
mod digest;
mod format;
mod page;
mod words;

pub use format::PAGEFIND_VERSION;
pub use page::{index_page, IndexedPage};

use format::{
    Entry, EntryLanguage, FilterIndex, MetaChunk, MetaFilter, MetaIndex, MetaPage, PackedPage,
    PackedValue, PackedVariant, PackedWord, WordIndex,
};
use include_dir::{include_dir, Dir};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

/// Pagefind's browser runtime: its scripts (as Pagefind 1.6.0 writes them) and its
/// WebAssembly, one build per stemming language and one without stemming.
static RUNTIME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/src/search/runtime");

/// How many locations (and words) a chunk of the word index holds before the next chunk
/// starts. Pagefind's default is 20,000; a query loads every chunk its words fall in, so
/// a smaller chunk keeps the first query light (see the README's search figures).
const CHUNK_SIZE: usize = 20_000;

/// The files of the index of `pages` (in page order) in `language`, by their path in
/// the index's folder.
pub fn write(pages: Vec<Arc<IndexedPage>>, language: &str) -> Vec<(String, Vec<u8>)> {
    write_chunked(pages, language, CHUNK_SIZE)
}

fn write_chunked(
    pages: Vec<Arc<IndexedPage>>,
    language: &str,
    chunk_size: usize,
) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let meta_fields: Vec<String> = pages
        .iter()
        .flat_map(|page| page.meta_fields.iter().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut meta = MetaIndex {
        version: PAGEFIND_VERSION.to_string(),
        pages: Vec::with_capacity(pages.len()),
        index_chunks: Vec::new(),
        filters: Vec::new(),
        sorts: Vec::new(),
        meta_fields,
    };
    let mut words: HashMap<String, PackedWord> = HashMap::new();
    let mut filters: BTreeMap<String, BTreeMap<String, Vec<usize>>> = BTreeMap::new();
    let mut fragment_names = HashSet::new();
    for (number, page) in pages.into_iter().enumerate() {
        let page = Arc::try_unwrap(page).unwrap_or_else(|shared| (*shared).clone());
        let fields: Vec<i32> = page
            .meta_fields
            .iter()
            .map(|field| meta.meta_fields.binary_search(field).unwrap_or(0) as i32)
            .collect();
        for word in page.words {
            add_word(&mut words, word, number, &fields);
        }
        for (filter, value) in page.filters {
            filters
                .entry(filter)
                .or_default()
                .entry(value)
                .or_default()
                .push(number);
        }
        let name = unique_prefix(&page.fragment_hash, language.len() + 8, &fragment_names);
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
        files.push((format!("filter/{name}.pf_filter"), format::compress(&index)));
        meta.filters.push(MetaFilter { filter, hash: name });
    }

    let chunks = chunk_words(words, chunk_size);
    meta.index_chunks = chunk_ranges(&chunks);
    let encoded: Vec<(String, Vec<u8>)> = chunks
        .into_par_iter()
        .map(|chunk| {
            let index = format::cbor(&WordIndex {
                words: chunk.into_iter().map(delta_encode_pages).collect(),
            });
            let hash = format!("{language}_{}", format::full_hash(&index));
            (hash, format::compress(&index))
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
        format::compress(&meta_index),
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

/// Adds one page's locations of a word to the index.
fn add_word(
    words: &mut HashMap<String, PackedWord>,
    word: page::PageWord,
    page_number: usize,
    fields: &[i32],
) {
    // Metadata fields were numbered per page: number them as the site's.
    let on_page = |mut page: PackedPage| {
        page.page_number = page_number;
        for loc in &mut page.meta_locs {
            if *loc < 0 {
                *loc = -fields.get((-*loc - 1) as usize).copied().unwrap_or(0) - 1;
            }
        }
        page
    };
    let entry = words
        .entry(word.word)
        .or_insert_with_key(|word| PackedWord {
            word: word.clone(),
            pages: Vec::new(),
            additional_variants: Vec::new(),
        });
    entry.pages.extend(word.plain.map(on_page));
    for (form, page) in word.variants {
        let page = on_page(page);
        match entry
            .additional_variants
            .iter_mut()
            .find(|variant| variant.form == form)
        {
            Some(variant) => variant.pages.push(page),
            None => entry.additional_variants.push(PackedVariant {
                form,
                pages: vec![page],
            }),
        }
    }
}

/// The words in order, cut into chunks of about `chunk_size` locations each.
fn chunk_words(words: HashMap<String, PackedWord>, chunk_size: usize) -> Vec<Vec<PackedWord>> {
    let mut words: Vec<PackedWord> = words.into_values().collect();
    words.par_sort_unstable_by(|a, b| a.word.cmp(&b.word));
    let mut chunks = Vec::new();
    let mut chunk = Vec::new();
    let mut size = 0;
    for word in words {
        size += word
            .pages
            .iter()
            .chain(word.additional_variants.iter().flat_map(|v| &v.pages))
            .map(|p| p.locs.len() + p.meta_locs.len() + 1)
            .sum::<usize>()
            + word.additional_variants.len();
        chunk.push(word);
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
fn chunk_ranges(chunks: &[Vec<PackedWord>]) -> Vec<MetaChunk> {
    let mut ranges: Vec<MetaChunk> = chunks
        .iter()
        .map(|chunk| MetaChunk {
            from: chunk.first().map_or(String::new(), |w| w.word.clone()),
            to: chunk.last().map_or(String::new(), |w| w.word.clone()),
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

/// Page numbers written as the difference from the previous page's.
fn delta_encode_pages(mut word: PackedWord) -> PackedWord {
    let delta = |pages: &mut Vec<PackedPage>| {
        let mut last = 0;
        for page in pages {
            let number = page.page_number;
            page.page_number = number - last;
            last = number;
        }
    };
    delta(&mut word.pages);
    for variant in &mut word.additional_variants {
        delta(&mut variant.pages);
    }
    word
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
